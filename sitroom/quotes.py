"""Quotes: who said what, in quotation marks or in reported speech.

Direct quotes are found by pairing quote marks in each paragraph: “…”, "…",
‘…’, «…», „…“, ‹…› and ''…'' (two apostrophes). British single quotes double
as apostrophes, so ’ closes a quote only where it is not inside a word
("Russia’s") and, after a plural "s", only when no later mark could close the
quote instead. A paragraph that opens a quote and never closes it continues
into the next paragraph when that one opens with a quote mark too.

Short quotes of one or two words ("the ‘reported’ actions") are scare quotes,
and quoted titles ("“Face the Nation”") and verbless phrases no one is said
to say are names or mentions: none is speech, none is listed, unless a speech
or labelling verb takes them ("branded these ‘fake news’").

A direct quote's cue and speaker come from its own sentence(s), in order:
- a cue verb of ``data/cues.tsv`` the quote hangs from, else the nearest one
  with a subject ("“…,” Budanov told the website", "said Ryan Ellis, a …");
- any verb with a subject that introduces the quote with a colon or a comma
  ("Limbaugh continued: “…”", "He wrote in a letter:" ending the paragraph
  before, "Trump boasted, “…”") or closes it ("“…,” she continued.");
- "according to X"; a name after a dash ("“…” ― Krystal Correa").
A quote with none of these carries on the speaker of the quote it continues:
the unclosed one before, an earlier quote of the same paragraph ("“A,” she
said. “B.”"), or the last quote when the paragraph is only a quote
(``continues`` points to it).

Reported speech is found from the cue verbs in the dependency parse, with
the content as the verb attaches it: a complement clause ("said (that) …",
also where the small parser hangs it elsewhere: "said after the talks he
would …", "told a meeting that …"), an object for cues that take one
("denied sending …", "urged allies to …", "called for …", "called on X to
…"), the clause before a closing attribution ("…, police said.") or around a
parenthetical one ("The museum, Bush said, honours …": two ``parts``); from
cue nouns with a that-clause ("his claim that …", "the ministry's statement
that …"); and from "according to X". A content that holds a quoted part is
``mixed``. An inner attribution of the same speaker ("He said he believes
…") adds nothing and is dropped.

Speakers are resolved in ``speakers.py``.

Reads: ``article.doc``, ``article.entities``. Writes: ``article.quotes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .nlp import doc_text
from .record import Article
from .speakers import (DOC_NOUNS, Cue, Resolver, Speaker, according_to, cue_of, cues, name_before,
                       noun_cue, subject_of)

__all__ = ["Cue", "Quote", "Speaker", "cues", "find_quotes", "pair_marks"]

# opening mark -> closing marks
PAIRS = {"“": "”", "”": "”", "\"": "\"", "‘": "’", "«": "»", "„": "“”", "‹": "›", "'": "'"}
_OPEN_BEFORE = set(" \n\t([{—–-:/\u2014") | set(PAIRS)
_WORDISH = re.compile(r"[\w]")
@dataclass(slots=True)
class Quote:
    id: str
    kind: str  # direct, indirect, mixed
    text: str
    span: tuple[int, int]  # the content (for direct quotes, inside the marks)
    speaker: Speaker | None
    cue: str | None
    cue_span: tuple[int, int] | None = None
    cue_lemma: str | None = None
    partial: bool = False  # a quoted fragment inside the writer's sentence
    continues: str | None = None  # the quote this paragraph continues
    marks: tuple[str, str] | None = None
    sentence: tuple[int, int] | None = None
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quoted parts of a mixed quote
    parts: list[tuple[int, int]] = field(default_factory=list)  # the content's parts, when the cue interrupts it

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "text": self.text, "span": list(self.span),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue, "cue_span": list(self.cue_span) if self.cue_span else None,
            "partial": self.partial, "continues": self.continues,
            "marks": "".join(self.marks) if self.marks else None,
            "parts": [list(p) for p in self.parts] or None,
        }


# --- pairing quote marks --------------------------------------------------------

@dataclass(slots=True)
class Marked:
    start: int  # of the opening mark
    end: int  # after the closing mark (or the paragraph end when unclosed)
    open: str
    close: str | None

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + len(self.open), self.end - len(self.close or "")


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
    if c == "”" and i == 0 and text[1:2].isalpha():
        return True  # ”Fear. I am afraid...” at a paragraph's start: a mistyped opening mark
    if c not in PAIRS:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if c in ("'", "‘") and prev.isalnum():
        return False  # rock ‘n’ roll, o'clock
    if c == "'" and nxt.isdigit():
        return False  # the '90s
    return prev in _OPEN_BEFORE or prev.isspace()


def _closes(text: str, i: int, opener: str) -> bool:
    c = text[i]
    if c not in PAIRS[opener]:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace() and opener not in ("\"",):
        return False
    if opener in ("‘", "'") and _WORDISH.match(nxt):
        return False  # an apostrophe inside a word: Russia’s, don’t
    if opener == "\"" and _WORDISH.match(nxt) and _WORDISH.match(prev):
        return False
    return True


def pair_marks(paragraph: str, offset: int = 0) -> list[Marked]:
    """Quoted stretches of one paragraph (outermost only), in order."""
    out: list[Marked] = []
    i, n = 0, len(paragraph)
    while i < n:
        double = paragraph.startswith("``", i) or (paragraph.startswith("''", i) and _is_opener(paragraph, i))
        if not double and not _is_opener(paragraph, i):
            i += 1
            continue
        opener = paragraph[i]
        if double:
            # Two apostrophes (or backticks) for a double quote: ''like this''.
            j = paragraph.find("''", i + 2)
            while j > 0 and paragraph[j - 1].isspace():
                j = paragraph.find("''", j + 2)
            if j < 0:
                out.append(Marked(offset + i, offset + n, paragraph[i: i + 2], None))
                break
            out.append(Marked(offset + i, offset + j + 2, paragraph[i: i + 2], "''"))
            i = j + 2
            continue
        candidates = [j for j in range(i + 1, n) if _closes(paragraph, j, opener)]
        if opener == "“" and not candidates:
            # “...," typed with two kinds of mark
            candidates = [j for j in range(i + 1, n) if _closes(paragraph, j, "\"")]
        close = None
        for j in candidates:
            # "the officials’ statement": a plural possessive, when a later
            # mark can still close the quote.
            if opener in ("‘", "'") and paragraph[j - 1] in "sS" and j + 2 < n \
                    and paragraph[j + 1] == " " and paragraph[j + 2].islower() and j != candidates[-1]:
                continue
            close = j
            break
        if close is None:
            if opener in ("'",):
                i += 1
                continue
            out.append(Marked(offset + i, offset + n, opener, None))
            break
        out.append(Marked(offset + i, offset + close + 1, opener, paragraph[close]))
        i = close + 1
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# --- direct quotes ----------------------------------------------------------------------

def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _frame(doc: Doc, m: Marked) -> tuple[int, int]:
    """Sentence(s) around a quote: from the sentence holding the opening mark
    to the one holding the closing mark, within the paragraph."""
    first = doc.char_span(m.start, min(m.start + 1, len(doc_text(doc))), alignment_mode="expand")
    last = doc.char_span(max(m.end - 1, m.start), m.end, alignment_mode="expand")
    s = first.sent.start_char if first is not None else m.start
    e = last.sent.end_char if last is not None else m.end
    # spaCy may end a sentence at the quote's own full stop: "... days,’ Budanov told".
    text = doc_text(doc)
    if m.close and e <= m.end + 1:
        nxt = doc.char_span(m.end, min(len(text), m.end + 1), alignment_mode="expand")
        if nxt is not None and text[m.end: m.end + 2].strip()[:1] not in ("", "\n") and \
                not text[m.end: m.end + 3].lstrip().startswith(("\n",)):
            tail = re.match(r"[^\n.!?]*[.!?]?", text[m.end:])
            if tail and re.search(r"[a-z]", tail.group(0)):
                e = max(e, m.end + tail.end())
    return s, e


def _governing_cue(qspan: Span, outside: set[int]) -> Token | None:
    """A cue verb outside the quote that the quote hangs from."""
    for tok in qspan:
        node = tok
        for _ in range(8):
            head = node.head
            if head.i == node.i:
                break
            if head.i in outside and cue_of(head) is not None:
                return head
            node = head
    return None


def _label_target(qspan: Span, outside: set[int]) -> Token | None:
    """Short quotes count as speech only as the object or complement of a
    speech or labelling verb: 'branded these ‘fake news’', 'calling the reports
    ‘groundless rumours’', 'described North Korea as ‘a criminal group’'."""
    words = [t for t in qspan if not t.is_punct]
    if not words:
        return None
    root = min(words, key=lambda t: len(list(t.ancestors)))
    head = root.head
    if root.dep_ in ("dobj", "oprd", "attr", "xcomp", "ccomp") and cue_of(head) is not None:
        return head
    if root.dep_ == "appos" and head.dep_ in ("dobj", "oprd") and cue_of(head.head) is not None:
        return head.head
    if root.dep_ == "pobj" and head.lower_ == "as" and cue_of(head.head) is not None:
        return head.head
    return None


