"""Invitations through the front door: the email, its link, and every way a link goes wrong."""

import base64
import datetime
import re
import threading

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from accountability import selectors, services
from accountability.models import Invitation, Partnership
from accountability.models.invitation import hash_token
from careergoals.notifications.models import Notification
from careergoals.users.services import user_delete
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def without_csrf(response) -> str:
    return CSRF.sub(r"\1", response.content.decode())


def send_invitation(client, email="bob@example.org", message=""):
    return client.post(reverse("buddies:invite"), {"email": email, "message": message})


def sent_link(to="bob@example.org") -> str:
    """Deliver the outbox as the worker would; the path of the invitation link sent to ``to``."""
    deliver_pending()
    (message,) = [m for m in mail.outbox if m.to == [to] and "buddy" in m.subject]
    (link,) = [link for link in links_in(message) if "/invitations/" in link]
    return path_of(link)


def token_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def invited(ana, client):
    """Ana invited bob@example.org (who has no account yet): the link's path."""
    client.force_login(ana)
    send_invitation(client, message="Let's keep each other honest this year.")
    client.logout()
    return sent_link()


# The email and its token ---------------------------------------------------------------------


def test_invitation_email_holds_a_random_single_use_link(client, ana):
    client.force_login(ana)
    response = send_invitation(client, "Bob@Example.org", "Coffee on Fridays?")
    assert response.status_code == 302
    assert response.url == reverse("buddies:buddies")

    path = sent_link()
    token = token_of(path)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    invitation = Invitation.objects.get()
    assert invitation.email == "bob@example.org"
    assert invitation.token_hash == hash_token(token)
    # Only the hash is kept with the invitation.
    assert not any(token in str(value) for value in Invitation.objects.values().get().values())
    lifetime = invitation.expires_at - invitation.created_at
    assert abs(lifetime - datetime.timedelta(days=7)) < datetime.timedelta(seconds=5)
    (message,) = [m for m in mail.outbox if m.to == ["bob@example.org"]]
    assert "Ana" in message.subject
    assert "Coffee on Fridays?" in message.body
    assert path == reverse("buddies:invitation_respond", args=[token])


def test_raw_token_is_not_kept_in_the_outbox_once_sent(client, ana):
    client.force_login(ana)
    send_invitation(client)
    token = token_of(sent_link())
    row = Notification.objects.filter(kind="invitation").values().get()
    assert not any(token in str(value) for value in row.values())


def test_note_is_literal_in_the_text_part_and_escaped_in_the_html_part(client, make_user):
    boss = make_user(email="boss@example.org", display_name="Bea <The Boss>")
    client.force_login(boss)
    send_invitation(client, message="<b>Bold</b> plans & no <script>alert(1)</script>")
    deliver_pending()
    (message,) = mail.outbox
    assert message.to == ["bob@example.org"]
    assert "<b>Bold</b> plans & no <script>alert(1)</script>" in message.body
    assert "Bea <The Boss>" in message.body
    assert "&lt;" not in message.body and "&amp;" not in message.body
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "&lt;b&gt;Bold&lt;/b&gt; plans &amp; no &lt;script&gt;" in html
    assert "<b>Bold</b>" not in html and "<script>" not in html
    assert "Bea &lt;The Boss&gt;" in html


