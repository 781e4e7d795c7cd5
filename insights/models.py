"""The dashboard keeps nothing of its own: it reads stories' reads, memberships and newsletter
subscribers (``insights.figures``). This table-less model only carries the permission to see it,
so that it is granted like every other desk permission, to groups (migration 0002)."""

from django.db import models


class Dashboard(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_dashboard", "Can see which stories bring readers, sign-ups and members"),
        ]

    def __str__(self):
        return "Editorial dashboard"
