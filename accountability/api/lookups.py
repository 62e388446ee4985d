"""How the routes find objects and check input: the pages' own lookups and forms."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from accountability import selectors
from accountability.models import Partnership
from goals.models import Goal


def valid(form, rename: dict[str, str] | None = None):
    """The form's cleaned data, or its errors as a ValidationError (the API answers 422),
    each under the name the request body used."""
    if form.is_valid():
        return form.cleaned_data
    rename = rename or {}
    raise ValidationError(
        {rename.get(name, name): errors for name, errors in form.errors.as_data().items()}
    )


def partnership_or_404(request, pk: int) -> Partnership:
    try:
        return selectors.partnership_for(user=request.user, pk=pk)
    except Partnership.DoesNotExist:
        raise Http404 from None


def visible_goal_or_404(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user).select_related("owner"), pk=pk)
