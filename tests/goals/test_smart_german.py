"""The SMART check reads German goals too, and speaks the person's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from goals.smart import check_specific, has_action_verb

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "statement",
    [
        "Bis Juni das Design eines Features leiten",
        "Ich werde drei Fachartikel veröffentlichen",
        "Ich leite ab Juni ein Team von vier Leuten",  # conjugated
        "Ich habe das Mentoring-Programm aufgebaut",  # a participle with a separable prefix
        "Die Zertifizierung zum Cloud-Architekten bestehen",
        "Zwei neue Kunden gewinnen",
        "Lead the design of one customer-facing feature",  # English still counts
    ],
)
def test_german_and_english_action_words_count(statement):
    assert has_action_verb(statement)
    assert check_specific(statement).met


@pytest.mark.parametrize(
    "statement",
    ["Mein Gehalt ist hoch und gut", "Ein schönes großes Team im Büro", "My salary is high"],
)
def test_words_that_are_no_action_are_not_taken_for_one(statement):
    assert not has_action_verb(statement)


def test_vague_german_words_need_a_number():
    assert not check_specific("Mehr Kunden im Jahr gewinnen").met
    assert check_specific("Zwölf Kunden mehr im Jahr gewinnen").met
    assert check_specific("20 Prozent mehr Kunden gewinnen").met


def test_hints_and_names_come_in_the_active_language():
    with translation.override("de"):
        letter = check_specific("Mehr Kunden im Jahr gewinnen")
    assert letter.name == "Spezifisch"
    assert letter.hint == (
        "Wörter wie „mehr“ oder „besser“ brauchen eine Zahl: wie viel mehr, wie viel besser?"
    )
    with translation.override("en"):
        letter = check_specific("Mehr Kunden im Jahr gewinnen")
    assert letter.name == "Specific"
    assert letter.hint.startswith("Words like “more” or “better” need a number")


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("de", ["Wörter wie „mehr“", "Spezifisch", "Setze eine Frist"], ["Words like"]),
        ("en", ["Words like “more”", "Specific", "Set a deadline"], ["Wörter wie"]),
    ],
)
def test_the_live_smart_panel_speaks_the_persons_language(
    client, make_user, language, expected, absent
):
    person = make_user(email=f"{language}@example.org", display_name="Kim", language=language)
    client.force_login(person)
    response = client.post(
        reverse("goals:goal_smart_check"),
        {"statement": "Mehr Kunden im Jahr gewinnen", "horizon": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    for words in expected:
        assert words in html
    for words in absent:
        assert words not in html
