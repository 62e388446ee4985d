from django.urls import path

from . import views, views_tokens

app_name = "users"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("delete/", views.account_delete, name="account_delete"),
    path("appearance/", views.theme_set, name="theme_set"),
    path("tokens/", views_tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke_view, name="token_revoke"),
]
