"""Boilerplate cleaning of scraped text and titles."""

import pytest

from briefs.collect.clean import clean_text, clean_title, is_chrome_line

SCRAPED = """Tuesday, March 4, 2025
HomeScienceLake Vostok drilling team reaches water after...

Lake Vostok drilling team reaches water after decades of work | The Polar Times

POLAR TIMES

VOSTOK STATION (Polar Wire) — A drilling team reached liquid water under four kilometres of ice on Monday, ending a project that began in 1990.

- Advertisment -

"We heard the drill drop and we knew," said team leader Marta Ilyina, who has worked at the station since 2004.

Advertisement

Share this article
Read more: Ice cores and what they tell us
Subscribe to our newsletter for free updates
We use cookies to improve your experience. Accept all cookies

The team will now seal the borehole to keep the lake clean, a process expected to take 3 weeks.

Source link

Leave a Comment
"""


def test_scraper_chrome_is_removed_and_story_kept() -> None:
    text = clean_text(SCRAPED)
    for chrome in ("Advertis", "Share this", "Read more", "Subscribe", "cookies", "Source link",
                   "Leave a Comment", "Tuesday, March 4, 2025", "HomeScience", "POLAR TIMES"):
        assert chrome not in text
    assert "VOSTOK STATION (Polar Wire) — A drilling team reached liquid water" in text
    assert '"We heard the drill drop and we knew," said team leader Marta Ilyina' in text
    assert text.endswith("a process expected to take 3 weeks.")


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    wrapped = ("The committee met on Tuesday to discuss the harbour plan and\n"
               "heard from residents who live along the northern quay, most of\n"
               "whom opposed it.\n\n\n\nSecond para.\n")
    assert clean_text(wrapped) == (
        "The committee met on Tuesday to discuss the harbour plan and heard from residents who "
        "live along the northern quay, most of whom opposed it.\n\nSecond para.")
    # lines that end sentences inside a block are paragraphs, not hard wraps
    assert clean_text("Heading line\n\nFirst sentence is here.\nSecond one is here.") == (
        "Heading line\n\nFirst sentence is here.\n\nSecond one is here.")
    # extractor layout: one paragraph per line
    assert clean_text("One.\nTwo.\nTwo.\n") == "One.\n\nTwo."


def test_prose_mentioning_chrome_words_survives() -> None:
    line = ("Readers who subscribe to the newsletter were told to share this article with "
            "friends, and many did so within the first hour of publication.")
    assert not is_chrome_line(line)
    assert clean_text(line) == line
    assert not is_chrome_line("Home prices rose 4% in the third quarter, the agency said.")


@pytest.mark.parametrize(("raw", "clean"), [
    ("China’s Xi rolls out red carpet for Putin – Boston News, Weather, Sports",
     "China’s Xi rolls out red carpet for Putin"),
    ("Xi highlights close ties with ‘dear friend’ Putin | CNN", "Xi highlights close ties with ‘dear friend’ Putin"),
    ("Floods hit northern towns - BBC News", "Floods hit northern towns"),
    ("CNN | Floods hit northern towns", "Floods hit northern towns"),
    ("Home › World › Floods hit northern towns", "Floods hit northern towns"),
    ("Floods hit northern towns - 19 April 2024", "Floods hit northern towns"),
    ("Friday, April 19, 2024 - Floods hit northern towns", "Floods hit northern towns"),
    ("Ukraine war: Russia launches new offensive", "Ukraine war: Russia launches new offensive"),
    ("Spider-Man returns to cinemas", "Spider-Man returns to cinemas"),
    ("Stocks fall - again", "Stocks fall - again"),
])
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


@pytest.mark.parametrize(("line", "chrome"), [
    ("By Jane Doe, Capital Wire", True),
    ("By Jane Doe and John Roe", True),
    ("Updated 10:34 AM EDT, Thu May 16, 2024", True),
    ("Last updated: 16 May 2024", True),
    ("Image source, Getty Images", True),
    ("By the time she arrived, it was over.", False),
    ("By 2030 the city will need 40,000 more homes.", False),
    ("Published in 1998, the book sold well.", False),
])
def test_bylines_and_timestamps(line: str, chrome: bool) -> None:
    assert is_chrome_line(line) is chrome
