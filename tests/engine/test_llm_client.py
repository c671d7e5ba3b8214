"""The chat-completions client against the fake OpenAI-compatible server (real HTTP)."""

from __future__ import annotations

import time

import pytest

from briefs.llm import LLMClient, LLMError, deadline_in, make_llm_client
from config.settings import LLMSettings
from tests.fakes.openai_server import FakeOpenAI

SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}},
          "required": ["answer"], "additionalProperties": False}
MESSAGES = [{"role": "user", "content": "hello"}]


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as server:
        yield server


def client_for(server: FakeOpenAI, **overrides) -> LLMClient:
    values = {"base_url": server.base_url, "model": "m", "request_timeout": 2.0,
              "max_retries": 2, "deadline": 5.0, "breaker_failures": 3, "api_key": "sk-test"}
    return LLMClient(LLMSettings(**{**values, **overrides}))


async def test_structured_reply_and_request_shape(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(FakeOpenAI.json_reply({"answer": "yes"}))
    client = client_for(fake_openai)
    try:
        assert await client.complete_json(MESSAGES, SCHEMA, name="reply") == {"answer": "yes"}
    finally:
        await client.aclose()
    sent = fake_openai.requests[0]
    assert sent["model"] == "m" and sent["messages"] == MESSAGES
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"] == SCHEMA


async def test_429_with_retry_after_then_success(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(FakeOpenAI.error(429, retry_after="0"), FakeOpenAI.error(503),
                       FakeOpenAI.json_reply({"answer": "ok"}))
    client = client_for(fake_openai)
    try:
        assert await client.complete_json(MESSAGES, SCHEMA, name="reply") == {"answer": "ok"}
    finally:
        await client.aclose()
    assert fake_openai.calls == 3


async def test_retry_after_beyond_deadline_gives_up_at_once(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(FakeOpenAI.error(429, retry_after="3600"))
    client = client_for(fake_openai)
    try:
        with pytest.raises(LLMError):
            await client.complete_json(MESSAGES, SCHEMA, name="reply", deadline=deadline_in(2))
    finally:
        await client.aclose()
    assert fake_openai.calls == 1


async def test_other_4xx_is_not_retried(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = FakeOpenAI.error(400, message="context length exceeded")
    client = client_for(fake_openai)
    try:
        with pytest.raises(LLMError, match="400"):
            await client.complete_json(MESSAGES, SCHEMA, name="reply")
    finally:
        await client.aclose()
    assert fake_openai.calls == 1


@pytest.mark.parametrize("content", ["not json {", '["a list"]', '{"other": 1}'])
async def test_unusable_content_is_an_error(fake_openai: FakeOpenAI, content: str) -> None:
    fake_openai.script(FakeOpenAI.chat_reply(content))
    client = client_for(fake_openai)
    try:
        with pytest.raises(LLMError):
            await client.complete_json(MESSAGES, SCHEMA, name="reply")
    finally:
        await client.aclose()


async def test_fenced_json_is_accepted(fake_openai: FakeOpenAI) -> None:
    fake_openai.script(FakeOpenAI.chat_reply('```json\n{"answer": "fenced"}\n```'))
    client = client_for(fake_openai)
    try:
        assert await client.complete_json(MESSAGES, SCHEMA, name="reply") == {"answer": "fenced"}
    finally:
        await client.aclose()


async def test_a_hang_costs_one_timeout_then_the_circuit_is_open(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = FakeOpenAI.hang()
    client = client_for(fake_openai, request_timeout=0.3)
    try:
        with pytest.raises(LLMError, match="timed out"):
            await client.complete_json(MESSAGES, SCHEMA, name="reply")
        with pytest.raises(LLMError, match="circuit"):
            await client.complete_json(MESSAGES, SCHEMA, name="reply")
    finally:
        await client.aclose()
    assert fake_openai.calls == 1


async def test_repeated_server_errors_open_the_circuit(fake_openai: FakeOpenAI) -> None:
    fake_openai.default = FakeOpenAI.error(500)
    client = client_for(fake_openai, max_retries=0, breaker_failures=2)
    try:
        for _ in range(2):
            with pytest.raises(LLMError, match="500"):
                await client.complete_json(MESSAGES, SCHEMA, name="reply")
        with pytest.raises(LLMError, match="circuit"):
            await client.complete_json(MESSAGES, SCHEMA, name="reply")
    finally:
        await client.aclose()
    assert fake_openai.calls == 2


async def test_deadline_already_passed_sends_nothing(fake_openai: FakeOpenAI) -> None:
    client = client_for(fake_openai)
    try:
        with pytest.raises(LLMError, match="deadline"):
            await client.complete_json(MESSAGES, SCHEMA, name="reply", deadline=time.monotonic())
    finally:
        await client.aclose()
    assert fake_openai.calls == 0


def test_no_client_without_base_url() -> None:
    assert make_llm_client(LLMSettings()) is None
    assert isinstance(make_llm_client(LLMSettings(base_url="http://127.0.0.1:1/v1")), LLMClient)


async def test_server_without_json_schema_gets_a_json_object_request(fake_openai: FakeOpenAI) -> None:
    def server(request: dict):
        if request["response_format"]["type"] == "json_schema":
            return FakeOpenAI.error(400, message="response_format json_schema is not supported")
        assert request["response_format"] == {"type": "json_object"}
        assert "JSON schema" in request["messages"][-1]["content"]
        return FakeOpenAI.json_reply({"answer": "plain json"})

    fake_openai.default = server
    client = client_for(fake_openai)
    try:
        for _ in range(2):
            assert await client.complete_json(MESSAGES, SCHEMA, name="reply") == {"answer": "plain json"}
    finally:
        await client.aclose()
    assert fake_openai.calls == 3  # the refusal once, then json_object straight away
