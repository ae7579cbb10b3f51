"""The catalogue: what staff can ask for, with its price and, per site, its stock settings."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PRICE = Decimal("99999999.99")  # the field's ten digits
MAX_QUANTITY = 100_000  # a line or a move above this is a typing mistake, not a purchase
PHOTO_MAX_MB = 5
THUMBNAIL_SIZE = (240, 240)


class Category(models.TextChoices):
    PAPER = "paper", _("Paper")
    WRITING = "writing", _("Writing")
    PRINTING = "printing", _("Printing")
    FILING = "filing", _("Filing and storage")
    KITCHEN = "kitchen", _("Kitchen")
    CLEANING = "cleaning", _("Cleaning and hygiene")
    FIRST_AID = "first_aid", _("First aid and safety")
    IT_ACCESSORIES = "it", _("IT accessories")
    FURNITURE = "furniture", _("Furniture")
    OTHER = "other", _("Other")


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    BOX = "box", _("box")
    REAM = "ream", _("ream")
    PACK = "pack", _("pack")
    ROLL = "roll", _("roll")
    BOTTLE = "bottle", _("bottle")
    CARTON = "carton", _("carton")


class VatRate(models.TextChoices):
    """French VAT rates (percent, as text so a choice compares exactly with the Decimal stored)."""

    STANDARD = "20.00", _("20 %")
    INTERMEDIATE = "10.00", _("10 %")
    REDUCED = "5.50", _("5.5 %")
    SUPER_REDUCED = "2.10", _("2.1 %")
    ZERO = "0.00", _("0 %")


def price_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_PRICE)],
        **kwargs,
    )


def vat_rate_field(**kwargs) -> models.DecimalField:
    return models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        choices=[(Decimal(value), label) for value, label in VatRate.choices],
        default=Decimal(VatRate.STANDARD),
        **kwargs,
    )


class CatalogueItem(models.Model):
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=15, choices=Category, default=Category.OTHER)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit, default=Unit.PIECE)
    supplier_reference = models.CharField(_("supplier reference"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Checked to be a real image under PHOTO_MAX_MB by the service (apps/core/uploads.image_format);
    # the thumbnail is made from it by Pillow when it is saved.
    photo = models.ImageField(_("photo"), upload_to="supplies/items/", blank=True)
    thumbnail = models.ImageField(_("thumbnail"), upload_to="supplies/thumbs/", blank=True, editable=False)
    unit_price = price_field(_("unit price excl. VAT (€)"))
    vat_rate = vat_rate_field()
    # Where it is bought: the reorder list groups by it and a purchase order is made per supplier.
    supplier = models.ForeignKey(
        "suppliers.Supplier",
        verbose_name=_("preferred supplier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_items",
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Archived items cannot be requested."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="supplies_item_name_unique"),
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="supplies_item_price_not_negative"),
        ]
        indexes = [models.Index(fields=["is_active", "category", "name"], name="supplies_item_browse")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("supplies:item_detail", args=[self.pk])


class SiteStock(models.Model):
    """An item on one site's shelves: its settings and its running stock.

    ``quantity`` is the sum of the site's stock moves, kept in the same transaction as each move by
    ``services.stock.stock_move`` under a row lock (the ledger stays the truth; a test compares the
    two). The database refuses a negative quantity too, so two requests taking the last box at once
    cannot both get it, even past the service.
    """

    item = models.ForeignKey(CatalogueItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="stocks")
    site = models.ForeignKey("accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT, related_name="+")
    quantity = models.IntegerField(_("in stock"), default=0)
    reorder_threshold = models.PositiveIntegerField(
        _("reorder threshold"), default=0, help_text=_("Reorder when the stock falls to this figure.")
    )
    reorder_quantity = models.PositiveIntegerField(_("reorder quantity"), default=0)
    # The day the stock last fell to its threshold (cleared when it rises above): the low-stock notice
    # is sent once per fall, keyed by this date in the reminder ledger.
    low_since = models.DateField(_("low since"), null=True, blank=True)

    class Meta:
        verbose_name = _("stock on a site")
        verbose_name_plural = _("stock on sites")
        ordering = ["item__name", "site__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "site"], name="supplies_stock_item_site_unique"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="supplies_stock_not_negative"),
            models.CheckConstraint(
                condition=models.Q(reorder_threshold__lte=MAX_QUANTITY, reorder_quantity__lte=MAX_QUANTITY),
                name="supplies_stock_settings_bounded",
            ),
        ]
        indexes = [models.Index(fields=["site", "item"], name="supplies_stock_site_item")]

    def __str__(self) -> str:
        return f"{self.item} · {self.site}"

    @property
    def is_low(self) -> bool:
        return self.quantity <= self.reorder_threshold and (self.reorder_threshold > 0 or self.quantity == 0)
