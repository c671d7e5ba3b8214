"""An organisation speaks under its whole name, "of" and "for" included ("the Royal College of
Nursing said"), never as its head noun alone ("Association"). Fixture sentences written here."""

from __future__ import annotations

import pytest

from briefs.write.quotes import find_quotes

_LEAD = "Care homes are short of staff again this winter, figures show.\n\n"


@pytest.mark.parametrize("organisation", [
    "the Association of Directors of Adult Social Services", "the Royal College of Nursing",
    "the Bank of England", "the Institute for Fiscal Studies", "the University of Toronto",
])
@pytest.mark.parametrize("order", ["before", "after"])
def test_an_organisation_speaks_under_its_whole_name(organisation: str, order: str) -> None:
    attribution = f"{organisation} said" if order == "before" else f"said {organisation}"
    text = _LEAD + f"\u201cFreezing fees is no longer sustainable,\u201d {attribution}."
    assert find_quotes(text, model=False)[0].speaker == organisation.removeprefix("the ")


def test_an_organisation_that_names_nothing_after_of_stays_itself() -> None:
    # guard: a holder "of" an organisation is the person, as before
    text = _LEAD + "\u201cWe cannot go on like this,\u201d Jane Marsh of the Heritage Trust said."
    assert find_quotes(text, model=False)[0].speaker == "Jane Marsh"


def test_where_the_speakers_work_is_not_the_speaker() -> None:
    # "experts at the University of ..." speak; the university is where they work
    text = _LEAD + "\u201cDiet matters more than we knew,\u201d experts at the University of Leeds said."
    assert find_quotes(text, model=False)[0].speaker != "University of Leeds"


def test_an_office_before_a_name_is_no_organisation() -> None:
    # guard: "Secretary of State John Kerry" is a title and its holder
    text = _LEAD + "\u201cWe will act,\u201d Secretary of State John Kerry said."
    assert find_quotes(text, model=False)[0].speaker == "John Kerry"


def test_with_an_organisation_doing_the_speaking() -> None:
    text = ("Teachers unions backed the senator early, with the American Federation of Teachers "
            "calling her \u201cthe champion working families need\u201d on Monday.")
    assert find_quotes(text, model=False)[0].speaker == "American Federation of Teachers"


@pytest.mark.parametrize(("attribution", "speaker"), [
    ("according to U.S. officials who called it", "U.S. officials"),
    ("according to a State Department official who called it", "a State Department official"),
])
def test_the_officials_of_a_country_or_body_are_the_speakers(attribution: str, speaker: str) -> None:
    text = ("A jet flew close to a patrol plane on Tuesday.\n\n"
            f"A year ago, a jet flew within 100 feet of a plane, {attribution} \u201cone of the most "
            "dangerous passes in decades.\u201d")
    assert find_quotes(text, model=False)[0].speaker == speaker


@pytest.mark.parametrize(("attribution", "speaker"), [
    ("A U.S. intelligence official told reporters", "A U.S. intelligence official"),
    ("said Pentagon officials", "Pentagon officials"),
])
def test_an_abbreviated_country_stays_in_the_role(attribution: str, speaker: str) -> None:
    text = ("The review of the talking points was finished months ago.\n\n"
            f"\u201cIt was completed early this year,\u201d {attribution}.")
    assert find_quotes(text, model=False)[0].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_the_report_is_the_study_whose_author_the_article_named(model: bool) -> None:
    text = (
        "Cities want steady money for projects, the budget officer said in an August report.\n\n"
        "A study by the University of Halden\u2019s School of Public Policy analyzed 13 recent transit "
        "projects. It found three below their cost.\n\n"
        "\u201cIt is remarkable how little scrutiny is brought to bear on them,\u201d the report said."
    )
    assert find_quotes(text, model=model)[0].speaker == "University of Halden\u2019s School of Public Policy"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("sentence", [
    "The NCSW adopted a resolution on Tuesday condemning \u201cthe neglect of our elders\u201d in care homes.",
    "The NCSW released a statement on Tuesday condemning \u201cthe neglect of our elders\u201d in care homes.",
    # a piece a publisher ran
    "The NCSW recently ran a piece that noted \u201cthe neglect of our elders\u201d in care homes.",
])
def test_an_organisation_known_by_its_initials_speaks_through_its_record(model: bool, sentence: str) -> None:
    assert find_quotes(_LEAD + sentence, model=model)[0].speaker == "NCSW"


@pytest.mark.parametrize("model", [False, True])
def test_informing_is_a_speech_verb(model: bool) -> None:
    text = _LEAD + ("In a letter delivered to the minister, the unions informed the government that they would not "
                    "sign \u201cany agreement until the homes are funded.\u201d")
    assert find_quotes(text, model=model)[0].speaker == "the unions"


@pytest.mark.parametrize("model", [False, True])
def test_a_body_known_by_its_initials_is_no_person_for_he(model: bool) -> None:
    text = (_LEAD + "NCSW Ardenia said: \u201cWe want more staff, not fewer.\u201d\n\n"
            "Dr Tomas Brandt is a local GP and chief officer for the Norland trust.\n\n"
            "He said the trust had already hired forty nurses this year and was among the best of all the "
            "trusts for care at home in Ardenia.\n\n"
            "\u201cIt is not about cutting costs but about better care,\u201d he explained.")
    assert find_quotes(text, model=model)[-1].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
def test_an_acronym_alone_is_no_mention_of_a_name_ending_in_it(model: bool) -> None:
    text = ("Early retirement comes in three kinds: FIRE, leanFIRE and fatFIRE.\n\n"
            "Leif Dahl, the blogger behind the Doctor on FIRE, retired at 43. "
            "He says the first step is to take stock.\n\n"
            "\u201cThere are two things you need to know,\u201d he told the Herald.\n\n"
            "Regular FIRE is someone whose spending is in line with the average household.")
    assert find_quotes(text, model=model)[0].speaker == "Leif Dahl"


