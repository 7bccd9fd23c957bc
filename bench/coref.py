"""Cross-document event coreference on ECB+: sitroom's ledger linking beside a
same-run lemma baseline.

Data (``--data``, default ``../shared/eval/ecbplus`` from the repository root):
ECB+ 1.0 (Cybulska and Vossen 2014, CC BY 3.0), 43 topics of news, each topic
two sub-topics (an ``ecb`` and an ``ecbplus`` seminal event of the same kind:
two arrests, two earthquakes). Event mentions are the ACTION_* and NEG_ACTION_*
markables; their gold chains are the CROSS_DOC_COREF instances, the
INTRA_DOC_COREF chains (one per document), and a singleton for every mention in
no chain. Only the sentences listed in ``ECBplus_coreference_sentences.csv``
are scored (the standard evaluation subset; the rest is not fully annotated).
Topics 1-35 are for tuning (``--split train``), 36-45 the test (default).

Each document runs whole through sitroom's pipeline (the stages after the
parse, on the ECB+ tokens joined back into text, one sentence a line; the
``ecbplus`` documents' first line, their URL, is left out). The documents carry
no publication date, so an event has a day only when its own phrase gives an
absolute date.

Settings:

1. Gold mentions. Every gold mention gets what the ledger would know of it:
   the sitroom event at its trigger if there is one (type, actor and recipient
   countries, date, place), else none of those; always the trigger's lemma
   (the head of the mention, from sitroom's parse) and the words of its
   sentence (``link.terms``), and the trigger's own word and derivational stem
   (``link.trigger_stem``). The mentions are linked one at a time in document
   order, as ``link.link_event`` does: candidates come only from blocking keys
   (``link.event_keys``), the best-scoring one (``link.score_event``) is joined
   at ``link.EVENT_THRESHOLD`` or above, and a joined event takes the union of
   the mentions' countries, words and lemmas. Scored within each gold topic
   (each topic linked on its own), and over all test topics at once (one
   ledger for all). Baseline: mentions with the same head lemma form one
   cluster (within a topic, or over all topics).
2. End to end. The test documents are ingested into a temporary ``Ledger``
   (as the project's own ingest stores them: ``Ledger.add`` with the
   pipeline's record). System mentions are the evidence triggers of sitroom's
   article events, each labelled with the ledger event id that
   ``event_mentions`` gives its article event. A system mention matches a gold
   mention when their tokens overlap (one-to-one, greedy by overlap); mention
   detection P/R/F1 counts those matches. Coreference is scored on the
   matched mentions only (an unmatched system mention is left out; an
   unmatched gold mention is also left out, so these figures say how well the
   found mentions are linked, not how many were found: mention recall says
   that). Baseline: the same matched mentions clustered by head lemma.

Metrics (implemented here, singletons kept, as in the CoNLL-2012 scorer):
MUC (Vilain et al. 1995), B-cubed (Bagga and Baldwin 1998), CEAF-e (Luo 2005,
entity similarity phi4, the optimal alignment by the Hungarian algorithm) and
CoNLL F1, their mean. ``--self-test`` checks the metrics on worked examples.

Published anchors, gold mentions, test topics 36-45: lemma baseline on this
copy CoNLL 72.1 within gold topics (MUC 73.8, B3 71.1, CEAF-e 71.4), 61.1 over
all test topics at once; neural systems report mid-80s.

    .venv/bin/python bench/coref.py [--data DIR] [--split test|train] [--errors N]

writes the table to ``bench/results/coref.txt`` (for the test split).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "ecbplus"
RESULTS = REPO / "bench" / "results" / "coref.txt"
TRAIN_TOPICS = range(1, 36)
TEST_TOPICS = range(36, 46)


# --- loading -------------------------------------------------------------------


@dataclass
class Token:
    tid: int
    sent: int
    text: str
    start: int = -1  # character offsets in Document.text (-1: not in the text)
    end: int = -1


@dataclass
class Mention:
    doc: str
    topic: int
    mid: str
    tids: list[int]
    sent: int
    tag: str
    gold: str = ""  # gold chain id
    text: str = ""
    span: tuple[int, int] = (-1, -1)


@dataclass
class Document:
    name: str
    topic: int
    tokens: dict[int, Token]
    selected: set[int]
    mentions: list[Mention] = field(default_factory=list)
    text: str = ""


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|\u2019s)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "\u00a3", "\u20ac", "``"}


def _doc_key(name: str) -> tuple[int, int, str]:
    m = re.match(r"(\d+)_(\d+)(ecb(?:plus)?)", name)
    assert m, name
    return int(m.group(1)), int(m.group(2)), m.group(3)


def load(data: Path, topics: Iterable[int]) -> list[Document]:
    """The documents of these topics, with their gold event mentions in the
    selected sentences, in a stable order (topic, number, ecb before ecbplus)."""
    selected: dict[str, set[int]] = defaultdict(set)
    with open(data / "ECBplus_coreference_sentences.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            selected[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    wanted = set(topics)
    docs = []
    for path in sorted((data / "ECB+").glob("*/*.xml"), key=lambda p: _doc_key(p.stem)):
        topic = _doc_key(path.stem)[0]
        if topic not in wanted:
            continue
        docs.append(_load_doc(path, topic, selected.get(path.stem, set())))
    return docs


def _load_doc(path: Path, topic: int, selected: set[int]) -> Document:
    root = ET.parse(path).getroot()
    tokens = {int(t.get("t_id")): Token(int(t.get("t_id")), int(t.get("sentence")), t.text or "")
              for t in root.iter("token")}
    doc = Document(path.stem, topic, tokens, selected)
    # Text: one sentence a line; an ecbplus document's sentence 0 is its URL.
    parts: list[str] = []
    pos = 0
    last_sent = None
    prev_text = ""
    for tok in sorted(tokens.values(), key=lambda t: t.tid):
        if path.stem.endswith("ecbplus") and tok.sent == 0:
            continue
        if last_sent is not None and tok.sent != last_sent:
            parts.append("\n")
            pos += 1
        elif last_sent is not None and not _NO_SPACE_BEFORE.match(tok.text) \
                and prev_text not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        word = '"' if tok.text in ("``", "''") else tok.text  # PTB quotes, as written
        tok.start, tok.end = pos, pos + len(word)
        parts.append(word)
        pos = tok.end
        last_sent, prev_text = tok.sent, tok.text
    doc.text = "".join(parts)

    markables = root.find("Markables")
    anchors: dict[str, list[int]] = {}
    tags: dict[str, str] = {}
    instance: dict[str, str] = {}
    for m in markables:
        mid = m.get("m_id")
        tags[mid] = m.tag
        ts = [int(a.get("t_id")) for a in m.findall("token_anchor")]
        if ts:
            anchors[mid] = ts
        if m.get("instance_id"):
            instance[mid] = m.get("instance_id")
    chain: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        target = rel.find("target").get("m_id")
        if rel.tag == "CROSS_DOC_COREF":
            cid = instance.get(target) or rel.get("note")
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"{doc.name}/intra{rel.get('r_id')}"
        else:
            continue
        for s in rel.findall("source"):
            chain[s.get("m_id")] = cid
    for mid, ts in anchors.items():
        tag = tags[mid]
        if not (tag.startswith("ACTION") or tag.startswith("NEG_ACTION")):
            continue
        sent = tokens[ts[0]].sent
        if sent not in selected:
            continue
        ts = sorted(ts)
        m = Mention(doc.name, topic, mid, ts, sent, tag, chain.get(mid) or f"{doc.name}/single{mid}",
                    " ".join(tokens[t].text for t in ts))
        if tokens[ts[0]].start >= 0:
            m.span = (tokens[ts[0]].start, tokens[ts[-1]].end)
        doc.mentions.append(m)
    doc.mentions.sort(key=lambda m: (m.tids[0], m.tids[-1]))
    return doc


# --- metrics --------------------------------------------------------------------

Clusters = list[set[Any]]


def clusters_of(labels: dict[Any, Any]) -> Clusters:
    """Mention -> cluster label, as a list of mention sets."""
    out: dict[Any, set[Any]] = defaultdict(set)
    for m, c in labels.items():
        out[c].add(m)
    return list(out.values())


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def part(a: Clusters, b: Clusters) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            # pieces of c in b; a mention b lacks is a piece of its own
            pieces = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(pieces)
            den += len(c) - 1
        return num, den

    rn, rd = part(key, response)
    pn, pd = part(response, key)
    return _prf(rn, rd, pn, pd)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def part(a: Clusters, b: Clusters) -> tuple[float, float]:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = 0.0
        for c in a:
            overlap = Counter(where[m] for m in c if m in where)
            num += sum(n * n for n in overlap.values()) / len(c)
        return num, sum(len(c) for c in a)

    rn, rd = part(key, response)
    pn, pd = part(response, key)
    return _prf(rn, rd, pn, pd)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity CEAF with phi4(K, R) = 2|K & R| / (|K| + |R|), the best one-to-one
    alignment found per connected group of overlapping clusters (exact: clusters
    that share no mention score 0 whatever the alignment)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    where = {m: j for j, c in enumerate(response) for m in c}
    # union-find over key (i) and response (~j) clusters joined by a shared mention
    parent: dict[Any, Any] = {}

    def find(x: Any) -> Any:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs: dict[tuple[int, int], int] = Counter()
    for i, c in enumerate(key):
        for m in c:
            if m in where:
                pairs[(i, where[m])] += 1
                parent[find(("k", i))] = find(("r", where[m]))
    groups: dict[Any, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for i, j in pairs:
        g = groups[find(("k", i))]
        g[0].add(i)
        g[1].add(j)
    total = 0.0
    for ks, rs in groups.values():
        ks_l, rs_l = sorted(ks), sorted(rs)
        sim = np.zeros((len(ks_l), len(rs_l)))
        for a, i in enumerate(ks_l):
            for b, j in enumerate(rs_l):
                n = pairs.get((i, j), 0)
                if n:
                    sim[a, b] = 2 * n / (len(key[i]) + len(response[j]))
        rows, cols = linear_sum_assignment(-sim)
        total += float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def _prf(rn: float, rd: float, pn: float, pd: float) -> tuple[float, float, float]:
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return r, p, f


@dataclass
class Scores:
    muc: tuple[float, float, float]
    b3: tuple[float, float, float]
    ceaf: tuple[float, float, float]

    @property
    def conll(self) -> float:
        return (self.muc[2] + self.b3[2] + self.ceaf[2]) / 3


def score(key: dict[Any, Any], response: dict[Any, Any]) -> Scores:
    k, r = clusters_of(key), clusters_of(response)
    return Scores(muc(k, r), b_cubed(k, r), ceaf_e(k, r))


def self_test() -> None:
    """Worked by hand: key {a,b,c},{d,e,f,g}; response {a,b},{c,d},{f,g,h,i}
    (h and i are not in the key, e is in no response cluster)."""
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    resp = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    r, p, _ = muc(key, resp)
    # recall: {a,b,c} in 2 pieces (1 link of 2), {d,e,f,g} in 3 (1 of 3): 2/5;
    # precision: {a,b} 1 of 1, {c,d} 0 of 1, {f,g,h,i} in 3 pieces 1 of 3: 2/5
    assert abs(r - 2 / 5) < 1e-9 and abs(p - 2 / 5) < 1e-9, (r, p)
    r, p, _ = b_cubed(key, resp)
    # recall by key mention: a,b: 2/3 each; c: 1/3; d: 1/4; e: 0; f,g: 2/4
    exp_r = (2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7
    exp_p = (1 + 1 + 1 / 2 + 1 / 2 + 2 / 4 + 2 / 4 + 0 + 0) / 8
    assert abs(r - exp_r) < 1e-9 and abs(p - exp_p) < 1e-9, (r, p)
    r, p, _ = ceaf_e(key, resp)
    # best alignment: {a,b,c}-{a,b} (4/5) and {d,e,f,g}-{f,g,h,i} (4/8)
    assert abs(r - (0.8 + 0.5) / 2) < 1e-9 and abs(p - (0.8 + 0.5) / 3) < 1e-9, (r, p)
    # identical partitions score 1 everywhere, singletons included
    same = [{"a"}, {"b", "c"}]
    s = score({"a": 1, "b": 2, "c": 2}, {"a": 9, "b": 8, "c": 8})
    assert s.conll == 1.0, s
    # all singletons against one cluster: MUC recall 0 when the key is all singletons
    assert muc([{"a"}, {"b"}], [{"a", "b"}])[0] == 0.0 and same


# --- sitroom's pipeline over the documents ----------------------------------------


@dataclass
class Processed:
    """A document after sitroom's pipeline: its record and the parse."""

    doc: Document
    record: dict[str, Any]
    spacy_doc: Any


