from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from apps.core import permissions as perms
from apps.core.http import safe_next
from apps.core.ranges import parse_page

from . import selectors, services

PAGE_SIZE = 25


@require_GET
@perms.login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """My notifications, newest first, the unread ones highlighted."""
    page = selectors.my_notification_page(request.user, per_page=PAGE_SIZE, page=parse_page(request.GET.get("page")))
    return render(request, "notifications/list.html", {"page_obj": page})


@require_POST
@perms.login_required
def notification_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = perms.get_visible_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    if request.htmx:
        context = {"notifications": [selectors.notification_row(notification)]}
        return render(request, "notifications/partials/_rows.html", context)
    messages.success(request, _("Notification marked as read."))
    return redirect(safe_next(request, request.POST.get("next", "")) or "notifications:list")


@require_POST
@perms.login_required
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
        % {"count": count},
    )
    return redirect("notifications:list")


@require_POST
@perms.login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points (a page of this site only)."""
    notification = perms.get_visible_or_404(selectors.notifications_for(request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect(safe_next(request, notification.url) or "notifications:list")


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def outbox(request: HttpRequest) -> HttpResponse:
    """The e-mails not delivered yet, failed ones first with their error, for the office manager."""
    rows = selectors.outbox_undelivered(request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(parse_page(request.GET.get("page")))
    return render(
        request, "notifications/outbox.html", {"page_obj": page, "counts": selectors.outbox_counts(request.user)}
    )


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    row = perms.get_visible_or_404(selectors.outbox_visible_to(request.user), pk=pk)
    try:
        services.email_outbox_retry(outbox=row)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The e-mail to %(to)s is being sent again.") % {"to": row.to})
    return redirect("notifications:outbox")
