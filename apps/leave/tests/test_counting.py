"""Day counting: jours ouvrés and ouvrables, public holidays by site, half days (pure, no DB)."""

import datetime as dt
from decimal import Decimal

import holidays
import pytest

from apps.leave.counting import (
    AFTERNOON,
    MORNING,
    OUVRABLES,
    OUVRES,
    add_working_days,
    count_days,
    day_breakdown,
    exceeds_max_block,
    half_day_slots,
)

NATIONAL = holidays.France(years=range(2026, 2029))
MOSELLE = holidays.France(subdiv="57", years=range(2026, 2029))
D = dt.date


def days(start, end, rule=OUVRES, start_half=MORNING, end_half=AFTERNOON, calendar=NATIONAL):
    return count_days(start, start_half, end, end_half, rule=rule, holidays=calendar)


def test_lyon_may_2026_in_jours_ouvres_uses_8_days():
    # 8 May (Victoire 1945) and 14 May (Ascension) are public holidays.
    assert days(D(2026, 5, 4), D(2026, 5, 15)) == Decimal(8)


def test_lyon_may_2026_in_jours_ouvrables_uses_10_days():
    # Mon–Sat minus the two holidays, and the Saturday 16 before the return on Monday 18.
    assert days(D(2026, 5, 4), D(2026, 5, 15), OUVRABLES) == Decimal(10)


def test_a_week_off_back_on_monday_is_5_ouvres_and_6_ouvrables():
    assert days(D(2026, 6, 8), D(2026, 6, 12)) == 5
    assert days(D(2026, 6, 8), D(2026, 6, 12), OUVRABLES) == 6


def test_ouvrables_count_from_the_first_day_the_person_would_have_worked():
    # Starting on a Saturday changes nothing: the count starts on Monday.
    assert days(D(2026, 6, 6), D(2026, 6, 12), OUVRABLES) == 6
    assert days(D(2026, 6, 6), D(2026, 6, 12)) == 5


def test_a_friday_off_in_ouvrables_costs_the_saturday_too():
    assert days(D(2026, 6, 12), D(2026, 6, 12), OUVRABLES) == 2
    assert days(D(2026, 6, 12), D(2026, 6, 12)) == 1


def test_friday_before_whit_monday_counts_friday_and_saturday_in_ouvrables():
    # Back on Tuesday 26 May (Monday 25 is Whit Monday): Friday and Saturday count.
    assert days(D(2026, 5, 22), D(2026, 5, 22), OUVRABLES) == 2


def test_2027_week_with_ascension_and_8_may_on_a_saturday():
    # 2027: Ascension is Thursday 6 May; 8 May is a Saturday (a holiday, so not counted either).
    assert days(D(2027, 5, 3), D(2027, 5, 7)) == 4
    assert days(D(2027, 5, 3), D(2027, 5, 7), OUVRABLES) == 4


def test_2027_easter_monday_is_not_counted():
    assert days(D(2027, 3, 29), D(2027, 4, 2)) == 4


def test_good_friday_is_a_holiday_in_moselle_only():
    assert days(D(2026, 3, 30), D(2026, 4, 3)) == 5
    assert days(D(2026, 3, 30), D(2026, 4, 3), calendar=MOSELLE) == 4


def test_26_december_is_a_holiday_in_moselle_only():
    # Christmas week 2026 in ouvrables: 25 Dec (Friday) never counts; Saturday 26 only nationally.
    assert days(D(2026, 12, 21), D(2026, 12, 25), OUVRABLES) == 5
    assert days(D(2026, 12, 21), D(2026, 12, 25), OUVRABLES, calendar=MOSELLE) == 4


def test_half_days_at_both_ends():
    # Starts Monday noon, back Friday afternoon.
    assert days(D(2026, 6, 8), D(2026, 6, 12), start_half=AFTERNOON, end_half=MORNING) == Decimal("4")
    assert days(D(2026, 6, 8), D(2026, 6, 12), OUVRABLES, start_half=AFTERNOON, end_half=MORNING) == Decimal("4")
    assert days(D(2026, 6, 8), D(2026, 6, 12), start_half=AFTERNOON) == Decimal("4.5")


