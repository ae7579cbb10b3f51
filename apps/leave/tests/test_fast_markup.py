"""The request rows written in Python (leave_request_rows) are what the template partials wrote."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from apps.leave.models import LeaveRequest, LeaveStatus, LeaveType
from apps.leave.templatetags.leave_extras import leave_request_rows

D = dt.date

# The row template the tag replaces, kept here to compare with.
OLD_ROWS = (
    "{% load leave_extras %}{% for leave_request in requests %}"
    '<tr data-testid="request-row">'
    "<td><a href=\"{% url 'leave:request_detail' leave_request.pk %}\">"
    '{% include "leave/partials/_dates.html" %}</a></td>'
    '<td class="text-nowrap"><span class="leave-swatch" data-style="background: {{ leave_request.leave_type.colour }}">'
    "</span> {{ leave_request.leave_type.name }}</td>"
    '<td class="text-end">{{ leave_request.days|days }}</td>'
    '<td>{% include "leave/partials/_status_badge.html" %}</td>'
    "</tr>{% endfor %}"
)


def _squeeze(html: str) -> str:
    """The same markup whatever the line breaks and indentation between tags."""
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


def _requests() -> list[LeaveRequest]:
    leave_type = LeaveType(name='Congés <b>"payés"</b> & RTT', colour="#123abc")
    bounds = [
        (D(2026, 5, 4), "morning", D(2026, 5, 8), "afternoon"),
        (D(2026, 5, 4), "afternoon", D(2026, 5, 8), "morning"),
        (D(2026, 11, 30), "afternoon", D(2026, 12, 1), "afternoon"),
        (D(2026, 6, 1), "morning", D(2026, 6, 1), "afternoon"),
        (D(2026, 6, 1), "afternoon", D(2026, 6, 1), "afternoon"),
        (D(2026, 6, 1), "morning", D(2026, 6, 1), "morning"),
    ]
    requests = []
    for pk, (start, start_half, end, end_half) in enumerate(bounds, start=1):
        for status in LeaveStatus.values:
            requests.append(
                LeaveRequest(
                    pk=pk * 10 + len(requests),
                    leave_type=leave_type,
                    start_date=start,
                    start_half=start_half,
                    end_date=end,
                    end_half=end_half,
                    days="2.5",
                    status=status,
                )
            )
    return requests


@pytest.mark.parametrize("language", ["en", "fr"])
def test_request_rows_are_the_template_s(language):
    requests = _requests()
    with translation.override(language):
        old = Template(OLD_ROWS).render(Context({"requests": requests}))
        assert _squeeze(leave_request_rows(requests)) == _squeeze(old)


def test_request_rows_escape_the_type_name():
    html = leave_request_rows(_requests()[:1])
    assert "<b>" not in html and "Congés &lt;b&gt;&quot;payés&quot;&lt;/b&gt; &amp; RTT" in html


# The partial markup the Python-written tags replace, kept here to compare with.
OLD_BALANCE_ROWS = (
    "{% load leave_extras %}{% for balance in balances %}<tr>"
    '<th scope="row" class="text-nowrap">'
    '<span class="leave-swatch" data-style="background: {{ balance.leave_type.colour }}">'
    "</span> {{ balance.leave_type.name }}</th>"
    '<td class="text-end">{{ balance.acquired|days }}</td>'
    '<td class="text-end">{{ balance.being_acquired|days }}</td>'
    '<td class="text-end">{{ balance.taken|days }}</td>'
    '<td class="text-end">{{ balance.pending|days }}</td>'
    '<td class="text-end fw-semibold{% if balance.balance < 0 %} text-danger{% endif %}">'
    "{{ balance.balance|days }}</td>"
    '<td class="text-end{% if balance.balance_after_pending < 0 %} text-danger{% endif %}">'
    "{{ balance.balance_after_pending|days }}</td>"
    "</tr>{% endfor %}"
)
OLD_FIELD = (
    '{% load i18n %}<div class="mb-3">'
    '{% if field.widget_type == "checkbox" %}'
    '<div class="form-check">{{ field }} '
    '<label class="form-check-label" for="{{ field.id_for_label }}">{{ field.label }}</label></div>'
    "{% else %}"
    '<label class="form-label" for="{{ field.id_for_label }}">{{ field.label }}'
    '{% if field.field.required %} <span class="text-danger" aria-hidden="true">*</span>{% endif %}</label>'
    "{{ field }}"
    "{% endif %}"
    '{% if field.help_text %}<div class="form-text">{{ field.help_text }}</div>{% endif %}'
    '{% for error in field.errors %}<div class="invalid-feedback d-block">{{ error }}</div>{% endfor %}'
    "</div>"
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_balance_rows_are_the_template_s(language):
    from decimal import Decimal

    from apps.leave.selectors import Balance

    leave_type = LeaveType(name='Congés <b>"payés"</b>', colour="#123abc")
    balances = [
        Balance(leave_type, Decimal(a), Decimal(b), Decimal(t), Decimal(p), Decimal(total))
        for a, b, t, p, total in [
            ("25", "2.08", "3", "0", "22"),
            ("2.5", "0", "10", "1.5", "-1.25"),
            ("0", "0", "0", "2", "1"),
        ]
    ]
    with translation.override(language):
        old = Template(OLD_BALANCE_ROWS).render(Context({"balances": balances}))
        new = Template("{% load leave_extras %}{% balance_rows balances %}").render(Context({"balances": balances}))
    assert _squeeze(new) == _squeeze(old)
    assert "&lt;b&gt;" in new and "text-danger" in new


def _forms(user, data=None):
    from apps.leave.forms import DeputyForm, LeavePolicyForm, LeaveRequestForm
    from apps.leave.models import LeavePolicy

    return [
        LeaveRequestForm(data, user=user),
        DeputyForm(data, user=user),
        LeavePolicyForm(data, instance=LeavePolicy.load()),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("bound", [False, True])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_fields_and_widgets_are_django_s(org, bound, language):
    """The form_field tag and the Python-written widgets write what _field.html and Django's
    widget templates wrote, empty, filled and with errors."""
    from django import forms

    data = {"start_date": "2026-06-10", "end_date": "2026-06-01", "comment": 'a <b>"x"</b> & y'} if bound else None
    for form in _forms(org.office_manager, data):
        if bound:
            form.is_valid()
        for field in form:
            widget = field.field.widget
            with translation.override(language):
                new = Template("{% load leave_extras %}{% form_field field %}").render(Context({"field": field}))
                # The same field rendered by Django's own widget class and templates.
                plain = next(k for k in type(widget).__mro__ if k.__module__.startswith("django.forms"))
                if plain is not type(widget) and not isinstance(widget, forms.Select):
                    fast = widget.render(field.html_name, field.value(), field.build_widget_attrs({}, widget))
                    slow = plain.render(widget, field.html_name, field.value(), field.build_widget_attrs({}, widget))
                    assert _squeeze(fast) == _squeeze(slow), field.name
                old = Template(OLD_FIELD).render(Context({"field": field}))
            assert _squeeze(new) == _squeeze(old), field.name
