"""Inputs: turn what the user names into sources, or into rejections.

An input is a file, a directory (walked for .txt, .html, .htm, .json,
.jsonl, .xml, .rss, .atom), ``-`` for stdin, an http(s) URL, or an RSS/Atom
feed (URL or file). JSON and JSONL records may use the usual field names
(url/link, title/headline, published/date/publish_date/pubDate,
text/body/content/articleBody, html). Each yields ``Source`` objects in input
order; what cannot be read yields an ``InputError`` naming the input and the
reason, and the rest goes on.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import (BinaryInput, DecodeFailed, EmptyFeed, EmptyInput, FetchFailed,
                     InputError, MalformedInput, TooLarge)

MAX_BYTES = 10 * 1024 * 1024  # an article page is rarely over 3 MB; a feed or JSONL may be larger
MAX_BATCH_BYTES = 512 * 1024 * 1024
WALK_SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
TEXT_KEYS = ("text", "body", "content", "article", "articleBody", "maintext", "full_text",
             "story")
HTML_KEYS = ("html", "raw_html", "page")
DATE_KEYS = ("published", "date", "publish_date", "published_at", "pubDate", "datePublished",
             "date_publish", "publication_date", "time", "timestamp")
URL_KEYS = ("url", "link", "canonical_url", "source_url")
TITLE_KEYS = ("title", "headline", "name")
USER_AGENT = "sitroom/0.1 (+https://github.com/sitroom/sitroom)"


@dataclass(slots=True)
class Source:
    """One article's raw material, before extraction and cleaning."""

    input: str
    text: str | None = None
    html: str | bytes | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None


def is_url(value: str) -> bool:
    return urlparse(value).scheme in ("http", "https")


def domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


# --- bytes to text ---------------------------------------------------------------

def check_bytes(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> None:
    if len(data) > max_bytes:
        raise TooLarge(f"{len(data):,} bytes is over the {max_bytes:,}-byte limit", input=name)
    if not data.strip():
        raise EmptyInput("empty input", input=name)
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryInput("binary data, not text", input=name)
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) * 0.05:
        raise BinaryInput("binary data, not text", input=name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM); else Windows-1252 for
    mostly-ASCII text (the usual legacy encoding of English news); else the
    encoding charset-normalizer is confident of; else DecodeFailed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeFailed(f"bad UTF-16: {exc.reason}", input=name) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_error = exc
    ascii_share = sum(1 for b in data[:65536] if b < 128) / max(1, min(len(data), 65536))
    if ascii_share >= 0.9:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        raise DecodeFailed(f"undecodable bytes: not UTF-8 ({first_error.reason} at byte "
                           f"{first_error.start}) and no other encoding fits", input=name)
    return str(best)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and any(t in head for t in ("<body", "<p>", "<p ", "<div", "<article", "<head")))


def _looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<?xml") and ("<rss" in head or "<feed" in head or "<rdf" in head) \
        or head.startswith(("<rss", "<feed"))


# --- records -------------------------------------------------------------------

def _first(rec: dict[str, Any], keys: Iterable[str]) -> Any:
    for k in keys:
        v = rec.get(k)
        if v not in (None, ""):
            return v
    return None


def from_record(rec: Any, name: str) -> Source:
    """A JSON object with the usual field names as a Source."""
    if not isinstance(rec, dict):
        raise MalformedInput(f"expected a JSON object, got {type(rec).__name__}", input=name)
    text, html = _first(rec, TEXT_KEYS), _first(rec, HTML_KEYS)
    if text is None and html is None:
        raise MalformedInput("no text or html field (looked for " + ", ".join(TEXT_KEYS + HTML_KEYS)
                             + ")", input=name)
    if text is not None and not isinstance(text, str):
        raise MalformedInput(f"the text field is a {type(text).__name__}, not a string", input=name)
    published = _first(rec, DATE_KEYS)
    url = _first(rec, URL_KEYS)
    title = _first(rec, TITLE_KEYS)
    source = rec.get("source") if isinstance(rec.get("source"), str) else None
    return Source(input=name, text=text, html=html if isinstance(html, str) else None,
                  url=url if isinstance(url, str) else None,
                  title=title if isinstance(title, str) else None,
                  published=str(published) if published is not None else None,
                  source=source or domain(url if isinstance(url, str) else None))


