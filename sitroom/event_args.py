"""Event arguments: who did it and to whom, read from the dependency parse.

``events.py`` finds a trigger ("deployed", "the dispatch of troops", "a
summit"); this module finds its arguments and turns them into actor
references:

- the argument classes of the trigger table ("troops", "weapons", "aid", ...)
  and the parse helpers the trigger rules use (subject and object, with a
  passive's subject as the object and its "by" phrase as the subject);
- ``Actors``: a noun phrase head -> actor references, from the article's
  resolved entities, descriptions ("the reclusive nation"), pronouns, groups
  named by a demonym or a possessor ("North Korean troops", "doctors from two
  American aid groups"), a place named as an argument ("shelled Juba": the
  country of Juba), and, failing all that, the bare name of an entity no table
  knows (country null: a name, not a guess);
- ``actor_and_recipient``: the roles, per event type: reciprocal actors for
  meetings and agreements, the recipient of a request in its content ("demanded
  that Israel ease ..."), of a threat or an offer in what is threatened or
  offered ("threatened to break relations with Russia"), the actor of a noun
  event from its light verb ("staged a hunger strike", "lodged a protest").

Reads the article's entities and places (through ``Actors``); writes nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.tokens import Span, Token

from . import gazetteer
from .gazetteer import fold, read_tsv
from .nlp import doc_ents, doc_text
from .record import Article, Entity

# Argument classes of the trigger table, by lemma.
CLASSES: dict[str, set[str]] = {
    "troops": {"troop", "troops", "soldier", "force", "brigade", "unit", "battalion", "personnel",
               "army", "division", "regiment", "fighter", "mercenary", "marine", "paratrooper",
               "reinforcement", "contingent", "infantry", "special", "commando", "conscript",
               "servicemen", "serviceman", "recruit", "youth", "reservist", "peacekeeper",
               "police", "policeman", "guard", "militia", "militiaman", "warship", "navy", "fleet"},
    "weapons": {"weapon", "arm", "ammunition", "missile", "shell", "artillery", "drone", "tank",
                "munition", "rocket", "warship", "jet", "aircraft", "launcher", "round", "howitzer",
                "equipment", "hardware", "interceptor", "bomb", "grenade", "mortar", "shot",
                "bullet", "gun", "explosive", "fire", "salvo", "volley", "gas"},
    "aid": {"aid", "assistance", "money", "fund", "loan", "supply", "food", "medicine", "help",
            "grant", "package", "support", "credit", "fuel", "vaccine", "asylum", "refuge",
            "relief", "shelter", "grain", "flour", "wheat", "rice", "donation", "dollar", "euro",
            "blanket", "tent", "water", "compensation", "reparation", "troop", "troops",
            "peacekeeper", "material", "goods", "intelligence"},
    "agreement": {"agreement", "deal", "treaty", "pact", "accord", "partnership", "memorandum",
                  "ceasefire", "truce", "contract", "declaration", "alliance", "consensus",
                  "protocol", "understanding", "compromise", "settlement", "formula", "charter",
                  "convention", "armistice"},
    "talks": {"talk", "meeting", "summit", "negotiation", "call", "discussion", "consultation"},
    "sanctions": {"sanction", "embargo", "tariff", "penalty", "boycott"},
    "restrictions": {"restriction", "ban", "limit", "censorship", "control", "curb"},
    "emergency": {"curfew", "emergency", "law", "lockdown", "siege", "blockade"},
    "relations": {"relation", "tie", "talk", "contact", "cooperation", "aid", "link", "negotiation", "effort",
                  "mediation", "assistance", "supply", "program", "programme", "visit", "trip",
                  "meeting", "delivery", "operation", "mission", "dialogue"},
    "diplomats": {"diplomat", "ambassador", "envoy", "attache", "staff", "inspector", "observer",
                  "monitor", "peacekeeper", "agency", "mission", "consul", "delegation"},
    "person": {"person", "people", "prisoner", "hostage", "journalist", "activist", "protester",
               "civilian", "man", "woman", "soldier", "detainee", "captive", "citizen", "leader",
               "national", "refugee", "immigrant", "migrant", "opponent", "member", "official",
               "student", "worker", "child", "dissident", "suspect", "militant", "rebel",
               "candidate", "politician", "officer", "crew"},
    "civilians": {"protester", "demonstrator", "people", "resident", "student", "worker",
                  "supporter", "activist", "thousand", "hundred", "crowd", "citizen", "farmer",
                  "youth", "villager", "inhabitant", "prisoner", "refugee", "member", "party",
                  "union", "group", "opposition", "employee", "teacher", "doctor", "landowner",
                  "trader", "driver", "miner", "fundamentalist", "nationalist", "dozen",
                  "woman", "man", "mourner", "pensioner", "fan", "rioter"},
    "workers": {"worker", "union", "doctor", "nurse", "teacher", "employee", "staff", "driver",
                "miner", "pilot", "farmer"},
    "protest": {"strike", "protest", "demonstration", "boycott", "rally", "march", "sit-in",
                "walkout", "stoppage", "blockade", "picket"},
    "place": {"city", "town", "village", "region", "area", "base", "port", "plant", "airport",
              "bridge", "building", "hospital", "school", "territory", "position", "facility",
              "infrastructure", "station", "depot", "refinery", "camp", "home", "house",
              "office", "headquarters", "settlement", "border", "road", "crossing", "line",
              "stronghold", "target", "site", "embassy", "residence", "market", "bazaar"},
    "demands": {"demand", "request", "call", "appeal", "plea", "ultimatum"},
    "proposal": {"proposal", "plan", "offer", "appeal", "call", "demand", "request", "idea",
                 "initiative", "suggestion", "claim", "charge", "allegation", "accusation",
                 "invitation", "resolution", "bid", "formula"},
    "ties": {"relation", "tie", "link", "contact"},
    "blockade": {"blockade", "siege"},
    "crossings": {"border", "bridge", "crossing", "corridor", "airspace", "port", "checkpoint",
                  "road", "frontier", "passage"},
    "work": {"work"},
}
_GROUPS = ("troops", "person", "civilians", "workers", "diplomats")
# Verbs that only carry a noun event: "staged a strike", "lodged a protest".
LIGHT_VERBS = {"stage", "hold", "launch", "mount", "conduct", "carry", "organize", "organise",
               "begin", "start", "continue", "open", "lodge", "file", "issue", "make", "impose",
               "declare", "announce", "order", "call", "undertake", "complete", "end", "resume",
               "renew", "go", "reimpose", "institute", "extend", "tighten", "lift"}


# Passive forms that state what the subject does: "is opposed to", "is committed to".
_STATIVE = {"oppose", "commit", "determine", "engage", "involve", "prepare", "dedicate"}


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def in_class(tok: Token | None, cls: str) -> bool:
    if tok is None:
        return False
    if cls == "any":
        return True
    if cls == "actor":
        return tok.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") or tok.pos_ == "PROPN"
    words = CLASSES.get(cls, set())
    if cls == "civilians" and tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS"):
        return True  # "Young Algerians blocked roads"
    return lemma(tok) in words or tok.lower_ in words


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, *preps: str) -> list[Token]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "dative", "agent") and p.lower_ in preps:
            out.extend(o for o in p.children if o.dep_ == "pobj")
    return out


def conjuncts(tok: Token) -> list[Token]:
    return [tok, *[c for c in tok.conjuncts if c.i > tok.i]]


def arguments(tok: Token) -> tuple[Token | None, Token | None]:
    """(subject, object) of a verb, treating a passive subject as its object."""
    subj = next(iter(children(tok, "nsubj")), None)
    obj = next(iter(children(tok, "dobj")), None)
    passive = next(iter(children(tok, "nsubjpass")), None)
    if passive is not None:
        agent = prep_objects(tok, "by")
        if not agent and lemma(tok) in _STATIVE:
            subj = passive  # "Israel is opposed to ...", "forces were engaged in ..."
        else:
            obj = passive
            subj = agent[0] if agent else None
    if tok.dep_ in ("acl", "relcl") and obj is None and tok.tag_ == "VBN":
        obj = tok.head  # "12,000 troops deployed from North Korea"
    elif tok.dep_ in ("acl", "relcl") and subj is None and tok.head.pos_ in ("NOUN", "PROPN"):
        subj = tok.head  # "the first units to arrive today"
    if subj is None and tok.dep_ in ("xcomp", "advcl", "conj") and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        head = tok.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "Syria is willing to withdraw"
        # A conjoined verb shares its head's agent, not a passive subject: in "the
        # region had been retaken and praised the units", the region praises nothing.
        head_subj = children(head, "nsubj") if tok.dep_ == "conj" else children(head, "nsubj", "nsubjpass")
        if head_subj:
            subj = head_subj[0]
    return subj, obj


def counted(tok: Token | None) -> Token | None:
    """'hundreds of combat troops', 'two brigades of 6,000 troops': the noun counted."""
    if tok is None:
        return None
    for o in prep_objects(tok, "of"):
        return o
    return None


def content(tok: Token) -> Token | None:
    """What a verb of saying, wanting or threatening is about: its clause."""
    deps = ("xcomp", "ccomp", "acl") if tok.pos_ in ("NOUN", "PROPN") else ("xcomp", "ccomp")
    return next(iter(children(tok, *deps)), None)


@lru_cache(maxsize=1)
def _epithets() -> dict[str, dict[str, str]]:
    return {r["phrase"]: r for r in read_tsv("epithets.tsv")}


def phrase_text(span: Span) -> str:
    words = [t for t in span if t.lower_ not in ("the", "a", "an", "these", "those")]
    if not words:
        return span.text
    return doc_text(span.doc)[words[0].idx: words[-1].idx + len(words[-1].text)]


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
        self.place_at = {p.span[0]: p for p in article.places if p.country}

    def canonical(self, e: Entity) -> Entity:
        while e.refers_to and e.refers_to in self.ids and self.ids[e.refers_to] is not e:
            e = self.ids[e.refers_to]
        return e

    def of_token(self, tok: Token | None) -> list[dict[str, Any]]:
        """The actor(s) a noun phrase head names, conjuncts included."""
        if tok is None:
            return []
        out = []
        for t in conjuncts(tok):
            ref = self._one(t)
            if ref is not None and ref not in out:
                out.append(ref)
        return out

    def of_phrase(self, tok: Token | None) -> list[dict[str, Any]]:
        """The actor(s) of a noun phrase, looking into what it counts or whose
        it is when its head names none ("a camp for Congolese refugees")."""
        if tok is None:
            return []
        found = self.of_token(tok) or self.of_token(counted(tok))
        if not found and tok.pos_ in ("NOUN", "PROPN"):
            for o in prep_objects(tok, "for", "of", "from"):
                found = self.of_token(o) or self.of_token(next(iter(prep_objects(o, "for", "of")), None))
                if found:
                    break
        return found

    def target_of(self, tok: Token | None) -> list[dict[str, Any]]:
        """Whom a noun phrase is aimed at: 'action against Russia', 'air links
        with Serbia', 'aid to Ukraine', else whose it is."""
        if tok is None:
            return []
        preps = ("against", "on", "to", "with", "over")
        for o in prep_objects(tok, *preps) + [x for c in prep_objects(tok, "of")
                                              for x in prep_objects(c, *preps)]:
            found = self.of_phrase(o)
            if found:
                return found
        return self.of_phrase(tok)

    def _ref(self, e: Entity) -> dict[str, Any] | None:
        e = self.canonical(e)
        a = e.actor
        if a is None:
            return None
        return {"name": a.name, "country": a.country, "sector": a.sector, "entity": e.id,
                "kind": a.kind}

    def _named(self, e: Entity) -> dict[str, Any] | None:
        """An entity no table knows: the country of the place it is, else its name alone."""
        e = self.canonical(e)
        if e.label in ("GPE", "LOC", "FAC"):
            for s, _ in e.spans:
                p = self.place_at.get(s)
                if p is not None:
                    return {"name": p.name or e.text, "country": p.country, "sector": None,
                            "entity": e.id, "kind": None}
        if e.label not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        first = self.doc.char_span(*e.spans[0], alignment_mode="expand") if e.spans else None
        if first is not None and all(t.pos_ not in ("PROPN",) for t in first):
            return None  # the entity model's guess on common words ("Farmers marched")
        return {"name": e.text, "country": None, "sector": None, "entity": e.id,
                "kind": {"PERSON": "person", "ORG": "organization", "NORP": "group"}.get(e.label)}

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
        if tok.pos_ == "PRON":
            return self._antecedent(tok)
        # "North Korean troops", "South Korean officials": the demonym or the
        # possessor inside the phrase gives the country; the noun the sector.
        from .actors import sector_of

        sector = sector_of([tok.text])[0] if tok.pos_ == "NOUN" else None
        is_group = tok.pos_ == "NOUN" and (sector is not None or any(
            lemma(tok) in CLASSES[c] for c in _GROUPS))
        unknown: Token | None = None  # "the Calenardhon government": a name no table knows
        for t in phrase:
            if t.i == tok.i or (e is not None and self.ent_at.get(t.idx) is e):
                continue
            inner = self.ent_at.get(t.idx)
            if inner is not None and inner.label in ("NORP", "GPE", "PERSON", "ORG"):
                ref = self._ref(inner) or (self._named(inner) if inner.label == "GPE" else None)
                if ref and ref["country"]:
                    if not is_group:
                        return ref  # "Russia's frontline region" is Russia
                    return {"name": phrase_text(phrase), "country": ref["country"],
                            "sector": sector or (ref["sector"] if inner.label != "PERSON" else None),
                            "entity": ref["entity"], "kind": "group"}
            if unknown is None and t.pos_ == "PROPN" and t.dep_ in ("compound", "poss", "nmod") and \
                    (inner is None or inner.label in ("NORP", "GPE", "PERSON", "ORG")):
                unknown = t
        # "troops from North Korea", "units of the Russian army", "doctors from
        # two American aid groups"
        if is_group:
            for o in prep_objects(tok, "from", "of"):
                inner = self.ent_at.get(o.idx)
                ref = self._ref(inner) if inner is not None and inner.label in ("GPE", "ORG", "NORP") \
                    else (self._one(o) if o.pos_ == "NOUN" else None)
                if ref and ref.get("country"):
                    troops = lemma(tok) in CLASSES["troops"]
                    return {"name": phrase_text(self.doc[tok.left_edge.i: o.right_edge.i + 1]),
                            "country": ref["country"], "sector": sector or ("MIL" if troops else None),
                            "entity": ref["entity"], "kind": "group"}
        if tok.lower_ in ("nation", "country", "regime", "government", "state") and \
                not any(t.dep_ in ("amod", "compound", "poss") for t in tok.lefts):
            return self._antecedent(tok)  # "the regime", not "the Sudanese government"
        if is_group and not any(lemma(tok) in CLASSES[c] for c in ("troops", "diplomats")):
            # "opposition groups in Zimbabwe", "students throughout Indonesia"
            for o in prep_objects(tok, "in", "throughout", "across", "inside"):
                inner = self.ent_at.get(o.idx)
                ref = self._ref(inner) if inner is not None and inner.label == "GPE" else None
                if ref and ref.get("kind") == "country":
                    return {"name": phrase_text(self.doc[tok.left_edge.i: o.right_edge.i + 1]),
                            "country": ref["country"], "sector": sector, "entity": ref["entity"],
                            "kind": "group"}
        if is_group and phrase[0].lower_ in ("the", "these", "those"):
            found = self._group(tok)
            if found is not None:
                return found
        if is_group and unknown is not None:
            inner = self.ent_at.get(unknown.idx)
            return {"name": phrase_text(phrase), "country": None, "sector": sector,
                    "entity": inner.id if inner is not None else None, "kind": "group"}
        if e is not None:
            return self._named(e)
        if tok.pos_ == "PROPN" and tok.dep_ not in ("compound", "poss") and not tok.ent_type_ and \
                not (tok.is_sent_start and any(lemma(tok) in w or tok.lower_.rstrip("s") in w
                                               for w in CLASSES.values())):
            # A proper name the parser saw but the entity model missed ("Arnor").
            name = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
            return {"name": self.doc[name[0].i: tok.i + 1].text, "country": None, "sector": None,
                    "entity": None, "kind": None}
        return None

    def _antecedent(self, tok: Token) -> dict[str, Any] | None:
        """'it', 'they', 'the nation': the last country or body named as a
        subject or possessor before the word."""
        if tok.lower_ in ("i", "we", "you", "me", "us", "who", "which", "that", "what", "this",
                          "these", "those", "it" if tok.dep_ == "expl" else ""):
            return None
        want = {"PERSON"} if tok.lower_ in ("he", "she", "him", "her") else {"GPE", "ORG"}
        best = None
        for ent in doc_ents(self.doc):
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
            if lemma(prev) == lemma(tok) and prev.left_edge.i < prev.i:
                phrase = self.doc[prev.left_edge.i: prev.i + 1]
                if phrase[0].lower_ in ("the", "these", "those"):
                    continue
                ref = self._one(prev)
                if ref is not None:
                    return ref
        return None


