"""The emails accountability sends: the choices that turn them off, their words and samples.

Registered with notifications in ``AccountabilityConfig.ready()``; the words live in
``templates/accountability/email/<kind>.txt``. The samples are plain stand-ins for the
staff's "Preview every email" page, not database rows.
"""

import datetime
from types import SimpleNamespace as Sample

from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from careergoals.notifications.kinds import register_email, register_preference
from careergoals.notifications.samples import ANA, BOB
from goals.emails import GOAL

from .models import Agreement, AttainabilityFeedback, BuddyCheckIn
from .models.agreement import cadence_in_sentence

TIMES = [
    Sample(text="Tuesday 14 September, 18:00", user=ANA),
    Sample(text="Tuesday 14 September, 17:00", user=BOB),
]
# What people wrote, in the samples below, stays as it is: their words are never translated.
MEETING = Sample(
    duration_minutes=60,
    place="Café Central",
    notes="We moved the June deadline.",  # not shown
)
COMMENT = Sample(
    text="Great start! Shall we look at the brief together?",  # not shown
    micro_goal=None,
)
BUDDY_ACTIVITY, PARTNERSHIP, REVIEW_REMINDER = "buddy_activity", "partnership", "review_reminder"
CHECK_INS = "check_ins"
SUGGESTIONS = "suggestions"
SUGGESTED_STEP = Sample(
    is_step=True,
    title="Book a 1:1 with your manager about the June launch",  # not shown
    why="She decides who leads the next launch: tell her you want it.",  # not shown
    deadline=None,
    resources="",
    helpers="Priya from the product team",  # not shown
    owner_note="Good idea: I moved it to next week.",  # not shown
)


def _attainability_feedback():
    feedback = Sample(
        get_verdict_display=lambda: AttainabilityFeedback.Verdict.STRETCH.label,
        comment="June is close: maybe pick a smaller feature first.",  # not shown
    )
    return (
        format_lazy(_("{name} answered “Is this attainable?” about your goal"), name=BOB.name),
        {"author": BOB, "goal": GOAL, "feedback": feedback},
    )


def _celebration():
    return format_lazy(_("{name} reached a goal: say congratulations!"), name=BOB.name), {
        "owner": BOB,
        "goal": GOAL,
    }


def _comment():
    return format_lazy(_("{name} commented on your goal"), name=BOB.name), {
        "author": BOB,
        "goal": GOAL,
        "comment": COMMENT,
    }


def _congratulation():
    comment = Sample(text="You did it! So proud of you.")  # not shown
    return (
        format_lazy(_("{name} congratulates you on reaching your goal"), name=BOB.name),
        {"author": BOB, "goal": GOAL, "comment": comment},
    )


def _nudge():
    return format_lazy(_("{name} is asking how your goal is going"), name=BOB.name), {
        "sender": BOB,
        "goal": GOAL,
    }


def _suggestion():
    return (
        format_lazy(_("{name} suggests a step for your goal"), name=BOB.name),
        {"author": BOB, "goal": GOAL, "suggestion": SUGGESTED_STEP},
    )


def _suggestion_answered():
    return (
        format_lazy(_("{name} took up your suggestion"), name=ANA.name),
        {"owner": ANA, "goal": GOAL, "suggestion": SUGGESTED_STEP, "accepted": True},
    )


def _check_in_prompt():
    return format_lazy(_("Time for your check-in with {name}"), name=BOB.name), {"other": BOB}


def _check_in_written():
    return format_lazy(_("{name} wrote their check-in with you"), name=BOB.name), {
        "author": BOB,
        "count": 2,
    }


def _check_in_nudge():
    return format_lazy(_("{name} is waiting to hear back on their check-in"), name=BOB.name), {
        "author": BOB
    }


def _check_in_missed():
    soon = timezone.now().date() + datetime.timedelta(days=9)
    return (
        format_lazy(_("{name} missed a check-in, with a deadline close"), name=BOB.name),
        {"author": BOB, "deadlines": [("Pass the AWS Solutions Architect exam", soon)]},
    )


def _check_in_acknowledged():
    check_in = Sample(
        get_reaction_display=lambda: BuddyCheckIn.Reaction.STRONG.label,
        reply="The pitch sounds ready. Call me before Friday if you want a dry run.",  # not shown
    )
    return format_lazy(_("{name} read your check-in"), name=BOB.name), {
        "buddy": BOB,
        "check_in": check_in,
    }


def _invitation():
    return (
        format_lazy(_("{name} invites you to be their accountability buddy"), name=BOB.name),
        {
            "inviter": BOB,
            "invitation": Sample(
                message="It would mean a lot to me.",  # not shown
                email=ANA.email,
            ),
            "days": 14,
            "recipient": None,  # sent to an address, maybe of no account yet
        },
    )


def _invitation_accepted():
    return format_lazy(_("{name} is now your accountability buddy"), name=BOB.name), {"buddy": BOB}


