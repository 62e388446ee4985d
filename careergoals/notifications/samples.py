"""Sample data for every kind of email, so staff can preview them (and tests render them all).

Plain stand-ins, not database rows: this app sits below goals and accountability and
must not import them. Each entry gives the subject and what the kind's template reads.
"""

import datetime
from types import SimpleNamespace as Sample

from django.conf import settings
from django.utils import timezone

from .emails import Email, render_account_email, render_email
from .preferences import PREFERENCE_OF

ANA = Sample(name="Ana", email="ana@example.org")
BOB = Sample(name="Bob", email="bob@example.org")
GOAL = Sample(
    statement="Lead the design of one customer-facing feature by the end of June",
    target_date=datetime.date(2027, 6, 30),
)
STEP_TITLE = "Ask Sam for the feature brief"
IN_A_WEEK = datetime.date.today() + datetime.timedelta(days=7)
TIMES = [
    Sample(text="Tuesday 14 September, 18:00", user=ANA),
    Sample(text="Tuesday 14 September, 17:00", user=BOB),
]
MEETING = Sample(duration_minutes=60, place="Café Central", notes="We moved the June deadline.")
COMMENT = Sample(text="Great start! Shall we look at the brief together?", micro_goal=None)


def _samples() -> dict[str, tuple[str, dict]]:
    return {
        "attainability_feedback": (
            "Bob answered “Is this attainable?” about your goal",
            {
                "author": BOB,
                "goal": GOAL,
                "feedback": Sample(
                    get_verdict_display=lambda: "A stretch, but yes",
                    comment="June is close: maybe pick a smaller feature first.",
                ),
            },
        ),
        "buddy_deadline": (
            "Bob’s step is due in 7 days",
            {"owner": BOB, "when": "in 7 days", "deadline": IN_A_WEEK, "is_step": True}
            | {"title": STEP_TITLE, "goal": GOAL},
        ),
        "celebration": ("Bob reached a goal: say congratulations!", {"owner": BOB, "goal": GOAL}),
        "comment": (
            "Bob commented on your goal",
            {"author": BOB, "goal": GOAL, "comment": COMMENT},
        ),
        "congratulation": (
            "Bob congratulates you on reaching your goal",
            {"author": BOB, "goal": GOAL, "comment": Sample(text="You did it! So proud of you.")},
        ),
        "deadline": (
            "Your goal is due in 7 days",
            {"is_step": False, "goal": GOAL, "when": "in 7 days", "deadline": IN_A_WEEK},
        ),
        "digest": (
            "Your week ahead: 2 reminders",
            {
                "items": [
                    Sample(subject="Your step is due tomorrow", url="/goals/1/"),
                    Sample(subject="Bob’s goal is due in 7 days", url="/goals/2/"),
                ]
            },
        ),
        "invitation": (
            "Bob invites you to be their accountability buddy",
            {
                "inviter": BOB,
                "invitation": Sample(message="It would mean a lot to me.", email=ANA.email),
                "days": 14,
                "recipient": None,  # sent to an address, maybe of no account yet
            },
        ),
        "invitation_accepted": (
            "Bob is now your accountability buddy",
            {"buddy": BOB},
        ),
        "nudge": ("Bob is asking how your goal is going", {"sender": BOB, "goal": GOAL}),
        "overdue": (
            "Your step was due yesterday",
            {"is_step": True, "title": STEP_TITLE, "goal": GOAL, "deadline": IN_A_WEEK},
        ),
        "partnership_ended": (
            "Bob deleted their account, so your partnership has ended",
            {"former_buddy": "Bob"},
        ),
        "quarterly": (
            "A new quarter: time to review your goals",
            {
                "quarter": "2027 Q3",
                "rows": [Sample(goal=GOAL, percent=40, changes=2)],
            },
        ),
        "quarterly_partnership": (
            "A new quarter: plan your review with Bob",
            {"quarter": "2027 Q3", "other": BOB},
        ),
        "review_accepted": (
            "Bob accepted the goal review on 14 Sep",
            {"accepted": True, "buddy": BOB, "times": TIMES, "meeting": MEETING},
        ),
        "review_held": (
            "Notes from your goal review with Bob",
            {
                "author": BOB,
                "meeting": MEETING,
                "needs_answer": True,
                "next_times": TIMES,
                "next_meeting": MEETING,
                "next_url": f"{settings.SITE_URL}/reviews/2/",
            },
        ),
        "review_proposed": (
            "Bob proposes a goal review on 14 Sep",
            {"proposer": BOB, "replaced": False, "times": TIMES, "meeting": MEETING},
        ),
        "review_reminder": (
            "Your goal review with Bob is tomorrow",
            {"other": BOB, "local_start": timezone.now(), "meeting": MEETING},
        ),
        "rules_to_confirm": (
            "Bob wrote your buddy rules: please confirm",
            {
                "author": BOB,
                "agreement": Sample(
                    version=1,
                    working_toward="Both of us leading a project by next summer.",
                    support="Honest feedback, and a message before every deadline.",
                    get_cadence_display=lambda: "Every two weeks",
                ),
            },
        ),
    }


