"""Placeholder: replaced by its own change."""

from django.http import Http404


def buddies(request):
    raise Http404


def partnership_detail(request, pk):
    raise Http404


def partnership_end(request, pk):
    raise Http404


def rules_edit(request, pk):
    raise Http404


def rules_confirm(request, pk):
    raise Http404
