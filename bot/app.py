"""The composition root: the one place where everything is built and wired, on one loop.

`run_bot(settings)` opens the store, builds the engine (BriefingService), seeds the sources
(the operator's, or the bundled samples on an empty install), runs a first collection, and
starts the router, the configured chat platforms, the HTTP server, the scheduler and the
outbox worker, all on the one asyncio loop of `asyncio.run` (DESIGN.md principle 1). It stops
cleanly on SIGINT/SIGTERM, or when the console reaches the end of its input.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from bot.chat.router import Router
from bot.messages import Adapter
from briefs.service import BriefingService
from briefs.store.store import Store
from config.settings import Settings

log = logging.getLogger(__name__)

# The console waits this long for the first collection before reading commands, so that
# `printf '/brief\n' | briefbot run` briefs from collected articles (samples take a second).
CONSOLE_STARTUP_WAIT = 30.0


def samples_path(settings: Settings) -> Path:
    """The bundled sample sources as a real folder (copied out if packaged in a zip)."""
    bundled = resources.files("config").joinpath("samples")
    if isinstance(bundled, Path):
        return bundled
    target = settings.data_dir / "samples"
    if not target.exists():
        _copy_tree(bundled, target)
    return target


def _copy_tree(node: Any, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for child in node.iterdir():
        if child.is_dir():
            _copy_tree(child, target / child.name)
        else:
            (target / child.name).write_bytes(child.read_bytes())


def seed_sources(store: Store, settings: Settings) -> None:
    """The operator's configured URLs; the bundled samples only for a data directory that has
    never collected anything. Once real sources or articles exist (also from a one-off
    `collect --source`), the samples and their articles are removed."""
    for url in settings.sources.urls:
        store.add_source(url, origin="operator")
    if store.has_real_data():
        if store.remove_samples():
            log.info("real sources or articles exist: the bundled samples were removed")
        return
    if not settings.sources.samples:
        return
    here = str(samples_path(settings).resolve())
    for stale in store.list_sources(origin="sample"):
        if stale.url != here:  # the package moved (reinstalled elsewhere): follow it
            store.remove_source(stale.id)
            store.add_source(here, kind="folder", title=stale.title, origin="sample")
    if not store.list_sources():
        store.add_source(here, kind="folder", title="Sample news (bundled)", origin="sample")
        log.info("no sources configured: using the bundled samples in %s", here)


@dataclass
class BotApp:
    """Everything the running bot is made of; built by `build`, run by `run`."""

    settings: Settings
    store: Store
    service: BriefingService
    router: Router
    console: bool = False
    stdin: TextIO | None = None
    stdout: TextIO | None = None
    adapters: dict[str, Any] = field(default_factory=dict)
    scheduler: Any = None
    outbox: Any = None
    http: Any = None
    http_required: bool = False
    metrics: Any = None
    _tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _crashed: bool = False
    # A platform that cannot be reached at start is retried after these many seconds,
    # doubling up to the maximum.
    platform_retry_first: float = 5.0
    platform_retry_max: float = 300.0

    # -- running -------------------------------------------------------------------------

    async def run(self) -> int:
        """Run until SIGINT/SIGTERM (or the console's end of input); 0, or 1 after a crash."""
        self._install_signal_handlers()
        first_collection = asyncio.create_task(self._first_collection(), name="first-collection")
        try:
            await self._start_services(first_collection)
            if self.console:
                await _wait_quietly(first_collection, CONSOLE_STARTUP_WAIT)
                self._background(self._run_console(), "console")
            await self._stopping.wait()
        finally:
            first_collection.cancel()
            await self.stop()
        return 1 if self._crashed else 0

    def _background(self, work: Any, name: str) -> None:
        """A long-running part; if it dies, the bot stops (exit 1) rather than run half-dead."""
        task = asyncio.create_task(work, name=name)
        task.add_done_callback(self._watch)
        self._tasks.append(task)

    def _watch(self, task: asyncio.Task[Any]) -> None:
        if task.cancelled() or task.exception() is None:
            return
        log.error("%s failed; stopping", task.get_name(), exc_info=task.exception())
        self._crashed = True
        self.request_stop()

    def request_stop(self) -> None:
        self._stopping.set()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            # Not available off the main thread or on some platforms: then Ctrl-C still works.
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, self.request_stop)

    async def _first_collection(self) -> None:
        """Collect once at start so a briefing is possible within seconds."""
        try:
            # Several workers: each fetches batches of the due sources it claims in turn.
            if self.scheduler is not None:
                report = await self.scheduler.collect_due()
            else:
                report = await self.service.collect(None)
            log.info("first collection: %d new, %d duplicate, %d failed",
                     report.new, report.duplicate, report.failed)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("first collection failed; the scheduler will try again")

    async def _start_services(self, first_collection: asyncio.Task[None]) -> None:
        for name, adapter in self.adapters.items():
            if name == "console":
                continue
            await self._start_platform(name, adapter)
        await self._start_http()
        freeze_startup_objects()
        if self.outbox is not None:
            self._background(self.outbox.run(), "outbox")
        if self.scheduler is not None:
            self._background(self._start_scheduler(first_collection), "scheduler start")

    async def _start_platform(self, name: str, adapter: Any) -> None:
        """Start one platform. One that cannot be reached now (network down, API outage) is
        retried in the background with backoff while the others serve; one that refuses us
        (a bad token) stops the bot with that one-line error."""
        try:
            await adapter.start()
        except Exception as exc:
            if not _transient(adapter, exc):
                raise
            self._not_connected(name, adapter, exc)
            self._background(self._keep_connecting(name, adapter), f"{name} connect")
            return
        log.info("%s started", name)

    async def _keep_connecting(self, name: str, adapter: Any) -> None:
        delay = self.platform_retry_first
        while True:
            await asyncio.sleep(delay)
            try:
                await adapter.start()
            except Exception as exc:
                if not _transient(adapter, exc):
                    raise
                delay = min(delay * 2, self.platform_retry_max)
                self._not_connected(name, adapter, exc, delay)
                continue
            adapter.connect_error = None
            log.info("%s connected after all", name)
            return

    def _not_connected(self, name: str, adapter: Any, exc: Exception, delay: float | None = None) -> None:
        error = _one_line(exc)
        adapter.connect_error = error
        log.warning("%s: cannot connect (%s); retrying in %.0f s while the other platforms run",
                    name, error, delay or self.platform_retry_first)

    async def _start_scheduler(self, first_collection: asyncio.Task[None]) -> None:
        # After the first collection: the scheduler's own first pass would fetch the same
        # sources at the same moment, and catch-up pushes want the fresh articles.
        await asyncio.wait({first_collection})
        await self.scheduler.start()

    async def _start_http(self) -> None:
        if self.http is None:
            return
        try:
            await self.http.start()
        except OSError as exc:
            if self.http_required:
                raise
            # Only health and metrics live there in this mode: run on without them.
            log.warning("http: cannot listen on %s:%s (%s); /healthz and /metrics are off",
                        self.settings.bot.http_host, self.settings.bot.http_port, exc)
            self.http = None

    async def _run_console(self) -> None:
        await self.adapters["console"].run()
        if len(self.adapters) == 1:  # the console alone: its input ending ends the bot
            self.request_stop()
        else:
            log.info("console input ended; the other platforms keep running")

    async def stop(self) -> None:
        """Stop the scheduler and delivery, then the platforms, then close engine and store."""
        await self._step("scheduler", self.scheduler.stop if self.scheduler else None)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        # Other workers may send what this one had claimed at once, not after the lease.
        await self._step("outbox claims", self.outbox.release if self.outbox else None)
        for name, adapter in self.adapters.items():
            await self._step(name, getattr(adapter, "stop", None))
        await self._step("http", self.http.stop if self.http else None)
        await self._step("engine", self.service.aclose)  # closes the store too

    @staticmethod
    async def _step(name: str, step: Callable[[], Any] | None) -> None:
        if step is None:
            return
        try:
            await _maybe_await(step())
        except Exception:
            log.warning("stopping %s failed", name, exc_info=True)


