"""Real HTML emails: a layout with headings, a button and links, escaped user text, a text
part alongside, a preview for staff, and a preview line in the notification list."""

import email
import email.policy
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from accountability import services as accountability
from careergoals.notifications.kinds import EMAILS, preference_of
from careergoals.notifications.models import Notification
from careergoals.notifications.services import notify
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
ATTACK = "<script>alert('hi')</script> & “friends”"


class Links(HTMLParser):
    """The hrefs of an HTML document, and its headings' text."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.headings, self._in_heading = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href", ""))
        self._in_heading = tag in ("h1", "h2")

    def handle_data(self, data):
        if self._in_heading and data.strip():
            self.headings.append(data.strip())

    def handle_endtag(self, tag):
        self._in_heading = False


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def answer_subject(page: str, kind: str) -> str:
    heading = re.search(rf"<h2>{kind}: ([^<]*)</h2>", page).group(1)
    return unescape(heading)


def every_kind() -> list[str]:
    return sorted(EMAILS)  # each app's, registered in its AppConfig.ready()


@pytest.fixture
def buddies_goal(ana, bob, make_goal):
    accountability.partnership_create(a=ana, b=bob)
    goal = make_goal(ana, statement="Lead two client projects end to end")
    return accountability.goal_set_visibility(goal=goal, visibility="buddies")


def test_a_comment_email_is_html_with_a_button_links_and_escaped_text(
    client, bob, buddies_goal, mail_server
):
    client.force_login(bob)
    client.post(reverse("buddies:comment_add", args=[buddies_goal.pk]), {"text": ATTACK})
    deliver_pending()

    message = email.message_from_bytes(mail_server.messages[-1], policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    # The text part keeps what Bob typed, verbatim; the HTML part escapes it.
    assert ATTACK in text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt; &amp; “friends”" in html
    # A real layout: a table, a heading, the goal link as a button and as a plain link.
    assert '<table role="presentation"' in html
    assert '<meta name="color-scheme" content="light dark">' in html
    found = parsed(html)
    assert found.headings == ["Bob commented on your goal"]
    goal_url = f"{settings.SITE_URL}{buddies_goal.get_absolute_url()}"
    to_comment = [href for href in found.hrefs if href.startswith(goal_url + "#comment-")]
    assert len(to_comment) == 2  # the button and the plain link under it
    assert "Read it and reply</a>" in html
    unsubscribe = message["List-Unsubscribe"].strip(" <>")
    assert found.hrefs[-1] == unsubscribe  # the footer's one-click unsubscribe
    assert "Sent to Ana" in html


def test_every_kind_has_both_parts_in_the_staff_preview(admin_client):
    page = admin_client.get(reverse("admin:notifications_email_previews"))
    assert page.status_code == 200
    kinds = every_kind()
    assert len(kinds) >= 19
    for kind in kinds:
        assert f'id="email-{kind}"' in page.text, kind
        answer = admin_client.get(reverse("admin:notifications_email_preview_html", args=[kind]))
        assert answer.status_code == 200, kind
        html = answer.content.decode()
        found = parsed(html)
        assert found.headings[0] == answer_subject(page.text, kind), kind
        links = [href for href in found.hrefs if href.startswith(settings.SITE_URL)]
        assert f"{settings.SITE_URL}/goals/1/" in links, kind
        # The footer's one-click unsubscribe, for every kind a setting can turn off.
        assert ("unsubscribe" in links[-1]) == (preference_of(kind) is not None), kind
        # Each kind's words reach the HTML part: no line of the text is left out.
        text_part = page.text.split(f'id="email-{kind}"', 1)[1].split("<pre>", 1)[1]
        first_words = next(
            line for line in text_part.splitlines() if line.strip() and "http" not in line
        )
        assert first_words.strip()[:20] in html, kind
    # The email's inline styles are allowed on that answer only, and only we may frame it.
    policy = answer["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy and "frame-ancestors 'self'" in policy
    assert answer["X-Frame-Options"] == "SAMEORIGIN"


def test_the_previews_are_for_staff_only(client, ana):
    client.force_login(ana)
    for url in (
        reverse("admin:notifications_email_previews"),
        reverse("admin:notifications_email_preview_html", args=["comment"]),
    ):
        assert client.get(url).status_code == 302  # to the admin's sign-in


def test_the_digest_lists_each_reminder_as_a_link(ana):
    notification = notify(
        kind="digest",
        recipient=ana,
        subject="Your week ahead: 2 reminders",
        template="digest",
        context={
            "items": [
                {"subject": "Your step is due <tomorrow>", "url": "/goals/4/"},
                {"subject": "Bob’s goal is due in 7 days", "url": "/goals/9/"},
            ]
        },
        url="/home/",
    )
    found = parsed(notification.body_html)
    assert f"{settings.SITE_URL}/goals/4/" in found.hrefs
    assert f"{settings.SITE_URL}/goals/9/" in found.hrefs
    assert "Your step is due &lt;tomorrow&gt;</a>" in notification.body_html
    assert "Your step is due <tomorrow>" in notification.body_text


def test_a_link_someone_typed_stays_text(client, bob, buddies_goal):
    client.force_login(bob)
    typed = "Look at https://phish.example/login please"
    client.post(reverse("buddies:comment_add", args=[buddies_goal.pk]), {"text": typed})
    notification = Notification.objects.get(kind="comment")
    assert "https://phish.example/login" in notification.body_html
    assert "https://phish.example" not in " ".join(parsed(notification.body_html).hrefs)


def test_the_list_shows_a_preview_line_of_each(client, ana, bob, buddies_goal):
    client.force_login(bob)
    client.post(
        reverse("buddies:comment_add", args=[buddies_goal.pk]), {"text": "x " * 400 + ATTACK}
    )
    client.force_login(ana)
    page = client.get(reverse("notifications:notifications")).content.decode()
    preview = re.search(r'<p class="notification-preview[^"]*">([^<]*)</p>', page)
    assert preview, "no preview line"
    words = preview.group(1)
    assert words.startswith("Bob commented on your goal: Lead two client projects")
    assert words.endswith("…") and len(words) <= 160
    assert "http" not in words


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_costs_the_same_at_1_and_30(client, ana, rows, django_assert_num_queries):
    for n in range(rows):
        notify(
            kind="test",
            recipient=ana,
            subject=f"Note {n}",
            template="invitation_accepted",
            context={"buddy": ana},
        )
    client.force_login(ana)
    # session + user, unread count, page count, the page's rows (previews included)
    with django_assert_num_queries(4):  # the session comes from Redis
        page = client.get(reverse("notifications:notifications")).content.decode()
    assert page.count('class="notification-preview') == rows
    assert "accepted your invitation and is now your accountability buddy" in page