def test_invitation_page_escapes_the_note(client, make_user):
    boss = make_user(email="boss@example.org", display_name="Bea <i>")
    client.force_login(boss)
    send_invitation(client, message="<script>alert(1)</script>")
    client.logout()
    html = client.get(sent_link()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Bea &lt;i&gt;" in html


def test_same_response_whether_or_not_the_address_has_an_account(client, ana, carol):
    """Nothing on screen, in the email or in the app tells ana that carol@ has an account."""
    client.force_login(ana)
    seen = []
    for address in ("carol@example.org", "nobody@example.org"):
        response = send_invitation(client, address)
        flashed = [str(m) for m in client.get(response.url).context["messages"]]
        seen.append(
            (response.status_code, response.url, [m.replace(address, "@") for m in flashed])
        )
    assert seen[0] == seen[1]
    assert seen[0][2] == ["Invitation sent to @. The link in it works for 7 days."]

    deliver_pending()
    bodies = set()
    for message in mail.outbox:
        (address,) = message.to
        link = next(link for link in links_in(message) if "/invitations/" in link)
        bodies.add(message.body.replace(address, "@").replace(link, "LINK"))
    assert len(mail.outbox) == 2 and len(bodies) == 1
    # Neither becomes an in-app notification for an account: both go to the bare address.
    assert not Notification.objects.filter(kind="invitation", recipient__isnull=False).exists()


# Bad input on the invite form ----------------------------------------------------------------


def invite_errors(client, email) -> str:
    response = client.post(reverse("buddies:invite"), {"email": email, "message": ""})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ana@example.org", "That’s your own address"),
        ("  ANA@example.org ", "That’s your own address"),
        ("not-an-address", "Enter a valid email address"),
        ("bob@", "Enter a valid email address"),
        ("", "This field is required"),
    ],
)
def test_bad_addresses_get_a_clear_message(client, ana, email, expected):
    client.force_login(ana)
    assert expected in invite_errors(client, email)
    assert not Invitation.objects.exists()


def test_existing_buddy_cannot_be_invited_again(client, ana, partnership):
    client.force_login(ana)
    assert "already buddies with this person" in invite_errors(client, "bob@example.org")
    assert not Invitation.objects.exists()


def test_same_address_twice_is_refused_until_withdrawn(client, ana):
    client.force_login(ana)
    send_invitation(client)
    assert "already invited this address" in invite_errors(client, "bob@example.org")
    invitation = Invitation.objects.get()
    client.post(reverse("buddies:invitation_revoke", args=[invitation.pk]))
    assert send_invitation(client).status_code == 302
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 1


def test_a_sixth_buddy_is_refused(client, ana, make_user):
    for n in range(5):
        services.partnership_create(a=ana, b=make_user(email=f"b{n}@example.org"))
    client.force_login(ana)
    html = invite_errors(client, "sixth@example.org")
    assert "You already have 5 buddies" in html
    assert not Invitation.objects.exists()


def test_the_21st_invitation_in_a_day_is_refused(client, ana):
    for n in range(20):
        services.invitation_create(inviter=ana, email=f"friend{n}@example.org", message="")
    client.force_login(ana)
    html = invite_errors(client, "friend20@example.org")
    assert "sent 20 invitations today" in html
    assert Invitation.objects.count() == 20