def json_sources(text: str, name: str) -> Iterator[Source | InputError]:
    """A JSON object, a JSON list of objects, or JSON Lines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None  # not one JSON document: JSON Lines (or a bad file, line by line)
    if isinstance(data, (dict, list)):
        items = [(name, data)] if isinstance(data, dict) else \
            [(f"{name}[{i}]", rec) for i, rec in enumerate(data, 1)]
    else:
        items = []
        # Split on newlines only: str.splitlines() also breaks at U+2028 and
        # U+0085, which JSON strings may hold unescaped.
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                items.append((f"{name}:{n}", json.loads(line)))
            except json.JSONDecodeError as exc:
                items.append((f"{name}:{n}", MalformedInput(
                    f"bad JSON ({exc.msg} at column {exc.colno})", input=f"{name}:{n}")))
    for where, rec in items:
        if isinstance(rec, InputError):
            yield rec
            continue
        try:
            yield from_record(rec, where)
        except InputError as exc:
            yield exc


# --- feeds -------------------------------------------------------------------------

def feed_sources(text: str, name: str, *, fetch: bool = True) -> Iterator[Source | InputError]:
    import feedparser

    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield MalformedInput(f"not a readable feed ({parsed.bozo_exception})", input=name)
        return
    if not parsed.entries:
        yield EmptyFeed("the feed has no items", input=name)
        return
    for i, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        where = link or f"{name}#item{i}"
        published = entry.get("published") or entry.get("updated")
        content = ""
        if entry.get("content"):
            content = "\n".join(c.get("value", "") for c in entry["content"])
        summary = entry.get("summary", "")
        body = content if len(content) >= len(summary) else summary
        # Feeds often carry only a teaser: fetch the page when the item is short.
        if len(_plain(body)) < 600 and link and is_url(link) and fetch:
            try:
                src = fetch_url(link)
            except InputError as exc:
                yield exc
                continue
            src.title = src.title or entry.get("title")
            src.published = src.published or published
            yield src
            continue
        if not body.strip():
            yield EmptyInput("feed item with no text and no link to fetch", input=where)
            continue
        yield Source(input=where, html=body if "<" in body else None,
                     text=None if "<" in body else body, url=link, title=entry.get("title"),
                     published=published, source=domain(link))


def _plain(markup: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", markup)


# --- URLs ---------------------------------------------------------------------------

def fetch_url(url: str, *, timeout: float = 20.0, max_bytes: int = MAX_BYTES) -> Source:
    """Fetch a page (or a feed, whose items are then read) over HTTP."""
    import httpx

    try:
        with httpx.Client(follow_redirects=True, timeout=timeout,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchFailed(f"HTTP {resp.status_code} {resp.reason_phrase}", input=url)
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(f"over the {max_bytes:,}-byte limit", input=url)
                    chunks.append(chunk)
                data = b"".join(chunks)
                final = str(resp.url)
                ctype = resp.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise FetchFailed(f"unreachable ({type(exc).__name__}: {exc})", input=url) from exc
    check_bytes(data, url, max_bytes)
    if "xml" in ctype or "rss" in ctype or "atom" in ctype:
        text = decode(data, url)
        if _looks_like_feed(text):
            raise _FeedFound(text, url)
    return Source(input=url, html=data, url=final, source=domain(final))


class _FeedFound(Exception):
    """A URL that turned out to be a feed (internal control flow)."""

    def __init__(self, text: str, url: str) -> None:
        self.text, self.url = text, url


# --- the walk ------------------------------------------------------------------------

def _from_text(text: str, name: str, suffix: str) -> Iterator[Source | InputError]:
    if suffix in (".json", ".jsonl") or (suffix == "" and text.lstrip().startswith(("{", "["))):
        yield from json_sources(text, name)
    elif suffix in (".xml", ".rss", ".atom") or _looks_like_feed(text):
        yield from feed_sources(text, name)
    elif suffix in (".html", ".htm") or _looks_like_html(text):
        yield Source(input=name, html=text)
    else:
        yield Source(input=name, text=text)


def _read_file(path: Path, max_bytes: int) -> Iterator[Source | InputError]:
    name = str(path)
    try:
        size = path.stat().st_size
        limit = max_bytes if path.suffix.lower() not in (".jsonl", ".json", ".xml", ".rss", ".atom") \
            else MAX_BATCH_BYTES
        if size > limit:
            raise TooLarge(f"{size:,} bytes is over the {limit:,}-byte limit", input=name)
        data = path.read_bytes()
        check_bytes(data, name, limit)
        text = decode(data, name)
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror or exc})", input=name, reason="unreadable")
        return
    yield from _from_text(text, name, path.suffix.lower())


def sources(inputs: Iterable[str], *, max_bytes: int = MAX_BYTES,
            stdin: io.BufferedReader | None = None) -> Iterator[Source | InputError]:
    """Every article source the inputs name, in order, with rejections in place."""
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            try:
                check_bytes(data, "<stdin>", MAX_BATCH_BYTES)
                text = decode(data, "<stdin>")
            except InputError as exc:
                yield exc
                continue
            yield from _from_text(text, "<stdin>", "")
        elif is_url(item):
            try:
                yield fetch_url(item, max_bytes=max_bytes)
            except _FeedFound as feed:
                yield from feed_sources(feed.text, feed.url)
            except InputError as exc:
                yield exc
        else:
            path = Path(item)
            if path.is_dir():
                files = sorted(p for p in path.rglob("*")
                               if p.is_file() and p.suffix.lower() in WALK_SUFFIXES
                               and not any(part.startswith(".") for part in p.relative_to(path).parts))
                if not files:
                    yield EmptyInput("directory holds no .txt, .html, .json or .jsonl files",
                                     input=item)
                for f in files:
                    yield from _read_file(f, max_bytes)
            elif path.exists():
                yield from _read_file(path, max_bytes)
            else:
                yield InputError("no such file, directory or URL", input=item,
                                 reason="not found")


def env_max_bytes() -> int:
    value = os.environ.get("SITROOM_MAX_BYTES")
    return int(value) if value and value.isdigit() else MAX_BYTES
