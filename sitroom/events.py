"""Events: what happened, typed with PLOVER 2.0, one event per occurrence.

Detection reads the dependency parse, not a bag of words: a trigger from
``data/events.tsv`` (verbs and nominalisations: "deploy", "the dispatch of
troops", "a summit") counts only when its argument is of the right class
("send troops" is MOBILIZE, "send weapons" AID, "send peacekeepers" AID, troops
that "arrive" or "join" are a deployment seen from its end). "X said Y must
do Z" is a REQUEST by X of Y. Each mention gets (``event_args.py``):

- actor and recipient as resolved actors (a list for "Kim Jong-un and Putin
  agreed"), from the subject, a passive's "by" or "from", possessives and
  demonyms on the troops ("Kim Jong-un's soldiers", "North Korean troops"), a
  noun's light verb ("staged a hunger strike"), and the destination, object or
  content for the recipient ("demanded that Israel ease ..."); a name no table
  knows stays a name with a null country;
- location (a place in the trigger's phrase, else its sentence), date (a time
  expression in the trigger's phrase, else its sentence; else null), figures;
- status from modality and attribution: ``denied`` when only a denial tells
  it, ``hypothetical`` under "if", ``considered`` under "consider/weigh",
  ``threatened`` under "threaten/warn ... could", ``planned`` under
  "plan/intend/willing to", ``expected`` for "expected to", "set to", "will",
  "would", "may soon", ``ongoing`` for progressives and "continue", else
  ``occurred``.

Not events of their own: what is negated in the article's voice ("has not
attacked"), asked for ("urged allies to send"), refused or undone ("refused to
deploy", "lifted the curfew": the lifting is the event), alleged in an
accusation ("accused X of violating"), the topic of a treaty or talks ("talks on
a pullback"), a protest's demands ("rallied to demand reforms"), a noun event
that only sets the scene of another ("after two days of fighting") unless it
names its own actor, and trigger words inside names ("Asia-Pacific Economic
Cooperation").

Mentions of one occurrence (the deployment told in four sentences) merge into
one event when type, actors, recipients, place and date are compatible; the
event keeps every evidence span and every source's stance (from the claims
that contain a mention or answer one). The CAMEO code comes from the trigger
table, quad class from the type. ``plover_type`` reads a type and a status as
the single category PLOVER codes (future aid is AGREE, a threatened attack
THREATEN), for exports and for ``bench/events.py``.

Reads: ``article.doc``, ``article.entities``, ``article.times``,
``article.places``, ``article.figures``, ``article.claims``.
Writes: ``article.events``, and ``claim.event`` for the claims about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from .event_args import (CLASSES, Actors, actor_and_recipient, arguments, children, content,
                         counted, in_class, lemma, prep_objects)
from .gazetteer import read_tsv
from .nlp import doc_text
from .record import Article

QUAD = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}

_MODAL_FUTURE = {"will", "shall", "'ll", "wo", "would"}
_MODAL_MAYBE = {"may", "might", "could", "can"}
_EXPECT = {"expect", "set", "due", "poise", "about", "prepare", "schedule", "likely", "go"}
_PLAN = {"plan", "intend", "aim", "seek", "want", "hope", "propose", "decide", "agree", "vow",
         "promise", "pledge", "offer", "willing", "ready", "prepared", "committed", "determined",
         "eager", "swear", "resolve", "decision", "plan", "intention", "proposal", "offer"}
_CONSIDER = {"consider", "weigh", "mull", "contemplate", "explore", "discuss", "study", "review"}
_THREAT = {"threaten", "warn"}
_ONGOING = {"continue", "keep", "remain", "begin", "start"}
_PURPOSE_SKIP = {"fight", "help", "support", "serve", "join"}
# Verbs whose content does not happen: "refused to deploy", "opposed the deployment",
# "lifted the curfew" (the curfew is what ends: the event is the lifting).
_UNDO = {"refuse", "decline", "fail", "reject", "oppose", "avoid", "resist", "prevent", "block",
         "veto", "rebuff", "cancel", "postpone", "delay", "abandon", "dismiss", "renege", "rule",
         "forbid", "prohibit", "ban", "outlaw", "opposed"}
# Verbs that end what did happen: their object is dropped only when the ending is
# itself an event ("lifted the curfew" is CONCEDE; "ending the invasion" keeps it).
_END = {"halt", "stop", "suspend", "end", "lift", "ease", "scrap", "shorten", "relax", "call",
        "remove"}
# Prepositions that set a noun event as background: "after two days of fighting".
_BACKGROUND = {"at", "during", "after", "following", "before", "amid", "despite", "since", "in"}
# Accusations whose content is alleged, not told as fact: "accused X of violating".
_ALLEGE = {"accuse", "charge", "allege", "suspect"}
# Entities whose names hold trigger words: "Asia-Pacific Economic Cooperation".
_NAME_LABELS = {"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "PERSON", "GPE", "LOC"}
_SAY = {"say", "announce", "declare", "conclude", "insist", "reiterate", "state", "tell",
        "stress", "add", "argue", "write", "note", "remind", "warn", "repeat", "emphasise",
        "emphasize", "assert", "maintain", "claim", "believe", "think", "agree"}
_REQUEST_VERBS = {"urge", "ask", "call", "demand", "appeal", "request", "press", "beg", "implore",
                  "push", "pressure", "order"}
_DEMAND_OBJ = {"demand", "request", "order", "seek", "urge", "want"}  # "demanded the withdrawal"
# Types whose future, conditional or threatened form PLOVER codes as another type.
_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_CONFLICT = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
_FUTURE = {"expected", "planned", "considered", "threatened", "hypothetical"}
_VERBAL = {"REQUEST", "ACCUSE", "REJECT", "PROTEST", "SUPPORT"}
STATUS_ORDER = ("occurred", "ongoing", "expected", "planned", "considered", "threatened",
                "hypothetical", "denied")


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    slot: str
    cls: str
    cameo: str


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    out: dict[tuple[str, str], list[Trigger]] = {}
    for r in read_tsv("events.tsv"):
        t = Trigger(r["lemma"], r["pos"], r["type"], r["mode"] or None, r["slot"], r["class"],
                    r["cameo"])
        out.setdefault((t.lemma, t.pos), []).append(t)
    return out


@lru_cache(maxsize=1)
def _contexts() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every context term (longest first), and term -> context."""
    rows = read_tsv("contexts.tsv")
    terms = sorted((r["term"].lower() for r in rows), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)
    return pattern, {r["term"].lower(): r["context"] for r in rows}


