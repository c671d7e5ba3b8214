"""Sentence and paragraph splitting on news prose the team wrote."""

import re

import pytest

from briefs.write.text import quote_spans, quoted, split_paragraphs, split_sentences, word_start


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith went to Washington. He met Dr. Jones at 3 p.m. on Friday.",
         ["Mr. Smith went to Washington.", "He met Dr. Jones at 3 p.m. on Friday."]),
        ("The economy grew 4.2% last year. Prices rose 3.1 per cent.",
         ["The economy grew 4.2% last year.", "Prices rose 3.1 per cent."]),
        ("Sales fell in the U.S. The company blamed rates.",
         ["Sales fell in the U.S.", "The company blamed rates."]),
        ("U.S. President Ann Lee spoke. George W. Bush listened.",
         ["U.S. President Ann Lee spoke.", "George W. Bush listened."]),
        ("Gov. Maria Ortiz signed it. Acme Corp. said revenue rose.",
         ["Gov. Maria Ortiz signed it.", "Acme Corp. said revenue rose."]),
        ("The union said no. He wore No. 5 for years.",
         ["The union said no.", "He wore No. 5 for years."]),
        ('"We came. We saw. We won," she said. Then she left.',
         ['"We came. We saw. We won," she said.', "Then she left."]),
        ("\u201cIt was a long day. We won,\u201d he said. \u201cThey lost.\u201d The crowd cheered!",
         ["\u201cIt was a long day. We won,\u201d he said.", "\u201cThey lost.\u201d",
          "The crowd cheered!"]),
        ("He asked: \"Why now?\" she replied. Is this it? Yes.",
         ['He asked: "Why now?" she replied.', "Is this it?", "Yes."]),
        ("Coach Ray said: \u2018I have not decided. Nick needed an answer.\u2019 He left.",
         ["Coach Ray said: \u2018I have not decided. Nick needed an answer.\u2019", "He left."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_paragraph_breaks_end_sentences_and_wrapped_lines_join() -> None:
    text = ("Storm hits coast\n\nThe storm arrived late on Monday and the rain kept falling over\n"
            "the harbour until dawn. Boats stayed in port.\n\n\nOfficials met")
    assert split_paragraphs(text) == [
        "Storm hits coast",
        "The storm arrived late on Monday and the rain kept falling over the harbour until dawn. "
        "Boats stayed in port.",
        "Officials met",
    ]
    assert split_sentences(text)[0] == "Storm hits coast"


def test_quote_spans_ignore_apostrophes() -> None:
    text = "The mayor's aide said \u2018we don\u2019t know yet\u2019 and left."
    spans = quote_spans(text)
    assert [text[s:e] for s, e in spans] == ["\u2018we don\u2019t know yet\u2019"]


@pytest.mark.parametrize(
    ("text", "quotations"),
    [
        # An opening curly mark closed by a straight one, as pages mixing styles write.
        ("\u201cWe are not surprised by this action,\" Suthers said. \"We will defend the law.\"",
         ["\u201cWe are not surprised by this action,\"", "\"We will defend the law.\""]),
        ("\"We are not surprised,\u201d Suthers said.", ["\"We are not surprised,\u201d"]),
        # A straight pair inside curly marks stays inside.
        ("\u201cHe said \"no\" to me twice,\u201d Suthers said.", ["\u201cHe said \"no\" to me twice,\u201d"]),
    ],
)
def test_quote_spans_close_with_either_style_of_double_mark(text: str, quotations: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == quotations


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ("The quay is closed.", "“The quay is closed.”"),
        ("“We are closed,” she said.", "“We are closed,” she said."),
        ('He called it "a relief"', 'He called it "a relief"'),
        ("  Spaces around.  ", "“Spaces around.”"),
    ],
)
def test_a_cited_sentence_gets_quotation_marks_only_when_it_has_none_at_its_ends(
    sentence: str, shown: str
) -> None:
    assert quoted(sentence) == shown


def test_word_start_is_a_word_boundary_before_its_first_character() -> None:
    text = "Obama met McCain, (Reid) and aBc x-Ray\nKing"
    capitalised = re.compile(word_start("[A-Z]") + r"\w*")
    assert capitalised.findall(text) == ["Obama", "McCain", "Reid", "Ray", "King"]
    assert capitalised.findall(text) == re.findall(r"\b[A-Z]\w*", text)
    after_space = re.compile(word_start("[A-Z]", not_after=r"\S") + r"\w*")
    assert after_space.findall(text) == ["Obama", "McCain", "King"]


def test_two_closing_single_marks_close_a_double_quotation() -> None:
    # some wire copy closes a curly double quotation with two right single marks
    text = "Ardenia said it would talk \u201cat any time, in any format,\u2019\u2019 after the summit was called off."
    [(start, end)] = quote_spans(text)
    assert text[start:end].startswith("\u201cat any time") and text[start:end].endswith("format,\u2019")


def test_an_inch_mark_after_a_number_opens_no_quotation() -> None:
    text = 'The model measures 22" long and 18" wide and is part of a range called the "Master Series".'
    assert [text[s:e] for s, e in quote_spans(text)] == ['"Master Series"']


def test_a_quotation_may_close_on_a_number() -> None:
    # guard: only an opening mark after a digit is taken for inches
    text = 'The coach said: "We won 3-0" and left the ground.'
    assert [text[s:e] for s, e in quote_spans(text)] == ['"We won 3-0"']
