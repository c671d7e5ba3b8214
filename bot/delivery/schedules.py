"""Per-chat push schedules: parsing ``/schedule`` arguments, storing them, and their fire times.

A schedule is a local wall-clock time in an IANA zone on some weekdays. Fire times are
computed with zoneinfo, one per local date, so daylight-saving changes are handled the way
people expect: a time that does not exist on a spring-forward day (02:30 in Berlin) fires once
at the shifted wall time (03:30), and a time that occurs twice on a fall-back day fires once,
at its first occurrence (PEP 495 ``fold=0`` gives exactly this).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.delivery.schema import schedules
from briefs.models import utcnow
from briefs.store.store import Store

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_ALIASES = {
    "daily": frozenset(), "everyday": frozenset(), "weekdays": frozenset(range(5)),
    "workdays": frozenset(range(5)), "weekends": frozenset({5, 6}), "weekend": frozenset({5, 6}),
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
USAGE = "Usage: /schedule HH:MM [Area/City] [mon-fri], or /schedule off"


@dataclass(frozen=True)
class ScheduleSpec:
    time: dt.time
    tz: str
    weekdays: frozenset[int] = frozenset()  # 0=Mon; every day when empty

    def describe(self) -> str:
        """``07:30 Europe/Berlin mon-fri`` (the form /schedule accepts)."""
        days = _describe_days(self.weekdays)
        return " ".join(p for p in (self.time.strftime("%H:%M"), self.tz, days) if p)


@dataclass(frozen=True)
class Schedule:
    """A stored schedule: which chat, and when."""

    id: int
    chat_key: str
    spec: ScheduleSpec
    created_at: dt.datetime
    thread_id: str | None = None


# -- parsing ---------------------------------------------------------------------------------


def parse_schedule(args: str, default_tz: str) -> ScheduleSpec:
    """``07:30 Europe/Berlin mon-fri`` -> ScheduleSpec; ValueError with a message for the user."""
    tokens = args.replace(",", " , ").split()
    if not tokens:
        raise ValueError(USAGE)
    time = _parse_time(tokens[0])
    tz, day_tokens = default_tz, []
    for token in tokens[1:]:
        if token != "," and _looks_like_zone(token):
            tz = _resolve_zone(token)
        else:
            day_tokens.append(token)
    # The default zone comes from the checked configuration and is used as it is.
    return ScheduleSpec(time=time, tz=tz, weekdays=_parse_days(" ".join(day_tokens)))


def _parse_time(token: str) -> dt.time:
    match = _TIME.match(token.strip())
    if not match:
        raise ValueError(f"“{token}” is not a time of day; use 24-hour HH:MM, e.g. 07:30. {USAGE}")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _looks_like_zone(token: str) -> bool:
    if "/" in token or token.upper() in {"UTC", "GMT", "Z"}:
        return True
    # CET, EST, PST...: abbreviations are ambiguous and ignore DST; say so rather than
    # calling them bad weekdays.
    return token.isalpha() and token.isupper() and token.lower()[:3] not in DAY_NAMES


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def _resolve_zone(token: str) -> str:
    """The canonical spelling of an IANA zone name (matched case-insensitively)."""
    if token.upper() in {"UTC", "Z", "GMT"}:
        return "UTC"
    if "/" not in token:  # CET, EST...: ambiguous, and some never observe daylight saving
        raise ValueError(
            f"“{token}” is an abbreviation; use an Area/City time zone such as Europe/Berlin "
            "or America/New_York, so that daylight-saving time is followed.")
    name = _zone_names().get(token.lower(), token)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"Unknown time zone “{token}”. Use an Area/City name such as Europe/Berlin, "
            "America/New_York or Asia/Tokyo."
        ) from None
    return name


def _parse_days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in (p.strip().lower() for p in text.replace(" ", ",").split(",")):
        if not part:
            continue
        if part in _DAY_ALIASES:
            if not _DAY_ALIASES[part]:
                return frozenset()
            days |= _DAY_ALIASES[part]
        elif "-" in part:
            first, _, last = part.partition("-")
            start, end = _day(first), _day(last)
            days |= {(start + i) % 7 for i in range((end - start) % 7 + 1)}
        else:
            days.add(_day(part))
    # All seven days is the same as every day.
    return frozenset() if len(days) == 7 else frozenset(days)


def _day(name: str) -> int:
    key = name.strip().lower()[:3]
    if len(name.strip()) < 2 or key not in DAY_NAMES:
        raise ValueError(
            f"“{name}” is not a weekday; use mon, tue, wed, thu, fri, sat, sun, ranges like "
            "mon-fri, or weekdays / weekends."
        )
    return DAY_NAMES.index(key)


def _describe_days(days: frozenset[int]) -> str:
    if not days:
        return ""
    if days == frozenset(range(5)):
        return "mon-fri"
    if days == frozenset({5, 6}):
        return "sat-sun"
    return ",".join(DAY_NAMES[d] for d in sorted(days))


# -- fire times ------------------------------------------------------------------------------


def next_fire_times(spec: ScheduleSpec, after: dt.datetime, count: int) -> list[dt.datetime]:
    """The next `count` instants (aware, UTC) strictly after `after` when `spec` fires."""
    zone = ZoneInfo(spec.tz)
    day = after.astimezone(zone).date() - dt.timedelta(days=1)
    out: list[dt.datetime] = []
    # Any weekday set recurs within a week, so 8 + 7*count days always suffice.
    for _ in range(8 + 7 * count):
        if len(out) >= count:
            break
        instant = fire_time_on(spec, day, zone)
        if instant is not None and instant > after:
            out.append(instant)
        day += dt.timedelta(days=1)
    return out


def previous_fire_times(
    spec: ScheduleSpec, since: dt.datetime, until: dt.datetime
) -> list[dt.datetime]:
    """Every instant in (since, until] when `spec` fired, oldest first."""
    zone = ZoneInfo(spec.tz)
    day = since.astimezone(zone).date() - dt.timedelta(days=1)
    last = until.astimezone(zone).date() + dt.timedelta(days=1)
    out = []
    while day <= last:
        instant = fire_time_on(spec, day, zone)
        if instant is not None and since < instant <= until:
            out.append(instant)
        day += dt.timedelta(days=1)
    return out


def fire_time_on(spec: ScheduleSpec, day: dt.date, zone: ZoneInfo) -> dt.datetime | None:
    """The one instant the schedule fires on local date `day`, or None on other weekdays."""
    if spec.weekdays and day.weekday() not in spec.weekdays:
        return None
    # fold=0: a skipped wall time maps to the shifted instant, a repeated one to its first.
    local = dt.datetime.combine(day, spec.time, tzinfo=zone)
    return local.astimezone(dt.UTC)


# -- storage ---------------------------------------------------------------------------------


def _chat_key(chat: object) -> str:
    return chat if isinstance(chat, str) else chat.key  # type: ignore[attr-defined]


def add_schedule(store: Store, chat_key: str, spec: ScheduleSpec, thread_id: str | None = None) -> int:
    """Store a schedule for a chat; the same schedule twice is stored once (its id returned)."""
    key = _chat_key(chat_key)
    values = dict(chat_key=key, hour=spec.time.hour, minute=spec.time.minute, tz=spec.tz,
                  weekdays=_days_text(spec.weekdays))
    existing = _find(store, values)
    if existing is not None:
        return existing
    try:
        with store.engine.begin() as conn:
            return conn.execute(schedules.insert().values(
                **values, thread_id=thread_id, created_at=utcnow())).inserted_primary_key[0]
    except IntegrityError:  # added concurrently
        return _find(store, values)  # type: ignore[return-value]


def _find(store: Store, values: dict[str, object]) -> int | None:
    c = schedules.c
    with store.engine.connect() as conn:
        return conn.execute(sa.select(c.id).where(*(c[k] == v for k, v in values.items()))).scalar()


def clear_schedules(store: Store, chat_key: str) -> int:
    """Remove every schedule of a chat (``/schedule off``); returns how many there were."""
    with store.engine.begin() as conn:
        return conn.execute(
            schedules.delete().where(schedules.c.chat_key == _chat_key(chat_key))).rowcount


def list_schedules(store: Store, chat_key: str) -> list[ScheduleSpec]:
    return [s.spec for s in stored_schedules(store, _chat_key(chat_key))]


def stored_schedules(store: Store, chat_key: str | None = None) -> list[Schedule]:
    """Stored schedules (of one chat, or all), in the order they were added."""
    query = sa.select(schedules).order_by(schedules.c.id)
    if chat_key is not None:
        query = query.where(schedules.c.chat_key == chat_key)
    with store.engine.connect() as conn:
        return [_schedule(row) for row in conn.execute(query)]


def _days_text(days: frozenset[int]) -> str:
    return ",".join(str(d) for d in sorted(days))


def _schedule(row: sa.Row) -> Schedule:
    days = frozenset(int(d) for d in row.weekdays.split(",") if d)
    spec = ScheduleSpec(time=dt.time(row.hour, row.minute), tz=row.tz, weekdays=days)
    return Schedule(id=row.id, chat_key=row.chat_key, spec=spec, created_at=row.created_at,
                    thread_id=row.thread_id)
