"""Page extraction: text, metadata from the head, cleaning, language."""

from __future__ import annotations

from datetime import datetime, timezone

from briefs.collect.extract import extract_page, guess_language, page_metadata, parse_date
from tests.fakes.site import article_html

PARAGRAPHS = [
    "The national library reopened its reading room on Monday after a two-year renovation that "
    "replaced the leaking glass roof and restored more than 40,000 volumes damaged by damp.",
    "Visitors queued from early morning, and the director said the room would now stay open until "
    "nine in the evening on weekdays, two hours later than before the works.",
    "The renovation cost 18 million euros, most of it paid by the culture ministry, with the rest "
    "coming from a public appeal that drew donations from 12,000 people.",
]


def test_text_is_extracted_and_cleaned() -> None:
    page = extract_page(article_html("Library reopens after renovation", PARAGRAPHS, site="Capital News"))
    assert page is not None
    assert page.text.split("\n\n")[-1].startswith("The renovation cost 18 million euros")
    assert "Advertisement" not in page.text and "Share this article" not in page.text
    assert page.title == "Library reopens after renovation"
    assert page.language == "en"


def test_metadata_from_meta_tags_and_json_ld() -> None:
    head = """<html lang="de-AT"><head><title>Fallback | Site</title>
    <meta content="Bibliothek eröffnet wieder" property="og:title">
    <meta name="author" content="Anna Berger">
    <link rel="canonical" href="https://news.example/bibliothek?a=1&amp;b=2">
    <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-16T10:00:00+02:00",
      "author": {"@type": "Person", "name": "Not Used"}}</script></head><body></body></html>"""
    meta = page_metadata(head)
    assert meta == {"title": "Bibliothek eröffnet wieder", "author": "Anna Berger",
                    "date": "2024-05-16T10:00:00+02:00", "language": "de",
                    "url": "https://news.example/bibliothek?a=1&b=2"}
    json_ld_only = page_metadata('<script>{"author": [{"@type": "Person", "name": "Lee Park"}]}</script>'
                                 '<time datetime="2023-01-02">Jan 2</time>')
    assert json_ld_only["author"] == "Lee Park" and json_ld_only["date"] == "2023-01-02"


def test_dates_in_every_common_form() -> None:
    utc = timezone.utc
    assert parse_date("2024-05-16T10:00:00Z") == datetime(2024, 5, 16, 10, tzinfo=utc)
    assert parse_date("2024-05-16T10:00:00+02:00") == datetime(2024, 5, 16, 8, tzinfo=utc)
    assert parse_date("Thu, 16 May 2024 10:00:00 GMT") == datetime(2024, 5, 16, 10, tzinfo=utc)
    assert parse_date("2024-05-16 some junk") == datetime(2024, 5, 16, tzinfo=utc)
    assert parse_date("yesterday") is None and parse_date("0001-01-01") is None


def test_page_without_article_text_gives_none() -> None:
    assert extract_page("<html><body><nav>Home</nav></body></html>") is None


def test_language_guess() -> None:
    assert guess_language(" ".join(PARAGRAPHS)) == "en"
    german = ("Die Bibliothek wurde am Montag nach zwei Jahren wieder eröffnet, und die Besucher "
              "standen schon früh am Morgen vor der Tür. Der Direktor sagte, dass der Lesesaal nun "
              "auch am Abend geöffnet ist und die Renovierung mit dem Geld des Ministeriums bezahlt wurde.")
    assert guess_language(german) == "de"
    assert guess_language("too short") is None


def _wait_forever() -> None:
    import threading

    threading.Event().wait()  # never set: the pool's deadline has to end it


def _crash() -> None:
    import os

    os._exit(3)


def _double(x: int) -> int:
    return 2 * x


async def test_pool_survives_a_hung_task_and_a_crashed_worker() -> None:
    import pytest

    from briefs.collect.extract import ExtractorPool, WorkerError

    pool = ExtractorPool(1, task_timeout=1.0)
    try:
        assert await pool.run(_double, 21) == 42
        with pytest.raises(WorkerError, match="took over 1s"):
            await pool.run(_wait_forever)
        assert await pool.run(_double, 2) == 4  # a fresh pool took over
        with pytest.raises(WorkerError, match="crashed"):
            await pool.run(_crash)
        assert await pool.run(_double, 3) == 6
    finally:
        pool.close()
