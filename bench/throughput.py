"""Throughput benchmark: ``sitroom extract`` beside bare spaCy parsing, in one run.

Data (``--data``, default ``../shared/eval`` from the repository root), read in
place and never copied into the repository; articles are taken in this order
until ``--limit`` (default 300):

- ``polnear/{dev,test}/text/*.txt``: PolNeAR, 168 US political news articles
  (2016), plain text as published.
- ``temporal/te3-platinum/*.tml``: TempEval-3 platinum, 20 news documents;
  the title, a blank line, and the content of ``<TEXT>`` with the tags removed.
- ``temporal/meantime_english/intra_cross-doc_annotation/*/*.xml``: MEANTIME,
  120 Wikinews articles rebuilt from their tokens (title, dateline, body as
  paragraphs; one space between tokens except before punctuation).
- ``ecbplus/ECB+/<topic>/*.xml``: ECB+ news texts rebuilt the same way
  (only reached with ``--limit`` above 308).

Each raw text is written to a temporary directory as a ``.txt`` file. The
texts spaCy sees are the cleaned ones: ``sitroom.pipeline.prepare`` (clean +
language check) of each raw text, exactly what sitroom parses; an article
sitroom rejects there is left out of every measurement.

Measured in the same run, back to back, ``--repeats`` times (default 3)
with the order of the three rotated each round, after a warm-up; the median
wall time of each is reported, and the median CPU time (user + sys), which
other load on a shared machine disturbs much less:

(a) bare spaCy: ``spacy.load(sitroom.nlp.model_name())`` loaded once (not
    timed), then ``list(nlp.pipe(cleaned_texts, batch_size=16))``.
(b) sitroom CLI end to end: ``sitroom extract TMPDIR --format jsonl -q >
    /dev/null`` in a subprocess (interpreter start, imports, model load, file
    reading, every stage, JSON output), wall clock, and CPU time (user + sys
    from ``os.wait4``); its max RSS from GNU ``/usr/bin/time -f %M`` around it
    (``ru_maxrss`` of a child of this large process is inflated: see
    ``run_child``), else by polling the child's ``VmHWM``.
(c) sitroom in process: ``read_all(sources([TMPDIR]))`` with
    ``json.dumps(article.to_dict())`` per article, the model already loaded,
    i.e. the per-article cost of (b) without start-up.

The headline ratio is (b) articles/s over (a) articles/s (target >= 0.8);
(c)/(a) separates per-article cost from start-up, and (b) - (c) is start-up.
For memory context, one subprocess runs the bare model over the same texts
(load + pipe) once, with its max RSS.

Then a profile of sitroom's per-article cost over the first ``--profile``
articles (default 100), in CPU time of the measuring process (the cProfile tables in
cProfile's own clock, wall time):
- start-up of a fresh process (imports, model load, first article), timed and
  under cProfile;
- stage times without a profiler: the real ``read_all`` with each stage
  wrapped in a timer (clean, language, other prepare, parse, each entry of
  ``pipeline.STAGES``, output);
- the parse split by spaCy component (each component's ``pipe`` in turn over
  the same texts), sitroom's pipeline beside the bare model;
- cProfile per stage (stage by stage over all articles), with the top
  functions by cumulative and by own time in each stage and the sitroom
  callers of the library functions that dominate;
- the estimated cost of spaCy properties rebuilt on every access
  (``Doc.text``, ``Doc.ents``): calls per article times the cost of one call;
- HTML: ``prepare`` (extract_html + clean + language) over ``--html`` pages
  (default 50) of ``article_extraction/html/*.html.gz``, with its cProfile.

    .venv/bin/python bench/throughput.py [--data DIR] [--limit N] [--repeats N]
        [--profile N] [--html N] [--no-profile]

``--repeats 0`` skips the timed rounds and only profiles (quick, for working on
a hot spot; it does not overwrite the results file).

writes the tables to ``bench/results/throughput.txt`` (the raw cProfile stats
go to ``--profile-out``, default a temporary file, never the repository).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gzip
import html as html_lib
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "throughput.txt"
TARGET = 0.8
BATCH = 16
CLOCK = time.process_time  # CPU time of this process (all threads): stage and component tables


# --- data -------------------------------------------------------------------------

@dataclass
class Doc:
    corpus: str
    name: str
    raw: str
    clean: str = ""


_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "%", "'s", "'S", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "''", "'", "”", "’"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "‘"}


def join_tokens(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def _token_sentences(path: Path) -> list[list[str]]:
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sents[int(tok.get("sentence", "0"))].append(tok.text or "")
    return [sents[k] for k in sorted(sents)]


def load_polnear(data: Path) -> Iterator[Doc]:
    for split in ("dev", "test"):
        for p in sorted((data / "polnear" / split / "text").glob("*.txt")):
            yield Doc("polnear", p.stem, p.read_text(encoding="utf-8"))


def load_te3(data: Path) -> Iterator[Doc]:
    for p in sorted((data / "temporal" / "te3-platinum").glob("*.tml")):
        xml = p.read_text(encoding="utf-8")
        title = re.search(r"<TITLE>(.*?)</TITLE>", xml, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S)
        if not body:
            continue
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", body.group(1))).strip()
        if title:
            text = html_lib.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip() + "\n\n" + text
        yield Doc("te3", p.stem, text)


def load_meantime(data: Path) -> Iterator[Doc]:
    base = data / "temporal" / "meantime_english" / "intra_cross-doc_annotation"
    for p in sorted(base.glob("*/*.xml")):
        sents = _token_sentences(p)
        if not sents:
            continue
        head = [join_tokens(s) for s in sents[:2]]
        body = " ".join(join_tokens(s) for s in sents[2:])
        yield Doc("meantime", p.stem, "\n\n".join(head + [body]))


def load_ecbplus(data: Path) -> Iterator[Doc]:
    base = data / "ecbplus" / "ECB+"
    topics = sorted((d for d in base.iterdir() if d.is_dir() and d.name.isdigit()),
                    key=lambda d: int(d.name)) if base.is_dir() else []
    for d in topics:
        for p in sorted(d.glob("*.xml")):
            sents = _token_sentences(p)
            if sents:
                yield Doc("ecbplus", p.stem, " ".join(join_tokens(s) for s in sents))


def load_docs(data: Path, limit: int) -> list[Doc]:
    docs: list[Doc] = []
    for loader in (load_polnear, load_te3, load_meantime, load_ecbplus):
        for doc in loader(data):
            if len(docs) >= limit:
                return docs
            docs.append(doc)
    return docs


# --- helpers ----------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {"nproc": str(usable), "cpu": cpu, "ram": mem,
            "python": platform.python_version(), "platform": platform.platform()}


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "sitroom"], cwd=REPO,
                               text=True, capture_output=True, check=True).stdout.split("\n")
        changed = [ln[3:] for ln in dirty if ln.strip()]
        return head + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")
    except (OSError, subprocess.CalledProcessError):
        return "?"


def sitroom_exe() -> list[str]:
    exe = Path(sys.executable).with_name("sitroom")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("sitroom")
    return [found] if found else [sys.executable, "-m", "sitroom.cli"]


GNU_TIME = "/usr/bin/time"


def _hwm_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_child(cmd: list[str], stdin_data: bytes | None = None
              ) -> tuple[float, int, int, str, float]:
    """(wall seconds, max RSS in KiB, exit code, stderr, CPU seconds) of one child process.

    The max RSS is not taken from ``wait4``/``RUSAGE_CHILDREN``: on Linux a child
    forked from this (large) process inherits its high-water mark across exec, so
    ``ru_maxrss`` reports at least this process's size. GNU time, forked from its
    own small process, reports the command's real peak; without it, the child's
    ``VmHWM`` is polled."""
    use_time = os.access(GNU_TIME, os.X_OK)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        full = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + cmd if use_time else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(full, stdin=subprocess.PIPE if stdin_data is not None else None,
                                stdout=subprocess.DEVNULL, stderr=err)
        if stdin_data is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin_data)
            proc.stdin.close()
        hwm = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, 0 if use_time else os.WNOHANG)
            if pid:
                break
            hwm = max(hwm, _hwm_kib(proc.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if use_time:
            lines = [ln for ln in rss_file.read().split() if ln.isdigit()]
            hwm = int(lines[-1]) if lines else 0
        err.seek(0)
        return (wall, hwm, proc.returncode, err.read().decode("utf-8", "replace"),
                usage.ru_utime + usage.ru_stime)


BARE_CHILD = r"""
import json, sys, spacy
texts = json.load(sys.stdin)
nlp = spacy.load(sys.argv[1])
for _ in nlp.pipe(texts, batch_size=int(sys.argv[2])):
    pass
