"""What the speaker model sees beyond the quotation's own sentence: the next quotation's
speaker, who the article quotes most, the clause's subject, and the previous speaker as the
model chose it. Fixture sentences written here (no corpus needed)."""

from __future__ import annotations

from briefs.write.people import People
from briefs.write.quotes import attributed_by_rules
from briefs.write.speakers import candidates, quoted_counts, walk

# A quotation paragraph with no attribution of its own, then one naming its speaker.
_BEFORE_ITS_ATTRIBUTION = (
    "The harbour board met on Tuesday to discuss the dredging plan for the eastern basin.\n\n"
    "\u201cWe have waited eleven years for this channel and the boats cannot wait any longer.\u201d\n\n"
    "\u201cThe money is there and the permits are signed,\u201d said Orla Finnick, the board\u2019s chair. "
    "\u201cWork starts in March.\u201d"
)


def _options(text: str, index: int) -> dict[str, dict[str, float]]:
    found, people = attributed_by_rules(text)
    following = found[index + 1] if index + 1 < len(found) else None
    last = found[index - 1] if index else None
    previous = last.speaker if last else None
    return dict(candidates(found[index], people, previous, last, following, quoted_counts(found)))


def test_an_unattributed_quotation_paragraph_sees_the_next_quotations_speaker() -> None:
    options = _options(_BEFORE_ITS_ATTRIBUTION, 0)
    assert "Orla Finnick" in options
    finnick = options["Orla Finnick"]
    assert finnick["precedes"] == 1.0 and finnick["precedes_opens"] == 1.0
    assert finnick["log_quoted"] > 0 and finnick["most_quoted"] == 1.0


def test_a_quotation_far_from_the_next_one_is_not_said_to_precede_it() -> None:
    text = _BEFORE_ITS_ATTRIBUTION.replace(
        "\n\n\u201cThe money",
        "\n\n" + "The basin silted up after the storms of the last decade, and the ferries moved west. " * 4
        + "\n\n\u201cThe money")
    options = _options(text, 0)
    assert options.get("Orla Finnick", {}).get("precedes", 0.0) == 0.0


def test_a_scare_quote_marks_the_clause_subject_and_the_verbs_object() -> None:
    text = ("Even after the recordings surfaced, Dario Pell took to the radio to call Ivo Brandt "
            "\u201ca fantasist\u201d for his account of the meeting.")
    options = _options(text, 0)
    pell, brandt = options["Dario Pell"], options["Ivo Brandt"]
    assert pell.get("np_last_subject_before") == 1.0 and pell.get("np_subject") == 1.0
    assert brandt.get("np_after_lower") == 1.0 and not brandt.get("np_last_subject_before")


def test_the_previous_speaker_is_the_models_choice_when_walking_with_weights() -> None:
    text = ("Nell Ostrow, who runs the shelter, stood at the door.\n\n"
            "\u201cWe are full every night,\u201d Ostrow told visitors.\n\n"
            "\u201cNobody is turned away.\u201d")
    found, people = attributed_by_rules(text)
    assert isinstance(people, People)
    seen = []
    for quote, options in walk(found, people, {"nobody": 9.0}):
        seen.append((quote.text, [name for name, _ in options]))
    # The first quotation keeps the rules' speaker (nobody never erases one), so the second
    # sees it as the previous speaker.
    assert "Nell Ostrow" in seen[1][1]


def test_a_capitalised_word_mid_sentence_is_a_name_even_when_written_in_lower_case_elsewhere() -> None:
    text = ("The council will vote in May, and residents hope for a delay.\n\n"
            "After the hearing, Hope described the plan as \u201ca gift to developers\u201d and left.")
    options = _options(text, 0)
    assert "Hope" in options and options["Hope"].get("np_last_subject_before") == 1.0


