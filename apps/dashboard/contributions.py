"""The dashboard's pages in the cross-app registries (see apps/core/registry.py)."""

from apps.core import roles
from apps.core.registry import BenchPage


def benchmark_pages() -> list[BenchPage]:
    return [BenchPage(name="dashboard", path="/dashboard/", role=roles.OFFICE_MANAGER)]
