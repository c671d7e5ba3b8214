"""Who may change a chat's subscriptions, schedules and settings.

Everyone may read and ask. In private chats (and the console) the user owns the chat; in
groups and channels only the chat's administrators may change things. On Slack the operator
chooses the rule (`bot.slack_admin_rule`): "anyone" or "admins" (workspace admins/owners,
which the Slack adapter's `is_admin` answers).
"""

from __future__ import annotations

import logging

from bot.messages import Adapter, Incoming
from config.settings import Settings

log = logging.getLogger(__name__)


async def may_change(incoming: Incoming, adapter: Adapter, settings: Settings) -> bool:
    if incoming.chat_type == "private" or incoming.chat.platform == "console":
        return True
    if incoming.chat.platform == "slack" and settings.bot.slack_admin_rule == "anyone":
        return True
    try:
        return bool(await adapter.is_admin(incoming.chat, incoming.user))
    except Exception:  # the platform could not tell: refuse rather than allow
        log.warning("admin check failed in %s for user %s", incoming.chat.key, incoming.user.id,
                    exc_info=True)
        return False
