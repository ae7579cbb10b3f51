"""The benchmark's framework floor: one SELECT 1 behind the middleware, routed only for the benchmark."""

import pytest

BENCH_URLS = pytest.mark.urls("apps.core.tests.bench_urlconf")


@pytest.mark.django_db
def test_floor_views_are_not_routed_by_default(client):
    assert client.get("/bench/floor-anon/").status_code == 404


@BENCH_URLS
def test_floor_answers_a_signed_in_user_with_one_query_of_its_own(org, client_for, django_assert_num_queries, settings):
    # Database sessions whatever the environment (with REDIS_URL they would come from the cache).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = client_for(org.staff)
    # session + user, loaded by the middleware, then the view's SELECT 1
    with django_assert_num_queries(3):
        response = client.get("/bench/floor/")
    assert response.status_code == 200
    assert response.content == b"ok"


@BENCH_URLS
@pytest.mark.django_db
def test_floor_sends_anonymous_users_to_login(client):
    assert client.get("/bench/floor/").status_code == 302


@BENCH_URLS
@pytest.mark.django_db
def test_anonymous_floor_runs_only_select_one(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/bench/floor-anon/")
    assert response.status_code == 200
    assert response.content == b"ok"


@BENCH_URLS
def test_floor_refuses_post(org, client_for):
    assert client_for(org.staff).post("/bench/floor/").status_code == 405
