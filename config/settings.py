"""Typed configuration: shipped defaults, then a user TOML file, then the environment.

Configuration is read once, at the edge (the CLI), and passed down as a frozen `Settings`.
Nothing else in the project reads `os.environ`.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(Exception):
    """A bad configuration value; the message names the key and the problem in one line."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"configuration error: {key}: {problem}")
        self.key = key
        self.problem = problem


@dataclass(frozen=True)
class StoreSettings:
    # May carry a database password: kept out of repr, so never logged with the settings.
    url: str = field(default="", repr=False)


@dataclass(frozen=True)
class FetchSettings:
    total_timeout: float = 20.0
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    concurrency: int = 8
    per_host: int = 2
    user_agent: str = "briefbot/0.1 (news briefing bot)"
    allow_private_networks: bool = False


@dataclass(frozen=True)
class CollectSettings:
    interval_minutes: int = 15
    workers: int = 2
    max_items_per_feed: int = 50
    fetch_full_text: bool = True
    teaser_chars: int = 800
    backoff_base_minutes: int = 5
    backoff_max_hours: int = 24
    near_duplicate_threshold: float = 0.8
    cluster_window_hours: int = 72
    source_budget_seconds: float = 120.0
    pass_budget_seconds: float = 600.0
    max_item_chars: int = 200_000


@dataclass(frozen=True)
class SourcesSettings:
    urls: tuple[str, ...] = ()
    samples: bool = True


@dataclass(frozen=True)
class BriefSettings:
    stories: int = 5
    summary_sentences: int = 3
    max_quotes: int = 3
    max_numbers: int = 5
    since_hours: int = 24


@dataclass(frozen=True)
class LLMSettings:
    base_url: str = ""
    model: str = "gpt-4o-mini"
    request_timeout: float = 20.0
    max_retries: int = 2
    deadline: float = 60.0
    breaker_failures: int = 3
    breaker_reset_seconds: float = 60.0
    # Secret: from BRIEFBOT_LLM_API_KEY only; excluded from repr so it is never logged.
    api_key: str = field(default="", repr=False)

    @property
    def enabled(self) -> bool:
        return bool(self.base_url)


@dataclass(frozen=True)
class AskSettings:
    window_days: int = 30
    passages: int = 8
    history_turns: int = 4


@dataclass(frozen=True)
class BotSettings:
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    language: str = "en"
    slack_admin_rule: str = "anyone"
    max_subscriptions_per_chat: int = 50
    max_topics_per_chat: int = 20
    max_schedules_per_chat: int = 6
    http_idle_seconds: float = 15.0
    http_body_seconds: float = 10.0
    http_max_connections: int = 256


@dataclass(frozen=True)
class DeliverySettings:
    telegram_per_second: float = 30.0
    telegram_chat_per_second: float = 1.0
    telegram_group_per_minute: float = 20.0
    slack_channel_per_second: float = 1.0
    headroom: float = 0.95
    max_in_flight: int = 8
    max_attempts: int = 8


@dataclass(frozen=True)
class ScheduleSettings:
    grace_minutes: int = 120
    default_timezone: str = "UTC"


@dataclass(frozen=True)
class Secrets:
    """Platform credentials: read from the environment only, never logged or stored."""

    telegram_bot_token: str = field(default="", repr=False)
    telegram_api_base_url: str = "https://api.telegram.org"
    telegram_webhook_url: str = ""
    telegram_webhook_secret: str = field(default="", repr=False)
    slack_bot_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    slack_app_token: str = field(default="", repr=False)
    slack_api_base_url: str = "https://slack.com/api/"

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("var")
    store: StoreSettings = StoreSettings()
    fetch: FetchSettings = FetchSettings()
    collect: CollectSettings = CollectSettings()
    sources: SourcesSettings = SourcesSettings()
    brief: BriefSettings = BriefSettings()
    llm: LLMSettings = LLMSettings()
    ask: AskSettings = AskSettings()
    bot: BotSettings = BotSettings()
    delivery: DeliverySettings = DeliverySettings()
    schedule: ScheduleSettings = ScheduleSettings()
    secrets: Secrets = Secrets()

    @property
    def database_url(self) -> str:
        if self.store.url:
            return self.store.url
        return f"sqlite:///{(self.data_dir / 'briefbot.db').resolve()}"

    def replace(self, **sections: Any) -> "Settings":
        """A copy with whole sections or fields replaced (handy in tests)."""
        return dataclasses.replace(self, **sections)