@pytest.mark.parametrize("model", [False, True])
def test_it_is_the_body_that_opens_the_sentence_before(model: bool) -> None:
    text = ("Research carried out by the Harbour Network suggests almost half of the town's piers are unsafe.\n\n"
            "The group has warned that 750 more inspectors are needed. "
            "It urged people to \u201ccheck the piers they use.\u201d")
    assert find_quotes(text, model=model)[0].speaker in ("Harbour Network", "The group")


@pytest.mark.parametrize("reporter", ["the Institute for Care Studies", "the Council on Foreign Relations"])
def test_according_to_an_organisation_with_for_or_on_in_its_name(reporter: str) -> None:
    text = _LEAD + f"According to {reporter}, \u201cover 60 percent\u201d of the homes are short of staff."
    assert find_quotes(text, model=False)[0].speaker == reporter.removeprefix("the ")


def test_according_to_an_outlet_on_a_day_is_the_outlet() -> None:
    text = _LEAD + "According to the Herald on Monday, \u201cover 60 percent\u201d of the homes are short of staff."
    assert find_quotes(text, model=False)[0].speaker == "Herald"


@pytest.mark.parametrize("model", [False, True])
def test_a_court_of_justice_is_no_person_titled_justice(model: bool) -> None:
    text = ("Justice Commissioner Tomas Brandt proposed new rules in 2006.\n\n"
            "The Court of Justice held that the trust could stay open, so long as there was at least an "
            "\u201cindirect quid pro quo\u201d for the work it did.")
    assert find_quotes(text, model=model)[0].speaker != "Tomas Brandt"


def test_a_judge_of_a_court_keeps_the_role() -> None:
    text = ("Care homes are short of staff.\n\nA Superior Court of Ontario judge chastised the trust on Friday, "
            "saying it had been \u201cplaying games\u201d with the families.")
    assert find_quotes(text, model=False)[0].speaker in (None, "A Superior Court of Ontario judge")


@pytest.mark.parametrize("model", [False, True])
def test_a_rep_for_somebody_is_a_role(model: bool) -> None:
    text = _LEAD + "A rep for Ina Pratt told the Herald: \u201cThe homes are trying to deflect.\u201d"
    assert find_quotes(text, model=model)[0].speaker == "A rep for Ina Pratt"


def test_according_to_a_body_s_staff_of_a_kind_keeps_the_kind() -> None:
    text = _LEAD + "According to ILO staff economists, \u201cthe homes will need 5,000 more nurses.\u201d"
    assert find_quotes(text, model=False)[0].speaker == "ILO staff economists"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize("describing", ["conservative", "left-leaning", "charity"])
def test_words_describing_the_organisation_leave_its_holder_the_speaker(model: bool, describing: str) -> None:
    text = _LEAD + f"Dr Ina Pratt of the {describing} Heritage Trust called the findings \u201cvery worrying.\u201d"
    assert find_quotes(text, model=model)[0].speaker == "Ina Pratt"


def test_a_conjunction_before_a_name_is_no_describing_word() -> None:
    text = ("Tomas Brandt greeted voters inside a polling place.\n\n"
            "At one point, a woman asked for a photo and Brandt said, "
            "\u201cas long as we are not breaking any laws.\u201d")
    assert find_quotes(text, model=False)[0].speaker == "Tomas Brandt"


@pytest.mark.parametrize("model", [False, True])
@pytest.mark.parametrize(("sentence", "speaker"), [
    # who did the work a study reports, its appositive aside
    ("As we have noted, a March 2019 study by the Centre for Harbour Policy Research, a London-based think "
     "tank, concluded that \u201cthe full cost of the tariff falls on the ferry's passengers\u201d.",
     "Centre for Harbour Policy Research"),
    # a role serves one organisation, "and" inside its name
    ("A spokesman for Leisure and Culture Dundee said: \u201cThis change reflects the concerns of many "
     "players.\u201d", "A spokesman for Leisure and Culture Dundee"),
    # a part of a group, a capitalised word inside it
    ("Some Twitter users defended the mayor, and said that he was \u201cspeaking the truth\u201d about "
     "the pier.", "Some Twitter users"),
])
def test_the_whole_name_or_group_speaks(model: bool, sentence: str, speaker: str) -> None:
    text = "The harbour board met on Monday.\n\n" + sentence
    assert find_quotes(text, model=model)[0].speaker.removeprefix("the ") == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_party_is_not_its_leader(model: bool) -> None:
    text = ("Harbour party leader Ilse Marsh has distanced herself from the posts.\n\n"
            "The couple met five years ago, but now the Harbour party stresses it does not "
            "\u2018want to be associated\u2019 with his online rants.")
    assert find_quotes(text, model=model)[0].speaker == "the Harbour party"


def test_the_party_leader_is_still_the_leader() -> None:
    # guard: a phrase with the person's role in it is the person
    text = "Harbour party leader Ilse Marsh spoke on Monday. \u201cWe will win seats,\u201d the party leader said."
    assert find_quotes(text, model=False)[0].speaker == "Ilse Marsh"


@pytest.mark.parametrize("model", [False, True])
def test_an_acronym_alone_is_not_a_longer_name_it_opens(model: bool) -> None:
    text = ("\u2018Mr Hale\u2019s posts have breached the HBT Code of Conduct,\u2019 the broadcaster said.\n\n"
            "HBT has since apologised, stating \u2018respect for our audiences is paramount at HBT.\u2019")
    assert [q.speaker for q in find_quotes(text, model=model)][-1] == "HBT"

