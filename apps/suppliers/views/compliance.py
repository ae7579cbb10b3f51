"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def compliance_overview(request, *args, **kwargs):
    raise Http404


def contract_list(request, *args, **kwargs):
    raise Http404


def documents(request, *args, **kwargs):
    raise Http404


def document_file(request, *args, **kwargs):
    raise Http404


def contracts(request, *args, **kwargs):
    raise Http404


def contract_edit(request, *args, **kwargs):
    raise Http404


def contract_terminate(request, *args, **kwargs):
    raise Http404
