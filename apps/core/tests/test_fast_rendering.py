"""The shortcuts the key pages use to stay fast give exactly what the slow path gives."""

import datetime as dt
from pathlib import Path

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


def test_agenda_days_lists_each_day_escaped_and_says_when_nothing_is_planned():
    from apps.core.registry import agenda_by_day
    from apps.core.templatetags.agenda_ui import agenda_days

    items = [
        AgendaItem(title="<b>Camille</b> away", start=dt.date(2025, 11, 3), end=dt.date(2025, 11, 7), colour="#0d6efd"),
        AgendaItem(
            title="Room A · Board",
            start=dt.datetime(2025, 11, 4, 9, 0),
            end=dt.datetime(2025, 11, 4, 10, 30),
            all_day=False,
            url="/premises/bookings/3/?a=1&b=2",
        ),
    ]
    items.append(AgendaItem(title="3 people away", start=dt.date(2025, 11, 5), url="/leave/calendar/"))
    days = agenda_by_day(items, dt.date(2025, 11, 3), dt.date(2025, 11, 9))
    with translation.override("fr"):
        html = agenda_days(days)
        assert html.count('class="agenda-day mb-3"') == 3
        assert '>Toute la journée</span><a href="/leave/calendar/">3 people away</a>' in html
        assert "Lundi 3 novembre" in html and "Mardi 4 novembre" in html
        assert "&lt;b&gt;Camille&lt;/b&gt; away" in html and "<b>" not in html
        assert 'data-style="border-color: #0d6efd !important;"' in html
        assert '<a href="/premises/bookings/3/?a=1&amp;b=2">Room A · Board</a>' in html
        assert ">09:00–10:30<" in html and ">3 nov. – 7 nov.<" in html
        assert "Rien de prévu." in agenda_days([])
    with translation.override("en"):
        assert "Monday 3 November" in agenda_days(days)
        assert "Nothing planned." in agenda_days([])


def test_card_tag_escapes_and_links():
    from apps.core.registry import Card
    from apps.core.templatetags.cards import card

    html = card(Card(title="Leave <today>", value=3, url="/leave/?a=1&b=2", severity="warning", detail="R&D", icon="x"))
    assert 'border-warning"' in html and 'class="bi bi-x text-warning fs-4"' in html
    assert ">Leave &lt;today&gt;</h2>" in html and ">3</p>" in html and ">R&amp;D</p>" in html
    assert '<a href="/leave/?a=1&amp;b=2" class="stretched-link" aria-label="Leave &lt;today&gt;"></a>' in html
    bare = card(Card(title="Tickets", value=0))
    assert "stretched-link" not in bare and "small text-body-secondary" not in bare


@pytest.mark.django_db
def test_the_navbar_is_reused_only_while_its_content_is_the_same(org, client_for):
    import re

    from apps.notifications.tests.factories import NotificationFactory

    client = client_for(org.staff)

    def navbar(path="/me/"):
        html = client.get(path).content.decode()
        return html[html.index('<nav class="navbar') : html.index("</nav>")]

    first, second = navbar(), navbar()
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', nav).group(1) for nav in (first, second)]
    assert all(len(token) == 64 for token in tokens)  # a real (masked) token in the logout form each time
    assert re.sub(r'value="[^"]{64}"', "", first) == re.sub(r'value="[^"]{64}"', "", second)
    assert 'data-testid="unread-count"' not in first
    NotificationFactory(recipient=org.staff)
    assert 'data-testid="unread-count">1<' in navbar()
    assert 'class="nav-link active" href="/me/"' in navbar().replace("\n", "")
    assert 'class="nav-link active" href="/me/"' not in navbar("/inbox/").replace("\n", "")
    with translation.override("fr"):
        client.post(reverse("accounts:language"), {"language": "fr", "next": "/me/"})
        assert "Mon espace" in navbar()


# The inbox loop the {% approval_cards %} tag replaced, kept to compare with.
OLD_INBOX_LOOP = (Path(__file__).parent / "inbox_before.html").read_text()


@pytest.mark.django_db
def test_approval_cards_give_what_the_former_template_gave():
    import re

    from django.test import RequestFactory
    from django.utils import timezone

    from apps.core.registry import Approval
    from apps.core.templatetags.approvals_ui import approval_cards

    when = timezone.make_aware(dt.datetime(2026, 3, 2, 23, 30), dt.UTC)  # the next day in Paris
    approvals = [
        Approval(
            kind="leave",
            title="Congés <payés> 3–5 March",
            requester="Camille & co",
            submitted_at=when,
            url="/leave/3/?x=1&y=2",
            approve_url="/leave/3/approve/",
            refuse_url="/leave/3/refuse/",
            detail="3 days",
            on_behalf_of="Julien <J>",
            context=["Also away: A", "Balance: 12"],
        ),
        Approval(kind="booking", title="Room A", requester="B", submitted_at=when),
    ]

    def squeeze(html):
        return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()

    request = RequestFactory().get("/inbox/")
    for language in ("en", "fr"):
        with translation.override(language), timezone.override("Europe/Paris"):
            old = Template(OLD_INBOX_LOOP).render(Context({"approvals": approvals, "csrf_token": "T" * 64}))
            new = approval_cards({"csrf_token": "T" * 64, "request": request}, approvals)
            assert squeeze(new) == squeeze(old)
            empty_old = Template(OLD_INBOX_LOOP).render(Context({"approvals": []}))
            assert squeeze(approval_cards({}, [])) == squeeze(empty_old)
    assert "03/03/2026" in squeeze(new)  # French short date, in the local time zone


@pytest.mark.django_db
def test_the_language_switcher_comes_back_to_the_page_with_a_fresh_token(org, client_for):
    import re

    html = client_for(org.staff).get("/me/?a=1&b=x").content.decode()
    form = html[html.index('id="language-select"') - 700 : html.index('id="language-select"')]
    assert 'name="next" value="/me/?a=1&amp;b=x"' in form
    assert re.search(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"', form)
    assert '<option value="fr">Français</option>' in html and '<option value="en" selected>English</option>' in html


def test_rendered_once_per_key_and_language_and_forgotten_with_the_templates(settings):
    from apps.core.rendered import RenderedOnce

    calls = []
    kept = RenderedOnce("components/messages.html", kept=2)

    def context():
        calls.append(1)
        return {"messages": []}

    with translation.override("en"):
        kept.render("a", context)
        kept.render("a", context)
        assert len(calls) == 1
    with translation.override("fr"):
        kept.render("a", context)  # another language, rendered again
    assert len(calls) == 2
    kept.render("b", context), kept.render("c", context)  # only the last two are kept
    with translation.override("en"):
        kept.render("a", context)
    assert len(calls) == 5
    settings.TEMPLATES = [{**settings.TEMPLATES[0]}]  # a test changing the templates forgets them
    with translation.override("en"):
        kept.render("a", context)
    assert len(calls) == 6
