"""PostgreSQL only: one person's active leave requests never overlap (half-day precision).

The constraint lives in SQL rather than in ``LeaveRequest.Meta`` so the migration state is the same
on SQLite and PostgreSQL (``makemigrations --check`` stays clean on both); on SQLite the services'
check inside a locked transaction is the only guard.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "leaverequest_no_overlap"
CREATE = f"""
ALTER TABLE leave_leaverequest ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (person_id WITH =, int8range(start_slot, end_slot, '[]') WITH &&)
WHERE (status IN ('pending', 'approved', 'cancellation_requested'))
"""
DROP = f"ALTER TABLE leave_leaverequest DROP CONSTRAINT IF EXISTS {CONSTRAINT}"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("leave", "0002_default_leave_types")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
