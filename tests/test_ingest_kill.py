"""Crash safety: a real ingest process killed with SIGKILL mid-way, then run
again, leaves the same ledger as one clean run: same counts, same rows, no
duplicates."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

COUNTRIES = ["Poland", "Finland", "Estonia", "Latvia", "Lithuania", "Romania", "Moldova", "Georgia",
             "Armenia", "Japan", "Canada", "Australia", "Norway", "Sweden", "Denmark", "Italy",
             "Spain", "Portugal", "Greece", "Turkey"]
ITEMS = ["air-defence systems", "artillery shells", "armoured vehicles", "medical supplies",
         "generators", "anti-drone equipment"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_articles(folder, n=30):
    folder.mkdir()
    for i in range(n):
        country = COUNTRIES[i % len(COUNTRIES)]
        item = ITEMS[i % len(ITEMS)]
        day = DAYS[i % len(DAYS)]
        amount = 100 + 37 * i
        text = (f"{country} said on {day} that it had delivered {amount} {item} to Ukraine, the "
                f"{i + 1}th such shipment this year.\n\n"
                f"The defence ministry in {country} said the {item} would reach units near "
                f"{['Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Sumy'][i % 5]} within {i % 9 + 2} days.\n\n"
                f"Officials declined to say how much the package number {i * 7 + 3} had cost.")
        (folder / f"story-{i:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "zz-empty.txt").write_text("")
    return n + 1


def ingest_cmd(folder, db):
    return [sys.executable, "-m", "sitroom.cli", "ingest", str(folder), "--db", str(db), "-q",
            "--published", "2024-11-20"]


def snapshot(db):
    conn = sqlite3.connect(db)
    q = lambda sql: sorted(conn.execute(sql).fetchall())  # noqa: E731
    snap = {
        "inputs": q("SELECT name, digest, outcome, article_id, reason FROM inputs"),
        "articles": q("SELECT id, input FROM articles"),
        "events": q("SELECT id, type, status FROM events"),
        "mentions": q("SELECT event_id, article_id, local_id FROM event_mentions"),
        "event_sources": q("SELECT event_id, article_id, name, stance FROM event_sources"),
        "claims": q("SELECT id, verdict FROM claims"),
        "claim_sources": q("SELECT claim_id, article_id, local_id, stance FROM claim_sources"),
        "figure_values": q("SELECT figure_id, article_id, value FROM figure_values"),
        "bands": q("SELECT band, hash, article_id FROM article_bands"),
    }
    conn.close()
    return snap


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(tmp_path, nlp):
    folder = tmp_path / "news"
    total = write_articles(folder)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    done = subprocess.run(ingest_cmd(folder, clean_db), capture_output=True, text=True, env=env,
                          timeout=600)
    assert done.returncode == 1  # the empty file is rejected, the rest stored

    proc = subprocess.Popen(ingest_cmd(folder, killed_db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    seen = 0
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        try:
            conn = sqlite3.connect(killed_db, timeout=1)
            seen = conn.execute("SELECT COUNT(*) FROM inputs").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            seen = 0
        if seen >= 4:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < seen < total, "the kill must land mid-ingest"

    again = subprocess.run(ingest_cmd(folder, killed_db), capture_output=True, text=True, env=env,
                           timeout=600)
    assert "already in the ledger" in again.stderr
    assert snapshot(killed_db) == snapshot(clean_db)
    conn = sqlite3.connect(killed_db)
    assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT name) FROM inputs").fetchone()[0] == 0
    stored, dup, rej = (conn.execute(f"SELECT COUNT(*) FROM inputs WHERE outcome = '{o}'").fetchone()[0]
                        for o in ("stored", "duplicate", "rejected"))
    assert stored + dup + rej == total
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == stored