def _transient(adapter: Any, exc: Exception) -> bool:
    """A failure to reach a platform that may pass (asks the adapter when it knows better)."""
    judge = getattr(adapter, "is_transient", None)
    if judge is not None:
        return bool(judge(exc))
    return isinstance(exc, (OSError, TimeoutError))


def _one_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def freeze_startup_objects() -> None:
    """What starting made (libraries, settings, the schema, the platforms' clients) lives as
    long as the process: out of the collector's reach, its full collections, which hold up the
    event loop and every send due meanwhile, walk only what came later (a 0.1-0.5 s pause
    every minute or so otherwise, with a few thousand outbox rows in memory)."""
    gc.collect()
    gc.freeze()


async def _maybe_await(value: Any) -> Any:
    if isinstance(value, Awaitable):
        return await value
    return value


async def _wait_quietly(task: asyncio.Task[Any], timeout: float) -> None:
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.shield(task), timeout)


# -- building ------------------------------------------------------------------------------


def build(settings: Settings, *, console: bool = False, stdin: TextIO | None = None,
          stdout: TextIO | None = None) -> BotApp:
    """Wire the bot. Platforms come from the settings; the console when none (or asked)."""
    from bot.delivery.outbox import Outbox
    from bot.delivery.ratelimit import RateLimiter
    from bot.delivery.scheduler import Scheduler
    from bot.metrics import DEFAULT_METRICS
    from bot.storage import open_store

    store = open_store(settings)
    seed_sources(store, settings)
    service = BriefingService(store, settings)
    # The scheduler needs the outbox, which needs the adapters, which need the router: the
    # router is built first and told about the scheduler once it exists.
    router = Router(service, store, settings)
    app = BotApp(settings, store, service, router, stdin=stdin, stdout=stdout,
                 metrics=DEFAULT_METRICS)
    app.adapters = _adapters(app, console)
    app.console = "console" in app.adapters
    app.outbox = Outbox(store, app.adapters, limiter=RateLimiter(rate_limits(settings),
                                                                 shared=shared_buckets(store)),
                        max_in_flight=settings.delivery.max_in_flight,
                        max_attempts=settings.delivery.max_attempts)
    share_platform_work(app)
    app.scheduler = Scheduler(service, store, settings, app.outbox)
    router.scheduler_hooks = app.scheduler
    app.http, app.http_required = _http(app)
    return app


