"""People and the organisation: the user (e-mail login), the company, its sites and its teams.

"Manager" is not a flag: a person is a manager when a team names them as its manager.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

import holidays
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret
from stdnum.fr import tva as stdnum_tva

from apps.core import roles as perms

OFFICE_MANAGER_GROUP = "office_manager"
DIRECTOR_GROUP = "director"
# People the office manager marks as able to handle repair tickets (a caretaker, the IT person).
TICKET_HANDLER_GROUP = "ticket_handler"


def _compact(value: str) -> str:
    return "".join(value.split()).upper()


def validate_siren(value: str) -> None:
    if not stdnum_siren.is_valid(_compact(value)):
        raise ValidationError(_("“%(value)s” is not a valid SIREN number (9 digits)."), params={"value": value})


def validate_siret(value: str) -> None:
    if not stdnum_siret.is_valid(_compact(value)):
        raise ValidationError(_("“%(value)s” is not a valid SIRET number (14 digits)."), params={"value": value})


def validate_fr_vat(value: str) -> None:
    if not stdnum_tva.is_valid(_compact(value)):
        raise ValidationError(
            _("“%(value)s” is not a valid French VAT number (FR + 2 characters + SIREN)."), params={"value": value}
        )


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class _CommaList(models.Aggregate):
    """Values joined with commas: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s((%(expressions)s)::text, ',')"
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def with_roles(self) -> models.QuerySet:
        """Users with their group names and managed team ids fetched in the same query.

        The authentication backend loads request.user this way, so role checks on a page cost no
        query of their own.
        """
        groups = (
            Group.objects.filter(user=models.OuterRef("pk"))
            .order_by()
            .values("user")
            .annotate(names=_CommaList("name"))
            .values("names")
        )
        teams = (
            Team.objects.filter(manager=models.OuterRef("pk"))
            .order_by()
            .values("manager")
            .annotate(ids=_CommaList("pk"))
            .values("ids")
        )
        return self.get_queryset().annotate(_role_groups=models.Subquery(groups), _role_team_ids=models.Subquery(teams))

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(_("preferred language"), max_length=5, choices=Language, default=Language.FRENCH)
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    site = models.ForeignKey(
        "accounts.Site", verbose_name=_("site"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    # Employment dates drive leave accrual (prorated in the month of arrival and departure).
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="user_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(hired_on__isnull=True)
                | models.Q(left_on__gte=models.F("hired_on")),
                name="user_left_after_hired",
            ),
            # E-mail addresses are stored lower-case; this makes sure no two differ only by case.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper() or self.email[:1].upper()

    # Roles. Cached on the instance: request.user is a fresh object on every request, loaded with
    # UserManager.with_roles() so these cost no query there; elsewhere at most one query each.
    @cached_property
    def group_names(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        if "_role_groups" in self.__dict__:
            return frozenset(filter(None, (self._role_groups or "").split(",")))
        return frozenset(self.groups.values_list("name", flat=True))

    @cached_property
    def managed_team_ids(self) -> tuple[int, ...]:
        if not self.pk:
            return ()
        if "_role_team_ids" in self.__dict__:
            return tuple(sorted(int(pk) for pk in (self._role_team_ids or "").split(",") if pk))
        return tuple(Team.objects.filter(manager_id=self.pk).values_list("pk", flat=True))

    @property
    def is_office_manager(self) -> bool:
        return OFFICE_MANAGER_GROUP in self.group_names

    @property
    def is_director(self) -> bool:
        return DIRECTOR_GROUP in self.group_names

    @property
    def is_ticket_handler(self) -> bool:
        """May be put in charge of repair tickets: an office manager, or someone marked as a handler."""
        return self.is_active and bool({OFFICE_MANAGER_GROUP, TICKET_HANDLER_GROUP} & self.group_names)

    @property
    def is_manager(self) -> bool:
        return bool(self.managed_team_ids)

    def has_role(self, role: str) -> bool:
        if not self.is_active:
            return False
        return {
            perms.STAFF: True,
            perms.MANAGER: self.is_manager,
            perms.OFFICE_MANAGER: self.is_office_manager,
            perms.DIRECTOR: self.is_director,
            perms.ADMIN: self.is_superuser,
        }.get(role, False)

    @property
    def role_labels(self) -> list[str]:
        labels = []
        if self.is_director:
            labels.append(_("Director"))
        if self.is_office_manager:
            labels.append(_("Office manager"))
        if self.is_manager:
            labels.append(_("Manager"))
        return labels or [_("Staff")]


class LegalForm(models.TextChoices):
    SAS = "SAS", "SAS"
    SASU = "SASU", "SASU"
    SARL = "SARL", "SARL"
    EURL = "EURL", "EURL"
    SA = "SA", "SA"
    SCOP = "SCOP", "SCOP"
    SNC = "SNC", "SNC"
    EI = "EI", _("Sole proprietorship (EI)")
    ASSOCIATION = "ASSO", _("Association")
    OTHER = "OTHER", _("Other")


class Company(models.Model):
    """The company itself: a single row (pk 1), the seller on quotes and invoices."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=10, choices=LegalForm, default=LegalForm.SAS)
    address = models.CharField(_("address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    siren = models.CharField(_("SIREN"), max_length=11, validators=[validate_siren])
    siret = models.CharField(_("SIRET (head office)"), max_length=17, blank=True, validators=[validate_siret])
    rcs_city = models.CharField(_("RCS registration city"), max_length=100, blank=True)
    share_capital = models.DecimalField(
        _("share capital (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    vat_number = models.CharField(_("intra-EU VAT number"), max_length=20, blank=True, validators=[validate_fr_vat])
    vat_exempt = models.BooleanField(
        _("VAT exempt (franchise en base)"),
        default=False,
        help_text=_("Quotes then carry “TVA non applicable, art. 293 B du CGI”."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    logo = models.ImageField(_("logo"), upload_to="company/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("company")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="company_single_row")]

    def __str__(self) -> str:
        return self.legal_name

    def clean(self) -> None:
        super().clean()
        errors = {}
        self.siren = _compact(self.siren)
        self.siret = _compact(self.siret)
        self.vat_number = _compact(self.vat_number)
        if self.siret and self.siren and not self.siret.startswith(self.siren):
            errors["siret"] = _("The SIRET must start with the company's SIREN.")
        vat_valid = bool(self.vat_number) and stdnum_tva.is_valid(self.vat_number)
        if vat_valid and self.siren and self.vat_number[4:] != self.siren:
            errors["vat_number"] = _("The VAT number must end with the company's SIREN.")
        if errors:
            raise ValidationError(errors)

    @property
    def rcs_mention(self) -> str:
        return f"RCS {self.rcs_city} {self.siren}" if self.rcs_city else ""


HOLIDAY_SUBDIVISIONS = [
    ("", _("Metropolitan France (national holidays)")),
    ("57", _("Moselle (57)")),
    ("6AE", _("Alsace (67, 68)")),
    ("971", _("Guadeloupe")),
    ("972", _("Martinique")),
    ("973", _("French Guiana")),
    ("974", _("La Réunion")),
    ("976", _("Mayotte")),
]


class Site(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=255)
    postal_code = models.CharField(_("postal code"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    holiday_subdivision = models.CharField(
        _("public holidays"),
        max_length=5,
        choices=HOLIDAY_SUBDIVISIONS,
        blank=True,
        help_text=_("Alsace-Moselle sites also have Good Friday and 26 December off."),
    )
    is_head_office = models.BooleanField(_("head office"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["-is_head_office", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:site_edit", args=[self.pk])

    def public_holidays(self, years, language: str = "fr") -> holidays.HolidayBase:
        """The site's public holidays for ``years`` (the `holidays` package, with its subdivision).

        ``language`` names the holidays: "fr" or "en" (the package calls English "en_US").
        """
        language = "en_US" if language.startswith("en") else "fr"
        return holidays.France(subdiv=self.holiday_subdivision or None, years=years, language=language)


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_teams",
    )
    site = models.ForeignKey(
        Site, verbose_name=_("main site"), null=True, blank=True, on_delete=models.PROTECT, related_name="teams"
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:team_edit", args=[self.pk])
