"""Who is asking, for the sign-in and password-reset throttles: the client's address and e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

RESET_WINDOW_SECONDS = 3600


def client_ip(request: HttpRequest) -> str:
    """The client's IP address (django-axes' AXES_CLIENT_IP_CALLABLE and the reset throttle).

    Behind a trusted proxy (TRUSTED_PROXY) the proxy appends the address it saw to X-Forwarded-For:
    the right-most entry is the one a client cannot forge. Without one, REMOTE_ADDR is the client.
    """
    if settings.TRUSTED_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def normalise_email(value: str | None) -> str:
    return (value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail django-axes counts failures for, whatever its case (AXES_USERNAME_CALLABLE).

    Sign-in ignores the case, so ``Marie@…`` and ``marie@…`` must count as one account, or changing
    the case would buy more guesses.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    source = credentials or getattr(request, "data", request.POST)
    return normalise_email(source.get(field))


def _hit(key: str, limit: int) -> bool:
    """Count one request under ``key`` for the window; False once ``limit`` is passed."""
    # add() starts the window only if no count exists; incr() is atomic on Redis.
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """May this client ask for one more reset link for ``email``? Counts the request either way.

    Limits are per pair e-mail address + IP address (no mailbox gets flooded from one machine, and
    nobody elsewhere can use up a colleague's requests and lock them out of the reset, as with the
    sign-in lockout) and per IP address (no one sweeps the directory); the answer is the same
    whether an account has that address or not.
    """
    pair = f"{normalise_email(email)}|{client_ip(request)}"
    by_email = _hit(f"password-reset:email:{pair}", settings.PASSWORD_RESET_LIMIT_PER_EMAIL)
    by_ip = _hit(f"password-reset:ip:{client_ip(request)}", settings.PASSWORD_RESET_LIMIT_PER_IP)
    return by_email and by_ip
