from sitroom import actors, places
from sitroom.places import geocode


def places_of(run, text):
    art = run(text, stages=[actors.resolve, places.find_places])
    return {p.text: p for p in art.places}, art


def test_city_in_context_and_coordinates(run):
    found, art = places_of(run, "Russian troops massed near Kursk, close to the border with Ukraine.")
    kursk = found["Kursk"]
    assert kursk.country == "RUS" and kursk.feature == "city"
    assert abs(kursk.lat - 51.7) < 0.1 and abs(kursk.lon - 36.2) < 0.1
    assert kursk.geonameid == 538560
    for p in art.places:
        assert art.text[p.span[0]:p.span[1]] == p.text


def test_region_word_gives_the_region(run):
    found, _ = places_of(run, "Fighting continued in the Kursk region and in Kursk Oblast on Sunday.")
    region = [p for p in found.values() if p.feature == "admin1"]
    assert region and all(p.country == "RUS" for p in region)


def test_capital_and_country(run):
    found, _ = places_of(run, "Leaders met in Pyongyang, North Korea, in June.")
    assert found["Pyongyang"].country == "PRK"
    assert found["North Korea"].feature == "country"


def test_context_picks_among_namesakes():
    # Two Pokrovsks: a big one in Ukraine and a smaller one in Siberia.
    ukr = geocode("Pokrovsk", {"UKR": 3})
    rus = geocode("Pokrovsk", {"RUS": 5})
    assert ukr.country == "UKR"
    assert rus.country == "RUS"


def test_written_country_after_the_name_wins():
    p = geocode("Paris", {}, hint="USA")
    assert p.country == "USA"
    assert geocode("Paris", {}).country == "FRA"


def test_unknown_place_is_listed_with_nulls():
    p = geocode("Xqzvillevania", {})
    assert p.name is None and p.lat is None and p.country is None


def test_big_city_the_model_misses_or_calls_a_person(run):
    found, _ = places_of(run, "Kharkiv was shelled on Monday. Russian drones attacked Odesa overnight.")
    assert found["Kharkiv"].country == "UKR" and found["Odesa"].country == "UKR"


def test_a_common_word_is_not_a_city(run):
    found, _ = places_of(run, "Nice weather helped the rescue teams on Friday.")
    assert "Nice" not in found
