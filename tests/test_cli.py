"""The command line, driven through click's runner and once as a real process."""

import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from sitroom.cli import cli

STORY = ("Ukraine said on Monday that its forces had clashed with North Korean soldiers in the "
         "Kursk region, the first such fighting it has reported.\n\n"
         "Defence minister Rustem Umerov said the North Korean units had taken losses.")
GERMAN = ("Die Regierung in Seoul teilte am Montag mit, dass nordkoreanische Soldaten in der "
          "Region Kursk eingetroffen seien. Die Lage bleibe angespannt, hieß es weiter.")


@pytest.fixture(scope="module")
def runner(nlp):  # nlp: load the model once for the module
    return CliRunner()


def extract(runner, *args, input=None):
    return runner.invoke(cli, ["extract", "-q", *map(str, args)], input=input)


def test_one_text_file_gives_one_json_record(runner, tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY)
    result = extract(runner, f, "--published", "2024-11-05")
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    assert rec["article"]["input"] == str(f)
    assert rec["article"]["published"] == "2024-11-05"
    monday = next(t for t in rec["times"] if t["text"] == "Monday")
    assert monday["value"] == "2024-11-04"
    assert result.stderr == ""


def test_records_in_input_order_as_jsonl(runner, tmp_path):
    paths = []
    for i, name in enumerate(["b.txt", "a.txt", "c.txt"]):
        p = tmp_path / name
        p.write_text(f"Report number {i}. " + STORY)
        paths.append(p)
    result = extract(runner, *paths, "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["article"]["input"] for r in lines] == [str(p) for p in paths]


def test_stdin_and_output_file(runner, tmp_path):
    out = tmp_path / "out.json"
    result = extract(runner, "-", "--output", out, input=STORY)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["article"]["input"] == "<stdin>"


def test_bad_inputs_each_get_one_line_and_the_rest_goes_on(runner, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    big = tmp_path / "big.txt"
    big.write_text(STORY * 50)
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes(bytes(range(128, 256)) * 4)
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"text": STORY, "url": "https://example.org/a"}) + "\n{oops\n")
    german = tmp_path / "german.txt"
    german.write_text(GERMAN)
    feed = tmp_path / "empty.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    result = extract(runner, good, empty, binary, big, undecodable, jsonl, german, feed,
                     tmp_path / "missing.txt", "--max-bytes", "5000", "--format", "jsonl")
    assert result.exit_code == 1
    read = [json.loads(x)["article"]["input"] for x in result.stdout.splitlines()]
    assert read == [str(good), f"{jsonl}:1"]
    errors = [x for x in result.stderr.splitlines() if x.startswith("sitroom: rejected")]
    assert len(errors) == 8
    expected = {empty: "empty", binary: "binary", big: "5,000", undecodable: "undecodable",
                german: "language 'de'", feed: "no items", tmp_path / "missing.txt": "no such file"}
    for path, reason in expected.items():
        line = next(x for x in errors if f" {path}:" in x)
        assert reason in line, line
    assert any(f"{jsonl}:2" in x and "bad JSON" in x for x in errors)


def test_rejects_file_lists_reasons(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    rejects = tmp_path / "rejects.jsonl"
    result = extract(runner, empty, "--rejects", rejects)
    assert result.exit_code == 1
    (row,) = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert row["input"] == str(empty) and row["reason"] == "empty"


def test_usage_errors_exit_2(runner, tmp_path):
    assert extract(runner).exit_code == 2
    f = tmp_path / "s.txt"
    f.write_text(STORY)
    assert extract(runner, f, "--published", "last tuesday-ish").exit_code == 2


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def server(tmp_path):
    page = ("<html><head><title>Clash in Kursk</title>"
            '<meta property="article:published_time" content="2024-11-05T09:00:00Z">'
            '<link rel="canonical" href="https://news.example.org/kursk-clash"></head>'
            "<body><article><h1>Clash in Kursk</h1>"
            + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) + "</article></body></html>")
    (tmp_path / "page.html").write_text(page)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_is_fetched_and_unreachable_url_rejected(runner, server):
    result = extract(runner, f"{server}/page.html", "http://127.0.0.1:9/nothing", "--format", "jsonl")
    assert result.exit_code == 1
    (rec,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert rec["article"]["title"] == "Clash in Kursk"
    assert rec["article"]["published"] == "2024-11-05"
    assert "North Korean" in rec["article"]["text"]
    assert "http://127.0.0.1:9/nothing" in result.stderr and "unreachable" in result.stderr
    assert "404" in extract(runner, f"{server}/missing.html").stderr


def test_real_process_separates_data_and_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = subprocess.run([sys.executable, "-m", "sitroom.cli", "extract", str(good), str(empty)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["article"]["input"] == str(good)
    assert f"rejected {empty}: empty input" in proc.stderr


def test_a_bug_in_one_article_rejects_it_and_the_batch_goes_on(runner, tmp_path, monkeypatch):
    from sitroom import pipeline

    def broken(article):
        if "BREAK" in article.text:
            raise ValueError("simulated bug")
        return article

    monkeypatch.delenv("SITROOM_DEBUG", raising=False)
    monkeypatch.setattr(pipeline, "STAGES", [*pipeline.STAGES, broken])
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(STORY)
    bad.write_text(STORY + " BREAK here.")
    result = extract(runner, good, bad, "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(x)["article"]["input"] for x in result.stdout.splitlines()] == [str(good)]
    line = next(x for x in result.stderr.splitlines() if str(bad) in x)
    assert "internal error" in line and "simulated bug" in line and "[S110]" in line
