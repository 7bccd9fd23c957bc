"""Quote and attribution benchmark: sitroom's quote finder beside textacy's.

Data: PolNeAR v1.0.0 (political news attribution relations; BRAT standoff,
``{dev,test}/text/*.txt`` and ``{dev,test}/attributions/*.ann``). Every
``Attribution`` relation has a CUE, a CONTENT and usually a SOURCE; spans may
be discontinuous. Articles annotated by several annotators (two per split)
are scored against the annotation file that sorts first. PolNeAR has no
licence: it is read here for evaluation only; nothing is trained on it and
none of its text goes into the repository (``--errors`` prints examples of
sitroom's errors to the terminal, never to a file, and only from dev: rules are
written from dev errors, test is only scored).

Each article goes through sitroom as a user would run it: ``clean``, the spaCy
parse, ``actors.resolve`` and ``quotes.find_quotes`` (the stages before quotes
that quotes does not read are skipped). Cleaning moves the headline to the
title, drops junk lines and normalises spaces, so sitroom's offsets are mapped
back to the original text by aligning each cleaned paragraph with the line it
came from (characters that do not align are counted and printed). The
baseline, textacy's ``extract.triples.direct_quotations``, runs on the same
parse; it raises on an odd number of quote marks, and such an article counts
as predicting nothing (the number is printed).

Scoring, per split, for all attributions and for direct ones only:

- A prediction is one attribution: sitroom quotes that share a cue token, a
  mixed quote with the quoted words inside it, and a quote with the quotes
  that continue it in the same paragraph are one prediction with several
  content fragments (as PolNeAR annotates "“A,” said X. “B.”"; a quote
  continued in the next paragraph is annotated apart); the same for textacy
  triples that share a cue. Such a group is ``direct`` when one of its quotes
  is. A content interrupted by its attribution ("The museum, Bush said, will
  …") is scored on its ``parts``.
- source, cue and content are scored as three sets of spans, one-to-one (a
  span predicted twice counts once).
  ``exact``: the same alphanumeric characters (quote marks, punctuation,
  spaces and a leading complementiser "that" are ignored, so “A,” matches A).
  ``overlap``: any shared character (greedy, largest overlap first).
  ``cov.3``: the content covers more than 30% of the gold content's
  characters (the GenderGapTracker criterion, greedy in gold order).
- speaker accuracy: among content pairs matched by overlap (or cov.3) whose
  gold has a source, the share whose predicted speaker span overlaps the gold
  source (a missing speaker is wrong).
- direct: gold contents that open and close with a quote mark, against
  predictions of kind ``direct``; a direct prediction that overlaps a
  non-direct gold content is set aside (neither right nor wrong).

    .venv/bin/python bench/quotes.py [--data DIR] [--split dev test] [--errors N]

writes the table, with sitroom's error classes on dev, to
``bench/results/quotes.txt``.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "polnear"
RESULTS = REPO / "bench" / "results" / "quotes.txt"

Frag = tuple[int, int]
QUOTE_MARKS = "\"'“”‘’«»„‹›"
_ANCHORS = ("# published anchors: GenderGapTracker (own corpus) quote F1 83.7 at cov.3, speaker "
            "accuracy 86.5;\n#   BBC Citron (PARC 3.0) source F1 82.0, content overlap F1 83.3")


# --- data ----------------------------------------------------------------------------

@dataclass
class Attribution:
    """One gold relation or one prediction, in original-text offsets."""

    source: list[Frag] = field(default_factory=list)
    cue: list[Frag] = field(default_factory=list)
    content: list[Frag] = field(default_factory=list)
    kind: str = "indirect"  # direct for quoted contents
    label: str = ""  # predictions: the quote ids, for error listings


@dataclass
class Item:
    name: str
    text: str
    gold: list[Attribution]
    sitroom: list[Attribution] = field(default_factory=list)
    textacy: list[Attribution] = field(default_factory=list)
    textacy_failed: bool = False
    unaligned: int = 0  # cleaned non-space characters that did not map to the same character
    dropped_gold: int = 0  # gold contents wholly in text the cleaner dropped


def _frags(spec: str) -> list[Frag]:
    out = []
    for part in spec.split(";"):
        s, e = part.split()
        out.append((int(s), int(e)))
    return out


def is_direct(text: str, content: list[Frag]) -> bool:
    """A gold content in quotation marks: every fragment opens and closes with one."""
    for s, e in content:
        frag = text[s:e].strip().rstrip(".,;:!?—– ").strip()
        frag = frag.lstrip(".,;:—– ")
        if len(frag) < 2 or frag[0] not in QUOTE_MARKS or frag[-1] not in QUOTE_MARKS:
            # "“…,” he said." keeps its final mark before the punctuation trimmed above
            if not (len(frag) >= 2 and frag[0] in QUOTE_MARKS and frag[-2:-1] in QUOTE_MARKS):
                return False
    return bool(content)


def read_ann(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[Frag]]] = {}
    rels: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, body = line.split("\t")[:2]
            label, _, spec = body.partition(" ")
            spans[tid] = (label, _frags(spec))
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            rels.append(roles)
    out = []
    for roles in rels:
        a = Attribution()
        for role, attr in (("Source", "source"), ("Cue", "cue"), ("Content", "content")):
            for tid in roles.get(role, []):
                if tid in spans:
                    getattr(a, attr).extend(spans[tid][1])
        if not a.content:
            continue
        a.kind = "direct" if is_direct(text, a.content) else "indirect"
        out.append(a)
    return out


def load(data: Path, split: str) -> list[Item]:
    items = []
    anns = sorted((data / split / "attributions").glob("*.ann"))
    seen: set[str] = set()
    for ann in anns:
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if name in seen:
            continue  # a second annotator of the same article
        seen.add(name)
        txt = data / split / "text" / f"{name}.txt"
        text = txt.read_text(encoding="utf-8")
        items.append(Item(name, text, read_ann(ann, text)))
    return items


# --- mapping cleaned offsets back -----------------------------------------------------

def align(raw: str, clean: str) -> list[int]:
    """For each character of the cleaned text, its index in the raw text.

    Cleaning keeps or drops whole lines and normalises inside a line, so each
    cleaned paragraph is matched to the raw line it came from (the next line,
    in order, that normalises to it, else the most similar of the next few)
    and aligned character by character within it."""
    from sitroom.clean import normalize

    lines, pos = [], 0
    for ln in raw.split("\n"):
        lines.append((pos, ln))
        pos += len(ln) + 1
    out = [-1] * len(clean)
    cursor = 0
    for m in re.finditer(r"[^\n]+", clean):
        para, p0 = m.group(0), m.start()
        best = None
        for j in range(cursor, len(lines)):
            if normalize(lines[j][1]) == para:
                best = j
                break
        if best is None:
            window = range(cursor, min(len(lines), cursor + 40))
            scored = [(difflib.SequenceMatcher(None, para, lines[j][1], autojunk=False).ratio(), j)
                      for j in window if lines[j][1].strip()]
            if not scored:
                continue
            best = max(scored)[1]
        l0, line = lines[best]
        cursor = best + 1
        sm = difflib.SequenceMatcher(None, para, line, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            for k in range(i1, i2):
                if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                    out[p0 + k] = l0 + j1 + (k - i1)
                else:
                    out[p0 + k] = l0 + min(j1 + (k - i1), max(j1, j2 - 1))
    # Unmapped characters (paragraph breaks) take their left neighbour's place.
    last = 0
    for i, v in enumerate(out):
        if v < 0:
            out[i] = last
        else:
            last = v
    return out


def to_raw(amap: list[int], span: tuple[int, int] | None) -> list[Frag]:
    if not span or span[1] <= span[0] or not amap:
        return []
    s, e = span
    return [(amap[min(s, len(amap) - 1)], amap[min(e - 1, len(amap) - 1)] + 1)]


# --- running the systems ----------------------------------------------------------------

def _merge(preds: list[tuple[str | None, Attribution]]) -> list[Attribution]:
    """Predictions sharing a group key (a cue, or the quote a paragraph
    continues) become one attribution with several content fragments."""
    out: list[Attribution] = []
    by_key: dict[str, Attribution] = {}
    for key, a in preds:
        if key is not None and key in by_key:
            m = by_key[key]
            m.content.extend(a.content)
            m.label += "+" + a.label
            if a.kind == "direct":
                m.kind = "direct"  # a quoted part of the attribution
            for f in a.source:
                if f not in m.source:
                    m.source.append(f)
            continue
        if key is not None:
            by_key[key] = a
        out.append(a)
    return out


def sitroom_predictions(art, amap: list[int]) -> list[Attribution]:
    root: dict[str, str] = {}
    start = {q.id: q.span[0] for q in art.quotes}
    preds = []
    for q in art.quotes:
        key = None
        if q.continues and "\n" not in art.text[start.get(q.continues, 0): q.span[0]]:
            key = root.get(q.continues, q.continues)  # "“A,” she said. “B.”": one attribution
        elif q.cue_span:
            key = f"cue{q.cue_span[0]}"
        root[q.id] = key or q.id
        if key is None:
            key = q.id
        a = Attribution(source=to_raw(amap, q.speaker.span if q.speaker else None),
                        cue=to_raw(amap, q.cue_span),
                        content=[f for p in (getattr(q, "parts", None) or [q.span]) for f in to_raw(amap, p)],
                        kind="direct" if q.kind == "direct" else "indirect", label=q.id)
        preds.append((key, a))
    # The quoted words of a mixed quote are part of it: '… said drugs were a
    # “very big factor”' is one attribution however the cues were found.
    reported = [(key, chars(a.content)) for key, a in preds if a.kind != "direct"]
    for n, (key, a) in enumerate(preds):
        if a.kind == "direct":
            inside = chars(a.content)
            host = next((k for k, c in reported if inside <= c), None)
            if host is not None:
                preds[n] = (host, a)
    return _merge(preds)


def textacy_predictions(doc, amap: list[int]) -> tuple[list[Attribution], bool]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return [], True
    preds = []
    for n, t in enumerate(triples):
        spk = (t.speaker[0].idx, t.speaker[-1].idx + len(t.speaker[-1].text)) if t.speaker else None
        cue = (t.cue[0].idx, t.cue[-1].idx + len(t.cue[-1].text)) if t.cue else None
        a = Attribution(source=to_raw(amap, spk), cue=to_raw(amap, cue),
                        content=to_raw(amap, (t.content.start_char, t.content.end_char)),
                        kind="direct", label=f"t{n + 1}")
        preds.append((f"cue{cue[0]}" if cue else None, a))
    return _merge(preds), False


def run_systems(items: list[Item]) -> None:
    from sitroom import actors, quotes
    from sitroom import nlp as sitroom_nlp
    from sitroom.errors import InputError
    from sitroom.inputs import Source
    from sitroom.pipeline import prepare

    model = sitroom_nlp.load()
    arts = []
    for it in items:
        try:
            arts.append(prepare(Source(input=it.name, text=it.text)))
        except InputError:
            arts.append(None)
    ok = [(it, a) for it, a in zip(items, arts) if a is not None]
    for (it, art), doc in zip(ok, model.pipe((a.text for _, a in ok), batch_size=16)):
        art.doc = doc
        actors.resolve(art)
        quotes.find_quotes(art)
        amap = align(it.text, art.text)
        it.unaligned = sum(1 for i, c in enumerate(art.text)
                           if not c.isspace() and it.text[amap[i]] != c)
        kept = set(amap)
        it.dropped_gold = sum(1 for g in it.gold if not any(i in kept for s, e in g.content
                                                             for i in range(s, e)))
        it.sitroom = sitroom_predictions(art, amap)
        it.textacy, it.textacy_failed = textacy_predictions(doc, amap)


# --- scoring -------------------------------------------------------------------------------

def chars(frags: Iterable[Frag]) -> frozenset[int]:
    return frozenset(i for s, e in frags for i in range(s, e))


def alnum_key(text: str, idx: frozenset[int]) -> frozenset[int]:
    """The alphanumeric characters of a span, without a leading complementiser 'that'."""
    keep = sorted(i for i in idx if text[i].isalnum())
    if keep:
        first_word = re.match(r"\w+", text[keep[0]:keep[0] + 20])
        if first_word and first_word.group(0).lower() == "that" and len(keep) > 4:
            keep = keep[4:]
    return frozenset(keep)


@dataclass
class Counts:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.gold += other.gold
        self.pred += other.pred

    def prf(self) -> tuple[float, float, float]:
        p = 100 * self.tp / self.pred if self.pred else 0.0
        r = 100 * self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def overlap_pairs(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[tuple[int, int]]:
    cands = sorted(((len(g & p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if g & p), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def coverage_pairs(gold: list[frozenset[int]], pred: list[frozenset[int]],
                   threshold: float = 0.3) -> list[tuple[int, int]]:
    used, pairs = set(), []
    for gi, g in enumerate(gold):
        best, score = None, threshold
        for pi, p in enumerate(pred):
            if pi in used or not g:
                continue
            c = len(g & p) / len(g)
            if c > score:
                best, score = pi, c
        if best is not None:
            used.add(best)
            pairs.append((gi, best))
    return pairs


@dataclass
class Score:
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    cov: Counts = field(default_factory=Counts)
    spk: Counter = field(default_factory=Counter)  # right/total over overlap and cov.3 pairs

    def add(self, other: Score) -> None:
        for r in ROLES:
            self.exact[r].add(other.exact[r])
            self.overlap[r].add(other.overlap[r])
        self.cov.add(other.cov)
        self.spk.update(other.spk)


ROLES = ("source", "cue", "content")


def select(gold: list[Attribution], preds: list[Attribution],
           direct: bool) -> tuple[list[Attribution], list[Attribution]]:
    if not direct:
        return gold, preds
    g = [a for a in gold if a.kind == "direct"]
    other = [chars(a.content) for a in gold if a.kind != "direct"]
    p = [a for a in preds if a.kind == "direct"
         and not any(chars(a.content) & o for o in other)]
    return g, p


def score_item(text: str, gold: list[Attribution], preds: list[Attribution]) -> tuple[Score, dict]:
    sc = Score()
    detail: dict = {}
    for role in ROLES:
        g_sets = [chars(getattr(a, role)) for a in gold if getattr(a, role)]
        p_all = [frozenset(chars(getattr(a, role))) for a in preds if getattr(a, role)]
        p_sets = list(dict.fromkeys(p_all))  # the same span predicted twice is one prediction
        g_keys = Counter(alnum_key(text, s) for s in g_sets)
        p_keys = Counter(alnum_key(text, s) for s in p_sets)
        sc.exact[role] = Counts(sum((g_keys & p_keys).values()), len(g_sets), len(p_sets))
        pairs = overlap_pairs(g_sets, p_sets)
        sc.overlap[role] = Counts(len(pairs), len(g_sets), len(p_sets))
    g_content = [chars(a.content) for a in gold]
    p_content = [chars(a.content) for a in preds]
    for mode, pairs in (("overlap", overlap_pairs(g_content, p_content)),
                        ("cov", coverage_pairs(g_content, p_content))):
        if mode == "cov":
            sc.cov = Counts(len(pairs), len(gold), len(preds))
        for gi, pi in pairs:
            if not gold[gi].source:
                continue
            sc.spk[f"{mode}_total"] += 1
            if chars(gold[gi].source) & chars(preds[pi].source):
                sc.spk[f"{mode}_right"] += 1
        detail[mode] = pairs
    return sc, detail


# --- errors (dev only) -------------------------------------------------------------------------

def error_classes(items: list[Item]) -> Counter:
    """Counts of sitroom's errors by kind. A missed reported attribution is
    told apart by whether its cue has a verb of ``cues.tsv`` (lemmatised by
    the same spaCy model) or none: the lexicon's reach."""
    from sitroom import nlp as sitroom_nlp
    from sitroom.speakers import cues

    model = sitroom_nlp.load()
    lexicon = cues()
    cls: Counter = Counter()
    for it in items:
        _, d = score_item(it.text, it.gold, it.sitroom)
        matched_g = {g for g, _ in d["overlap"]}
        matched_p = {p for _, p in d["overlap"]}
        for gi, g in enumerate(it.gold):
            if gi in matched_g:
                continue
            cue = " ".join(it.text[s:e] for s, e in g.cue)
            if g.kind == "direct":
                cls["missed direct"] += 1
            elif "according" in cue.lower():
                cls["missed 'according to'"] += 1
            elif not re.search(r"\w", cue):
                cls["missed, punctuation cue (colon, dash)"] += 1
            elif any(t.lemma_.lower() in lexicon for t in model(cue) if t.pos_ in ("VERB", "AUX")):
                cls["missed reported, cue verb in cues.tsv"] += 1
            else:
                cls["missed reported, cue not in cues.tsv"] += 1
        for pi, p in enumerate(it.sitroom):
            if pi not in matched_p:
                cls[f"spurious {p.kind}"] += 1
        for gi, pi in d["overlap"]:
            g, p = it.gold[gi], it.sitroom[pi]
            if g.source and not p.source:
                cls["speaker: none given"] += 1
            elif g.source and not (chars(g.source) & chars(p.source)):
                cls["speaker: other span"] += 1
            if g.cue and p.cue and not (chars(g.cue) & chars(p.cue)):
                cls["cue: other word"] += 1
    return cls


