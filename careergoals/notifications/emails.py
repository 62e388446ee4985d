"""Both parts of an email, and its preview line, from one plain-text template per kind.

Each kind's words live in one place, the template its app registered
(``templates/<app>/email/<kind>.txt``, see ``kinds.py``). The HTML part is built from the
rendered text by reading its shape, never by pasting text into markup: blank lines
separate paragraphs, "- " starts a list item, “…” quotes what someone wrote, a short
line ending in ":" labels what follows, and a line that is the main link becomes the
button. The result is a list of blocks that ``notifications/email/base.html`` renders
with autoescaping on, so user text is escaped in the HTML part and stays verbatim in the
text part.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .kinds import email_kind

PREVIEW_LENGTH = 160  # characters kept for the one-line preview in the notification list
LABEL_LENGTH = 48  # a line ending in ":" up to this long can name the button
URL = re.compile(r"https?://\S+")
GREETING = re.compile(r"^(hello|hi|hallo)\b[^.!?]*,$", re.IGNORECASE)


@dataclass
class Email:
    text: str
    html: str
    preview: str


@dataclass
class Block:
    kind: str  # "heading", "p", "list", "quote", "label", "button", "button2", "link"
    lines: list = field(default_factory=list)  # of segments: [{"text", "href"}]
    items: list = field(default_factory=list)  # for lists: [{"segments", "href"}]
    href: str = ""
    label: str = ""


def render_text(template_name: str, context: dict) -> str:
    """Plain-text email: no HTML escaping (it is not HTML), so “<” stays “<”."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False)).strip()


def render_email(*, template: str, subject: str, context: dict) -> Email:
    """The text part, the HTML part and the preview of one email in the words of the
    registered kind ``template`` (a kind may borrow another's words: review_declined)."""
    text = render_text(email_kind(template).template, context)
    return email_from_text(text=text, subject=subject, context=context)


def email_from_text(
    *, text: str, subject: str, context: dict, origins: tuple = (), button_label: str = ""
) -> Email:
    """Both parts from words already rendered (allauth renders its own templates).

    ``origins``: more addresses of this site whose links may become links (allauth builds
    its links from the request). ``button_label`` names the main button when no short line
    before the link does."""
    preview = preview_of(text)
    blocks = html_blocks(
        text, link=context.get("link", ""), origins=origins, button_label=button_label
    )
    if blocks and blocks[0].kind == "label" and _words(blocks[0]).rstrip(":") == subject:
        blocks.pop(0)  # the heading already says it
    html = render_to_string(
        "notifications/email/base.html",
        {**context, "subject": subject, "blocks": blocks, "preview": preview},
    )
    if context.get("unsubscribe_link"):
        stop = _("To stop emails like this one: %(link)s") % {"link": context["unsubscribe_link"]}
        text += f"\n\n-- \n{stop}"
    return Email(text=text, html=html, preview=preview)


# allauth's emails (templates/account/email/, templates/mfa/email/): the email's point
# is a button in the HTML part — which link of its context, and the button's words. The
# security notices have none: their "choose a new password" link stays in the sentence.
ACCOUNT_BUTTONS = {
    "email_confirmation": ("activate_url", gettext_lazy("Confirm my email address")),
    "email_confirmation_signup": ("activate_url", gettext_lazy("Confirm my email address")),
    "password_reset_key": ("password_reset_url", gettext_lazy("Choose a new password")),
    "account_already_exists": ("password_reset_url", gettext_lazy("Choose a new password")),
    "unknown_account": ("signup_url", gettext_lazy("Create your free account")),
}


def render_account_email(
    *, template_prefix: str, context: dict, request=None, origins: tuple = ()
) -> tuple[str, Email]:
    """The subject and both parts of one of allauth's emails, from its own templates
    (``<prefix>_subject.txt``, ``<prefix>_message.txt``), in the layout of every email.
    The footer names no person and offers no settings: these can't be turned off."""
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    subject = " ".join(subject.splitlines()).strip()
    text = render_to_string(f"{template_prefix}_message.txt", context, request).strip()
    link_key, label = ACCOUNT_BUTTONS.get(template_prefix.rsplit("/", 1)[-1], ("", ""))
    layout = {
        "link": context.get(link_key, "") if link_key else "",
        "recipient": None,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_link": "",
    }
    email = email_from_text(
        text=text, subject=subject, context=layout, origins=origins, button_label=str(label)
    )
    return subject, email


def ours(url: str, origins: tuple = ()) -> bool:
    """Only links to this site become links: a URL someone typed stays plain text."""
    return any(url.startswith(f"{site}/") or url == site for site in (settings.SITE_URL, *origins))


