"""The ledger commands through the real CLI."""

import json

import pytest
from click.testing import CliRunner
from fixtures import ledger_articles as A

from sitroom.cli import cli


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp):
    tmp = tmp_path_factory.mktemp("ledger")
    batch = tmp / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(a) for a in (
        A.NIS_OCT18, A.UN_DENIAL_OCT21, A.PENTAGON_OCT28, A.PENTAGON_WIRE_COPY, A.NIS_JAN13,
        A.ADMISSION_APR28, A.NIS_APR30, A.GERMAN)), encoding="utf-8")
    path = tmp / "ledger.db"
    result = CliRunner().invoke(cli, ["ingest", str(batch), "--db", str(path), "-q"])
    assert result.exit_code == 1, result.stderr  # the German article is rejected
    assert "language: de" in result.stderr or "language 'de'" in result.stderr
    return str(path)


def invoke(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_status_json_keeps_the_identity(db):
    st = json.loads(invoke("status", "--db", db, "--json"))
    assert st["articles"] == 6 and st["duplicates"] == 1 and len(st["rejected"]) == 1
    assert st["articles"] + st["duplicates"] + len(st["rejected"]) == st["inputs"] == 8
    assert st["rejected"][0]["reason"] == "language: de"
    assert st["events"] > 0 and st["claims"] > 0


def test_events_json_and_filters(db):
    events = json.loads(invoke("events", "--db", db, "--json", "--actor", "PRK", "--type", "MOBILIZE"))["events"]
    assert events
    ev = max(events, key=lambda e: len(e["articles"]))
    assert len(ev["articles"]) >= 4
    for s in ev["sources"]:
        assert {"name", "country", "stance", "article", "published", "span", "sentence"} <= set(s)
    assert json.loads(invoke("events", "--db", db, "--json", "--since", "2031-01-01"))["events"] == []


def test_claims_contested_and_about(db):
    claims = json.loads(invoke("claims", "--db", db, "--json", "--contested"))["claims"]
    assert claims and all(c["verdict"] in ("contested", "retracted") for c in claims)
    flip = [c for c in claims if c["verdict"] == "retracted"]
    assert flip and flip[0]["first_seen"] < flip[0]["last_seen"]
    about = json.loads(invoke("claims", "--db", db, "--json", "--about", "troops"))["claims"]
    assert about


def test_figures_and_tables_for_people(db):
    figs = json.loads(invoke("figures", "--db", db, "--json", "--about", "killed"))["figures"]
    assert any(f["measure"] == "dead" for f in figs)
    for cmd in ("status", "events", "claims", "figures"):
        out = invoke(cmd, "--db", db)
        assert out.strip()


def test_article_view_and_unknown_id(db):
    st = json.loads(invoke("events", "--db", db, "--json"))["events"]
    aid = st[0]["articles"][0]
    rec = json.loads(invoke("article", aid[:8], "--db", db, "--json"))
    assert rec["article"]["id"] == aid
    human = invoke("article", aid, "--db", db)
    assert "dropped by cleaning" in human
    missing = CliRunner().invoke(cli, ["article", "nope-nope", "--db", db])
    assert missing.exit_code == 2 and "no article" in missing.stderr


def test_unsupported_db_url_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["status", "--db", "postgresql://localhost/x"])
    assert result.exit_code == 2 and "not supported" in result.stderr
