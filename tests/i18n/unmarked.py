"""Finds words a person would see that are not marked for translation.

Templates: every template is read with Django's own lexer; what its tags, variables,
``{% blocktranslate %}`` blocks and comments say is set aside, and what is left is read as
HTML: text outside <script>/<style> and the attributes people see or hear (alt, title,
placeholder, aria-label, ...) must have no words. Plain-text templates (emails) have no
markup: any word left is unmarked.

Python: strings in the places people read them (form labels and help, error messages,
flash messages, choice labels, email subjects and the like) and sentences anywhere else,
unless wrapped in a gettext call. ``python -m tests.i18n.unmarked`` lists them all.
"""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
PACKAGES = ("careergoals", "goals", "accountability")

# Not shown to people: the benchmark's pages, the service worker's script.
SKIP_TEMPLATES = {"bench", "pwa/sw.js"}
SKIP_PY_PARTS = {"migrations", "management", "bench", "settings", "demo", "locale"}

WORD = re.compile(r"[^\W\d_]{2,}")
SEEN_ATTRS = {
    "alt",
    "title",
    "placeholder",
    "aria-label",
    "aria-description",
    "label",
    "hx-confirm",
    "data-confirm",
}
BLOCKS_SET_ASIDE = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}
PLACEHOLDER = "\u00a7"


# Words given in a tag rather than as text: {{ x|default:"None yet" }}, {% firstof a "No one" %}.
LITERAL_WORDS = re.compile(r"""(?:\|default(?:_if_none)?:|\bfirstof\b.*?)(["'])(.*?)\1""")


def template_literals(source: str) -> list[str]:
    """Quoted words in variables and tags that people see, not marked with _("...")."""
    found = []
    for token in Lexer(source).tokenize():
        if token.token_type in (TokenType.VAR, TokenType.BLOCK):
            for match in LITERAL_WORDS.finditer(token.contents):
                if WORD.search(match.group(2)):
                    found.append(f"{{{{ {token.contents} }}}}")
    return found


