"""The agenda's pages in the cross-app registries (see apps/core/registry.py)."""

from apps.core import roles
from apps.core.registry import BenchPage


def benchmark_pages() -> list[BenchPage]:
    # The director's agenda gathers every app's agenda items, approvals and key figures (one to three
    # queries each, whatever the data), like the dashboard: spend against budget (purchasing's three
    # budget queries) and quotes awaiting an answer (one) take it past a one-app page's 15: 21 on a cold
    # cache with the demo at bench scale (the director's own leave balances count too), the same count at
    # any volume. With the read cache a repeat request costs 3. Loading each app's part as its own HTMX
    # fragment is how to bring it down.
    return [BenchPage(name="director's agenda", path="/agenda/", role=roles.DIRECTOR, max_queries=21)]
