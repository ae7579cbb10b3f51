from django.conf import settings


def broker_status() -> dict:
    """Is the Celery broker reachable? Eager mode (no broker configured) counts as usable."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager"}
    from officemgr.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return {"ok": True, "mode": "broker"}
    except Exception as exc:  # kombu raises many transport-specific errors; any means unusable
        return {"ok": False, "mode": "broker", "error": exc.__class__.__name__}