def _quoted_tokens(doc: Doc, marked: list[Marked]) -> set[int]:
    out: set[int] = set()
    for mm in marked:
        sp = doc.char_span(mm.start, mm.end, alignment_mode="expand")
        if sp is not None:
            out.update(t.i for t in sp)
    return out


def _nearest_cue(frame: Span, outside: set[int], m: Marked) -> Token | None:
    """The nearest cue outside the quote with a subject, after then before."""
    after = [t for t in frame if t.i in outside and t.idx >= m.end and cue_of(t)]
    before = [t for t in frame if t.i in outside and t.idx < m.start and cue_of(t)]
    for t in after[:3] + list(reversed(before))[:3]:
        if subject_of(t) is not None:
            return t
    return None


def _is_name(words: list[Token]) -> bool:
    """'“Contract with America”', '“War On Drugs”': a title, not speech."""
    alpha = [t for t in words if t.is_alpha]
    return 0 < len(alpha) <= 8 and all(t.is_title or t.is_upper or t.is_stop for t in alpha) \
        and sum(t.is_title or t.is_upper for t in alpha) >= max(1, len(alpha) // 2)


def _frame_after(doc: Doc, m: Marked, frame: Span, quoted: set[int]) -> Token | None:
    """'“…,” she continued.': any verb with a subject in the short clause that
    follows a quote ending in a comma, question or exclamation mark."""
    inner = doc_text(doc)[m.inner[0]: m.inner[1]].rstrip()
    if not inner.endswith((",", "?", "!", "—")) and not doc_text(doc)[m.end: m.end + 2].startswith(","):
        return None
    tail = [t for t in frame if t.idx >= m.end and t.i not in quoted]
    clause = []
    for t in tail:
        if t.is_sent_start and clause or t.text in (".", ";", ":") or t.is_quote:
            break
        clause.append(t)
    if not clause or len(clause) > 12:
        return None
    for t in clause:
        if t.pos_ == "VERB" and (subj := subject_of(t)) is not None and subj.i not in quoted:
            return t
    return None


def _colon_intro(doc: Doc, at: int) -> Token | None:
    """'Limbaugh continued: “…”', 'He put it this way:' then the quote: the verb
    of the clause a colon closes right before ``at`` (in the same paragraph or
    ending the one before), when it has a subject; or the verb right before a
    comma ('Trump boasted, “…”'). Any verb: the punctuation marks the speech."""
    text = doc_text(doc)
    before = text[:at].rstrip()
    if not before.endswith((":", ",")):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    colon = colon[0]
    if colon.text == ",":
        # 'Trump boasted, “That makes me smart.”': only a verb right before the comma.
        verb = doc[colon.i - 1] if colon.i > 0 else None
        if verb is None or verb.pos_ != "VERB" or subject_of(verb) is None:
            return None
        return verb
    start = colon.sent.start
    if colon.i == start:  # spaCy put the colon first in the quote's sentence
        start = doc[colon.i - 1].sent.start if colon.i > 0 else colon.i
    clause = doc[start: colon.i]
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX") and not t.is_quote]
    for t in sorted(verbs, key=lambda t: (cue_of(t) is None, -t.i)):
        if t.pos_ == "AUX" and t.dep_ != "ROOT":
            continue
        if subject_of(t) is not None:
            return t
    return None


_DASH = re.compile(r"\s*[—–―-]+\s*")


def _dash_speaker(doc: Doc, res: Resolver, at: int, end: int) -> Speaker | None:
    """'“…” — Krystal Correa, 24': a name right after a dash that follows the quote."""
    dash = _DASH.match(doc_text(doc), at, min(end, at + 5))
    if not dash or dash.end() >= end:
        return None
    after = _tokens(doc, dash.end(), min(end, dash.end() + 60))
    if after is None:
        return None
    found = res.entity_at(after)
    if found is not None and found[1].start == after.start:
        return res.from_entity(found[0], found[1])
    names = []
    for t in after:
        if t.pos_ != "PROPN":
            break
        names.append(t)
    if names:
        return Speaker(name=doc[names[0].i: names[-1].i + 1].text,
                       span=(names[0].idx, names[-1].idx + len(names[-1].text)))
    return None


def _doc_source(res: Resolver, cue_tok: Token, at: int, speaker: Speaker) -> None:
    """'said in a statement': remember who issued it, for 'the statement said'."""
    for child in cue_tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "through"):
            for obj in child.children:
                if obj.lemma_.lower() in DOC_NOUNS:
                    res.doc_sources.append((at, speaker))


