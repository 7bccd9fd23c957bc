"""An article's stance toward a claim, on short texts written for these tests."""

import pytest

from sitroom import actors, claims, quotes, stance
from sitroom.stance import judge, relatedness, stance_toward

CLAIM = "North Korea has sent troops to Russia"


@pytest.fixture(scope="module")
def article(run):
    """The stages stance reads: entities and actors, quotes, claims."""
    return lambda text: run(text, stages=[actors.resolve, quotes.find_quotes, claims.find_claims])


def test_agree_in_the_writers_voice(article):
    a = article("North Korean troops have arrived in Russia. Thousands of North Korean soldiers were "
                "sent to the Russian border region of Kursk, where they are training with Russian forces.")
    st, conf = stance_toward(CLAIM, a)
    assert st == "asserts" and 0.5 < conf <= 1.0


def test_denial(article):
    a = article("North Korea has denied sending troops to Russia, calling the reports groundless "
                "rumours. The claims are false, a foreign ministry spokesman said.")
    assert stance_toward(CLAIM, a)[0] == "denies"


def test_negated_statement_denies(article):
    a = article("Contrary to what was said on social media, North Korea has not sent troops to Russia. "
                "The soldiers seen in the video were Russian conscripts from Buryatia on an exercise.")
    j = judge(CLAIM, a)
    assert j.stance == "denies"
    assert any(word.startswith("not ") for e in j.evidence for _, word in e["marks"])


def test_hedge(article):
    a = article("North Korea may have sent troops to Russia, according to unconfirmed reports. "
                "Officials in Seoul said they could not verify the claims.")
    assert stance_toward(CLAIM, a)[0] == "hedges"


def test_question_does_not_vouch(article):
    a = article("Has North Korea really sent troops to Russia to fight in Ukraine? Nobody in the "
                "Kremlin or in Pyongyang will answer that question.")
    assert stance_toward(CLAIM, a)[0] in ("hedges", "reports")


def test_attributed_statement_reports(article):
    a = article("Pyongyang dispatched soldiers to fight for Moscow, Ukrainian intelligence officials "
                "said on Tuesday.")
    j = judge(CLAIM, a)
    assert j.stance == "reports"
    assert "Ukrainian intelligence officials" in str(j.evidence[0]["marks"])


def test_unrelated(article):
    a = article("The city council approved a new budget for road repairs on Monday. The mayor said "
                "the works would start in spring and last until the autumn.")
    st, conf = stance_toward(CLAIM, a)
    assert st == "unrelated" and conf > 0.5


def test_matching_maps_capitals_and_synonyms(article):
    """The same claim in other words: capitals stand for their countries,
    'dispatched soldiers' for 'sent troops'."""
    a = article("Pyongyang dispatched soldiers to Moscow last month.")
    assert relatedness(CLAIM, a) == pytest.approx(1.0)
    keys = stance.claim_keys("Pyongyang dispatched soldiers to fight for Moscow").keys
    assert {"@PRK", "@RUS", "send", "troop"} <= set(keys)


def test_a_claim_that_denies_is_agreed_with_by_a_denial(article):
    a = article("The photograph of a 50-foot crab in Whitstable harbour is a hoax. The image was "
                "doctored, and the crab in it is an ordinary edible crab about ten inches across.")
    assert stance_toward("Giant crab photo from Whitstable is a hoax", a)[0] == "asserts"


def test_takes_text_and_checks_types():
    """Text goes through the whole pipeline (``sitroom.read``) first."""
    assert stance_toward(CLAIM, "North Korea has sent troops to Russia, it is now clear.")[0] == "asserts"
    with pytest.raises(TypeError):
        stance_toward(CLAIM, 42)
    with pytest.raises(TypeError):
        stance_toward(None, "text")


def test_judgement_to_dict(article):
    a = article("North Korea has sent troops to Russia.")
    d = judge(CLAIM, a).to_dict()
    assert d["stance"] in stance.STANCES and isinstance(d["evidence"][0]["span"], list)
