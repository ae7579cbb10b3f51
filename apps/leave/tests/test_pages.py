"""What the leave pages show (Jinja2 templates and templates/leave/_macros.html): the content each
role gets, the links, the HTMX preview partial, the form fields, and hostile text (a person's name,
a type's name, a comment, a reason) shown as text, never as markup."""

import datetime as dt
import html
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
import pytest
from django.urls import reverse

from apps.leave import services
from apps.leave.models import LeaveType

D = dt.date
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def assert_shown_as_text(body: str, text: str) -> None:
    """``text`` is on the page, escaped (by Jinja2 or by Django's linebreaksbr), and never as markup."""
    assert markupsafe.escape(text) in body or html.escape(text) in body, text
    assert text not in body
    assert "<script>alert(1)" not in body and "<img src=x" not in body


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(body: str, tag: str, **wanted: str) -> list[dict[str, str]]:
    """The attributes of each ``tag`` element whose attributes include ``wanted`` (``class_`` is
    ``class``, ``aria_current`` is ``aria-current``)."""
    parser = _Elements()
    parser.feed(body)
    return [
        attrs
        for name, attrs in parser.found
        if name == tag and all(attrs.get(key.rstrip("_").replace("_", "-")) == value for key, value in wanted.items())
    ]


def element(body: str, tag: str, **wanted: str) -> dict[str, str]:
    found = elements(body, tag, **wanted)
    assert len(found) == 1, (tag, wanted, found)
    return found[0]


