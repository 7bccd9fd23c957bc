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


def test_unnamed_speaker_is_its_own_noun_phrase(run):
    qs, _ = quotes_of(run, "The driver was not carrying a weapon, police said. The campaign says the "
                           "advert will run in every state.")
    q = by_text(qs, "not carrying a weapon")
    assert q.speaker.name == "police" and q.speaker.entity is None
    assert by_text(qs, "advert will run").speaker.name == "campaign"


def test_second_quote_of_a_paragraph_keeps_the_speaker(run):
    qs, _ = quotes_of(run, "“We will hold the line,” Olaf Scholz said. “Nobody should doubt it.”")
    first, second = by_text(qs, "hold the line"), by_text(qs, "Nobody should")
    assert second.speaker.name == first.speaker.name == "Olaf Scholz"
    assert second.continues == first.id


def test_colon_comma_and_closing_frames_with_any_verb(run):
    qs, _ = quotes_of(run, "The bridge over the river closed in March after the floods.\n\n"
                           "The mayor continued: “The bridge will reopen in May.”\n\n"
                           "The governor put it this way:\n\n“Nobody crosses until it is safe.”\n\n"
                           "The senator boasted, “I built that bridge.”\n\n"
                           "“It was a long winter,” the engineer sighed.")
    assert by_text(qs, "reopen in May").speaker.name == "mayor"
    assert by_text(qs, "Nobody crosses").speaker.name == "governor"
    assert by_text(qs, "I built that").speaker.name == "senator"
    q = by_text(qs, "long winter")
    assert q.speaker.name == "engineer" and q.cue == "sighed"


def test_name_after_a_dash(run):
    qs, _ = quotes_of(run, "“The war changed everything for my family.” ― Olena Kovalenko")
    q = by_text(qs, "changed everything")
    assert q.speaker.name == "Olena Kovalenko" and q.cue == "―"


def test_titles_in_quotes_are_not_speech(run):
    qs, _ = quotes_of(run, "On “Meet the Press,” the minister spoke about the budget. The channel "
                           "airs ‘Inside the Kremlin’ on Sundays.")
    assert not [q for q in qs if q.kind == "direct"]


def test_two_apostrophes_make_a_double_quote(run):
    para = "''We must not overreact,'' he told me."
    (m,) = pair_marks(para)
    assert para[m.inner[0]:m.inner[1]] == "We must not overreact,"


def test_mismatched_marks_still_pair(run):
    qs, _ = quotes_of(run, "“Immunity deals should not be handed out,\" the chairman said.")
    q = by_text(qs, "Immunity deals")
    assert q.text == "Immunity deals should not be handed out" and q.speaker.name == "chairman"


def test_parenthetical_attribution_splits_the_content(run):
    qs, art = quotes_of(run, "The museum, Emmanuel Macron said, will open next spring.")
    q = by_text(qs, "The museum")
    assert q.cue == "said" and q.speaker.name == "Emmanuel Macron"
    assert [art.text[s:e] for s, e in q.parts] == ["The museum", "will open next spring"]


def test_cue_nouns_with_a_that_clause(run):
    qs, _ = quotes_of(run, "Vladimir Putin spoke on Monday. Putin's warning that the West would pay "
                           "a price was repeated on state television.")
    q = by_text(qs, "the West would pay")
    assert q.cue == "warning" and q.speaker.name == "Vladimir Putin"


def test_a_statement_from_a_body_is_the_body_speaking(run):
    qs, _ = quotes_of(run, "A statement from the Kremlin said the talks had failed.")
    q = by_text(qs, "talks had failed")
    assert q.speaker.name == "Kremlin" and q.speaker.country == "RUS"


def test_relative_pronoun_speaker(run):
    qs, art = quotes_of(run, "The plan was drafted by Olaf Scholz, who said that the budget would "
                             "balance by 2026.")
    q = by_text(qs, "budget would balance")
    assert q.speaker.name == "Olaf Scholz"
    assert art.text[q.speaker.span[0]:q.speaker.span[1]] == "who"


def test_subject_taken_from_inside_the_quote_is_not_the_speaker(run):
    qs, _ = quotes_of(run, "“My reaction, that was outrageous,” the former campaign strategist said.")
    q = by_text(qs, "My reaction")
    assert q.speaker.name == "former campaign strategist"


def test_call_for_and_call_on_but_not_call_a_meeting(run):
    qs, _ = quotes_of(run, "The mayor called for the immediate release of the footage. The senator "
                           "called on allies to send more weapons. The council called a meeting on Friday.")
    assert by_text(qs, "release of the footage").speaker.name == "mayor"
    assert by_text(qs, "allies to send more weapons").speaker.name == "senator"
    assert not [q for q in qs if "meeting" in q.text]


def test_object_and_infinitive(run):
    qs, _ = quotes_of(run, "Last month the agency warned state officials to boost their election security.")
    q = by_text(qs, "to boost their election security")
    assert q.cue == "warned" and q.speaker.name == "agency"


def test_complement_clause_the_parser_hung_elsewhere(run):
    qs, _ = quotes_of(run, "Cruz said after the convention he would not accept the endorsement.")
    q = by_text(qs, "would not accept")
    assert q.speaker.name == "Cruz" and q.cue == "said"


def test_inner_cue_of_the_same_speaker_is_dropped(run):
    qs, _ = quotes_of(run, "The senator said he believes the plan will fail.")
    assert len(qs) == 1 and qs[0].cue == "said" and qs[0].text == "he believes the plan will fail"


def test_unnamed_pronoun_is_the_last_speaker(run):
    qs, art = quotes_of(run, "“We will win,” the senator said. He added that the polls were wrong.")
    q = by_text(qs, "polls were wrong")
    assert q.speaker.name == "senator" and art.text[q.speaker.span[0]:q.speaker.span[1]] == "He"


def test_quote_after_a_new_attribution_takes_that_one(run):
    qs, _ = quotes_of(run, "“We will not follow a script,” the prime minister said after the meeting. "
                           "The summit achieved little, he added on Twitter. “Without new policies, "
                           "Europe risks a lot.”")
    q = by_text(qs, "Without new policies")
    assert q.cue == "added" and q.continues is None


def test_name_in_apposition_is_the_speaker(run):
    qs, art = quotes_of(run, "“Subpoenas are not optional,” said the panel chairman, Jason Chaffetz.")
    q = by_text(qs, "Subpoenas")
    assert q.speaker.name == "Jason Chaffetz"
    assert art.text[q.speaker.span[0]:q.speaker.span[1]] == "the panel chairman, Jason Chaffetz"
