"""Invite a buddy by email, withdraw an invitation, and answer one from its link."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accountability import selectors, services
from accountability.forms import InviteForm
from accountability.models import Invitation
from careergoals.forms import add_service_errors

from .partnerships import render_buddies


@login_required
@require_POST
def invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(inviter=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The same words whether or not the address has an account here.
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link in it works for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("buddies:buddies")
    return render_buddies(request, form=form)


@login_required
@require_POST
def revoke(request, pk):
    invitation = get_object_or_404(
        Invitation, pk=pk, inviter=request.user, status=Invitation.Status.PENDING
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request,
        _("Invitation to %(email)s withdrawn. Its link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("buddies:buddies")


def _unusable(request):
    """One page for unknown, used, expired, withdrawn and tampered links: it tells nothing apart."""
    return render(request, "accountability/invitation.html", {"page": None}, status=404)


@require_http_methods(["GET", "POST"])
def respond(request, token):
    invitation = selectors.invitation_by_token(token=token)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if invitation is None:
        return _unusable(request)
    page = selectors.invitation_page(invitation=invitation, user=request.user)
    if request.method == "GET":
        if page.state == "anonymous":
            # Whoever opened the emailed link reads that inbox: signing up with the invited
            # address needs no second confirmation (allauth's verified-email stash).
            get_adapter(request).stash_verified_email(request, invitation.email)
        return render(request, "accountability/invitation.html", {"page": page})

    try:
        return _accept_or_decline(request, invitation, request.POST.get("action"), token=token)
    except ValidationError as error:
        if selectors.invitation_by_token(token=token) is None:  # used up in the meantime
            return _unusable(request)
        context = {"page": page, "errors": error.messages}
        return render(request, "accountability/invitation.html", context)


@login_required
@require_POST
def answer(request, pk):
    """Accept or decline, from the buddies page, an invitation sent to one of your addresses."""
    invitation = selectors.invitation_received(pk=pk, user=request.user)
    if invitation is None:
        raise Http404
    try:
        return _accept_or_decline(
            request, invitation, request.POST.get("action"), invitation=invitation
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("buddies:buddies")


def _accept_or_decline(request, found: Invitation, action, **which):
    """The answer, from the emailed link (``token=``) or the buddies page (``invitation=``).

    Where it leads on success; a refusal is raised for the caller to show in its place."""
    inviter = found.inviter.name
    if action == "accept":
        partnership = services.invitation_accept(user=request.user, **which)
        messages.success(
            request,
            _(
                "You and %(name)s are now accountability buddies. "
                "Start by setting your rules together."
            )
            % {"name": inviter},
        )
        return redirect("buddies:partnership_detail", pk=partnership.pk)
    if action == "decline":
        services.invitation_decline(user=request.user, **which)
        messages.info(request, _("You declined %(name)s’s invitation.") % {"name": inviter})
        return redirect("buddies:buddies")
    raise ValidationError(_("Choose whether to accept or decline the invitation."))
