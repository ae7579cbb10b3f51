"""Core's own pages in the cross-app registries (see apps/core/registry.py)."""

from apps.core import roles
from apps.core.registry import BenchPage


def benchmark_pages() -> list[BenchPage]:
    return [
        BenchPage(name="my space", path="/me/", role=roles.STAFF),
        BenchPage(name="approvals inbox", path="/inbox/", role=roles.MANAGER),
    ]
