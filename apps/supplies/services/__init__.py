"""Every write of the supplies app (see DESIGN.md): state changes in a transaction, checked.

- ``stock``: ``stock_move`` (the ledger's one writer, row-locked; a negative stock is refused by the
  service and by the database), ``stock_for``, ``low_stock_notice_send``;
- ``fulfilment``: ``request_fulfil`` (issue what is in stock for approved lines; ready when all is in
  hand);
- ``requests`` (staff): ``request_submit(requester, site, kind, reason, needed_by, lines, token)``
  (lines: ``LineInput`` or dicts; routed by cost: approved and fulfilled at once below the office
  manager's threshold, else waiting for the office manager, and the director above the second; the
  form's one-time ``token`` saves it once), ``request_cancel(request, by)`` (the requester or an office
  manager, until ready; what was issued is returned to stock).
"""

from apps.supplies.services.fulfilment import request_fulfil  # noqa: F401
from apps.supplies.services.stock import low_stock_notice_send, stock_for, stock_move  # noqa: F401
