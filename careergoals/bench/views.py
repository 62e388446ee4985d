"""The baseline: what a bare Django page costs here, through the site's whole middleware."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.template import engines

_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>Baseline</title><p>Hello, {{ email }}.</p>\n"
)


def baseline(request):
    """One primary-key query and a tiny template: the ceiling every page is compared with."""
    pk = request.GET.get("id", "0")
    email = (
        get_user_model()
        .objects.filter(pk=int(pk) if pk.isdigit() else 0)
        .values_list("email", flat=True)
        .first()
    )
    return HttpResponse(_TEMPLATE.render({"email": email or "nobody"}, request))
