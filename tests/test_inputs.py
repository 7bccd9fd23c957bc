"""Input discovery and bad input, without the NLP stages."""

import json

import pytest

from sitroom.errors import (BinaryInput, DecodeFailed, EmptyFeed, EmptyInput, InputError,
                            MalformedInput, TooLarge)
from sitroom.inputs import Source, decode, from_record, sources

STORY = ("Ukraine said on Monday that its forces had clashed with North Korean soldiers in "
         "the Kursk region, the first such fighting it has reported.")


def collect(*inputs, **kw):
    return list(sources([str(i) for i in inputs], **kw))


def test_directory_walk_in_order_and_by_suffix(tmp_path):
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "a.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(STORY)
    got = collect(tmp_path)
    assert [s.input.rsplit("/", 1)[-1] for s in got] == ["a.html", "b.txt"]
    assert got[0].html and got[1].text == STORY


def test_jsonl_field_names_and_a_bad_line(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"link": "https://example.org/a", "headline": "H", "publish_date": "2024-10-23",
                    "body": STORY}),
        "{not json",
        json.dumps({"url": "https://example.org/b", "date": "2024-10-24", "content": STORY}),
        json.dumps({"url": "https://example.org/c", "title": "no text here"}),
    ]))
    got = collect(f)
    assert isinstance(got[0], Source) and got[0].published == "2024-10-23" and got[0].title == "H"
    assert got[0].input.endswith("batch.jsonl:1") and got[0].source == "example.org"
    assert isinstance(got[1], MalformedInput) and got[1].input.endswith(":2")
    assert isinstance(got[2], Source) and got[2].text == STORY
    assert isinstance(got[3], MalformedInput) and "no text" in got[3].message


def test_json_list_file(tmp_path):
    f = tmp_path / "list.json"
    f.write_text(json.dumps([{"text": STORY}, {"text": STORY + " More."}]))
    got = collect(f)
    assert [s.input.rsplit("/", 1)[-1] for s in got] == ["list.json[1]", "list.json[2]"]


@pytest.mark.parametrize("content,error", [
    (b"", EmptyInput),
    (b"   \n\n  ", EmptyInput),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryInput),
    (bytes(range(128, 256)) * 8, DecodeFailed),
])
def test_bad_bytes(tmp_path, content, error):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    (got,) = collect(f)
    assert isinstance(got, error)
    assert str(f) in str(got) and got.reason


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text(STORY * 20)
    (got,) = collect(f, max_bytes=500)
    assert isinstance(got, TooLarge) and "500" in got.message


def test_legacy_encoding_is_read():
    assert decode("Café in Kraków’s old town".encode("cp1252", errors="replace"), "x").startswith("Café")


def test_missing_path_names_the_input(tmp_path):
    (got,) = collect(tmp_path / "nope.txt")
    assert isinstance(got, InputError) and got.reason == "not found"


def test_feed_file_items_and_empty_feed(tmp_path):
    item = (f"<item><title>Clash reported</title><link>https://example.org/x</link>"
            f"<pubDate>Mon, 04 Nov 2024 10:00:00 GMT</pubDate>"
            f"<description>{STORY * 6}</description></item>")
    f = tmp_path / "feed.xml"
    f.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{item}'
                 f"</channel></rss>")
    (got,) = collect(f)
    assert got.url == "https://example.org/x" and got.title == "Clash reported"
    assert got.published.startswith("Mon, 04 Nov 2024")
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                     "</channel></rss>")
    (got,) = collect(empty)
    assert isinstance(got, EmptyFeed)


def test_record_without_object():
    with pytest.raises(MalformedInput):
        from_record(["a list"], "x")
