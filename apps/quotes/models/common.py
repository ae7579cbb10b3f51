"""What quote lines and invoice lines share: the kinds of line, the VAT rates, the bounds, the fields."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.supplies.models.catalogue import MAX_PRICE, VatRate

QuoteVatRate = VatRate  # 20 / 10 / 5.5 / 2.1 / 0 %: one list of French rates for the whole project
MAX_LINE_QUANTITY = Decimal("1000000")  # above this a quantity is a typing mistake
MAX_DISCOUNT = Decimal("100")


class LineKind(models.TextChoices):
    ITEM = "item", _("Priced line")
    SECTION = "section", _("Section title")
    TEXT = "text", _("Free text")
    # Only on a final invoice: the deduction of a deposit invoiced before (a negative amount).
    DEPOSIT = "deposit", _("Deposit deducted")


PRICED_KINDS = frozenset({LineKind.ITEM, LineKind.DEPOSIT})


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    kwargs.setdefault("default", Decimal("0"))
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def discount_field(verbose_name) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_DISCOUNT)],
    )


class DocumentLine(models.Model):
    """A line of a quote or an invoice: a priced line, a section title or free text, in ``position`` order.

    Section titles and free text carry no quantity or price (zero) and count in no total. Totals come from
    ``apps.quotes.totals.totals_of`` (one pure function, EN 16931 rounding), never from a sum in a template.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=LineKind, default=LineKind.ITEM)
    position = models.PositiveIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), max_length=2000)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=12,
        decimal_places=3,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_LINE_QUANTITY)],
    )
    unit_price = models.DecimalField(
        _("unit price excl. VAT (€)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MaxValueValidator(MAX_PRICE)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        choices=[(Decimal(value), label) for value, label in VatRate.choices],
        default=Decimal(VatRate.STANDARD),
    )
    discount_percent = discount_field(_("line discount (%)"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if self.kind in PRICED_KINDS:
            return f"{self.quantity.normalize():f} × {self.description[:60]}"
        return self.description[:60]

    @property
    def is_priced(self) -> bool:
        return self.kind in PRICED_KINDS


def line_constraints(prefix: str, *, negative_deposit: bool) -> list:
    """The checks both line tables carry: bounded quantity and discount, a known VAT rate, and a price
    that is never negative (except, on an invoice, the deduction of a deposit)."""
    price_ok = models.Q(unit_price__gte=0)
    if negative_deposit:
        price_ok |= models.Q(kind=LineKind.DEPOSIT)
    return [
        models.CheckConstraint(condition=models.Q(kind__in=LineKind.values), name=f"{prefix}_line_kind_valid"),
        models.CheckConstraint(
            condition=models.Q(quantity__gte=0, quantity__lte=MAX_LINE_QUANTITY), name=f"{prefix}_line_quantity_bounded"
        ),
        models.CheckConstraint(
            condition=~models.Q(kind=LineKind.ITEM) | models.Q(quantity__gt=0), name=f"{prefix}_line_priced_quantity"
        ),
        models.CheckConstraint(
            condition=models.Q(discount_percent__gte=0, discount_percent__lte=MAX_DISCOUNT),
            name=f"{prefix}_line_discount_bounded",
        ),
        models.CheckConstraint(
            condition=models.Q(vat_rate__in=[Decimal(v) for v in VatRate.values]), name=f"{prefix}_line_vat_rate_known"
        ),
        models.CheckConstraint(condition=price_ok, name=f"{prefix}_line_price_not_negative"),
    ]
