"""Rendered parts of pages, kept in this process by a digest of everything they show.

A page's view still runs all its queries (a handful, constant); what it skips on a repeat
visit is drawing the HTML, which is where the time goes. The key is a digest of the whole
context the template reads: every model instance with all its loaded values (related objects
and prefetched lists included), lists, dicts, dataclasses, dates, numbers and text, plus the
template, the language and the time zone. Any change to anything shown makes another key, so
there is nothing to invalidate and no write path can forget to. A new deploy starts empty, so
a changed template never meets an old page.

An object may name what it is made from with a ``fragment_key()`` method (a goal card: its
goal, the day and its link; the SMART check and progress follow from them), which is digested
instead of walking it.

What the digest cannot see makes a context uncacheable, never wrong: a bound form (it shows
what was typed and its errors), a form that does not say what its HTML depends on (see
`KeyedForm`), an unevaluated queryset or any other object. Those pages are drawn as before,
and `render` reports why at debug level.

CSRF tokens are drawn as a placeholder and swapped for the request's own on the way out, so
one person's cached page never carries another browser's token.
"""

import dataclasses
import datetime
import decimal
import enum
import hashlib
import logging
import threading
from collections import OrderedDict

from django import forms
from django.db import models
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import LazyObject, Promise, empty
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CSRF_PLACEHOLDER = "csrf-placeholder-8d1f0c"
MAX_BYTES = 32 * 1024 * 1024

_store: OrderedDict[str, str] = OrderedDict()
_store_bytes = 0
_lock = threading.Lock()  # for threaded servers
stats = {"hits": 0, "misses": 0, "uncacheable": 0}


class Uncacheable(Exception):
    """The context holds something the digest cannot see whole."""


class KeyedForm:
    """A form whose blank HTML depends only on its class and the arguments it was made with.

    Mix it in first (``class CheckInForm(KeyedForm, forms.Form)``) and make the form's
    fields from its arguments only (no queries, no clock): then an unbound instance can be
    part of a cached page. Every choice field's choices are read and digested too.
    """

    def __new__(cls, *args, **kwargs):
        # Here, not in __init__: a subclass's __init__ takes its own arguments (today=,
        # goal=) before calling up the chain, so only __new__ sees all of them.
        form = super().__new__(cls)
        form.made_with = (args, kwargs)
        return form


# Values kept as they are. Exact types, looked up in a set: the digest runs on every visit.
_PLAIN = frozenset(
    {str, int, float, bool, type(None), decimal.Decimal}
    | {datetime.date, datetime.datetime, datetime.time, datetime.timedelta}
)
_dataclass_fields: dict[type, tuple[str, ...]] = {}


