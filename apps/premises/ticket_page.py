"""The office manager's ticket queue page, rendered again only when the tickets or the people change.

The queue is the office manager's work list, reopened all day, and tickets change a few times a day:
the page's content (the filters, one page of rows, the pager) is kept per office manager and query
string until the premises or the people's data changes (``apps.core.stamps``). The rows show dates,
never an age, so they do not go stale with the clock. The filter form is a GET form: no form token.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from apps.core import roles, stamps
from apps.core.ranges import parse_page
from apps.core.reversing import url_scope
from apps.premises import ui_selectors
from apps.premises.forms import TicketFilterForm
from apps.premises.ticket_queue import TicketQueue

TICKETS_PER_PAGE = 30
DEPENDS_ON = ("premises", "accounts")


def ticket_list_content(request: HttpRequest) -> SafeString:
    user = request.user
    stamps.snapshot(user)  # before the sites are read (the filter's choices)
    query = tuple(sorted((name, tuple(values)) for name, values in request.GET.lists()))
    url_name = getattr(request.resolver_match, "url_name", None)
    key = ("premises.ticket_list", stamps.user_key(user), query, url_name, timezone.localdate(), url_scope())
    return stamps.cached_read(user, DEPENDS_ON, key, lambda: _render(request))


def _render(request: HttpRequest) -> SafeString:
    user = request.user
    form = TicketFilterForm(request.GET or None, sites=ui_selectors.visible_sites(user))
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    tickets = TicketQueue(
        user,
        status=filters.get("status", ""),
        urgency=filters.get("urgency", ""),
        site_id=filters.get("site"),
        page_size=TICKETS_PER_PAGE,
    )
    page = Paginator(tickets, TICKETS_PER_PAGE).get_page(parse_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "request": request,  # the premises menu's active tab
        "roles": {role: user.has_role(role) for role in (roles.OFFICE_MANAGER, roles.DIRECTOR)},
        "form": form,
        "page": page,
        "query": query.urlencode(),
    }
    return mark_safe(render_to_string("premises/tickets/_list_content.html", context))  # a template's output
