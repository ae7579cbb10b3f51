"""CSV cells that a spreadsheet would run as formulas are escaped; numbers stay numbers."""

import io
from decimal import Decimal

import pytest

from apps.core.csv_export import CsvWriter, csv_cell


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+33 6 12", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"],
)
def test_text_that_a_spreadsheet_would_evaluate_is_prefixed_with_a_quote(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Dupont", "Jean-Pierre", "a=b", "", "1,50"])
def test_ordinary_text_is_written_as_it_is(text):
    assert csv_cell(text) == text


def test_numbers_stay_numeric_even_when_negative():
    assert csv_cell(Decimal("-1.50")) == "-1.50"
    assert csv_cell(Decimal("-1.50"), decimal_comma=True) == "-1,50"
    assert csv_cell(-3) == "-3"
    assert csv_cell(-0.5) == "-0.5"
    assert csv_cell(None) == ""


def test_a_boolean_is_text_not_a_number():
    assert csv_cell(True) == "True"


def test_the_writer_escapes_every_text_cell_of_a_row_and_keeps_numbers():
    out = io.StringIO()
    CsvWriter(out, delimiter=";", decimal_comma=True).writerows([["=1+2", Decimal("-1.5"), "-x", 4]])
    assert out.getvalue() == "'=1+2;-1,5;'-x;4\r\n"
