"""Benchmark-only routes, included by officemgr/urls.py when settings.BENCHMARK_VIEWS is on."""

from django.urls import path

from . import bench_views

app_name = "bench"

urlpatterns = [
    path("floor/", bench_views.floor, name="floor"),
    path("floor-anon/", bench_views.floor_anonymous, name="floor_anonymous"),
]
