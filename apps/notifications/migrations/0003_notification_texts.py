"""Notifications keep their text in every language of the site (``Notification.texts``), shown in the
reader's language when displayed.

Existing rows: a welcome message depends only on the company's name, so it is written again in every
language. Any other row speaks of objects that may have changed since (a booking moved, a ticket
closed): it keeps the text it was written with, in the recipient's language then, and every reader
sees that text, as before.
"""

from django.conf import settings
from django.db import migrations, models
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def _welcome_texts(company_name: str) -> dict:
    texts = {}
    context = {"company_name": company_name}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = {
                "title": " ".join(render_to_string("notifications/kinds/welcome.txt", context).split())[:255],
                "body": render_to_string("notifications/kinds/welcome_body.txt", context).strip(),
            }
    return texts


def welcome_in_every_language(apps, schema_editor):
    Company = apps.get_model("accounts", "Company")
    Notification = apps.get_model("notifications", "Notification")
    company = Company.objects.filter(pk=1).only("legal_name", "trade_name").first()
    name = (company.trade_name or company.legal_name) if company else "officemgr"
    try:
        texts = _welcome_texts(name)
    except TemplateDoesNotExist:  # a later version renamed the templates: keep the rows as written
        return
    Notification.objects.filter(kind="welcome", texts={}).update(texts=texts)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("notifications", "0002_scheduled_reminder"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="texts",
            field=models.JSONField(blank=True, default=dict, verbose_name="texts by language"),
        ),
        migrations.RunPython(welcome_in_every_language, migrations.RunPython.noop, elidable=True),
    ]
