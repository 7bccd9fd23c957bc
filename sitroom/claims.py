"""Claims: each attributed proposition, with its source and stance.

A claim comes from every quote with a speaker (direct, indirect, mixed) and
from the article's own voice where it hedges ("is still unclear") or passes
on evidence or reports ("there has been evidence that ..."). Its stance:

- ``denies``: the cue rejects it (deny, reject, dismiss) or the words call it
  false ("groundless rumours", "fake news"), or the speaker says the negation
  ("said it had not sent troops");
- ``hedges``: the words hedge it (highly likely, reportedly, unclear, could
  not confirm), or the cue is one of belief (believe, estimate), or the cue
  is itself negated ("declined to confirm");
- ``reports``: the speaker passes on others' reports ("pointing to reports
  that ...");
- ``asserts``: otherwise (says, confirms, announces).
Stance words come from ``data/stance_terms.tsv``. A claim that labels
something said before ("the Kremlin branded these ‘fake news’") points to
the claim it answers with ``target``.

Reads: ``article.doc``, ``article.quotes``. Writes: ``article.claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from .gazetteer import read_tsv
from .quotes import Quote, Speaker, cues
from .nlp import doc_text
from .record import Article

_NEGATING_HEADS = {"decline", "refuse", "fail"}
_ANAPHORA = {"these", "this", "that", "those", "it", "them", "such"}
_REPORT_NOUNS = {"report", "reports", "claim", "claims", "allegation", "allegations", "rumour",
                 "rumours", "rumor", "rumors", "suggestion", "suggestions", "speculation"}
_EVIDENCE_NOUNS = {"evidence", "sign", "signs", "indication", "indications", "proof"}


@lru_cache(maxsize=1)
def _terms() -> list[tuple[re.Pattern[str], str, str]]:
    rows = sorted(read_tsv("stance_terms.tsv"), key=lambda r: -len(r["term"]))
    return [(re.compile(rf"\b{re.escape(r['term'])}\b", re.I), r["stance"], r["weight"]) for r in rows]


def stance_words(text: str, strong_only: bool = False) -> tuple[str | None, str | None]:
    """(stance, the word that says it) from stance terms in a text. Terms of
    weight ``article`` are left to ``stance.py`` (an article's stance toward a
    story), as they mean other things inside a quote."""
    for pattern, stance, weight in _terms():
        if weight == "article" or (strong_only and weight != "strong"):
            continue
        m = pattern.search(text)
        if m:
            return stance, m.group(0)
    return None, None


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    span: tuple[int, int]
    source: Speaker | None
    stance: str
    quote: str | None = None
    event: str | None = None
    cue: str | None = None
    marker: str | None = None  # the word that set the stance, when not the cue
    target: str | None = None  # the claim this one answers ("these", "the reports")
    sentence: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "text": self.text, "span": list(self.span),
            "source": self.source.to_dict() if self.source else None,
            "stance": self.stance, "quote": self.quote, "event": self.event,
            "cue": self.cue, "marker": self.marker, "target": self.target,
        }


def _cue_negated(doc: Doc, q: Quote) -> bool:
    """'declined to confirm', 'did not deny', 'would not say'."""
    if q.cue_span is None:
        return False
    tok = doc.char_span(*q.cue_span, alignment_mode="expand")
    if tok is None:
        return False
    t = tok.root
    if any(c.dep_ == "neg" for c in t.children):
        return True
    return t.dep_ == "xcomp" and t.head.lemma_ in _NEGATING_HEADS


def _content_negated(doc: Doc, span: tuple[int, int]) -> bool:
    """The main verb of the content is negated: 'it had not sent troops'."""
    sp = doc.char_span(*span, alignment_mode="expand")
    if sp is None:
        return False
    root = sp.root
    return any(c.dep_ == "neg" for c in root.children) or any(
        t.lower_ in ("never", "no") and t.head == root for t in sp)


def stance_of(q: Quote, doc: Doc) -> tuple[str, str | None]:
    """The stance of a quote's speaker toward its content, and the marker."""
    cue = cues().get(q.cue_lemma or "")
    if q.cue_lemma == "according to":
        cue = cues()["say"]
    base = cue.stance if cue else "asserts"
    kind = cue.kind if cue else "say"
    if _cue_negated(doc, q):
        if base == "denies":
            return "hedges", f"not {q.cue}"  # "did not deny"
        return "hedges", f"not {q.cue}"  # "declined to confirm"
    found, word = stance_words(q.text, strong_only=kind == "act")
    if found == "denies":
        return "denies", word
    if base in ("denies", "reports"):
        return base, None
    if found in ("hedges", "reports"):
        return found, word
    if base in ("hedges", "reports"):
        return base, None
    if q.kind != "direct" and _content_negated(doc, q.span) and kind == "say":
        return "denies", "not"
    return "asserts", None


