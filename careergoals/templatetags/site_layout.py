"""The site's navigation bar, drawn once per person, page and unread count (in this process)."""

from django import template

from careergoals import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    request = context["request"]
    user = context.get("user")
    shown = {
        "SITE_NAME": context.get("SITE_NAME"),
        "user": user if user is not None and user.is_authenticated else None,
        # A lazy count (notifications' context processor): read here, as a plain number.
        "unread_notifications": int(str(context.get("unread_notifications") or 0)),
        "path": request.path,
        "full_path": request.get_full_path(),
    }
    return fragments.render("partials/nav.html", shown, request=request)
