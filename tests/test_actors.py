"""Actors from the table, from the text's own words, and by coreference;
short texts written for these tests."""

from datetime import date

from sitroom import actors


def entities(run, text, published=date(2024, 10, 23)):
    art = run(text, published=published, stages=[actors.resolve])
    return {e.text: e for e in art.entities}


def test_apposition_gives_country_sector_and_role(run):
    es = entities(run, "Kyrylo Budanov, head of Ukraine’s military intelligence (HUR), said the "
                       "first units would arrive within days.")
    a = es["Kyrylo Budanov"].actor
    assert (a.country, a.sector, a.kind) == ("UKR", "MIL", "person")
    assert a.role == "head of Ukraine’s military intelligence (HUR)"
    assert es["HUR"].actor.country == "UKR"


def test_title_before_a_name_not_in_the_table(run):
    es = entities(run, "Finnish defence minister Antti Hakkanen said the border would stay shut.")
    a = es["Antti Hakkanen"].actor
    assert a.country == "FIN" and a.sector == "GOV" and a.other_sectors == ("MIL",)
    assert a.basis == "apposition" and a.role == "Finnish defence minister"


def test_role_held_on_the_publication_date(run):
    text = "Rishi Sunak said the government would act."
    then = entities(run, text, published=date(2023, 3, 1))["Rishi Sunak"].actor
    later = entities(run, text, published=date(2025, 3, 1))["Rishi Sunak"].actor
    assert then.sector == "GOV" and then.country == "GBR"
    assert later.sector == "ELI" and later.role.startswith("former ")


def test_surname_refers_to_the_full_name(run):
    es = entities(run, "Vladimir Putin met the general staff on Monday. Later, Putin said the "
                       "offensive would continue.")
    full, short = es["Vladimir Putin"], es["Putin"]
    assert short.refers_to == full.id
    assert short.actor.country == "RUS"


def test_glued_typo_still_resolves(run):
    es = entities(run, "Troops sent to fight for Vladimir Putinare set to arrive this week.")
    (person,) = [e for e in es.values() if e.label == "PERSON"]
    assert person.actor is not None and person.actor.name == "Vladimir Putin"


def test_demonyms_take_the_sector_of_their_noun(run):
    es = entities(run, "Chinese soldiers crossed the border while South Korean officials met.")
    assert (es["Chinese"].actor.country, es["Chinese"].actor.sector) == ("CHN", "MIL")
    assert (es["South Korean"].actor.country, es["South Korean"].actor.sector) == ("KOR", "GOV")


def test_metonym_and_capital_as_government(run):
    es = entities(run, "The Kremlin said nothing. Pyongyang dispatched soldiers to Russia in October.")
    kremlin = next(e for t, e in es.items() if "Kremlin" in t)
    assert (kremlin.actor.country, kremlin.actor.sector) == ("RUS", "GOV")
    assert (es["Pyongyang"].actor.country, es["Pyongyang"].actor.sector) == ("PRK", "GOV")


def test_capital_as_a_place_is_not_an_actor(run):
    es = entities(run, "The two leaders held a summit in Pyongyang in June.")
    assert es["Pyongyang"].actor is None


def test_ambiguous_body_settled_by_the_sentence(run):
    es = entities(run, "In an emergency National Security Council meeting, South Korean officials "
                       "discussed the deployment. Britain and Japan said little.")
    assert es["National Security Council"].actor.country == "KOR"


def test_unknown_person_stays_null(run):
    es = entities(run, "Maria Ostrova said the bridge had been closed since the storm.")
    a = es["Maria Ostrova"].actor
    assert a is None or (a.country is None and a.sector is None)
