from datetime import timedelta

import pytest

from briefs.models import ArticleDraft, Scope, utcnow
from briefs.service import BriefingService


async def test_brief_since_narrows_the_scope_to_recent_collection(settings, store) -> None:
    old = ArticleDraft(url="https://a.example/old", title="Harbour bridge reopens",
                       text="The harbour bridge reopened on Monday after repairs costing $4 million.",
                       content_hash="old")
    new = ArticleDraft(url="https://b.example/new", title="Library opens late",
                       text="The city library will open until 10 p.m. from next week, the mayor said.",
                       content_hash="new")
    store.add_article(old, collected_at=utcnow() - timedelta(days=3))
    store.add_article(new)
    service = BriefingService(store, settings)
    everything = await service.brief(Scope())
    recent = await service.brief(Scope(), since=utcnow() - timedelta(hours=1))
    await service.aclose()
    assert {s.title for s in everything.stories} == {"Harbour bridge reopens", "Library opens late"}
    assert [s.title for s in recent.stories] == ["Library opens late"]


@pytest.mark.backends("sqlite", "postgresql")
async def test_a_collection_pass_indexes_the_new_passages_before_any_question(settings, store, tmp_path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text(
        "Ferry service resumes at Kelvik\n\nThe Kelvik ferry resumed crossings on Thursday after "
        "a three-week repair that cost the operator 2.4 million kroner.\n", encoding="utf-8")
    service = BriefingService(store, settings)
    source = store.add_source(str(folder), origin="operator")
    await service.collect([source])
    with store.engine.connect() as conn:
        waiting = conn.exec_driver_sql("SELECT count(*) FROM passage_queue").scalar()
        indexed = conn.exec_driver_sql("SELECT count(*) FROM passages").scalar()
    await service.aclose()
    assert waiting == 0 and indexed > 0
