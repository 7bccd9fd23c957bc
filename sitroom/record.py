"""The record types of an article: one class per concept.

``Article`` is the shared object every pipeline stage reads and writes; the
others are the facts found in it. Each has ``to_dict()`` giving the shape of
``record-format.md`` (fields may be added there, never renamed or dropped).
Spans are ``(start, end)`` Python string offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]


def _span(s: Span | None) -> list[int] | None:
    return [s[0], s[1]] if s is not None else None


@dataclass(slots=True)
class Dropped:
    """A line removed by cleaning, kept here so nothing is lost silently."""

    text: str
    reason: str  # caption, widget, navigation, byline, advert, related, other
    rule: str  # which cleaning rule removed it

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "rule": self.rule}


@dataclass(slots=True)
class Actor:
    """Who an entity is: country, sector, kind, and where we learnt it."""

    name: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # person, organization, country, group
    role: str | None = None
    other_sectors: tuple[str, ...] = ()
    basis: str | None = None  # table, apposition, demonym, metonym, gazetteer, context
    source: str | None = None  # where the fact comes from (the table's source column)
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "country": self.country, "sector": self.sector,
            "kind": self.kind, "role": self.role,
            "other_sectors": list(self.other_sectors), "basis": self.basis,
            "source": self.source, "as_of": self.as_of,
        }

    def brief(self) -> dict[str, Any]:
        """The short form used inside quotes, claims and events."""
        return {"name": self.name, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Entity:
    id: str
    text: str
    label: str
    spans: list[Span] = field(default_factory=list)
    actor: Actor | None = None
    refers_to: str | None = None  # id of the fuller entity this form names

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "label": self.label,
            "spans": [_span(s) for s in self.spans],
            "actor": self.actor.to_dict() if self.actor else None,
            "refers_to": self.refers_to,
        }


@dataclass(slots=True)
class TimeExpr:
    text: str
    span: Span
    value: str | None  # ISO 8601 cut to precision, or None when unknown
    precision: str | None  # day, month, year, week, decade, time, duration, ...
    kind: str = "date"  # date, time, duration, set
    anchor: str | None = None  # published, absolute, or None
    reason: str | None = None  # why value is None
    begin: str | None = None  # for ranges and periods ("the past year")
    end: str | None = None
    mod: str | None = None  # START, MID, END, APPROX ("late last year", "about a month")
    ref: str | None = None  # PRESENT, PAST, FUTURE for vague references ("now", "recently")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "span": _span(self.span), "value": self.value,
            "precision": self.precision, "kind": self.kind, "anchor": self.anchor,
            "begin": self.begin, "end": self.end, "mod": self.mod, "ref": self.ref,
            "reason": self.reason,
        }


@dataclass(slots=True)
class Place:
    text: str
    span: Span
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None = None  # country, admin1, city
    population: int | None = None
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "span": _span(self.span), "name": self.name,
            "country": self.country, "admin1": self.admin1, "lat": self.lat,
            "lon": self.lon, "geonameid": self.geonameid, "feature": self.feature,
            "population": self.population, "entity": self.entity,
        }

    def brief(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "admin1": self.admin1,
                "lat": self.lat, "lon": self.lon, "geonameid": self.geonameid}


@dataclass(slots=True)
class Quantity:
    text: str
    span: Span
    value: float | int | None
    unit: str | None
    qualifier: str  # exact, about, up_to, at_least, range
    low: float | int | None = None
    high: float | int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "span": _span(self.span), "value": self.value,
            "unit": self.unit, "qualifier": self.qualifier,
            "low": self.low, "high": self.high,
        }


def content_id(text: str) -> str:
    """A stable id from the cleaned text: same text, same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """The shared object of the pipeline: what we know of one article."""

    input: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    published_from: str | None = None  # metadata, caller, dateline
    language: str | None = None
    raw: str = ""  # text before cleaning (plain text or extracted from HTML)
    text: str = ""
    dropped: list[Dropped] = field(default_factory=list)
    doc: Any = None  # the spaCy Doc over ``text``
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    figures: list[Quantity] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)

    @property
    def id(self) -> str:
        return content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": {
                "id": self.id, "input": self.input, "url": self.url,
                "source": self.source, "title": self.title,
                "published": self.published.isoformat() if self.published else None,
                "published_from": self.published_from,
                "language": self.language, "text": self.text,
                "dropped": [d.to_dict() for d in self.dropped],
            },
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "claims": [c.to_dict() for c in self.claims],
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "figures": [q.to_dict() for q in self.figures],
        }
