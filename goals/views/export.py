"""Your data: download everything you own, as JSON or as a spreadsheet of goals and steps."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from careergoals.users.timezones import user_today
from goals.account_data.services import account_export, goals_csv_rows


def _download(request, response: HttpResponse, name: str, extension: str) -> HttpResponse:
    """Save as a dated file; never_cache keeps it out of browser and proxy caches."""
    filename = f"careergoals-{name}-{user_today(request.user):%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_GET
def export_json(request):
    data = account_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    return _download(request, response, "data", "json")


@never_cache
@login_required
@require_GET
def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # lets spreadsheet programs see UTF-8
    csv.writer(response).writerows(goals_csv_rows(user=request.user))
    return _download(request, response, "goals", "csv")
