"""extract_html(): main text and metadata of a news page, errors at the boundary.

Every page here is a small fixture written for these tests about a real event
(the February 2023 earthquake in Turkey and Syria; the June 2024 peace summit
in Switzerland).
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from sitroom.clean import clean
from sitroom.errors import DecodeFailed, EmptyInput, InputError, MalformedInput, NoText
from sitroom.html import HtmlDoc, decode_html, extract_html

P1 = ("A magnitude 7.8 earthquake struck southern Turkey and northern Syria before dawn on "
      "6 February 2023, bringing down thousands of buildings across ten provinces.")
P2 = ("Rescue teams from dozens of countries joined the search in Hatay and Kahramanmaras as "
      "night-time temperatures fell below freezing.")
P3 = ("A second tremor, of magnitude 7.5, struck the same region early that afternoon, "
      "centred some way to the north of the first.")
P4 = ("Within weeks the confirmed death toll in the two countries had passed 50,000, the "
      "deadliest earthquake in the region in centuries.")

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Earthquake hits Turkey and Syria | Example Wire</title>
<meta property="og:title" content="Earthquake hits Turkey and Syria">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://www.example-wire.org/world/turkey-syria-quake">
<meta property="article:published_time" content="2023-02-06T09:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Earthquake hits Turkey and Syria</h1>
<p>{P1}</p>
<figure><img src="antakya.jpg" alt="Collapsed buildings in Antakya">
<figcaption>Collapsed buildings in Antakya on the morning after the quake (Picture: AFP)</figcaption></figure>
<p>{P2}</p>
<p><a href="/world/aid-convoys-reach-syria">Aid convoys reach north-west Syria through one border
crossing</a></p>
<p>{P3}</p>
<p><a href="https://www.usgs.gov/">United States Geological Survey event page</a></p>
<p>{P4}</p>
</article>
<footer>Example Wire</footer>
</body></html>"""
URL = "https://www.example-wire.org/world/turkey-syria-quake?ref=home"


@pytest.fixture(scope="module")
def doc() -> HtmlDoc:
    return extract_html(PAGE, URL, input="quake.html")


def test_metadata(doc: HtmlDoc) -> None:
    assert doc.title == "Earthquake hits Turkey and Syria"
    assert doc.published == date(2023, 2, 6)
    assert doc.source == "Example Wire"
    assert doc.url == "https://www.example-wire.org/world/turkey-syria-quake"


def test_one_paragraph_per_line(doc: HtmlDoc) -> None:
    lines = doc.text.split("\n")
    for p in (P1, P2, P3, P4):
        assert p in lines
    assert lines.index(P1) < lines.index(P2) < lines.index(P3) < lines.index(P4)


def test_headline_and_nav_are_not_body_text(doc: HtmlDoc) -> None:
    assert "Earthquake hits Turkey and Syria" not in doc.text
    assert "Home" not in doc.text.split("\n")
    assert ("Earthquake hits Turkey and Syria", "other", "html: headline (h1)") in [
        (d.text, d.reason, d.rule) for d in doc.dropped]


def test_figcaption_is_dropped_and_listed(doc: HtmlDoc) -> None:
    caption = "Collapsed buildings in Antakya on the morning after the quake (Picture: AFP)"
    assert "Antakya on the morning" not in doc.text
    listed = [d for d in doc.dropped if d.text == caption]
    assert len(listed) == 1 and listed[0].reason == "caption"


def test_link_to_another_story_is_related_but_a_citation_is_kept(doc: HtmlDoc) -> None:
    teaser = "Aid convoys reach north-west Syria through one border crossing"
    assert teaser not in doc.text
    assert (teaser, "related", "html: paragraph that is only a link") in [
        (d.text, d.reason, d.rule) for d in doc.dropped]
    assert "United States Geological Survey event page" in doc.text


def test_dropped_reasons_come_from_the_contract(doc: HtmlDoc) -> None:
    assert doc.dropped
    assert {d.reason for d in doc.dropped} <= {"caption", "widget", "navigation", "byline", "advert",
                                               "related", "other"}


def test_marked_widget_inside_the_story_is_dropped() -> None:
    promo = "Sign up now and get the morning briefing sent to you every day"
    page = PAGE.replace(f"<p>{P3}</p>", f'<p>{P3}</p><p class="newsletter-signup">{promo}</p>')
    doc = extract_html(page, URL)
    assert promo not in doc.text
    assert P3 in doc.text


