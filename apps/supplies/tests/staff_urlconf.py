"""The project's URLs for the staff-request tests, with stand-ins for the supplies pages this branch
does not have (other parts of issue #13 build them; fulfilment and the low-stock notice link to them).
Inert once the real pages exist: the real patterns are used as they are."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from apps.supplies import urls as supplies_urls
from officemgr import urls as project_urls

STAND_INS = {"request_detail": "requests/<int:pk>/", "reorder": "reorder/"}


def _has(name: str, route: str) -> bool:
    try:
        reverse(f"supplies:{name}", args=[1] if "<" in route else None, urlconf=project_urls)
    except NoReverseMatch:
        return False
    return True


def _stand_in(request, **kwargs):
    return HttpResponse("stand-in")


def _supplies_patterns():
    extra = [path(route, _stand_in, name=name) for name, route in STAND_INS.items() if not _has(name, route)]
    return [*supplies_urls.urlpatterns, *extra]


urlpatterns = [
    path("supplies/", include((_supplies_patterns(), "supplies"), namespace="supplies"))
    if getattr(entry.pattern, "_route", "") == "supplies/"
    else entry
    for entry in project_urls.urlpatterns
]