def run_pipeline(docs: list[Document], batch_size: int = 32) -> list[Processed]:
    """Every stage after the parse, on the text as built (no cleaning: the
    tokens' offsets must hold)."""
    from sitroom import nlp, pipeline
    from sitroom.record import Article

    model = nlp.load()
    out = []
    arts = [Article(input=f"ecbplus:{d.name}", source="ecbplus", raw=d.text, text=d.text, language="en")
            for d in docs]
    for d, art, parsed in zip(docs, arts, model.pipe((a.text for a in arts), batch_size=batch_size)):
        art.doc = parsed
        pipeline.finish(art)
        out.append(Processed(d, art.to_dict(), parsed))
    return out


def head_token(p: Processed, m: Mention) -> Any:
    span = p.spacy_doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
    return span.root if span is not None else None


def event_at(p: Processed, start: int, end: int, head_idx: int | None = None) -> dict[str, Any] | None:
    """sitroom's article event with a trigger overlapping [start, end); the one
    whose trigger holds the head first."""
    hits = []
    for ev in p.record["events"]:
        for e in ev.get("evidence", []):
            s, t = e.get("trigger") or (None, None)
            if s is not None and s < end and start < t:
                hits.append((0 if head_idx is not None and s <= head_idx < t else 1, ev))
    return min(hits, key=lambda x: x[0])[1] if hits else None


