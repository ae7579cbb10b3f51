"""The accounts cards on the office manager's dashboard."""

from apps.accounts import selectors, services
from apps.accounts.contributions import benchmark_pages, dashboard_cards
from apps.accounts.models import User
from apps.accounts.tests.factories import CompanyFactory, UserFactory


def test_office_manager_sees_people_count_and_a_warning_while_the_company_is_missing(org):
    UserFactory(is_active=False)
    cards = {card.icon: card for card in dashboard_cards(org.office_manager)}
    assert cards["people"].value == 7
    assert cards["exclamation-triangle"].severity == "warning"


def test_the_warning_goes_once_the_siren_is_set(org):
    CompanyFactory()
    assert [card.icon for card in dashboard_cards(org.office_manager)] == ["people"]


def test_other_roles_get_no_accounts_cards(org):
    assert dashboard_cards(org.staff) == []
    assert dashboard_cards(org.manager) == []


def test_the_director_sees_the_head_count_without_the_management_link(org):
    cards = dashboard_cards(org.director)
    assert [card.title for card in cards] == ["People"]
    assert cards[0].url == ""


def test_cards_cost_two_queries(org, django_assert_max_num_queries):
    org.office_manager.has_role("office_manager")  # roles are cached on the instance
    with django_assert_max_num_queries(2):
        dashboard_cards(org.office_manager)


def test_the_accounts_list_is_benchmarked():
    assert [page.path for page in benchmark_pages()] == ["/accounts/users/"]


def test_head_count_and_siren_even_without_anyone_active(org):
    assert (selectors.active_people_count(), selectors.company_siren()) == (7, None)
    company = CompanyFactory()
    User.objects.update(is_active=False)
    assert (selectors.active_people_count(), selectors.company_siren()) == (0, company.siren)


def _dashboard_cards_of(client) -> dict[str, str]:
    response = client.get("/dashboard/")
    return {str(card.title): card.value for card in response.context["cards"]}


def test_the_kept_dashboard_shows_a_new_account_and_the_companys_siren_at_the_next_request(org, client_for, commit):
    client = client_for(org.office_manager)
    cards = _dashboard_cards_of(client)
    assert (cards["People"], "Company details incomplete" in cards) == (7, True)
    UserFactory(email="uncommitted@test.fr")  # kept: no commit has told the cache yet
    assert _dashboard_cards_of(client)["People"] == 7
    User.objects.filter(email="uncommitted@test.fr").delete()
    with commit():
        services.user_create(email="new@test.fr", first_name="New", last_name="Person")
    assert _dashboard_cards_of(client)["People"] == 8
    with commit():
        CompanyFactory()
    assert "Company details incomplete" not in _dashboard_cards_of(client)
    with commit():
        User.objects.filter(email="new@test.fr").update(is_active=False)  # a QuerySet.update() too
    assert _dashboard_cards_of(client)["People"] == 7
