"""CSV import of opening balances: all rows or none."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.leave import services
from apps.leave.models import EntryKind, LedgerEntry


def upload(text, *, bom=False):
    data = text.encode("utf-8")
    return BytesIO(b"\xef\xbb\xbf" + data if bom else data)


def test_a_good_file_with_bom_semicolons_and_decimal_commas_is_imported(org, policy, clock):
    file = upload(
        "E-mail;Type;Jours;Motif\nstaff@test.fr;CP;12,5;Reprise du logiciel de paie\nCOLLEAGUE@test.fr;rtt;3;\n",
        bom=True,
    )
    assert services.leave_balances_import_csv(file=file, by=org.office_manager) == 2
    staff = LedgerEntry.objects.get(person=org.staff)
    assert (staff.kind, staff.days, staff.author, staff.period) == (
        EntryKind.OPENING,
        Decimal("12.5"),
        org.office_manager,
        dt.date(2024, 6, 1),
    )
    assert LedgerEntry.objects.get(person=org.colleague).reason == "Opening balance"


def test_a_comma_separated_file_without_header_is_imported(org, policy, clock):
    assert services.leave_balances_import_csv(file=upload("staff@test.fr,CP,2.5,Opening\n"), by=org.office_manager) == 1


def test_any_bad_row_imports_nothing_and_lists_each_error(org, policy, clock):
    file = upload(
        "email;type;days;reason\n"
        "staff@test.fr;CP;10;ok\n"
        "nobody@test.fr;CP;1;x\n"
        "staff@test.fr;MAL;2;x\n"
        "staff@test.fr;CP;abc;x\n"
        "staff@test.fr;XX\n"
    )
    with pytest.raises(ValidationError) as exc:
        services.leave_balances_import_csv(file=file, by=org.office_manager)
    messages = exc.value.messages
    assert any(m.startswith("Row 3:") and "nobody@test.fr" in m for m in messages)
    assert any(m.startswith("Row 4:") and "no balance" in m for m in messages)
    assert any(m.startswith("Row 5:") and "abc" in m for m in messages)
    assert any(m.startswith("Row 6:") for m in messages)
    assert not LedgerEntry.objects.exists()


def test_only_office_managers_import(org, policy, clock):
    with pytest.raises(PermissionDenied):
        services.leave_balances_import_csv(file=upload("staff@test.fr;CP;1;x\n"), by=org.manager)


def test_a_file_that_is_not_utf8_is_refused(org, policy, clock):
    with pytest.raises(ValidationError):
        services.leave_balances_import_csv(file=BytesIO("é;CP;1".encode("latin-1")), by=org.office_manager)
