"""Placeholder: replaced by its own change."""

from django.http import Http404


def calendar_month(request):
    raise Http404


def feed_settings(request):
    raise Http404


def feed_regenerate(request):
    raise Http404


def feed(request, public_id, secret):
    raise Http404
