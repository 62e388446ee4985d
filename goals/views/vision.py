from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from goals import selectors, services
from goals.forms import VisionForm


@login_required
@require_http_methods(["GET", "POST"])
def vision(request):
    entries = selectors.vision_entries(user=request.user)
    current = {e.prompt.value: e.current.text for e in entries if e.current is not None}
    form = VisionForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        saved = services.vision_save(owner=request.user, answers=form.cleaned_data)
        if saved:
            messages.success(
                request, _("Your vision is saved. Earlier answers stay in its history.")
            )
        else:
            messages.info(request, _("Nothing changed."))
        if request.POST.get("next") == "goal":
            return redirect("goals:goal_create")
        return redirect("goals:vision")
    rows = [(entry, form[entry.prompt.value]) for entry in entries]
    return render(request, "goals/vision.html", {"form": form, "rows": rows})


@login_required
@require_POST
def vision_skip(request):
    services.user_mark_welcomed(user=request.user)
    return redirect("goals:home")
