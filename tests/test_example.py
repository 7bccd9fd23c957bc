"""End to end on real text: the shared example (skipped on a fresh clone, which
has no ../shared) and the project's own bundled example."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom import read

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "metro-2024-10-23-nk-troops-kursk.txt"


def needs_example():
    return pytest.mark.skipif(not EXAMPLE.exists(), reason=f"the real example is not here "
                              f"({EXAMPLE}); a fresh clone has no ../shared")

BUNDLED = Path(__file__).resolve().parents[1] / "examples" / "kursk-admission.txt"


@pytest.fixture(scope="module")
def metro(nlp):
    if not EXAMPLE.exists():
        pytest.skip(f"the real example is not here ({EXAMPLE}); a fresh clone has no ../shared")
    return read(EXAMPLE.read_text(encoding="utf-8"), published="2024-10-23", input=str(EXAMPLE)).to_dict()


def _entity(rec, text):
    return next(e for e in rec["entities"] if e["text"] == text)


@needs_example()
def test_contract_checker_passes(metro, tmp_path):
    f = tmp_path / "rec.json"
    f.write_text(json.dumps(metro))
    proc = subprocess.run([sys.executable, str(SHARED / "tools" / "check_record.py"), str(f)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


@needs_example()
def test_junk_dropped_and_listed_story_kept(metro):
    art = metro["article"]
    dropped = {d["text"]: d["reason"] for d in art["dropped"]}
    assert dropped["Up Next"] == "widget"
    assert dropped["This will close in 0 seconds"] == "widget"
    assert dropped["Related Posts"] == "related"
    assert dropped["."] == "other"
    assert dropped["North Korean leader Kim Jong Un poses with troops"] == "caption"
    assert sum(1 for r in dropped.values() if r == "caption") == 4
    assert art["title"].startswith("North Korean troops ‘to arrive")
    paragraphs = art["text"].split("\n\n")
    assert len(paragraphs) == 17
    for needle in ("Kim Jong-un’s soldiers are expected", "As many as 12,000 troops",
                   "‘We will see in a couple of days,’", "How many will be deployed",
                   "a senior South Korean presidential official told reporters"):
        assert needle in art["text"]
    assert "South Korea" in art["text"] and "\u00a0" not in art["text"]


@needs_example()
def test_times(metro):
    values = {(t["text"], t["value"]) for t in metro["times"]}
    assert ("today", "2024-10-23") in values
    assert ("Tuesday", "2024-10-22") in values
    assert ("August", "2024-08") in values
    assert ("June", "2024-06") in values


@needs_example()
def test_places(metro):
    kursk = next(p for p in metro["places"] if p["text"] == "Kursk")
    assert kursk["country"] == "RUS" and abs(kursk["lat"] - 51.7) < 0.15 and abs(kursk["lon"] - 36.2) < 0.15
    pyongyang = next(p for p in metro["places"] if p["text"] == "Pyongyang")
    assert pyongyang["country"] == "PRK"


@needs_example()
def test_every_person_and_organisation_has_its_country(metro):
    for e in metro["entities"]:
        if e["label"] in ("PERSON", "ORG"):
            assert e["actor"] and e["actor"]["country"], e
    assert _entity(metro, "Kyrylo Budanov")["actor"]["role"] == "head of Ukraine’s military intelligence (HUR)"
    assert _entity(metro, "Kyrylo Budanov")["actor"]["sector"] == "MIL"
    assert _entity(metro, "Stephen Doughty")["actor"]["country"] == "GBR"
    assert _entity(metro, "Budanov")["refers_to"] == _entity(metro, "Kyrylo Budanov")["id"]


@needs_example()
def test_figures(metro):
    figs = {(f["value"], f["unit"], f["qualifier"]) for f in metro["figures"]}
    assert (12000, "troops", "up_to") in figs
    assert (6000, "troops", "exact") in figs
    assert (100, "troops", "at_least") in figs


@needs_example()
def test_quotes_and_speakers(metro):
    qs = metro["quotes"]

    def speaker(fragment):
        q = next(q for q in qs if fragment in q["text"] and q["kind"] == "direct")
        return q["speaker"]["name"] if q["speaker"] else None

    assert speaker("We will see in a couple of days") == "Kyrylo Budanov"
    assert speaker("not to hide") == "Volodymyr Zelensky"
    assert speaker("All of us in the world") == "Volodymyr Zelensky"
    assert speaker("If North Korea can intervene") == "Volodymyr Zelensky"
    assert speaker("highly likely") == "John Healey"
    assert speaker("groundless rumours") == "North Korea"
    assert speaker("fake news") == "Kremlin"
    assert "South Korean officials" in speaker("a grave security threat")
    assert "South Korean officials" in speaker("a criminal group")
    assert not any(q["text"] in ("reported", "aggression") for q in qs)
    anon = next(q for q in qs if "Possible steps" in q["text"])
    assert anon["speaker"]["anonymous"] and anon["speaker"]["country"] == "KOR"


@needs_example()
def test_claim_stances(metro):
    def stances(name):
        return {c["stance"] for c in metro["claims"] if c["source"] and c["source"]["name"] == name}

    assert "denies" in stances("North Korea")
    assert "denies" in stances("Kremlin")
    assert "hedges" in stances("John Healey")
    assert "asserts" in stances("Kyrylo Budanov")


def test_bundled_example_end_to_end(nlp):
    rec = read(BUNDLED.read_text(encoding="utf-8"), input=str(BUNDLED)).to_dict()
    art = rec["article"]
    # The byline's date is the publication date when nobody gives one.
    assert art["published"] == "2025-04-30" and art["published_from"] == "dateline"
    reasons = {d["reason"] for d in art["dropped"]}
    assert {"byline", "caption", "widget", "related"} <= reasons
    monday = next(t for t in rec["times"] if t["text"] == "Monday")
    assert monday["value"] == "2025-04-28"
    assert any(f["qualifier"] == "range" and f["low"] == 10000 for f in rec["figures"])
    gerasimov = next(q for q in rec["quotes"] if "fully retaken" in q["text"])
    assert gerasimov["speaker"]["name"] == "Valery Gerasimov"
    assert any(p["feature"] == "admin1" and p["country"] == "RUS" for p in rec["places"])


@needs_example()
def test_events(metro):
    evs = metro["events"]

    def find(etype, pred=lambda e: True):
        found = [e for e in evs if e["type"] == etype and pred(e)]
        assert found, f"no {etype} in {[(e['type'], e['status']) for e in evs]}"
        return found[0]

    def countries(x):
        xs = x if isinstance(x, list) else [x] if x else []
        return {a["country"] for a in xs}

    summit = find("AGREE", lambda e: {"PRK", "RUS"} <= countries(e["actor"]))
    assert summit["date"]["value"] in ("2024-06", "2024-06-19")
    assert summit["location"]["country"] == "PRK"
    deploy = find("MOBILIZE", lambda e: "PRK" in countries(e["actor"]))
    assert countries(deploy["recipient"]) == {"RUS"}
    assert deploy["location"]["name"] == "Kursk" and deploy["status"] == "expected"
    assert any(q["value"] == 12000 and q["qualifier"] == "up_to" for q in deploy["quantities"])
    stances = {(s["name"], s["stance"]) for s in deploy["sources"]}
    assert {("Kyrylo Budanov", "asserts"), ("North Korea", "denies"), ("Kremlin", "denies")} <= stances
    assert len(deploy["evidence"]) >= 4
    aid = find("AID", lambda e: "PRK" in countries(e["actor"]))
    assert countries(aid["recipient"]) == {"RUS"}
    threat = find("THREATEN", lambda e: "KOR" in countries(e["actor"]))
    assert threat["status"] == "considered"
    accusers = {c for e in evs if e["type"] == "ACCUSE" and e["mode"] == "disapprove"
                and "PRK" in countries(e["recipient"]) for c in countries(e["actor"])}
    assert {"KOR", "GBR"} <= accusers
