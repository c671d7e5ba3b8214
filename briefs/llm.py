"""A small client for OpenAI-compatible chat completions with structured (JSON) output.

Failure policy, so that an unreliable LLM never costs a reader more than a short wait:
- every request has a short timeout, and no call outlives the caller's `deadline`
  (an absolute ``time.monotonic()`` moment shared by all calls of one command);
- 429 and 5xx are retried with exponential backoff, honouring ``Retry-After``; other 4xx
  (a bad request, a context too long) are not retried;
- a circuit breaker: after `breaker_failures` consecutive failures, or one timeout (a hung
  server is the expensive failure), calls fail at once for `breaker_reset_seconds`, so an
  outage costs one timeout, not one per story.
Every unusable outcome raises `LLMError`; callers fall back to the extractive result.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import re
import time

import httpx

from config.settings import LLMSettings

log = logging.getLogger(__name__)

_RETRYABLE = {429, 500, 502, 503, 504, 529}
# 4xx that are about this one request (too long, malformed): the service itself is fine.
_REQUEST_SPECIFIC = {400, 404, 409, 413, 422}
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


class LLMError(Exception):
    """The LLM gave no usable answer: after retries, circuit open, bad JSON or timeout."""


class CircuitBreaker:
    """Closed -> open after repeated failures -> half-open (one trial) after a pause."""

    def __init__(self, failures: int, reset_seconds: float) -> None:
        self.threshold = max(1, failures)
        self.reset_seconds = reset_seconds
        self.failures = 0
        self.open_until = 0.0

    def allow(self) -> bool:
        return time.monotonic() >= self.open_until

    def success(self) -> None:
        self.failures = 0
        self.open_until = 0.0

    def failure(self, *, trip: bool = False) -> None:
        self.failures += 1
        if trip or self.failures >= self.threshold:
            self.open_until = time.monotonic() + self.reset_seconds


def deadline_in(seconds: float) -> float:
    """An absolute deadline `seconds` from now, in the clock `complete_json` uses."""
    return time.monotonic() + seconds


class LLMClient:
    def __init__(self, settings: LLMSettings, *, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.url = settings.base_url.rstrip("/") + "/chat/completions"
        self.breaker = CircuitBreaker(settings.breaker_failures, settings.breaker_reset_seconds)
        headers = {"Content-Type": "application/json"}
        if settings.api_key:
            headers["Authorization"] = f"Bearer {settings.api_key}"
        self._http = httpx.AsyncClient(headers=headers, transport=transport, trust_env=False)
        self.calls = 0  # requests sent (for tests and metrics)
        self.json_schema_supported = True  # False after the server refused response_format

    async def aclose(self) -> None:
        await self._http.aclose()

    async def complete_json(
        self, messages: list[dict], schema: dict, *, name: str, deadline: float | None = None
    ) -> dict:
        """The model's reply to `messages` as a JSON object following `schema`."""
        deadline = min(deadline or float("inf"), deadline_in(self.settings.deadline))
        payload = self._payload(messages, schema, name)
        attempt = 0
        while True:
            if not self.breaker.allow():
                raise LLMError("LLM circuit open after repeated failures")
            remaining = deadline - time.monotonic()
            if remaining <= 0.05:
                raise LLMError("LLM deadline reached")
            try:
                response = await self._post(payload, remaining)
            except LLMError:
                raise
            except (httpx.TimeoutException, asyncio.TimeoutError) as exc:
                self.breaker.failure(trip=True)
                raise LLMError(f"LLM timed out ({type(exc).__name__})") from None
            except httpx.HTTPError as exc:
                self.breaker.failure()
                wait = self._backoff(attempt, None)
                if attempt >= self.settings.max_retries or not self._can_wait(wait, deadline):
                    raise LLMError(f"LLM unreachable: {type(exc).__name__}") from None
            else:
                status = response.status_code
                if status < 300:
                    self.breaker.success()
                    return _parse_reply(response, schema)
                if self._schema_unsupported(response):
                    # An older server without json_schema: ask for a JSON object instead,
                    # with the schema in the prompt (verification happens in code anyway).
                    self.json_schema_supported = False
                    payload = self._payload(messages, schema, name)
                    continue
                if status not in _RETRYABLE:
                    if status not in _REQUEST_SPECIFIC:
                        self.breaker.failure()
                    raise LLMError(f"LLM refused the request: HTTP {status}")
                self.breaker.failure()
                wait = self._backoff(attempt, response.headers.get("Retry-After"))
                if attempt >= self.settings.max_retries or not self._can_wait(wait, deadline):
                    raise LLMError(f"LLM unavailable: HTTP {status}")
            log.info("LLM call failed, retrying in %.2fs (attempt %d)", wait, attempt + 1)
            await asyncio.sleep(wait)
            attempt += 1

    def _payload(self, messages: list[dict], schema: dict, name: str) -> dict:
        if self.json_schema_supported:
            response_format = {"type": "json_schema",
                               "json_schema": {"name": name, "strict": True, "schema": schema}}
        else:
            response_format = {"type": "json_object"}
            hint = "Reply with one JSON object that follows this JSON schema:\n" + json.dumps(schema)
            messages = [*messages, {"role": "system", "content": hint}]
        return {"model": self.settings.model, "messages": messages, "temperature": 0,
                "response_format": response_format}

    def _schema_unsupported(self, response: httpx.Response) -> bool:
        if not self.json_schema_supported or response.status_code not in (400, 422):
            return False
        text = response.text.lower()
        return "response_format" in text or "json_schema" in text

    async def _post(self, payload: dict, remaining: float) -> httpx.Response:
        budget = min(self.settings.request_timeout, remaining)
        timeout = httpx.Timeout(budget, connect=min(5.0, budget))
        self.calls += 1
        # The outer timeout bounds the whole exchange, even a server trickling bytes.
        async with asyncio.timeout(budget + 0.05):
            return await self._http.post(self.url, json=payload, timeout=timeout)

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        advised = _retry_after_seconds(retry_after)
        if advised is not None:
            return advised
        return min(8.0, 0.5 * 2**attempt) * (0.5 + random.random() / 2)

    @staticmethod
    def _can_wait(wait: float, deadline: float) -> bool:
        # Sleeping past the deadline only to fail later helps nobody: give up now.
        return time.monotonic() + wait < deadline - 0.1


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def _parse_reply(response: httpx.Response, schema: dict) -> dict:
    try:
        body = response.json()
        message = body["choices"][0]["message"]
        content = message.get("content")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise LLMError("LLM reply is not a chat completion") from None
    if message.get("refusal") or not isinstance(content, str):
        raise LLMError("LLM refused or sent no content")
    try:
        data = json.loads(_FENCE.sub("", content.strip()))
    except ValueError:
        raise LLMError("LLM reply is not valid JSON") from None
    if not isinstance(data, dict):
        raise LLMError("LLM reply is not a JSON object")
    missing = [key for key in schema.get("required", []) if key not in data]
    if missing:
        raise LLMError(f"LLM reply lacks {', '.join(missing)}")
    return data


def make_llm_client(settings: LLMSettings) -> LLMClient | None:
    """A client when an LLM is configured (`base_url` set), else None."""
    return LLMClient(settings) if settings.enabled else None
