"""People spoken of by what they do for a living ("the actor said", "the singer and guitarist
told the crowd", 'the "Harbour Lights" actor'), resolved to the person the article named, and a
subject after a sentence that ends on a word that is also a preposition ("... thrown in. While
Odile agreed"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes


def _speakers(text: str, model: bool = False) -> list[tuple[str, str | None]]:
    return [(f.text, f.speaker) for f in find_quotes(text, model=model)]


@pytest.mark.parametrize("model", [False, True])
def test_the_actor_is_the_actor_the_article_named(model: bool) -> None:
    text = ("The presenter Dana Whitcombe tried to ask the actor Marcus Feld about his years in rehab.\n\n"
            "After questioning him about his demons the actor said: 'I'm sorry, I really don't know "
            "what we are doing here.'")
    assert _speakers(text, model) == [("I'm sorry, I really don't know what we are doing here.", "Marcus Feld")]


@pytest.mark.parametrize("role", ["the actor", "the singer", "the chef", "the novelist"])
def test_said_the_professional_after_a_named_speakers_words_is_them(role: str) -> None:
    text = ("Marcus Feld was voted off the dance show on Monday.\n\n"
            "\u201cMy wife and I went through every parent's worst nightmare. We lost the baby,\u201d Feld said. "
            "\u201cThe little soul took a shortcut.\u201d\n\n"
            f"\u201cYou never know why these things happen,\u201d said {role}. \u201cIt makes you more human.\u201d")
    assert [speaker for _, speaker in _speakers(text)] == ["Marcus Feld"] * 4


def test_a_role_after_a_quoted_question_is_not_the_one_who_asked() -> None:
    text = ("Marcus Feld and Dana Whitcombe met on the show.\n\n"
            "\u201cThat would be you?\u201d Whitcombe asked.\n\n"
            "\u201cThat would be me, yes,\u201d the actor said.")
    assert _speakers(text)[-1] != ("That would be me, yes", "Dana Whitcombe")


def test_the_singer_and_guitarist_is_one_person() -> None:
    text = ("Odile Marchais teased the tour during the band's set on Monday night in Nashville.\n\n"
            "After the last song, the singer and guitarist told the audience, \u201cthat was really good, "
            "maybe we should go on the road.\u201d")
    assert _speakers(text) == [("that was really good, maybe we should go on the road.", "Odile Marchais")]


def test_a_title_in_quotation_marks_is_part_of_the_role() -> None:
    text = ("Marcus Feld announced that his wife was expecting.\n\n"
            "The actor shared a clip of the first scan.\n\n"
            "\"Hearing the heartbeat was something we never take for granted,\" the \"Harbour Lights\" actor "
            "said on the show.")
    assert _speakers(text)[0] == ("Hearing the heartbeat was something we never take for granted", "Marcus Feld")


def test_a_sentence_ending_on_in_leaves_the_next_sentences_subject_alone() -> None:
    text = ("Odile Marchais will be a witness at the wedding. Tickets to the Harbour Lights theatre show "
            "will also be thrown in. While Odile agreed to make an appearance, the woman made one thing "
            "clear: no impersonators. 'This is all first-class,' she told the Associated Press.")
    assert _speakers(text) == [("This is all first-class", "Odile Marchais")]


def test_a_described_subject_owns_the_words_in_its_predicate() -> None:
    text = ("Harbour forward Emeka Adeyemi has insisted that he is happy to stay.\n\n"
            "Taking to Twitter on Tuesday night, the 31-year-old expressed his gratitude at playing in the "
            "league and labelled the division 'the best in the world'.")
    assert _speakers(text) == [("the best in the world", "Emeka Adeyemi")]


def test_a_statement_opening_the_sentence_is_not_a_person_described() -> None:
    # guard: "the statement talked about ..." gives the words to no person named before
    text = ("\u201cWe have an opportunity to win a lot more states,\u201d said campaign adviser Tad Levin.\n\n"
            "But a separate statement issued by the campaign late Tuesday was notable. Instead, the statement "
            "talked about giving voters the right to \u201cdetermine who they want as president.\u201d")
    assert _speakers(text)[-1][1] != "Tad Levin"
