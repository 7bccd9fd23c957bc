"""The pipeline: sources in, article records out, in the order the data flows.

    source -> extract (HTML) -> clean -> language -> annotate (spaCy)
           -> actors -> times -> places -> figures -> quotes -> claims -> events

Each stage is a function ``Article -> Article`` that declares what it reads
and writes in its module docstring. ``read`` runs one article; ``read_all``
runs many, batching the spaCy parse, and yields either an ``Article`` or the
``InputError`` that stopped it, in input order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime

from . import actors, claims, clean, events, figures, language, nlp, places, quotes, times
from .errors import InputError, NoText, StageFailed, TooLarge, UsageError
from .inputs import Source, domain
from .record import Article

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default limit on one document

Stage = Callable[[Article], Article]

# Stages after the parse, in order. Later issues append to this list.
STAGES: list[Stage] = [actors.resolve, times.find_times, places.find_places, figures.find_figures,
                       quotes.find_quotes, claims.find_claims, events.find_events]


def parse_date(value: str | date | datetime | None) -> date | None:
    """An ISO date, a datetime, or a date string in a common format."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    from dateutil import parser as dateutil_parser

    try:
        return dateutil_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


def prepare(source: Source, published: date | None = None) -> Article:
    """Extract and clean one source into an Article ready for parsing.

    ``published`` given by the caller wins over the page's metadata and any
    dateline in the text."""
    art = Article(input=source.input, url=source.url, title=source.title,
                  source=source.source or domain(source.url))
    meta_date = parse_date(source.published)
    if source.html is not None and source.text is None:
        from .html import extract_html

        doc = extract_html(source.html, url=source.url, input=source.input)
        art.raw = doc.text
        art.title = art.title or doc.title
        art.url = art.url or doc.url
        art.source = art.source or doc.source
        meta_date = meta_date or doc.published
        art.dropped.extend(doc.dropped)
    else:
        art.raw = source.text or ""
    if published is not None:
        art.published, art.published_from = published, "caller"
    elif meta_date is not None:
        art.published, art.published_from = meta_date, "metadata"
    clean.clean(art)
    if not art.text.strip():
        raise NoText("no article text left after cleaning", input=source.input)
    if len(art.text) > MAX_TEXT_CHARS:
        raise TooLarge(f"{len(art.text):,} characters of text is over the "
                       f"{MAX_TEXT_CHARS:,}-character limit", input=source.input)
    language.check_language(art)
    return art


def finish(art: Article, stages: Iterable[Stage] | None = None) -> Article:
    for stage in (STAGES if stages is None else stages):
        try:
            stage(art)
        except InputError:
            raise
        except Exception as exc:
            if os.environ.get("SITROOM_DEBUG"):
                raise
            raise StageFailed(f"internal error in {stage.__module__}.{stage.__name__}: "
                              f"{type(exc).__name__}: {exc} (please report it)", input=art.input) from exc
    return art


def read(text_or_html: str | bytes, *, url: str | None = None,
         published: str | date | datetime | None = None, title: str | None = None,
         input: str = "<api>") -> Article:
    """Read one article (plain text or HTML) into its record.

    >>> article = read(open("story.txt").read(), published="2024-10-23")
    >>> article.to_dict()["times"]
    """
    if not isinstance(text_or_html, (str, bytes)):
        raise TypeError(f"read() takes str or bytes, not {type(text_or_html).__name__}")
    from .inputs import _looks_like_html, check_bytes, decode

    if isinstance(text_or_html, bytes):
        check_bytes(text_or_html, input)
        text_or_html = decode(text_or_html, input)
    if not text_or_html.strip():
        from .errors import EmptyInput

        raise EmptyInput("empty input", input=input)
    is_html = _looks_like_html(text_or_html)
    day = parse_date(published)
    if published is not None and day is None:
        raise UsageError(f"cannot read the date {published!r}", input=input)
    source = Source(input=input, html=text_or_html if is_html else None,
                    text=None if is_html else text_or_html, url=url, title=title,
                    source=domain(url))
    art = prepare(source, day)
    nlp.annotate(art)
    return finish(art)


def read_all(items: Iterable[Source | InputError], *, published: date | None = None,
             batch_size: int = 16) -> Iterator[Article | InputError]:
    """Run the pipeline over many sources, batching the parse; yields each
    article or its rejection, in input order."""
    model = nlp.load()
    pending: list[Article | InputError] = []

    def flush() -> Iterator[Article | InputError]:
        arts = [p for p in pending if isinstance(p, Article)]
        try:
            for a, d in zip(arts, model.pipe((a.text for a in arts), batch_size=batch_size)):
                a.doc = d
        except Exception:
            if os.environ.get("SITROOM_DEBUG"):
                raise
            # One text broke the batch: parse one by one so only that one fails.
            for i, a in enumerate(arts):
                try:
                    a.doc = a.doc or model(a.text)
                except Exception as exc:
                    arts[i] = StageFailed(f"internal error in the parse: {type(exc).__name__}: {exc}",
                                          input=a.input)
                    pending[pending.index(a)] = arts[i]
        for p in pending:
            if isinstance(p, Article):
                try:
                    yield finish(p)
                except InputError as exc:
                    yield exc
            else:
                yield p
        pending.clear()

    for item in items:
        if isinstance(item, InputError):
            pending.append(item)
        else:
            try:
                pending.append(prepare(item, published))
            except InputError as exc:
                pending.append(exc)
            except Exception as exc:
                if os.environ.get("SITROOM_DEBUG"):
                    raise
                pending.append(StageFailed(f"internal error while reading: {type(exc).__name__}: {exc}",
                                           input=item.input))
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()
