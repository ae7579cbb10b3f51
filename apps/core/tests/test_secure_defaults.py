"""Secure defaults: DEBUG off unless asked for, the proxy header trusted only when a proxy is declared."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]
PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "office.example.com"}
# The settings module is read in a fresh interpreter: here it is already loaded with pytest.ini's DEBUG.
READ = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'DEBUG': s.DEBUG, 'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None)}))"
)


def _settings(**env) -> dict:
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "TRUSTED_PROXY"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="officemgr.settings")
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"import django; django.setup(); {READ}"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("env", [{}, {"TRUSTED_PROXY": "False"}])
def test_debug_is_off_and_no_proxy_header_is_trusted_by_default(env):
    values = _settings(**PRODUCTION, **env)
    assert values == {"DEBUG": False, "proxy": None}


def test_the_environment_turns_debug_on():
    assert _settings(DEBUG="True")["DEBUG"] is True


def test_a_declared_trusted_proxy_makes_the_forwarded_scheme_count():
    assert _settings(**PRODUCTION, TRUSTED_PROXY="True")["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_without_a_trusted_proxy_a_forged_forwarded_proto_is_not_https(rf, settings):
    # The live settings of this run: no trusted proxy declared.
    assert settings.SECURE_PROXY_SSL_HEADER is None
    request = rf.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert request.is_secure() is False


def _manage_py_debug(**env) -> str:
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.skipif((BASE_DIR / ".env").is_file(), reason="a .env file configures this checkout")
def test_manage_py_on_a_machine_with_no_secret_runs_with_the_laptop_settings():
    assert _manage_py_debug() == "True"


def test_manage_py_with_a_secret_keeps_debug_off():
    assert _manage_py_debug(**PRODUCTION) == "False"
