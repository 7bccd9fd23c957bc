"""Events: what happened, typed with PLOVER 2.0, one event per occurrence.

Detection reads the dependency parse, not a bag of words: a trigger from
``data/events.tsv`` (verbs and nominalisations: "deploy", "the dispatch of
troops", "a summit") counts only when its argument is of the right class
("send troops" is MOBILIZE, "send weapons" AID, troops that "arrive" or "join"
are a deployment seen from its end). Each mention gets:

- actor and recipient as resolved actors (a list for "Kim Jong-un and Putin
  agreed"), from the subject, a passive's "by" or "from", possessives and
  demonyms on the troops ("Kim Jong-un's soldiers", "North Korean troops"),
  and the destination or object for the recipient;
- location (a place in the trigger's phrase, else its sentence), date (a time
  expression in the trigger's phrase, else its sentence; else null), figures;
- status from modality and attribution: ``denied`` when only a denial tells
  it, ``hypothetical`` under "if", ``considered`` under "consider/weigh",
  ``threatened`` under "threaten/warn ... could", ``planned`` under
  "plan/intend", ``expected`` for "expected to", "set to", "will", "may
  soon", ``ongoing`` for progressives and "continue", else ``occurred``.

Mentions of one occurrence (the deployment told in four sentences) merge into
one event when type, actors, recipients, place and date are compatible; the
event keeps every evidence span and every source's stance (from the claims
that contain a mention or answer one). The CAMEO code comes from the trigger
table, quad class from the type.

Reads: ``article.doc``, ``article.entities``, ``article.times``,
``article.places``, ``article.figures``, ``article.claims``.
Writes: ``article.events``, and ``claim.event`` for the claims about them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from . import gazetteer
from .gazetteer import fold, read_tsv
from .record import Article, Entity

QUAD = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}

# Argument classes of the trigger table, by lemma.
CLASSES: dict[str, set[str]] = {
    "troops": {"troop", "troops", "soldier", "force", "brigade", "unit", "battalion", "personnel",
               "army", "division", "regiment", "fighter", "mercenary", "marine", "paratrooper",
               "reinforcement", "contingent", "infantry", "special", "commando", "conscript",
               "servicemen", "serviceman", "recruit", "youth"},
    "weapons": {"weapon", "arm", "ammunition", "missile", "shell", "artillery", "drone", "tank",
                "munition", "rocket", "warship", "jet", "aircraft", "launcher", "round", "howitzer",
                "equipment", "hardware", "interceptor"},
    "aid": {"aid", "assistance", "money", "fund", "loan", "supply", "food", "medicine", "help",
            "grant", "package", "support", "credit", "fuel", "vaccine"},
    "agreement": {"agreement", "deal", "treaty", "pact", "accord", "partnership", "memorandum",
                  "ceasefire", "truce", "contract", "declaration", "alliance"},
    "talks": {"talk", "meeting", "summit", "negotiation", "call", "discussion", "consultation"},
    "sanctions": {"sanction", "embargo", "tariff", "restriction", "ban", "penalty"},
    "relations": {"relation", "tie", "talk", "contact", "cooperation", "aid"},
    "diplomats": {"diplomat", "ambassador", "envoy", "attache", "staff"},
    "person": {"person", "people", "prisoner", "hostage", "journalist", "activist", "protester",
               "civilian", "man", "woman", "soldier", "detainee", "captive", "citizen", "leader"},
    "civilians": {"protester", "demonstrator", "people", "resident", "student", "worker",
                  "supporter", "activist", "thousand", "hundred", "crowd", "citizen", "farmer"},
    "workers": {"worker", "union", "doctor", "nurse", "teacher", "employee", "staff", "driver",
                "miner", "pilot", "farmer"},
    "place": {"city", "town", "village", "region", "area", "base", "port", "plant", "airport",
              "bridge", "building", "hospital", "school", "territory", "position", "facility",
              "infrastructure", "station", "depot", "refinery"},
}
_MODAL_FUTURE = {"will", "shall", "'ll", "wo"}
_MODAL_MAYBE = {"may", "might", "could", "can"}
_EXPECT = {"expect", "set", "due", "poise", "about", "prepare", "schedule", "likely", "go"}
_PLAN = {"plan", "intend", "aim", "seek", "want", "hope", "propose", "decide", "agree", "vow",
         "promise", "pledge", "offer"}
_CONSIDER = {"consider", "weigh", "mull", "contemplate", "explore", "discuss", "study", "review"}
_THREAT = {"threaten", "warn"}
_ONGOING = {"continue", "keep", "remain", "begin", "start"}
_PURPOSE_SKIP = {"fight", "help", "support", "serve", "join"}
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
def _contexts() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{re.escape(r['term'])}\b", re.I), r["context"])
            for r in read_tsv("contexts.tsv")]


@lru_cache(maxsize=1)
def _epithets() -> dict[str, dict[str, str]]:
    return {r["phrase"]: r for r in read_tsv("epithets.tsv")}


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
        }


# --- arguments -------------------------------------------------------------------

def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _in_class(tok: Token | None, cls: str) -> bool:
    if tok is None:
        return False
    if cls == "any":
        return True
    if cls == "actor":
        return tok.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") or tok.pos_ == "PROPN"
    words = CLASSES.get(cls, set())
    return _lemma(tok) in words or tok.lower_ in words


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok: Token, *preps: str) -> list[Token]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative", "agent") and p.lower_ in preps:
            out.extend(o for o in p.children if o.dep_ == "pobj")
    return out


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def _arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """(subject, object) of a verb, treating a passive subject as its object."""
    subj = next(iter(_children(tok, "nsubj")), None)
    obj = next(iter(_children(tok, "dobj")), None)
    passive = next(iter(_children(tok, "nsubjpass")), None)
    if passive is not None:
        obj = passive
        agent = _prep_objects(tok, "by")
        subj = agent[0] if agent else None
    if tok.dep_ in ("acl", "relcl") and obj is None and tok.tag_ == "VBN":
        obj = tok.head  # "12,000 troops deployed from North Korea"
    elif tok.dep_ in ("acl", "relcl") and subj is None and tok.head.pos_ in ("NOUN", "PROPN"):
        subj = tok.head  # "the first units to arrive today"
    if subj is None and tok.dep_ in ("xcomp", "advcl", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        head_subj = _children(tok.head, "nsubj", "nsubjpass")
        if head_subj and tok.dep_ != "conj" or (tok.dep_ == "conj" and head_subj):
            subj = head_subj[0]
    return subj, obj


def _matches(spec: Trigger, tok: Token) -> bool:
    if spec.cls == "threat":
        return _warns_of_action(tok)
    if spec.cls == "request":
        return any(p.lower_ in ("on", "for") for p in tok.children if p.dep_ == "prep") or \
            any(c.dep_ == "prt" and c.lower_ == "for" for c in tok.children)
    if spec.cls == "joint":
        return any(c.lower_ in ("joint", "combined", "trilateral", "bilateral") for c in tok.children)
    if spec.pos == "NOUN":
        if spec.slot == "of":
            objs = _prep_objects(tok, "of")
            return any(_in_class(o, spec.cls) or _in_class(_counted(o), spec.cls) for o in objs)
        return True
    subj, obj = _arguments(tok)
    if spec.slot == "obj":
        return _in_class(obj, spec.cls) or _in_class(_counted(obj), spec.cls)
    if spec.slot == "subj":
        return _in_class(subj, spec.cls) or _in_class(_counted(subj), spec.cls)
    return True


def _counted(tok: Token | None) -> Token | None:
    """'hundreds of combat troops', 'two brigades of 6,000 troops': the noun counted."""
    if tok is None:
        return None
    for o in _prep_objects(tok, "of"):
        return o
    return None


def _warns_of_action(tok: Token) -> bool:
    """'warned it could consider supplying weapons': a warning about what the
    speaker itself could do (a threat), not a warning about a danger."""
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp"):
            aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            if aux & (_MODAL_FUTURE | _MODAL_MAYBE | {"would"}) or _lemma(c) in _CONSIDER:
                return True
    return False


# --- actors ---------------------------------------------------------------------------

class Actors:
    """Turns tokens into actor references using the article's entities."""

    def __init__(self, article: Article) -> None:
        from .actors import tables

        self.article = article
        self.doc = article.doc
        self.ent_at: dict[int, Entity] = {}
        for e in article.entities:
            for s, end in e.spans:
                for i in range(s, end):
                    self.ent_at[i] = e
        self.ids = {e.id: e for e in article.entities}
        self.demonyms = tables().demonyms

    def canonical(self, e: Entity) -> Entity:
        while e.refers_to and e.refers_to in self.ids and self.ids[e.refers_to] is not e:
            e = self.ids[e.refers_to]
        return e

    def of_token(self, tok: Token | None) -> list[dict[str, Any]]:
        """The actor(s) a noun phrase head names, conjuncts included."""
        if tok is None:
            return []
        out = []
        for t in _conjuncts(tok):
            ref = self._one(t)
            if ref is not None and ref not in out:
                out.append(ref)
        return out

    def _ref(self, e: Entity, text: str | None = None) -> dict[str, Any] | None:
        e = self.canonical(e)
        a = e.actor
        if a is None:
            return None
        return {"name": a.name, "country": a.country, "sector": a.sector, "entity": e.id,
                "kind": a.kind}

    def _one(self, tok: Token) -> dict[str, Any] | None:
        e = self.ent_at.get(tok.idx)
        if e is not None and e.label in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
            ref = self._ref(e)
            if ref is not None:
                if e.label == "NORP" and tok.pos_ == "NOUN":
                    ref["name"] = tok.text
                return ref
        phrase = self.doc[tok.left_edge.i: tok.i + 1]
        key = fold(" ".join(t.text for t in phrase if t.lower_ not in ("the", "this", "that")))
        ep = _epithets().get(key)
        if ep is not None:
            c = gazetteer.countries().get(ep["country"])
            return {"name": c.name if c else ep["country"], "country": ep["country"],
                    "sector": ep["sector"] or None, "entity": None, "kind": "country"}
        if tok.pos_ == "PRON" or tok.lower_ in ("nation", "country", "regime", "government"):
            return self._antecedent(tok)
        # "North Korean troops", "South Korean officials": the demonym or the
        # possessor inside the phrase gives the country; the noun the sector.
        from .actors import sector_of

        sector = sector_of([tok.text])[0] if tok.pos_ == "NOUN" else None
        is_group = tok.pos_ == "NOUN" and (sector is not None or any(
            _lemma(tok) in CLASSES[c] for c in ("troops", "person", "civilians", "workers", "diplomats")))
        for t in phrase:
            if t.i == tok.i:
                continue
            inner = self.ent_at.get(t.idx)
            if inner is not None and inner.label in ("NORP", "GPE", "PERSON", "ORG"):
                ref = self._ref(inner)
                if ref and ref["country"]:
                    if not is_group:
                        return ref  # "Russia's frontline region" is Russia
                    return {"name": phrase_text(phrase), "country": ref["country"],
                            "sector": sector or (ref["sector"] if inner.label != "PERSON" else None),
                            "entity": ref["entity"], "kind": "group"}
        # "troops from North Korea", "units of the Russian army"
        for o in _prep_objects(tok, "from", "of"):
            inner = self.ent_at.get(o.idx)
            if inner is not None and inner.label in ("GPE", "ORG", "NORP") and tok.pos_ == "NOUN" \
                    and _lemma(tok) in CLASSES["troops"]:
                ref = self._ref(inner)
                if ref:
                    return {"name": phrase_text(self.doc[tok.left_edge.i: o.right_edge.i + 1]),
                            "country": ref["country"], "sector": sector or "MIL",
                            "entity": ref["entity"], "kind": "group"}
        if is_group and phrase[0].lower_ in ("the", "these", "those"):
            return self._group(tok)
        return None

    def _antecedent(self, tok: Token) -> dict[str, Any] | None:
        """'it', 'they', 'the nation': the last country or body named as a
        subject or possessor before the word."""
        if tok.lower_ in ("i", "we", "you", "me", "us", "who", "which", "that", "what", "this",
                          "these", "those", "it" if tok.dep_ == "expl" else ""):
            return None
        want = {"PERSON"} if tok.lower_ in ("he", "she", "him", "her") else {"GPE", "ORG"}
        best = None
        for ent in self.doc.ents:
            if ent.start_char >= tok.idx:
                break
            if ent.start_char < tok.sent.start_char - 800:  # about two sentences back
                continue
            e = self.ent_at.get(ent.start_char)
            if e is None or e.label not in want or ent.root.dep_ not in ("nsubj", "nsubjpass", "poss"):
                continue
            ref = self._ref(e)
            if ref and ref.get("country") and (e.label != "GPE" or ref.get("kind") == "country"):
                best = ref
        return best

    def _group(self, tok: Token) -> dict[str, Any] | None:
        """'The officials' -> the last group with that noun and a country."""
        for prev in reversed(self.doc[: tok.i]):
            if _lemma(prev) == _lemma(tok) and prev.left_edge.i < prev.i:
                phrase = self.doc[prev.left_edge.i: prev.i + 1]
                if phrase[0].lower_ in ("the", "these", "those"):
                    continue
                ref = self._one(prev)
                if ref is not None:
                    return ref
        return None


