"""Placeholder: replaced by its own change."""

from django.http import Http404


def feedback_give(request, pk):
    raise Http404


def comment_add(request, pk):
    raise Http404


def nudge(request, pk):
    raise Http404


def congratulate(request, pk):
    raise Http404


def comment_delete(request, pk):
    raise Http404


def comment_hide(request, pk):
    raise Http404
