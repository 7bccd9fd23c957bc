"""Article-body extraction benchmark: sitroom (extract_html + clean) beside trafilatura.

Data: the Zyte/scrapinghub article-extraction-benchmark (181 pages,
``html/*.html.gz`` and ``ground-truth.json``). Scoring is the benchmark's own
``evaluate.py``: texts are split into ``\\w+`` tokens (case kept), every page
becomes a multiset of 4-token shingles, and true positives, false positives and
false negatives are counted over shingles and normalised per page (so a long
page weighs as much as a short one). Precision and recall are each averaged
over pages (macro; a page with no output counts for recall only), and F1 is the
harmonic mean of those two averages. ``--ngram 1`` scores single tokens (a bag
of words) instead.

    .venv/bin/python bench/extraction.py [--data DIR] [--worst N] [--sweep]

writes the table to ``bench/results/extraction.txt``.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "article_extraction"
RESULTS = REPO / "bench" / "results" / "extraction.txt"

# --- the benchmark's metric ---------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
Counts = tuple[float, float, float]


def shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def match(true: str, pred: str, n: int = 4) -> Counts:
    """(tp, fp, fn) over shingles, normalised to sum to 1."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def page_f1(c: Counts) -> float:
    p, r = _precision(*c), _recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def summary(counts: list[Counts]) -> tuple[float, float, float]:
    """Macro precision, macro recall, and F1 of the two, as evaluate.py does."""
    p = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bootstrap(counts: list[Counts], other: list[Counts] | None = None,
              n: int = 1000, seed: int = 0) -> tuple[float, float, float]:
    """Half-widths of 95% intervals (1.96 standard deviations over page
    resamples, as evaluate.py) of precision, recall and F1; with ``other``, of
    the paired difference counts - other."""
    rng = random.Random(seed)
    samples: list[tuple[float, ...]] = []
    for _ in range(n):
        idx = [rng.randrange(len(counts)) for _ in counts]
        a = summary([counts[i] for i in idx])
        if other is not None:
            b = summary([other[i] for i in idx])
            a = tuple(x - y for x, y in zip(a, b))
        samples.append(a)
    return tuple(1.96 * statistics.stdev(col) for col in zip(*samples))  # type: ignore[return-value]


# --- the systems ----------------------------------------------------------------

def sitroom_system(options: dict[str, bool] | None = None,
                   drops: dict[str, list[str]] | None = None) -> Callable[[str, str, str], str]:
    """extract_html then clean; ``options`` override sitroom's trafilatura
    options (for --sweep); ``drops`` collects the text of every dropped line."""
    from sitroom import html as sitroom_html
    from sitroom.clean import clean
    from sitroom.errors import InputError
    from sitroom.record import Article

    def run(page: str, url: str, name: str) -> str:
        saved = dict(sitroom_html.EXTRACT_OPTIONS)
        sitroom_html.EXTRACT_OPTIONS.update(options or {})
        try:
            doc = sitroom_html.extract_html(page, url, input=name)
        except InputError:
            return ""
        finally:
            sitroom_html.EXTRACT_OPTIONS.clear()
            sitroom_html.EXTRACT_OPTIONS.update(saved)
        article = clean(Article(input=name, raw=doc.text, title=doc.title))
        if drops is not None:
            drops[name] = [d.text for d in doc.dropped + article.dropped]
        return article.text

    return run


def trafilatura_system(**kwargs: bool) -> Callable[[str, str, str], str]:
    import trafilatura

    def run(page: str, url: str, name: str) -> str:
        return trafilatura.extract(page, **kwargs) or ""

    return run


# --- running ----------------------------------------------------------------------

def load(data: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, html, true body) for every page of the benchmark."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        with gzip.open(data / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages.append((key, truth[key].get("url") or "", f.read(), truth[key].get("articleBody") or ""))
    return pages


def evaluate(system: Callable[[str, str, str], str], pages: list[tuple[str, str, str, str]],
             ngram: int) -> tuple[list[Counts], list[str], float]:
    outputs, start = [], time.perf_counter()
    for key, url, page, _ in pages:
        outputs.append(system(page, url, key))
    seconds = time.perf_counter() - start
    counts = [match(true, pred, ngram) for (_, _, _, true), pred in zip(pages, outputs)]
    return counts, outputs, seconds


def table(rows: list[tuple[str, tuple[float, float, float], tuple[float, float, float], int, float]]) -> str:
    width = max(len("system"), *(len(row[0]) for row in rows))
    lines = [f"{'system':<{width}}  {'precision':>13}  {'recall':>13}  {'F1':>13}  pages  seconds"]
    for name, (p, r, f1), (pc, rc, fc), n, sec in rows:
        lines.append(f"{name:<{width}}  {p:.3f} ± {pc:.3f}  {r:.3f} ± {rc:.3f}  {f1:.3f} ± {fc:.3f}  "
                     f"{n:5d}  {sec:7.1f}")
    return "\n".join(lines)


