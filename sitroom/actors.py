"""Actors: who each person, organisation, country and nationality is.

An entity gets an actor (country, PLOVER sector, kind, role) from, in order:
1. the curated actor table (``data/actors.tsv``), choosing the role held on
   the article's publication date;
2. what the article says of it: an apposition ("Kyrylo Budanov, head of
   Ukraine's military intelligence (HUR)") or a title before the name
   ("British defence secretary John Healey");
3. demonyms ("North Korean" -> PRK), government metonyms ("the Kremlin"),
   capitals acting as governments ("Pyongyang dispatched ...");
4. in-article coreference: "Budanov" refers to the earlier "Kyrylo Budanov".
What none of these tells stays null.

Entities are grouped by surface form (so every span holds the entity's text,
as the record contract checks); a shorter form that names an earlier entity
("Budanov") points to it with ``refers_to`` and shares its actor.

Reads: ``article.doc``, ``article.published``. Writes: ``article.entities``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span

from . import gazetteer
from .gazetteer import fold, read_tsv
from .nlp import doc_ents, ents_in
from .record import Actor, Article, Entity

# Labels whose entities can act; numbers and dates go to figures and times.
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "WORK_OF_ART",
                 "PRODUCT", "LAW", "LANGUAGE"}

_SECTOR_ORDER = ("JUD", "COP", "SPY", "MIL", "LEG", "JRN", "REB", "GOV", "MED", "BUS",
                 "EDU", "REL", "LAB", "AGR", "REF", "CRM", "CVL", "OPP", "PRM", "SOC")

# Words that make a phrase a title or role ("head of ...", "president").
ROLE_WORDS = {
    "president", "minister", "secretary", "head", "chief", "director", "leader",
    "spokesman", "spokeswoman", "spokesperson", "commander", "general", "admiral",
    "ambassador", "envoy", "official", "officer", "chairman", "chairwoman", "chair",
    "governor", "mayor", "king", "queen", "prince", "emir", "premier", "chancellor",
    "senator", "lawmaker", "mp", "deputy", "adviser", "advisor", "analyst", "expert",
    "correspondent", "reporter", "editor", "founder", "ceo", "colonel", "lieutenant",
    "judge", "prosecutor", "spy", "diplomat", "negotiator", "representative", "dictator",
    "supremo", "boss", "strongman", "ruler", "monarch", "pope", "cleric", "ayatollah",
    "commissioner", "attorney", "speaker", "member", "sergeant", "captain", "major",
    "website", "newspaper", "broadcaster", "agency", "outlet", "journalist",
}
# Role words that say the sector on their own, before any table is consulted.
_ROLE_SECTOR = {
    "president": "GOV", "minister": "GOV", "secretary": "GOV", "premier": "GOV",
    "chancellor": "GOV", "governor": "GOV", "mayor": "GOV", "ambassador": "GOV",
    "envoy": "GOV", "diplomat": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "spokesperson": "GOV", "king": "GOV", "queen": "GOV", "emir": "GOV",
    "dictator": "GOV", "ruler": "GOV", "monarch": "GOV", "official": "GOV",
    "government": "GOV", "ministry": "GOV", "presidential": "GOV", "cabinet": "GOV",
    "foreign": "GOV", "commissioner": "GOV",
    "commander": "MIL", "general": "MIL", "admiral": "MIL", "colonel": "MIL",
    "military": "MIL", "army": "MIL", "troops": "MIL", "soldier": "MIL", "navy": "MIL",
    "intelligence": "SPY", "spy": "SPY",
    "senator": "LEG", "lawmaker": "LEG", "mp": "LEG", "parliament": "LEG",
    "congressman": "LEG", "congresswoman": "LEG", "legislator": "LEG",
    "judge": "JUD", "court": "JUD", "prosecutor": "JUD",
    "police": "COP",
    "journalist": "JRN", "reporter": "JRN", "correspondent": "JRN", "editor": "JRN",
    "website": "JRN", "newspaper": "JRN", "broadcaster": "JRN", "outlet": "JRN",
    "rebel": "REB", "militant": "REB", "insurgent": "REB",
    "pope": "REL", "cleric": "REL", "ayatollah": "GOV",
    "analyst": None, "expert": None,
}
# A glued typo in scraped text: "Vladimir Putinare set to ..." (no space).
_GLUE = ("are", "is", "was", "were", "has", "had", "have", "and", "to", "in", "on", "will",
         "would", "who", "said", "says", "of", "at", "for", "with")


@dataclass(frozen=True, slots=True)
class ActorRow:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    sector: str | None
    other_sectors: tuple[str, ...]
    role: str | None
    start: str | None
    end: str | None
    source: str | None
    as_of: str | None

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return not self.end
        iso = day.isoformat()
        return (not self.start or self.start[: len(iso)] <= iso) and (
            not self.end or iso <= _end_bound(self.end))


def _end_bound(end: str) -> str:
    # "2024" or "2024-07" as an end date includes the whole year or month.
    return end + "-99" * (2 - end.count("-")) if len(end) < 10 else end


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@dataclass
class Tables:
    rows_by_key: dict[str, list[ActorRow]] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    by_surname: dict[str, set[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded form -> alpha-3
    demonym_written: list[tuple[str, str]] = field(default_factory=list)
    metonyms: dict[str, dict[str, str]] = field(default_factory=dict)
    metonym_written: list[str] = field(default_factory=list)
    sector_terms: dict[str, str] = field(default_factory=dict)


def _optional_tsv(name: str) -> list[dict[str, str]]:
    try:
        return read_tsv(name)
    except FileNotFoundError:
        return []


@lru_cache(maxsize=1)
def tables() -> Tables:
    t = Tables()
    for r in _optional_tsv("actors.tsv"):
        row = ActorRow(
            name=r["name"], aliases=_split(r.get("aliases", "")), kind=r.get("kind") or "organization",
            country=r.get("country") or None, sector=r.get("sector") or None,
            other_sectors=_split(r.get("other_sectors", "")), role=r.get("role") or None,
            start=r.get("start") or None, end=r.get("end") or None,
            source=r.get("source") or None, as_of=r.get("as_of") or None)
        forms = {row.name, *row.aliases}
        # "National Security Council (South Korea)" is also "National Security Council".
        bare = re.sub(r"\s*\([^)]*\)$", "", row.name)
        forms.add(bare)
        for form in forms:
            t.rows_by_key.setdefault(fold(form), []).append(row)
        if row.kind == "person":
            surname = fold(row.name).split()[-1]
            t.surnames.add(surname)
            t.by_surname.setdefault(surname, set()).add(row.name)
    for r in _optional_tsv("demonyms.tsv"):
        t.demonyms[fold(r["demonym"])] = r["country"]
        t.demonym_written.append((r["demonym"], r["country"]))
    for r in _optional_tsv("metonyms.tsv"):
        for form in (r["name"], *_split(r.get("aliases", ""))):
            t.metonyms[fold(form)] = r
            t.metonym_written.append(form)
    for r in _optional_tsv("sector_terms.tsv"):
        t.sector_terms[fold(r["term"])] = r["sector"]
    return t


def demonym_forms() -> list[tuple[str, str]]:
    return tables().demonym_written


def is_demonym(text: str) -> bool:
    return fold(text) in tables().demonyms


def ruler_names() -> list[tuple[str, str]]:
    """(label, text) patterns for the entity ruler: table names and metonyms."""
    out = []
    for rows in tables().rows_by_key.values():
        for row in rows:
            label = "PERSON" if row.kind == "person" else "ORG"
            for form in (row.name, *row.aliases):
                if not form[:1].isupper() or "(" in form:
                    continue  # lower-case descriptions are matched by appositions
                out.append((label, form))
                if "'" in form:
                    out.append((label, form.replace("'", "’")))
    for form in tables().metonym_written:
        out.append(("ORG", form))
    return out


def _pick(rows: list[ActorRow], day: date | None, context: set[str]) -> tuple[ActorRow, bool]:
    """The row valid on ``day``, preferring countries the article names and the
    most recently started role; ``False`` in the result means every matching
    role had ended by then."""
    valid = [r for r in rows if r.valid_on(day)]
    if valid:
        return max(valid, key=lambda r: (r.country in context, r.start or "")), True
    return max(rows, key=lambda r: (r.country in context, r.end or "")), False


def table_actor(text: str, day: date | None, context: set[str],
                near: set[str] | None = None) -> Actor | None:
    """The curated actor a name refers to on ``day``, or None. ``near``: the
    countries named in the same sentence, which settle ambiguous names first."""
    t = tables()
    key = fold(text)
    if key.startswith("the "):
        key = key[4:]
    rows = t.rows_by_key.get(key)
    if not rows:
        return None
    # One name, several bodies in different countries ("National Security
    # Council"): take the one of a country the article names, else give up.
    if len({r.country for r in rows}) > 1:
        for pool in (near or set(), context):
            matching = [r for r in rows if r.country in pool]
            if len({r.name for r in matching}) == 1:
                rows = matching
                break
        else:
            return None
    row, current = _pick(rows, day, context)
    sector, role, others = row.sector, row.role, row.other_sectors
    if not current and row.kind == "person" and day is not None and row.end and \
            day.isoformat() > _end_bound(row.end):
        # Held the post before the article's date: a former official.
        sector, role, others = "ELI", f"former {row.role}" if row.role else None, ()
    return Actor(name=row.name, country=row.country, sector=sector,
                 kind="organization" if row.kind == "group" else row.kind,
                 role=role, other_sectors=others, basis="table",
                 source=row.source, as_of=row.as_of)


def unglue(text: str) -> str | None:
    """'Vladimir Putinare' -> 'Vladimir Putin' when a known surname is glued
    to a following short word by a lost space."""
    words = text.split()
    if not words:
        return None
    last = words[-1]
    for suffix in _GLUE:
        stem = last[: -len(suffix)]
        if last.lower().endswith(suffix) and len(stem) >= 3 and fold(stem) in tables().surnames:
            return " ".join([*words[:-1], stem])
    return None


# --- roles from the text -------------------------------------------------------

def _clean_role(span: Span) -> str:
    doc = span.doc
    if span.text.count("(") > span.text.count(")") and span.end < len(doc) and doc[span.end].text == ")":
        span = doc[span.start: span.end + 1]  # "(HUR)" keeps its closing bracket
    text = span.text.strip(" ,;:-–—")
    return re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)


def _has_role_word(span: Span) -> bool:
    return any(t.lower_ in ROLE_WORDS or t.lemma_.lower() in ROLE_WORDS for t in span)


def role_span(ent: Span) -> Span | None:
    """The role the text gives an entity: an apposition or a title before it."""
    doc, root = ent.doc, ent.root
    for child in root.children:
        if child.dep_ == "appos" and not (ent.start <= child.i < ent.end):
            span = doc[child.left_edge.i: child.right_edge.i + 1]
            if _has_role_word(span):
                return span
    if root.dep_ == "appos" and root.head.i < ent.start:
        head = root.head
        # "Russia's chief of the general staff, Valery Gerasimov": the role is
        # the whole noun phrase, not just its last noun.
        while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
            head = head.head.head
        span = doc[head.left_edge.i: max(head.i, root.head.i) + 1]
        if _has_role_word(span) and span.end <= ent.start:
            return span
    left = root.left_edge.i
    if left < ent.start:
        span = doc[left: ent.start]
        # Only titles: no verbs, no clause punctuation.
        if _has_role_word(span) and not any(t.pos_ in ("VERB", "AUX") or t.text in ",;:"
                                            for t in span):
            return span
    return None


def sector_of(words: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """A sector (and other sectors) from role or name words."""
    terms = tables().sector_terms
    found: list[str] = []
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        two = " ".join(lowered[i: i + 2])
        s = terms.get(two) or _ROLE_SECTOR.get(w) or terms.get(w)
        if s and s not in found:
            found.append(s)
    if not found:
        return None, ()
    if "SPY" in found and "MIL" in found:
        return "MIL", ("SPY",)  # military intelligence
    if "GOV" in found and ("defence" in lowered or "defense" in lowered):
        return "GOV", ("MIL",)  # defence minister or secretary
    ordered = sorted(found, key=lambda s: _SECTOR_ORDER.index(s) if s in _SECTOR_ORDER else 99)
    if "GOV" in found and any(w in lowered for w in ("president", "minister", "secretary",
                                                     "premier", "chancellor")):
        ordered = ["GOV"] + [s for s in ordered if s != "GOV"]
    return ordered[0], tuple(ordered[1:])


def country_in(span: Span, day: date | None, context: set[str]) -> str | None:
    """The country a phrase names: a country, demonym or known body in it."""
    cs = gazetteer.countries()
    for ent in ents_in(span):
        c = cs.lookup(ent.text)
        if c:
            return c.alpha3
        d = tables().demonyms.get(fold(ent.text))
        if d:
            return d
        a = table_actor(ent.text, day, context)
        if a and a.country and len(a.country) == 3:
            return a.country
    for tok in span:
        d = tables().demonyms.get(fold(tok.text))
        if d:
            return d
    # Two-word demonyms the tokenizer split ("South Korean").
    words = [t.text for t in span]
    for i in range(len(words) - 1):
        d = tables().demonyms.get(fold(words[i] + " " + words[i + 1]))
        if d:
            return d
    return None


def actor_from_role(role: Span, name: str, kind: str, day: date | None,
                    context: set[str]) -> Actor:
    sector, others = sector_of([t.text for t in role])
    country = country_in(role, day, context)
    # A known body inside the role ("Foreign Office minister") tells both.
    for ent in ents_in(role):
        a = table_actor(ent.text, day, context)
        if a:
            country = country or a.country
            if sector is None or (a.sector in ("MIL", "SPY") and sector in ("GOV", "SPY", None)):
                sector, others = a.sector, a.other_sectors
    return Actor(name=name, country=country, sector=sector, kind=kind,
                 role=_clean_role(role), other_sectors=others, basis="apposition")


# --- the stage -----------------------------------------------------------------

def mention_country(ent: Span) -> str | None:
    """The country a place name or demonym names ("Ukraine", "Ukrainian"), or None."""
    if ent.label_ in ("GPE", "LOC", "FAC"):
        c = gazetteer.countries().lookup(ent.text)
        return c.alpha3 if c else None
    if ent.label_ == "NORP":
        return tables().demonyms.get(fold(ent.text))
    return None


def article_countries(doc: Doc, ents: list[Span] | None = None) -> dict[str, int]:
    """How often each country is named (by name or demonym) in the doc or the given entities."""
    counts: dict[str, int] = {}
    for ent in doc_ents(doc) if ents is None else ents:
        code = mention_country(ent)
        if code:
            counts[code] = counts.get(code, 0) + 1
    return counts


def _head_noun_sector(ent: Span) -> tuple[str | None, tuple[str, ...]]:
    """'North Korean troops' -> MIL, from the noun the demonym modifies."""
    head = ent.root.head if ent.root.dep_ in ("amod", "compound", "nmod") else None
    if head is None or head.i < ent.end:
        return None, ()
    words = [t.text for t in head.lefts if t.i >= ent.end] + [head.text]
    return sector_of(words)


def _is_actor_position(ent: Span) -> bool:
    """A place name used as an actor: subject of a verb, not 'in Pyongyang'."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass", "agent") or (
        root.dep_ == "poss" and root.head.lemma_ in ("decision", "move", "statement", "claim"))


