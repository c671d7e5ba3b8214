"""`briefbot summarize` and `briefbot brief` in-process: files, stdin, JSON, text, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import arguments, main
from tests.fakes.openai_server import FakeOpenAI

ARTICLE = (
    "Port Avery approves flood wall\n\n"
    "The city council of Port Avery approved a $40 million flood wall on Tuesday after three "
    "storms flooded the harbour district in a single year.\n\n"
    "Mayor Dana Whitfield said the wall would protect 12,000 homes. \u201cWe cannot keep "
    "rebuilding the same streets every winter,\u201d Whitfield said.\n"
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("BRIEFBOT_LLM_BASE_URL", "BRIEFBOT_CONFIG", "BRIEFBOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), *args])


def test_summarize_file_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "flood.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(tmp_path, "summarize", str(path), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    story = out["stories"][0]
    assert out["generated_by"] == "extractive"
    assert story["title"] == "Port Avery approves flood wall"
    assert story["quotes"] == [{"text": "We cannot keep rebuilding the same streets every winter",
                                "speaker": "Dana Whitfield", "source_id": "a1"}]
    assert story["numbers"][0]["text"] == "$40 million"
    assert story["sources"][0]["url"] == path.resolve().as_uri()


def test_summarize_stdin_as_text(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    assert run(tmp_path, "summarize", "-") == 0
    out = capsys.readouterr().out
    assert out.startswith("1. Port Avery approves flood wall")
    assert "\u201cWe cannot keep rebuilding the same streets every winter\u201d \u2014 Dana Whitfield" in out
    assert "$40 million" in out


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert run(tmp_path, "summarize", str(tmp_path / "nope.txt")) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err


def test_brief_on_an_empty_store(tmp_path: Path, capsys) -> None:
    assert run(tmp_path, "brief", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"generated_by": "extractive", "stories": []}
    assert run(tmp_path, "brief", "--since", "0") == 2


@pytest.mark.parametrize("since", ["yesterday", "0", "-3", "2 weeks", "inf"])
def test_a_since_that_is_no_positive_number_of_hours_says_what_is_wanted(tmp_path: Path, capsys, since: str) -> None:
    assert run(tmp_path, "brief", "--since", since) == 2
    err = capsys.readouterr().err
    assert f"'{since}' is not a positive number of hours (e.g. 24, 36h or 2d)" in err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(("since", "hours"), [("24", 24.0), ("36h", 36.0), ("2d", 48.0), (" 1.5 hours ", 1.5)])
def test_since_takes_hours_or_days(since: str, hours: float) -> None:
    assert arguments.hours(since) == hours


def test_summarize_with_a_hanging_llm_still_delivers(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "flood.md"
    path.write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "briefbot.toml"
    config.write_text("[llm]\nrequest_timeout = 0.5\ndeadline = 2.0\n", encoding="utf-8")
    with FakeOpenAI() as llm:
        llm.default = FakeOpenAI.hang()
        monkeypatch.setenv("BRIEFBOT_LLM_BASE_URL", llm.base_url)
        code = run(tmp_path, "--config", str(config), "summarize", str(path), "--json")
        assert llm.calls == 1
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["generated_by"] == "extractive"
    assert out["stories"][0]["quotes"][0]["speaker"] == "Dana Whitfield"
