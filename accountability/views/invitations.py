"""Placeholder: replaced by its own change."""

from django.http import Http404


def invite(request):
    raise Http404


def revoke(request, pk):
    raise Http404


def respond(request, token):
    raise Http404
