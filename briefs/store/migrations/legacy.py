"""Databases made by the earlier home-grown runner: adopted into Alembic's history in place.

That runner recorded ``(component, version)`` rows in ``schema_migrations``; each of those
versions is now the revision ``<component>_<NNNN>`` with the same DDL. Adopting stamps each
component's highest recorded version (after applying any version it skipped: a version could
be added below an existing one), then the ordinary upgrade applies what is newer. No table is
touched but those a skipped version creates; ``schema_migrations`` is kept as it was (an older
briefbot reading it still finds its versions there).
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection

LEGACY_TABLE = "schema_migrations"


def revision_id(component: str, version: int) -> str:
    return f"{component}_{version:04d}"


def branch_of(revision: str) -> str:
    return revision.rsplit("_", 1)[0]


def recorded(conn: Connection) -> dict[str, set[int]]:
    """The versions the old runner recorded, by component (empty when it never ran here)."""
    if not sa.inspect(conn).has_table(LEGACY_TABLE):
        return {}
    versions: dict[str, set[int]] = defaultdict(set)
    for component, version in conn.execute(sa.text(f"SELECT component, version FROM {LEGACY_TABLE}")):
        versions[component].add(int(version))
    return dict(versions)


def matching_heads(conn: Connection, script: ScriptDirectory, adopted: set[str] | None = None) -> list[str]:
    """For each recorded component not yet in Alembic's table (`adopted` branches) whose
    revisions `script` has, the revision of its highest recorded version."""
    heads = []
    for component, versions in sorted(recorded(conn).items()):
        head = revision_id(component, max(versions))
        if component not in (adopted or set()) and _known(script, head):
            heads.append(head)
    return heads


def adopt(conn: Connection, script: ScriptDirectory) -> list[str]:
    """Stamp the revisions matching the old runner's versions; returns the revisions stamped.
    Call under the migration lock."""
    context = MigrationContext.configure(conn)
    adopted = {branch_of(head) for head in context.get_current_heads()}
    heads = matching_heads(conn, script, adopted)
    versions = recorded(conn)
    if conn.in_transaction():
        conn.rollback()  # the reads began one
    if not heads:
        return []
    with conn.begin():
        for head in heads:
            component = branch_of(head)
            for version in range(1, max(versions[component])):
                if version not in versions[component]:  # skipped by the old runner: apply now
                    _apply(context, script, revision_id(component, version))
        context.stamp(script, tuple(heads))
    return heads


def _apply(context: MigrationContext, script: ScriptDirectory, revision: str) -> None:
    with Operations.context(context):
        script.get_revision(revision).module.upgrade()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False
