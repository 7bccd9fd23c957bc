"""Ledger scale benchmark: ingest time per article and peak memory at 1k, 5k, 10k articles.

Data (``--data``, default ``../shared/eval`` from the repository root), read in
place and never copied into the repository:

- ``polnear/{dev,test}/text/*.txt``: PolNeAR, 168 US political news articles;
- ``temporal/te3-platinum/*.tml``: TempEval-3 platinum, 20 news documents
  (title, blank line, ``<TEXT>`` with its tags removed);
- ``temporal/meantime_english/intra_cross-doc_annotation/*/*.xml``: MEANTIME,
  120 Wikinews articles rebuilt from their tokens (title, dateline, then
  paragraphs of three sentences);
- ``ecbplus/ECB+/<topic>/*.xml``: ECB+, 982 news texts rebuilt the same way
  (first sentence, then paragraphs of three sentences);
- ``fnc1/competition_test_bodies.csv``: FNC-1, 904 article bodies;
- ``article_extraction/html/*.html.gz``: 181 news pages, given to sitroom as
  raw HTML (so the HTML extraction runs as well).

That is about 2,375 real articles. The rest up to the largest size are
synthetic: each is 3-6 paragraphs drawn (seeded, ``--seed``) from different
real articles, taken from a shuffled pool of paragraphs (20-200 words, from
articles of 3+ paragraphs, each at most half of its article and found in no
other article) used once per round, so no two synthetic articles share more than a paragraph or two and
none is a near-duplicate of its sources. Real and synthetic articles are
shuffled together (seeded), so every slice of the input holds the same mix,
and each gets a deterministic publication date spread over 2024. They are
written as JSON Lines to a temporary directory (``--work``, default a new
temporary directory, removed afterwards unless ``--keep``).

For each size N in ``--sizes`` (default 1000,5000,10000) the first N records
go to ``corpus_N.jsonl`` and are ingested into a fresh ledger with the real
command, in a subprocess::

    sitroom ingest corpus_N.jsonl --db ledger_N.db -q --workers W

(``--workers``, default 2 = this machine's cores), measuring:

- wall time and CPU time (user+sys of the CLI process and its workers) of
  the command, start-up and model load included, and per article;
- per successive ``--slice`` (default 1000) slice of the input: wall seconds
  per article from the ledger's ``inputs.at`` timestamps (one-second
  resolution; the first slice is counted from the first article's timestamp,
  so it leaves out start-up), and CPU seconds per article of the whole tree
  and of the CLI process alone, from /proc samples matched to the ledger's
  progress (``MAX(inputs.seq)``, read-only). The CLI process does the input
  reading, dedup, ledger writes and linking, the workers the NLP, so its CPU
  per article is the ledger side's cost as the ledger grows. The machine's
  load average is logged too: on a shared machine wall times move with the
  load, CPU times much less. Flat means the cost of an article does not grow
  with the ledger;
- peak memory of the process tree (the CLI process plus its worker
  processes), sampled from /proc every ``--sample`` seconds (default 0.5):
  peak of the summed RSS, peak of the summed PSS (``smaps_rollup``; RSS
  counts the pages the forked workers share with the parent once per
  process, PSS shares them out, so PSS is the real footprint), and the
  largest single-process max RSS as the kernel counts it (``wait4``
  rusage: the max over the process and its waited-for children);
- the ledger's size on disk (database plus WAL) and its counts.

Then, as the ledger-side check of linear scaling, the stored records of the
largest ledger (``articles.record``, in input order) are replayed into a fresh
ledger in this process with ``Ledger.add``, no NLP, timing each slice by part
(wall time): near-duplicate check (``Ledger._duplicate_of``), MinHash index
(``Ledger._index``), linking of events, claims and figures, and the rest of
``add`` (inserts, commit), with the number of events each new event is
scored against (``score_event`` calls per ``link_event``). After that, a
cProfile of the replay of the last (partial) slice on top of the rest shows
the ledger-side hot spots at full size, and the sizes of the blocking-key
groups of the finished ledger (``event_keys``, ``claim_keys``).

Finally a cProfile of ``sitroom.ingest.ingest`` with ``workers=1`` (all in
one process, so the NLP is seen too) over the first ``--profile`` records
(default 300) into a fresh ledger, grouped by stage: input reading, HTML
extraction and cleaning, spaCy parse, each pipeline stage, dedup, ledger
writes, linking.

A size whose ingest runs past ``--timeout`` hours (default 2) is stopped;
the slices it finished are reported with an extrapolation to N. Sizes run in
the order given (``--sizes 10000,1000,5000`` gets the largest, its replay and
the profile first); the largest run's table also shows it as it passed each
smaller size. ``--sitroom DIR`` benches the package in ``DIR/sitroom`` (a
snapshot, say, with a fix not yet in the tree) instead of the installed one;
``--note`` adds a line to the results header saying what it is.

    .venv/bin/python bench/ledger_scale.py [--data DIR] [--sizes 1000,5000,10000]
        [--workers 2] [--slice 1000] [--seed 13] [--profile 300] [--no-profile]
        [--no-replay] [--timeout HOURS] [--work DIR] [--keep] [--out FILE]
        [--sitroom DIR] [--note TEXT]

writes the tables to ``bench/results/ledger_scale.txt`` (``--out``).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime
import gzip
import html as html_lib
import io
import json
import os
import platform
import pstats
import random
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "ledger_scale.txt"
YEAR_START = datetime.date(2024, 1, 1)


# --- corpus -----------------------------------------------------------------------

@dataclass
class Doc:
    corpus: str
    name: str
    paras: list[str]
    html: str | None = None
    url: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paras)


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


def _token_sentences(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    sents: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sents[int(tok.get("sentence", "0"))].append(tok.text or "")
    return [join_tokens(sents[k]) for k in sorted(sents)]


def _groups(sents: list[str], n: int = 3) -> list[str]:
    return [" ".join(sents[i: i + n]) for i in range(0, len(sents), n)]


def _split_paras(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paras) <= 1:
        paras = [p.strip() for p in text.splitlines() if p.strip()]
    return paras


def load_polnear(data: Path) -> Iterator[Doc]:
    for split in ("dev", "test"):
        for p in sorted((data / "polnear" / split / "text").glob("*.txt")):
            yield Doc("polnear", p.stem, _split_paras(p.read_text(encoding="utf-8")))


def load_te3(data: Path) -> Iterator[Doc]:
    for p in sorted((data / "temporal" / "te3-platinum").glob("*.tml")):
        xml = p.read_text(encoding="utf-8")
        title = re.search(r"<TITLE>(.*?)</TITLE>", xml, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S)
        if not body:
            continue
        paras = _split_paras(html_lib.unescape(re.sub(r"<[^>]+>", "", body.group(1))))
        if title:
            paras.insert(0, html_lib.unescape(re.sub(r"<[^>]+>", "", title.group(1))).strip())
        yield Doc("te3", p.stem, paras)


def load_meantime(data: Path) -> Iterator[Doc]:
    base = data / "temporal" / "meantime_english" / "intra_cross-doc_annotation"
    for p in sorted(base.glob("*/*.xml")):
        sents = _token_sentences(p)
        if sents:
            yield Doc("meantime", p.stem, sents[:2] + _groups(sents[2:]))


def load_ecbplus(data: Path) -> Iterator[Doc]:
    base = data / "ecbplus" / "ECB+"
    topics = sorted((d for d in base.iterdir() if d.is_dir() and d.name.isdigit()),
                    key=lambda d: int(d.name)) if base.is_dir() else []
    for d in topics:
        for p in sorted(d.glob("*.xml")):
            sents = _token_sentences(p)
            if sents:
                yield Doc("ecbplus", p.stem, sents[:1] + _groups(sents[1:]))


def load_fnc1(data: Path) -> Iterator[Doc]:
    path = data / "fnc1" / "competition_test_bodies.csv"
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            paras = _split_paras(row["articleBody"])
            if paras:
                yield Doc("fnc1", row["Body ID"], paras)


def load_pages(data: Path) -> Iterator[Doc]:
    base = data / "article_extraction"
    gt_path = base / "ground-truth.json"
    truth = json.loads(gt_path.read_text(encoding="utf-8")) if gt_path.exists() else {}
    for p in sorted((base / "html").glob("*.html.gz")):
        key = p.name[: -len(".html.gz")]
        raw = gzip.decompress(p.read_bytes())
        page = raw.decode("utf-8", errors="replace")
        gt = truth.get(key, {})
        # The paragraph pool takes the page's true article text; sitroom gets the HTML.
        yield Doc("pages", key, _split_paras(gt.get("articleBody") or ""), html=page, url=gt.get("url"))


LOADERS = (load_polnear, load_te3, load_meantime, load_ecbplus, load_fnc1, load_pages)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def build_corpus(data: Path, total: int, seed: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """``total`` JSONL records: every real article, then synthetic ones, shuffled."""
    docs = [d for loader in LOADERS for d in loader(data)]
    counts: dict[str, int] = defaultdict(int)
    for d in docs:
        counts[d.corpus] += 1
    rng = random.Random(seed)
    # The paragraph pool: parts of articles, never most of one, and only paragraphs found in
    # one article (FNC-1 and ECB+ repeat a story's paragraphs across bodies, some of which are
    # that one paragraph: a synthetic article holding it would contain that whole body).
    def norm(p: str) -> str:
        return " ".join(re.findall(r"\w+", p.lower()))

    owners: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(docs):
        for p in d.paras:
            owners[norm(p)].add(i)
    pool: list[tuple[int, str]] = []
    for i, d in enumerate(docs):
        if len(d.paras) < 3:
            continue
        total_words = sum(_words(p) for p in d.paras)
        for p in d.paras:
            w = _words(p)
            if 20 <= w <= 200 and w <= total_words / 2 and len(owners[norm(p)]) == 1:
                pool.append((i, p))
    counts["paragraph pool"] = len(pool)
    synth: list[dict[str, Any]] = []
    queue: list[tuple[int, str]] = []
    n_synth = max(0, total - len(docs))
    while len(synth) < n_synth:
        k = rng.randint(3, 6)
        chosen: list[tuple[int, str]] = []
        used: set[int] = set()
        skipped: list[tuple[int, str]] = []
        while len(chosen) < k:
            if not queue:
                queue = pool[:]
                rng.shuffle(queue)
            item = queue.pop()
            if item[0] in used:
                skipped.append(item)
                continue
            used.add(item[0])
            chosen.append(item)
        queue.extend(skipped)
        synth.append({"text": "\n\n".join(p for _, p in chosen), "_corpus": "synthetic"})
    counts["synthetic"] = len(synth)
    real: list[dict[str, Any]] = []
    for d in docs:
        rec: dict[str, Any] = {"_corpus": d.corpus}
        if d.html is not None:
            rec["html"] = d.html
            if d.url:
                rec["url"] = d.url
        else:
            rec["text"] = d.text
        real.append(rec)
    records = real + synth
    rng.shuffle(records)
    records = records[:total]
    for r in records:
        r["published"] = (YEAR_START + datetime.timedelta(days=rng.randrange(366))).isoformat()
    return records, dict(counts)


def write_jsonl(records: list[dict[str, Any]], path: Path) -> None:
    # ASCII-escaped: sitroom's JSONL reader splits lines with str.splitlines(), which also
    # breaks at U+2028, U+0085 and the like inside a string.
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: v for k, v in r.items() if not k.startswith("_")}) + "\n")


# --- machine and process helpers ---------------------------------------------------

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
    try:
        import spacy

        from sitroom.nlp import model_name

        model = f"spaCy {spacy.__version__} ({model_name()})"
    except Exception:  # noqa: BLE001 - context only
        model = "?"
    return {"nproc": str(usable), "cpu": cpu, "ram": mem, "python": platform.python_version(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version, "model": model}


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
    return [found] if found else [sys.executable, "-m", "sitroom"]


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids[ppid].append(int(entry))
    return kids


def _tree(root: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _mem_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros when it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                break
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
                break
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class MemPeak:
    rss_sum: int = 0  # KiB
    pss_sum: int = 0
    rss_one: int = 0  # the largest single process
    procs: int = 0
    samples: int = 0


@dataclass
class Sample:
    t: float  # seconds since launch
    done: int  # inputs accounted for in the ledger (MAX(seq))
    cpu_all: float  # CPU seconds of the CLI process and its workers so far
    cpu_parent: float  # CPU seconds of the CLI process alone (reads, dedup, ledger writes, linking)
    rss_sum: int  # KiB, now
    pss_sum: int
    db_bytes: int
    load: float  # 1-minute load average of the machine


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def _done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT MAX(seq) FROM inputs").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return -1
    return int(row[0] or 0) if row else 0


def _sampler(pid: int, db: Path, every: float, peak: MemPeak, timeline: list[Sample],
             stop: threading.Event, t0: float) -> None:
    cpu_seen: dict[int, float] = {}  # last CPU seen per process: exited workers keep theirs
    while not stop.is_set():
        pids = _tree(pid)
        mems = [_mem_kib(p) for p in pids]
        for p in pids:
            c = _cpu_s(p)
            if c is not None:
                cpu_seen[p] = c
        rss, pss = sum(m[0] for m in mems), sum(m[1] for m in mems)
        peak.rss_sum = max(peak.rss_sum, rss)
        peak.pss_sum = max(peak.pss_sum, pss)
        peak.rss_one = max([peak.rss_one] + [m[0] for m in mems])
        peak.procs = max(peak.procs, sum(1 for m in mems if m[0]))
        peak.samples += 1
        done = _done(db)
        if done < 0 and timeline:
            done = timeline[-1].done
        try:
            load = float(Path("/proc/loadavg").read_text().split()[0])
        except OSError:
            load = 0.0
        timeline.append(Sample(time.perf_counter() - t0, max(done, 0), sum(cpu_seen.values()),
                               cpu_seen.get(pid, 0.0), rss, pss, _db_bytes(db), load))
        stop.wait(every)


# --- one size ---------------------------------------------------------------------

@dataclass
class Slice:
    first: int
    last: int
    wall: float  # seconds per article, from inputs.at
    cpu: float | None  # CPU seconds per article, CLI process + workers (sampled)
    cpu_parent: float | None  # CPU seconds per article of the CLI process alone
    load: float | None  # mean 1-minute load average during the slice


@dataclass
class Run:
    n: int
    cmd: list[str]
    wall: float = 0.0
    cpu: float = 0.0
    exit_code: int | None = None
    cut: bool = False
    peak: MemPeak = field(default_factory=MemPeak)
    db_bytes: int = 0
    status: dict[str, Any] = field(default_factory=dict)
    done: int = 0  # inputs accounted for in the ledger
    startup: float | None = None  # seconds from launch to the first article's timestamp
    slices: list[Slice] = field(default_factory=list)
    timeline: list[Sample] = field(default_factory=list)
    outcomes_at: dict[int, dict[str, int]] = field(default_factory=dict)  # size -> outcome counts
    stderr_tail: str = ""


def _db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"))
               if p.exists())


def _at(timeline: list[Sample], k: int) -> Sample | None:
    """The first sample at which k inputs were accounted for."""
    for s in timeline:
        if s.done >= k:
            return s
    return None


def _slices(db: Path, launch_epoch: float, size: int, run: Run) -> None:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT seq, at FROM inputs ORDER BY seq").fetchall()
    finally:
        conn.close()
    run.done = len(rows)
    if not rows:
        return
    stamps = [datetime.datetime.fromisoformat(at).timestamp() for _, at in rows]
    run.startup = stamps[0] - launch_epoch
    for lo in range(0, len(stamps), size):
        hi = min(lo + size, len(stamps))
        if lo > 0 and hi - lo < size // 2:
            break
        start_k = lo if lo > 0 else 1  # the first slice starts at its first article
        count = hi - start_k
        if count <= 0:
            break
        wall = (stamps[hi - 1] - stamps[start_k - 1]) / count
        a, b = _at(run.timeline, start_k), _at(run.timeline, hi)
        cpu = cpu_p = load = None
        if a is not None and b is not None and b.done > a.done:
            cpu = (b.cpu_all - a.cpu_all) / (b.done - a.done)
            cpu_p = (b.cpu_parent - a.cpu_parent) / (b.done - a.done)
            loads = [s.load for s in run.timeline if a.t <= s.t <= b.t]
            load = sum(loads) / len(loads) if loads else None
        run.slices.append(Slice(lo + 1, hi, wall, cpu, cpu_p, load))


def _outcomes_at(db: Path, sizes: list[int]) -> dict[int, dict[str, int]]:
    conn = sqlite3.connect(db)
    try:
        return {n: dict(conn.execute("SELECT outcome, COUNT(*) FROM inputs WHERE seq <= ? GROUP BY outcome",
                                     (n,)).fetchall()) for n in sizes}
    finally:
        conn.close()


def run_size(n: int, jsonl: Path, work: Path, workers: int, slice_size: int, every: float,
             timeout_h: float, env: dict[str, str], prefix_sizes: list[int]) -> Run:
    db = work / f"ledger_{n}.db"
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    cmd = sitroom_exe() + ["ingest", str(jsonl), "--db", str(db), "-q", "--workers", str(workers)]
    run = Run(n, cmd)
    err = tempfile.TemporaryFile(dir=work)
    launch_epoch = time.time()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True, env=env)
    stop = threading.Event()
    sampler = threading.Thread(target=_sampler, args=(proc.pid, db, every, run.peak, run.timeline, stop, t0),
                               daemon=True)
    sampler.start()
    deadline = t0 + timeout_h * 3600
    last_note = t0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        now = time.perf_counter()
        if now > deadline:
            run.cut = True
            os.killpg(proc.pid, signal.SIGTERM)  # our own child's process group only
            _, status, usage = os.wait4(proc.pid, 0)
            break
        if now - last_note > 300 and run.timeline:
            s = run.timeline[-1]
            print(f"  [{s.t:6.0f} s] {s.done:,} done, CPU {s.cpu_all:,.0f} s (CLI process {s.cpu_parent:,.0f} s), "
                  f"PSS {s.pss_sum / 1024:,.0f} MiB, ledger {s.db_bytes / 2**20:.1f} MiB, load {s.load:.1f}",
                  flush=True)
            last_note = now
        time.sleep(0.5)
    run.wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    proc.returncode = run.exit_code = os.waitstatus_to_exitcode(status)
    run.cpu = usage.ru_utime + usage.ru_stime
    err.seek(0)
    run.stderr_tail = err.read().decode("utf-8", "replace").strip()[-600:]
    err.close()
    run.db_bytes = _db_bytes(db)
    _slices(db, launch_epoch, slice_size, run)
    run.outcomes_at = _outcomes_at(db, [k for k in prefix_sizes if k < n])
    from sitroom.ledger import Ledger

    with Ledger(str(db)) as ledger:
        run.status = ledger.status()
    return run


# --- ledger-only replay -----------------------------------------------------------

class Parts:
    """Wall time inside a few functions, not counting nested calls of the same one."""

    def __init__(self) -> None:
        self.t: dict[str, float] = defaultdict(float)

    def wrap(self, label: str, fn: Callable) -> Callable:
        def timed(*a: Any, **kw: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.t[label] += time.perf_counter() - t0
        return timed


def replay(db: Path, work: Path, slice_size: int, out: list[str], profile_last: bool) -> None:
    """Replay the stored records of ``db`` into a fresh ledger, no NLP, slice by slice."""
    from sitroom import ledger as ledger_mod
    from sitroom import link as link_mod

    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT i.name, i.digest, a.record FROM inputs i JOIN articles a "
                        "ON a.id = i.article_id WHERE i.outcome = 'stored' ORDER BY i.seq").fetchall()
    conn.close()
    target = work / "replay.db"
    for p in (target, Path(str(target) + "-wal"), Path(str(target) + "-shm")):
        p.unlink(missing_ok=True)
    parts = Parts()
    orig = (ledger_mod.Ledger._duplicate_of, ledger_mod.Ledger._index, link_mod.link_article,
            link_mod.link_event, link_mod.link_claim, link_mod.link_figure)
    ledger_mod.Ledger._duplicate_of = parts.wrap("dedup check", orig[0])
    ledger_mod.Ledger._index = parts.wrap("minhash index", orig[1])
    link_mod.link_article = parts.wrap("link (all)", orig[2])
    link_mod.link_event = parts.wrap("link events", orig[3])
    link_mod.link_claim = parts.wrap("link claims", orig[4])
    link_mod.link_figure = parts.wrap("link figures", orig[5])
    calls: dict[str, int] = defaultdict(int)
    orig_score = link_mod.score_event

    def counted_score(*a: Any, **kw: Any) -> Any:
        calls["score"] += 1
        return orig_score(*a, **kw)

    def counted(label: str, fn: Callable) -> Callable:
        def inner(*a: Any, **kw: Any) -> Any:
            calls[label] += 1
            return fn(*a, **kw)
        return inner

    link_mod.score_event = counted_score
    link_mod.link_event = counted("events", link_mod.link_event)
    labels = ["dedup check", "minhash index", "link events", "link claims", "link figures"]
    n_slices = (len(rows) - 1) // slice_size if profile_last else -(-len(rows) // slice_size)
    out.append(f"Ledger-only replay: the {len(rows):,} stored records of {db.name} (articles.record, "
               f"input order) into a fresh ledger with Ledger.add, in this process, no NLP.")
    out.append("ms/article by part of Ledger.add; 'other' = the rest of add (inserts of the article and "
               "inputs rows, JSON, commit).")
    head = (f"{'articles':>13} {'total':>7} " + " ".join(f"{lb:>13}" for lb in labels)
            + f" {'other':>7} {'cands/ev':>8}  stored  dup")
    out.append(head)
    print("\n".join(out[-3:]), flush=True)
    try:
        with ledger_mod.Ledger(str(target)) as led:
            for k in range(n_slices):
                chunk = rows[k * slice_size: (k + 1) * slice_size]
                if not chunk:
                    break
                parts.t.clear()
                calls.clear()
                stored = dup = 0
                t0 = time.perf_counter()
                for name, dig, rec_json in chunk:
                    rec = json.loads(rec_json)
                    o = led.add(rec, name, dig)
                    stored += o.outcome == "stored"
                    dup += o.outcome == "duplicate"
                total = time.perf_counter() - t0
                n = len(chunk)
                other = total - parts.t["dedup check"] - parts.t["minhash index"] - parts.t["link (all)"]
                line = (f"{k * slice_size + 1:>6}-{k * slice_size + n:<6} {1000 * total / n:7.1f} "
                        + " ".join(f"{1000 * parts.t[lb] / n:13.2f}" for lb in labels)
                        + f" {1000 * other / n:7.2f} {calls['score'] / max(1, calls['events']):8.1f}  "
                        f"{stored:6d} {dup:4d}")
                out.append(line)
                print(line, flush=True)
            if profile_last and len(rows) > n_slices * slice_size:
                chunk = rows[n_slices * slice_size: (n_slices + 1) * slice_size]
                ledger_mod.Ledger._duplicate_of, ledger_mod.Ledger._index = orig[0], orig[1]
                (link_mod.link_article, link_mod.link_event, link_mod.link_claim,
                 link_mod.link_figure) = orig[2:]
                link_mod.score_event = orig_score
                prof = cProfile.Profile()
                recs = [(json.loads(r), nm, dg) for nm, dg, r in chunk]
                t0 = time.perf_counter()
                prof.enable()
                for rec, nm, dg in recs:
                    led.add(rec, nm, dg)
                prof.disable()
                wall = time.perf_counter() - t0
                out.append("")
                out.append(f"cProfile of the replay of records {n_slices * slice_size + 1:,}-"
                           f"{n_slices * slice_size + len(chunk):,} on top of the first "
                           f"{n_slices * slice_size:,} ({wall:.1f} s, {1000 * wall / len(chunk):.1f} "
                           f"ms/article under the profiler):")
                st = pstats.Stats(prof)
                out.extend(_cum_lines(st, len(chunk), [
                    ("Ledger.add", "sitroom/ledger.py", "add"),
                    ("  dedup check (_duplicate_of)", "sitroom/ledger.py", "_duplicate_of"),
                    ("  minhash index (_index)", "sitroom/ledger.py", "_index"),
                    ("  link_article", "sitroom/link.py", "link_article"),
                    ("    link_event", "sitroom/link.py", "link_event"),
                    ("      score_event", "sitroom/link.py", "score_event"),
                    ("      _merge_event", "sitroom/link.py", "_merge_event"),
                    ("    link_claim", "sitroom/link.py", "link_claim"),
                    ("      _update_claim", "sitroom/link.py", "_update_claim"),
                    ("    link_figure", "sitroom/link.py", "link_figure"),
                ]))
                out.append("  top functions by own time:")
                out.extend(_own_lines(st, len(chunk), 12))
    finally:
        ledger_mod.Ledger._duplicate_of, ledger_mod.Ledger._index = orig[0], orig[1]
        link_mod.link_article, link_mod.link_event, link_mod.link_claim, link_mod.link_figure = orig[2:]
        link_mod.score_event = orig_score
    out.append("(cands/ev = events scored per event linked: the size of the blocks an event is compared with)")
    out.extend(blocking(db))


def blocking(db: Path) -> list[str]:
    """Sizes of the linking blocks in a finished ledger: how many events (claims) share a key."""
    conn = sqlite3.connect(db)
    out = ["", f"Blocking keys in {db.name}:"]
    try:
        for table, col in (("event_keys", "event_id"), ("claim_keys", "claim_id")):
            rows, keys = conn.execute(f"SELECT COUNT(*), COUNT(DISTINCT key) FROM {table}").fetchone()
            sizes = [r[0] for r in conn.execute(
                f"SELECT COUNT(DISTINCT {col}) AS c FROM {table} GROUP BY key ORDER BY c DESC")]
            if not sizes:
                continue
            weighted = sum(c * c for c in sizes) / max(1, sum(sizes))
            p99 = sizes[min(len(sizes) - 1, len(sizes) // 100)]
            out.append(f"  {table}: {rows:,} rows, {keys:,} keys; members per key: max {sizes[0]:,}, "
                       f"p99 {p99:,}, mean {sum(sizes) / len(sizes):.1f}, "
                       f"mean as seen by a member {weighted:.1f}")
            top = conn.execute(f"SELECT key, COUNT(DISTINCT {col}) AS c FROM {table} GROUP BY key "
                               "ORDER BY c DESC LIMIT 8").fetchall()
            out.append("    largest: " + ", ".join(f"{k} {c:,}" for k, c in top))
    finally:
        conn.close()
    return out


# --- profile of a small ingest ----------------------------------------------------

def _find(st: pstats.Stats, file_end: str, func: str) -> tuple[float, float, int] | None:
    """(cumulative s, own s, calls) of a function, summed over matching entries."""
    hit = None
    for (file, _line, name), (cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        if name == func and file.replace("\\", "/").endswith(file_end):
            c = (ct, tt, nc)
            hit = c if hit is None else (hit[0] + c[0], hit[1] + c[1], hit[2] + c[2])
    return hit


def _cum_lines(st: pstats.Stats, n: int, wanted: list[tuple[str, str, str]]) -> list[str]:
    lines = []
    for label, file_end, func in wanted:
        hit = _find(st, file_end, func)
        if hit is None:
            continue
        lines.append(f"  {label:<40} {hit[0]:8.2f} s  {1000 * hit[0] / n:8.2f} ms/article  "
                     f"({hit[2]:,} calls)")
    return lines


def _short(key: tuple[str, int, str]) -> str:
    file, line, name = key
    f = file.replace("\\", "/")
    for marker in ("site-packages/", "/sitroom/", "/lib/python"):
        if marker in f:
            f = f.split(marker, 1)[1]
            if marker == "/sitroom/":
                f = "sitroom/" + f
            break
    return f"{f}:{line}({name})" if line else name


def _own_lines(st: pstats.Stats, n: int, top: int) -> list[str]:
    items = sorted(st.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]  # type: ignore[attr-defined]
    return [f"    {tt:8.2f} s own  {ct:8.2f} s cum  {nc:>9,} calls  {_short(k)}"
            for k, (cc, nc, tt, ct, _c) in items]


def _is_sitroom(key: tuple[str, int, str]) -> bool:
    return "/sitroom/" in key[0].replace("\\", "/") and "site-packages" not in key[0]


def _attribute(st: pstats.Stats, key: tuple[str, int, str], amount: float,
               depth: int = 12) -> dict[tuple[str, int, str], float]:
    """Share ``amount`` of time spent in ``key`` out to the nearest sitroom functions up the
    call graph, in proportion to each caller edge's cumulative time."""
    out: dict[tuple[str, int, str], float] = defaultdict(float)
    todo = [(key, amount, 0)]
    stats = st.stats  # type: ignore[attr-defined]
    while todo:
        k, amt, d = todo.pop()
        if amt < 1e-4:
            continue
        if _is_sitroom(k) and k != key:
            out[k] += amt
            continue
        callers = stats.get(k, (0, 0, 0, 0, {}))[4]
        total = sum(v[3] for v in callers.values())
        if not callers or total <= 0 or d >= depth:
            out[("(no sitroom caller)", 0, _short(k))] += amt
            continue
        for ck, v in callers.items():
            todo.append((ck, amt * v[3] / total, d + 1))
    return out


