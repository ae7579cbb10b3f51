"""The dashboard's pages in the cross-app registries (see apps/core/registry.py)."""

from apps.core import roles
from apps.core.registry import BenchPage


def benchmark_pages() -> list[BenchPage]:
    # The dashboard sums the cards of every installed app (one to three queries each, whatever the
    # data): with suppliers and purchasing it needs more than a one-app page's 15.
    return [BenchPage(name="dashboard", path="/dashboard/", role=roles.OFFICE_MANAGER, max_queries=24)]