def test_source_and_url_fall_back_to_what_was_given() -> None:
    page = (f"<html><head><title>Quake toll rises</title></head><body><article>"
            f"<p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>")
    doc = extract_html(page, "https://www.quake-news.example.com/story/1")
    assert doc.url == "https://www.quake-news.example.com/story/1"
    assert doc.source == "quake-news.example.com"
    assert doc.published is None
    unknown = extract_html(page)
    assert unknown.url is None and unknown.source is None


def test_to_article_then_clean() -> None:
    doc = extract_html(PAGE, URL, input="quake.html")
    article = clean(doc.to_article("quake.html"))
    assert article.title == doc.title and article.url == doc.url and article.source == "Example Wire"
    assert article.published == date(2023, 2, 6) and article.published_from == "metadata"
    assert article.text.split("\n\n")[0] == P1
    assert [d.text for d in article.dropped[: len(doc.dropped)]] == [d.text for d in doc.dropped]


SUMMIT = ("<p>Delegates met in Z\u00fcrich on Thursday to prepare the \u201cpeace summit\u201d that "
          "Switzerland hosted at the B\u00fcrgenstock resort in June 2024.</p>"
          "<p>More than 90 countries and organisations sent delegations to the two-day meeting "
          "above Lake Lucerne; Russia was not invited.</p>"
          "<p>The final communiqu\u00e9 called for safe nuclear plants, free shipping in the Black "
          "Sea and the exchange of all prisoners of war.</p>")


@pytest.mark.parametrize("head", [
    '<meta charset="windows-1252">',
    '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    "",  # no declaration: charset-normalizer decides
])
def test_windows_1252_bytes(head: str) -> None:
    data = (f"<html><head>{head}<title>Summit</title></head><body><article>{SUMMIT}"
            f"</article></body></html>").encode("cp1252")
    text = decode_html(data)
    assert "Z\u00fcrich" in text and "\u201cpeace summit\u201d" in text and "communiqu\u00e9" in text
    doc = extract_html(data, input="summit.html")
    assert doc.text.startswith("Delegates met in Z\u00fcrich on Thursday to prepare the "
                               "\u201cpeace summit\u201d")


def test_utf8_bytes_with_bom() -> None:
    data = b"\xef\xbb\xbf" + f"<html><body><article>{SUMMIT}</article></body></html>".encode("utf-8")
    assert "B\u00fcrgenstock" in extract_html(data).text


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 40,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200) + bytes(range(256)) * 10,
])
def test_binary_bytes_raise_decode_failed(data: bytes) -> None:
    with pytest.raises(DecodeFailed) as err:
        extract_html(data, input="picture.png")
    assert err.value.code == "S104" and err.value.input == "picture.png"
    assert "picture.png" in str(err.value) and "\n" not in str(err.value)


def test_declared_charset_that_fails_falls_back() -> None:
    data = (f'<html><head><meta charset="x-no-such-charset"></head>'
            f"<body><article>{SUMMIT}</article></body></html>")
    assert "Z\u00fcrich" in decode_html(data.encode("utf-8"))


@pytest.mark.parametrize("page", [
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
    "<footer>Contact</footer></body></html>",
])
def test_page_without_body_text_raises_no_text(page: str) -> None:
    with pytest.raises(NoText) as err:
        extract_html(page, input="empty.html")
    assert err.value.code == "S108"
    assert str(err.value).startswith("empty.html: no main text")


def test_text_that_is_not_html_is_malformed() -> None:
    with pytest.raises(MalformedInput) as err:
        extract_html("just a few plain words, and no markup at all", input="notes.txt")
    assert err.value.code == "S105" and "unparsable HTML" in str(err.value)


@pytest.mark.parametrize("page", ["", "   \n", b""])
def test_empty_page(page: str | bytes) -> None:
    with pytest.raises(EmptyInput):
        extract_html(page, input="blank.html")


def test_errors_are_input_errors() -> None:
    for exc in (DecodeFailed, MalformedInput, NoText, EmptyInput):
        assert issubclass(exc, InputError)
    with pytest.raises(TypeError):
        extract_html(12345)  # type: ignore[arg-type]


def test_random_bytes_never_escape_as_a_library_error() -> None:
    data = random.Random(7).randbytes(5000)
    with pytest.raises(InputError):
        extract_html(data, input="noise.bin")