def phrase_text(span: Span) -> str:
    words = [t for t in span if t.lower_ not in ("the", "a", "an", "these", "those")]
    if not words:
        return span.text
    return span.doc.text[words[0].idx: words[-1].idx + len(words[-1].text)]


def _actor_and_recipient(tok: Token, spec: Trigger, refs: Actors) -> tuple[list, list]:
    subj, obj = _arguments(tok) if tok.pos_ in ("VERB", "AUX") else (None, None)
    actor: list[dict[str, Any]] = []
    recipient: list[dict[str, Any]] = []
    if tok.pos_ == "NOUN":
        # "the dispatch of troops to Russia", "a summit between X and Y", "Russia's invasion"
        for c in tok.children:
            if c.dep_ == "poss":
                actor = refs.of_token(c)
        if not actor:
            for o in _prep_objects(tok, "by", "from"):
                actor = refs.of_token(o)
        if not actor and spec.slot == "of":
            for o in _prep_objects(tok, "of"):
                actor = refs.of_token(o) or refs.of_token(_counted(o))
        if not actor:
            actor = [r for c in tok.children if c.dep_ in ("amod", "compound")
                     for r in refs.of_token(c) if r.get("country")]
        for o in _prep_objects(tok, "to", "into", "against", "on", "with", "between"):
            recipient = recipient or refs.of_token(o)
        return actor, recipient
    if spec.slot == "subj":
        # Troops that arrive: the actor is whoever the troops belong to.
        troops = subj
        actor = refs.of_token(troops) or refs.of_token(_counted(troops))
        for o in _prep_objects(tok, "in", "into", "to") + _children(tok, "dobj"):
            r = refs.of_token(o)
            if r:
                recipient = r
                break
        if not recipient:
            recipient = _destination_country(tok, refs)
        return actor, recipient
    actor = refs.of_token(subj)
    if not actor and spec.type in ("MOBILIZE", "AID"):
        for o in _prep_objects(tok, "from"):
            actor = refs.of_token(o)
        if not actor and obj is not None:
            actor = refs.of_token(obj) if spec.type == "MOBILIZE" else []
    if spec.type in ("MOBILIZE", "AID", "SANCTION", "RETREAT"):
        preps = ("to", "into", "for", "against", "on")
        # "sanctions on Russia", "weapons to Ukraine": the prep may hang from the object.
        objs = _prep_objects(tok, *preps) + (_prep_objects(obj, *preps) if obj is not None else [])
        for o in objs + _children(tok, "dative"):
            if o.dep_ == "dative":
                o = next(iter(_children(o, "pobj")), o)
            r = refs.of_token(o)
            if r:
                recipient = r
                break
        if not recipient and spec.type == "MOBILIZE":
            recipient = _destination_country(tok, refs)
    elif spec.type in ("AGREE", "CONSULT", "COOPERATE"):
        # Reciprocal: everyone who meets or agrees is an actor; a visited host is
        # the recipient ("visited Pyongyang").
        others = _prep_objects(tok, "with")
        if spec.type == "CONSULT" and spec.mode == "visit":
            recipient = refs.of_token(obj)
        elif obj is not None:
            others.append(obj)
        for o in others:
            for r in refs.of_token(o):
                if r not in actor:
                    actor.append(r)
    elif spec.type == "THREATEN":
        recipient = _pressured(tok, refs)
    else:
        cand = refs.of_token(obj)
        if not cand and obj is not None and obj.pos_ in ("PRON", "DET"):
            # "condemned this ... and described North Korea as": a conjoined verb's object.
            for conj in tok.conjuncts:
                cand = refs.of_token(next(iter(_children(conj, "dobj")), None))
                if cand:
                    break
        clause = obj if obj is not None else next(iter(_children(tok, "ccomp")), None)
        if not cand and clause is not None:
            # "condemned what he called the actions by the reclusive nation"
            for t in clause.subtree:
                if t.dep_ == "pobj" and t.head.lower_ == "by":
                    cand = refs.of_token(t)
                    if cand:
                        break
        if not cand:
            for o in _prep_objects(tok, "against", "on", "of", "with"):
                cand = refs.of_token(o)
                if cand:
                    break
        recipient = cand
    actor = [a for a in actor if a not in recipient] or actor
    return actor, recipient