# --- linking, as the ledger links ---------------------------------------------------

NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "WORK_OF_ART", "PRODUCT"}


class Linker:
    """``link.link_event`` over an in-memory store: the same blocking keys,
    candidates, scoring, threshold and merge, for mentions that need not be
    PLOVER events (so the SQLite tables, which want a type, are not used)."""

    def __init__(self) -> None:
        self.index: dict[str, set[int]] = defaultdict(set)
        self.events: list[dict[str, Any]] = []

    def add(self, new: dict[str, Any]) -> int:
        from sitroom import link

        keys = link.event_keys(new["type"], new["actors"], new["recipients"], new["day"], new["dated"],
                               new.get("triggers", ()))
        cands = set().union(*(self.index[k] for k in keys)) if keys else set()
        best, best_score = None, 0.0
        for cid in sorted(cands):
            sc = link.score_event(new, self.events[cid])
            if sc > best_score:
                best, best_score = cid, sc
        if best is not None and best_score >= link.EVENT_THRESHOLD:
            self._merge(self.events[best], new)
            event_id = best
        else:
            event_id = len(self.events)
            self.events.append({**new, "terms": set(sorted(new["terms"])[:200]),
                                "triggers": set(new.get("triggers", ())),
                                "names": set(new.get("names", ()))})
        for k in keys:
            self.index[k].add(event_id)
        return event_id

    @staticmethod
    def _merge(old: dict[str, Any], new: dict[str, Any]) -> None:
        # as link._merge_event: the first date and type stay, a finer place of the
        # same country replaces a coarser one, countries and words gather
        rank = {"city": 0, "admin1": 1, "country": 2}
        ol, nl = old.get("location"), new.get("location")
        if ol is None:
            old["location"] = nl
        elif nl and rank.get(nl.get("feature") or "", 3) < rank.get(ol.get("feature") or "", 3) \
                and nl.get("country") == ol.get("country"):
            old["location"] = nl
        if old.get("day") is None:
            old["day"], old["dated"] = new["day"], new["dated"]
        old["actors"] = old["actors"] | new["actors"]
        old["recipients"] = old["recipients"] | new["recipients"]
        old["terms"] = set(sorted(old["terms"] | new["terms"])[:200])
        old["triggers"] = old["triggers"] | set(new.get("triggers", ()))
        old["names"] = old["names"] | set(new.get("names", ()))


