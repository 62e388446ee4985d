from django.urls import path

from .views import calendar, check_ins, feedback, invitations, partnerships, reviews, sharing
from .views import suggestions as suggestion_views

app_name = "buddies"

urlpatterns = [
    # Buddies, invitations and rules
    path("buddies/", partnerships.buddies, name="buddies"),
    path("buddies/invite/", invitations.invite, name="invite"),
    path("buddies/invitations/<int:pk>/revoke/", invitations.revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", invitations.respond, name="invitation_respond"),
    path("buddies/invitations/<int:pk>/answer/", invitations.answer, name="invitation_answer"),
    path("buddies/<int:pk>/", partnerships.partnership_detail, name="partnership_detail"),
    path("buddies/<int:pk>/end/", partnerships.partnership_end, name="partnership_end"),
    path("buddies/<int:pk>/rules/", partnerships.rules_edit, name="rules_edit"),
    path("buddies/<int:pk>/rules/confirm/", partnerships.rules_confirm, name="rules_confirm"),
    # Check-ins with a buddy
    path("buddies/<int:pk>/check-in/", check_ins.check_in_write, name="check_in_write"),
    path("check-ins/<int:pk>/", check_ins.check_in_detail, name="check_in_detail"),
    path("check-ins/<int:pk>/answer/", check_ins.check_in_acknowledge, name="check_in_acknowledge"),
    # Sharing and encouragement
    path("goals/<int:pk>/sharing/", sharing.goal_sharing, name="goal_sharing"),
    path("goals/<int:pk>/feedback/", feedback.feedback_give, name="feedback_give"),
    path("goals/<int:pk>/comments/", feedback.comment_add, name="comment_add"),
    path("goals/<int:pk>/nudge/", feedback.nudge, name="nudge"),
    path("goals/<int:pk>/congratulate/", feedback.congratulate, name="congratulate"),
    path("comments/<int:pk>/delete/", feedback.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/hide/", feedback.comment_hide, name="comment_hide"),
    # Suggestions: a buddy suggests, the owner answers
    path("goals/<int:pk>/suggest/step/", suggestion_views.suggest_step, name="suggest_step"),
    path("goals/<int:pk>/suggest/change/", suggestion_views.suggest_change, name="suggest_change"),
    path(
        "suggestions/<int:pk>/accept/", suggestion_views.suggestion_accept, name="suggestion_accept"
    ),
    path("suggestions/<int:pk>/edit/", suggestion_views.suggestion_edit, name="suggestion_edit"),
    path(
        "suggestions/<int:pk>/decline/",
        suggestion_views.suggestion_decline,
        name="suggestion_decline",
    ),
    # Calendars
    path("calendar/", calendar.calendar_month, name="calendar"),
    path("calendar/feed/", calendar.feed_settings, name="calendar_feed"),
    path("calendar/feed/regenerate/", calendar.feed_regenerate, name="calendar_feed_regenerate"),
    path("feeds/<uuid:public_id>/<str:secret>.ics", calendar.feed, name="calendar_feed_ics"),
    # Quarterly reviews
    path("buddies/<int:pk>/reviews/new/", reviews.review_propose, name="review_propose"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/respond/", reviews.review_respond, name="review_respond"),
    path(
        "reviews/<int:pk>/goals/<int:goal_pk>/adjust/", reviews.review_adjust, name="review_adjust"
    ),
    path("reviews/<int:pk>/complete/", reviews.review_complete, name="review_complete"),
]
