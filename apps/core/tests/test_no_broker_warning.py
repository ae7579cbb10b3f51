"""`make run` without Redis runs tasks inline and prints no broker warning (issue #12): sending a
task through the unused in-process transport must not make kombu warn "No hostname was supplied"."""

from apps.core.tests.test_settings import _start

SEND_A_TASK = (
    "import logging, django; logging.basicConfig(level=logging.WARNING); django.setup(); "
    "from django.core.management import call_command; call_command('migrate', 'notifications', verbosity=0); "
    "from apps.notifications.outbox import email_send; email_send.delay(0); print('sent')"
)


def test_sending_a_task_without_redis_prints_no_warning():
    result = _start({"DEBUG": "True", "DATABASE_URL": "sqlite:///:memory:"}, SEND_A_TASK)
    assert result.returncode == 0, result.stderr
    assert "sent" in result.stdout
    assert "WARNING" not in result.stderr and "No hostname" not in result.stderr, result.stderr
