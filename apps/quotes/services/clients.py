"""The office manager's writes to the client directory: clients and the people to write to there.

- ``client_create(*, by, token=None, **fields)`` and ``client_update(*, client, by, **fields)``
  (``CLIENT_FIELDS``): identifiers stored compact and checked with python-stdnum (SIREN, SIRET,
  intra-EU VAT number), the SIRET starting with the SIREN (the SIREN is taken from the SIRET when
  left empty), identifiers for a company only. A SIRET already on another client is refused; the
  database refuses it too, so two forms sent at once end as the same error (``DUPLICATE``).
- ``client_archive``, ``client_restore``; ``client_delete`` only for a client with no quote and
  no invoice (those are kept: archive the client instead).
- ``contact_create``, ``contact_update``, ``contact_delete``: one contact at most receives the
  quotes and invoices (the first contact added does); marking another moves it.

Each takes the acting user (an office manager, else PermissionDenied) and raises ValidationError
with field errors, nothing saved. The creation form's one-time ``token`` makes the same form sent
twice add one client (the second gets the code ``ALREADY_CREATED``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from apps.core.identifiers import compact
from apps.core.uniqueness import unique_or
from apps.quotes.models import Client, ClientContact, ClientKind, Invoice, Quote

CLIENT_FIELDS = (
    "kind",
    "name",
    "siren",
    "siret",
    "vat_number",
    "address",
    "address_extra",
    "postal_code",
    "city",
    "country",
    "email",
    "phone",
    "payment_terms_days",
    "notes",
)
IDENTIFIER_FIELDS = ("siren", "siret", "vat_number")
CONTACT_FIELDS = ("name", "role", "email", "phone", "is_primary")
ALREADY_CREATED = "already_created"
DUPLICATE = "duplicate"


def require_office_manager(user) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager):
        raise PermissionDenied(_("Only an office manager may change the clients."))


# --- identifiers ----------------------------------------------------------------------------------


def siret_holder(siret: str, *, exclude_pk: int | None = None) -> Client | None:
    """The other client already holding this SIRET (archived ones included), or None: one query."""
    siret = compact(siret)
    if not siret:
        return None
    others = Client.objects.filter(siret=siret).only("pk", "name", "siret", "is_archived")
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.order_by("pk").first()


def duplicate_error(other: Client) -> str:
    return _(
        "“%(name)s” already has this SIRET: a SIRET identifies one establishment, recorded once. "
        "Open that client instead (restore it if it is archived)."
    ) % {"name": other.name}


def check_siret_free(client: Client) -> None:
    other = siret_holder(client.siret, exclude_pk=client.pk)
    if other is not None:
        raise ValidationError({"siret": duplicate_error(other)}, code=DUPLICATE)


def identifier_errors(*, kind: str, siren: str, siret: str, vat_number: str) -> dict[str, str]:
    """What the fields' validators do not say: identifiers on a private person, a SIRET that is not
    the SIREN's, a French VAT number that is not the SIREN's. Values are compact."""
    errors: dict[str, str] = {}
    if kind == ClientKind.PERSON:
        for name, value in (("siren", siren), ("siret", siret), ("vat_number", vat_number)):
            if value:
                errors[name] = _("Only a company has one: leave it empty for a private person.")
        return errors
    if siret and siren and not siret.startswith(siren):
        errors["siret"] = _("The SIRET must start with the client's SIREN (its first 9 digits).")
    if vat_number.startswith("FR") and len(vat_number) == 13 and siren and vat_number[4:] != siren:
        errors["vat_number"] = _("This French VAT number is not the SIREN's (FR, 2 check digits, then the SIREN).")
    return errors


def _apply(client: Client, fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(CLIENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown client fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in IDENTIFIER_FIELDS:
            value = compact(value)
        elif name == "country":
            value = (value or "").strip().upper()
        elif name != "payment_terms_days":
            value = (value or "").strip()
        setattr(client, name, value)
    if client.kind == ClientKind.COMPANY and client.siret and not client.siren:
        client.siren = client.siret[:9]


def _validate(client: Client) -> None:
    errors: dict[str, Any] = {}
    try:
        client.full_clean(exclude=["creation_token"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if not (len(client.country) == 2 and client.country.isascii() and client.country.isalpha()):
        errors.setdefault("country", [_("Enter a two-letter country code, e.g. FR.")])
    extra = identifier_errors(kind=client.kind, siren=client.siren, siret=client.siret, vat_number=client.vat_number)
    for name, message in extra.items():
        errors.setdefault(name, [message])
    if "siret" not in errors:
        try:
            check_siret_free(client)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _check_not_created(token: uuid.UUID | None) -> None:
    if token is not None and Client.objects.filter(creation_token=token).exists():
        raise ValidationError(_("This client has already been added."), code=ALREADY_CREATED)


@transaction.atomic
def client_create(*, by, token: uuid.UUID | None = None, **fields: Any) -> Client:
    """Add a client (``CLIENT_FIELDS`` as keywords); returns it."""
    require_office_manager(by)
    _check_not_created(token)
    client = Client(creation_token=token)
    _apply(client, fields)
    _validate(client)
    # Two forms sent at once both pass the checks; the database refuses the second, which then gets
    # the very error the check gives (the same token: already added; the same SIRET: the duplicate).
    with unique_or(lambda: _check_not_created(token), lambda: check_siret_free(client)):
        client.save()
    return client


@transaction.atomic
def client_update(*, client: Client, by, **fields: Any) -> Client:
    """Change a client's fields (those given); returns it. Issued quotes and invoices keep the details
    printed on them (their snapshot), so an edit only changes what comes next."""
    require_office_manager(by)
    locked = Client.objects.select_for_update().get(pk=client.pk)
    _apply(locked, fields)
    _validate(locked)
    with unique_or(lambda: check_siret_free(locked)):
        locked.save()
    return locked


def _set_archived(client: Client, by, archived: bool) -> Client:
    require_office_manager(by)
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.is_archived != archived:
        locked.is_archived = archived
        locked.save(update_fields=["is_archived"])
    return locked


@transaction.atomic
def client_archive(*, client: Client, by) -> Client:
    """Take a client out of the lists and of the new quote form; its quotes and invoices stay."""
    return _set_archived(client, by, True)


@transaction.atomic
def client_restore(*, client: Client, by) -> Client:
    return _set_archived(client, by, False)


def has_documents(client: Client) -> bool:
    """Whether the client has a quote or an invoice (drafts too): one query."""
    row = (
        Client.objects.filter(pk=client.pk)
        .values(
            has_quotes=Exists(Quote.objects.filter(client=OuterRef("pk"))),
            has_invoices=Exists(Invoice.objects.filter(client=OuterRef("pk"))),
        )
        .first()
    ) or {}
    return bool(row.get("has_quotes") or row.get("has_invoices"))


@transaction.atomic
def client_delete(*, client: Client, by) -> None:
    """Delete a client entered by mistake, with its contacts. A client with a quote or an invoice is
    refused: those are kept (accounting), so the client is archived instead."""
    require_office_manager(by)
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if has_documents(locked):
        raise ValidationError(
            _("“%(name)s” has quotes or invoices, which must be kept: archive the client instead of deleting it.")
            % {"name": locked.name},
            code="has_documents",
        )
    locked.contacts.all().delete()
    locked.delete()


# --- contacts -------------------------------------------------------------------------------------


def _save_contact(contact: ClientContact, fields: dict[str, Any]) -> ClientContact:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(contact, name, bool(value) if name == "is_primary" else (value or "").strip())
    contact.full_clean(exclude=["client"], validate_unique=False, validate_constraints=False)
    others = ClientContact.objects.filter(client=contact.client_id).exclude(pk=contact.pk)
    if contact.is_primary:
        # One contact receives the quotes and invoices: choosing another moves it (the client row is
        # locked by the caller, so two changes at once take turns).
        others.filter(is_primary=True).update(is_primary=False)
    elif not others.filter(is_primary=True).exists() and contact.pk is None:
        # The first contact of a client receives its quotes: nobody has to think of ticking the box.
        contact.is_primary = True
    with unique_or():
        contact.save()
    return contact


@transaction.atomic
def contact_create(*, client: Client, by, **fields: Any) -> ClientContact:
    """Add a contact to a client (``CONTACT_FIELDS``); returns it."""
    require_office_manager(by)
    locked = Client.objects.select_for_update().get(pk=client.pk)
    return _save_contact(ClientContact(client=locked), fields)


@transaction.atomic
def contact_update(*, contact: ClientContact, by, **fields: Any) -> ClientContact:
    require_office_manager(by)
    Client.objects.select_for_update().get(pk=contact.client_id)
    locked = ClientContact.objects.select_for_update().get(pk=contact.pk)
    return _save_contact(locked, fields)


@transaction.atomic
def contact_delete(*, contact: ClientContact, by) -> None:
    """Remove a contact; quotes and invoices addressed to them keep the details printed at issue."""
    require_office_manager(by)
    Client.objects.select_for_update().get(pk=contact.client_id)
    ClientContact.objects.filter(pk=contact.pk).delete()
