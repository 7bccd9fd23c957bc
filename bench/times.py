"""Time-expression benchmark: sitroom's time stage beside dateparser, on TimeML gold.

Data (``--data``, default ``../shared/eval/temporal`` from the repository root):

- ``te3-platinum/*.tml``: the TempEval-3 platinum test set (20 news documents,
  TimeML 1.2.1). The text is the content of ``<TEXT>`` with the tags removed;
  the publication date is the ``CREATION_TIME`` TIMEX3 in ``<DCT>``.
- ``meantime_english/intra_cross-doc_annotation/*/*.xml``: NewsReader
  MEANTIME, English (120 Wikinews articles, CAT XML). The text is rebuilt from
  the tokens (title, dateline and body, one space between tokens except before
  punctuation); the publication date is the ``CREATION_TIME`` TIMEX3 (for the
  two documents without one, the full date of the dateline, sentence 1). That
  dateline is the document date itself: it is left out of the gold, and system
  expressions overlapping it are left out of the output. Gold TIMEX3 with no
  tokens (implicit times) cannot be found in any text and are left out.
  MEANTIME annotates times only in sentences 0-5 (title, dateline and the
  first four sentences of the body: no TIMEX3 lies beyond, and event mentions
  thin out there too), so the whole text is run but only that part is scored.

Each document becomes an ``Article`` with ``published`` = the document date;
sitroom runs ``article.doc = nlp(text)`` (the project's pipeline,
``sitroom.nlp.load()``) and ``find_times(article)``. The baseline is
``dateparser.search.search_dates(text, languages=['en'], settings={'RELATIVE_BASE':
dct, 'PREFER_DATES_FROM': 'past'})`` (with language detection instead of
``['en']`` it scores within 0.5 points), its dates cut to the precision the
matched words show (a clock time, a day, a week, a month or a year).

Scores, TempEval-3 style, over all gold TIMEX3 but the document date:
extraction precision/recall/F1 with strict (same span) and relaxed (overlapping
span, one-to-one) matching; value accuracy over relaxed matches; and value F1,
where a system expression counts only if it overlaps a gold one and has its
value. Values are compared as TimeML writes them: sitroom's vague references
(its ``ref`` field: PRESENT, PAST, FUTURE) become ``PRESENT_REF``, ``PAST_REF``,
``FUTURE_REF``; durations in decades, centuries and quarters become years and
months on both sides (``P1DE`` = ``P10Y``, ``P1Q`` = ``P3M``), and a trailing
UTC ``Z`` is ignored.

Where the gold carries TimeML's ``mod`` attribute (TE3-platinum does; MEANTIME
does not), sitroom's ``mod`` is scored over relaxed matches: its accuracy on
gold expressions with a mod, and P/R/F1 (a system mod is right when the gold
has the same one). sitroom writes only START, MID, END and APPROX, so gold
mods such as LESS_THAN and MORE_THAN count as misses.

    .venv/bin/python bench/times.py [--data DIR] [--errors N] [--model NAME]

writes the table to ``bench/results/times.txt``.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "temporal"
RESULTS = REPO / "bench" / "results" / "times.txt"

Span = tuple[int, int]


@dataclass
class Timex:
    span: Span
    value: str | None
    type: str = ""
    text: str = ""
    reason: str | None = None  # sitroom's reason when its value is None
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, LESS_THAN, ...


@dataclass
class Doc:
    name: str
    text: str
    dct: datetime.date
    gold: list[Timex]
    exclude: list[Span] = field(default_factory=list)  # the dateline: not scored


# --- loading -------------------------------------------------------------------


def load_te3(folder: Path) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct_el = root.find("DCT/TIMEX3")
        dct = datetime.date.fromisoformat(dct_el.get("value")[:10])
        parts: list[str] = []
        gold: list[Timex] = []

        def walk(el: ET.Element) -> None:
            parts.append(el.text or "")
            for child in el:
                start = sum(map(len, parts))
                walk(child)
                if child.tag == "TIMEX3":
                    end = sum(map(len, parts))
                    gold.append(Timex((start, end), child.get("value"), child.get("type", ""),
                                      mod=child.get("mod")))
                parts.append(child.tail or "")

        walk(root.find("TEXT"))
        text = "".join(parts)
        for g in gold:
            g.text = text[g.span[0]:g.span[1]]
            # TimeML spans may include surrounding blanks: trim them
            s, e = g.span
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            g.span = (s, e)
        docs.append(Doc(path.stem, text, dct, gold))
    return docs


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|\u2019s)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "\u00a3", "\u20ac"}


ANNOTATED_SENTENCES = 5  # MEANTIME: sentences 0-5 (title, dateline, four more)


def load_meantime(folder: Path) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("intra_cross-doc_annotation/*/*.xml")):
        root = ET.parse(path).getroot()
        text = ""
        offsets: dict[str, Span] = {}
        sentence_of: dict[str, int] = {}
        prev_sent, prev_tok = None, None
        for tok in root.iter("token"):
            word = tok.text or ""
            sent = int(tok.get("sentence"))
            if prev_sent is None:
                sep = ""
            elif sent != prev_sent and prev_sent <= 1:
                sep = "\n\n"  # after the title and the dateline
            elif _NO_SPACE_BEFORE.match(word) or prev_tok in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            text += sep
            offsets[tok.get("t_id")] = (len(text), len(text) + len(word))
            sentence_of[tok.get("t_id")] = sent
            text += word
            prev_sent, prev_tok = sent, word
        timexes = []
        for tx in root.iter("TIMEX3"):
            ids = [a.get("t_id") for a in tx.iter("token_anchor")]
            timexes.append((tx, ids))
        dct_value, dct_spans = None, []
        for tx, ids in timexes:
            if tx.get("functionInDocument") == "CREATION_TIME":
                dct_value = tx.get("value")
                dct_spans = [offsets[i] for i in ids]
        if dct_value is None:  # fall back to the full date of the dateline
            for tx, ids in timexes:
                if ids and all(sentence_of[i] == 1 for i in ids) and \
                        re.fullmatch(r"\d{4}-\d\d-\d\d", tx.get("value") or ""):
                    dct_value, dct_spans = tx.get("value"), [offsets[i] for i in ids]
                    break
        if dct_value is None:
            print(f"{path.name}: no document date, skipped", file=sys.stderr)
            continue
        exclude = [(min(s for s, _ in dct_spans), max(e for _, e in dct_spans))] \
            if dct_spans else []
        # only the title, the dateline and the first four sentences have TIMEX3 (and
        # full event) annotation: the rest of the text is run but not scored
        later = [offsets[t] for t, n in sentence_of.items() if n > ANNOTATED_SENTENCES]
        if later:
            exclude.append((min(s for s, _ in later), len(text)))
        gold = []
        for tx, ids in timexes:
            if not ids or tx.get("functionInDocument") == "CREATION_TIME":
                continue
            span = (min(offsets[i][0] for i in ids), max(offsets[i][1] for i in ids))
            if any(_overlap(span, x) for x in exclude):
                continue
            gold.append(Timex(span, tx.get("value"), tx.get("type", ""), text[span[0]:span[1]]))
        docs.append(Doc(path.stem, text, _iso_day(dct_value), gold, exclude))
    return docs


def _iso_day(value: str) -> datetime.date:
    """A document date; one MEANTIME file writes "03-02-2009" for its dateline
    "February 03, 2009", so DD-MM-YYYY is read day first."""
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)
    if m:
        return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return datetime.date.fromisoformat(value[:10])


# --- systems -------------------------------------------------------------------


def sitroom_system(model: str | None) -> Callable[[Doc], list[Timex]]:
    from sitroom import nlp as sitroom_nlp
    from sitroom import times
    from sitroom.record import Article

    nlp = sitroom_nlp.build(model) if model else sitroom_nlp.load()

    def run(doc: Doc) -> list[Timex]:
        article = Article(input=doc.name, text=doc.text, published=doc.dct)
        article.doc = nlp(doc.text)
        times.find_times(article)
        return [Timex(t.span, timeml_value(t), t.kind, t.text, t.reason, t.mod)
                for t in article.times]

    return run


def timeml_value(t) -> str | None:  # noqa: ANN001 - a sitroom TimeExpr
    """A sitroom value as TimeML writes it: a vague reference (``ref``) as
    ``PRESENT_REF``, ``PAST_REF`` or ``FUTURE_REF``."""
    return f"{t.ref}_REF" if t.ref else t.value


_TIME_RX = re.compile(r"\d:\d\d|\b[ap]\.?m\b|\bnoon\b|\bmidnight\b", re.I)
_DAY_RX = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\btoday\b|\byesterday\b|"
                     r"\btomorrow\b|\bdays?\b|\d{1,2}[/.-]\d{1,2}|\b\d{1,2}(st|nd|rd|th)?\b", re.I)
_MONTH_RX = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmonths?\b",
                       re.I)


LANGUAGES: list[str] | None = ["en"]


def dateparser_system() -> Callable[[Doc], list[Timex]]:
    from dateparser.search import search_dates

    def run(doc: Doc) -> list[Timex]:
        base = datetime.datetime.combine(doc.dct, datetime.time(12, 0))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(doc.text, languages=LANGUAGES, settings={
                "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        out, pos = [], 0
        for words, when in found:
            s = doc.text.find(words, pos)
            if s < 0:
                s = doc.text.find(words)
                if s < 0:
                    continue
            else:
                pos = s + len(words)
            out.append(Timex((s, s + len(words)), _cut(words, when), "DATE", words))
        return out

    return run


def _cut(words: str, when: datetime.datetime) -> str:
    """A dateparser date cut to the precision its words show."""
    months = _MONTH_RX.search(words)
    if _TIME_RX.search(words):
        return when.strftime("%Y-%m-%dT%H:%M")
    if re.search(r"\bweeks?\b", words, re.I):
        y, w, _ = when.isocalendar()
        return f"{y}-W{w:02d}"
    if _DAY_RX.search(words) and not re.fullmatch(r"\s*\d{4}\s*", words):
        if months or not re.search(r"\byears?\b", words, re.I):
            return when.date().isoformat()
    if months:
        return when.strftime("%Y-%m")
    return str(when.year)


# --- scoring -------------------------------------------------------------------


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def canonical(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().upper()
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)(DE|CE|Q)", v)
    if m:
        n = float(m.group(1)) * {"DE": 10, "CE": 100, "Q": 3}[m.group(2)]
        unit = "M" if m.group(2) == "Q" else "Y"
        v = f"P{n:g}{unit}"
    v = {"PXDE": "PXY", "PXCE": "PXY", "PXQ": "PXM"}.get(v, v)
    return v.removesuffix("Z")


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    gold_mod: int = 0  # gold TIMEX3 with a mod
    found_mod: int = 0  # of those, relaxed matches
    sys_mod: int = 0  # relaxed matches where the system gives a mod
    right_mod: int = 0  # relaxed matches with the same mod

    def add(self, other: Counts) -> None:
        for f in ("gold", "system", "strict", "relaxed", "value", "gold_mod", "found_mod",
                  "sys_mod", "right_mod"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def pair(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one relaxed matching: exact spans first, then the largest overlaps."""
    pairs, used_g, used_s = [], set(), set()
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if j not in used_s and s.span == g.span:
                pairs.append((g, s))
                used_g.add(i)
                used_s.add(j)
                break
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if i not in used_g and j not in used_s and _overlap(g.span, s.span):
                ov = min(g.span[1], s.span[1]) - max(g.span[0], s.span[0])
                cands.append((-ov, i, j))
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_s:
            pairs.append((gold[i], system[j]))
            used_g.add(i)
            used_s.add(j)
    return pairs


