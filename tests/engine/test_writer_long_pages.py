"""Long pages: the writer's lookups that once scanned the page once per speaker or walked
every name give the same answers from one pass and from indexes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefs.write.people import People
from briefs.write.quotes import _FEW_STRINGS, _Story, find_quotes, substring_counts
from briefs.write.text import split_paragraphs

# Few letters, regex metacharacters and a space: many overlaps and shared prefixes.
_ALPHABET = "aAb.(]\\ "


@given(st.text(_ALPHABET, max_size=80), st.sets(st.text(_ALPHABET, min_size=1, max_size=6), max_size=40))
def test_substring_counts_are_str_count(text: str, strings: set[str]) -> None:
    assert substring_counts(text, strings) == {s: text.count(s) for s in strings}


def test_counts_of_many_overlapping_names_are_str_count() -> None:
    text = "Ann Anna Annabel Hannah nanana Xi Xian Xiang McCain Cain " * 3
    strings = {"Ann", "Anna", "Annabel", "nan", "nana", "ana", "Xi", "Xia", "Xian", "Cain", "McCain", "ain",
               "in", "n", "a", "Ha", "bel", "X", "C", "M", "Mc"}
    assert len(strings) > _FEW_STRINGS  # the one-pass search, not str.count
    assert substring_counts(text, strings) == {s: text.count(s) for s in strings}


def test_an_empty_string_counts_as_str_count_does() -> None:
    strings = {"", *(chr(c) for c in range(ord("a"), ord("a") + _FEW_STRINGS + 2))}
    assert substring_counts("abc", strings) == {s: "abc".count(s) for s in strings}


def _long_page(people: int) -> str:
    """A page quoting many people once each, and one of them (the mayor) often."""
    paragraphs = ["Mayor Lena Brandt opened the new bridge over the Ostra river on Monday."]
    for i in range(people):
        first, last = f"Karl{chr(65 + i % 26)}x", f"Quist{chr(65 + i // 26)}{chr(97 + i % 26)}"
        paragraphs.append(f'"The bridge saves me an hour every day," said resident {first} {last}.')
        paragraphs.append(f'"We kept the budget," Brandt said. Brandt thanked the builders, team {i}.')
    return "\n\n".join(paragraphs)


def test_the_principal_speaker_of_a_page_quoting_many_people() -> None:
    text = _long_page(40)
    paragraphs = split_paragraphs(text)
    found = find_quotes(text, paragraphs)
    assert len({f.speaker for f in found}) > _FEW_STRINGS
    story = _Story.of(text, paragraphs, found)
    assert "Lena Brandt" in story.actors  # named and quoted the most


def test_a_role_one_person_holds_is_that_person_and_a_shared_one_stays_a_role() -> None:
    text = ("Union secretary Joanna Reyes met port director Tomas Velde. Fleet director Ana Ruiz "
            "joined them later. The talks ran late. The harbour was quiet.")
    people = People.from_paragraphs(split_paragraphs(text))
    assert people.resolve("the secretary", len(text)) == "Joanna Reyes"
    assert people.resolve("the port director", len(text)) == "Tomas Velde"
    assert people.resolve("the director", len(text)) == "the director"  # two directors: no guess
    # ... unless the sentence before is about one of them
    joined = text.index(" The talks")
    assert people.resolve("the director", joined) == "Ana Ruiz"
