"""Cleaning: normalise the text and drop scraping junk, listing every drop.

Works line by line on plain text (scraped pages, or what trafilatura kept of
an HTML page). A line is dropped only when a rule recognises it as junk
(caption, photo credit, image alt text, widget, navigation, related links,
byline, advert, stray punctuation); a line that reads as a body sentence is
kept even when it is short. Every dropped line goes to ``article.dropped``
with its reason and the rule that fired, so nothing is lost silently.

Reads: ``article.raw``. Writes: ``article.text``, ``article.dropped``, and
``article.title`` / ``article.published`` when the text carries a headline or
a dateline and they are still unknown.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .record import Article, Dropped

# Spaces that should read as one plain space: no-break, thin, figure, narrow
# no-break, ideographic; and characters that should vanish: zero-width ones,
# soft hyphen, BOM.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                                 "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalize(text: str) -> str:
    """Unicode NFC, one kind of space, one kind of line break.

    Quote marks are left as they are: quote detection needs to tell ‘…’ from
    "…" and the apostrophe ’ from a closing quote.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_SPACES).translate(_INVISIBLE)
    text = re.sub(r" {2,}", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


_CREDIT = r"(?:picture|pictures|photo|photos|photograph|image|images|pic|pics|credit|video|source|illustration|graphic)"
_AGENCY = (r"(?:Getty Images|Getty|AFP|AP Photo|AP|Reuters|REUTERS|EPA|EPA-EFE|Shutterstock|Alamy|"
           r"PA Images|PA Wire|PA|Bloomberg|Xinhua|Anadolu|Sipa|SOPA Images|NurPhoto|KCNA|Yonhap|"
           r"TASS|Sputnik|Kremlin Pool|Pool|Contributor|Wikimedia Commons|Handout|Supplied)")

# (line pattern, reason, rule); tried in order, first match wins.
_LINE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(this|the) (video|ad|advert|advertisement|window|player)? ?will (close|play|start|begin)"
                r" in \d+ seconds?\.?$", re.I), "widget", "player countdown"),
    (re.compile(r"^(up next|next up|watch next|watch now|now playing|playing next|skip ad|"
                r"replay( video)?|play video|watch(: .*)?|video|loading( video)?\.*|"
                r"close|cancel|continue reading|read more|show more|load more|see more|more)$", re.I),
     "widget", "player or button label"),
    (re.compile(r"^(related (posts?|articles?|stories|news|content|coverage|topics|links)|"
                r"more (from|on|stories|news|like this)\b.*|you (may|might) (also )?like.*|"
                r"(most )?(read|popular|trending|recommended)( (now|stories|articles|news|on \w+))?|"
                r"what to read next|further reading|see also|also read|read also|"
                r"in other news|top stories|latest news|editor'?s picks?)[:.]?$", re.I),
     "related", "related-links heading"),
    (re.compile(r"^(advertisement|advertising|sponsored( content)?|promoted|story continues below"
                r"( advertisement)?|ad|ads|paid (post|content)|partner content)$", re.I),
     "advert", "advert label"),
    (re.compile(r"^(share( this( article| story| page)?)?|share on \w+|tweet|email|print|copy link|"
                r"facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|x|"
                r"(sign up|subscribe|register|log ?in|follow us)\b.*|"
                r"(get|receive) (our|the) .{0,60}(newsletter|alerts?|emails?).*|"
                r".{0,60}\bnewsletter\b.{0,40}|"
                r"(got a story|do you have a story|contact (our|the) (news ?desk|team)).*|"
                r"(comments?|\d+ comments?|view comments|leave a comment|join the conversation)|"
                r"(we use cookies|this (site|website) uses cookies|accept (all )?cookies).*)$", re.I),
     "widget", "share or subscribe prompt"),
    (re.compile(r"^(home|news|world|uk|us|politics|business|sport|sports|opinion|lifestyle|"
                r"entertainment|tech|technology|science|health|travel|culture|video|videos|"
                r"skip to (main )?content|menu|search|back to top|next article|previous article|"
                r"(home|news|world)( ?[›>»|/] ?\w+)+)$", re.I),
     "navigation", "navigation label"),
    (re.compile(r"^(by|words by|written by|reported by)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}"
                r"(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4})*"
                r"(\s*[,|]\s*.{0,60})?$"), "byline", "byline"),
    (re.compile(r"^((published|posted|updated|last updated|first published)( on| at)?:?\s.{0,60}|"
                r"(mon|tues|wednes|thurs|fri|satur|sun)day,? \d{1,2} \w{3,9},? \d{4}[ ,]*"
                r"(\d{1,2}[:.]\d{2} ?(am|pm)?)?( \w{2,4})?( \| updated.*)?)$", re.I),
     "byline", "date line"),
    (re.compile(r"^[\W_]{1,5}$"), "other", "stray punctuation"),
]

