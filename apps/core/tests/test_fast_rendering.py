"""The shortcuts the key pages use to stay fast give exactly what the slow path gives."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from apps.accounts.backends import EmailBackend
from apps.core.forms import FastSelect
from apps.core.registry import AgendaItem
from apps.core.reversing import pk_url


def test_pk_url_gives_what_reverse_gives():
    url = pk_url("notifications:mark_read")
    assert [url(pk) for pk in (1, 42, 9081726354)] == [
        reverse("notifications:mark_read", args=[pk]) for pk in (1, 42, 9081726354)
    ]


def test_layout_tags_give_what_url_and_static_give():
    html = Template("{% load layout %}{% fixed_url 'core:home' %}|{% asset 'css/app.css' %}").render(Context())
    assert html == f"{reverse('core:home')}|{static('css/app.css')}"


def test_fast_select_renders_the_same_options_as_django():
    choices = [("", "All"), ("a", "A & B"), (3, "Three")]

    class Slow(forms.Form):
        pick = forms.ChoiceField(choices=choices, required=False, widget=forms.Select(attrs={"class": "form-select"}))

    class Fast(forms.Form):
        pick = forms.ChoiceField(choices=choices, required=False, widget=FastSelect(attrs={"class": "form-select"}))

    def squeeze(html):
        return "".join(line.strip() for line in str(html).splitlines())

    data = {"pick": "a"}
    assert squeeze(Fast(data)["pick"]) == squeeze(Slow(data)["pick"])
    assert 'value="a" selected' in str(Fast(data)["pick"])


def test_agenda_badge_matches_the_former_template_filters():
    with translation.override("en"):
        item = AgendaItem(title="x", start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7))
        assert item.when == "3 Nov. – 7 Nov."
        assert AgendaItem(title="x", start=dt.date(2025, 11, 3)).when == "All day"
        timed = AgendaItem(title="x", start=dt.datetime(2025, 11, 3, 9, 0), end=dt.datetime(2025, 11, 3, 10, 30))
        assert AgendaItem(**{**timed.__dict__, "all_day": False}).when == "09:00–10:30"
    with translation.override("fr"):
        assert item.when == "3 nov. – 7 nov."  # French abbreviations, not English ones


@pytest.mark.django_db
def test_request_user_comes_with_roles_and_unknown_ids_are_none(org):
    user = EmailBackend().get_user(str(org.office_manager.pk))
    assert user == org.office_manager and user.has_role("office_manager")
    assert "_role_groups" in user.__dict__
    assert EmailBackend().get_user("not-a-number") is None
    assert EmailBackend().get_user(10**9) is None