_SECTIONS: dict[str, type] = {
    "store": StoreSettings,
    "fetch": FetchSettings,
    "collect": CollectSettings,
    "sources": SourcesSettings,
    "brief": BriefSettings,
    "llm": LLMSettings,
    "ask": AskSettings,
    "bot": BotSettings,
    "delivery": DeliverySettings,
    "schedule": ScheduleSettings,
}
# Keys that may only come from the environment.
_SECRET_KEYS = {("llm", "api_key")}

# The documented variables of INTERFACE.md, mapped onto settings keys.
_NAMED_ENV: dict[str, tuple[str, str]] = {
    "BRIEFBOT_DATABASE_URL": ("store", "url"),
    "BRIEFBOT_LLM_BASE_URL": ("llm", "base_url"),
    "BRIEFBOT_LLM_MODEL": ("llm", "model"),
    "BRIEFBOT_HTTP_HOST": ("bot", "http_host"),
    "BRIEFBOT_HTTP_PORT": ("bot", "http_port"),
    "BRIEFBOT_ALLOW_PRIVATE_NETWORKS": ("fetch", "allow_private_networks"),
}


def load_defaults_text() -> str:
    return resources.files("config").joinpath("defaults.toml").read_text(encoding="utf-8")


def load_settings(
    config_path: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build Settings from defaults, the user file and the environment; raise ConfigError."""
    env = dict(os.environ if environ is None else environ)
    raw = _parse_toml(load_defaults_text(), "defaults.toml")
    config_path = config_path or env.get("BRIEFBOT_CONFIG") or None
    if config_path:
        _merge(raw, _read_user_file(Path(config_path)), prefix="")
    _merge(raw, _env_overrides(env), prefix="")
    sections = {name: _build_section(name, cls, raw.get(name, {})) for name, cls in _SECTIONS.items()}
    unknown = set(raw) - set(_SECTIONS)
    if unknown:
        raise ConfigError(sorted(unknown)[0], "unknown section")
    llm = dataclasses.replace(sections["llm"], api_key=env.get("BRIEFBOT_LLM_API_KEY", ""))
    sections["llm"] = llm
    settings = Settings(
        data_dir=Path(data_dir or env.get("BRIEFBOT_DATA_DIR") or "var"),
        secrets=_secrets_from_env(env),
        **sections,
    )
    _validate(settings)
    return settings


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(name, f"not valid TOML ({exc})") from None


def _read_user_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read config file ({exc.strerror})") from None
    return _parse_toml(text, str(path))


def _merge(base: dict[str, Any], override: Mapping[str, Any], prefix: str) -> None:
    for key, value in override.items():
        dotted = f"{prefix}{key}"
        if not prefix and not isinstance(value, dict):
            raise ConfigError(dotted, "settings belong in a [section]")
        if isinstance(value, dict) and not prefix:
            if key not in _SECTIONS:
                raise ConfigError(dotted, "unknown section")
            _merge(base.setdefault(key, {}), value, prefix=f"{key}.")
        else:
            section = prefix.rstrip(".")
            if (section, key) in _SECRET_KEYS:
                raise ConfigError(dotted, "secrets are read from the environment only")
            base[key] = value


def _env_overrides(env: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for var, (section, key) in _NAMED_ENV.items():
        if env.get(var, "") != "":
            out.setdefault(section, {})[key] = env[var]
    for var, value in env.items():
        if not var.startswith("BRIEFBOT_") or "__" not in var:
            continue
        section, _, key = var[len("BRIEFBOT_"):].lower().partition("__")
        if section not in _SECTIONS:
            raise ConfigError(var, "unknown section")
        out.setdefault(section, {})[key] = value
    return out


def _build_section(name: str, cls: type, values: Mapping[str, Any]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields or (name, key) in _SECRET_KEYS:
            raise ConfigError(f"{name}.{key}", "unknown key")
        kwargs[key] = _coerce(f"{name}.{key}", value, fields[key].default)
    return cls(**kwargs)


def _coerce(key: str, value: Any, default: Any) -> Any:
    """Convert `value` to the type of `default`; env values arrive as strings."""
    kind = type(default)
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if isinstance(value, str) and value.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(key, f"expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool):
            raise ConfigError(key, f"expected an integer, got {value!r}")
        try:
            result = int(value)
        except (TypeError, ValueError):
            raise ConfigError(key, f"expected an integer, got {value!r}") from None
        if result < 0:
            raise ConfigError(key, f"must not be negative, got {result}")
        return result
    if kind is float:
        if isinstance(value, bool):
            raise ConfigError(key, f"expected a number, got {value!r}")
        try:
            result = float(value)
        except (TypeError, ValueError):
            raise ConfigError(key, f"expected a number, got {value!r}") from None
        if result <= 0:
            raise ConfigError(key, f"must be positive, got {result}")
        return result
    if kind is tuple:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(key, "expected a list of strings")
        return tuple(value)
    if not isinstance(value, str):
        raise ConfigError(key, f"expected a string, got {value!r}")
    return value


def _check_url(key: str, url: str, schemes: tuple[str, ...] = ("http", "https")) -> None:
    parts = urlsplit(url)
    if parts.scheme not in schemes or not parts.netloc:
        raise ConfigError(key, f"not an {'/'.join(schemes)} URL: {url!r}")


def _validate(settings: Settings) -> None:
    if settings.llm.base_url:
        _check_url("llm.base_url", settings.llm.base_url)
    for url in settings.sources.urls:
        _check_url("sources.urls", url)
    try:
        ZoneInfo(settings.schedule.default_timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            "schedule.default_timezone", f"unknown time zone {settings.schedule.default_timezone!r}"
        ) from None
    if settings.bot.slack_admin_rule not in {"anyone", "admins"}:
        raise ConfigError("bot.slack_admin_rule", "must be 'anyone' or 'admins'")
    if not 0 < settings.bot.http_port < 65536:
        raise ConfigError("bot.http_port", f"not a port number: {settings.bot.http_port}")
    if not 0 < settings.collect.near_duplicate_threshold <= 1:
        raise ConfigError("collect.near_duplicate_threshold", "must be in (0, 1]")
    for key in ("source_budget_seconds", "pass_budget_seconds"):
        if not getattr(settings.collect, key) > 0:
            raise ConfigError(f"collect.{key}", "must be more than 0 seconds")
    if settings.collect.max_item_chars < 1000:
        raise ConfigError("collect.max_item_chars", "at least 1000")
    if not 0 < settings.delivery.headroom <= 1:
        raise ConfigError("delivery.headroom", "must be in (0, 1]")
    if settings.delivery.max_in_flight < 1:
        raise ConfigError("delivery.max_in_flight", "must be at least 1")
    if settings.fetch.max_redirects > 20:
        raise ConfigError("fetch.max_redirects", "at most 20")
    if settings.store.url and not settings.store.url.startswith(("sqlite", "postgresql")):
        raise ConfigError("store.url", "only sqlite:// and postgresql+psycopg:// URLs are supported")
    secrets = settings.secrets
    _check_url("TELEGRAM_API_BASE_URL", secrets.telegram_api_base_url)
    _check_url("SLACK_API_BASE_URL", secrets.slack_api_base_url)
    if secrets.slack_enabled and not (secrets.slack_signing_secret or secrets.slack_app_token):
        raise ConfigError(
            "SLACK_BOT_TOKEN", "needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)"
        )
    if secrets.telegram_webhook_url:
        _check_url("TELEGRAM_WEBHOOK_URL", secrets.telegram_webhook_url, ("https", "http"))


def _secrets_from_env(env: Mapping[str, str]) -> Secrets:
    return Secrets(
        telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", ""),
        telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL") or "https://api.telegram.org",
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL", ""),
        telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
        slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
        slack_app_token=env.get("SLACK_APP_TOKEN", ""),
        slack_api_base_url=env.get("SLACK_API_BASE_URL") or "https://slack.com/api/",
    )
