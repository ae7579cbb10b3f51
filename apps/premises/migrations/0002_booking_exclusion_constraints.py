"""No double booking in the database: btree_gist and two exclusion constraints, on PostgreSQL only.

``BtreeGistExtension`` does nothing on other databases; the constraints are added through the schema
editor only when it is PostgreSQL's. They are not declared in ``Booking.Meta`` (see
``apps.premises.models.bookings``), so the autodetector has nothing to compare and stays quiet.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from apps.premises.constraints import booking_exclusion_constraints


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Booking = apps.get_model("premises", "Booking")
    for constraint in booking_exclusion_constraints():
        schema_editor.add_constraint(Booking, constraint)


def remove_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Booking = apps.get_model("premises", "Booking")
    for constraint in booking_exclusion_constraints():
        schema_editor.remove_constraint(Booking, constraint)


class Migration(migrations.Migration):
    dependencies = [("premises", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraints, remove_constraints, elidable=False),
    ]
