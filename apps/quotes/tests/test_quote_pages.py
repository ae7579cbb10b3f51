"""The quote pages: the list (tabs, filters, search, pages, a fixed cost for 5,000 quotes), creating a
draft (defaults, the client's contacts only, one quote per form), its page, editing its header (drafts
only), duplicating and deleting; what each role gets."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.models import Quote, QuoteSettings, QuoteStatus
from apps.quotes.services import lines as line_services
from apps.quotes.tests.factories_editor import (
    ClientFactory,
    ContactFactory,
    QuoteFactory,
    QuoteLineFactory,
    issued,
)

pytestmark = pytest.mark.django_db


def _draft(org, **fields):
    return QuoteFactory(created_by=org.office_manager, **fields)


def _header(to, **fields):
    return {
        "client": to.pk,
        "subject": "Rénovation de l'accueil",
        "validity_days": "30",
        "discount_percent": "0",
        "deposit_percent": "30",
        "payment_terms": "30 jours",
        **fields,
    }


# --- roles ----------------------------------------------------------------------------------------


def test_staff_and_managers_get_403_and_unknown_quotes_404(org, client_for):
    quote = _draft(org)
    for person in (org.staff, org.manager):
        client = client_for(person)
        assert client.get(reverse("quotes:quote_list")).status_code == 403
        assert client.get(quote.get_absolute_url()).status_code == 403
        assert client.post(reverse("quotes:quote_duplicate", args=[quote.pk])).status_code == 403
    client = client_for(org.office_manager)
    assert client.get(reverse("quotes:quote_detail", args=[quote.pk + 999])).status_code == 404
    assert client.post(reverse("quotes:quote_delete", args=[quote.pk + 999])).status_code == 404


def test_the_director_reads_but_sees_no_write_button_and_cannot_write(org, client_for):
    quote = _draft(org)
    QuoteLineFactory(quote=quote, description="Peinture")
    client = client_for(org.director)
    assert client.get(reverse("quotes:quote_list")).status_code == 200
    page = client.get(quote.get_absolute_url())
    assert page.status_code == 200 and "Peinture" in page.content.decode()
    assert b'data-testid="line-editor"' not in page.content and b'data-testid="actions"' not in page.content
    assert b"New quote" not in client.get(reverse("quotes:quote_list")).content
    for name in ("quote_duplicate", "quote_delete", "quote_line_add", "quote_line_catalogue"):
        assert client.post(reverse(f"quotes:{name}", args=[quote.pk])).status_code == 403
    assert client.get(reverse("quotes:quote_edit", args=[quote.pk])).status_code == 403
    assert client.get(reverse("quotes:quote_create")).status_code == 403
    assert Quote.objects.count() == 1


def test_write_endpoints_refuse_get(org, client_for):
    quote = _draft(org)
    line = QuoteLineFactory(quote=quote)
    client = client_for(org.office_manager)
    for name in ("quote_duplicate", "quote_delete", "quote_line_add", "quote_line_catalogue"):
        assert client.get(reverse(f"quotes:{name}", args=[quote.pk])).status_code == 405
    for name in ("quote_line_delete", "quote_line_move"):
        assert client.get(reverse(f"quotes:{name}", args=[quote.pk, line.pk])).status_code == 405
    assert client.post(reverse("quotes:quote_list")).status_code == 405
    assert client.post(quote.get_absolute_url()).status_code == 405


# --- the list -------------------------------------------------------------------------------------


def test_the_list_filters_by_tab_client_year_and_search(org, client_for):
    acme, other = ClientFactory(name="Acme"), ClientFactory(name="Boulangerie Martin")
    draft = _draft(org, client=acme, subject="Peinture")
    waiting = issued(_draft(org, client=acme, subject="Moquette"), number="DEV-2026-0001")
    sent = issued(_draft(org, client=other, subject="Cloisons"), number="DEV-2026-0002")
    sent.status = QuoteStatus.SENT
    sent.save()
    revision = issued(_draft(org, client=other, subject="Cloisons v2"), number="DEV-2026-0002", version=2)
    Quote.objects.filter(pk=revision.pk).update(status=QuoteStatus.ACCEPTED)
    client = client_for(org.office_manager)

    def shown(**params):
        page = client.get(reverse("quotes:quote_list"), params)
        assert page.status_code == 200
        return {quote.pk for quote in page.context["page"].object_list}

    assert shown() == {draft.pk, waiting.pk, sent.pk, revision.pk}
    assert shown(status="awaiting") == {waiting.pk, sent.pk}
    assert shown(status="draft") == {draft.pk}
    assert shown(client=acme.pk) == {draft.pk, waiting.pk}
    assert shown(q="martin") == {sent.pk, revision.pk}
    assert shown(q="moquette") == {waiting.pk}
    assert shown(q="DEV-2026-0002-v2") == {revision.pk}
    assert shown(q="DEV-2026-0001") == {waiting.pk}
    assert shown(year="2026", status="awaiting") == {waiting.pk, sent.pk}
    # A value not offered is ignored, never a 500.
    assert shown(status="nope", year="9999", client="abc") == {draft.pk, waiting.pk, sent.pk, revision.pk}


def test_the_list_shows_reference_or_draft_and_both_totals(org, client_for):
    quote = issued(_draft(org, subject="Peinture"), number="DEV-2026-0007")
    Quote.objects.filter(pk=quote.pk).update(total_excl_vat=Decimal("1000"), total_incl_vat=Decimal("1200"))
    _draft(org, subject="Brouillon à finir")
    page = client_for(org.office_manager).get(reverse("quotes:quote_list")).content.decode()
    assert "DEV-2026-0007" in page and "Draft" in page
    assert "1,000.00" in page and "1,200.00" in page


@pytest.mark.parametrize("page", ["999999999", "-5", "abc", "1e9", ""])
def test_any_page_number_shows_a_page(org, client_for, page):
    for _ in range(3):
        _draft(org)
    response = client_for(org.office_manager).get(reverse("quotes:quote_list"), {"page": page})
    assert response.status_code == 200


def test_the_list_costs_the_same_for_5000_quotes(org, client_for, django_assert_max_num_queries):
    clients = [ClientFactory() for _ in range(20)]
    Quote.objects.bulk_create(
        [
            Quote(client=clients[n % 20], subject=f"Devis {n}", created_by=org.office_manager, status=QuoteStatus.DRAFT)
            for n in range(5000)
        ]
    )
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("quotes:quote_list"), {"page": "3", "q": "Devis", "status": "draft"})
    assert response.status_code == 200 and len(response.context["page"].object_list) == 25


# --- creating -------------------------------------------------------------------------------------


def test_a_new_quote_takes_the_settings_defaults_and_the_preselected_client(org, client_for):
    settings = QuoteSettings.current()
    settings.validity_days, settings.default_deposit_percent = 45, Decimal("30")
    settings.payment_terms = "À réception"
    settings.save()
    acme = ClientFactory(name="Acme")
    ClientFactory(name="Old client", is_archived=True)
    page = client_for(org.office_manager).get(reverse("quotes:quote_create"), {"client": acme.pk})
    form = page.context["form"]
    assert form.initial["validity_days"] == 45 and form.initial["deposit_percent"] == Decimal("30")
    assert form.initial["payment_terms"] == "À réception" and form.initial["client"] == acme.pk
    assert [c.name for c in form.fields["client"].queryset] == ["Acme"]


def test_creating_a_quote_twice_with_one_form_makes_one(org, client_for):
    acme = ClientFactory()
    client = client_for(org.office_manager)
    data = _header(acme, token=str(uuid.uuid4()))
    first = client.post(reverse("quotes:quote_create"), data)
    second = client.post(reverse("quotes:quote_create"), data)
    assert first.status_code == second.status_code == 302
    quote = Quote.objects.get()
    assert first["Location"].startswith(quote.get_absolute_url())
    assert quote.status == QuoteStatus.DRAFT and quote.number == "" and quote.deposit_percent == Decimal("30")


def test_another_clients_contact_is_a_field_error(org, client_for):
    acme, other = ClientFactory(), ClientFactory()
    foreign = ContactFactory(client=other)
    response = client_for(org.office_manager).post(
        reverse("quotes:quote_create"), _header(acme, contact=foreign.pk, token=str(uuid.uuid4()))
    )
    assert response.status_code == 400 and "contact" in response.context["form"].errors
    assert not Quote.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"start_date": "0001-01-01"},
        {"start_date": "9999-12-31"},
        {"discount_percent": "100.01"},
        {"deposit_percent": "-1"},
        {"validity_days": "0"},
        {"validity_days": "99999999999"},
        {"subject": ""},
        {"client": "999999"},
    ],
)
def test_bad_header_input_is_a_field_error(org, client_for, fields):
    acme = ClientFactory()
    response = client_for(org.office_manager).post(
        reverse("quotes:quote_create"), _header(acme, token=str(uuid.uuid4()), **fields)
    )
    assert response.status_code == 400 and set(fields) & set(response.context["form"].errors)
    assert not Quote.objects.exists()


# --- the page and the header ----------------------------------------------------------------------


def test_the_page_shows_sections_free_text_and_escapes_hostile_text(org, client_for):
    quote = _draft(org)
    by = org.office_manager
    line_services.line_add(document=quote, by=by, kind="section", description="Lot 1 : peinture")
    line_services.line_add(document=quote, by=by, kind="text", description="<script>alert(1)</script>")
    line_services.line_add(
        document=quote, by=by, description="Peinture murs", quantity="3", unit_price="100", vat_rate="20"
    )
    page = client_for(org.office_manager).get(quote.get_absolute_url()).content.decode()
    assert "Lot 1 : peinture" in page and "Peinture murs" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "360.00" in page  # 300 + 20 %


def test_editing_the_header_changes_the_discount_and_stores_the_totals(org, client_for):
    quote = _draft(org)
    line_services.line_add(
        document=quote, by=org.office_manager, description="Pose", quantity="1", unit_price="200", vat_rate="20"
    )
    response = client_for(org.office_manager).post(
        reverse("quotes:quote_edit", args=[quote.pk]), _header(quote.client, discount_percent="10")
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.discount_percent == Decimal("10") and quote.total_excl_vat == Decimal("180.00")
    assert quote.total_incl_vat == Decimal("216.00") and quote.deposit_amount == Decimal("64.80")


def test_an_issued_quote_is_not_edited(org, client_for):
    quote = issued(_draft(org, subject="Avant"))
    client = client_for(org.office_manager)
    page = client.get(reverse("quotes:quote_edit", args=[quote.pk]), follow=True)
    assert "revise or duplicate" in page.content.decode().lower()
    response = client.post(reverse("quotes:quote_edit", args=[quote.pk]), _header(quote.client, subject="Après"))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.subject == "Avant"


# --- duplicate and delete -------------------------------------------------------------------------


def test_duplicating_an_issued_quote_makes_a_draft_with_its_lines_and_todays_defaults(org, client_for):
    quote = _draft(org, validity_days=10, payment_terms="Ancien")
    line_services.line_add(document=quote, by=org.office_manager, kind="section", description="Lot 1")
    line_services.line_add(
        document=quote, by=org.office_manager, description="Pose", quantity="2.5", unit_price="40", vat_rate="10"
    )
    issued(quote)
    response = client_for(org.office_manager).post(reverse("quotes:quote_duplicate", args=[quote.pk]))
    copy = Quote.objects.exclude(pk=quote.pk).get()
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == QuoteStatus.DRAFT and copy.number == "" and copy.issue_date is None
    assert copy.validity_days == QuoteSettings.current().validity_days
    assert [(line.kind, line.description, line.position) for line in copy.lines.all()] == [
        ("section", "Lot 1", 1),
        ("item", "Pose", 2),
    ]
    assert copy.total_excl_vat == Decimal("100.00") and copy.total_incl_vat == Decimal("110.00")


def test_a_draft_is_deleted_but_an_issued_quote_never(org, client_for):
    draft = _draft(org)
    QuoteLineFactory(quote=draft)
    kept = issued(_draft(org))
    client = client_for(org.office_manager)
    assert client.post(reverse("quotes:quote_delete", args=[draft.pk]))["Location"] == reverse("quotes:quote_list")
    assert not Quote.objects.filter(pk=draft.pk).exists()
    response = client.post(reverse("quotes:quote_delete", args=[kept.pk]), follow=True)
    assert Quote.objects.filter(pk=kept.pk).exists()
    assert "an issued quote is kept" in response.content.decode()


def test_dates_of_the_header(org, client_for):
    quote = _draft(org)
    response = client_for(org.office_manager).post(
        reverse("quotes:quote_edit", args=[quote.pk]), _header(quote.client, start_date="2026-05-04")
    )
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.start_date == dt.date(2026, 5, 4)