def get(client, name: str, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def hostile(org, cp):
    """Staff named with markup, and the paid-leave type renamed with markup."""
    org.staff.first_name, org.staff.last_name = IMG, SCRIPT
    org.staff.save(update_fields=["first_name", "last_name"])
    cp.name = f"CP {SCRIPT}"
    cp.save(update_fields=["name"])
    return org


@pytest.fixture
def hostile_request(hostile, leave, cp):
    """Staff's request of 4 May (morning) to 6 May (noon), 2.5 days, with a hostile comment."""
    leave_request = leave(hostile.staff, D(2026, 5, 4), D(2026, 5, 6), end_half="morning")
    leave_request.comment = f"{SCRIPT}\n{IMG}"
    leave_request.save(update_fields=["comment"])
    return leave_request


# --- My leave ---------------------------------------------------------------------------------------


def test_my_leave_lists_my_requests_with_their_dates_days_status_and_link(hostile_request, client_for):
    body = get(client_for(hostile_request.person), "leave:my_leave")
    detail = reverse("leave:request_detail", args=[hostile_request.pk])
    link = element(body, "a", href=detail)
    assert link is not None
    assert "Mon 4 May 2026 – Wed 6 May 2026 (morning)</a>" in body
    assert '<td class="text-end">2.5</td>' in body
    assert 'data-testid="status">Pending</span>' in body
    assert body.count('data-testid="request-row"') == 1
    assert_shown_as_text(body, f"CP {SCRIPT}")  # in the row and in the balance table
    assert body.count(str(markupsafe.escape(f"CP {SCRIPT}"))) == 2


def test_my_leave_shows_the_balances_with_negatives_in_red(org, policy, clock, credit, cp, client_for):
    credit(org.staff, cp, "-1.5")
    body = get(client_for(org.staff), "leave:my_leave")
    table = body[body.index('data-testid="balances"') :]
    assert '<td class="text-end fw-semibold text-danger" data-testid="available">-1.5</td>' in table
    assert '<td class="text-end d-none d-sm-table-cell text-danger" data-testid="balance">-1.5</td>' in table
    assert "No leave balance yet." not in body


def test_my_leave_without_anything_says_so(org, policy, clock, client_for):
    body = get(client_for(org.staff), "leave:my_leave")
    assert "No leave planned." in body and "No past leave." in body
    assert element(body, "a", href=reverse("leave:request_create"), class_="btn btn-primary")


def test_staff_see_neither_the_office_tabs_nor_the_deputies(org, policy, clock, client_for):
    body = get(client_for(org.staff), "leave:my_leave")
    assert 'aria-label="Leave administration"' not in body
    assert "My deputies" not in body and reverse("leave:deputy_list") not in body


def test_a_manager_sees_their_deputies_named_as_text(hostile, policy, clock, client_for):
    services.deputy_create(
        person=hostile.manager, deputy=hostile.staff, start=D(2026, 3, 2), end=D(2026, 3, 20), by=hostile.manager
    )
    body = get(client_for(hostile.manager), "leave:my_leave")
    assert "My deputies" in body and element(body, "a", href=reverse("leave:deputy_list"))
    assert_shown_as_text(body, f"{IMG} {SCRIPT} decides for you from 2 March 2026 to 20 March 2026")


def test_the_office_manager_gets_the_tabs_with_the_current_one_marked(org, policy, clock, client_for):
    client = client_for(org.office_manager)
    body = get(client, "leave:my_leave")
    for name in ("balance_list", "balance_import", "type_list", "policy", "payroll_export", "deputy_list"):
        tab = element(body, "a", href=reverse(f"leave:{name}"))
        assert "active" not in tab["class"].split() and "aria-current" not in tab
    body = get(client, "leave:type_list")
    current = element(body, "a", href=reverse("leave:type_list"), aria_current="page")
    assert "active" in current["class"].split()
    assert len(elements(body, "a", aria_current="page")) == 1


# --- A request's page and the decision form --------------------------------------------------------


def test_the_request_page_shows_the_owner_their_comment_as_text_and_a_cancel_button(hostile_request, client_for):
    body = get(client_for(hostile_request.person), "leave:request_detail", hostile_request.pk)
    assert "My leave request" in body
    assert_shown_as_text(body, SCRIPT)
    assert_shown_as_text(body, IMG)
    assert "<br>" in body.split('data-testid="days"')[1]  # the comment's line break
    assert f"CP {markupsafe.escape(SCRIPT)}</dd>" in body
    assert element(body, "form", action=reverse("leave:request_cancel", args=[hostile_request.pk]))
    assert 'data-testid="approve"' not in body
    assert 'data-testid="days">2.5 days</dd>' in body


def test_the_approver_sees_the_name_as_text_and_the_decision_forms(hostile_request, client_for):
    body = get(client_for(hostile_request.person.team.manager), "leave:request_detail", hostile_request.pk)
    assert_shown_as_text(body, f"Leave request of {IMG} {SCRIPT}")
    pk = hostile_request.pk
    assert element(body, "form", action=reverse("leave:request_approve", args=[pk]))
    refuse = body[body.index(f'action="{reverse("leave:request_refuse", args=[pk])}"') :]
    assert element(refuse, "textarea", name="reason")["class"].split()[:1] == ["form-control"]
    assert 'name="csrfmiddlewaretoken"' in refuse
    assert 'data-testid="cancel"' not in body
    assert "Waiting for" in body  # the open step


def test_a_refusal_reason_and_a_step_comment_are_shown_as_text(hostile_request, client_for, org):
    services.leave_request_refuse(request=hostile_request, by=org.manager, reason=f"{IMG}\nnon")
    body = get(client_for(org.staff), "leave:request_detail", hostile_request.pk)
    assert_shown_as_text(body, IMG)
    assert 'data-testid="status">Refused</span>' in body
    assert '<span class="badge text-bg-danger">Refused</span>' in body  # the step's decision


def test_an_approval_comment_is_shown_as_text(hostile_request, client_for, org):
    services.leave_request_approve(request=hostile_request, by=org.manager, comment=SCRIPT)
    body = get(client_for(org.staff), "leave:request_detail", hostile_request.pk)
    assert f"“{markupsafe.escape(SCRIPT)}”" in body
    assert '<span class="badge text-bg-success">Approved</span>' in body


def test_the_decision_form_names_the_person_and_goes_back_to_next(hostile_request, client_for):
    client = client_for(hostile_request.person.team.manager)
    body = get(client, "leave:request_refuse", hostile_request.pk, next="/inbox/")
    assert_shown_as_text(body, f"{IMG} {SCRIPT}")
    assert "From Monday 4 May to the morning of Wednesday 6 May 2026 (back in the afternoon) · 2.5 days" in body
    assert element(body, "input", type="hidden", name="next", value="/inbox/")
    assert element(body, "a", href="/inbox/", class_="btn btn-outline-secondary")
    body = get(client, "leave:request_refuse", hostile_request.pk)
    assert element(body, "a", href=reverse("leave:request_detail", args=[hostile_request.pk]))


def test_the_decision_form_marks_a_missing_reason(hostile_request, client_for):
    client = client_for(hostile_request.person.team.manager)
    response = client.post(reverse("leave:request_refuse", args=[hostile_request.pk]), {"reason": ""})
    body = response.content.decode()
    reason = element(body, "textarea", name="reason")
    assert "is-invalid" in reason["class"].split() and reason["aria-invalid"] == "true"
    assert "This field is required." in body


# --- The request form and its HTMX preview ---------------------------------------------------------


def test_the_request_form_renders_bootstrap_fields_and_the_empty_preview(org, policy, clock, client_for, cp):
    body = get(client_for(org.staff), "leave:request_create")
    assert element(body, "select", name="leave_type")["class"] == "form-select"
    assert element(body, "option", value=str(cp.pk)) is not None
    start = element(body, "input", name="start_date")
    assert start["type"] == "date" and start["class"] == "form-control"
    assert element(body, "textarea", name="comment")["rows"] == "2"
    assert element(body, "input", name="document")["accept"] == ".pdf,.jpg,.jpeg,.png"
    assert '<label class="form-label" for="id_leave_type">Type of leave <span class="text-danger"' in body
    assert "PDF, JPEG or PNG, 5 MB at most." in body  # the help text
    preview = element(body, "aside", id="leave-preview")
    assert preview["hx-post"] == reverse("leave:request_preview") and preview["hx-include"] == "#leave-form"
    assert "Choose the type of leave and the dates" in body


def test_a_rejected_request_marks_the_fields_and_keeps_the_input(org, policy, clock, client_for, cp):
    data = {"leave_type": cp.pk, "start_date": "2026-05-08", "end_date": "2026-05-04", "comment": SCRIPT}
    response = client_for(org.staff).post(reverse("leave:request_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    end = element(body, "input", name="end_date")
    assert "is-invalid" in end["class"].split() and end["aria-invalid"] == "true" and end["value"] == "2026-05-04"
    assert "The end date is before the start date." in body
    assert_shown_as_text(body, SCRIPT)  # the comment typed comes back, as text


def test_the_preview_partial_shows_the_days_and_the_balance_after(hostile, policy, clock, credit, cp, client_for):
    credit(hostile.staff, cp, 25)
    data = {
        "leave_type": cp.pk,
        "start_date": "2026-05-04",
        "start_half": "morning",
        "end_date": "2026-05-06",
        "end_half": "morning",
    }
    response = client_for(hostile.staff).post(reverse("leave:request_preview"), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body and "<nav" not in body
    assert body.lstrip().startswith('<div class="card-body" data-testid="preview">')
    assert 'data-testid="preview-days">2.5</span>' in body and "days counted" in body
    assert 'data-testid="preview-balance-after">22.5</dd>' in body
    assert_shown_as_text(body, f"CP {SCRIPT} available")
    assert "The request can be sent." in body


def test_the_preview_shows_a_date_error_once_both_dates_are_typed(org, policy, clock, cp, client_for):
    client = client_for(org.staff)
    data = {"leave_type": cp.pk, "start_date": "2026-05-08", "end_date": "2026-05-04"}
    body = client.post(reverse("leave:request_preview"), data).content.decode()
    assert "The end date is before the start date." in body and "preview-days" not in body
    body = client.post(reverse("leave:request_preview"), {"leave_type": cp.pk, "start_date": "2026-05-08"})
    assert b"alert-danger" not in body.content


# --- The office manager's pages ---------------------------------------------------------------------


def test_the_balance_list_links_each_person_to_their_balances(hostile, policy, clock, credit, cp, client_for):
    credit(hostile.staff, cp, "12.5")
    client = client_for(hostile.office_manager)
    body = get(client, "leave:balance_list")
    adjust = reverse("leave:balance_adjust", args=[hostile.staff.pk])
    assert len(elements(body, "a", href=adjust)) == 2  # the name and the “Adjust” button
    assert_shown_as_text(body, f"{IMG} {SCRIPT}")
    assert_shown_as_text(body, f"CP {SCRIPT}")  # a column group
    assert '<td class="text-end border-start">12.5</td>' in body
    assert element(body, "input", name="q")["type"] == "search"
    partial = client.get(reverse("leave:balance_list"), {"q": "staff@"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and partial.count('data-testid="balance-row"') == 1
    assert_shown_as_text(partial, f"{IMG} {SCRIPT}")
    nobody = client.get(reverse("leave:balance_list"), {"q": "nobody-at-all"}, HTTP_HX_REQUEST="true")
    assert "Nobody matches these filters." in nobody.content.decode()


def test_the_balance_list_pages_keep_the_filters(org, policy, clock, client_for):
    from apps.accounts.tests.factories import UserFactory

    UserFactory.create_batch(30)
    body = get(client_for(org.office_manager), "leave:balance_list", q="@")
    assert "1 / 2" in body and "people" in body
    assert element(body, "a", class_="page-link")["href"] == "?q=%40&page=2"


def test_the_balance_page_of_a_person_shows_their_movements_as_text(hostile, policy, clock, cp, client_for):
    services.leave_balance_adjust(
        person=hostile.staff, leave_type=cp, days="-2", reason=SCRIPT, by=hostile.office_manager
    )
    body = get(client_for(hostile.office_manager), "leave:balance_adjust", hostile.staff.pk)
    assert_shown_as_text(body, f"Balances of {IMG} {SCRIPT}")
    assert '<td class="text-end text-danger">-2</td>' in body
    assert_shown_as_text(body, SCRIPT)
    assert element(body, "select", name="leave_type")["class"] == "form-select"


def test_the_type_list_shows_each_type_with_a_link_and_its_rules(hostile, client_for, cp):
    body = get(client_for(hostile.office_manager), "leave:type_list")
    assert element(body, "a", href=reverse("leave:type_edit", args=[cp.pk]))
    assert_shown_as_text(body, f"CP {SCRIPT}")
    assert body.count('data-testid="type-row"') == LeaveType.objects.count()
    private = LeaveType.objects.filter(privacy="private").count()
    # The icon is hidden from assistive technology (an <i> has no role to carry a name); the text is there.
    assert body.count('<i class="bi bi-eye-slash" title="Private" aria-hidden="true"></i>') == private > 0
    assert body.count('<span class="visually-hidden">Private</span>') == private
    assert "aria-label" not in body.split("<tbody")[1].split("</tbody>")[0]


def test_the_type_form_and_the_policy_form_render_their_fields(org, cp, client_for):
    client = client_for(org.office_manager)
    body = get(client, "leave:type_edit", cp.pk)
    assert element(body, "input", name="colour")["class"] == "form-control form-control-color"
    assert element(body, "input", name="needs_approval")["class"] == "form-check-input"
    assert 'name="code"' not in body and "Code CP · " in body
    body = get(client, "leave:policy")
    radios = elements(body, "input", type="radio", name="counting")
    assert len(radios) == 2 and all(r["class"] == "form-check-input" for r in radios)
    for radio in radios:
        assert element(body, "label", class_="form-check-label", for_=radio["id"])
    assert element(body, "input", name="max_negative_days")["class"] == "form-control"


def test_the_deputy_page_names_the_deputies_as_text(hostile, policy, clock, client_for):
    row = services.deputy_create(
        person=hostile.manager, deputy=hostile.staff, start=D(2026, 3, 2), end=D(2026, 3, 20), by=hostile.manager
    )
    body = get(client_for(hostile.office_manager), "leave:deputy_list")
    assert body.count('data-testid="deputy-row"') == 1 and "Now" in body
    assert_shown_as_text(body, f"{IMG} {SCRIPT}")
    assert element(body, "form", action=reverse("leave:deputy_delete", args=[row.pk]))
    assert element(body, "a", href=reverse("leave:deputy_list"), aria_current="page")
    manager_page = get(client_for(hostile.manager), "leave:deputy_list")
    assert 'aria-label="Leave administration"' not in manager_page


def test_the_import_page_lists_the_rejected_rows_as_text(org, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("b.csv", f"{SCRIPT};CP;3;x\n".encode(), content_type="text/csv")
    response = client_for(org.office_manager).post(reverse("leave:balance_import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in body
    assert "<script>alert(1)" not in body


def test_the_calendar_page_gives_the_script_its_feed_and_language(org, client_for):
    body = get(client_for(org.office_manager), "leave:calendar")
    calendar = element(body, "div", id="leave-calendar")
    assert calendar["data-events-url"] == reverse("leave:calendar_events") and calendar["data-locale"] == "en-gb"
    team_filter = body[body.index('id="filter-team"') : body.index('id="filter-site"')]
    assert element(team_filter, "option", value=str(org.team.pk))
    assert not elements(get(client_for(org.staff), "leave:calendar"), "select", id="filter-team")


# --- No markup in Python ----------------------------------------------------------------------------


def test_the_leave_code_imports_no_template_tags():
    root = Path(__file__).resolve().parents[1]
    modules = [p for p in root.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]
    assert modules and not (root / "templatetags").exists()
    for module in modules:
        text = module.read_text()
        assert "templatetags" not in text and "mark_safe" not in text and "format_html" not in text, module
