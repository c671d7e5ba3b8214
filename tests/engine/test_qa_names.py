"""Name answers: the question word that opens the question decides the type, and a name span
is never the person or thing the question already names, a weekday, or a place for 'who'."""

from __future__ import annotations

import pytest

from briefs.answer import question as qn
from briefs.answer.qa import QuestionAnswerer
from briefs.answer.terms import stem
from briefs.models import ArticleDraft, Scope
from tests.engine.spans import span_for

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where was the mayor touring when the union backed her?", qn.PLACE),
        ("When did the union back the mayor?", qn.DATE),
        ("Who spoke first when the hearing opened?", qn.PERSON),
        ("What slogan did the council adopt when it met?", qn.THING),
    ],
)
def test_the_opening_question_word_decides(question: str, kind: str) -> None:
    assert qn.expected_answer(question).kind == kind


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        # A title does not make the asked-about person a new name.
        ("Mayor Hollis Grant opened the harbour bridge built by Tarrow Engineering.",
         "Which firm built the bridge Grant opened?", "Tarrow Engineering"),
        ("Ms. Okafor, who chairs the board, hired Peter Lind as her deputy.",
         "Whose deputy did Okafor hire?", "Peter Lind"),
        ("Councillor Mara Vance of Eastbrook said through a spokesman, Tom Reyes, that the plan "
         "would wait.", "Who is Vance's spokesman?", "Tom Reyes"),
        # The question's own words before a name are not part of the answer.
        ("The crowd cheered Chair of the Board Ana Ruiz at the meeting.",
         "Who is the chair of the board?", "Ana Ruiz"),
        # A weekday is never a name that answers "what" or "where".
        ("The council adopted on Tuesday the motto \u201cBuild Together\u201d for the fair.",
         "What motto did the council adopt?", "Build Together"),
        ("The sheriff endorsed the governor on Tuesday during a tour with her through New Hampshire.",
         "Where was the governor touring when the sheriff endorsed her?", "New Hampshire"),
        # Whoever does what the question asks is the answer to "who".
        ("The Harbour Board asked Senator Ida Klein to talk to Rep. Joe Marr about the seat.",
         "Who asked Klein to talk to Marr?", "The Harbour Board"),
        # An office or a city before the person is not who did it.
        ("Outgoing Treasury adviser Lena Moss warned on Monday that the deal could fail.",
         "Who warned the deal could fail?", "Lena Moss"),
        # A name right after the question's own words is the one it asks about.
        ("Ms. Ward met the harbour press officer Carl Dunn and the mayor, Pia Holm.",
         "Who is the harbour press officer?", "Carl Dunn"),
        ("\u201cIs that so?\u201d Chief Judge Amos Reed asked Mr. Ortiz at the hearing.",
         "Who is the chief judge?", "Amos Reed"),
        # The name nearest the question's words, among names that fit as well.
        ("Ms. Roth said she grew up in Eastland and has sent observers to Northvale this week.",
         "Where did Roth send observers?", "Northvale"),
        # A name that holds the asked-about noun; a name ending in the asked-about name is them.
        ("\u201cThe port is ours,\u201d said Ivo Sand, who hopes to unseat Representative Ada "
         "Crane II in Northland\u2019s Fourth District.", "Which district is Crane in?",
         "Northland\u2019s Fourth District"),
        ("\u201cThe port is ours,\u201d said Ivo Sand, who hopes to unseat Representative Ada "
         "Crane II in Northland\u2019s Fourth District.", "Who hopes to unseat Ada Crane?",
         "Ivo Sand"),
        ("Dana Roth, the closing speaker, filled a Lakeport hotel on Saturday.",
         "Where is Roth's hotel?", "Lakeport"),
        # "I'm" is nobody's name.
        ("\u201cI\u2019m tired of waiting,\u201d she told the Harbour Council.",
         "Who did she tell?", "Harbour Council"),
    ],
)
def test_name_spans(sentence: str, question: str, answer: str) -> None:
    assert span_for(sentence, question) == answer


