"""Times: find time expressions and resolve them against the publication date.

Reads ``article.doc`` (spaCy DATE and TIME entities and the dependency parse),
``article.text``, ``article.published`` and, for numeric dates,
``article.url``/``article.source``. Writes ``article.times``: a list of
:class:`~sitroom.record.TimeExpr` in text order, never overlapping.

Finding the expressions, the readings that need no publication date, and the
tense of the verb governing an expression are in :mod:`sitroom.timex`; this
module resolves expressions against the publication date (:func:`normalize`)
and runs the stage (:func:`find_times`). Its public names are all importable
from here.

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

``ref`` marks a vague reference, as TimeML's ``PRESENT_REF``, ``PAST_REF``
and ``FUTURE_REF`` do: ``PRESENT`` for "now", "currently", "at present" (the
value stays the publication day), ``PAST`` for "recently", "in the past",
"years ago", "a few days ago", ``FUTURE`` for "soon", "in the future", "a few
days from now" (these have value None). ``ref`` needs no publication date.

``mod`` is TimeML's modifier, read from the words before the expression
(:func:`sitroom.timex._mod`) and set only when the rest is understood
without them: ``START`` ("early June", "the beginning of the year"),
``MID`` ("mid-2024", "the middle of 2025"), ``END`` ("late last year", "the
end of the month"), ``APPROX`` ("about a month", "around noon", "some 18
months"). The record keeps only these four; "nearly", "more than", "at
least" (TimeML's LESS_THAN, MORE_THAN, EQUAL_OR_MORE) give none.

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
  "late last year" is ``2023``, with ``mod`` ``END``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from .nlp import doc_text
from .record import Article, TimeExpr
from .timex import (AMBIGUOUS_DM, FISCAL, NAMED_DAY, NOT_UNDERSTOOD, NO_ANCHOR, NO_SUCH_DAY,
                    OTHER_TIME, PRESENT_WORDS, TWO_DIGITS, VAGUE_FUTURE, VAGUE_PAST, _FUTURE_WORDS,
                    _MONTHS, _MON_RE, _NUM_RE, _ORDINALS, _PARTS, _PAST_WORDS, _SEASONS,
                    _SEASON_ORDER, _TIME_RE, _UNITS, _UNIT_RE, _VAGUE_RE, _WD_RE, _WEEKDAYS,
                    _YEAR_RE, _ZONE_RE, Day, DayFirst, Norm, Tense, _abs, _clean, _cut, _dur,
                    _duration, _iso_week, _num, _r_age, _r_dateparser, _r_decade, _r_duration,
                    _r_half, _r_later, _r_other, _r_over, _r_set, _set, _strip, _unit, _vague,
                    detect, tense_of)

__all__ = ["AMBIGUOUS_DM", "FISCAL", "NOT_UNDERSTOOD", "NO_ANCHOR", "Norm", "OTHER_TIME",
           "PRESENT_WORDS", "VAGUE_FUTURE", "VAGUE_PAST", "find_times", "normalize",
           "tense_of"]


def _rel(precision: str | None, kind: str = "date") -> Norm:
    """A relative expression with no anchor to resolve it against."""
    return Norm(None, precision, kind, None, NO_ANCHOR)


def _pub(value: str, precision: str, kind: str = "date") -> Norm:
    return Norm(value, precision, kind, "published")


# ---------------------------------------------------------------- calendar helpers


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
    s, since, boundary, mod = _strip(raw)
    if since and tense is None:
        tense = "past"
    for stripped, candidate in enumerate(dict.fromkeys((raw, s))):
        if not candidate:
            continue
        if boundary and candidate in ("the year", "the month", "the week", "the quarter",
                                      "the decade", "year", "month", "week"):
            candidate = "this " + candidate.removeprefix("the ")
        for rule in _RULES:
            out = rule(candidate, anchor, tense, dayfirst)
            if out is not None:
                # a modifier counts only when the rest is read without it
                return replace(out, mod=mod) if stripped and mod else out
    return None


def _r_words(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    if s in PRESENT_WORDS:
        return replace(_pub(anchor.isoformat(), "day") if anchor else _rel("day"),
                       ref="PRESENT")
    if s in _PAST_WORDS:
        return _vague("PAST")
    if s in _FUTURE_WORDS:
        return _vague("FUTURE")
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


def _r_ago(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_AGO.fullmatch(s)
    if not m:
        return None
    if m.group(5):  # "years ago"
        return _vague("PAST")
    nword, vague, unit, word = m.group(1), m.group(2), _unit(m.group(3)), m.group(4)
    sign = -1 if word in ("ago", "back") else 1
    if vague:
        return _vague("PAST" if sign < 0 else "FUTURE")
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
    return Norm(day.value + clock, "time", "time", day.anchor, mod=day.mod)


_RULES = [_r_words, _r_deictic, _r_weekday, _r_ago, _r_later, _r_calendar, _r_period, _r_age,
          _r_duration, _r_over, _r_half, _r_year, _r_decade, _r_quarter, _r_season, _r_month,
          _r_monthday, _r_ordinal_day, _r_numeric, _r_holiday, _r_set, _r_clock, _r_other,
          _r_dateparser]


# ---------------------------------------------------------------- the stage

_DAYFIRST_TLDS = (".uk", ".ie", ".au", ".nz", ".in", ".za", ".sg", ".pk", ".ng", ".ke")


def _dayfirst(article: Article) -> bool | None:
    from urllib.parse import urlparse

    for where in (article.url, article.source):
        host = (urlparse(where).hostname if "//" in where else where) if where else None
        if host and host.lower().rstrip(".").endswith(_DAYFIRST_TLDS):
            return True
    return None


def find_times(article: Article) -> Article:
    """Find the time expressions of ``article`` and resolve them; sets ``article.times``.

    Without ``article.doc`` (or with one over another text) only the regular
    expressions run, and no tense is known.
    """
    text, anchor, dayfirst = article.text, article.published, _dayfirst(article)
    doc = article.doc if article.doc is not None and doc_text(article.doc) == text else None

    def resolve(s: int, e: int) -> Norm | None:
        tense = None
        if doc is not None:
            span = doc.char_span(s, e, alignment_mode="expand")
            tense = tense_of(span) if span is not None and len(span) else None
        return normalize(text[s:e], anchor, tense, dayfirst=dayfirst)

    article.times = [TimeExpr(text=text[c.start:c.end], span=(c.start, c.end),
                              value=c.norm.value, precision=c.norm.precision, kind=c.norm.kind,
                              anchor=c.norm.anchor, reason=c.norm.reason, begin=c.norm.begin,
                              end=c.norm.end, mod=c.norm.mod, ref=c.norm.ref)
                     for c in detect(text, doc, resolve)]
    return article
