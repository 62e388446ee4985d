"""Placeholder: replaced by the progress change."""

from django.http import Http404


def check_in_create(request, pk):
    raise Http404


def check_in_delete(request, pk):
    raise Http404