def rate_limits(settings: Settings) -> Any:
    """The outbox's pacing, from the [delivery] settings."""
    from bot.delivery.ratelimit import RateLimits

    delivery = settings.delivery
    return RateLimits(
        telegram_per_second=delivery.telegram_per_second,
        telegram_chat_per_second=delivery.telegram_chat_per_second,
        telegram_group_per_minute=delivery.telegram_group_per_minute,
        slack_channel_per_second=delivery.slack_channel_per_second,
        headroom=delivery.headroom,
    )


def shared_buckets(store: Store) -> Any:
    """On PostgreSQL the platforms' overall limits are shared by every worker; one SQLite
    worker paces itself."""
    if store.engine.dialect.name != "postgresql":
        return None
    from bot.delivery.shared_limit import SharedBuckets

    return SharedBuckets(store.engine)


def share_platform_work(app: BotApp) -> None:
    """Several workers: Telegram long polling by the one holding the lease (on PostgreSQL,
    where several workers can share a database), Slack Socket Mode events answered once, and
    Slack HTTP requests replayed to another worker (behind a load balancer) answered once."""
    from functools import partial

    from bot.delivery.claims import Leadership, first_sighting

    telegram, slack = app.adapters.get("telegram"), app.adapters.get("slack")
    if telegram is not None and telegram.mode == "polling" and \
            app.store.engine.dialect.name == "postgresql":
        telegram.leader = Leadership(app.store, "telegram-polling", app.outbox.worker_id)
    if slack is not None and slack.mode == "socket":
        slack.first_sighting = partial(first_sighting, app.store)
    if slack is not None and slack.mode == "http" and slack.guard is not None:
        slack.shared_replays = partial(first_sighting, app.store)


def _adapters(app: BotApp, console: bool) -> dict[str, Adapter]:
    secrets = app.settings.secrets
    adapters: dict[str, Any] = {}
    handle = app.router.handle
    if secrets.telegram_enabled:
        from bot.adapters.telegram import TelegramAdapter

        adapters["telegram"] = TelegramAdapter(app.settings, handle, app.metrics)
    if secrets.slack_enabled:
        from bot.adapters.slack import SlackAdapter

        adapters["slack"] = SlackAdapter(app.settings, handle, app.metrics)
    if console or not adapters:
        from bot.adapters.console import ConsoleAdapter

        adapters["console"] = ConsoleAdapter(handle, stdin=app.stdin or sys.stdin,
                                             stdout=app.stdout or sys.stdout, metrics=app.metrics)
    return adapters


def _http(app: BotApp) -> tuple[Any, bool]:
    """(server, required): the HTTP server runs with any chat platform (health, metrics);
    it is required when a platform receives its updates over it (Slack HTTP mode, webhook)."""
    telegram, slack = app.adapters.get("telegram"), app.adapters.get("slack")
    if telegram is None and slack is None:
        return None, False
    from bot.http import HttpServer

    required = (slack is not None and slack.mode == "http") or \
        (telegram is not None and telegram.mode == "webhook")
    bot = app.settings.bot
    health = app.outbox.health if app.outbox is not None else None  # which worker, holding what
    return HttpServer(bot.http_host, bot.http_port, metrics=app.metrics,
                      telegram=telegram, slack=slack, extra_health=health,
                      idle_seconds=bot.http_idle_seconds, body_seconds=bot.http_body_seconds,
                      max_connections=bot.http_max_connections), required


def run_bot(settings: Settings, *, console: bool = False) -> int:
    """`briefbot run`: build, run until stopped, return the exit code."""

    async def main() -> int:
        app = build(settings, console=console)
        return await app.run()

    return asyncio.run(main())


__all__ = ["BotApp", "build", "run_bot", "samples_path", "seed_sources"]
