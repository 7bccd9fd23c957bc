"""Quotes: who said what, in quotation marks or in reported speech.

Direct quotes are found by pairing quote marks in each paragraph: “…”, "…",
‘…’, «…», „…“ and ‹…›. British single quotes double as apostrophes, so ’
closes a quote only where it is not inside a word ("Russia’s") and, after a
plural "s", only when no later mark could close the quote instead. A
paragraph that opens a quote and never closes it continues into the next
paragraph when that one opens with a quote mark too; the continuation keeps
the speaker (``continues`` points to the quote it continues).

Short quotes of one or two words ("the ‘reported’ actions", "in case of
‘aggression’") are scare quotes, not speech, unless a speech or labelling
verb takes them as its object or complement ("branded these ‘fake news’",
"calling the reports ‘groundless rumours’"). Scare quotes are not listed.

Reported speech ("X said (that) ...", "according to X, ...", "X denied
sending ...", "..., an official told reporters") is found from the cue verbs
of ``data/cues.tsv`` in the dependency parse; a content that holds a quoted
part is ``mixed``.

The speaker is the cue's subject (climbing from "adding" or "calling" to the
verb they hang from), resolved to an entity and actor: surnames through the
entity's ``refers_to``, pronouns to the last person or body named, "the
officials" to the last group with that noun, "a senior official ... on
condition of anonymity" to an anonymous source with the country its words
give. An unknown speaker is null.

Reads: ``article.doc``, ``article.entities``. Writes: ``article.quotes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .gazetteer import fold, read_tsv
from .record import Article, Entity

# opening mark -> closing marks
PAIRS = {"“": "”", "\"": "\"", "‘": "’", "«": "»", "„": "“”", "‹": "›", "'": "'"}
_OPEN_BEFORE = set(" \n\t([{—–-:/\u2014") | set(PAIRS)
_WORDISH = re.compile(r"[\w]")
_ANON = re.compile(r"\b(on condition of anonymity|declined to be (named|identified)|"
                   r"speaking anonymously|(did|would) not (want to )?be named|not authori[sz]ed to)\b",
                   re.I)
_ANON_HEADS = {"official", "officials", "source", "sources", "officer", "diplomat", "diplomats",
               "aide", "aides", "person", "people", "insider", "insiders", "analyst", "member"}
_GROUP_PRONOUNS = {"they", "them"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it"}
_DOC_NOUNS = {"statement", "report", "communique", "communiqué", "release", "letter",
              "document", "dispatch", "bulletin", "post"}


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    stance: str
    kind: str
    content: str


@lru_cache(maxsize=1)
def cues() -> dict[str, Cue]:
    return {r["lemma"]: Cue(r["lemma"], r["stance"], r["kind"], r["content"])
            for r in read_tsv("cues.tsv")}


@dataclass(slots=True)
class Speaker:
    name: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    anonymous: bool = False
    span: tuple[int, int] | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "entity": self.entity, "country": self.country,
                "sector": self.sector, "anonymous": self.anonymous,
                "span": list(self.span) if self.span else None, "kind": self.kind}


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "text": self.text, "span": list(self.span),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue, "cue_span": list(self.cue_span) if self.cue_span else None,
            "partial": self.partial, "continues": self.continues,
            "marks": "".join(self.marks) if self.marks else None,
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
        return self.start + 1, self.end - (1 if self.close else 0)


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
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
        if not _is_opener(paragraph, i):
            i += 1
            continue
        opener = paragraph[i]
        candidates = [j for j in range(i + 1, n) if _closes(paragraph, j, opener)]
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


# --- speakers --------------------------------------------------------------------

class Resolver:
    """Speaker resolution over one article: entities, pronouns, groups."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.doc: Doc = article.doc
        self.by_start: dict[int, Entity] = {}
        for e in article.entities:
            for s, _ in e.spans:
                self.by_start[s] = e
        self.ids = {e.id: e for e in article.entities}
        self.doc_sources: list[tuple[int, Speaker]] = []  # "said in a statement"

    def entity_at(self, span: Span) -> tuple[Entity, Span] | None:
        """The best entity inside a phrase: persons, then bodies, then places."""
        best = None
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "FAC": 4}
        for ent in span.ents:
            e = self.by_start.get(ent.start_char)
            if e is None:
                continue
            if best is None or rank.get(e.label, 9) < rank.get(best[0].label, 9):
                best = (e, ent)
        return best

    def canonical(self, e: Entity) -> Entity:
        seen = set()
        while e.refers_to and e.refers_to not in seen:
            seen.add(e.refers_to)
            e = self.ids.get(e.refers_to, e)
        return e

    def from_entity(self, e: Entity, phrase: Span, anonymous: bool = False) -> Speaker:
        e = self.canonical(e)
        actor = e.actor
        name = actor.name if actor and e.label in ("PERSON", "ORG") else phrase_text(phrase)
        if e.label in ("GPE",) and actor and phrase.root.ent_type_ == "GPE":
            name = actor.name
        return Speaker(name=name, entity=e.id, country=actor.country if actor else None,
                       sector=actor.sector if actor else None, anonymous=anonymous,
                       span=(phrase.start_char, phrase.end_char),
                       kind=actor.kind if actor else None)

    def speaker(self, subj: Token, at: int) -> Speaker | None:
        """The speaker a subject token names, or None when it names no one."""
        doc = self.doc
        phrase = doc[subj.left_edge.i: subj.right_edge.i + 1]
        # Trim a trailing relative clause or apposition: keep the noun phrase.
        if subj.right_edge.i > subj.i:
            cut = subj.i + 1
            for t in doc[subj.i + 1: subj.right_edge.i + 1]:
                if t.dep_ in ("relcl", "acl", "punct") or t.text == ",":
                    break
                cut = t.i + 1
            phrase = doc[subj.left_edge.i: cut]
        sentence = subj.sent
        anonymous = bool(_ANON.search(sentence.text)) and subj.lower_ in _ANON_HEADS
        low = subj.lower_
        if subj.pos_ == "PRON" or low in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _THING_PRONOUNS:
            return self.pronoun(subj, at)
        found = self.entity_at(phrase)
        if found is not None:
            e, _ = found
            if e.label in ("GPE", "LOC", "FAC") and self.canonical(e).actor is None:
                return None  # a place that is not a country or government does not speak
            if e.label == "NORP" or (subj.pos_ == "NOUN" and subj.ent_type_ == ""):
                # "top South Korean officials": a group with the demonym's country.
                sp = self.from_entity(e, phrase, anonymous)
                sp.name = phrase_text(phrase)
                sp.kind = "group" if subj.tag_ in ("NNS", "NNPS") else "person"
                if e.actor and e.actor.sector is None:
                    from .actors import sector_of

                    sp.sector = sector_of([t.text for t in phrase])[0]
                if subj.lower_ in _ANON_HEADS and phrase[0].lower_ in ("a", "an", "one"):
                    sp.anonymous = True
                return sp
            return self.from_entity(e, phrase, anonymous)
        if subj.lemma_.lower() in _DOC_NOUNS:
            # "according to the statement": whoever issued the last statement.
            for pos, sp in reversed(self.doc_sources):
                if pos <= at:
                    return sp
            return None
        if subj.pos_ in ("NOUN", "PROPN"):
            if phrase[0].lower_ in ("the", "these", "those") and subj.tag_ in ("NNS", "NNPS"):
                group = self.group(subj, at)
                if group is not None:
                    return group
            if subj.lower_ in _ANON_HEADS or anonymous:
                return Speaker(name=phrase_text(phrase), anonymous=True,
                               span=(phrase.start_char, phrase.end_char), kind="person")
            if subj.pos_ == "PROPN":
                return Speaker(name=phrase_text(phrase), span=(phrase.start_char, phrase.end_char))
            if phrase[0].lower_ in ("a", "an", "one", "two", "several", "some"):
                return Speaker(name=phrase_text(phrase), span=(phrase.start_char, phrase.end_char),
                               anonymous=subj.lower_ in _ANON_HEADS)
        return None

    def pronoun(self, tok: Token, at: int) -> Speaker | None:
        low = tok.lower_
        want = {"PERSON"} if low in _PERSON_PRONOUNS else (
            {"ORG", "GPE"} if low in _THING_PRONOUNS else {"ORG", "GPE", "NORP"})
        if low in ("i", "we", "you", "me", "us"):
            return None  # inside the quote's own voice; the frame names the speaker
        best = None
        for ent in self.doc.ents:
            if ent.start_char >= tok.idx:
                break
            e = self.by_start.get(ent.start_char)
            if e is not None and e.label in want and ent.root.dep_ in ("nsubj", "nsubjpass", "poss",
                                                                         "pobj", "dobj", "appos"):
                best = (e, ent)
        if best is None:
            return None
        e, ent = best
        sp = self.from_entity(e, ent)
        sp.span = (tok.idx, tok.idx + len(tok.text))
        return sp

    def group(self, subj: Token, at: int) -> Speaker | None:
        """'The officials' -> the last named group with that head noun."""
        for tok in reversed(self.doc[: subj.i]):
            if tok.lemma_ == subj.lemma_ and tok.i != subj.i:
                phrase = self.doc[tok.left_edge.i: tok.i + 1]
                found = self.entity_at(phrase)
                if found is not None:
                    sp = self.from_entity(found[0], phrase)
                    sp.name = phrase_text(phrase)
                    sp.kind = "group"
                    sp.span = (subj.left_edge.idx, subj.idx + len(subj.text))
                    return sp
        return None


