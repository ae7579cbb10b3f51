"""Session lifetimes: an idle timeout and an absolute lifetime, counted from the sign-in.

Django's own expiry is a single age renewed on every save; saving on every request would cost a
database write per page. Instead the session holds two timestamps: when it signed in and when it was
last seen. "Last seen" is rewritten at most every SEEN_REFRESH_SECONDS, so a busy person costs one
write every few minutes, and the idle timeout is exact to within that.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

SIGNED_IN_AT = "_signed_in_at"
SEEN_AT = "_seen_at"
SEEN_REFRESH_SECONDS = 300


def session_start(session: SessionBase, *, now: float | None = None) -> None:
    """Timestamp a session that has just signed in (Django has already given it a new key)."""
    now = time.time() if now is None else now
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def session_expired(session: SessionBase, *, now: float) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT)
    seen_at = session.get(SEEN_AT)
    if signed_in_at is None or seen_at is None:
        return False
    return now - signed_in_at >= settings.SESSION_ABSOLUTE_SECONDS or now - seen_at >= settings.SESSION_IDLE_SECONDS


def session_touch(request: HttpRequest) -> bool:
    """Note a signed-in request; sign the person out and return True when the session has expired."""
    session = request.session
    now = time.time()
    if SIGNED_IN_AT not in session:
        # Signed in before these timestamps existed (or by a path that skipped the login signal).
        session_start(session, now=now)
        return False
    if session_expired(session, now=now):
        logout(request)
        return True
    if now - session.get(SEEN_AT, 0) >= SEEN_REFRESH_SECONDS:
        session[SEEN_AT] = now
    return False
