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


@pytest.fixture
def local_cli(cli, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFBOT_ALLOW_PRIVATE_NETWORKS", "1")  # the fake site is on 127.0.0.1
    return cli


def good_feed(site: FakeSite) -> str:
    site.add("/oster", article_html("Gales keep the Oster ferry in port", STORY, site="Coast News"))
    return site.add("/feed.xml", rss("Coast News", [{"title": "Gales keep the Oster ferry in port",
                                                      "link": site.url("/oster")}]))


def broken_feed(site: FakeSite, name: str) -> str:
    return site.add(f"/{name}.xml", "<rss><channel><title>x</title><</channel>",
                    content_type="application/rss+xml")


def test_collect_exit_codes(local_cli, site: FakeSite) -> None:
    good = good_feed(site)
    assert local_cli("sources", "add", good)[0] == 0
    assert local_cli("collect")[0] == 0  # every source fine
    local_cli("sources", "add", broken_feed(site, "bad1"))
    assert local_cli("collect", "--force")[0] == 3  # completed, one source failing
    code, out, _ = local_cli("collect", "--source", site.url("/bad2.xml"), "--json")
    assert code == 1 and json.loads(out)["failed"] == 1  # every source failed


def test_collect_says_when_sources_wait_out_a_backoff_and_force_collects_them(local_cli, site: FakeSite) -> None:
    bad = broken_feed(site, "bad")
    local_cli("sources", "add", bad)
    assert local_cli("collect")[0] == 1
    code, out, _ = local_cli("collect")
    assert code == 0
    assert out.startswith("No sources due: 1 source waits out a backoff after failing; the next is due at ")
    assert "briefbot collect --force" in out and "none configured" not in out
    code, out, _ = local_cli("collect", "--force")
    assert code == 1 and f"{bad}: 0 new, 0 duplicate, 1 failed (malformed feed" in out


def test_collect_with_no_sources_at_all(local_cli) -> None:
    code, out, _ = local_cli("collect")
    assert code == 0 and out.startswith("No sources to collect: none configured.")


def test_the_progress_bar_draws_with_the_total(monkeypatch) -> None:
    import io

    from bot.cli.collect import _Bar

    stream = io.StringIO()
    bar = _Bar(stream)
    bar.update("http://a.example/feed", 1, 4)
    bar.update("http://b.example/feed", 2, 4)
    bar.close()
    assert "2/4" in stream.getvalue()


@pytest.mark.parametrize("url", ["https://[::1", "http://[::1/feed"])
def test_sources_add_says_in_one_line_what_is_wrong_with_a_malformed_url(cli, url: str) -> None:
    code, out, err = cli("sources", "add", url)
    assert code == 2 and out == ""
    assert err.startswith("briefbot: sources add: ") and len(err.splitlines()) == 1
    assert "Traceback" not in err and "No sources saved" in cli("sources", "list")[1]
