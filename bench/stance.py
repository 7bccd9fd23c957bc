"""Stance benchmark: ``sitroom.stance.stance_toward`` on FNC-1, beside same-run baselines.

Data (``--data``, default ``../shared/eval/fnc1`` from the repository root):
``competition_test_bodies.csv`` (904 bodies) and ``competition_test_stances.csv``
(25,413 labelled headline-body pairs). FNC-1 has no licence: it is used here to
evaluate only; nothing in sitroom is trained on it.

Each body runs once through sitroom's pipeline (``sitroom.pipeline.read_all``,
records kept in memory); each pair is scored by ``stance_toward(headline,
article)``, mapped asserts -> agree, denies -> disagree, hedges/reports ->
discuss, unrelated -> unrelated.

Split. Every tenth body in file order (positions 0, 10, 20, ...: 91 bodies and
the 2,456 pairs that use them) is the development slice on which every
threshold that was set by looking at data was set: sitroom's ``RELATED`` and
the baselines' cuts (chosen here, in this run, by a grid search on that
slice). Figures are reported on the other 813 bodies (held out) and on all 904
for reference. (The first 10% of bodies was tried first and dropped: its pairs
are 92.5% unrelated against 72.2% over the set, and a relatedness cut set
there was far too strict.)

Baselines, same run:
- ``overlap+discuss``: the majority label among related pairs ("discuss") for
  every pair whose headline-word overlap with the body (share of the
  headline's non-stopword words found in the body) reaches a cut;
- ``tfidf+refute``: TF-IDF cosine (scikit-learn, fitted without labels on the
  test bodies and headlines) with a cut, then "disagree" when the body has at
  least N refuting words (a short list in the style of the official FNC-1
  baseline's features), else "discuss";
- ``gold-rel+discuss`` (reference, not a baseline: it uses the gold
  related/unrelated split) shows what the FNC score gives for the relatedness
  step alone; ``gold-rel+sitroom`` shows sitroom's stance step on its own.

Score: FNC-1's weighted score, 0.25 for a correct related/unrelated decision
plus 0.75 for the exact label of a related pair, as a percentage of the
maximum. Anchors: best team 82.02%, official baseline 79.53%, both on the
competition test set (the hold-out split of the challenge, the same 25,413
pairs as here, with systems trained on the FNC-1 training split, which sitroom
does not use).

    .venv/bin/python bench/stance.py [--data DIR] [--dev-only] [--errors N]

writes the table to ``bench/results/stance.txt``.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "fnc1"
RESULTS = REPO / "bench" / "results" / "stance.txt"

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = ("agree", "disagree", "discuss")
TO_FNC = {"asserts": "agree", "denies": "disagree", "hedges": "discuss", "reports": "discuss",
          "unrelated": "unrelated"}
DEV_EVERY = 10  # the dev slice: bodies at positions 0, 10, 20, ... in file order

# Words that refute, for the cheap baseline (common English; in the spirit of
# the features of the official FNC-1 baseline, not copied from it).
REFUTING = ("fake", "fraud", "hoax", "false", "deny", "denies", "denied", "refute", "refuted",
            "debunk", "debunked", "bogus", "untrue", "not true", "retract", "retracted", "prank",
            "satire", "doubt", "doubts")


def load(data: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    csv.field_size_limit(sys.maxsize)
    with open(data / "competition_test_bodies.csv", encoding="utf-8", newline="") as f:
        bodies = [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(f)]
    with open(data / "competition_test_stances.csv", encoding="utf-8", newline="") as f:
        pairs = [(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(f)]
    return bodies, pairs


# --- scoring ------------------------------------------------------------------

def fnc_score(gold: list[str], pred: list[str]) -> float:
    """FNC-1's weighted score as a percentage of the best possible."""
    got = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 if g == "unrelated" else 1.0
        if g == p:
            got += 0.25
            if g != "unrelated":
                got += 0.5
        if g in RELATED_LABELS and p in RELATED_LABELS:
            got += 0.25
    return 100.0 * got / best if best else 0.0


def f1s(gold: list[str], pred: list[str]) -> dict[str, float]:
    out = {}
    for lab in LABELS:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if p == lab and g != lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def rel_acc(gold: list[str], pred: list[str]) -> float:
    ok = sum(1 for g, p in zip(gold, pred) if (g == "unrelated") == (p == "unrelated"))
    return 100.0 * ok / len(gold) if gold else 0.0


