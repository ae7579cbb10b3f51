"""The one model of core: the counters behind gap-free document numbers (see ``apps/core/numbering.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentCounter(models.Model):
    """The last number given to a kind of document in a year (purchase orders, quotes, invoices).

    One row per (series, year), locked with ``select_for_update`` by the transaction that issues the
    document, so two documents issued at once are serialized and a rolled-back issue gives its number
    back: the numbers of a year run with no gap and no duplicate.
    """

    series = models.CharField(_("series"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="core_counter_series_year_unique")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"
