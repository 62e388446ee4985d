"""Which language a person gets: the browser's for visitors, their own choice once signed in
(the profile's or the footer's), and their language in the emails written to them."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from careergoals.notifications.digest import send_due_digests
from careergoals.notifications.preferences import unsubscribe_path
from careergoals.notifications.sweep import sweep_reminders
from careergoals.users.models import User
from goals import reminders, services
from tests.conftest import PASSWORD, links_in, path_of
from tests.mail import deliver_pending

pytestmark = pytest.mark.django_db
GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


def page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_with_a_german_browser_gets_the_landing_page_in_german(client):
    html = page(client.get(reverse("landing"), **GERMAN))
    assert '<html lang="de"' in html
    assert "Kostenloses Konto erstellen" in html
    assert "Create your free account" not in html
    # The footer offers the other language, its name in its own language.
    assert 'action="/i18n/setlang/"' in html
    assert ">English</option>" in html and ">Deutsch</option>" in html


def test_a_visitor_with_an_english_browser_gets_english(client):
    html = page(client.get(reverse("landing"), **ENGLISH))
    assert '<html lang="en"' in html
    assert "Create your free account" in html


def test_the_footer_choice_outlasts_the_browser_for_a_visitor(client):
    response = client.post(
        reverse("set_language"), {"language": "de", "next": reverse("account_login")}, **ENGLISH
    )
    assert response.status_code == 302
    assert response.url == reverse("account_login")
    html = page(client.get(reverse("account_login"), **ENGLISH))
    assert '<html lang="de"' in html
    assert "Willkommen zurück." in html


def test_set_language_refuses_a_get_and_writes_nothing(client):
    assert client.get(reverse("set_language"), {"language": "de"}).status_code == 405


@pytest.mark.parametrize(
    ("chosen", "browser", "words"),
    [
        ("de", ENGLISH, "Kontoeinstellungen"),
        ("en", GERMAN, "Account settings"),
    ],
)
def test_a_signed_in_persons_choice_wins_over_the_browser(client, ana, chosen, browser, words):
    User.objects.filter(pk=ana.pk).update(language=chosen)
    client.force_login(ana)
    html = page(client.get(reverse("users:profile"), **browser))
    assert f'<html lang="{chosen}"' in html
    assert words in html


def test_the_profile_saves_the_language_and_says_so_in_it(client, ana):
    client.force_login(ana)
    response = client.post(
        reverse("users:profile"),
        {"display_name": "Ana", "timezone": "Europe/Berlin", "language": "de"},
        follow=True,
        **ENGLISH,
    )
    html = page(response)
    assert User.objects.get(pk=ana.pk).language == "de"
    assert "Dein Profil ist gespeichert." in html
    assert '<html lang="de"' in html
    # And back: the message comes in English at once.
    response = client.post(
        reverse("users:profile"),
        {"display_name": "Ana", "timezone": "Europe/Berlin", "language": "en"},
        follow=True,
        **GERMAN,
    )
    assert "Your profile is saved." in page(response)
    assert User.objects.get(pk=ana.pk).language == "en"


def test_the_footer_keeps_a_signed_in_persons_choice_on_their_account(client, ana):
    client.force_login(ana)
    response = client.post(reverse("set_language"), {"language": "de", "next": "/home/"})
    assert response.status_code == 302
    assert User.objects.get(pk=ana.pk).language == "de"
    # Another device, another browser: their choice follows them.
    other = type(client)()
    other.force_login(ana)
    assert "Kontoeinstellungen" in page(other.get(reverse("users:profile"), **ENGLISH))


def test_signup_preselects_the_browsers_language_and_keeps_it(client):
    html = page(client.get(reverse("account_signup"), **GERMAN))
    assert '<option value="de" selected>' in html
    data = {
        "email": "neu@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Neu",
        "timezone": "Europe/Berlin",
        "language": "de",
    }
    assert client.post(reverse("account_signup"), data, **GERMAN).status_code == 302
    assert User.objects.get(email="neu@example.org").language == "de"

    # The confirmation email is German too, subject, words and button.
    deliver_pending()
    (message,) = mail.outbox
    assert message.subject.endswith("Bestätige deine E-Mail-Adresse, um loszulegen")
    assert "Willkommen bei" in message.body
    assert "Hallo Neu," in message.body
    html_part = message.alternatives[0][0]
    assert "Meine E-Mail-Adresse bestätigen" in html_part
    assert '<html lang="de"' in html_part
    # The link works whatever the language.
    confirm = next(link for link in links_in(message) if "/confirm-email/" in link)
    assert "Meine Adresse bestätigen" in page(client.get(path_of(confirm), **GERMAN))


def test_an_english_browser_signs_up_in_english(client):
    html = page(client.get(reverse("account_signup"), **ENGLISH))
    assert '<option value="en" selected>' in html
    data = {
        "email": "new@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "timezone": "UTC",
        "language": "en",
    }
    assert client.post(reverse("account_signup"), data, **ENGLISH).status_code == 302
    deliver_pending()
    (message,) = mail.outbox
    assert message.subject.endswith("Confirm your email address to start")
    assert "Welcome to" in message.body


def test_a_reset_asked_for_from_an_english_browser_comes_in_the_accounts_language(client, ana):
    User.objects.filter(pk=ana.pk).update(language="de")
    client.post(reverse("account_reset_password"), {"email": ana.email}, **ENGLISH)
    deliver_pending()
    (message,) = mail.outbox
    assert message.subject.endswith("Neues Passwort wählen")
    assert "Jemand (hoffentlich du)" in message.body


START = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)  # a Monday


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("de", "Deine Woche: 2 Erinnerungen", "Eine gute Woche!"),
        ("en", "Your week ahead: 2 reminders", "Have a good week."),
    ],
)
def test_the_weekly_digest_is_written_in_the_recipients_language(
    client, ana, language, subject, words
):
    User.objects.filter(pk=ana.pk).update(language=language)
    ana.refresh_from_db()
    with time_machine.travel(START, tick=False):
        goal = services.goal_create(
            owner=ana,
            statement="Publish three articles about testing",
            target_date=datetime.date(2027, 2, 10),
            metric_name="Articles",
            baseline=Decimal(0),
            target=Decimal(3),
        )
        reminders.arm_goal(goal)
        client.force_login(ana)
        settings = {"emails": ["deadline"], "lead_days": ["14", "7"], "weekly_digest": "on"}
        client.post(
            reverse("notifications:notification_settings"), settings | {"morning_hour": "8"}
        )
    with time_machine.travel(datetime.datetime(2027, 1, 27, 8, 30, tzinfo=datetime.UTC)):
        sweep_reminders()
    # Whatever language the worker happens to be in, the recipient's counts.
    other = "en" if language == "de" else "de"
    with (
        time_machine.travel(datetime.datetime(2027, 2, 3, 8, 30, tzinfo=datetime.UTC)),
        translation.override(other),
    ):
        sweep_reminders()
        assert send_due_digests() == 1
    deliver_pending()
    (digest,) = mail.outbox
    assert digest.subject.endswith(subject)
    assert words in digest.body


def test_the_character_counter_has_its_words_in_the_pages_language(client, ana):
    User.objects.filter(pk=ana.pk).update(language="de")
    client.force_login(ana)
    html = page(client.get(reverse("users:profile")))
    assert 'id="count-words"' in html
    assert "Noch {count} Zeichen frei." in html


def test_the_unsubscribe_page_speaks_the_language_of_the_email_it_came_in(client, ana):
    User.objects.filter(pk=ana.pk).update(language="de")
    html = page(client.get(unsubscribe_path(ana.pk, "deadline"), **ENGLISH))
    assert '<html lang="de"' in html
    assert "Diese E-Mails abbestellen?" in html
    assert "„Erinnerungen vor meinen Fristen“" in html