# --- roles -------------------------------------------------------------------------

_RECIPIENT_PREPS = ("to", "into", "for", "against", "on", "with")


def _first(refs: Actors, toks: list[Token]) -> list[dict[str, Any]]:
    for o in toks:
        if o.dep_ == "dative" and o.pos_ == "ADP":
            o = next(iter(children(o, "pobj")), o)
        r = refs.of_phrase(o)
        if r:
            return r
    return []


def _content_recipient(tok: Token, refs: Actors, subj: Token | None) -> list[dict[str, Any]]:
    """Whom a request, threat, offer or refusal is about: the subject of its
    clause if that is someone else ("demanded that Israel ease"), else who the
    content is done to ("threatened to break relations with Russia")."""
    clause = content(tok)
    if clause is None:
        return []
    csubj = next(iter(children(clause, "nsubj", "nsubjpass")), None)
    if csubj is not None and csubj.pos_ != "PRON" and (subj is None or csubj.i != subj.i):
        r = refs.of_phrase(csubj)
        if r:
            return r
    cobj = next(iter(children(clause, "dobj")), None)
    cands = children(clause, "dative") + prep_objects(clause, *_RECIPIENT_PREPS, "from")
    if cobj is not None:
        cands += [cobj] + prep_objects(cobj, *_RECIPIENT_PREPS, "from")
    deeper = content(clause)
    if deeper is not None and deeper.i != clause.i:
        cands += children(deeper, "dobj") + prep_objects(deeper, *_RECIPIENT_PREPS)
    return _first(refs, cands)


