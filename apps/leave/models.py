"""Leave: types, the company policy, the balance ledger, requests, their approval steps and deputies.

Balances are never stored: they are sums of ``LedgerEntry`` rows (see apps/leave/selectors/balances.py).
Overlapping active leave of one person is refused by the services and, on PostgreSQL, by an exclusion
constraint created in migration 0003 (btree_gist over the half-day slot range).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.uploads import image_format, validate_pdf
from apps.leave import counting

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
DOCUMENT_IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


def validate_leave_document(file) -> None:
    """A PDF, JPEG or PNG of at most 5 MB whose content matches its extension."""
    extension = Path(file.name).suffix.lower()
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(_("The document must be a PDF, JPEG or PNG file."), code="document_type")
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The document must be 5 MB or smaller."), code="document_size")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        head = file.read(8)
    finally:
        file.seek(position)
    if extension == ".pdf" and head.startswith(b"%PDF"):
        validate_pdf(file)  # parsed: a broken or password-protected PDF is refused
        return
    # Images are parsed too (apps/core/uploads.py): a decompression bomb is a field error.
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[extension]) or image_format(
        file
    ) != DOCUMENT_IMAGE_FORMATS.get(extension):
        raise ValidationError(
            _("The document's content is not a valid %(type)s file."),
            code="document_content",
            params={"type": extension.lstrip(".").upper()},
        )


def document_upload_to(instance: LeaveRequest, filename: str) -> str:
    # A random name: documents (medical certificates) must not be guessable; the UI serves them
    # through a permission-checked view, never from a public URL.
    import uuid

    return f"leave/documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


BOUND_ERRORS = {
    counting.BAD_HALF: _("Each half must be morning or afternoon."),
    counting.END_BEFORE_START: _("The end date is before the start date."),
    counting.EMPTY_DAY: _("A leave cannot start in the afternoon and end the same morning."),
}


class Half(models.TextChoices):
    MORNING = counting.MORNING, _("Morning")
    AFTERNOON = counting.AFTERNOON, _("Afternoon")


class Counting(models.TextChoices):
    OUVRES = counting.OUVRES, _("Working days (jours ouvrés, Monday–Friday, 25 a year)")
    OUVRABLES = counting.OUVRABLES, _("Business days (jours ouvrables, Monday–Saturday, 30 a year)")


class LeaveKind(models.TextChoices):
    PAID = "paid", _("Paid leave (congés payés)")
    RTT = "rtt", _("RTT")
    SICK = "sick", _("Sick leave")
    UNPAID = "unpaid", _("Unpaid leave")
    FAMILY = "family", _("Family event")
    OTHER = "other", _("Other")


class SecondApproval(models.TextChoices):
    NEVER = "never", _("Never")
    ALWAYS = "always", _("Always")
    ABOVE_DAYS = "above_days", _("Above a number of days")


class Privacy(models.TextChoices):
    """Who may know the kind of a leave. A private type (health or family data: sick leave, the
    announcement of a child's disability, bereavement) is shown to the person and the office
    managers only: everyone else (the manager who approves, the director, colleagues) sees
    “Absence”, its dates and days, in pages, feeds, the inbox, notifications, e-mails and the
    agenda, and never its comment or supporting document."""

    PUBLIC = "public", _("Public: managers and the director see the type, comment and document")
    PRIVATE = "private", _("Private: only the person and office managers see the type, comment and document")


class LeaveType(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=LeaveKind, default=LeaveKind.OTHER)
    counts_against_balance = models.BooleanField(_("counts against a balance"), default=False)
    allows_half_days = models.BooleanField(_("allows half days"), default=True)
    needs_approval = models.BooleanField(_("needs approval"), default=True)
    needs_document = models.BooleanField(_("needs a document"), default=False)
    # One privacy concept for the type, its requests' comments and their documents (GDPR art. 9:
    # health and family data go to those who need them only). See Privacy.
    privacy = models.CharField(
        _("privacy"),
        max_length=10,
        choices=Privacy,
        default=Privacy.PUBLIC,
        help_text=_(
            "Private: everyone but the person and the office managers sees only “Absence”, never the type, "
            "the comment or the supporting document (sick leave, disability announcement, bereavement)."
        ),
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0d6efd",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour such as #0d6efd."))],
    )
    max_days = models.DecimalField(
        _("maximum days per request"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("The legal number of days for family events."),
    )
    second_approval = models.CharField(
        _("second approval by the office manager"), max_length=12, choices=SecondApproval, default=SecondApproval.NEVER
    )
    second_approval_above_days = models.DecimalField(
        _("second approval above (days)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("leave type")
        verbose_name_plural = _("leave types")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(second_approval="above_days") | models.Q(second_approval_above_days__isnull=False),
                name="leavetype_second_approval_threshold",
                violation_error_message=_("Give the number of days above which a second approval is needed."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_private(self) -> bool:
        return self.privacy == Privacy.PRIVATE

    def clean(self) -> None:
        super().clean()
        if self.counts_against_balance and self.kind in (LeaveKind.SICK, LeaveKind.UNPAID, LeaveKind.FAMILY):
            raise ValidationError(
                {"counts_against_balance": _("Sick leave, unpaid leave and family events use no balance.")}
            )

    def needs_second_approval(self, days: Decimal) -> bool:
        if self.second_approval == SecondApproval.ALWAYS:
            return True
        if self.second_approval == SecondApproval.ABOVE_DAYS:
            return days > (self.second_approval_above_days or Decimal(0))
        return False


class LeavePolicy(models.Model):
    """The company's leave rules: one row (pk 1); the defaults are the legal ones."""

    counting = models.CharField(_("day counting"), max_length=10, choices=Counting, default=Counting.OUVRABLES)
    period_start_month = models.PositiveSmallIntegerField(
        _("reference period start month"), default=6, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    period_start_day = models.PositiveSmallIntegerField(
        _("reference period start day"), default=1, validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    allow_anticipation = models.BooleanField(
        _("allow taking days before they are acquired"),
        default=True,
        help_text=_("Days being acquired in the current period may be taken (congés par anticipation)."),
    )
    max_negative_days = models.DecimalField(
        _("maximum negative balance (days)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    rtt_days_per_year = models.DecimalField(
        _("RTT days per year"), max_digits=5, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    carry_over_max_days = models.DecimalField(
        _("days carried over into the next period"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Unused acquired days beyond this number expire when the period ends."),
    )
    carry_over_expiry_months = models.PositiveSmallIntegerField(
        _("carried-over days expire after (months)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Counted from the period start: 7 with a 1 June start means they expire after 31 December."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("leave policy")
        verbose_name_plural = _("leave policy")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="leavepolicy_single_row")]

    def __str__(self) -> str:
        return str(_("Leave policy"))

    @classmethod
    def load(cls) -> LeavePolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    @property
    def yearly_paid_days(self) -> int:
        return 30 if self.counting == Counting.OUVRABLES else 25

    @property
    def monthly_accrual(self) -> Fraction:
        """Exact: 25/12 (ouvrés) or 5/2 (ouvrables); rounded only when credited."""
        return Fraction(self.yearly_paid_days, 12)


class EntryKind(models.TextChoices):
    OPENING = "opening", _("Opening balance")
    ACCRUAL = "accrual", _("Monthly accrual")
    ALLOCATION = "allocation", _("Yearly allocation")
    CONSUMPTION = "consumption", _("Taken")
    CANCELLATION = "cancellation", _("Cancellation")
    ADJUSTMENT = "adjustment", _("Manual adjustment")
    CARRY_OVER = "carry_over", _("Carry-over")
    EXPIRY = "expiry", _("Expiry")


# Kinds written by jobs: each is unique per (person, type, kind, period, date), so a job run twice
# adds nothing.
AUTOMATIC_KINDS = (EntryKind.ACCRUAL, EntryKind.ALLOCATION, EntryKind.CARRY_OVER, EntryKind.EXPIRY)
CONSUMING_KINDS = (EntryKind.CONSUMPTION, EntryKind.CANCELLATION)


class LedgerEntry(models.Model):
    """One signed movement of a person's balance of one leave type, in one period's bucket.

    ``period`` is the start of the reference period the days belong to (CP: the acquisition period;
    other types: the calendar year). ``date`` is when the movement takes effect (the accrued month's
    first day, the leave's start date, the rollover date…).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="leave_entries"
    )
    leave_type = models.ForeignKey(LeaveType, verbose_name=_("leave type"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind)
    period = models.DateField(_("period"))
    date = models.DateField(_("date"))
    days = models.DecimalField(_("days"), max_digits=7, decimal_places=2)
    request = models.ForeignKey(
        "leave.LeaveRequest",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("balance entry")
        verbose_name_plural = _("balance entries")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["person", "leave_type", "period"], name="ledger_person_type_period")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "leave_type", "kind", "period", "date"],
                condition=models.Q(kind__in=[k.value for k in AUTOMATIC_KINDS]),
                name="ledger_automatic_entry_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="adjustment") | ~models.Q(reason=""),
                name="ledger_adjustment_has_reason",
                violation_error_message=_("A manual adjustment needs a reason."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["consumption", "cancellation"]) | models.Q(request__isnull=False),
                name="ledger_consumption_has_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.leave_type.code} {self.get_kind_display()} {self.days:+}"


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    CANCELLATION_REQUESTED = "cancellation_requested", _("Cancellation requested")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses in which a leave occupies the calendar: two such leaves of one person never overlap.
ACTIVE_STATUSES = (LeaveStatus.PENDING, LeaveStatus.APPROVED, LeaveStatus.CANCELLATION_REQUESTED)
# The statuses in which the leave is (still) taken: the consumption entry exists.
TAKEN_STATUSES = (LeaveStatus.APPROVED, LeaveStatus.CANCELLATION_REQUESTED)


class LeaveRequest(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    leave_type = models.ForeignKey(
        LeaveType, verbose_name=_("leave type"), on_delete=models.PROTECT, related_name="requests"
    )
    start_date = models.DateField(_("start date"))
    start_half = models.CharField(_("starting"), max_length=10, choices=Half, default=Half.MORNING)
    end_date = models.DateField(_("end date"))
    end_half = models.CharField(_("ending"), max_length=10, choices=Half, default=Half.AFTERNOON)
    # Half-day slots (see counting.half_day_slots), derived from the bounds in clean(): the
    # PostgreSQL exclusion constraint compares their ranges.
    start_slot = models.IntegerField(editable=False)
    end_slot = models.IntegerField(editable=False)
    days = models.DecimalField(_("days"), max_digits=6, decimal_places=2)
    status = models.CharField(_("status"), max_length=24, choices=LeaveStatus, default=LeaveStatus.PENDING)
    comment = models.TextField(_("comment"), blank=True)
    refusal_reason = models.TextField(_("refusal reason"), blank=True)
    document = models.FileField(
        _("document"), upload_to=document_upload_to, blank=True, validators=[validate_leave_document]
    )
    # Set when the retention job deleted the document's file (services/retention.py): the page
    # says so rather than offering a link to nothing.
    document_deleted_at = models.DateTimeField(_("document deleted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["person", "status"], name="leaverequest_person_status"),
            models.Index(fields=["status", "start_date", "end_date"], name="leaverequest_status_dates"),
            # Who is away between two dates (calendar, agenda, "also away"): “ends on or after the
            # first day” is the selective half once years of history pile up.
            models.Index(fields=["end_date", "start_date"], name="leaverequest_end_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="leaverequest_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end_slot__gte=models.F("start_slot")), name="leaverequest_slots_ordered"
            ),
            models.CheckConstraint(condition=models.Q(days__gte=0), name="leaverequest_days_not_negative"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in LeaveStatus]), name="leaverequest_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.leave_type} {self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        error = counting.validate_bounds(self.start_date, self.start_half, self.end_date, self.end_half)
        if error:
            raise ValidationError(BOUND_ERRORS[error], code=error)
        self.sync_slots()

    def sync_slots(self) -> None:
        self.start_slot, self.end_slot = counting.half_day_slots(
            self.start_date, self.start_half, self.end_date, self.end_half
        )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_pending(self) -> bool:
        return self.status in (LeaveStatus.PENDING, LeaveStatus.CANCELLATION_REQUESTED)


class StepPurpose(models.TextChoices):
    APPROVAL = "approval", _("Approval")
    CANCELLATION = "cancellation", _("Cancellation")


class Decision(models.TextChoices):
    PENDING = "pending", _("To decide")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApprovalStep(models.Model):
    """One decision on a request: step 1 (manager or director), step 2 (office manager), or the
    confirmation of a cancellation. The approver is resolved when the step becomes current; a stand-in
    (deputy or office manager) decides ``on_behalf_of`` the absent approver."""

    request = models.ForeignKey(LeaveRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="steps")
    purpose = models.CharField(_("purpose"), max_length=12, choices=StepPurpose, default=StepPurpose.APPROVAL)
    step = models.PositiveSmallIntegerField(_("step"), default=1)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leave_steps_to_decide",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leave_steps_delegated",
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["approver", "decision"], name="approvalstep_approver_idx"),
            models.Index(fields=["on_behalf_of", "decision"], name="approvalstep_behalf_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=models.Q(decision="pending"), name="approvalstep_one_open_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.purpose} {self.step}: {self.decision}"


class Deputy(models.Model):
    """``deputy`` decides leave requests in place of ``person`` between two dates (inclusive)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="deputies"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deputy"), on_delete=models.CASCADE, related_name="deputising"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="deputy_end_after_start"
            ),
            models.CheckConstraint(condition=~models.Q(deputy=models.F("person")), name="deputy_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.deputy} → {self.person} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"
