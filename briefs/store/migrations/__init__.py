"""The database schema's history: Alembic revisions, one history for SQLite and PostgreSQL.

One Alembic environment with a branch per component: ``engine`` (its revisions in
``versions/`` here), and whatever branches the caller adds through `locations` (the chat side
adds ``chat`` and ``delivery`` from bot/migrations; the engine never imports them, Alembic
loads the files). A branch that needs another's tables says so with ``depends_on``. Revision
ids are ``<branch>_<NNNN>``; docs/MIGRATIONS.md says how to add one.

`upgrade` runs under `migration_lock` (several processes may start at once), each revision in
its own transaction. A database made by the earlier home-grown runner (its versions in
``schema_migrations``) is first stamped with the matching revisions (`legacy`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.environment import EnvironmentContext
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

from briefs.store.engine import migration_lock
from briefs.store.migrations import legacy

HERE = Path(__file__).resolve().parent
ENGINE_VERSIONS = HERE / "versions"

log = logging.getLogger(__name__)
# Alembic says "Context impl SQLiteImpl." and more at INFO on every start; one line of ours
# per revision applied is enough (an explicit level set by the application is kept).
if logging.getLogger("alembic").level == logging.NOTSET:
    logging.getLogger("alembic").setLevel(logging.WARNING)


class MigrationError(RuntimeError):
    """The schema cannot be brought up to date; the message says why in one line."""


@dataclass(frozen=True)
class Revision:
    id: str
    description: str
    applied: bool


def script_directory(locations: Iterable[Path] = ()) -> ScriptDirectory:
    """The engine's revisions plus those in `locations` (other components' branches)."""
    return _scripts(tuple(str(Path(p).resolve()) for p in locations))


@functools.lru_cache(maxsize=8)
def _scripts(locations: tuple[str, ...]) -> ScriptDirectory:
    # Read once per process: the files do not change while it runs.
    return ScriptDirectory(str(HERE), version_locations=[str(ENGINE_VERSIONS), *locations])


def upgrade(engine: Engine, locations: Iterable[Path] = (), target: str = "heads") -> list[Revision]:
    """Apply the revisions up to `target` (every branch's head by default) that the database
    lacks, holding the migration lock; returns those applied, in order."""
    script = script_directory(locations)
    applied: list[Revision] = []
    with migration_lock(engine), engine.connect() as conn:
        legacy.adopt(conn, script)
        _check_known(conn, script)
        _run(conn, script, target, lambda rev: applied.append(_revision(rev, applied=True)))
    for revision in applied:
        log.info("database migrated: %s (%s)", revision.id, revision.description)
    return applied


def status(engine: Engine, locations: Iterable[Path] = ()) -> list[Revision]:
    """Every revision, base first, marked applied or pending (read only, no lock)."""
    script = script_directory(locations)
    with engine.connect() as conn:
        heads = set(current_heads(conn))
        _check_known(conn, script, heads)
        # What the next upgrade will stamp for the earlier runner's versions counts as applied.
        heads |= set(legacy.matching_heads(conn, script, {legacy.branch_of(h) for h in heads}))
        done = _ancestry(script, heads)
    return [_revision(rev, applied=rev.revision in done) for rev in in_order(script)]


def current_heads(conn: Connection) -> tuple[str, ...]:
    heads = MigrationContext.configure(conn).get_current_heads()
    if conn.in_transaction():
        conn.rollback()  # the read began one; Alembic begins its own per revision
    return heads


def in_order(script: ScriptDirectory) -> list[Script]:
    """Every revision, each after the ones it revises or depends on."""
    return list(reversed(list(script.walk_revisions("base", "heads"))))


def _run(conn: Connection, script: ScriptDirectory, target: str, applied: Callable[[Script], None]) -> None:
    def steps(heads: Sequence[str], _context: Any) -> Any:
        return script._upgrade_revs(target, heads)  # what `alembic upgrade` runs

    def on_apply(*, step: Any, **_kw: Any) -> None:
        if not step.is_stamp and step.up_revision is not None:
            applied(step.up_revision)

    with EnvironmentContext(Config(), script, fn=steps, destination_rev=target) as env:
        env.configure(connection=conn, transaction_per_migration=True, on_version_apply=on_apply)
        with env.begin_transaction():
            env.run_migrations()
    if conn.in_transaction():
        conn.commit()


def _check_known(conn: Connection, script: ScriptDirectory, heads: Iterable[str] | None = None) -> None:
    """One plain line when the database carries revisions this program does not have (a
    newer version migrated it, or a component's branch was not given)."""
    heads = current_heads(conn) if heads is None else heads
    unknown = []
    for head in heads:
        try:
            script.get_revision(head)
        except CommandError:
            unknown.append(head)
    if unknown:
        raise MigrationError(f"the database has revisions this program does not know: {', '.join(sorted(unknown))}"
                             " (migrated by a newer briefbot?)")


def _ancestry(script: ScriptDirectory, heads: Iterable[str]) -> set[str]:
    """The heads and every revision they revise or depend on, transitively."""
    done: set[str] = set()
    todo = list(heads)
    while todo:
        rev = script.get_revision(todo.pop())
        if rev is None or rev.revision in done:
            continue
        done.add(rev.revision)
        todo.extend(_as_tuple(rev.down_revision) + _as_tuple(rev.dependencies))
    return done


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _revision(rev: Script, applied: bool) -> Revision:
    return Revision(rev.revision, (rev.doc or "").strip().rstrip("."), applied)

