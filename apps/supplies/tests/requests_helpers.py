"""Requests as the staff side would submit them (``request_submit`` is another part's), for the office's tests."""

from __future__ import annotations

from decimal import Decimal

from apps.supplies.models import Awaiting, MoveKind, RequestStatus
from apps.supplies.services import stock_for, stock_move
from apps.supplies.tests.factories import CatalogueItemFactory, RequestLineFactory, SupplyRequestFactory


def submitted(requester, *lines, site=None, awaiting=Awaiting.OFFICE_MANAGER, **fields):
    """A pending request of ``requester`` with ``lines``: each a price (a line not in the catalogue, one
    unit at that price) or a dict of RequestLineFactory fields (``item=`` for a catalogue line)."""
    request = SupplyRequestFactory(
        requester=requester,
        site=site or requester.site,
        status=RequestStatus.PENDING,
        awaiting=awaiting,
        **fields,
    )
    total = Decimal("0")
    for position, line in enumerate(lines):
        data = (
            line
            if isinstance(line, dict)
            else {"item": None, "description": f"Chose {position}", "unit_price": Decimal(line)}
        )
        made = RequestLineFactory(request=request, position=position, **data)
        total += made.amount_excl_vat
    request.total_excl_vat = total
    request.save(update_fields=["total_excl_vat"])
    return request


def catalogue_line(site, *, quantity=1, price="4.20", in_stock=0, name=None):
    """The fields of a catalogue line whose item ``site`` holds ``in_stock`` units of."""
    item = CatalogueItemFactory(unit_price=Decimal(price), **({"name": name} if name else {}))
    if in_stock:
        stock_move(stock=stock_for(item=item, site=site), kind=MoveKind.RECEIVED, delta=in_stock)
    return {"item": item, "description": item.name, "quantity": quantity, "unit_price": item.unit_price}
