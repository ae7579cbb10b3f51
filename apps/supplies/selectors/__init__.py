"""Every read of the supplies app, scoped to what the user may see, in a number of queries that does not
grow with the data.

Requests (``requests.py``)
- ``requests_visible_to(user)``: their own; every one for an office manager; for a director those
  needing them, the office managers' and their own; ``request_for_page(user, pk)`` (404 otherwise)
- ``request_queue(user, tab=, awaiting=, site_id=, search=)``, ``queue_page(...)``: the office
  manager's queue with the tabs' counts (three queries)
- ``request_page(request, with_stock=)``: lines, totals asked and approved, history
- ``awaiting_decision_of(user)``, ``pending_rows(user)``: what waits for this user's decision (the inbox)
- ``office_figures()``: the dashboard's requests waiting and to prepare
"""
