"""The one hardened HTTP client: every fetch of a feed or page goes through `Fetcher`.

What it guarantees, for URLs that users and chats hand us:

- only `http`/`https`; redirects are followed here, one hop at a time (at most
  `fetch.max_redirects`), each hop checked again;
- the host is resolved and loopback, private, link-local, multicast, reserved, unspecified,
  shared (CGNAT), NAT64-embedded, 6to4/Teredo and IPv4-mapped addresses are refused (unless
  `fetch.allow_private_networks`). The check runs *inside the connection*: the network
  backend resolves, checks and then connects to the very address it checked, so a DNS answer
  that changes between check and connect (DNS rebinding) cannot slip through. TLS still uses
  the host name for SNI and certificate checks (httpcore passes the origin host to start_tls);
- the body is capped *after decompression* while streaming: we ask only for gzip/deflate and
  inflate ourselves with a bounded output size, so a gzip bomb costs at most the cap;
- a total deadline per fetch (redirects included) on top of httpx's per-operation timeouts;
- conditional GET (ETag / Last-Modified -> a `not_modified` result on 304);
- any text encoding: charset from the header, a BOM, a meta/XML declaration, else detection;
- polite concurrency: at most `fetch.concurrency` fetches in flight, `fetch.per_host` per host.

Proxy environment variables are ignored (`trust_env=False`): a proxy would connect on our
behalf to addresses we never checked. Residual risk: none known for the address check itself;
`allow_private_networks` switches it off entirely (intranets, tests).

Errors are `FetchError` subclasses whose message is one short line ("refused: not a public
address", "too large: over 5000000 bytes", "timed out after 20s", "HTTP 404").
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import socket
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Awaitable, Callable, Iterable, Mapping, Sequence
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from config.settings import FetchSettings

log = logging.getLogger(__name__)
Resolver = Callable[[str, int], Awaitable[list[str]]]

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


# -- errors -------------------------------------------------------------------------------


class FetchError(Exception):
    """A fetch that failed; `str(error)` is one line suitable for a source's health."""


class BadURLError(FetchError):
    pass


NOT_PUBLIC = "refused: not a public address"


