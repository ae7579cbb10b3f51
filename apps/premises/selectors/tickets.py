"""Repair tickets: who sees which, the user's own lists, and the office manager's queue.

The queue is the office manager's work list, reopened all day, and tickets change a few times a day:
one page of it (its rows and the count) is kept in the read cache until a table it read (tickets,
sites, rooms, the people's names) is written to (``queue_page``). The page itself is rendered from
its template every time.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from apps.accounts.models import OFFICE_MANAGER_GROUP, TICKET_HANDLER_GROUP
from apps.core import cache as read_cache
from apps.premises.models import (
    OPEN_STATUSES,
    TRANSITIONS,
    URGENCY_RANK,
    Ticket,
    TicketComment,
    TicketEvent,
    TicketStatus,
    TicketUrgency,
    is_overdue,
)
from apps.premises.services.common import is_office_manager, is_ticket_handler


def _urgency_rank() -> Case:
    return Case(*[When(urgency=u, then=Value(r)) for u, r in URGENCY_RANK.items()], output_field=IntegerField())


def tickets_visible_to(user) -> QuerySet[Ticket]:
    """All tickets for an office manager; for anyone else, those they reported or are assigned."""
    tickets = Ticket.objects.select_related("site", "room", "reporter", "assignee")
    if is_office_manager(user):
        return tickets
    return tickets.filter(Q(reporter=user) | Q(assignee=user))


def may_open_ticket(user, ticket: Ticket) -> bool:
    """Whether ``ticket`` is in ``tickets_visible_to(user)``, without a query: a link to it is shown
    only to who may follow it."""
    return is_office_manager(user) or user.pk in (ticket.reporter_id, ticket.assignee_id)


def ticket_comments_visible_to(user, ticket: Ticket) -> QuerySet[TicketComment]:
    comments = ticket.comments.select_related("author").order_by("created_at")
    if is_office_manager(user):
        return comments
    return comments.filter(is_internal=False)


class HistoryEntry(NamedTuple):
    """One line of a ticket's history: its report, a change (``event``) or a comment (``comment``)."""

    at: dt.datetime
    actor: object  # the User who did it
    event: TicketEvent | None = None
    comment: TicketComment | None = None

    @property
    def kind(self) -> str:
        if self.comment is not None:
            return "comment"
        return self.event.kind if self.event is not None else "reported"


def ticket_history_visible_to(user, ticket: Ticket) -> list[HistoryEntry]:
    """The ticket's history in time order: its report, every change of status, handler, due date and
    urgency, and the comments ``user`` may read (internal notes for office managers only). Two queries."""
    entries = [HistoryEntry(at=ticket.created_at, actor=ticket.reporter)]
    events = ticket.events.select_related("actor").order_by("created_at", "pk")
    entries += [HistoryEntry(at=event.created_at, actor=event.actor, event=event) for event in events]
    comments = ticket_comments_visible_to(user, ticket)
    entries += [HistoryEntry(at=comment.created_at, actor=comment.author, comment=comment) for comment in comments]
    # A change and the note explaining it are written in the same instant: the change comes first.
    order = {"reported": 0, "comment": 2}
    return sorted(entries, key=lambda entry: (entry.at, order.get(entry.kind, 1)))


def open_tickets(user) -> QuerySet[Ticket]:
    """Open tickets the user may see, most urgent first, then oldest first."""
    return (
        tickets_visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .annotate(urgency_rank=_urgency_rank())
        .order_by("-urgency_rank", "created_at")
    )


def my_reported_tickets(user) -> QuerySet[Ticket]:
    return Ticket.objects.filter(reporter=user).select_related("site", "room").order_by("-created_at")


def my_assigned_tickets(user) -> QuerySet[Ticket]:
    return (
        Ticket.objects.filter(assignee=user, status__in=OPEN_STATUSES)
        .select_related("site", "room", "reporter")
        .order_by("-created_at")
    )


def my_open_tickets_count(user) -> int:
    """How many tickets the user reported are still open (my space)."""
    return Ticket.objects.filter(reporter=user, status__in=OPEN_STATUSES).count()


def allowed_transitions(ticket: Ticket, user) -> list[tuple[str, str]]:
    """The status buttons ``user`` may press on ``ticket`` (mirrors the service's rule)."""
    allowed = TRANSITIONS.get(ticket.status, frozenset())
    handles = is_office_manager(user) or (ticket.assignee_id and ticket.assignee_id == user.pk)
    # The reporter confirms a fix (close) or says it is not fixed (reopen).
    confirms = ticket.reporter_id == user.pk and ticket.status == TicketStatus.RESOLVED
    statuses = allowed if handles or confirms else frozenset()
    return [(value, label) for value, label in TicketStatus.choices if value in statuses]


def may_open_queue(user) -> bool:
    """The queue is for the people who handle tickets: office managers and marked handlers."""
    return is_ticket_handler(user)


