"""The ledger: storage, duplicates, cross-article linking, verdicts, figures,
and the account of every input. Articles are the project's own fixtures."""

import json
import sqlite3

import pytest

from sitroom import schema
from sitroom.errors import StoreError
from sitroom.ingest import ingest
from sitroom.ledger import Ledger
from sitroom.link import verdict

from fixtures import ledger_articles as A


def write_jsonl(path, *articles):
    path.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def ledger(tmp_path, nlp):
    with Ledger(str(tmp_path / "test.db")) as led:
        yield led


def run(ledger, *paths, **kw):
    return ingest([str(p) for p in paths], ledger, **kw)


def identity(ledger):
    st = ledger.status()
    return st["articles"] + st["duplicates"] + len(st["rejected"]) == st["inputs"]


def test_exact_and_near_duplicates_are_counted_not_stored(ledger, tmp_path):
    batch = write_jsonl(tmp_path / "b.jsonl", A.PENTAGON_OCT28, A.PENTAGON_WIRE_COPY,
                        {**A.PENTAGON_OCT28, "url": "https://other.example/x", "title": "New headline"})
    report = run(ledger, batch)
    assert (report.stored, report.duplicates) == (1, 2)
    st = ledger.status()
    assert st["articles"] == 1 and st["duplicates"] == 2 and identity(ledger)
    row = ledger.conn.execute("SELECT similarity FROM inputs WHERE name LIKE '%:2'").fetchone()
    assert row[0] >= 0.9  # the trimmed copy lies inside the original


def test_running_again_changes_nothing(ledger, tmp_path):
    batch = write_jsonl(tmp_path / "b.jsonl", A.NIS_OCT18, A.UN_DENIAL_OCT21)
    run(ledger, batch)
    before = ledger.status()
    again = run(ledger, batch)
    assert again.skipped == 2 and again.stored == again.duplicates == 0
    assert ledger.status() == before


def test_rejections_are_stored_with_their_reason(ledger, tmp_path):
    batch = write_jsonl(tmp_path / "b.jsonl", A.NIS_OCT18, A.GERMAN)
    (tmp_path / "empty.txt").write_text("")
    report = run(ledger, batch, tmp_path / "empty.txt", tmp_path / "missing.txt")
    assert report.rejected == 3
    reasons = {r["input"].rsplit("/", 1)[-1]: r["reason"] for r in ledger.status()["rejected"]}
    assert reasons == {"b.jsonl:2": "language: de", "empty.txt": "empty", "missing.txt": "not found"}
    assert identity(ledger)


def test_one_deployment_reported_by_many_outlets_is_one_event(ledger, tmp_path):
    run(ledger, write_jsonl(tmp_path / "b.jsonl", A.NIS_OCT18, A.UN_DENIAL_OCT21, A.PENTAGON_OCT28,
                            A.ADMISSION_APR28))
    deploys = [e for e in ledger.events(type="MOBILIZE", actor="PRK")
               if "RUS" in {r["country"] for r in _as_list(e["recipient"])}]
    assert len(deploys) == 1
    ev = deploys[0]
    assert len(ev["articles"]) == 4
    stances = {(s["country"], s["stance"]) for s in ev["sources"]}
    assert ("PRK", "denies") in stances and ("KOR", "asserts") in stances
    for s in ev["sources"]:
        assert s["article"] in ev["articles"] and s["published"]


def _as_list(x):
    return x if isinstance(x, list) else [x] if x else []


def test_claim_verdicts_over_time(tmp_path, nlp):
    def claim_of(*articles):
        with Ledger(str(tmp_path / f"v{len(articles)}-{articles[-1]['published']}.db")) as led:
            run(led, write_jsonl(tmp_path / f"{len(articles)}.jsonl", *articles))
            claims = led.claims(about="troops")
            found = [c for c in claims if c["event"] and "North Korea" in c["text"] and "Russia" in c["text"]]
            assert found, claims
            return found[0]

    assert claim_of(A.NIS_OCT18)["verdict"] == "single-source"
    assert claim_of(A.NIS_OCT18, A.PENTAGON_OCT28)["verdict"] == "corroborated"
    assert claim_of(A.NIS_OCT18, A.UN_DENIAL_OCT21)["verdict"] == "contested"
    flip = claim_of(A.NIS_OCT18, A.UN_DENIAL_OCT21, A.ADMISSION_APR28)
    assert flip["verdict"] == "retracted"
    assert flip["first_seen"] == "2024-10-18" and flip["last_seen"] == "2025-04-28"


def test_verdict_rules():
    assert verdict([("A", None, "asserts", "2024-01-01")]) == "single-source"
    assert verdict([("A", None, "asserts", "1"), ("A", None, "asserts", "2")]) == "single-source"
    assert verdict([("A", None, "asserts", "1"), ("B", None, "asserts", "2")]) == "corroborated"
    assert verdict([("A", None, "asserts", "1"), ("B", None, "denies", "2")]) == "contested"
    assert verdict([("A", None, "denies", "1"), ("A", None, "asserts", "2")]) == "retracted"
    assert verdict([("A", None, "asserts", "1"), ("B", None, "hedges", "2")]) == "single-source"


def test_figures_line_up_by_what_they_measure(ledger, tmp_path):
    run(ledger, write_jsonl(tmp_path / "b.jsonl", A.NIS_OCT18, A.PENTAGON_OCT28, A.NIS_JAN13,
                            A.NIS_APR30))
    figs = {f["measure"]: f for f in ledger.figures()}
    dead = [(v["value"], v["as_of"]) for v in figs["dead"]["values"]]
    assert dead == [(300, "2025-01-13"), (600, "2025-04-30")]
    assert figs["wounded"]["values"][0]["value"] == 2700
    sent = figs["troops sent"]
    assert {(v["value"], v["qualifier"]) for v in sent["values"]} >= {(1500, "about"), (12000, "up_to"),
                                                                     (10000, "about")}
    assert all(v["source"]["name"] for v in sent["values"])
    assert ledger.figures(about="killed")  # --about finds them by their sentences


def test_schema_is_versioned_and_refuses_a_newer_ledger(tmp_path):
    path = tmp_path / "v.db"
    Ledger(str(path)).close()
    conn = sqlite3.connect(path)
    assert schema.version(conn) == schema.SCHEMA_VERSION
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Ledger(str(path))


def test_event_filters(ledger, tmp_path):
    run(ledger, write_jsonl(tmp_path / "b.jsonl", A.NIS_OCT18, A.PENTAGON_OCT28, A.ADMISSION_APR28))
    assert ledger.events(type="MOBILIZE")
    assert not ledger.events(type="PROTEST")
    assert all(e["type"] == "MOBILIZE" for e in ledger.events(type="mobilize"))
    assert ledger.events(place="Kursk")
    assert not ledger.events(since="2030-01-01")
