"""“My balances” shows paid leave as a payslip does (acquired, being acquired), and the figure of
days available to take agrees with the sentence under it: days being acquired count only when the
policy lets people take them in advance (congés par anticipation)."""

import datetime as dt
import html
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from apps.leave import selectors
from apps.leave.models import LeaveType
from apps.leave.tests.test_pages import element

D = dt.date


def cp_balance(person):
    return next(b for b in selectors.balances_for(person, on=D(2026, 3, 2)) if b.leave_type.code == "CP")


def page(client):
    response = client.get(reverse("leave:my_leave"))
    assert response.status_code == 200
    return response.content.decode()


def cell(body: str, testid: str) -> str:
    """The paid-leave (CP) row's cell."""
    name = html.escape(LeaveType.objects.get(code="CP").name)
    row = next(row for row in body.split("<tr>") if name in row.split("</th>")[0])
    element(row, "td", **{"data-testid": testid})  # exactly one
    return row.split(f'data-testid="{testid}">')[1].split("<")[0]


def test_acquired_and_being_acquired_add_up_to_the_balance_and_count_with_anticipation(
    org, cp, credit, policy, clock, client_for
):
    credit(org.staff, cp, 12, period=D(2024, 6, 1))  # acquired (earned before 1 June 2025)
    credit(org.staff, cp, Decimal("7.5"), period=D(2025, 6, 1))  # being acquired since 1 June 2025
    balance = cp_balance(org.staff)
    assert (balance.acquired_left, balance.being_acquired_left, balance.balance) == (
        12,
        Decimal("7.5"),
        Decimal("19.5"),
    )
    assert balance.available == Decimal("19.5")
    body = page(client_for(org.staff))
    assert (cell(body, "acquired"), cell(body, "being-acquired"), cell(body, "available")) == ("12", "7.5", "19.5")
    assert "so they count in the days available to take" in body
    assert "become available at the start of the next reference period" not in body


def test_without_anticipation_days_being_acquired_are_not_available_and_the_page_says_so(
    org, cp, credit, policy, clock, client_for
):
    policy.allow_anticipation = False
    policy.save()
    credit(org.staff, cp, 12, period=D(2024, 6, 1))
    credit(org.staff, cp, Decimal("7.5"), period=D(2025, 6, 1))
    assert cp_balance(org.staff).available == 12
    body = page(client_for(org.staff))
    assert (cell(body, "balance"), cell(body, "available")) == ("19.5", "12")
    assert "so they do not count yet in the days available to take" in body


def test_the_french_page_names_acquis_and_en_cours_d_acquisition(org, cp, credit, policy, clock, client_for):
    org.staff.language = "fr"
    org.staff.save(update_fields=["language"])
    credit(org.staff, cp, 12, period=D(2024, 6, 1))
    with translation.override("fr"):
        body = page(client_for(org.staff))
    text = html.unescape(body)
    assert ">Acquis<" in text and ">En cours d'acquisition<" in text
