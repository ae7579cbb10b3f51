"""Compliance documents and contracts: recording them, and telling the office manager once about what
runs out (documents, contract notice deadlines, the relationship log's follow-ups).

Services raise ``ValidationError`` for anything the person can fix; nothing is half-saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.selectors import office_managers
from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.core.uploads import delete_replaced_file_on_commit, image_format, stored_file_name, validate_pdf
from apps.notifications.services import reminder_send_once
from apps.suppliers.models import (
    ComplianceDocument,
    Contract,
    DocumentKind,
    Supplier,
    default_validity,
)
from apps.suppliers.selectors import compliance as selectors
from apps.suppliers.services.notice import contract_deadline, effective_end, last_notice_day

MB = 1024 * 1024
MAX_FILE_MB = 10
IMAGE_EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}

CONTRACT_FIELDS = (
    "subject",
    "starts_on",
    "ends_on",
    "tacit_renewal",
    "renewal_months",
    "notice_months",
    "notice_days",
    "amount_per_year",
    "notes",
)


# --- uploads -------------------------------------------------------------------------------------


def checked_upload(upload) -> str:
    """The stored extension of an upload read from its content: a PDF (parsed by pypdf, not encrypted)
    or a PNG, JPEG or WebP image, at most ``MAX_FILE_MB``; otherwise a ValidationError."""
    if upload.size is not None and upload.size > MAX_FILE_MB * MB:
        raise ValidationError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB."),
            params={"size": upload.size / MB, "limit": MAX_FILE_MB},
            code="file_too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    name = (upload.name or "").lower()
    if b"%PDF-" in head or name.endswith(".pdf"):
        validate_pdf(upload)
        return "pdf"
    found = image_format(upload)
    if found in IMAGE_EXTENSIONS:
        return IMAGE_EXTENSIONS[found]
    raise ValidationError(_("Upload a PDF file or a PNG, JPEG or WebP image."), code="invalid_file")


def _rename(upload, extension: str):
    # The stored name comes from the content (models' upload_to keeps only the extension).
    upload.name = f"document.{extension}"
    return upload


# --- documents -----------------------------------------------------------------------------------


def _check_day(value: dt.date | None, field: str) -> None:
    if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Enter a date between %(earliest)d and %(latest)d."),
                    params={"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year},
                    code="out_of_range",
                )
            }
        )


@transaction.atomic
def document_add(
    *,
    supplier: Supplier,
    kind: str,
    issued_on: dt.date,
    expires_on: dt.date | None,
    file,
    by,
    today: dt.date | None = None,
) -> ComplianceDocument:
    """Record a compliance document with its file; the validity defaults to the kind's usual one.

    The same document sent twice (same kind and dates) is refused the second time: the supplier row
    is locked while checking, so two submissions at once record it once.
    """
    today = today or timezone.localdate()
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a kind of document.")})
    _check_day(issued_on, "issued_on")
    _check_day(expires_on, "expires_on")
    if issued_on > today:
        raise ValidationError({"issued_on": _("A document cannot be issued after today.")})
    if expires_on is None:
        expires_on = default_validity(kind, issued_on)
    if expires_on < issued_on:
        raise ValidationError({"expires_on": _("The document cannot expire before it was issued.")})
    if not file:
        raise ValidationError({"file": _("Attach the document (a PDF or a photo of it).")})
    try:
        extension = checked_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from None
    Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
    if ComplianceDocument.objects.filter(
        supplier=supplier, kind=kind, issued_on=issued_on, expires_on=expires_on
    ).exists():
        raise ValidationError(_("This document is already recorded."), code="duplicate")
    document = ComplianceDocument(
        supplier=supplier,
        kind=kind,
        issued_on=issued_on,
        expires_on=expires_on,
        file=_rename(file, extension),
        uploaded_by=by,
    )
    document.full_clean()
    document.save()
    return document


# --- contracts -----------------------------------------------------------------------------------


def _check_contract(values: dict) -> None:
    for name in ("starts_on", "ends_on"):
        _check_day(values.get(name), name)
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The contract cannot end before it starts.")})
    amount = values.get("amount_per_year")
    if amount is not None and Decimal(amount) < 0:
        raise ValidationError({"amount_per_year": _("The amount cannot be negative.")})
    if ends_on and last_notice_day(ends_on, values.get("notice_months") or 0, values.get("notice_days") or 0) is None:
        raise ValidationError({"notice_months": _("This notice period is too long for these dates.")})


def _set_file(contract: Contract, file, clear: bool) -> None:
    if file:
        try:
            extension = checked_upload(file)
        except ValidationError as exc:
            raise ValidationError({"file": exc.error_list}) from None
        contract.file = _rename(file, extension)
    elif clear:
        contract.file = ""


@transaction.atomic
def contract_create(*, supplier: Supplier, by=None, file=None, **values) -> Contract:
    """A new contract; the same one sent twice (same subject and dates) is recorded once."""
    values = {name: values[name] for name in CONTRACT_FIELDS if name in values}
    _check_contract(values)
    Supplier.objects.select_for_update().filter(pk=supplier.pk).first()
    if Contract.objects.filter(
        supplier=supplier,
        subject=values.get("subject", ""),
        starts_on=values.get("starts_on"),
        ends_on=values.get("ends_on"),
    ).exists():
        raise ValidationError(_("This contract is already recorded."), code="duplicate")
    contract = Contract(supplier=supplier, **values)
    _set_file(contract, file, False)
    contract.full_clean()
    contract.save()
    return contract


@transaction.atomic
def contract_update(*, contract: Contract, by=None, file=None, clear_file: bool = False, **values) -> Contract:
    values = {name: values[name] for name in CONTRACT_FIELDS if name in values}
    _check_contract(values)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    old_file = stored_file_name(contract, "file")
    for name, value in values.items():
        setattr(contract, name, value)
    _set_file(contract, file, clear_file)
    contract.full_clean()
    contract.save()
    delete_replaced_file_on_commit(contract, "file", old_file)
    return contract


@transaction.atomic
def contract_terminate(*, contract: Contract, on: dt.date, by=None, today: dt.date | None = None) -> Contract:
    """Record that notice was given on ``on``; the contract then ends at the end of the first term whose
    deadline it met (``Contract.terminated_on``)."""
    today = today or timezone.localdate()
    _check_day(on, "on")
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if contract.terminated_on is not None:
        raise ValidationError(_("Notice was already recorded for this contract."), code="already_terminated")
    if on > today:
        raise ValidationError({"on": _("Record the notice once it is given (today at the latest).")})
    if on < contract.starts_on:
        raise ValidationError({"on": _("Notice cannot be given before the contract starts.")})
    if contract.ends_on < on and not contract.tacit_renewal:
        raise ValidationError({"on": _("This contract had already ended on that day.")})
    contract.terminated_on = on
    contract.full_clean()
    contract.save(update_fields=["terminated_on"])
    return contract


def contract_ends_on(contract: Contract) -> dt.date | None:
    """The day a cancelled contract ends (None when it is not cancelled)."""
    if contract.terminated_on is None:
        return None
    return effective_end(
        ends_on=contract.ends_on,
        tacit_renewal=contract.tacit_renewal,
        renewal_months=contract.renewal_months,
        notice_months=contract.notice_months,
        notice_days=contract.notice_days,
        terminated_on=contract.terminated_on,
    )


# --- reminders (the beat job) --------------------------------------------------------------------


def half_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year, 1 if today.month <= 6 else 7, 1)


def document_reminders(*, today: dt.date | None = None) -> int:
    """Tell each office manager once about every document missing, expiring or expired.

    An expiring or expired document is told once per document and expiry date (a new document is a
    new reminder). Missing documents are told once per supplier and half-year (the law asks for the
    certificate every 6 months): one notice lists what is missing.
    """
    today = today or timezone.localdate()
    states, suppliers = selectors.active_states(today)
    flagged = {pk: state for pk, state in states.items() if state.flags}
    if not flagged:
        return 0
    managers = list(office_managers())
    if not managers:
        return 0
    document_ids = [
        document.document_id
        for state in flagged.values()
        for document in state.documents.values()
        if f"{document.kind}_{document.state}" in state.flags
    ]
    documents = ComplianceDocument.objects.in_bulk(document_ids)
    kind_labels = dict(DocumentKind.choices)
    sent = 0
    for pk, state in flagged.items():
        supplier = suppliers[pk]
        url = reverse("suppliers:documents", args=[pk])
        missing = [kind_labels[code.split("_")[0]] for code in state.flags if code.endswith("_missing")]
        for manager in managers:
            if missing:
                sent += reminder_send_once(
                    kind="suppliers_documents_missing",
                    obj=supplier,
                    recipient=manager,
                    due_date=half_year_start(today),
                    context={"supplier": supplier, "missing": missing},
                    url=url,
                )
            for document_state in state.documents.values():
                if f"{document_state.kind}_{document_state.state}" not in state.flags:
                    continue
                document = documents[document_state.document_id]
                sent += reminder_send_once(
                    kind="suppliers_document_expiring",
                    obj=document,
                    recipient=manager,
                    due_date=document_state.expires_on,
                    context={
                        "supplier": supplier,
                        "document": kind_labels[document.kind],  # lazy: rendered in the recipient's language
                        "expires_on": document_state.expires_on,
                        "expired": document_state.state == "expired",
                    },
                    url=url,
                )
    return sent


def contract_reminders(*, today: dt.date | None = None) -> int:
    """Tell each office manager once, from 30 days before, about each contract's next deadline: the last
    day to give notice of a tacitly renewed contract, or the end of one that is not renewed."""
    today = today or timezone.localdate()
    rows = selectors.notice_deadlines_soon(today)
    if not rows:
        return 0
    managers = list(office_managers())
    sent = 0
    for row in rows:
        contract, deadline = row.contract, row.deadline
        url = reverse("suppliers:contracts", args=[contract.supplier_id])
        for manager in managers:
            sent += reminder_send_once(
                kind="suppliers_contract_notice",
                obj=contract,
                recipient=manager,
                due_date=deadline.date,
                context={
                    "contract": contract,
                    "supplier": contract.supplier,
                    "deadline": deadline.date,
                    "renews_on": deadline.renews_on,
                    "term_end": deadline.term_end,
                    "renews": deadline.kind == "notice",
                },
                url=url,
            )
    return sent


def follow_up_reminders(*, today: dt.date | None = None) -> int:
    """Tell each office manager once about each follow-up of the relationship log that is due."""
    today = today or timezone.localdate()
    entries = list(selectors.follow_ups_due(today))
    if not entries:
        return 0
    managers = list(office_managers())
    sent = 0
    for entry in entries:
        url = reverse("suppliers:log", args=[entry.supplier_id])
        for manager in managers:
            sent += reminder_send_once(
                kind="suppliers_follow_up",
                obj=entry,
                recipient=manager,
                due_date=entry.follow_up_on,
                context={"entry": entry, "supplier": entry.supplier, "follow_up_on": entry.follow_up_on},
                url=url,
            )
    return sent


def compliance_reminders(*, today: dt.date | None = None) -> int:
    """The daily job: documents, contract deadlines and follow-ups; how many notices went out."""
    today = today or timezone.localdate()
    return document_reminders(today=today) + contract_reminders(today=today) + follow_up_reminders(today=today)


__all__ = [
    "CONTRACT_FIELDS",
    "checked_upload",
    "compliance_reminders",
    "contract_create",
    "contract_deadline",
    "contract_ends_on",
    "contract_reminders",
    "contract_terminate",
    "contract_update",
    "document_add",
    "document_reminders",
    "follow_up_reminders",
]
