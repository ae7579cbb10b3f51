import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import EmailOutbox, Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "message"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = ""
    url = ""
    created_at = factory.LazyFunction(timezone.now)


class EmailOutboxFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailOutbox

    kind = "message"
    recipient = factory.SubFactory(UserFactory)
    to = factory.LazyAttribute(lambda o: o.recipient.email if o.recipient else "someone@example.com")
    subject = factory.Sequence(lambda n: f"Subject {n}")
    body_text = "Hello.\n"
    status = EmailOutbox.Status.PENDING
