from sitroom import actors, figures
from sitroom.figures import parse_number


def quantities(run, text):
    art = run(text, stages=[actors.resolve, figures.find_figures])
    return [(q.value, q.unit, q.qualifier) for q in art.figures], art


def test_parse_number_words_and_digits():
    assert parse_number("12,000") == 12000
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("two") == 2
    assert parse_number("six thousand") == 6000
    assert parse_number("twenty-five") == 25
    assert parse_number("troops") is None


def test_up_to_and_unit_from_the_parse(run):
    found, art = quantities(run, "As many as 12,000 troops were sent to the border region last month.")
    assert (12000, "troops", "up_to") in found
    q = next(q for q in art.figures if q.value == 12000)
    assert art.text[q.span[0]:q.span[1]] == q.text == "As many as 12,000 troops"


def test_nested_counts(run):
    found, _ = quantities(run, "Officials said two brigades of 6,000 troops could join the fighting.")
    assert (2, "brigades", "exact") in found
    assert (6000, "troops", "exact") in found


def test_vague_plural_is_a_lower_bound(run):
    found, _ = quantities(run, "The minister said hundreds of combat troops had crossed the frontier.")
    assert (100, "troops", "at_least") in found


def test_at_least_and_about(run):
    found, _ = quantities(run, "At least 40 people died and about 300 were injured in the flood.")
    assert (40, "people", "at_least") in found
    assert any(v == 300 and q == "about" for v, _, q in found)


def test_range_has_bounds_not_a_value(run):
    _, art = quantities(run, "Between 10,000 and 12,000 soldiers are thought to be in the region.")
    q = next(q for q in art.figures if q.qualifier == "range")
    assert (q.low, q.high, q.value) == (10000, 12000, None)


def test_money_and_percent(run):
    found, _ = quantities(run, "The package is worth $5 billion and prices rose 12 percent in March.")
    assert (5_000_000_000, "USD", "exact") in found
    assert (12, "percent", "exact") in found
