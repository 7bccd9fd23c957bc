"""Time expressions in text: where they are, what their words say, and the tense around them.

The lower half of the time stage; :mod:`sitroom.times` resolves what is found
here against the publication date and runs the stage. Nothing here needs the
publication date.

Detection (:func:`detect`) takes the model's DATE and TIME entities and adds,
with regular expressions, what the small model misses: weekdays, "today",
clock times (with an "about" or "around" before them), numeric dates, "N
weeks ago", ages, decades, quarters, "now", "recently", "soon" (not "as soon
as"). Where candidates overlap, the longest that is understood wins; an
entity not understood as a whole ("Tuesday and Wednesday") gives way to the
parts found in it, and an entity not understood at all is kept with value
None when it has a time word in it. Numbers without a time unit ("two
brigades") are not times; ranges are split as TimeML does ("2009-2010" is two
years, "between 12 and 18 months" two lengths); "three days later" keeps only
its length, "three days", since it counts from some other time. Whether a
candidate is understood is for the caller's ``resolve`` to say.

Readings that need no publication date live here too, with the vocabulary
they share with the rest: lengths ("a couple of days", ages), recurrences
("every week"), decades and centuries, references to another time ("the
next day"), and full dates written in forms only dateparser reads; and the
TimeML modifier (``mod``) a leading "early", "mid", "late" or "about" gives.
:func:`sitroom.times.normalize` tries these readings among its own rules, in
one order.

Tense (:func:`tense_of`) comes from the verb governing the expression in the
dependency parse: its auxiliaries ("will", "'ll", "shall", modals, "going
to", perfect "has"), its tag (VBD, VBZ, VBG), and for an infinitive the verb
above it ("plans to", "is expected to", "wants to" point ahead; "agreed to",
said in the past, does not). "since" marks the past, "until" the future.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

__all__ = ["AMBIGUOUS_DM", "FISCAL", "NOT_UNDERSTOOD", "NO_ANCHOR", "Norm", "OTHER_TIME",
           "PRESENT_WORDS", "VAGUE_FUTURE", "VAGUE_PAST", "detect", "tense_of"]

Day = date | None  # the publication date, when known
Tense = str | None  # as tense_of gives it
DayFirst = bool | None  # how to read 05/06/2024; None: only when certain

# why a value is None (Norm.reason)
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
                           "very soon", "the near term", "the long term", "the short term",
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
    mod: str | None = None  # START, MID, END, APPROX: see _strip
    ref: str | None = None  # PRESENT, PAST, FUTURE: a vague reference

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "kind": self.kind,
                "anchor": self.anchor, "reason": self.reason, "begin": self.begin,
                "end": self.end, "mod": self.mod, "ref": self.ref}


def _dur(value: str) -> Norm:
    return Norm(value, "duration", "duration")


def _abs(value: str, precision: str) -> Norm:
    return Norm(value, precision, "date", "absolute")


def _vague(ref: str) -> Norm:
    """A vague reference to the past or the future ("recently", "years ago"): no value."""
    return Norm(None, None, "date", None, VAGUE_PAST if ref == "PAST" else VAGUE_FUTURE, ref=ref)


# ---------------------------------------------------------------- numbers, lengths and precisions


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


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _cut(d: date, precision: str) -> str:
    return {"day": d.isoformat(), "week": _iso_week(d), "month": f"{d.year:04d}-{d.month:02d}",
            "quarter": f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "year": f"{d.year:04d}",
            "decade": f"{d.year // 10:03d}", "century": f"{d.year // 100:02d}"}[precision]


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


def _strip(s: str) -> tuple[str, bool, bool, str | None]:
    """Remove leading prepositions and modifiers: the rest, whether "since" was
    among them, whether a boundary ("the end of", "late") was, and the TimeML
    mod the first modifier that has one gives (see :func:`_mod`)."""
    since = boundary = False
    mod = None
    m = re.match(r"(mid|end)-(?=\w)", s)
    if m:
        s, boundary, mod = s[m.end():], True, "MID" if m.group(1) == "mid" else "END"
    while m := _LEAD.match(s):
        word = m.group(0).strip()
        since = since or word == "since"
        boundary = boundary or bool(_BOUNDARY.fullmatch(word))
        s = s[m.end():]
        mod = mod or _mod(word, s)
    return _INNER.sub("", s), since, boundary, mod


_MODS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
         "some": "APPROX", "early": "START", "beginning of": "START", "start of": "START",
         "first days of": "START", "early part of": "START", "mid": "MID", "middle of": "MID",
         "late": "END", "end of": "END", "close of": "END", "last days of": "END",
         "final days of": "END", "latter part of": "END", "latter half of": "END"}


def _mod(word: str, rest: str) -> str | None:
    """The TimeML mod of a leading word: START ("early", "the beginning of"),
    MID ("mid", "the middle of"), END ("late", "the end of") or APPROX ("about",
    "around", "some" before a number). The record keeps only these four: the
    others TimeML has ("nearly" LESS_THAN, "more than" MORE_THAN, "at least"
    EQUAL_OR_MORE, ...) give None, as do "earlier" and "later"."""
    word = word.removeprefix("the ").removeprefix("very ")
    if word == "some" and not re.match(rf"(?!an?\b){_NUM_RE}\b", rest):
        return None  # "some days" is a vague count, not an approximation
    return _MODS.get(word)


# ---------------------------------------------------------------- readings with no anchor

_R_LATER = re.compile(rf"(?:{_NUM_RE}|{_VAGUE_RE}) ?-?{_UNIT_RE} (later|earlier|before|after|"
                      r"afterwards|previously|prior|beforehand|on)")


def _r_later(s: str, anchor: Day, tense: Tense, dayfirst: DayFirst) -> Norm | None:
    m = _R_LATER.fullmatch(s)
    if not m:
        return None
    prec = _UNITS[_unit(m.group(3))][2] or "time"
    return Norm(None, prec, "time" if prec == "time" else "date", None, OTHER_TIME)


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
    r"(?<![Aa]s )\b(?:[Vv]ery )?[Ss]oon\b(?!-| (?:as|after|afterwards|thereafter|before)\b)",
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
    r"\b(?:since|in|In|of|from|until) (?P<t>['\u2019]\d\d)\b(?!s)",
    r"\b(?:[Tt]he )?(?:(?:early|mid|late)[- ])?(?:1[0-9]|20)\d0'?s\b",
    r"\b(?:[Tt]he )?'\d0s\b",
    r"\b(?:[Tt]he )?\d{1,2}(?:st|nd|rd|th) century\b",
    # quarters and seasons
    rf"\b(?:[Tt]he )?(?:first|second|third|fourth|final)[- ]quarter(?: of {_YEAR_CAP})?\b",
    rf"\bQ[1-4](?: {_YEAR_CAP})?\b",
    r"\b(?:[Ll]ast|[Nn]ext|[Tt]his|[Tt]he) (?:spring|summer|autumn|fall|winter)\b",
    # clock times with an optional "about", zone and day; matched ignoring case
    rf"(?<![\d:.])(?:\b(?:about|around|approximately|roughly) )?{_TIME_RE}{_ZONE_RE}"
    rf"(?:,? (?:on )?(?:{_WD_CAP.lower()}|today|yesterday|tomorrow))?",
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


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    source: str  # ent, rx, split, range
    norm: Norm | None = None


def detect(text: str, doc: Any, resolve: Callable[[int, int], Norm | None]) -> list[_Cand]:
    """The time expressions of ``text``: candidates in text order, never
    overlapping, each with its reading (``norm``).

    ``doc`` is the spaCy Doc over ``text``, or None: then only the regular
    expressions run. ``resolve(start, end)`` reads ``text[start:end]``, or
    gives None when it is not a time expression.
    """
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
    _ranges(text, add)

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
    return chosen


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


def _ranges(text: str, add: Any) -> None:
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
