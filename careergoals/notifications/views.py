from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .models import Notification
from .services import mark_read


@login_required
@require_GET
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).only(
        "kind", "subject", "preview", "url", "created_at", "read_at"
    )
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one as read and go to what it is about."""
    notification = Notification.objects.filter(recipient=request.user, pk=pk).first()
    if notification is None:
        return redirect("notifications:notifications")
    mark_read(user=request.user, notification_ids=[notification.pk])
    target = notification.url or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def notifications_mark_all_read(request):
    mark_read(user=request.user)
    return redirect("notifications:notifications")
