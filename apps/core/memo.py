"""Per-request memo: work the layout and the page both need (counts, the approvals list) runs once.

``RequestMemoMiddleware`` gives the signed-in user of each request an empty memo; ``request_memo``
uses it when present and simply computes otherwise (services, tasks and tests hold their own user
objects, which must never see a stale value).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_ATTR = "_request_memo"


def request_memo(user: Any, key: str, compute: Callable[[], T]) -> T:
    memo = getattr(user, _ATTR, None)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def memo_get(user: Any, key: str, default: Any = None) -> Any:
    memo = getattr(user, _ATTR, None) or {}
    return memo.get(key, default)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            setattr(user, _ATTR, {})
        return self.get_response(request)
