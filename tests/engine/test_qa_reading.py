"""Reading a reader's question: names in apposition, pairs of names, roles before a name,
verbs past their auxiliaries, modal "what" questions and the counted noun before a verb."""

from __future__ import annotations

import pytest

from briefs.answer import question as qn
from briefs.answer.terms import stem
from tests.engine.spans import span_for

pytestmark = pytest.mark.backends("sqlite", "postgresql")


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        # The role a comma puts after a name is that name's ("founded" / "a founder").
        ("Ada Crane, a founder of the Harbour Walkers Club, said Mr. Lind told them about it.",
         "Who founded the Harbour Walkers Club?", "Ada Crane"),
        # ... and so is a role a comma puts before it.
        ("The developer, Omar el-Sayed, a builder born in Eastport, has said the hall would "
         "hold a pool.", "Who is the developer of the hall?", "Omar el-Sayed"),
        # The question's word before "of" leaves no name ("Democrat of Vermont").
        ("Forty members signed a letter from Councillor Peter Dane, Democrat of Northvale, "
         "calling the plan unfair.", "Who wrote the Democrats' letter against the plan?",
         "Councillor Peter Dane"),
        # A role before two names joined by "and" belongs to the first.
        ("She spoke at a briefing with the harbour press secretary Carl Dunn and Pia Holm, "
         "the mayor's adviser.", "Who is the mayor's press secretary?", "Carl Dunn"),
        # An institution before a title is part of the title, not a reason to doubt the person.
        ("Tom Reyes, a blogger, wrote that it happened outside a dinner headlined by House "
         "Speaker Nora Vale.", "Whose dinner was the mayor near?", "House Speaker Nora Vale"),
        # A possessive's apostrophe is not part of the name.
        ("Sen. Ida Klein' (R-Ore.) is reportedly open to voting for the harbour bill.",
         "Which senator might vote for the harbour bill?", "Sen. Ida Klein"),
        # A first word with a role after it is a name, and "Republican Senate candidates" is none.
        ("Lind, the CEO of Tarrow Foods, is one of the Republican Senate candidates running "
         "to face Roth in November.", "Who could Roth face in November?", "Lind"),
        # The name after the question's own "against" is the other side.
        ("Roth, who has represented North Dakota's 4th District since 1997, is running for "
         "re-election against Republican Ada Crane, a nurse, in November.",
         "Who is running against Roth?", "Republican Ada Crane"),
        # Whoever did the asked verb, past "has just" and an irregular participle.
        ("At a time when Gen. Amos Reed has just taken over command, when members in the "
         "Council are pushing for a vote, the remark is an embarrassment.",
         "Who just took over command?", "Gen. Amos Reed"),
    ],
)
def test_name_spans(sentence: str, question: str, answer: str) -> None:
    assert span_for(sentence, question) == answer


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # A party or nationality before a lowercase noun is an adjective, not anybody.
        ("She was named as a contender for the 2012 Republican presidential nomination.",
         "Who won the 2012 presidential election?"),
        # A number word opening a sentence is no place and no person.
        ("Two of the named plaintiffs, Christine Vale and Dora Marsh, attended.",
         "Where did Dora Marsh work?"),
        # "This" opening a sentence inside a quotation, or left of "The Times. This", is nobody.
        ('Lind wrote: "It gave the video to The Times. This is what comes of money."',
         "Who gave the video to the Times?"),
        # A role "of" a company is nobody's name.
        ("Lind, the CEO of Tarrow Foods, wants to face Mayor Roth in November.",
         "Who could Roth face in November?"),
    ],
)
def test_no_name_of_the_wrong_kind(sentence: str, question: str) -> None:
    assert span_for(sentence, question) in (None, "Lind")


def test_a_modal_after_what_is_no_head_noun() -> None:
    assert qn.expected_answer("What would the harbour bill make candidates do?").kind == qn.FACT


def test_the_verb_after_who_past_an_adverb() -> None:
    assert qn.asked_verb("Who just took over command?") == stem("took")


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        ("The mayor received a letter signed by all 42 council members on Monday.",
         "How many members signed the letter?", "42"),
        ("Aides said that about 30 Democratic senators remained opposed to the deal.",
         "How many Democratic senators still oppose the deal?", "30"),
        # An irregular past tense is a verb too; a share of the counted group answers.
        ("According to one recent poll, the pier was cited by only 4 percent of likely "
         "Republican voters as the most important issue.",
         "How many voters said the pier was the top issue?", "4 percent"),
    ],
)
def test_the_counted_noun_is_not_the_verb_after_it(sentence: str, question: str, answer: str) -> None:
    counted = qn.expected_answer(question).focus
    assert counted in {stem("members"), stem("senators"), stem("voters")}
    assert (span_for(sentence, question) or "").startswith(answer)


@pytest.mark.parametrize(
    ("sentence", "question", "answer"),
    [
        # The measure right before the asked-about words, not the first in the sentence.
        ("She joined the Coast Guard in 1990 and served for six months in Port Lind and "
         "six years in the reserves.", "How long was she in the reserves?", "six years"),
        ("Eastport lies about 300 km (190 mi) from the Red Hills and about 260 km (160 mi) "
         "from the Grey Sea, 523 km (325 mi) east of Northvale.",
         "How far is Eastport from the Grey Sea?", "260 km"),
        # A conversion in parentheses is not chosen over the measure it converts.
        ("About 15 kilometres (9 miles) from Eastport, the river changes strikingly.",
         "How far from Eastport does the river change?", "15 kilometres"),
    ],
)
def test_the_measure_before_the_asked_about_words(sentence: str, question: str, answer: str) -> None:
    assert span_for(sentence, question) == answer


