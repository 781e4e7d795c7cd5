"""The dashboard's addresses, under /admin/insights/ and behind the admin's own sign-in
(``admin.site.admin_view``): included in the root URLconf ahead of the admin's URLs."""

from django.contrib import admin
from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", admin.site.admin_view(views.dashboard), name="dashboard"),
    path("<slug:table>.csv", admin.site.admin_view(views.download), name="download"),
]