def _destination_country(tok: Token, refs: Actors) -> list[dict[str, Any]]:
    """Where troops go: a country named as the place they go to."""
    for o in _prep_objects(tok, "in", "into", "to"):
        for t in o.subtree:
            if t.ent_type_ == "GPE":
                c = gazetteer.countries().lookup(t.text)
                if c:
                    return [{"name": c.name, "country": c.alpha3, "sector": None, "entity": None,
                             "kind": "country"}]
    return []


def _pressured(tok: Token, refs: Actors) -> list[dict[str, Any]]:
    """The target of a threat: 'in a move meant to pressure Russia', 'against X'."""
    for t in tok.sent:
        if _lemma(t) in ("pressure", "deter", "punish", "warn") and t.i != tok.i:
            r = refs.of_token(next(iter(_children(t, "dobj")), None))
            if r:
                return r
    for o in _prep_objects(tok, "against"):
        r = refs.of_token(o)
        if r:
            return r
    return []


# --- status ------------------------------------------------------------------------

def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")}


_REQUEST_VERBS = {"urge", "ask", "call", "demand", "appeal", "request", "press", "beg", "implore"}


def _requested(tok: Token, table: dict) -> bool:
    node = tok
    for _ in range(2):
        if node.dep_ not in ("xcomp", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
        if _lemma(node) in _REQUEST_VERBS:
            return True
    return False


def status_of(tok: Token) -> str:
    """The modality of a trigger: from its own auxiliaries and the verbs above it."""
    node, hops = tok, 0
    while True:
        aux = _aux(node)
        lem = _lemma(node)
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return "hypothetical"
        if hops and lem in _CONSIDER:
            return "considered"
        if hops and (lem == "threaten" or (lem in _THREAT and _warns_of_action(node))):
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
            if hops == 0 and any(_lemma(c) in _CONSIDER for c in node.children if c.dep_ == "xcomp"):
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
        if node.i != tok.i and node.pos_ == "VERB" and node.dep_ not in ("aux", "auxpass", "xcomp") \
                and not (tok.pos_ == "VERB" and node in tok.ancestors):
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
    subj, obj = _arguments(tok) if tok.pos_ in ("VERB", "AUX") else (None, None)
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
    found: list[str] = []
    for pattern, ctx in _contexts():
        if pattern.search(sentence.text) and ctx not in found:
            found.append(ctx)
    return found


def find_mentions(article: Article) -> list[Mention]:
    doc: Doc = article.doc
    refs = Actors(article)
    table = triggers()
    out: list[Mention] = []
    for tok in doc:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else ("NOUN" if tok.pos_ in ("NOUN", "PROPN") else None)
        if pos is None:
            continue
        specs = table.get((_lemma(tok), pos)) or table.get((tok.lower_, pos))
        if not specs:
            continue
        spec = next((s for s in specs if _matches(s, tok)), None)
        if spec is None:
            continue
        # "deployed ... to fight for Putin": a purpose, part of the deployment.
        if pos == "VERB" and tok.dep_ in ("advcl", "xcomp", "relcl") and _lemma(tok) in _PURPOSE_SKIP \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) \
                and spec.type != "MOBILIZE":
            continue
        # A noun event that is only the setting of another ("agreed ... at a summit").
        if pos == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during") and \
                any(table.get((_lemma(a), "VERB")) for a in list(tok.ancestors)[:4] if a.pos_ == "VERB"):
            continue
        negated = any(c.dep_ == "neg" for c in tok.children) or any(
            d.lower_ in ("no", "none") for a in _children(tok, "nsubj", "nsubjpass", "dobj")
            for d in a.children if d.dep_ == "det")
        if negated and not _claims_about(article, tok):
            continue  # "has not attacked": no event, in the article's own voice
        if _requested(tok, table):
            continue  # "urged allies to send air defences": the request is the event
        actor, recipient = _actor_and_recipient(tok, spec, refs)
        claims = _claims_about(article, tok)
        status = status_of(tok)
        if spec.type == "THREATEN" and status == "occurred":
            # A threat's status is that of what it threatens: "warned it could
            # consider supplying weapons" is only considered.
            content = next(iter(_children(tok, "ccomp", "xcomp")), None)
            considered = content is not None and (_lemma(content) in _CONSIDER or
                                                  status_of(content) == "considered")
            status = "considered" if considered else "threatened"
        if claims and all(c.stance == "denies" for c in claims):
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
    return out


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
    if ev.type != "MOBILIZE" and not (a1 & a2):
        return False  # only a deployment may be told with its actor left out
    if ev.type in ("ASSAULT", "CONSULT", "PROTEST", "ACCUSE") and not (a1 & a2):
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
