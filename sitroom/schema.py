"""The ledger's database schema: the one module that owns it.

Every table is created here, and every change to it is a numbered migration
appended to ``MIGRATIONS``; ``migrate`` brings any older ledger up to
``SCHEMA_VERSION`` inside one transaction. Nothing else in sitroom issues DDL.

Tables, by what they hold:
- ``inputs``: every input ever offered, with its outcome (stored, duplicate,
  rejected) and reason: the ledger's account that nothing was lost;
- ``articles``: one row per stored article, with its full record (JSON);
- ``article_sigs``, ``article_bands``: MinHash signatures and their LSH band
  hashes, to find near-duplicates without comparing all pairs;
- ``events``, ``event_keys``, ``event_mentions``, ``event_sources``: events
  linked across articles, the blocking keys that find candidates, and each
  article's mentions and sources;
- ``claims``, ``claim_keys``, ``claim_sources``: claims linked across
  articles, with every source's stance and date;
- ``figures``, ``figure_values``: figures grouped by what they measure.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

CREATE TABLE inputs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,          -- of the raw input, or '' when it could not be read
    outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'rejected')),
    article_id TEXT,               -- the stored article, or the one it duplicates
    reason TEXT,
    message TEXT,
    similarity REAL,               -- for near-duplicates: containment of the shorter text
    at TEXT NOT NULL,
    UNIQUE (name, digest)
);
CREATE INDEX inputs_name ON inputs (name);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    url TEXT,
    source TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,          -- the article record as JSON (record-format.md)
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE article_sigs (article_id TEXT PRIMARY KEY, sig BLOB NOT NULL, shingles INTEGER NOT NULL);
CREATE TABLE article_bands (band INTEGER NOT NULL, hash INTEGER NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX article_bands_key ON article_bands (band, hash);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    mode TEXT,
    record TEXT NOT NULL,          -- actor, recipient, location, date, context, cameo (JSON)
    status TEXT NOT NULL,
    day INTEGER,                   -- ordinal of the event date's first day, for time windows
    first_seen TEXT,
    last_seen TEXT
);
CREATE TABLE event_keys (key TEXT NOT NULL, event_id TEXT NOT NULL);
CREATE UNIQUE INDEX event_keys_key ON event_keys (key, event_id);
CREATE TABLE event_mentions (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    local_id TEXT NOT NULL,        -- the event's id inside the article record (v1, v2...)
    status TEXT NOT NULL,
    record TEXT NOT NULL,          -- the article's event as JSON
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX event_mentions_event ON event_mentions (event_id);
CREATE TABLE event_sources (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    name TEXT,
    country TEXT,
    stance TEXT NOT NULL,
    published TEXT,
    span_start INTEGER,
    span_end INTEGER,
    sentence TEXT
);
CREATE INDEX event_sources_event ON event_sources (event_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    event_id TEXT,
    verdict TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    terms TEXT NOT NULL            -- normalised content words, for matching paraphrases
);
CREATE INDEX claims_event ON claims (event_id);
CREATE TABLE claim_keys (key TEXT NOT NULL, claim_id TEXT NOT NULL);
CREATE UNIQUE INDEX claim_keys_key ON claim_keys (key, claim_id);
CREATE TABLE claim_sources (
    claim_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    local_id TEXT NOT NULL,
    name TEXT,
    country TEXT,
    stance TEXT NOT NULL,
    published TEXT,
    span_start INTEGER,
    span_end INTEGER,
    sentence TEXT,
    text TEXT
);
CREATE INDEX claim_sources_claim ON claim_sources (claim_id);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    what TEXT NOT NULL,
    measure TEXT NOT NULL,
    unit TEXT,
    event_id TEXT,
    key TEXT NOT NULL UNIQUE
);
CREATE TABLE figure_values (
    figure_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    value REAL,
    low REAL,
    high REAL,
    unit TEXT,
    qualifier TEXT,
    as_of TEXT,
    source_name TEXT,
    source_country TEXT,
    span_start INTEGER,
    span_end INTEGER,
    sentence TEXT,
    text TEXT
);
CREATE INDEX figure_values_figure ON figure_values (figure_id);
"""

# (version, SQL). Append; never edit a released step.
MIGRATIONS: list[tuple[int, str]] = [(1, _V1)]


def version(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it was at."""
    from .errors import StoreError

    was = version(conn)
    if was > SCHEMA_VERSION:
        raise StoreError(f"this ledger has schema version {was}, newer than this sitroom "
                         f"({SCHEMA_VERSION}); upgrade sitroom")
    if was == SCHEMA_VERSION:
        return was
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version(conn) < SCHEMA_VERSION:  # another process may have migrated meanwhile
            for step, sql in MIGRATIONS:
                if step > version(conn):
                    for statement in sql.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(step),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return was
