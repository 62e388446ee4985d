"""Buddies: the list, one partnership's page, its rules, and ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accountability import selectors, services
from accountability.forms import AgreementForm, InviteForm
from accountability.models import Partnership
from careergoals import fragments


def render_buddies(request, *, form=None):
    """The buddies page; the invite view shows it again with the form's errors."""
    context = {
        "page": selectors.buddies_page(user=request.user),
        "form": form or InviteForm(),
        "user": request.user,
    }
    content = fragments.render("accountability/buddies_content.html", context, request=request)
    return render(request, "accountability/buddies.html", {"content": content})


def _partnership(request, pk) -> Partnership | None:
    """A current partnership the signed-in person is part of, or None."""
    try:
        return selectors.partnership_for(user=request.user, pk=pk)
    except Partnership.DoesNotExist:
        return None


KEPT_READ_ONLY = gettext_lazy(
    "This partnership has ended because your buddy deleted their account. "
    "Its rules and review notes are kept here, read-only."
)


def kept_record_or_404(request, pk):
    """The kept record when the other member deleted their account; 404 for anyone else.

    Strangers and ex-buddies who ended it get the same 404 as an unknown number."""
    if selectors.partnership_kept_for(user=request.user, pk=pk) is None:
        raise Http404("No such partnership")
    messages.info(request, KEPT_READ_ONLY)
    return redirect("buddies:partnership_detail", pk=pk)


def review_record(request, pk):
    """Where an old link to a review of a kept partnership lands: its place on the record."""
    meeting = selectors.review_kept_for(user=request.user, pk=pk)
    if meeting is None:
        raise Http404("No such review")
    record = reverse("buddies:partnership_detail", args=[meeting.partnership_id])
    return redirect(f"{record}#review-{meeting.pk}")


@login_required
@require_safe
def buddies(request):
    return render_buddies(request)


@login_required
@require_safe
def partnership_detail(request, pk):
    partnership = _partnership(request, pk)
    if partnership is None:
        kept = selectors.partnership_kept_for(user=request.user, pk=pk)
        if kept is None:
            raise Http404("No such partnership")
        page = selectors.kept_partnership_page(partnership=kept, user=request.user)
        return render(request, "accountability/partnership_kept.html", {"page": page})
    page = selectors.partnership_page(partnership=partnership, user=request.user)
    return render(request, "accountability/partnership_detail.html", {"page": page})


@login_required
@require_POST
def partnership_end(request, pk):
    partnership = _partnership(request, pk)
    if partnership is None:
        return kept_record_or_404(request, pk)
    other = partnership.other(request.user)
    services.partnership_end(partnership=partnership, by=request.user)
    messages.success(
        request,
        _(
            "You are no longer buddies with %(name)s. "
            "Neither of you can see the other’s goals any more."
        )
        % {"name": other.name},
    )
    return redirect("buddies:buddies")


@login_required
@require_http_methods(["GET", "POST"])
def rules_edit(request, pk):
    partnership = _partnership(request, pk)
    if partnership is None:
        return kept_record_or_404(request, pk)
    agreement = getattr(partnership, "agreement", None)
    version = agreement.version if agreement else None
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.agreement_save(
                partnership=partnership, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            other = partnership.other(request.user).name
            if saved.version == version:
                messages.info(request, _("Nothing changed in the rules."))
            else:
                messages.success(
                    request,
                    _("Rules saved as version %(version)s. We asked %(name)s to confirm them.")
                    % {"version": saved.version, "name": other},
                )
            return redirect("buddies:partnership_detail", pk=partnership.pk)
    context = {"form": form, "partnership": partnership, "other": partnership.other(request.user)}
    return render(request, "accountability/rules_form.html", context)


@login_required
@require_POST
def rules_confirm(request, pk):
    partnership = _partnership(request, pk)
    if partnership is None:
        return kept_record_or_404(request, pk)
    agreement = getattr(partnership, "agreement", None)
    version = request.POST.get("version", "")
    try:
        if agreement is None:
            raise ValidationError(_("There are no rules to confirm yet: write them first."))
        if not version.isdigit():
            raise ValidationError(_("That confirmation didn’t name a version. Please try again."))
        services.agreement_confirm(agreement=agreement, by=request.user, version=int(version))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You confirmed version %(version)s of your rules.") % {"version": agreement.version},
        )
    return redirect("buddies:partnership_detail", pk=partnership.pk)
