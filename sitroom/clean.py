"""Cleaning: normalise the text and drop scraping junk, listing every drop.

Works line by line on plain text (scraped pages, or what trafilatura kept of
an HTML page). A line is dropped only when a rule recognises it as junk
(caption, photo credit, image alt text, widget, navigation, related links,
byline, advert, stray punctuation); a line that reads as a body sentence is
kept even when it is short. Every dropped line goes to ``article.dropped``
with its reason and the rule that fired, so nothing is lost silently.

Some rules look at where a line stands: above the first line that reads as
body text (the lead-in: kicker, headline, byline, date), a repeat of the
title or a bare date is dropped; under a related-links or tags heading, the
short unpunctuated lines that follow go too.

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
# Agency names are matched with their case: "(EPA)" is a credit, "(ePA)" an acronym.
_AGENCY = (r"(?-i:Getty Images|Getty|AFP|AP Photo|AP|Reuters|REUTERS|EPA|EPA-EFE|Shutterstock|Alamy|"
           r"PA Images|PA Wire|PA|Bloomberg|Xinhua|Anadolu|Sipa|SOPA Images|NurPhoto|KCNA|Yonhap|"
           r"TASS|Sputnik|Kremlin Pool|Pool|Contributor|Wikimedia Commons|Handout|Supplied)")
_SOCIAL = r"(?:twitter|facebook|instagram|youtube|linkedin|tiktok|threads|bluesky|mastodon|snapchat|whatsapp)"
_URL = r"(?:https?://|www\.)\S+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"

# (line pattern, reason, rule); tried in order, first match wins. A pattern
# must match the whole line (after a list bullet), so a body sentence that
# merely mentions a newsletter or a photo is not touched.
_LINE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(this|the) (video|ad|advert|advertisement|window|player)? ?will (close|play|start|begin)"
                r" in \d+ seconds?\.?$", re.I), "widget", "player countdown"),
    (re.compile(r"^(up next|next up|watch next|watch now|now playing|playing next|skip ad|"
                r"replay( video)?|play video|watch(: .*)?|video|loading( video)?\.*|"
                r"close|cancel|continue reading|read more|show more|load more|see more|more|"
                r"(order )?reprints?|print( this)?( article| page| story)?|email this( article| story)?|"
                r"save( (article|story|for later))?|get short url|\d+ min(ute)?s? read|"
                r"(estimated )?read(ing)? time:? .{1,20})$", re.I),
     "widget", "player or button label"),
    (re.compile(r"^(related( (posts?|articles?|stories|news|content|coverage|topics|links|videos?))?|"
                r"more (from|on|stories|news|like this)\b.*|you (may|might) (also )?like.*|"
                r"(most )?(read|popular|trending|recommended)( (now|stories|articles|news|on \w+|for you))?|"
                r"most (read|popular|viewed|shared) in [\w ]{1,30}|don'?t miss|explore further|"
                r"what to read next|further reading|see also|also read|read also|more|"
                r"in other news|top stories|latest news|editor'?s picks?)[:.]?$", re.I),
     "related", "related-links heading"),
    (re.compile(r"^(tags?|tagged|topics|filed under|categories|category)(:.*|\s*\|.*)?$", re.I),
     "navigation", "tags heading"),
    # "Read more: <headline>", "[Related: <headline>]", "Also on example.com <headline>"
    (re.compile(r"^[\[(]?(related( (posts?|articles?|stories|coverage|content|video))?|read more|see more|"
                r"read also|also read|see also|also|more|recommended|watch|don'?t miss)\s*:\s*\S.*$"
                r"|^also on [\w-]+\.[a-z]{2,}\b.*$", re.I),
     "related", "related link"),
    (re.compile(r"^(advertisement|advertising|sponsored( content)?|promoted|story continues below"
                r"( advertisement)?|ad|ads|paid (post|content)|partner content)$", re.I),
     "advert", "advert label"),
    (re.compile(r"^(share( this( article| story| page)?)?|share on \w+|tweet|email|print|copy link|"
                r"facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|x|"
                r"(sign up|subscribe|register|log ?in|follow us)\b.*|"
                r"(get|receive) (our|the) .{0,60}(newsletter|alerts?|emails?).*|"
                r"(?=.*\b(sign(ing)? up|subscribe|subscribing|your?)\b).{0,60}\bnewsletters?\b.{0,60}|"
                r"(got a story|do you have a story|contact (our|the) (news ?desk|team)).*|"
                r"(comments?|\d+ comments?|view comments|leave a comment|join the conversation)|"
                r"(we use cookies|this (site|website) uses cookies|accept (all )?cookies).*)$", re.I),
     "widget", "share or subscribe prompt"),
    (re.compile(r"^(home|news|world|uk|us|politics|business|sport|sports|opinion|lifestyle|"
                r"entertainment|tech|technology|science|health|travel|culture|video|videos|"
                r"skip to (main )?content|menu|search|back to top|next article|previous article|"
                r"(home|news|world)( ?[›>»|/] ?\w+)+)$", re.I),
     "navigation", "navigation label"),
    (re.compile(r"^(?i:by|words by|written by|reported by)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                r"January|February|March|April|May|June|July|August|September|October|November|December)"
                r"[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}"
                r"(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4})*"
                r"(\s*[,|]\s*.{0,60})?$"), "byline", "byline"),
    (re.compile(r"^(mon|tues|wednes|thurs|fri|satur|sun)day,? \d{1,2} \w{3,9},? \d{4}[ ,]*"
                r"(\d{1,2}[:.]\d{2} ?(am|pm)?)?( \w{2,4})?( \| updated.*)?$", re.I),
     "byline", "date line"),
    (re.compile(r"^[\W_]{1,5}$"), "other", "stray punctuation"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"),
     "other", "timestamp"),
]
# Rules for prompts and notices that a body sentence could resemble in part:
# they apply only to lines of at most 40 words that quote no one.
_SHORT_RULES: list[tuple[re.Pattern[str], str, str]] = [
    # How to reach the author: "Email Jane Roe at jroe@example.com", "Write to ...",
    # "Jane Roe can be reached at jroe@...", a bare address or handle.
    (re.compile(rf"^((e-?mail|write to|contact|reach)\b.{{0,160}}({_EMAIL}|@\w+|{_URL}).*|"
                rf".{{0,80}}\b(can|may) be reached (at|on|by|via)\b.{{0,80}}({_EMAIL}|@\w+|{_URL}).*|"
                rf"{_EMAIL}|(https?://)?(www\.)?{_SOCIAL}\.com/\S+|@\w{{2,}})$", re.I),
     "byline", "author contact"),
    (re.compile(rf"^(follow|join)\s+(us|him|her|them|me|@\w+|(?-i:[A-Z])\S*)\s.{{0,100}}\b(on|at|via)\s+"
                rf"({_SOCIAL}|@\w+|{_URL}).*$", re.I),
     "widget", "follow prompt"),
    # "Listen: https://...", "More coverage: https://..." — a label and a link.
    (re.compile(rf"^[^.!?]{{1,40}}:\s*{_URL}.*$", re.I), "related", "link line"),
    (re.compile(r"^(.*\bclick(ing)? here\b.*|(tap|click) (to|for) .*|"
                r"(thanks?|thank you) for (signing up|subscribing|registering)\b.*|"
                r".*\byour (inbox|subscription)\b.*|"
                r"(like|enjoy(ed)?|love[sd]?) this (story|article|post|piece)\?.*|"
                r"if you (enjoyed|liked|like|enjoy|value|appreciate) (this|our) "
                r"(article|story|post|piece|journalism|reporting|work)\b.*)$", re.I),
     "widget", "call to action"),
    (re.compile(r"^(.*\b(we|us|our)\b.*\b(affiliate|commission)\b.*|"
                r"if you (buy|purchase) (something|anything|a product)\b.*|"
                r"(disclosure: )?(we|(?-i:[A-Z])[\w.]*) (may|might|will) (earn|receive|get) (a )?(small )?"
                r"(commission|share of (the )?sales?)\b.*)$", re.I),
     "advert", "affiliate disclosure"),
    (re.compile(r"^((©|ⓒ|\(c\)|copyright\s*(©|ⓒ|\(c\))?\s*"
                r"(\d{4}|[A-Z][\w.&-]*( [A-Z][\w.&-]*)?\s*\d{4}|©|ⓒ))"
                r".{0,200}|.{0,150}\ball rights reserved\b.{0,100}|"
                r".{0,100}\bfor (your )?personal,? non-?commercial use\b.*)$", re.I),
     "other", "copyright notice"),
    (re.compile(r"^(an error (has )?occurred|something went wrong)\b.{0,60}$", re.I),
     "widget", "error message"),
    # A teaser headline tagged "[VIDEO]", "[PICTURES]", "[INSIGHT]".
    (re.compile(r"^.{10,}\s\[[A-Z]{3,}( [A-Z]{3,})?\]\W*$"), "related", "teaser link"),
]
# Credit lines: "(Reporting by A and B; Editing by C)", "A, B and C contributed to this report."
_CREDIT_LINE = re.compile(
    r"^\(?((additional |with additional )?(reporting|writing|editing|research|compiled|produced|translated|"
    r"graphics|photos|video|interviews)( and \w+)? by\b.*|"
    r".*\bcontributed (reporting|to (this|the) (report|story|article|reporting)|(this|the) report)\b"
    r".{0,60})\)?\.?$",
    re.I)
_CREDIT_GLUE = re.compile(
    r"\b(additional|with|reporting|writing|editing|research|compiled|produced|translated|graphics|photos|"
    r"video|interviews|by|and|in|from|at|for|of|the|contributed|to|this|report|story|article|writers?|"
    r"reporters?|correspondents?|staff|de|van|von|der|al|bin)\b", re.I)

# A photo caption ends with a credit in brackets, or carries an agency credit.
_CAPTION_END = re.compile(
    rf"\(\s*(?:{_CREDIT})s?\s*(?:by|:|credit:?)\s*[^()]{{1,80}}\)\s*\.?$"
    rf"|\(\s*(?:{_AGENCY})(?:\s*/\s*[^()]{{1,60}})?\s*\)\s*\.?$"
    rf"|\b(?:{_CREDIT})\s*(?:credit)?\s*:\s*[^.]{{1,60}}$"
    rf"|\b(?:{_AGENCY})\s*/\s*[A-Z][\w .'-]{{1,40}}$"
    rf"|\b(?:{_CREDIT})s?\s*(?:©|\(c\))\s*[^.]{{1,60}}$"
    rf"|\.(?:{_AGENCY})$", re.I)
# "Image 3 of 12 ..." opens a gallery caption.
_GALLERY = re.compile(r"^(image|photo|picture|slide) \d+ (of|/) \d+\b", re.I)
_CAPTION_AGENCY = re.compile(r"\((?:photo|picture|image)s? by [^()]{1,80}\)|\(\s*[A-Z ]+ OUT\s*\)", re.I)
# Photo-agency caption header: "PYONGYANG, NORTH KOREA- JUNE 19 (RUSSIA OUT) ..."
_AGENCY_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}, [A-Z][A-Z .'-]{2,40}\s*[-–—]\s*[A-Z]{3,9}\.? \d{1,2}\b")

_SENTENCE_END = re.compile(r"[.!?…:;\"”’'。！？」』]\)?\s*$")
# A word: letters of any script; in Chinese and Japanese, which put no spaces
# between words, each character counts as one.
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_\u3040-\u30ff\u3400-\u4dbf"
                   r"\u4e00-\u9fff\uf900-\ufaff]+(?:['’-][^\W\d_]+)*")

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
                or _AGENCY_DATELINE.match(line) or _GALLERY.match(line))


_BULLET = re.compile(r"^[-–•*·]\s+")
_QUOTE = re.compile(r"[\"“”«»]")


def _is_credit(line: str) -> bool:
    """A reporting credit: the words other than its stock phrases are names."""
    if not _CREDIT_LINE.match(line) or len(_words(line)) > 60:
        return False
    rest = _words(_CREDIT_GLUE.sub(" ", line))
    return bool(rest) and sum(w[0].isupper() for w in rest) >= 0.8 * len(rest)


_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DATE_WORDS = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|"
    r"am|pm|a\.m|p\.m|(?-i:[A-Z]{2,4})|published|posted|updated|modified|last|first|on|at|"
    r"\d{1,4}(?:st|nd|rd|th)?)\b\.?", re.I)
_DATE_PARTS = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[:.]\d{2}\b")
# "Published 3 May 2024", "Updated at 1:23 p.m.", "UPDATED: Tue., Nov. 19, 2019"
_DATE_LABEL = re.compile(r"^(published|posted|updated|last updated|first published|last modified)\b", re.I)
_BY_NAME = re.compile(r"\s+by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$")


def _is_date_only(line: str) -> bool:
    """A line that is only a date or time, maybe with "Updated" and "by Name"."""
    if _TIMESTAMP.match(line):
        return True
    line = _BULLET.sub("", line)
    line = _BY_NAME.sub("", line)
    if len(line) > 80 or not _DATE_PARTS.search(line):
        return False
    return not re.sub(r"[\W_]+", "", _DATE_WORDS.sub(" ", line))


def _same_title(line: str, title: str | None) -> bool:
    """The line is the title, or the title with (or without) a site name or
    section before or after it ("Opinion | ...", "... - Example News")."""
    if not title:
        return False
    a, b = _key(line), _key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (len(short.split()) >= 4 and (long_.startswith(short) or long_.endswith(short))
            and len(short) >= 0.6 * len(long_))


def classify_line(line: str) -> tuple[str, str] | None:
    """(reason, rule) when a single line is junk on its own, else None."""
    # A short list item ("- Print article") is judged without its bullet.
    bare = _BULLET.sub("", line)
    if len(_words(bare)) > 6:
        bare = line
    for pattern, reason, rule in _LINE_RULES:
        if pattern.match(line) or (bare != line and pattern.match(bare)):
            # "By Tuesday, officials said, the troops had left." is a sentence.
            if rule == "byline" and _reads_as_body(line):
                continue
            return reason, rule
    if is_caption(line):
        return "caption", "photo credit"
    if _DATE_LABEL.match(bare) and _is_date_only(bare):
        return "byline", "date line"
    if _is_credit(bare):
        return "byline", "reporting credit"
    if len(_words(bare)) <= 40 and not _QUOTE.search(bare):
        for pattern, reason, rule in _SHORT_RULES:
            if pattern.match(bare):
                return reason, rule
    return None


# Headings that open a list (of links, of tags): the short lines after them
# that do not end as a sentence go too, as what the list holds.
_LIST_HEADINGS = {"related-links heading": ("related", "link under a related-links heading"),
                  "tags heading": ("navigation", "tag under a tags heading")}


def _is_tag_list(line: str) -> bool:
    """"stock car, stock car brasil, interlagos, ...": items of a few words."""
    items = [i for i in re.split(r"\s*[,;|]\s*", line) if i]
    return len(items) >= 3 and all(len(_words(i)) <= 8 for i in items)


def _lead_in(line: str, title: str | None) -> tuple[str, str] | None:
    """Junk that only counts as junk above the story's first paragraph."""
    if _same_title(line, title):
        return "other", "repeats the title"
    if _is_date_only(line):
        return "byline", "date line"
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
    # The lead-in: what comes before the first line that reads as body text.
    body_start = next((i for i, ln in enumerate(lines) if _reads_as_body(ln) and classify_line(ln) is None
                       and not _same_title(ln, article.title)), len(lines))
    kept: list[str] = []
    dropped: list[Dropped] = []
    nonblank = [i for i, ln in enumerate(lines) if ln]
    next_nonblank = {a: b for a, b in zip(nonblank, nonblank[1:])}
    in_list: tuple[str, str] | None = None
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if i == first and _is_headline(lines, i) and classify_line(line) is None:
            if article.title is None:
                article.title = line
                dropped.append(Dropped(line, "other", "headline moved to title"))
                continue
            if _key(line) and _key(line) == _key(article.title):
                dropped.append(Dropped(line, "other", "repeats the title"))
                continue
        verdict = classify_line(line)
        if verdict is None and in_list and not _SENTENCE_END.search(line) and (
                len(_words(line)) <= 25 or _is_tag_list(line)):
            verdict = in_list
        if verdict is None and i in next_nonblank:
            nxt = lines[next_nonblank[i]]
            if is_caption(nxt) and _looks_like_alt(line, nxt):
                verdict = ("caption", "image alt text repeated by caption")
        if verdict is None and i < body_start:
            verdict = _lead_in(line, article.title)
        if verdict is not None:
            reason, rule = verdict
            if reason == "byline" and article.published is None:
                found = dateline_date(line)
                if found:
                    article.published, article.published_from = found, "dateline"
            dropped.append(Dropped(line, reason, rule))
            # A related-links heading heads a list of links: the short
            # unpunctuated lines after it, up to the next paragraph, go too.
            if rule in _LIST_HEADINGS:
                in_list = _LIST_HEADINGS[rule]
            continue
        in_list = None
        kept.append(line)
    text = "\n".join(kept)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    # Single line breaks inside a paragraph become paragraph breaks: scraped
    # text and trafilatura output put one block per line.
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    article.text = "\n\n".join(paragraphs)
    article.dropped.extend(dropped)
    return article