def score(doc: Doc, system: list[Timex]) -> tuple[Counts, dict]:
    system = [s for s in system if not any(_overlap(s.span, x) for x in doc.exclude)]
    pairs = pair(doc.gold, system)
    c = Counts(gold=len(doc.gold), system=len(system))
    c.strict = sum(1 for g, s in pairs if g.span == s.span)
    c.relaxed = len(pairs)
    c.value = sum(1 for g, s in pairs if canonical(g.value) == canonical(s.value)
                  and g.value is not None)
    c.gold_mod = sum(1 for g in doc.gold if g.mod)
    c.found_mod = sum(1 for g, _ in pairs if g.mod)
    c.sys_mod = sum(1 for _, s in pairs if s.mod)
    c.right_mod = sum(1 for g, s in pairs if g.mod and g.mod == s.mod)
    matched_g = {id(g) for g, _ in pairs}
    matched_s = {id(s) for _, s in pairs}
    errors = {
        "missed": [g for g in doc.gold if id(g) not in matched_g],
        "spurious": [s for s in system if id(s) not in matched_s],
        "wrong": [(g, s) for g, s in pairs if canonical(g.value) != canonical(s.value)],
        "mod": [(g, s) for g, s in pairs if g.mod != s.mod],
    }
    return c, errors


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def row(corpus: str, name: str, c: Counts) -> str:
    sp, sr, sf = prf(c.strict, c.system, c.gold)
    rp, rr, rf = prf(c.relaxed, c.system, c.gold)
    vp, vr, vf = prf(c.value, c.system, c.gold)
    acc = c.value / c.relaxed if c.relaxed else 0.0
    return (f"{corpus:<9} {name:<10} {c.gold:>5} {c.system:>5}  "
            f"{100 * sp:5.1f} {100 * sr:5.1f} {100 * sf:5.1f}  "
            f"{100 * rp:5.1f} {100 * rr:5.1f} {100 * rf:5.1f}  {100 * acc:6.1f}  "
            f"{100 * vp:5.1f} {100 * vr:5.1f} {100 * vf:5.1f}")


