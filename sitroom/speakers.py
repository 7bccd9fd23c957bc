"""Speakers: the cue words of speech, their subjects, and whom they name.

Cues are the verbs of ``data/cues.tsv`` (``cue_of``), and nouns made from them
(``noun_cue``: "claim", "statement" from state, "warning" from warn, "denial"
from deny). A cue's subject (``subject_of``) is its own, or that of the verb
it hangs from ("…, adding", "accused X of … and asserted", "criticised for
saying", "continues to insist"), or the object of the verb above for an
infinitive ("urged the chair to call"), or a name right before it; "said
Budanov" is inverted.

Resolution over one article (``Resolver``):

- a named entity in the phrase gives the speaker its entity and actor:
  surnames through the entity's ``refers_to``; "top South Korean officials"
  is a group with the demonym's country, "Chicago police" or "Clinton's
  campaign" one named by the phrase; a place that is only a place ("Kursk
  said") names no one;
- pronouns (he, she, they, it, his, their) go to the last person or body
  named as a subject or object before them, else to the last speaker quoted
  before; a relative pronoun ("Trump, who said") to the noun it hangs from;
  "I", "we" and "you" outside quotation marks are the writer's or the
  reader's and name no one;
- "the officials" is the last group named with that noun; "a statement from
  the ministry" is the ministry; "the statement" alone whoever issued the last
  statement;
- "a senior official ... on condition of anonymity" is an anonymous source
  with the country its words give;
- any other noun phrase ("the campaign", "police", "73 percent", "those close
  to him") is a speaker by its own words, with no entity: the article names
  no one more precise. An unresolved "he" stays "he".

``Speaker.span`` is the phrase in the text that names the speaker for this
quote (the pronoun itself for a pronoun, relative or not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .gazetteer import read_tsv
from .nlp import doc_ents, doc_text, ents_in
from .record import Article, Entity

_ANON = re.compile(r"\b(on condition of anonymity|declined to be (named|identified)|"
                   r"speaking anonymously|(did|would) not (want to )?be named|not authori[sz]ed to)\b",
                   re.I)
ANON_HEADS = {"official", "officials", "source", "sources", "officer", "diplomat", "diplomats",
              "aide", "aides", "person", "people", "insider", "insiders", "analyst", "member"}
GROUP_PRONOUNS = {"they", "them", "their"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "its"}
OWN_VOICE = {"i", "we", "you", "me", "us"}
_ALL_PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "it", "its"}
_RELATIVE = {"who", "which", "that", "whom"}
# Pronouns and determiners that stand for people when they head a subject.
_QUANTIFIERS = {"some", "others", "those", "many", "most", "both", "all", "few", "several", "one",
                "neither", "either", "none", "everyone", "someone", "somebody", "nobody"}
DOC_NOUNS = {"statement", "report", "communique", "communiqué", "release", "letter",
             "document", "dispatch", "bulletin", "post"}


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


def phrase_text(span: Span) -> str:
    words = list(span)
    while words and words[0].lower_ in ("the", "a", "an", "top", "senior"):
        if words[0].lower_ in ("top", "senior"):
            break
        words = words[1:]
    text = doc_text(span.doc)[words[0].idx: words[-1].idx + len(words[-1].text)] if words else span.text
    return text.strip(" ,")


def noun_phrase(subj: Token, after: int = 0) -> Span:
    """The subject's phrase without a relative clause or apposition (and
    without any word before character ``after``: a quote the parse ran into)."""
    doc = subj.doc
    cut = subj.i + 1
    for t in doc[subj.i + 1: subj.right_edge.i + 1]:
        chain, node = [], t
        while node.i != subj.i and node.head.i != node.i:
            chain.append(node)
            node = node.head
        if t.text in (",", "(", "—", "–") or any(n.dep_ in ("relcl", "acl", "appos", "punct")
                                                 for n in chain):
            break
        cut = t.i + 1
    start = subj.left_edge.i
    while start < subj.i and (doc[start].idx < after or doc[start].is_punct):
        start += 1
    if cut - 1 > start and doc[cut - 1].dep_ == "case":
        cut -= 1  # "Putin's warning": Putin
    return doc[start: cut]


# --- cues and their subjects --------------------------------------------------------

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


def noun_cue(lemma: str) -> Cue | None:
    """The cue a noun names: 'claim', 'statement' (state), 'warning' (warn),
    'assertion' (assert), 'denial' (deny), 'announcement' (announce)."""
    found = cues().get(lemma)
    for suffix in ("ation", "ment", "ion", "ence", "ance", "ing", "al"):
        if found is None and lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            for verb in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem):
                found = found or cues().get(verb)
    return found


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
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "criticised for saying", "responded by asserting"
            continue
        if verb.dep_ == "xcomp":
            # "urged the chair to call ...": the object of the verb above does it.
            obj = next((c for c in verb.head.children if c.dep_ in ("dobj",) and c.i < verb.i), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
                return obj
        if verb.dep_ in ("advcl", "conj", "xcomp", "ccomp") and verb.head.i != verb.i:
            if verb.dep_ == "ccomp" and cue_of(verb.head) is not None:
                return None  # the subject of a reporting verb is not the quoted speaker
            if verb.dep_ == "conj" and any(c.dep_ == "nsubjpass" for c in verb.head.children):
                break  # "X had been retaken and praised ...": not the same agent
            verb = verb.head
            continue
        break
    return _adjacent_name(start)


def according_to(sent: Span) -> tuple[Token, Token] | None:
    """'according to X': (the 'according' token, X's head)."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
            for obj in sent.doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return tok, obj
    return None


def name_before(cue_tok: Token, quoted: set[int]) -> Token | None:
    """The noun or pronoun right before a cue verb, outside quotation marks."""
    i = cue_tok.i - 1
    while i >= 0 and cue_tok.doc[i].pos_ in ("ADV", "AUX", "PART") and i not in quoted:
        i -= 1
    tok = cue_tok.doc[i] if i >= 0 else None
    if tok is None or i in quoted or tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return tok


# --- resolution -------------------------------------------------------------------------

def _antecedent(rel: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its clause, else the
    noun right before it ("the Chicago Tribune, which reported")."""
    clause = rel.head
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    i = rel.i - 1
    while i >= 0 and rel.doc[i].is_punct:
        i -= 1
    if i >= 0 and rel.doc[i].pos_ in ("NOUN", "PROPN"):
        return rel.doc[i]
    return None


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
        self.said: list[tuple[int, Speaker]] = []  # (where, who) for every quote found so far

    def heard(self, at: int, speaker: Speaker | None) -> None:
        """Remember a quote's speaker: an unresolved "he" later may be them."""
        if speaker is not None and speaker.name.lower() not in _ALL_PRONOUNS:
            self.said.append((at, speaker))

    def entity_at(self, span: Span) -> tuple[Entity, Span] | None:
        """The best entity inside a phrase: persons, then bodies, then places."""
        best = None
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "FAC": 4}
        for ent in ents_in(span):
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

    def speaker(self, subj: Token, at: int, after: int = 0) -> Speaker | None:
        """The speaker a subject token names, or None when it names no one
        (``after``: the phrase starts no earlier than this character)."""
        if subj.lower_ in _RELATIVE and subj.dep_ in ("nsubj", "nsubjpass"):
            # "Trump, who says ...": the noun the clause describes; the span stays "who".
            noun = _antecedent(subj)
            sp = self.speaker(noun, at) if noun is not None else None
            if sp is not None:
                sp.span = (subj.idx, subj.idx + len(subj.text))
            return sp
        low = subj.lower_
        if low in OWN_VOICE:
            return None  # the writer's or the reader's voice; in a quote, the frame names the speaker
        if low in PERSON_PRONOUNS | GROUP_PRONOUNS | THING_PRONOUNS:
            return self.pronoun(subj, at)
        appos = next((c for c in subj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if subj.pos_ == "NOUN" and appos is not None:
            # "the panel chairman, Jason Chaffetz": the name in apposition.
            sp = self.speaker(appos, at)
            if sp is not None:
                sp.span = (noun_phrase(subj, after).start_char, noun_phrase(appos).end_char)
                return sp
        phrase = noun_phrase(subj, after)
        span = (phrase.start_char, phrase.end_char)
        if subj.pos_ == "PRON" and low not in _QUANTIFIERS:
            return None  # this, that, what, there: no one
        anonymous = bool(_ANON.search(subj.sent.text)) and low in ANON_HEADS
        if subj.lemma_.lower() in DOC_NOUNS:
            # "a statement from the ministry", "the ministry's statement": its issuer.
            for c in subj.children:
                issuer = c if c.dep_ == "poss" else next(
                    (o for o in c.children if o.dep_ == "pobj"), None) if c.dep_ == "prep" and \
                    c.lower_ in ("from", "by", "of") else None
                if issuer is not None and issuer.lower_ not in OWN_VOICE:
                    sp = self.speaker(issuer, at)
                    if sp is not None:
                        sp.span = span
                        return sp
            # "according to the statement": whoever issued the last statement.
            for pos, sp in reversed(self.doc_sources):
                if pos <= at:
                    return Speaker(sp.name, sp.entity, sp.country, sp.sector, sp.anonymous,
                                   span, sp.kind)
        found = self.entity_at(phrase)
        if found is not None:
            e, ent = found
            head_in_entity = ent.start <= subj.i < ent.end
            if head_in_entity and e.label in ("GPE", "LOC") and self.canonical(e).actor is None:
                return None  # a place that is not a country or government does not speak
            if head_in_entity and e.label != "NORP":
                return self.from_entity(e, phrase, anonymous)
            # "top South Korean officials", "Chicago police", "Clinton's campaign":
            # a group or person of the entity's country, named by the phrase.
            sp = self.from_entity(e, phrase, anonymous)
            sp.entity = sp.entity if e.label in ("NORP", "GPE") else None
            sp.name = phrase_text(phrase)
            sp.kind = "group" if subj.tag_ in ("NNS", "NNPS") else "person"
            if e.actor and e.actor.sector is None:
                from .actors import sector_of

                sp.sector = sector_of([t.text for t in phrase])[0]
            if low in ANON_HEADS and phrase[0].lower_ in ("a", "an", "one"):
                sp.anonymous = True
            return sp
        if subj.tag_ in ("NNS", "NNPS") and phrase[0].lower_ in ("the", "these", "those"):
            group = self.group(subj, at)
            if group is not None:
                return group
        if subj.pos_ not in ("NOUN", "PROPN", "NUM", "PRON", "ADJ", "X"):
            return None
        return Speaker(name=phrase_text(phrase), span=span,
                       anonymous=anonymous or (low in ANON_HEADS and phrase[0].lower_ in ("a", "an", "one",
                                                                                          "two", "several", "some")),
                       kind="group" if subj.tag_ in ("NNS", "NNPS") or low in _QUANTIFIERS else None)

    def pronoun(self, tok: Token, at: int) -> Speaker | None:
        low = tok.lower_
        want = {"PERSON"} if low in PERSON_PRONOUNS else (
            {"ORG", "GPE"} if low in THING_PRONOUNS else {"ORG", "GPE", "NORP"})
        best = None
        for ent in doc_ents(self.doc):
            if ent.start_char >= tok.idx:
                break
            e = self.by_start.get(ent.start_char)
            if e is not None and e.label in want and ent.root.dep_ in ("nsubj", "nsubjpass", "poss",
                                                                         "pobj", "dobj", "appos"):
                best = (e, ent)
        span = (tok.idx, tok.idx + len(tok.text))
        if best is None:
            # No one named: the last speaker quoted before, of the right number.
            kind = "group" if low in GROUP_PRONOUNS else "person"
            for pos, sp in sorted(self.said, key=lambda p: p[0], reverse=True):
                if pos < tok.idx and sp.entity is None and (sp.kind or "person") == kind:
                    return Speaker(sp.name, sp.entity, sp.country, sp.sector, sp.anonymous, span,
                                   sp.kind)
            if low in THING_PRONOUNS:
                return None  # "it said" with no body named before: most likely not speech
            return Speaker(name=tok.text, span=span, kind="group" if low in GROUP_PRONOUNS else "person")
        e, ent = best
        sp = self.from_entity(e, ent)
        sp.span = span
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
