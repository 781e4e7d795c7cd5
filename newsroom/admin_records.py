"""Admin pages for what happened, as it was recorded (a provider's events, who got a digest):
listed and opened, never added, changed or deleted by hand."""

from django.contrib import admin


class RecordAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
