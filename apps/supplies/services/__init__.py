"""Every write of the supplies app (see DESIGN.md): state changes in a transaction, checked.

- ``stock``: ``stock_move`` (the ledger's one writer, row-locked; a negative stock is refused by the
  service and by the database), ``stock_for``, ``low_stock_notice_send``, and on top of it the office
  manager's ``stock_receive``, ``stock_adjust`` and ``stock_settings_update``;
- ``inventory``: ``inventory_count_apply`` (a site's counted figures become its stock, in one
  transaction, once per form);
- ``catalogue``: ``item_create``, ``item_update``, ``item_archive``, ``item_restore`` (office manager; the
  photo checked and thumbnailed, a duplicate name the name field's error even under a race);
- ``imports``: ``catalogue_import_stage``, ``check_rows``, ``catalogue_import_confirm`` (all rows or none,
  idempotent);
- ``requests`` (staff): ``request_submit(requester, site, kind, reason, needed_by, lines, token)``
  (lines: ``LineInput`` or dicts; routed by cost: approved and fulfilled at once below the office
  manager's threshold, else waiting for the office manager, and the director above the second; the
  form's one-time ``token`` saves it once), ``request_cancel(request, by)`` (the requester or an office
  manager, until ready; what was issued is returned to stock);
- ``approvals``: ``request_decide`` (the office manager, then the director above the second
  threshold; all, some lines, or refuse with a reason), ``may_decide``, ``supply_settings_update``;
- ``fulfilment``: ``request_fulfil`` (issue what is in stock for approved lines; ready when all is in
  hand); ``request_issue`` (the office manager's "issue what is in stock now"),
  ``request_line_arrived``, ``request_delivered``;
- ``equipment``: ``equipment_create``, ``equipment_update``, ``equipment_assign``, ``equipment_return``
  (the people app's onboarding and offboarding; what a person holds is
  ``selectors.equipment.equipment_held_by``), ``equipment_problem_report``,
  ``equipment_warranty_reminders``.
"""

from apps.supplies.services.approvals import may_decide, request_decide, supply_settings_update  # noqa: F401
from apps.supplies.services.fulfilment import (  # noqa: F401
    request_delivered,
    request_fulfil,
    request_issue,
    request_line_arrived,
)
from apps.supplies.services.inventory import inventory_count_apply  # noqa: F401
from apps.supplies.services.stock import (  # noqa: F401
    low_stock_notice_send,
    stock_adjust,
    stock_for,
    stock_move,
    stock_receive,
    stock_settings_update,
)
