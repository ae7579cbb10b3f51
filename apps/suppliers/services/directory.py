"""The office manager's writes to the supplier directory: suppliers, their categories and contacts.

- ``supplier_create(*, by, categories, token=None, **fields)`` and ``supplier_update(*, supplier, by,
  categories, **fields)`` (``SUPPLIER_FIELDS``): identifiers stored compact (no spaces), checked
  with python-stdnum (SIREN, SIRET, VAT number, IBAN, BIC), the SIREN the SIRET's first 9 digits,
  a French VAT number the SIREN's. A SIRET or VAT number already on another supplier is refused (the
  database refuses it too: a uniqueness race ends as the same error); another establishment of the
  same company (same SIREN, another SIRET) is allowed, and shown on both pages.
- ``supplier_archive``, ``supplier_restore``; ``supplier_delete`` only for a supplier nothing was
  done with: one with orders, invoices, contracts or compliance documents is kept (archive it).
- ``contact_create``, ``contact_update``, ``contact_delete``: one contact at most receives the
  purchase orders; marking another moves it.

Each takes the acting user (an office manager, else PermissionDenied) and raises ValidationError
with field errors. The form's one-time ``token`` makes the same form sent twice save once (the
second gets the code ``ALREADY_CREATED``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from stdnum import bic as stdnum_bic

from apps.core.identifiers import compact
from apps.core.uniqueness import unique_or
from apps.purchasing.models import PurchaseOrder, SupplierInvoice
from apps.suppliers.models import (
    ComplianceDocument,
    Contact,
    Contract,
    Supplier,
    SupplierCategory,
    SupplierCategoryTag,
)

SUPPLIER_FIELDS = (
    "name",
    "siren",
    "siret",
    "vat_number",
    "address",
    "postal_code",
    "city",
    "country",
    "website",
    "payment_days",
    "payment_terms",
    "iban",
    "bic",
    "notes",
)
IDENTIFIER_FIELDS = ("siren", "siret", "vat_number", "iban", "bic")
CONTACT_FIELDS = ("name", "role", "email", "phone", "is_orders_contact")
ALREADY_CREATED = "already_created"


def require_office_manager(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager may change the supplier directory."))


# --- identifiers ----------------------------------------------------------------------------------


def identifier_duplicates(*, siret: str, vat_number: str, exclude_pk: int | None = None) -> dict[str, Supplier]:
    """The other supplier holding this SIRET or VAT number (compact values), per field: one query."""
    siret, vat_number = compact(siret), compact(vat_number)
    if not siret and not vat_number:
        return {}
    lookup = Supplier.objects.none()
    others = Supplier.objects.only("pk", "name", "siret", "vat_number", "is_active")
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if siret:
        lookup = others.filter(siret=siret)
    if vat_number:
        lookup = lookup | others.filter(vat_number=vat_number)
    found: dict[str, Supplier] = {}
    for other in lookup.order_by("pk")[:4]:
        if siret and other.siret == siret:
            found.setdefault("siret", other)
        if vat_number and other.vat_number == vat_number:
            found.setdefault("vat_number", other)
    return found


def duplicate_errors(duplicates: dict[str, Supplier]) -> dict[str, str]:
    """The field errors for ``identifier_duplicates``: blocking, and saying why and what to do."""
    errors = {}
    if "siret" in duplicates:
        errors["siret"] = _(
            "“%(name)s” already has this SIRET: a SIRET identifies one establishment, recorded once. "
            "Open that supplier instead (restore it if it is archived)."
        ) % {"name": duplicates["siret"].name}
    if "vat_number" in duplicates:
        errors["vat_number"] = _(
            "“%(name)s” already has this VAT number: a VAT number identifies one company, recorded once. "
            "For another establishment of the same company, leave the VAT number empty here."
        ) % {"name": duplicates["vat_number"].name}
    return errors


def check_identifiers_free(supplier: Supplier) -> None:
    errors = duplicate_errors(
        identifier_duplicates(siret=supplier.siret, vat_number=supplier.vat_number, exclude_pk=supplier.pk)
    )
    if errors:
        raise ValidationError(errors, code="duplicate")


def _check_identifiers(supplier: Supplier) -> dict[str, Any]:
    """What the model's validators do not say: the BIC, a French VAT number that is not the SIREN's."""
    errors: dict[str, Any] = {}
    if supplier.bic and not stdnum_bic.is_valid(supplier.bic):
        errors["bic"] = [_("This BIC is not valid (8 or 11 characters: bank, country, place, branch).")]
    vat, siren = supplier.vat_number, supplier.siren
    if vat.startswith("FR") and len(vat) == 13 and siren and vat[4:] != siren:
        errors["vat_number"] = [_("This French VAT number is not the SIREN's (FR, 2 check digits, then the SIREN).")]
    return errors


def _validate(supplier: Supplier, categories: list[str]) -> None:
    errors: dict[str, Any] = {}
    try:
        # Compacts the identifiers and derives the SIREN from the SIRET (Supplier.clean) first, so the
        # field validators and max lengths see what is stored, not what was typed.
        supplier.clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    try:
        supplier.full_clean(exclude=["submission_token"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for field, messages in _check_identifiers(supplier).items():
        errors.setdefault(field, messages)
    unknown = [category for category in categories if category not in SupplierCategory.values]
    if unknown:
        errors["categories"] = [_("Choose categories from the list.")]
    if not {"siret", "vat_number"} & set(errors):
        try:
            check_identifiers_free(supplier)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _apply(supplier: Supplier, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(SUPPLIER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown supplier fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in IDENTIFIER_FIELDS:
            value = compact(value)
        elif name != "payment_days":
            value = (value or "").strip()
        setattr(supplier, name, value)
    if supplier.siret and not fields.get("siren"):
        supplier.siren = supplier.siret[:9]


def _set_categories(supplier: Supplier, categories: list[str]) -> None:
    wanted = set(categories)
    SupplierCategoryTag.objects.filter(supplier=supplier).exclude(category__in=wanted).delete()
    have = set(SupplierCategoryTag.objects.filter(supplier=supplier).values_list("category", flat=True))
    SupplierCategoryTag.objects.bulk_create(
        [SupplierCategoryTag(supplier=supplier, category=category) for category in sorted(wanted - have)]
    )


def _check_not_created(token: uuid.UUID | None) -> None:
    if token is not None and Supplier.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This supplier has already been added to the directory."), code=ALREADY_CREATED)


@transaction.atomic
def supplier_create(*, by, categories: list[str] = (), token: uuid.UUID | None = None, **fields: Any) -> Supplier:
    """Add a supplier (``SUPPLIER_FIELDS`` as keywords) with its categories; returns it."""
    require_office_manager(by)
    _check_not_created(token)
    supplier = Supplier(submission_token=token)
    _apply(supplier, fields)
    categories = list(categories)
    _validate(supplier, categories)
    with unique_or(lambda: _check_not_created(token), lambda: check_identifiers_free(supplier)):
        supplier.save()
    _set_categories(supplier, categories)
    return supplier


@transaction.atomic
def supplier_update(*, supplier: Supplier, by, categories: list[str] | None = None, **fields: Any) -> Supplier:
    """Change a supplier's fields (those given) and, when given, its categories; returns it."""
    require_office_manager(by)
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    _apply(locked, fields)
    wanted = list(categories) if categories is not None else []
    _validate(locked, wanted)
    with unique_or(lambda: check_identifiers_free(locked)):
        locked.save()
    if categories is not None:
        _set_categories(locked, wanted)
    return locked


