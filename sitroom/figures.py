"""Figures: quantities with value, unit and qualifier.

"As many as 12,000 troops" is 12000 troops ``up_to``; "two brigades of 6,000
troops" gives 2 brigades and 6000 troops; "hundreds of combat troops" is at
least 100 troops; "between 10,000 and 12,000" is a ``range`` with ``low`` and
``high`` and no single value (we do not invent a midpoint).

The unit is the noun the number counts, from the dependency parse (the head
of a numeric modifier, or the object of "of" after a vague quantity). Numbers
inside dates and times are left to the time stage.

Reads: ``article.doc``. Writes: ``article.figures``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .nlp import doc_ents, doc_text
from .record import Article, Quantity

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
          "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
          "eighteen": 18, "nineteen": 19, "a": 1, "an": 1, "single": 1, "dozen": 12}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000,
           "mn": 1_000_000}
# Vague plurals: a lower bound the words guarantee, and nothing more.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 100, "thousands": 1_000,
          "tens of thousands": 10_000, "hundreds of thousands": 100_000,
          "millions": 1_000_000, "tens of millions": 10_000_000, "billions": 1_000_000_000}
_VAGUE_RE = re.compile(r"\b(tens of thousands|hundreds of thousands|tens of millions|dozens|"
                       r"scores|hundreds|thousands|millions|billions)\s+of\b", re.I)
_QUALIFIERS = [
    (re.compile(r"\b(as many as|up to|no more than|not more than|at most|fewer than|less than|"
                r"under|below|a maximum of|nearly|almost|just under)\s*$", re.I), "up_to"),
    (re.compile(r"\b(at least|more than|over|in excess of|upwards of|no fewer than|"
                r"no less than|a minimum of|above|just over|a further|another)\s*$", re.I),
     "at_least"),
    (re.compile(r"\b(about|around|some|roughly|approximately|an estimated|estimated|"
                r"close to|circa|approx\.?|or so|some\s+\d+|an approximate)\s*$", re.I), "about"),
]
_CURRENCY = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB",
             "₩": "KRW", "₴": "UAH", "dollars": "USD", "pounds": "GBP", "euros": "EUR",
             "roubles": "RUB", "rubles": "RUB", "won": "KRW", "yen": "JPY", "hryvnia": "UAH"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_NUM_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def parse_number(text: str) -> float | int | None:
    """'12,000' -> 12000, '1.5 million' -> 1500000, 'two' -> 2, 'six thousand' -> 6000."""
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower().replace("-", " "))
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w[0].isdigit():
            try:
                current += float(w.replace(",", ""))
            except ValueError:
                return None
            seen = True
        elif w in _UNITS:
            current += _UNITS[w] if w != "dozen" else (current * 11 if current else 12)
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif w in _SCALES and seen:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        elif w in ("and",):
            continue
        elif seen:
            break
    if not seen:
        return None
    value = total + current
    return int(value) if value == int(value) else value


def _unit_token(tokens: list[Token]) -> Token | None:
    """The noun a number counts."""
    last = tokens[-1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "amod", "compound") and head.pos_ in ("NOUN", "PROPN") \
            and head.i > last.i:
        return head
    for tok in tokens:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return obj
    nxt = last.i + 1
    doc = last.doc
    if nxt < len(doc) and doc[nxt].pos_ == "NOUN":
        return doc[nxt]
    return None


def _qualifier(doc: Doc, start_char: int) -> tuple[str, int] | None:
    before = doc_text(doc)[max(0, start_char - 40): start_char]
    for pattern, q in _QUALIFIERS:
        m = pattern.search(before)
        if m:
            return q, start_char - (len(before) - m.start())
    return None


def _currency(text: str) -> str | None:
    low = text.lower()
    for sym, code in _CURRENCY.items():
        if sym in low if not sym.isalpha() else re.search(rf"\b{sym}\b", low):
            return code
    return None


def _from_ent(ent: Span, taken: set[int]) -> Quantity | None:
    doc = ent.doc
    text = ent.text
    range_m = re.search(r"(?:between\s+)?([\d.,]+\s*\w*?)\s*(?:and|to|-|–)\s*([\d.,]+(?:\s*\w+)?)", text)
    qualifier = "exact"
    low = high = None
    m = re.match(r"(?i)(as many as|up to|no more than|at most|fewer than|less than|nearly|almost|"
                 r"at least|more than|over|about|around|some|roughly|approximately|"
                 r"an estimated|close to|upwards of)\s+", text)
    start = ent.start_char
    if m:
        qualifier = next(q for p, q in _QUALIFIERS if p.search(m.group(1)))
    else:
        found = _qualifier(doc, ent.start_char)
        if found:
            qualifier, start = found
    value = None
    if range_m and len(_NUMBER.findall(text)) >= 2 and ent.label_ != "MONEY":
        low, high = parse_number(range_m.group(1)), parse_number(range_m.group(2))
        if low is not None and high is not None and low < high:
            qualifier, value = "range", None
        else:
            low = high = None
    if qualifier != "range":
        vague = _VAGUE.get(text.lower().strip())
        if vague is not None:
            value, qualifier = vague, "at_least"
        else:
            value = parse_number(text[m.end():] if m else text)
    if value is None and qualifier != "range":
        return None
    unit: str | None = None
    end = ent.end_char
    if ent.label_ == "PERCENT":
        unit = "percent"
    elif ent.label_ == "MONEY":
        unit = _currency(text) or "money"
    else:
        tok = _unit_token(list(ent))
        if tok is not None and tok.i not in taken and tok.ent_type_ not in ("DATE", "TIME"):
            unit = tok.lower_
            end = max(end, tok.idx + len(tok.text))
        elif ent.label_ == "QUANTITY":
            parts = text.split()
            unit = parts[-1].lower() if len(parts) > 1 else None
    span_text = doc_text(doc)[start:end]
    return Quantity(text=span_text, span=(start, end), value=value, unit=unit,
                    qualifier=qualifier, low=low, high=high)


def find_figures(article: Article) -> Article:
    """Every quantity of the article, in text order."""
    doc = article.doc
    out: list[Quantity] = []
    taken: set[int] = set()
    for ent in doc_ents(doc):
        if ent.label_ not in _NUM_LABELS:
            continue
        q = _from_ent(ent, taken)
        if q is not None:
            out.append(q)
    # Vague amounts the model leaves untagged: "hundreds of combat troops".
    covered = [(q.span[0], q.span[1]) for q in out]
    for m in _VAGUE_RE.finditer(doc_text(doc)):
        s = m.start()
        if any(a <= s < b for a, b in covered):
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        q = _from_ent(span, taken)
        if q is not None:
            q.value, q.qualifier = _VAGUE[m.group(1).lower()], "at_least"
            out.append(q)
    out.sort(key=lambda q: q.span)
    article.figures = out
    return article
