"""What the notifications list shows: each row's title, text, date and forms, hostile text escaped,
the links, and the same row in the HTMX "mark as read" answer."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape as django_escape
from markupsafe import escape

from .factories import NotificationFactory

LIST = reverse("notifications:list")
NOW = dt.datetime(2026, 3, 31, 10, 30, tzinfo=dt.UTC)
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def _item(html: str, pk: int) -> str:
    [item] = re.findall(rf'<li id="notification-{pk}".*?</li>', html, re.S)
    return item


@pytest.mark.parametrize("role", ["staff", "manager", "office_manager", "director"])
def test_each_role_sees_its_own_notifications_only(org, client_for, role):
    person = getattr(org, role)
    mine = NotificationFactory(recipient=person, title=f"For the {role}")
    theirs = NotificationFactory(recipient=org.colleague, title="For the colleague")
    html = client_for(person).get(LIST).content.decode()
    assert f"For the {role}" in html and f'id="notification-{mine.pk}"' in html
    assert "For the colleague" not in html and f'id="notification-{theirs.pk}"' not in html


def test_an_unread_row_with_a_link_opens_it_and_can_be_marked_read(org, client_for):
    n = NotificationFactory(recipient=org.staff, title="Leave approved", url="/leave/3/")
    html = client_for(org.staff).get(LIST, {"page": 1}).content.decode()
    item = _item(html, n.pk)
    assert 'class="list-group-item d-flex gap-3 align-items-start bg-primary-subtle"' in item
    assert 'data-read="false"' in item and '<span class="visually-hidden">Unread:</span>' in item
    open_url, read_url = reverse("notifications:open", args=[n.pk]), reverse("notifications:mark_read", args=[n.pk])
    assert f'<form method="post" action="{open_url}" class="d-inline">' in item
    assert re.search(r'<button type="submit" class="btn btn-link[^"]* fw-semibold">Leave approved</button>', item)
    assert f'action="{read_url}" hx-post="{read_url}" hx-target="#notification-{n.pk}" hx-swap="outerHTML"' in item
    assert '<input type="hidden" name="next" value="/notifications/?page=1">' in item
    # Both forms carry the page's CSRF token.
    assert item.count('name="csrfmiddlewaretoken"') == 2


def test_a_read_row_without_a_link_is_plain_text(org, client_for):
    n = NotificationFactory(recipient=org.staff, title="Welcome", url="", read_at=timezone.now())
    item = _item(client_for(org.staff).get(LIST).content.decode(), n.pk)
    assert 'data-read="true"' in item and "bg-primary-subtle" not in item
    assert "<span>Welcome</span>" in item
    assert "<form" not in item and "Mark as read" not in item and "Unread:" not in item


def test_the_text_keeps_its_line_breaks(org, client_for):
    n = NotificationFactory(recipient=org.staff, body="Line one\r\nline two\rthree\nfour")
    item = _item(client_for(org.staff).get(LIST).content.decode(), n.pk)
    assert '<p class="mb-0 small">Line one<br>line two<br>three<br>four</p>' in item


def test_the_date_reads_as_an_age_with_the_full_date_in_its_title(org, client_for):
    with time_machine.travel(NOW, tick=False):
        n = NotificationFactory(recipient=org.staff, created_at=NOW - dt.timedelta(hours=2))
        item = _item(client_for(org.staff).get(LIST).content.decode(), n.pk)
    local = timezone.localtime(n.created_at)
    assert f'<time datetime="{local.isoformat()}" title="{formats.date_format(local, "DATETIME_FORMAT")}">' in item
    assert ">2\xa0hours ago</time>" in item


@pytest.mark.parametrize("hostile", [SCRIPT, IMG])
def test_hostile_titles_and_texts_are_shown_as_text(org, client_for, hostile):
    linked = NotificationFactory(recipient=org.staff, title=hostile, body=f"{hostile}\n{hostile}", url="/me/")
    plain = NotificationFactory(recipient=org.staff, title=hostile, url="")
    client = client_for(org.staff)
    html = client.get(LIST, {"x": hostile}).content.decode()
    assert hostile not in html and "<img" not in html and "<script>alert" not in html
    assert f">{escape(hostile)}</button>" in _item(html, linked.pk)
    # The text goes through Django's linebreaksbr, which escapes with Django's escape().
    assert f'<p class="mb-0 small">{django_escape(hostile)}<br>{django_escape(hostile)}</p>' in _item(html, linked.pk)
    assert f'<span class="fw-semibold">{escape(hostile)}</span>' in _item(html, plain.pk)
    # The page's own address, sent back as "next", is escaped too.
    assert f'name="next" value="{escape(LIST + "?x=")}' in html
    partial = client.post(reverse("notifications:mark_read", args=[linked.pk]), HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert hostile not in text and f">{escape(hostile)}</button>" in text


def test_htmx_mark_read_answers_with_the_row_as_the_list_now_shows_it(org, client_for):
    n = NotificationFactory(recipient=org.staff, title="Room booked", url="/premises/", body="Room 2")
    client = client_for(org.staff)
    response = client.post(reverse("notifications:mark_read", args=[n.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    swapped = response.content.decode().strip()
    assert swapped.startswith(f'<li id="notification-{n.pk}"') and swapped.endswith("</li>")
    assert "<html" not in swapped and 'data-read="true"' in swapped and "Mark as read" not in swapped
    # Once swapped, the row is the one the list gives after a reload (the age and the masked CSRF
    # token aside, which change with each response).
    reloaded = _item(client.get(LIST).content.decode(), n.pk)

    def steady(html: str) -> str:
        return re.sub(r'<time.*?</time>|name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    assert steady(swapped) == steady(reloaded)


def test_pages_link_to_each_other(org, client_for):
    NotificationFactory.create_batch(30, recipient=org.staff)
    client = client_for(org.staff)
    first = client.get(LIST).content.decode()
    assert first.count('data-testid="notification"') == 25
    assert 'href="?page=2">Next</a>' in first and "Page 1 of 2" in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert second.count('data-testid="notification"') == 5
    assert 'href="?page=1">Previous</a>' in second


def test_mark_all_is_offered_only_while_something_is_unread(org, client_for):
    client = client_for(org.staff)
    n = NotificationFactory(recipient=org.staff)
    action = f'action="{reverse("notifications:mark_all_read")}"'
    assert action in client.get(LIST).content.decode()
    n.read_at = timezone.now()
    n.save(update_fields=["read_at"])
    assert action not in client.get(LIST).content.decode()
