"""The finder of unmarked words finds them, and leaves marked and unseen words alone."""

from pathlib import Path

import pytest

from .unmarked import unmarked_in_python, unmarked_in_template


def template(tmp_path: Path, text: str, suffix: str = ".html") -> list[str]:
    path = tmp_path / f"page{suffix}"
    path.write_text(text)
    return unmarked_in_template(path)


def python(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "code.py"
    path.write_text(text)
    return unmarked_in_python(path)


@pytest.mark.parametrize(
    "text",
    [
        "<p>Your goals</p>",
        "<p>{{ n }} steps left</p>",
        '<img src="x.png" alt="A chart">',
        '<button aria-label="Close the menu">×</button>',
        '<input type="submit" value="Save goal">',
        '<form hx-confirm="Delete this step?"></form>',
        '{{ goal.why|default:"No reason given" }}',
        "{% if done %}Done{% else %}<span>{{ x }}</span>{% endif %}",
        "<svg><text>Today</text></svg>",
    ],
)
def test_words_people_see_in_a_page_are_found(tmp_path, text):
    assert template(tmp_path, "{% load i18n %}" + text)


@pytest.mark.parametrize(
    "text",
    [
        '<p>{% translate "Your goals" %}</p>',
        "<p>{% blocktranslate trimmed count counter=n %}one step{% plural %}"
        "{{ counter }} steps{% endblocktranslate %}</p>",
        '<img src="x.png" alt="{% translate "A chart" %}">',
        '<button type="submit" name="do" value="accept">{% translate "Yes" %}</button>',
        '<a class="btn btn-primary" href="{% url "landing" %}">→</a>',
        "<script>const words = 'not for people';</script>",
        "{% comment %}Notes for us{% endcomment %}<p>{{ goal.statement }}</p>",
        '{{ goal.why|default:_("No reason given") }}',
        "<p>3 × 4 · 12 %</p>",
    ],
)
def test_marked_markup_and_code_are_left_alone(tmp_path, text):
    assert template(tmp_path, "{% load i18n %}" + text) == []


def test_every_line_of_a_plain_text_email_is_read(tmp_path):
    found = template(
        tmp_path,
        "{% load i18n %}{% blocktranslate trimmed %}Hello{% endblocktranslate %}\n\n"
        "Your step is due.\n{{ link }}\n",
        ".txt",
    )
    assert found == ["Your step is due."]


def test_python_strings_people_read_are_found_unless_marked_or_unseen(tmp_path):
    found = python(
        tmp_path,
        "from django import forms\n"
        "from django.contrib import messages\n"
        "from django.utils.translation import gettext as _\n"
        "name = forms.CharField(label='Your name', help_text=_('How buddies see you.'))\n"
        "def view(request):\n"
        "    messages.success(request, 'Your goal is saved.')\n"
        "    messages.info(request, _('Your step is saved.'))\n"
        "    raise forms.ValidationError(f'Too long by {3} letters.')\n"
        "def log():\n"
        "    logger.info('Sent the digest to everyone.')\n"
        "    reason = 'The mail server said no to it.'  # not shown\n"
        "    raise RuntimeError('The store is in a bad state.')\n",
    )
    # Line 4's label; line 6's message (and its sentence); line 8's f-string error.
    assert sorted({line.split(":")[0] for line in found}) == ["4", "6", "8"]
