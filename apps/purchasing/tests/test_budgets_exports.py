"""The accountant's exports parse back to the invoices' totals; the FEC balances; the account mapping."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from apps.purchasing.exports import FEC_COLUMNS, write_invoices_csv
from apps.purchasing.models import AccountingSettings, AccountMapping, InvoiceKind, InvoiceVatLine
from apps.purchasing.tests.factories import SupplierInvoiceFactory
from apps.suppliers.models import SupplierCategory
from apps.suppliers.tests.factories import SupplierFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("purchasing:export_invoices_csv")
FEC_URL = reverse("purchasing:export_fec")
PERIOD = {"start": "2026-01-01", "end": "2026-03-31"}


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def with_rates(*rates, kind=InvoiceKind.INVOICE, day=dt.date(2026, 2, 10), **fields):
    """An invoice whose VAT lines (rate, base) give its totals, VAT per rate rounded half-up to the cent."""
    lines = [(Decimal(rate), Decimal(base)) for rate, base in rates]
    vats = [(base * rate / 100).quantize(Decimal("0.01")) for rate, base in lines]
    invoice = SupplierInvoiceFactory(
        kind=kind,
        issued_on=day,
        due_on=day + dt.timedelta(days=30),
        total_excl_vat=sum(base for _rate, base in lines),
        total_vat=sum(vats),
        total_incl_vat=sum(base for _rate, base in lines) + sum(vats),
        **fields,
    )
    for (rate, base), vat in zip(lines, vats, strict=True):
        InvoiceVatLine.objects.create(invoice=invoice, rate=rate, base=base, vat=vat)
    return invoice


@pytest.fixture
def invoices(org):
    """Hand-worked: 20 % on 1,000.00 → 200.00; 5.5 % on 21.21 → 1.17 (1.16655); 10 % on 45.55 → 4.56 (4.555);
    a credit note of 100.00 at 20 %; an invoice outside the period. Net: 1,066.76 − 100 = 966.76 excl. VAT,
    205.73 − 20 = 185.73 VAT, 1,152.49 incl. VAT. (Amounts whose sums are exact in SQLite's floats.)"""
    hostile = SupplierFactory(name='=HYPERLINK("http://evil.example","Pay")', siret="", vat_number="")
    first = with_rates(("20", "1000.00"), ("5.5", "21.21"), supplier=hostile, category=SupplierCategory.SUPPLIES)
    second = with_rates(("10", "45.55"), category=SupplierCategory.CATERING, day=dt.date(2026, 3, 31))
    credit = with_rates(("20", "100.00"), kind=InvoiceKind.CREDIT_NOTE, category=SupplierCategory.SUPPLIES)
    with_rates(("20", "999.00"), day=dt.date(2026, 4, 1))
    return {"first": first, "second": second, "credit": credit}


def read_csv(response) -> list[dict]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))


