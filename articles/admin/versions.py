"""Two people on one page: change forms carry the version they were opened at.

The form (``articles.forms.VersionCheckedForm``) refuses a save from an older version, saying who
saved since and when, and shows again what was typed. This mixin puts the hidden field on the
page and covers the one gap the form's check leaves.
"""

from articles import services
from articles.forms import OPENED_VERSION


class VersionCheckedAdmin:
    """For a ``ModelAdmin`` whose form is a ``VersionCheckedForm``: put it first in the MRO."""

    def get_fieldsets(self, request, obj=None):
        # The hidden field goes on change forms the user may save; a read-only page has no form
        # (and the admin would look the name up as a model field to display).
        editable = obj is not None and self.has_change_permission(request, obj)
        fieldsets = []
        for index, (name, options) in enumerate(super().get_fieldsets(request, obj)):
            fields = [field for field in options["fields"] if field != OPENED_VERSION]
            if editable and index == 0:
                fields.append(OPENED_VERSION)
            fieldsets.append((name, {**options, "fields": fields}))
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.EditConflict:
            # Someone saved between the form's check and this save (only where the database
            # cannot lock the row for the check): nothing was kept. Showing the form again
            # reports the conflict, with what was typed.
            return super().changeform_view(request, object_id, form_url, extra_context)
