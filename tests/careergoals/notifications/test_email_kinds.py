"""Each app owns its emails: it registers every kind it sends, with its words in its own
template folder, sample words for the staff preview and the choice that turns it off."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

from careergoals.notifications.kinds import EMAILS, PREFERENCES
from careergoals.notifications.samples import sample_email, sample_kinds

ROOT = Path(settings.BASE_DIR)
SENDS = re.compile(r"""\b(?:kind|template)="([a-z_]+)\"""")
APPS = {"goals": ROOT / "goals", "accountability": ROOT / "accountability"}
APPS["notifications"] = ROOT / "careergoals" / "notifications"


def sent_by(app: str) -> set[str]:
    """Every kind the app's code names in notify(kind=…, template=…) or a reminder."""
    return {
        found
        for path in APPS[app].rglob("*.py")
        if "tests" not in path.parts
        for found in SENDS.findall(path.read_text())
    }


@pytest.mark.parametrize("kind", sorted(EMAILS))
def test_every_kind_has_its_template_and_a_sample(kind):
    registered = EMAILS[kind]
    assert get_template(registered.template)  # raises when the file is missing
    subject, email = sample_email(kind)
    assert subject and email.text and email.html, kind
    assert kind in sample_kinds()  # so it is on "Preview every email"
    assert registered.preference is None or registered.preference in PREFERENCES


@pytest.mark.parametrize("app", sorted(APPS))
def test_each_app_keeps_the_words_of_what_it_sends(app):
    kinds = sent_by(app) & set(EMAILS)
    assert kinds, app  # the pattern still finds what the app sends
    for kind in kinds:
        assert EMAILS[kind].template.startswith(f"{app}/email/"), kind


def test_notifications_templates_hold_no_other_apps_kind():
    folder = ROOT / "templates" / "notifications" / "email"
    own = {path.stem for path in folder.glob("*.txt")}
    assert own == {"digest"}
    others = sent_by("goals") | sent_by("accountability")
    assert not own & others
    for kind in own:
        assert EMAILS[kind].template == f"notifications/email/{kind}.txt"


def test_every_template_in_an_apps_email_folder_is_a_registered_kind():
    """No words left behind by a move: each file is some kind's template."""
    used = {registered.template for registered in EMAILS.values()}
    for app in APPS:
        for path in (ROOT / "templates" / app / "email").glob("*.txt"):
            assert f"{app}/email/{path.name}" in used, path


@pytest.mark.django_db
def test_the_settings_page_offers_every_registered_choice(client, ana):
    client.force_login(ana)
    page = client.get("/notifications/settings/").content.decode()
    for preference in PREFERENCES.values():
        assert f'value="{preference.key}"' in page, preference.key
        assert str(preference.label) in page, preference.key
