"""Joining through an invitation: the link has just proven the address, so it is not asked again.

The sign-up form opened from the invitation comes filled in with the invited address. Kept
as it is, the account starts verified and signed in, back on the invitation to accept it.
Changed to another address, that address is confirmed by email as on any sign-up.
"""

import logging

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accountability.models import Partnership
from careergoals.users.models import User
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(ana, client):
    """Ana invites bob@example.org by the buddies page; the path of the link in his email."""
    client.force_login(ana)
    client.post(reverse("buddies:invite"), {"email": "bob@example.org", "message": ""})
    client.logout()
    deliver_pending()
    (message,) = [m for m in mail.outbox if m.to == ["bob@example.org"]]
    (link,) = [link for link in links_in(message) if "/invitations/" in link]
    mail.outbox.clear()
    return path_of(link)


def sign_up(client, invited, email):
    return client.post(
        f"{reverse('account_signup')}?next={invited}",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Bob",
            "timezone": "Europe/Paris",
        },
    )


def signup_link(client, invited) -> str:
    """Open the invitation as the invitee does and follow its "create an account" link."""
    html = client.get(invited).content.decode()
    href = f"{reverse('account_signup')}?next={invited}"
    assert f'href="{href}"' in html
    return href


def test_sign_up_from_the_link_is_prefilled_verified_and_lands_on_the_invitation(
    client, ana, invited, caplog
):
    caplog.set_level(logging.DEBUG)
    form = client.get(signup_link(client, invited)).content.decode()
    assert 'value="bob@example.org"' in form

    response = sign_up(client, invited, "bob@example.org")

    assert response.status_code == 302
    assert response.url == invited
    assert mail.outbox == []  # no "confirm your address" email
    bob = User.objects.get(email="bob@example.org")
    assert int(client.session["_auth_user_id"]) == bob.pk
    (address,) = EmailAddress.objects.filter(user=bob)
    assert (address.email, address.verified, address.primary) == ("bob@example.org", True, True)

    page = client.get(response.url).content.decode()
    assert "Accept and become buddies" in page
    accepted = client.post(invited, {"action": "accept"})
    assert accepted.status_code == 302
    assert Partnership.objects.active().of(ana).get().other(ana) == bob
    token = invited.rstrip("/").rsplit("/", 1)[-1]
    assert token not in caplog.text


def test_the_invited_address_in_other_letter_case_is_still_the_invited_address(client, invited):
    signup_link(client, invited)
    response = sign_up(client, invited, "Bob@Example.org")
    assert response.url == invited
    assert mail.outbox == []
    assert EmailAddress.objects.get(email__iexact="bob@example.org").verified


def test_another_address_on_the_form_is_confirmed_by_email_as_usual(client, invited):
    signup_link(client, invited)
    response = sign_up(client, invited, "robert@example.org")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    user = User.objects.get(email="robert@example.org")
    # Only the typed address is on the account, and it waits for its confirmation.
    (address,) = EmailAddress.objects.filter(user=user)
    assert (address.email, address.verified) == ("robert@example.org", False)
    deliver_pending()
    (message,) = mail.outbox
    assert message.to == ["robert@example.org"]
    assert any("/confirm-email/" in link for link in links_in(message))


def test_the_vouching_is_used_once(client, invited):
    signup_link(client, invited)
    sign_up(client, invited, "robert@example.org")
    deliver_pending()
    mail.outbox.clear()
    # Still in the same browser, without opening the invitation again: no shortcut left.
    client.get(reverse("account_signup"))
    response = sign_up(client, invited, "bob@example.org")
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="bob@example.org").verified
    deliver_pending()
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]


def test_sign_up_without_opening_the_invitation_confirms_by_email(client, invited):
    response = sign_up(client, invited, "bob@example.org")
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="bob@example.org").verified
    deliver_pending()
    assert len(mail.outbox) == 1


def test_the_link_gives_no_way_into_an_existing_account(client, bob, ana):
    """bob@example.org has an account already: signing up again with it from the link
    neither signs anyone in nor makes a second account."""
    client.force_login(ana)
    client.post(reverse("buddies:invite"), {"email": bob.email, "message": ""})
    client.logout()
    deliver_pending()
    (message,) = [m for m in mail.outbox if m.to == [bob.email]]
    (link,) = [link for link in links_in(message) if "/invitations/" in link]
    invited = path_of(link)

    signup_link(client, invited)
    response = sign_up(client, invited, bob.email)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email__iexact=bob.email).count() == 1


def test_a_signed_in_visitor_opening_a_link_vouches_for_nothing(client, ana, bob, invited):
    """Only someone who is not signed in and may sign up is offered the shortcut."""
    client.force_login(bob)
    client.get(invited)
    assert client.session.get("account_verified_email") is None
