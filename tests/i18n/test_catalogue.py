"""The second language is whole: every word people see is marked, and German has them all.

CI fails here when a template or Python file shows an unmarked string, when makemessages
would find a message the catalogue lacks, when the German catalogue has an untranslated or
fuzzy entry, when a translation drops or invents a placeholder, and when the compiled
catalogue (.mo, what Django reads) is older than the .po.
"""

import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.conftest import need

from .unmarked import ROOT, report

PO = ROOT / "careergoals/locale/de/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
SOURCES = ("careergoals", "goals", "accountability", "templates", "manage.py")
IGNORED = [
    "templates/bench/*",
    "*/migrations/*",
    "careergoals/bench/*",
    "careergoals/demo/*",
    "*/management/*",
    "careergoals/settings/*",
]


def _key(entry) -> tuple:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def test_every_word_people_see_is_marked_for_translation():
    found = report()
    listing = "\n".join(
        f"{name}:\n" + "\n".join(f"    {hit}" for hit in hits) for name, hits in found.items()
    )
    assert not found, (
        "Words people see are not marked for translation "
        "(wrap them in {% translate %} / gettext, or end a Python line that "
        "people never see with '# not shown'):\n" + listing
    )


def test_the_german_catalogue_is_complete():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    obsolete = [e.msgid for e in po.obsolete_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy (check, then drop the flag): {fuzzy[:20]}"
    assert not obsolete, f"{len(obsolete)} obsolete: run makemessages --no-obsolete"
    assert len(po) > 500  # the whole site, not a sample


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}|%[sd]")


def _placeholders(text: str) -> list:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def test_each_translation_keeps_the_placeholders_of_its_message():
    wrong = []
    for entry in polib.pofile(str(PO)):
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            source_marks, text_marks = _placeholders(source), _placeholders(text)
            # A singular may say "one" instead of its number: it may drop, never invent.
            if set(text_marks) - set(source_marks) or (
                not entry.msgid_plural and source_marks != text_marks
            ):
                wrong.append((entry.msgid, text))
    assert not wrong, f"placeholders differ: {wrong[:10]}"


def test_the_compiled_catalogue_is_the_po_file():
    po = {_key(e): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(PO)) if e.translated()}
    mo = {_key(e): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO)) if e.msgid}
    assert mo == po, "careergoals/locale/de/LC_MESSAGES/django.mo is stale: compile the .po"


def test_makemessages_finds_nothing_the_catalogue_lacks(tmp_path):
    need(bool(shutil.which("xgettext")), "GNU gettext (xgettext) is not installed")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("locale"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "careergoals/locale").mkdir()
    ignores = [arg for pattern in IGNORED for arg in ("-i", pattern)]
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-location", *ignores],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    found = {_key(e) for e in polib.pofile(str(tmp_path / PO.relative_to(ROOT)))}
    have = {_key(e) for e in polib.pofile(str(PO))}
    new, gone = sorted(found - have), sorted(have - found)
    assert not new, f"not in the catalogue (run makemessages): {new[:20]}"
    assert not gone, f"in the catalogue but no longer in the code: {gone[:20]}"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_each_language_offered_has_words(code):
    with translation.override(code):
        assert translation.gettext("Your profile is saved.")
    if code != settings.LANGUAGE_CODE:
        with translation.override(code):
            assert translation.gettext("Your profile is saved.") != "Your profile is saved."
