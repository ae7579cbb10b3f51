"""PLACEHOLDER: replaced by its owner."""

from django.http import Http404


def py(request, *args, **kwargs):
    raise Http404


def order_list(request, *args, **kwargs):
    raise Http404


def order_create(request, *args, **kwargs):
    raise Http404


def order_detail(request, *args, **kwargs):
    raise Http404


def order_edit(request, *args, **kwargs):
    raise Http404


def order_lines(request, *args, **kwargs):
    raise Http404


def order_submit(request, *args, **kwargs):
    raise Http404


def order_approve(request, *args, **kwargs):
    raise Http404


def order_refuse(request, *args, **kwargs):
    raise Http404


def order_send(request, *args, **kwargs):
    raise Http404


def order_cancel(request, *args, **kwargs):
    raise Http404


def order_close(request, *args, **kwargs):
    raise Http404


def order_pdf(request, *args, **kwargs):
    raise Http404