def test_an_article_before_a_name_is_no_role() -> None:
    sentence = ("The clip spread after it was posted on the Web site of Andrew Vale, a "
                "conservative publisher and former editor of The Harbour Report.")
    assert span_for(sentence, "Who posted the clip online?") == "Andrew Vale"


def test_a_height_word_is_searched_for() -> None:
    from briefs.answer.query import analyse
    assert stem("tall") in analyse("How tall would the harbour tower be?").key
    assert stem("long") not in analyse("How long did the hearing last?").key


async def test_how_tall_finds_the_sentence_that_says_tall(store, settings) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.qa import QuestionAnswerer
    from briefs.models import ArticleDraft, Scope
    text = ("The council backed the harbour tower on Monday after a long debate.\n\n"
            "Critics of the harbour tower said the council had ignored the residents.\n\n"
            "The harbour tower plan drew a crowd to the hall, and the mayor spoke for the plan.\n\n"
            "The harbour tower would rise beside the old mill, 300 metres from the school.\n\n"
            "The planned building, perhaps 15 stories tall, would stand by the pier.")
    store.add_article(ArticleDraft(url="https://news.example/tower", title="Harbour tower backed",
                                   text=text))
    answer = await QuestionAnswerer(store, settings).ask("How tall would the harbour tower be?",
                                                         Scope())
    assert answer.grounded and answer.answer.startswith("15 stories")


def test_a_word_sharing_the_role_stem_is_no_speaker() -> None:
    from briefs.answer.cues import says_role_words
    critic = stem("critics")
    assert not says_role_words(
        "Mayor Roth drew fierce criticism after calling the pier \u201ca waste.\u201d", "", critic)
    assert says_role_words("Critics said the mayor had not raised enough money.", "", critic)
    assert not says_role_words("He advised the mayor, who said no.", "", stem("adviser"))


async def test_what_the_critics_said(store, settings) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.qa import QuestionAnswerer
    from briefs.models import ArticleDraft, Scope
    text = ("Mayor Dana Roth drew fierce criticism on Friday after calling the harbour plan "
            "\u201ca waste of time.\u201d\n\nCritics said she had not raised enough money "
            "for the pier.\n\nThe council meets next week.")
    store.add_article(ArticleDraft(url="https://news.example/critics", title="Roth criticised",
                                   text=text))
    answer = await QuestionAnswerer(store, settings).ask("What did Roth's critics say?", Scope())
    assert answer.grounded and "not raised enough money" in answer.answer


def test_a_title_before_a_name_is_no_name() -> None:
    from briefs.answer.cues import speaker_names
    from briefs.answer.query import analyse
    query = analyse("What did Justice Vale say about Tarrow Foods?")
    assert stem("Justice") not in query.entities and stem("Vale") in query.entities
    assert speaker_names(query.text, query.entities) == {stem("Vale")}


async def test_speech_by_others_about_the_named_company_is_not_the_speakers(store, settings) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.qa import QuestionAnswerer
    from briefs.models import ArticleDraft, Scope
    text = ("The court heard the Tarrow Foods case on Tuesday.\n\n"
            "In the arguments, several justices suggested they were troubled by the case "
            "against Tarrow Foods.\n\n"
            "Justice Ada Vale and Justice Tom Reyes appeared inclined to let the case go on.")
    store.add_article(ArticleDraft(url="https://news.example/court", title="Court hears Tarrow",
                                   text=text))
    answer = await QuestionAnswerer(store, settings).ask(
        "What did Justice Vale say about Tarrow Foods?", Scope())
    assert "several justices" not in answer.answer


def test_sued_is_searched_as_a_lawsuit() -> None:
    from briefs.answer.terms import paraphrases
    assert stem("lawsuit") in paraphrases(stem("sued"))
    sentence = "Last year, the Harbour Board filed a lawsuit against Sheriff Roth for not cooperating."
    assert span_for(sentence, "Who sued Roth last year?") == "Harbour Board"


@pytest.mark.parametrize(("question", "span"), [
    ("How much did Marta Quell spend?", "$1 million"),
    ("How much did the challenger raise?", "$200,000"),
])
def test_the_amount_is_the_one_after_who_paid_it(question: str, span: str) -> None:
    sentence = ("The challenger raised just over $200,000 for his campaign, while Marta Quell spent more than "
                "$1 million in April and May alone to beat back his challenge.")
    assert span_for(sentence, question) == span


def test_one_amount_in_the_sentence_is_the_answer_wherever_it_stands() -> None:
    # Guard: with one figure, nothing to choose between
    assert span_for("Marta Quell spent $1 million on the campaign.", "How much did Quell spend?") == "$1 million"


async def test_the_article_s_own_question_is_no_answer(store, settings) -> None:  # type: ignore[no-untyped-def]
    from briefs.answer.qa import QuestionAnswerer
    from briefs.models import ArticleDraft, Scope
    text = ("Harbour councillor Owen Pratt lost his seat on Tuesday to a political newcomer.\n\n"
            "So who is Dana Whitlow, and how did she pull off such a stunning win?\n\n"
            "Dana Whitlow is an economics professor at Harbour College who ran on a promise to lower ferry fares.")
    store.add_article(ArticleDraft(url="https://news.example/whitlow", title="Pratt loses seat", text=text))
    answer = await QuestionAnswerer(store, settings).ask("Who is Dana Whitlow?", Scope())
    assert "how did she pull off" not in answer.answer