"""


def fmt_rate(n: int, secs: float) -> str:
    return f"{n / secs:8.2f}" if secs > 0 else "     inf"


# --- the throughput measurements --------------------------------------------------

def measure(args: argparse.Namespace, out: list[str]) -> dict:
    import spacy

    import sitroom
    from sitroom import nlp as snlp
    from sitroom.errors import InputError
    from sitroom.inputs import Source, sources
    from sitroom.pipeline import prepare, read_all

    model = snlp.model_name()
    docs = load_docs(args.data, args.limit)
    if not docs:
        sys.exit(f"no articles found under {args.data}")

    # Cleaned texts: what sitroom's parse sees.
    kept: list[Doc] = []
    dropped: list[str] = []
    for d in docs:
        try:
            d.clean = prepare(Source(input=d.name, text=d.raw)).text
            kept.append(d)
        except InputError as exc:
            dropped.append(f"{d.corpus}/{d.name}: {exc.message}")
    docs = kept
    n = len(docs)
    texts = [d.clean for d in docs]
    raw_chars = sum(len(d.raw) for d in docs)
    clean_chars = sum(len(t) for t in texts)
    by_corpus: dict[str, int] = defaultdict(int)
    for d in docs:
        by_corpus[d.corpus] += 1

    tmp = Path(tempfile.mkdtemp(prefix="sitroom-throughput-"))
    art_dir = tmp / "articles"
    art_dir.mkdir()
    paths = []
    for i, d in enumerate(docs):
        p = art_dir / f"{i:04d}_{d.corpus}_{re.sub(r'[^A-Za-z0-9._-]+', '_', d.name)[:60]}.txt"
        p.write_text(d.raw, encoding="utf-8")
        paths.append(p)
    cli = sitroom_exe() + ["extract", str(art_dir), "--format", "jsonl", "-q"]

    print(f"{n} articles ({dict(by_corpus)}), {raw_chars:,} raw / {clean_chars:,} cleaned chars; "
          f"model {model}", file=sys.stderr)

    # Loads (timed once, for the record; not part of the throughput figures).
    t0 = time.perf_counter()
    bare = spacy.load(model)
    bare_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    snlp.load()
    sitroom_load = time.perf_counter() - t0

    cpu: dict[str, list[float]] = {"bare": [], "cli": [], "inproc": []}

    def run_bare() -> float:
        c, t = time.process_time(), time.perf_counter()
        for _ in bare.pipe(texts, batch_size=BATCH):
            pass
        cpu["bare"].append(time.process_time() - c)
        return time.perf_counter() - t

    def run_inproc() -> float:
        c, t = time.process_time(), time.perf_counter()
        count = 0
        for item in read_all(sources([str(art_dir)]), batch_size=BATCH):
            if isinstance(item, InputError):
                raise SystemExit(f"in-process run rejected {item.input}: {item.message}")
            json.dumps(item.to_dict(), ensure_ascii=False)
            count += 1
        if count != n:
            raise SystemExit(f"in-process run read {count} articles, expected {n}")
        cpu["inproc"].append(time.process_time() - c)
        return time.perf_counter() - t

    rss: list[int] = []

    def run_cli() -> float:
        wall, maxrss, code, err, used = run_child(cli)
        if code != 0:
            raise SystemExit(f"{' '.join(cli)} exited {code}:\n{err[-2000:]}")
        rss.append(maxrss)
        cpu["cli"].append(used)
        return wall

    # Warm-up: page cache, imports, first-call caches; and the CLI on one article
    # (start-up cost plus one article).
    print("warm-up ...", file=sys.stderr)
    warm = texts[:BATCH]
    for _ in bare.pipe(warm, batch_size=BATCH):
        pass
    for item in read_all(sources([str(p) for p in paths[:BATCH]]), batch_size=BATCH):
        if not isinstance(item, InputError):
            json.dumps(item.to_dict(), ensure_ascii=False)
    if args.repeats <= 0:  # profile only: one bare pass for the parse rate, no table
        secs = run_bare()
        shutil.rmtree(tmp, ignore_errors=True)
        out += [f"# profile only (--repeats 0): {n} articles, bare spaCy {1000 * secs / n:.0f} "
                f"ms/article in one pass"]
        return {"docs": docs, "texts": texts, "med": {"bare": secs}, "n": n, "bare": bare,
                "cpu_bare": cpu["bare"][-1]}
    one_wall, one_rss, code, err, one_cpu = run_child(sitroom_exe() + ["extract", str(paths[0]),
                                                              "--format", "jsonl", "-q"])
    if code != 0:
        raise SystemExit(f"sitroom extract on one article exited {code}:\n{err[-2000:]}")

    runs: dict[str, list[float]] = {"bare": [], "cli": [], "inproc": []}
    fns: dict[str, Callable[[], float]] = {"bare": run_bare, "cli": run_cli, "inproc": run_inproc}
    order = ["bare", "cli", "inproc"]
    load_start = os.getloadavg()
    for r in range(args.repeats):
        rot = order[r % 3:] + order[:r % 3]
        for key in rot:
            print(f"round {r + 1}/{args.repeats}: {key} ...", file=sys.stderr, end=" ", flush=True)
            secs = fns[key]()
            runs[key].append(secs)
            print(f"{secs:.1f} s", file=sys.stderr)
    load_end = os.getloadavg()

    # Bare spaCy as a process, once, for memory context.
    print("bare spaCy process (memory reference) ...", file=sys.stderr)
    bare_proc = run_child([sys.executable, "-c", BARE_CHILD, model, str(BATCH)],
                          json.dumps(texts).encode("utf-8"))
    if bare_proc[2] != 0:
        print(f"bare spaCy process exited {bare_proc[2]}: {bare_proc[3][-500:]}", file=sys.stderr)

    tokens = sum(len(bare.make_doc(t)) for t in texts)
    med = {k: statistics.median(v) for k, v in runs.items()}
    cmed = {k: statistics.median(v) for k, v in cpu.items()}
    ratio_cli = med["bare"] / med["cli"]
    ratio_inproc = med["bare"] / med["inproc"]
    paired_cli = [b / c for b, c in zip(runs["bare"], runs["cli"])]
    paired_in = [b / c for b, c in zip(runs["bare"], runs["inproc"])]
    m = machine()
    cli_shown = " ".join([Path(cli[0]).name, "extract", "TMPDIR", "--format", "jsonl", "-q"])

    out += [
        f"# {' '.join(['python'] + [os.path.relpath(sys.argv[0], REPO)] + sys.argv[1:])}",
        f"# {datetime.date.today().isoformat()}, sitroom {sitroom.__version__} ({git_state()}), "
        f"spaCy {spacy.__version__} ({model})",
        f"# machine: nproc {m['nproc']}, {m['cpu']}, {m['ram']} RAM, Python {m['python']}, "
        f"{m['platform']}; load average {load_start[0]:.2f} at start of the timed rounds, "
        f"{load_end[0]:.2f} at end (the machine is shared: CPU-time columns are less "
        f"sensitive to other load than wall time)",
        f"# articles: {n} ({', '.join(f'{k} {v}' for k, v in by_corpus.items())})"
        + (f"; {len(dropped)} rejected by sitroom and left out" if dropped else "")
        + f"; {raw_chars:,} characters raw, {clean_chars:,} cleaned "
        f"({clean_chars / n:,.0f} per article), {tokens:,} spaCy tokens",
        f"# (a) bare: spacy.load('{model}').pipe(cleaned_texts, batch_size={BATCH}), model "
        f"loaded before timing ({bare_load:.2f} s; sitroom's pipeline with its ruler: "
        f"{sitroom_load:.2f} s)",
        f"# (b) CLI: {cli_shown} > /dev/null  (TMPDIR = the {n} raw texts as .txt files; "
        f"wall clock of the subprocess, CPU = its user + sys)",
        "# (c) in-process: read_all(sources([TMPDIR])) + json.dumps(to_dict()) per article, "
        "model loaded",
        f"# {args.repeats} rounds, order of (a) (b) (c) rotated each round, after a warm-up; "
        f"medians. Target: sitroom articles/s / bare articles/s >= {TARGET}",
        "",
        f"{'measurement':<40}{'wall s':>8}{'art/s':>8}{'kchar/s':>8}{'ratio':>7}"
        f"{'CPU s':>8}{'CPU ratio':>10}   wall runs (s)",
    ]

    def row(label: str, key: str) -> str:
        w, c = med[key], cmed[key]
        return (f"{label:<40}{w:8.1f}{fmt_rate(n, w):>8}{clean_chars / w / 1000:8.1f}"
                f"{med['bare'] / w:7.2f}{c:8.1f}{cmed['bare'] / c:10.2f}   "
                f"{' '.join(f'{x:.1f}' for x in runs[key])}")

    out += [
        row("(a) bare spaCy nlp.pipe", "bare"),
        row("(b) sitroom extract CLI, end to end", "cli"),
        row("(c) sitroom read_all, in process", "inproc"),
        "",
        f"RATIO sitroom CLI / bare spaCy (articles/s): {ratio_cli:.2f} wall, "
        f"{cmed['bare'] / cmed['cli']:.2f} CPU   (wall, paired by round: "
        f"{', '.join(f'{x:.2f}' for x in paired_cli)})   target >= {TARGET}: "
        f"{'MET' if ratio_cli >= TARGET else 'NOT MET'}",
        f"ratio sitroom in-process / bare spaCy:       {ratio_inproc:.2f} wall, "
        f"{cmed['bare'] / cmed['inproc']:.2f} CPU   (wall, paired by round: "
        f"{', '.join(f'{x:.2f}' for x in paired_in)})",
        f"per article (wall): bare {1000 * med['bare'] / n:.0f} ms, sitroom in-process "
        f"{1000 * med['inproc'] / n:.0f} ms ({1000 * (med['inproc'] - med['bare']) / n:+.0f} ms "
        f"over bare), CLI {1000 * med['cli'] / n:.0f} ms",
        f"start-up (CLI - in-process): {med['cli'] - med['inproc']:.1f} s wall, "
        f"{cmed['cli'] - cmed['inproc']:.1f} s CPU; the CLI on one article: {one_wall:.1f} s "
        f"wall, {one_cpu:.1f} s CPU",
        "",
        f"peak memory (max RSS): sitroom extract over {n} articles {max(rss) / 1024:.0f} MiB "
        f"(runs: {', '.join(f'{x / 1024:.0f}' for x in rss)}); on one article "
        f"{one_rss / 1024:.0f} MiB; bare spaCy process over the same texts (load + pipe, once) "
        f"{bare_proc[1] / 1024:.0f} MiB ({bare_proc[0]:.1f} s wall, {bare_proc[4]:.1f} s CPU)",
    ]
    if dropped:
        out.append("left out (rejected by sitroom.prepare): " + "; ".join(dropped[:10]))
    shutil.rmtree(tmp, ignore_errors=True)
    return {"docs": docs, "texts": texts, "med": med, "n": n, "bare": bare,
            "cpu_bare": cmed["bare"]}


# --- the profile ------------------------------------------------------------------

class Timers:
    def __init__(self) -> None:
        self.secs: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, fn: Callable) -> Callable:
        def timed(*a, **kw):
            t = CLOCK()
            try:
                return fn(*a, **kw)
            finally:
                self.secs[label] += CLOCK() - t
        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def gen(self, label: str, it):
        it = iter(it)
        while True:
            t = CLOCK()
            try:
                x = next(it)
            except StopIteration:
                self.secs[label] += CLOCK() - t
                return
            self.secs[label] += CLOCK() - t
            yield x


def stage_label(fn: Callable) -> str:
    return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"


@contextmanager
def patched(obj, name: str, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def stage_walls(files: list[str], out: list[str]) -> dict[str, float]:
    """The real read_all with every stage timed (no profiler)."""
    from sitroom import clean, language, nlp as snlp, pipeline
    from sitroom.errors import InputError
    from sitroom.inputs import sources

    tm = Timers()
    stages = list(pipeline.STAGES)
    model = snlp.load()

    class TimedModel:
        def pipe(self, texts, **kw):
            return tm.gen("parse (spaCy + sitroom components)", model.pipe(texts, **kw))

    wrapped = [tm.wrap(stage_label(s), s) for s in stages]
    real_prepare = pipeline.prepare
    t_all, w_all = CLOCK(), time.perf_counter()
    n = 0
    with patched(clean, "clean", tm.wrap("clean.clean", clean.clean)), \
            patched(language, "check_language",
                    tm.wrap("language.check_language", language.check_language)), \
            patched(pipeline, "prepare", tm.wrap("prepare", real_prepare)), \
            patched(snlp, "load", lambda: TimedModel()):
        pipeline.STAGES[:] = wrapped
        try:
            for item in read_all_timed(pipeline, tm, sources(files)):
                if isinstance(item, InputError):
                    continue
                t = CLOCK()
                json.dumps(item.to_dict(), ensure_ascii=False)
                tm.secs["output (to_dict + json)"] += CLOCK() - t
                n += 1
        finally:
            pipeline.STAGES[:] = stages
    total, wall_all = CLOCK() - t_all, time.perf_counter() - w_all
    s = tm.secs
    s["prepare: other (Article, checks)"] = s.pop("prepare") - s["clean.clean"] - \
        s["language.check_language"]
    s["inputs (read + decode files)"] = s.pop("inputs")
    accounted = sum(s.values())
    s["read_all overhead / unaccounted"] = total - accounted
    out += ["", f"## Stage time, no profiler: the real read_all over {n} articles, each stage "
                f"timed in CPU time of this process ({total:.1f} s CPU = {1000 * total / n:.0f} "
                f"ms/article; {wall_all:.1f} s wall)", "",
            f"{'stage':<44}{'CPU ms/art':>11}{'share':>8}"]
    order = ["inputs (read + decode files)", "clean.clean", "language.check_language",
             "prepare: other (Article, checks)", "parse (spaCy + sitroom components)"] + \
        [stage_label(x) for x in stages] + ["output (to_dict + json)",
                                            "read_all overhead / unaccounted"]
    for k in order:
        v = s.get(k, 0.0)
        out.append(f"{k:<44}{1000 * v / n:11.1f}{100 * v / total:7.1f}%")
    post = sum(s.get(stage_label(x), 0.0) for x in stages)
    out.append(f"{'  all post-parse stages':<44}{1000 * post / n:11.1f}{100 * post / total:7.1f}%")
    return {k: v / n for k, v in s.items()}


def read_all_timed(pipeline, tm: Timers, srcs):
    return pipeline.read_all(tm.gen("inputs", srcs), batch_size=BATCH)


def _component_times(model, texts: list[str]) -> dict[str, float]:
    secs: dict[str, float] = {}
    t = CLOCK()
    docs = [model.make_doc(x) for x in texts]
    secs["tokenizer"] = CLOCK() - t
    for name, proc in model.pipeline:
        t = CLOCK()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=BATCH))
        else:
            docs = [proc(d) for d in docs]
        secs[name] = CLOCK() - t
    return secs


def parse_components(texts: list[str], bare, out: list[str]) -> None:
    """Each spaCy component's pipe over the texts in turn, sitroom's pipeline and bare."""
    from sitroom import nlp as snlp

    model = snlp.load()
    _component_times(model, texts[:4])  # warm
    _component_times(bare, texts[:4])
    # alternated, twice each, the lower total kept: less exposed to other load
    runs_m, runs_b = [], []
    for _ in range(2):
        runs_m.append(_component_times(model, texts))
        runs_b.append(_component_times(bare, texts))
    mine = min(runs_m, key=lambda r: sum(r.values()))
    base = min(runs_b, key=lambda r: sum(r.values()))
    n = len(texts)
    tm, tb = sum(mine.values()), sum(base.values())
    added = {"sitroom_ruler", "sitroom_relabel", "sitroom_paragraphs"}
    out += ["", f"## Parse by spaCy component, each component's pipe in turn over the same "
                f"{n} cleaned texts, CPU time, the faster of two alternated runs each (sitroom "
                f"{1000 * tm / n:.0f} ms/article, bare {1000 * tb / n:.0f} ms/article)", "",
            f"{'component':<28}{'sitroom CPU ms/art':>19}{'share':>8}{'bare CPU ms/art':>17}"]
    for k, v in mine.items():
        b = f"{1000 * base[k] / n:17.1f}" if k in base else f"{'-':>17}"
        out.append(f"{k + (' *' if k in added else ''):<28}{1000 * v / n:19.1f}"
                   f"{100 * v / tm:7.1f}%{b}")
    extra = sum(v for k, v in mine.items() if k in added)
    out.append(f"* added by sitroom: {1000 * extra / n:.1f} ms/article, {100 * extra / tm:.1f}% "
               f"of sitroom's parse")


_PYX_LINES: dict[str, list[str]] = {}


def _pyx_property(file: str, line: int) -> str | None:
    """The property name of a Cython ``__get__`` at file:line (spaCy ships its .pyx)."""
    if file not in _PYX_LINES:
        lines: list[str] = []
        for base in sys.path:
            cand = Path(base) / file
            if cand.is_file():
                lines = cand.read_text(encoding="utf-8", errors="replace").splitlines()
                break
        _PYX_LINES[file] = lines
    lines = _PYX_LINES[file]
    for i in range(max(line - 1, 0), min(line + 4, len(lines))):
        m = re.match(r"\s*(?:cpdef |def |property )\s*(?:\w+ )?(\w+)\s*[(:]", lines[i])
        if m:
            return m.group(1)
    return None


def _short(key: tuple[str, int, str]) -> str:
    file, line, func = key
    if file == "~":
        return func
    f = file.replace("\\", "/")
    for marker in ("/site-packages/", "/sitroom/", "/lib/python3.11/", "/lib/python"):
        if marker in f:
            tail = f.split(marker, 1)[1]
            f = ("sitroom/" + tail) if marker == "/sitroom/" else tail
            break
    if func in ("__get__", "__set__") and file.endswith(".pyx"):
        prop = _pyx_property(file, line)
        cls = Path(file).stem.capitalize()
        if prop:
            func = f"{func} ({cls}.{prop})"
    return f"{f}:{line} {func}"


def _package(key: tuple[str, int, str]) -> str:
    file = key[0].replace("\\", "/")
    if file == "~":
        return "builtins"
    if "/site-packages/" in file:
        return file.split("/site-packages/", 1)[1].split("/", 1)[0].split(".", 1)[0]
    if "/sitroom/" in file or file.startswith("sitroom/"):
        return "sitroom." + Path(file).stem
    if not file.startswith("/") and file.endswith((".pyx", ".pxd")):
        return file.split("/", 1)[0]  # Cython modules record a package-relative path
    if file == __file__ or file.endswith("bench/throughput.py"):
        return "bench"
    return "stdlib"


def _is_sitroom(key: tuple[str, int, str]) -> bool:
    return _package(key).startswith("sitroom.")


def top_lines(prof: cProfile.Profile | pstats.Stats, n_art: int, entry_secs: float,
              k: int) -> list[str]:
    st = prof if isinstance(prof, pstats.Stats) else pstats.Stats(prof)
    stats = st.stats  # type: ignore[attr-defined]
    own: dict[str, float] = defaultdict(float)
    for key, (_, _, tt, _, _) in stats.items():
        own[_package(key)] += tt
    total_own = sum(own.values()) or 1e-9
    entry = max(entry_secs, 1e-9)
    lines = ["    own time by package: " + ", ".join(
        f"{p} {100 * v / total_own:.0f}%" for p, v in sorted(own.items(), key=lambda x: -x[1])[:7]
        if v / total_own >= 0.02)]
    cum = sorted(((v[3], key) for key, v in stats.items()
                  if _package(key) != "bench" and key[2] not in ("<lambda>",)
                  and "disable" not in key[2]), reverse=True)
    lines.append("    top by cumulative time (ms/article, share of stage); "
                 "<- the sitroom callers of a library function:")
    for ct, key in cum[:k]:
        lines.append(f"      {1000 * ct / n_art:7.1f}  {100 * ct / entry:5.1f}%  {_short(key)}")
        if not _is_sitroom(key) and ct / entry >= 0.05:
            callers = stats[key][4]
            mine = sorted(((v[3], v[1], c) for c, v in callers.items() if _is_sitroom(c)),
                          reverse=True)[:3]
            for cct, calls, c in mine:
                lines.append(f"               <- {1000 * cct / n_art:6.1f} ms/art  "
                             f"{_short(c)}  ({calls:,} calls)")
    tot = sorted(((v[2], v[1], key) for key, v in stats.items()
                  if _package(key) != "bench"), reverse=True)[:max(3, k // 2)]
    lines.append("    top by own time:")
    for tt, calls, key in tot:
        lines.append(f"      {1000 * tt / n_art:7.1f}  {100 * tt / entry:5.1f}%  "
                     f"{_short(key)}  ({calls:,} calls)")
    return lines


def stage_profiles(files: list[str], args: argparse.Namespace, out: list[str],
                   walls: dict[str, float]) -> None:
    """cProfile each stage separately, stage by stage over all the articles."""
    from sitroom import nlp as snlp, pipeline
    from sitroom.errors import InputError
    from sitroom.inputs import sources

    model = snlp.load()
    results: list[tuple[str, float, cProfile.Profile]] = []

    def run_stage(label: str, fn: Callable[[], None]) -> None:
        prof = cProfile.Profile()
        t = time.perf_counter()  # cProfile's own clock is wall time: keep the two consistent
        prof.enable()
        try:
            fn()
        finally:
            prof.disable()
        results.append((label, time.perf_counter() - t, prof))

    srcs = [s for s in sources(files) if not isinstance(s, InputError)]
    arts: list = []

    def do_prepare() -> None:
        for s in srcs:
            try:
                arts.append(pipeline.prepare(s))
            except InputError:
                pass

    run_stage("prepare (clean + language)", do_prepare)

    def do_parse() -> None:
        for a, d in zip(arts, model.pipe((a.text for a in arts), batch_size=BATCH)):
            a.doc = d

    run_stage("parse (spaCy + sitroom components)", do_parse)
    for stage in list(pipeline.STAGES):
        def do_stage(stage=stage) -> None:
            keep = []
            for a in arts:
                try:
                    stage(a)
                    keep.append(a)
                except InputError:
                    pass
            arts[:] = keep

        run_stage(stage_label(stage), do_stage)

    def do_output() -> None:
        for a in arts:
            json.dumps(a.to_dict(), ensure_ascii=False)

    run_stage("output (to_dict + json)", do_output)

    n = len(srcs)
    total = sum(r[1] for r in results)
    out += ["", f"## cProfile by stage ({n} articles, run stage by stage; profiled total "
                f"{total:.1f} s wall = {1000 * total / n:.0f} ms/article; the profiler slows "
                f"Python code, above all code that makes many spaCy Token objects, far more "
                f"than spaCy's compiled parse, so shares here overstate the Python stages: use "
                f"the unprofiled table above for shares, this one for where the time goes "
                f"inside a stage)", ""]
    out.append(f"{'stage':<44}{'profiled ms/art':>20}{'share':>8}")
    for label, secs, _ in results:
        out.append(f"{label:<44}{1000 * secs / n:20.1f}{100 * secs / total:7.1f}%")
    for label, secs, prof in results:
        out += ["", f"### {label}: {1000 * secs / n:.1f} ms/article (profiled)"]
        out += top_lines(prof, n, secs, args.top)
    out += property_costs(arts, results, n, walls)
    if args.profile_out:
        merged = pstats.Stats(results[0][2])
        for _, _, prof in results[1:]:
            merged.add(prof)
        merged.dump_stats(args.profile_out)
        out += ["", f"raw cProfile stats (all stages merged): {args.profile_out}"]


HOT_PROPERTIES = ("Doc.text", "Doc.ents")


def property_costs(arts: list, results: list, n: int, walls: dict[str, float]) -> list[str]:
    """spaCy properties rebuilt on every access (Doc.text joins every token, Doc.ents
    builds its spans): calls per article from the profile times the unprofiled cost of
    one call on these documents, per stage."""
    docs = [a.doc for a in arts if getattr(a, "doc", None) is not None]
    if not docs:
        return []
    cost: dict[str, float] = {}
    for prop in HOT_PROPERTIES:
        attr = prop.split(".", 1)[1]
        t = CLOCK()
        for _ in range(3):
            for d in docs:
                getattr(d, attr)
        cost[prop] = (CLOCK() - t) / (3 * len(docs))
    lines = ["", "## Estimated CPU cost of spaCy properties recomputed on each access "
                 "(calls per article from the profile x unprofiled CPU cost per call: "
                 + ", ".join(f"{p} {1000 * c:.2f} ms" for p, c in cost.items())
                 + f" on these documents, {sum(len(d) for d in docs) / len(docs):,.0f} "
                   f"tokens each)", "",
             f"{'stage':<36}{'CPU ms/art':>12}" + "".join(
                 f"{p + ' calls/art':>20}{'est. ms/art':>12}" for p in HOT_PROPERTIES)]
    for label, _, prof in results:
        stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
        calls = {p: 0 for p in HOT_PROPERTIES}
        for key, v in stats.items():
            sk = _short(key)
            for p in HOT_PROPERTIES:
                if sk.endswith(f"({p})"):
                    calls[p] += v[1]
        if not any(calls.values()):
            continue
        wall = walls.get(label)
        row = f"{label:<36}{(f'{1000 * wall:.1f}' if wall is not None else '-'):>12}"
        for p in HOT_PROPERTIES:
            row += f"{calls[p] / n:20.1f}{1000 * cost[p] * calls[p] / n:12.1f}"
        lines.append(row)
    return lines


STARTUP_CHILD = r"""
import cProfile, json, sys, time
clock = time.process_time
t0 = clock()
prof = cProfile.Profile() if sys.argv[2] != "-" else None
if prof:
    prof.enable()
