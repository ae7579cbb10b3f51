"""apps/core/prepared.py: compiled once, re-bound per call, same answers as the ORM."""

import datetime as dt

import pytest
from django.db.models import Count, Max, Q
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.tests.factories import TeamFactory, UserFactory
from apps.core.prepared import prepared

pytestmark = pytest.mark.django_db

builds = []


@prepared(team=int, hired=dt.date, joined=dt.datetime)
def _people(p, *, active_only: bool):
    builds.append(active_only)
    qs = User.objects.filter(team_id=p.team, hired_on__gte=p.hired, date_joined__lt=p.joined)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("email").values_list("email", "hired_on", "date_joined")


@prepared(team=int)
def _team_stats(p):
    return User.objects.filter(team_id=p.team), {"people": Count("pk"), "last_hired": Max("hired_on")}


@prepared(name=str)
def _by_first_name(p):
    return User.objects.filter(Q(first_name=p.name) | Q(last_name=p.name)).values_list("pk")


@pytest.fixture
def two_teams():
    sales, tech = TeamFactory(), TeamFactory()
    now = timezone.now()
    people = [
        UserFactory(email="a@example.com", team=sales, hired_on=dt.date(2020, 1, 6)),
        UserFactory(email="b@example.com", team=sales, hired_on=dt.date(2024, 3, 1), is_active=False),
        UserFactory(email="c@example.com", team=sales, hired_on=dt.date(2019, 5, 2)),
        UserFactory(email="d@example.com", team=tech, hired_on=dt.date(2025, 9, 1)),
    ]
    return sales, tech, people, now + dt.timedelta(seconds=1)


def _orm(team, hired, joined, active_only):
    qs = User.objects.filter(team=team, hired_on__gte=hired, date_joined__lt=joined)
    if active_only:
        qs = qs.filter(is_active=True)
    return list(qs.order_by("email").values_list("email", "hired_on", "date_joined"))


def test_rows_are_the_orms_for_every_parameter_and_shape(two_teams):
    sales, tech, _, later = two_teams
    for team, hired, active_only in [
        (sales, dt.date(2020, 1, 1), False),
        (sales, dt.date(2020, 1, 1), True),
        (sales, dt.date(2000, 1, 1), False),
        (tech, dt.date(2020, 1, 1), True),
    ]:
        got = _people.rows(team=team.pk, hired=hired, joined=later, active_only=active_only)
        assert got == _orm(team, hired, later, active_only)
    # Dates and datetimes come back as Python values on every database (SQLite stores text).
    email, hired_on, joined = _people.first(team=sales.pk, hired=dt.date(2000, 1, 1), joined=later, active_only=False)
    assert (email, hired_on) == ("a@example.com", dt.date(2020, 1, 6))
    assert isinstance(joined, dt.datetime) and joined.tzinfo is not None


def test_each_shape_is_compiled_once_and_each_call_is_one_query(two_teams, django_assert_num_queries):
    sales, _, _, later = two_teams
    _people.forget()
    builds.clear()
    for _ in range(3):
        with django_assert_num_queries(1):
            _people.count(team=sales.pk, hired=dt.date(2000, 1, 1), joined=later, active_only=True)
    assert builds == [True]
    assert _people.count(team=sales.pk, hired=dt.date(2000, 1, 1), joined=later, active_only=False) == 3
    assert builds == [True, False]


def test_count_and_aggregate(two_teams):
    sales, tech, _, later = two_teams
    assert _people.count(team=sales.pk, hired=dt.date(2020, 1, 1), joined=later, active_only=False) == 2
    assert _team_stats.aggregate(team=sales.pk) == {"people": 3, "last_hired": dt.date(2024, 3, 1)}
    assert _team_stats.aggregate(team=tech.pk) == {"people": 1, "last_hired": dt.date(2025, 9, 1)}
    assert _team_stats.aggregate(team=10**9) == {"people": 0, "last_hired": None}


def test_a_string_parameter_used_twice(two_teams):
    person = two_teams[2][0]
    expected = User.objects.filter(Q(first_name=person.first_name) | Q(last_name=person.first_name))
    assert {pk for (pk,) in _by_first_name.rows(name=person.first_name)} == set(expected.values_list("pk", flat=True))
    assert _by_first_name.rows(name="nobody at all") == []


def test_wrong_or_missing_parameters_are_refused(two_teams):
    sales = two_teams[0]
    with pytest.raises(TypeError, match="missing"):
        _team_stats.aggregate()
    with pytest.raises(TypeError, match="expected int"):
        _team_stats.aggregate(team=str(sales.pk))
    with pytest.raises(TypeError, match="expected date"):
        _people.rows(team=sales.pk, hired=timezone.now(), joined=timezone.now(), active_only=False)


def test_a_parameter_that_does_not_reach_the_sql_is_refused_when_compiled():
    @prepared(team=int, unused=int)
    def _forgetful(p):
        return User.objects.filter(team_id=p.team).values_list("pk")

    with pytest.raises(ValueError, match="unused"):
        _forgetful.rows(team=1, unused=2)


def test_an_aggregate_is_one_query_from_its_first_call(two_teams, django_assert_num_queries):
    _team_stats.forget()
    with django_assert_num_queries(1):
        assert _team_stats.aggregate(team=two_teams[0].pk)["people"] == 3


def test_count_many_gives_each_count_in_one_query(two_teams, django_assert_num_queries):
    from apps.core.prepared import count_many

    sales, tech, _, later = two_teams
    calls = [
        (_people, {"team": sales.pk, "hired": dt.date(2000, 1, 1), "joined": later, "active_only": True}),
        (_people, {"team": tech.pk, "hired": dt.date(2000, 1, 1), "joined": later, "active_only": False}),
        (_by_first_name, {"name": "nobody at all"}),
    ]
    expected = [query.count(**kwargs) for query, kwargs in calls]
    with django_assert_num_queries(1):
        assert count_many(calls) == expected == [2, 1, 0]
    assert count_many([]) == []


@prepared(team=int)
def _team_with_fixed_values(p):
    return User.objects.filter(team_id=p.team, email__in=["a@example.com", "o'neil%@example.com"], is_staff=False)


def test_fixed_values_are_written_into_the_statement_on_postgresql(two_teams):
    from django.db import connection

    sales = two_teams[0]
    assert _team_with_fixed_values.count(team=sales.pk) == 1
    [compiled] = _team_with_fixed_values._compiled.values()
    if connection.vendor == "postgresql":
        # The user id stays a parameter; the e-mails (quote and percent included) are in the SQL.
        assert compiled.sql.count("%s") == 1 and len(compiled.params) == 1
        assert "'o''neil%%@example.com'" in compiled.sql
    else:
        assert len(compiled.params) == compiled.sql.count("%s") >= 3