def print_errors(items: list[Item], n: int) -> None:
    def show(text: str, frags: list[Frag]) -> str:
        return " / ".join(text[s:e] for s, e in frags)[:160].replace("\n", " ")

    shown = Counter()
    for it in items:
        _, d = score_item(it.text, it.gold, it.sitroom)
        mg = {g: p for g, p in d["overlap"]}
        mp = {p for _, p in d["overlap"]}
        for gi, g in enumerate(it.gold):
            if gi not in mg and shown["missed"] < n:
                shown["missed"] += 1
                print(f"MISS {g.kind:<8} src[{show(it.text, g.source)}] cue[{show(it.text, g.cue)}] "
                      f"{show(it.text, g.content)}", file=sys.stderr)
            elif gi in mg and g.source and shown["speaker"] < n:
                p = it.sitroom[mg[gi]]
                if not chars(g.source) & chars(p.source):
                    shown["speaker"] += 1
                    print(f"SPK  gold[{show(it.text, g.source)}] sys[{show(it.text, p.source)}] "
                          f"cue[{show(it.text, p.cue)}] {show(it.text, g.content)[:80]}", file=sys.stderr)
        for pi, p in enumerate(it.sitroom):
            if pi not in mp and shown["spurious"] < n:
                shown["spurious"] += 1
                print(f"FP   {p.kind:<8} src[{show(it.text, p.source)}] cue[{show(it.text, p.cue)}] "
                      f"{show(it.text, p.content)}", file=sys.stderr)