SWEEP: dict[str, dict[str, bool]] = {
    "balanced": {},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
    "no_tables": {"include_tables": False},
    "deduplicate": {"deduplicate": True},
    "with_comments": {"include_comments": True},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="benchmark folder with html/ and ground-truth.json (default: %(default)s)")
    parser.add_argument("--ngram", type=int, default=4, help="shingle size; the benchmark uses 4")
    parser.add_argument("--worst", type=int, default=10,
                        help="list the N pages where sitroom trails trafilatura most")
    parser.add_argument("--lowest", type=int, default=6,
                        help="list the N pages where sitroom's page F1 is lowest")
    parser.add_argument("--sweep", action="store_true",
                        help="also score sitroom under each trafilatura option set")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    parser.add_argument("--dump", type=Path, help="write every system's output as JSON here")
    args = parser.parse_args(argv)

    data = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    if not (data / "ground-truth.json").exists():
        parser.error(f"no ground-truth.json under {data}")
    pages = load(data)

    drops: dict[str, list[str]] = {}
    baseline = "trafilatura (include_comments=False)"
    systems: list[tuple[str, Callable[[str, str, str], str]]] = [
        ("sitroom", sitroom_system(drops=drops)),
        ("trafilatura (defaults)", trafilatura_system()),
        (baseline, trafilatura_system(include_comments=False)),
    ]
    if args.sweep:
        systems += [(f"sitroom [{name}]", sitroom_system(opts)) for name, opts in SWEEP.items()]

    rows, results = [], {}
    for name, system in systems:
        counts, outputs, seconds = evaluate(system, pages, args.ngram)
        rows.append((name, summary(counts), bootstrap(counts), len(pages), seconds))
        results[name] = (counts, outputs)
        print(f"{name}: done in {seconds:.1f}s", file=sys.stderr)

    import trafilatura

    command = " ".join(["python bench/extraction.py", *(argv if argv is not None else sys.argv[1:])])
    sit_counts, sit_out = results["sitroom"]
    base_counts, _ = results[baseline]
    d = [x - y for x, y in zip(summary(sit_counts), summary(base_counts))]
    dc = bootstrap(sit_counts, base_counts)
    report = [
        f"# {command}",
        f"# {datetime.date.today().isoformat()}, trafilatura {trafilatura.__version__}, "
        f"{len(pages)} pages of {data.name}",
        f"# metric: the benchmark's evaluate.py: {args.ngram}-token shingles of \\w+ tokens, tp/fp/fn "
        "normalised per page,",
        "#   precision and recall macro-averaged over pages, F1 of those two means; ± is 1.96 sd "
        "over 1000 page resamples",
        "# sitroom = extract_html (trafilatura bare_extraction, include_comments=False) then clean()",
        "# published anchor: trafilatura 2.0.0 F1 0.958 ± 0.006 (run with include_comments=False)",
        "",
        table(rows),
        "",
        f"sitroom minus {baseline}, paired: precision {d[0]:+.3f} ± {dc[0]:.3f}, "
        f"recall {d[1]:+.3f} ± {dc[1]:.3f}, F1 {d[2]:+.3f} ± {dc[2]:.3f}",
    ]

    truth = {key: true for key, _, _, true in pages}
    losses = sorted(
        ((page_f1(b) - page_f1(s), key, s, b) for (key, *_), s, b in zip(pages, sit_counts, base_counts)),
        reverse=True)
    if args.worst:
        report += ["", f"pages where sitroom trails {baseline} most, by page F1, with the dropped",
                   "lines that the ground truth keeps:",
                   f"{'id':<16}  {'sitroom':>7}  {'traf.':>7}  {'P':>5}  {'R':>5}  url"]
        urls = {key: url for key, url, *_ in pages}
        for diff, key, s, b in losses[: args.worst]:
            if diff <= 0:
                break
            report.append(f"{key[:16]}  {page_f1(s):7.3f}  {page_f1(b):7.3f}  "
                          f"{_precision(*s):5.2f}  {_recall(*s):5.2f}  {urls[key]}")
            true_text = " ".join(_TOKEN.findall(truth[key]))
            lost = [t for t in drops.get(key, []) if _TOKEN.findall(t)
                    and " ".join(_TOKEN.findall(t)) in true_text]
            for t in lost[:3]:
                report.append(f"{'':18}- {t[:100]}")
    if args.lowest:
        report += ["", f"pages where sitroom's page F1 is lowest (beside {baseline}'s):",
                   f"{'id':<16}  {'sitroom':>7}  {'traf.':>7}  {'P':>5}  {'R':>5}  url"]
        urls = {key: url for key, url, *_ in pages}
        lowest = sorted(zip(pages, sit_counts, base_counts), key=lambda t: page_f1(t[1]))
        for (key, *_), s, b in lowest[: args.lowest]:
            report.append(f"{key[:16]}  {page_f1(s):7.3f}  {page_f1(b):7.3f}  "
                          f"{_precision(*s):5.2f}  {_recall(*s):5.2f}  {urls[key]}")
    text = "\n".join(report) + "\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    if args.dump:
        args.dump.write_text(json.dumps(
            {name: {key: out for (key, *_), out in zip(pages, outputs)}
             for name, (_, outputs) in results.items()}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