def _subject_outside(cue_tok: Token, quoted: set[int]) -> Token | None:
    """The cue's subject, when the parse took words of the quote for it ("“...,
    one of the brightest members,” Cummings said"): another subject outside the
    quote, the name right before the cue, or right after it ("said Leslie Wimes")."""
    subj = subject_of(cue_tok)
    if subj is None or subj.i not in quoted:
        return subj
    doc = cue_tok.doc
    subj = next((c for c in cue_tok.children if c.dep_ in ("nsubj", "nsubjpass")
                 and c.i not in quoted), None) or name_before(cue_tok, quoted)
    nxt = doc[cue_tok.i + 1] if cue_tok.i + 1 < len(doc) else None
    if subj is None and nxt is not None and nxt.pos_ == "PROPN" and nxt.i not in quoted:
        subj = nxt.head if nxt.head.pos_ == "PROPN" and nxt.head.i not in quoted else nxt
    return subj


def _direct(doc: Doc, res: Resolver, m: Marked, marked: list[Marked], p_start: int,
            p_end: int) -> Quote | None:
    """One quote in marks, with its cue and speaker from its own sentence(s)."""
    text = doc_text(doc)
    s, e = m.inner
    # Trailing punctuation inside the marks belongs to the writer.
    while e > s and text[e - 1] in " ,;":
        e -= 1
    if not text[s:e].strip():
        return None
    qspan = _tokens(doc, s, e)
    if qspan is None:
        return None
    words = [t for t in qspan if not t.is_punct]
    f_start, f_end = _frame(doc, m)
    frame = _tokens(doc, f_start, f_end)
    quoted = _quoted_tokens(doc, marked)
    outside = {t.i for t in frame} - quoted if frame is not None else set()
    short = len(words) <= 2
    if (short or _is_name(words)) and _label_target(qspan, outside) is None:
        return None  # a scare quote, or a title: '“Face the Nation”', 'a “Commander-in-Chief Forum”'
    cue_tok = _label_target(qspan, outside) if short else None
    if cue_tok is None:
        cue_tok = _governing_cue(qspan, outside)
    if cue_tok is None and frame is not None:
        cue_tok = _nearest_cue(frame, outside, m)
    if cue_tok is None:
        cue_tok = _colon_intro(doc, m.start)
    if cue_tok is None and frame is not None:
        cue_tok = _frame_after(doc, m, frame, quoted)
    speaker = None
    if cue_tok is not None:
        subj = _subject_outside(cue_tok, quoted)
        after = max((mm.end for mm in marked if subj is not None and mm.end <= subj.idx), default=0)
        speaker = res.speaker(subj, m.start, after) if subj is not None else None
    if cue_tok is None and frame is not None:
        acc = according_to(frame)
        if acc is not None and acc[0].i in outside:
            speaker = res.speaker(acc[1], m.start)
            cue_tok = acc[0]
    cue_text = cue_tok.text if cue_tok is not None else None
    cue_span = (cue_tok.idx, cue_tok.idx + len(cue_tok.text)) if cue_tok is not None else None
    if speaker is None:
        speaker = _dash_speaker(doc, res, m.end, p_end)
        if speaker is not None and cue_tok is None:
            dash = re.compile(r"[—–―-]+").search(text, m.end)
            cue_text, cue_span = dash.group(0), (dash.start(), dash.end())
    if cue_tok is not None and speaker is not None:
        _doc_source(res, cue_tok, m.start, speaker)
    res.heard(m.start, speaker)
    partial = bool(frame is not None and (m.start > f_start + 2 and m.end < f_end - 2)
                   and len(words) < 12 and not text[f_start:m.start].rstrip().endswith(":"))
    if speaker is None and cue_tok is None and partial and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return None  # a phrase in the writer's sentence that no one is said to say
    return Quote(id="", kind="direct", text=text[s:e], span=(s, e), speaker=speaker,
                 cue=cue_text, cue_span=cue_span,
                 cue_lemma=cue_tok.lemma_.lower() if cue_tok is not None else None,
                 partial=partial, marks=(m.open, m.close or ""),
                 sentence=(f_start, f_end) if frame is not None else None)


