"""bench/quotes_ggt.py reads the Gender Gap Tracker's annotation table with the standard library:
a spreadsheet written here, not the real one (no corpus or clone needed)."""

from __future__ import annotations

import io
import json
import zipfile

from bench.quotes_ggt import _quoted, _sheet_rows

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(rows: list[list[str]]) -> bytes:
    """A one-sheet workbook whose cells are all shared strings, as spreadsheet programs write."""
    strings = sorted({cell for row in rows for cell in row})
    shared = "".join(f"<si><t>{s.replace('&', '&amp;').replace('<', '&lt;')}</t></si>" for s in strings)
    sheet_rows = "".join(
        f'<row r="{r + 1}">' + "".join(
            f'<c r="{chr(65 + c)}{r + 1}" t="s"><v>{strings.index(cell)}</v></c>' for c, cell in enumerate(row)
        ) + "</row>" for r, row in enumerate(rows))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{_NS}">{shared}</sst>')
        book.writestr("xl/worksheets/sheet1.xml",
                      f'<worksheet xmlns="{_NS}"><sheetData>{sheet_rows}</sheetData></worksheet>')
    return buffer.getvalue()


def test_the_sheet_reads_as_one_dictionary_per_row_under_the_header() -> None:
    table = _xlsx([["_id", "outlet", "quotations"], ["ObjectId(abc)", "CBC News", "[]"]])
    assert _sheet_rows(table) == [{"_id": "ObjectId(abc)", "outlet": "CBC News", "quotations": "[]"}]


def test_only_quotations_in_marks_count_and_the_resolved_person_is_the_speaker() -> None:
    annotations = json.loads(json.dumps([
        {"speaker": "she", "quote": "\u201cWe will be back next week,\u201d", "reference": "Dana Croft"},
        {"speaker": "Croft", "quote": "the rally drew 500 people", "reference": "Dana Croft"},
        {"speaker": "Owen Pask", "quote": "\"Nobody listens to us,\"", "reference": ""},
        {"speaker": "he", "quote": "\"Nobody listens to us,\"", "reference": "Owen Pask"},
    ]))
    assert _quoted(annotations) == [
        ("\u201cWe will be back next week,\u201d", ["Dana Croft"]),
        ("\"Nobody listens to us,\"", ["Owen Pask"]),
    ]
