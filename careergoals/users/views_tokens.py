"""The account page "Access tokens": make and revoke personal access tokens for the API."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .forms import AccessTokenForm
from .models import AccessToken
from .services import token_create, token_revoke


@never_cache  # the page right after making a token holds its key: no copy anywhere
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The list and the form. After making one, the same page shows its key, once: only its
    hash is kept, so it can never be shown again."""
    form = AccessTokenForm(request.POST or None)
    new_token = new_key = None
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["expires_in"]
        try:
            new_token, new_key = token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
            )
        except ValidationError as error:  # too many tokens already
            form.add_error(None, error)
        else:
            form = AccessTokenForm()
    context = {
        "form": form,
        "tokens": AccessToken.objects.filter(user=request.user),
        "new_token": new_token,
        "new_key": new_key,
        "now": timezone.now(),
    }
    return render(request, "users/tokens.html", context)


@login_required
@require_POST
def token_revoke_view(request, pk):
    """Someone else's token, or one already gone: 404, as for anything not theirs."""
    try:
        token_revoke(user=request.user, token_id=pk)
    except AccessToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("users:tokens")