def _account_samples() -> dict[str, tuple[str, dict]]:
    """allauth's emails: kind -> (template prefix, what its templates read)."""
    site = settings.SITE_URL
    reset = f"{site}/accounts/password/reset/"
    notice = {
        "timestamp": timezone.now(),
        "ip": "203.0.113.7",
        "user_agent": "Firefox on Linux",
        "password_reset_url": reset,
    }
    kinds = {
        "account/email/account_already_exists": {"password_reset_url": reset},
        "account/email/email_changed": notice
        | {"from_email": ANA.email, "to_email": "ana.work@example.org"},
        "account/email/email_confirmation": {"activate_url": f"{site}/accounts/confirm-email/a/"},
        "account/email/email_confirmation_signup": {
            "activate_url": f"{site}/accounts/confirm-email/sample/"
        },
        "account/email/email_deleted": notice | {"deleted_email": "ana.old@example.org"},
        "account/email/password_changed": notice,
        "account/email/password_reset": notice,
        "account/email/password_reset_key": {
            "password_reset_url": f"{site}/accounts/password/reset/key/sample/"
        },
        "account/email/password_set": notice,
        "account/email/unknown_account": {"signup_url": f"{site}/accounts/signup/"},
        "mfa/email/recovery_codes_generated": notice,
        "mfa/email/totp_activated": notice,
        "mfa/email/totp_deactivated": notice,
    }
    user = Sample(display_name="Ana", is_authenticated=True, timezone="Europe/Berlin")
    common = {"user": user, "email": ANA.email, "SITE_NAME": settings.SITE_NAME}
    return {
        f"account:{prefix.rsplit('/', 1)[-1]}": (prefix, common | context)
        for prefix, context in kinds.items()
    }


def sample_kinds() -> list[str]:
    """Ours, then allauth's (confirm an address, reset a password, security notices)."""
    return sorted(_samples()) + sorted(_account_samples())


def sample_email(kind: str) -> tuple[str, Email]:
    """(subject, both parts) of one kind rendered with the sample data, as it is sent."""
    if kind.startswith("account:"):
        prefix, context = _account_samples()[kind]
        return render_account_email(template_prefix=prefix, context=context)
    subject, context = _samples()[kind]
    governed = kind in PREFERENCE_OF  # only those have a one-click unsubscribe link
    full = {
        "recipient": ANA,
        "link": f"{settings.SITE_URL}/goals/1/",
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_link": (
            f"{settings.SITE_URL}/notifications/unsubscribe/sample/" if governed else ""
        ),
        **context,
    }
    return subject, render_email(template=kind, subject=subject, context=full)