def find_claims(article: Article) -> Article:
    doc = article.doc
    claims: list[Claim] = []
    covered: list[tuple[int, int]] = []
    for q in article.quotes:
        if q.speaker is None and q.continues is None:
            continue
        stance, marker = stance_of(q, doc)
        c = Claim(id="", text=q.text, span=q.span, source=q.speaker, stance=stance,
                  quote=q.id, cue=q.cue, marker=marker, sentence=q.sentence)
        # A label for what was said before: "branded these ‘fake news’".
        cue = cues().get(q.cue_lemma or "")
        if cue is not None and (cue.kind == "label" or cue.lemma in ("deny", "reject", "dismiss")) \
                and q.cue_span is not None:
            tok = doc.char_span(*q.cue_span, alignment_mode="expand")
            if tok is not None:
                objs = [ch for ch in tok.root.children if ch.dep_ in ("dobj", "nsubjpass")]
                if any(o.lower_ in _ANAPHORA or o.lemma_.lower() in _REPORT_NOUNS or
                       any(ch.lower_ in _ANAPHORA for ch in o.children) for o in objs):
                    c.target = "?"
        claims.append(c)
        covered.append(q.span)
    claims.extend(_article_voice(article, covered))
    claims.sort(key=lambda c: c.span[0])
    for i, c in enumerate(claims, 1):
        c.id = f"c{i}"
    # Resolve targets: the nearest earlier claim that is not itself a label.
    for i, c in enumerate(claims):
        if c.target == "?":
            c.target = next((p.id for p in reversed(claims[:i])
                             if p.target is None and p.source is not None
                             and p.span[1] <= c.span[0] and len(p.text.split()) > 3), None)
    article.claims = claims
    return article


def _article_voice(article: Article, covered: list[tuple[int, int]]) -> list[Claim]:
    """Hedged statements and 'evidence/reports that ...' in the writer's voice."""
    doc = article.doc
    out: list[Claim] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if any(a < e and s < b for a, b in covered):
            continue
        body = sent.text.strip()
        if not body or len(body.split()) < 4:
            continue
        # "reports that X" / "evidence that X": the proposition is the clause.
        for tok in sent:
            low = tok.lower_
            if low in _REPORT_NOUNS | _EVIDENCE_NOUNS:
                for child in tok.children:
                    if child.dep_ in ("acl", "ccomp") and child.i > tok.i:
                        first = child.left_edge.i
                        if doc[first].lower_ == "that":
                            first += 1
                        span = doc[first: child.right_edge.i + 1]
                        stance = "reports" if low in _REPORT_NOUNS else "asserts"
                        hedge, word = stance_words(span.text, strong_only=True)
                        out.append(Claim(id="", text=span.text, span=(span.start_char, span.end_char),
                                         source=None, stance=hedge or stance, marker=word or tok.text,
                                         sentence=(s, e)))
                        covered.append((span.start_char, span.end_char))
        if any(a < e and s < b for a, b in covered):
            continue
        stance, word = stance_words(body, strong_only=True)
        if stance == "hedges":
            ce = e
            while ce > s and doc_text(doc)[ce - 1] in " .\n":
                ce -= 1
            out.append(Claim(id="", text=doc_text(doc)[s:ce], span=(s, ce), source=None,
                             stance="hedges", marker=word, sentence=(s, e)))
    return out
