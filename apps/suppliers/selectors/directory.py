"""Reads of the supplier directory: who may see it, the list, a supplier's page, its log and ratings.

Every supplier page is the office manager's: ``suppliers_visible_to`` is empty for anyone else.
The list and the pages cost a fixed number of queries whatever the number of suppliers, contacts,
log entries and ratings (the rating averages are computed by the database; the compliance flags
come from ``selectors.compliance.compliance_flags`` in one query for the page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Cast

from apps.suppliers.models import Contact, Interaction, Rating, Supplier, SupplierCategoryTag
from apps.suppliers.selectors import compliance

SUPPLIER_PAGE_SIZE = 50
LOG_PAGE_SIZE = 30
RATING_PAGE_SIZE = 30
LATEST = 5
ACTIVE, ARCHIVED, ALL = "active", "archived", "all"
# The list's orders: by name, or by a rating average (best first; suppliers never rated last).
SORTS = ("name", "-name", "quality", "delay", "price", "overall")


def suppliers_visible_to(user) -> QuerySet[Supplier]:
    """Every supplier, active or archived, for an office manager; none for anyone else."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.is_office_manager:
        return Supplier.objects.all()
    return Supplier.objects.none()


def _with_averages(suppliers: QuerySet[Supplier]) -> QuerySet[Supplier]:
    return suppliers.annotate(
        rating_count=Count("ratings"),
        avg_quality=Avg(Cast("ratings__quality", FloatField())),
        avg_delay=Avg(Cast("ratings__delay", FloatField())),
        avg_price=Avg(Cast("ratings__price", FloatField())),
        avg_overall=Avg(
            (
                Cast("ratings__quality", FloatField())
                + Cast("ratings__delay", FloatField())
                + Cast("ratings__price", FloatField())
            )
            / 3.0
        ),
    )


def _order_by(suppliers: QuerySet[Supplier], sort: str) -> QuerySet[Supplier]:
    if sort == "-name":
        return suppliers.order_by("-name", "-pk")
    if sort in ("quality", "delay", "price", "overall"):
        return suppliers.order_by(F(f"avg_{sort}").desc(nulls_last=True), "name", "pk")
    return suppliers.order_by("name", "pk")


def supplier_page(
    *, search: str = "", category: str = "", status: str = ACTIVE, sort: str = "name", page: int = 1
) -> Page:
    """One page of the directory, each supplier with its rating averages (``avg_quality``, ``avg_delay``,
    ``avg_price``, ``avg_overall``, ``rating_count``), its categories (``tags``), the contact who
    receives its orders (``orders_contacts``) and its compliance flags (``flags``)."""
    suppliers = Supplier.objects.all()
    if status == ACTIVE:
        suppliers = suppliers.filter(is_active=True)
    elif status == ARCHIVED:
        suppliers = suppliers.filter(is_active=False)
    if category:
        suppliers = suppliers.filter(
            Exists(SupplierCategoryTag.objects.filter(supplier=OuterRef("pk"), category=category))
        )
    search = (search or "").strip()
    if search:
        compact_search = "".join(ch for ch in search if ch.isalnum()).upper()
        matches = (
            Q(name__icontains=search)
            | Q(city__icontains=search)
            | Q(postal_code__startswith=search)
            | Exists(
                Contact.objects.filter(supplier=OuterRef("pk")).filter(
                    Q(name__icontains=search) | Q(email__icontains=search) | Q(phone__icontains=search)
                )
            )
        )
        if compact_search:
            matches |= (
                Q(siret__startswith=compact_search)
                | Q(siren__startswith=compact_search)
                | Q(vat_number__icontains=compact_search)
            )
        suppliers = suppliers.filter(matches)
    suppliers = _with_averages(suppliers.defer("notes", "payment_terms", "iban", "bic"))
    suppliers = _order_by(suppliers, sort if sort in SORTS else "name").prefetch_related(
        Prefetch("category_tags", queryset=SupplierCategoryTag.objects.order_by("category"), to_attr="tags"),
        Prefetch("contacts", queryset=Contact.objects.filter(is_orders_contact=True), to_attr="orders_contacts"),
    )
    result = Paginator(suppliers, SUPPLIER_PAGE_SIZE).get_page(page)
    attach_flags(result.object_list)
    return result