def _norm(value, seen: set):
    """A value made of plain, comparable parts whose repr is stable from run to run."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return tuple([item if type(item) in _PLAIN else _norm(item, seen) for item in value])
    if isinstance(value, LazyObject):  # request.user
        if value._wrapped is empty:
            value._setup()
        return _norm(value._wrapped, seen)
    if isinstance(value, models.Model):
        return _norm_model(value, seen)
    if isinstance(value, SafeString):
        return ("safe", str(value))
    if isinstance(value, enum.Enum):
        return (kind.__qualname__, value.value)
    if isinstance(value, (str, int, float, datetime.date, datetime.time, datetime.timedelta)):
        return value  # subclasses of the plain types
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return ("dict", tuple([(repr(k), _norm_item(k, v, seen)) for k, v in value.items()]))
    if isinstance(value, (list, tuple)):
        return tuple([_norm(item, seen) for item in value])
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(_norm(item, seen)) for item in value)))
    if isinstance(value, models.QuerySet):
        if value._result_cache is None:
            raise Uncacheable(f"an unevaluated queryset of {value.model.__name__}")
        return _norm(value._result_cache, seen)
    if isinstance(value, forms.BaseForm):
        return _norm_form(value, seen)
    if hasattr(kind, "fragment_key"):  # an object that names what it is made from
        return (kind.__qualname__, _norm(value.fragment_key(), seen))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _dataclass_fields.get(kind)
        if names is None:
            names = _dataclass_fields[kind] = tuple(f.name for f in dataclasses.fields(value))
        return (kind.__qualname__, tuple([_norm_item(n, getattr(value, n), seen) for n in names]))
    raise Uncacheable(f"a {kind.__qualname__}")


def _norm_item(name, value, seen: set):
    if type(value) in _PLAIN:
        return value
    try:
        return _norm(value, seen)
    except Uncacheable as reason:
        raise Uncacheable(f"{reason} in {name}") from None


def _norm_model(instance: models.Model, seen: set):
    """Every loaded value of the instance: its fields, annotations, related objects loaded
    with it and prefetched lists. The same object met again is named, not walked again."""
    if id(instance) in seen:
        return ("ref", instance._meta.label, instance.pk)
    seen.add(id(instance))
    loaded = instance.__dict__
    values = [
        value if type(value) in _PLAIN else _norm_item(name, value, seen)
        for name, value in loaded.items()
        if name != "_state" and name != "_prefetched_objects_cache"
    ]
    shown = [instance._meta.label, tuple(loaded), tuple(values)]
    related = instance._state.fields_cache
    if related:
        shown.append(_norm(related, seen))
    prefetched = loaded.get("_prefetched_objects_cache")
    if prefetched:
        shown.append(_norm(prefetched, seen))
    return tuple(shown)


def _norm_form(form: forms.BaseForm, seen: set):
    if form.is_bound:
        raise Uncacheable(f"a bound {type(form).__qualname__}")
    if not isinstance(form, KeyedForm):
        raise Uncacheable(f"a {type(form).__qualname__}, which is not a KeyedForm")
    choices = tuple(
        (name, tuple((str(v), str(label)) for v, label in field.choices))
        for name, field in form.fields.items()
        if isinstance(field, forms.ChoiceField)
    )
    return (type(form).__module__, type(form).__qualname__, _norm(form.made_with, seen), choices)


def digest(template_name: str, context: dict) -> str:
    """The key of ``template_name`` drawn with ``context``; raises `Uncacheable`."""
    shown = (
        template_name,
        get_language(),
        timezone.get_current_timezone_name(),
        _norm(context, set()),
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()


def render(template_name: str, context: dict, *, request, build=None) -> SafeString:
    """``template_name`` drawn with ``context`` (no request context: pass what it reads),
    from this process's store when the same things were drawn before.

    ``build()``, if given, returns more of the context, made only when the page is drawn:
    work that follows from ``context`` alone (say a month grid from its events and dates).
    """
    global _store_bytes

    def draw() -> str:
        full = context | (build() if build else {}) | {"csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(template_name, full)

    try:
        key = digest(template_name, context)
    except Uncacheable as reason:
        stats["uncacheable"] += 1
        logger.debug("%s drawn without the store: the context holds %s", template_name, reason)
        return _with_token(draw(), request)
    with _lock:
        html = _store.get(key)
        if html is not None:
            _store.move_to_end(key)
            stats["hits"] += 1
    if html is None:
        stats["misses"] += 1
        html = draw()
        with _lock:
            if key not in _store:
                _store[key] = html
                _store_bytes += len(html)
            while _store_bytes > MAX_BYTES and len(_store) > 1:
                _store_bytes -= len(_store.popitem(last=False)[1])
    return _with_token(html, request)


def _with_token(html: str, request) -> SafeString:
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # Drawn (and escaped) by the template engine; the token is letters and digits. The one
    # mark_safe of a non-constant that tests/test_xss.py allows.
    return mark_safe(html)  # noqa: S308


def clear() -> None:
    """Empty the store (tests)."""
    global _store_bytes
    with _lock:
        _store.clear()
        _store_bytes = 0
