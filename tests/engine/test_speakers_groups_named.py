"""A group named by a place or a body and a plural noun ("Valdoria police", "Kemptown
supporters", "CIA officials") is a candidate speaker under that whole name, never as the place or
body alone, and the model may give it words the rules left unattributed. Fixture sentences
written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import attributed_by_rules, find_quotes
from briefs.write.speakers import sentence_phrases


def _candidates(text: str) -> set[str]:
    found, people = attributed_by_rules(text)
    return set(sentence_phrases(found[0], people))


@pytest.mark.parametrize("sentence, group, alone", [
    ("Valdoria police are appealing for help to find a man who robbed a shop wearing a 'distinctive' mask.",
     "Valdoria police", "Valdoria"),
    ("Kemptown supporters sang \u201cwe will never walk alone\u201d as the team left the pitch.",
     "Kemptown supporters", "Kemptown"),
    ("Some Bureau officials did not like a draft that said the agency \u201chad known for months\u201d.",
     "Some Bureau officials", "Some Bureau"),
])
def test_a_group_is_a_candidate_under_its_whole_name(sentence: str, group: str, alone: str) -> None:
    candidates = _candidates(sentence)
    assert group in candidates
    assert alone not in candidates


def test_a_person_before_a_plural_stays_the_person() -> None:
    # guard: a person the article names keeps their own name as a candidate
    text = ("Dana Whitfield spoke in Leeds on Monday. Dana Whitfield supporters sang "
            "\u201cwe will never walk alone\u201d as she left.")
    assert "Dana Whitfield" in _candidates(text)


def test_the_model_may_give_a_group_the_words_its_sentence_frames() -> None:
    text = "Kemptown supporters sang \u201cwe will never walk alone\u201d as the team left the pitch."
    assert find_quotes(text, model=True)[0].speaker == "Kemptown supporters"
