"""The passage count used for IDF comes from the FTS5 index's own record, not count(*)."""

from __future__ import annotations

import pytest

from briefs.answer.index import SQLitePassageIndex, _indexed_rows, _varint
from briefs.models import ArticleDraft

pytestmark = pytest.mark.backends("sqlite")


@pytest.mark.parametrize(
    ("data", "value"),
    [(b"\x05", 5), (b"\x81\x00", 128), (b"\xeb\xb3}", 1759741), (b"\xff" * 8 + b"\x01", (2**56 - 1) * 256 + 1)],
)
def test_sqlite_varints_are_read(data: bytes, value: int) -> None:
    assert _varint(data) == value


def test_the_count_agrees_with_the_passages_table(store) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        store.add_article(ArticleDraft(
            url=f"https://news.example/{n}", title=f"Story {n}",
            text=f"The ferry to Telmar ran late on day {n}. Its crew blamed the fog. Nobody was hurt."))
    SQLitePassageIndex(store.engine).refresh()
    with store.engine.connect() as conn:
        counted = conn.exec_driver_sql("SELECT count(*) FROM passages").scalar()
        assert counted and _indexed_rows(conn) == counted
        conn.exec_driver_sql("DELETE FROM passage_fts_data WHERE id = 1")
        assert _indexed_rows(conn) == counted  # no record: counted the slow way