def _noun_roles(tok: Token, spec: Any, refs: Actors) -> tuple[list, list]:
    """'the dispatch of troops to Russia', 'a summit between X and Y', 'Russia's
    invasion', 'staged a hunger strike in protest against ...'."""
    actor: list[dict[str, Any]] = []
    recipient: list[dict[str, Any]] = []
    for c in tok.children:
        if c.dep_ == "poss":
            actor = refs.of_token(c)
    if not actor:
        for o in prep_objects(tok, "by", "from"):
            actor = refs.of_token(o)
    if not actor and spec.slot == "of":
        for o in prep_objects(tok, "of"):
            actor = refs.of_token(o) or refs.of_token(counted(o))
    if not actor:
        actor = [r for c in tok.children if c.dep_ in ("amod", "compound")
                 for r in refs.of_token(c) if r.get("country")]
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and lemma(head.head) in ("engage", "involve",
                                                                         "participate", "join"):
        head = head.head  # "were engaged in ethnic cleansing"
    if tok.dep_ == "pobj" and head.lower_ in ("on", "for", "to") and head.head.pos_ == "VERB" and \
            spec.type in ("PROTEST", "MOBILIZE", "CONSULT"):
        head = head.head  # "remained on alert", "converged for a rally", "went on strike"
    light = (tok.dep_ in ("dobj", "nsubjpass") and lemma(head) in LIGHT_VERBS) or head is not tok.head
    if not actor and light:
        actor = refs.of_phrase(arguments(head)[0])
    between = [r for o in prep_objects(tok, "between", "among") for r in refs.of_token(o)]
    if not actor:  # "fighting between Azerbaijanis and Armenians": both sides act
        actor, between = between, []
    recipient = between
    if not recipient and spec.type in ("REQUEST", "THREATEN", "AGREE"):
        recipient = _content_recipient(tok, refs, None)
    for o in prep_objects(tok, "to", "into", "against", "on", "with", "of"):
        if o.head.lower_ == "of" and spec.slot == "of":  # "suspension of air links with Serbia"
            recipient = recipient or _first(refs, prep_objects(o, "with", "to", "against", "on"))
            continue
        recipient = recipient or (refs.target_of(o) if o.head.lower_ == "of" else refs.of_phrase(o))
    if not recipient and light:
        recipient = _first(refs, prep_objects(head, "to", "against", "on", "with"))
    return actor, recipient


