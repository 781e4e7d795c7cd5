"""Admin pages whose every change is live at once: for those who may publish only."""

from articles import services


class PublishersOnlyAdmin:
    """Adding, changing and deleting need the right to publish (``services.can_publish``)."""

    def has_add_permission(self, request):
        return services.can_publish(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return services.can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return services.can_publish(request.user) and super().has_delete_permission(request, obj)
