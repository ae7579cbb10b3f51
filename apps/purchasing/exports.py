"""The accountant's exports of the supplier invoices of a period.

- ``write_invoices_csv(invoices, out)``: one row per invoice and VAT rate, for a French spreadsheet
  (UTF-8 with BOM, ``;``, decimal comma, dates dd/mm/yyyy), every cell through the core CSV helper so
  no supplier name can become a formula. Credit notes are negative.
- ``write_fec(invoices, out)``: the purchases journal in the layout of the Fichier des Écritures
  Comptables (article A47 A-1 of the Livre des procédures fiscales): the 18 columns, a header line,
  tab-separated, dates YYYYMMDD, amounts with a decimal comma and no thousands separator, text that
  ISO 8859-15 can write (the file is served in that encoding). One
  balanced entry per invoice: the category's expense account debited with the amount excl. VAT of
  each rate, the deductible VAT account with the VAT, the supplier's account credited with the total
  incl. VAT (a credit note the other way round).

Both read the invoices with ``invoices_for_export(start, end)`` (two queries whatever the period).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from django.db.models import Case, Count, DecimalField, ExpressionWrapper, F, Prefetch, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.csv_export import CsvWriter, csv_cell
from apps.purchasing.models import (
    DEFAULT_ACCOUNTS,
    AccountingSettings,
    AccountMapping,
    InvoiceKind,
    InvoiceVatLine,
    SupplierInvoice,
)
from apps.suppliers.models import SupplierCategory

ZERO = Decimal("0.00")
MAX_PERIOD_DAYS = 366 * 5 + 1  # five years, leap days included

FEC_COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
FEC_SEPARATOR = "\t"
# Article A47 A-1 of the LPF: a flat file's characters are coded in ASCII, ISO 8859-15 or EBCDIC. ISO 8859-15
# has every French letter (œ, Œ, €); typographic quotes and dashes are made plain, anything else a "?".
FEC_ENCODING = "iso-8859-15"
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-", "…": "..."})


def invoices_for_export(start: dt.date, end: dt.date) -> QuerySet[SupplierInvoice]:
    """The supplier invoices and credit notes dated from ``start`` to ``end``, in date order."""
    return (
        SupplierInvoice.objects.filter(issued_on__gte=start, issued_on__lte=end)
        .select_related("supplier", "site", "team")
        .prefetch_related(Prefetch("vat_lines", queryset=InvoiceVatLine.objects.order_by("-rate")))
        .order_by("issued_on", "pk")
    )


@dataclass(frozen=True)
class PeriodTotals:
    count: int
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal


def period_totals(start: dt.date, end: dt.date) -> PeriodTotals:
    """How many invoices the period has and their totals, credit notes deducted (one query)."""
    sign = Case(When(kind=InvoiceKind.CREDIT_NOTE, then=Value(-1)), default=Value(1))
    money = DecimalField(max_digits=16, decimal_places=2)
    figures = SupplierInvoice.objects.filter(issued_on__gte=start, issued_on__lte=end).aggregate(
        count=Count("pk"),
        excl_vat=Sum(ExpressionWrapper(sign * F("total_excl_vat"), output_field=money)),
        vat=Sum(ExpressionWrapper(sign * F("total_vat"), output_field=money)),
        incl_vat=Sum(ExpressionWrapper(sign * F("total_incl_vat"), output_field=money)),
    )
    return PeriodTotals(
        count=figures["count"],
        **{key: Decimal(figures[key] or 0).quantize(Decimal("0.01")) for key in ("excl_vat", "vat", "incl_vat")},
    )


@dataclass(frozen=True)
class Account:
    number: str
    label: str


def expense_accounts() -> dict[str, Account]:
    """The expense account of every category: the office manager's mapping, else the usual default."""
    accounts = {category: Account(*DEFAULT_ACCOUNTS[category]) for category in SupplierCategory.values}
    for row in AccountMapping.objects.all():
        accounts[row.category] = Account(row.account, row.label)
    return accounts


@dataclass(frozen=True)
class RateAmount:
    rate: Decimal | None
    base: Decimal
    vat: Decimal


def rate_amounts(invoice: SupplierInvoice) -> list[RateAmount]:
    """The invoice's amounts per VAT rate, unsigned; its totals as one line when the rates do not add up
    to them (a hand-entered invoice without VAT lines), so an export always matches the invoice totals."""
    lines = list(invoice.vat_lines.all())
    if (
        lines
        and sum((line.base for line in lines), ZERO) == invoice.total_excl_vat
        and sum((line.vat for line in lines), ZERO) == invoice.total_vat
    ):
        return [RateAmount(line.rate, line.base, line.vat) for line in lines]
    return [RateAmount(None, invoice.total_excl_vat, invoice.total_vat)]