def test_a_plural_noun_before_a_comma_does_not_make_its_name_a_clause_subject() -> None:
    text = ("At a rally in Dover, Ines Varga accused Tom Adley, the winner of the Kent primaries, "
            "of being \u201csoft on crime\u201d in every debate.")
    options = _options(text, 0)
    assert options["Ines Varga"].get("np_last_subject_before") == 1.0
    assert not options.get("Kent", {}).get("np_last_subject_before")


def test_a_dateline_in_capitals_is_no_candidate() -> None:
    text = ("BRANDMOOR, March 3 \u2014 Facing the flooded square, the mayor\u2019s deputy told residents "
            "\u201cthe pumps will run all night.\u201d\n\nThe river crested in Brandmoor at noon.")
    options = _options(text, 0)
    assert "BRANDMOOR" not in options


def test_a_name_the_words_are_about_is_no_candidate() -> None:
    text = "\u201cThe yard stays open,\u201d the foreman said when asked about Lena Morrow."
    assert "Lena Morrow" not in _options(text, 0)
    text = "\u201cThe yard stays open,\u201d Lena Morrow said when asked about the strike."
    assert "Lena Morrow" in _options(text, 0)


def test_the_rules_speaker_and_its_fuller_form_are_one_candidate_under_the_better_name() -> None:
    text = ("The harbour board met on Tuesday.\n\n"
            "\u201cThe board has been really reluctant to act,\u201d one senior Democrat said.")
    options = _options(text, 0)
    assert "one senior Democrat" in options and "Democrat" not in options
    assert options["one senior Democrat"]["rule"] == 1.0


def test_a_name_between_the_rules_speaker_and_the_quotation_is_marked() -> None:
    text = ("Orla Finnick chairs the harbour board.\n\n"
            "Tomas Brandt, a ferry captain from Westport, says Finnick will "
            "\u201cleave the board with nothing done.\u201d")
    options = _options(text, 0)
    assert options["Orla Finnick"]["after_rule_speaker"] == 1.0
    assert not options["Tomas Brandt"].get("after_rule_speaker")


def test_the_model_never_gives_the_words_to_whom_they_were_told() -> None:
    text = ("The harbour board met on Tuesday.\n\n"
            "A port official told The Westport Courier the dredging was \u201cfinished early this year.\u201d")
    found, people = attributed_by_rules(text)
    assert any("Courier" in name for name, _features in candidates(found[0], people, None))
    weights = {"np": 50.0}  # a model that would pick any noun phrase, the hearer included
    for _quote, _options in walk(found, people, weights):
        pass
    assert found[0].speaker == "A port official"


def test_deciding_skips_only_quotations_whose_speaker_the_model_cannot_change() -> None:
    text = ("The harbour board met on Tuesday.\n\n"
            "\u201cThe board has been really reluctant to act,\u201d one senior Democrat said.\n\n"
            "\u201cWe are full every night,\u201d Nell Ostrow told visitors.\n\n"
            "The council cut the shelter\u2019s grant in half last spring.\n\n"
            "The rule at the shelter is simple: \u201cNobody is turned away, whatever the hour.\u201d")
    found, people = attributed_by_rules(text)
    options = {quote.text: names for quote, names in walk(found, people, None, deciding=True)}
    # A fuller name of the rules' speaker may be shown: that quotation is decided.
    assert "one senior Democrat" in dict(options["The board has been really reluctant to act"])
    # A stated speaker with no fuller name stays: no candidates are worked out for it.
    assert options["We are full every night"] == []
    # No stated speaker: the model chooses among all candidates.
    assert options["Nobody is turned away, whatever the hour."]
    weights = {"np": 50.0, "rule": 80.0, "previous_speaker": 20.0}
    full = [q.speaker for q in attributed_by_rules(text)[0]]
    decided, again = attributed_by_rules(text)
    for _quote, _options in walk(decided, again, weights, deciding=True):
        pass
    every, people = attributed_by_rules(text)
    for _quote, _options in walk(every, people, weights):
        pass
    assert [q.speaker for q in decided] == [q.speaker for q in every]
    assert full[1] == "Nell Ostrow" == every[1].speaker
