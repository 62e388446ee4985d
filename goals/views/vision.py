"""Work in progress."""

from django.http import Http404


def vision(request):
    raise Http404


def vision_skip(request):
    raise Http404
