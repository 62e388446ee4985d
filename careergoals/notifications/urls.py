from django.urls import path

from . import views, views_settings, views_unsubscribe

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/open/", views.notification_open, name="notification_open"),
    path("read/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("settings/", views_settings.notification_settings, name="notification_settings"),
    path("unsubscribe/<str:token>/", views_unsubscribe.unsubscribe, name="unsubscribe"),
]
