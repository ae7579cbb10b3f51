"""Every write of the supplies app (see DESIGN.md): state changes in a transaction, checked.

- ``stock``: ``stock_move`` (the ledger's one writer, row-locked; a negative stock is refused by the
  service and by the database), ``stock_for``, ``low_stock_notice_send``;
- ``fulfilment``: ``request_fulfil`` (issue what is in stock for approved lines; ready when all is in
  hand); ``request_issue`` (the office manager's "issue what is in stock now"),
  ``request_line_arrived``, ``request_delivered``;
- ``approvals``: ``request_decide`` (the office manager, then the director above the second
  threshold; all, some lines, or refuse with a reason), ``may_decide``, ``supply_settings_update``.
"""

from apps.supplies.services.approvals import may_decide, request_decide, supply_settings_update  # noqa: F401
from apps.supplies.services.fulfilment import (  # noqa: F401
    request_delivered,
    request_fulfil,
    request_issue,
    request_line_arrived,
)
from apps.supplies.services.stock import low_stock_notice_send, stock_for, stock_move  # noqa: F401
