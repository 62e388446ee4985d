"""Work in progress."""

from django.http import Http404


def goal_create(request):
    raise Http404


def smart_check(request):
    raise Http404


def goal_detail(request, pk):
    raise Http404


def goal_edit(request, pk):
    raise Http404


def goal_status(request, pk):
    raise Http404


def goal_delete(request, pk):
    raise Http404


def goal_history(request, pk):
    raise Http404
