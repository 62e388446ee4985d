"""What the form fuzzing types: hostile, huge, unicode and calendar-edge values.

Used by tests/test_fuzz_forms.py; each strategy yields the strings a browser would post.
"""

import datetime

from django.utils import timezone
from hypothesis import strategies as st

HUGE = "Lead two teams " * 700  # 10.5 KB
WEIRD = [
    "",
    "   ",
    HUGE,
    "مرحبا بالعالم \u202eevil\u202c שלום",
    "🎯🚀👩‍💻 goal 🏳️‍🌈",
    "\x00",
    "before\x00after",
    "\ud800",
    "half \udfff surrogate",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&amp; &lt; ' \" `",
    "-1",
    "0",
    "-0",
    "1e999",
    "NaN",
    "-99999999999999999999",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2999-12-31",
    "line one\r\nline two\n",
    "\t",
]
weird = st.sampled_from(WEIRD)
any_text = st.one_of(weird, st.text(max_size=60), st.text(st.characters(codec="utf-8")))
texts = st.one_of(any_text, st.just(HUGE + "é"))


def _day(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


EDGE_DATES = ["0001-01-01", "9999-12-31", "1900-01-01", "2999-12-31", "10000-01-01", "0000-00-00"]
dates = st.one_of(
    st.sampled_from(EDGE_DATES),
    weird,
    st.integers(-4000, 4000).map(_day),
    st.dates().map(datetime.date.isoformat),
    st.sampled_from(["2027-02-30", "31/12/2027", "today"]),
)
numbers = st.one_of(
    weird,
    st.integers(-(10**15), 10**15).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["1,5", "0.001", "+7", " 3 ", "1_000"]),
)
times = st.one_of(
    st.sampled_from(["00:00", "23:59", "25:99", "12:30:61", "7pm"]), st.times().map(str), weird
)


def choices(*values) -> st.SearchStrategy:
    return st.one_of(st.sampled_from([str(v) for v in values]), weird)


flags = st.sampled_from(["", "on", "true", "\x00"])
