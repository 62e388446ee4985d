"""Work in progress."""

from django.http import Http404


def step_create(request, pk):
    raise Http404


def step_row(request, pk):
    raise Http404


def step_edit(request, pk):
    raise Http404


def step_status(request, pk):
    raise Http404


def step_move(request, pk):
    raise Http404


def step_delete(request, pk):
    raise Http404
