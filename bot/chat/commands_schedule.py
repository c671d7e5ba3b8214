"""/schedule: when this chat's daily briefing is pushed (several times a day allowed).

`/schedule` shows the times, `/schedule HH:MM [Area/City] [weekdays]` adds one,
`/schedule off` removes them all. The scheduler is told so it reloads this chat's jobs.
"""

from __future__ import annotations

from bot.chat.commands import Context, Handler
from bot.delivery import schedules


async def schedule(ctx: Context) -> None:
    args = ctx.args.strip()
    chat = ctx.incoming.chat
    if not args:
        await _show(ctx)
        return
    if not await ctx.allowed_to_change():
        return
    if args.lower() in ("off", "stop", "none", "clear"):
        schedules.clear_schedules(ctx.store, chat.key)
        await ctx.notify_scheduler("schedule_changed", chat)
        await ctx.reply(ctx.t("schedule_off"))
        return
    try:
        spec = schedules.parse_schedule(args, ctx.settings.schedule.default_timezone)
    except ValueError as exc:  # its message is written for the user
        await ctx.reply(str(exc))
        return
    current = schedules.list_schedules(ctx.store, chat.key)
    limit = ctx.settings.bot.max_schedules_per_chat
    if spec not in current and len(current) >= limit:
        await ctx.reply(ctx.t("schedule_limit", limit=limit))
        return
    schedules.add_schedule(ctx.store, chat.key, spec, thread_id=chat.thread_id)
    await ctx.notify_scheduler("schedule_changed", chat)
    await ctx.reply(ctx.t("schedule_set", items=_items(schedules.list_schedules(ctx.store, chat.key))))


async def _show(ctx: Context) -> None:
    current = schedules.list_schedules(ctx.store, ctx.incoming.chat.key)
    if not current:
        await ctx.reply(ctx.t("schedule_none"))
        return
    await ctx.reply(ctx.t("schedule_list", items=_items(current)))


def _items(specs: list[schedules.ScheduleSpec]) -> str:
    return "\n".join(f"\u2022 {spec.describe()}" for spec in specs)


HANDLERS: dict[str, Handler] = {"schedule": schedule}
