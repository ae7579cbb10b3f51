"""The relationship log (entries, follow-ups marked done once) and the ratings (1 to 5, averages,
the list sorted by them)."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.suppliers.models import Interaction, Rating
from apps.suppliers.selectors import directory as selectors
from apps.suppliers.services import relationship as services
from apps.suppliers.tests.factories import ContactFactory, InteractionFactory, RatingFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def log_data(**changes):
    return {
        "kind": "call",
        "happened_on": "2026-03-02",
        "summary": "Relance sur la livraison",
        "follow_up_on": "2026-03-09",
        "token": str(uuid.uuid4()),
        **changes,
    }


def test_a_log_entry_with_a_follow_up_is_written_once(org, client_for):
    supplier = SupplierFactory()
    contact = ContactFactory(supplier=supplier)
    client = client_for(org.office_manager)
    data = log_data(contact=contact.pk)
    for _ in range(2):
        assert client.post(reverse("suppliers:log", args=[supplier.pk]), data).status_code == 302
    entry = Interaction.objects.get()
    assert (entry.contact, entry.follow_up_on, entry.by) == (contact, dt.date(2026, 3, 9), org.office_manager)
    assert list(selectors.follow_ups_between(dt.date(2026, 3, 1), dt.date(2026, 3, 31))) == [entry]
    assert selectors.follow_ups_due_count(dt.date(2026, 3, 9)) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"follow_up_on": "2026-03-01"}, "follow_up_on"),  # before the entry
        ({"happened_on": "0001-01-01"}, "happened_on"),
        ({"happened_on": "2200-12-31", "follow_up_on": ""}, "happened_on"),  # logged before it happened
        ({"follow_up_on": "9999-12-31"}, "follow_up_on"),
        ({"summary": "   "}, "summary"),
        ({"kind": "fax"}, "kind"),
    ],
)
def test_bad_log_input_is_a_field_error(org, client_for, changes, field):
    supplier = SupplierFactory()
    response = client_for(org.office_manager).post(reverse("suppliers:log", args=[supplier.pk]), log_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Interaction.objects.exists()


def test_another_suppliers_contact_cannot_be_logged(org):
    supplier = SupplierFactory()
    with pytest.raises(ValidationError) as caught:
        services.interaction_create(
            supplier=supplier,
            by=org.office_manager,
            kind="call",
            happened_on=dt.date(2026, 3, 2),
            summary="x",
            contact=ContactFactory(),
        )
    assert "contact" in caught.value.error_dict


def test_marking_a_follow_up_done_happens_once_and_leaves_the_reminders(org, client_for):
    entry = InteractionFactory(follow_up_on=dt.date(2026, 3, 9), by=org.office_manager)
    client = client_for(org.office_manager)
    url = reverse("suppliers:log_done", args=[entry.supplier_id, entry.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    entry.refresh_from_db()
    done_at = entry.follow_up_done_at
    assert done_at is not None
    response = client.post(url, follow=True)
    assert "already done" in " ".join(str(m) for m in response.context["messages"])
    entry.refresh_from_db()
    assert entry.follow_up_done_at == done_at
    assert selectors.follow_ups_due_count(dt.date(2026, 12, 31)) == 0


def test_another_suppliers_entry_is_not_found(org, client_for):
    entry = InteractionFactory(follow_up_on=dt.date(2026, 3, 9), by=org.office_manager)
    other = SupplierFactory()
    response = client_for(org.office_manager).post(reverse("suppliers:log_done", args=[other.pk, entry.pk]))
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.follow_up_done_at is None


def rating_data(**changes):
    return {
        "reference": "BC-2026-0042",
        "quality": "5",
        "delay": "2",
        "price": "4",
        "comment": "Livré avec deux jours de retard",
        "rated_on": "2026-03-02",
        "token": str(uuid.uuid4()),
        **changes,
    }


def test_a_rating_is_saved_once_and_the_reference_is_prefilled(org, client_for):
    supplier = SupplierFactory()
    client = client_for(org.office_manager)
    page = client.get(reverse("suppliers:ratings", args=[supplier.pk]) + "?reference=BC-2026-0042")
    assert page.context["form"].initial["reference"] == "BC-2026-0042"
    data = rating_data()
    for _ in range(2):
        assert client.post(reverse("suppliers:ratings", args=[supplier.pk]), data).status_code == 302
    rating = Rating.objects.get()
    assert (rating.quality, rating.delay, rating.price) == (5, 2, 4)
    again = client.post(reverse("suppliers:ratings", args=[supplier.pk]), rating_data())
    assert "already rated" in " ".join(again.context["form"].errors["reference"])


@pytest.mark.parametrize(
    "changes",
    [
        {"quality": "0"},
        {"delay": "6"},
        {"price": "-1"},
        {"quality": "3.5"},
        {"quality": ""},
        {"rated_on": "9999-12-31"},
        {"rated_on": "2200-12-31"},  # in the window of dates, but in the future
    ],
)
def test_a_score_outside_one_to_five_is_refused(org, client_for, changes):
    supplier = SupplierFactory()
    response = client_for(org.office_manager).post(
        reverse("suppliers:ratings", args=[supplier.pk]), rating_data(**changes)
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Rating.objects.exists()


def test_the_service_refuses_scores_outside_one_to_five(org):
    with pytest.raises(ValidationError) as caught:
        services.rating_create(supplier=SupplierFactory(), by=org.office_manager, quality=6, delay=0, price=3)
    assert {"quality", "delay"} <= set(caught.value.error_dict)


def test_averages_on_the_page_and_in_the_list(org, client_for):
    supplier = SupplierFactory()
    RatingFactory(supplier=supplier, quality=5, delay=2, price=4, by=org.office_manager)
    RatingFactory(supplier=supplier, quality=4, delay=3, price=4, by=org.office_manager)
    summary = selectors.rating_summary(supplier)
    assert (summary.count, summary.quality, summary.delay, summary.price) == (2, 4.5, 2.5, 4.0)
    assert summary.overall == pytest.approx((4.5 + 2.5 + 4.0) / 3)
    page = client_for(org.office_manager).get(reverse("suppliers:ratings", args=[supplier.pk]))
    assert "4.5" in page.content.decode()


def test_the_list_sorts_by_each_average_best_first_and_unrated_last(org, client_for):
    good = SupplierFactory(name="B good")
    cheap = SupplierFactory(name="C cheap")
    unrated = SupplierFactory(name="A unrated")
    RatingFactory(supplier=good, quality=5, delay=5, price=2, by=org.office_manager)
    RatingFactory(supplier=cheap, quality=2, delay=3, price=5, by=org.office_manager)
    client = client_for(org.office_manager)

    def order(sort):
        response = client.get(reverse("suppliers:list"), {"sort": sort})
        return [s.name for s in response.context["page"].object_list]

    assert order("name") == ["A unrated", "B good", "C cheap"]
    assert order("-name") == ["C cheap", "B good", "A unrated"]
    assert order("quality") == ["B good", "C cheap", "A unrated"]
    assert order("delay") == ["B good", "C cheap", "A unrated"]
    assert order("price") == ["C cheap", "B good", "A unrated"]
    assert order("overall") == ["B good", "C cheap", "A unrated"]
    assert order("nonsense") == ["A unrated", "B good", "C cheap"]
    assert unrated  # listed, with a dash for its averages
