"""`briefbot ask`: JSON as in INTERFACE.md, readable text with numbered sources, usage errors."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from briefs.models import ArticleDraft

FERRY = """The island ferry will run every 30 minutes from May, the harbour authority said.

Tickets will cost $4 for adults."""


@pytest.fixture
def data_dir(store, settings, monkeypatch):  # type: ignore[no-untyped-def]
    for name in ("BRIEFBOT_LLM_BASE_URL", "BRIEFBOT_CONFIG", "BRIEFBOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    store.add_article(
        ArticleDraft(url="https://port.example/ferry", title="Ferry timetable", text=FERRY)
    )
    return str(settings.data_dir)


def test_json_answer_with_citations(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", data_dir, "ask", "How much will ferry tickets cost?", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["grounded"] is True
    assert out["answer"] == "$4 — “Tickets will cost $4 for adults.”"
    assert out["citations"][0] == {
        "source_id": "a1",
        "title": "Ferry timetable",
        "url": "https://port.example/ferry",
        "excerpt": "Tickets will cost $4 for adults.",
    }
    assert len(out["citations"]) <= 3  # the answer's sentence first, then its context


def test_unanswerable_json(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--data-dir", data_dir, "ask", "Who won the regatta?", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["grounded"] is False and out["citations"] == []


def test_text_output_numbers_the_sources(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "--data-dir",
                data_dir,
                "ask",
                "how",
                "often",
                "will",
                "the",
                "island",
                "ferry",
                "run?",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("30 minutes — “The island ferry will run every 30 minutes from May")
    assert "[1] Ferry timetable (a1)" in out and "https://port.example/ferry" in out


def test_chat_scope_and_usage_errors(data_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "--data-dir",
                data_dir,
                "ask",
                "How much will ferry tickets cost?",
                "--chat",
                "console:local",
                "--json",
            ]
        )
        == 0
    )
    assert (
        json.loads(capsys.readouterr().out)["grounded"] is True
    )  # no subscriptions: sees everything
    assert main(["--data-dir", data_dir, "ask", "ferry?", "--chat", "nochat"]) == 2
    assert "--chat" in capsys.readouterr().err
    assert main(["--data-dir", data_dir, "ask", " "]) == 2
