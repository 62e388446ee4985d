"""One-click unsubscribe: a signed link per person and kind; works without signing in."""

from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from careergoals.users.models import User

from .kinds import PREFERENCES
from .preferences import kind_mute, read_unsubscribe_token


@csrf_exempt  # mail clients POST here (RFC 8058) without a CSRF token; the signature is the key
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0]).first() if found else None
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    kind = PREFERENCES[found[1]]  # the token only names registered choices
    if user.language:  # the link came in their email, in their language: so does the page
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
    if request.method == "POST":
        kind_mute(user=user, kind=kind.key)
        return render(request, "notifications/unsubscribe_done.html", {"kind": kind})
    return render(request, "notifications/unsubscribe.html", {"kind": kind, "token": token})
