"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def export_page(request, *args, **kwargs):
    raise Http404


def export_invoices_csv(request, *args, **kwargs):
    raise Http404


def export_fec(request, *args, **kwargs):
    raise Http404


def account_mapping(request, *args, **kwargs):
    raise Http404
