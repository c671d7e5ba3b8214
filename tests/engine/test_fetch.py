"""The hardened client against a real server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import gzip
import ipaddress

import pytest

from briefs.collect.fetch import (
    AddressPolicy,
    BadURLError,
    Fetcher,
    FetchTimeoutError,
    HTTPStatusError,
    RefusedError,
    TooLargeError,
    TooManyRedirectsError,
    decode_body,
)
from config.settings import Settings
from tests.fakes.site import FakeSite, gzip_bomb

LOOPBACK_ONLY = AddressPolicy(allowed_networks=(ipaddress.ip_network("127.0.0.1/32"),))


def fetcher(settings: Settings, *, resolver=None, policy=LOOPBACK_ONLY, **fetch) -> Fetcher:  # type: ignore[no-untyped-def]
    return Fetcher(dataclasses.replace(settings.fetch, **fetch), resolver=resolver, policy=policy)


async def test_plain_fetch_and_conditional_get(settings: Settings, site: FakeSite) -> None:
    url = site.add("/feed.xml", "<rss/>", etag='"v1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
                   headers={"Cache-Control": "max-age=600"})
    client = fetcher(settings)
    try:
        first = await client.fetch(url)
        assert first.status == 200 and first.body == b"<rss/>" and not first.not_modified
        assert first.etag == '"v1"' and first.max_age == 600
        second = await client.fetch(url, etag=first.etag, last_modified=first.last_modified)
        assert second.not_modified and second.status == 304 and second.body == b""
        assert site.hits("/feed.xml")[1].headers["if-none-match"] == '"v1"'
    finally:
        await client.aclose()


async def test_redirects_are_followed_and_counted(settings: Settings, site: FakeSite) -> None:
    site.add("/final", "done")
    site.redirect("/a", "/b", status=301)
    site.redirect("/b", "/final")
    client = fetcher(settings)
    try:
        result = await client.fetch(site.url("/a"))
        assert result.url == site.url("/final") and result.body == b"done"
        assert result.redirects == (site.url("/a"), site.url("/b"), site.url("/final"))
        site.redirect("/loop", "/loop")
        with pytest.raises(TooManyRedirectsError, match="too many redirects"):
            await client.fetch(site.url("/loop"))
        assert len(site.hits("/loop")) == settings.fetch.max_redirects + 1
    finally:
        await client.aclose()


@pytest.mark.parametrize("target", ["http://10.0.0.5/feed", "http://169.254.169.254/latest/meta-data",
                                    "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
                                    "http://0.0.0.0/", "http://224.0.0.1/", "http://100.64.0.1/"])
async def test_redirect_to_a_private_address_is_refused(settings: Settings, site: FakeSite,
                                                        target: str) -> None:
    site.redirect("/go", target)
    client = fetcher(settings)
    try:
        with pytest.raises(RefusedError, match=r"^refused: .*address"):
            await client.fetch(site.url("/go"))
    finally:
        await client.aclose()


async def test_hostname_resolving_to_private_address_is_refused_at_connect(settings: Settings) -> None:
    asked = []

    async def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return {"rebind.test": ["93.184.216.34", "10.0.0.7"], "meta.test": ["169.254.169.254"]}[host]

    client = fetcher(settings, resolver=resolver, policy=AddressPolicy())
    try:
        with pytest.raises(RefusedError, match="refused: not a public address"):
            await client.fetch("http://rebind.test/feed")
        with pytest.raises(RefusedError, match="refused: not a public address"):
            await client.fetch("https://meta.test/")
        assert asked == ["rebind.test", "meta.test"]
    finally:
        await client.aclose()


async def test_loopback_refused_without_the_flag(settings: Settings, site: FakeSite) -> None:
    url = site.add("/x", "secret")
    client = fetcher(settings, policy=AddressPolicy(allow_private=False))
    try:
        with pytest.raises(RefusedError, match="refused: not a public address"):
            await client.fetch(url)
        assert site.hits("/x") == []
    finally:
        await client.aclose()
    # and the setting itself switches the guard off (the flag tests and intranets use)
    allowed = Fetcher(settings.fetch)
    try:
        assert (await allowed.fetch(url)).body == b"secret"
    finally:
        await allowed.aclose()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x", "/relative",
                                 "http://user:pw@example.org/"])
async def test_only_http_urls(settings: Settings, url: str) -> None:
    client = fetcher(settings)
    with pytest.raises(BadURLError, match="refused|bad URL"):
        await client.fetch(url)


async def test_slow_server_hits_the_total_deadline(settings: Settings, site: FakeSite) -> None:
    url = site.add("/slow", trickle=True)
    client = fetcher(settings, total_timeout=0.5, read_timeout=5.0)
    try:
        with pytest.raises(FetchTimeoutError, match=r"timed out after 0.5s"):
            await client.fetch(url)
    finally:
        await client.aclose()


async def test_silent_server_hits_the_read_timeout(settings: Settings, site: FakeSite) -> None:
    url = site.add("/hang", hang=True)
    client = fetcher(settings, total_timeout=10.0, read_timeout=0.3)
    try:
        with pytest.raises(FetchTimeoutError, match="timed out"):
            await client.fetch(url)
    finally:
        await client.aclose()


async def test_oversize_body_is_capped_while_streaming(settings: Settings, site: FakeSite) -> None:
    url = site.add("/huge", size=5_000_000)
    declared = site.add("/declared", b"x" * 2000)
    client = fetcher(settings, max_bytes=100_000)
    try:
        with pytest.raises(TooLargeError, match="too large: over 100000 bytes"):
            await client.fetch(url)
        with pytest.raises(TooLargeError):
            await fetcher(settings, max_bytes=1000).fetch(declared)
    finally:
        await client.aclose()


async def test_gzip_bomb_is_capped_after_decompression(settings: Settings, site: FakeSite) -> None:
    bomb = gzip_bomb(20_000_000)
    assert len(bomb) < 100_000  # small on the wire ...
    url = site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    client = fetcher(settings, max_bytes=1_000_000)
    try:
        with pytest.raises(TooLargeError, match="too large: over 1000000 bytes"):
            await client.fetch(url)
    finally:
        await client.aclose()


async def test_gzip_body_is_decoded(settings: Settings, site: FakeSite) -> None:
    url = site.add("/gz", gzip.compress("héllo wörld".encode()), headers={"Content-Encoding": "gzip"})
    client = fetcher(settings)
    try:
        assert (await client.fetch(url)).text() == "héllo wörld"
    finally:
        await client.aclose()


async def test_http_errors_are_one_line(settings: Settings, site: FakeSite) -> None:
    client = fetcher(settings)
    try:
        with pytest.raises(HTTPStatusError, match="^HTTP 404$"):
            await client.fetch(site.url("/missing"))
    finally:
        await client.aclose()


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    ("Grüße".encode("iso-8859-1"), "text/html; charset=iso-8859-1", "Grüße"),
    (b'<meta charset="windows-1251">' + "Привет".encode("cp1251"), "text/html", "Привет"),
    (b'<?xml version="1.0" encoding="iso-8859-2"?>' + "Łódź".encode("iso-8859-2"), "", "Łódź"),
    ("\ufeffBOM text".encode("utf-8"), "text/plain", "BOM text"),
    ("plain ütf".encode("utf-8"), "", "plain ütf"),
])
def test_any_encoding_is_decoded(body: bytes, content_type: str, expected: str) -> None:
    assert expected in decode_body(body, content_type)


async def test_every_connection_checks_the_address_it_connects_to(settings: Settings, site: FakeSite) -> None:
    """DNS rebinding: a name that answers 127.0.0.1 (allowed here) and then 10.0.0.9."""
    site.add("/x", "first")
    answers = iter([["127.0.0.1"], ["10.0.0.9"]])

    async def resolver(host: str, port: int) -> list[str]:
        assert host == "rebind.test"
        return next(answers)

    client = fetcher(settings, resolver=resolver)
    url = f"http://rebind.test:{site.port}/x"
    try:
        assert (await client.fetch(url)).body == b"first"
        assert site.hits("/x")[0].headers["host"] == f"rebind.test:{site.port}"  # name kept for Host/SNI
        with pytest.raises(RefusedError, match="refused: not a public address"):
            await client.fetch(url)  # the server closed the connection: a new one, checked again
        assert len(site.hits("/x")) == 1
    finally:
        await client.aclose()
