"""The admin's sign-in form: a username longer than any account can have is refused as typed.

Django's ``AuthenticationForm`` puts the username's maximum length on the page but never checks
it, so a username of any length went on to ``authenticate`` and into the record of the failed
sign-in (django-axes keeps usernames in a column of 255 characters: on PostgreSQL a longer one
was a server error).
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator


class AdminSignInForm(AdminAuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators = [*username.validators, MaxLengthValidator(username.max_length)]
