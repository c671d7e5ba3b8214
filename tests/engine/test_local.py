"""Local files and stdin as articles."""

from pathlib import Path

import pytest

from briefs.collect.local import LocalSourceError, draft_from_text, iter_local_sources, read_local_article
from briefs.stories.dedupe import content_hash

BODY = ("The city council approved a new bridge over the river on Tuesday, after a debate "
        "that lasted four hours and drew more than 200 residents.\n\n"
        "Construction is expected to begin next spring and cost $40 million.\n")


def test_txt_first_line_is_title_when_short_and_followed_by_blank(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text("Council approves river bridge | Riverside Gazette\n\n" + BODY + "\nSource link\n")
    draft = read_local_article(path)
    assert draft.title == "Council approves river bridge"
    assert draft.url == path.resolve().as_uri() and draft.url.startswith("file://")
    assert draft.text.startswith("The city council approved")
    assert "Source link" not in draft.text
    assert draft.content_hash == content_hash(draft.text)


def test_title_made_from_text_when_first_line_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "notitle.md"
    path.write_text(BODY)
    draft = read_local_article(path)
    assert draft.title.startswith("The city council approved a new bridge")
    assert len(draft.title.split()) <= 15
    assert draft.text.startswith("The city council approved")


def test_scrape_date_above_the_headline_is_not_the_title(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_text("Friday, April 19, 2024\nHomeLocalCouncil approves...\n\n"
                    "Council approves river bridge | Gazette\n\n" + BODY)
    assert read_local_article(path).title == "Council approves river bridge"


def test_markdown_heading_title(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Council approves river bridge\n\n" + BODY)
    assert read_local_article(path).title == "Council approves river bridge"


def test_html_file_goes_through_the_extractor(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='en'><head><title>Council approves bridge - Gazette News</title></head>"
                    f"<body><nav>Home | World</nav><article><h1>Council approves bridge</h1>{paragraphs}"
                    f"<p>More text about the bridge and the people who use it every single day.</p>"
                    f"</article></body></html>")
    draft = read_local_article(path)
    assert draft.title == "Council approves bridge"
    assert "$40 million" in draft.text
    assert draft.language == "en"


def test_stdin_text_and_latin1_file(tmp_path: Path) -> None:
    draft = draft_from_text("Short title\n\n" + BODY, "-")
    assert draft.title == "Short title" and draft.url == "stdin:-"
    path = tmp_path / "latin.txt"
    path.write_bytes(("Café reopens\n\n" + BODY.replace("city", "café city")).encode("latin-1"))
    assert read_local_article(path).title == "Café reopens"


def test_iter_local_sources_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(BODY)
    assert [p.name for p in iter_local_sources(tmp_path)] == ["a.html", "b.txt"]
    with pytest.raises(LocalSourceError):
        iter_local_sources(tmp_path / "missing")
    with pytest.raises(LocalSourceError):
        read_local_article(tmp_path / "notes.pdf")


def test_long_headline_with_site_suffix_is_still_a_title(tmp_path: Path) -> None:
    headline = ("Regional council approves the long-awaited river bridge after four hours of heated "
                "debate with hundreds of residents")
    path = tmp_path / "long.txt"
    path.write_text(f"{headline} – Riverside News, Weather, Sports\n\n" + BODY)
    draft = read_local_article(path)
    assert draft.title == headline
    assert "Riverside News" not in draft.text


def test_markdown_markup_is_removed_but_words_kept(tmp_path: Path) -> None:
    path = tmp_path / "md.md"
    path.write_text("# Council approves **river** bridge\n\n"
                    "The [city council](https://gazette.example/council) approved a *new* bridge, "
                    "said mayor_office spokesperson __Ana Ruiz__. ![map](map.png)\n\n"
                    "## Costs\n\n> \"It will cost `$40 million`,\" she said.\n")
    draft = read_local_article(path)
    assert draft.title == "Council approves river bridge"
    assert draft.text == ("The city council approved a new bridge, said mayor_office spokesperson Ana Ruiz.\n\n"
                          "Costs\n\n\"It will cost $40 million,\" she said.")
