"""Linking across articles: events, claims and figures of a new article join
what the ledger already holds, incrementally and without all-pairs work.

- Events are found through blocking keys (type, an actor or recipient country,
  and the month; and, for events that carry their trigger words, each
  trigger's stem and synonym class), then scored on actors, recipients, dates,
  places and the words of their evidence; above ``EVENT_THRESHOLD`` they merge.
- A claim about a linked event joins that event's claim (the proposition is
  the event: "North Korea has sent troops to Russia" and "Pyongyang
  dispatched soldiers to fight for Moscow" both name one MOBILIZE PRK->RUS);
  a claim about no event joins a claim whose normalised content words it
  shares (Jaccard >= ``CLAIM_THRESHOLD``), found through country+verb keys.
- A figure joins the group of what it measures (troops sent, dead, wounded,
  casualties, arrests, magnitude, vote share) for the same countries.

Every function here works on an open SQLite connection inside the caller's
transaction: an article and all its links are written together or not at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from datetime import date
from typing import Any

from .events import STATUS_ORDER

EVENT_THRESHOLD = 0.55
# Two mentions told by their trigger words ("the quake", "an earthquake struck"):
# how much the triggers' agreement (same lemma 1, same stem, same synonym class)
# and the words around them count. Tuned on ECB+ topics 1-35 (bench/coref.py):
# the words of the sentences alone, or half those and half the names of the
# articles when both events carry ``names``. At most 0.85, so a pair known only
# by its words needs its triggers and most of its context to agree.
TRIGGER_WEIGHT = 0.34
CONTEXT_WEIGHT = 0.51
TRIGGER_AGREEMENT = {"lemma": 1.0, "stem": 0.8, "synonym": 0.7}
CLAIM_THRESHOLD = 0.5
# How far apart two reports of one event may date it, by type (days).
WINDOW = {"MOBILIZE": 45, "AID": 45, "COOPERATE": 45, "SANCTION": 20, "THREATEN": 10,
          "AGREE": 10, "CONSULT": 3, "ASSAULT": 3, "PROTEST": 3, "COERCE": 5}
DEFAULT_WINDOW = 7
DURATIVE = {"MOBILIZE", "AID", "COOPERATE", "SANCTION", "COERCE"}

_STOP = set("""a an the of to in on at for from by with and or but as is are was were be been being
has have had do does did it its this that these those their there here he she they them his her
we our you your i me my not no so than then also very more most some any all about into over
after before said says say told tells according would could should may might will can just""".split())
# Verbs and nouns that say the same thing in claims ("dispatched soldiers" = "sent troops").
_SYNONYMS = {
    "dispatch": "send", "deploy": "send", "transfer": "send", "despatch": "send",
    "dispatched": "send", "deployed": "send", "sent": "send", "sending": "send", "sends": "send",
    "soldier": "troop", "soldiers": "troop", "troops": "troop", "forces": "troop", "force": "troop",
    "brigades": "troop", "brigade": "troop", "units": "troop", "unit": "troop",
    "supplied": "supply", "supplying": "supply", "provided": "supply", "provide": "supply",
    "delivered": "supply", "deliver": "supply", "weapons": "weapon", "arms": "weapon",
    "munitions": "weapon", "ammunition": "weapon", "killed": "kill", "dead": "kill", "died": "kill",
    "deaths": "kill", "wounded": "wound", "injured": "wound", "attacked": "attack",
    "attacks": "attack", "struck": "attack", "strike": "attack", "strikes": "attack",
}
_MEASURES = [
    (re.compile(r"\b(killed|dead|died|deaths?|death toll|fatalities|lives)\b", re.I), "dead"),
    (re.compile(r"\b(wounded|injured|injuries)\b", re.I), "wounded"),
    (re.compile(r"\bcasualt(y|ies)\b", re.I), "casualties"),
    (re.compile(r"\b(arrested|detained|arrests|detentions)\b", re.I), "arrests"),
    (re.compile(r"\bmagnitude\b", re.I), "magnitude"),
    (re.compile(r"\b(vote|votes|ballots?)\b", re.I), "vote share"),
    (re.compile(r"\b(displaced|refugees|fled)\b", re.I), "displaced"),
]
_TROOP_UNITS = {"troops", "troop", "soldiers", "soldier", "brigades", "brigade", "units",
                "personnel", "fighters", "forces", "men", "servicemen", "mercenaries"}


def stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
            return date.fromisoformat(value[:10]).toordinal()
        if re.fullmatch(r"\d{4}-\d{2}", value[:7]) and len(value) == 7:
            return date.fromisoformat(value + "-01").toordinal()
        if re.fullmatch(r"\d{4}", value[:4]) and len(value) == 4:
            return date(int(value), 1, 1).toordinal()
    except ValueError:
        return None
    return None


def _month(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat()[:7] if day else None


def _countries(x: Any) -> set[str]:
    xs = x if isinstance(x, list) else ([x] if isinstance(x, dict) else [])
    return {a["country"] for a in xs if a and a.get("country")}


def terms(text: str, entities: list[tuple[int, int, str]] | None = None, offset: int = 0) -> set[str]:
    """Normalised content words of a text; named countries and their capitals
    become their ISO code, so 'Pyongyang' and 'North Korea' match."""
    if entities:
        pieces, last = [], 0
        for s, e, code in sorted(entities):
            s, e = s - offset, e - offset
            if s < last or s < 0 or e > len(text):
                continue
            pieces.append(text[last:s])
            pieces.append(f" {code} ")
            last = e
        pieces.append(text[last:])
        text = "".join(pieces)
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z'-]+|[A-Z]{3}", text):
        if w.isupper() and len(w) == 3:
            out.add(w)
            continue
        low = w.lower().strip("'")
        if low in _STOP or len(low) < 3:
            continue
        low = _SYNONYMS.get(low, low)
        if low.endswith("s") and len(low) > 4 and not low.endswith("ss"):
            low = low[:-1]
        out.add(low)
    return out


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# --- events ----------------------------------------------------------------------

def trigger_stem(word: str) -> str:
    """A trigger word without its inflection or nominal suffix, so "shooting"
    and "shoot", "announcement" and "announced", "checks" and "check" meet."""
    w = word.lower().strip("'")
    for suf in ("ings", "ing", "ions", "ion", "ments", "ment", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4 and not (suf == "s" and w.endswith("ss")):
            w = w[:-len(suf)]
            break
    return w[:-1] if w.endswith("e") and len(w) > 4 else w


def trigger_forms(triggers: set[str] | list[str]) -> set[str]:
    """Blocking forms of trigger words: each one's stem, and its synonym class
    ("killed", "died", "deaths" -> kill)."""
    out = set()
    for t in triggers:
        out.add("s:" + trigger_stem(t))
        syn = _SYNONYMS.get(t.lower())
        if syn:
            out.add("y:" + syn)
    return out


def event_keys(etype: str | None, actors: set[str], recipients: set[str], day: int | None,
               dated: bool = True, triggers: set[str] | list[str] = (),
               place: str | None = None) -> set[str]:
    """Blocking keys: type with each actor and recipient country and the month
    (with the months either side); for an event that carries its trigger words,
    also each trigger form with the month, so an event with no PLOVER type (an
    earthquake, an arrest told without its parties) is found by its words."""
    months = {None} if day is None else {_month(day - 31), _month(day), _month(day + 31)}
    keys = set()
    for m in months:
        if etype:
            for a in actors:
                keys.add(f"{etype}|a:{a}|{m}")
            for r in recipients:
                keys.add(f"{etype}|r:{r}|{m}")
            if not actors and not recipients:
                # No party's country to block on: the country where it happened,
                # and the trigger's words, within the months, so "ASSAULT by
                # someone" does not gather every attack of a month.
                if place:
                    keys.add(f"{etype}|l:{place}|{m}")
                for form in trigger_forms(triggers) or {"?"}:
                    keys.add(f"{etype}|t:{form}|{m}")
        else:
            for form in trigger_forms(triggers):
                keys.add(f"t|{form}|{m}")
    if etype in DURATIVE and day is not None:
        # Long-running events are also found a year either side, whatever their
        # month (a deployment reported months later), by their countries only.
        year = date.fromordinal(day).year
        for y in (year - 1, year, year + 1):
            keys |= {f"{etype}|a:{a}|y{y}" for a in actors} | {f"{etype}|r:{r}|y{y}" for r in recipients}
    return keys


def _trigger_agreement(t1: set[str], t2: set[str]) -> float:
    low1, low2 = {t.lower() for t in t1}, {t.lower() for t in t2}
    if low1 & low2:
        return TRIGGER_AGREEMENT["lemma"]
    if {trigger_stem(t) for t in low1} & {trigger_stem(t) for t in low2}:
        return TRIGGER_AGREEMENT["stem"]
    f1, f2 = trigger_forms(low1), trigger_forms(low2)
    if {f for f in f1 if f[0] == "y"} & f2:
        return TRIGGER_AGREEMENT["synonym"]
    return 0.0


def _containment(new: set[str], old: set[str]) -> float:
    """How much of the new mention's words the event already holds (an event
    gathers the words of all its mentions, so Jaccard would fall as it grows)."""
    return len(new & old) / len(new) if new and old else 0.0


def score_event(new: dict[str, Any], old: dict[str, Any]) -> float:
    """How likely two event descriptions are one occurrence (0..1); 0 when
    something known contradicts (other types, other actors, far apart in time
    or place).

    Typed events (both with a PLOVER type) score on actors, recipients, time,
    place and the words of their evidence. Events that carry their trigger
    words (``triggers``) may also score on those: the triggers' agreement and
    how many of the new mention's words (and, when both carry them, the names
    of its article: ``names``) the other already holds; the better of the two
    counts."""
    etype = new.get("type")
    if etype and old.get("type") and etype != old["type"]:
        return 0.0
    a1, a2 = new["actors"], old["actors"]
    r1, r2 = new["recipients"], old["recipients"]
    if a1 and a2 and not a1 & a2:
        return 0.0
    if r1 and r2 and not r1 & r2:
        return 0.0
    window = WINDOW.get(etype or "", DEFAULT_WINDOW)
    d1, d2 = new.get("day"), old.get("day")
    if d1 is not None and d2 is not None:
        gap = abs(d1 - d2)
        dated = new.get("dated") and old.get("dated")
        # Two explicit event dates far apart are two events. A date taken from
        # publication only says when it was reported: a deployment reported
        # months later ("had sent troops") is still the same deployment.
        if gap > window and (dated or etype not in DURATIVE):
            return 0.0
        time_score = max(0.0, 1.0 - gap / (window + 1))
    else:
        time_score = 0.5
    loc1, loc2 = new.get("location"), old.get("location")
    coarse = {"country", "admin1"}
    place_score = 0.5
    if loc1 and loc2 and (loc1.get("feature") in coarse or loc2.get("feature") in coarse):
        # A country or region holds a city in it: "in Russia" and "in Kursk" agree.
        same_country = loc1.get("country") and loc1.get("country") == loc2.get("country")
        same_region = loc1.get("admin1") and loc1.get("admin1") == loc2.get("admin1")
        if not same_country and etype in ("ASSAULT", "PROTEST", "CONSULT", "COERCE"):
            return 0.0
        place_score = 1.0 if same_region else 0.75 if same_country else 0.0
    elif loc1 and loc2 and loc1.get("lat") is not None and loc2.get("lat") is not None:
        from .gazetteer import distance_km

        km = distance_km(loc1["lat"], loc1["lon"], loc2["lat"], loc2["lon"])
        if km > 500 and etype in ("ASSAULT", "PROTEST", "CONSULT", "COERCE"):
            return 0.0
        place_score = 1.0 if km < 50 else 0.5 if km < 300 else 0.0
    s = 0.0
    if etype and old.get("type"):
        # What one side does not know counts half, neither for nor against.
        s += 0.3 * (len(a1 & a2) / len(a1 | a2) if a1 and a2 else 0.5)
        s += 0.15 * (len(r1 & r2) / len(r1 | r2) if r1 and r2 else 0.5)
        s += 0.2 * time_score
        s += 0.15 * place_score
        s += 0.2 * min(1.0, 2 * _containment(new["terms"], old["terms"]))
    t1, t2 = new.get("triggers"), old.get("triggers")
    if t1 and t2:
        words = min(1.0, 2 * _containment(new["terms"], old["terms"]))
        n1, n2 = new.get("names"), old.get("names")
        if n1 and n2:
            words = (words + min(1.0, 2 * _jaccard(n1, n2))) / 2
        s = max(s, TRIGGER_WEIGHT * _trigger_agreement(set(t1), set(t2)) + CONTEXT_WEIGHT * words)
    return s


MAX_TERMS = 400
MAX_CANDIDATES = 200


def _capped(words: Any) -> list[str]:
    seen: list[str] = []
    for w in (sorted(words) if isinstance(words, set) else words):
        if w not in seen:
            seen.append(w)
        if len(seen) >= MAX_TERMS:
            break
    return seen


def _article_names(article: dict[str, Any]) -> set[str]:
    """Words of the article's names (people, bodies, places, events): what
    tells one earthquake or one arrest from another."""
    out: set[str] = set()
    for e in article["entities"]:
        if e["label"] in ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "WORK_OF_ART", "PRODUCT"):
            out |= terms(e["text"])
    return out


MAX_CACHED = 4000


def _remember(cache: dict[str, dict[str, Any]], event_id: str, features: dict[str, Any]) -> None:
    """Keep an event's features, forgetting the least recently used beyond MAX_CACHED."""
    cache.pop(event_id, None)
    cache[event_id] = features
    while len(cache) > MAX_CACHED:
        cache.pop(next(iter(cache)))


