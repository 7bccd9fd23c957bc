"""clean(): normalising scraped text and dropping junk lines, each drop listed.

The fixtures are short texts written for these tests about real events; one
test runs on the bundled real example when it is there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.clean import classify_line, clean, normalize
from sitroom.record import Article

EXAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "examples"
METRO = EXAMPLES / "metro-2024-10-23-nk-troops-kursk.txt"

QUAKE_1 = ("A magnitude 7.8 earthquake struck southern Turkey and northern Syria before dawn "
           "on 6 February 2023, bringing down thousands of buildings.")
QUAKE_2 = ("Rescue teams from dozens of countries joined the search in Hatay as temperatures "
           "fell below freezing.")
QUAKE_3 = "A second tremor of magnitude 7.5 hit the same region that afternoon."


def run(raw: str, **fields: object) -> Article:
    return clean(Article(input="test", raw=raw, **fields))  # type: ignore[arg-type]


def drops(article: Article) -> dict[str, tuple[str, str]]:
    return {d.text: (d.reason, d.rule) for d in article.dropped}


def paragraphs(article: Article) -> list[str]:
    return article.text.split("\n\n")


def test_caption_with_picture_credit_is_dropped() -> None:
    caption = "Rescuers search a collapsed block of flats in Antakya (Picture: AFP)"
    a = run(f"{QUAKE_1}\n\n{caption}\n\n{QUAKE_2}")
    assert drops(a) == {caption: ("caption", "photo credit")}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_image_alt_text_before_its_caption_is_dropped() -> None:
    alt = "Rescuers search a collapsed block of flats"
    caption = "Rescuers search a collapsed block of flats in Antakya on Tuesday (Picture: Getty)"
    a = run(f"{QUAKE_1}\n\n{alt}\n{caption}\n\n{QUAKE_2}")
    assert drops(a) == {alt: ("caption", "image alt text repeated by caption"),
                        caption: ("caption", "photo credit")}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_up_next_and_player_countdown_are_widgets() -> None:
    a = run(f"{QUAKE_1}\n\nUp Next\n\n{QUAKE_2}\n\nThis video will start in 5 seconds\n\n"
            "This will close in 0 seconds")
    assert drops(a) == {
        "Up Next": ("widget", "player or button label"),
        "This video will start in 5 seconds": ("widget", "player countdown"),
        "This will close in 0 seconds": ("widget", "player countdown"),
    }
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_related_posts_heading_takes_the_links_under_it() -> None:
    links = ["Aid convoys reach north-west Syria", "Survivors pulled from rubble after a week"]
    a = run(f"{QUAKE_1}\n\nRelated Posts\n" + "\n".join(links) + f"\n\n{QUAKE_2}")
    assert drops(a) == {"Related Posts": ("related", "related-links heading"),
                        **{link: ("related", "link under a related-links heading") for link in links}}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_related_list_ends_at_a_sentence_even_a_short_one() -> None:
    a = run(f"{QUAKE_1}\n\nRelated Posts\nAid convoys reach north-west Syria\nShe survived.\n\n{QUAKE_2}")
    assert "She survived." in paragraphs(a)
    assert "Aid convoys reach north-west Syria" in drops(a)


def test_inline_related_link_lines() -> None:
    a = run(f"{QUAKE_1}\n\nRead more: Why Hatay suffered the worst damage\n\n"
            f"[Related: How the fault line moved]\n\n{QUAKE_2}")
    assert drops(a) == {"Read more: Why Hatay suffered the worst damage": ("related", "related link"),
                        "[Related: How the fault line moved]": ("related", "related link")}


@pytest.mark.parametrize("line, reason, rule", [
    ("Share this article", "widget", "share or subscribe prompt"),
    ("Sign up for our free morning briefing", "widget", "share or subscribe prompt"),
    ("Get our daily newsletter in your inbox", "widget", "share or subscribe prompt"),
    ("Follow us on Twitter and Facebook", "widget", "share or subscribe prompt"),
    ("Follow Example Wire on Instagram, Facebook and YouTube.", "widget", "follow prompt"),
    ("Click here to download our app", "widget", "call to action"),
    ("Like this story? Share it with a friend!", "widget", "call to action"),
    ("Email Jane Roe at jroe@example.org", "byline", "author contact"),
    ("Listen: https://podcasts.example.org/episode-12", "related", "link line"),
    ("© 2023 Example Wire. All rights reserved.", "other", "copyright notice"),
    ("Advertisement", "advert", "advert label"),
    ("- Print article", "widget", "player or button label"),
])
def test_prompts_and_notices(line: str, reason: str, rule: str) -> None:
    assert classify_line(line) == (reason, rule)
    a = run(f"{QUAKE_1}\n\n{line}\n\n{QUAKE_2}")
    assert drops(a) == {line: (reason, rule)}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_byline_with_date_sets_published_when_unknown() -> None:
    a = run(f"By Aylin Demir | 7 February 2023\n\n{QUAKE_1}\n\n{QUAKE_2}")
    assert drops(a) == {"By Aylin Demir | 7 February 2023": ("byline", "byline")}
    assert a.published == date(2023, 2, 7)
    assert a.published_from == "dateline"


def test_byline_date_does_not_replace_a_known_date() -> None:
    a = run(f"By Aylin Demir | 7 February 2023\n\n{QUAKE_1}", published=date(2023, 2, 6),
            published_from="metadata")
    assert a.published == date(2023, 2, 6)
    assert a.published_from == "metadata"


def test_date_lines_and_reporting_credits() -> None:
    credit = "(Reporting by Aylin Demir in Antakya; Editing by John Smith)"
    contrib = "Jane Roe contributed reporting from Gaziantep."
    a = run(f"Published 7 February 2023\n\n{QUAKE_1}\n\n{QUAKE_2}\n\n{credit}\n{contrib}")
    assert drops(a) == {"Published 7 February 2023": ("byline", "date line"),
                        credit: ("byline", "reporting credit"),
                        contrib: ("byline", "reporting credit")}
    assert a.published == date(2023, 2, 7)


def test_stray_punctuation_is_dropped() -> None:
    a = run(f"{QUAKE_1}\n\n.\n\n•\n\n{QUAKE_2}")
    assert drops(a) == {".": ("other", "stray punctuation"), "•": ("other", "stray punctuation")}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_nbsp_inside_south_korea_becomes_a_space() -> None:
    raw = ("South\u00a0Korea said on Friday that North Korea had begun sending special forces "
           "to Russia.\u00a0")
    a = run(raw)
    assert a.text == ("South Korea said on Friday that North Korea had begun sending special forces "
                      "to Russia.")
    assert "\u00a0" not in a.text
    assert a.dropped == []
    assert normalize("South\u00a0\u00a0Korea\u200b") == "South Korea"


def test_short_body_sentence_is_kept() -> None:
    a = run(f"{QUAKE_1}\n\nHe declined to comment.\n\nIt did not.\n\n{QUAKE_3}")
    assert paragraphs(a) == [QUAKE_1, "He declined to comment.", "It did not.", QUAKE_3]
    assert a.dropped == []


@pytest.mark.parametrize("sentence", [
    "Reporting by the Guardian showed that the troops had crossed the border.",
    "Officials said the summit can be reached by helicopter.",
    "Join the protests, the opposition leader told supporters on Facebook.",
    "The newsletter, which has 20,000 subscribers, was closed.",
    "Photos by the agency show the damage in Hatay.",
    "Copyright law was changed in 2019.",
    "The company may earn a commission on each sale, analysts said.",
    "Updated figures show 12,000 troops.",
    "Published reports say 12,000 troops were sent.",
    "More than 3,000 troops arrived on Tuesday.",
    "Related developments are expected this week.",
    "Die elektronische Patientenakte (ePA) wird seit Jahren diskutiert.",
])
def test_body_sentences_that_look_like_junk_are_kept(sentence: str) -> None:
    assert classify_line(sentence) is None
    a = run(f"{QUAKE_1}\n\n{sentence}\n\n{QUAKE_2}")
    assert a.dropped == []


def test_headline_moves_to_title() -> None:
    a = run(f"Earthquake hits Turkey and Syria\n\n{QUAKE_1}\n\n{QUAKE_2}")
    assert a.title == "Earthquake hits Turkey and Syria"
    assert drops(a) == {"Earthquake hits Turkey and Syria": ("other", "headline moved to title")}
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_repeat_of_a_known_title_is_dropped() -> None:
    headline = "Deadly earthquake hits Turkey and Syria"
    a = run(f"Opinion\n{headline}\n{QUAKE_1}\n{QUAKE_2}",
            title=f"{headline} | Example Wire")
    assert drops(a) == {"Opinion": ("navigation", "navigation label"),
                        headline: ("other", "repeats the title")}
    assert a.title == f"{headline} | Example Wire"
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_tags_heading_takes_the_tags() -> None:
    a = run(f"{QUAKE_1}\n{QUAKE_2}\nTags\nearthquake\nTurkey\nSyria")
    tag = ("navigation", "tag under a tags heading")
    assert drops(a) == {"Tags": ("navigation", "tags heading"),
                        "earthquake": tag, "Turkey": tag, "Syria": tag}
    long_list = ", ".join(["earthquake relief", "Turkey", "Syria", "Hatay province", "Kahramanmaras",
                           "Gaziantep", "Adiyaman", "Malatya", "Osmaniye", "Aleppo", "Idlib",
                           "search and rescue", "aftershocks", "building codes", "aid convoys"])
    a = run(f"{QUAKE_1}\n{QUAKE_2}\nTags:\n{long_list}")
    assert drops(a)[long_list] == tag
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


def test_every_dropped_line_has_a_reason_from_the_contract() -> None:
    raw = (f"By Aylin Demir\n\n{QUAKE_1}\n\nShare this article\n\nRelated stories\nA link\n\n"
           f"Advertisement\n\n{QUAKE_2}\n\nHome\n\n.")
    a = run(raw)
    assert {d.reason for d in a.dropped} <= {"caption", "widget", "navigation", "byline", "advert",
                                             "related", "other"}
    assert all(d.rule for d in a.dropped)
    assert paragraphs(a) == [QUAKE_1, QUAKE_2]


@pytest.mark.skipif(not METRO.exists(), reason=f"the real example is not here: {METRO}")
def test_real_example_drops_exactly_its_junk() -> None:
    raw = METRO.read_text(encoding="utf-8")
    a = run(raw)
    expected = [
        ("North Korean troops ‘to arrive in Russia’s frontline", "other", "headline moved to title"),
        ("North Korean leader Kim Jong Un poses", "caption", "image alt text repeated by caption"),
        ("North Korean leader Kim Jong-un poses with troops at a major", "caption", "photo credit"),
        ("Up Next", "widget", "player or button label"),
        ("PYONGYANG, NORTH KOREA- JUNE 19 (RUSSIA OUT)", "caption", "photo credit"),
        ("North Korean Military Choir sings a Russian song", "caption", "photo credit"),
        (".", "other", "stray punctuation"),
        ("Related Posts", "related", "related-links heading"),
        ("This will close in 0 seconds", "widget", "player countdown"),
    ]
    assert len(a.dropped) == len(expected)
    for d, (start, reason, rule) in zip(a.dropped, expected):
        assert d.text.startswith(start)
        assert (d.reason, d.rule) == (reason, rule)
    assert a.title == a.dropped[0].text
    # Every other line of the page is a story paragraph, kept whole and in order.
    dropped = {d.text for d in a.dropped}
    story = [ln for ln in normalize(raw).split("\n") if ln and ln not in dropped]
    assert paragraphs(a) == story
    assert len(story) == 17
    assert story[0].startswith("Kim Jong-un’s soldiers are expected to arrive in Russia’s frontline")
    assert story[-1].startswith("Possible steps include diplomatic, economic and military options")
    assert "South Korea warned Tuesday" in a.text and "\u00a0" not in a.text