def phrase_text(span: Span) -> str:
    words = list(span)
    while words and words[0].lower_ in ("the", "a", "an", "top", "senior"):
        if words[0].lower_ in ("top", "senior"):
            break
        words = words[1:]
    text = span.doc.text[words[0].idx: words[-1].idx + len(words[-1].text)] if words else span.text
    return text.strip(" ,")


# --- cues --------------------------------------------------------------------------

def cue_of(tok: Token) -> Cue | None:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.lemma_ == "accord"):
        return None
    return cues().get(tok.lemma_.lower())


def _adjacent_name(verb: Token) -> Token | None:
    """When the parse gives a cue no subject ("..., Valery Gerasimov, told
    Putin"), a person or body named right before it is the speaker."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].text in (",", "—", "–") or doc[i].pos_ in ("AUX", "ADV")):
        i -= 1
    if i >= 0 and doc[i].ent_type_ in ("PERSON", "ORG") and doc[i].dep_ not in ("pobj", "dobj"):
        return doc[i]
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through 'adding', 'calling', conjuncts."""
    start = verb
    seen = 0
    while verb is not None and seen < 6:
        seen += 1
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i != verb.i:
                return child
        # Inverted attribution: "..., said Budanov."
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr") and child.pos_ == "PROPN" and verb.lemma_ == "say":
                return child
        if seen == 1 and _adjacent_name(verb) is not None:
            return _adjacent_name(verb)
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp" and cue_of(verb.head) is not None:
                return None  # the subject of a reporting verb is not the quoted speaker
            if verb.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in verb.head.children):
                break  # "X had been retaken and praised ...": not the same agent
            verb = verb.head
            continue
        break
    return _adjacent_name(start)