def _last_cue(doc: Doc, start: int, end: int, marked: list[Marked]) -> Token | None:
    """The last cue verb with a subject between ``start`` and ``end``, outside quotes."""
    span = _tokens(doc, start, end)
    if span is None:
        return None
    quoted = _quoted_tokens(doc, marked)
    for t in reversed(span):
        if t.i not in quoted and cue_of(t) is not None and (subj := subject_of(t)) is not None \
                and subj.i not in quoted:
            return t
    return None


def find_quotes(article: Article) -> Article:
    doc = article.doc
    text = article.text
    res = Resolver(article)
    quotes: list[Quote] = []
    direct_chars: set[int] = set()
    prev_unclosed: Quote | None = None
    last_direct: Quote | None = None

    for p_start, p_end in paragraphs(text):
        marked = pair_marks(text[p_start:p_end], p_start)
        para_quotes: list[Quote] = []
        for m in marked:
            q = _direct(doc, res, m, marked, p_start, p_end)
            if q is None:
                continue
            q.id = f"q{len(quotes) + len(para_quotes) + 1}"
            earlier = next((p for p in reversed(para_quotes) if p.speaker is not None), None)
            between = _last_cue(doc, earlier.span[1] if earlier else p_start, m.start, marked) \
                if q.speaker is None and q.cue is None else None
            if between is not None and earlier is not None and earlier.cue_span \
                    and between.idx <= earlier.cue_span[0]:
                between = None  # the earlier quote's own cue, after it: "“A,” she said. “B.”"
            if q.speaker is None and q.cue is None:
                if prev_unclosed is not None and m.start == p_start:
                    q.speaker, q.continues = prev_unclosed.speaker, prev_unclosed.id
                elif earlier is not None and between is None:
                    # "“A,” she said. “B.”": the paragraph's speaker goes on.
                    q.speaker, q.continues = earlier.speaker, earlier.id
                elif between is not None:
                    # "…, he added on Twitter. “B.”": the last attribution before it.
                    subj = subject_of(between)
                    q.speaker = res.speaker(subj, m.start) if subj is not None else None
                    q.cue, q.cue_lemma = between.text, between.lemma_.lower()
                    q.cue_span = (between.idx, between.idx + len(between.text))
                elif m.start == p_start and last_direct is not None and m.end >= p_end - 2:
                    # A paragraph that is only a quote carries on the last speaker.
                    q.speaker, q.continues = last_direct.speaker, last_direct.id
            elif q.speaker is None and prev_unclosed is not None and m.start == p_start:
                q.speaker, q.continues = prev_unclosed.speaker, prev_unclosed.id
            para_quotes.append(q)
            direct_chars.update(range(m.start, m.end))
        quotes.extend(para_quotes)
        if para_quotes:
            last_direct = para_quotes[-1]
        unclosed = [m for m in marked if m.close is None]
        prev_unclosed = para_quotes[-1] if unclosed and para_quotes else None
    quotes.extend(find_indirect(article, res, direct_chars, len(quotes)))
    quotes.sort(key=lambda q: q.span[0])
    renumber = {q.id: f"q{i}" for i, q in enumerate(quotes, 1)}
    for q in quotes:
        q.id = renumber[q.id]
        if q.continues:
            q.continues = renumber.get(q.continues)
    article.quotes = quotes
    return article


