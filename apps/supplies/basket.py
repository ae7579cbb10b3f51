"""A staff member's basket, kept in their session until it becomes a request.

Plain JSON in the session (``SESSION_KEY``): ``items`` maps a catalogue item's id (as text) to a
quantity, ``free`` lists things not in the catalogue (description, estimated unit price excl. VAT as
text, quantity, link), ``draft`` keeps what was typed for the request (reason, date, site) across an
update of the quantities. Bounded: ``MAX_ITEMS`` catalogue lines, ``MAX_FREE`` free lines, each
quantity 1..``MAX_QUANTITY``; a session holding anything else (edited, or from an older version) is
read as far as it makes sense and the rest dropped, never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.supplies.models import MAX_PRICE, MAX_QUANTITY
from apps.supplies.services.requests import LineInput

SESSION_KEY = "supplies_basket"
MAX_ITEMS = 50
MAX_FREE = 10
DRAFT_FIELDS = {"reason": 2000, "needed_by": 10, "site": 12}


@dataclass(frozen=True)
class FreeLine:
    description: str
    unit_price: Decimal
    quantity: int
    link: str = ""


def _quantity(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= MAX_QUANTITY else None


class Basket:
    """The basket of ``request.session``; every change is saved back to the session at once."""

    def __init__(self, session):
        self.session = session
        raw = session.get(SESSION_KEY)
        raw = raw if isinstance(raw, dict) else {}
        self.items: dict[int, int] = {}
        items = raw.get("items")
        for key, quantity in items.items() if isinstance(items, dict) else []:
            if len(self.items) >= MAX_ITEMS:
                break
            if isinstance(key, str) and key.isdigit() and (q := _quantity(quantity)) is not None:
                self.items[int(key)] = q
        self.free: list[FreeLine] = []
        free = raw.get("free")
        for line in (free if isinstance(free, list) else [])[:MAX_FREE]:
            parsed = self._free_line(line)
            if parsed is not None:
                self.free.append(parsed)
        draft = raw.get("draft")
        self.draft: dict[str, str] = {
            name: str(draft[name])[:limit]
            for name, limit in DRAFT_FIELDS.items()
            if isinstance(draft, dict) and isinstance(draft.get(name), str)
        }

    @staticmethod
    def _free_line(line: Any) -> FreeLine | None:
        if not isinstance(line, dict):
            return None
        try:
            price = Decimal(str(line.get("unit_price")))
        except InvalidOperation:
            return None
        quantity = _quantity(line.get("quantity"))
        description = line.get("description")
        link = line.get("link") or ""
        if quantity is None or not isinstance(description, str) or not description or not isinstance(link, str):
            return None
        if not price.is_finite() or not Decimal(0) <= price <= MAX_PRICE:
            return None
        return FreeLine(description=description[:255], unit_price=price, quantity=quantity, link=link[:500])

    # --- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.items) + len(self.free)

    @property
    def units(self) -> int:
        return sum(self.items.values()) + sum(line.quantity for line in self.free)

    def lines(self) -> list[LineInput]:
        """What ``services.requests.request_submit`` takes: the catalogue lines, then the free ones."""
        return [LineInput(item_id=pk, quantity=quantity) for pk, quantity in self.items.items()] + [
            LineInput(description=line.description, unit_price=line.unit_price, quantity=line.quantity, link=line.link)
            for line in self.free
        ]

    # --- changing ------------------------------------------------------------------------------

    def save(self) -> None:
        self.session[SESSION_KEY] = {
            "items": {str(pk): quantity for pk, quantity in self.items.items()},
            "free": [
                {
                    "description": line.description,
                    "unit_price": str(line.unit_price),
                    "quantity": line.quantity,
                    "link": line.link,
                }
                for line in self.free
            ],
            "draft": self.draft,
        }
        self.session.modified = True

    def add(self, item_id: int, quantity: int) -> int:
        """Add ``quantity`` of an item (already checked to be requestable); returns the line's new quantity."""
        current = self.items.get(item_id, 0)
        if not current and len(self.items) >= MAX_ITEMS:
            raise ValidationError(
                _("Your basket is full (%(max)d items): send this request, then start another.") % {"max": MAX_ITEMS}
            )
        if current + quantity > MAX_QUANTITY:
            raise ValidationError(
                _("At most %(max)s units on one line.") % {"max": f"{MAX_QUANTITY:,}".replace(",", " ")}
            )
        self.items[item_id] = current + quantity
        self.save()
        return self.items[item_id]

    def set_quantities(self, quantities: dict[int, int], free_quantities: dict[int, int]) -> None:
        for pk, quantity in quantities.items():
            if pk in self.items:
                self.items[pk] = quantity
        for index, quantity in free_quantities.items():
            if 0 <= index < len(self.free):
                line = self.free[index]
                self.free[index] = FreeLine(line.description, line.unit_price, quantity, line.link)
        self.save()

    def remove(self, item_id: int) -> None:
        self.items.pop(item_id, None)
        self.save()

    def add_free(self, line: FreeLine) -> None:
        if len(self.free) >= MAX_FREE:
            raise ValidationError(_("At most %(max)d things not in the catalogue in one request.") % {"max": MAX_FREE})
        self.free.append(line)
        self.save()

    def remove_free(self, index: int) -> None:
        if 0 <= index < len(self.free):
            del self.free[index]
            self.save()

    def keep_draft(self, data: dict[str, Any]) -> None:
        self.draft = {name: str(data.get(name) or "")[:limit] for name, limit in DRAFT_FIELDS.items()}
        self.save()

    def clear(self) -> None:
        self.items, self.free, self.draft = {}, [], {}
        self.session.pop(SESSION_KEY, None)
        self.session.modified = True
