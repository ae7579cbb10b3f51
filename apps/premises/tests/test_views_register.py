"""The safety register pages: office managers write, directors read, staff get 403."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.files import pdf_bytes
from apps.premises.models import CheckItem, CheckRecord, CheckResult, Ticket
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    """Pages in English: the assertions read the msgids."""
    User.objects.update(language="en")


@pytest.fixture
def item(org):
    return CheckItemFactory(site=org.site, supplier="Sicli", first_due_date=dt.date(2026, 3, 15))


def record_data(**overrides):
    data = {"done_on": "2026-03-01", "done_by": "Sicli", "result": CheckResult.COMPLIANT, "to_fix": ""}
    return {**data, **overrides}


def test_register_is_for_the_office_manager_and_the_director(org, item, client, client_for):
    urls = [
        reverse("premises:register"),
        reverse("premises:register_site", args=[org.site.pk]),
        reverse("premises:register_item", args=[item.pk]),
    ]
    # client_for signs the same test client in: anonymous first.
    for url in urls:
        assert client.get(url).status_code == 302
    for url in urls:
        assert client_for(org.staff).get(url).status_code == 403
        assert client_for(org.office_manager).post(url).status_code == 405
        assert client_for(org.director).get(url).status_code == 200


def test_register_lists_each_check_with_its_status(org, client_for):
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 2, 1))  # overdue on 2 March
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 20))  # due soon
    CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 9, 1))  # ok
    html = client_for(org.office_manager).get(reverse("premises:register")).content.decode()
    assert html.count('data-testid="register-row"') == 3
    for status in ("overdue", "due_soon", "ok"):
        assert f'data-status="{status}"' in html
    assert reverse("premises:register_pdf_site", args=[org.site.pk]) in html  # the printable register


def test_the_director_reads_but_does_not_write(org, item, client_for):
    director = client_for(org.director)
    html = director.get(reverse("premises:register_item", args=[item.pk])).content.decode()
    assert reverse("premises:record_new", args=[item.pk]) not in html
    assert director.get(reverse("premises:record_new", args=[item.pk])).status_code == 403
    assert director.post(reverse("premises:register_item_new", args=[org.site.pk]), {}).status_code == 403


def test_register_page_query_cap(org, client_for, django_assert_max_num_queries):
    for n in range(30):
        item = CheckItemFactory(site=org.site, first_due_date=dt.date(2026, 3, 1) + dt.timedelta(days=n))
        CheckRecord.objects.create(
            item=item, done_on=dt.date(2025, 3, 1), done_by="X", result="compliant", recorded_by=org.office_manager
        )
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("premises:register"))
    assert response.content.decode().count('data-testid="register-row"') == 30


def test_recording_a_check_makes_it_due_one_interval_after_it(org, item, client_for):
    response = client_for(org.office_manager).post(reverse("premises:record_new", args=[item.pk]), record_data())
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.due_date == dt.date(2027, 3, 1)  # done on 1 March, two weeks early: due 1 March next year
    assert not Ticket.objects.exists()


def test_a_non_compliant_check_opens_a_ticket_and_links_to_it(org, item, client_for):
    client = client_for(org.office_manager)
    data = record_data(result=CheckResult.NON_COMPLIANT, to_fix="Replace two extinguishers.")
    response = client.post(reverse("premises:record_new", args=[item.pk]), data, follow=True)
    ticket = Ticket.objects.get()
    assert ticket.source_check.item == item
    html = response.content.decode()
    assert reverse("premises:ticket_detail", args=[ticket.pk]) in html
    assert "a repair ticket has been opened" in html


def test_a_non_compliant_check_without_what_to_fix_is_refused(org, item, client_for):
    data = record_data(result=CheckResult.NON_COMPLIANT)
    response = client_for(org.office_manager).post(reverse("premises:record_new", args=[item.pk]), data)
    assert response.status_code == 200
    assert "Say what must be fixed." in response.content.decode()
    assert not CheckRecord.objects.exists()


def test_a_check_in_the_future_is_refused(org, item, client_for):
    response = client_for(org.office_manager).post(
        reverse("premises:record_new", args=[item.pk]), record_data(done_on="2026-04-01")
    )
    assert response.status_code == 200
    assert not CheckRecord.objects.exists()


def test_report_file_is_served_to_the_register_readers_only(org, item, client_for):
    report = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")
    client_for(org.office_manager).post(reverse("premises:record_new", args=[item.pk]), record_data(report=report))
    record = CheckRecord.objects.get()
    url = reverse("premises:record_report", args=[record.pk])
    assert client_for(org.staff).get(url).status_code == 403
    response = client_for(org.director).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_adding_and_editing_a_check(org, client_for):
    client = client_for(org.office_manager)
    data = {
        "kind": "electrical",
        "name": "",
        "interval_months": "12",
        "first_due_date": "2026-06-01",
        "is_active": "on",
    }
    response = client.post(reverse("premises:register_item_new", args=[org.site.pk]), data)
    assert response.status_code == 302
    item = CheckItem.objects.get()
    assert item.due_date == dt.date(2026, 6, 1)
    client.post(reverse("premises:register_item_edit", args=[item.pk]), {**data, "supplier": "Veritas"})
    item.refresh_from_db()
    assert item.supplier == "Veritas"


def test_the_standard_checks_of_a_french_office(org, client_for):
    client = client_for(org.office_manager)
    assert client.get(reverse("premises:register_standard_items", args=[org.site.pk])).status_code == 405
    client.post(reverse("premises:register_standard_items", args=[org.site.pk]))
    assert CheckItem.objects.filter(site=org.site).count() >= 8
