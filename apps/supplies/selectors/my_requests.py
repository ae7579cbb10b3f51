"""A staff member's own requests, and the requests a user may cancel."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet

from apps.core import roles
from apps.supplies.models import OPEN_STATUSES, RequestLine, SupplyRequest

MY_REQUESTS_PAGE_SIZE = 20
LINE_FIELDS = ("id", "request_id", "position", "description", "quantity", "decision", "item_id")


def my_requests(user) -> QuerySet[SupplyRequest]:
    """The user's own requests, newest first, with their site and lines (two queries for a page)."""
    return (
        SupplyRequest.objects.filter(requester=user)
        .select_related("site")
        .prefetch_related(Prefetch("lines", queryset=RequestLine.objects.only(*LINE_FIELDS)))
        .order_by("-created_at", "-pk")
    )


def my_requests_page(user, *, page: int = 1) -> Page:
    """One page of ``my_requests``: the count, the rows and their lines (three queries)."""
    return Paginator(my_requests(user), MY_REQUESTS_PAGE_SIZE).get_page(page)


def my_open_requests_count(user) -> int:
    return SupplyRequest.objects.filter(requester=user, status__in=OPEN_STATUSES).count()


def requests_cancellable_by(user) -> QuerySet[SupplyRequest]:
    """Requests the user may try to cancel: all of them for an office manager, else their own."""
    qs = SupplyRequest.objects.all()
    return qs if user.has_role(roles.OFFICE_MANAGER) else qs.filter(requester=user)
