"""Comments, feedback, congratulations and nudges on a goal you can see."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from accountability import services
from accountability.forms_social import CommentForm, CongratulationForm, FeedbackForm
from accountability.models import Comment
from accountability.social import goal_social_context
from careergoals.apikit import READ_ERRORS, WRITE_ERRORS, ErrorOut, Page
from goals.models import Goal

from .lookups import valid, visible_goal_or_404
from .schemas import (
    CommentHiddenIn,
    CommentIn,
    CommentOut,
    CongratulationIn,
    FeedbackIn,
    FeedbackOut,
    NudgeOut,
)

router = Router(tags=["Comments and feedback"])  # not shown (the API docs are English)


@router.get(
    "/goals/{goal_id}/comments",
    response={200: list[CommentOut], **READ_ERRORS, 422: ErrorOut},
    summary="Comments on a goal",  # not shown (the API docs are English)
)
@paginate(Page)
def goal_comments(request, goal_id: int):
    """The comments and congratulations on a goal you own or a buddy shares with you, oldest
    first, as its page shows them: the owner sees the ones they hid (``hidden``), buddies
    don't."""
    goal = visible_goal_or_404(request, goal_id)
    circle = goal_social_context(goal=goal, user=request.user)
    return sorted(
        circle["comments"] + circle["congratulations"], key=lambda c: (c.created_at, c.pk)
    )


@router.post(
    "/goals/{goal_id}/comments",
    response={201: CommentOut} | WRITE_ERRORS,
    summary="Comment on a goal",  # not shown (the API docs are English)
)
def goal_comment_add(request, goal_id: int, payload: CommentIn):
    """A comment on a goal you can see, or on one of its steps (``micro_goal_id``). The owner
    is told (unless it is their own goal: they may reply there)."""
    goal = visible_goal_or_404(request, goal_id)
    form = CommentForm(data={"text": payload.text, "micro_goal": payload.micro_goal_id}, goal=goal)
    cleaned = valid(form, rename={"micro_goal": "micro_goal_id"})
    return Status(201, services.comment_add(goal=goal, author=request.user, **cleaned))


@router.post(
    "/goals/{goal_id}/congratulations",
    response={201: CommentOut} | WRITE_ERRORS,
    summary="Congratulate a buddy on an achieved goal",  # not shown (the API docs are English)
)
def goal_congratulate(request, goal_id: int, payload: CongratulationIn):
    """Congratulations on a buddy's achieved goal; it shows with its comments."""
    goal = visible_goal_or_404(request, goal_id)
    cleaned = valid(CongratulationForm(data=payload.dict()))
    return Status(201, services.congratulate(goal=goal, author=request.user, **cleaned))


@router.delete(
    "/comments/{comment_id}",
    response={204: None} | WRITE_ERRORS,
    summary="Delete your comment",  # not shown (the API docs are English)
)
def comment_delete(request, comment_id: int):
    """Only its author deletes a comment, while they can see the goal."""
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner"),
        pk=comment_id,
        author=request.user,
        goal__in=Goal.objects.visible_to(request.user),
    )
    services.comment_delete(comment=comment, by=request.user)
    return Status(204, None)


@router.put(
    "/comments/{comment_id}/hidden",
    response={200: CommentOut} | WRITE_ERRORS,
    summary="Hide a comment on your goal, or show it again",
)
def comment_hidden(request, comment_id: int, payload: CommentHiddenIn):
    """The goal's owner hides a comment from their buddies (``hidden``: true) or shows it
    again (false). Asking for what already is changes nothing."""
    comment = get_object_or_404(
        Comment.objects.select_related("goal__owner", "author"),
        pk=comment_id,
        goal__in=Goal.objects.editable_by(request.user),
    )
    if (comment.hidden_at is not None) != payload.hidden:
        comment = services.comment_hide(comment=comment, by=request.user)
    return comment


@router.get(
    "/goals/{goal_id}/feedback",
    response={200: list[FeedbackOut], **READ_ERRORS, 422: ErrorOut},
    summary="Buddies' answers to “is this attainable?”",
)
@paginate(Page)
def goal_feedback(request, goal_id: int):
    """Every buddy's answer on a goal you can see, latest first, as its page shows them."""
    goal = visible_goal_or_404(request, goal_id)
    return goal_social_context(goal=goal, user=request.user)["feedback_list"]


@router.post(
    "/goals/{goal_id}/feedback",
    response={200: FeedbackOut} | WRITE_ERRORS,
    summary="Say whether a buddy's goal is attainable",  # not shown (the API docs are English)
)
def goal_feedback_give(request, goal_id: int, payload: FeedbackIn):
    """Your answer on an open goal a buddy shares with you; giving it again replaces it."""
    goal = visible_goal_or_404(request, goal_id)
    cleaned = valid(FeedbackForm(data=payload.dict()))
    return services.feedback_give(goal=goal, author=request.user, **cleaned)


@router.post(
    "/goals/{goal_id}/nudge",
    response={201: NudgeOut} | WRITE_ERRORS,
    summary="Nudge a buddy about a goal",  # not shown (the API docs are English)
)
def goal_nudge(request, goal_id: int):
    """A friendly “how is it going?” email to the owner of an open goal you can see; one
    nudge per goal per day (the owner's day), whoever sends it."""
    goal = visible_goal_or_404(request, goal_id)
    return Status(201, services.nudge_send(goal=goal, sender=request.user))
