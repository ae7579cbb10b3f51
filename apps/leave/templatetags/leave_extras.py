"""Template filters of the leave pages."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def days(value) -> str:
    """A number of days without trailing zeros, with the language's decimal separator: 2,5 · 8 · -1,25."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    # normalize() alone would write 10 as 1E+1.
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
    return formats.number_format(value, use_l10n=True)
