"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def supplier_list(request, *args, **kwargs):
    raise Http404


def supplier_create(request, *args, **kwargs):
    raise Http404


def supplier_detail(request, *args, **kwargs):
    raise Http404


def supplier_edit(request, *args, **kwargs):
    raise Http404


def supplier_archive(request, *args, **kwargs):
    raise Http404


def supplier_restore(request, *args, **kwargs):
    raise Http404


def supplier_delete(request, *args, **kwargs):
    raise Http404


def contact_create(request, *args, **kwargs):
    raise Http404


def contact_edit(request, *args, **kwargs):
    raise Http404


def contact_delete(request, *args, **kwargs):
    raise Http404
