"""One-click unsubscribe: a signed link per person and kind; works without signing in."""

from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from careergoals.users.models import User

from .models import Kind
from .preferences import read_unsubscribe_token, settings_for


@csrf_exempt  # mail clients POST here (RFC 8058) without a CSRF token; the signature is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0]).first() if found else None
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    kind = Kind(found[1])
    if request.method == "POST":
        choices = settings_for(user)
        if kind.value not in choices.muted_kinds:
            choices.muted_kinds = [*choices.muted_kinds, kind.value]
            choices.save(update_fields=["muted_kinds"])
        return render(request, "notifications/unsubscribe_done.html", {"kind": kind})
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "token": token})