def test_a_long_note_is_refused_not_cut(client, ana):
    client.force_login(ana)
    response = send_invitation(client, message="x" * 1001)
    assert response.status_code == 200
    assert "up to 1,000 characters" in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_needs_sign_in_and_a_post(client, ana):
    response = client.post(reverse("buddies:invite"), {"email": "bob@example.org"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(ana)
    assert client.get(reverse("buddies:invite")).status_code == 405


# Opening the link ----------------------------------------------------------------------------


def test_anonymous_sees_the_invitation_with_sign_in_and_sign_up_links(client, invited):
    response = client.get(invited)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana invites you to be their accountability buddy" in html
    assert "Let&#x27;s keep each other honest this year." in html
    assert f'href="{reverse("account_login")}?next={invited}"' in html
    assert f'href="{reverse("account_signup")}?next={invited}"' in html
    assert "Sign in to accept" in html and "Create an account" in html


def test_anonymous_post_is_sent_to_sign_in(client, invited):
    response = client.post(invited, {"action": "accept"})
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={invited}"
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_invited_person_accepts_once(client, ana, bob, invited):
    client.force_login(bob)
    page = client.get(invited).content.decode()
    assert 'value="accept"' in page and 'value="decline"' in page

    response = client.post(invited, {"action": "accept"})
    partnership = Partnership.objects.active().between(ana, bob).get()
    assert response.status_code == 302
    assert response.url == reverse("buddies:partnership_detail", args=[partnership.pk])
    invitation = Invitation.objects.get()
    assert (invitation.status, invitation.invitee) == (Invitation.Status.ACCEPTED, bob)
    # The inviter hears about it.
    deliver_pending()
    assert any(m.to == [ana.email] and "Bob" in m.subject for m in mail.outbox)

    # The link is used up: the neutral page, and no second partnership.
    assert client.get(invited).status_code == 404
    assert client.post(invited, {"action": "accept"}).status_code == 404
    assert Partnership.objects.count() == 1


def test_signed_in_with_another_address_is_told_which_one(client, carol, invited):
    client.force_login(carol)
    html = client.get(invited).content.decode()
    assert "This invitation was sent to <strong" in html
    assert "bob@example.org" in html
    assert f'href="{reverse("account_email")}"' in html

    response = client.post(invited, {"action": "accept"})
    assert response.status_code == 200
    assert "This invitation was sent to bob@example.org" in response.content.decode()
    assert not Partnership.objects.exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_an_added_and_verified_address_can_accept(client, carol, invited):
    EmailAddress.objects.create(user=carol, email="bob@example.org", verified=True)
    client.force_login(carol)
    assert client.post(invited, {"action": "accept"}).status_code == 302
    assert Partnership.objects.active().of(carol).exists()


def test_an_unverified_address_must_be_verified_first(client, make_user, invited):
    bob = make_user(email="bob@example.org", verified=False)
    client.force_login(bob)
    html = client.get(invited).content.decode()
    assert "not verified yet" in html
    client.post(invited, {"action": "accept"})
    assert not Partnership.objects.exists()


def test_the_inviter_cannot_answer_their_own_invitation(client, ana, invited):
    client.force_login(ana)
    assert "This is the invitation you sent" in client.get(invited).content.decode()
    client.post(invited, {"action": "accept"})
    assert not Partnership.objects.exists()


def test_invitee_at_the_cap_gets_a_message_not_a_500(client, bob, make_user, invited):
    for n in range(5):
        services.partnership_create(a=bob, b=make_user(email=f"b{n}@example.org"))
    client.force_login(bob)
    response = client.post(invited, {"action": "accept"})
    assert response.status_code == 200
    assert "already has 5 buddies" in response.content.decode()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_an_unknown_action_is_a_message(client, bob, invited):
    client.force_login(bob)
    response = client.post(invited, {"action": "maybe"})
    assert response.status_code == 200
    assert "Choose whether to accept or decline" in response.content.decode()


def test_decline(client, ana, bob, invited):
    client.force_login(bob)
    response = client.post(invited, {"action": "decline"})
    assert response.status_code == 302
    assert response.url == reverse("buddies:buddies")
    assert Invitation.objects.get().status == Invitation.Status.DECLINED
    assert not Partnership.objects.exists()
    assert client.get(invited).status_code == 404


def test_revoke(client, ana, bob, invited):
    invitation = Invitation.objects.get()
    client.force_login(bob)  # not the inviter
    assert (
        client.post(reverse("buddies:invitation_revoke", args=[invitation.pk])).status_code == 404
    )
    client.force_login(ana)
    assert client.get(reverse("buddies:invitation_revoke", args=[invitation.pk])).status_code == 405
    response = client.post(reverse("buddies:invitation_revoke", args=[invitation.pk]), follow=True)
    assert "withdrawn" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.REVOKED
    # Withdrawing twice is a 404, not an error page.
    assert (
        client.post(reverse("buddies:invitation_revoke", args=[invitation.pk])).status_code == 404
    )

    client.force_login(bob)
    assert client.get(invited).status_code == 404
    client.post(invited, {"action": "accept"})
    assert not Partnership.objects.exists()


def test_the_link_expires_after_seven_days(client, ana, bob):
    start = datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.force_login(ana)
        send_invitation(client)
        path = sent_link()
        client.force_login(bob)
        traveller.shift(datetime.timedelta(days=7, minutes=-1))
        assert client.get(path).status_code == 200
        traveller.shift(datetime.timedelta(minutes=2))
        assert client.get(path).status_code == 404
        client.post(path, {"action": "accept"})
    assert not Partnership.objects.exists()


def test_every_unusable_link_gets_the_same_page(client, ana, bob, carol, make_user):
    client.force_login(ana)
    links = {}
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=8)):
        send_invitation(client, "old@example.org")
        links["expired"] = sent_link("old@example.org")
    send_invitation(client, "bob@example.org")
    links["used"] = sent_link("bob@example.org")
    send_invitation(client, "carol@example.org")
    links["revoked"] = sent_link("carol@example.org")
    client.post(
        reverse(
            "buddies:invitation_revoke", args=[Invitation.objects.get(email="carol@example.org").pk]
        )
    )
    client.force_login(bob)
    client.post(links["used"], {"action": "accept"})
    good = token_of(links["used"])
    links["unknown"] = reverse("buddies:invitation_respond", args=["A" * 43])
    links["tampered"] = reverse(
        "buddies:invitation_respond", args=[good[:-1] + ("A" if good[-1] != "A" else "B")]
    )
    links["truncated"] = reverse("buddies:invitation_respond", args=[good[:20]])
    links["huge"] = reverse("buddies:invitation_respond", args=["x" * 5000])
    links["odd"] = reverse("buddies:invitation_respond", args=["%00<script>"])

    client.logout()
    pages = {name: client.get(path) for name, path in links.items()}
    assert {response.status_code for response in pages.values()} == {404}
    # The footer's language form comes back to the address asked for, which its asker knows.
    bodies = {
        name: without_csrf(response).replace(f'name="next" value="{links[name]}"', "")
        for name, response in pages.items()
    }
    assert len(set(bodies.values())) == 1, bodies.keys()
    assert "This invitation link can’t be used" in bodies["used"]
    for path in links.values():
        assert token_of(path) not in bodies["used"]


