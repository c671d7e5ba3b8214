import pytest
import sqlalchemy as sa

from briefs.models import ArticleDraft
from briefs.store.migrations import status

pytestmark = pytest.mark.backends("sqlite", "postgresql")


def _draft(url: str, text: str = "The council approved the budget on Monday.") -> ArticleDraft:
    return ArticleDraft(url=url, title="Budget approved", text=text, content_hash=url)


def test_migrations_are_recorded_and_idempotent(settings, store) -> None:
    from bot.schema import VERSION_LOCATIONS
    from bot.storage import open_store

    before = status(store.engine, VERSION_LOCATIONS)
    assert before and all(r.applied for r in before)
    again = open_store(settings)  # a second start applies nothing new
    assert status(again.engine, VERSION_LOCATIONS) == before
    again.close()


@pytest.mark.backends("sqlite")
def test_wal_mode(store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.backends("sqlite")  # the FTS5 index is SQLite's
def test_article_urls_and_full_text_index(store) -> None:
    article = store.add_article(_draft("https://a.example/x"))
    store.add_urls(article.id, ["https://b.example/mirror", "https://a.example/x"])
    assert store.get_article(article.id).urls == ("https://a.example/x", "https://b.example/mirror")
    assert store.article_id_for_url("https://b.example/mirror") == article.id
    with store.engine.connect() as conn:
        hits = conn.execute(sa.text("SELECT rowid FROM article_fts WHERE article_fts MATCH 'budgets'")).all()
    assert [h[0] for h in hits] == [article.id]  # porter stemming: budgets ~ budget


def test_source_fetch_state_round_trip(store) -> None:
    source = store.add_source("https://example.org/feed.xml", kind="feed")
    assert store.add_source("https://example.org/feed.xml").id == source.id
    store.update_source(source.id, etag='"v1"', failures=2, last_error="timeout")
    again = store.get_source(source.id)
    assert (again.etag, again.failures, again.health) == ('"v1"', 2, "failing")
    assert store.remove_source(source.id) and store.get_source(source.id) is None


def test_cache_round_trip(store) -> None:
    assert store.cache_get("llm", "k") is None
    store.cache_put("llm", "k", {"a": [1, 2]})
    store.cache_put("llm", "k", {"a": [3]})
    assert store.cache_get("llm", "k") == {"a": [3]}


def test_the_backend_is_the_one_asked_for(store, backend) -> None:
    assert store.engine.dialect.name == backend
