"""The accounts pages: profile, language, company details, sites, teams and accounts.

Sign-in, sign-out and the password pages are Django's own views, wired in urls.py.
"""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import permissions as perms
from apps.core.forms import add_service_errors
from apps.core.htmx import render_page_or_partial
from apps.core.http import safe_next
from apps.core.ranges import parse_page

from . import selectors, services
from .forms import CompanyForm, LanguageForm, ProfileForm, SiteForm, TeamForm, UserFilterForm, UserForm

USERS_PER_PAGE = 25


# --- Profile and language ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.login_required
def profile(request: HttpRequest) -> HttpResponse:
    # A fresh copy: the form writes into its instance, and request.user still draws the navbar.
    person = perms.get_visible_or_404(
        selectors.users_visible_to(request.user).select_related("team__manager"), pk=request.user.pk
    )
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "person": person})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language: stored on the account when signed in, in the cookie in any case.

    Open to visitors too: the switcher in the footer of the login page posts here.
    """
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This language is not available."))
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    next_url = safe_next(request, request.POST.get("next") or request.headers.get("referer", ""))
    response = redirect(next_url or reverse("core:home"))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


# --- Company -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER, perms.ADMIN)
def company(request: HttpRequest) -> HttpResponse:
    current = selectors.company_get()
    form = CompanyForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        logo = data.pop("logo", None)
        remove_logo = data.pop("remove_logo", False)
        try:
            services.company_update(data=data, logo=logo, remove_logo=remove_logo)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The company details have been saved."))
            return redirect("accounts:company")
    # Re-read: a rejected form has written its input into `current`, the page shows what is saved.
    saved = selectors.company_get() if request.method == "POST" else current
    return render(request, "accounts/company.html", {"form": form, "company": saved})


@require_GET
@perms.login_required
def company_logo(request: HttpRequest) -> HttpResponse:
    """The logo, served by Django: production does not publish MEDIA_ROOT."""
    current = selectors.company_get()
    if current is None or not current.logo:
        raise Http404
    try:
        handle = current.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(current.logo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    patch_cache_control(response, private=True, max_age=3600)
    return response


# --- Sites ---------------------------------------------------------------------------------------


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def site_list(request: HttpRequest) -> HttpResponse:
    sites = list(selectors.site_list(viewer=request.user))
    upcoming = selectors.next_public_holidays(sites)
    for site in sites:
        site.upcoming_holidays = upcoming[site.pk]
    return render(request, "accounts/site_list.html", {"sites": sites})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def site_create(request: HttpRequest) -> HttpResponse:
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The site %(name)s has been created.") % {"name": site.name})
            return redirect("accounts:site_list")
    return render(request, "accounts/site_form.html", {"form": form, "site": None, "heading": _("New site")})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = perms.get_visible_or_404(selectors.sites_for(request.user), pk=pk)
    heading = site.name  # before the form writes its input into `site`
    form = SiteForm(request.POST or None, instance=site)
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_update(site=site, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The site %(name)s has been saved.") % {"name": site.name})
            return redirect("accounts:site_list")
    return render(request, "accounts/site_form.html", {"form": form, "site": site, "heading": heading})


# --- Teams ---------------------------------------------------------------------------------------


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/team_list.html", {"teams": selectors.team_list(viewer=request.user)})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def team_create(request: HttpRequest) -> HttpResponse:
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team %(name)s has been created.") % {"name": team.name})
            return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "team": None, "heading": _("New team")})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = perms.get_visible_or_404(selectors.teams_for(request.user), pk=pk)
    heading = team.name
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_update(team=team, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The team %(name)s has been saved.") % {"name": team.name})
            return redirect("accounts:team_list")
    return render(request, "accounts/team_form.html", {"form": form, "team": team, "heading": heading})


# --- Accounts ------------------------------------------------------------------------------------


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def user_list(request: HttpRequest) -> HttpResponse:
    """The accounts list; an HTMX request (live search) gets the rows partial alone."""
    filters = UserFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    page = selectors.user_page(
        viewer=request.user,
        q=criteria.get("q", ""),
        team=criteria.get("team"),
        site=criteria.get("site"),
        status=criteria.get("status", ""),
        per_page=USERS_PER_PAGE,
        page=parse_page(request.GET.get("page")),
    )
    response = render_page_or_partial(
        request,
        "accounts/user_list.html",
        "accounts/partials/_user_rows.html",
        {
            "filters": filters,
            "page": page,
            "filtered": bool(criteria and any(criteria.values())),
            # What the filter bar shows besides its choices: the values as typed.
            "filters_key": tuple(str(filters[name].value() or "") for name in filters.fields),
            # What the rows show besides the database and the viewer: the filters (as checked), the page.
            "rows_key": (
                criteria.get("q", ""),
                getattr(criteria.get("team"), "pk", None),
                getattr(criteria.get("site"), "pk", None),
                criteria.get("status", ""),
                page.number,
            ),
        },
    )
    # The same URL answers with a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.user_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if person.is_active:
                text = _(
                    "The account of %(name)s has been created; a welcome e-mail invites them to choose a password."
                )
            else:
                text = _("The account of %(name)s has been created (deactivated: no welcome e-mail was sent).")
            messages.success(request, text % {"name": person})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "person": None, "heading": _("New account")})


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = perms.get_visible_or_404(selectors.users_visible_to(request.user), pk=pk)
    heading = str(person)
    form = UserForm(request.POST or None, instance=person, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.user_update(actor=request.user, user=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The account of %(name)s has been saved.") % {"name": person})
            return redirect("accounts:user_list")
    context = {"form": form, "person": person, "heading": heading, "locked_out": selectors.user_is_locked_out(person)}
    return render(request, "accounts/user_form.html", context)
