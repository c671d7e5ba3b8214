"""`briefbot sources add` refuses what could never be collected, and `collect`'s exit codes,
backoff notice and --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from briefs.collect import fetch
from briefs.collect.fetch import NetworkError
from tests.fakes.site import FakeSite, article_html, rss

STORY = [
    "The ferry between Oster and Mell was cancelled for a third day on Friday as gales kept "
    "the harbour closed, the operator said.",
    "About 400 passengers have been waiting on the mainland since Wednesday; the operator put "
    "on buses to the airport for those with flights.",
]

DNS = {"intranet.example": ["10.1.2.3"], "metadata.example": ["169.254.169.254"],
       "news.example": ["93.184.216.34"]}


async def fake_resolver(host: str, port: int) -> list[str]:
    if host not in DNS:
        raise NetworkError(f"cannot resolve {host}: Name or service not known")
    return DNS[host]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("BRIEFBOT_ALLOW_PRIVATE_NETWORKS", raising=False)
    monkeypatch.setenv("BRIEFBOT_SOURCES__SAMPLES", "0")
    monkeypatch.setattr(fetch, "system_resolver", fake_resolver)
    data = tmp_path / "data"

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/feed", "http://127.0.0.1:8080/x",
    "http://[::1]/feed", "http://intranet.example/feed", "http://metadata.example/feed",
])
def test_sources_add_refuses_non_public_addresses_without_naming_them(cli, url: str) -> None:
    code, out, err = cli("sources", "add", url)
    assert code == 2 and out == ""
    assert err.strip() == "briefbot: sources add: refused: not a public address"
    assert "10.1.2.3" not in err and "169.254" not in err.replace(url, "")
    assert "No sources saved" in cli("sources", "list")[1]


def test_sources_add_refuses_a_host_that_does_not_resolve(cli) -> None:
    code, _, err = cli("sources", "add", "https://no-such-host.example/feed")
    assert code == 2 and "cannot resolve no-such-host.example" in err and len(err.splitlines()) == 1


def test_sources_add_accepts_a_public_host(cli) -> None:
    code, out, _ = cli("sources", "add", "https://news.example/feed.xml")
    assert code == 0 and "added: https://news.example/feed.xml" in out


def test_allow_private_networks_lets_the_operator_add_an_intranet_feed(cli, monkeypatch) -> None:
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_NETWORKS", "1")
    assert cli("sources", "add", "http://intranet.example/feed")[0] == 0
