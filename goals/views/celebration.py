"""Placeholder: replaced by the celebration change."""

from django.http import Http404


def celebrate(request, pk):
    raise Http404


def reflect(request, pk):
    raise Http404


def journal(request):
    raise Http404
