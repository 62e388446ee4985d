"""The site's URLs plus the baseline page; mounted only by the benchmark's settings."""

from django.urls import path

from careergoals.urls import urlpatterns as site_urlpatterns

from . import views

BASELINE_PATH = "bench/baseline/"
LAYOUT_PATH = "bench/layout/"

urlpatterns = [
    path(BASELINE_PATH, views.baseline, name="bench_baseline"),
    path(LAYOUT_PATH, views.layout, name="bench_layout"),
    *site_urlpatterns,
]
