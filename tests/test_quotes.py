"""Quote patterns on short texts written for these tests."""

from sitroom import actors, quotes
from sitroom.quotes import pair_marks


def quotes_of(run, text):
    art = run(text, stages=[actors.resolve, quotes.find_quotes])
    return art.quotes, art


def by_text(qs, fragment):
    return next(q for q in qs if fragment in q.text)


def test_british_quotes_and_apostrophes_are_told_apart():
    para = "‘Russia’s troops won’t stop at the border,’ said the governor of the region’s capital."
    (m,) = pair_marks(para)
    assert para[m.inner[0]:m.inner[1]] == "Russia’s troops won’t stop at the border,"


def test_plural_possessive_does_not_close_a_quote():
    para = "‘The soldiers’ families have not been told anything,’ she said."
    (m,) = pair_marks(para)
    assert para[m.inner[0]:m.inner[1]].startswith("The soldiers’ families")


def test_inverted_attribution_after_the_quote(run):
    qs, art = quotes_of(run, "Ukraine expects the units soon. ‘We will see in a few days,’ Budanov "
                             "told the website.")
    q = by_text(qs, "We will see")
    assert q.kind == "direct" and q.cue == "told"
    assert q.speaker.name == "Kyrylo Budanov" and q.speaker.country == "UKR"
    assert art.text[q.span[0]:q.span[1]] == q.text


def test_colon_attribution_before_a_double_quote(run):
    qs, _ = quotes_of(run, "John Healey told MPs on Tuesday: “It is now highly likely that the "
                           "transfer of troops has begun.”")
    q = by_text(qs, "highly likely")
    assert q.speaker.name == "John Healey" and q.speaker.country == "GBR"


def test_quote_over_two_paragraphs_keeps_its_speaker(run):
    qs, _ = quotes_of(run, "Volodymyr Zelensky urged allies to act, adding: ‘Nobody gains from a "
                           "longer war. We must stop it now.\n\n‘Silence only helps the aggressor.’")
    first, second = by_text(qs, "Nobody gains"), by_text(qs, "Silence only")
    assert first.speaker.name == second.speaker.name == "Volodymyr Zelensky"
    assert second.continues == first.id


def test_partial_quote_inside_a_sentence(run):
    qs, _ = quotes_of(run, "Volodymyr Zelensky called on allies on Friday ‘not to look away’ from the war.")
    q = by_text(qs, "not to look away")
    assert q.partial and q.speaker.name == "Volodymyr Zelensky"


def test_scare_quotes_are_not_speech(run):
    qs, _ = quotes_of(run, "The minister condemned the ‘reported’ strikes. The pact covers any "
                           "‘aggression’ against either side.")
    assert not [q for q in qs if q.kind == "direct"]


def test_label_quotes_are_speech(run):
    qs, _ = quotes_of(run, "North Korea has rejected the claims, calling the recent reports "
                           "‘groundless rumours,’ while the Kremlin branded them ‘fake news’.")
    assert by_text(qs, "groundless rumours").speaker.country == "PRK"
    assert by_text(qs, "fake news").speaker.country == "RUS"


def test_guillemets_and_low_high_quotes(run):
    qs, _ = quotes_of(run, "«We are ready to talk,» Emmanuel Macron said. „We are not,“ Olaf Scholz replied.")
    assert by_text(qs, "ready to talk").speaker.name == "Emmanuel Macron"
    assert by_text(qs, "We are not").speaker.name == "Olaf Scholz"


def test_indirect_said_that_and_pronoun_speaker(run):
    qs, _ = quotes_of(run, "Volodymyr Zelensky visited the front on Monday. He said that the "
                           "defenders had held every position.")
    q = by_text(qs, "defenders had held")
    assert q.kind == "indirect" and q.cue == "said"
    assert q.speaker.name == "Volodymyr Zelensky"


def test_according_to(run):
    qs, _ = quotes_of(run, "According to the Pentagon, about 10,000 soldiers have moved to the region.")
    q = by_text(qs, "10,000 soldiers")
    assert q.cue == "according to" and q.speaker.country == "USA"


def test_denial_with_a_gerund(run):
    qs, _ = quotes_of(run, "North Korea has denied sending brigades to join the war in Ukraine.")
    q = by_text(qs, "sending brigades")
    assert q.cue == "denied" and q.speaker.country == "PRK"


def test_anonymous_official_at_the_end(run):
    qs, _ = quotes_of(run, "Seoul could send air-defence systems to Kyiv, a senior South Korean "
                           "official told reporters on condition of anonymity.")
    q = by_text(qs, "air-defence systems")
    assert q.speaker.anonymous and q.speaker.country == "KOR"


def test_the_officials_is_the_group_named_before(run):
    qs, _ = quotes_of(run, "Top Japanese officials met on Sunday. The officials said that the "
                           "missile had landed outside Japanese waters.")
    q = by_text(qs, "missile had landed")
    assert q.speaker.country == "JPN"


def test_unattributed_quote_has_no_speaker(run):
    qs, _ = quotes_of(run, "The bridge reopened at noon. “Traffic is moving again” was the only "
                           "message on the city website.")
    q = by_text(qs, "Traffic is moving")
    assert q.speaker is None
