"""The leave types every French company needs, and the policy row with the legal defaults."""

from decimal import Decimal

from django.db import migrations

# (code, name, kind, counts_against_balance, allows_half_days, needs_approval, needs_document,
#  document_private, is_private, colour, max_days, order)
DEFAULT_TYPES = [
    ("CP", "Congés payés", "paid", True, True, True, False, False, False, "#0d6efd", None, 10),
    ("RTT", "RTT", "rtt", True, True, True, False, False, False, "#6f42c1", None, 20),
    ("MAL", "Arrêt maladie", "sick", False, True, False, True, True, True, "#6c757d", None, 30),
    ("CSS", "Congé sans solde", "unpaid", False, True, True, False, False, False, "#adb5bd", None, 40),
    ("FAM_MAR", "Mariage ou PACS", "family", False, False, True, True, False, False, "#d63384", Decimal(4), 50),
    ("FAM_MAR_ENF", "Mariage d'un enfant", "family", False, False, True, True, False, False, "#d63384", Decimal(1), 51),
    ("FAM_NAIS", "Naissance ou adoption", "family", False, False, True, True, False, False, "#d63384", Decimal(3), 52),
    ("FAM_DEC_ENF", "Décès d'un enfant", "family", False, False, True, True, False, False, "#495057", Decimal(12), 53),
    (
        "FAM_DEC_ENF25",
        "Décès d'un enfant de moins de 25 ans",
        "family",
        False,
        False,
        True,
        True,
        False,
        False,
        "#495057",
        Decimal(14),
        54,
    ),
    (
        "FAM_DEC",
        "Décès du conjoint, partenaire, parent, frère ou sœur",
        "family",
        False,
        False,
        True,
        True,
        False,
        False,
        "#495057",
        Decimal(3),
        55,
    ),
    (
        "FAM_HAND",
        "Annonce du handicap d'un enfant",
        "family",
        False,
        False,
        True,
        True,
        False,
        False,
        "#20c997",
        Decimal(5),
        56,
    ),
]


def create_defaults(apps, schema_editor):
    LeaveType = apps.get_model("leave", "LeaveType")
    LeavePolicy = apps.get_model("leave", "LeavePolicy")
    for code, name, kind, balance, halves, approval, document, doc_private, private, colour, max_days, order in (
        DEFAULT_TYPES
    ):
        LeaveType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "counts_against_balance": balance,
                "allows_half_days": halves,
                "needs_approval": approval,
                "needs_document": document,
                "document_private": doc_private,
                "is_private": private,
                "colour": colour,
                "max_days": max_days,
                "order": order,
            },
        )
    LeavePolicy.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("leave", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
