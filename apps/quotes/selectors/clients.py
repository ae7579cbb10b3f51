"""Reads of the client directory: who may see it, the list, a client's page, and the choices the
quote editor offers (clients not archived, a client's contacts).

The office manager and the director see every client; anyone else sees none. Each read costs a fixed
number of queries whatever the number of clients, contacts, quotes and invoices."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from apps.quotes.models import Client, ClientContact, Invoice, Quote

CLIENT_PAGE_SIZE = 50
HISTORY_SIZE = 25
ACTIVE, ARCHIVED, ALL = "active", "archived", "all"
STATUSES = (ACTIVE, ARCHIVED, ALL)


def _may_read(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_office_manager or user.is_director)
    )


def clients_visible_to(user) -> QuerySet[Client]:
    """Every client, archived or not, for the office manager and the director; none for anyone else."""
    return Client.objects.all() if _may_read(user) else Client.objects.none()


def client_page(user, *, search: str = "", status: str = ACTIVE, page: int = 1) -> Page:
    """One page of the directory (name order), each client with its primary contact (``primary``: a
    list of one or none). ``search`` looks in the name, SIREN, SIRET, city, postal code and contacts."""
    clients = clients_visible_to(user)
    if status == ACTIVE:
        clients = clients.filter(is_archived=False)
    elif status == ARCHIVED:
        clients = clients.filter(is_archived=True)
    search = (search or "").strip()
    if search:
        matches = (
            Q(name__icontains=search)
            | Q(city__icontains=search)
            | Q(postal_code__startswith=search)
            | Q(email__icontains=search)
            | Exists(
                ClientContact.objects.filter(client=OuterRef("pk")).filter(
                    Q(name__icontains=search) | Q(email__icontains=search) | Q(phone__icontains=search)
                )
            )
        )
        identifier = "".join(ch for ch in search if ch.isalnum()).upper()
        if identifier:
            matches |= (
                Q(siren__startswith=identifier)
                | Q(siret__startswith=identifier)
                | Q(vat_number__icontains=identifier)
            )
        clients = clients.filter(matches)
    clients = (
        clients.defer("notes", "address_extra")
        .order_by("name", "pk")
        .prefetch_related(
            Prefetch("contacts", queryset=ClientContact.objects.filter(is_primary=True), to_attr="primary")
        )
    )
    return Paginator(clients, CLIENT_PAGE_SIZE).get_page(page)


@dataclass
class ClientOverview:
    client: Client
    contacts: list[ClientContact]
    quotes: list[Quote]
    quote_count: int
    invoices: list[Invoice]
    invoice_count: int

    @property
    def deletable(self) -> bool:
        """A client with no quote and no invoice may be deleted (one entered by mistake)."""
        return not self.quote_count and not self.invoice_count


_QUOTE_COLUMNS = (
    "pk",
    "number",
    "version",
    "subject",
    "status",
    "total_excl_vat",
    "total_incl_vat",
    "issue_date",
    "created_at",
    "client_id",
)
_INVOICE_COLUMNS = (
    "pk",
    "kind",
    "number",
    "subject",
    "status",
    "total_excl_vat",
    "total_incl_vat",
    "issue_date",
    "created_at",
    "client_id",
)


def client_overview(client: Client) -> ClientOverview:
    """Everything a client's page shows: its contacts, its latest quotes and invoices (newest first,
    ``HISTORY_SIZE`` of each) and how many there are in all; five queries."""
    quotes = Quote.objects.filter(client=client)
    invoices = Invoice.objects.filter(client=client)
    return ClientOverview(
        client=client,
        contacts=list(client.contacts.all()),
        quotes=list(quotes.only(*_QUOTE_COLUMNS).order_by("-created_at", "-pk")[:HISTORY_SIZE]),
        quote_count=quotes.count(),
        invoices=list(invoices.only(*_INVOICE_COLUMNS).order_by("-created_at", "-pk")[:HISTORY_SIZE]),
        invoice_count=invoices.count(),
    )


def contacts_of_client(client: Client) -> QuerySet[ClientContact]:
    """The client's own contacts (another client's contact id is not one of them: a 404)."""
    return ClientContact.objects.filter(client=client)


# --- for the quote editor -------------------------------------------------------------------------


def client_choices(user) -> QuerySet[Client]:
    """The clients a new quote may be written to (not archived), name order, for a ``<select>``."""
    return (
        clients_visible_to(user)
        .filter(is_archived=False)
        .only("pk", "name", "kind", "city", "is_archived")
        .order_by("name", "pk")
    )


def contacts_of(user, client: Client | int) -> QuerySet[ClientContact]:
    """The contacts of ``client`` the user may choose (primary first): none for a client the user does
    not see, so another client's contact id posted in a form is never found."""
    client_pk = getattr(client, "pk", client)
    return ClientContact.objects.filter(client__in=clients_visible_to(user).filter(pk=client_pk)).order_by(
        "-is_primary", "name", "pk"
    )
