"""Read the out-of-band fragments of an htmx response: what each swap will put on the page."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Fragment:
    attrs: dict
    text: str = ""
    inner: list = field(default_factory=list)  # attributes of every element inside

    def has(self, **attrs) -> bool:
        """Whether an element inside has all these attributes (data_percent: data-percent)."""
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return any(all(a.get(k) == v for k, v in wanted.items()) for a in self.inner)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fragments: dict[str, Fragment] = {}
        self.stack: list[tuple[str, Fragment | None]] = []

    def _open(self) -> list[Fragment]:
        return [f for _, f in self.stack if f is not None]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for fragment in self._open():
            fragment.inner.append(attrs)
        fragment = None
        if "hx-swap-oob" in attrs and attrs.get("id"):
            fragment = self.fragments[attrs["id"]] = Fragment(attrs=attrs)
        if tag not in VOID:
            self.stack.append((tag, fragment))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for fragment in self._open():
            fragment.text += data


def oob_fragments(html: str) -> dict[str, Fragment]:
    """Fragments marked hx-swap-oob, by id; their text has its whitespace collapsed."""
    parser = _Parser()
    parser.feed(html)
    for fragment in parser.fragments.values():
        fragment.text = " ".join(fragment.text.split())
    return parser.fragments
