"""`briefbot collect`, `sources` and `articles` as a user runs them (JSON shapes of INTERFACE.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes.site import FakeSite, article_html, rss

STORY = [
    "Lighthouse keepers on the island of Varn rescued eleven sailors after their trawler ran "
    "aground in a storm on Sunday night, the coastguard said on Monday morning.",
    "The crew of the Northern Star spent four hours on the rocks before a lifeboat could reach "
    "them; two were treated in hospital for hypothermia and released.",
    "It was the third grounding on the same reef this year, and islanders renewed calls for a "
    "second warning light at the harbour entrance.",
]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_NETWORKS", "1")
    monkeypatch.setenv("BRIEFBOT_SOURCES__SAMPLES", "0")
    data = tmp_path / "data"

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_collect_a_folder_then_list_sources_and_articles(cli, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "varn.txt").write_text("Keepers rescue eleven sailors off Varn\n\n" + "\n\n".join(STORY))
    code, out, _ = cli("collect", "--source", str(folder), "--json")
    assert code == 0
    assert json.loads(out) == {"new": 1, "duplicate": 0, "failed": 0, "sources": [
        {"source": str(folder.resolve()), "new": 1, "duplicate": 0, "failed": 0, "error": None}]}
    code, out, err = cli("sources", "list")
    assert code == 0 and err == ""
    assert "No sources saved" in out and "1 article(s) from one-off sources" in out
    code, out, _ = cli("articles", "--json")
    listed = json.loads(out)["articles"]
    assert [a["title"] for a in listed] == ["Keepers rescue eleven sailors off Varn"]
    assert set(listed[0]) == {"id", "title", "url", "urls", "source", "published"}
    code, out, _ = cli("articles", "show", listed[0]["id"], "--json")
    shown = json.loads(out)
    assert shown["text"].startswith("Lighthouse keepers") and shown["url"].startswith("file://")
    assert {"author", "language", "urls", "published"} <= set(shown)
    code, out, _ = cli("articles", "show", listed[0]["id"])
    assert code == 0 and "Keepers rescue eleven sailors off Varn" in out and "third grounding" in out


def test_collect_configured_sources_with_a_broken_one(cli, site: FakeSite) -> None:
    site.add("/varn", article_html("Keepers rescue eleven sailors", STORY, site="Island Times"))
    good = site.add("/feed.xml", rss("Island Times", [{"title": "Keepers rescue eleven sailors",
                                                        "link": site.url("/varn")}]))
    bad = site.add("/bad.xml", "<rss><channel><title>x</title><</channel>", content_type="application/rss+xml")
    assert cli("sources", "add", good)[0] == 0
    assert cli("sources", "add", bad)[0] == 0
    code, out, _ = cli("collect", "--json")
    report = json.loads(out)
    assert code == 3 and (report["new"], report["failed"]) == (1, 1)  # completed, one source failing
    errors = {s["source"]: s["error"] for s in report["sources"]}
    assert errors[good] is None and errors[bad].startswith("malformed feed")
    code, out, _ = cli("sources", "list", "--json")
    health = {s["url"]: (s["health"], s["articles"]) for s in json.loads(out)["sources"]}
    assert health == {good: ("ok", 1), bad: ("failing", 0)}
    # text output: one line per source and a total
    code, out, _ = cli("collect", "--source", good)
    assert f"{good}: 0 new, 1 duplicate, 0 failed" in out and "total:" in out


def test_sources_add_remove_and_opml_round_trip(cli, tmp_path: Path) -> None:
    cli("sources", "add", "https://news.example/feed.xml", "--title", "Example News")
    cli("sources", "add", str(tmp_path))
    export = tmp_path / "out.opml"
    assert cli("sources", "export", str(export))[0] == 0
    text = export.read_text()
    assert 'xmlUrl="https://news.example/feed.xml"' in text and str(tmp_path) not in text
    code, out, _ = cli("sources", "list", "--json")
    ids = {s["url"]: s["id"] for s in json.loads(out)["sources"]}
    assert cli("sources", "remove", ids["https://news.example/feed.xml"])[0] == 0
    code, out, _ = cli("sources", "import", str(export))
    assert code == 0 and "imported 1 new source" in out
    code, out, _ = cli("sources", "export")
    assert "Example News" in out


@pytest.mark.parametrize("argv", [
    ("collect", "--source", "file:///etc/passwd"),
    ("collect", "--source", "/no/such/folder"),
    ("sources", "add", "ftp://x.example/feed"),
    ("sources", "remove", "abc"),
    ("articles", "show", "zz"),
    ("articles", "show"),
    ("sources",),
])
def test_bad_arguments_exit_2_with_one_line(cli, argv: tuple[str, ...]) -> None:
    code, out, err = cli(*argv)
    assert code == 2 and err.strip().count("\n") == 0 and err.startswith("briefbot: ")


def test_collect_fails_with_exit_1_when_every_source_fails(cli, site: FakeSite) -> None:
    code, out, _ = cli("collect", "--source", site.url("/missing.xml"), "--json")
    assert code == 1 and json.loads(out)["sources"][0]["error"] == "HTTP 404"
