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
