"""Grounding checks on text the team wrote."""

from briefs.write.grounding import (
    normalize,
    number_in_source,
    numbers_in,
    quote_in_source,
    quote_is_quoted_in_source,
    speaker_in_source,
    unsupported_numbers,
    unsupported_quotes,
)

SOURCE = (
    "President Lena Varga said the accord would \u201cbring lasting calm to the valley.\u201d "
    "The bank pledged $2 billion over five years. Unemployment fell to 4.2% in March, "
    "the 43rd monthly report showed. About 1,200 people were evacuated."
)


def test_normalize_quotes_dashes_space_and_case() -> None:
    assert normalize("\u201cDon\u2019t \u2014  go\u201d ") == "\"don't - go\""


def test_quote_verbatim_after_normalisation_only() -> None:
    assert quote_in_source('"Bring lasting calm to the valley."', SOURCE)
    assert quote_in_source("lasting calm", SOURCE)
    assert not quote_in_source("bring lasting peace to the valley", SOURCE)
    assert not quote_in_source("asting cal", SOURCE)  # not at word edges
    assert quote_is_quoted_in_source("bring lasting calm", SOURCE)
    assert not quote_is_quoted_in_source("The bank pledged", SOURCE)


def test_speaker_named_in_source() -> None:
    assert speaker_in_source("Lena Varga", SOURCE)
    assert speaker_in_source("President Lena Varga", SOURCE)
    assert not speaker_in_source("Pavel Varga", SOURCE)


def test_numbers_compare_by_value_and_unit() -> None:
    assert numbers_in("It cost $2 billion, up 4.2%, the 43rd rise in five years.") == [
        "$2 billion", "4.2%", "43rd", "five"]
    assert number_in_source("$2bn", SOURCE)
    assert number_in_source("1200", SOURCE)
    assert not number_in_source("$3 billion", SOURCE)
    assert not number_in_source("2 billion people", SOURCE)
    assert not number_in_source("44th", SOURCE)


def test_unsupported_numbers_and_quotes_in_prose() -> None:
    prose = 'Varga promised "lasting calm" as $2 billion flowed; 1,300 people fled, "a new dawn".'
    assert unsupported_numbers(prose, [SOURCE]) == ["1,300 people"]
    assert unsupported_quotes(prose, [SOURCE]) == ["a new dawn"]
