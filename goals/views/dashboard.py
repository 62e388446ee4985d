from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_required
@require_safe
def home(request):
    """The signed-in home; it grows into the goals dashboard."""
    return render(request, "goals/home.html")
