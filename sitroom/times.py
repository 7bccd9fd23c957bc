"""Times: find time expressions and resolve them against the publication date.

Reads ``article.doc`` (spaCy DATE and TIME entities and the dependency parse),
``article.text``, ``article.published`` and, for numeric dates,
``article.url``/``article.source``. Writes ``article.times``: a list of
:class:`~sitroom.record.TimeExpr` in text order, never overlapping.

Detection takes the model's DATE and TIME entities and adds, with regular
expressions, what the small model misses: weekdays, "today", clock times,
numeric dates, "N weeks ago", ages, decades, quarters, "now", "recently".
Where candidates overlap, the longest that is understood wins; an entity not
understood as a whole ("Tuesday and Wednesday") gives way to the parts found
in it, and an entity not understood at all is kept with value None when it
has a time word in it. Numbers without a time unit ("two brigades") are not
times; ranges are split as TimeML does ("2009-2010" is two years, "between
12 and 18 months" two lengths); "three days later" keeps only its length,
"three days", since it counts from some other time.

Values are ISO 8601 strings cut to their precision, in TIMEX3 (TimeML)
notation where ISO 8601 has none:

=============  ====================  =========================================
precision      value                 written as
=============  ====================  =========================================
``day``        ``2024-10-22``        "Tuesday", "June 19", "today", "now"
``month``      ``2024-06``           "in June", "earlier this month"
``year``       ``2024``              "this year", "late last year", "in 2022"
``week``       ``2024-W42``          "last week"; ``2024-W42-WE`` "last weekend"
``decade``     ``199``               "the 1990s" (begin ``1990``, end ``1999``)
``century``    ``19``                "the 20th century"
``quarter``    ``2024-Q3``           "the third quarter"
``half``       ``2024-H1``           "the first half of 2024"
``season``     ``2024-SU``           "this summer": SP, SU, FA, WI; a winter is
                                     named by the year of its December
``time``       ``2024-10-23T09:00``  "9 a.m. today"; ``2024-10-23TMO`` "this
                                     morning" (MO, AF, EV, NI); ``T09:00``
                                     when no day is said in the sentence
``duration``   ``P2D``, ``PT3H``     "a couple of days"; ``PXW`` "for weeks"
                                     (X: the number is not said)
=============  ====================  =========================================

Kinds: ``date``, ``time``, ``duration``, and ``set`` for recurrences ("every
week" ``P1W``, "daily" ``P1D``, "every Tuesday" ``XXXX-WXX-2``; the precision
is the unit that recurs). Ages ("a 65-year-old") are durations (``P65Y``).

A period reaching back from publication or forward from it ("over the past
year", "the last two weeks", "the next few months") is a duration: value its
length (``P1Y``), ``begin`` and ``end`` the days it runs between
(``2023-10-23`` and ``2024-10-23``), anchor ``published``. Other durations
have no begin, end or anchor.

Anchor ``absolute``: the text names the date in full ("June 19, 2024",
"2022"); ``published``: it was resolved against the publication date. Value
None has a reason: ``no publication date to resolve against`` for every
relative expression when ``published`` is None; ``counted from another time``
("the next day", "that week"); ``vague reference to the past``/``future``
("recently", "in the future"); ``ambiguous day and month order``; ``fiscal
period``; ``expression not understood``. "now" and "currently" are the
publication day.

Resolving, for an article of Wednesday 2024-10-23:

- A weekday is the anchor day itself when it is the anchor's weekday; else the
  most recent one ("said Tuesday" is 2024-10-22: news reports the past), or
  the next one when the governing verb is future or progressive ("will meet
  on Tuesday", "are meeting Tuesday", "is expected to sign Tuesday", "closed
  until Tuesday" with a verb not in the past) - 2024-10-29.
  "last/next Tuesday" are the nearest before/after the anchor.
- A month, month-day, quarter, season or holiday without a year is the most
  recent one not after the anchor's (month, quarter, ...) when the verb is
  past ("in June", "since August": 2024-06, 2024-08; "in December" 2023-12);
  the next one not before it when the verb is future ("will vote in
  December": 2024-12); and with a present verb or none ("has a June 1
  deadline", headlines, a time that dates a noun) the nearer of the two,
  the past one counting as half as far, since news mostly reports the past:
  in October 2024 a bare "March" is 2024-03 and a bare "December" 2024-12.
- "last/this/next week|month|year|quarter|summer" are calendar units; so are
  "the last quarter" (the previous quarter: a reporting period) and "this
  decade". "N units ago" counts back and keeps the unit's precision ("two
  weeks ago" is a week, "three years ago" a year).
- Numeric dates: ``2024-06-19`` always; "19/06/2024" only when the order is
  certain - one number above 12, or the article's address in a day-first
  country (.uk, .ie, .au, .nz, .in, .za, ...), else value None.
- A clock time with no day in the expression takes the day of the only
  day-precise expression of its sentence ("Tuesday ... at 18:00 UTC").
- "early", "late", "mid", "the end of", "about" do not change the value:
  "late last year" is ``2023`` (the record has no field for such modifiers).

Tense (:func:`tense_of`) comes from the verb governing the expression in the
dependency parse: its auxiliaries ("will", "'ll", "shall", modals, "going
to", perfect "has"), its tag (VBD, VBZ, VBG), and for an infinitive the verb
above it ("plans to", "is expected to", "wants to" point ahead; "agreed to",
said in the past, does not). "since" marks the past, "until" the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from .record import Article, TimeExpr

__all__ = ["AMBIGUOUS_DM", "FISCAL", "NOT_UNDERSTOOD", "NO_ANCHOR", "Norm", "OTHER_TIME",
           "PRESENT_WORDS", "VAGUE_FUTURE", "VAGUE_PAST", "find_times", "normalize",
           "tense_of"]

Day = date | None  # the publication date, when known
Tense = str | None  # as tense_of gives it
DayFirst = bool | None  # how to read 05/06/2024; None: only when certain

NO_ANCHOR = "no publication date to resolve against"
OTHER_TIME = "counted from another time, not the publication date"
VAGUE_PAST = "vague reference to the past"
VAGUE_FUTURE = "vague reference to the future"
AMBIGUOUS_DM = "ambiguous day and month order"
NOT_UNDERSTOOD = "expression not understood"
FISCAL = "fiscal period: its calendar dates depend on the organisation"
NO_DAY = "time of day without a day"
NAMED_DAY = "a named day, not a weekday near publication"
TWO_DIGITS = "two-digit year: century unknown"
NO_SUCH_DAY = "no such day in the calendar"

# "at the time of writing": the publication day
PRESENT_WORDS = frozenset({"now", "right now", "currently", "at present", "presently",
                           "nowadays", "these days", "at the moment", "the present",
                           "for now", "just now", "as of now", "the time being"})
_PAST_WORDS = frozenset({"recently", "lately", "the past", "in the past", "previously",
                         "the recent past", "more recently", "most recently",
                         "in recent times", "formerly"})
_FUTURE_WORDS = frozenset({"the future", "in the future", "the near future", "soon",
                           "the near term", "the long term", "the short term",
                           "the medium term", "the longer term", "in due course",
                           "the distant future"})

# ---------------------------------------------------------------- vocabulary

_WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
             "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
             "saturday": 5, "sat": 5, "sunday": 6, "sun": 6}
_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
           "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8,
           "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
           "november": 11, "nov": 11, "december": 12, "dec": 12}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_ORDER = ["SP", "SU", "FA", "WI"]
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
          "overnight": "NI"}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
            "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
            "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
            "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
            "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12,
            "dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2}
# unit -> (ISO designator, is a clock unit, precision of "N units ago")
_UNITS = {"second": ("S", True, None), "minute": ("M", True, None),
          "hour": ("H", True, None), "day": ("D", False, "day"),
          "night": ("D", False, "day"), "week": ("W", False, "week"),
          "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
          "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
          "decade": ("DE", False, "decade"), "century": ("CE", False, "century")}

_UNIT_RE = (r"(second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|"
            r"centur(?:y|ie))s?")
_WD_RE = (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
          r"thu(?:rs?)?|fri|sat|sun)\.?")
_MON_RE = (r"(january|february|march|april|may|june|july|august|september|october|"
           r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?")
_YEAR_RE = r"((?:1[0-9]|20)\d\d)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUM_RE = (rf"(\d+(?:\.\d+)?|{_TENS}[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
           r"a hundred|one hundred|a dozen|a couple of|a couple|couple of|a pair of|"
           r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
           r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
           r"sixty|seventy|eighty|ninety|hundred|dozen)")
_VAGUE_RE = r"(a few|few|several|some|many|a number of|dozens of|hundreds of|numerous|recent)"


@dataclass(frozen=True, slots=True)
class Norm:
    """What one time expression means: the fields of ``TimeExpr`` but text and span."""

    value: str | None
    precision: str | None
    kind: str = "date"
    anchor: str | None = None
    reason: str | None = None
    begin: str | None = None
    end: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "kind": self.kind,
                "anchor": self.anchor, "reason": self.reason, "begin": self.begin,
                "end": self.end}


def _rel(precision: str | None, kind: str = "date") -> Norm:
    """A relative expression with no anchor to resolve it against."""
    return Norm(None, precision, kind, None, NO_ANCHOR)


def _dur(value: str) -> Norm:
    return Norm(value, "duration", "duration")


def _pub(value: str, precision: str, kind: str = "date") -> Norm:
    return Norm(value, precision, kind, "published")


def _abs(value: str, precision: str) -> Norm:
    return Norm(value, precision, "date", "absolute")


# ---------------------------------------------------------------- calendar helpers


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _direction(tense: str | None) -> str:
    """past, future or nearest: how to place a month or quarter named without a year."""
    if tense in ("future", "progressive"):
        return "future"
    if tense in ("past", "perfect"):
        return "past"
    return "nearest"


def _place(index: int, current: int, period: int, direction: str) -> int:
    """The occurrence of a cyclic unit (index modulo ``period``) nearest to
    ``current``: not after it (past), not before it (future), or the closer,
    the past one counting as half as far."""
    past = current - (current - index) % period
    future = current + (index - current) % period
    if direction == "past":
        return past
    if direction == "future":
        return future
    return past if current - past <= 2 * (future - current) else future


def _month_year(month: int, anchor: date, direction: str) -> int:
    i = _place(month - 1, anchor.year * 12 + anchor.month - 1, 12, direction)
    return i // 12


def _weekday(wd: int, anchor: date, direction: str) -> date:
    if direction == "future":
        return anchor + timedelta(days=(wd - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - wd) % 7)


def _season_index(d: date) -> int:
    """Seasons counted from year 0: SP, SU, FA, WI; January and February are the
    winter of the year before."""
    if d.month == 12:
        return d.year * 4 + 3
    if d.month <= 2:
        return (d.year - 1) * 4 + 3
    return d.year * 4 + (d.month - 3) // 3


def _num(word: str) -> float | int | None:
    word = word.strip()
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return float(word) if "." in word else int(word)
    if word in _NUMBERS:
        return _NUMBERS[word]
    m = re.fullmatch(r"(\w+)[- ](\w+)", word)
    if m and m.group(1) in _NUMBERS and _NUMBERS.get(m.group(2), 10) < 10:
        return _NUMBERS[m.group(1)] + _NUMBERS[m.group(2)]
    return None


def _unit(word: str) -> str:
    word = word.rstrip("s")
    return "century" if word == "centurie" else word


def _duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration: P2D, PT3H, P10Y for a decade, P3M for a quarter, PXW."""
    code, clock, _ = _UNITS[unit]
    factor = {"DE": 10, "CE": 100, "Q": 3}.get(code, 2 if unit == "fortnight" else 1)
    code = {"DE": "Y", "CE": "Y", "Q": "M"}.get(code, code)
    if n is None:
        amount = "X"
    else:
        amount = f"{n * factor:g}"
    return f"P{'T' if clock else ''}{amount}{code}"