def segments(line: str, origins: tuple = ()) -> list[dict]:
    """A line as text and link pieces; the template escapes each piece."""
    pieces, at = [], 0
    for match in URL.finditer(line):
        url = match.group().rstrip(".,;)”’")
        if not ours(url, origins):
            continue
        if match.start() > at:
            pieces.append({"text": line[at : match.start()], "href": ""})
        pieces.append({"text": url, "href": url})
        at = match.start() + len(url)
    if at < len(line):
        pieces.append({"text": line[at:], "href": ""})
    return pieces


def html_blocks(
    text: str, *, link: str = "", origins: tuple = (), button_label: str = ""
) -> list[Block]:
    blocks: list[Block] = []
    button_done = False
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        current: Block | None = None
        whole = paragraph.strip()
        if len(whole) > 1 and whole.startswith("“") and whole.endswith("”"):
            # What someone wrote, “quoted”, line breaks kept.
            inner = whole[1:-1].split("\n")
            blocks.append(
                Block(kind="quote", lines=[segments(line.strip(), origins) for line in inner])
            )
            continue
        for line in lines:
            stripped = line.strip()
            if _in_list(current, line) or stripped.startswith("- "):
                current = _list_line(current, blocks, line, origins)
            elif link and stripped == link and not button_done:
                label = _take_label(current, blocks) or button_label
                blocks.append(Block(kind="button", href=link, label=label))
                button_done, current = True, None
            elif len(stripped) > 1 and stripped.startswith("“") and stripped.endswith("”"):
                blocks.append(Block(kind="quote", lines=[segments(stripped[1:-1], origins)]))
                current = None
            elif stripped.endswith(":") and len(stripped) <= 80:
                current = Block(kind="label", lines=[segments(stripped, origins)])
                blocks.append(current)
            elif URL.fullmatch(stripped) and ours(stripped, origins):
                # Another link after a short "Do this:" line is a second, quieter button.
                label = _take_label(current, blocks)
                kind = "button2" if label else "link"
                blocks.append(Block(kind=kind, href=stripped, label=label))
                current = None
            elif not current and len(lines) > 1 and _is_heading(stripped):
                blocks.append(Block(kind="heading", lines=[segments(stripped, origins)]))
            else:
                if current is None or current.kind != "p":
                    current = Block(kind="p")
                    blocks.append(current)
                current.lines.append(segments(stripped, origins))
    if link and not button_done:
        blocks.append(Block(kind="button", href=link, label=button_label))
    return blocks


def _in_list(current: Block | None, line: str) -> bool:
    return current is not None and current.kind == "list" and line.startswith("  ")


def _list_line(current: Block | None, blocks: list[Block], line: str, origins: tuple) -> Block:
    """A "- " item, or an indented line under one: the item's link, or more of its words."""
    stripped = line.strip()
    if not _in_list(current, line):
        if current is None or current.kind != "list":
            current = Block(kind="list")
            blocks.append(current)
        current.items.append({"segments": segments(stripped[2:], origins), "href": ""})
        return current
    item = current.items[-1]
    if URL.fullmatch(stripped) and ours(stripped, origins) and not item["href"]:
        item["href"] = stripped
    else:
        item["segments"] += [{"text": " ", "href": ""}, *segments(stripped, origins)]
    return current


def _words(block: Block) -> str:
    return "".join(piece["text"] for line in block.lines for piece in line)


def _is_heading(line: str) -> bool:
    """A short line with no closing punctuation that opens a paragraph: "Your next review"."""
    return len(line) <= 40 and not line.endswith((".", ":", "!", "?", ",", ";", "”", ")"))


def _take_label(current: Block | None, blocks: list[Block]) -> str:
    """The short line just before the main link ("Read it and reply:") names the button."""
    if current is None or current.kind != "label" or not blocks or blocks[-1] is not current:
        return ""
    words = _words(current).rstrip(":").strip()
    if len(words) > LABEL_LENGTH or any(piece["href"] for piece in current.lines[0]):
        return ""
    blocks.pop()
    return words


def preview_of(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """The first meaningful words of an email: no greeting, no links, one line.

    A line ending in ":" that introduced a link ("Read it and reply:") goes with the link.
    """
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if line == "--":
            break  # the unsubscribe footer
        if URL.fullmatch(line):
            if kept and kept[-1].endswith(":"):
                label = kept.pop()
                kept = kept or [label.rstrip(":")]  # all there is: keep its words
            continue
        if not line or GREETING.match(line):
            continue
        if sum(len(k) for k in kept) >= limit:
            break  # enough words; a link right after them has taken its label along
        kept.append(line.removeprefix("- "))
    words = " ".join(" ".join(kept).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