def _sentence_countries(span: Span) -> set[str]:
    return set(article_countries(span.doc, ents_in(span.sent)))


def _key(ent_text: str) -> str:
    return fold(ent_text)


def resolve(article: Article) -> Article:
    """Group the doc's entities and give each its actor."""
    doc = article.doc
    day = article.published
    counts = article_countries(doc)
    context = set(counts)
    cs = gazetteer.countries()
    t = tables()

    groups: dict[tuple[str, str], Entity] = {}
    first_span: dict[tuple[str, str], Span] = {}
    order: list[tuple[str, str]] = []
    for ent in doc_ents(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        text = ent.text.strip()
        key = (ent.label_, _key(text))
        if key not in groups:
            groups[key] = Entity(id="", text=text, label=ent.label_)
            first_span[key] = ent
            order.append(key)
        groups[key].spans.append((ent.start_char, ent.end_char))
    for n, key in enumerate(order, 1):
        groups[key].id = f"e{n}"

    persons = [k for k in order if k[0] == "PERSON"]
    canon: dict[tuple[str, str], tuple[str, str]] = {}
    # Coreference of names: a shorter form joins the fullest earlier (or, failing
    # that, later) form whose words contain it. Surnames and given names alike.
    for key in persons:
        fixed = unglue(groups[key].text)
        words = (fold(fixed) if fixed else key[1]).split()
        best = None
        for other in persons:
            if other == key:
                continue
            ow = fold(unglue(groups[other].text) or groups[other].text).split()
            if len(ow) > len(words) and all(w in ow for w in words):
                if best is None or groups[other].spans[0] < groups[best].spans[0]:
                    best = other
        if best is not None:
            canon[key] = best

    for key in order:
        ent_obj, span = groups[key], first_span[key]
        label = key[0]
        if key in canon:
            continue  # filled from its canonical entity below
        ent_obj.actor = _resolve_one(span, label, day, context, counts, cs, t)

    for key, target in canon.items():
        while target in canon:
            target = canon[target]
        groups[key].actor = groups[target].actor
        groups[key].refers_to = groups[target].id

    # Roles given only at a later mention ("Budanov, the spy chief") still count.
    article.entities = [groups[k] for k in order]
    return article


def _resolve_one(span: Span, label: str, day: date | None, context: set[str],
                 counts: dict[str, int], cs: gazetteer.Countries, t: Tables) -> Actor | None:
    text = span.text.strip()
    if label == "PERSON":
        found = table_actor(text, day, context) or (
            table_actor(unglue(text), day, context) if unglue(text) else None)
        if found is None and len(text.split()) == 1:
            # A lone surname names a table person only when exactly one has it
            # and the article is about that person's country.
            names = t.by_surname.get(fold(text), set())
            if len(names) == 1:
                cand = table_actor(next(iter(names)), day, context)
                if cand is not None and cand.country in context:
                    found = cand
        role = role_span(span)
        if role is not None:
            from_text = actor_from_role(role, found.name if found else text, "person", day, context)
            if found:
                # The article's own words for the role; the table's facts where it is silent.
                return replace(found, role=from_text.role,
                               country=found.country or from_text.country,
                               sector=found.sector or from_text.sector)
            return from_text
        return found
    if label in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"):
        found = table_actor(text, day, context, _sentence_countries(span))
        if found:
            return found
        met = t.metonyms.get(fold(text[4:] if text.lower().startswith("the ") else text))
        if met:
            return Actor(name=met["name"], country=met["country"], sector=met["sector"] or None,
                         kind="organization", role=met.get("means") or None, basis="metonym")
        if label != "ORG":
            role = role_span(span)
            if role is not None and _has_role_word(role):
                a = actor_from_role(role, text, "organization", day, context)
                return a if a.country or a.sector else None
            return None
        sector, others = sector_of(text.split())
        country = country_in(span, day, context)
        role = role_span(span)
        if role is not None:
            r = actor_from_role(role, text, "organization", day, context)
            country = country or r.country
            sector = sector or r.sector
        if country is None:
            # "the country's presidential office": a possessive country before it.
            for tok in span.root.children:
                if tok.dep_ == "poss" and tok.i < span.start:
                    c = cs.lookup(tok.text)
                    if c:
                        country = c.alpha3
        return Actor(name=text, country=country, sector=sector, kind="organization",
                     other_sectors=others, basis="name") if (country or sector) else \
            Actor(name=text, kind="organization", basis="name")
    if label in ("GPE", "LOC"):
        c = cs.lookup(text)
        if c:
            return Actor(name=c.name, country=c.alpha3, kind="country", basis="gazetteer")
        capital_of = cs.capitals.get(fold(text))
        if capital_of and _is_actor_position(span):
            country = cs.get(capital_of)
            return Actor(name=country.name if country else text, country=capital_of, sector="GOV",
                         kind="country", role=f"government, named by its capital {text}",
                         basis="metonym")
        return None
    if label == "NORP":
        parts = [p for p in re.split(r"-(?=[A-Z])", text)]
        codes = [t.demonyms.get(fold(p)) for p in parts]
        if len(parts) > 1 and all(codes):
            names = [cs.get(c).name if cs.get(c) else c for c in codes]
            return Actor(name=" and ".join(names), country=None, kind="group",
                         role=None, basis="demonym", other_sectors=())
        code = t.demonyms.get(fold(text))
        if code:
            sector, others = _head_noun_sector(span)
            country = cs.get(code)
            return Actor(name=country.name if country else text, country=code, sector=sector,
                         kind="group", other_sectors=others, basis="demonym")
        return None
    return None