def test_a_single_half_day():
    assert days(D(2026, 6, 9), D(2026, 6, 9), end_half=MORNING) == Decimal("0.5")
    assert days(D(2026, 6, 9), D(2026, 6, 9), start_half=AFTERNOON) == Decimal("0.5")
    assert days(D(2026, 6, 9), D(2026, 6, 9), OUVRABLES, end_half=MORNING) == Decimal("0.5")


def test_crossing_a_weekend():
    # Thursday to Tuesday.
    assert days(D(2026, 6, 11), D(2026, 6, 16)) == 4
    assert days(D(2026, 6, 11), D(2026, 6, 16), OUVRABLES) == 5


def test_crossing_a_holiday():
    # Tuesday 14 July 2026 is a holiday.
    assert days(D(2026, 7, 13), D(2026, 7, 17)) == 4
    assert days(D(2026, 7, 13), D(2026, 7, 17), OUVRABLES) == 5


@pytest.mark.parametrize("rule", [OUVRES, OUVRABLES])
def test_a_saturday_only_or_a_holiday_only_period_counts_nothing(rule):
    assert days(D(2026, 6, 13), D(2026, 6, 13), rule) == 0  # Saturday
    assert days(D(2026, 6, 13), D(2026, 6, 14), rule) == 0  # the weekend
    assert days(D(2026, 5, 1), D(2026, 5, 1), rule) == 0  # 1 May, a Friday
    assert days(D(2026, 5, 1), D(2026, 5, 3), rule) == 0  # holiday then weekend


def test_more_than_24_ouvrables_or_20_ouvres_in_one_block_is_flagged():
    assert not exceeds_max_block(Decimal(24), OUVRABLES)
    assert exceeds_max_block(Decimal("24.5"), OUVRABLES)
    assert not exceeds_max_block(Decimal(20), OUVRES)
    assert exceeds_max_block(Decimal(21), OUVRES)
    # Four full weeks in July–August 2026 (14 July off): 19 ouvrés, 23 ouvrables; five weeks exceed.
    assert days(D(2026, 7, 6), D(2026, 7, 31)) == 19
    assert exceeds_max_block(days(D(2026, 7, 6), D(2026, 8, 7)), OUVRES)
    assert exceeds_max_block(days(D(2026, 7, 6), D(2026, 8, 7), OUVRABLES), OUVRABLES)


def test_impossible_bounds_are_refused():
    with pytest.raises(ValueError):
        days(D(2026, 6, 12), D(2026, 6, 8))
    with pytest.raises(ValueError):
        days(D(2026, 6, 9), D(2026, 6, 9), start_half=AFTERNOON, end_half=MORNING)


def test_breakdown_splits_a_leave_by_day():
    breakdown = day_breakdown(D(2026, 6, 29), AFTERNOON, D(2026, 7, 3), AFTERNOON, rule=OUVRABLES, holidays=NATIONAL)
    june = sum(v for d, v in breakdown.items() if d.month == 6)
    july = sum(v for d, v in breakdown.items() if d.month == 7)
    assert (june, july) == (Decimal("1.5"), Decimal(4))  # 29 pm, 30; 1, 2, 3 and Saturday 4


def test_working_days_skip_weekends_and_holidays():
    assert add_working_days(D(2026, 5, 7), 2, NATIONAL) == D(2026, 5, 12)  # Fri 8 May off, weekend
    assert add_working_days(D(2026, 6, 10), 2, NATIONAL) == D(2026, 6, 12)


def test_half_day_slots_touch_without_overlapping():
    morning = half_day_slots(D(2026, 6, 9), MORNING, D(2026, 6, 9), MORNING)
    afternoon = half_day_slots(D(2026, 6, 9), AFTERNOON, D(2026, 6, 9), AFTERNOON)
    assert morning[1] < afternoon[0]
