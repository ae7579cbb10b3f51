"""The agenda's pages in the cross-app registries (see apps/core/registry.py)."""

from apps.core import roles
from apps.core.registry import BenchPage


def benchmark_pages() -> list[BenchPage]:
    # The director's agenda gathers every app's agenda items, approvals and key figures (one to three
    # queries each, whatever the data), like the dashboard: spend against budget (purchasing's three
    # budget queries) and quotes awaiting an answer (one) take it past a one-app page's 15. With the read
    # cache a repeat request reads them all in one.
    return [BenchPage(name="director's agenda", path="/agenda/", role=roles.DIRECTOR, max_queries=17)]
