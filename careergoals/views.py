from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.http import require_safe


@require_safe
def landing(request):
    if request.user.is_authenticated:
        return redirect("goals:home")
    return render(request, "landing.html")


def not_found(request, exception=None):
    """404: under /api/ the API's error body (a client reads JSON), elsewhere the page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)