def actor_and_recipient(tok: Token, spec: Any, refs: Actors) -> tuple[list, list]:
    if tok.pos_ not in ("VERB", "AUX"):
        return _noun_roles(tok, spec, refs)
    subj, obj = arguments(tok)
    actor: list[dict[str, Any]] = []
    recipient: list[dict[str, Any]] = []
    if spec.slot == "subj":
        # Troops that arrive: the actor is whoever the troops belong to.
        actor = refs.of_phrase(subj)
        if spec.type in ("MOBILIZE", "AID"):  # "arrived in Russia": where they deploy
            for o in prep_objects(tok, "in", "into", "to") + children(tok, "dobj"):
                r = refs.of_token(o)
                if r:
                    recipient = r
                    break
            if not recipient:
                recipient = destination_country(tok)
        if not recipient and spec.type in ("PROTEST", "ACCUSE"):
            recipient = _first(refs, prep_objects(tok, "against", "at", "to", "with"))
        return actor, recipient
    actor = refs.of_phrase(subj) or [r for o in prep_objects(tok, "between") for r in refs.of_token(o)]
    if not actor and spec.type in ("MOBILIZE", "AID"):
        for o in prep_objects(tok, "from"):
            actor = refs.of_token(o)
        if not actor and obj is not None:
            actor = refs.of_token(obj) if spec.type == "MOBILIZE" else []
    if spec.type in ("MOBILIZE", "AID", "RETREAT"):
        # Not "on": troops "sent on the orders of Kim Jong Un" are not sent to him.
        preps = ("to", "into", "for", "against") + (("from",) if spec.type == "RETREAT" else ())
        # "weapons to Ukraine": the prep may hang from the object.
        objs = prep_objects(tok, *preps) + (prep_objects(obj, *preps) if obj is not None else [])
        recipient = _first(refs, objs + children(tok, "dative"))
        if not recipient and spec.type == "RETREAT" and obj is not None and \
                not in_class(obj, "troops") and obj.i != (subj.i if subj is not None else -1):
            recipient = refs.of_phrase(obj)  # "released Prime Minister Chaudhry"
        if not recipient and spec.type == "MOBILIZE":
            recipient = destination_country(tok)
    elif spec.type in ("AGREE", "CONSULT", "COOPERATE"):
        # Reciprocal: everyone who meets or agrees is an actor; a visited host is
        # the recipient ("visited Pyongyang").
        others = prep_objects(tok, "with")
        if spec.type == "CONSULT" and spec.mode == "visit":
            recipient = refs.of_phrase(obj) or _first(refs, prep_objects(tok, "to", "in"))
        elif obj is not None and not (spec.type == "AGREE" and in_class(obj, "aid")):
            others.append(obj)
        for o in others:
            for r in refs.of_token(o):
                if r not in actor:
                    actor.append(r)
        if spec.type == "AGREE" and not recipient:
            # "offered its troops to Lebanon", "agreed to provide aid for Romania"
            recipient = _first(refs, children(tok, "dative") + prep_objects(tok, "to", "for")) \
                or _content_recipient(tok, refs, subj)
    elif spec.type == "THREATEN":
        recipient = _pressured(tok, refs) or _condition_party(tok, refs, subj) or \
            _content_recipient(tok, refs, subj)
    else:
        cand = refs.of_phrase(obj) if spec.type in ("SANCTION", "COERCE", "ASSAULT", "ACCUSE",
                                                    "SUPPORT", "CONCEDE") or \
            (obj is not None and in_class(obj, "actor")) else refs.of_token(obj)
        if not cand and obj is not None and obj.pos_ in ("PRON", "DET"):
            # "condemned this ... and described North Korea as": a conjoined verb's object.
            for conj in tok.conjuncts:
                cand = refs.of_token(next(iter(children(conj, "dobj")), None))
                if cand:
                    break
        clause = obj if obj is not None else content(tok)
        if not cand and clause is not None and spec.type in ("ACCUSE", "SUPPORT"):
            # "condemned what he called the actions by the reclusive nation"
            for t in clause.subtree:
                if t.dep_ == "pobj" and t.head.lower_ == "by":
                    cand = refs.of_token(t)
                    if cand:
                        break
        if not cand and spec.type in ("REQUEST", "REJECT", "CONCEDE"):
            cand = _content_recipient(tok, refs, subj)
            if not cand and obj is not None:
                cand = _first(refs, prep_objects(obj, "from", "of", "by", "to"))
        if not cand:
            preps = ("against", "over", "about", "on", "of", "at", "with", "to", "from") if \
                spec.type == "ACCUSE" else ("against", "on", "of", "with", "to", "from", "at") if \
                spec.type in ("REQUEST", "REJECT", "SANCTION") else \
                ("against", "on", "into", "of", "with", "to", "from", "at") if \
                spec.type in ("COERCE", "ASSAULT") else ("against", "on", "of", "with")
            # "restored ties with Gondor", "sanctions on Russia": the prep may hang from the object.
            cand = _first(refs, prep_objects(tok, *preps) + (
                prep_objects(obj, "with", "to", "against", "on") if obj is not None else []))
        recipient = cand
    actor = [a for a in actor if a not in recipient] or actor
    return actor, recipient


def _condition_party(tok: Token, refs: Actors, subj: Token | None) -> list[dict[str, Any]]:
    """'threatened to strike unless Israel rescinded ...': whoever must act."""
    clause = content(tok)
    for head in (tok, clause) if clause is not None else (tok,):
        for c in children(head, "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                who = next(iter(children(c, "nsubj")), None)
                if who is not None and (subj is None or who.i != subj.i) and who.pos_ != "PRON":
                    found = refs.of_phrase(who)
                    if found:
                        return found
    return []


def destination_country(tok: Token) -> list[dict[str, Any]]:
    """Where troops go: a country named as the place they go to."""
    obj = next(iter(children(tok, "dobj")), None)
    for o in prep_objects(tok, "in", "into", "to") + (prep_objects(obj, "in", "into", "to")
                                                      if obj is not None else []):
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
        if lemma(t) in ("pressure", "deter", "punish", "warn") and t.i != tok.i:
            r = refs.of_token(next(iter(children(t, "dobj")), None))
            if r:
                return r
    obj = next(iter(children(tok, "dobj")), None)
    return _first(refs, prep_objects(tok, "against")) or refs.target_of(obj)