def _partnership_ended():
    return (
        format_lazy(
            _("{name} deleted their account, so your partnership has ended"), name=BOB.name
        ),
        {"former_buddy": "Bob"},
    )


def _quarterly_partnership():
    return format_lazy(_("Schedule this quarter’s review with {name}"), name=BOB.name), {
        "quarter": "2027 Q3",
        "other": BOB,
    }


def _review_accepted():
    return (
        _("%(name)s accepted the goal review on %(day)s")
        % {"name": BOB.name, "day": "Tue 14 Sep, 18:00"},
        {"accepted": True, "buddy": BOB, "times": TIMES, "meeting": MEETING},
    )


def _review_declined():
    return (
        _("%(name)s can’t make the goal review on %(day)s")
        % {"name": BOB.name, "day": "Tue 14 Sep, 18:00"},
        {"accepted": False, "buddy": BOB, "times": TIMES, "meeting": MEETING},
    )


def _review_held():
    return (
        _("Notes from your goal review with %(name)s") % {"name": BOB.name},
        {
            "author": BOB,
            "meeting": MEETING,
            "needs_answer": True,
            "next_times": TIMES,
            "next_meeting": MEETING,
            "next_url": f"{settings.SITE_URL}/reviews/2/",
        },
    )


def _review_proposed():
    return (
        _("%(name)s proposes a goal review on %(day)s")
        % {"name": BOB.name, "day": "Tue 14 Sep, 18:00"},
        {"proposer": BOB, "replaced": False, "times": TIMES, "meeting": MEETING},
    )


def _review_reminder():
    return (
        format_lazy(
            _("Your review with {name} is tomorrow at {time}"), name=BOB.name, time="18:00"
        ),
        {"other": BOB, "local_start": timezone.now(), "meeting": MEETING},
    )


def _rules_to_confirm():
    agreement = Sample(
        version=1,
        working_toward="Both of us leading a project by next summer.",  # not shown
        support="Honest feedback, and a message before every deadline.",  # not shown
        cadence_words=cadence_in_sentence(Agreement.Cadence.FORTNIGHTLY),
    )
    return (
        format_lazy(_("{name} wrote your buddy rules: please confirm"), name=BOB.name),
        {"author": BOB, "agreement": agreement},
    )


# kind -> (the choice that turns it off, or None: it always goes out; sample)
EMAILS = {
    "attainability_feedback": (BUDDY_ACTIVITY, _attainability_feedback),
    "celebration": (BUDDY_ACTIVITY, _celebration),
    "check_in_acknowledged": (CHECK_INS, _check_in_acknowledged),
    "check_in_missed": (CHECK_INS, _check_in_missed),
    "check_in_nudge": (CHECK_INS, _check_in_nudge),
    "check_in_prompt": (CHECK_INS, _check_in_prompt),
    "check_in_written": (CHECK_INS, _check_in_written),
    "comment": (BUDDY_ACTIVITY, _comment),
    "congratulation": (BUDDY_ACTIVITY, _congratulation),
    "nudge": (BUDDY_ACTIVITY, _nudge),
    "invitation": (None, _invitation),  # to an address, maybe of no account yet
    "invitation_accepted": (PARTNERSHIP, _invitation_accepted),
    "partnership_ended": (None, _partnership_ended),
    "quarterly_partnership": ("quarterly", _quarterly_partnership),  # goals' choice
    "review_accepted": (PARTNERSHIP, _review_accepted),
    "review_held": (PARTNERSHIP, _review_held),
    "review_proposed": (PARTNERSHIP, _review_proposed),
    "review_reminder": (REVIEW_REMINDER, _review_reminder),
    "rules_to_confirm": (PARTNERSHIP, _rules_to_confirm),
    "suggestion": (SUGGESTIONS, _suggestion),
    "suggestion_answered": (SUGGESTIONS, _suggestion_answered),
}


def register_emails() -> None:
    # The keys are stored in people's settings (muted_kinds): never rename one.
    register_preference(REVIEW_REMINDER, _("A reminder the day before a review meeting"))
    register_preference(BUDDY_ACTIVITY, _("Comments, feedback, nudges and congratulations"))
    register_preference(PARTNERSHIP, _("Invitations, rules and review meetings"))
    register_preference(CHECK_INS, _("Check-in days with a buddy, their check-ins and answers"))
    register_preference(SUGGESTIONS, _("Steps and changes buddies suggest, and answers to yours"))
    for key, (preference, sample) in EMAILS.items():
        template = f"accountability/email/{key}.txt"
        register_email(key, template=template, preference=preference, sample=sample)
    # A declined review is told in the words of an accepted one ({% if accepted %}).
    register_email(
        "review_declined",
        template="accountability/email/review_accepted.txt",
        preference=PARTNERSHIP,
        sample=_review_declined,
    )