def _fr_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def write_invoices_csv(invoices: Iterable[SupplierInvoice], out: TextIO) -> None:
    """One row per invoice and VAT rate: BOM, ``;``, decimal comma, dd/mm/yyyy, formulas escaped."""
    accounts = expense_accounts()
    out.write("\ufeff")
    writer = CsvWriter(out, delimiter=";", decimal_comma=True)
    writer.writerow(
        [
            _("Invoice date"),
            _("Due date"),
            _("Supplier"),
            _("SIRET"),
            _("VAT number"),
            _("Kind"),
            _("Invoice number"),
            _("Category"),
            _("Expense account"),
            _("VAT rate (%)"),
            _("Excl. VAT"),
            _("VAT"),
            _("Incl. VAT"),
            _("Paid on"),
        ]
    )
    for invoice in invoices:
        sign = invoice.sign
        for amount in rate_amounts(invoice):
            writer.writerow(
                [
                    _fr_date(invoice.issued_on),
                    _fr_date(invoice.due_on),
                    invoice.supplier.name,
                    invoice.supplier.siret or invoice.supplier.siren,
                    invoice.supplier.vat_number,
                    invoice.get_kind_display(),
                    invoice.number,
                    invoice.get_category_display(),
                    accounts[invoice.category].number,
                    amount.rate,
                    sign * amount.base,
                    sign * amount.vat,
                    sign * (amount.base + amount.vat),
                    _fr_date(invoice.paid_on),
                ]
            )


_FEC_UNSAFE = re.compile(r"[\t|\r\n\x00-\x1f]+")


def fec_text(value) -> str:
    """A text field of the FEC: no separator, line break or control character, trimmed, and nothing
    ISO 8859-15 cannot write (typographic quotes made plain, other characters "?"). The accountant
    opens the file in a spreadsheet too: text that would start a formula (a supplier named
    ``=HYPERLINK(…)``) is escaped as in the CSV (``apps.core.csv_export``)."""
    text = _FEC_UNSAFE.sub(" ", str(value or "").translate(_PLAIN)).strip()
    return csv_cell(text.encode(FEC_ENCODING, errors="replace").decode(FEC_ENCODING))


def fec_amount(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")), "f").replace(".", ",")


def fec_date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def supplier_aux_account(invoice: SupplierInvoice) -> str:
    """The supplier's auxiliary account: the SIREN when known, else the supplier's number here."""
    return invoice.supplier.siren or (invoice.supplier.siret or "")[:9] or f"F{invoice.supplier_id:06d}"


@dataclass(frozen=True)
class FecLine:
    account: str
    account_label: str
    aux_account: str
    aux_label: str
    label: str
    debit: Decimal
    credit: Decimal


def invoice_entry(
    invoice: SupplierInvoice, *, accounts: dict[str, Account], setup: AccountingSettings
) -> list[FecLine]:
    """The balanced journal lines of one invoice (debits = credits = its total incl. VAT)."""
    expense = accounts[invoice.category]
    label = fec_text(f"{invoice.get_kind_display()} {invoice.supplier.name} {invoice.number}")[:200]
    credit_note = invoice.kind == InvoiceKind.CREDIT_NOTE
    lines: list[FecLine] = []

    def book(account: str, account_label: str, amount: Decimal, *, debit_side: bool, aux=("", "")) -> None:
        if credit_note:
            debit_side = not debit_side
        debit, credit = (amount, ZERO) if debit_side else (ZERO, amount)
        lines.append(FecLine(account, fec_text(account_label), aux[0], fec_text(aux[1]), label, debit, credit))

    for amount in rate_amounts(invoice):
        rate = f" {format(amount.rate.normalize(), 'f')} %" if amount.rate is not None else ""
        if amount.base:
            book(expense.number, f"{expense.label}{rate}", amount.base, debit_side=True)
    vat = sum((amount.vat for amount in rate_amounts(invoice)), ZERO)
    if vat:
        book(setup.vat_account, _("Deductible VAT on goods and services"), vat, debit_side=True)
    book(
        setup.supplier_account,
        _("Suppliers"),
        invoice.total_incl_vat,
        debit_side=False,
        aux=(supplier_aux_account(invoice), invoice.supplier.name),
    )
    return lines


def write_fec(invoices: Iterable[SupplierInvoice], out: TextIO) -> None:
    """The purchases journal of ``invoices`` as an FEC file (tab-separated, a header line)."""
    setup = AccountingSettings.current()
    accounts = expense_accounts()
    journal_code, journal_label = fec_text(setup.journal_code), fec_text(setup.journal_label)
    out.write(FEC_SEPARATOR.join(FEC_COLUMNS) + "\r\n")
    for number, invoice in enumerate(invoices, start=1):
        entry_date = fec_date(invoice.issued_on)
        valid_date = fec_date(max(invoice.issued_on, timezone.localtime(invoice.created_at).date()))
        for line in invoice_entry(invoice, accounts=accounts, setup=setup):
            row = [
                journal_code,
                journal_label,
                f"{journal_code}{invoice.issued_on:%Y}-{number:06d}",
                entry_date,
                line.account,
                line.account_label,
                line.aux_account,
                line.aux_label,
                fec_text(invoice.number),
                entry_date,
                line.label,
                fec_amount(line.debit),
                fec_amount(line.credit),
                "",
                "",
                valid_date,
                "",
                "",
            ]
            out.write(FEC_SEPARATOR.join(row) + "\r\n")


def fec_filename(siren: str, end: dt.date) -> str:
    """The name the administration expects: SIREN, "FEC", the closing date (here the period's end)."""
    return f"{re.sub(r'[^0-9]', '', siren or '') or '000000000'}FEC{fec_date(end)}.txt"
