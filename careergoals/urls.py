from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import health, pwa, views
from .api import api
from .users.views import language_set

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Career Goals administration"
admin.site.site_title = "Career Goals admin"

handler404 = views.not_found

urlpatterns = [
    path("", views.landing, name="landing"),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    # Django's set_language (POST only), which also keeps a signed-in person's choice.
    path("i18n/setlang/", language_set, name="set_language"),
    path("notifications/", include("careergoals.notifications.urls")),
    path("accounts/", include("careergoals.users.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("goals.urls")),
    path("", include("accountability.urls")),
]