def mod_row(corpus: str, name: str, c: Counts) -> str:
    if not c.gold_mod:
        return f"{corpus:<9} {name:<10}  (no mod attribute in this gold)"
    p, r, f = prf(c.right_mod, c.sys_mod, c.gold_mod)
    acc = c.right_mod / c.found_mod if c.found_mod else 0.0
    return (f"{corpus:<9} {name:<10} {c.gold_mod:>5} {c.found_mod:>5} {c.sys_mod:>5} "
            f"{c.right_mod:>5}  {100 * acc:6.1f}  {100 * p:5.1f} {100 * r:5.1f} {100 * f:5.1f}")


MOD_HEADER = (f"{'corpus':<9} {'system':<10} {'gold':>5} {'found':>5} {'sys':>5} {'right':>5}  "
              f"{'mod.acc':>6}  {'P':>5} {'R':>5} {'F1':>5}")


HEADER = (f"{'corpus':<9} {'system':<10} {'gold':>5} {'sys':>5}  "
          f"{'strict P':>8} {'R':>5} {'F1':>5}  {'relax P':>7} {'R':>5} {'F1':>5}  "
          f"{'val.acc':>6}  {'value P':>7} {'R':>5} {'F1':>5}")


def error_classes(errors: list[dict]) -> Counter:
    """Rough classes of sitroom's errors."""
    out: Counter = Counter()
    for e in errors:
        for g in e["missed"]:
            gv = g.value or ""
            cls = ("a vague reference (PAST/PRESENT/FUTURE_REF)" if gv.endswith("_REF")
                   else "an anaphoric or underspecified one (X in value)" if "X" in gv
                   else f"other {g.type.lower() or '?'}")
            out[f"missed: {cls}"] += 1
        for s in e["spurious"]:
            what = "a duration or age" if s.type == "duration" else "a " + s.type
            out[f"not in gold: {what}"] += 1
        for g, s in e["wrong"]:
            gv, sv = g.value or "", s.value or ""
            if gv.endswith("_REF") or sv.endswith("_REF"):
                cls = "vague reference (PAST/PRESENT/FUTURE_REF) vs a value"
            elif sv.startswith("T"):
                cls = "clock time, no day in its sentence (gold: the document day)"
            elif not sv:
                cls = ("None: counted from another time (gold resolves it)"
                       if s.reason == "counted from another time, not the publication date"
                       else f"None: {s.reason}")
            elif "X" in gv:
                cls = "gold underspecified (X)"
            elif gv.startswith("P") != sv.startswith("P"):
                cls = "duration vs point ('two years ago', 'the last week')"
            elif gv.startswith("P"):
                cls = "duration length or unit"
            elif "W" in gv and "W" in sv:
                cls = "ISO week number (gold off by one)"
            elif len(gv) == len(sv):
                cls = "same precision, other date (tense, or gold error)"
            else:
                cls = "precision differs"
            out[f"value: {cls}"] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder with te3-platinum/ and meantime_english/ (default: %(default)s)")
    parser.add_argument("--model", help="spaCy model for sitroom (default: sitroom.nlp.load())")
    parser.add_argument("--errors", type=int, default=0,
                        help="print up to N examples of each error class to stderr")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the table")
    args = parser.parse_args(argv)

    data = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    corpora = {"TE3-plat": load_te3(data / "te3-platinum"),
               "MEANTIME": load_meantime(data / "meantime_english")}
    systems = [("sitroom", sitroom_system(args.model))]
    if not args.no_baseline:
        systems.append(("dateparser", dateparser_system()))

    lines, mod_lines, classes = [], [], {}
    for corpus, docs in corpora.items():
        for name, system in systems:
            total, errs = Counts(), []
            t0 = time.perf_counter()
            for doc in docs:
                c, e = score(doc, system(doc))
                total.add(c)
                e["doc"] = doc
                errs.append(e)
            print(f"{corpus} {name}: {time.perf_counter() - t0:.1f}s", file=sys.stderr)
            lines.append(row(corpus, name, total))
            if name == "sitroom":
                mod_lines.append(mod_row(corpus, name, total))
                classes[corpus] = error_classes(errs)
                if args.errors:
                    _print_errors(corpus, errs, args.errors)

    import dateparser
    import spacy

    from sitroom import nlp as sitroom_nlp

    command = "python bench/times.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = [
        f"# {command.strip()}",
        f"# {datetime.date.today().isoformat()}, spaCy {spacy.__version__} "
        f"({args.model or sitroom_nlp.model_name()}), dateparser {dateparser.__version__}; "
        f"TE3-platinum {len(corpora['TE3-plat'])} docs, MEANTIME English "
        f"{len(corpora['MEANTIME'])} docs",
        "# strict: same span; relaxed: overlapping span (one-to-one); val.acc: values right "
        "among relaxed matches;",
        "# value P/R/F1: overlapping span and same value (TempEval-3 'value F1'). Percentages.",
        "# published anchors (TE3-platinum, value F1): HeidelTime 77.6, SUTime 67.4",
        "",
        HEADER,
        *lines,
        "",
        "mod (TimeML START/MID/END/APPROX; the gold also has LESS_THAN, MORE_THAN, ..., which",
        "sitroom does not write): gold: TIMEX3 with a mod; found: those matched (relaxed); sys:",
        "matches where sitroom gives a mod; right: same mod. mod.acc = right/found;",
        "P = right/sys, R = right/gold.",
        "",
        MOD_HEADER,
        *mod_lines,
        "",
        "sitroom error classes (count):",
    ]
    for corpus, cls in classes.items():
        report.append(f"  {corpus}:")
        report += [f"    {v:4d}  {k}" for k, v in cls.most_common()]
    text = "\n".join(report) + "\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


def _print_errors(corpus: str, errs: list[dict], n: int) -> None:
    def ctx(doc: Doc, span: Span) -> str:
        s, e = span
        return (doc.text[max(0, s - 40):s] + "[" + doc.text[s:e] + "]"
                + doc.text[e:e + 30]).replace("\n", " ")

    for kind in ("missed", "spurious", "wrong", "mod"):
        print(f"\n== {corpus} {kind}", file=sys.stderr)
        shown = 0
        for e in errs:
            doc = e["doc"]
            for item in e[kind]:
                if shown >= n:
                    break
                if kind == "mod":
                    g, s = item
                    print(f"  gold {g.mod!s:<9} sys {s.mod!s:<9} {ctx(doc, g.span)} | "
                          f"sys[{s.text}]", file=sys.stderr)
                elif kind == "wrong":
                    g, s = item
                    print(f"  {doc.dct} gold {g.value!s:<14} sys {s.value!s:<14} "
                          f"{ctx(doc, g.span)} | sys[{s.text}]", file=sys.stderr)
                else:
                    print(f"  {doc.dct} {item.value!s:<14} {item.type:<8} {ctx(doc, item.span)}",
                          file=sys.stderr)
                shown += 1


if __name__ == "__main__":
    sys.exit(main())