def _library_hot_spots(st: pstats.Stats, n: int, top: int) -> list[str]:
    """The top non-sitroom functions by own time, each with the sitroom code it is reached from."""
    items = sorted(((k, v) for k, v in st.stats.items() if not _is_sitroom(k)),  # type: ignore[attr-defined]
                   key=lambda kv: kv[1][2], reverse=True)[:top]
    lines = []
    for k, (cc, nc, tt, ct, _c) in items:
        lines.append(f"    {tt:7.2f} s own ({1000 * tt / n:6.1f} ms/article) {nc:>10,} calls  {_short(k)}")
        shares = sorted(_attribute(st, k, tt).items(), key=lambda kv: kv[1], reverse=True)[:3]
        for ck, amt in shares:
            if amt >= 0.05 * tt:
                lines.append(f"        {amt:6.2f} s from {_short(ck)}")
    return lines


def profile_ingest(jsonl: Path, work: Path, n: int, out: list[str]) -> None:
    from sitroom import pipeline
    from sitroom.ingest import ingest
    from sitroom.ledger import Ledger

    head = work / f"profile_{n}.jsonl"
    with jsonl.open(encoding="utf-8") as f, head.open("w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)
    db = work / "profile.db"
    for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
        p.unlink(missing_ok=True)
    from sitroom import nlp

    nlp.load()  # the model load is start-up, not per-article cost
    prof = cProfile.Profile()
    with Ledger(str(db)) as led:
        t0 = time.perf_counter()
        prof.enable()
        report = ingest([str(head)], led, workers=1)
        prof.disable()
        wall = time.perf_counter() - t0
    st = pstats.Stats(prof)
    total = sum(v[2] for v in st.stats.values())  # type: ignore[attr-defined]
    out.append(f"cProfile of sitroom.ingest.ingest(workers=1) over the first {n} records into a fresh "
               f"ledger (model already loaded): {report.stored} stored, {report.duplicates} duplicates, "
               f"{report.rejected} rejected; {wall:.1f} s under the profiler "
               f"({1000 * wall / max(1, n):.0f} ms/article), profiled total {total:.1f} s.")
    out.append("Cumulative time by stage (a stage's own entry point; nested stages are inside their parent):")
    stage_rows: list[tuple[str, str, str]] = [
        ("input reading (sources, JSON)", "sitroom/inputs.py", "sources"),
        ("input digest", "sitroom/ingest.py", "digest"),
        ("NLP: prepare (HTML+clean+language)", "sitroom/pipeline.py", "prepare"),
        ("  HTML extraction", "sitroom/html.py", "extract_html"),
        ("  clean", "sitroom/clean.py", "clean"),
        ("  language check", "sitroom/language.py", "check_language"),
        ("NLP: spaCy parse (Language.pipe)", "spacy/language.py", "pipe"),
        ("NLP: post-parse stages (finish)", "sitroom/pipeline.py", "finish"),
    ]
    for stage in pipeline.STAGES:
        mod = stage.__module__.rsplit(".", 1)[-1]
        stage_rows.append((f"  {mod}.{stage.__name__}", f"sitroom/{mod}.py", stage.__name__))
    stage_rows += [
        ("record to_dict", "sitroom/record.py", "to_dict"),
        ("ledger: Ledger.add (all ledger work)", "sitroom/ledger.py", "add"),
        ("  dedup check (_duplicate_of)", "sitroom/ledger.py", "_duplicate_of"),
        ("  minhash index (_index)", "sitroom/ledger.py", "_index"),
        ("  linking (link_article)", "sitroom/link.py", "link_article"),
        ("ledger: Ledger.seen", "sitroom/ledger.py", "seen"),
    ]
    out.extend(_cum_lines(st, n, stage_rows))
    add = _find(st, "sitroom/ledger.py", "add")
    if add:
        sub = sum((_find(st, "sitroom/ledger.py", f) or (0, 0, 0))[0] for f in ("_duplicate_of", "_index"))
        sub += (_find(st, "sitroom/link.py", "link_article") or (0, 0, 0))[0]
        out.append(f"  {'  ledger writes (add minus dedup/link)':<40} {add[0] - sub:8.2f} s  "
                   f"{1000 * (add[0] - sub) / n:8.2f} ms/article")
    out.append("  top sitroom functions by own time:")
    sit = pstats.Stats(prof)
    sit.stats = {k: v for k, v in st.stats.items() if _is_sitroom(k)}  # type: ignore[attr-defined]
    out.extend(_own_lines(sit, n, 12))
    out.append("  top library functions by own time, with the sitroom functions they are reached from "
               "(shared out along the call graph by cumulative time):")
    out.extend(_library_hot_spots(st, n, 10))


# --- report -----------------------------------------------------------------------

def fmt_mib(kib: int) -> str:
    return f"{kib / 1024:,.0f}"


def _f(x: float | None, fmt: str) -> str:
    return format(x, fmt) if x is not None else "-"


def table(runs: list[Run], slice_size: int) -> list[str]:
    lines = [f"{'N':>6} {'wall s':>7} {'s/art':>6} {'CPU s':>7} {'CPU/art':>7} {'load':>5} {'RSS sum':>8} "
             f"{'PSS sum':>8} {'max1 RSS':>8} {'db MiB':>7} {'articles':>8} {'dups':>5} {'rej':>4} "
             f"{'events':>7} {'claims':>7} {'figures':>7}"]
    for r in runs:
        s = r.status
        n_done = r.done if r.cut else r.n
        loads = [x.load for x in r.timeline]
        lines.append(
            f"{r.n:>6} {r.wall:7.0f} {r.wall / max(1, n_done):6.3f} {r.cpu:7.0f} {r.cpu / max(1, n_done):7.3f} "
            f"{sum(loads) / max(1, len(loads)):5.1f} "
            f"{fmt_mib(r.peak.rss_sum):>8} {fmt_mib(r.peak.pss_sum):>8} {fmt_mib(r.peak.rss_one):>8} "
            f"{r.db_bytes / 2**20:7.1f} {s.get('articles', 0):>8} {s.get('duplicates', 0):>5} "
            f"{len(s.get('rejected', [])):>4} {s.get('events', 0):>7} {s.get('claims', 0):>7} "
            f"{s.get('figures', 0):>7}" + ("  CUT" if r.cut else ""))
    lines.append("(wall and CPU of the whole command, start-up and model loads included; CPU = user+sys of the "
                 "CLI process and its workers (wait4); load = mean 1-min load average of the machine during the "
                 "run, on nproc cores; memory in MiB: RSS sum / PSS sum = peak over the samples of the summed "
                 "RSS / PSS of the CLI process and its workers; max1 RSS = the largest single process, "
                 "sampled (not wait4's ru_maxrss, which keeps the RSS of the forked parent from before exec); "
                 "db = database + WAL)")
    big = max(runs, key=lambda r: r.n) if runs else None
    if big is not None and big.outcomes_at:
        lines.append("")
        lines.append(f"The N={big.n:,} run as it passed each smaller size (the same first N inputs, in the same "
                     "order, into the same kind of fresh ledger):")
        lines.append(f"{'N':>6} {'wall s':>7} {'CPU s':>7} {'RSS sum':>8} {'PSS sum':>8} {'db MiB':>7} "
                     f"{'stored':>7} {'dups':>5} {'rej':>4}")
        for k, oc in sorted(big.outcomes_at.items()):
            smp = _at(big.timeline, k)
            if smp is None:
                continue
            upto = [x for x in big.timeline if x.t <= smp.t]
            lines.append(f"{k:>6} {smp.t:7.0f} {smp.cpu_all:7.0f} {fmt_mib(max(x.rss_sum for x in upto)):>8} "
                         f"{fmt_mib(max(x.pss_sum for x in upto)):>8} {smp.db_bytes / 2**20:7.1f} "
                         f"{oc.get('stored', 0):>7} {oc.get('duplicate', 0):>5} {oc.get('rejected', 0):>4}")
    lines.append("")
    lines.append(f"Per {slice_size:,}-article slice of the input, in order: wall s/article from inputs.at "
                 "(the first slice counted from its first article, without start-up); CPU s/article of the "
                 "CLI process and its workers, and of the CLI process alone (input reading, dedup, ledger "
                 "writes, linking; the workers do the NLP), from /proc samples; mean load average:")
    for r in runs:
        start = f" (start-up to the first article {r.startup:.1f} s)" if r.startup is not None else ""
        lines.append(f"  N={r.n:,}{start}")
        lines.append(f"    {'articles':>13} {'wall/art':>8} {'CPU/art':>8} {'CLI/art':>8} {'load':>5}")
        for sl in r.slices:
            lines.append(f"    {sl.first:>6}-{sl.last:<6} {sl.wall:8.3f} {_f(sl.cpu, '8.3f'):>8} "
                         f"{_f(sl.cpu_parent, '8.4f'):>8} {_f(sl.load, '5.1f'):>5}")
        if len(r.slices) > 2:
            def ratio(get: Callable[[Slice], float | None]) -> str:
                first = [get(x) for x in r.slices[:2] if get(x)]
                last = [get(x) for x in r.slices[-2:] if get(x)]
                if not first or not last:
                    return "-"
                return f"{(sum(last) / len(last)) / (sum(first) / len(first)):.2f}"
            lines.append(f"    last two slices / first two: wall {ratio(lambda x: x.wall)}, CPU "
                         f"{ratio(lambda x: x.cpu)}, CLI process CPU {ratio(lambda x: x.cpu_parent)}")
        if r.cut:
            counted = sum(x.last - x.first + 1 for x in r.slices)
            spa = sum(x.wall * (x.last - x.first + 1) for x in r.slices) / max(1, counted)
            est = (r.startup or 0) + spa * r.n
            lines.append(f"    cut after {r.wall / 3600:.2f} h at {r.done:,} inputs; at the mean slice rate "
                         f"({spa:.3f} s/article) N={r.n:,} would take about {est:,.0f} s ({est / 3600:.1f} h)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--slice", type=int, default=1000, dest="slice_size")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sample", type=float, default=0.5, help="memory sampling interval, seconds")
    ap.add_argument("--profile", type=int, default=300)
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--no-replay", action="store_true")
    ap.add_argument("--timeout", type=float, default=2.0, help="hours per size before it is cut")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--sitroom", type=Path, default=None, metavar="DIR",
                    help="bench the sitroom package in DIR (DIR/sitroom) instead of the installed one: "
                         "prepended to PYTHONPATH of the ingest command and to sys.path here")
    ap.add_argument("--note", default=None, help="a line for the results header")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    env = dict(os.environ)
    if args.sitroom is not None:
        pkg_root = args.sitroom.resolve()
        sys.path.insert(0, str(pkg_root))
        paths = [str(pkg_root)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        env["PYTHONPATH"] = os.pathsep.join(paths)
    else:
        sys.path.insert(0, str(REPO))

    work = args.work or Path(tempfile.mkdtemp(prefix="sitroom-ledger-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    mach = machine()
    argv_shown = shlex.join(["python", "bench/ledger_scale.py"] + (argv if argv is not None else sys.argv[1:]))
    header = [
        f"# {argv_shown}",
        f"# {started.isoformat(timespec='seconds')}; nproc {mach['nproc']}, {mach['cpu']}, RAM {mach['ram']}; "
        f"Python {mach['python']}, SQLite {mach['sqlite']}, {mach['model']}",
        f"# sitroom at {git_state()}" if args.sitroom is None else
        f"# sitroom from {args.sitroom.resolve()} (--sitroom), not the repository's working tree",
    ] + ([f"# note: {args.note}"] if args.note else [])
    print("\n".join(header), flush=True)
    try:
        t0 = time.perf_counter()
        records, counts = build_corpus(args.data, max(sizes), args.seed)
        full = work / "corpus.jsonl"
        write_jsonl(records, full)
        mix = defaultdict(int)
        for r in records:
            mix[r["_corpus"]] += 1
        n_real = sum(v for k, v in counts.items() if k not in ("synthetic", "paragraph pool"))
        corpus_line = (f"corpus: {len(records):,} records ("
                       + ", ".join(f"{k} {v:,}" for k, v in sorted(mix.items())) + "); "
                       f"real articles read: {n_real:,}, "
                       f"paragraph pool {counts.get('paragraph pool', 0):,}; "
                       f"{full.stat().st_size / 2**20:.1f} MiB JSONL; built in {time.perf_counter() - t0:.1f} s; "
                       f"dates 2024-01-01..2024-12-31")
        print(corpus_line, flush=True)
        header.append(f"# {corpus_line}")
        header.append(f"# per size N: {' '.join(sitroom_exe()[-1:])} ingest WORK/corpus_N.jsonl "
                      f"--db WORK/ledger_N.db -q --workers {args.workers}   "
                      "(the first N records; a fresh ledger each)")
        runs: list[Run] = []
        body: list[str] = []

        def save(extra: list[str]) -> None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text("\n".join(header + [""] + table(runs, args.slice_size) + [""] + extra)
                                + "\n", encoding="utf-8")

        def after_largest() -> None:
            largest = work / f"ledger_{max(sizes)}.db"
            if not args.no_replay and largest.exists():
                rep: list[str] = []
                replay(largest, work, args.slice_size, rep, profile_last=True)
                body.extend([""] + rep)
                save(body)
            if not args.no_profile:
                prof_out: list[str] = []
                profile_ingest(full, work, args.profile, prof_out)
                print("\n".join(prof_out), flush=True)
                body.extend([""] + prof_out)
                save(body)

        # Sizes run in the order given: put the largest first to have its slices (and the replay
        # and profile, which run right after it) even if the smaller runs are cut short.
        for n in sizes:
            jsonl = work / f"corpus_{n}.jsonl"
            write_jsonl(records[:n], jsonl)
            print(f"ingesting {n:,} ... ", flush=True)
            run = run_size(n, jsonl, work, args.workers, args.slice_size, args.sample, args.timeout, env,
                           sizes)
            runs.append(run)
            runs.sort(key=lambda r: r.n)
            print(f"N={n:,}: {run.wall:.0f} s, exit {run.exit_code}{' (CUT)' if run.cut else ''}; "
                  f"{run.stderr_tail.splitlines()[-1] if run.stderr_tail else ''}", flush=True)
            if run.exit_code not in (0, 1) and not run.cut:
                body.append(f"N={n}: exit {run.exit_code}: {run.stderr_tail}")
            print("\n".join(table(runs, args.slice_size)), flush=True)
            save(body)
            if n == max(sizes):
                after_largest()
        print(f"\nwrote {args.out}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
