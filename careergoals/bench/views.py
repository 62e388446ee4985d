"""The baseline: what a bare Django page costs here, through the site's whole middleware."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines

_TEMPLATE = engines["django"].from_string(
    "<!doctype html><title>Baseline</title><p>Hello, {{ email }}.</p>\n"
)


@login_required
def layout(request):
    """The site's layout for a signed-in person around an empty page: what every signed-in
    page costs before its own content (the session, the person, the bell's count, the
    navigation bar). No page can be cheaper: the ceiling of their ratios to the baseline."""
    return render(request, "bench/layout.html")


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
