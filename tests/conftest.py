"""Shared fixtures: the spaCy pipeline (loaded once) and a helper that runs
the stages over a short text written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.record import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "metro-2024-10-23-nk-troops-kursk.txt"


@pytest.fixture(scope="session")
def nlp():
    from sitroom import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, published=date|None) -> Article through every stage."""

    def _run(text: str, published: date | None = date(2024, 10, 23), stages=None) -> Article:
        art = Article(input="<test>", raw=text, published=published,
                      published_from="caller" if published else None)
        from sitroom import clean

        clean.clean(art)
        art.doc = nlp(art.text)
        if stages is None:
            from sitroom import pipeline

            stages = pipeline.STAGES
        for stage in stages:
            stage(art)
        return art

    return _run


def needs_example():
    return pytest.mark.skipif(not EXAMPLE.exists(),
                              reason=f"the real example is not here ({EXAMPLE}); a fresh clone has no ../shared")