# A photo caption ends with a credit in brackets, or carries an agency credit.
_CAPTION_END = re.compile(
    rf"\(\s*(?:{_CREDIT})s?\s*(?:by|:|credit:?)\s*[^()]{{1,80}}\)\s*\.?$"
    rf"|\(\s*(?:{_AGENCY})(?:\s*/\s*[^()]{{1,60}})?\s*\)\s*\.?$"
    rf"|\b(?:{_CREDIT})\s*(?:credit)?\s*:\s*[^.]{{1,60}}$"
    rf"|\b(?:{_AGENCY})\s*/\s*[A-Z][\w .'-]{{1,40}}$", re.I)
_CAPTION_AGENCY = re.compile(r"\((?:photo|picture|image)s? by [^()]{1,80}\)|\(\s*[A-Z ]+ OUT\s*\)", re.I)
# Photo-agency caption header: "PYONGYANG, NORTH KOREA- JUNE 19 (RUSSIA OUT) ..."
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}, [A-Z][A-Z .'-]{2,40}\s*[-–—]\s*[A-Z]{3,9}\.? \d{1,2}\b")

_SENTENCE_END = re.compile(r"[.!?…:;\"”’']\)?\s*$")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’-][A-Za-z]+)*")

# Datelines inside the text give the publication date when metadata has none.
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATELINE = re.compile(
    r"(?:published|posted|updated|first published)?[:\s]*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>[a-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))", re.I)


def dateline_date(line: str) -> date | None:
    """The date of a dateline or byline-date line, or None."""
    m = _DATELINE.search(line)
    if not m:
        return None
    try:
        if m.group("y3"):
            return date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        d, mon, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("y1") else (
            m.group("d2"), m.group("m2"), m.group("y2"))
        month = _MONTHS.get(mon[:3].lower())
        return date(int(y), month, int(d)) if month else None
    except ValueError:
        return None


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _key(line: str) -> str:
    return " ".join(w.lower().replace("’", "'") for w in _words(line))


def is_caption(line: str) -> bool:
    return bool(_CAPTION_END.search(line) or _CAPTION_AGENCY.search(line)
                or _AGENCY_DATELINE.match(line))


def classify_line(line: str) -> tuple[str, str] | None:
    """(reason, rule) when a single line is junk on its own, else None."""
    for pattern, reason, rule in _LINE_RULES:
        if pattern.match(line):
            return reason, rule
    if is_caption(line):
        return "caption", "photo credit"
    return None


def _looks_like_alt(line: str, caption: str) -> bool:
    """An image's alt text: a short unpunctuated line that the caption after it
    repeats (often with small spelling differences, "Kim Jong Un"/"Kim Jong-un")."""
    if _SENTENCE_END.search(line) or len(_words(line)) > 25:
        return False
    a, b = _key(line).replace("-", " ").split(), _key(caption).replace("-", " ").split()
    if not a:
        return False
    head = b[: len(a) + 2]
    shared = sum(1 for w in a if w in head)
    return shared / len(a) >= 0.7


def _reads_as_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and len(_words(line)) >= 6


def _is_headline(lines: list[str], i: int) -> bool:
    line = lines[i]
    n = len(_words(line))
    return (3 <= n <= 30 and not re.search(r"[.!?:]\s*$", line)
            and i + 1 < len(lines) and lines[i + 1] == ""
            and any(len(_words(rest)) >= 8 for rest in lines[i + 2:]))


def clean(article: Article) -> Article:
    """Normalise ``article.raw`` into ``article.text``, listing what is dropped."""
    lines = normalize(article.raw).split("\n")
    # The first non-empty line of scraped text is often the headline.
    first = next((i for i, ln in enumerate(lines) if ln), None)
    kept: list[str] = []
    dropped: list[Dropped] = []
    nonblank = [i for i, ln in enumerate(lines) if ln]
    next_nonblank = {a: b for a, b in zip(nonblank, nonblank[1:])}
    in_related = False
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if i == first and _is_headline(lines, i) and classify_line(line) is None:
            if article.title is None:
                article.title = line
                dropped.append(Dropped(line, "other", "headline moved to title"))
                continue
            if _key(line) == _key(article.title):
                dropped.append(Dropped(line, "other", "repeats the title"))
                continue
        verdict = classify_line(line)
        if verdict is None and in_related and not _reads_as_body(line):
            verdict = ("related", "link under a related-links heading")
        if verdict is None and i in next_nonblank:
            nxt = lines[next_nonblank[i]]
            if is_caption(nxt) and _looks_like_alt(line, nxt):
                verdict = ("caption", "image alt text repeated by caption")
        if verdict is not None:
            reason, rule = verdict
            if reason == "byline" and article.published is None:
                found = dateline_date(line)
                if found:
                    article.published, article.published_from = found, "dateline"
            dropped.append(Dropped(line, reason, rule))
            # A related-links heading heads a list of links: the short
            # unpunctuated lines after it, up to the next paragraph, go too.
            if reason == "related":
                in_related = True
            continue
        in_related = False
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    # Single line breaks inside a paragraph become paragraph breaks: scraped
    # text and trafilatura output put one block per line.
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    article.text = "\n\n".join(paragraphs)
    article.dropped.extend(dropped)
    return article
