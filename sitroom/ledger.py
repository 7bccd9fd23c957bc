"""The ledger: many article records in one database, linked into one picture.

``Ledger(url)`` opens (and migrates) a SQLite ledger: ``./sitroom.db`` by
default, ``$SITROOM_DB``, a path, or ``sqlite:///path``. Writes go through
``add`` and ``reject``, each one transaction: an article, its near-duplicate
check and all its cross-article links are committed together or not at all,
so a process killed mid-ingest leaves no half article behind, and running the
same ingest again finishes the job as one clean run would have.

Every input offered ends in ``inputs`` as stored, duplicate or rejected, so
``articles + duplicates + rejected == inputs`` always holds. Reads (``status``,
``events``, ``claims``, ``figures``, ``article``) return the shapes of
``ledger-format.md``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import dedup, link, schema
from .errors import StoreError, UsageError

DEFAULT_PATH = "sitroom.db"


def resolve_url(url: str | None) -> str:
    """A filesystem path for the ledger from --db, $SITROOM_DB or the default."""
    url = url or os.environ.get("SITROOM_DB") or DEFAULT_PATH
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):] or DEFAULT_PATH
    if url.startswith("sqlite://"):
        return url[len("sqlite://"):] or DEFAULT_PATH
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise UsageError(f"ledger URL scheme {scheme!r} is not supported yet; use a SQLite path "
                         "or sqlite:///path")
    return url


@dataclass(slots=True)
class Outcome:
    outcome: str  # stored, duplicate, rejected, skipped (already in the ledger)
    article_id: str | None = None
    similarity: float | None = None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    def __init__(self, url: str | None = None) -> None:
        self.path = resolve_url(url)
        if self.path != ":memory:":
            parent = Path(self.path).resolve().parent
            if not parent.exists():
                raise StoreError(f"no such directory for the ledger: {parent}")
        self._features: dict[str, dict[str, Any]] = {}  # ledger event features, see link.py
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            schema.migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the ledger {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes -------------------------------------------------------------------

    def seen(self, name: str, digest: str) -> bool:
        """Was this exact input already accounted for (stored, duplicate or rejected)?"""
        return self.conn.execute("SELECT 1 FROM inputs WHERE name = ? AND digest = ?",
                                 (name, digest)).fetchone() is not None

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def _forget_rejection(self, name: str) -> None:
        # An input rejected before (say, unreachable) and read now: its old
        # rejection no longer counts.
        self.conn.execute("DELETE FROM inputs WHERE name = ? AND outcome = 'rejected'", (name,))

    def add(self, record: dict[str, Any], name: str, digest: str) -> Outcome:
        """Store one article record and link it, in one transaction."""
        art = record["article"]
        aid = art["id"]
        self._begin()
        try:
            if self.seen(name, digest):
                self.conn.execute("COMMIT")
                return Outcome("skipped")
            self._forget_rejection(name)
            shingles = dedup.shingles(art["text"])
            sig = dedup.signature(shingles) if len(shingles) >= dedup.MIN_SHINGLES else None
            dup_of, sim = self._duplicate_of(shingles, sig, aid)
            if dup_of is not None:
                self.conn.execute("INSERT INTO inputs (name, digest, outcome, article_id, similarity, at) "
                                  "VALUES (?,?,?,?,?,?)", (name, digest, "duplicate", dup_of, sim, _now()))
                self.conn.execute("COMMIT")
                return Outcome("duplicate", dup_of, sim)
            self.conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                              (aid, name, art.get("url"), art.get("source"), art.get("title"),
                               art.get("published"), art.get("language"), art["text"],
                               json.dumps(record, ensure_ascii=False), _now()))
            if sig is not None:
                self._index(aid, sig, len(shingles))
            link.link_article(self.conn, record, self._features)
            self.conn.execute("INSERT INTO inputs (name, digest, outcome, article_id, at) VALUES (?,?,?,?,?)",
                              (name, digest, "stored", aid, _now()))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._features.clear()  # it may hold what the rollback undid
            raise
        return Outcome("stored", aid)

    def reject(self, name: str, digest: str, reason: str, message: str) -> Outcome:
        self._begin()
        try:
            if self.seen(name, digest):
                self.conn.execute("COMMIT")
                return Outcome("skipped")
            self._forget_rejection(name)
            self.conn.execute("INSERT INTO inputs (name, digest, outcome, reason, message, at) "
                              "VALUES (?,?,?,?,?,?)", (name, digest, "rejected", reason, message, _now()))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return Outcome("rejected")

    def _duplicate_of(self, sh: set[str], sig: Any, aid: str) -> tuple[str | None, float | None]:
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
            return aid, 1.0
        if sig is None:
            return None, None
        cands: set[str] = set()
        for band, h in dedup.bands(sig):
            cands.update(r[0] for r in self.conn.execute(
                "SELECT article_id FROM article_bands WHERE band = ? AND hash = ?", (band, h)))
        for cid in sorted(cands):
            other = self.conn.execute("SELECT text FROM articles WHERE id = ?", (cid,)).fetchone()
            if other is None:
                continue
            near, containment = dedup.is_near_duplicate(sh, dedup.shingles(other[0]))
            if near:
                return cid, round(containment, 3)
        return None, None

    def _index(self, aid: str, sig: Any, n_shingles: int) -> None:
        self.conn.execute("INSERT INTO article_sigs VALUES (?,?,?)", (aid, dedup.to_blob(sig), n_shingles))
        self.conn.executemany("INSERT INTO article_bands VALUES (?,?,?)",
                              [(b, h, aid) for b, h in dedup.bands(sig)])

    # --- reads ------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        q = self.conn.execute
        counts = dict(q("SELECT outcome, COUNT(*) FROM inputs GROUP BY outcome").fetchall())
        rejected = [{"input": n, "reason": r, "message": m} for n, r, m in
                    q("SELECT name, reason, message FROM inputs WHERE outcome = 'rejected' ORDER BY seq")]
        return {
            "articles": counts.get("stored", 0), "duplicates": counts.get("duplicate", 0),
            "rejected": rejected,
            "inputs": sum(counts.values()),
            "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
            "claims": q("SELECT COUNT(*) FROM claims").fetchone()[0],
            "figures": q("SELECT COUNT(*) FROM figures").fetchone()[0],
            "schema_version": schema.version(self.conn),
            "path": self.path,
        }

    def events(self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
               until: str | None = None, place: str | None = None) -> list[dict[str, Any]]:
        out = []
        rows = self.conn.execute("SELECT id, type, mode, record, status, first_seen, last_seen FROM events "
                                 "ORDER BY COALESCE(first_seen, ''), id").fetchall()
        for eid, etype, mode, rec_json, status, first, last in rows:
            rec = json.loads(rec_json)
            if type and etype != type.upper():
                continue
            if actor and not _matches_actor(rec, actor):
                continue
            when = (rec.get("date") or {}).get("value") or first or ""
            if since and (not when or when[: len(since)] < since[: len(when)]):
                continue
            if until and (not when or when[: len(until)] > until[: len(when)]):
                continue
            if place and not _matches_place(rec.get("location"), place):
                continue
            out.append(self._event_out(eid, etype, mode, rec, status, first, last))
        return out

    def _event_out(self, eid: str, etype: str, mode: str | None, rec: dict[str, Any], status: str,
                   first: str | None, last: str | None) -> dict[str, Any]:
        q = self.conn.execute
        articles = [r[0] for r in q("SELECT DISTINCT article_id FROM event_mentions WHERE event_id = ? "
                                    "ORDER BY article_id", (eid,))]
        sources = [{"name": n, "country": c, "stance": st, "article": a, "published": p,
                    "span": [s, e] if s is not None else None, "sentence": sent}
                   for a, n, c, st, p, s, e, sent in q(
                       "SELECT article_id, name, country, stance, published, span_start, span_end, sentence "
                       "FROM event_sources WHERE event_id = ? ORDER BY published, article_id", (eid,))]
        evidence = []
        for a, rj in q("SELECT article_id, record FROM event_mentions WHERE event_id = ?", (eid,)):
            for ev in json.loads(rj).get("evidence", []):
                evidence.append({"article": a, "span": ev["span"], "sentence": ev["sentence"]})
        date = rec.get("date")
        return {
            "id": eid, "type": etype, "mode": mode, "context": rec.get("context") or [],
            "cameo": rec.get("cameo"), "quad": rec.get("quad"),
            "actor": rec.get("actor"), "recipient": rec.get("recipient"),
            "location": rec.get("location"),
            "date": {"value": date.get("value"), "precision": date.get("precision")} if date else None,
            "status": status, "articles": articles, "sources": sources, "evidence": evidence,
            "first_seen": first, "last_seen": last,
        }

    def claims(self, *, about: str | None = None, contested: bool = False) -> list[dict[str, Any]]:
        q = self.conn.execute
        out = []
        for cid, text, eid, verdict_, first, last in q(
                "SELECT id, text, event_id, verdict, first_seen, last_seen FROM claims "
                "ORDER BY COALESCE(first_seen, ''), id"):
            if contested and verdict_ not in ("contested", "retracted"):
                continue
            sources = [{"name": n, "country": c, "stance": st, "article": a, "published": p,
                        "span": [s, e], "sentence": sent, "text": t}
                       for a, n, c, st, p, s, e, sent, t in q(
                           "SELECT article_id, name, country, stance, published, span_start, span_end, "
                           "sentence, text FROM claim_sources WHERE claim_id = ? ORDER BY published, "
                           "article_id", (cid,))]
            if about and not _about(about, [text] + [s["text"] or "" for s in sources]):
                continue
            out.append({"id": cid, "text": text, "event": eid, "verdict": verdict_,
                        "sources": sources, "first_seen": first, "last_seen": last})
        return out

    def figures(self, *, about: str | None = None) -> list[dict[str, Any]]:
        q = self.conn.execute
        out = []
        for fid, what, measure, unit, eid in q("SELECT id, what, measure, unit, event_id FROM figures "
                                               "ORDER BY what"):
            values = [{"value": _num(v), "low": _num(lo), "high": _num(hi), "unit": u, "qualifier": qual,
                       "as_of": as_of, "source": {"name": sn, "country": sc}, "article": a, "span": [s, e],
                       "sentence": sent, "text": t}
                      for a, v, lo, hi, u, qual, as_of, sn, sc, s, e, sent, t in q(
                          "SELECT article_id, value, low, high, unit, qualifier, as_of, source_name, source_country, "
                          "span_start, span_end, sentence, text FROM figure_values WHERE figure_id = ? "
                          "ORDER BY as_of, article_id", (fid,))]
            if about and not _about(about, [what] + [v["sentence"] or "" for v in values]):
                continue
            out.append({"id": fid, "what": what, "measure": measure, "unit": unit, "event": eid,
                        "values": values})
        return out

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT record FROM articles WHERE id = ? OR id LIKE ? LIMIT 2",
                                (article_id, article_id + "%")).fetchall()
        if len(row) != 1:
            return None
        return json.loads(row[0][0])


def _num(v: Any) -> Any:
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _matches_actor(rec: dict[str, Any], wanted: str) -> bool:
    w = wanted.lower()
    codes = {c.lower() for c in rec.get("actor_countries", [])}
    if w in codes:
        return True
    actors = rec.get("actor")
    xs = actors if isinstance(actors, list) else [actors] if actors else []
    return any(w in (a.get("name") or "").lower() for a in xs)


def _matches_place(loc: dict[str, Any] | None, wanted: str) -> bool:
    if not loc:
        return False
    w = wanted.lower()
    return any(w in (str(loc.get(k) or "")).lower() for k in ("name", "admin1", "country", "text"))


def _about(about: str, texts: list[str]) -> bool:
    words = [w for w in link.terms(about)] or [about.lower()]
    blob = link.terms(" ".join(texts))
    low = " ".join(texts).lower()
    return about.lower() in low or all(w in blob for w in words)