def mention_features(p: Processed, m: Mention, names: bool = False) -> dict[str, Any]:
    """What the ledger would know of a gold mention: sitroom's event at its
    trigger (type, countries, date, place) if any, the trigger's lemma and word,
    the words of its sentence; with ``names``, the named entities of its article."""
    from sitroom import link

    head = head_token(p, m)
    ev = event_at(p, m.span[0], m.span[1], head.idx if head is not None else None)
    sentence = " ".join(t.text for t in p.doc.tokens.values() if t.sent == m.sent)
    lemma = head.lemma_.lower() if head is not None else m.text.lower()
    word = head.lower_ if head is not None else m.text.lower()
    event_day = link._day(((ev or {}).get("date") or {}).get("value"))
    f = {"type": ev["type"] if ev else None,
         "actors": link._countries(ev.get("actor")) if ev else set(),
         "recipients": link._countries(ev.get("recipient")) if ev else set(),
         "day": event_day, "dated": event_day is not None,
         "location": ev.get("location") if ev else None,
         "terms": link.terms(sentence), "triggers": {lemma, word}, "lemma": lemma}
    if names:
        f["names"] = link.terms(" ".join(e["text"] for e in p.record["entities"] if e["label"] in NAMED))
    return f


def link_gold(procs: list[Processed], scope: str, names: bool = False) -> dict[Any, Any]:
    """Gold mentions -> linked event, one ledger per topic or one for all."""
    ledgers: dict[int, Linker] = defaultdict(Linker)
    out = {}
    for p in procs:
        for m in p.doc.mentions:
            group = p.doc.topic if scope == "topic" else 0
            out[(m.doc, m.mid)] = (group, ledgers[group].add(mention_features(p, m, names)))
    return out


