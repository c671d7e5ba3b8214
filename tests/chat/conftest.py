"""The `chat` fixture: the real Router and BriefingService on a real store with a few
articles, driven through the in-memory adapter: say a line, get the reply."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.adapters.memory import MemoryAdapter
from bot.chat.router import Router
from bot.messages import Attachment, ChatType, MessageRef, User
from briefs.models import ArticleDraft, utcnow
from briefs.service import BriefingService
from briefs.stories.dedupe import content_hash

# Written for these tests; fictional. (title, text, story key)
ARTICLES = [
    ("Lakeside library reopens after $2.5 million renovation",
     "The Lakeside public library reopened on Saturday after an 18-month renovation that cost "
     "$2.5 million.\n\n"
     "\"Libraries are the living rooms of a town, and ours finally has the space it deserves,\" "
     "said head librarian Maria Lopez at the reopening.\n\n"
     "The building now has 40 study desks, a children's wing and a repair cafe. About 1,200 "
     "visitors came through the doors on the first day.", "library"),
    ("Lakeside's renovated library draws crowds on opening day",
     "Around 1,200 people visited the renovated Lakeside library on its first day back, the "
     "town said.\n\n"
     "The $2.5 million project took 18 months. Head librarian Maria Lopez said the new "
     "children's wing was \"the room I am proudest of\".\n\n"
     "Opening hours are extended to 8 p.m. on weekdays.", "library"),
    ("Ferry operator adds night crossings to Gull Island",
     "Bayline Ferries will run two extra night crossings to Gull Island from next month, the "
     "operator said on Monday.\n\n"
     "\"Islanders have asked for a late boat for years, and now they will have one,\" said "
     "Bayline director Tomas Berg.\n\n"
     "The last ferry will leave the mainland at 11:30 p.m. Tickets for the night crossings will "
     "cost $9, the same as daytime fares.", "ferry"),
    ("Football club Gull Island United appoints new coach",
     "Gull Island United named Sara Holm as head coach on Tuesday, on a contract of 3 years.\n\n"
     "\"We want attacking football and young players,\" Holm said at her first press "
     "conference.", "football"),
]


def insert_articles(store: Any) -> dict[str, int]:
    """The test articles with their story clusters; returns story ids by key."""
    stories: dict[str, int] = {}
    now = utcnow()
    for index, (title, text, key) in enumerate(ARTICLES):
        if key not in stories:
            stories[key] = store.new_story(title)
        slug = title.lower().replace(" ", "-")[:40]
        url = f"https://news{index}.example.org/{slug}"
        draft = ArticleDraft(url=url, title=title, text=text, urls=(url,), source=url,
                             published=now - timedelta(hours=index + 1), language="en",
                             content_hash=content_hash(text))
        store.add_article(draft, story_id=stories[key], collected_at=now - timedelta(minutes=index))
    return stories


class ChatDriver:
    """Say a line as a user, get back what the bot replied (as plain text)."""

    def __init__(self, router: Router, adapter: MemoryAdapter, store: Any, stories: dict[str, int]):
        self.router = router
        self.adapter = adapter
        self.store = store
        self.stories = stories
        self.last_refs: list[MessageRef] = []

    async def say(
        self, text: str, *, chat_id: str = "1", chat_type: ChatType = "private",
        user: User | None = None, reply_to: MessageRef | None = None,
        attachment: Attachment | None = None, mentioned: bool = False,
    ) -> str:
        before = len(self.adapter.sent)
        incoming = self.adapter.incoming(text, chat_id=chat_id, chat_type=chat_type, user=user,
                                         reply_to=reply_to, attachment=attachment,
                                         mentioned=mentioned)
        await self.router.handle(incoming, self.adapter)
        sent = self.adapter.sent[before:]
        self.last_refs = [m.ref for m in sent]
        return "\n".join(m.text for m in sent)


@pytest.fixture
async def service(store, settings):  # type: ignore[no-untyped-def]
    service = BriefingService(store, settings)
    yield service
    for part in (service._collector, service._writer, service._answerer):
        close = getattr(part, "aclose", None)
        if close is not None:
            await close()


@pytest.fixture
def hooks() -> RecordingHooks:
    return RecordingHooks()


class RecordingHooks:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def schedule_changed(self, chat: Any) -> None:
        self.calls.append(("schedule_changed", chat))

    def source_added(self, source: Any) -> None:
        self.calls.append(("source_added", source))


@pytest.fixture
def chat(store, settings, service, hooks) -> ChatDriver:  # type: ignore[no-untyped-def]
    stories = insert_articles(store)
    router = Router(service, store, settings, scheduler_hooks=hooks)
    return ChatDriver(router, MemoryAdapter(admins={"admin"}), store, stories)
