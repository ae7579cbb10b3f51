"""The line editor: priced lines, section titles, free text, catalogue entries, editing, deleting and
moving lines (positions dense), every change storing the quote's totals; bad input refused with nothing
saved; an issued quote never changed; another quote's line a 404; with and without HTMX."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.quotes.models import Invoice, LineKind, QuoteLine, QuoteSettings
from apps.quotes.services import lines as services
from apps.quotes.tests.factories_editor import CatalogueEntryFactory, QuoteFactory, issued

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def quote(org):
    return QuoteFactory(created_by=org.office_manager)


def _add(quote, by, **fields):
    values = {"description": "Pose", "quantity": "1", "unit_price": "100", "vat_rate": "20"} | fields
    return services.line_add(document=quote, by=by, **values)


def _item(**fields):
    return {
        "form": "item",
        "line-description": "Peinture",
        "line-quantity": "2",
        "line-unit": "m²",
        "line-unit_price": "15.50",
        "line-vat_rate": "20.00",
        "line-discount_percent": "",
        **fields,
    }


# --- services -------------------------------------------------------------------------------------


def test_each_change_stores_the_totals(org, quote):
    by = org.office_manager
    first = _add(quote, by, quantity="2", unit_price="100", vat_rate="20")
    _add(quote, by, quantity="1", unit_price="50", vat_rate="5.5")
    quote.refresh_from_db()
    assert (quote.total_excl_vat, quote.total_vat, quote.total_incl_vat) == (
        Decimal("250.00"),
        Decimal("42.75"),
        Decimal("292.75"),
    )
    services.line_update(
        document=quote, by=by, line_id=first.pk, description="Pose", quantity="1", unit_price="100", vat_rate="20"
    )
    quote.refresh_from_db()
    assert quote.total_excl_vat == Decimal("150.00")
    services.line_delete(document=quote, by=by, line_id=first.pk)
    quote.refresh_from_db()
    assert (quote.total_excl_vat, quote.total_incl_vat) == (Decimal("50.00"), Decimal("52.75"))


def test_titles_and_free_text_count_in_no_total(org, quote):
    services.line_add(document=quote, by=org.office_manager, kind=LineKind.SECTION, description="Lot 1")
    line = services.line_add(document=quote, by=org.office_manager, kind=LineKind.TEXT, description="Note")
    quote.refresh_from_db()
    assert quote.total_incl_vat == Decimal("0") and line.quantity == 0 and line.unit_price == 0


def test_positions_stay_dense_through_moves_and_deletions(org, quote):
    by = org.office_manager
    a, _b, c = (_add(quote, by, description=name) for name in "abc")

    def order():
        return list(quote.lines.order_by("position").values_list("description", "position"))

    assert services.line_move(document=quote, by=by, line_id=c.pk, direction="up")
    assert order() == [("a", 1), ("c", 2), ("b", 3)]
    assert not services.line_move(document=quote, by=by, line_id=a.pk, direction="up")
    services.line_delete(document=quote, by=by, line_id=c.pk)
    assert order() == [("a", 1), ("b", 2)]
    services.line_move(document=quote, by=by, line_id=a.pk, direction="down")
    assert order() == [("b", 1), ("a", 2)]


def test_a_catalogue_entry_is_copied_into_the_line(org, quote):
    entry = CatalogueEntryFactory(name="Audit", description="Audit des postes", unit="jour", unit_price=Decimal("650"))
    line = services.line_add_from_catalogue(document=quote, by=org.office_manager, entry=entry, quantity="1.5")
    entry.unit_price = Decimal("999")
    entry.save()
    line.refresh_from_db()
    assert (line.description, line.unit, line.unit_price, line.catalogue_entry_id) == (
        "Audit des postes",
        "jour",
        Decimal("650.00"),
        entry.pk,
    )
    quote.refresh_from_db()
    assert quote.total_excl_vat == Decimal("975.00")
    entry.is_active = False
    entry.save()
    with pytest.raises(ValidationError):
        services.line_add_from_catalogue(document=quote, by=org.office_manager, entry=entry)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"quantity": "-1"}, "quantity"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "1000001"}, "quantity"),
        ({"quantity": "1.0001"}, "quantity"),
        ({"quantity": "NaN"}, "quantity"),
        ({"unit_price": "-0.01"}, "unit_price"),
        ({"unit_price": "100000000"}, "unit_price"),
        ({"unit_price": "1e400"}, "unit_price"),
        ({"vat_rate": "19.6"}, "vat_rate"),
        ({"discount_percent": "100.5"}, "discount_percent"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_saved(org, quote, fields, field):
    with pytest.raises(ValidationError) as caught:
        _add(quote, org.office_manager, **fields)
    assert field in caught.value.error_dict
    assert not quote.lines.exists()


def test_an_issued_quote_is_never_changed(org, quote):
    line = _add(quote, org.office_manager)
    issued(quote)
    for change in (
        lambda: _add(quote, org.office_manager),
        lambda: services.line_delete(document=quote, by=org.office_manager, line_id=line.pk),
        lambda: services.line_move(document=quote, by=org.office_manager, line_id=line.pk, direction="down"),
        lambda: services.line_update(document=quote, by=org.office_manager, line_id=line.pk, description="x"),
    ):
        with pytest.raises(ValidationError, match="revise or duplicate"):
            change()
    assert list(quote.lines.values_list("description", flat=True)) == ["Pose"]


def test_only_an_office_manager_writes_lines(org, quote):
    with pytest.raises(PermissionDenied):
        _add(quote, org.director)


# --- views ----------------------------------------------------------------------------------------


def test_adding_a_line_without_javascript_comes_back_to_the_page(org, quote, client_for):
    response = client_for(org.office_manager).post(reverse("quotes:quote_line_add", args=[quote.pk]), _item())
    assert response.status_code == 302 and response["Location"] == f"{quote.get_absolute_url()}#lines"
    quote.refresh_from_db()
    assert quote.total_excl_vat == Decimal("31.00") and quote.total_incl_vat == Decimal("37.20")


def test_adding_a_line_with_htmx_swaps_the_lines_block(org, quote, client_for):
    response = client_for(org.office_manager).post(reverse("quotes:quote_line_add", args=[quote.pk]), _item(), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and body.lstrip().startswith('<div id="quote-lines">')
    assert "Peinture" in body and "37.20" in body


def test_a_title_and_free_text_are_added(org, quote, client_for):
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_line_add", args=[quote.pk])
    client.post(url, {"form": "text", "text-kind": "section", "text-description": "Lot 2"})
    client.post(url, {"form": "text", "text-kind": "text", "text-description": "Accès par la cour"})
    assert list(quote.lines.values_list("kind", "position")) == [("section", 1), ("text", 2)]
    response = client.post(url, {"form": "text", "text-kind": "deposit", "text-description": "x"})
    assert response.status_code == 400 and quote.lines.count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"line-quantity": "-3"},
        {"line-quantity": "99999999"},
        {"line-unit_price": "99999999.999"},
        {"line-unit_price": "100000000.00"},
        {"line-vat_rate": "7"},
        {"line-discount_percent": "101"},
        {"line-description": ""},
    ],
)
def test_bad_line_input_shows_field_errors_with_and_without_htmx(org, quote, client_for, fields):
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_line_add", args=[quote.pk])
    plain = client.post(url, _item(**fields))
    assert plain.status_code == 400 and plain.context["line_form"].errors
    swapped = client.post(url, _item(**fields), **HTMX)
    assert swapped.status_code == 200 and b"invalid-feedback" in swapped.content
    assert not quote.lines.exists()


def test_adding_from_the_catalogue_page(org, quote, client_for):
    entry = CatalogueEntryFactory(unit_price=Decimal("80"))
    archived = CatalogueEntryFactory(is_active=False)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_line_catalogue", args=[quote.pk])
    assert client.post(url, {"cat-entry": entry.pk, "cat-quantity": "2"}).status_code == 302
    assert client.post(url, {"cat-entry": archived.pk, "cat-quantity": "1"}).status_code == 400
    quote.refresh_from_db()
    assert quote.lines.count() == 1 and quote.total_excl_vat == Decimal("160.00")


def test_editing_a_line(org, quote, client_for):
    line = _add(quote, org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("quotes:quote_line_edit", args=[quote.pk, line.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"].initial["description"] == "Pose"
    response = client.post(url, _item(**{"line-quantity": "3", "line-unit_price": "10"}))
    assert response.status_code == 302
    quote.refresh_from_db()
    line.refresh_from_db()
    assert line.quantity == 3 and quote.total_excl_vat == Decimal("30.00")


def test_another_quotes_line_is_a_404_and_nothing_changes(org, quote, client_for):
    other = QuoteFactory(created_by=org.office_manager)
    foreign = _add(other, org.office_manager)
    client = client_for(org.office_manager)
    assert client.get(reverse("quotes:quote_line_edit", args=[quote.pk, foreign.pk])).status_code == 404
    assert client.post(reverse("quotes:quote_line_delete", args=[quote.pk, foreign.pk])).status_code == 404
    assert (
        client.post(reverse("quotes:quote_line_move", args=[quote.pk, foreign.pk]), {"direction": "up"}).status_code
        == 404
    )
    assert QuoteLine.objects.filter(pk=foreign.pk).exists()


def test_deleting_and_moving_from_the_page(org, quote, client_for):
    a, b = _add(quote, org.office_manager, description="a"), _add(quote, org.office_manager, description="b")
    client = client_for(org.office_manager)
    response = client.post(reverse("quotes:quote_line_move", args=[quote.pk, b.pk]), {"direction": "up"}, **HTMX)
    assert response.status_code == 200
    assert list(quote.lines.order_by("position").values_list("description", flat=True)) == ["b", "a"]
    assert client.post(reverse("quotes:quote_line_move", args=[quote.pk, b.pk]), {"direction": "x"}).status_code == 302
    client.post(reverse("quotes:quote_line_delete", args=[quote.pk, a.pk]))
    assert list(quote.lines.values_list("description", "position")) == [("b", 1)]


def test_editing_an_issued_quotes_lines_is_refused_with_a_message(org, quote, client_for):
    line = _add(quote, org.office_manager)
    issued(quote)
    client = client_for(org.office_manager)
    response = client.post(reverse("quotes:quote_line_add", args=[quote.pk]), _item(), follow=True)
    assert "Revise or duplicate it instead" in response.content.decode()
    htmx = client.post(reverse("quotes:quote_line_delete", args=[quote.pk, line.pk]), **HTMX)
    assert htmx.status_code == 200 and htmx["HX-Redirect"] == quote.get_absolute_url()
    assert client.get(reverse("quotes:quote_line_edit", args=[quote.pk, line.pk])).status_code == 302
    assert quote.lines.count() == 1


def test_the_director_cannot_touch_lines(org, quote, client_for):
    line = _add(quote, org.office_manager)
    client = client_for(org.director)
    assert client.post(reverse("quotes:quote_line_add", args=[quote.pk]), _item()).status_code == 403
    assert client.post(reverse("quotes:quote_line_delete", args=[quote.pk, line.pk])).status_code == 403
    assert client.get(reverse("quotes:quote_line_edit", args=[quote.pk, line.pk])).status_code == 403
    assert client.get(reverse("quotes:quote_totals", args=[quote.pk])).status_code == 403
    assert quote.lines.count() == 1


def test_a_40_line_page_costs_a_fixed_number_of_queries(org, quote, client_for, django_assert_max_num_queries):
    for n in range(40):
        if n % 10 == 0:
            services.line_add(document=quote, by=org.office_manager, kind="section", description=f"Lot {n}")
        else:
            _add(quote, org.office_manager, description=f"Ligne {n}")
    CatalogueEntryFactory.create_batch(5)
    QuoteSettings.current()  # made once, the first time anyone reads the settings
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(10):
        response = client.get(quote.get_absolute_url())
    assert response.status_code == 200 and response.content.decode().count('data-testid="line"') == 40
    director = client_for(org.director)
    with django_assert_max_num_queries(9):
        assert director.get(quote.get_absolute_url()).status_code == 200


def test_the_line_services_work_on_any_document_an_invoice_draft_too(org):
    invoice = Invoice.objects.create(
        client=QuoteFactory().client, subject="Facture", created_by=org.office_manager, discount_percent=Decimal("10")
    )
    line = _add(invoice, org.office_manager, quantity="2", unit_price="50", vat_rate="20")
    invoice.refresh_from_db()
    assert line.invoice_id == invoice.pk and line.position == 1
    assert (invoice.total_excl_vat, invoice.total_incl_vat) == (Decimal("90.00"), Decimal("108.00"))
    with pytest.raises(ValidationError):
        services.line_add_from_catalogue(document=invoice, by=org.office_manager, entry=CatalogueEntryFactory())
    assert invoice.lines.count() == 1


def test_a_line_that_would_overflow_the_totals_is_refused_with_a_message(org, quote, client_for):
    _add(quote, org.office_manager, quantity="10", unit_price="99999999.99")
    client = client_for(org.office_manager)
    response = client.post(
        reverse("quotes:quote_line_add", args=[quote.pk]),
        _item(**{"line-quantity": "1000000", "line-unit_price": "99999999.99"}),
    )
    assert response.status_code == 400
    assert "check the quantities and prices" in response.content.decode()
    quote.refresh_from_db()
    assert quote.lines.count() == 1 and quote.total_excl_vat == Decimal("999999999.90")
