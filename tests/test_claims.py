"""Claim stance on short texts written for these tests."""

from sitroom import actors, claims, quotes
from sitroom.claims import stance_words


def claims_of(run, text):
    art = run(text, stages=[actors.resolve, quotes.find_quotes, claims.find_claims])
    return art.claims, art


def by_text(cs, fragment):
    return next(c for c in cs if fragment in c.text)


def test_stance_words():
    assert stance_words("it is now highly likely that")[0] == "hedges"
    assert stance_words("calling them groundless rumours")[0] == "denies"
    assert stance_words("the troops arrived")[0] is None


def test_confirms_asserts(run):
    cs, _ = claims_of(run, "Kyrylo Budanov confirmed that the first units had arrived in the region.")
    c = by_text(cs, "first units had arrived")
    assert c.stance == "asserts" and c.source.name == "Kyrylo Budanov" and c.quote


def test_denial_by_cue_and_by_label(run):
    cs, _ = claims_of(run, "North Korea has denied sending brigades to join the war, calling the "
                           "reports ‘groundless rumours,’ while the Kremlin branded them ‘fake news’.")
    assert by_text(cs, "sending brigades").stance == "denies"
    label = by_text(cs, "fake news")
    assert label.stance == "denies" and label.source.country == "RUS"
    assert label.target == by_text(cs, "sending brigades").id


def test_hedges(run):
    cs, _ = claims_of(run, "John Healey told MPs: ‘It is now highly likely that the transfer of "
                           "troops has begun.’")
    c = by_text(cs, "highly likely")
    assert c.stance == "hedges" and c.marker == "highly likely"


def test_declining_to_confirm_hedges(run):
    cs, _ = claims_of(run, "The Pentagon declined to confirm that the soldiers had reached the front line.")
    c = by_text(cs, "soldiers had reached")
    assert c.stance == "hedges"


def test_negated_content_denies(run):
    cs, _ = claims_of(run, "A Kremlin spokesman said that Russia had not received any foreign troops.")
    assert by_text(cs, "had not received").stance == "denies"


def test_passing_on_reports(run):
    cs, _ = claims_of(run, "For weeks, Ukraine has been pointing to reports that two brigades of "
                           "6,000 troops may soon join Russia to fight.")
    c = by_text(cs, "two brigades")
    assert c.stance == "reports" and c.source.country == "UKR"


def test_article_voice_hedge_has_no_source(run):
    cs, _ = claims_of(run, "How many soldiers will be sent at once is still unclear.")
    (c,) = cs
    assert c.source is None and c.stance == "hedges" and c.marker == "unclear"


def test_threat_modal_is_not_a_hedge(run):
    cs, _ = claims_of(run, "South Korea warned on Tuesday that it could consider supplying weapons to Ukraine.")
    assert by_text(cs, "supplying weapons").stance == "asserts"
