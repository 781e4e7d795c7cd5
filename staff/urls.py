"""Mounted at /admin/two-factor/ (newsroom/urls.py), ahead of the admin's own URLs."""

from django.urls import include, path

from staff import passkeys, views

steps = [
    path("", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("methods/", views.sign_in_methods, name="devices"),
    path("methods/remove/", views.remove_device, name="remove-device"),
]

urlpatterns = [
    path("", include((steps, "staff"))),
    path("passkeys/", include((passkeys.urlpatterns, "otp_webauthn"))),
]
