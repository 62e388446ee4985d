"""Placeholder: replaced by the export change."""

from django.http import Http404


def export_json(request):
    raise Http404


def export_csv(request):
    raise Http404