# The long way round: sign up as the invited address, verify it, accept -----------------------


def test_sign_up_verify_and_accept(client, ana, invited):
    assert client.get(f"{reverse('account_signup')}?next={invited}").status_code == 200
    mail.outbox.clear()
    response = client.post(
        f"{reverse('account_signup')}?next={invited}",
        {
            "email": "bob@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Bob",
            "timezone": "Europe/Paris",
        },
    )
    assert response.status_code == 302
    deliver_pending()  # as the worker would
    (message,) = mail.outbox
    assert message.to == ["bob@example.org"]
    confirm = next(link for link in links_in(message) if "/confirm-email/" in link)
    assert client.post(path_of(confirm)).status_code == 302

    page = client.get(invited)
    assert 'value="accept"' in page.content.decode()
    response = client.post(invited, {"action": "accept"})
    assert response.status_code == 302
    partnership = Partnership.objects.active().of(ana).get()
    assert partnership.other(ana).email == "bob@example.org"
    assert client.get(response.url).status_code == 200


# The buddies page ----------------------------------------------------------------------------


def test_buddies_page_lists_sent_and_received_invitations(client, ana, bob, invited):
    client.force_login(ana)
    html = client.get(reverse("buddies:buddies")).content.decode()
    assert "Waiting for an answer" in html
    assert "bob@example.org" in html
    revoke = reverse("buddies:invitation_revoke", args=[Invitation.objects.get().pk])
    assert f'action="{revoke}"' in html and "Withdraw" in html

    client.force_login(bob)
    html = client.get(reverse("buddies:buddies")).content.decode()
    assert "Invitations for you" in html
    assert "Let&#x27;s keep each other honest this year." in html