import sitroom.cli, sitroom.pipeline
from sitroom import nlp
from sitroom.inputs import sources
t1 = clock()
nlp.load()
t2 = clock()
for x in sitroom.pipeline.read_all(sources([sys.argv[1]])):
    x.to_dict()
t3 = clock()
for x in sitroom.pipeline.read_all(sources([sys.argv[1]])):
    x.to_dict()
t4 = clock()
if prof:
    prof.disable()
    prof.dump_stats(sys.argv[2])
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "first": t3 - t2, "second": t4 - t3}))
"""


def startup_profile(article: str, args: argparse.Namespace, out: list[str]) -> None:
    """Where the CLI's start-up goes: a fresh process importing, loading, reading one article."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", STARTUP_CHILD, article, "-"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if proc.returncode != 0:
        out += ["", f"## Start-up: child failed: {proc.stderr[-500:]}"]
        return
    ph = json.loads(proc.stdout.strip().splitlines()[-1])
    inner = sum(ph.values())
    out += ["", f"## Start-up of a fresh process reading one article twice ({wall:.1f} s wall, "
                f"{cpu:.1f} s CPU; phases in CPU time)", "",
            f"{'interpreter start + exit':<44}{cpu - inner:6.1f} s",
            f"{'imports (sitroom.cli, sitroom.pipeline)':<44}{ph['imports']:6.1f} s",
            f"{'nlp.load() (spaCy model + ruler patterns)':<44}{ph['load']:6.1f} s",
            f"{'first article (lazy loads + the article)':<44}{ph['first']:6.1f} s",
            f"{'same article again (the article alone)':<44}{ph['second']:6.1f} s"]
    prof_path = os.path.join(tempfile.gettempdir(), "sitroom-throughput-startup.prof")
    proc = subprocess.run([sys.executable, "-c", STARTUP_CHILD, article, prof_path],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not os.path.exists(prof_path):
        return
    prof = pstats.Stats(prof_path)
    total = sum(v[2] for v in prof.stats.values())  # type: ignore[attr-defined]
    out += [f"### start-up, profiled ({total:.1f} s; per process, not per article: "
            f"'ms/article' below means ms)"]
    out += top_lines(prof, 1, total, args.top + 6)


def html_profile(args: argparse.Namespace, ms_per_kchar: float, out: list[str]) -> None:
    from sitroom import pipeline
    from sitroom.errors import InputError
    from sitroom.inputs import Source

    pages = sorted((args.data / "article_extraction" / "html").glob("*.html.gz"))[:args.html]
    if not pages:
        out += ["", "## HTML: no pages found"]
        return
    raw = [(p.name, gzip.decompress(p.read_bytes())) for p in pages]
    # warm-up (trafilatura import and first-call caches)
    try:
        pipeline.prepare(Source(input=raw[0][0], html=raw[0][1]))
    except InputError:
        pass
    prof = cProfile.Profile()
    walls: list[float] = []
    chars = 0
    rejected = 0
    t_all = CLOCK()
    for name, data in raw:
        t = CLOCK()
        try:
            art = pipeline.prepare(Source(input=name, html=data))
            chars += len(art.text)
        except InputError:
            rejected += 1
        walls.append(CLOCK() - t)
    total = CLOCK() - t_all
    prof.enable()
    for name, data in raw:
        try:
            pipeline.prepare(Source(input=name, html=data))
        except InputError:
            pass
    prof.disable()
    ptotal = sum(v[2] for v in pstats.Stats(prof).stats.values())  # type: ignore[attr-defined]
    n = len(raw)
    kb = sum(len(d) for _, d in raw) / 1024
    est_parse = ms_per_kchar * chars / 1000 / max(n - rejected, 1)
    out += ["", f"## HTML: prepare (extract_html + clean + language) over {n} pages of "
                f"article_extraction/html ({kb:,.0f} KiB of HTML, {rejected} rejected, "
                f"{chars:,} characters of text kept)", "",
            f"CPU (no profiler): {1000 * total / n:.1f} ms/page (median "
            f"{1000 * statistics.median(walls):.1f}, max {1000 * max(walls):.0f}); the bare spaCy "
            f"parse of that text would take about {est_parse:.0f} ms/page at the (a) CPU rate "
            f"({ms_per_kchar:.1f} ms per 1000 characters)",
            f"### html prepare: {1000 * ptotal / n:.1f} ms/page (profiled)"]
    out += top_lines(prof, n, ptotal, args.top)


# --- main -------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--repeats", type=int, default=3,
                    help="timed rounds (default 3; 0: skip the throughput table, profile only)")
    ap.add_argument("--profile", type=int, default=100,
                    help="articles to profile (default 100; 0 for none)")
    ap.add_argument("--html", type=int, default=50, help="HTML pages to profile (default 50)")
    ap.add_argument("--top", type=int, default=8, help="functions shown per stage")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--profile-out", default=os.path.join(tempfile.gettempdir(),
                                                          "sitroom-throughput.prof"))
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()

    out: list[str] = []
    res = measure(args, out)
    print("\n".join(out), flush=True)
    if not args.no_profile and args.profile > 0:
        print("profiling ...", file=sys.stderr)
        k = len(out)
        docs = res["docs"][:args.profile]
        tmp = Path(tempfile.mkdtemp(prefix="sitroom-throughput-prof-"))
        files = []
        for i, d in enumerate(docs):
            p = tmp / f"{i:04d}_{d.corpus}.txt"
            p.write_text(d.raw, encoding="utf-8")
            files.append(str(p))
        startup_profile(files[0], args, out)
        walls = stage_walls(files, out)
        parse_components([d.clean for d in docs], res["bare"], out)
        stage_profiles(files, args, out, walls)
        if args.html > 0:
            ms_per_kchar = 1000 * res["cpu_bare"] / (sum(len(t) for t in res["texts"]) / 1000)
            html_profile(args, ms_per_kchar, out)
        shutil.rmtree(tmp, ignore_errors=True)
        print("\n".join(out[k:]))
    if args.repeats <= 0 and args.out == RESULTS:
        return  # a profile-only run does not replace the throughput table
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"\nwritten to {os.path.relpath(args.out, Path.cwd())}", file=sys.stderr)


if __name__ == "__main__":
    main()
