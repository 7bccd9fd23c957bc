from sitroom import gazetteer


def test_countries_by_common_names():
    cs = gazetteer.countries()
    assert cs.lookup("North Korea").alpha3 == "PRK"
    assert cs.lookup("the UK").alpha3 == "GBR"
    assert cs.lookup("Russia").alpha3 == "RUS"
    assert cs.lookup("Türkiye").alpha3 == "TUR"
    assert cs.lookup("Kursk") is None


def test_cities_with_alternate_names_most_populous_first():
    kyiv = gazetteer.cities("Kiev")[0]
    assert kyiv.country == "UKR" and kyiv.capital
    assert gazetteer.cities("Kyiv")[0].geonameid == kyiv.geonameid
    # Small towns (over 1,000 people) are there too.
    assert any(c.country == "RUS" for c in gazetteer.cities("Sudzha"))


def test_regions_with_or_without_their_region_word():
    for name in ("Kursk Oblast", "Kursk region", "the Kursk region", "Kurskaya oblast"):
        rs = gazetteer.regions(name)
        assert rs and rs[0].country == "RUS", name


def test_fold_is_accent_and_case_blind():
    assert gazetteer.fold("Kraków") == gazetteer.fold("krakow")
    assert gazetteer.fold("Kim Jong-un") == gazetteer.fold("Kim Jong Un")
