"""The office manager's writes to a supplier's relationship log and ratings.

- ``interaction_create(*, supplier, by, kind, happened_on, summary, contact=None, follow_up_on=None,
  token=None)``: a call, meeting, e-mail or note; a follow-up date becomes a reminder (dashboard,
  agenda) until ``follow_up_done``.
- ``follow_up_done(*, interaction, by)``: marks the follow-up done, once (a second click changes
  nothing).
- ``rating_create(*, supplier, by, quality, delay, price, comment="", reference="", rated_on=None,
  token=None)``: 1 to 5 on each; the same delivery rated again by the same person is refused.

Office manager only (PermissionDenied); ValidationError with field errors. The form's one-time
``token`` saves the same form sent twice once (code ``ALREADY_CREATED``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.ranges import EARLIEST_DAY, LATEST_DAY
from apps.core.uniqueness import unique_or
from apps.suppliers.models import Contact, Interaction, Rating, Supplier
from apps.suppliers.services.directory import ALREADY_CREATED, require_office_manager


def _check_day(errors: dict, field: str, day: dt.date | None) -> None:
    if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
        errors[field] = [
            _("Enter a date between %(earliest)d and %(latest)d.")
            % {"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year}
        ]


def _check_not_future(errors: dict, field: str, day: dt.date | None, message: str) -> None:
    if field not in errors and day is not None and day > timezone.localdate():
        errors[field] = [message]


def _check_interaction_not_created(token: uuid.UUID | None) -> None:
    if token is not None and Interaction.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This entry is already in the log."), code=ALREADY_CREATED)


@transaction.atomic
def interaction_create(
    *,
    supplier: Supplier,
    by,
    kind: str,
    happened_on: dt.date,
    summary: str,
    contact: Contact | None = None,
    follow_up_on: dt.date | None = None,
    token: uuid.UUID | None = None,
) -> Interaction:
    """Write an entry in the supplier's relationship log; returns it."""
    require_office_manager(by)
    _check_interaction_not_created(token)
    entry = Interaction(
        supplier=supplier,
        kind=kind,
        happened_on=happened_on,
        summary=(summary or "").strip(),
        contact=contact,
        follow_up_on=follow_up_on,
        by=by,
        submission_token=token,
    )
    errors: dict = {}
    try:
        entry.full_clean(exclude=["submission_token"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    _check_day(errors, "happened_on", happened_on)
    # What happened is logged; what is to come is the follow-up's date.
    _check_not_future(
        errors, "happened_on", happened_on, _("The entry cannot be dated in the future: set a follow-up date instead.")
    )
    _check_day(errors, "follow_up_on", follow_up_on)
    if contact is not None and contact.supplier_id != supplier.pk:
        errors["contact"] = [_("Choose one of this supplier's contacts.")]
    if follow_up_on and happened_on and "follow_up_on" not in errors and follow_up_on < happened_on:
        errors["follow_up_on"] = [_("The follow-up cannot be before the entry's date.")]
    if errors:
        raise ValidationError(errors)
    with unique_or(lambda: _check_interaction_not_created(token)):
        entry.save()
    return entry


@transaction.atomic
def follow_up_done(*, interaction: Interaction, by) -> bool:
    """Mark an entry's follow-up done; False when it had none or was done already (nothing changes)."""
    require_office_manager(by)
    return bool(
        Interaction.objects.filter(
            pk=interaction.pk, follow_up_on__isnull=False, follow_up_done_at__isnull=True
        ).update(follow_up_done_at=timezone.now())
    )


def _check_rating_not_created(token: uuid.UUID | None) -> None:
    if token is not None and Rating.objects.filter(submission_token=token).exists():
        raise ValidationError(_("This rating has already been recorded."), code=ALREADY_CREATED)


def _check_reference_free(supplier: Supplier, by, reference: str) -> None:
    if reference and Rating.objects.filter(supplier=supplier, reference=reference, by=by).exists():
        raise ValidationError(
            {"reference": _("You have already rated “%(reference)s” for this supplier.") % {"reference": reference}},
            code="duplicate",
        )


@transaction.atomic
def rating_create(
    *,
    supplier: Supplier,
    by,
    quality: int,
    delay: int,
    price: int,
    comment: str = "",
    reference: str = "",
    rated_on: dt.date | None = None,
    token: uuid.UUID | None = None,
) -> Rating:
    """Rate a delivery or a repair 1 to 5 on quality, delay and price; returns the rating."""
    require_office_manager(by)
    _check_rating_not_created(token)
    reference = (reference or "").strip()
    rating = Rating(
        supplier=supplier,
        by=by,
        quality=quality,
        delay=delay,
        price=price,
        comment=(comment or "").strip(),
        reference=reference,
        rated_on=rated_on or timezone.localdate(),
        submission_token=token,
    )
    errors: dict = {}
    try:
        rating.full_clean(exclude=["submission_token"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    _check_day(errors, "rated_on", rated_on)
    _check_not_future(errors, "rated_on", rated_on, _("A delivery or a repair is rated once done, not in the future."))
    if "reference" not in errors:
        try:
            _check_reference_free(supplier, by, reference)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    with unique_or(lambda: _check_rating_not_created(token), lambda: _check_reference_free(supplier, by, reference)):
        rating.save()
    return rating