def test_empty_buddies_page_explains_and_mentions_the_cap(client, ana):
    client.force_login(ana)
    response = client.get(reverse("buddies:buddies"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "What is an accountability buddy?" in html
    assert "up to 5 buddies" in html
    assert re.search(r'<label[^>]+for="id_email"', html)
    assert re.search(r'<label[^>]+for="id_message"', html)


def test_buddies_page_needs_sign_in(client):
    response = client.get(reverse("buddies:buddies"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_accept_and_decline_from_the_buddies_page(client, ana, make_user):
    from accountability import services as buddy_services

    bob = make_user(email="bob2@example.org", display_name="Bob")
    invitation, _ = buddy_services.invitation_create(inviter=ana, email="bob2@example.org")
    client.force_login(bob)
    page = client.get(reverse("buddies:buddies")).content.decode()
    assert reverse("buddies:invitation_answer", args=[invitation.pk]) in page
    response = client.post(
        reverse("buddies:invitation_answer", args=[invitation.pk]), {"action": "accept"}
    )
    assert response.status_code == 302
    assert selectors.active_partnership(a=ana, b=bob) is not None
    # Used now: a second answer finds nothing.
    again = client.post(
        reverse("buddies:invitation_answer", args=[invitation.pk]), {"action": "decline"}
    )
    assert again.status_code == 404


def test_someone_else_cannot_answer_an_invitation(client, ana, make_user):
    from accountability import services as buddy_services

    invitation, _ = buddy_services.invitation_create(inviter=ana, email="bob3@example.org")
    client.force_login(make_user(email="eve@example.org"))
    response = client.post(
        reverse("buddies:invitation_answer", args=[invitation.pk]), {"action": "accept"}
    )
    assert response.status_code == 404


# The cap under concurrency -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_cap_holds_when_many_invitations_are_accepted_at_once(make_user):
    """Eight people accept Ana's invitations at the same instant: five get in, three are told."""
    ana = make_user(email="ana@example.org", display_name="Ana")
    people = [
        make_user(email=f"friend{n}@example.org", display_name=f"Friend {n}") for n in range(8)
    ]
    links = []
    for person in people:
        _, token = services.invitation_create(inviter=ana, email=person.email)
        links.append(reverse("buddies:invitation_respond", args=[token]))
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    start = threading.Barrier(len(people))
    responses = [None] * len(people)

    def accept(n: int) -> None:
        try:
            start.wait(timeout=30)
            responses[n] = clients[n].post(links[n], {"action": "accept"})
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=accept, args=(n,)) for n in range(len(people))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Partnership.objects.active().of(ana).count() == 5
    accepted = [r for r in responses if r.status_code == 302 and "/buddies/" in r.url]
    refused = [r for r in responses if r.status_code == 200]
    assert len(accepted) == 5 and len(refused) == 3
    for response in refused:
        assert "already has 5 buddies" in response.content.decode()
    assert Invitation.objects.filter(status=Invitation.Status.ACCEPTED).count() == 5
    assert Invitation.objects.filter(status=Invitation.Status.PENDING).count() == 3


@pytest.mark.django_db(transaction=True)
def test_accepting_while_the_inviter_deletes_their_account_is_not_a_500(make_user):
    """The acceptance waits for the deletion, then finds the invitation gone: a clear page."""
    ana = make_user(email="ana@example.org", display_name="Ana")
    bob = make_user(email="bob@example.org", display_name="Bob")
    _, token = services.invitation_create(inviter=ana, email=bob.email)
    client = Client(raise_request_exception=False)
    client.force_login(bob)
    answer = {}

    def accept() -> None:
        try:
            answer["response"] = client.post(
                reverse("buddies:invitation_respond", args=[token]), {"action": "accept"}
            )
        finally:
            connection.close()

    thread = threading.Thread(target=accept)
    with transaction.atomic():
        user_delete(user=ana)  # holds the invitation's row until the commit
        thread.start()
        thread.join(timeout=2)  # the acceptance is now waiting for that row
    thread.join(timeout=30)
    assert answer["response"].status_code == 404
    assert "can’t be used" in answer["response"].content.decode()
    assert not Partnership.objects.exists()