@dataclass(slots=True)
class Mention:
    trigger: Token
    spec: Trigger
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    location: dict[str, Any] | None
    date: dict[str, Any] | None
    quantities: list[dict[str, Any]]
    status: str
    attributed: bool  # told inside a claim (someone says it) rather than in the article's voice
    sentence: Span
    sources: list[dict[str, Any]] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    context: list[str]
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    location: dict[str, Any] | None
    date: dict[str, Any] | None
    quantities: list[dict[str, Any]]
    status: str
    sources: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    cameo: str
    mentions: list[Mention] = field(default_factory=list, repr=False)

    @property
    def quad(self) -> str:
        return QUAD[self.type]

    def to_dict(self) -> dict[str, Any]:
        def one_or_list(xs: list[dict[str, Any]]) -> Any:
            if not xs:
                return None
            return xs[0] if len(xs) == 1 else xs

        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": self.context,
            "quad": self.quad, "cameo": self.cameo,
            "actor": one_or_list(self.actor), "recipient": one_or_list(self.recipient),
            "location": self.location, "date": self.date, "quantities": self.quantities,
            "status": self.status, "sources": self.sources, "evidence": self.evidence,
            # The single category PLOVER's own coding would give (future cooperation is
            # AGREE, future force THREATEN, ...), for users comparing with PLOVER data.
            "plover_category": plover_type(self.type, self.status),
        }


# --- triggers ----------------------------------------------------------------------

def plover_type(etype: str, status: str) -> str | None:
    """The single PLOVER category for a type and a status, as the manual codes
    intentions: future cooperation (CONSULT, SUPPORT, COOPERATE, AID) is AGREE,
    an announced retreat CONCEDE, future or conditional force THREATEN; a
    denied event is none."""
    if status == "denied":
        return None
    if status not in _FUTURE:
        return etype
    if status == "hypothetical" and etype not in _CONFLICT:
        return None  # "unless Baghdad accepted": a condition, not an act
    if etype in _COOPERATIVE:
        return "AGREE"
    if etype == "RETREAT":
        return "CONCEDE"
    return "THREATEN" if etype in _CONFLICT else etype


