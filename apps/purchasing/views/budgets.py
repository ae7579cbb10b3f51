"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def budget_overview(request, *args, **kwargs):
    raise Http404


def budget_create(request, *args, **kwargs):
    raise Http404


def budget_edit(request, *args, **kwargs):
    raise Http404
