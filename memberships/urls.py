from django.urls import path

from memberships import views

app_name = "memberships"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/thanks/", views.thanks, name="thanks"),
    path("join/test-checkout/<uuid:reference>/", views.test_checkout, name="test_checkout"),
    path("membership/", views.account, name="account"),
    path("membership/sign-in/", views.sign_in, name="sign_in"),
    path("membership/sign-in/<str:token>/", views.sign_in_confirm, name="sign_in_confirm"),
    path("membership/sign-out/", views.sign_out, name="sign_out"),
    path("membership/change/", views.change, name="change"),
    path("membership/cancel/", views.cancel, name="cancel"),
    path("membership/billing/", views.billing, name="billing"),
    path("memberships/webhooks/<slug:provider_name>/", views.webhook, name="webhook"),
]
