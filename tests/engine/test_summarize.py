"""Extractive summary sentences: lead-first, no chrome, no repetition."""

from briefs.write.summarize import lead, strip_dateline, summarize

ARTICLE = (
    "Storm floods harbour town\n\n"
    "By Jane Reporter\n\n"
    "PORT AVERY (Reuters) \u2014 A winter storm flooded the harbour district of Port Avery on "
    "Monday, forcing hundreds of residents from their homes.\n\n"
    "A winter storm flooded Port Avery's harbour district on Monday and forced hundreds of "
    "residents to leave their homes.\n\n"
    "Sign up for our newsletter to get the latest news.\n\n"
    "Emergency crews used boats to reach families trapped on upper floors, the fire service said.\n\n"
    "The council will meet on Thursday to discuss building a flood wall along the harbour.\n\n"
    "Local bakeries handed out free bread to volunteers."
)


def test_summary_skips_headings_bylines_chrome_and_repeats() -> None:
    summary = summarize(ARTICLE, "Storm floods harbour town", 3)
    assert summary == [
        "A winter storm flooded the harbour district of Port Avery on Monday, forcing hundreds of "
        "residents from their homes.",
        "Emergency crews used boats to reach families trapped on upper floors, the fire service said.",
        "The council will meet on Thursday to discuss building a flood wall along the harbour.",
    ]


def test_dateline_is_stripped() -> None:
    assert strip_dateline("Hong Kong (CNN) \u2014 Leaders met.") == "Leaders met."
    assert strip_dateline("WASHINGTON \u2014 Leaders met.") == "Leaders met."


def test_lead_is_the_first_sentences() -> None:
    assert lead("One is here. Two is here. Three. Four.", 2) == ["One is here.", "Two is here."]


def test_short_text_gives_what_it_has() -> None:
    assert summarize("Only one real sentence is here today.", "", 3) == [
        "Only one real sentence is here today."]
    assert summarize("", "", 3) == []


def test_a_lead_sentence_sharing_the_headline_words_is_kept() -> None:
    text = ("Council approves $48 million tram extension\n\n"
            "The city council approved a $48 million tram extension on Tuesday after years of debate.\n\n"
            "Work starts next spring and the first trams run in 2028.")
    summary = summarize(text, "Council approves $48 million tram extension", 3)
    assert summary == [
        "The city council approved a $48 million tram extension on Tuesday after years of debate.",
        "Work starts next spring and the first trams run in 2028.",
    ]


LETTER = "\n\n".join([
    "Several council members criticised Mayor Dana Okafor on Friday over her remarks on the toll bridge.",
    "The pushback peaked when councillor Tim Lind published a letter to the mayor calling for her resignation.",
    "\u201cNeedless to say, the bridge was not \u201ca project of the mayor\u2019s choosing.\u201d It has been"
    " funded by the council under two mayors. Members have always supported the effort.",
    "And not on a trivial matter. At a time when the repairs have just begun, your comment is more than an"
    " embarrassment.",
    "There are those who think the toll should go, and they may say so. But one of them should not be the"
    " mayor.\u201d",
    "Lind\u2019s letter was the harshest of the reactions, and the mayor\u2019s office said her words had been"
    " misread.",
])


def test_a_summary_takes_no_sentence_from_inside_a_quotation() -> None:
    summary = summarize(LETTER, "Council turns on mayor over toll remarks", 3)
    assert len(summary) == 3
    assert summary[:2] == [LETTER.split("\n\n")[0], LETTER.split("\n\n")[1]]
    # Not "It has been funded ..." (what is "it"?) nor the letter's later paragraphs.
    assert summary[2].startswith("Lind\u2019s letter was the harshest")


def test_a_sentence_leaning_on_an_unchosen_one_is_skipped() -> None:
    text = ("The harbour wall in Telmar will be rebuilt next year, the council said on Monday.\n\n"
            "Storms damaged the old wall twice last winter and flooded the fish market.\n\n"
            "Engineers said the new wall would be two metres higher than the old one.\n\n"
            "It will cost the town about four million pounds, paid over ten years.\n\n"
            "Fishermen welcomed the plan but asked for the market to stay open during the works.")
    summary = summarize(text, "Telmar to rebuild harbour wall", 2)
    assert not any(s.startswith("It ") for s in summary)
