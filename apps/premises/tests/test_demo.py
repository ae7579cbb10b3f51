"""The demo seed: plausible premises, and a second run changes nothing."""

import pytest

from apps.accounts import demo as accounts_demo
from apps.core.demo import DemoContext
from apps.premises import demo as premises_demo
from apps.premises.models import Booking, CheckItem, CheckRecord, CheckStatus, Room, Ticket


def seed(**kwargs) -> DemoContext:
    ctx = DemoContext(verbosity=0, **kwargs)
    for module in (accounts_demo, premises_demo):
        ctx.reseed(module.__name__)
        module.seed(ctx)
    return ctx


@pytest.mark.django_db
def test_seed_builds_the_premises_and_is_idempotent():
    ctx = seed(scale=1, years=1)
    counts = [m.objects.count() for m in (Room, Booking, CheckItem, CheckRecord, Ticket)]
    assert all(counts)
    head_office = ctx.data["sites"]["lyon"]
    assert Room.objects.filter(floor__site=head_office).count() == 8
    statuses = {item.status_on(ctx.today) for item in CheckItem.objects.filter(site=head_office)}
    assert statuses == {CheckStatus.OK, CheckStatus.DUE_SOON, CheckStatus.OVERDUE}
    assert Ticket.objects.filter(source_check__isnull=False).exists()

    seed(scale=1, years=1)
    assert [m.objects.count() for m in (Room, Booking, CheckItem, CheckRecord, Ticket)] == counts
