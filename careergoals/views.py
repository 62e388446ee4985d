from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe


@require_safe
def landing(request):
    if request.user.is_authenticated:
        return redirect("goals:home")
    return render(request, "landing.html")
