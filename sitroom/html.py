"""HTML extraction: a news page's main text and metadata, via trafilatura.

``extract_html`` decodes the page, parses it, and asks trafilatura for the
main text (one block per line, so ``clean`` can judge each paragraph on its
own) and for the title, date, site name and canonical URL. What we can name
that is left out at the HTML level (photo captions) goes to ``dropped``, so
the record says it existed.

Errors of lower libraries (lxml, trafilatura, codecs) are translated here:
``DecodeFailed`` when bytes are not text, ``EmptyInput`` for an empty page,
``MalformedInput`` when the page does not parse as HTML, ``NoText`` when it
parses but has no main text.
"""

from __future__ import annotations

import codecs
import datetime
import logging
import re
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from .errors import DecodeFailed, EmptyInput, MalformedInput, NoText
from .record import Article, Dropped

__all__ = ["HtmlDoc", "decode_html", "extract_html"]

# trafilatura logs every page it rejects at WARNING/ERROR; we raise instead.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# The options of sitroom's trafilatura call, compared on the extraction
# benchmark (bench/extraction.py --sweep): reader comments are not the article;
# favor_precision and favor_recall move F1 by under 0.001 either way, and
# deduplicate, whose cache spans documents, costs recall in a batch.
EXTRACT_OPTIONS: dict[str, bool] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}
# The date comes from the page's markup and URL only (htmldate without its
# extensive search of the free text), so it is never a guess from the body.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True)
class HtmlDoc:
    """What extraction found in one page."""

    text: str  # main text, one block per line
    title: str | None = None
    published: datetime.date | None = None
    source: str | None = None  # site name, else the publisher domain
    url: str | None = None  # canonical url, else the url given
    dropped: list[Dropped] = field(default_factory=list)

    def to_article(self, input: str) -> Article:
        """A new Article to clean: this text as ``raw``, the metadata, and the
        HTML-level drops already listed."""
        return Article(input=input, url=self.url, source=self.source, title=self.title,
                       published=self.published,
                       published_from="metadata" if self.published else None,
                       raw=self.text, dropped=list(self.dropped))


# --- decoding ---------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# As browsers do (WHATWG Encoding), a declared legacy charset is read as the
# superset that such pages really use: "Latin-1" pages are windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "iso8859-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254", "tis-620": "cp874",
            "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "shift-jis": "cp932",
            "euc-kr": "cp949", "ks_c_5601-1987": "cp949"}
# C0 controls other than tab, newline, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (BOM, <meta>, <?xml>)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    return _ALIASES.get(name, name)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def decode_html(data: bytes, *, input: str | None = None) -> str:
    """Bytes to text: the declared charset, else utf-8, else charset-normalizer's guess."""
    declared = declared_charset(data)
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _looks_binary(text):
            return text
    if b"\x00" not in data[:8192]:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            text = str(best)
            if not _looks_binary(text):
                return text
    raise DecodeFailed(
        f"cannot decode the page: declared charset {declared!r} fails and it reads as binary, not text"
        if declared else "cannot decode the page: no declared charset and the bytes read as binary, not text",
        input=input)


# --- what the page itself marks as not the article ---------------------------
#
# trafilatura keeps some blocks that the page marks, by class or id, as photo
# captions, related links, share or newsletter widgets, adverts or bylines,
# and some paragraphs that are nothing but a link to another story. A line of
# its output is dropped here only when it is the whole text of such an element
# and no other block of the page has the same text.

_MARKS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"caption|credit"), "caption", "caption element"),
    (re.compile(r"related|recommend|promo|recirc|outbrain|taboola|trending|most-?(read|popular|viewed)"
                r"|more-?(stories|news|from)|latest-?news|also-?read|read-?next"),
     "related", "related-links element"),
    (re.compile(r"newsletter|subscri|sign-?up|share|sharing|social|follow-?us|paywall"),
     "widget", "share or newsletter element"),
    (re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|dfp|ad-?(slot|unit|container|wrapper)"),
     "advert", "advert element"),
    (re.compile(r"byline|author"), "byline", "byline element"),
    (re.compile(r"breadcrumb|(?:^|[\s_-])tags?(?:$|[\s_-])|tag-?list"),
     "navigation", "tag or breadcrumb element"),
]
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "dt", "td", "th",
               "pre", "figcaption", "caption", "div", "section", "article", "aside", "header", "footer")
_WORD = re.compile(r"\w+")


def _key(text: str) -> str:
    """Word tokens only: trafilatura's spacing and list bullets do not matter."""
    return " ".join(_WORD.findall(text))


def _node_text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _mark(el: HtmlElement) -> tuple[str, str] | None:
    if el.tag == "figcaption":
        return "caption", "figcaption"
    marks = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if not marks.strip():
        return None
    for pattern, reason, rule in _MARKS:
        if pattern.search(marks):
            return reason, rule
    return None


def _internal(href: str | None, site: str | None) -> bool:
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    host = _domain(href) if "//" in href else site
    return bool(site and host and (host == site or host.endswith(f".{site}") or site.endswith(f".{host}")))


def _link_only(el: HtmlElement, key: str, site: str | None) -> bool:
    """A short block whose words are all the text of links to the same site: a
    pointer to another story. (Links to other sites are citations or products.)"""
    words = key.split()
    if not words or len(words) > 30:
        return False
    linked = sum(len(_WORD.findall(a.text_content())) for a in el.iter("a")
                 if _internal(a.get("href"), site))
    return linked >= len(words)


