"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def order_receive(request, *args, **kwargs):
    raise Http404


def from_requests(request, *args, **kwargs):
    raise Http404


def from_reorder(request, *args, **kwargs):
    raise Http404