def ticket_handlers(*, keep_pk: int | None = None) -> QuerySet:
    """Who may be put in charge of a ticket (the triage form's choices): active office managers and
    marked handlers, and ``keep_pk`` (the person already in charge, who stays shown as such even if
    no longer a handler)."""
    handles = Q(groups__name__in=(OFFICE_MANAGER_GROUP, TICKET_HANDLER_GROUP), is_active=True)
    return (
        get_user_model()
        .objects.filter(handles | Q(pk=keep_pk) if keep_pk else handles)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


# --- The office manager's queue ---------------------------------------------------------------------


def ticket_queue(
    user, *, status: str = "", urgency: str = "", site_id: int | None = None, mine: bool = False
) -> QuerySet[Ticket]:
    """The ticket list: open tickets by default ("all", or one status), most urgent then oldest first;
    ``mine``: only those assigned to ``user``."""
    tickets = tickets_visible_to(user)
    if mine:
        tickets = tickets.filter(assignee=user)
    if status == "all":
        pass
    elif status:
        tickets = tickets.filter(status=status)
    else:
        tickets = tickets.filter(status__in=OPEN_STATUSES)
    if urgency:
        tickets = tickets.filter(urgency=urgency)
    if site_id:
        tickets = tickets.filter(site_id=site_id)
    # The id breaks ties (tickets reported in the same instant), so the order does not depend on the plan.
    return tickets.annotate(urgency_rank=_urgency_rank()).order_by("-urgency_rank", "created_at", "pk")


class QueueRow(NamedTuple):
    """A ticket of the queue with what its row shows."""

    pk: int
    category: str
    description: str
    site_name: str
    room_name: str | None
    place: str
    urgency: str
    status: str
    assignee: str  # str(ticket.assignee), "" without one
    supplier: str
    due_date: dt.date | None
    created_at: dt.datetime
    reporter: str  # str(ticket.reporter)

    @property
    def category_label(self) -> str:
        return _category_labels().get(self.category, self.category)  # Ticket.get_category_display()

    @property
    def urgency_label(self) -> str:
        return TicketUrgency(self.urgency).label if self.urgency in TicketUrgency.values else self.urgency

    @property
    def status_label(self) -> str:
        return TicketStatus(self.status).label if self.status in TicketStatus.values else self.status

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.room_name or "", self.place) if part)  # Ticket.location

    def is_overdue_on(self, today: dt.date) -> bool:
        return is_overdue(self.due_date, self.status, today)  # Ticket.is_overdue_on


@cache
def _category_labels() -> dict:
    """The categories' labels (lazy: each is translated in the language of the page showing it)."""
    return dict(Ticket._meta.get_field("category").flatchoices)


def _person(first_name: str | None, last_name: str | None, email: str | None) -> str:
    if email is None:
        return ""  # no assignee
    return f"{first_name} {last_name}".strip() or email  # User.__str__


_QUEUE_COLUMNS = (
    "pk",
    "category",
    "description",
    "site__name",
    "room__name",
    "place",
    "urgency",
    "status",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__email",
    "supplier",
    "due_date",
    "created_at",
    "reporter__first_name",
    "reporter__last_name",
    "reporter__email",
)


def queue_rows(queue: QuerySet[Ticket]) -> list[QueueRow]:
    """``queue`` (a ``ticket_queue``, sliced or not) as ``QueueRow`` rows: one query."""
    rows = []
    for *head, a_first, a_last, a_email, supplier, due, created, r_first, r_last, r_email in queue.values_list(
        *_QUEUE_COLUMNS
    ):
        assignee, reporter = _person(a_first, a_last, a_email), _person(r_first, r_last, r_email)
        rows.append(QueueRow(*head, assignee, supplier, due, created, reporter))
    return rows


QUEUE_PAGE_SIZE = 30


def _read_queue_page(user, *, status: str, urgency: str, site_id: int | None, mine: bool, page: int) -> tuple:
    queue = ticket_queue(user, status=status, urgency=urgency, site_id=site_id, mine=mine)
    paginator = Paginator(queue, QUEUE_PAGE_SIZE)
    shown = paginator.get_page(page)
    return paginator.count, shown.number, queue_rows(shown.object_list)


def queue_page(
    user, *, status: str = "", urgency: str = "", site_id: int | None = None, mine: bool = False, page: int = 1
) -> Page:
    """One page of ``user``'s ticket queue, as a ``Paginator`` page of ``QueueRow``: two queries (the
    count and the rows), kept in the read cache per viewer and filters. The rows hold dates, never an
    age, so they do not go stale with the clock (whether a row is overdue is decided when rendering)."""
    count, number, rows = read_cache.cached(
        ("premises.queue_page", read_cache.viewer_key(user), status, urgency, site_id, mine, page),
        lambda: _read_queue_page(user, status=status, urgency=urgency, site_id=site_id, mine=mine, page=page),
    )
    # The count is known: a paginator over a range of that length pages without a query.
    return Page(rows, number, Paginator(range(count), QUEUE_PAGE_SIZE))
