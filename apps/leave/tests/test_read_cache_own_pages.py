"""A person's own leave pages through the read cache (apps/core/cache.py): “my leave”, the request
form's choices and the leave cards of “my space” are read again only after a write to what they
show, and each viewer keeps their own."""

import datetime as dt
import html as markup
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.leave import services
from apps.leave.forms import LeaveRequestForm
from apps.leave.models import LeaveType
from apps.leave.views import requests as views

D = dt.date


@pytest.fixture(autouse=True)
def _english(read_cache, org):
    User.objects.update(language="en")


def _get(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _balance_cells(html: str) -> list[str]:
    section = html.split('id="balances-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<td[^>]*>\s*([^<]*?)\s*</td>", section)


def test_my_leave_is_kept_until_a_request_or_the_ledger_changes(org, leave, cp, client_for, commit):
    staff = client_for(org.staff)
    _, first = _get(staff, "/leave/")
    html, repeat = _get(staff, "/leave/")
    assert repeat < first
    assert "No leave planned." in html
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    html, _ = _get(staff, "/leave/")
    assert f"/leave/requests/{request.pk}/" in html and "No leave planned." not in html
    cells = _balance_cells(html)
    with commit():
        services.leave_balance_adjust(
            person=org.staff, leave_type=cp, days=Decimal(2), reason="Correction", by=org.office_manager
        )
    assert _balance_cells(_get(staff, "/leave/")[0]) != cells
    assert "Cancelled" not in html
    with commit():
        services.leave_request_cancel(request=request, by=org.staff)
    assert "Cancelled" in _get(staff, "/leave/")[0]


def test_my_leave_is_each_viewers_own(org, leave, client_for, commit):
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    assert f"/leave/requests/{request.pk}/" in _get(client_for(org.staff), "/leave/")[0]
    html = _get(client_for(org.colleague), "/leave/")[0]
    assert f"/leave/requests/{request.pk}/" not in html and "No leave planned." in html


def _options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, f"no {name} select"
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group())
    return [(value, markup.unescape(label)) for value, label in options]


def _form_options(user, name: str) -> list[tuple[str, str]]:
    """The choices the form's own querysets give (what the kept ones must equal)."""
    field = LeaveRequestForm(user=user).fields[name]
    return [(str(value), str(label)) for value, label in field.choices]


def test_the_request_forms_choices_are_kept_until_a_person_or_a_type_changes(org, cp, client_for, commit):
    office = client_for(org.office_manager)
    html, first = _get(office, "/leave/new/")
    again, repeat = _get(office, "/leave/new/")
    assert repeat < first
    assert _options(again, "person") == _options(html, "person") == _form_options(org.office_manager, "person")
    assert _options(html, "leave_type") == _form_options(org.office_manager, "leave_type")
    with commit():
        newcomer = UserFactory(email="newcomer@test.fr", first_name="Nora", last_name="Newcomer")
    assert (str(newcomer.pk), "Nora Newcomer (newcomer@test.fr)") in _options(_get(office, "/leave/new/")[0], "person")
    with commit():
        LeaveType.objects.filter(pk=cp.pk).update(active=False)
    assert str(cp.pk) not in dict(_options(_get(office, "/leave/new/")[0], "leave_type"))


def test_the_request_form_keeps_the_people_for_the_office_manager_only(org, client_for):
    assert _options(_get(client_for(org.office_manager), "/leave/new/")[0], "person")
    html = _get(client_for(org.staff), "/leave/new/")[0]
    assert '<select name="person"' not in html
    assert _options(html, "leave_type") == _form_options(org.staff, "leave_type")


def test_a_request_sent_with_kept_choices_still_validates_and_keeps_what_was_chosen(org, cp, client_for):
    office = client_for(org.office_manager)
    _get(office, "/leave/new/")  # the choices are kept
    response = office.post(
        "/leave/new/",
        {"person": org.staff.pk, "leave_type": cp.pk, "start_date": "2026-03-06", "end_date": "2026-03-04"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The end date is before the start date." in html
    assert re.search(rf'<option value="{org.staff.pk}"[^>]*selected', html)
    assert re.search(rf'<option value="{cp.pk}"[^>]*selected', html)
    response = office.post("/leave/new/", {"person": 999999, "leave_type": cp.pk})
    assert "Select a valid choice" in response.content.decode()


def _card(html: str, title: str) -> str:
    found = re.search(rf"{title}(?:</a>)?</h2>.*?<p class=\"display-6[^>]*>([^<]+)</p>", html, re.S)
    assert found, f"no {title} card"
    return found.group(1).strip()


def test_my_space_leave_cards_are_kept_until_a_request_changes(org, leave, client_for, commit):
    staff = client_for(org.staff)
    html, first = _get(staff, "/me/")
    assert _card(html, "My pending leave requests") == "0"
    html, repeat = _get(staff, "/me/")
    assert repeat < first and _card(html, "My pending leave requests") == "0"
    with commit():
        request = leave(org.staff, D(2026, 3, 4), D(2026, 3, 4))
    assert _card(_get(staff, "/me/")[0], "My pending leave requests") == "1"
    assert _card(_get(client_for(org.colleague), "/me/")[0], "My pending leave requests") == "0"
    with commit():
        services.leave_request_cancel(request=request, by=org.staff)
    assert _card(_get(client_for(org.staff), "/me/")[0], "My pending leave requests") == "0"


def test_a_request_across_midnight_keeps_its_lists_under_the_day_they_were_split_on(
    org, leave, clock, client_for, commit, monkeypatch
):
    """My leave splits the requests on the view's today; rendered after midnight, its fragments are
    kept under that day, not the next one."""
    with commit():
        ending_today = leave(org.staff, dt.date(2026, 3, 2), dt.date(2026, 3, 2))
        later = leave(org.staff, dt.date(2026, 3, 16), dt.date(2026, 3, 16))
    paris = dt.timezone(dt.timedelta(hours=1))
    clock.move_to(dt.datetime(2026, 3, 2, 23, 59, 58, tzinfo=paris))
    client = client_for(org.staff)
    render = views.render

    def render_after_midnight(*args, **kwargs):
        clock.move_to(dt.datetime(2026, 3, 3, 0, 0, 1, tzinfo=paris))
        return render(*args, **kwargs)

    monkeypatch.setattr(views, "render", render_after_midnight)
    first = client.get("/leave/")
    assert first.status_code == 200  # the view splits on 2 March, the fragment is keyed 3 March
    monkeypatch.setattr(views, "render", render)
    second = client.get("/leave/")
    assert second.status_code == 200
    body = second.content.decode()  # 3 March: the request of 2 March is past
    upcoming = body.split('id="upcoming-title"', 1)[1].split("</section>", 1)[0]
    assert f"/leave/requests/{later.pk}/" in upcoming
    assert f"/leave/requests/{ending_today.pk}/" not in upcoming
