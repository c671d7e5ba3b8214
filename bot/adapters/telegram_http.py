"""The HTTP client under python-telegram-bot's Bot API calls: aiohttp, through PTB's own
`BaseRequest` interface (PTB parses the answers and raises its errors as with its default).

PTB's default client (httpx) costs about 2-3 ms of CPU per message; aiohttp about a third of
that. Sending is the hot path: a worker delivering a push to thousands of chats spends most of
its time in this call, and CPU it saves keeps its sends on time for the rate limiter. Long
polling (getUpdates) keeps PTB's default client: one request at a time, held open.
"""

from __future__ import annotations

import asyncio

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# PTB's defaults for its own client (HTTPXRequest), so behaviour does not change with the client.
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0
POOL_TIMEOUT = 1.0


class AiohttpRequest(BaseRequest):
    """Bot API requests over one aiohttp session with a bounded connection pool."""

    def __init__(self, connection_pool_size: int = 256) -> None:
        self._pool_size = connection_pool_size
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return READ_TIMEOUT

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector,
                                                  headers={"User-Agent": self.USER_AGENT})

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        write_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        connect_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
        pool_timeout: float | None = BaseRequest.DEFAULT_NONE,  # type: ignore[assignment]
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = bool(request_data and request_data.contains_files)
        timeout = _timeout(_given(read_timeout, READ_TIMEOUT),
                           _given(write_timeout, MEDIA_WRITE_TIMEOUT if files else WRITE_TIMEOUT),
                           _given(connect_timeout, CONNECT_TIMEOUT),
                           _given(pool_timeout, POOL_TIMEOUT))
        try:
            async with self._session.request(method, url, data=_body(request_data),
                                             timeout=timeout) as response:
                return response.status, await response.read()
        except (TimeoutError, asyncio.TimeoutError) as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            # The URL carries the bot's token: an error naming it (an invalid URL, say) must
            # not put it in a log line or a stored delivery error.
            detail = str(exc).replace(url, "<Bot API URL>")
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {detail}") from exc


def _given(value: object, default: float) -> float | None:
    """A timeout the caller passed (None: no limit), or the default when it passed none."""
    if isinstance(value, type(BaseRequest.DEFAULT_NONE)):
        return default
    return value  # type: ignore[return-value]


def _timeout(read: float | None, write: float | None, connect: float | None,
             pool: float | None) -> aiohttp.ClientTimeout:
    # aiohttp has no write timeout: the whole request is bounded by the sum of the phases.
    phases = (read, write, connect, pool)
    total = None if any(p is None for p in phases) else sum(p for p in phases if p is not None)
    waiting = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect,
                                 sock_read=read)


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields, as PTB's default client sends them; multipart when there are files."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData(fields)
    for name, part in (request_data.multipart_data or {}).items():
        filename, content, mimetype = part[0], part[1], part[2] if len(part) > 2 else None
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
