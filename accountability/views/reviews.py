"""Placeholder: replaced by its own change."""

from django.http import Http404


def review_propose(request, pk):
    raise Http404


def review_detail(request, pk):
    raise Http404


def review_respond(request, pk):
    raise Http404


def review_adjust(request, pk, goal_pk):
    raise Http404


def review_complete(request, pk):
    raise Http404