def test_a_short_distance_in_blocks_answers_how_far() -> None:
    assert span_for("The new school is about two blocks from the old one.",
                 "How far is the school from the old one?") == "two blocks"


def test_the_verb_after_who() -> None:
    assert qn.asked_verb("Who warned about a recession?") == "warn"
    assert qn.asked_verb("Who is Obama's press secretary?") is None
    assert qn.asked_verb("Which group has written the report?") == stem("written")
    assert qn.asked_verb("What company did the mayor hire?") is None


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("It was close in the 2012 Republican race.", "Who won the race?"),
        ("Aid from the U.S went to the port.", "Who sent the aid?"),
        ("The lawsuit may soon be dismissed, lawyers think.", "When will the lawsuit be dismissed?"),
        ("\u201cI\u2019m addicted to sugar,\u201d she said.", "What is she addicted to?"),
    ],
)
def test_no_span_of_the_wrong_type(sentence: str, question: str) -> None:
    assert span_for(sentence, question) is None


async def test_a_where_question_with_a_when_clause_answers_a_place(store, settings) -> None:  # type: ignore[no-untyped-def]
    text = ("The farmers' union endorsed Mayor Dana Roth on Tuesday morning during a tour with "
            "Ms. Roth through Hollow Creek.\n\nThe union said the mayor had backed its members.")
    store.add_article(ArticleDraft(url="https://news.example/roth", title="Union backs Roth",
                                   text=text))
    answer = await QuestionAnswerer(store, settings).ask(
        "Where was Roth touring when the union endorsed her?", Scope())
    assert answer.grounded and answer.answer.startswith("Hollow Creek")


async def test_a_speech_question_about_someone_named_by_role(store, settings) -> None:  # type: ignore[no-untyped-def]
    text = ("Mayor Dana Roth said on Monday that the harbour plan would go ahead.\n\n"
            "\u201cThe harbour belongs to everyone,\u201d said Tom Reyes, a senior aide to Ms. Roth.\n\n"
            "The council will vote on the plan next month.")
    store.add_article(ArticleDraft(url="https://news.example/harbour", title="Harbour plan",
                                   text=text))
    answerer = QuestionAnswerer(store, settings)
    answer = await answerer.ask("What did Roth's aide say about the harbour?", Scope())
    assert answer.grounded and "said Tom Reyes" in answer.answer
    # Without the role the aide's words are still not the mayor's own.
    answer = await answerer.ask("What did Roth say about the harbour belonging to everyone?", Scope())
    assert "Tom Reyes" not in answer.answer


def test_the_role_that_speaks() -> None:
    from briefs.answer.cues import speaker_role
    assert speaker_role("What did Reid's adviser say about the mosque?") == stem("adviser")
    assert speaker_role("What did the NAACP's president say?") == stem("president")
    assert speaker_role("What did Reid say?") is None


@pytest.mark.parametrize(
    ("sentence", "answer"),
    [
        ("Ferry fares will be cut by nearly a third next year.", "nearly a third"),
        ("Ferry fares will fall by half after the festival.", "half"),
        ("Ferry fares will fall by two-thirds for pensioners.", "two-thirds"),
    ],
)
def test_a_share_in_words_answers_how_much(sentence: str, answer: str) -> None:
    assert span_for(sentence, "How much will ferry fares fall?") == answer


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        ("Top Veldenian diplomat Ana Roth said the visit showed Korvia\u2019s intention to provide "
         "\u201cdiplomatic cover\u201d for the regime.",
         "Who did Roth say was providing diplomatic cover for the regime?", "Korvia"),
        ("Former Mayor Tom Wells said the harbour plan was sound.", "Who said the harbour plan was sound?",
         "Mayor Tom Wells"),
    ],
)
def test_a_describing_opener_names_no_one(sentence: str, question: str, answer: str) -> None:
    # "Top" and "Former" open the sentence and describe; the name is what follows or the actor
    assert span_for(sentence, question) == answer