def _set_active(supplier: Supplier, by, active: bool) -> Supplier:
    require_office_manager(by)
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    if locked.is_active != active:
        locked.is_active = active
        locked.save(update_fields=["is_active", "updated_at"])
    return locked


@transaction.atomic
def supplier_archive(*, supplier: Supplier, by) -> Supplier:
    """Take a supplier out of the lists and forms; its orders, invoices and history stay."""
    return _set_active(supplier, by, False)


@transaction.atomic
def supplier_restore(*, supplier: Supplier, by) -> Supplier:
    return _set_active(supplier, by, True)


def delete_blockers(supplier: Supplier) -> list[str]:
    """What keeps a supplier from being deleted (the records the company must keep): one query."""
    related = {
        "orders": PurchaseOrder,
        "invoices": SupplierInvoice,
        "contracts": Contract,
        "documents": ComplianceDocument,
    }
    row = (
        Supplier.objects.filter(pk=supplier.pk)
        .values(
            **{f"has_{name}": Exists(model.objects.filter(supplier=OuterRef("pk"))) for name, model in related.items()}
        )
        .first()
    ) or {}
    return [name for name in related if row.get(f"has_{name}")]


@transaction.atomic
def supplier_delete(*, supplier: Supplier, by) -> None:
    """Delete a supplier entered by mistake, with its contacts, categories, log entries and ratings.

    One with orders, invoices, contracts or compliance documents is refused: those records are kept
    (accounting, the duty of vigilance), so the supplier is archived instead."""
    require_office_manager(by)
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    blockers = delete_blockers(locked)
    if blockers:
        labels = {
            "orders": _("purchase orders"),
            "invoices": _("invoices"),
            "contracts": _("contracts"),
            "documents": _("compliance documents"),
        }
        raise ValidationError(
            _("“%(name)s” has %(records)s, which must be kept: archive the supplier instead of deleting it.")
            % {"name": locked.name, "records": ", ".join(str(labels[name]) for name in blockers)},
            code="has_records",
        )
    locked.interactions.all().delete()
    locked.ratings.all().delete()
    locked.delete()


# --- contacts -------------------------------------------------------------------------------------


def _check_contact_not_created(token: uuid.UUID | None) -> None:
    if token is not None and Contact.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This contact has already been added."), code=ALREADY_CREATED)


def _save_contact(contact: Contact, fields: dict[str, Any]) -> Contact:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(contact, name, bool(value) if name == "is_orders_contact" else (value or "").strip())
    contact.full_clean(exclude=["supplier", "submission_token"], validate_unique=False, validate_constraints=False)
    if contact.is_orders_contact:
        # One contact receives the orders: choosing another moves it (the supplier row is locked by
        # the caller, so two changes at once take turns).
        Contact.objects.filter(supplier=contact.supplier_id, is_orders_contact=True).exclude(pk=contact.pk).update(
            is_orders_contact=False
        )
    with unique_or(lambda: _check_contact_not_created(contact.submission_token if contact.pk is None else None)):
        contact.save()
    return contact


@transaction.atomic
def contact_create(*, supplier: Supplier, by, token: uuid.UUID | None = None, **fields: Any) -> Contact:
    """Add a contact to a supplier (``CONTACT_FIELDS``); returns it."""
    require_office_manager(by)
    locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
    _check_contact_not_created(token)
    return _save_contact(Contact(supplier=locked, submission_token=token), fields)


@transaction.atomic
def contact_update(*, contact: Contact, by, **fields: Any) -> Contact:
    require_office_manager(by)
    Supplier.objects.select_for_update().get(pk=contact.supplier_id)
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    return _save_contact(locked, fields)


@transaction.atomic
def contact_delete(*, contact: Contact, by) -> None:
    """Remove a contact; orders sent to them keep their number and supplier (their contact is emptied)."""
    require_office_manager(by)
    Contact.objects.filter(pk=contact.pk).delete()