def lemma_baseline(procs: list[Processed], scope: str) -> dict[Any, Any]:
    out = {}
    for p in procs:
        for m in p.doc.mentions:
            head = head_token(p, m)
            lemma = head.lemma_.lower() if head is not None else m.text.lower()
            out[(m.doc, m.mid)] = (p.doc.topic if scope == "topic" else 0, lemma)
    return out


def gold_labels(procs: list[Processed]) -> dict[Any, Any]:
    return {(m.doc, m.mid): m.gold for p in procs for m in p.doc.mentions}


# --- end to end: sitroom's own mentions, linked by the ledger ------------------------


@dataclass
class SysMention:
    doc: str
    topic: int
    tids: list[int]
    sent: int
    event: Any  # the ledger event id (or the baseline's label)
    lemma: str


def ledger_mentions(procs: list[Processed], scope: str, workdir: Path) -> tuple[list[SysMention], Counter]:
    """Ingest the documents into temporary ledgers (one per topic, or one for
    all) and read each article event's ledger id from ``event_mentions``; every
    evidence trigger of an article event is a system mention."""
    import hashlib

    from sitroom import link
    from sitroom.ledger import Ledger

    _guard_figures(link)
    FIGURE_ERRORS.clear()
    outcomes: Counter = Counter()
    ledgers: dict[int, Ledger] = {}
    out = []
    try:
        for p in procs:
            group = p.doc.topic if scope == "topic" else 0
            if group not in ledgers:
                ledgers[group] = Ledger(str(workdir / f"coref-{scope}-{group}.db"))
            led = ledgers[group]
            digest = hashlib.sha256(p.doc.text.encode("utf-8")).hexdigest()
            res = led.add(p.record, p.doc.name, digest)
            outcomes[res.outcome] += 1
            aid = res.article_id
            ids = dict(led.conn.execute("SELECT local_id, event_id FROM event_mentions WHERE article_id = ?",
                                        (aid,)).fetchall())
            if res.outcome == "duplicate":
                # A near-copy is not stored: its events are those of the article it copies,
                # found again through the same sentence text.
                ids = _events_of_copy(led, aid, p)
            for ev in p.record["events"]:
                for e in ev.get("evidence", []):
                    if not e.get("trigger"):
                        continue
                    tids = _tokens_in(p.doc, *e["trigger"])
                    if not tids:
                        continue
                    head = p.spacy_doc.char_span(*e["trigger"], alignment_mode="expand")
                    lemma = head.root.lemma_.lower() if head is not None else ""
                    eid = ids.get(ev["id"]) or f"{p.doc.name}/{ev['id']}"
                    out.append(SysMention(p.doc.name, p.doc.topic, tids, p.doc.tokens[tids[0]].sent,
                                          (group, eid), lemma))
    finally:
        for led in ledgers.values():
            led.close()
    return out, outcomes


