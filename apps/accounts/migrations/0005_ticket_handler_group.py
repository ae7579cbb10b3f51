from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="ticket_handler")


class Migration(migrations.Migration):
    """The group of the people the office manager marks as able to handle repair tickets."""

    dependencies = [("accounts", "0004_email_case_insensitive_unique")]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
