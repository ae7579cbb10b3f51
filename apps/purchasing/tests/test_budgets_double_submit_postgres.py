"""PostgreSQL: the same budget form posted ten times at once makes one budget, and every post lands on the
budget page (the form was sent twice, not two budgets asked for); never a 500."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.test_double_submit_postgres import PARALLEL, post_at_once
from apps.purchasing.models import Budget

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel transactions need PostgreSQL"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_identical_budget_posts_at_once_save_one_budget(org):
    data = {"year": timezone.localdate().year, "category": "supplies", "site": org.site.pk, "amount": "1234.56"}
    answers = post_at_once(org.office_manager, reverse("purchasing:budget_create"), data)
    assert [status for status, _body in answers] == [302] * PARALLEL
    assert Budget.objects.count() == 1