class RefusedError(FetchError):
    """A refused address. The message never names the address a host resolved to (that
    would let chat members probe internal DNS); `detail` says which kind it was, for logs."""

    def __init__(self, message: str = NOT_PUBLIC, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class TooLargeError(FetchError):
    pass


class FetchTimeoutError(FetchError):
    pass


class TooManyRedirectsError(FetchError):
    pass


class NetworkError(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(self, status: int, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.retry_after = retry_after


# -- address policy -----------------------------------------------------------------------

_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT


@dataclass(frozen=True)
class AddressPolicy:
    """Which resolved addresses a fetch may connect to.

    `allowed_networks` are exceptions to the refusal (tests allow 127.0.0.1 only, so that
    redirects to 10.0.0.5 are still refused without any traffic leaving loopback).
    """

    allow_private: bool = False
    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    def check_all(self, host: str, addresses: Sequence[str]) -> None:
        """Raise unless `host` resolved and every one of its addresses may be fetched.

        Every address must pass: a name answering with one public and one private address
        is an attack, not a fallback."""
        if not addresses:
            raise NetworkError(f"cannot resolve {host}")
        for address in addresses:
            reason = self.refusal(address)
            if reason:
                log.debug("refused %s: %s", host, reason)
                raise RefusedError(NOT_PUBLIC, reason)

    def refusal(self, address: str) -> str | None:
        """None if `address` may be contacted, else why not ("private address 10.0.0.5")."""
        if self.allow_private:
            return None
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"not an IP address {address}"
        if any(ip in net for net in self.allowed_networks if net.version == ip.version):
            return None
        kind = _address_kind(ip)
        return f"{kind} address {ip}" if kind else None


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return "IPv4-mapped"
        if any(ip in net for net in _NAT64):
            return "NAT64"
        if ip.sixtofour is not None or ip.teredo is not None:
            return "tunnelled"
    checks = (
        ("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
        ("private", ip.is_private), ("reserved", ip.is_reserved),
        ("shared", isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED),
    )
    for name, hit in checks:
        if hit:
            return name
    return None if ip.is_global else "non-public"


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (IPv4 and IPv6)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise NetworkError(f"cannot resolve {host}: {exc.strerror}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """A network backend that resolves, checks and connects to the checked address."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver) -> None:
        self.policy = policy
        self.resolver = resolver
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: Iterable | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        addresses = [host] if _is_ip(host) else await self.resolver(host, port)
        self.policy.check_all(host, addresses)
        last: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout,
                                                    local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise RefusedError("refused: unix sockets", "unix socket")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        return True
    except ValueError:
        return False


def guarded_transport(settings: FetchSettings, policy: AddressPolicy, resolver: Resolver
                      ) -> httpx.AsyncHTTPTransport:
    """httpx's own transport, with its connection pool built on the guarded backend.

    httpx does not take a network backend as an argument, so the pool is replaced; the
    attribute (`_pool`) has been stable across httpx 0.23-0.28 (pinned <0.29).
    """
    transport = httpx.AsyncHTTPTransport(trust_env=False, retries=0)
    limits = max(4, settings.concurrency * 2)
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits, max_keepalive_connections=limits, keepalive_expiry=30.0,
        network_backend=GuardedBackend(policy, resolver),
    )
    return transport


# -- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FetchResult:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    max_age: int | None = None  # seconds the response may be cached (Cache-Control/Expires)
    redirects: tuple[str, ...] = ()  # the URLs passed through, first one included

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    def text(self) -> str:
        return decode_body(self.body, self.headers.get("content-type", ""))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.I)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def detect_charset(body: bytes, content_type: str = "") -> str:
    """The body's encoding: BOM, then header charset, then meta/XML declaration, then guess."""
    return _decode(body, content_type)[1]


def decode_body(body: bytes, content_type: str = "") -> str:
    """The body as text, decoded once with the first encoding that fits."""
    return _decode(body, content_type)[0]


def _decode(body: bytes, content_type: str) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    candidates = []
    match = re.search(r"charset\s*=\s*[\"']?([\w.:\-]+)", content_type, re.I)
    if match:
        candidates.append(match.group(1))
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            candidates.append(found.group(1).decode("ascii", "replace"))
    # A declared charset is used only if the bytes really decode with it (servers lie).
    for name in [*candidates, "utf-8"]:
        try:
            return body.decode(name), name
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    name = best.encoding if best is not None else "latin-1"
    return body.decode(name, errors="replace"), name


def cache_max_age(headers: Mapping[str, str]) -> int | None:
    """Seconds from Cache-Control max-age (or s-maxage), else from Expires - Date."""
    control = headers.get("cache-control", "")
    match = re.search(r"(?:s-)?max-age\s*=\s*(\d+)", control)
    if match:
        return int(match.group(1))
    if "expires" in headers and "date" in headers:
        try:
            delta = parsedate_to_datetime(headers["expires"]) - parsedate_to_datetime(headers["date"])
            return max(0, int(delta.total_seconds()))
        except (TypeError, ValueError):
            return None
    return None


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    return None


# -- decompression with a cap --------------------------------------------------------------


class _CappedDecoder:
    """Inflate gzip/deflate chunk by chunk, never producing more than `cap` bytes in all."""

    def __init__(self, encoding: str, cap: int) -> None:
        self.cap = cap
        self.total = 0
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._zlib = None
        elif encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
            self._deflate_probe = True
        else:
            raise FetchError(f"unsupported content encoding {encoding}")

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            return self._count(data)
        out = bytearray()
        chunk = data
        try:
            while chunk:
                room = self.cap - self.total - len(out) + 1
                out += self._zlib.decompress(chunk, max(room, 1))
                if self.total + len(out) > self.cap:
                    break
                chunk = self._zlib.unconsumed_tail
        except zlib.error:
            if getattr(self, "_deflate_probe", False) and self.total == 0 and not out:
                # Some servers send raw deflate without the zlib header.
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                self._deflate_probe = False
                return self.feed(data)
            raise FetchError("corrupt compressed body") from None
        self._deflate_probe = False
        return self._count(bytes(out))

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.cap:
            raise TooLargeError(f"too large: over {self.cap} bytes")
        return data


# -- the client ---------------------------------------------------------------------------


class Fetcher:
    """The hardened client. One per process is enough; close it with `aclose()`."""

    def __init__(self, settings: FetchSettings, *, resolver: Resolver | None = None,
                 policy: AddressPolicy | None = None,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self.policy = policy or AddressPolicy(allow_private=settings.allow_private_networks)
        self._resolver = resolver or system_resolver
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(max(1, settings.concurrency))
        self._host_slots: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(max(1, settings.per_host)))

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            s = self.settings
            transport = self._transport or guarded_transport(s, self.policy, self._resolver)
            self._client = httpx.AsyncClient(
                transport=transport, follow_redirects=False, trust_env=False,
                timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout,
                                      write=s.read_timeout, pool=s.total_timeout),
                headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def check_public(self, url: str) -> None:
        """Refuse `url` now, without fetching it, when its host is a non-public address or
        does not resolve (RefusedError / NetworkError; both say nothing of the address)."""
        check_url(url)
        if self.policy.allow_private:  # intranets and tests: names need not resolve from here
            return
        self._check_literal_host(url)
        host = (urlsplit(url).hostname or "").strip("[]")
        if _is_ip(host):
            return
        addresses = await self._resolver(host, urlsplit(url).port or 443)
        self.policy.check_all(host, addresses)

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    accept: str | None = None) -> FetchResult:
        """GET `url` within the caps; a 304 to a conditional request gives `not_modified`.

        The total deadline counts time spent on the network, not time queued for a free
        slot (a feed with 50 teaser pages on one host must not time out its own queue).
        """
        check_url(url)
        budget = self.settings.total_timeout
        seen = [url]
        for _hop in range(self.settings.max_redirects + 1):
            self._check_literal_host(url)
            headers = _request_headers(etag, last_modified, accept)
            result, location, budget = await self._hop(url, headers, budget)
            if location is None:
                assert result is not None
                return FetchResult(**{**result.__dict__, "redirects": tuple(seen)})
            url = urljoin(url, location)
            check_url(url)
            seen.append(url)
        raise TooManyRedirectsError(f"too many redirects (over {self.settings.max_redirects})")

    async def _hop(self, url: str, headers: dict[str, str], budget: float
                   ) -> tuple[FetchResult | None, str | None, float]:
        host = (urlsplit(url).hostname or "").lower()
        # The host's slot first: a task queued behind a busy host must not sit on one of the
        # global slots that fetches to other hosts could use.
        async with self._host_slots[host], self._slots:
            loop = asyncio.get_running_loop()
            started = loop.time()
            try:
                async with asyncio.timeout(max(budget, 0.001)):
                    result, location = await self._one(url, headers)
            except TimeoutError:
                raise FetchTimeoutError(f"timed out after {self.settings.total_timeout:g}s") from None
            return result, location, budget - (loop.time() - started)

    def _check_literal_host(self, url: str) -> None:
        """An IP literal is refused before any connection attempt (clearer than at connect)."""
        host = (urlsplit(url).hostname or "").strip("[]")
        if _is_ip(host):
            reason = self.policy.refusal(host)
            if reason:
                raise RefusedError(NOT_PUBLIC, reason)

    async def _one(self, url: str, headers: dict[str, str]) -> tuple[FetchResult | None, str | None]:
        """One request: (result, None) or (None, redirect location)."""
        try:
            async with self._http().stream("GET", url, headers=headers) as response:
                return await self._read(url, response)
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(f"timed out ({_timeout_phase(exc)})") from None
        except httpx.HTTPError as exc:
            raise NetworkError(f"network error: {_one_line(exc)}") from None
        except (httpx.InvalidURL, UnicodeError) as exc:  # not HTTPErrors; check_url should catch them first
            raise BadURLError(f"bad URL: {_one_line(exc)}") from None

    async def _read(self, url: str, response: httpx.Response) -> tuple[FetchResult | None, str | None]:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status in REDIRECT_STATUSES and "location" in headers:
            return None, headers["location"]
        if status == 304:
            return _result(url, status, headers, b"", not_modified=True), None
        if not 200 <= status < 300:
            raise HTTPStatusError(status, _retry_after(headers))
        body = await self._read_body(response, headers)
        return _result(url, status, headers, body), None

    async def _read_body(self, response: httpx.Response, headers: Mapping[str, str]) -> bytes:
        cap = self.settings.max_bytes
        encoding = headers.get("content-encoding", "")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise TooLargeError(f"too large: over {cap} bytes")
        decoder = _CappedDecoder(encoding, cap)
        parts = [decoder.feed(chunk) async for chunk in response.aiter_raw()]
        return b"".join(parts)


MAX_URL_CHARS = 2048  # what browsers and servers reliably accept; a 100 KB "URL" is not one
# A host name as DNS has it (letters, digits, hyphens, dots; IDNA labels are checked by httpx).
_HOST_CHARS = re.compile(r"[\w.-]+", re.UNICODE)
# Numeric hosts that are not plain dotted-decimal (0177.0.0.1, 0x7f.1, 2130706433): resolvers
# read them as IP addresses in octal or hex, so they would hide an address from a reader.
_NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?", re.I)


def check_url(url: str) -> None:
    """Only absolute http(s) URLs with a host; everything else is refused up front."""
    if len(url) > MAX_URL_CHARS:
        raise BadURLError(f"bad URL: longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a bad port
    except ValueError:
        raise BadURLError(f"bad URL: {_shown(url)}") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or "(none)"
        raise BadURLError(f"refused: only http and https URLs, not {scheme}")
    if not parts.hostname:
        raise BadURLError(f"bad URL (no host): {url[:200]}")
    if parts.username or parts.password:
        raise BadURLError("refused: credentials in URL")
    _check_host(parts.hostname)
    try:
        httpx.URL(url)  # what the client will parse: IDNA, IPv4/IPv6 literals, length
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise BadURLError(f"bad URL: {_one_line(exc)}") from None


def _check_host(host: str) -> None:
    if _is_ip(host):
        return
    if not _HOST_CHARS.fullmatch(host):
        raise BadURLError(f"bad URL: not a host name: {_shown(host)}")
    if _NUMERIC_HOST.fullmatch(host):
        raise BadURLError(f"bad URL: an IP address must be written in plain dotted decimal, not {_shown(host)}")


def _shown(text: str) -> str:
    """User input quoted in an error: one line, not too long."""
    text = text.replace("\n", " ").replace("\r", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def _request_headers(etag: str | None, last_modified: str | None, accept: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if accept:
        headers["Accept"] = accept
    return headers


def _result(url: str, status: int, headers: dict[str, str], body: bytes,
            not_modified: bool = False) -> FetchResult:
    return FetchResult(
        url=url, status=status, headers=headers, body=body, etag=headers.get("etag"),
        last_modified=headers.get("last-modified"), not_modified=not_modified,
        max_age=cache_max_age(headers),
    )


def _timeout_phase(exc: httpx.TimeoutException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connect"
    if isinstance(exc, httpx.PoolTimeout):
        return "waiting for a connection"
    return "read" if isinstance(exc, httpx.ReadTimeout) else "write"


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
