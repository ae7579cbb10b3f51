"""Every CSV the app writes goes through here, so that no cell can become a spreadsheet formula.

A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell whose text starts with ``=``, ``+``,
``-`` or ``@`` as a formula, and a leading tab or carriage return can hide such a character from a
quick look. Anyone can put such text in a field that ends up in an export (a staff member naming
themselves ``=HYPERLINK("http://evil", "Pay")``), and the office manager who opens the file runs it.

The rule (OWASP "CSV injection"):

- **text** cells (``str``, and anything else that is not a number) starting with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return are prefixed with ``'``, which spreadsheets show as
  text and do not evaluate;
- **numbers** (``int``, ``float``, ``Decimal``; not ``bool``) are written as numbers and never
  escaped: a negative balance ``-1.5`` must stay a number the payroll can add up. Pass numbers as
  numbers, not as pre-formatted strings, or a negative one will be escaped like text.

``CsvWriter(out, delimiter=";", decimal_comma=True)`` writes numbers with a decimal comma for
French spreadsheets (``Decimal("-1.50")`` → ``-1,50``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TextIO

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, *, decimal_comma: bool = False) -> str:
    """The text of one cell: numbers as numbers, text escaped when it could be read as a formula."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text = format(value, "f") if isinstance(value, Decimal) else str(value)
        return text.replace(".", ",") if decimal_comma else text
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class CsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_cell``."""

    def __init__(
        self, out: TextIO, *, delimiter: str = ",", decimal_comma: bool = False, lineterminator: str = "\r\n"
    ) -> None:
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
        self._decimal_comma = decimal_comma

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value, decimal_comma=self._decimal_comma) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
