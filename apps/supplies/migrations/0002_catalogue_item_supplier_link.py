"""The catalogue's free-text "preferred supplier" becomes a link to the supplier directory (issue #14).

Each distinct name (spaces and case ignored) becomes a supplier of the directory, unless one of that
name is already there, and the items point at it; nothing typed is lost.
"""

import django.db.models.deletion
from django.db import migrations, models


def _key(name):
    return " ".join((name or "").split()).casefold()


def link_suppliers(apps, schema_editor):
    CatalogueItem = apps.get_model("supplies", "CatalogueItem")
    Supplier = apps.get_model("suppliers", "Supplier")
    known = {_key(s.name): s for s in Supplier.objects.all()}
    for item in CatalogueItem.objects.exclude(preferred_supplier="").only("pk", "preferred_supplier"):
        key = _key(item.preferred_supplier)
        if not key:
            continue
        supplier = known.get(key)
        if supplier is None:
            supplier = Supplier.objects.create(name=" ".join(item.preferred_supplier.split())[:200])
            known[key] = supplier
        CatalogueItem.objects.filter(pk=item.pk).update(supplier=supplier)


def unlink_suppliers(apps, schema_editor):
    CatalogueItem = apps.get_model("supplies", "CatalogueItem")
    for item in CatalogueItem.objects.exclude(supplier=None).select_related("supplier"):
        CatalogueItem.objects.filter(pk=item.pk).update(preferred_supplier=item.supplier.name)


class Migration(migrations.Migration):
    dependencies = [
        ("suppliers", "0001_initial"),
        ("supplies", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="catalogueitem",
            name="supplier",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="catalogue_items",
                to="suppliers.supplier",
                verbose_name="preferred supplier",
            ),
        ),
        migrations.RunPython(link_suppliers, unlink_suppliers),
        migrations.RemoveField(model_name="catalogueitem", name="preferred_supplier"),
    ]
