"""Settings come from the environment with laptop defaults; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]


def _start(env_overrides: dict[str, str], code: str = "import django; django.setup()") -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_URL"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env["DJANGO_SETTINGS_MODULE"] = "officemgr.settings"
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_without_secret_key_stops_with_a_clear_error():
    result = _start({"DEBUG": "False", "ALLOWED_HOSTS": "officemgr.example.com"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "DEBUG is off" in result.stderr


def test_production_without_allowed_hosts_stops_with_a_clear_error():
    result = _start({"DEBUG": "False", "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_laptop_defaults_are_sqlite_eager_tasks_and_console_email():
    env = {"DATABASE_URL": ""}  # empty counts as unset
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    result = _start({**env, "DEBUG": "True"}, code)
    assert result.returncode == 0, result.stderr
    engine, eager, backend = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert eager == "True"
    assert backend == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize("flag", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"])
def test_production_is_secure_by_default(flag):
    code = f"import django; django.setup(); from django.conf import settings as s; print(s.{flag})"
    result = _start({"DEBUG": "False", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.com"}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