def _matches(spec: Trigger, tok: Token) -> bool:
    cls = spec.cls
    if cls == "threat":
        return _warns_of_action(tok)
    if cls == "request":
        return any(p.lower_ in ("on", "for") for p in tok.children if p.dep_ == "prep") or \
            any(c.dep_ == "prt" and c.lower_ == "for" for c in tok.children)
    if cls == "joint":
        return any(c.lower_ in ("joint", "combined", "trilateral", "bilateral") for c in tok.children)
    if cls == "clause":  # "ordered X to leave", "declined to resign"
        # "declined to confirm" or "to comment" refuses an answer, not an act.
        return any(lemma(c) not in _NON_ANSWERS for c in children(tok, "xcomp", "ccomp"))
    if cls == "visit":  # "arrived on a visit"
        return any(lemma(o) in ("visit", "trip", "tour", "mission") for o in
                   prep_objects(tok, "on", "for"))
    if cls == "formal":  # "lodged an official protest"
        return lemma(tok.head) in ("lodge", "file", "deliver", "issue", "register", "send", "make")
    if cls == "labour":  # "a hunger strike", "staged a general strike"
        mods = {lemma(c) for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        if mods & {"air", "missile", "drone", "rocket", "military", "artillery", "airstrike",
                   "precision", "retaliatory", "preemptive", "nuclear"}:
            return False
        return bool(mods & {"hunger", "general", "national", "nationwide", "labour", "labor",
                            "worker", "teacher", "indefinite", "open", "sit", "warning", "day",
                            "hour", "union", "rail", "transport", "doctor", "miner"}) or \
            any(m.endswith(("-day", "-hour")) for m in mods) or \
            lemma(tok.head) in ("stage", "organize", "organise", "call", "hold", "begin", "start",
                                "continue", "end", "join", "go", "declare") or \
            (tok.head.lower_ == "on" and lemma(tok.head.head) == "go")
    subj, obj = arguments(tok) if spec.pos == "VERB" else (None, None)
    particle = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if cls == "off":  # "called off the strike"
        return "off" in particle and (in_class(obj, "protest") or in_class(counted(obj), "protest"))
    if cls == "up":  # "blew up power lines"
        return "up" in particle
    if cls == "out":  # "forced out refugees"
        return "out" in particle
    if cls == "diplomats-out":
        return "out" in particle and (in_class(obj, "diplomats") or in_class(obj, "actor"))
    if cls == "cyber":
        return any(lemma(c) in ("cyber", "cyberattack", "hacker", "computer", "online")
                   for c in tok.children)
    if cls == "onalert":
        return tok.head.lower_ == "on"
    if cls == "intrans":  # "Russia mobilised"
        return obj is None
    if cls == "peacekeepers":
        arg = obj if spec.slot == "obj" else subj if spec.slot == "subj" else None
        if spec.pos == "NOUN":
            arg = next(iter(prep_objects(tok, "of")), None)
        return arg is not None and any(t.lower_.startswith(("peacekeep", "peace-keep"))
                                       for t in arg.subtree)
    if spec.pos == "NOUN":
        if spec.slot == "of":
            objs = prep_objects(tok, "of")
            return any(in_class(o, cls) or in_class(counted(o), cls) for o in objs)
        return True
    if spec.slot == "obj":
        if cls == "aid" and obj is not None and obj.ent_type_ == "MONEY":
            return True  # "provide $5 million"
        return any(in_class(o, cls) or in_class(counted(o), cls) or
                   any(in_class(p, cls) for p in prep_objects(o, "in", "worth"))  # "$5m in aid"
                   for o in ([obj, *obj.conjuncts] if obj is not None else []))
    if spec.slot == "subj":
        return in_class(subj, cls) or in_class(counted(subj), cls)
    return True


def _warns_of_action(tok: Token) -> bool:
    """'warned it could consider supplying weapons': a warning about what the
    speaker itself could do (a threat), not a warning about a danger."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp"):
            aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            if aux & (_MODAL_FUTURE | _MODAL_MAYBE | {"would"}) or lemma(c) in _CONSIDER:
                return True
    return False


# --- status ------------------------------------------------------------------------

def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")}


def _requested(tok: Token) -> bool:
    """Is the trigger what someone asks for ("urged allies to send", "demanded
    the withdrawal of", "called for sanctions", "said Libya must hand over")?"""
    node = tok
    for _ in range(4):
        if node.dep_ == "conj":
            node = node.head
            continue
        if node.dep_ == "pobj" and node.head.lower_ == "for" and \
                lemma(node.head.head) in _REQUEST_VERBS:
            return True
        if node.dep_ in ("ccomp", "acl") and any(c.dep_ == "aux" and c.lower_ == "must"
                                                 for c in node.children):
            return True  # "... saying he must resign"
        if node.dep_ not in ("xcomp", "ccomp", "dobj", "acl") or node.head.i == node.i:
            return False
        if node.dep_ == "dobj" and (node.pos_ not in ("NOUN", "PROPN") or
                                    lemma(node.head) not in _DEMAND_OBJ):
            return False
        node = node.head
        if lemma(node) in _REQUEST_VERBS:
            return True
    return False


def _undone(tok: Token, is_trigger: Any) -> bool:
    """Is the trigger what someone refuses, stops or undoes ("refused to deploy",
    "opposed the deployment", "lifted the curfew", "failed to reach agreement")?"""
    node = tok
    for _ in range(4):
        dep = node.dep_
        if dep == "conj":
            node = node.head
            continue
        if dep not in ("xcomp", "ccomp", "dobj", "nsubjpass", "pobj", "acl", "pcomp", "compound") \
                or node.head.i == node.i:
            return False
        head = node.head
        if dep in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in ("on", "to", "of"):
            head = head.head
        if lemma(head) in _UNDO or (lemma(head) in _END and is_trigger(head)):
            return True
        if dep in ("pobj", "pcomp") and lemma(head) in _ALLEGE and node.head.lower_ in ("of", "with"):
            return True  # "accused X of violating the ceasefire": alleged
        if dep == "pobj" and node.head.lower_ in ("of", "on", "for", "about") and \
                node.pos_ in ("NOUN", "PROPN") and any(in_class(head, c) for c in (
                    "agreement", "talks", "proposal", "demands")):
            return True  # "a treaty of friendship and cooperation", "talks on a pullback"
        node = head
    return False


def _must_speaker(tok: Token) -> Token | None:
    """'X said Y must do Z': a demand by X on Y. The speaker, or None."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "acl") or \
            not any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return None
    subj = next(iter(children(tok, "nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in ("i", "we", "you", "one"):
        return None
    head = tok.head
    if head.pos_ in ("NOUN", "PROPN"):  # "a stern reminder that Iraq must cooperate"
        if lemma(head) in _REQUEST_VERBS or head.dep_ not in ("dobj", "nsubj") or \
                lemma(head) in CLASSES["demands"]:
            return None
        head = head.head
    elif lemma(head) not in _SAY:
        return None
    speaker = next(iter(children(head, "nsubj")), None)
    if speaker is None and head.dep_ in ("advcl", "xcomp", "conj"):  # "..., saying Y must"
        speaker = next(iter(children(head.head, "nsubj")), None)
    return speaker if speaker is not None and speaker.i != subj.i else None


def _purpose_head(tok: Token) -> Token | None:
    """'demonstrated to demand reforms', 'a strike in protest against': the
    act whose purpose the trigger states."""
    if tok.dep_ in ("advcl", "xcomp", "acl", "relcl") and (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or tok.tag_ == "VBG"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "to", "for") and \
            lemma(tok) in ("protest", "demand", "support", "solidarity", "response", "retaliation"):
        return tok.head.head
    return None


def status_of(tok: Token) -> str:
    """The modality of a trigger: from its own auxiliaries and the verbs above it."""
    node, hops = tok, 0
    while True:
        aux = _aux(node)
        lem = lemma(node)
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return "hypothetical"
        if hops and lem in _CONSIDER:
            return "considered"
        if hops and (lem in ("threaten", "threat") or (lem in _THREAT and _warns_of_action(node))):
            return "threatened"
        if hops and lem in _PLAN:
            return "planned"
        if hops and lem in _EXPECT or "going" in aux:
            return "expected"
        if aux & _MODAL_FUTURE:
            return "expected"
        if aux & _MODAL_MAYBE:
            if any(c.lower_ == "soon" for c in node.children):
                return "expected"
            if hops == 0 and any(lemma(c) in _CONSIDER for c in node.children if c.dep_ == "xcomp"):
                return "considered"
            return "expected"
        if hops and lem in _ONGOING:
            return "ongoing"
        if node.tag_ == "VBG" and aux & {"is", "are", "am", "was", "were", "been", "be"}:
            return "ongoing"
        if node.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj", "pobj",
                         "dobj", "nsubj", "nsubjpass", "attr") and node.head.i != node.i and hops < 4:
            if node.dep_ in ("relcl", "acl") and node.tag_ == "VBN":
                node = node.head.head if node.head.head.i != node.head.i else node.head
            elif node.dep_ in ("pobj", "pcomp") and node.head.dep_ == "prep" and \
                    node.head.lower_ in ("to", "for", "on", "of"):
                node = node.head.head  # "agreed to US mediation", "the decision of sending"
            else:
                node = node.head
            hops += 1
            continue
        break
    if any(c.lower_ == "since" for c in tok.subtree) and tok.tag_ in ("VBN", "VBG"):
        return "ongoing"
    return "occurred"


# --- the stage -----------------------------------------------------------------------

_LOCATIVE = {"in", "at", "near", "into", "inside", "across", "outside", "around", "on", "to",
             "towards", "toward", "onto", "over", "within", "along", "off"}


def _location(tok: Token, article: Article, etype: str = "") -> dict[str, Any] | None:
    """Where it happened: a place in a locative phrase ("in Pyongyang", "into
    the region of Kursk") of the trigger's own phrase; not a place it comes
    from, nor a country that is only an argument ("condemned North Korea")."""
    doc = tok.doc
    best, best_rank = None, 99
    for p in article.places:
        if p.lat is None or not (tok.sent.start_char <= p.span[0] < tok.sent.end_char):
            continue
        span = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # Climb from the place to its preposition through nouns ("region of Kursk").
        node, prep = root, None
        for _ in range(5):
            if node.dep_ == "pobj":
                prep = node.head
                if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
                    node = prep.head
                    continue
                break
            if node.dep_ in ("compound", "poss", "amod", "appos") and node.head.i != node.i:
                node = node.head
                continue
            break
        if prep is None or prep.lower_ not in _LOCATIVE:
            continue
        if prep.lower_ in ("to", "towards", "toward", "onto") and etype != "MOBILIZE":
            continue  # "supplied weapons to Russia": the recipient, not where
        if not _governed_by(tok, p.span[0], p.span[1]):
            continue
        rank = {"city": 0, "admin1": 1, "country": 3}.get(p.feature or "", 5)
        if rank < best_rank:
            best, best_rank = p, rank
    if best is None:
        return None
    return {**best.brief(), "text": best.text, "span": list(best.span), "feature": best.feature}


def _governed_by(tok: Token, start_char: int, end_char: int) -> bool:
    """Does a phrase at these offsets hang from the trigger without another
    verb between ("arrive ... today" yes; "pour into the region, which has been
    occupied since August" no)?"""
    span = tok.doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    for _ in range(12):
        if node.i == tok.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        purpose = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        # "sent troops to fight ... in the Kursk region": a purpose clause says where.
        if node.i != tok.i and node.pos_ == "VERB" and node.dep_ not in ("aux", "auxpass", "xcomp") \
                and not purpose and not (tok.pos_ == "VERB" and node in tok.ancestors):
            return False
    return False


def _date(tok: Token, article: Article) -> dict[str, Any] | None:
    """A date expression of the trigger's own phrase; a sentence's other dates
    are often when someone spoke, not when the event happened."""
    sent = tok.sent
    for t in article.times:
        if not (sent.start_char <= t.span[0] < sent.end_char) or t.kind not in ("date", "time") \
                or not t.value:
            continue
        if _governed_by(tok, t.span[0], t.span[1]):
            return {"text": t.text, "value": t.value, "precision": t.precision, "span": list(t.span)}
    return None


def _quantities(tok: Token, article: Article) -> list[dict[str, Any]]:
    spans = set()
    for t in tok.subtree:
        spans.add(t.idx)
    subj, obj = arguments(tok) if tok.pos_ in ("VERB", "AUX") else (None, None)
    for arg in (subj, obj):
        if arg is not None:
            spans.update(t.idx for t in arg.subtree)
    out = []
    for q in article.figures:
        if q.span[0] in spans or any(s in spans for s in range(q.span[0], q.span[1])):
            if q.unit and _in_class_word(q.unit):
                out.append({"value": q.value, "unit": q.unit, "qualifier": q.qualifier, "text": q.text,
                            "span": list(q.span), "low": q.low, "high": q.high})
    return out


def _in_class_word(unit: str) -> bool:
    u = unit.lower().rstrip("s")
    return any(u in words or unit.lower() in words for words in CLASSES.values()) or unit in (
        "people", "civilians", "dead", "casualties", "percent", "USD", "EUR", "GBP")


def _claims_about(article: Article, tok: Token) -> list[Any]:
    """Claims whose content holds the trigger, and claims answering those."""
    inside = [c for c in article.claims if c.span[0] <= tok.idx < c.span[1]]
    ids = {c.id for c in inside}
    answering = [c for c in article.claims if c.target in ids and c not in inside]
    return inside + answering


def _context(sentence: Span, spec: Trigger) -> list[str]:
    pattern, by_term = _contexts()
    found: list[str] = []
    text = doc_text(sentence.doc)[sentence.start_char: sentence.end_char]
    for m in pattern.finditer(text):
        ctx = by_term[m.group(0).lower()]
        if ctx not in found:
            found.append(ctx)
    return found


_NON_ANSWERS = {"confirm", "comment", "say", "elaborate", "disclose", "discuss", "specify",
                "answer", "respond", "reply", "deny", "identify", "name", "speculate"}
_MUST = Trigger("must", "VERB", "REQUEST", None, "any", "any", "100")
_NOT_AGREE = Trigger("not", "VERB", "REJECT", None, "any", "any", "120")


def _spec_of(tok: Token, table: dict[tuple[str, str], list[Trigger]]) -> Trigger | None:
    if _must_speaker(tok) is not None:
        return _MUST
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else ("NOUN" if tok.pos_ in ("NOUN", "PROPN") else None)
    if pos is None:
        return None
    specs = table.get((lemma(tok), pos)) or table.get((tok.lower_, pos))
    return next((s for s in specs if _matches(s, tok)), None) if specs else None


def _background(tok: Token, spec: Trigger, table: dict, refs: Actors) -> bool:
    """A noun event that is only the setting of another ("agreed ... at a
    summit", "after two days of fighting"), with no actor of its own."""
    node = tok  # "despite hours of tense negotiations"
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ in ("NOUN", "NUM"):
        node = node.head.head
    if tok.pos_ not in ("NOUN", "PROPN") or node.dep_ != "pobj" or \
            node.head.lower_ not in _BACKGROUND:
        return False
    if not any(_spec_of(a, table) for a in list(tok.ancestors)[:4] if a.pos_ in ("VERB", "NOUN")):
        return False
    return node.head.lower_ in ("at", "during") or not actor_and_recipient(tok, spec, refs)[0]


def find_mentions(article: Article) -> list[Mention]:
    doc: Doc = article.doc
    refs = Actors(article)
    table = triggers()
    out: list[Mention] = []
    for tok in doc:
        spec = _spec_of(tok, table)
        if spec is None:
            continue
        # "deployed ... to fight for Putin": a purpose, part of the deployment.
        if spec.pos == "VERB" and tok.dep_ in ("advcl", "xcomp", "relcl") and \
                lemma(tok) in _PURPOSE_SKIP and spec.type != "MOBILIZE" and \
                any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
                getattr(_spec_of(tok.head, table), "type", None) in ("MOBILIZE", "AID"):
            continue
        if spec.pos == "VERB" and tok.dep_ == "amod":
            continue  # "the long-threatened invasion", "a banned group": a description
        if tok.ent_type_ in _NAME_LABELS and spec is not _MUST:
            continue  # "the Ceasefire Violations Committee": part of a name
        if _background(tok, spec, table, refs):
            continue
        negated = any(c.dep_ == "neg" for c in tok.children) or any(
            d.lower_ in ("no", "none") for a in children(tok, "nsubj", "nsubjpass", "dobj")
            for d in a.children if d.dep_ == "det") or (  # "fighting has not resumed"
            spec.pos == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") and
            any(c.dep_ == "neg" for c in tok.head.children))
        refused = negated and spec.type in ("AGREE", "CONCEDE") and \
            lemma(tok) in ("accept", "agree", "allow")
        if refused:
            spec, negated = _NOT_AGREE, False  # "will not accept any more refugees"
        if negated and not _claims_about(article, tok):
            continue  # "has not attacked": no event, in the article's own voice
        if spec is not _MUST and (_requested(tok) or _undone(tok, lambda h: _spec_of(h, table))):
            continue  # the request or the refusal is the event
        if spec.type == "PROTEST" and spec.mode == "strike" and any(
                lemma(c) == "hunger" for c in tok.children):
            spec = replace(spec, mode="hunger")
        if spec is _MUST:
            actor = refs.of_phrase(_must_speaker(tok))
            recipient = refs.of_phrase(next(iter(children(tok, "nsubj", "nsubjpass")), None))
        else:
            actor, recipient = actor_and_recipient(tok, spec, refs)
        claims = _claims_about(article, tok)
        status = status_of(tok)
        if spec.type == "THREATEN" and status == "occurred":
            # A threat's status is that of what it threatens: "warned it could
            # consider supplying weapons" is only considered.
            what = content(tok)
            considered = what is not None and (lemma(what) in _CONSIDER or
                                               status_of(what) == "considered")
            status = "considered" if considered else "threatened"
        if claims and all(c.stance == "denies" for c in claims) and not refused:
            status = "denied"
        sources = []
        for c in claims:
            src = c.source.to_dict() if c.source is not None else None
            entry = {"name": src["name"] if src else None, "country": src["country"] if src else None,
                     "stance": c.stance, "claim": c.id, "span": list(c.span)}
            if entry not in sources:
                sources.append(entry)
        out.append(Mention(
            trigger=tok, spec=spec, actor=actor, recipient=recipient,
            location=_location(tok, article, spec.type), date=_date(tok, article),
            quantities=_quantities(tok, article), status=status,
            attributed=any(c.source is not None for c in claims), sentence=tok.sent,
            sources=sources, claims=[c.id for c in claims]))
    # "demonstrated to demand reforms", "a hunger strike in protest at": the
    # demand is what the protest is for, not an event of its own.
    by_token = {m.trigger.i: m for m in out}

    def purpose_of(m: Mention) -> Mention | None:
        head = _purpose_head(m.trigger)
        if head is None or head.i == m.trigger.i:
            return None
        if head.i in by_token:
            return by_token[head.i]
        # "staged demonstrations to demand": the noun the light verb carries
        return next((by_token[c.i] for c in children(head, "dobj") if c.i in by_token), None)

    def is_part(m: Mention) -> bool:
        p = purpose_of(m)
        if p is None:
            return False
        if p.spec.type == "PROTEST" or (m.spec.type in _VERBAL and p.spec.type in _CONFLICT):
            p.recipient = p.recipient or m.recipient  # whom the protest is against
            return True  # a protest's demands, and what rioters do, are the protest
        return False
    return [m for m in out if not is_part(m)]


def _countries(refs: list[dict[str, Any]]) -> set[str]:
    return {r["country"] for r in refs if r.get("country")}


def _compatible(ev: Event, m: Mention) -> bool:
    if ev.type != m.spec.type and m.spec.type == "THREATEN" and ev.status in ("considered", "threatened") \
            and _countries(ev.actor) & _countries(m.actor):
        return False  # a threat mentioned after its content starts its own event
    if ev.type != m.spec.type:
        # A considered supply of weapons is the content of a threat by the same actor.
        if not (ev.type == "THREATEN" and m.status in ("considered", "threatened")
                and _countries(ev.actor) & _countries(m.actor)):
            return False
        return True
    a1, a2 = _countries(ev.actor), _countries(m.actor)
    if a1 and a2 and not (a1 & a2):
        return False
    r1, r2 = _countries(ev.recipient), _countries(m.recipient)
    if r1 and r2 and not (r1 & r2):
        return False
    same_sentence = any(x.sentence.start == m.sentence.start for x in ev.mentions)
    if ev.type != "MOBILIZE" and not (a1 & a2) and not (same_sentence and not (a1 and a2)):
        return False  # only a deployment may be told with its actor left out
    if ev.type in ("ASSAULT", "CONSULT", "PROTEST", "ACCUSE") and not (a1 & a2) and \
            not (same_sentence and not (a1 and a2)):
        return False
    if ev.date and m.date and ev.date.get("value") and m.date.get("value"):
        v1, v2 = ev.date["value"], m.date["value"]
        n = min(len(v1), len(v2))
        if v1[:n] != v2[:n]:
            return False
    if ev.location and m.location and ev.location.get("country") and m.location.get("country") \
            and ev.location["country"] != m.location["country"] and ev.type not in ("MOBILIZE", "AID"):
        return False
    return True


def _better_place(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    rank = {"city": 0, "admin1": 1, "country": 2}
    if a is None:
        return b
    if b is None:
        return a
    return a if rank.get(a.get("feature") or "", 3) <= rank.get(b.get("feature") or "", 3) else b


def _merge_status(mentions: list[Mention]) -> str:
    own = [m.status for m in mentions if not m.attributed and m.status != "denied"]
    if own:
        return min(own, key=STATUS_ORDER.index)
    said = [m.status for m in mentions if m.status != "denied"]
    if said:
        return min(said, key=STATUS_ORDER.index)
    return "denied"


def _fill_actors(into: list[dict[str, Any]], more: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the first actor named for each country; add new countries."""
    out = list(into)
    for r in more:
        if any(x.get("country") and x.get("country") == r.get("country") for x in out):
            continue
        if r.get("country") or not out:
            out.append(r)
    return out


def find_events(article: Article) -> Article:
    mentions = find_mentions(article)
    events: list[Event] = []
    for m in mentions:
        target = next((ev for ev in events if _compatible(ev, m)), None)
        if target is None:
            target = Event(id="", type=m.spec.type, mode=m.spec.mode, context=[], actor=[],
                           recipient=[], location=None, date=None, quantities=[], status=m.status,
                           sources=[], evidence=[], cameo=m.spec.cameo)
            events.append(target)
        target.mentions.append(m)
        target.actor = _fill_actors(target.actor, m.actor)
        if m.spec.type == target.type or not m.recipient:
            target.recipient = _fill_actors(target.recipient, m.recipient)
        target.location = _better_place(target.location, m.location)
        if target.date is None and m.date is not None:
            target.date = m.date
        for q in m.quantities:
            if q not in target.quantities:
                target.quantities.append(q)
        for s in m.sources:
            key = (s["name"], s["stance"])
            if all((x["name"], x["stance"]) != key for x in target.sources):
                target.sources.append(s)
        sent = m.sentence
        target.evidence.append({"span": [sent.start_char, sent.end_char - _trailing(sent.text)],
                                "sentence": sent.text.strip(),
                                "trigger": [m.trigger.idx, m.trigger.idx + len(m.trigger.text)],
                                "status": m.status})
        for ctx in _context(sent, m.spec):
            if ctx not in target.context:
                target.context.append(ctx)
    for n, ev in enumerate(events, 1):
        ev.id = f"v{n}"
        ev.status = _merge_status(ev.mentions)
        # Keep the trigger's own mode where one mention gave it.
        ev.mode = next((m.spec.mode for m in ev.mentions if m.spec.type == ev.type and m.spec.mode),
                       ev.mode)
    by_claim = {cid: ev.id for ev in events for m in ev.mentions for cid in m.claims}
    for c in article.claims:
        c.event = by_claim.get(c.id)
    article.events = events
    return article


def _trailing(text: str) -> int:
    return len(text) - len(text.rstrip())
