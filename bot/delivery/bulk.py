"""Inserting tens of thousands of rows at once (outbox rows and push records of a push).

At 100,000 rows SQLAlchemy's per-row parameter processing costs more than the insert itself,
so rows go to the driver as they are: on SQLite through one executemany of a statement compiled
once, on PostgreSQL through COPY. Only for columns whose values need no conversion by a column
type (text, integers, None); values every row shares go in `shared`, where instants may be given
as datetimes (stored as UTCDateTime stores them: naive UTC).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Connection


def bulk_insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]],
                shared: Mapping[str, Any]) -> None:
    """INSERT `rows` (dicts with the same keys, in the same order) plus `shared` into `table`."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        _copy(conn, table, rows, shared)
    else:
        _executemany(conn, table, rows, shared)


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _executemany(conn: Connection, table: sa.Table, rows: list[dict[str, Any]],
                 shared: Mapping[str, Any]) -> None:
    # A shared instant is written into the statement once, in UTCDateTime's stored form.
    instants = {k: sa.literal_column(f"'{_naive_utc(v).isoformat(sep=' ', timespec='microseconds')}'")
                for k, v in shared.items() if isinstance(v, datetime)}
    others = {k: v for k, v in shared.items() if k not in instants}
    columns = [*rows[0], *others]
    statement = table.insert().values({**{c: sa.bindparam(c) for c in columns}, **instants})
    compiled = statement.compile(dialect=conn.dialect)
    if compiled.positiontup is not None:  # qmark (SQLite's driver): the statement's order
        order = compiled.positiontup
        params: list[Any] = [tuple(row[n] if n in row else others[n] for n in order) for row in rows]
    else:
        params = [{**row, **others} for row in rows]
    conn.exec_driver_sql(str(compiled), params)


def _copy(conn: Connection, table: sa.Table, rows: list[dict[str, Any]],
          shared: Mapping[str, Any]) -> None:
    tail = tuple(_naive_utc(v) if isinstance(v, datetime) else v for v in shared.values())
    columns = ", ".join([*rows[0], *shared])
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    statement = f"COPY {table.name} ({columns}) FROM STDIN"
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row((*row.values(), *tail))
    except conn.dialect.loaded_dbapi.IntegrityError as exc:  # as SQLAlchemy reports it elsewhere
        raise sa.exc.IntegrityError(statement, None, exc) from exc
    finally:
        cursor.close()


def among(conn: Connection, column: sa.ColumnElement[Any], values: list[Any]) -> sa.ColumnElement[bool]:
    """`column IN values` for thousands of values: one array parameter on PostgreSQL
    (``= ANY(...)``), where thousands of separate parameters cost more to render and parse
    than the query takes; a plain IN list elsewhere."""
    if conn.dialect.name == "postgresql":
        return column == sa.any_(sa.literal(values, ARRAY(column.type)))
    return column.in_(values)