def _features(etype: str, rec: dict[str, Any], day: int | None) -> dict[str, Any]:
    """What score_event reads of a ledger event."""
    return {"type": etype, "actors": set(rec["actor_countries"]),
            "recipients": set(rec["recipient_countries"]), "day": day,
            "dated": bool(rec.get("date")), "location": rec.get("location"),
            "terms": set(rec["terms"]), "triggers": rec.get("triggers") or [],
            "names": set(rec.get("names") or [])}


def link_event(conn: sqlite3.Connection, article: dict[str, Any], ev: dict[str, Any],
               cache: dict[str, dict[str, Any]] | None = None) -> str:
    """Store an article's event, merged into a ledger event when one matches;
    returns the ledger event's id."""
    art = article["article"]
    event_day = _day((ev.get("date") or {}).get("value"))
    day = event_day or _day(art.get("published"))
    sentences = " ".join(e.get("sentence", "") for e in ev.get("evidence", []))
    text = art["text"]
    triggers = sorted({text[a:b].lower() for a, b in (e["trigger"] for e in ev.get("evidence", [])
                                                      if e.get("trigger"))})
    new = {"type": ev["type"], "actors": _countries(ev.get("actor")),
           "recipients": _countries(ev.get("recipient")), "day": day, "dated": event_day is not None,
           "location": ev.get("location"), "terms": terms(sentences), "triggers": triggers,
           "names": _article_names(article)}
    # A typed event is found by its type and countries; trigger-word keys are for
    # events without a type, and would make every "attack" a candidate of every other.
    keys = event_keys(ev["type"], new["actors"], new["recipients"], day, new["dated"], triggers,
                      (ev.get("location") or {}).get("country"))
    marks = ",".join("?" * len(keys))
    # At most MAX_CANDIDATES, nearest in time first: the cost per event stays
    # bounded however large the ledger grows.
    # The parsed features of ledger events are kept across articles (``cache``,
    # owned by the Ledger): reading them again from JSON was most of the cost.
    cache = {} if cache is None else cache
    ids = [r[0] for r in conn.execute(
        f"SELECT e.id FROM events e WHERE e.id IN "
        f"(SELECT event_id FROM event_keys WHERE key IN ({marks})) "
        f"ORDER BY ABS(COALESCE(e.day, ?) - ?) LIMIT {MAX_CANDIDATES}",
        (*keys, day or 0, day or 0))]
    best, best_score = None, 0.0
    for cid in ids:
        old = cache.pop(cid, None)  # re-inserted below: the dict's order is its recency
        if old is None:
            etype, rec_json, eday = conn.execute("SELECT type, record, day FROM events WHERE id = ?",
                                                 (cid,)).fetchone()
            old = _features(etype, json.loads(rec_json), eday)
        _remember(cache, cid, old)
        sc = score_event(new, old)
        if sc > best_score:
            best, best_score = cid, sc
    published = art.get("published")
    if best is not None and best_score >= EVENT_THRESHOLD:
        _remember(cache, best, _merge_event(conn, best, ev, new, published))
        event_id = best
    else:
        event_id = stable_id("ev-", art["id"], ev["id"])
        rec = {"actor": ev.get("actor"), "recipient": ev.get("recipient"),
               "location": ev.get("location"), "date": ev.get("date"), "context": ev.get("context"),
               "cameo": ev.get("cameo"), "quad": ev.get("quad"),
               "actor_countries": sorted(new["actors"]), "recipient_countries": sorted(new["recipients"]),
               "terms": _capped(new["terms"]), "triggers": triggers, "names": _capped(new["names"])}
        conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?)",
                     (event_id, ev["type"], ev.get("mode"), json.dumps(rec), ev["status"], day,
                      published, published))
        _remember(cache, event_id, _features(ev["type"], rec, day))
    conn.executemany("INSERT OR IGNORE INTO event_keys VALUES (?, ?)", [(k, event_id) for k in keys])
    conn.execute("INSERT OR REPLACE INTO event_mentions VALUES (?,?,?,?,?)",
                 (event_id, art["id"], ev["id"], ev["status"], json.dumps(ev)))
    text = art["text"]
    for s in ev.get("sources", []):
        span = s.get("span") or [None, None]
        sentence = text[span[0]:span[1]] if span[0] is not None else None
        conn.execute("INSERT INTO event_sources VALUES (?,?,?,?,?,?,?,?,?)",
                     (event_id, art["id"], s.get("name") or art.get("source"), s.get("country"),
                      s["stance"], published, span[0], span[1], sentence))
    return event_id