def read_fec(response) -> list[dict]:
    lines = response.content.decode("iso-8859-15").splitlines()
    assert lines[0].split("\t") == list(FEC_COLUMNS)
    rows = [dict(zip(FEC_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    return rows


def test_the_csv_parses_back_to_the_invoices_totals(org, client_for, invoices):
    response = client_for(org.office_manager).get(CSV_URL, PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert len(rows) == 4  # two rates, one rate, the credit note; April is outside the period
    assert sum(money(row["Excl. VAT"]) for row in rows) == Decimal("966.76")
    assert sum(money(row["VAT"]) for row in rows) == Decimal("185.73")
    assert sum(money(row["Incl. VAT"]) for row in rows) == Decimal("1152.49")
    by_rate = {(row["Invoice number"], row["VAT rate (%)"]): row for row in rows}
    assert by_rate[(invoices["first"].number, "5,50")]["VAT"] == "1,17"
    assert by_rate[(invoices["second"].number, "10,00")]["VAT"] == "4,56"
    assert by_rate[(invoices["credit"].number, "20,00")]["Excl. VAT"] == "-100,00"
    assert rows[0]["Invoice date"] == "10/02/2026" and rows[0]["Due date"] == "12/03/2026"


def test_no_cell_of_the_csv_is_a_formula(org, client_for, invoices):
    rows = read_csv(client_for(org.office_manager).get(CSV_URL, PERIOD))
    names = {row["Supplier"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Pay")' in names
    assert not any(value.startswith(("=", "+", "@")) for row in rows for value in row.values())


def test_the_fec_balances_and_matches_the_invoices(org, client_for, invoices):
    response = client_for(org.office_manager).get(FEC_URL, PERIOD)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('FEC20260331.txt"')
    rows = read_fec(response)
    debit = sum(money(row["Debit"]) for row in rows)
    credit = sum(money(row["Credit"]) for row in rows)
    assert debit == credit
    entries = {}
    for row in rows:
        entry = entries.setdefault(row["EcritureNum"], [Decimal(0), Decimal(0), row["PieceRef"]])
        entry[0] += money(row["Debit"])
        entry[1] += money(row["Credit"])
    assert len(entries) == 3
    assert all(debit == credit for debit, credit, _ref in entries.values())
    totals = {ref: debit for debit, _credit, ref in entries.values()}
    assert totals == {
        invoices["first"].number: Decimal("1222.38"),
        invoices["second"].number: Decimal("50.11"),
        invoices["credit"].number: Decimal("120.00"),
    }
    # The supplier's account is credited with the total incl. VAT, the credit note's debited.
    suppliers = [row for row in rows if row["CompteNum"] == "401"]
    assert sum(money(row["Credit"]) - money(row["Debit"]) for row in suppliers) == Decimal("1152.49")
    vat = [row for row in rows if row["CompteNum"] == "44566"]
    assert sum(money(row["Debit"]) - money(row["Credit"]) for row in vat) == Decimal("185.73")
    charges = [row for row in rows if row["CompteNum"].startswith("6")]
    assert sum(money(row["Debit"]) - money(row["Credit"]) for row in charges) == Decimal("966.76")
    assert {row["CompteNum"] for row in charges} == {"6064", "6257"}
    first = [row for row in rows if row["PieceRef"] == invoices["first"].number]
    assert {row["EcritureDate"] for row in first} == {"20260210"} and all(row["ValidDate"] for row in first)
    assert all(len(row) == 18 for row in rows)


def test_the_fec_uses_the_office_managers_accounts(org, client_for, invoices):
    client = client_for(org.office_manager)
    data = {"journal_code": "HA", "journal_label": "Achats", "supplier_account": "4010", "vat_account": "445660"}
    for category in SupplierCategory.values:
        data[f"account_{category}"] = "606400" if category == "supplies" else "625700"
        data[f"label_{category}"] = f"Compte {category}"
    assert client.post(reverse("purchasing:accounts"), data).status_code == 302
    assert AccountMapping.objects.get(category="supplies").account == "606400"
    rows = read_fec(client.get(FEC_URL, PERIOD))
    assert {row["CompteNum"] for row in rows} == {"606400", "625700", "4010", "445660"}
    assert {row["JournalCode"] for row in rows} == {"HA"}


def test_a_wrong_account_number_saves_nothing(org, client_for):
    client = client_for(org.office_manager)
    data = {"journal_code": "HA", "journal_label": "Achats", "supplier_account": "401", "vat_account": "abc"}
    for category in SupplierCategory.values:
        data[f"account_{category}"] = "6064"
        data[f"label_{category}"] = "x"
    data["account_it"] = "=1+1"
    response = client.post(reverse("purchasing:accounts"), data)
    assert response.status_code == 200 and "An account number is digits" in response.content.decode()
    assert not AccountMapping.objects.exists()
    assert AccountingSettings.current().vat_account == "44566"


@pytest.mark.parametrize("code", ["A\tB", "=1+1", "A C", "A|C"])
def test_a_journal_code_that_would_break_the_fec_saves_nothing(org, client_for, code):
    # The journal code starts every FEC line and each entry's number: letters and digits only.
    data = {"journal_code": code, "journal_label": "Achats", "supplier_account": "401", "vat_account": "44566"}
    for category in SupplierCategory.values:
        data[f"account_{category}"] = "6064"
        data[f"label_{category}"] = "x"
    response = client_for(org.office_manager).post(reverse("purchasing:accounts"), data)
    assert response.status_code == 200 and "letters and digits only" in response.content.decode()
    assert AccountingSettings.current().journal_code == "AC" and not AccountMapping.objects.exists()


def test_the_accounts_page_proposes_the_usual_accounts(org, client_for):
    page = client_for(org.office_manager).get(reverse("purchasing:accounts")).content.decode()
    assert 'value="6064"' in page and 'value="401"' in page and 'value="44566"' in page


def test_the_export_page_sums_up_the_period(org, client_for, invoices):
    page = client_for(org.office_manager).get(reverse("purchasing:exports"), PERIOD).content.decode()
    assert 'data-testid="export-count">3<' in page
    assert "966.76 €" in page and "1,152.49 €" in page
    assert f"{CSV_URL}?start=2026-01-01&amp;end=2026-03-31" in page


@pytest.mark.parametrize(
    "period",
    [
        {"start": "2026-03-01", "end": "2026-01-01"},
        {"start": "0001-01-01", "end": "9999-12-31"},
        {"start": "2000-01-01", "end": "2026-12-31"},
        {"start": "abc", "end": "2026-01-01"},
        {"start": "2026-02-30", "end": "2026-03-01"},
        {},
    ],
)
def test_a_bad_period_is_explained_never_a_crash(org, client_for, period):
    client = client_for(org.office_manager)
    for url in (CSV_URL, FEC_URL):
        response = client.get(url, period)
        assert response.status_code == 400
        assert "invalid-feedback" in response.content.decode()
    assert client.get(reverse("purchasing:exports"), period).status_code == 200


def test_the_exports_are_the_office_managers(org, client_for):
    for who in (org.staff, org.manager, org.director):
        client = client_for(who)
        for url in (CSV_URL, FEC_URL, reverse("purchasing:exports"), reverse("purchasing:accounts")):
            assert client.get(url, PERIOD).status_code == 403


def test_the_exports_cost_the_same_queries_for_many_invoices(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    client.get(CSV_URL, PERIOD)
    for _index in range(30):
        with_rates(("20", "10.00"), ("5.5", "3.00"))
    for url in (CSV_URL, FEC_URL):
        with django_assert_max_num_queries(12):
            assert client.get(url, PERIOD).status_code == 200


def test_no_text_of_the_fec_is_a_formula(org, client_for, invoices):
    # Opened in a spreadsheet by the accountant: a hostile supplier name or invoice number stays text.
    with_rates(("20", "10.00"), supplier=SupplierFactory(name="@SUM(1+1)*cmd|' /C calc'!A0"), number="=1+1")
    rows = read_fec(client_for(org.office_manager).get(FEC_URL, PERIOD))
    assert '\'=HYPERLINK("http://evil.example","Pay")' in {row["CompAuxLib"] for row in rows}
    assert "'@SUM(1+1)*cmd ' /C calc'!A0" in {row["CompAuxLib"] for row in rows}
    assert "'=1+1" in {row["PieceRef"] for row in rows}
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_the_fec_text_is_plain_iso_8859_15(org, client_for):
    supplier = SupplierFactory(name="Œuvres d’art — café\tpipe|line\nbreak 🎉")
    with_rates(("20", "10.00"), supplier=supplier, number="F|1\t2")
    response = client_for(org.office_manager).get(FEC_URL, PERIOD)
    assert response["Content-Type"] == "text/plain; charset=iso-8859-15"
    rows = read_fec(response)
    assert rows[-1]["CompAuxLib"] == "Œuvres d'art - café pipe line break ?"
    assert {row["PieceRef"] for row in rows} == {"F 1 2"}


def test_the_french_csv_headers_are_capitalised():
    # The accountant reads the French file: its headers start with a capital, like the others.
    out = io.StringIO()
    with translation.override("fr"):
        write_invoices_csv([], out)
    header = out.getvalue()[1:].splitlines()[0].split(";")
    assert "Taux de TVA (%)" in header
    assert all(name[:1].isupper() for name in header)
