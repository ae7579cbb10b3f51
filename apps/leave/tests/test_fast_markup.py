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
    '<td class="text-nowrap"><span class="leave-swatch" style="background: {{ leave_request.leave_type.colour }}">'
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
