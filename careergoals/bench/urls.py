"""The site's URLs plus the baseline page; mounted only by the benchmark's settings."""

from django.urls import path

from careergoals.urls import urlpatterns as site_urlpatterns

from . import views

BASELINE_PATH = "bench/baseline/"

urlpatterns = [path(BASELINE_PATH, views.baseline, name="bench_baseline"), *site_urlpatterns]
