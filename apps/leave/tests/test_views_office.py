"""The office manager's pages: balances, adjustments, CSV import, leave types, policy, payroll export, deputies."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.leave import services
from apps.leave.models import Deputy, EntryKind, LeavePolicy, LeaveType, LedgerEntry

D = dt.date

OFFICE_PAGES = [
    reverse("leave:balance_list"),
    reverse("leave:balance_import"),
    reverse("leave:type_list"),
    reverse("leave:type_create"),
    reverse("leave:policy"),
    reverse("leave:payroll_export"),
]


@pytest.mark.parametrize("url", OFFICE_PAGES)
def test_office_pages_open_for_the_office_manager_only(org, policy, client, client_for, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    for user in (org.staff, org.manager, org.director):
        assert client_for(user).get(url).status_code == 403
    assert client_for(org.office_manager).get(url).status_code == 200
    assert client_for(org.office_manager).delete(url).status_code == 405


def test_balances_list_costs_the_same_for_more_people(
    org, policy, cp, credit, client_for, django_assert_max_num_queries
):
    for _ in range(30):
        credit(UserFactory(site=org.site, team=org.team), cp, 12)
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("leave:balance_list"))
    assert response.content.decode().count('data-testid="balance-row"') == 25


def test_balances_search_by_name_answers_htmx_with_the_rows(org, policy, client_for):
    response = client_for(org.office_manager).get(
        reverse("leave:balance_list"), {"q": org.outsider.last_name}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and org.outsider.get_full_name() in body
    assert response["Vary"].count("HX-Request") == 1


def test_adjusting_a_balance_needs_a_reason(org, policy, cp, client_for):
    client = client_for(org.office_manager)
    url = reverse("leave:balance_adjust", kwargs={"person_pk": org.staff.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"leave_type": cp.pk, "days": "2.5", "reason": ""})
    assert response.status_code == 200 and LedgerEntry.objects.count() == 0
    response = client.post(url, {"leave_type": cp.pk, "days": "2.5", "reason": "Fractionnement"})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get()
    assert (entry.kind, entry.days, entry.author) == (EntryKind.ADJUSTMENT, Decimal("2.5"), org.office_manager)


def test_adjusting_is_for_the_office_manager_only(org, policy, client_for):
    url = reverse("leave:balance_adjust", kwargs={"person_pk": org.staff.pk})
    assert client_for(org.manager).get(url).status_code == 403
    assert (
        client_for(org.office_manager).get(reverse("leave:balance_adjust", kwargs={"person_pk": 999999})).status_code
        == 404
    )


def csv_upload(text):
    return SimpleUploadedFile("balances.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_csv_with_one_bad_row_lists_the_errors_and_imports_nothing(org, policy, cp, client_for):
    text = (
        f"email;type;days;reason\n{org.staff.email};CP;12,5;Reprise\n"
        f"nobody@test.fr;CP;3;x\n{org.colleague.email};ZZZ;abc;y\n"
    )
    response = client_for(org.office_manager).post(reverse("leave:balance_import"), {"file": csv_upload(text)})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in body
    assert "Row 3" in body and "Row 4" in body
    assert LedgerEntry.objects.count() == 0


def test_a_correct_csv_is_imported(org, policy, cp, client_for):
    text = f"{org.staff.email};CP;12,5;Reprise\n{org.colleague.email};CP;3;Reprise\n"
    response = client_for(org.office_manager).post(reverse("leave:balance_import"), {"file": csv_upload(text)})
    assert response.status_code == 302
    assert LedgerEntry.objects.filter(kind=EntryKind.OPENING).count() == 2


def test_the_import_page_shows_the_sample_format(org, policy, client_for):
    body = client_for(org.office_manager).get(reverse("leave:balance_import")).content.decode()
    assert 'data-testid="sample"' in body and "email;type;days;reason" in body


def test_the_office_manager_creates_an_other_type(org, policy, client_for):
    data = {
        "code": "formation",
        "name": "Formation",
        "colour": "#198754",
        "privacy": "public",
        "needs_approval": "on",
        "order": 90,
        "second_approval": "never",
        "active": "on",
        "allows_half_days": "on",
    }
    response = client_for(org.office_manager).post(reverse("leave:type_create"), data)
    assert response.status_code == 302
    created = LeaveType.objects.get(code="FORMATION")
    assert (created.kind, created.counts_against_balance, created.needs_approval) == ("other", False, True)


def test_a_type_with_a_second_step_above_days_needs_the_threshold(org, policy, cp, client_for):
    data = {
        "name": cp.name,
        "colour": cp.colour,
        "privacy": "public",
        "needs_approval": "on",
        "order": 10,
        "active": "on",
        "allows_half_days": "on",
        "second_approval": "above_days",
        "second_approval_above_days": "",
    }
    client = client_for(org.office_manager)
    response = client.post(reverse("leave:type_edit", kwargs={"pk": cp.pk}), data)
    assert response.status_code == 200
    cp.refresh_from_db()
    assert cp.second_approval == "never"
    data["second_approval_above_days"] = "10"
    data["colour"] = "#123456"
    assert client.post(reverse("leave:type_edit", kwargs={"pk": cp.pk}), data).status_code == 302
    cp.refresh_from_db()
    assert (cp.second_approval, cp.colour, cp.code, cp.kind) == ("above_days", "#123456", "CP", "paid")


def test_deactivating_a_type_removes_it_from_the_request_form(org, policy, client_for):
    other = LeaveType.objects.create(code="DEMENAGEMENT", name="Déménagement", kind="other")
    data = {"name": other.name, "colour": other.colour, "privacy": "public", "order": 100, "second_approval": "never"}
    assert (
        client_for(org.office_manager).post(reverse("leave:type_edit", kwargs={"pk": other.pk}), data).status_code
        == 302
    )
    form = client_for(org.staff).get(reverse("leave:request_create")).content.decode()
    assert "Déménagement</option>" not in form and "Congés payés</option>" in form


def test_the_policy_is_saved(org, policy, client_for):
    data = {
        "counting": "ouvrables",
        "period_start_month": 6,
        "period_start_day": 1,
        "allow_anticipation": "",
        "max_negative_days": "2",
        "rtt_days_per_year": "10",
        "carry_over_max_days": "5",
        "carry_over_expiry_months": 7,
    }
    response = client_for(org.office_manager).post(reverse("leave:policy"), data)
    assert response.status_code == 302
    saved = LeavePolicy.load()
    assert (saved.counting, saved.allow_anticipation, saved.rtt_days_per_year) == ("ouvrables", False, Decimal(10))
    data["period_start_day"] = 31
    assert client_for(org.office_manager).post(reverse("leave:policy"), data).status_code == 200


def test_the_payroll_csv_has_a_bom_semicolons_and_decimal_commas(org, leave, client_for):
    request = leave(org.staff, D(2026, 6, 29), D(2026, 7, 3), start_half="afternoon")
    services.leave_request_approve(request=request, by=org.manager)
    response = client_for(org.office_manager).get(reverse("leave:payroll_export"), {"month": "2026-06"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="leave-2026-06.csv"' in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").strip().split("\r\n")
    assert lines[1].split(";")[:1] == [org.staff.email] and "1,50" in lines[1].split(";")


def test_a_wrong_month_shows_the_picker_with_an_error(org, policy, client_for):
    response = client_for(org.office_manager).get(reverse("leave:payroll_export"), {"month": "2026-13"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


# --- Deputies --------------------------------------------------------------------------------------


def test_a_manager_names_and_removes_a_deputy(org, clock, client_for):
    client = client_for(org.manager)
    assert client.get(reverse("leave:deputy_list")).status_code == 200
    response = client.post(
        reverse("leave:deputy_list"),
        {"deputy": org.colleague.pk, "start_date": "2026-03-10", "end_date": "2026-03-20"},
    )
    assert response.status_code == 302
    row = Deputy.objects.get()
    assert (row.person, row.deputy) == (org.manager, org.colleague)
    assert client.post(reverse("leave:deputy_delete", kwargs={"pk": row.pk})).status_code == 302
    assert not Deputy.objects.exists()


def test_overlapping_deputies_are_refused_on_the_form(org, clock, client_for):
    client = client_for(org.manager)
    data = {"deputy": org.colleague.pk, "start_date": "2026-03-10", "end_date": "2026-03-20"}
    client.post(reverse("leave:deputy_list"), data)
    response = client.post(reverse("leave:deputy_list"), {**data, "deputy": org.staff.pk})
    assert response.status_code == 200 and "already named" in response.content.decode()
    assert Deputy.objects.count() == 1


def test_deputies_are_for_approvers_and_private_to_each(org, clock, client, client_for):
    assert client.get(reverse("leave:deputy_list")).status_code == 302
    assert client_for(org.staff).get(reverse("leave:deputy_list")).status_code == 403
    row = services.deputy_create(
        person=org.manager, deputy=org.colleague, start=D(2026, 3, 10), end=D(2026, 3, 20), by=org.manager
    )
    delete = reverse("leave:deputy_delete", kwargs={"pk": row.pk})
    assert client_for(org.other_manager).post(delete).status_code == 404
    assert client_for(org.manager).get(delete).status_code == 405
    assert client_for(org.office_manager).post(delete).status_code == 302


def test_the_office_manager_names_a_deputy_for_a_manager(org, clock, client_for):
    response = client_for(org.office_manager).post(
        reverse("leave:deputy_list"),
        {"person": org.manager.pk, "deputy": org.colleague.pk, "start_date": "2026-03-10", "end_date": "2026-03-20"},
    )
    assert response.status_code == 302
    assert Deputy.objects.get().person == org.manager