def _marked_texts(tree: HtmlElement, site: str | None,
                  lines: dict[str, int]) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """(text key -> (reason, rule)) of the marked elements and their parts, and
    the keys of every other block of the page. ``lines`` maps the keys of the
    extracted lines to their word counts: a marked element that holds over 30%
    of the extracted words is a wrapper of the story, not junk, and is ignored."""
    marked: dict[str, tuple[str, str]] = {}
    inside: set[HtmlElement] = set()
    budget = 0.3 * sum(lines.values())
    for el in tree.iter(*_BLOCK_TAGS, "span"):
        if el in inside:
            continue
        verdict = _mark(el)
        if verdict is None:
            continue
        parts = [p for p in el.iter() if isinstance(p.tag, str)]
        keys = {k for k in (_key(p.text_content()) for p in parts) if k}
        if sum(lines.get(k, 0) for k in keys) > budget:
            continue
        inside.update(parts)
        reason, rule = verdict
        for key in keys:
            marked.setdefault(key, (reason, f"html: {rule}"))
    other: set[str] = set()
    for el in tree.iter(*_BLOCK_TAGS):
        if el in inside:
            continue
        key = _key(el.text_content())
        if not key:
            continue
        if el.tag in ("p", "li", "h2", "h3", "h4", "h5", "h6", "div") and _link_only(el, key, site):
            marked.setdefault(key, ("related", "html: paragraph that is only a link"))
        else:
            other.add(key)
    return marked, other


def _captions(tree: HtmlElement) -> list[str]:
    """Photo captions of the story: <figcaption> and caption-classed elements
    of four words or more, outside the page's header, footer, nav and asides."""
    found: list[str] = []
    for el in tree.iter(*_BLOCK_TAGS, "span"):
        if el.tag != "figcaption" and "caption" not in f"{el.get('class', '')} {el.get('id', '')}".lower():
            continue
        if any(a.tag in ("header", "footer", "nav", "aside") for a in el.iterancestors()):
            continue
        text = _node_text(el)
        # a caption is short: a large node with caption in its class is a wrapper
        if len(_WORD.findall(text)) < 4 or len(text) > 600 or any(text in f for f in found):
            continue
        found = [f for f in found if f not in text]
        found.append(text)
    return found


def _drop_marked(lines: list[str], tree: HtmlElement, site: str | None) -> tuple[list[str], list[Dropped]]:
    keys = [_key(line) for line in lines]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + len(k.split())
    marked, other = _marked_texts(tree, site, counts)
    # The page's headline (its <h1>) at the top of the text is not body text.
    headlines = {_key(h.text_content()) for h in tree.iter("h1")}
    kept, dropped = [], []
    for i, (line, key) in enumerate(zip(lines, keys)):
        if i < 2 and not kept and key in headlines:
            dropped.append(Dropped(line, "other", "html: headline (h1)"))
        elif key in marked and key not in other:
            reason, rule = marked[key]
            dropped.append(Dropped(line, reason, rule))
        else:
            kept.append(line)
    return kept, dropped


# --- extraction ---------------------------------------------------------------

def _parse(text: str, input: str | None) -> HtmlElement:
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except (etree.LxmlError, ValueError, TypeError) as err:
        raise MalformedInput(f"unparsable HTML: {err}", input=input) from err
    if tree is None or not isinstance(tree, HtmlElement):
        raise MalformedInput("unparsable HTML: the parser found no document tree", input=input)
    return tree


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _split_blocks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def extract_html(html: str | bytes, url: str | None = None, *, input: str | None = None) -> HtmlDoc:
    """Main text and metadata of a news page.

    ``url`` is where the page came from (used when the page names no canonical
    URL, and to resolve the site). ``input`` names the page in error messages.
    """
    from trafilatura import bare_extraction

    if isinstance(html, (bytes, bytearray)):
        text = decode_html(bytes(html), input=input)
    elif isinstance(html, str):
        text = html
    else:
        raise TypeError(f"extract_html needs str or bytes, not {type(html).__name__}")
    if not text.strip():
        raise EmptyInput("empty page: no HTML to extract from", input=input)
    if _looks_binary(text):
        raise DecodeFailed("the page holds binary data, not text", input=input)
    tree = _parse(text, input)
    captions = _captions(tree)
    try:
        doc = bare_extraction(deepcopy(tree), url=url, with_metadata=True,
                              date_extraction_params=DATE_PARAMS, **EXTRACT_OPTIONS)
    except (etree.LxmlError, ValueError, TypeError, AttributeError, IndexError) as err:
        raise MalformedInput(f"HTML extraction failed: {type(err).__name__}: {err}", input=input) from err
    if doc is None or not (doc.text or "").strip():
        raise NoText("no main text: the page parses but extraction finds no article body", input=input)
    page_url = doc.url or url
    lines, dropped = _drop_marked(_split_blocks(doc.text), tree, _domain(page_url) or _domain(url))
    if not lines:
        raise NoText("no main text: all the extracted text is marked as captions, links or widgets",
                     input=input)
    # trafilatura falls back to any text at all (a menu's "Home"); a body has prose.
    if not any(len(_WORD.findall(line)) >= 4 or len(line) >= 40 for line in lines):
        raise NoText("no main text: the page has only short labels, no article body", input=input)
    body = "\n".join(lines)
    dropped += [Dropped(c, "caption", "html: caption left out by trafilatura")
                for c in captions if _key(c) not in _key(doc.text)]
    return HtmlDoc(text=body, title=(doc.title or None), published=_date(doc.date),
                   source=doc.sitename or _domain(page_url) or doc.hostname or None,
                   url=page_url, dropped=dropped)