# --- reported speech --------------------------------------------------------------------

def _to_clause_end(doc: Doc, start: int, verb: Token) -> Span:
    """From ``start`` to the end of the verb's clause: its later children up to
    the first comma ("denied sending brigades to join the war, calling ...")."""
    end = start
    for child in verb.rights:
        if child.i < start:
            continue
        if child.text in (",", ";", ".", ":") or child.dep_ in ("advcl", "cc", "conj") and child.i > start:
            break
        end = max(end, child.right_edge.i)
    return doc[start: end + 1]


_FOR_CUES = {"call", "ask", "demand", "appeal", "press", "push", "plead", "argue", "lobby"}


def _clause(doc: Doc, tok: Token) -> Span:
    """A clause's words, up to a conjoined attribution of someone else's
    ("... would not be eligible, and when pressed, the mother replied ...")."""
    end = tok.right_edge.i + 1
    for c in tok.children:
        if c.dep_ == "conj" and c.i > tok.i and cue_of(c) is not None \
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            end = min(end, c.left_edge.i)
            while end > tok.i + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
                end -= 1
    return doc[tok.left_edge.i: end]


def _content_of(verb: Token, cue: Cue) -> list[Span]:
    """The content a cue verb reports, as one or more parts (two when the
    attribution sits inside it: "The museum, Bush said, honours ...")."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return [_clause(doc, child)]
    if cue.lemma in ("point", "cite", "quote"):
        # "pointing to reports that ...": the content hangs from the noun.
        for child in verb.children:
            objs = [child] if child.dep_ == "dobj" else (
                [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [])
            for obj in objs:
                for gc in obj.children:
                    if gc.dep_ in ("acl", "ccomp", "relcl") and gc.i > obj.i:
                        first = gc.left_edge.i + (doc[gc.left_edge.i].lower_ == "that")
                        return [doc[first: gc.right_edge.i + 1]]
    if cue.lemma in _FOR_CUES:
        # "called for the release of the footage"
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "for" and child.i == verb.i + 1:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return [_clause(doc, objs[0])]
    rights = [c for c in verb.children if c.i > verb.i]
    if cue.lemma == "call":
        # "called on X to ...", "called X a liar"; but "called a meeting" is no speech.
        on = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "on" and c.i == verb.i + 1), None)
        if on is not None:
            return [_to_clause_end(doc, on.i + 1, verb)]
        if not any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr") for c in rights):
            return []
    if cue.kind in ("say", "epistemic", "act"):
        # The small parser hangs some complement clauses elsewhere: "said after
        # the convention he would not accept" (advcl), "told a meeting of leaders
        # that few understood" (on the object), "continues to insist, ..., that".
        holders = rights + [c for r in rights if r.dep_ in ("dobj", "dative") for c in r.children
                            if c.i > r.i]
        if verb.dep_ == "xcomp":
            holders += [c for c in verb.head.children if c.i > verb.i and c.dep_ == "advcl"]
        for c in holders:
            if c.dep_ not in ("advcl", "relcl", "acl") or c.pos_ not in ("VERB", "AUX"):
                continue
            marks = [m for m in c.children if m.dep_ == "mark" and m.i < c.i]
            has_subj = any(m.dep_ in ("nsubj", "nsubjpass") for m in c.children)
            if has_subj and (all(m.lower_ == "that" for m in marks) and (marks or c.dep_ == "advcl")):
                first = marks[0].i + 1 if marks else c.left_edge.i
                return [doc[first: c.right_edge.i + 1]]
    if cue.content == "any":
        for child in rights:
            if child.dep_ in ("xcomp", "dobj", "ccomp"):
                if child.dep_ == "dobj" and child.pos_ == "PRON":
                    continue
                return [_to_clause_end(doc, child.left_edge.i, verb)]
    # "warned officials to boost security", "told him to leave": an object and
    # what it is to do.
    objs = [c for c in rights if c.dep_ in ("dobj", "dative")]
    if objs and any(c.dep_ in ("xcomp", "ccomp") and c.i > objs[0].i for c in rights):
        return [_to_clause_end(doc, objs[0].left_edge.i, verb)]
    # "..., an official said." with the content before the cue.
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            return [_clause(doc, child)]
    if any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return []  # "what Kyiv had said": no content of its own
    if verb.dep_ == "parataxis" and cue.kind in ("say", "epistemic"):
        # "The museum, Bush said, honours ..." or "..., she said": the clause the
        # attribution interrupts or closes, without the attribution.
        head = verb.head
        s, e = head.left_edge.i, head.right_edge.i + 1
        a, b = verb.left_edge.i, verb.right_edge.i + 1
        while a > s and doc[a - 1].is_punct:
            a -= 1
        while b < e and doc[b].is_punct and doc[b].text not in ("“", "‘", "\""):
            b += 1
        parts = [p for p in (doc[s:a], doc[b:e]) if len(p) and not all(t.is_punct for t in p)]
        if parts:
            return parts
    if cue.kind == "say":
        # "Possible steps include ..., a senior official told reporters": a
        # closing attribution after a comma; the clause before it is the content.
        sent = verb.sent
        subj = subject_of(verb)
        if subj is not None and subj.i < verb.i and subj.left_edge.i > sent.start + 3:
            comma = doc[subj.left_edge.i - 1]
            before = doc[sent.start: comma.i]
            if comma.text in (",", "—", "–") and any(t.pos_ in ("VERB", "AUX") for t in before) and not any(
                    c.dep_ in ("dobj", "ccomp", "xcomp") and c.pos_ != "NOUN" for c in verb.children):
                return [before]
    return []


def _trim(doc: Doc, part: Span) -> tuple[int, int]:
    """Character bounds of a content part without a leading 'that' and edge
    punctuation (a closing quote mark stays with the words it closes)."""
    toks = list(part)
    if len(toks) > 1 and toks[0].lower_ == "that" and toks[0].dep_ == "mark":
        toks = toks[1:]
    text = doc_text(doc)
    cs, ce = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    while ce > cs and text[ce - 1] in " ,.;:—–-":
        ce -= 1
    inner = text[cs:ce]
    if sum(map(inner.count, "“«„")) > sum(map(inner.count, "”»")) or inner.count('"') % 2:
        # 'was a “magic cure.”': keep the mark the quoted part opened.
        closing = re.match(r"[.,!?]*[”»\"]", text[ce: ce + 3])
        if closing:
            ce += closing.end()
    while cs < ce and text[cs] in " ,;:—–-":
        cs += 1
    return cs, ce


def _nominal_cue(tok: Token) -> tuple[Token, Span] | None:
    """'his claim that people would learn nothing', 'the ministry's statement
    that ...', 'the claim by officials that ...', 'Trump claims that ...'
    (a verb the tagger took for a noun): a cue noun with a that-clause, and
    whose words it is."""
    if tok.pos_ != "NOUN" or noun_cue(tok.lemma_.lower()) is None:
        return None
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i
                   and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
                   and all(t.dep_ == "prep" or t.is_punct or t.i >= c.left_edge.i
                           for t in tok.rights if t.i < c.left_edge.i)), None)
    if clause is None:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                      for o in c.children if o.dep_ == "pobj"), None)
    if owner is None and tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("PROPN", "PRON") \
            and tok.doc[tok.i - 1].tag_ != "PRP$" and tok.tag_ == "NNS":
        owner = tok.doc[tok.i - 1]  # "Trump claims that": a verb the tagger took for a noun
    if owner is None:
        return None
    return owner, tok.doc[clause.left_edge.i + 1: clause.right_edge.i + 1]


def find_indirect(article: Article, res: Resolver, direct_chars: set[int], base: int) -> list[Quote]:
    doc = article.doc
    out: list[Quote] = []

    def add(parts: list[tuple[int, int]], speaker: Speaker, cue_tok: Token, cue_text: str,
            lemma: str, sent: Span) -> None:
        cs, ce = parts[0][0], parts[-1][1]
        res.heard(cue_tok.idx, speaker)
        inner = [i for i in range(cs, ce) if i in direct_chars]
        kind = "mixed" if inner else "indirect"
        out.append(Quote(id=f"i{base + len(out) + 1}", kind=kind, text=doc_text(doc)[cs:ce], span=(cs, ce),
                         speaker=speaker, cue=cue_text,
                         cue_span=(cue_tok.idx, cue_tok.idx + len(cue_text)), cue_lemma=lemma,
                         sentence=(sent.start_char, sent.end_char),
                         parts=parts if len(parts) > 1 else []))

    for sent in doc.sents:
        for tok in sent:
            if tok.idx in direct_chars:
                continue
            cue = cue_of(tok)
            if cue is None:
                nominal = _nominal_cue(tok)
                if nominal is not None:
                    speaker = res.speaker(nominal[0], nominal[1].start_char)
                    if speaker is not None and len(nominal[1]) >= 3:
                        add([_trim(doc, nominal[1])], speaker, tok, tok.text, tok.lemma_.lower(), sent)
                continue
            content = _content_of(tok, cue)
            if sum(1 for p in content for t in p if not t.is_punct) < 3:
                continue
            parts = [_trim(doc, p) for p in content]
            parts = [(a, b) for a, b in parts if b > a]
            if not parts:
                continue
            cs, ce = parts[0][0], parts[-1][1]
            inner = [i for i in range(cs, ce) if i in direct_chars]
            if len(inner) >= (ce - cs) * 0.8 or cs - 1 in direct_chars and cs in direct_chars:
                continue  # the direct quote already covers it, or the parse cut into it
            if inner and cue.kind == "label":
                continue  # "branded these ‘fake news’": the direct quote says it
            subj = subject_of(tok)
            speaker = res.speaker(subj, cs) if subj is not None else None
            if speaker is None:
                continue  # article voice: left to the claims stage
            add(parts, speaker, tok, tok.text, tok.lemma_.lower(), sent)
            _doc_source(res, tok, cs, speaker)
        acc = according_to(sent)
        if acc is not None and acc[0].idx not in direct_chars:
            a_tok, obj = acc
            phrase_end = obj.right_edge.idx + len(obj.right_edge.text)
            if a_tok.idx - sent.start_char > 10:
                cs, ce = sent.start_char, a_tok.idx
            else:
                cs, ce = phrase_end, sent.end_char
            while ce > cs and doc_text(doc)[ce - 1] in " ,.;":
                ce -= 1
            while cs < ce and doc_text(doc)[cs] in " ,":
                cs += 1
            speaker = res.speaker(obj, cs)
            if speaker is not None and ce - cs > 10:
                add([(cs, ce)], speaker, a_tok, "according to", "according to", sent)
    # "He said he believes ...": the inner cue of the same speaker adds nothing.
    return [q for q in out if not any(o is not q and o.span[0] <= q.cue_span[0] < o.span[1]
                                      and _same_speaker(o.speaker, q.speaker) for o in out)]


def _same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    if a is None or b is None:
        return False
    return bool(a.entity and a.entity == b.entity) or a.name.lower() == b.name.lower()