def template_text(source: str) -> str:
    """The template with every tag, variable and translated block replaced by a mark."""
    out, closing = [], None
    for token in Lexer(source).tokenize():
        if closing:
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] == closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            out.append(token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in BLOCKS_SET_ASIDE:
                closing = BLOCKS_SET_ASIDE[name]
        out.append(PLACEHOLDER)
    return "".join(out)


class _Seen(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attrs = dict(attrs)
        for name, value in attrs.items():
            shown = name in SEEN_ATTRS or (
                # An <input type=submit> shows its value; a <button>'s value is data.
                name == "value"
                and tag == "input"
                and attrs.get("type") in ("submit", "button", "reset")
            )
            if shown and value and WORD.search(value):
                self.found.append(f'{tag} {name}="{value.strip()}"')
        if (
            tag == "meta"
            and attrs.get("name") == "description"
            and WORD.search(attrs.get("content") or "")
        ):
            self.found.append(f'meta content="{attrs["content"]}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and WORD.search(data):
            self.found.append(" ".join(data.split()))


def unmarked_in_template(path: Path) -> list[str]:
    source = path.read_text()
    text = template_text(source)
    if path.suffix == ".txt":
        lines = [" ".join(line.split()) for line in text.splitlines() if WORD.search(line)]
        return lines + template_literals(source)
    parser = _Seen()
    parser.feed(text)
    parser.close()
    return parser.found + template_literals(source)


def template_paths():
    for path in sorted(TEMPLATES.rglob("*")):
        if not path.is_file() or path.suffix not in (".html", ".txt", ".svg", ".js"):
            continue
        name = path.relative_to(TEMPLATES).as_posix()
        if name in SKIP_TEMPLATES or name.split("/")[0] in SKIP_TEMPLATES:
            continue
        yield path


# --- Python ------------------------------------------------------------------------------
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "_lazy",
    "gettext_noop",
}
SHOWN_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "violation_error_message",
    "subject",
    "placeholder",
    "aria-label",
    "title",
    "message",
    "label_suffix",
    "notice",
}
SHOWN_DICT_KEYS = {"placeholder", "aria-label", "title", "required", "invalid", "invalid_choice"}
SHOWN_CALLS = {  # the name called: which positional argument people read
    "ValidationError": 0,
    "success": 1,
    "info": 1,
    "warning": 1,
    "error": 1,
    "add_error": 1,
    "register_preference": 1,
    "HttpResponseBadRequest": 0,
}
NOT_SHOWN_CALLS = {  # sentences for developers and logs
    "debug",
    "exception",
    "critical",
    "getLogger",
    "ImproperlyConfigured",
    "RuntimeError",
    "TypeError",
    "AssertionError",
    "NotImplementedError",
    "Uncacheable",
    "add_argument",
    "CommandError",
    "RawSQL",
    "extra",
    "Index",
    "UniqueConstraint",
    "CheckConstraint",
    "Rule",
}
SENTENCE = re.compile(
    r"^[A-Z][^\n]*\b[a-z]{2,}\b[^\n]*[ ][a-z][^\n]*[.!?:…]$|^[A-Z][a-z]+(?: [a-z’']+){2,}$"
)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class _Finder(ast.NodeVisitor):
    def __init__(self):
        self.found: list[tuple[int, str]] = []
        self.parents: list[ast.AST] = []

    def visit(self, node):
        self.parents.append(node)
        super().visit(node)
        self.parents.pop()

    def _wrapped(self, depth_from_top: int = 2) -> bool:
        # The node's parent (and the f-string around it) called a gettext function.
        for parent in reversed(self.parents[:-1]):
            if isinstance(parent, ast.Call):
                return _name(parent.func) in GETTEXT
            if not isinstance(parent, (ast.JoinedStr, ast.FormattedValue, ast.BinOp)):
                return False
        return False

    def _flag(self, node: ast.expr, why: str):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if WORD.search(node.value):
                self.found.append((node.lineno, f"{why}: {node.value!r}"))
        elif isinstance(node, ast.JoinedStr):
            words = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if WORD.search(words):
                self.found.append((node.lineno, f"{why}: f-string {words!r}"))

    def visit_Call(self, node: ast.Call):
        name = _name(node.func)
        if name in GETTEXT or name in NOT_SHOWN_CALLS or name in {"log", "logger"}:
            return  # inside: marked, or not for people
        if isinstance(node.func, ast.Attribute) and _name(node.func.value) in {
            "log",
            "logger",
            "logging",
        }:
            return
        if name == "format_html" and node.args and isinstance(node.args[0], ast.Constant):
            # HTML with {} slots: its text and the attributes people read must be words-free.
            parser = _Seen()
            parser.feed(re.sub(r"\{\w*\}", PLACEHOLDER, str(node.args[0].value)))
            parser.close()
            for text in parser.found:
                self.found.append((node.lineno, f"format_html(): {text!r}"))
        index = SHOWN_CALLS.get(name)
        if index is not None and len(node.args) > index:
            self._flag(node.args[index], f"{name}()")
        for keyword in node.keywords:
            if keyword.arg in SHOWN_KEYWORDS:
                self._flag(keyword.value, f"{keyword.arg}=")
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in SHOWN_DICT_KEYS:
                self._flag(value, f"{key.value!r}:")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr):
        if isinstance(node.value, ast.Constant):
            return  # a docstring
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise):
        if node.exc is not None and _name(getattr(node.exc, "func", node.exc)) != "ValidationError":
            return  # for developers
        self.generic_visit(node)

    def visit_Assert(self, node):
        return

    def visit_Compare(self, node):
        return

    def visit_Constant(self, node: ast.Constant):
        if isinstance(node.value, str) and SENTENCE.search(node.value.strip()):
            self.found.append((node.lineno, f"sentence: {node.value!r}"))


def unmarked_in_python(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    finder = _Finder()
    finder.visit(tree)
    lines = path.read_text().splitlines()
    seen = set()
    out = []
    for lineno, what in sorted(finder.found):
        if "# not shown" in lines[lineno - 1] or (lineno, what) in seen:
            continue
        seen.add((lineno, what))
        out.append(f"{lineno}: {what}")
    return out


def python_paths():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if SKIP_PY_PARTS & set(path.relative_to(ROOT).parts):
                continue
            yield path


def report() -> dict[str, list[str]]:
    found = {}
    for path in template_paths():
        if hits := unmarked_in_template(path):
            found[str(path.relative_to(ROOT))] = hits
    for path in python_paths():
        if hits := unmarked_in_python(path):
            found[str(path.relative_to(ROOT))] = hits
    return found


if __name__ == "__main__":
    import sys

    only = sys.argv[1:]
    for name, hits in report().items():
        if only and not any(name.startswith(o) for o in only):
            continue
        print(f"{name} ({len(hits)})")
        for hit in hits:
            print(f"    {hit}")
