"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def log(request, *args, **kwargs):
    raise Http404


def log_follow_up_done(request, *args, **kwargs):
    raise Http404


def ratings(request, *args, **kwargs):
    raise Http404