def _guard_figures(link: Any) -> None:
    """``link.measure_of`` (HEAD d8dbb07) names an undefined ``sentence`` on one
    path (a figure in troop-like units, no measure word, not a deployment) and
    the NameError aborts the whole article. Figures play no part in event
    linking, so here such a figure is left unmeasured (not linked) instead."""
    if getattr(link.measure_of, "_guarded", False):
        return
    original = link.measure_of

    def measure_of(*args: Any, **kw: Any) -> str | None:
        try:
            return original(*args, **kw)
        except NameError:
            FIGURE_ERRORS.append(args[0].get("text"))
            return None

    measure_of._guarded = True  # type: ignore[attr-defined]
    link.measure_of = measure_of


FIGURE_ERRORS: list[str] = []


def _events_of_copy(led: Any, original: str, p: Processed) -> dict[str, str]:
    import json

    out = {}
    rows = led.conn.execute("SELECT local_id, event_id, record FROM event_mentions WHERE article_id = ?",
                            (original,)).fetchall()
    for ev in p.record["events"]:
        sents = {e["sentence"] for e in ev.get("evidence", [])}
        for _, eid, rec in rows:
            r = json.loads(rec)
            if r["type"] == ev["type"] and sents & {e["sentence"] for e in r.get("evidence", [])}:
                out[ev["id"]] = eid
                break
    return out


def _tokens_in(doc: Document, start: int, end: int) -> list[int]:
    return [t.tid for t in doc.tokens.values() if t.start >= 0 and t.start < end and start < t.end]


@dataclass
class Detection:
    gold: int
    system: int
    matched: int

    def prf(self) -> tuple[float, float, float]:
        return _prf(self.matched, self.gold, self.matched, self.system)


