"""The project's URLs with the benchmark's floor views on, as BENCHMARK_VIEWS=True routes them."""

from django.urls import include, path

from officemgr.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("bench/", include("apps.core.bench_urls"))]
