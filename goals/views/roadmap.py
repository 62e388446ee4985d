"""Placeholder: replaced by the roadmap change."""

from django.http import Http404


def roadmap(request):
    raise Http404
