"""The Jinja2 environment every page is rendered with (officemgr/jinja2.py): what a template finds,
how it escapes, and the layout and error pages built on it."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.template import engines
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from apps.core import reversing
from apps.core.forms import BootstrapForm
from apps.core.tests.pages import Page

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_pages_are_jinja2_and_the_admin_keeps_the_django_template_language(settings):
    first, second = settings.TEMPLATES
    assert first["BACKEND"] == "django.template.backends.jinja2.Jinja2"
    assert second["BACKEND"] == "django.template.backends.django.DjangoTemplates" and second["DIRS"] == []
    assert settings.FORM_RENDERER == "officemgr.jinja2.FormRenderer"


def test_widgets_render_through_jinja2_and_the_admin_s_own_widgets_still_render():
    from django.contrib.auth.forms import ReadOnlyPasswordHashWidget
    from django.forms import TextInput
    from django.forms.renderers import get_default_renderer

    renderer = get_default_renderer()
    assert renderer.get_template("django/forms/widgets/input.html").backend.__class__.__name__ == "Jinja2"
    assert 'name="x"' in TextInput().render("x", "<b>", renderer=renderer)
    assert "<b>" not in TextInput().render("x", "<b>", renderer=renderer)
    assert "No password set" in ReadOnlyPasswordHashWidget().render("password", "", renderer=renderer)


def test_html_is_escaped_and_text_templates_are_not(tmp_path, settings):
    (tmp_path / "x.html").write_text("{{ v }}")
    (tmp_path / "x.txt").write_text("{{ v }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}, settings.TEMPLATES[1]]
    assert render_to_string("x.html", {"v": HOSTILE}) == (
        "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    )
    assert render_to_string("x.txt", {"v": HOSTILE}) == HOSTILE
    assert "<script>" not in render("{{ v }}", v=HOSTILE)  # a template from a string is escaped too


def test_url_reverses_and_keeps_only_plain_arguments():
    assert render('{{ url("core:home") }}|{{ url("notifications:mark_read", 42) }}') == (
        f"{reverse('core:home')}|{reverse('notifications:mark_read', args=[42])}"
    )
    before = len(reversing._urls)
    reversing.url("notifications:mark_read", Decimal(7))  # str() of an object: reversed, not kept
    assert len(reversing._urls) == before


def test_the_kept_urls_follow_a_change_of_urlconf():
    reversing.url("core:home")
    with override_settings(ROOT_URLCONF="apps.core.tests.bench_urlconf"):
        assert not reversing._urls  # emptied by the setting change
    assert reversing.url("core:home") == reverse("core:home")


def test_the_url_cache_does_not_grow_without_bound(monkeypatch):
    monkeypatch.setattr(reversing, "_MAX_URLS", 10)
    for pk in range(25):
        assert reversing.url("notifications:mark_read", pk) == reverse("notifications:mark_read", args=[pk])
    assert len(reversing._urls) <= 10


def test_static_and_querystring():
    assert render('{{ static("css/app.css") }}') == "/static/css/app.css"
    request = RequestFactory().get("/x/?status=open&page=2&q=a%26b")
    assert render("{{ querystring(request, page=3) }}", request=request) == "?status=open&amp;page=3&amp;q=a%26b"
    assert render("{{ querystring(request, page=None) }}", request=request) == "?status=open&amp;q=a%26b"


def test_translations_are_django_s_and_their_variables_are_escaped():
    with translation.override("fr"):
        assert render('{{ _("Page not found") }}') == "Page introuvable"
        assert render('{{ ngettext("%(num)d day", "%(num)d days", 3) }}') == "3 jours"
    assert render('{{ _("Hello %(name)s", name=v) }}', v=HOSTILE) == (
        "Hello &lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"
    )
    assert render("{% trans name=v %}Hello {{ name }}{% endtrans %}", v="<b>") == "Hello &lt;b&gt;"
    assert render("{% trans count=n %}{{ count }} day{% pluralize %}{{ count }} days{% endtrans %}", n=2) == "2 days"


def test_filters_have_django_s_meaning_in_the_active_language():
    day = dt.date(2026, 3, 4)
    source = (
        '{{ d|date("SHORT_DATE_FORMAT") }}|{{ d|date }}|{{ 2.5|floatformat(1) }}|{{ 12345|intcomma }}'
        '|{{ n|days }}|{{ "été"|capfirst }}|{{ "abcdefgh"|truncatechars(4) }}|{{ 1234|unlocalize }}'
    )
    with translation.override("fr"):
        assert render(source, d=day, n=Decimal("2.50")) == "04/03/2026|4 mars 2026|2,5|12\xa0345|2,5|Été|abc…|1234"
    with translation.override("en"):
        assert render(source, d=day, n=Decimal("10.00")).split("|")[1:5] == ["4 March 2026", "2.5", "12,345", "10"]


def test_linebreaksbr_escapes_the_text_before_adding_breaks():
    assert render("{{ v|linebreaksbr }}", v="a\n<b>") == "a<br>&lt;b&gt;"


def test_now_and_today_are_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    now = dt.datetime.fromisoformat(render("{{ now().isoformat() }}"))
    assert now.utcoffset() is not None
    assert render("{{ today().isoformat() }}") == now.date().isoformat()


def test_the_form_macros_mark_invalid_fields_and_escape_help_texts():
    from django import forms

    from apps.core.forms import BootstrapForm

    class Form(BootstrapForm):
        name = forms.CharField(help_text=HOSTILE)

    form = Form(data={})
    form.is_valid()
    page = Page(render('{% import "components/forms.html" as forms %}{{ forms.form(form) }}', form=form).encode())
    page.assert_no_injected_markup()
    [field] = page.find("input", name="name")
    assert field.has_class("is-invalid") and field.attrs["aria-invalid"] == "true"
    assert field.attrs["aria-describedby"] == "id_name_helptext id_name_error"
    assert [e.text for e in page.find("div", id="id_name_helptext")] == [HOSTILE]
    assert "This field is required." in page.find("div", id="id_name_error")[0].text


def test_a_list_of_checkboxes_is_one_bootstrap_form_check_per_choice():
    class Form(BootstrapForm):
        equipment = forms.MultipleChoiceField(
            choices=[("screen", "Screen"), ("video", "Video")], widget=forms.CheckboxSelectMultiple
        )

    page = Page(render('{% import "components/forms.html" as forms %}{{ forms.form(form) }}', form=Form()).encode())
    # The inputs' class on the list's own <div> drew it as one tiny checkbox the choices spilled out of.
    assert [e.tag for e in page.elements if e.has_class("form-check-input")] == ["input", "input"]
    assert len([e for e in page.elements if e.tag == "div" and e.has_class("form-check")]) == 2
    assert [e.text for e in page.find("label", **{"for": "id_equipment_1"})] == ["Video"]
    [group] = page.find("div", id="id_equipment")
    assert group.attrs["aria-labelledby"] == "id_equipment_label"


@pytest.mark.django_db
def test_the_test_client_sees_which_template_rendered_and_its_context(org, client_for):
    response = client_for(org.staff).get(reverse("core:inbox"))
    assert "core/inbox.html" in [t.name for t in response.templates]
    assert response.context["user"] == org.staff


def test_the_500_page_renders_without_a_request_or_the_database():
    html = render_to_string("500.html")  # no django_db mark: a query would raise
    assert "Une erreur est survenue" in html and "bootstrap.min.css" in html


@pytest.mark.django_db
def test_the_csrf_failure_page_renders_without_a_signed_in_person(client):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("accounts:language"), {"language": "fr"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_shows_the_layout_with_the_navbar(org, client_for):
    response = client_for(org.staff).get("/no-such-page/")
    assert response.status_code == 404
    page = Page(response.content)
    assert "Page not found" in response.content.decode() and page.find("nav")


@pytest.mark.django_db
def test_the_layout_values_are_read_only_when_a_template_reads_them(org, django_assert_num_queries):
    from apps.accounts.models import User
    from apps.core.context_processors import layout
    from apps.notifications.tests.factories import NotificationFactory

    NotificationFactory(recipient=org.staff)
    request = RequestFactory().get("/me/")
    request.user = User.objects.get(pk=org.staff.pk)
    request.session = {}
    with django_assert_num_queries(0):
        context = layout(request)
        assert render("{{ LANGUAGE_CODE }}", **context) == translation.get_language()
    assert render("{{ unread_notifications_count }}", **context) == "1"  # counted when read
    assert context["roles"]["office_manager"] is False and context["user"] == org.staff
