"""One privacy level per leave type instead of two booleans, and the default health and family types
made private (issue #10, GDPR art. 9).

A type whose documents only were private becomes private as a whole: erring on the side of
privacy, since only health-related types had that flag. Sick leave, the announcement of a child's
disability and every bereavement type become private on existing databases too: nobody but the
person and the office managers needs to know them.
"""

from django.db import migrations, models

# The default types (migration 0002) that carry health or family data.
PRIVATE_BY_DEFAULT = ("MAL", "FAM_HAND", "FAM_DEC_ENF", "FAM_DEC_ENF25", "FAM_DEC")


def to_privacy(apps, schema_editor):
    LeaveType = apps.get_model("leave", "LeaveType")
    LeaveType.objects.filter(models.Q(is_private=True) | models.Q(document_private=True)).update(privacy="private")
    LeaveType.objects.filter(code__in=PRIVATE_BY_DEFAULT).update(privacy="private")


def to_booleans(apps, schema_editor):
    LeaveType = apps.get_model("leave", "LeaveType")
    LeaveType.objects.filter(privacy="private").update(is_private=True, document_private=True)


class Migration(migrations.Migration):
    dependencies = [("leave", "0004_leaverequest_end_start_index")]

    operations = [
        migrations.AddField(
            model_name="leavetype",
            name="privacy",
            field=models.CharField(
                choices=[
                    ("public", "Public: managers and the director see the type, comment and document"),
                    ("private", "Private: only the person and office managers see the type, comment and document"),
                ],
                default="public",
                help_text=(
                    "Private: everyone but the person and the office managers sees only “Absence”, never the type, "
                    "the comment or the supporting document (sick leave, disability announcement, bereavement)."
                ),
                max_length=10,
                verbose_name="privacy",
            ),
        ),
        migrations.RunPython(to_privacy, to_booleans),
        migrations.RemoveField(model_name="leavetype", name="document_private"),
        migrations.RemoveField(model_name="leavetype", name="is_private"),
        migrations.AddField(
            model_name="leaverequest",
            name="document_deleted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="document deleted at"),
        ),
    ]