def confusion(gold: list[str], pred: list[str]) -> list[str]:
    c = Counter(zip(gold, pred))
    lines = ["gold \\ pred " + "".join(f"{p:>11}" for p in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<12}" + "".join(f"{c[(g, p)]:>11}" for p in LABELS))
    return lines


# --- baselines ----------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def overlap(headline: str, body_words: set[str], stop: frozenset[str]) -> float:
    words = {w for w in _WORD.findall(headline.lower()) if w not in stop}
    return len(words & body_words) / len(words) if words else 0.0


def best_cut(values: list[float], gold: list[str], related_label: list[str]) -> float:
    """The cut on a relatedness value that maximises the FNC score on the dev slice."""
    best, best_score = 0.0, -1.0
    for i in range(0, 101):
        cut = i / 100
        pred = [r if v >= cut else "unrelated" for v, r in zip(values, related_label)]
        s = fnc_score(gold, pred)
        if s > best_score:
            best, best_score = cut, s
    return best


# --- the run --------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--dev-only", action="store_true", help="run the dev slice only (for tuning)")
    ap.add_argument("--errors", type=int, default=0, help="print N wrong dev pairs per gold label")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/results/stance.txt")
    args = ap.parse_args(argv)

    import spacy

    from sitroom import nlp, stance
    from sitroom.errors import InputError
    from sitroom.inputs import Source
    from sitroom.pipeline import read_all

    bodies, pairs = load(args.data)
    dev_ids = {b for i, (b, _) in enumerate(bodies) if i % DEV_EVERY == 0}
    if args.dev_only:
        bodies = [b for b in bodies if b[0] in dev_ids]
        keep = {b for b, _ in bodies}
        pairs = [p for p in pairs if p[1] in keep]

    t0 = time.time()
    articles = {}
    failed: dict[str, str] = {}
    sources = [Source(input=f"fnc1-body-{bid}", text=text) for bid, text in bodies]
    for (bid, _), art in zip(bodies, read_all(sources)):
        if isinstance(art, InputError):
            failed[bid] = art.reason
        else:
            articles[bid] = art
    t_bodies = time.time() - t0

    t1 = time.time()
    gold = [g for _, _, g in pairs]
    sit: list[str] = []
    judgements = []
    for head, bid, _ in pairs:
        art = articles.get(bid)
        if art is None:
            sit.append("discuss")  # an unreadable body: the safe label
            judgements.append(None)
            continue
        j = stance.judge(head, art)
        judgements.append(j)
        sit.append(TO_FNC[j.stance])
    t_pairs = time.time() - t1

    # Baselines.
    stop = _stopwords()
    body_words = {bid: {w for w in _WORD.findall(t.lower()) if w not in stop} for bid, t in bodies}
    ov = [overlap(h, body_words[b], stop) for h, b, _ in pairs]
    from sklearn.feature_extraction.text import TfidfVectorizer

    heads = sorted({h for h, _, _ in pairs})
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    vec.fit([t for _, t in bodies] + heads)
    hv = dict(zip(heads, vec.transform(heads)))
    bv = dict(zip([b for b, _ in bodies], vec.transform([t for _, t in bodies])))
    cos = [float(hv[h].multiply(bv[b]).sum()) for h, b, _ in pairs]
    refute_re = re.compile(r"\b(" + "|".join(re.escape(w) for w in REFUTING) + r")\b", re.I)
    refutes = {bid: len(refute_re.findall(t)) for bid, t in bodies}

    dev = [i for i, (_, b, _) in enumerate(pairs) if b in dev_ids]
    held = [i for i, (_, b, _) in enumerate(pairs) if b not in dev_ids]
    dgold = [gold[i] for i in dev]
    cut_ov = best_cut([ov[i] for i in dev], dgold, ["discuss"] * len(dev))
    cut_cos = best_cut([cos[i] for i in dev], dgold, ["discuss"] * len(dev))
    best_n, best_s = 1, -1.0
    for n in (1, 2, 3, 4, 5):
        pred = [("disagree" if refutes[pairs[i][1]] >= n else "discuss") if cos[i] >= cut_cos
                else "unrelated" for i in dev]
        s = fnc_score(dgold, pred)
        if s > best_s:
            best_n, best_s = n, s
    base1 = ["discuss" if v >= cut_ov else "unrelated" for v in ov]
    base2 = [("disagree" if refutes[b] >= best_n else "discuss") if c >= cut_cos else "unrelated"
             for c, (_, b, _) in zip(cos, pairs)]
    gold_discuss = ["unrelated" if g == "unrelated" else "discuss" for g in gold]
    gold_sit = []
    for (head, bid, g), p in zip(pairs, sit):
        if g == "unrelated":
            gold_sit.append("unrelated")
        elif bid in articles:
            gold_sit.append(TO_FNC[stance.judge(head, articles[bid], related=0.0).stance])
        else:
            gold_sit.append("discuss")

    systems = [("sitroom", sit), ("overlap+discuss", base1), ("tfidf+refute", base2),
               ("gold-rel+discuss", gold_discuss), ("gold-rel+sitroom", gold_sit)]
    out: list[str] = []
    cmd = "python bench/stance.py" + (" " + " ".join(sys.argv[1:]) if len(sys.argv) > 1 else "")
    out.append(f"# {cmd}")
    out.append(f"# {datetime.date.today().isoformat()}, spaCy {spacy.__version__} ({nlp.model_name()}); "
               f"FNC-1 competition test set: {len(bodies)} bodies, {len(pairs)} pairs; "
               f"{len(failed)} bodies rejected by the pipeline {dict(Counter(failed.values()))}")
    n_dev = len(dev_ids & set(articles) | dev_ids & set(failed))
    out.append(f"# dev slice = every {DEV_EVERY}th body in file order ({n_dev} bodies, {len(dev)} pairs): "
               f"thresholds set there; held out = the other {len(bodies) - n_dev} bodies ({len(held)} pairs)")
    out.append(f"# cuts from the dev slice: sitroom RELATED={stance.RELATED} (fixed in the module), "
               f"overlap>={cut_ov:.2f}, tfidf cosine>={cut_cos:.2f}, refuting words>={best_n}")
    out.append(f"# time: pipeline over bodies {t_bodies:.0f} s, pairs {t_pairs:.0f} s")
    out.append("# anchors (same 25,413 pairs, the challenge's hold-out split, trained systems): "
               "best team 82.02, official baseline 79.53")
    out.append("# FNC = weighted score, % of max; rel.acc = related/unrelated accuracy; F1 per class; "
               "macroF1 over the four classes")
    out.append("")
    header = (f"{'split':<9}{'system':<18}{'FNC':>7}{'rel.acc':>9}{'agree':>8}{'disagr':>8}"
              f"{'discuss':>9}{'unrel':>8}{'macroF1':>9}")
    for name, idx in (("held-out", held), ("dev", dev), ("all", list(range(len(pairs))))):
        if not idx:
            continue
        out.append(header if name == "held-out" else "")
        g = [gold[i] for i in idx]
        for sysname, pred in systems:
            p = [pred[i] for i in idx]
            f = f1s(g, p)
            out.append(f"{name:<9}{sysname:<18}{fnc_score(g, p):7.2f}{rel_acc(g, p):9.2f}"
                       f"{100 * f['agree']:8.1f}{100 * f['disagree']:8.1f}{100 * f['discuss']:9.1f}"
                       f"{100 * f['unrelated']:8.1f}{100 * sum(f.values()) / 4:9.1f}")
    for name, idx in (("held-out", held), ("all", list(range(len(pairs))))):
        if not idx:
            continue
        out.append("")
        out.append(f"sitroom confusion, {name} ({len(idx)} pairs):")
        out.extend("  " + line for line in confusion([gold[i] for i in idx], [sit[i] for i in idx]))
    sitroom_counts = Counter(j.stance for j in judgements if j is not None)
    out.append("")
    out.append("sitroom stances before mapping (all pairs): " +
               ", ".join(f"{k} {v}" for k, v in sitroom_counts.most_common()))
    table = "\n".join(out)
    print(table)
    if args.errors:
        _show_errors(pairs, gold, sit, judgements, dev, articles, args.errors)
    if not args.no_write and not args.dev_only:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(table + "\n", encoding="utf-8")
    return 0


def _show_errors(pairs, gold, pred, judgements, dev, articles, n) -> None:  # noqa: ANN001
    """Wrong pairs of the dev slice only (the held-out pairs are not for reading)."""
    shown: Counter[tuple[str, str]] = Counter()
    for i in dev:
        g, p = gold[i], pred[i]
        if g == p or shown[(g, p)] >= n:
            continue
        shown[(g, p)] += 1
        j = judgements[i]
        head, bid, _ = pairs[i]
        print(f"\n--- gold {g} / sitroom {p}  body {bid}: {head}")
        if j is not None:
            print(f"    rel {j.relatedness:.2f} scores { {k: round(v, 2) for k, v in j.scores.items()} }")
            for e in j.evidence[:6]:
                s, t = e["span"]
                print(f"    [{e['match']:.2f}] {e['marks']} {articles[bid].text[s:t][:160]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
