"""Passages of somebody's words found by what they share with words attributed before: a letter
quoted in full after its opening words were given to the writer, and the paragraphs it runs on
into; and a verb after ", but" that shares the clause's subject. Fixture sentences written here."""

from __future__ import annotations

from briefs.write.quotes import find_quotes

_LETTER = (
    "Retired stage actor Albert Penrose, 91, has said the law on assisted dying needs changing.\n\n"
    "\"My view has changed completely,\" he wrote to the Lord Speaker.\n\n"
    "The former comedian, who was famous for farces, now receives round-the-clock care at a "
    "home in \"the quietest street in Kent\".\n\n"
    "\"My view has changed completely. As a dying man, I know the law makes it impossible for people "
    "like me to be helped on our way.\n\n"
    "\"I am sure there are many others like me who wish their life to finish.\n\n"
    "\"Only with a new law will they be able to slip away peacefully.\"\n\n"
    "His family said they were \"absolutely supportive\" of his decision."
)


def test_a_passage_opening_on_somebodys_words_is_theirs_and_so_is_its_run_on() -> None:
    quotes = [(q.text[:24], q.speaker) for q in find_quotes(_LETTER, model=False)]
    assert quotes[2:5] == [("My view has changed comp", "Albert Penrose"),
                           ("I am sure there are many", "Albert Penrose"),
                           ("Only with a new law will", "Albert Penrose")]


def test_a_passage_that_only_holds_somebodys_words_is_not_theirs() -> None:
    # guard: a question that quotes a figure back at the person who gave it
    text = ("Hillary Vance said \"90 to 95 percent of my emails\" were in the system.\n\n"
            "The chairman pressed her. \"Who told you that 90 to 95 percent of my emails were in the system? "
            "Who told you that?\"")
    quotes = find_quotes(text, model=False)
    assert quotes[-1].speaker != "Hillary Vance"


def test_a_verb_after_a_comma_and_but_shares_the_pronoun_subject() -> None:
    text = ("Retired stage actor Albert Penrose, 91, has said the law on assisted dying needs changing.\n\n"
            "He had previously opposed a change in the law, but said his illness has left him "
            "\"like a beached whale\" and in constant discomfort.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Albert Penrose"]


def test_a_verb_after_but_without_a_comma_keeps_its_own_subject() -> None:
    # guard: "Speaking in X's square, Mr Penrose praises ... but warns": not the square's
    text = ("Prime Minister Albert Penrose visited Libya on Thursday.\n\n"
            "15 September: Speaking in Benghazi's Tahrir square, Mr Penrose praises the interim authority "
            "but warns the \"hardest part\" is still to come")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Albert Penrose"]
