"""Every write of the supplies app (see DESIGN.md): state changes in a transaction, checked.

- ``stock``: ``stock_move`` (the ledger's one writer, row-locked; a negative stock is refused by the
  service and by the database), ``stock_for``, ``low_stock_notice_send``;
- ``fulfilment``: ``request_fulfil`` (issue what is in stock for approved lines; ready when all is in
  hand);
- ``equipment``: ``equipment_create``, ``equipment_update``, ``equipment_assign``, ``equipment_return``
  (the people app's onboarding and offboarding; what a person holds is
  ``selectors.equipment.equipment_held_by``), ``equipment_problem_report``,
  ``equipment_warranty_reminders``.
"""

from apps.supplies.services.fulfilment import request_fulfil  # noqa: F401
from apps.supplies.services.stock import low_stock_notice_send, stock_for, stock_move  # noqa: F401