def _merge_event(conn: sqlite3.Connection, event_id: str, ev: dict[str, Any], new: dict[str, Any],
                 published: str | None) -> dict[str, Any]:
    """Fold an article's event into a ledger event; returns its new features."""
    row = conn.execute("SELECT record, status, day, first_seen, last_seen FROM events WHERE id = ?",
                       (event_id,)).fetchone()
    rec = json.loads(row[0])
    for field_name in ("actor", "recipient", "location", "date"):
        if not rec.get(field_name) and ev.get(field_name):
            rec[field_name] = ev[field_name]
    rank = {"city": 0, "admin1": 1, "country": 2}
    old_loc, new_loc = rec.get("location"), ev.get("location")
    if old_loc and new_loc and rank.get(new_loc.get("feature") or "", 3) < rank.get(
            old_loc.get("feature") or "", 3) and new_loc.get("country") == old_loc.get("country"):
        rec["location"] = new_loc  # "Kursk" says more than "Russia"
    rec["actor_countries"] = sorted(set(rec["actor_countries"]) | new["actors"])
    rec["recipient_countries"] = sorted(set(rec["recipient_countries"]) | new["recipients"])
    # Words of the first reports first: a cap must not drop words by their spelling.
    rec["terms"] = _capped(list(rec["terms"]) + sorted(new["terms"] - set(rec["terms"])))
    rec["triggers"] = sorted(set(rec.get("triggers") or []) | set(new["triggers"]))[:50]
    rec["names"] = _capped(list(rec.get("names") or []) + sorted(new["names"] - set(rec.get("names") or [])))
    for c in ev.get("context") or []:
        if c not in rec.setdefault("context", []):
            rec["context"].append(c)
    statuses = [r[0] for r in conn.execute("SELECT status FROM event_mentions WHERE event_id = ?",
                                           (event_id,))] + [ev["status"]]
    status = _combined_status(statuses)
    day = row[2] if row[2] is not None else new["day"]
    first = min(x for x in (row[3], published) if x) if (row[3] or published) else None
    last = max(x for x in (row[4], published) if x) if (row[4] or published) else None
    conn.execute("UPDATE events SET record = ?, status = ?, day = ?, first_seen = ?, last_seen = ? "
                 "WHERE id = ?", (json.dumps(rec), status, day, first, last, event_id))
    return _features(row_type(conn, event_id), rec, day)


