import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend

from officemgr.celery import app as celery_app


@pytest.fixture
def smtp_fails(monkeypatch):
    """``smtp_fails(exc, times=n)``: the mail backend raises ``exc`` on its next ``n`` sends (every send if None)."""

    def _fail(exc: BaseException, times: int | None = None):
        original = EmailBackend.send_messages
        state = {"left": times}

        def send_messages(self, messages):
            if state["left"] is None or state["left"] > 0:
                if state["left"] is not None:
                    state["left"] -= 1
                raise exc
            return original(self, messages)

        monkeypatch.setattr(EmailBackend, "send_messages", send_messages)

    return _fail


@pytest.fixture
def disconnected():
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def eager_retries(monkeypatch):
    """Let an eagerly applied task run its retries instead of propagating the first Retry to the test."""
    monkeypatch.setitem(celery_app.conf, "task_eager_propagates", False)