def _shift(anchor: date, n: float, unit: str, sign: int) -> date | None:
    if isinstance(n, float) and not n.is_integer():
        return None
    n = int(n) * sign
    days = {"day": 1, "night": 1, "week": 7, "fortnight": 14}
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    if unit in days:
        return anchor + timedelta(days=n * days[unit])
    if unit in months:
        return anchor + relativedelta(months=n * months[unit])
    return None


def _cut(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "week": _iso_week(d), "month": f"{d.year:04d}-{d.month:02d}",
            "quarter": f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "year": f"{d.year:04d}",
            "decade": f"{d.year // 10:03d}", "century": f"{d.year // 100:02d}"}[precision]


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _two_digit_year(yy: str, anchor: date | None) -> int | None:
    """'08 in a 2009 article is 2008: the year from fifty before to ten after it."""
    if anchor is None:
        return None
    for century in (anchor.year // 100 * 100 + k for k in (0, -100, 100)):
        if anchor.year - 50 <= century + int(yy) <= anchor.year + 10:
            return century + int(yy)
    return None


# ---------------------------------------------------------------- cleaning the text

_LEAD = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|more than|less than|"
    r"fewer than|at least|at most|up to|just|only|a mere|mere|barely|exactly|"
    r"as early as|as late as|as recently as|as long as|as of|in|on|at|since|by|until|"
    r"till|from|during|for|throughout|within|of|after|before|over|under|upwards of|"
    r"well over|precisely|an additional|additional|a full|the whole of|the entire|"
    r"(?:the )?(?:very )?(?:end|beginning|start|middle|rest|remainder|close|turn|"
    r"first days|last days|final days|early part|latter part|latter half|month) of|"
    r"early|late|mid|earlier|later|the early|the late|the mid)\s+(?=\S)")
_INNER = re.compile(r"\b(?:straight|consecutive|running|full|whole|long|entire|trading|"
                    r"business|working|calendar)\s+(?=\w)")
_BOUNDARY = re.compile(r"early|late|mid|earlier|later|the early|the late|the mid|.* of")


def _clean(text: str) -> str:
    s = text.lower().translate({0x2019: "'", 0x2018: "'", 0x2013: "-", 0x2014: "-",
                                0xa0: " "})
    s = re.sub(r"\s+", " ", s).strip(" ,;:()[]\"")
    s = re.sub(r"(?<=\w)'s?$", "", s).rstrip(" ,;:")
    if not re.search(r"\b[ap]\.m\.$", s):
        s = re.sub(r"(?<=\w)\s*\.$", "", s)
    return s


def _strip(s: str) -> tuple[str, bool, bool]:
    """Remove leading prepositions and modifiers: the rest, whether "since" was
    among them, and whether a boundary ("the end of", "late") was."""
    since = boundary = False
    m = re.match(r"(mid|end)-(?=\w)", s)
    if m:
        s, boundary = s[m.end():], True
    while m := _LEAD.match(s):
        word = m.group(0).strip()
        since = since or word == "since"
        boundary = boundary or bool(_BOUNDARY.fullmatch(word))
        s = s[m.end():]
    return _INNER.sub("", s), since, boundary


# ---------------------------------------------------------------- normalizing


