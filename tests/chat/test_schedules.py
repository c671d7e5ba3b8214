"""Schedules: parsing /schedule arguments, storage, and DST-correct fire times."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.schedules import (
    ScheduleSpec,
    add_schedule,
    clear_schedules,
    list_schedules,
    next_fire_times,
    parse_schedule,
    previous_fire_times,
)

UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# -- parsing ---------------------------------------------------------------------------------


def test_parse_full_form() -> None:
    spec = parse_schedule("07:30 Europe/Berlin mon-fri", "UTC")
    assert spec == ScheduleSpec(dt.time(7, 30), "Europe/Berlin", frozenset(range(5)))
    assert spec.describe() == "07:30 Europe/Berlin mon-fri"


def test_parse_defaults_zone_and_every_day() -> None:
    assert parse_schedule("7:05", "America/New_York") == ScheduleSpec(
        dt.time(7, 5), "America/New_York", frozenset())


@pytest.mark.parametrize("days,expected", [
    ("sat,sun", {5, 6}), ("mon wed fri", {0, 2, 4}), ("weekends", {5, 6}),
    ("fri-mon", {4, 5, 6, 0}), ("mon-sun", set()), ("daily", set()), ("Tuesday", {1}),
])
def test_parse_weekdays(days: str, expected: set[int]) -> None:
    assert parse_schedule(f"08:00 UTC {days}", "UTC").weekdays == frozenset(expected)


def test_zone_names_are_matched_case_insensitively() -> None:
    assert parse_schedule("08:00 europe/berlin", "UTC").tz == "Europe/Berlin"


@pytest.mark.parametrize("args,fragment", [
    ("25:00", "not a time"), ("7", "not a time"), ("", "Usage"),
    ("07:00 Mars/Olympus", "Unknown time zone"), ("07:00 CET", "Area/City"), ("07:00 UTC someday", "not a weekday"),
])
def test_parse_errors_speak_to_the_user(args: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_schedule(args, "UTC")


# -- storage ---------------------------------------------------------------------------------


def test_store_list_and_clear(store) -> None:  # type: ignore[no-untyped-def]
    morning = parse_schedule("07:00 Europe/Berlin", "UTC")
    evening = parse_schedule("19:00 Europe/Berlin mon-fri", "UTC")
    first = add_schedule(store, "telegram:1", morning)
    add_schedule(store, "telegram:1", evening)
    assert add_schedule(store, "telegram:1", morning) == first  # idempotent
    add_schedule(store, "slack:C1", morning)
    assert list_schedules(store, "telegram:1") == [morning, evening]
    assert clear_schedules(store, "telegram:1") == 2
    assert list_schedules(store, "telegram:1") == []
    assert list_schedules(store, "slack:C1") == [morning]


# -- fire times ------------------------------------------------------------------------------


def local(instant: dt.datetime, zone: str) -> str:
    return instant.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def test_berlin_spring_forward_gap_fires_once_at_shifted_time() -> None:
    # 2026-03-29: clocks go 02:00 CET -> 03:00 CEST; 02:30 does not exist that day.
    spec = ScheduleSpec(dt.time(2, 30), "Europe/Berlin")
    times = next_fire_times(spec, utc(2026, 3, 27, 12), 3)
    assert [local(t, "Europe/Berlin") for t in times] == [
        "2026-03-28 02:30 CET", "2026-03-29 03:30 CEST", "2026-03-30 02:30 CEST"]


def test_berlin_fall_back_ambiguous_time_fires_once() -> None:
    # 2026-10-25: 02:00-03:00 happens twice; fire at the first occurrence only.
    spec = ScheduleSpec(dt.time(2, 30), "Europe/Berlin")
    times = next_fire_times(spec, utc(2026, 10, 24, 12), 2)
    assert times == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]


def test_new_york_morning_keeps_local_time_across_both_changes() -> None:
    spec = ScheduleSpec(dt.time(7, 0), "America/New_York")
    spring = next_fire_times(spec, utc(2026, 3, 7, 0), 2)  # DST starts 2026-03-08
    assert spring == [utc(2026, 3, 7, 12), utc(2026, 3, 8, 11)]
    fall = next_fire_times(spec, utc(2026, 10, 31, 0), 2)  # DST ends 2026-11-01
    assert fall == [utc(2026, 10, 31, 11), utc(2026, 11, 1, 12)]


def test_new_york_gap_and_overlap() -> None:
    gap = ScheduleSpec(dt.time(2, 15), "America/New_York")
    assert local(next_fire_times(gap, utc(2026, 3, 8, 0), 1)[0], "America/New_York") == \
        "2026-03-08 03:15 EDT"
    # 2026-11-01: 01:00-02:00 happens twice (EDT, then EST); the first one fires.
    overlap = ScheduleSpec(dt.time(1, 30), "America/New_York")
    times = next_fire_times(overlap, utc(2026, 11, 1, 0), 2)
    assert times == [utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)]


def test_date_line_zones_kiritimati_and_pago_pago() -> None:
    # UTC+14: 07:00 on Monday local is 17:00 UTC on Sunday.
    kiri = ScheduleSpec(dt.time(7, 0), "Pacific/Kiritimati", frozenset({0}))
    assert next_fire_times(kiri, utc(2026, 6, 1, 0), 1) == [utc(2026, 6, 7, 17)]
    # UTC-11: 07:00 on Monday local is 18:00 UTC on Monday.
    pago = ScheduleSpec(dt.time(7, 0), "Pacific/Pago_Pago", frozenset({0}))
    assert next_fire_times(pago, utc(2026, 6, 1, 0), 1) == [utc(2026, 6, 1, 18)]


def test_weekdays_and_strictly_after() -> None:
    spec = ScheduleSpec(dt.time(9, 0), "UTC", frozenset({5, 6}))
    times = next_fire_times(spec, utc(2026, 6, 6, 9), 3)  # Saturday 09:00 itself excluded
    assert times == [utc(2026, 6, 7, 9), utc(2026, 6, 13, 9), utc(2026, 6, 14, 9)]


def test_previous_fire_times_between_two_instants() -> None:
    spec = ScheduleSpec(dt.time(8, 0), "UTC")
    assert previous_fire_times(spec, utc(2026, 6, 1, 8), utc(2026, 6, 3, 8)) == [
        utc(2026, 6, 2, 8), utc(2026, 6, 3, 8)]