def attach_flags(suppliers, today: dt.date | None = None) -> None:
    """Give each supplier its compliance flag codes (``flags``), in one query for all of them."""
    suppliers = list(suppliers)
    flags = compliance.compliance_flags([supplier.pk for supplier in suppliers], today) if suppliers else {}
    for supplier in suppliers:
        supplier.flags = flags.get(supplier.pk, [])


@dataclass
class RatingSummary:
    count: int = 0
    quality: float | None = None
    delay: float | None = None
    price: float | None = None
    overall: float | None = None


def rating_summary(supplier: Supplier) -> RatingSummary:
    row = _with_averages(Supplier.objects.filter(pk=supplier.pk)).values(
        "rating_count", "avg_quality", "avg_delay", "avg_price", "avg_overall"
    )[0]
    return RatingSummary(
        count=row["rating_count"],
        quality=row["avg_quality"],
        delay=row["avg_delay"],
        price=row["avg_price"],
        overall=row["avg_overall"],
    )


@dataclass
class SupplierOverview:
    supplier: Supplier
    contacts: list[Contact]
    categories: list[SupplierCategoryTag]
    ratings: RatingSummary
    latest_ratings: list[Rating]
    latest_entries: list[Interaction]
    open_follow_ups: list[Interaction]
    same_company: list[Supplier] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def same_company(supplier: Supplier) -> QuerySet[Supplier]:
    """The other establishments of the supplier's company (the same SIREN), in name order."""
    if not supplier.siren:
        return Supplier.objects.none()
    return Supplier.objects.filter(siren=supplier.siren).exclude(pk=supplier.pk).order_by("name", "pk")


def supplier_overview(supplier: Supplier, today: dt.date | None = None) -> SupplierOverview:
    """Everything the supplier's page shows, in a fixed number of queries."""
    same = list(same_company(supplier).only("pk", "name", "siret", "city")[:10]) if supplier.siren else []
    attach_flags([supplier], today)
    return SupplierOverview(
        supplier=supplier,
        contacts=list(supplier.contacts.all()),
        categories=list(supplier.category_tags.order_by("category")),
        ratings=rating_summary(supplier),
        latest_ratings=list(supplier.ratings.select_related("by")[:LATEST]),
        latest_entries=list(supplier.interactions.select_related("contact", "by")[:LATEST]),
        open_follow_ups=list(
            supplier.interactions.filter(follow_up_on__isnull=False, follow_up_done_at__isnull=True)
            .select_related("contact")
            .order_by("follow_up_on", "pk")[:LATEST]
        ),
        same_company=same,
        flags=supplier.flags,
    )


def contacts_of(supplier: Supplier) -> QuerySet[Contact]:
    """The supplier's own contacts (another supplier's contact id is not one of them: a 404)."""
    return Contact.objects.filter(supplier=supplier)


def entries_of(supplier: Supplier) -> QuerySet[Interaction]:
    return Interaction.objects.filter(supplier=supplier)


def log_page(supplier: Supplier, *, page: int = 1, open_only: bool = False) -> Page:
    entries = Interaction.objects.filter(supplier=supplier).select_related("contact", "by")
    if open_only:
        entries = entries.filter(follow_up_on__isnull=False, follow_up_done_at__isnull=True)
    return Paginator(entries.order_by("-happened_on", "-pk"), LOG_PAGE_SIZE).get_page(page)


def rating_page(supplier: Supplier, *, page: int = 1) -> Page:
    ratings = Rating.objects.filter(supplier=supplier).select_related("by").order_by("-rated_on", "-pk")
    return Paginator(ratings, RATING_PAGE_SIZE).get_page(page)


# --- for the dashboard and the agenda ---------------------------------------------------------------


def follow_ups_between(start: dt.date, end: dt.date) -> QuerySet[Interaction]:
    """Follow-ups not done yet, due from ``start`` to ``end`` (inclusive), with their supplier: one query."""
    return (
        Interaction.objects.filter(
            follow_up_on__isnull=False, follow_up_done_at__isnull=True, follow_up_on__range=(start, end)
        )
        .select_related("supplier")
        .order_by("follow_up_on", "pk")
    )


def follow_ups_due_count(today: dt.date) -> int:
    """How many follow-ups are due today or overdue (not done): one query."""
    return Interaction.objects.filter(
        follow_up_on__isnull=False, follow_up_done_at__isnull=True, follow_up_on__lte=today
    ).count()