def normalize(text: str, anchor: date | None, tense: str | None = None, *,
              dayfirst: bool | None = None) -> Norm | None:
    """Resolve one time expression, or None when ``text`` is not one.

    ``anchor`` is the publication date; ``tense`` the governing verb's tense
    (``past``, ``perfect``, ``present``, ``progressive``, ``future`` or None,
    as :func:`tense_of` gives it); ``dayfirst`` how to read "05/06/2024"
    (None: only when the order is certain).
    """
    raw = _clean(text)
    if not raw:
        return None
    s, since, boundary = _strip(raw)
    if since and tense is None:
        tense = "past"
    for candidate in dict.fromkeys((raw, s)):
        if not candidate:
            continue
        if boundary and candidate in ("the year", "the month", "the week", "the quarter",
                                      "the decade", "year", "month", "week"):
            candidate = "this " + candidate.removeprefix("the ")
        for rule in _RULES:
            out = rule(candidate, anchor, tense, dayfirst)
            if out is not None:
                return out
    return None


def _r_words(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if s in PRESENT_WORDS:
        return _pub(anchor.isoformat(), "day") if anchor else _rel("day")
    if s in _PAST_WORDS:
        return Norm(None, None, "date", None, VAGUE_PAST)
    if s in _FUTURE_WORDS:
        return Norm(None, None, "date", None, VAGUE_FUTURE)
    return None


_R_DEICTIC = re.compile(r"(the day before yesterday|the day after tomorrow|today|tonight|"
                        r"yesterday|tomorrow|this|last)(?: (morning|afternoon|evening|night|"
                        r"overnight))?")
_DEICTIC = {"today": 0, "tonight": 0, "this": 0, "last": -1, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2}


def _r_deictic(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_DEICTIC.fullmatch(s)
    if not m:
        return None
    word, part = m.group(1), m.group(2) or ("night" if m.group(1) == "tonight" else None)
    if (word == "this" and not part) or (word == "last" and part != "night"):
        return None
    if anchor is None:
        return _rel("time", "time") if part else _rel("day")
    d = anchor + timedelta(days=_DEICTIC[word])
    if part:
        return _pub(f"{d.isoformat()}T{_PARTS[part]}", "time", "time")
    return _pub(d.isoformat(), "day")


_R_WEEKDAY = re.compile(rf"(?:(last|next|this|this coming|coming|past|this past|the following|"
                        rf"the previous|the next|the preceding|that|the same) )?{_WD_RE}"
                        rf"(?: (morning|afternoon|evening|night))?(?: (last|this|next) week)?")


def _r_weekday(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_WEEKDAY.fullmatch(s)
    if not m:
        return None
    mod, wd, part, week = m.group(1), _WEEKDAYS[m.group(2)], m.group(3), m.group(4)
    kind, prec = ("time", "time") if part else ("date", "day")
    if mod and (mod.startswith("the ") or mod == "that"):
        return Norm(None, prec, kind, None, OTHER_TIME)
    if anchor is None:
        return _rel(prec, kind)
    if week:
        monday = anchor - timedelta(days=anchor.weekday())
        d = monday + timedelta(days=wd + 7 * {"last": -1, "this": 0, "next": 1}[week])
    elif mod in ("last", "past", "this past"):
        d = anchor - timedelta(days=(anchor.weekday() - wd) % 7 or 7)
    elif mod in ("next", "coming", "this coming"):
        d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    else:
        d = _weekday(wd, anchor, "future" if tense in ("future", "progressive") else "past")
    return _pub(d.isoformat() + (f"T{_PARTS[part]}" if part else ""), prec, kind)


_R_AGO = re.compile(rf"(?:{_NUM_RE}|{_VAGUE_RE}) ?-?{_UNIT_RE} (ago|back|from now|hence|"
                    r"from today)|" + _UNIT_RE + " ago")


_R_LATER = re.compile(rf"(?:{_NUM_RE}|{_VAGUE_RE}) ?-?{_UNIT_RE} (later|earlier|before|after|"
                      r"afterwards|previously|prior|beforehand|on)")


def _r_later(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_LATER.fullmatch(s)
    if not m:
        return None
    prec = _UNITS[_unit(m.group(3))][2] or "time"
    return Norm(None, prec, "time" if prec == "time" else "date", None, OTHER_TIME)


def _r_ago(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_AGO.fullmatch(s)
    if not m:
        return None
    if m.group(5):  # "years ago"
        return Norm(None, None, "date", None, VAGUE_PAST)
    nword, vague, unit, word = m.group(1), m.group(2), _unit(m.group(3)), m.group(4)
    sign = -1 if word in ("ago", "back") else 1
    if vague:
        return Norm(None, None, "date", None, VAGUE_PAST if sign < 0 else VAGUE_FUTURE)
    n = _num(nword)
    prec = _UNITS[unit][2]
    if n is None:
        return None
    if prec is None:  # "three hours ago": from a time of day we do not know
        return Norm(None, "time", "time", None, OTHER_TIME)
    if anchor is None:
        return _rel(prec)
    d = _shift(anchor, n, unit, sign)
    return _pub(_cut(d, prec), prec) if d else Norm(None, prec, "date", None, NOT_UNDERSTOOD)


_R_CAL = re.compile(r"(last|this|next|the current|current|the coming|coming|the previous|"
                    r"previous|the past|past|the last|the next|the following|the same|that|"
                    r"this past|this coming|a|an|one|a single|each|every|per|every other)"
                    r" (week|weekend|month|year|quarter|decade|century|day|fortnight|season)")
_CAL_SHIFT = {"last": -1, "previous": -1, "this past": -1, "this": 0, "current": 0,
              "the current": 0, "next": 1, "coming": 1, "the coming": 1, "this coming": 1}


def _r_calendar(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_CAL.fullmatch(s)
    if not m:
        return None
    mod, unit = m.group(1), m.group(2)
    if mod in ("each", "every", "per", "every other"):
        return _set(unit, 2 if mod == "every other" else 1)
    if unit == "season":
        return None
    if mod in ("a", "an", "one", "a single"):
        return _dur(_duration(1, unit)) if unit in _UNITS else None
    if mod in ("that", "the same", "the following", "the previous") or (
            unit == "day" and mod in ("the next", "the last")):  # narrative: "the next day"
        return Norm(None, _UNITS.get(unit, ("", 0, "week"))[2], "date", None, OTHER_TIME)
    back = mod in ("the past", "the last", "past")
    if unit == "quarter" and back:
        mod = "last"  # "the last quarter": the previous one, a reporting period
    elif back or mod == "the next" or (mod in ("the coming", "coming") and unit == "day"):
        return _period(1, unit, anchor, -1 if back else 1) if unit in _UNITS else None
    shift = _CAL_SHIFT.get(mod)
    if shift is None or unit in ("day", "fortnight"):
        return None
    if anchor is None:
        return _rel("week" if unit == "weekend" else _UNITS[unit][2])
    if unit in ("week", "weekend"):
        return _pub(_iso_week(anchor + timedelta(weeks=shift)) + ("-WE" if unit == "weekend"
                                                                  else ""), "week")
    if unit == "decade" and shift:
        return _period(1, unit, anchor, shift)
    return _pub(_cut(_shift(anchor, 1, unit, shift), _UNITS[unit][2]), _UNITS[unit][2])


def _set(unit: str, n: int) -> Norm | None:
    if unit in _UNITS:
        return Norm(_duration(n, unit), _UNITS[unit][2] or "time", "set")
    if unit in _PARTS:
        return Norm(f"XXXX-XX-XXT{_PARTS[unit]}", "time", "set")
    if unit in _WEEKDAYS:
        return Norm(f"XXXX-WXX-{_WEEKDAYS[unit] + 1}", "day", "set")
    if unit in _SEASONS:
        return Norm(f"XXXX-{_SEASONS[unit]}", "season", "set")
    if unit == "weekend":
        return Norm("XXXX-WXX-WE", "week", "set")
    return None


def _period(n: float | None, unit: str, anchor: date | None, sign: int) -> Norm:
    """"the past N units" (sign -1) or "the next N units" (+1), from publication."""
    value = _duration(n, unit)
    if anchor is None:
        return _dur(value)
    other = _shift(anchor, n, unit, sign) if n is not None else None
    here, there = anchor.isoformat(), other.isoformat() if other else None
    begin, end = (there, here) if sign < 0 else (here, there)
    return Norm(value, "duration", "duration", "published", None, begin, end)


_R_PERIOD = re.compile(rf"(the )?(past|last|previous|next|coming|following|first|final|"
                       rf"preceding|recent|ensuing|subsequent) (?:(?:{_NUM_RE}|{_VAGUE_RE}) )?"
                       rf"{_UNIT_RE}")


def _r_period(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_PERIOD.fullmatch(s)
    if not m:
        return None
    the, which, nword, vague, unit = m.groups()
    unit = _unit(unit)
    if nword is None and vague is None and not s.endswith("s"):
        return None  # "the past year" and "last year" are the calendar rule's
    n = _num(nword) if nword else None
    if which in ("past", "recent") or (the and which == "last"):
        return _period(n, unit, anchor, -1)
    if which == "coming" or (the and which == "next"):
        return _period(n, unit, anchor, 1)
    return _dur(_duration(n, unit))


_R_DURATION = re.compile(
    rf"(?:(?:the|a|an|his|her|its|their|our|my|your) )?(?:{_NUM_RE}|{_VAGUE_RE})?"
    rf"(?:[ -]and[ -]a[ -]half)? ?-?{_UNIT_RE}(?:[ -]and[ -]a[ -]half)?(?:[ -](?:old|long))?")


def _r_duration(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_DURATION.fullmatch(s)
    if not m:
        return None
    nword, vague, unit = m.group(1), m.group(2), _unit(m.group(3))
    half = "and a half" in s.replace("-", " ")
    if nword is None and vague is None:
        if not re.search(r"s(?:[ -](?:old|long))?$", s) or s.endswith("ss"):
            return None  # "the day", "year": no length said
        if re.match(r"(the|his|her|its|their|our|my|your) ", s):
            return None
        n = None
    else:
        n = None if vague else _num(nword)
        if n is None and not vague:
            return None
    if half and n is not None:
        n += 0.5
    return _dur(_duration(n, unit))


_OVER = re.compile(r"(?:over|through|throughout) the (day|week|month|year|decade)s")


def _r_over(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _OVER.fullmatch(s)
    return _dur(_duration(None, m.group(1))) if m else None


_HALVES = {"half an hour": "PT30M", "half a day": "PT12H", "half a year": "P6M",
           "half a decade": "P5Y", "half a century": "P50Y"}


def _r_half(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    return _dur(_HALVES[s]) if s in _HALVES else None


def _r_age(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = re.fullmatch(rf"{_NUM_RE}[- ](year|month|week|day)s?[- ]olds?", s)
    n = _num(m.group(1)) if m else None
    return _dur(_duration(n, m.group(2))) if n is not None else None


_R_FISCAL = re.compile(r"(?:(?:the )?(?:this |last |next |current |previous )?(?:fiscal|financial)"
                       r"(?: year| quarter)?|fy)(?: ?(?:1[0-9]|20)\d\d|'?\d\d)?")


def _r_year(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = re.fullmatch(rf"(?:(?:the )?(?:calendar )?year (?:of )?)?{_YEAR_RE}", s)
    if m:
        return _abs(m.group(1), "year")
    m = re.fullmatch(r"'(\d\d)", s)
    if m:
        y = _two_digit_year(m.group(1), anchor)
        return _pub(str(y), "year") if y else Norm(None, "year", "date", None, TWO_DIGITS)
    if _R_FISCAL.fullmatch(s):
        return Norm(None, "quarter" if "quarter" in s else "year", "date", None, FISCAL)
    m = re.fullmatch(rf"{_YEAR_RE}(?:-|/| to | and | through | until ){_YEAR_RE}", s)
    if m and m.group(1) < m.group(2):
        return Norm(None, "year", "date", "absolute", "a range: see begin and end", *m.groups())
    return None


_R_DECADE = re.compile(r"(?:the )?(?:(1\d|20)(\d)0|'(\d)0|(\d)0)'?s")
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}
_CENT_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth".split())} | {"twenty-first": 21, "twenty first": 21}


def _r_decade(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    dec = None
    if m := _R_DECADE.fullmatch(s):
        if m.group(1):
            dec = m.group(1) + m.group(2)
        elif int(m.group(3) or m.group(4)) < 3:
            return Norm(None, "decade", "date", None, "two-digit decade: century unknown")
        else:
            dec = "19" + (m.group(3) or m.group(4))
    elif m := re.fullmatch(r"(?:the )?(?:(19|20)|nineteen-)?(" + "|".join(_DECADE_WORDS) + ")", s):
        if m.group(1) or s.startswith("the"):
            dec = ("20" if m.group(1) == "20" else "19") + str(_DECADE_WORDS[m.group(2)])
    if dec:
        return Norm(dec, "decade", "date", "absolute", None, f"{dec}0", f"{dec}9")
    m = re.fullmatch(r"(?:the )?(?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(_CENT_WORDS)
                     + r"))[- ]century", s)
    if m:
        c = (int(m.group(1)) if m.group(1) else _CENT_WORDS[m.group(2)]) - 1
        return Norm(f"{c:02d}", "century", "date", "absolute", None, f"{c:02d}00", f"{c:02d}99")
    return None


_R_QUARTER = re.compile(
    rf"(?:the )?((?:fiscal|financial) )?(first|second|third|fourth|1st|2nd|3rd|4th|final)"
    rf"[- ](quarter|half)(?: of)?(?: (?:{_YEAR_RE}|(this|last|next|the) year))?"
    rf"|q([1-4])(?: {_YEAR_RE}|'(\d\d))?|{_YEAR_RE} q([1-4])|h([12])(?: {_YEAR_RE})?")


def _r_quarter(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_QUARTER.fullmatch(s)
    if not m:
        return None
    g = m.groups()
    if g[0]:
        return Norm(None, "quarter", "date", None, FISCAL)
    rel = None
    if g[1]:
        code = "Q" if g[2] == "quarter" else "H"
        n = (4 if code == "Q" else 2) if g[1] == "final" else _ORDINALS[g[1]]
        if code == "H" and n > 2:
            return None
        year, rel = g[3], g[4]
    elif g[5]:
        code, n = "Q", int(g[5])
        year = g[6] or (str(_two_digit_year(g[7], anchor) or "") if g[7] else None)
    elif g[8]:
        code, n, year = "Q", int(g[9]), g[8]
    else:
        code, n, year = "H", int(g[10]), g[11]
    prec = "quarter" if code == "Q" else "half"
    if year:
        return _abs(f"{year}-{code}{n}", prec)
    if anchor is None:
        return _rel(prec)
    if rel:
        return _pub(f"{anchor.year + {'last': -1, 'next': 1}.get(rel, 0)}-{code}{n}", prec)
    size = 3 if code == "Q" else 6
    per_year = 12 // size
    i = _place(n - 1, anchor.year * per_year + (anchor.month - 1) // size, per_year,
               _direction(tense))
    return _pub(f"{i // per_year}-{code}{n}", prec)


_R_SEASON = re.compile(rf"(?:(last|this|next|the|coming|past|the coming|the past|this past|"
                       rf"that|the following|the previous|a|one) )?(spring|summer|autumn|fall|"
                       rf"winter)(?:(?: of)? {_YEAR_RE})?")


def _r_season(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_SEASON.fullmatch(s)
    if not m:
        return None
    mod, word, year = m.groups()
    code = _SEASONS[word]
    if year:
        return _abs(f"{year}-{code}", "season")
    if (word == "fall" and not mod) or mod in ("a", "one"):
        return None  # the verb; "a summer" is a length
    if mod in ("that", "the following", "the previous"):
        return Norm(None, "season", "date", None, OTHER_TIME)
    if anchor is None:
        return _rel("season")
    cur = _season_index(anchor)
    idx = _SEASON_ORDER.index(code)
    if mod in ("last", "past", "the past", "this past"):
        i = cur - ((cur - idx) % 4 or 4)
    elif mod in ("next", "coming", "the coming"):
        i = cur + ((idx - cur) % 4 or 4)
    elif mod == "this":
        # "this summer": of the anchor's year (winter: the one around the anchor's January)
        y = anchor.year - (1 if code == "WI" and anchor.month <= 2 else 0)
        i = y * 4 + idx
    else:
        i = _place(idx, cur, 4, _direction(tense))
    return _pub(f"{i // 4}-{_SEASON_ORDER[i % 4]}", "season")


_R_MONTH = re.compile(rf"(?:(last|this|next|this past|this coming|the following|the previous|"
                      rf"that|past|coming) )?{_MON_RE}(?:,? (?:of )?(?:{_YEAR_RE}|'(\d\d)|"
                      rf"(this|last|next) year))?")


def _r_month(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_MONTH.fullmatch(s)
    if not m:
        return None
    mod, month, year, short, rel = m.group(1), _MONTHS[m.group(2)], m.group(3), m.group(4), \
        m.group(5)
    if year:
        return _abs(f"{year}-{month:02d}", "month")
    if mod in ("the following", "the previous", "that"):
        return Norm(None, "month", "date", None, OTHER_TIME)
    if anchor is None:
        return _rel("month")
    if short:
        y = _two_digit_year(short, anchor)
        if y is None:
            return Norm(None, "month", "date", None, TWO_DIGITS)
    elif rel:
        y = anchor.year + {"last": -1, "this": 0, "next": 1}[rel]
    elif mod in ("last", "this past", "past"):
        y = anchor.year if month < anchor.month else anchor.year - 1
    elif mod in ("next", "this coming", "coming"):
        y = anchor.year if month > anchor.month else anchor.year + 1
    elif mod == "this":
        y = anchor.year
    else:
        y = _month_year(month, anchor, _direction(tense))
    return _pub(f"{y}-{month:02d}", "month")


_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_R_MONTHDAY = re.compile(rf"(?:{_WD_RE},? )?(?:(?:the )?{_DAY_RE} (?:of )?{_MON_RE}|{_MON_RE} "
                         rf"(?:the )?{_DAY_RE})(?:,? (?:{_YEAR_RE}|'(\d\d)))?")


def _r_monthday(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_MONTHDAY.fullmatch(s)
    if not m:
        return None
    wd, g = m.group(1), m.groups()
    day, month = (int(g[1]), _MONTHS[g[2]]) if g[1] else (int(g[4]), _MONTHS[g[3]])
    year, short = g[5], g[6]
    if year:
        d = _date(int(year), month, day)
        return _abs(d.isoformat(), "day") if d else Norm(None, "day", "date", None, NO_SUCH_DAY)
    if anchor is None:
        return _rel("day")
    if short:
        y = _two_digit_year(short, anchor)
        if y is None:
            return Norm(None, "day", "date", None, TWO_DIGITS)
    else:
        y = _month_year(month, anchor, _direction(tense))
        if wd:  # a weekday written beside the day settles the year
            fits = [c for c in (y, y - 1, y + 1)
                    if (d := _date(c, month, day)) and d.weekday() == _WEEKDAYS[wd]]
            y = fits[0] if fits else y
    d = _date(y, month, day)
    return _pub(d.isoformat(), "day") if d else Norm(None, "day", "date", None, NO_SUCH_DAY)


def _r_ordinal_day(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th)", s)
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    if anchor is None:
        return _rel("day")
    day = int(m.group(1))
    first = anchor.replace(day=1)
    if tense in ("future", "progressive"):
        first += relativedelta(months=0 if day >= anchor.day else 1)
    else:
        first -= relativedelta(months=0 if day <= anchor.day else 1)
    d = _date(first.year, first.month, day)
    return _pub(d.isoformat(), "day") if d else Norm(None, "day", "date", None, NO_SUCH_DAY)


def _r_numeric(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if m := re.fullmatch(r"(\d{4})([-/])(\d{2})\2(\d{2})", s):
        d = _date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return _abs(d.isoformat(), "day") if d else None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
        y, mo = int(m.group(1)), int(m.group(2))
        return _abs(f"{y:04d}-{mo:02d}", "month") if 1 <= mo <= 12 and y >= 1000 else None
    m = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})", s)
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(3))
    y = int(m.group(4)) if len(m.group(4)) == 4 else _two_digit_year(m.group(4), anchor)
    if y is None:
        return Norm(None, "day", "date", None, TWO_DIGITS)
    if a > 12 >= b or a == b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    elif dayfirst is None:
        return Norm(None, "day", "date", None, AMBIGUOUS_DM)
    else:
        day, month = (a, b) if dayfirst else (b, a)
    d = _date(y, month, day)
    if d is None:
        return None
    return _abs(d.isoformat(), "day") if len(m.group(4)) == 4 else _pub(d.isoformat(), "day")


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new years day": (1, 1), "new year's eve": (12, 31),
             "new years eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14),
             "boxing day": (12, 26)}
_NAMED_DAYS = re.compile(r"(black|cyber|super|bloody|good|easter|ash|holy|palm|maundy|shrove|"
                         r"giving|green|red) " + _WD_RE)


def _r_holiday(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if _NAMED_DAYS.fullmatch(s):
        return Norm(None, "day", "date", None, NAMED_DAY)
    m = re.fullmatch(rf"(?:(last|this|next) )?({'|'.join(map(re.escape, _HOLIDAYS))})"
                     rf"(?:,? {_YEAR_RE})?", s)
    if not m:
        return None
    mod, name, year = m.groups()
    month, day = _HOLIDAYS[name]
    if year:
        return _abs(date(int(year), month, day).isoformat(), "day")
    if anchor is None:
        return _rel("day")
    if mod == "this":
        return _pub(date(anchor.year, month, day).isoformat(), "day")
    direction = {"last": "past", "next": "future"}.get(mod, _direction(tense))
    days = [date(anchor.year + k, month, day) for k in (-1, 0, 1)]
    if mod in ("last", "next"):  # strictly before or after
        days = [d for d in days if d != anchor]
    past = max(d for d in days if d <= anchor)
    future = min(d for d in days if d >= anchor)
    if direction == "nearest":
        direction = "past" if anchor - past <= 2 * (future - anchor) else "future"
    return _pub((past if direction == "past" else future).isoformat(), "day")


_SETWORDS = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
             "annually": "year", "annual": "year", "nightly": "night", "hourly": "hour",
             "quarterly": "quarter", "biweekly": "fortnight", "fortnightly": "fortnight",
             "everyday": "day"}


def _r_set(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if s in _SETWORDS:
        return _set(_SETWORDS[s], 1)
    m = re.fullmatch(r"(?:once|twice|\w+ times) (?:a|an|per|each|every) (\w+)", s)
    if m and m.group(1) in _UNITS:
        return _set(m.group(1), 1)
    m = re.fullmatch(r"(every|each) (other )?(\w+?)s?", s)
    if m and (m.group(3) in _WEEKDAYS and len(m.group(3)) > 3 or m.group(3) in _PARTS
              or m.group(3) in _SEASONS or m.group(3) in ("weekend", "night")):
        return _set(m.group(3), 2 if m.group(2) else 1)
    m = re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s", s)
    return _set(m.group(1), 1) if m else None


# clock times: "9 a.m.", "9:30 pm", "21:00", "0800 GMT", "noon", "midnight"
_TIME_RE = (r"(?:(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?\s?m\b\.?|(\d{1,2}):(\d{2})(?::(\d{2}))?"
            r"|(\d{2})(\d{2})(?=\s?(?:gmt|utc|z\b|hours|hrs|h\b))|(noon|midday|midnight))")
_ZONE_RE = (r"(?:\s?\(?\s?(gmt|utc|z|bst|cet|cest|est|edt|et|cst|cdt|ct|mst|mdt|mt|pst|pdt|pt|"
            r"msk|ist|jst|kst|eet|eest|local time|local|hours|hrs|h)\b(?:\s?([+-])\s?(\d{1,2}))?"
            r"(?:\s?\))?)?")
_R_CLOCK = re.compile(_TIME_RE + _ZONE_RE)


def _r_clock(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_CLOCK.search(s)
    if not m:
        return None
    rest = re.sub(r"\b(?:on|at|of)\b|,", " ", s[:m.start()] + " " + s[m.end():])
    rest = re.sub(r"\s+", " ", rest).strip()
    g = m.groups()
    if g[8]:
        hh, mm, ss = (0 if g[8] == "midnight" else 12), 0, None
    elif g[0]:
        hh, mm, ss = int(g[0]), int(g[1] or 0), None
        if not 1 <= hh <= 12:
            return None
        hh = hh % 12 + (12 if g[2] == "p" else 0)
    elif g[3]:
        hh, mm, ss = int(g[3]), int(g[4]), g[5]
    else:
        hh, mm, ss = int(g[6]), int(g[7]), None
    if hh > 23 or mm > 59:
        return None
    clock = f"T{hh:02d}:{mm:02d}" + (f":{ss}" if ss else "")
    if g[9] in ("gmt", "utc", "z"):
        clock += f"{g[10]}{int(g[11]):02d}:00" if g[10] else "Z"
    if not rest:
        return Norm(clock, "time", "time")
    day = normalize(rest, anchor, tense, dayfirst=dayfirst)
    if day is None:
        return None
    if day.value and day.precision == "time" and re.search(r"T(MO|AF|EV|NI)$", day.value):
        day = replace(day, value=day.value[:-4], precision="day")
    if day.precision != "day":
        return None
    if day.value is None:
        return Norm(None, "time", "time", None, day.reason)
    return Norm(day.value + clock, "time", "time", day.anchor)


_R_OTHER = re.compile(r"(?:the|that|the same|the next|the following|the previous|the preceding|"
                      r"the prior|that same|the very) (?:day|week|month|year|time|period|date|"
                      r"morning|afternoon|evening|night)(?: before| after| earlier| later)?"
                      r"|(?:the )?(?:day|week|month|year) (?:before|after|earlier|later)"
                      r"|at the time|at that time|at that point|at one point|since then|"
                      r"by then|until then|one day|someday|some day|a later date|"
                      r"an earlier date|a later time|an earlier time")
_R_PART = re.compile(r"(?:in )?(?:the |early |late )?(morning|afternoon|evening|overnight)")


def _r_other(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if _R_PART.fullmatch(s):
        return Norm(None, "time", "time", None, NO_DAY)
    if not _R_OTHER.fullmatch(s) or s in ("the time", "the period", "the date", "the year",
                                          "the month", "the week", "the morning",
                                          "the evening", "the afternoon", "the night"):
        return None
    unit = re.search(r"\b(day|week|month|year|morning|afternoon|evening|night)\b", s)
    prec = None if not unit else ("time" if unit.group(1) in _PARTS else unit.group(1))
    return Norm(None, prec, "time" if prec == "time" else "date", None, OTHER_TIME)


def _r_dateparser(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    """Full dates the rules above do not read ("19-Jun-2024"), as dateparser reads them."""
    if len(s) > 40 or not re.search(r"\d{4}", s) or not re.search(_MON_RE, s):
        return None
    import dateparser  # slow to import: only when needed

    for parts, prec in ((["day", "month", "year"], "day"), (["month", "year"], "month")):
        d = dateparser.parse(s, languages=["en"], settings={
            "STRICT_PARSING": True, "REQUIRE_PARTS": parts, "DATE_ORDER": "DMY" if dayfirst
            else "MDY"})
        if d is not None:
            return _abs(_cut(d.date(), prec), prec)
    return None


_RULES = [_r_words, _r_deictic, _r_weekday, _r_ago, _r_later, _r_calendar, _r_period, _r_age,
          _r_duration, _r_over, _r_half, _r_year, _r_decade, _r_quarter, _r_season, _r_month,
          _r_monthday, _r_ordinal_day, _r_numeric, _r_holiday, _r_set, _r_clock, _r_other,
          _r_dateparser]


# ---------------------------------------------------------------- tense

_FUTURE_AUX = {"will", "shall", "'ll", "ll", "wo", "sha"}
_MODALS = {"would", "could", "might", "may", "should", "must", "can", "ca", "'d"}
_PERFECT = {"have", "has", "'ve", "having"}
_PAST_AUX = {"was", "were", "did", "had"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re", "'m", "do", "does"}
# verbs whose infinitive complement lies ahead even when they are said in the past
_AHEAD = {"plan", "expect", "hope", "intend", "aim", "seek", "schedule", "set", "due",
          "prepare", "want", "need", "go", "likely", "poised", "slate", "ready", "about",
          "promise", "vow", "pledge", "threaten", "propose", "wish", "bound", "expected"}
_SCHEDULED = {"schedule", "set", "slate", "plan", "expect", "due", "poised", "postpone",
              "delay", "push", "reschedule"}


def tense_of(span: Any) -> str | None:
    """The tense of the verb governing a spaCy span: ``past``, ``perfect``
    (present perfect), ``present``, ``progressive`` (present progressive, in news
    often a plan), ``future``, or None when no verb governs it. "since" before
    the span gives ``past``, "until"/"till" ``future`` unless the verb is past."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].lower_ in ("on", "at", "as", "early", "late"):
        i -= 1
    signal = doc[i].lower_ if i >= 0 else ""
    if signal == "since":
        return "past"
    tok, via_noun = span.root, False
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head is tok:
            break
        tok = tok.head
        via_noun = via_noun or (tok.pos_ in ("NOUN", "PROPN", "PRON")
                                and not span.start <= tok.i < span.end)
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if signal in ("until", "till", "pending"):
        words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        return "past" if tok.tag_ == "VBD" or words & _PAST_AUX else "future"
    # a time that dates a noun ("a June 3 hearing", "the closure during the fourth
    # quarter") is not dated by the verb's tense
    return None if via_noun else _verb_tense(tok, 0)


def _verb_tense(v: Any, depth: int) -> str | None:
    words = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
    head = v.head if v.head is not v else None
    if any(w in _FUTURE_AUX for w in words) or "going" in words:
        return "future"
    if "to" in words:  # an infinitive: "wants to meet", "is due to be published"
        if head is None or head.pos_ not in ("VERB", "AUX", "ADJ"):
            return "future"  # a headline: "Markets to remain closed until Friday"
        if head.lemma_.lower() in _AHEAD or depth >= 3:
            return "future"
        return "past" if _verb_tense(head, depth + 1) == "past" else "future"
    if v.lemma_.lower() in _SCHEDULED and v.tag_ == "VBN" and not any(
            w in ("was", "were", "had") for w in words):
        return "future"  # "is scheduled for", "has been postponed until"
    if "had" in words:
        return "past"
    if any(w in _PERFECT for w in words):
        return "perfect"
    if any(w in _MODALS for w in words):
        return "future"
    if v.tag_ == "VBD" or any(w in _PAST_AUX for w in words):
        return "past"
    if v.tag_ in ("VBZ", "VBP"):
        return "present"
    if any(w in _PRESENT_AUX for w in words):
        return "progressive" if v.tag_ == "VBG" else "present"
    if head is not None and depth < 3 and v.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl",
                                                     "relcl"):
        if head.pos_ in ("VERB", "AUX"):
            return _verb_tense(head, depth + 1)
    if v.tag_ == "VBN" and v.dep_ in ("ROOT", "acl"):
        return "past"  # "Six killed in attack Tuesday", "plans announced in January"
    return None


# ---------------------------------------------------------------- detection

_MONTH_CAP = (r"(?:January|February|March|April|May|June|July|August|September|October|"
              r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|"
              r"Nov\.|Dec\.|Jan|Feb|Aug|Sept|Oct|Nov|Dec)")
_WD_CAP = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_CAP = (r"(?:\d+(?:\.\d+)?|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|"
            r"[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|"
            r"[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]orty|"
            r"[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Hh]undred|[Aa] couple of|"
            r"[Aa] few|[Ss]everal|[Aa] dozen)(?:[ -]and[ -]a[ -]half)?")
_UNIT_CAP = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|"
             r"years?|decades?|centuries|century)")
_YEAR_CAP = r"(?:1[5-9]|20)\d\d"
_DETECT = [
    # full dates: "June 19, 2024", "19 June 2024", "Tuesday, June 19"
    rf"(?:{_WD_CAP},? )?{_MONTH_CAP} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? {_YEAR_CAP}\b)?",
    rf"(?:{_WD_CAP},? )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_CAP}\b"
    rf"(?:,? {_YEAR_CAP}\b)?",
    rf"\b(?:(?:early|mid|late)[ -]?)?{_MONTH_CAP},? {_YEAR_CAP}\b",
    r"\b(?:1[0-9]|20)\d\d-[01]\d-[0-3]\d\b",
    r"(?<![\d/.])\d{1,2}([/.])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/]|\.\d)",
    # weekdays, named days, deictic words, present and vague references
    rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his(?: (?:past|coming))?|[Cc]oming) )?{_WD_CAP}"
    r"(?: (?:morning|afternoon|evening|night))?\b",
    rf"\b(?:Black|Cyber|Super|Bloody|Good|Easter|Ash|Holy|Palm|Maundy|Shrove|Giving) {_WD_CAP}\b",
    r"\b(?:[Tt]he day (?:before yesterday|after tomorrow)|[Tt]oday|[Tt]onight|[Yy]esterday|"
    r"[Tt]omorrow)(?: (?:morning|afternoon|evening|night))?\b",
    r"\b(?:[Tt]his (?:morning|afternoon|evening)|[Ll]ast night)\b",
    r"\b(?:[Nn]ow|[Cc]urrently|[Rr]ecently|[Nn]owadays|[Aa]t present|[Tt]hese days)\b(?!-)",
    r"\b(?:[Tt]he (?:near |distant )?future|[Tt]he time being|[Aa]t the time|"
    r"[Tt]he past(?! (?:few|several|\d|\w+ (?:days?|weeks?|months?|years?|decades?))"
    r"| (?:days?|weeks?|months?|years?|decades?|century|quarter)\b)|"
    r"[Tt]he (?:near|long|short|medium) term(?!-))\b",
    # calendar units and counts of units
    r"\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Tt]he (?:past|last|next|coming)|[Cc]oming) "
    r"(?:week|weekend|month|year|quarter|decade|spring|summer|autumn|winter)\b",
    r"\b(?:[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate) (?:this|last|next) (?:week|month|year)\b",
    rf"\b(?:[Tt]he (?:past|last|next|previous|coming|following) )?{_NUM_CAP}[ -]{_UNIT_CAP}"
    rf"(?: (?:ago|from now))?\b",
    rf"\b{_NUM_CAP}[ -]years?[ -]old\b",
    r"\b(?:[Ff]or|[Ii]n|[Ww]ithin|[Jj]ust|[Oo]nly|[Aa]fter|[Ff]ew|[Rr]ecent) (?P<t>(?:seconds|"
    r"minutes|hours|days|weeks|months|years|decades))\b",
    r"\b(?:[Oo]ver|[Tt]hrough) the (?:years|decades)\b",
    # years, decades, centuries
    rf"\b(?:in|In|since|Since|by|By|of|until|from|From|during|During|before|after|through|"
    rf"to|early|late|mid|and|or|year|between|Between) (?P<t>{_YEAR_CAP})\b"
    r"(?![-/]\d| (?:per|percent|people|troops|soldiers))",
    rf"\b(?:since|in|In|of|from|until) (?P<t>['\u2019]\d\d)\b(?!s)",
    r"\b(?:[Tt]he )?(?:(?:early|mid|late)[- ])?(?:1[0-9]|20)\d0'?s\b",
    r"\b(?:[Tt]he )?'\d0s\b",
    r"\b(?:[Tt]he )?\d{1,2}(?:st|nd|rd|th) century\b",
    # quarters and seasons
    rf"\b(?:[Tt]he )?(?:first|second|third|fourth|final)[- ]quarter(?: of {_YEAR_CAP})?\b",
    rf"\bQ[1-4](?: {_YEAR_CAP})?\b",
    r"\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Tt]he) (?:spring|summer|autumn|fall|winter)\b",
    # clock times with an optional zone and day; matched ignoring case
    rf"(?<![\d:.]){_TIME_RE}{_ZONE_RE}(?:,? (?:on )?(?:{_WD_CAP.lower()}|today|yesterday|"
    rf"tomorrow))?",
    # recurrences
    r"\b(?:[Ee]very|[Ee]ach) (?:day|week|month|year|morning|evening|night|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    r"\b(?:[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|[Qq]uarterly)\b",
]
_DETECT_RX = [re.compile(p, re.IGNORECASE if p.startswith("(?<![\\d:.])") else 0)
              for p in _DETECT]
_YEAR_RANGE = re.compile(rf"\b({_YEAR_CAP})\s?[-\u2013/]\s?((?:1[5-9]|20)?\d\d)\b(?![-/]\d)")
_NUMBER_RANGE = re.compile(
    rf"\b(?:between )?(?P<a>{_NUM_CAP})(?: (?:and|to|or)|-|\u2013)\s?(?P<b>{_NUM_CAP})[ -]"
    rf"(?P<unit>{_UNIT_CAP})\b")
_RELATION = re.compile(r"^(.*\S)\s+(later|earlier|before|after|afterwards|prior|previously|"
                       r"on|in advance|beforehand|since|into|in|of)$", re.IGNORECASE)
_TEMPORAL_HINT = re.compile(
    r"\b(day|night|week|weekend|month|year|decade|century|centuries|quarter|season|"
    r"morning|afternoon|evening|hour|minute|spring|summer|autumn|winter|today|tonight|"
    r"yesterday|tomorrow|era|annual|christmas|ramadan|easter|\d{4})s?\b|"
    rf"\b{_WD_RE}\b|\b{_MON_RE}\b")
_DAYFIRST_TLDS = (".uk", ".ie", ".au", ".nz", ".in", ".za", ".sg", ".pk", ".ng", ".ke")


def _dayfirst(article: Article) -> bool | None:
    from urllib.parse import urlparse

    for where in (article.url, article.source):
        host = (urlparse(where).hostname if "//" in where else where) if where else None
        if host and host.lower().rstrip(".").endswith(_DAYFIRST_TLDS):
            return True
    return None


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    source: str  # ent, rx, split, range
    norm: Norm | None = None


def find_times(article: Article) -> Article:
    """Find the time expressions of ``article`` and resolve them; sets ``article.times``.

    Without ``article.doc`` (or with one over another text) only the regular
    expressions run, and no tense is known.
    """
    text, anchor, dayfirst = article.text, article.published, _dayfirst(article)
    doc = article.doc if article.doc is not None and article.doc.text == text else None

    def resolve(s: int, e: int) -> Norm | None:
        tense = None
        if doc is not None:
            span = doc.char_span(s, e, alignment_mode="expand")
            tense = tense_of(span) if span is not None and len(span) else None
        return normalize(text[s:e], anchor, tense, dayfirst=dayfirst)

    cands: dict[tuple[int, int], _Cand] = {}

    def add(s: int, e: int, source: str, norm: Norm | None = None) -> None:
        s, e = _trim(text, s, e)
        if s < e and (s, e) not in cands:
            cands[(s, e)] = _Cand(s, e, source, norm)

    if doc is not None:
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                add(ent.start_char, ent.end_char, "ent")
    for rx in _DETECT_RX:
        for m in rx.finditer(text):
            g = "t" if "t" in rx.groupindex else 0
            add(m.start(g), m.end(g), "rx")
    for c in list(cands.values()):
        c.norm = resolve(c.start, c.end)
        if c.norm is None or c.norm.reason == OTHER_TIME:
            # "three days later": the length is what the text says
            m = _RELATION.match(text[c.start:c.end])
            if m:
                head = resolve(c.start, c.start + len(m.group(1)))
                if head is not None and head.kind == "duration":
                    c.end, c.norm = c.start + len(m.group(1)), head
        if c.norm is not None and _not_a_time(text, c):
            c.norm = None
            c.source = "dropped"
    _ranges(text, anchor, add)

    chosen: list[_Cand] = []

    def free(s: int, e: int) -> bool:
        return all(e <= c.start or s >= c.end for c in chosen)

    ranked = sorted(cands.values(), key=lambda c: (c.source != "range", -(c.end - c.start),
                                                   c.source != "ent", c.start))
    for c in ranked:
        if c.norm is not None and free(c.start, c.end):
            chosen.append(c)
    for c in sorted(cands.values(), key=lambda c: c.start):
        if c.norm is not None or c.source != "ent" or not free(c.start, c.end):
            continue
        parts = _split(text, c.start, c.end, resolve)
        if parts:
            chosen.extend(p for p in parts if free(p.start, p.end))
        elif _TEMPORAL_HINT.search(text[c.start:c.end].lower()):
            c.norm = Norm(None, None, "date", None, NOT_UNDERSTOOD)
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    if doc is not None:
        _attach_days(doc, chosen)
    article.times = [TimeExpr(text=text[c.start:c.end], span=(c.start, c.end),
                              value=c.norm.value, precision=c.norm.precision, kind=c.norm.kind,
                              anchor=c.norm.anchor, reason=c.norm.reason, begin=c.norm.begin,
                              end=c.norm.end)
                     for c in chosen]
    return article


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop surrounding blanks and punctuation, a possessive "'s", an unpaired bracket."""
    while s < e and (text[s].isspace() or text[s] in ",;:[]\"'\u2018\u201c(") and not \
            re.match(r"['\u2019]\d\d", text[s:e]):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:[]\"\u201d-"
                     or (text[e - 1] == ")" and text.count("(", s, e) < text.count(")", s, e))):
        e -= 1
    if text.count("(", s, e) > text.count(")", s, e):
        e = text.rfind("(", s, e)
        while e > s and text[e - 1].isspace():
            e -= 1
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix, s, e) and e - len(suffix) > s:
            e -= len(suffix)
            break
    if e > s and text[e - 1] == "." and not re.search(r"(\b[ap]\.\s?m|\b[A-Z][a-z]{2,3})\.$",
                                                      text[s:e]):
        e -= 1
    return s, e


def _not_a_time(text: str, c: _Cand) -> bool:
    """Counting words that are not lengths of time: "a second A380" (an ordinal),
    "about a quarter of its dealers" (a fraction), "the Russell 2000 index" (a name)."""
    piece = _clean(text[c.start:c.end])
    after = text[c.end:c.end + 20].lstrip()
    before = text[max(0, c.start - 20):c.start].rstrip()
    if re.fullmatch(r"(?:\w+ )?(?:a|one) second", piece) and re.match(r"[A-Za-z0-9]", after) \
            and not re.match(r"(?:later|earlier|ago|before|after|or|and|of|to|in|for)\b", after):
        return True
    if re.fullmatch(r"(?:\w+ )?(?:a|one|three|two) quarters?", piece) and \
            not re.search(r"\b(?:in|for|within|over|per|during|every|each)$", before):
        return True
    if re.fullmatch(r"\d{4}", piece):
        prev = re.search(r"(\w+)$", before)
        nxt = re.match(r"([A-Z]\w*)", after)
        if prev and prev.group(1)[0].isupper() and nxt and not re.search(r"[.!?]\W*\w+$", before) \
                and prev.group(1).lower() not in _MONTHS and nxt.group(1).lower() not in _MONTHS \
                and prev.group(1).lower() not in ("in", "since", "by", "of", "until", "from",
                                                  "during", "before", "after", "between"):
            return True
    return False


def _ranges(text: str, anchor: date | None, add: Any) -> None:
    """Split ranges as TimeML does: "2009-2010" into two years, "between 12 and
    18 months" into two lengths (the first takes the unit of the second)."""
    for m in _YEAR_RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        full = b if len(b) == 4 else a[:2] + b
        if int(full) <= int(a) or int(full) - int(a) > 30:
            continue
        add(m.start(1), m.end(1), "range", _abs(a, "year"))
        add(m.start(2), m.end(2), "range", _abs(full, "year"))
    for m in _NUMBER_RANGE.finditer(text):
        n = _num(_clean(m.group("a")))
        if n is not None:
            add(m.start("a"), m.end("a"), "range", _dur(_duration(n, _unit(m.group("unit")
                                                                            .lower()))))


def _split(text: str, s: int, e: int, resolve: Any) -> list[_Cand]:
    """The understood parts of an entity not understood as a whole."""
    out, pos = [], s
    for m in list(re.finditer(r"\s*(?:,|\band\b|\bor\b|\bto\b|\bthrough\b|\buntil\b|\bfrom\b|"
                              r"\bbetween\b|-(?=\s*\d)|\u2013)\s*", text[s:e])) + [None]:
        stop = s + m.start() if m else e
        a, b = _trim(text, pos, stop)
        if a < b and (a, b) != (s, e) and (norm := resolve(a, b)) is not None:
            out.append(_Cand(a, b, "split", norm))
        pos = s + m.end() if m else e
    return out


def _attach_days(doc: Any, chosen: list[_Cand]) -> None:
    """A clock time without a day takes the day of the only day-precise
    expression of its sentence: "flew Tuesday ... landing at 18:00 UTC"."""
    for c in chosen:
        if not (c.norm.value or "").startswith("T") or c.norm.kind != "time":
            continue
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        days = {o.norm.value[:10] for o in chosen
                if o is not c and sent.start_char <= o.start < sent.end_char and o.norm.value
                and re.match(r"\d{4}-\d\d-\d\d", o.norm.value) and o.norm.precision in (
                    "day", "time")}
        if len(days) == 1:
            day = days.pop()
            anchor = next(o.norm.anchor for o in chosen if o.norm.value
                          and o.norm.value.startswith(day))
            c.norm = replace(c.norm, value=day + c.norm.value, anchor=anchor)