def _according_to(sent: Span) -> tuple[Token, Token] | None:
    """'according to X': (the 'according' token, X's head)."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
            for obj in sent.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return tok, obj
    return None


# --- the stage --------------------------------------------------------------------------

def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _frame(doc: Doc, m: Marked) -> tuple[int, int]:
    """Sentence(s) around a quote: from the sentence holding the opening mark
    to the one holding the closing mark, within the paragraph."""
    first = doc.char_span(m.start, min(m.start + 1, len(doc.text)), alignment_mode="expand")
    last = doc.char_span(max(m.end - 1, m.start), m.end, alignment_mode="expand")
    s = first.sent.start_char if first is not None else m.start
    e = last.sent.end_char if last is not None else m.end
    # spaCy may end a sentence at the quote's own full stop: "... days,’ Budanov told".
    text = doc.text
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
            s, e = m.inner
            inner = text[s:e].strip()
            # Trailing punctuation inside the marks belongs to the writer.
            while e > s and text[e - 1] in " ,;":
                e -= 1
            if not inner:
                continue
            qspan = _tokens(doc, s, e)
            if qspan is None:
                continue
            words = [t for t in qspan if not t.is_punct]
            f_start, f_end = _frame(doc, m)
            frame = _tokens(doc, f_start, f_end)
            inside = {t.i for t in qspan} | {t.i for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []}
            outside = {t.i for t in frame} - inside if frame is not None else set()
            short = len(words) <= 2
            cue_tok = _label_target(qspan, outside) if short else None
            if short and cue_tok is None:
                continue  # a scare quote
            continuation = (prev_unclosed is not None and m.start == p_start)
            if cue_tok is None:
                cue_tok = _governing_cue(qspan, outside)
            if cue_tok is None and frame is not None:
                # The nearest cue outside the quote with a subject, after then before.
                after = [t for t in frame if t.i in outside and t.idx >= m.end and cue_of(t)]
                before = [t for t in frame if t.i in outside and t.idx < m.start and cue_of(t)]
                for t in after[:3] + list(reversed(before))[:3]:
                    if subject_of(t) is not None:
                        cue_tok = t
                        break
            speaker = None
            if cue_tok is not None:
                subj = subject_of(cue_tok)
                speaker = res.speaker(subj, m.start) if subj is not None else None
            if cue_tok is None and frame is not None:
                acc = _according_to(frame)
                if acc is not None and acc[0].i in outside:
                    speaker = res.speaker(acc[1], m.start)
                    cue_tok = acc[0]
            if speaker is None:
                dash = re.match(r"\s*[—–-]+\s*", text[m.end: m.end + 4])
                if dash:
                    after_dash = _tokens(doc, m.end + dash.end(), min(p_end, m.end + dash.end() + 60))
                    if after_dash is not None:
                        found = res.entity_at(after_dash)
                        if found is not None:
                            speaker = res.from_entity(found[0], found[1])
            continues = None
            if speaker is None and cue_tok is None:
                if continuation:
                    speaker, continues = prev_unclosed.speaker, prev_unclosed.id
                elif m.start == p_start and last_direct is not None and m.end >= p_end - 2:
                    # A paragraph that is only a quote carries on the last speaker.
                    speaker, continues = last_direct.speaker, last_direct.id
            elif continuation and speaker is None:
                speaker, continues = prev_unclosed.speaker, prev_unclosed.id
            sent = doc.char_span(s, e, alignment_mode="expand")
            partial = bool(frame is not None and (m.start > f_start + 2 and m.end < f_end - 2)
                           and len(words) < 12 and not text[f_start:m.start].rstrip().endswith(":"))
            q = Quote(id="", kind="direct", text=text[s:e], span=(s, e), speaker=speaker,
                      cue=cue_tok.text if cue_tok is not None else None,
                      cue_span=(cue_tok.idx, cue_tok.idx + len(cue_tok.text)) if cue_tok is not None else None,
                      cue_lemma=cue_tok.lemma_.lower() if cue_tok is not None else None,
                      partial=partial, continues=continues, marks=(m.open, m.close or ""),
                      sentence=(f_start, f_end) if frame is not None else None)
            para_quotes.append(q)
            direct_chars.update(range(m.start, m.end))
            if cue_tok is not None and speaker is not None:
                for child in cue_tok.children:
                    if child.dep_ == "prep" and child.lower_ in ("in", "through"):
                        for obj in child.children:
                            if obj.lemma_.lower() in _DOC_NOUNS:
                                res.doc_sources.append((m.start, speaker))
        for q in para_quotes:
            quotes.append(q)
            q.id = f"q{len(quotes)}"
            last_direct = q
        unclosed = [m for m in marked if m.close is None]
        prev_unclosed = next((q for q in reversed(para_quotes)), None) if unclosed and para_quotes else None
    # Fix ids of continuations now that ids exist: ``continues`` held a Quote's id
    # at the time, which was already set for earlier paragraphs.
    quotes.extend(find_indirect(article, res, direct_chars, len(quotes)))
    quotes.sort(key=lambda q: q.span[0])
    renumber = {q.id: f"q{i}" for i, q in enumerate(quotes, 1)}
    for q in quotes:
        q.id = renumber[q.id]
        if q.continues:
            q.continues = renumber.get(q.continues)
    article.quotes = quotes
    return article


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


def _content_of(verb: Token, cue: Cue) -> Span | None:
    doc = verb.doc
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i:
            return doc[child.left_edge.i: child.right_edge.i + 1]
    if cue.lemma in ("point", "cite", "quote"):
        # "pointing to reports that ...": the content hangs from the noun.
        for child in verb.children:
            objs = [o for c in ([child] if child.dep_ == "dobj" else
                                [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [])
                    for o in [c]]
            for obj in objs:
                for gc in obj.children:
                    if gc.dep_ in ("acl", "ccomp", "relcl") and gc.i > obj.i:
                        first = gc.left_edge.i
                        if doc[first].lower_ == "that":
                            first += 1
                        return doc[first: gc.right_edge.i + 1]
        return None
    if cue.content == "any":
        for child in verb.children:
            if child.dep_ in ("xcomp", "dobj", "ccomp") and child.i > verb.i:
                if child.dep_ == "dobj" and child.pos_ == "PRON":
                    continue
                return _to_clause_end(doc, child.left_edge.i, verb)
    # "..., an official said." with the content before the cue.
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            return doc[child.left_edge.i: child.right_edge.i + 1]
    if any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return None  # "what Kyiv had said": no content of its own
    if verb.dep_ == "parataxis" and verb.head.i < verb.i and verb.lemma_ in ("say", "tell", "add"):
        head = verb.head
        return doc[head.left_edge.i: verb.left_edge.i]
    if cue.kind == "say":
        # "Possible steps include ..., a senior official told reporters": a
        # closing attribution after a comma; the clause before it is the content.
        sent = verb.sent
        subj = subject_of(verb)
        if subj is not None and subj.i < verb.i and subj.left_edge.i > sent.start + 3:
            comma = doc[subj.left_edge.i - 1]
            if comma.text in (",", "—", "–") and not any(
                    c.dep_ in ("dobj", "ccomp", "xcomp") and c.pos_ != "NOUN" for c in verb.children):
                return doc[sent.start: comma.i]
    return None


def find_indirect(article: Article, res: Resolver, direct_chars: set[int], base: int) -> list[Quote]:
    doc = article.doc
    out: list[Quote] = []
    for sent in doc.sents:
        for tok in sent:
            cue = cue_of(tok)
            if cue is None:
                continue
            if tok.idx in direct_chars:
                continue
            content = _content_of(tok, cue)
            if content is None or len([t for t in content if not t.is_punct]) < 3:
                continue
            if content[0].lower_ == "that" and len(content) > 1:
                content = content[1:]
            cs, ce = content.start_char, content.end_char
            while ce > cs and doc.text[ce - 1] in " ,.;":
                ce -= 1
            inner = [i for i in range(cs, ce) if i in direct_chars]
            if len(inner) >= (ce - cs) * 0.8:
                continue  # the direct quote already covers it
            if inner and cue.kind == "label":
                continue  # "branded these ‘fake news’": the direct quote says it
            subj = subject_of(tok)
            speaker = res.speaker(subj, cs) if subj is not None else None
            if speaker is None:
                continue  # article voice: left to the claims stage
            kind = "mixed" if inner else "indirect"
            q = Quote(id=f"i{base + len(out) + 1}", kind=kind, text=doc.text[cs:ce], span=(cs, ce),
                      speaker=speaker, cue=tok.text, cue_span=(tok.idx, tok.idx + len(tok.text)),
                      cue_lemma=tok.lemma_.lower(), sentence=(sent.start_char, sent.end_char))
            out.append(q)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "through"):
                    for obj in child.children:
                        if obj.lemma_.lower() in _DOC_NOUNS:
                            res.doc_sources.append((cs, speaker))
        acc = _according_to(sent)
        if acc is not None and acc[0].idx not in direct_chars:
            a_tok, obj = acc
            phrase_end = obj.right_edge.idx + len(obj.right_edge.text)
            if a_tok.idx - sent.start_char > 10:
                cs, ce = sent.start_char, a_tok.idx
            else:
                cs, ce = phrase_end, sent.end_char
            while ce > cs and doc.text[ce - 1] in " ,.;":
                ce -= 1
            while cs < ce and doc.text[cs] in " ,":
                cs += 1
            speaker = res.speaker(obj, cs)
            if speaker is not None and ce - cs > 10:
                out.append(Quote(id=f"i{base + len(out) + 1}", kind="indirect", text=doc.text[cs:ce],
                                 span=(cs, ce), speaker=speaker, cue="according to",
                                 cue_span=(a_tok.idx, a_tok.idx + len("according to")),
                                 cue_lemma="according to",
                                 sentence=(sent.start_char, sent.end_char)))
    return out
