"""The authorisation matrix: what each role gets for every URL of the project.

Read by ``test_authorization_matrix.py``. How to declare a URL:

- ``MATRIX`` maps ``"<namespace:name> [param=object ...]"`` to the GET answer of each role, in the
  order of ``ROLES`` (anonymous, staff, outsider = staff of another team, manager of staff's team,
  office manager, director, superuser). Objects are named in ``authz_world.py``; ``*_of_staff``
  belongs to staff (their own, their manager's team's), ``*_of_outsider`` to someone else.
  Declare one line per object where the owner changes the answer.
  A query string may follow (``"leave:calendar_events ?start=...&end=..."``).
- Answers: ``login`` (redirect to the login page), ``admin-login``, or a status code: ``200``,
  ``302`` (a redirect elsewhere, e.g. "not waiting for your decision"), ``403`` (wrong role),
  ``404`` (someone else's object), ``405`` (GET on a POST-only endpoint). ``a|b`` accepts both.
- POST: each role whose GET answer is a refusal (login, 403, 404) also POSTs (with ``POST_DATA``
  and a valid CSRF token) and must get the same refusal, or 405, with nothing changed in the
  database. A POST-only endpoint (GET 405 for all) lists in ``POSTS`` the answer each refused role
  gets; ``-`` marks a role allowed to post (its behaviour is tested by the app's own tests).
- Where today's behaviour is wrong, the matrix says what is right (the test fails until fixed):
  see the ``RIGHT ANSWER`` comments.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

ROLES = ("anon", "staff", "outsider", "manager", "office", "director", "admin")
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
REFUSALS = {LOGIN, "403", "404"}

# Django admin, declared as a group: the index and each registered model's changelist are tried.
ADMIN_NAMESPACE = "admin"
ADMIN_ANSWERS = dict(zip(ROLES, [ADMIN_LOGIN] * 6 + ["200"], strict=True))

# fmt: off
MATRIX = {
    # url name and objects                               anon     staff    outsider manager  office   director admin
    # --- core
    "core:home":                                        "login    302      302      302      302      302      302",
    "core:my_space":                                    "login    200      200      200      200      200      200",
    "core:inbox":                                       "login    200      200      200      200      200      200",
    "core:healthz":                                     "200      200      200      200      200      200      200",
    "bench:floor":                                      "login    200      200      200      200      200      200",
    "bench:floor_anonymous":                            "200      200      200      200      200      200      200",
    # --- accounts
    "accounts:login":                                   "200      302      302      302      302      302      302",
    "accounts:logout":                                  "405      405      405      405      405      405      405",
    "accounts:password_change":                         "login    200      200      200      200      200      200",
    "accounts:password_change_done":                    "login    200      200      200      200      200      200",
    "accounts:password_reset":                          "200      200      200      200      200      200      200",
    "accounts:password_reset_done":                     "200      200      200      200      200      200      200",
    "accounts:password_reset_confirm uidb64=staff_uid token=staff_token":
                                                        "302      302      302      302      302      302      302",
    "accounts:password_reset_complete":                 "200      200      200      200      200      200      200",
    "accounts:profile":                                 "login    200      200      200      200      200      200",
    "accounts:language":                                "405      405      405      405      405      405      405",
    "accounts:company":                                 "login    403      403      403      200      403      200",
    "accounts:company_logo":                            "login    200      200      200      200      200      200",
    "accounts:site_list":                               "login    403      403      403      200      403      403",
    "accounts:site_create":                             "login    403      403      403      200      403      403",
    "accounts:site_edit pk=site":                       "login    403      403      403      200      403      403",
    "accounts:team_list":                               "login    403      403      403      200      403      403",
    "accounts:team_create":                             "login    403      403      403      200      403      403",
    "accounts:team_edit pk=team":                       "login    403      403      403      200      403      403",
    "accounts:user_list":                               "login    403      403      403      200      403      403",
    "accounts:user_create":                             "login    403      403      403      200      403      403",
    "accounts:user_edit pk=staff":                      "login    403      403      403      200      403      403",
    "accounts:user_edit pk=director":                   "login    403      403      403      200      403      403",
    "accounts:user_unlock pk=staff":                    "405      405      405      405      405      405      405",
    # --- notifications
    "notifications:list":                               "login    200      200      200      200      200      200",
    "notifications:mark_all_read":                      "405      405      405      405      405      405      405",
    "notifications:mark_read pk=notification_of_staff": "405      405      405      405      405      405      405",
    "notifications:open pk=notification_of_staff":      "405      405      405      405      405      405      405",
    "notifications:outbox":                             "login    403      403      403      200      403      403",
    "notifications:outbox_retry pk=outbox_email":       "405      405      405      405      405      405      405",
    # --- dashboard, agenda
    "dashboard:index":                                  "login    403      403      403      200      403      403",
    "agenda:index":                                     "login    403      403      403      200      200      403",
    # --- leave: the person's side
    "leave:my_leave":                                   "login    200      200      200      200      200      200",
    "leave:request_create":                             "login    200      200      200      200      200      200",
    "leave:request_preview":                            "405      405      405      405      405      405      405",
    "leave:request_detail pk=leave_of_staff":           "login    200      404      200      200      200      200",
    "leave:request_detail pk=leave_of_outsider":        "login    404      200      404      200      200      200",
    "leave:request_detail pk=sick_leave_of_staff":      "login    200      404      200      200      200      200",
    # Health and family certificates: the person and the office manager only (issue #10). The
    # superuser holds the office manager's rights throughout the app (and sees every row in the
    # Django admin anyway), so they are counted with the office manager here.
    "leave:request_document pk=sick_leave_of_staff":    "login    200      404      404      200      404      200",
    "leave:request_document pk=bereavement_of_staff":   "login    200      404      404      200      404      200",
    "leave:request_document pk=leave_of_staff":         "login    404      404      404      404      404      404",
    # --- leave: decisions
    "leave:request_approve pk=leave_of_staff":          "405      405      405      405      405      405      405",
    "leave:request_refuse pk=leave_of_staff":           "login    302      404      200      200      302      200",
    "leave:request_refuse pk=leave_of_outsider":        "login    404      302      404      200      302      200",
    "leave:request_cancel pk=leave_of_staff":           "405      405      405      405      405      405      405",
    "leave:cancellation_confirm pk=cancellation_of_staff":
                                                        "405      405      405      405      405      405      405",
    "leave:cancellation_decline pk=cancellation_of_staff":
                                                        "login    302      404      200      200      302      200",
    "leave:cancellation_decline pk=leave_of_outsider":  "login    404      302      404      200      302      200",
    "leave:deputy_list":                                "login    403      403      200      200      200      403",
    "leave:deputy_delete pk=deputy_of_manager":         "405      405      405      405      405      405      405",
    # --- leave: calendar
    "leave:calendar":                                   "login    200      200      200      200      200      200",
    "leave:calendar_events ?start=2026-03-01&end=2026-04-12":
                                                        "login    200      200      200      200      200      200",
    # --- leave: office manager
    "leave:balance_list":                               "login    403      403      403      200      403      403",
    "leave:balance_import":                             "login    403      403      403      200      403      403",
    "leave:balance_adjust person_pk=staff":             "login    403      403      403      200      403      403",
    "leave:type_list":                                  "login    403      403      403      200      403      403",
    "leave:type_create":                                "login    403      403      403      200      403      403",
    "leave:type_edit pk=leave_type":                    "login    403      403      403      200      403      403",
    "leave:policy":                                     "login    403      403      403      200      403      403",
    "leave:payroll_export":                             "login    403      403      403      200      403      403",
    # --- premises: bookings
    "premises:day":                                     "login    200      200      200      200      200      200",
    "premises:site_day site_pk=site":                   "login    200      200      200      200      200      200",
    "premises:find_room":                               "login    200      200      200      200      200      200",
    "premises:booking_new":                             "login    200      200      200      200      200      200",
    "premises:my_bookings":                             "login    200      200      200      200      200      200",
    "premises:booking_detail pk=booking_of_staff":      "login    200      404      404      200      404      404",
    "premises:booking_detail pk=booking_of_outsider":   "login    404      200      404      200      404      404",
    "premises:booking_move pk=booking_of_staff":        "405      405      405      405      405      405      405",
    "premises:booking_cancel pk=booking_of_staff":      "405      405      405      405      405      405      405",
    "premises:booking_approve pk=booking_of_staff":     "405      405      405      405      405      405      405",
    "premises:booking_refuse pk=booking_of_staff":      "login    403      403      403      200      403      403",
    "premises:approvals":                               "login    403      403      403      200      403      403",
    "premises:room_block":                              "login    403      403      403      200      403      403",
    # --- premises: floor plans
    "premises:floor_plan pk=floor":                     "login    200      200      200      200      200      200",
    "premises:floor_plan_image pk=floor":               "login    200      200      200      200      200      200",
    "premises:floor_plan_edit pk=floor":                "login    403      403      403      200      403      403",
    "premises:floor_plan_position pk=floor":            "405      405      405      405      405      405      405",
    # --- premises: spaces (office manager)
    "premises:spaces":                                  "login    403      403      403      200      403      403",
    "premises:site_spaces site_pk=site":                "login    403      403      403      200      403      403",
    "premises:site_settings site_pk=site":              "login    403      403      403      200      403      403",
    "premises:floor_new site_pk=site":                  "login    403      403      403      200      403      403",
    "premises:floor_edit pk=floor":                     "login    403      403      403      200      403      403",
    "premises:room_new site_pk=site":                   "login    403      403      403      200      403      403",
    "premises:room_edit pk=room":                       "login    403      403      403      200      403      403",
    "premises:room_toggle pk=room":                     "405      405      405      405      405      405      405",
    "premises:desk_new site_pk=site":                   "login    403      403      403      200      403      403",
    "premises:desk_edit pk=desk":                       "login    403      403      403      200      403      403",
    "premises:desk_toggle pk=desk":                     "405      405      405      405      405      405      405",
    # --- premises: safety and hygiene register
    "premises:register":                                "login    403      403      403      200      200      403",
    "premises:register_site site_pk=site":              "login    403      403      403      200      200      403",
    "premises:register_pdf":                            "login    403      403      403      200      200      403",
    "premises:register_pdf_site site_pk=site":          "login    403      403      403      200      200      403",
    "premises:register_item_new site_pk=site":          "login    403      403      403      200      403      403",
    "premises:register_standard_items site_pk=site":    "405      405      405      405      405      405      405",
    "premises:register_item pk=register_item":          "login    403      403      403      200      200      403",
    "premises:register_item_edit pk=register_item":     "login    403      403      403      200      403      403",
    "premises:record_new pk=register_item":             "login    403      403      403      200      403      403",
    "premises:record_report pk=check_record":           "login    403      403      403      200      200      403",
    # --- premises: repair tickets
    "premises:ticket_list":                             "login    403      403      403      200      403      403",
    "premises:my_tickets":                              "login    200      200      200      200      200      200",
    "premises:ticket_new":                              "login    200      200      200      200      200      200",
    "premises:ticket_detail pk=ticket_of_staff":        "login    200      404      404      200      404      404",
    "premises:ticket_detail pk=ticket_of_outsider":     "login    404      200      404      200      404      404",
    "premises:ticket_triage pk=ticket_of_staff":        "405      405      405      405      405      405      405",
    "premises:ticket_transition pk=ticket_of_staff":    "405      405      405      405      405      405      405",
    "premises:ticket_comment pk=ticket_of_staff":       "405      405      405      405      405      405      405",
    "premises:ticket_photo pk=ticket_of_staff":         "login    200      404      404      200      404      404",
    "premises:ticket_photo pk=ticket_of_outsider":      "login    404      200      404      200      404      404",
    # --- supplies: stock, inventory counts, what to reorder (office manager)
    "supplies:item_stock pk=stock_item":                "login    403      403      403      200      403      403",
    "supplies:stock_receive pk=stock_item site_pk=site":
                                                        "405      405      405      405      405      405      405",
    "supplies:stock_adjust pk=stock_item site_pk=site": "405      405      405      405      405      405      405",
    "supplies:stock_settings pk=stock_item site_pk=site":
                                                        "405      405      405      405      405      405      405",
    "supplies:inventory":                               "login    403      403      403      200      403      403",
    "supplies:inventory_count site_pk=site":            "login    403      403      403      200      403      403",
    "supplies:inventory_count_detail pk=inventory_count":
                                                        "login    403      403      403      200      403      403",
    "supplies:reorder":                                 "login    403      403      403      200      403      403",
    # --- supplies: catalogue (office manager; the photos of active items for everyone signed in)
    "supplies:item_list":                               "login    403      403      403      200      403      403",
    "supplies:item_new":                                "login    403      403      403      200      403      403",
    "supplies:item_detail pk=catalogue_item":           "login    403      403      403      200      403      403",
    "supplies:item_edit pk=catalogue_item":             "login    403      403      403      200      403      403",
    "supplies:item_archive pk=catalogue_item":          "405      405      405      405      405      405      405",
    "supplies:item_photo pk=catalogue_item":            "login    200      200      200      200      200      200",
    "supplies:item_thumbnail pk=catalogue_item":        "login    200      200      200      200      200      200",
    "supplies:item_photo pk=archived_item":             "login    404      404      404      200      404      404",
    "supplies:item_thumbnail pk=archived_item":         "login    404      404      404      200      404      404",
    "supplies:catalogue_import":                        "login    403      403      403      200      403      403",
    "supplies:catalogue_export":                        "login    403      403      403      200      403      403",
    # --- supplies: equipment register
    "supplies:equipment_list":                          "login    403      403      403      200      403      403",
    "supplies:equipment_new":                           "login    403      403      403      200      403      403",
    "supplies:equipment_labels":                        "login    403      403      403      200      403      403",
    "supplies:my_equipment":                            "login    200      200      200      200      200      200",
    "supplies:equipment_detail pk=equipment_of_staff":  "login    200      404      404      200      404      404",
    "supplies:equipment_detail pk=equipment_of_outsider":
                                                        "login    404      200      404      200      404      404",
    "supplies:equipment_edit pk=equipment_of_staff":    "login    403      403      403      200      403      403",
    "supplies:equipment_assign pk=equipment_in_stock":  "405      405      405      405      405      405      405",
    "supplies:equipment_return pk=equipment_of_staff":  "405      405      405      405      405      405      405",
    "supplies:equipment_report pk=equipment_of_staff":  "login    200      404      404      200      404      404",
    "supplies:equipment_report pk=equipment_of_outsider":
                                                        "login    404      200      404      200      404      404",
    # --- supplies: staff requests
    "supplies:shop":                                    "login    200      200      200      200      200      200",
    "supplies:basket":                                  "login    200      200      200      200      200      200",
    "supplies:basket_add":                              "405      405      405      405      405      405      405",
    "supplies:basket_update":                           "405      405      405      405      405      405      405",
    "supplies:request_submit":                          "405      405      405      405      405      405      405",
    "supplies:my_requests":                             "login    200      200      200      200      200      200",
    "supplies:request_cancel pk=supply_request_of_staff":
                                                        "405      405      405      405      405      405      405",
    "supplies:equipment_request":                       "login    200      200      200      200      200      200",
    # --- supplies: office requests (staff see their own, 404 otherwise; the director those above the
    # second threshold; the queue and the thresholds are the office manager's)
    "supplies:request_queue":                           "login    403      403      403      200      403      403",
    "supplies:request_detail pk=supply_request_of_staff":
                                                        "login    200      404      404      200      404      404",
    "supplies:request_detail pk=supply_request_of_outsider":
                                                        "login    404      200      404      200      404      404",
    "supplies:request_detail pk=supply_request_for_director":
                                                        "login    200      404      404      200      200      404",
    "supplies:request_decide pk=supply_request_of_staff":
                                                        "405      405      405      405      405      405      405",
    "supplies:request_approve pk=supply_request_of_staff":
                                                        "405      405      405      405      405      405      405",
    "supplies:request_refuse pk=supply_request_of_staff":
                                                        "login    403      403      403      302      404      403",
    "supplies:request_refuse pk=supply_request_for_director":
                                                        "login    403      403      403      302      302      403",
    "supplies:request_refuse pk=supply_request_of_outsider":
                                                        "login    403      403      403      302      404      403",
    "supplies:request_issue pk=approved_supply_request":
                                                        "405      405      405      405      405      405      405",
    "supplies:request_line_arrived pk=approved_supply_request line_pk=approved_supply_line":
                                                        "405      405      405      405      405      405      405",
    "supplies:request_delivered pk=ready_supply_request":
                                                        "405      405      405      405      405      405      405",
    "supplies:settings":                                "login    403      403      403      200      403      403",
    # --- supplier directory (office manager only; another supplier's contact or log entry is a 404)
    "suppliers:list":                                   "login    403      403      403      200      403      403",
    "suppliers:create":                                 "login    403      403      403      200      403      403",
    "suppliers:detail pk=supplier":                     "login    403      403      403      200      403      403",
    "suppliers:edit pk=supplier":                       "login    403      403      403      200      403      403",
    "suppliers:archive pk=supplier":                    "405      405      405      405      405      405      405",
    "suppliers:restore pk=supplier":                    "405      405      405      405      405      405      405",
    "suppliers:delete pk=directory_supplier_with_orders":
                                                        "405      405      405      405      405      405      405",
    "suppliers:contact_create pk=supplier":             "login    403      403      403      200      403      403",
    "suppliers:contact_edit pk=supplier contact_pk=directory_contact":
                                                        "login    403      403      403      200      403      403",
    "suppliers:contact_edit pk=directory_other_supplier contact_pk=directory_contact":
                                                        "login    403      403      403      404      403      403",
    "suppliers:contact_delete pk=supplier contact_pk=directory_contact":
                                                        "405      405      405      405      405      405      405",
    "suppliers:log pk=supplier":                        "login    403      403      403      200      403      403",
    "suppliers:log_done pk=supplier entry_pk=directory_log_entry":
                                                        "405      405      405      405      405      405      405",
    "suppliers:ratings pk=supplier":                    "login    403      403      403      200      403      403",
    # --- supplier invoices (the office manager's only)
    "purchasing:invoice_list":                          "login    403      403      403      200      403      403",
    "purchasing:invoice_create":                        "login    403      403      403      200      403      403",
    "purchasing:invoice_detail pk=invoice_unpaid":      "login    403      403      403      200      403      403",
    "purchasing:invoice_edit pk=invoice_unpaid":        "login    403      403      403      200      403      403",
    "purchasing:invoice_file pk=invoice_unpaid":        "login    403      403      403      200      403      403",
    "purchasing:invoice_paid pk=invoice_unpaid":        "405      405      405      405      405      405      405",
    # --- purchase orders (the office manager writes; the director reads and approves the large ones)
    "purchasing:order_list":                            "login    403      403      403      200      200      403",
    "purchasing:order_create":                          "login    403      403      403      200      403      403",
    "purchasing:order_detail pk=po_draft":              "login    403      403      403      200      200      403",
    "purchasing:order_detail pk=po_sent":               "login    403      403      403      200      200      403",
    "purchasing:order_edit pk=po_draft":                "login    403      403      403      200      403      403",
    "purchasing:order_lines pk=po_draft":               "login    403      403      403      200      403      403",
    "purchasing:order_submit pk=po_draft":              "405      405      405      405      405      405      405",
    "purchasing:order_approve pk=po_awaiting":          "405      405      405      405      405      405      405",
    "purchasing:order_refuse pk=po_awaiting":           "login    403      403      403      403      302      403",
    "purchasing:order_send pk=po_draft":                "405      405      405      405      405      405      405",
    "purchasing:order_cancel pk=po_draft":              "405      405      405      405      405      405      405",
    "purchasing:order_close pk=po_sent":                "405      405      405      405      405      405      405",
    "purchasing:order_pdf pk=po_sent":                  "login    403      403      403      200      200      403",
    # --- budgets (the office manager's; the director reads the budget page) and the accountant's exports
    "purchasing:budgets":                               "login    403      403      403      200      200      403",
    "purchasing:budgets ?year=0&chart=abc":             "login    403      403      403      200      200      403",
    "purchasing:budget_create":                         "login    403      403      403      200      403      403",
    "purchasing:budget_edit pk=budget":                 "login    403      403      403      200      403      403",
    "purchasing:exports":                               "login    403      403      403      200      403      403",
    "purchasing:export_invoices_csv ?start=2026-01-01&end=2026-12-31":
                                                        "login    403      403      403      200      403      403",
    "purchasing:export_fec ?start=2026-01-01&end=2026-12-31":
                                                        "login    403      403      403      200      403      403",
    "purchasing:accounts":                              "login    403      403      403      200      403      403",
    # --- compliance (office manager only; unknown documents and contracts 404)
    "suppliers:compliance":                             "login    403      403      403      200      403      403",
    "suppliers:contract_list":                          "login    403      403      403      200      403      403",
    "suppliers:documents pk=supplier":                  "login    403      403      403      200      403      403",
    "suppliers:document_file pk=supplier document_pk=compliance_document":
                                                        "login    403      403      403      200      403      403",
    "suppliers:contracts pk=supplier":                  "login    403      403      403      200      403      403",
    "suppliers:contract_edit pk=supplier contract_pk=compliance_contract":
                                                        "login    403      403      403      200      403      403",
    "suppliers:contract_terminate pk=supplier contract_pk=compliance_contract":
                                                        "login    403      403      403      200      403      403",
    # --- receiving
    "purchasing:order_receive pk=receiving_order":      "login    403      403      403      200      403      403",
    "purchasing:order_receive pk=receiving_draft":      "login    403      403      403      200      403      403",
    "purchasing:from_requests":                         "login    403      403      403      200      403      403",
    "purchasing:from_reorder":                          "login    403      403      403      200      403      403",
    # --- quotes (issue #15): the list, a draft and its lines, an issued quote
    "quotes:quote_list":                                "login    403      403      403      200      200      403",
    "quotes:quote_list ?page=999999999&year=9999&status=nope&client=abc":
                                                        "login    403      403      403      200      200      403",
    "quotes:quote_create":                              "login    403      403      403      200      403      403",
    "quotes:quote_create ?client=99999999999999999":    "login    403      403      403      200      403      403",
    "quotes:quote_detail pk=quote_draft":               "login    403      403      403      200      200      403",
    "quotes:quote_detail pk=quote_issued":              "login    403      403      403      200      200      403",
    "quotes:quote_detail pk=quote_unknown":             "login    403      403      403      404      404      403",
    "quotes:quote_edit pk=quote_draft":                 "login    403      403      403      200      403      403",
    "quotes:quote_edit pk=quote_issued":                "login    403      403      403      302      403      403",
    "quotes:quote_totals pk=quote_draft ?line-quantity=3&line-unit_price=0.335":
                                                        "login    403      403      403      200      403      403",
    "quotes:quote_line_edit pk=quote_draft line_pk=quote_line":
                                                        "login    403      403      403      200      403      403",
    "quotes:quote_line_edit pk=quote_draft line_pk=quote_issued_line":
                                                        "login    403      403      403      404      403      403",
    "quotes:quote_line_add pk=quote_draft":             "405      405      405      405      405      405      405",
    "quotes:quote_line_catalogue pk=quote_draft":       "405      405      405      405      405      405      405",
    "quotes:quote_line_delete pk=quote_draft line_pk=quote_line":
                                                        "405      405      405      405      405      405      405",
    "quotes:quote_line_move pk=quote_draft line_pk=quote_line":
                                                        "405      405      405      405      405      405      405",
    "quotes:quote_duplicate pk=quote_issued":           "405      405      405      405      405      405      405",
    "quotes:quote_delete pk=quote_draft":               "405      405      405      405      405      405      405",
    # --- invoices to clients (quotes app)
    "quotes:invoice_list":                              "login    403      403      403      200      200      403",
    "quotes:invoice_list ?tab=overdue&page=99999999999&client=x":
                                                        "login    403      403      403      200      200      403",
    "quotes:invoice_detail pk=client_invoice":          "login    403      403      403      200      200      403",
    "quotes:invoice_detail pk=client_invoice_draft":    "login    403      403      403      200      200      403",
    "quotes:invoice_pdf pk=client_invoice":             "login    403      403      403      200      200      403",
    "quotes:invoice_pdf pk=client_invoice_draft":       "login    403      403      403      200      200      403",
    "quotes:invoice_edit pk=client_invoice_draft":      "login    403      403      403      200      403      403",
    "quotes:credit_note_create pk=client_invoice":      "login    403      403      403      200      403      403",
    "quotes:invoice_create_from_quote pk=quote_to_invoice":
                                                        "405      405      405      405      405      405      405",
    "quotes:invoice_issue pk=client_invoice_draft":     "405      405      405      405      405      405      405",
    "quotes:invoice_send pk=client_invoice":            "405      405      405      405      405      405      405",
    "quotes:invoice_payment pk=client_invoice":         "405      405      405      405      405      405      405",
    "quotes:invoice_delete pk=client_invoice_draft":    "405      405      405      405      405      405      405",
}

# POST-only endpoints: the answer each refused role gets ("-": allowed, not tried here).
POSTS = {
    # url name and objects                               anon     staff    outsider manager  office   director admin
    "accounts:logout":                                  "-        -        -        -        -        -        -",
    "accounts:language":                                "-        -        -        -        -        -        -",
    "accounts:user_unlock pk=staff":                    "login    403      403      403      -        403      403",
    "notifications:mark_all_read":                      "login    -        -        -        -        -        -",
    "notifications:mark_read pk=notification_of_staff": "login    -        404      404      404      404      404",
    "notifications:open pk=notification_of_staff":      "login    -        404      404      404      404      404",
    "notifications:outbox_retry pk=outbox_email":       "login    403      403      403      -        403      403",
    "leave:request_preview":                            "login    -        -        -        -        -        -",
    "leave:request_approve pk=leave_of_staff":          "login    403      404      -        -        403      -",
    "leave:request_cancel pk=leave_of_staff":           "login    -        404      403      -        403      -",
    "leave:cancellation_confirm pk=cancellation_of_staff":
                                                        "login    403      404      -        -        403      -",
    "leave:deputy_delete pk=deputy_of_manager":         "login    403      403      -        -        404      403",
    "premises:booking_move pk=booking_of_staff":        "login    -        404      404      -        404      404",
    "premises:booking_cancel pk=booking_of_staff":      "login    -        404      404      -        404      404",
    "premises:booking_approve pk=booking_of_staff":     "login    403      403      403      -        403      403",
    "premises:floor_plan_position pk=floor":            "login    403      403      403      -        403      403",
    "premises:room_toggle pk=room":                     "login    403      403      403      -        403      403",
    "premises:desk_toggle pk=desk":                     "login    403      403      403      -        403      403",
    "premises:register_standard_items site_pk=site":    "login    403      403      403      -        403      403",
    "premises:ticket_triage pk=ticket_of_staff":        "login    403      403      403      -        403      403",
    "premises:ticket_transition pk=ticket_of_staff":    "login    -        404      404      -        404      404",
    "premises:ticket_comment pk=ticket_of_staff":       "login    -        404      404      -        404      404",
    "supplies:stock_receive pk=stock_item site_pk=site":
                                                        "login    403      403      403      -        403      403",
    "supplies:stock_adjust pk=stock_item site_pk=site": "login    403      403      403      -        403      403",
    "supplies:stock_settings pk=stock_item site_pk=site":
                                                        "login    403      403      403      -        403      403",
    "supplies:item_archive pk=catalogue_item":          "login    403      403      403      -        403      403",
    "supplies:equipment_assign pk=equipment_in_stock":  "login    403      403      403      -        403      403",
    "supplies:equipment_return pk=equipment_of_staff":  "login    403      403      403      -        403      403",
    "supplies:basket_add":                              "login    -        -        -        -        -        -",
    "supplies:basket_update":                           "login    -        -        -        -        -        -",
    "supplies:request_submit":                          "login    -        -        -        -        -        -",
    "supplies:request_cancel pk=supply_request_of_staff":
                                                        "login    -        404      404      -        404      404",
    "supplies:request_decide pk=supply_request_of_staff":
                                                        "login    403      403      403      -        404      403",
    "supplies:request_approve pk=supply_request_of_staff":
                                                        "login    403      403      403      -        404      403",
    "supplies:request_issue pk=approved_supply_request":
                                                        "login    403      403      403      -        403      403",
    "supplies:request_line_arrived pk=approved_supply_request line_pk=approved_supply_line":
                                                        "login    403      403      403      -        403      403",
    "supplies:request_delivered pk=ready_supply_request":
                                                        "login    403      403      403      -        403      403",
    # --- supplier directory
    "suppliers:archive pk=supplier":                    "login    403      403      403      -        403      403",
    "suppliers:restore pk=supplier":                    "login    403      403      403      -        403      403",
    "suppliers:delete pk=directory_supplier_with_orders":
                                                        "login    403      403      403      -        403      403",
    "suppliers:contact_delete pk=supplier contact_pk=directory_contact":
                                                        "login    403      403      403      -        403      403",
    "suppliers:log_done pk=supplier entry_pk=directory_log_entry":
                                                        "login    403      403      403      -        403      403",
    # --- supplier invoices
    "purchasing:invoice_paid pk=invoice_unpaid":        "login    403      403      403      -        403      403",
    # --- purchase orders
    "purchasing:order_submit pk=po_draft":              "login    403      403      403      -        403      403",
    "purchasing:order_approve pk=po_awaiting":          "login    403      403      403      403      -        403",
    "purchasing:order_send pk=po_draft":                "login    403      403      403      -        403      403",
    "purchasing:order_cancel pk=po_draft":              "login    403      403      403      -        403      403",
    "purchasing:order_close pk=po_sent":                "login    403      403      403      -        403      403",
    # --- quotes
    "quotes:quote_line_add pk=quote_draft":             "login    403      403      403      -        403      403",
    "quotes:quote_line_catalogue pk=quote_draft":       "login    403      403      403      -        403      403",
    "quotes:quote_line_delete pk=quote_draft line_pk=quote_line":
                                                        "login    403      403      403      -        403      403",
    "quotes:quote_line_move pk=quote_draft line_pk=quote_line":
                                                        "login    403      403      403      -        403      403",
    "quotes:quote_duplicate pk=quote_issued":           "login    403      403      403      -        403      403",
    "quotes:quote_delete pk=quote_draft":               "login    403      403      403      -        403      403",
    # --- invoices to clients (quotes app)
    "quotes:invoice_create_from_quote pk=quote_to_invoice":
                                                        "login    403      403      403      -        403      403",
    "quotes:invoice_issue pk=client_invoice_draft":     "login    403      403      403      -        403      403",
    "quotes:invoice_send pk=client_invoice":            "login    403      403      403      -        403      403",
    "quotes:invoice_payment pk=client_invoice":         "login    403      403      403      -        403      403",
    "quotes:invoice_delete pk=client_invoice_draft":    "login    403      403      403      -        403      403",
}
# fmt: on

# Form data posted by refused roles, per case key or URL name: a valid write for the office manager
# (``test_post_data_would_write`` proves it), so a check removed from a view shows as a change.
# A callable gets the objects of authz_world.py.
_SITE = {"address": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "is_active": "on"}
_PERSON = {"last_name": "Posted", "language": "en", "is_active": "on"}
POST_DATA = {
    "accounts:site_create": {"name": "Posted site", **_SITE},
    "accounts:site_edit": {"name": "Renamed site", **_SITE},
    "accounts:team_create": {"name": "Posted team"},
    "accounts:team_edit": lambda o: {"name": "Renamed team", "manager": o["team"].manager_id, "site": o["site"].pk},
    "accounts:user_create": {"email": "posted@test.fr", "first_name": "Posted", **_PERSON},
    "accounts:user_edit pk=staff": lambda o: {"email": o["staff"].email, "first_name": "Renamed", **_PERSON},
    "leave:request_refuse pk=leave_of_staff": {"reason": "Posted refusal"},
    "leave:request_refuse pk=leave_of_outsider": {"reason": "Posted refusal"},
    "leave:cancellation_decline pk=cancellation_of_staff": {"comment": "Posted"},
    "premises:ticket_comment": {"body": "Posted comment"},
    "premises:room_new": lambda o: {"floor": o["floor"].pk, "name": "Posted room", "capacity": 4, "is_active": "on"},
    "premises:desk_new": lambda o: {"floor": o["floor"].pk, "label": "Posted desk", "is_active": "on"},
    "premises:floor_new": {"name": "Posted floor", "level": 7},
    "supplies:stock_receive": {"quantity": "3", "note": "Posted delivery"},
    "supplies:stock_adjust": {"quantity": "1", "reason": "Posted adjustment"},
    "supplies:stock_settings": {"reorder_threshold": "4", "reorder_quantity": "12"},
    "supplies:inventory_count": lambda o: {"token": str(uuid.uuid4()), f"counted_{o['stock_item'].pk}": "2"},
    "supplies:item_new": {
        "name": "Posted item",
        "category": "paper",
        "unit": "ream",
        "unit_price": "4.20",
        "vat_rate": "20.00",
        "is_active": "on",
    },
    "supplies:item_edit": {
        "name": "Renamed item",
        "category": "paper",
        "unit": "ream",
        "unit_price": "4.20",
        "vat_rate": "20.00",
        "is_active": "on",
    },
    "supplies:item_archive": {"active": "0"},
    "supplies:equipment_new": {"kind": "laptop", "model": "Posted item", "state": "in_stock"},
    "supplies:equipment_edit": lambda o: {
        "asset_tag": o["equipment_of_staff"].asset_tag,
        "kind": "laptop",
        "model": "Renamed item",
    },
    "supplies:equipment_assign": lambda o: {"person": o["staff"].pk},
    "supplies:equipment_return": {"state": "in_repair"},
    "supplies:equipment_report": {"description": "Posted problem", "urgency": "normal"},
    "supplies:request_decide": {"action": "approve_all"},
    "supplies:request_refuse pk=supply_request_of_outsider": {"reason": "Posted refusal"},
    "supplies:settings": {"auto_approve_below": "60", "director_above": "600", "pickup_place": "Posted"},
    # --- supplier directory
    "suppliers:create": {"name": "Posted supplier", "country": "FR", "payment_days": "30"},
    "suppliers:edit": {"name": "Renamed supplier", "country": "FR", "payment_days": "30"},
    "suppliers:contact_create": {"name": "Posted contact"},
    "suppliers:contact_edit pk=supplier contact_pk=directory_contact": {"name": "Renamed contact"},
    "suppliers:log": {"kind": "call", "happened_on": "2026-03-02", "summary": "Posted entry"},
    "suppliers:ratings": {"quality": "4", "delay": "3", "price": "5", "rated_on": "2026-03-02"},
    # --- supplier invoices
    "purchasing:invoice_create": lambda o: _invoice_post(o, step="save", token=str(uuid.uuid4()), number="FA-POSTED"),
    "purchasing:invoice_edit": lambda o: _invoice_post(o, number="FA-RENAMED"),
    "purchasing:invoice_paid": {"paid_on": "2026-03-02"},
    # --- purchase orders
    "purchasing:order_create": lambda o: {"supplier": o["supplier"].pk, "site": o["site"].pk, "notes": "Posted"},
    "purchasing:order_edit": lambda o: {"supplier": o["supplier"].pk, "site": o["site"].pk, "notes": "Renamed"},
    "purchasing:order_lines": {
        "description": "Posted line",
        "quantity": "2",
        "unit_price": "3.10",
        "vat_rate": "20.00",
        "category": "supplies",
    },
    # --- quotes (issue #15)
    "quotes:quote_create": lambda o: {
        "client": o["quote_client"].pk,
        "subject": "Posted quote",
        "validity_days": "30",
        "token": str(uuid.uuid4()),
    },
    "quotes:quote_edit pk=quote_draft": lambda o: {
        "client": o["quote_client"].pk,
        "subject": "Renamed quote",
        "validity_days": "30",
        "discount_percent": "5",
    },
    "quotes:quote_line_edit pk=quote_draft line_pk=quote_line": {
        "line-description": "Renamed line",
        "line-quantity": "3",
        "line-unit_price": "100",
        "line-vat_rate": "20.00",
    },
    "quotes:quote_line_add pk=quote_draft": {
        "form": "item",
        "line-description": "Posted line",
        "line-quantity": "1.5",
        "line-unit_price": "80",
        "line-vat_rate": "10.00",
    },
    "quotes:quote_line_catalogue pk=quote_draft": lambda o: {
        "cat-entry": o["quote_catalogue_entry"].pk,
        "cat-quantity": "2",
    },
    "quotes:quote_line_move pk=quote_draft line_pk=quote_line": {"direction": "down"},
    "quotes:quote_duplicate pk=quote_issued": {},
    # --- invoices to clients (quotes app)
    "quotes:invoice_edit": {"subject": "Renamed invoice"},
    "quotes:credit_note_create": lambda o: {"token": str(uuid.uuid4()), "full": "on"},
    "quotes:invoice_create_from_quote": lambda o: {"kind": "final", "token": str(uuid.uuid4())},
    "quotes:invoice_payment": lambda o: {
        "paid_on": "2026-03-02",
        "amount": "10.00",
        "method": "transfer",
        "token": str(uuid.uuid4()),
    },
    # --- budgets
    "purchasing:budget_create": lambda o: {"year": o["budget"].year, "category": "cleaning", "amount": "100"},
    "purchasing:budget_edit pk=budget": lambda o: {
        "year": o["budget"].year,
        "category": "supplies",
        "site": o["budget"].site_id,
        "amount": "6000",
        "note": "Posted",
    },
    "purchasing:accounts": {
        **{f"account_{c}": "6064" for c in ("supplies", "cleaning", "it", "maintenance", "catering")},
        **{f"account_{c}": "6068" for c in ("security", "furniture", "energy", "services", "other")},
        **{f"label_{c}": "Posted" for c in ("supplies", "cleaning", "it", "maintenance", "catering")},
        **{f"label_{c}": "Posted" for c in ("security", "furniture", "energy", "services", "other")},
        "journal_code": "HA",
        "journal_label": "Achats",
        "supplier_account": "401",
        "vat_account": "44566",
    },
}


def _invoice_post(objects, **fields) -> dict:
    """A valid supplier invoice form (with its VAT per rate), posted as is."""
    return {
        "supplier": objects["supplier"].pk,
        "kind": "invoice",
        "issued_on": "2026-02-10",
        "due_on": "2026-03-12",
        "total_excl_vat": "100.00",
        "total_vat": "20.00",
        "total_incl_vat": "120.00",
        "category": "supplies",
        "vat-TOTAL_FORMS": "1",
        "vat-INITIAL_FORMS": "0",
        "vat-0-rate": "20",
        "vat-0-base": "100.00",
        "vat-0-vat": "20.00",
        **fields,
    }


# --- parsing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    name: str
    params: dict[str, str] = field(default_factory=dict)
    query: str = ""
    answers: tuple[str, ...] = ()


def parse_key(key: str, answers: str = "") -> Case:
    """``"name param=object ... [?query]"`` and its answers, one per role."""
    name, *rest = key.split()
    query = next((token for token in rest if token.startswith("?")), "")
    params = dict(token.split("=", 1) for token in rest if not token.startswith("?"))
    tokens = tuple(answers.split())
    if answers and len(tokens) != len(ROLES):
        raise ValueError(f"{key!r}: {len(tokens)} answers for {len(ROLES)} roles")
    return Case(key=key, name=name, params=params, query=query, answers=tokens)


def route_params(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def example_params(route: str) -> str:
    return "".join(f" {param}=<object in authz_world.py>" for param in route_params(route))


CASES = [parse_key(key, answers) for key, answers in MATRIX.items()]


def post_data(case: Case, objects: dict) -> dict:
    data = POST_DATA.get(case.key, POST_DATA.get(case.name, {}))
    return data(objects) if callable(data) else data


def post_attempts():
    """(case, role, expected answer) of every POST the matrix tries."""
    for case in CASES:
        if case.key in POSTS:
            for role, expected in zip(ROLES, POSTS[case.key].split(), strict=True):
                if expected != "-":
                    yield case, role, expected
            continue
        for role, got in zip(ROLES, case.answers, strict=True):
            if got in REFUSALS:
                yield case, role, f"{got}|405"
