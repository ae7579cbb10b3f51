"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def invoice_list(request, *args, **kwargs):
    raise Http404


def invoice_create(request, *args, **kwargs):
    raise Http404


def invoice_detail(request, *args, **kwargs):
    raise Http404


def invoice_edit(request, *args, **kwargs):
    raise Http404


def invoice_file(request, *args, **kwargs):
    raise Http404


def invoice_paid(request, *args, **kwargs):
    raise Http404


def csv(request, *args, **kwargs):
    raise Http404
