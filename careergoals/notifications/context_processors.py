from django.utils.functional import SimpleLazyObject

from .models import Notification


def unread_notifications(request):
    """The bell's count, counted only if a template shows it (htmx partials don't)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        )
    }
