"""The speaker model's training and choice, on examples written here (no corpus needed)."""

from __future__ import annotations

from bench.train_speakers import choose_margin, given, train
from briefs.write.people import People
from briefs.write.quotes import Found
from briefs.write.speakers import candidates, choose_speakers


def _example(right_is_subject: bool) -> list[tuple[dict[str, float], bool]]:
    nobody = {"nobody": 1.0}
    subject = {"bias": 1.0, "said_before": 1.0}
    mentioned = {"bias": 1.0, "inside_quote": 1.0}
    return [(nobody, False), (subject, right_is_subject), (mentioned, not right_is_subject)]


def test_training_learns_which_candidate_features_point_to_the_speaker() -> None:
    data = [_example(True) for _ in range(40)] + [_example(False) for _ in range(4)]
    weights = train(list(data), epochs=8, rate=0.1, l2=1e-4, seed=1)
    assert weights["said_before"] > weights.get("inside_quote", 0.0)
    accuracy, share = given(data, weights, margin=0.0)
    assert share == 1.0 and accuracy > 0.85


def test_the_margin_for_nobody_trades_coverage_for_accuracy() -> None:
    strong = [({"nobody": 1.0}, False), ({"said_before": 1.0}, True)]
    weak_and_wrong = [({"nobody": 1.0}, True), ({"nearest_person": 1.0}, False)]
    data = [strong, weak_and_wrong]
    weights = {"said_before": 2.0, "nearest_person": 1.0, "nobody": 0.0}
    low_accuracy, low_share = given(data, weights, margin=0.0)
    margin = choose_margin(data, weights, target=0.99)
    high_accuracy, high_share = given(data, weights, margin)
    assert (low_accuracy, low_share) == (0.5, 1.0)
    assert 0.0 < margin < 2.0 and (high_accuracy, high_share) == (1.0, 0.5)


def test_the_model_chooses_among_candidates_and_can_choose_nobody() -> None:
    text = "Mara Quist said the port would reopen.\n\n\u201cWe expect ships by Friday,\u201d she said."
    people = People.from_paragraphs(text.split("\n\n"))
    quote = Found("We expect ships by Friday", None, 1, 40, text.split("\n\n")[1], "", 66, (39, 80))
    names = [name for name, _features in candidates(quote, people, None)]
    assert names[0] == "" and "Mara Quist" in names
    choose_speakers([quote], people, weights={"said_before": 2.0, "nobody": 0.5})
    assert quote.speaker == "Mara Quist"
    choose_speakers([quote], people, weights={"nobody": 5.0})
    assert quote.speaker == "Mara Quist"  # nobody never erases a speaker already given
    quote.speaker = None
    choose_speakers([quote], people, weights={"nobody": 5.0})
    assert quote.speaker is None


def test_the_model_never_puts_somebody_else_in_place_of_a_stated_speaker() -> None:
    from briefs.write.quotes import attributed_by_rules

    text = ("Marine Le Pen and Mara Quist met in Lyon.\n\n\u201cThe port will reopen,\u201d Le Pen said, "
            "after Quist had spoken.")
    found, people = attributed_by_rules(text)
    assert found[0].speaker == "Le Pen"
    choose_speakers(found, people, weights={"log_dist_before": 50.0, "rule": -50.0})
    assert found[0].speaker in ("Le Pen", "Marine Le Pen")  # at most the fuller form, never Quist


def test_the_model_never_gives_words_to_the_one_who_heard_them() -> None:
    from briefs.write.quotes import attributed_by_rules

    text = ("Sen. Tomas Brandt of Westport, and Sen. Jorge Mendoza and Sen. Paul Velde of Carlow are drafting a "
            "letter.\n\n\u201cThere is no majority for the deal,\u201d he told Harbour Radio.")
    found, people = attributed_by_rules(text)
    assert found[0].speaker is None
    choose_speakers(found, people, weights={"np": 50.0, "np_org": 50.0, "org": 50.0, "nobody": -50.0})
    assert found[0].speaker != "Harbour Radio"


def test_a_name_describing_a_longer_phrase_is_no_candidate() -> None:
    from briefs.write.quotes import attributed_by_rules

    text = ("Helena Varga spoke at the summit on Monday.\n\nIn a news conference, she expressed frustration at "
            "the Brandt administration\u2019s failure to establish \u201cred lines\u201d for the harbour.")
    found, people = attributed_by_rules(text)
    names = [name for name, _features in candidates(found[0], people, None)]
    assert "the Brandt" not in names and "Brandt" not in names


def test_the_quotation_model_learns_markup_and_its_threshold_reaches_the_precision_asked() -> None:
    from bench.train_speakers import choose_threshold, score, train_binary

    speech = ({"bias": 1.0, "speaker": 1.0}, True)
    markup = ({"bias": 1.0, "markup": 1.0}, False)
    scare = ({"bias": 1.0}, True)
    weights = train_binary([speech] * 30 + [markup] * 10 + [scare] * 10, epochs=10, rate=0.1, l2=1e-4, seed=1)
    assert weights["markup"] < 0 < weights["speaker"]
    scored = [(score(f, weights), right) for f, right in [speech] * 3 + [markup] * 2 + [scare]]
    threshold = choose_threshold(scored, target=0.99)
    kept = [right for value, right in scored if value >= threshold]
    assert kept and all(kept) and len(kept) >= 3
