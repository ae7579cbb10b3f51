# Placeholder while the accounts views are being written (foundation issue); replaced before commit.
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation

from apps.core import permissions as perms


def _todo(request, *args, **kwargs):
    return HttpResponse("todo")


profile = company = site_list = site_create = site_edit = team_list = team_create = team_edit = _todo
user_list = user_create = user_edit = _todo


@perms.login_required
def set_language(request):
    lang = request.POST.get("language", "fr")
    translation.activate(lang)
    return redirect(request.POST.get("next") or "/")