def match_mentions(procs: list[Processed], sys_mentions: list[SysMention]) -> tuple[
        dict[Any, Any], Detection]:
    """System mentions in the scored sentences matched one-to-one to gold
    mentions of the same document by token overlap (greedy, largest overlap
    first); returns gold mention -> system mention index, and the counts."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sys_mentions):
        by_doc[s.doc].append(i)
    pairs: dict[Any, Any] = {}
    det = Detection(0, 0, 0)
    for p in procs:
        golds = p.doc.mentions
        systems = [i for i in by_doc.get(p.doc.name, []) if sys_mentions[i].sent in p.doc.selected]
        det.gold += len(golds)
        det.system += len(systems)
        cands = []
        for g in golds:
            gs = set(g.tids)
            for i in systems:
                n = len(gs & set(sys_mentions[i].tids))
                if n:
                    cands.append((-n, g.tids[0], i, g))
        used_g, used_s = set(), set()
        for _, _, i, g in sorted(cands, key=lambda c: (c[0], c[1], c[2])):
            if g.mid in used_g or i in used_s:
                continue
            used_g.add(g.mid)
            used_s.add(i)
            pairs[(g.doc, g.mid)] = i
    det.matched = len(pairs)
    return pairs, det


def end_to_end(procs: list[Processed], sys_mentions: list[SysMention], pairs: dict[Any, Any],
               label: str) -> tuple[Scores, Scores]:
    """(matched only, all mentions) scores; ``label``: 'event' (the ledger's) or
    'lemma' (the baseline: the trigger's head lemma within the ledger's group)."""
    gold = gold_labels(procs)

    def lab(i: int) -> Any:
        s = sys_mentions[i]
        return s.event if label == "event" else (s.event[0], s.lemma)

    key_m = {g: gold[g] for g in pairs}
    resp_m = {g: lab(i) for g, i in pairs.items()}
    matched = score(key_m, resp_m)
    # all: unmatched system mentions in scored sentences stay as their own mentions
    selected = {p.doc.name: p.doc.selected for p in procs}
    by_sys = {i: g for g, i in pairs.items()}
    resp_all = {}
    for i, s in enumerate(sys_mentions):
        if s.sent not in selected.get(s.doc, ()):
            continue
        resp_all[by_sys.get(i, ("sys", i))] = lab(i)
    return matched, score(gold, resp_all)


# --- report -----------------------------------------------------------------------

HEADER = (f"{'system':<30} {'setting':<18} {'scope':<11} {'MUC':>5} {'B3':>5} {'CEAF-e':>6} {'CoNLL':>6}"
          f"   {'MUC R/P':>11} {'B3 R/P':>11} {'CEAF R/P':>11}")


def row(system: str, setting: str, scope: str, s: Scores) -> str:
    def pct(x: float) -> str:
        return f"{100 * x:.1f}"

    rp = "   " + " ".join(f"{pct(m[0]):>5}/{pct(m[1]):<5}" for m in (s.muc, s.b3, s.ceaf))
    return (f"{system:<30} {setting:<18} {scope:<11} {pct(s.muc[2]):>5} {pct(s.b3[2]):>5} "
            f"{pct(s.ceaf[2]):>6} {pct(s.conll):>6}" + rp)


def link_errors(procs: list[Processed], response: dict[Any, Any], n: int) -> list[str]:
    """Cross-document mention pairs of one topic the linking got wrong, by the
    pair of head lemmas: merged but not coreferent, and coreferent but apart."""
    wrong: Counter = Counter()
    missed: Counter = Counter()
    by_topic: dict[int, list[tuple[Mention, str]]] = defaultdict(list)
    for p in procs:
        for m in p.doc.mentions:
            h = head_token(p, m)
            by_topic[m.topic].append((m, h.lemma_.lower() if h is not None else m.text.lower()))
    for items in by_topic.values():
        for i, (a, la) in enumerate(items):
            for b, lb in items[i + 1:]:
                if a.doc == b.doc:
                    continue
                same = response[(a.doc, a.mid)] == response[(b.doc, b.mid)]
                if same and a.gold != b.gold:
                    wrong[(la, lb) if la <= lb else (lb, la)] += 1
                elif not same and a.gold == b.gold:
                    missed[(la, lb) if la <= lb else (lb, la)] += 1
    out = [f"  merged, not coreferent: {sum(wrong.values())} pairs; same lemma "
           f"{sum(v for k, v in wrong.items() if k[0] == k[1])}"]
    out += [f"    {v:5d}  {a} / {b}" for (a, b), v in wrong.most_common(n)]
    out.append(f"  coreferent, kept apart: {sum(missed.values())} pairs; same lemma "
               f"{sum(v for k, v in missed.items() if k[0] == k[1])}")
    out += [f"    {v:5d}  {a} / {b}" for (a, b), v in missed.most_common(n)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the ECB+ folder (default: %(default)s)")
    parser.add_argument("--split", choices=("test", "train"), default="test",
                        help="test: topics 36-45 (default); train: 1-35, for tuning")
    parser.add_argument("--errors", type=int, default=12, help="lemma pairs listed per error class")
    parser.add_argument("--output", type=Path, help="where to write the table "
                        "(default: bench/results/coref.txt for the test split, none for train)")
    parser.add_argument("--self-test", action="store_true", help="check the metrics and stop")
    args = parser.parse_args(argv)
    self_test()
    if args.self_test:
        print("metrics: ok")
        return 0

    import tempfile

    import spacy

    from sitroom import nlp as sitroom_nlp

    data = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    topics = TEST_TOPICS if args.split == "test" else TRAIN_TOPICS
    t0 = time.perf_counter()
    docs = load(data, topics)
    procs = run_pipeline(docs)
    print(f"pipeline: {len(docs)} documents, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    gold = gold_labels(procs)
    n_gold = len(gold)
    with_event = sum(1 for p in procs for m in p.doc.mentions
                     if event_at(p, m.span[0], m.span[1]) is not None)

    lines = []
    scopes = (("topic", "gold topic"), ("all", "all topics"))
    responses = {}
    for scope, scope_name in scopes:
        lines.append(row("lemma baseline", "gold mentions", scope_name, score(gold, lemma_baseline(procs, scope))))
        responses[scope] = link_gold(procs, scope)
        lines.append(row("sitroom ledger linking", "gold mentions", scope_name, score(gold, responses[scope])))
        lines.append(row("  + article names", "gold mentions", scope_name,
                         score(gold, link_gold(procs, scope, names=True))))
    lines.append("")
    detection = None
    outcomes: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for scope, scope_name in scopes:
            sys_mentions, outcomes = ledger_mentions(procs, scope, Path(tmp))
            pairs, detection = match_mentions(procs, sys_mentions)
            for label, name in (("lemma", "lemma baseline"), ("event", "sitroom ledger (Ledger.add)")):
                matched, every = end_to_end(procs, sys_mentions, pairs, label)
                lines.append(row(name, "e2e, matched", scope_name, matched))
                lines.append(row(name, "e2e, all mentions", scope_name, every))
    n_sys_all = len(sys_mentions)
    p_, r_, f_ = detection.prf()[1], detection.prf()[0], detection.prf()[2]

    command = "python bench/coref.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = [
        f"# {command.strip()}",
        f"# {datetime.date.today().isoformat()}, spaCy {spacy.__version__} ({sitroom_nlp.model_name()}); "
        f"ECB+ 1.0 {'test topics 36-45' if args.split == 'test' else 'train topics 1-35'}: "
        f"{len(docs)} documents, {n_gold} gold event mentions in the {sum(len(d.selected) for d in docs)} "
        f"scored sentences, {len(set(gold.values()))} gold clusters (singletons kept)",
        "# F1 in percent; R/P after the CoNLL column. Metrics implemented in bench/coref.py "
        "(self-tested on hand-worked cases).",
        "# published anchors (gold mentions, test): lemma baseline CoNLL 72.1 within gold topics "
        "(MUC 73.8, B3 71.1, CEAF-e 71.4), 61.1 over all test topics; neural systems mid-80s",
        "",
        HEADER,
        *lines,
        "",
        "gold mentions: scope 'gold topic' links each topic in its own ledger; 'all topics' one ledger for all.",
        "  '+ article names': the same, each mention also carrying the names of its article's entities",
        "  (as link_event does since it passes them: the ledger's own setting).",
        f"  coverage: {with_event} of {n_gold} gold mentions ({100 * with_event / n_gold:.1f}%) have a "
        "sitroom PLOVER event at their trigger; the rest link by trigger word and sentence words only.",
        f"e2e: every evidence trigger of sitroom's article events is a system mention ({n_sys_all} in all "
        f"sentences); {detection.system} fall in the scored sentences (the others are not scored).",
        f"  mention detection (token overlap, one-to-one): P {100 * p_:.1f}  R {100 * r_:.1f}  "
        f"F1 {100 * f_:.1f}  ({detection.matched} matched of {detection.gold} gold, {detection.system} system)",
        "  'matched': only matched mentions, each with its gold cluster (key) and its ledger event (response);",
        "  'all mentions': every gold mention (key) and every system mention in the scored sentences",
        "  (response), unmatched ones as twinless mentions.",
        f"  ingest outcomes per ledger: {dict(outcomes)} (a near-duplicate article is not stored; its events",
        "  are those of the article it copies)."
        + (f" Figures left unmeasured for the link.measure_of NameError (one ingest): {len(FIGURE_ERRORS)}."
           if FIGURE_ERRORS else ""),
        "",
        "errors of sitroom ledger linking, gold mentions, within gold topics (cross-document pairs, by head lemma):",
        *link_errors(procs, responses["topic"], args.errors),
    ]
    text = "\n".join(report) + "\n"
    print(text)
    output = args.output or (RESULTS if args.split == "test" else None)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
