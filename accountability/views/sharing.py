"""Placeholder: replaced by its own change."""

from django.http import Http404


def goal_sharing(request, pk):
    raise Http404