def _combined_status(statuses: list[str]) -> str:
    live = [s for s in statuses if s != "denied"]
    if not live:
        return "denied"
    return min(live, key=STATUS_ORDER.index)


# --- claims ----------------------------------------------------------------------

def _claim_entities(article: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, country) for country-bearing mentions, to normalise claim words."""
    out = []
    for e in article["entities"]:
        a = e.get("actor") or {}
        code = a.get("country")
        if code and e["label"] in ("GPE", "NORP") or (code and a.get("basis") == "metonym"):
            out.extend((s, t, code) for s, t in e["spans"])
    return out


def link_claim(conn: sqlite3.Connection, article: dict[str, Any], claim: dict[str, Any],
               event_id: str | None) -> str:
    art = article["article"]
    words = terms(claim["text"], _claim_entities(article), claim["span"][0])
    published = art.get("published")
    claim_id = None
    if event_id is not None:
        row = conn.execute("SELECT id FROM claims WHERE event_id = ?", (event_id,)).fetchone()
        claim_id = row[0] if row else None
        keys = {f"ev|{event_id}"}
    else:
        codes = sorted(w for w in words if w.isupper())
        # The longest words stand in for the rarest (no corpus counts to hand).
        content = sorted((w for w in words if not w.isupper()), key=lambda w: (-len(w), w))
        keys = {f"{c}|{v}" for c in codes for v in content[:6]} or {f"-|{v}" for v in content[:3]}
        marks = ",".join("?" * len(keys)) or "''"
        best, best_j = None, 0.0
        for cid, terms_json in conn.execute(
                f"SELECT c.id, c.terms FROM claims c WHERE c.id IN (SELECT claim_id FROM claim_keys "
                f"WHERE key IN ({marks})) ORDER BY c.last_seen DESC LIMIT {MAX_CANDIDATES}", tuple(keys)):
            j = _jaccard(words, set(json.loads(terms_json)))
            if j > best_j:
                best, best_j = cid, j
        if best is not None and best_j >= CLAIM_THRESHOLD:
            claim_id = best
    if claim_id is None:
        claim_id = stable_id("cl-", art["id"], claim["id"])
        text = claim["text"] if event_id is None else _event_proposition(conn, event_id) or claim["text"]
        conn.execute("INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
                     (claim_id, text, event_id, "single-source", published, published,
                      json.dumps(sorted(words))))
    conn.executemany("INSERT OR IGNORE INTO claim_keys VALUES (?, ?)", [(k, claim_id) for k in keys])
    src = claim.get("source") or {}
    sentence = art["text"][claim["span"][0]:claim["span"][1]]
    conn.execute("INSERT INTO claim_sources VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                 (claim_id, art["id"], claim["id"], src.get("name") or art.get("source") or "the article",
                  src.get("country"), claim["stance"], published, claim["span"][0], claim["span"][1],
                  sentence, claim["text"]))
    _update_claim(conn, claim_id, published)
    return claim_id


def _event_proposition(conn: sqlite3.Connection, event_id: str) -> str | None:
    """A plain statement of an event: 'North Korea: MOBILIZE troops -> Russia'."""
    row = conn.execute("SELECT type, mode, record FROM events WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    rec = json.loads(row[2])

    def names(x: Any) -> str:
        from .gazetteer import countries

        def one(a: dict[str, Any]) -> str:
            # "Kim Jong-un's soldiers" acting for North Korea: name the country.
            c = countries().get(a.get("country")) if a.get("kind") == "group" else None
            return c.name if c else a.get("name") or a.get("country") or "?"

        xs = x if isinstance(x, list) else ([x] if x else [])
        return " and ".join(one(a) for a in xs) or "someone"

    verb = {"MOBILIZE": "sent troops to" if row[1] == "troops" else "mobilised against",
            "AID": "gave aid to", "AGREE": "agreed with", "CONSULT": "met", "ACCUSE": "condemned",
            "THREATEN": "threatened", "ASSAULT": "attacked", "SANCTION": "sanctioned",
            "SUPPORT": "supported", "REQUEST": "asked", "REJECT": "rejected", "COERCE": "coerced",
            "RETREAT": "withdrew from", "CONCEDE": "made concessions to", "COOPERATE": "cooperated with",
            "PROTEST": "protested against"}[row[0]]
    recipient = names(rec.get("recipient")) if rec.get("recipient") else ""
    return f"{names(rec.get('actor'))} {verb} {recipient}".strip()


def verdict(sources: list[tuple[str, str | None, str, str | None]]) -> str:
    """single-source, corroborated, contested or retracted, from (name, country,
    stance, published) of every source. A source is one speaker, however many
    articles quote it (wire copies are already merged as duplicates)."""
    by_source: dict[str, list[tuple[str, str]]] = {}
    for name, country, stance, published in sources:
        key = (name or "").strip().lower() or f"country:{country}"
        by_source.setdefault(key, []).append((published or "", stance))
    flips = False
    polar = {}
    for key, items in by_source.items():
        items.sort()
        sides = [s for _, s in items if s in ("asserts", "denies")]
        if any(a != b for a, b in zip(sides, sides[1:])):
            flips = True
        polar[key] = sides[-1] if sides else None
    if flips:
        return "retracted"
    asserting = [k for k, s in polar.items() if s == "asserts"]
    denying = [k for k, s in polar.items() if s == "denies"]
    if asserting and denying:
        return "contested"
    if len(asserting) >= 2:
        return "corroborated"
    return "single-source"


def _update_claim(conn: sqlite3.Connection, claim_id: str, published: str | None) -> None:
    rows = conn.execute("SELECT name, country, stance, published FROM claim_sources WHERE claim_id = ?",
                        (claim_id,)).fetchall()
    dates = [r[3] for r in rows if r[3]]
    conn.execute("UPDATE claims SET verdict = ?, first_seen = ?, last_seen = ? WHERE id = ?",
                 (verdict(rows), min(dates) if dates else None, max(dates) if dates else None, claim_id))


# --- figures ------------------------------------------------------------------------

def measure_of(figure: dict[str, Any], window: str, event: dict[str, Any] | None,
               at: int = 0) -> str | None:
    """What a figure measures, from the measure word nearest to it in ``window``
    (``at``: where the figure starts in the window)."""
    unit = (figure.get("unit") or "").lower()
    found = []
    for pattern, measure in _MEASURES:
        for m in pattern.finditer(window):
            if measure == "vote share" and unit != "percent":
                continue
            if measure == "magnitude" and figure.get("value") is not None and figure["value"] > 10:
                continue
            # Words after the figure ("600 soldiers killed") count a little nearer.
            dist = m.start() - at if m.start() >= at else (at - m.end()) * 1.5
            found.append((dist, measure))
    if found:
        return min(found)[1]
    if event is not None and event["type"] == "MOBILIZE" and unit in _TROOP_UNITS:
        return "troops sent"
    if unit in _TROOP_UNITS and re.search(r"\b(sent|deployed|dispatched|arrive|join|transfer)", window, re.I):
        return "troops sent"
    return None


def link_figure(conn: sqlite3.Connection, article: dict[str, Any], figure: dict[str, Any],
                event: dict[str, Any] | None, event_id: str | None) -> str | None:
    art = article["article"]
    text = art["text"]
    s, e = figure["span"]
    start = text.rfind("\n", 0, s) + 1
    sent_start = max(start, max(text.rfind(". ", 0, s) + 2, 0))
    sent_end_candidates = [i for i in (text.find(". ", e), text.find("\n", e)) if i != -1]
    sent_end = min(sent_end_candidates) + 1 if sent_end_candidates else len(text)
    sentence = text[sent_start:sent_end].strip()
    lo = max(sent_start, s - 30)
    near = text[lo: min(sent_end, e + 45)]
    measure = measure_of(figure, near, event, s - lo)
    if measure is None:
        return None
    # Whose figure: the countries named in the figure's phrase, else the event's actors.
    subject = set()
    for ent in article["entities"]:
        code = (ent.get("actor") or {}).get("country")
        # "600 North Korean soldiers": a demonym inside the figure's own phrase.
        if code and ent["label"] in ("NORP", "ORG") and any(s <= a <= e + 25 for a, _ in ent["spans"]):
            subject.add(code)
    if event is not None:
        subject |= _countries(event.get("actor"))
    target = sorted(_countries(event.get("recipient"))) if event and measure == "troops sent" else []
    key = f"{measure}|{','.join(sorted(subject))}|{','.join(target)}"
    row = conn.execute("SELECT id FROM figures WHERE key = ?", (key,)).fetchone()
    if row:
        figure_id = row[0]
    else:
        figure_id = stable_id("fg-", key)
        from .gazetteer import countries

        def label(codes: set[str] | list[str]) -> str:
            return ", ".join((countries().get(c).name if countries().get(c) else c) for c in sorted(codes))

        what = measure + (f" ({label(subject)})" if subject else "") + (f" to {label(target)}" if target else "")
        conn.execute("INSERT INTO figures VALUES (?,?,?,?,?,?)",
                     (figure_id, what, measure, figure.get("unit"), event_id, key))
    source_name, source_country = art.get("source") or "the article", None
    for c in article["claims"]:
        if c["span"][0] <= s < c["span"][1] and c.get("source"):
            source_name, source_country = c["source"].get("name"), c["source"].get("country")
            break
    as_of = art.get("published")
    conn.execute("INSERT INTO figure_values VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 (figure_id, art["id"], figure.get("value"), figure.get("low"), figure.get("high"),
                  figure.get("unit"), figure.get("qualifier"), as_of, source_name, source_country, s, e, sentence,
                  figure.get("text")))
    return figure_id


def _claim_events(article: dict[str, Any]) -> dict[str, str]:
    """Which event each claim is about: the event whose trigger comes first in
    the claim's words (a content span can run on into other events: "denied it
    had sent troops, dismissing the reports at a meeting"); a claim answering
    another ("branded these fake news") is about what that one is about."""
    triggers = sorted((e["trigger"][0], ev["id"]) for ev in article["events"]
                      for e in ev.get("evidence", []) if e.get("trigger"))
    out: dict[str, str] = {}
    for c in article["claims"]:
        s, e = c["span"]
        inside = [eid for t, eid in triggers if s <= t < e]
        if inside:
            out[c["id"]] = inside[0]
        elif c.get("event"):
            out[c["id"]] = c["event"]
    for c in article["claims"]:
        if c.get("target") and c["target"] in out:
            out[c["id"]] = out[c["target"]]
    return out


def row_type(conn: sqlite3.Connection, event_id: str) -> str:
    return conn.execute("SELECT type FROM events WHERE id = ?", (event_id,)).fetchone()[0]


def link_article(conn: sqlite3.Connection, article: dict[str, Any],
                 cache: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """Link every event, claim and figure of a stored article; returns the map
    from the article's event ids to ledger event ids. ``cache``: parsed ledger
    event features kept by the caller across articles (cleared on rollback)."""
    ev_map: dict[str, str] = {}
    events_by_id = {ev["id"]: ev for ev in article["events"]}
    for ev in article["events"]:
        ev_map[ev["id"]] = link_event(conn, article, ev, cache)
    claim_events = _claim_events(article)
    for c in article["claims"]:
        link_claim(conn, article, c, ev_map.get(claim_events.get(c["id"]) or ""))
    # A figure counted in several events belongs to the one whose trigger is nearest.
    in_event: dict[tuple[int, int], str] = {}
    best: dict[tuple[int, int], int] = {}
    for ev in article["events"]:
        triggers = [e["trigger"][0] for e in ev.get("evidence", []) if e.get("trigger")]
        for q in ev.get("quantities", []):
            key = tuple(q["span"])
            dist = min((abs(t - key[0]) for t in triggers), default=10**9)
            if dist < best.get(key, 10**9 + 1):
                in_event[key], best[key] = ev["id"], dist
    for f in article.get("figures", []):
        local = in_event.get(tuple(f["span"]))
        link_figure(conn, article, f, events_by_id.get(local) if local else None,
                    ev_map.get(local) if local else None)
    return ev_map