# --- report --------------------------------------------------------------------------------------

HEADER = (f"{'split':<5} {'subset':<6} {'system':<8} {'span':<8} {'gold':>5} {'pred':>5}  "
          f"{'exact P':>7} {'R':>5} {'F1':>5}  {'overlap P':>9} {'R':>5} {'F1':>5}")


def table(split: str, subset: str, system: str, sc: Score) -> list[str]:
    rows = []
    for role in ROLES:
        ex, ov = sc.exact[role], sc.overlap[role]
        rows.append(f"{split:<5} {subset:<6} {system:<8} {role:<8} {ov.gold:>5} {ov.pred:>5}  "
                    f"{ex.prf()[0]:>7.1f} {ex.prf()[1]:>5.1f} {ex.prf()[2]:>5.1f}  "
                    f"{ov.prf()[0]:>9.1f} {ov.prf()[1]:>5.1f} {ov.prf()[2]:>5.1f}")
    c = sc.cov.prf()
    acc_o = 100 * sc.spk["overlap_right"] / max(1, sc.spk["overlap_total"])
    acc_c = 100 * sc.spk["cov_right"] / max(1, sc.spk["cov_total"])
    rows.append(f"{'':<20} content cov.3 P/R/F1 {c[0]:.1f} {c[1]:.1f} {c[2]:.1f}; speaker accuracy "
                f"{acc_o:.1f} (overlap, n={sc.spk['overlap_total']}), {acc_c:.1f} (cov.3, "
                f"n={sc.spk['cov_total']})")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the PolNeAR data directory")
    parser.add_argument("--split", nargs="+", default=["dev", "test"], choices=["dev", "test"])
    parser.add_argument("--errors", type=int, default=0,
                        help="print N examples of each sitroom error on dev to stderr (never test)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    args = parser.parse_args(argv)
    if not args.data.exists():
        parser.error(f"no PolNeAR data at {args.data}")

    import spacy
    import textacy

    from sitroom import nlp as sitroom_nlp

    lines: list[str] = []
    notes: list[str] = []
    classes: Counter | None = None
    t0 = time.time()
    for split in args.split:
        items = load(args.data, split)
        run_systems(items)
        for subset, direct in (("all", False), ("direct", True)):
            for system in ("sitroom", "textacy"):
                total = Score()
                for it in items:
                    preds = it.sitroom if system == "sitroom" else it.textacy
                    g, p = select(it.gold, preds, direct)
                    total.add(score_item(it.text, g, p)[0])
                lines.extend(table(split, subset, system, total))
            lines.append("")
        notes.append(f"# {split}: {len(items)} articles, {sum(len(i.gold) for i in items)} gold "
                     f"attributions ({sum(a.kind == 'direct' for i in items for a in i.gold)} direct); "
                     f"{sum(i.dropped_gold for i in items)} gold contents lie wholly in text the cleaner "
                     f"dropped (headlines); {sum(i.unaligned for i in items)} cleaned characters "
                     f"misaligned; textacy raised on {sum(i.textacy_failed for i in items)} articles")
        if split == "dev":
            classes = error_classes(items)
            if args.errors:
                print_errors(items, args.errors)

    command = "python bench/quotes.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = [
        f"# {command.strip()}",
        f"# {datetime.date.today().isoformat()}, spaCy {spacy.__version__} "
        f"({sitroom_nlp.model_name()}), textacy {textacy.__version__}; PolNeAR v1.0.0, "
        f"{time.time() - t0:.0f}s",
        *notes,
        "# exact: same alphanumeric characters (quote marks, punctuation, a leading 'that' ignored);",
        "# overlap: any shared character, one-to-one; cov.3: > 30% of the gold content covered.",
        "# speaker accuracy: matched contents whose predicted speaker overlaps the gold source.",
        "# direct: quoted gold contents against direct predictions. Percentages.",
        _ANCHORS,
        "",
        HEADER,
        *lines,
    ]
    if classes:
        report += ["sitroom error classes on dev (count):",
                   "  " + ", ".join(f"{k} {v}" for k, v in classes.most_common())]
    text = "\n".join(report) + "\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
