"""The Jinja2 environment every page, partial and e-mail is rendered with (settings.TEMPLATES[0]).

What a template finds besides its context (see also docs/architecture.md):
- globals ``url(name, *args, **kwargs)``, ``static(path)``, ``querystring(request, **changes)``,
  ``now()``, ``today()``, ``language_options()``, ``get_language()``, and the i18n callables ``_``/``gettext``,
  ``ngettext``, ``pgettext``, ``npgettext`` bound to Django's translations (newstyle: the variables
  are passed as keywords and escaped; a literal ``%`` is always written ``%%``);
- Django's own filters under their DTL names (``date``, ``time``, ``localtime``, ``unlocalize``,
  ``linebreaksbr``, ``capfirst``, ``truncatechars``, ``intcomma``, ``floatformat``, ``naturalday``)
  and leave's ``days``: the Django functions are called, not rewritten, so a value reads the same
  as it did under the Django template language.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import jinja2
from django.conf import settings
from django.contrib.humanize.templatetags import humanize
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.renderers import DjangoTemplates as DjangoTemplatesRenderer
from django.forms.renderers import Jinja2 as Jinja2Renderer
from django.template import TemplateDoesNotExist, defaultfilters, defaulttags
from django.templatetags import l10n, tz
from django.templatetags.static import static as django_static
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from jinja2 import nodes
from jinja2.ext import Extension

from apps.core import cache as read_cache
from apps.core.formatting import days
from apps.core.reversing import url

# Static URLs and the language switcher's options, kept per process (url() is
# apps.core.reversing.url: reversed once per URLconf, script prefix, language and arguments).
_statics: dict[str, str] = {}
_languages: dict[tuple, tuple[tuple[str, str], ...]] = {}


def static(path: str) -> str:
    """The static URL of ``path`` (the hashed name in production), looked up once per process."""
    found = _statics.get(path)
    if found is None:
        found = _statics[path] = django_static(path)
    return found


def querystring(request, query_dict=None, **changes: Any) -> str:
    """``?…`` keeping the request's other GET parameters (Django's ``{% querystring %}``); a change to
    None removes the parameter."""
    return defaulttags.querystring(SimpleNamespace(request=request), query_dict, **changes)


def now() -> dt.datetime:
    """The current time, aware, in the current time zone."""
    return timezone.localtime()


def today() -> dt.date:
    """Today's date in the current time zone."""
    return timezone.localdate()


def language_options() -> tuple[tuple[str, str], ...]:
    """``(code, name in that language)`` for each of LANGUAGES: the language switcher's options."""
    key = tuple(settings.LANGUAGES)
    options = _languages.get(key)
    if options is None:
        options = _languages[key] = tuple(
            (code, capfirst(translation.get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES
        )
    return options


@jinja2.pass_eval_context
def linebreaksbr(eval_ctx, value) -> str:
    """Line breaks as ``<br>``; the text is escaped first when autoescape is on (as in Django)."""
    return defaultfilters.linebreaksbr(value, autoescape=eval_ctx.autoescape)


# Django's date and time filters are marked expects_localtime: the template language turns an aware
# datetime into the current time zone before calling them (a booking at 08:00 UTC reads 10:00 in
# Paris); called directly, they would format it in its own zone, UTC for a value read from the database.
def _date(value, arg=None) -> str:
    return defaultfilters.date(template_localtime(value), arg)


def _time(value, arg=None) -> str:
    return defaultfilters.time(template_localtime(value), arg)


def _floatformat(value, arg=-1) -> str:
    return defaultfilters.floatformat(value, arg)


def _naturalday(value, arg=None) -> str:
    return humanize.naturalday(value, arg)


FILTERS = {
    "date": _date,
    "time": _time,
    "localtime": tz.localtime,
    "unlocalize": l10n.unlocalize,
    "linebreaksbr": linebreaksbr,
    # Their result is a plain string (Jinja2's Markup is not Django's SafeData), escaped on output:
    # give them text, not markup.
    "capfirst": defaultfilters.capfirst,
    "truncatechars": defaultfilters.truncatechars,
    "intcomma": humanize.intcomma,
    "floatformat": _floatformat,
    "naturalday": _naturalday,
    "days": days,
}


class FragmentCacheExtension(Extension):
    """``{% cache "name", part, … %}…{% endcache %}``: the body rendered once and kept in the read
    cache for the signed-in viewer (``apps.core.cache.cached_markup``) until a table the request
    read changes. The parts are plain values (ids, dates, the filters and page) that the body
    depends on besides the database, the viewer, today's date, the language and the time zone. No
    form inside (a CSRF token is refused); a page rendered without a request simply renders it."""

    tags = {"cache"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_render", [nodes.ContextReference(), nodes.Const(parser.name), nodes.List(parts)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    @staticmethod
    def _render(context, template_name, parts, caller):
        request = context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return caller()
        return read_cache.cached_markup((template_name, *parts), caller, viewer=user)


def environment(**options: Any) -> jinja2.Environment:
    options.pop("autoescape", None)  # Django's backend sets True; ours depends on the template
    # Django's backend chooses DebugUndefined when DEBUG is on (it prints "{{ name }}" for a missing
    # name); pages render the same with DEBUG on and off, and, as under the Django template
    # language, a missing name prints nothing.
    options["undefined"] = jinja2.Undefined
    extensions = list(options.pop("extensions", []))
    for extension in ("jinja2.ext.i18n", "jinja2.ext.loopcontrols", "jinja2.ext.do", FragmentCacheExtension):
        if extension not in extensions:
            extensions.append(extension)
    # HTML escaped in pages and XML/SVG, never in the e-mails' .txt bodies and subjects; anything
    # else (a template from a string, an unknown extension) is escaped: the safe default.
    env = jinja2.Environment(
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "xml", "svg"),
            disabled_extensions=("txt",),
            default_for_string=True,
            default=True,
        ),
        extensions=extensions,
        **options,
    )
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        now=now,
        today=today,
        language_options=language_options,
        # LANGUAGE_CODE comes from the context processor; a page rendered without a request
        # (the CSRF failure page, the 500 page) asks for the active language.
        get_language=translation.get_language,
    )
    env.filters.update(FILTERS)
    return env


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_DIRS", "DEBUG"}:
        _statics.clear()
    if setting == "LANGUAGES":
        _languages.clear()


class FormRenderer(Jinja2Renderer):
    """settings.FORM_RENDERER: the widgets of our pages render through Django's Jinja2 widget templates;
    the few widgets that only exist as Django templates (the admin's and django.contrib.auth's, e.g.
    auth/widgets/read_only_password_hash.html) fall back to Django's own renderer."""

    fallback = DjangoTemplatesRenderer()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
