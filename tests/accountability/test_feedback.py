"""Feedback, comments, nudges and congratulations, through the front door."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accountability import services
from accountability.models import AttainabilityFeedback, Comment, Nudge
from careergoals.notifications.models import Notification
from goals import services as goal_services
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
XSS = "<script>alert('hi')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;"


def sign_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def detail_url(goal) -> str:
    return reverse("goals:goal_detail", args=[goal.pk])


def url(name: str, obj) -> str:
    return reverse(name, args=[obj.pk])


def followed(client, response) -> str:
    assert response.status_code == 302
    return client.get(response.url).text


def notifications(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).select_related("recipient"))


def only_email_to(user):
    deliver_pending()
    (message,) = mail.outbox
    assert message.to == [user.email]
    return message


def html_of(message) -> str:
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return content


def assert_links_to(message, goal) -> None:
    assert any(path_of(link).startswith(detail_url(goal)) for link in links_in(message))


@pytest.fixture
def dave_buddy(ana, dave):
    return services.partnership_create(a=ana, b=dave)


@pytest.fixture
def bob_only_goal(ana, bob, make_goal, partnership, dave_buddy):
    goal = make_goal(ana, statement="Just for Bob")
    return services.goal_set_visibility(goal=goal, visibility="chosen", chosen=[bob])


@pytest.fixture
def step(shared_goal):
    return goal_services.micro_goal_create(goal=shared_goal, title="Pitch the Q3 project")


@pytest.fixture
def bobs_comment(bob, shared_goal):
    return services.comment_add(goal=shared_goal, author=bob, text="You can do it!")


# --- Is it attainable? --------------------------------------------------------------------


def test_buddy_answers_and_the_owner_is_told(client, ana, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:feedback_give", shared_goal),
        {"verdict": "stretch", "comment": "Two is a lot."},
    )
    assert response.url == f"{detail_url(shared_goal)}#feedback"
    assert "Thanks: Ana will see your answer." in followed(client, response)
    feedback = AttainabilityFeedback.objects.get()
    assert (feedback.author, feedback.verdict, feedback.comment) == (
        bob,
        "stretch",
        "Two is a lot.",
    )

    (notification,) = notifications("attainability_feedback")
    assert notification.recipient == ana
    message = only_email_to(ana)
    assert "A stretch" in message.body
    assert "Two is a lot." in message.body
    assert_links_to(message, shared_goal)

    page = sign_in(client, ana).get(detail_url(shared_goal)).text
    assert "A stretch: 1" in page
    assert "Two is a lot." in page


def test_answering_again_replaces_the_answer(client, bob, shared_goal):
    sign_in(client, bob)
    client.post(url("buddies:feedback_give", shared_goal), {"verdict": "stretch"})
    client.post(
        url("buddies:feedback_give", shared_goal), {"verdict": "realistic", "comment": "On second"}
    )
    feedback = AttainabilityFeedback.objects.get()
    assert feedback.verdict == "realistic"
    page = client.get(detail_url(shared_goal)).text
    assert "Update my answer" in page


def test_unknown_verdict_is_refused(client, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:feedback_give", shared_goal), {"verdict": "maybe", "comment": "Hmm"}
    )
    assert response.status_code == 200
    assert "Choose one answer: realistic, a stretch or unrealistic." in response.text
    assert "Hmm" in response.text  # what they wrote is still there
    assert not AttainabilityFeedback.objects.exists()


def test_owner_cannot_answer_for_their_own_goal(client, ana, shared_goal):
    response = sign_in(client, ana).post(
        url("buddies:feedback_give", shared_goal), {"verdict": "realistic", "comment": "Looks fine"}
    )
    assert "your buddies give feedback on it, not you" in response.text
    assert "Looks fine" in response.text  # a refused form keeps what was typed
    assert not AttainabilityFeedback.objects.exists()
    assert not Notification.objects.exists()


# --- Comments ------------------------------------------------------------------------------


def test_buddy_comments_on_the_goal(client, ana, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:comment_add", shared_goal), {"text": "Go, Ana!"}
    )
    comment = Comment.objects.get()
    assert response.url == f"{detail_url(shared_goal)}#comment-{comment.pk}"
    assert (comment.author, comment.micro_goal, comment.kind) == (bob, None, "comment")
    assert "Comment posted." in followed(client, response)

    (notification,) = notifications("comment")
    assert notification.recipient == ana
    message = only_email_to(ana)
    assert "Go, Ana!" in message.body
    assert_links_to(message, shared_goal)


def test_buddy_comments_on_a_step(client, ana, bob, shared_goal, step):
    sign_in(client, bob).post(
        url("buddies:comment_add", shared_goal),
        {"text": "Start with the client", "micro_goal": step.pk},
    )
    comment = Comment.objects.get()
    assert comment.micro_goal == step
    assert "on the step “Pitch the Q3 project”" in client.get(detail_url(shared_goal)).text
    assert "“Pitch the Q3 project”" in only_email_to(ana).body


def test_a_step_of_another_goal_is_refused(client, ana, bob, shared_goal, make_goal):
    other = goal_services.micro_goal_create(goal=make_goal(ana), title="Secret step")
    response = sign_in(client, bob).post(
        url("buddies:comment_add", shared_goal), {"text": "Hi", "micro_goal": other.pk}
    )
    assert response.status_code == 200
    assert "That step is not part of this goal." in response.text
    assert "Secret step" not in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Write a few words first."),
        ("   ", "Write a few words first."),
        ("x" * 10_240, "That is longer than we can keep: up to 2,000 characters"),
    ],
)
def test_empty_or_huge_comment_is_refused(client, bob, shared_goal, text, error):
    response = sign_in(client, bob).post(url("buddies:comment_add", shared_goal), {"text": text})
    assert response.status_code == 200
    assert error in response.text
    assert not Comment.objects.exists()
    assert not Notification.objects.exists()


def test_htmx_comment_swaps_the_section(client, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:comment_add", shared_goal), {"text": "Nice plan"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="social"')
    assert "<html" not in html
    assert "Comment posted." in html
    assert "Nice plan" in html


def test_htmx_invalid_comment_keeps_the_form_errors(client, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:comment_add", shared_goal), {"text": ""}, headers=HTMX
    )
    assert response.text.lstrip().startswith('<div id="social"')
    assert "Write a few words first." in response.text


def test_user_text_is_escaped_in_the_page_and_the_email(client, ana, bob, shared_goal):
    sign_in(client, bob).post(url("buddies:comment_add", shared_goal), {"text": XSS})
    page = sign_in(client, ana).get(detail_url(shared_goal)).text
    assert ESCAPED in page
    assert XSS not in page
    message = only_email_to(ana)
    assert XSS in message.body  # plain text stays as written
    assert XSS not in html_of(message)
    assert "&lt;script&gt;" in html_of(message)


def test_buddy_without_access_cannot_comment_by_guessing_the_id(
    client, ana, dave, carol, bob_only_goal
):
    for user in (dave, carol):
        response = sign_in(client, user).post(
            url("buddies:comment_add", bob_only_goal), {"text": "Hi"}
        )
        assert response.status_code == 404
    assert not Comment.objects.exists()
    assert not Notification.objects.exists()


def test_owner_can_reply_without_notifying_herself(client, ana, bobs_comment, shared_goal):
    sign_in(client, ana).post(url("buddies:comment_add", shared_goal), {"text": "Thanks, Bob"})
    assert Comment.objects.filter(author=ana).exists()
    # Only bob's comment (the fixture) notified her; her own reply does not.
    assert [n.recipient for n in notifications("comment")] == [ana]


def test_only_the_author_deletes_a_comment(client, ana, bob, dave, dave_buddy, bobs_comment):
    for user in (ana, dave):
        response = sign_in(client, user).post(url("buddies:comment_delete", bobs_comment))
        assert response.status_code == 404
    assert Comment.objects.filter(pk=bobs_comment.pk).exists()
    response = sign_in(client, bob).post(url("buddies:comment_delete", bobs_comment))
    assert "Your comment is deleted." in followed(client, response)
    assert not Comment.objects.exists()


def test_only_the_owner_hides_and_shows_again(client, ana, bob, bobs_comment, shared_goal):
    assert sign_in(client, bob).post(url("buddies:comment_hide", bobs_comment)).status_code == 404
    bobs_comment.refresh_from_db()
    assert bobs_comment.hidden_at is None

    response = sign_in(client, ana).post(url("buddies:comment_hide", bobs_comment))
    page = followed(client, response)
    assert "Comment hidden: your buddies no longer see it." in page
    assert "Hidden from your buddies" in page
    assert "You can do it!" in page  # the owner still sees it, marked
    bobs_comment.refresh_from_db()
    assert bobs_comment.hidden_at is not None

    client.post(url("buddies:comment_hide", bobs_comment))
    bobs_comment.refresh_from_db()
    assert bobs_comment.hidden_at is None


def test_hidden_comments_are_invisible_to_buddies(client, ana, bob, dave, dave_buddy, shared_goal):
    comment = services.comment_add(goal=shared_goal, author=dave, text="Unkind remark")
    services.comment_hide(comment=comment, by=ana)
    for user in (bob, dave):
        page = sign_in(client, user).get(detail_url(shared_goal)).text
        assert "Unkind remark" not in page


def test_hide_and_delete_buttons_follow_the_roles(client, ana, bob, bobs_comment, shared_goal):
    owner_page = sign_in(client, ana).get(detail_url(shared_goal)).text
    assert url("buddies:comment_hide", bobs_comment) in owner_page
    assert url("buddies:comment_delete", bobs_comment) not in owner_page
    buddy_page = sign_in(client, bob).get(detail_url(shared_goal)).text
    assert url("buddies:comment_delete", bobs_comment) in buddy_page
    assert url("buddies:comment_hide", bobs_comment) not in buddy_page


# --- Nudges -----------------------------------------------------------------------------------


def test_nudge_once_a_day(client, ana, bob, dave, dave_buddy, shared_goal):
    response = sign_in(client, bob).post(url("buddies:nudge", shared_goal))
    page = followed(client, response)
    assert "Nudge sent: Ana gets a friendly email." in page
    assert "You nudged Ana about this goal today." in page
    (notification,) = notifications("nudge")
    assert notification.recipient == ana
    message = only_email_to(ana)
    assert "Bob" in message.subject
    assert_links_to(message, shared_goal)

    again = followed(client, client.post(url("buddies:nudge", shared_goal)))
    assert "You already nudged Ana about this goal today." in again
    dave_try = followed(client, sign_in(client, dave).post(url("buddies:nudge", shared_goal)))
    assert "Bob already nudged Ana about this goal today." in dave_try
    assert Nudge.objects.count() == 1
    assert len(notifications("nudge")) == 1

    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)):
        sign_in(client, dave).post(url("buddies:nudge", shared_goal))
        assert Nudge.objects.count() == 2
    assert len(notifications("nudge")) == 2


def test_owner_cannot_nudge_herself(client, ana, shared_goal):
    page = followed(client, sign_in(client, ana).post(url("buddies:nudge", shared_goal)))
    assert "You can’t nudge yourself" in page
    assert not Nudge.objects.exists()


def test_htmx_nudge_twice_says_so(client, bob, shared_goal):
    sign_in(client, bob).post(url("buddies:nudge", shared_goal), headers=HTMX)
    response = client.post(url("buddies:nudge", shared_goal), headers=HTMX)
    assert response.status_code == 200
    assert "already nudged Ana about this goal today" in response.text


# --- Celebration ------------------------------------------------------------------------------


def achieve(client, owner, goal):
    response = sign_in(client, owner).post(url("goals:goal_status", goal), {"action": "achieve"})
    assert response.status_code == 302


def test_achieving_tells_each_buddy_in_the_audience_and_nobody_else(
    client, ana, bob, dave, carol, bob_only_goal
):
    achieve(client, ana, bob_only_goal)
    (notification,) = notifications("celebration")
    assert notification.recipient == bob
    message = only_email_to(bob)
    assert "Ana" in message.subject
    assert "Just for Bob" in message.body
    assert_links_to(message, bob_only_goal)


def test_achieving_a_goal_shared_with_all_tells_all(
    client, ana, bob, dave, dave_buddy, shared_goal
):
    achieve(client, ana, shared_goal)
    assert {n.recipient for n in notifications("celebration")} == {bob, dave}


def test_achieving_a_private_goal_tells_nobody(client, ana, goal, partnership):
    achieve(client, ana, goal)
    assert not notifications("celebration")


def test_announcing_twice_is_a_no_op(ana, bob, shared_goal):
    goal_services.goal_achieve(goal=shared_goal)
    assert services.celebration_announce(goal=shared_goal) == 0
    assert len(notifications("celebration")) == 1


def test_buddy_congratulation_lands_on_the_goal(client, ana, bob, shared_goal):
    goal_services.goal_achieve(goal=shared_goal)
    page = sign_in(client, bob).get(detail_url(shared_goal)).text
    assert "Send congratulations" in page
    assert reverse("buddies:nudge", args=[shared_goal.pk]) not in page  # closed: nothing to nudge

    response = client.post(url("buddies:congratulate", shared_goal), {"text": "So proud of you!"})
    assert response.url == f"{detail_url(shared_goal)}#congratulations"
    comment = Comment.objects.get()
    assert (comment.kind, comment.author, comment.goal) == ("congratulation", bob, shared_goal)
    (notification,) = notifications("congratulation")
    assert notification.recipient == ana

    owner_page = sign_in(client, ana).get(detail_url(shared_goal)).text
    section = owner_page[owner_page.index('id="congratulations"') :]
    assert "So proud of you!" in section[: section.index("</section>")]


def test_congratulations_wait_for_the_goal_to_be_achieved(client, bob, shared_goal):
    response = sign_in(client, bob).post(
        url("buddies:congratulate", shared_goal), {"text": "Early!"}
    )
    assert "Congratulations open once the goal is marked achieved." in response.text
    assert "Early!" in response.text
    assert not Comment.objects.exists()


def test_owner_cannot_congratulate_herself(client, ana, shared_goal):
    goal_services.goal_achieve(goal=shared_goal)
    response = sign_in(client, ana).post(url("buddies:congratulate", shared_goal), {"text": "Me!"})
    assert "your buddies cheer for you" in response.text and "Me!" in response.text
    assert not Comment.objects.exists()


# --- What the page costs ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_buddy_page_costs_the_same_at_1_and_10_comments(
    client, ana, bob, dave, dave_buddy, shared_goal, step, count, django_assert_num_queries
):
    for number in range(count):
        author = (bob, dave, ana)[number % 3]
        services.comment_add(
            goal=shared_goal,
            author=author,
            text=f"Comment {number}",
            micro_goal=step if number % 2 else None,
        )
    services.feedback_give(goal=shared_goal, author=dave, verdict="stretch", comment="Hm")
    services.nudge_send(goal=shared_goal, sender=dave)
    sign_in(client, bob)
    with django_assert_num_queries(BUDDY_PAGE_QUERIES):
        response = client.get(detail_url(shared_goal))
    assert response.text.count("Comment ") >= count


@pytest.mark.parametrize("count", [1, 10])
def test_owner_page_costs_the_same_at_1_and_10_comments(
    client, ana, bob, shared_goal, count, django_assert_num_queries
):
    for number in range(count):
        services.comment_add(goal=shared_goal, author=bob, text=f"Comment {number}")
    sign_in(client, ana)
    with django_assert_num_queries(OWNER_PAGE_QUERIES):
        client.get(detail_url(shared_goal))


# session, user, goal, steps, history, check-ins, feedback, comments, nudge today, unread
# notifications (nav), step choices of the comment form, suggestions
BUDDY_PAGE_QUERIES = 10  # session: Redis; the comment form reuses the steps
# the same, with the buddies who can see it in place of the nudge
OWNER_PAGE_QUERIES = 10
