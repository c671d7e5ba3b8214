""""Who said ...?" is answered with the speaker the quote engine gives the quotation, never
with a name inside the quoted words."""

from __future__ import annotations

import pytest

from briefs.answer.qa import QuestionAnswerer
from briefs.answer.who_said import asks_speaker
from briefs.models import ArticleDraft, Scope

pytestmark = pytest.mark.backends("sqlite", "postgresql")

_SPOKESMAN = (
    "Mayor Dana Roth came out against the harbour casino on Monday.\n\n"
    "Kurt Lenz, a spokesman for the mayor, read a statement to reporters at city hall.\n\n"
    "\u201cThe council has every right to vote on it,\u201d Lenz said. \u201cMayor Roth "
    "respects that but thinks the casino should be built somewhere else.\u201d\n\n"
    "The council votes on the plan next week.")

_UNSIGNED = (
    "The harbour casino plan was debated again on Monday.\n\n"
    "\u201cMayor Roth thinks the casino should be built somewhere else,\u201d read a note "
    "pinned to the door of the hall.\n\n"
    "The council votes on the plan next week.")


@pytest.mark.parametrize(("question", "asks"), [
    ("Who said the casino should be built somewhere else?", True),
    ("who has warned about the pier", True),
    ("Who told reporters about the vote?", True),
    ("Who called the police?", False),
    ("Who built the casino?", False),
    ("What did Roth say?", False),
])
def test_which_questions_ask_for_a_speaker(question: str, asks: bool) -> None:
    assert asks_speaker(question) is asks


async def test_the_spokesman_said_it_not_the_mayor_he_names(store, settings) -> None:  # type: ignore[no-untyped-def]
    store.add_article(ArticleDraft(url="https://news.example/casino", title="Roth against casino",
                                   text=_SPOKESMAN))
    answer = await QuestionAnswerer(store, settings).ask(
        "Who said the casino should be built somewhere else?", Scope())
    assert answer.grounded
    assert answer.answer.startswith("Kurt Lenz \u2014") or answer.answer.startswith("Lenz \u2014")
    assert "Roth \u2014" not in answer.answer


async def test_a_quotation_credited_to_nobody_names_nobody(store, settings) -> None:  # type: ignore[no-untyped-def]
    store.add_article(ArticleDraft(url="https://news.example/note", title="Casino note",
                                   text=_UNSIGNED))
    answer = await QuestionAnswerer(store, settings).ask(
        "Who said the casino should be built somewhere else?", Scope())
    assert "Roth \u2014" not in answer.answer


_NARRATED = (
    "The harbour casino plan split the council on Monday.\n\n"
    "That caused other councillors to warn that the city risked a backlash from the Harbour Guild.\n\n"
    "The council votes on the plan next week.")


async def test_a_narrated_warning_is_its_subject_s_not_a_name_after_the_verb(store, settings) -> None:  # type: ignore[no-untyped-def]
    store.add_article(ArticleDraft(url="https://news.example/warning", title="Casino split",
                                   text=_NARRATED))
    answer = await QuestionAnswerer(store, settings).ask("Who warned about a backlash?", Scope())
    assert not answer.answer.startswith("Harbour Guild")
    assert "Guild \u2014" not in answer.answer


@pytest.mark.parametrize(("title", "text", "question", "named"), [
    pytest.param("Casino split", _NARRATED.replace("other councillors", "other Greens"),
                 "Who warned about a backlash?", "Greens",
                 id="a-narrated-warning-names-its-subject"),
    pytest.param("The guild's ideas",
                 "The guild grew quickly in the 1970s.\n\nIts views were set out in a pamphlet written by "
                 "Tomas Erikson Vale, in which he argues for a free harbour.\n\nThe guild disbanded in 1990.",
                 "Who wrote a pamphlet about the guild's views?", "Tomas Erikson Vale",
                 id="a-passive-names-its-agent"),
    pytest.param("Pier opens",
                 "The new pier opened on Saturday.\n\nMayor Dana Roth thanked the builders and the Harbour Guild, "
                 "calling the pier a \u201ctriumph.\u201d\n\nThe pier cost the city two million dollars.",
                 "Who said the pier was a triumph?", "Dana Roth",
                 id="a-quoted-word-the-question-repeats-is-its-speaker-s"),
    pytest.param("Pier opens",
                 "The new pier opened on Saturday.\n\nMayor Dana Roth thanked the builders and the Harbour Guild, "
                 "calling the pier a \u201ctriumph.\u201d\n\nThe pier cost the city two million dollars.",
                 "Who called the pier a triumph?", "Dana Roth",
                 id="who-called-it-what-the-quotation-says"),
    pytest.param("Harbour fees",
                 "The harbour raised its fees in March.\n\nLakeshore and Pinecrest complained about a "
                 "\u201cflood of boats from the harbour\u201d in a letter to the board.\n\nThe board meets in May.",
                 "Who complained about a flood of boats?", "Lakeshore and Pinecrest",
                 id="two-names-that-open-the-narration-both-complained"),
    pytest.param("Harbour hearing",
                 "Rep. Tom Harlan walked out of the harbour hearing on Tuesday.\n\nThen, the congressman, "
                 "speaking in a whisper as he stood close to the reporter, said the reporter was \u201cnot man "
                 "enough\u201d and added: \u201cI will break you in half like a twig.\u201d\n\nThe hearing "
                 "resumed an hour later.",
                 "Who said he would break the reporter in half like a twig?", "Tom Harlan",
                 id="a-role-narrating-the-words-is-the-person-the-briefing-names"),
])
async def test_who_said_names(store, settings, title: str, text: str, question: str,  # type: ignore[no-untyped-def]
                               named: str) -> None:
    store.add_article(ArticleDraft(url="https://news.example/who", title=title, text=text))
    answer = await QuestionAnswerer(store, settings).ask(question, Scope())
    assert answer.answer.startswith(f"{named} \u2014")


@pytest.mark.parametrize(("text", "question", "not_named"), [
    pytest.param("Nine councils now allow night markets on the harbour.\n\nThe markets are in the way of a "
                 "Governor Ilse Marten, who backs a ban on stalls near the water.\n\nThe ban comes to a vote "
                 "in May.",
                 "Who said the stalls should be banned?", "Marten",
                 id="narration-reporting-no-words-names-no-speaker"),
    pytest.param("Councillor Ada Brink is on the attack, claiming in a new leaflet that Mayor Dana Roth is "
                 "waging a war on drivers.\n\nThe leaflet went out on Monday.",
                 "Who said the mayor was waging a war on drivers?", "Roth",
                 id="a-name-in-what-is-claimed-is-not-who-claims-it"),
    pytest.param("The ad plays music fit for a drama like \u201cHarbour Nights\u201d as the mayor continues "
                 "to speak about the stalls.\n\nIt runs until May.",
                 "Who said the stalls were a drama?", "Harbour Nights",
                 id="a-quoted-title-is-nobody"),
])
async def test_who_said_never_names_who_the_words_are_not(store, settings, text: str, question: str,  # type: ignore[no-untyped-def]
                                                          not_named: str) -> None:
    store.add_article(ArticleDraft(url="https://news.example/harbour", title="Harbour stalls", text=text))
    answer = await QuestionAnswerer(store, settings).ask(question, Scope())
    assert f"{not_named} \u2014" not in answer.answer
