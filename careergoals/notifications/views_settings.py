from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import NotificationSettingsForm
from .kinds import PREFERENCES
from .preferences import choices_of
from .services import settings_update


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    choices = choices_of([request.user.pk])[request.user.pk]  # saved by settings_update
    initial = {
        "emails": [k for k in PREFERENCES if choices.wants(k)],
        "lead_days": choices.leads,
        "morning_hour": choices.morning_hour,
        "weekly_digest": choices.weekly_digest,
    }
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settings_update(
            user=request.user,
            muted_kinds=[k for k in PREFERENCES if k not in data["emails"]],
            lead_days=data["lead_days"],
            morning_hour=data["morning_hour"],
            weekly_digest=data["weekly_digest"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:notification_settings")
    return render(request, "notifications/settings.html", {"form": form})
