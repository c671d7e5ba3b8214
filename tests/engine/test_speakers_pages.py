"""Speakers on pages written the way wire and broadcast sites write them: a person introduced by
what they did before a paragraph of their words, page labels in capitals, questions opening with
a verb. Fixture sentences written here (no corpus needed)."""

from __future__ import annotations

import pytest

from briefs.write.people import People
from briefs.write.phrases import is_label, is_law, is_page_line, name_run_before, role_phrase_before
from briefs.write.quotes import attributed_by_rules, find_quotes
from briefs.write.speakers import choose_speakers

_INTRODUCED_BY_DEED = (
    "Prime Minister Mark Ellery visited the town on Friday. Organizer Dana Croft said the rally drew "
    "500 people.\n\n"
    "Owen Pask protested the two bills, saying they hurt the industry.\n\n"
    "\u201cWe need to show everybody that we are behind our workers,\u201d he said."
)


@pytest.mark.parametrize("model", [False, True])
def test_he_said_goes_to_the_person_whose_deed_opens_the_paragraph_before(model: bool) -> None:
    [quote] = find_quotes(_INTRODUCED_BY_DEED, model=model)
    assert quote.speaker == "Owen Pask"


def test_a_name_opening_a_paragraph_as_its_subject_is_a_person_unless_it_is_a_place() -> None:
    people = People.from_paragraphs([
        "Owen Pask protested the two bills on Saturday.",
        "Medicine Hat saw a convoy of trucks. Hundreds drove in Medicine Hat and in Brooks.",
    ])
    assert "Owen Pask" in people.persons
    assert "Medicine Hat" not in people.persons


def test_a_page_label_in_capitals_is_never_the_speaker() -> None:
    text = ("MARKET WATCH: \u201cWill the bank see the darkening clouds today? Lower forecasts may hurt "
            "the euro,\u201d Hana Sayeed, Chief Market Strategist at Fexa, said in a commentary.")
    [quote] = find_quotes(text)
    assert quote.speaker == "Hana Sayeed"


@pytest.mark.parametrize(("name", "label"), [
    ("READ MORE", True), ("FILE PHOTO", True), ("ANALYST'S TAKE", True),
    ("NATO", False), ("Hana Sayeed", False), (None, False),
])
def test_labels_are_runs_of_capitals_not_acronyms(name: str | None, label: bool) -> None:
    assert is_label(name) is label


def test_a_question_opening_with_a_verb_does_not_lend_it_to_the_name() -> None:
    people = People.from_paragraphs(["Was Ray Sloane wrong to quit the board? Sloane said he was not."])
    assert people.names == ["Ray Sloane"]


def test_a_role_word_opening_the_sentence_is_no_part_of_the_name() -> None:
    text = ("Organizer Dana Croft said the rally drew 500 people.\n\n"
            "\u201cWe will be back next week with twice as many trucks,\u201d she said.")
    assert [q.speaker for q in find_quotes(text)] == ["Dana Croft"]


def test_a_quotation_opened_curly_and_closed_straight_keeps_its_speaker() -> None:
    text = ("But Attorney General Jon Sutter is not backing down.\n\n"
            "\u201cBecause neighbouring states have raised concerns, we are not surprised by this action,\" "
            "Sutter said. \"We believe this suit is without merit.\"")
    assert [(q.text[:7], q.speaker) for q in find_quotes(text)] == [
        ("Because", "Jon Sutter"), ("We beli", "Jon Sutter")]


def test_a_name_before_a_plural_noun_or_also_written_in_lower_case_is_no_person() -> None:
    people = People.from_paragraphs([
        "Harbour League activists say the plan is unfair.",
        "Quay Party leads the council. The quay party has three seats.",
        "Owen Pask protested the two bills on Saturday.",
    ])
    assert "Owen Pask" in people.persons
    assert not {"Harbour League", "Quay Party"} & people.persons


def test_an_honorific_gives_the_full_name_its_gender() -> None:
    people = People.from_paragraphs([
        "Vice President Dick Marlow said the vote would wait. Mr. Marlow spoke on Tuesday.",
        "Helena Varga chairs the board. Ms. Varga did not comment.",
    ])
    assert people.gender == {"Dick Marlow": "m", "Helena Varga": "f"}


@pytest.mark.parametrize("model", [False, True])
def test_she_wrote_never_goes_to_a_man(model: bool) -> None:
    text = ("Vice President Dick Marlow said he would vote no. Mr. Marlow spoke on Tuesday about the vote.\n\n"
            "\u201cFor the record, I love my sister, but she is dead wrong on the issue of marriage,\" she wrote.")
    [quote] = find_quotes(text, model=model)
    assert quote.speaker != "Dick Marlow"


@pytest.mark.parametrize("text", [
    pytest.param("Vice President Dick Marlow said he would vote no. Mr. Marlow spoke on Tuesday about the vote.\n\n"
                 "\u201cFor the record, I love my sister, but she is dead wrong on the issue of marriage,\" she wrote.",
                 id="she-wrote-is-no-man-s"),
    pytest.param("Senator Owen Pratt received the letter on Monday. Five senators signed it.\n\n"
                 "\u201cWe cannot agree to put any matter above the budget,\u201d they wrote.",
                 id="they-wrote-is-no-one-person-s"),
    pytest.param("Senator Owen Pratt received the letter on Monday. Five senators signed it.\n\n"
                 "\u201cWe cannot agree to put any matter above the budget,\u201d they wrote. \u201cThe budget must "
                 "come first.\u201d", id="what-they-wrote-next-is-no-one-person-s"),
    pytest.param("Rep. Owen Pratt spoke to reporters on Monday.\n\nAsked point-blank, \u201cIs that picture you?\u201d "
                 "Pratt would not say.", id="a-question-put-is-not-the-answerer-s"),
])
def test_a_model_that_would_pick_any_person_still_names_nobody(text: str) -> None:
    found, people = attributed_by_rules(text)
    assert found and all(q.speaker is None for q in found)
    choose_speakers(found, people, {"person": 50.0})
    assert all(q.speaker is None for q in found)


def test_words_are_not_whom_they_name() -> None:
    # the ad speaks (the rules name it); a model that would pick any person still never names Pratt
    text = ("Mayor Owen Pratt wants more guards at the harbour.\n\n"
            "The group\u2019s first ad called Pratt an \u201celitist hypocrite\u201d for his own guards.")
    found, people = attributed_by_rules(text)
    assert [q.speaker for q in found] == ["The group\u2019s first ad"]
    choose_speakers(found, people, {"person": 50.0})
    assert [q.speaker for q in found] == ["The group\u2019s first ad"]


def test_he_is_not_the_name_his_own_sentence_mentions_as_an_object() -> None:
    text = ("Dennis Brook moved into a one-bedroom apartment in October.\n\n"
            "Asked what he would tell Mayor John Torrance about being homeless, he said: "
            "\"Just listen to us. We are people.\"")
    assert [q.speaker for q in find_quotes(text)] == ["Dennis Brook"]


def test_she_is_never_a_party_that_spoke_before() -> None:
    text = ("The Harbour Unionist Party said it would vote against the deal.\n\n"
            "After the vote, the prime minister refused to resign. \u201cI have always believed the best way "
            "forward is an orderly exit,\u201d she told MPs.")
    [quote] = find_quotes(text, model=False)
    assert quote.speaker != "Harbour Unionist Party"


@pytest.mark.parametrize("verb", ["muses", "posits", "recounts", "laments"])
def test_magazine_present_tense_speech_verbs_attribute(verb: str) -> None:
    text = ("Cecil Forster spent ten years on the book.\n\n"
            f"Forster {verb} that the porters were \"smart enough to go to Ottawa and ask for change.\"")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Cecil Forster"]


@pytest.mark.parametrize(("name", "law"), [
    ("Patriot Act", True), ("Second Amendment", True), ("Paris Accord", True), ("Jon Act", True),
    ("Dana Croft", False), ("Billie Jean King", False), (None, False),
])
def test_a_law_is_what_words_are_about_never_who_said_them(name: str | None, law: bool) -> None:
    assert is_law(name) is law


def test_a_model_that_would_pick_any_name_never_picks_a_law() -> None:
    text = ("The Patriot Act says agents may track phones.\n\n"
            "The provisions \u2014 \u201cone on roving authority for electronic surveillance and the other on "
            "business records\u201d \u2014 expire in May.")
    found, people = attributed_by_rules(text)
    choose_speakers(found, people, {"np": 50.0, "person": 50.0, "rule": 50.0})
    assert all(q.speaker != "Patriot Act" for q in found)


@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("Lumora said on Thursday that its app had been blocked for a day. \u201cWe are working with "
                 "the bank to fix a temporary disruption,\u201d the company said in a statement.", "Lumora",
                 id="the-company-is-the-organisation-that-spoke-last"),
    pytest.param("Mayor Ann Holt said the plan was sound. \u201cWe will not delay the works,\u201d the company said.",
                 "the company", id="the-company-is-never-a-person-who-spoke-before"),
    pytest.param("The British aid group Lumora said its Africa director was among those killed. A statement "
                 "said the group was \"shocked and saddened\" to confirm his death.", "Lumora",
                 id="a-statement-right-after-someone-spoke-is-theirs"),
    pytest.param("The council met on Monday. A statement said the city would \"go ahead with the works.\"",
                 "A statement", id="a-statement-nobody-issued-nearby-stays-a-statement"),
    pytest.param("\u201cLower forecasts may hurt the euro,\u201d Hana Sayeed, Chief Market Strategist at Fexa, "
                 "said in a commentary.", "Hana Sayeed", id="a-name-with-a-capitalised-title-in-commas-speaks"),
    pytest.param("Jim Egland, Yellowhead MP, said he drove around with flags on his truck. \u201cWe are trying "
                 "to make a point,\u201d he said.", "Jim Egland", id="a-name-then-its-capitalised-office-speaks"),
    pytest.param("Paramedics wait for hours.\n\nTim Gueston with the Harbour Health Authority says there are "
                 "many reasons for the delays. \u201cThe emergency department cares for the sickest first,\u201d "
                 "he said.", "Tim Gueston", id="a-name-with-its-organisation-speaks-for-it"),
    pytest.param("Her adviser, Jake Sollivan, said: \u201cWe are trying to make a point.\u201d", "Jake Sollivan",
                 id="a-name-set-off-after-a-role-is-the-role-s-name"),
    pytest.param("The ministry said it would look into it.\n\nA statement from the EU said, \u201cthe motive for "
                 "the inquiry raises concerns about research in the region.\u201d", "EU",
                 id="a-statement-from-an-organisation-is-its-words"),
    pytest.param("A statement e-mailed to the Courier by Rena Ashby, who joined the board last month, said "
                 "\u201cthe station will respect the order of the court.\u201d", "Rena Ashby",
                 id="a-statement-sent-by-a-person-is-their-words"),
    pytest.param("The slope may have slipped, said Tomas Kelder of the survey office.\n\nBen van der Pruim, a "
                 "geologist at Eastport University, said a collapse of Anak Tarau was likely.\n\n\u201cA slide "
                 "of the slope of an active volcano can move a large volume of water,\u201d he said.",
                 "Ben van der Pruim", id="a-name-with-two-particles-is-one-person"),
    pytest.param("Kerry Barton, who wants to stay, said there should be another vote.\n\nDown the street, "
                 "Mike Fadden also rejoiced amid a group of revellers. He believes the country should leave. "
                 "\u201cWhat I want is a clean exit,\u201d he said.", "Mike Fadden",
                 id="a-subject-after-a-fronted-phrase-and-an-adverb-is-he"),
    pytest.param("Brian Walden, a party spokesman, spoke to reporters after the vote.\n\n\u201cGovernor Tom "
                 "Hale said it best when he warned us about this,\u201d he said.", "Brian Walden",
                 id="he-is-never-a-name-inside-the-quoted-words"),
    pytest.param("Part of Ian Poulder\u2019s penalty is two weeks in Hawaii.\n\nJordan Spiel also broke the "
                 "rule.\n\nPoulder told the tour he would play the opening event.\n\n\u201cThat would tick two "
                 "boxes,\u201d he said.", "Ian Poulder", id="a-possessor-named-again-without-s-is-a-person"),
    pytest.param("\u201cRoads just sound like a good thing,\u201d said the IFPD\u2019s Azra Ali Kahn.", "Azra Ali Kahn",
                 id="said-the-organisation-s-name"),
    pytest.param("Cecil Forster pieced the fragments together.\n\n\u201cI never put these elements together,\u201d "
                 "he remarks.", "Cecil Forster", id="present-tense-remarks"),
    pytest.param("Covington Catholic reopened on Wednesday under police watch.\n\nSara Bucklin, who attended a "
                 "school across the street, said Covington Catholic has a culture of entitlement.\n\n\u201cI "
                 "witnessed people saying slurs at games,\u201d she said.", "Sara Bucklin",
                 id="she-is-who-spoke-not-a-name-in-what-she-said"),
    pytest.param("Organizer Dwane Crotty said the convoy would go on.\n\nREAD MORE: A convoy of trucks moves into "
                 "the city\n\nJohn Godwin with Bumper to Bumper turned out to the event.\n\n\u201cThe disheartening "
                 "part of it is losing homes,\u201d he said.", "John Godwin",
                 id="a-name-with-its-organisation-opening-a-paragraph-is-a-person"),
    pytest.param("Paramedics wait for hours.\n\nTim Gueston with the Harbour Health Authority says there are many "
                 "reasons for the delays.\n\nBut he says the delays are symptoms that the rest of the system is "
                 "not working.\n\n\u201cIt is taking us too long to move people to beds.\u201d", "Tim Gueston",
                 id="he-says-hands-the-next-quotation-paragraph-over"),
    pytest.param("\u201cThese groups have been setting the table for voters,\u201d in sharp contrast to earlier "
                 "years, says Dana Scully, a political scientist at Eastport University.", "Dana Scully",
                 id="an-attribution-closing-the-sentence-after-a-clause"),
    pytest.param("\u201cWe\u2019ve had better conventions than this one,\u201d Texas delegate Bill Eastman, wearing a "
                 "cowboy hat and campaign pins, said as confetti fell.", "Bill Eastman",
                 id="an-and-inside-the-appositive-of-a-role-and-name"),
    pytest.param("In the spring, Hilda Clanton emphatically proclaimed at a press conference, \u201cI did not "
                 "send any classified material to anyone.\u201d", "Hilda Clanton",
                 id="an-adverb-of-manner-between-the-name-and-its-verb"),
    pytest.param("\u201cIf the office obtains more records, it intends to search them for records\u201d that would "
                 "respond to requests from Judicial Watch, Justice Department senior trial counsel Carla Lewis Wolver "
                 "wrote in a court filing.", "Carla Lewis Wolver",
                 id="a-name-and-its-verb-closing-the-sentence-after-a-clause"),
    pytest.param("Voters who want to \u201ctake our country back\u201d are older and whiter than the rest, says Alan "
                 "Abramov, a demographer at Eastport University.", "Alan Abramov",
                 id="a-quotation-inside-narration-closed-by-says-name"),
    pytest.param("Donald Trimp said on Monday that he would win.\n\nFor example, Trimp\u2019s recent evidence-free "
                 "assertion that \u201cthousands\u201d of people celebrated parallels stories in chain emails.",
                 "Donald Trimp", id="words-inside-a-person-s-claim-are-theirs"),
    pytest.param("Elsa Warrenton: Donald Trimp Is a \u2018Proven Failure\u2019 in Business.\n\nSen. Elsa Warrenton "
                 "said on Saturday that the candidate had failed.", "Elsa Warrenton",
                 id="a-headline-s-name-before-a-colon"),
    pytest.param("CNN President On Trimp: \u2018We Do Not Pay Candidates To Appear At Debates.\u2019\n\nCNN President "
                 "Jeff Zocker is not kowtowing to Donald Trimp, who said he would stay away.", None,
                 id="a-headline-s-name-after-on-is-who-it-is-about"),
    pytest.param("Rep. Trey Gowdon asked who had told her.\n\nFormer secretary of state Hilda Rodham Clanton:\u201cWe "
                 "learned that from the department and its analysis of the e-mails.\u201d", "Hilda Rodham Clanton",
                 id="a-transcript-s-speaker-before-a-colon"),
    pytest.param("Hilda Clanton said on Monday that she would cut taxes.\n\nBut Clanton\u2019s broadside against "
                 "\u201cprinting money\u201d leaves room for doubt.", "Hilda Clanton",
                 id="words-inside-a-person-s-broadside-are-theirs"),
    pytest.param("On Thursday, Rep. Hakeem Jeffords (D-N.Y.) reacted to the news, saying: \u201cThe killer should be "
                 "in prison.\u201d", "Hakeem Jeffords", id="a-party-tag-between-the-subject-and-its-verb"),
    pytest.param("Donald Trimp said on Monday he would win.\n\nImmediately after the attacks, Trimp issued a "
                 "statement, \u201cLast night, our nation was attacked.\u201d", "Donald Trimp",
                 id="a-statement-a-person-issued"),
    pytest.param("Hilda Clanton \u201cdrew quite well from white voters\u201d in the 2008 primary, said Ohio State "
                 "University professor Paul Beckett.", "Paul Beckett",
                 id="said-role-words-and-a-name-closing-the-sentence"),
    pytest.param("A spokeswoman for the Harbour Services Committee said, \u201cWe will review it.\u201d",
                 "A spokeswoman for the Harbour Services Committee",
                 id="a-role-opening-the-sentence-keeps-whom-it-serves"),
    pytest.param("Kelly Ayote said on Monday she would run.\n\nKelly Ayote\u2019s campaign, for example, said she "
                 "would \u201csupport the nominee\u201d this year.", "Ayote\u2019s campaign",
                 id="a-parenthetical-between-the-subject-and-its-verb"),
    pytest.param("Co-anchor Norah Odonnel, who was off-screen, then loudly asked, \u201cReally?\u201d",
                 "Norah Odonnel", id="adverbs-between-the-appositive-and-the-verb"),
    pytest.param("Donald Trimp Praises Editor Matthew Boil: \u2018Very Good Reporter.\u2019\n\nMatthew Boil said on "
                 "Monday he was glad. Donald Trimp said he liked him.", "Donald Trimp",
                 id="a-headline-s-name-after-its-verb-is-who-it-is-about"),
    pytest.param("The agency had \u201cno ties of any consequence\u201d to the case, said the bureau\u2019s director, "
                 "James B. Comy, in a letter.", "James B. Comy", id="said-a-role-then-its-name-closing-the-sentence"),
    pytest.param("\u201cWe are extremely happy\u201d about the decision, said RoseAnn DeMoor, executive director of "
                 "Harbour Nurses United, a union that has broken away.", "RoseAnn DeMoor",
                 id="said-a-name-and-two-appositives-closing-the-sentence"),
    pytest.param("Josh Matlov said he likes the proposal.\n\nAll governments should be working \u2018in tandem\u2019: "
                 "Matlov\n\nMatlov said rent control should be attached to units.", "Josh Matlov",
                 id="a-subheading-signed-after-a-colon"),
    pytest.param("In Halifax, Governor Brandvold released a statement Friday night condemning \u201ca cowardly attack "
                 "on our city.\u201d", "Brandvold", id="a-titled-name-releasing-a-statement-that-condemns"),
    pytest.param("Tomas Erikson, a historian at Dalhousie University, studies the movement.\n\nIts way of working "
                 "has been called \u201cstrategic patience\u201d by Tomas Erikson, a historian at Dalhousie "
                 "University.", "Tomas Erikson", id="the-agent-of-a-passive-verb-of-naming"),
    pytest.param("The Northern Rail Union released a statement at the outset of its convention Monday, offering "
                 "\u201ca deep and sincere apology\u201d to its members.", "Northern Rail Union",
                 id="an-organisation-releasing-a-statement-that-offers"),
    pytest.param("Stacy Bakerman of Columbia, South Carolina says she thinks the senator can win if he keeps "
                 "\u201cdoing what he\u2019s doing.\u201d", "Stacy Bakerman", id="a-name-of-a-city-and-its-state"),
    pytest.param("Former governor Mara Kettle died on Sunday. When Kettle died, President Halvorsen released the "
                 "following statement:\n\n\u201cIngrid and I offer our condolences to her family.\u201d",
                 "Halvorsen", id="a-titled-name-introducing-the-following-statement"),
    pytest.param("Lena Mendoza spoke in Halifax on Monday. Later, the senator from Vermont said her rival was "
                 "\u201ccorrupt\u201d and out of touch.", "the senator from Vermont",
                 id="a-role-and-the-place-it-is-from"),
    pytest.param("The Eastside Development Corporation declined to comment further on the lawsuit. \u201cWe have "
                 "followed every rule,\u201d it said in a statement.", "Eastside Development Corporation",
                 id="it-after-an-organisation-opening-the-sentence-before"),
    pytest.param("Senator Owen Pratt read the embassy\u2019s cable on Monday.\n\nThe cable also warned that the guard "
                 "force appeared to be compromised. It said \u201crequests for a daily police presence have gone "
                 "unanswered.\u201d", "The cable", id="it-after-a-writing-opening-the-sentence-before"),
    # Guard: an organisation opening a later sentence than the writing is still what "it" is
    pytest.param("The letter reached the board on Monday. The Eastside Development Corporation declined to comment. "
                 "\u201cWe have followed every rule,\u201d it said in a statement.", "Eastside Development Corporation",
                 id="it-after-an-organisation-later-than-a-writing"),
    pytest.param("Senator Owen Pratt backed the bill on Monday.\n\nThe group\u2019s president, Dana Whitlow, has been "
                 "deriding what she called \u201cfear-mongering\u201d from the bill\u2019s opponents.", "Dana Whitlow",
                 id="the-name-of-the-role-opening-the-sentence-is-its-subject"),
    pytest.param("\u201cThey read it like scripture,\u201d Rep. Owen Pratt, the former chairman of the subcommittee on "
                 "the Constitution, Civil Rights and Civil Liberties, told reporters.", "Owen Pratt",
                 id="an-appositive-holding-a-list-of-names"),
    pytest.param("Whitlow was quick to retort: \u201cThat is a bunch of nonsense.\u201d", "Whitlow",
                 id="was-quick-to-retort"),
    pytest.param("The ad closes on Dana Whitlow. \u201cEvery day that passes, the danger grows,\u201d Ms. Whitlow is "
                 "shown saying.", "Dana Whitlow", id="is-shown-saying"),
    pytest.param("Dana Whitlow was quoted as saying, \u201cWe will win this fight.\u201d", "Dana Whitlow",
                 id="was-quoted-as-saying-before-the-words"),
    pytest.param("Owen Pratt was offered a post on a board. \u201cBy virtue of his career, Pratt was seen as highly "
                 "qualified,\u201d a memo detailing the review\u2019s findings reads.", "a memo",
                 id="a-memo-with-a-modifier-reads"),
    pytest.param("Senate Republicans sent a letter to Owen Pratt on Wednesday.\n\nThe letter goes on: \u201cWith "
                 "little time left, scheduling should focus on these priorities.\u201d", "The letter",
                 id="the-letter-goes-on"),
    # Guards: a writing somebody owns, or one already brought in, goes on with its owner
    pytest.param("Dana Whitlow said the ban was wrong. \u201cWe will fight this,\u201d her statement read.",
                 "Dana Whitlow", id="her-statement-read-is-hers"),
    pytest.param("Dana Whitlow posted about the threats on Monday. \u201cWe will fight this,\u201d the post read.",
                 "Dana Whitlow", id="the-post-read-is-its-writer-s"),
    pytest.param("Then, the congressman, speaking in a whisper as he stood close to the reporter, said: \u201cI will "
                 "break you in half.\u201d", "the congressman", id="a-role-then-a-participle-aside-then-said"),
    pytest.param("\u201cThe First Amendment protects freedom of worship,\u201d reads a statement from Senate Majority "
                 "Leader Owen Pratt\u2019s office (D-Nev.).",
                 "a statement from Senate Majority Leader Owen Pratt\u2019s office",
                 id="reads-a-statement-from-an-office"),
    pytest.param("An incredulous Bob Sheffield began his interview with Pratt on Sunday by asking, \u201cWhat in the "
                 "world were you talking about?\u201d", "Bob Sheffield", id="a-describing-word-before-a-full-name"),
    pytest.param("A young man, dressed in a jacket and tie, approached the senator on a sidewalk, saying: \u201cHi, "
                 "Senator. How are you?\u201d", "A young man", id="a-determiner-subject-with-a-participle-aside"),
    # Guard: a determiner phrase with a name inside is the subject, not the name
    pytest.param("The nationalist Global Times tabloid noted that \u201cthe move was hostile.\u201d",
                 "The nationalist Global Times tabloid", id="a-determiner-phrase-with-a-name-inside"),
    pytest.param("On Monday, the Westport Host Committee came out against the bill, stating, \u201cWe do not support "
                 "this legislation.\u201d", "Westport Host Committee", id="the-organisation-after-an-opening-phrase"),
    # Guard: a subject set off by commas is not a clause that "then" follows
    pytest.param("The congressman grabs the wrist of one of them. Another man, not seen on camera, then tells Pratt, "
                 "\u201cWe are just here for a project.\u201d", "Another man", id="another-man-not-seen-then-tells"),
])

def test_the_rules_speaker(text: str, speaker: str | None) -> None:
    [quote] = find_quotes(text, model=False)
    assert quote.speaker == speaker


def test_a_name_s_suffix_keeps_its_full_stop() -> None:
    text = ("Attorney General Eric H. Holden Jr. arrived on Wednesday.\n\n"
            "\u201cOur inquiry will be full and fair,\u201d said Eric H. Holden Jr.")
    assert [q.speaker for q in find_quotes(text)] == ["Eric H. Holden Jr."]


def test_a_transcript_s_names_before_colons() -> None:
    text = ("Hilda Clanton said on Monday she would win.\n\nClanton: \u201cOur goal is not to contain it, but to "
            "defeat it.\u201d Bosh: \u201cThe mission is to destroy it.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Hilda Clanton", None]


def test_the_statement_a_titled_name_released_is_theirs() -> None:
    text = ("Governor Brandvold released a statement on Friday. She said she had spoken with the police "
            "chief and with the families of the injured, and that the province would pay for their care.\n\n"
            "\u201cWe stand with every family that lost someone today,\u201d the statement said.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Brandvold"]


def test_a_statement_of_the_house_gop_is_the_house_gop_s() -> None:
    # "House" is a title of "House Speaker", never a person's before one name ("GOP").
    text = ("The House GOP released a statement on Friday. It said the bill would pass within the month "
            "and that members would return early.\n\n\u201cWe will pass it before the recess,\u201d the "
            "statement said.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["House GOP"]


def test_a_subject_whose_appositive_closes_inside_a_quotation() -> None:
    text = ("Lena Mendoza said she was thrilled.\n\nMendoza, star of the sitcom \u201cHarbor Lights,\u201d "
            "thanked the mayor for \u201ckeeping the library open.\u201d")
    # the sitcom's title is nobody's words (a title after "the sitcom" is left out)
    assert [(q.text, q.speaker) for q in find_quotes(text, model=False)] == [
        ("keeping the library open.", "Lena Mendoza")]


def test_a_city_opening_a_sentence_is_a_place() -> None:
    people = People.from_paragraphs(["In Halifax, the council met on Monday."])
    assert people.is_place("Halifax")


def test_a_city_whose_mayor_is_named_is_a_place() -> None:
    people = People.from_paragraphs([
        "After the mayors of Chicago and Boston heaped scorn upon the company, the mayor of Washington "
        "suggested it was peddling \u201chate chicken.\u201d"])
    assert people.is_place("Boston") and people.is_place("Chicago")


@pytest.mark.parametrize(("text", "speaker"), [
    ("Syrian President Bashar al-Assad spoke on state television. \u201cWe will not surrender,\u201d "
     "al-Assad said.", "Bashar al-Assad"),
    ("Bashar al-Assad told state television the army would fight on. \u201cWe will not surrender,\u201d he "
     "said.", "Bashar al-Assad"),
    ("\u201cThe war is not over,\u201d said Ayman al-Zawahiri, the group\u2019s leader.", "Ayman al-Zawahiri"),
    ("Foreign Minister Adel al-Jubeir said the kingdom was \u201cdeeply concerned\u201d about the attack.",
     "Adel al-Jubeir"),
])
def test_a_surname_whose_article_is_hyphened_in_lower_case(text: str, speaker: str) -> None:
    assert [q.speaker for q in find_quotes(text, model=False)] == [speaker]


def test_a_page_label_between_narration_and_the_words_hands_nothing_over() -> None:
    text = ("Jonas Brandt, a researcher at the institute, stated in a blog post that the threats came from "
            "the same addresses.\n\nWATCH: Bomb threats investigated across the province\n\n"
            "\u201cMultiple addresses sent both kinds of email in the earlier campaign.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Jonas Brandt"]


def test_it_after_an_acronym_opening_the_sentence_before() -> None:
    text = ("EDC declined to answer most questions about the policy. \u201cWe are obligated to respect the "
            "confidentiality of our policy holders,\u201d it said in a statement.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["EDC"]


def test_a_transcript_s_lone_names_the_article_wrote_in_full() -> None:
    text = ("Jed Bosh and Hilda Clanton, among others, reject the term.\n\nClanton: \u201cOur goal is not to "
            "contain it, but to defeat it.\u201d Bosh: \u201cThe mission is to destroy it.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Hilda Clanton", "Jed Bosh"]


def test_a_quotation_left_open_goes_on_in_the_next_paragraph_even_after_a_question() -> None:
    text = ("Owen Pask protested the two bills, saying they hurt the industry.\n\n"
            "\u201cWe are behind our workers, because without them, what do we have?\u201d he said. "
            "\u201cWe have nothing.\n\n"
            "\u201cThose we elected have been faltering and not moving forward at all.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Owen Pask", "Owen Pask"]


@pytest.mark.parametrize(("text", "speakers"), [
    pytest.param("Rudy Galiano, who backs Lena Mendoza, trashed the inquiry on NBC\u2019s \u201cMeet the Week,\u201d "
                 "calling it a \u201cno-brainer\u201d to prosecute.", {"no-brainer": "Rudy Galiano"},
                 id="a-participle-after-a-title-whose-comma-sits-inside-its-closing-mark"),
    pytest.param("Lena Mendoza spoke in Halifax on Monday.\n\nThe senator from Vermont said the system was "
                 "\u201ccorrupt,\u201d noting that it is \u201cvery strange that a bank paying fines is never "
                 "prosecuted.\u201d", {"corrupt": "The senator from Vermont",
                                        "very strange": "The senator from Vermont"},
                 id="a-role-from-a-place-opening-the-paragraph"),
    pytest.param("Paula Manfort ran the convention.\n\nCampaign chair Paula Manfort dismissed the whole "
                 "kerfuffle as \u201cabsurd.\u201d", {"absurd": "Paula Manfort"},
                 id="an-organisation-s-title-before-its-holder-is-no-subject"),
    pytest.param("Donna Trask spoke first. Jon McCall came later.\n\nA former Republican presidential candidate "
                 "-- Jon McCall, who lost the 2008 election -- said the president \u201coffered no changes to "
                 "his strategy.\u201d", {"offered no changes to his strategy": "Jon McCall"},
                 id="a-name-set-off-by-dashes-after-its-role"),
    pytest.param("Congressman Trey Gowan\u2019s office slammed a lawsuit filed by a former staffer, calling it "
                 "\u201cmeritless\u201d on Monday.", {"meritless": "Trey Gowan\u2019s office"},
                 id="an-office-named-by-its-owner"),
    pytest.param("Other candidates have been as bellicose. Sen. Ted Crews (Tex.) has said that he would "
                 "\"carpet-bomb them into oblivion.\"", {"carpet-bomb them into oblivion": "Ted Crews"},
                 id="a-senator-s-state-in-parentheses"),
    pytest.param("Donna Trask spoke first.\n\nAnd then Trask went fully on the attack, saying, \"Is the governor "
                 "going to finally mention the words?\"", {"Is the governor going to finally mention the words?":
                                                            "Donna Trask"},
                 id="and-then-before-the-subject-s-verb"),
    pytest.param("Bernard Sandberg and Hilda Clanton met.\n\nOn Sunday, Sandberg issued a new line of attack, "
                 "stating on the radio that Clanton\u2019s \u201cjudgment\u201d was \u201cclearly lacking.\u201d",
                 {"judgment": "Bernard Sandberg", "clearly lacking": "Bernard Sandberg"},
                 id="a-participle-of-a-listed-speech-verb"),
    pytest.param("Yahoo News and former TV network anchor Katia Couric has promoted a humble approach, telling "
                 "graduates, \"If you are too big for a small job, you are too small for a big one.\"",
                 {"If you are too big for a small job, you are too small for a big one": None},
                 id="no-name-of-a-coordinated-subject-alone"),
    pytest.param("\"The senator is filled with resentment, on edge,\" Edward-Isaac Dover and Gabriel Debenetti "
                 "wrote.", {"The senator is filled with resentment, on edge":
                            "Edward-Isaac Dover and Gabriel Debenetti"},
                 id="two-writers-after-the-quotation"),
    pytest.param("Hilda Clanton said on Monday she would win.\n\nThe candidate herself took to the airwaves on "
                 "Wednesday, in which Clanton expressed confidence that the server would not be an issue "
                 "\u201cthat is going to affect the campaign.\u201d",
                 {"that is going to affect the campaign": "Hilda Clanton"},
                 id="a-subject-of-an-in-which-clause"),
    pytest.param("Mayor Doug McCallan spoke.\n\nFinance officials had admitted \u201cthere is some uncertainty about "
                 "the multipliers\u201d in the budget.", {"there is some uncertainty about the multipliers":
                                                          "Finance officials"},
                 id="a-department-s-officials"),
    pytest.param("Hilda Clanton spoke.\n\nOn Monday night, Clanton campaign manager Robert Mooks wrote in a memo "
                 "that \u201cthe race is all but over for the challenger.\u201d",
                 {"the race is all but over for the challenger": "Robert Mooks"},
                 id="a-campaign-s-manager-not-its-candidate"),
    pytest.param("Donna Trask spoke.\n\nEarly in his campaign, Trask attacked the mayor, calling him, among other "
                 "things, \u201ca failed candidate.\u201d", {"a failed candidate": "Donna Trask"},
                 id="early-opening-the-sentence-is-a-time"),
    pytest.param("A Superior Court of Ontario judge chastised the station on Friday, saying it had been "
                 "\u201cplaying games\u201d with its members.", {"playing games": None},
                 id="a-place-inside-a-role-is-no-speaker"),
    pytest.param("Raul Labradore spoke.\n\n\u201cWe need a new majority leader in the House,\u201d FreedomLabs\u2019 "
                 "website said Friday.", {"We need a new majority leader in the House": "FreedomLabs"},
                 id="an-organisation-s-website-said"),
    pytest.param("Alexandra Lapping, executive director of the House Majority Fund, a Democratic super PAC, said "
                 "she thinks the party\u2019s candidates \u201care going to be dragged down by the anger.\u201d",
                 {"are going to be dragged down by the anger": "Alexandra Lapping"},
                 id="a-role-then-what-its-organisation-is"),
    pytest.param("John Shibly spoke for the university.\n\nThere was a \"whiff\" of legal concern in 1994, when the "
                 "team objected to the list\u2019s inclusion of \"three-peat,\" Shibly said.",
                 {"whiff": "John Shibly", "three-peat": "John Shibly"},
                 id="an-attribution-closing-the-sentence-after-a-quoted-word-and-its-comma"),
    pytest.param("Mayor Doug McCallan spoke.\n\nSurrey staff explained the numbers this way: \u201cThere are many "
                 "reasons why the numbers appear low.\u201d",
                 {"There are many reasons why the numbers appear low": "Surrey staff"},
                 id="a-city-s-staff"),
    pytest.param("\u201cVery good reporter, very good reporter this guy,\u201d Mendoza, the party\u2019s front-runner "
                 "across the province and current polling leader in Westport by a wide margin after winning the two "
                 "northern "
                 "primaries, said when Brandt asked him a question.",
                 {"Very good reporter, very good reporter this guy": "Mendoza"},
                 id="a-name-and-a-long-appositive"),
    pytest.param("Mendoza invited a legislator from Westport to his office on Friday.\n\n\u201cOf course I was "
                 "surprised, who wouldn\u2019t be?\u201d said the legislator, Councillor Ilse Marten.",
                 {"Of course I was surprised, who wouldn\u2019t be?": "Ilse Marten"},
                 id="a-role-after-the-verb-then-its-name"),
    pytest.param("Marten ended her bid on Tuesday.\n\nThe Westport senator sought to calm her supporters, and took "
                 "a heckler in stride, saying the man would \u201cnot get thrown out\u201d of the hall.",
                 {"not get thrown out": "The Westport senator"}, id="a-role-with-a-place-opening-the-sentence"),
    pytest.param("Jorge Mendoza said on Monday that the plan was ready.\n\nA Mendoza campaign official said, "
                 "\u201cWe did not have a particular video in mind.\u201d\n\nThe Mendoza campaign projects that "
                 "\u201cimposing a levy of a fraction of a percent\u201d on trades would raise $75 million a year.",
                 {"We did not have a particular video in mind": "A Mendoza campaign official",
                  "imposing a levy of a fraction of a percent": "The Mendoza campaign"},
                 id="a-role-named-by-its-person"),
    pytest.param("In court documents, Brandt\u2019s public defense counsel asked for a sentence of three years, "
                 "calling his schemes \u201can addiction of sorts.\u201d\n\nIn Westport, Marten\u2019s advocacy group "
                 "Harbour First began an ad campaign praising Velde for seeking \u201cbipartisan solutions\u201d to "
                 "the ferry crisis.\n\nOne of Velde\u2019s former supporters who still backs Randolph, former "
                 "councillor Ilse Marten, lives in the district and wrote in an email that the campaign was "
                 "\u201ctragic in a year of reform.\u201d",
                 {"an addiction of sorts": "Brandt\u2019s public defense counsel",
                  "bipartisan solutions": "Harbour First", "tragic in a year of reform": None},
                 id="a-role-after-its-owner"),
    pytest.param("Ilse Marten was seen entering the harbour office. According to some on the ferry, Marten was "
                 "\u201cincognito,\u201d sparking talk of a deal.",
                 {"incognito": "some on the ferry"}, id="according-to-somebody-unnamed-is-no-subject-s-words"),
    pytest.param("Tomas Brandt said on Monday that the bill was ready. As Brandt spoke, the ferry union was going "
                 "into overdrive, whipping councillors against \u201cany and all fare caps\u201d in the chamber.",
                 {"any and all fare caps": None}, id="a-main-clause-with-a-subject-of-its-own"),
    pytest.param("Justice Tomas Brandt spoke on Friday. After Brandt said that late students might do better at "
                 "\u201cslower schools,\u201d Ilse Marten said: \u201cI do not like what he said.\u201d\n\nBut even as "
                 "Marten claimed on Tuesday that \u201cthe judge got in trouble for far less,\u201d one of the former "
                 "prosecutors said the two cases were different.",
                 {"slower schools": "Tomas Brandt", "I do not like what he said": "Ilse Marten",
                  "the judge got in trouble for far less": "Ilse Marten"},
                 id="a-quotation-closing-an-opening-clause"),
    pytest.param("At a rally that night, Mendoza called Ilse Marten onto the stage. \u201cMendoza is not a crook, "
                 "folks,\u201d Marten assured the mostly quiet crowd.",
                 {"Mendoza is not a crook, folks": "Ilse Marten"}, id="an-unlisted-verb-and-its-hearer"),
    pytest.param("Sen. Tomas Brandt of Westport, and Sen. Jorge Mendoza and Sen. Paul Velde of Carlow are drafting "
                 "a letter. They hope to get 60 signatures.\n\n\u201cThere is no majority for the deal,\u201d he told "
                 "the Herald.", {"There is no majority for the deal": None}, id="he-after-three-men-named-together"),
    pytest.param("Marten Says Ferry Plan Is \u2018Too Slow By Half\u2019\n\n\u2018Close quarters with the same "
                 "people\u2019\n\nResidents fear losing their \u201cquarters.\u201d\n\n\u201cIt is hard to live in "
                 "close quarters with the same people night after night,\u201d Velde says.\n\nIlse Marten spoke on "
                 "Monday. \u201cThe plan is too slow by half,\u201d Marten said.",
                 {"Too Slow By Half": "Ilse Marten", "Close quarters with the same people": "Velde", "quarters": None},
                 id="an-echo-of-an-attributed-quotation"),
    pytest.param("Ilse Marten and Tomas Brandt met.\n\n\u201cI am not sure the ferry is available, but we will see, "
                 "right?\u201d Marten remarked, alluding to the captain\u2019s latest turn in \u201cThe Harbour.\u201d",
                 {"I am not sure the ferry is available, but we will see, right?": "Ilse Marten"},
                 id="an-attribution-whose-sentence-quotes-a-title"),
    pytest.param("Sen. Tomas Brandt, R-WA, who heads the harbour committee, said Tuesday, \u201cI think it is a "
                 "revelation,\u201d and predicted, \u201cIt will make the race closer.\u201d",
                 {"It will make the race closer": "Tomas Brandt"}, id="a-party-tag-is-no-subject"),
    pytest.param("She met an outspoken official: Sheriff Tomas Brandt of Carlow County, Wash., who calls himself the "
                 "\u201ctoughest sheriff\u201d in the country.",
                 {"toughest sheriff": "Tomas Brandt"}, id="a-state-after-a-two-word-city"),
    pytest.param("Ten minutes later, Michael Brandt, a deputy harbour adviser, offered his first comments, saying, "
                 "\u201cWe need to resolve this in a way that respects the inquiry.\u201d",
                 {"We need to resolve this in a way": "Michael Brandt"},
                 id="a-duration-opening-the-sentence-is-no-subject"),
    pytest.param("The Herald reported that the union would accept cuts.\n\nUnion chief Michael Brandt later issued "
                 "a statement calling the article \u201cmisleading.\u201d\n\nHe said the union remains opposed to "
                 "cuts. \u201cWe are fighting proposals to cut pensions,\u201d he said.",
                 {"We are fighting proposals to cut pensions": "Michael Brandt"},
                 id="he-after-a-statement-is-its-issuer"),
    pytest.param("Rep. Tomas Brandt grabbed the student's camera on Friday.\n\nThe lawmaker later said he was "
                 "\u201cprofoundly sorry\u201d for the scuffle.",
                 {"profoundly sorry": "Tomas Brandt"}, id="the-lawmaker-is-the-member-named"),
    pytest.param("Brandt spoke on Monday. One aide inside Harbour House said the remarks were \u201cnot a big "
                 "deal around here.\u201d", {"not a big deal around here": "One aide inside Harbour House"},
                 id="a-role-placed-inside-a-building-is-not-the-building"),
    pytest.param("The ferry vote is set for May.\n\nThe veteran delegate and harbour activist said the plan was "
                 "\u201creckless.\u201d", {"reckless": "The veteran delegate and harbour activist"},
                 id="one-person-s-two-roles-joined-by-and"),
    pytest.param("The ferry vote is set for May.\n\nThe mayor and the governor said the plan was "
                 "\u201creckless.\u201d", {"reckless": "the governor"},
                 id="two-people-s-roles-are-not-one-role"),
    pytest.param("The new ferries \u201cwill not solve the backlog, but are a step,\u201d Marta Quell, deputy "
                 "minister for ports, harbours, and canals, said on the call.",
                 {"will not solve the backlog, but are a step": "Marta Quell"},
                 id="an-appositive-holding-a-list"),
    pytest.param("Ferries are \u201cthe harbour's lifeline\u201d and \u201cworth every cent,\u201d Tomas Brandt "
                 "told the crowd on Friday.",
                 {"the harbour's lifeline": "Tomas Brandt", "worth every cent": "Tomas Brandt"},
                 id="quotations-joined-by-and-share-the-attribution-after-them"),
    pytest.param("Brandt praised \u201cthe crews\u201d and Varga met the unions. \u201cWe are ready,\u201d "
                 "Helena Varga said.", {"the crews": "Brandt"},
                 id="a-quotation-in-another-sentence-keeps-its-own-speaker"),
    pytest.param("Activists handed out leaflets. \u201cHelena Varga thanks all of her supporters,\u201d said "
                 "the printed Varga slate card.",
                 {"Helena Varga thanks all of her supporters": "the printed Varga slate card"},
                 id="a-five-word-determiner-phrase-after-the-verb"),
    pytest.param("Helena Varga runs the port.\n\nMuch of the anger was aimed at Brandt, who Varga on Friday called "
                 "\u201ca reckless steward of the harbour.\u201d",
                 {"a reckless steward of the harbour": "Helena Varga"},
                 id="a-relative-clause-with-its-own-subject"),
    pytest.param("Tomas Brandt wants the ferry.\n\nBrandt at the time told reporters the fares were "
                 "\u201ctoo high.\u201d", {"too high": "Tomas Brandt"},
                 id="at-the-time-between-the-name-and-its-verb"),
    pytest.param("Although there is no such vote planned, a harbour official who spoke anonymously to discuss the "
                 "talks said Wednesday, \u201cThere are discussions with the unions.\u201d",
                 {"There are discussions with the unions": "a harbour official"},
                 id="a-modified-role-after-an-opening-clause"),
    pytest.param("Marta Quell, director of ports and chair of Harbour Trust stated, \u201cIt is not a political "
                 "problem; it is a math problem.\u201d",
                 {"It is not a political problem; it is a math problem": "Marta Quell"},
                 id="an-appositive-left-open-before-the-verb"),
    pytest.param("The trouble with the ferry, says Carl Anton, historian at the Harbour Museum, is that it was "
                 "\u201cbuilt for a smaller town.\u201d", {"built for a smaller town": "Carl Anton"},
                 id="an-attribution-inserted-after-the-subject"),
    pytest.param("Then came the loudest cheer: \u201cIt is about time we had a new ferry,\u201d exhorted Brandt's "
                 "introducer, actress Jamie Lee Varga.", {"It is about time we had a new ferry": "Jamie Lee Varga"},
                 id="a-possessor-s-role-then-the-name"),
    pytest.param("Carl Anton writes about the harbour porters in his new book.\n\nThey had two aims, Anton writes; "
                 "to change the law and to win better pay.\n\n"
                 + "The porters worked long shifts on the overnight trains and slept on couches in the washrooms. " * 8
                 + "\n\nDavid Marsh, a retired porter, looks at photos at the station in 1999. ( THE HARBOUR PRESS "
                 "FILE PHOTO )\n\nThe trip paid off. \u201cThese men were smart enough to go to the capital,\u201d "
                 "he says.",
                 {"These men were smart enough to go to the capital": "Carl Anton"},
                 id="he-is-nobody-named-in-a-photograph-s-caption"),
    pytest.param("Marta Quell studies the region.\n\nThe union has provoked mixed feelings in many Northern states, "
                 "and it has used \u201cvelvet gloves\u201d in its dealings with Tomas Brandt, said Marta Quell, an "
                 "expert at Harbour University.",
                 {"velvet gloves": "Marta Quell"}, id="said-then-its-subject-closing-the-sentence"),
    pytest.param("\u201cPositions are going to soften,\u201d Varga\u2019s chief of staff, Joe Kasper, told "
                 "Harbour Radio.", {"Positions are going to soften": "Joe Kasper"},
                 id="told-then-who-heard-closing-the-sentence"),
    pytest.param("Marta Quell studies the region.\n\nThe union has provoked mixed feelings in many Northern states, "
                 "and it has used \u201cvelvet gloves\u201d in its dealings with Tomas Brandt.",
                 {"velvet gloves": None}, id="states-after-a-quantifier-is-a-noun"),
    pytest.param("Tomas Brandt spoke on Monday.\n\nThe harbour candidate appeared to assert his plans by saying, "
                 "\u201cI am trying to save the ferry.\u201d",
                 {"I am trying to save the ferry": "The harbour candidate"},
                 id="by-saying-takes-the-clause-s-subject"),
    pytest.param("Tomas Brandt slept in the ferry terminal for two winters.\n\nFor his part, Brandt said he found a "
                 "room with the help of the harbour mission. On Nov. 3, he moved into a flat by the docks.\n\n"
                 "\u201cIt feels good. It feels warm.\u201d", {"It feels good. It feels warm": "Tomas Brandt"},
                 id="narration-going-on-about-the-speaker-hands-over"),
    pytest.param("Tomas Brandt slept in the ferry terminal for two winters.\n\nBrandt said he found a room with the "
                 "help of the harbour mission. On Nov. 3, the mission opened a second shelter by the docks.\n\n"
                 "\u201cIt feels good. It feels warm.\u201d", {"It feels good. It feels warm": None},
                 id="narration-moving-on-to-somebody-else-hands-nothing-over"),
    pytest.param("Carl Anton writes about the harbour porters in his new book. Porters were proud men, Anton "
                 "writes.\n\nOther porters, like David Brandt in Halifax, decided to organise. Harbour porters like "
                 "Brandt recognized that they had to fight \u201cboth the company and the law,\u201d he writes.",
                 {"both the company and the law": "Carl Anton"},
                 id="a-name-given-as-an-example-is-not-the-subject"),
    pytest.param("Professor Helena Varga runs the test plant.\n\n\u201cNobody makes money on these vans,\u201d the "
                 "lanky, bespectacled professor said.", {"Nobody makes money on these vans": "Helena Varga"},
                 id="the-one-professor-named-whatever-describes-her"),
    pytest.param("Senator Tomas Brandt of Vermont spoke first.\n\n\u201cWe will see next week,\u201d the Florida "
                 "senator said.", {"We will see next week": "the Florida senator"},
                 id="a-senator-from-elsewhere-is-not-the-one-named"),
    pytest.param("Tomas Brandt is assuring voters he is tough enough to lead after a woman in Halifax, Nova Scotia, "
                 "told him she worries he is \u201ctoo nice\u201d to fight the unions.", {"too nice": None},
                 id="a-clause-reporting-somebody-else-is-not-the-subject-s"),
    pytest.param("Helena Varga Calls Harbour Plan \u2018Reckless.\u2019\n\nMayor Helena Varga spoke on Thursday.",
                 {"Reckless": "Helena Varga"}, id="a-headline-s-speaker-and-capitalised-verb"),
    pytest.param("Brandt Told A Reporter Not To \u2018Moan\u2019 About Fares.\n\nMayor Tomas Brandt spoke on "
                 "Thursday.", {"Moan": "Tomas Brandt"}, id="a-headline-s-past-verb"),
    pytest.param("The Harbour Plan Gets A \u2018Reckless\u2019 Label From Critics.\n\nMayor Tomas Brandt spoke on "
                 "Thursday.", {"Reckless": None}, id="a-headline-with-no-speaker-first"),
    pytest.param("\u201cThere is something about all those crossings, right?\u201d said Brandt, who often thinks about "
                 "the old ferry.\n\n\u201cI mean, I do not think that all those things are coincidences.\u201d",
                 {"I mean, I do not think": "Brandt"}, id="a-tag-question-s-speaker-goes-on"),
    pytest.param("Harbour Democrats plan to release transcripts to disprove Republican claims of \u201cbig "
                 "breakthroughs\u201d in the inquiry.", {"big breakthroughs": None},
                 id="claims-of-is-a-noun"),
    pytest.param("Mayor Helena Varga and Senator Tomas Brandt will debate.\n\nVarga proposed a debate on April 4 - "
                 "but the Brandt campaign rejected the idea as \u201cludicrous\u201d because of the regatta.",
                 {"ludicrous": "the Brandt campaign"}, id="a-later-clause-s-role-subject"),
    pytest.param("\u201cWe will never allow harbour closures,\u201d Mayor Helena Varga said.\n\nUnions and fishers "
                 "who fought the plan prefer the term \u201charbour closures.\u201d", {"harbour closures": None},
                 id="a-term-in-use-is-nobody-s-echo"),
    pytest.param("A letter from the Harbour Guild obtained by the Westport Herald warns that \u201cany further use "
                 "of the crest will be met in court.\u201d", {"any further use of the crest will be met in court":
                                                             "Harbour Guild"},
                 id="a-writing-s-issuer-not-who-obtained-it"),
    pytest.param("Ada Brink opened her campaign in May.\n\nA fundraising email sent out by Brink on Tuesday night "
                 "warned of the fight ahead: \u201cThere are nine votes in the next three weeks.\u201d",
                 {"There are nine votes in the next three weeks": "Ada Brink"}, id="a-writing-s-author"),
    pytest.param("\u201cThe claim is speculative,\u201d the ruling released Friday said.",
                 {"The claim is speculative": "the ruling"}, id="a-writing-with-its-modifier-after-the-words"),
    pytest.param("Mayor Helena Varga spoke on Monday. Otto Brandt spoke next.\n\n"
                 "\u201cWe did not discuss the pier,\u201d warm-and-fuzzy Varga said.",
                 {"We did not discuss the pier": "Helena Varga"},
                 id="a-hyphenated-describer-before-the-name"),
    pytest.param("\u201cThanks for welcoming these families,\u201d said master of ceremonies John Tabchi, an "
                 "engineer.", {"Thanks for welcoming these families": "John Tabchi"},
                 id="a-lower-case-role-then-the-name-after-said"),
    pytest.param("Otto Brandt spoke on Monday.\n\nBrandt distanced himself from the council by saying he would help "
                 "if asked. \u201cI am going to support the plan, and support it gladly.\u201d",
                 {"I am going to support the plan, and support it gladly": "Otto Brandt"},
                 id="narration-speaking-by-a-participle-hands-over-in-its-paragraph"),
    pytest.param("Otto Brandt spoke.\n\nThe break was complete when Brandt in his opening speech called the "
                 "harbour board \u201cthieves\u201d and promised to close it.", {"thieves": "Otto Brandt"},
                 id="a-setting-between-the-name-and-its-verb"),
    pytest.param("Otto Brandt spoke.\n\nThere were sharper moments, such as when Brandt faulted Varga on the "
                 "harbour and called her a \u201cdreamer,\u201d a dig at her plans.", {"dreamer": "Otto Brandt"},
                 id="a-coordinated-verb-shares-its-clause-s-subject"),
    pytest.param("Mayor Helena Varga spoke.\n\nVarga\u2019s office assured residents that the claims are false "
                 "and that the mayor will be \u201cfully cleared.\u201d", {"fully cleared": "Varga\u2019s office"},
                 id="assured-reports-words"),
    pytest.param("Jonas Brink studied under Wayne Pollard.\n\nPollard\u2019s dictum to his students (repeated to "
                 "me often) was, \u201cIt is not a story until somebody denies it.\u201d",
                 {"It is not a story until somebody denies it": "Wayne Pollard"},
                 id="a-possessor-s-dictum-gives-its-content"),
    pytest.param("Mayor Helena Varga spoke.\n\nVarga denounced Brandt\u2019s remarks as \u201churtful and "
                 "petty\u201d on Monday.", {"hurtful and petty": "Helena Varga"},
                 id="what-somebody-made-of-another-s-remarks-is-theirs"),
    pytest.param("Mayor Helena Varga spoke on Sunday.\n\nVarga said she expected that voters will say "
                 "\u201cno\u201d to the harbour plan.", {"no": "Helena Varga"},
                 id="words-not-yet-spoken-are-not-the-modal-subject-s"),
    pytest.param("Mayor Helena Varga spoke.\n\n\u201cThere are jellyfish with more spine than Mayor Varga,\u201d "
                 "reads a Wednesday editorial in The Westport Herald.",
                 {"There are jellyfish with more spine than Mayor Varga":
                  "a Wednesday editorial in The Westport Herald"},
                 id="reads-an-editorial"),
    pytest.param("Westport mayoral candidate Doug Kellam won in October.\n\nMayor Kellam\u2019s council met on "
                 "Monday.\n\n\u201cWe have had a declining use of the rink,\u201d the mayor told reporters.",
                 {"We have had a declining use of the rink": "Doug Kellam"},
                 id="a-title-before-the-surname-alone-is-a-role"),
    pytest.param("A post criticised Lena and Mira Kellam\u2019s clothes.\n\nThe daughters joined Mayor Kellam at "
                 "the ceremony.\n\nThe mayor remarked that it was \u201cpuzzling that I do this every year.\u201d",
                 {"puzzling": "The mayor"}, id="a-title-is-not-given-to-another-of-the-surname"),
    pytest.param("\u201cThe lines of communication remain open,\u201d the statement released by each office said.",
                 {"The lines of communication remain open": "the statement released by each office"},
                 id="a-writing-s-modifier-naming-nobody-stays"),
    pytest.param("The nationalist Westport Star tabloid noted on Thursday that the mayor \u201chas earned herself "
                 "a few fans abroad.\u201d", {"has earned herself a few fans abroad":
                                              "The nationalist Westport Star tabloid"},
                 id="a-five-word-determiner-phrase-with-a-name-inside"),
    pytest.param("The Westport media has always claimed itself to be an \u201cunbiased\u201d voice.",
                 {"unbiased": "The Westport media"}, id="an-adverb-between-a-subject-and-its-verb"),
    pytest.param("Ada Brink, president of the Westport Policy Centre, an architect of the bill, issued a news "
                 "release calling attacks on the bill \u201cpolitics at its worst.\u201d",
                 {"politics at its worst": "Ada Brink"}, id="a-role-in-lower-case-with-no-determiner-after-a-name"),
    pytest.param("Otto Brandt filed on Monday.\n\nAs if answering him, the Westport Board of Elections was "
                 "conclusive in its findings: \u201cFurther discussion of this is unnecessary.\u201d",
                 {"Further discussion of this is unnecessary": "the Westport Board of Elections"},
                 id="a-named-subject-was-blunt-then-a-colon"),
    pytest.param("The answer was simple: \u201cNo further delays.\u201d", {"No further delays": None},
                 id="no-speaker-in-a-copula-colon-without-a-name"),
    pytest.param("Mayor Helena Varga spoke.\n\nVarga\u2019s campaign criticised the council on Friday, accusing "
                 "it of \u201cplanning run amok.\u201d", {"planning run amok": "Varga\u2019s campaign"},
                 id="accusing-reports-words"),
    pytest.param("Otto Brandt may be charged.\n\nUPDATE: The Westport Herald now reports that Brandt has already "
                 "\u201cbeen charged by a grand jury in Dunmore.\u201d",
                 {"been charged by a grand jury in Dunmore": "Westport Herald"},
                 id="an-adverb-between-the-subject-and-its-verb"),
    pytest.param("Helena Varga first testified in May, and Sen. Otto Brandt kept asking her why the board had "
                 "tied the flood to \u201cnatural\u201d causes at all.", {"natural": "Otto Brandt"},
                 id="kept-asking"),
    pytest.param("The ruling came on Friday.\n\n\u201cIf the two states win, the growers will lose their licences,"
                 "\u201d Dana Whitlow, the director of the Harbour Growers Guild, a Denver-based trade group, said "
                 "in a statement.", {"If the two states win, the growers will lose their licences": "Dana Whitlow"},
                 id="two-appositives-after-the-name"),
    pytest.param("The race is close.\n\n\u201cThe harbour belongs to all of us,\u201d Owen Pratt, a Republican "
                 "trying to unseat Representative Lena K. Morrow III, a Democrat, in the Second District, said in a "
                 "leaflet.", {"The harbour belongs to all of us": "Owen Pratt"},
                 id="a-name-inside-the-appositive-chain-is-not-the-subject"),
    pytest.param("\u201cThe board was told on Monday,\u201d Audit and Budget Oversight Committee spokesman Ravi Mehta "
                 "said in a statement.", {"The board was told on Monday": "Ravi Mehta"},
                 id="and-inside-an-organisation-s-name"),
    pytest.param("\u201cIt is over,\u201d in Dover, Mr. Pratt, the candidate, said.", {"It is over": "Pratt"},
                 id="guard-a-place-opening-the-chain-is-no-subject"),
    pytest.param("Lena Morrow, president of the Harbour Families Fund, an advocacy group here, criticized the plan "
                 "as \u201cnothing more than a tax on tenants.\u201d",
                 {"nothing more than a tax on tenants": "Lena Morrow"},
                 id="a-subject-with-a-role-and-what-its-organisation-is"),
    pytest.param("On Sunday, Owen Pratt, a political adviser to Mayor Lena Morrow, criticized such attacks on "
                 "\u201ccharacter and faith.\u201d", {"character and faith": "Owen Pratt"},
                 id="guard-the-day-before-a-name-and-its-appositive"),
    pytest.param("Rep. Owen Pratt (R-Iowa), tweeted on Friday \u201cThe levy is a tax on tenants.\u201d",
                 {"The levy is a tax on tenants": "Owen Pratt"}, id="a-comma-after-a-party-tag"),
    pytest.param("A lawyer for Mr. Pratt, Dana Whitlow of Whitlow Hale, said that Mr. Pratt \u201cdenies every "
                 "charge.\u201d", {"denies every charge": "Dana Whitlow"},
                 id="a-name-and-its-firm-after-a-role"),
    pytest.param("Just hours before the White House meeting, Senator Owen Pratt, Republican of Iowa, said "
                 "on Sunday that the levy would \u201cpass easily.\u201d", {"pass easily": "Owen Pratt"},
                 id="guard-a-role-of-a-state-after-a-name"),
    pytest.param("Lena Whitlow touched off the dispute when she apologized. Two days before, Whitlow was asked "
                 "about the audit. Rep. Joseph Pratt asked her if she could \u201ccomment briefly on the audit.\u201d "
                 "She said: \u201cWell there is a questionnaire that began this discussion.\u201d Pratt later called "
                 "her answer evasive.", {"Well there is a questionnaire": "Lena Whitlow"},
                 id="her-after-a-man-is-somebody-else"),
    pytest.param("A new advertisement uses a clip of Mayor Lena Morrow. \u201cThe harbour gets closer to ruin every "
                 "day,\u201d Ms. Morrow is shown saying. Then an unseen announcer concludes: \u201cThe harbour needs "
                 "strength, not apologies.\u201d", {"The harbour needs strength, not apologies": "an unseen announcer"},
                 id="an-announcer"),
    pytest.param("Senator Owen Pratt spoke to the council on Monday. In an interview, Mr. Pratt delivered what "
                 "aides called a wake-up call to the board. \u201cI would say there is a one-in-three chance that we "
                 "lose the vote,\u201d he said in an interview.",
                 {"I would say there is a one-in-three chance": "Owen Pratt"},
                 id="he-is-not-the-aides"),
    pytest.param("Dana Whitlow argued that the pier is paramount. The city is the latest to advance a sweeping "
                 "harbour plan -- lawmakers announced a deal Monday. But Whitlow in December argued that the pier "
                 "came first. He argued that if banks can have guards, so can harbours. \u201cIt is time to protect "
                 "the harbour,\u201d he said.", {"It is time to protect the harbour": "Dana Whitlow"},
                 id="he-is-not-the-lawmakers"),
    pytest.param("Lena Whitlow touched off the dispute when, at a conference earlier this month, she apologized for "
                 "the board\u2019s practice of targeting harbour groups. It was the first time the agency acknowledged "
                 "the practice. \u201cWe used names like Harbour Watch,\u201d she admitted.",
                 {"We used names like Harbour Watch": "Lena Whitlow"}, id="she-is-not-the-agency"),
    pytest.param("According to the slides, there has been \u201ccontinued growth in requests to the harbour "
                 "board.\u201d", {"continued growth in requests to the harbour board": "the slides"},
                 id="according-to-a-record-nobody-s-name-introduces"),
    pytest.param("The survey ran for a week. According to data from the port, there has been \u201ccontinued "
                 "growth in requests.\u201d", {"continued growth in requests": None},
                 id="guard-according-to-data-names-nobody"),
    pytest.param("Owen Pratt is running for the Senate. Pratt\u2019s campaign disputed a report in the Harbour Times "
                 "as an \u201coutrageous distortion\u201d of his record.",
                 {"outrageous distortion": "Pratt\u2019s campaign"}, id="a-person-s-campaign-as-subject"),
    pytest.param("Owen Pratt is running for the Senate. Mr. Pratt\u2019s statement on Tuesday that he was leaving the "
                 "debate seemed certain to open the door to another round of \u201cI just might\u201d threats.",
                 {"I just might": "Owen Pratt"}, id="guard-a-person-s-statement-is-no-subject"),
    pytest.param("The levy drew fire from Dana Whitlow, who said it was \u201ca tax on every tenant.\u201d",
                 {"a tax on every tenant": "Dana Whitlow"}, id="who-said-after-a-preposition-s-object"),
    pytest.param("Owen Pratt released an ad. The Pratt ad was denounced by the Harbour Tenants League, a renters\u2019 "
                 "group, which said it was \u201cwrong for Mayor Pratt to assume.\u201d",
                 {"wrong for Mayor Pratt to assume": "Harbour Tenants League"}, id="which-said-after-an-appositive"),
    pytest.param("Dana Whitlow and Owen Pratt complained about a \u201csignificant influx of tourists,\u201d but "
                 "said no more.", {"significant influx of tourists": "Dana Whitlow and Owen Pratt"},
                 id="two-names-opening-the-clause"),
    pytest.param("The ad attacked Dana Whitlow and Owen Pratt said it was \u201ca lie.\u201d",
                 {"a lie": "Owen Pratt"}, id="guard-a-name-before-and-that-is-an-object"),
    pytest.param("Asked by one of Mayor Morrow\u2019s aides, \u201cIs this the final wording you want to use,\u201d "
                 "Mr. Pratt replied with a single word: \u201cYup.\u201d",
                 {"Is this the final wording you want to use": "one of Mayor Morrow\u2019s aides", "Yup": "Pratt"},
                 id="a-question-is-the-asker-s"),
    pytest.param("\u201cThe principles are not written yet,\u201d said House Majority Whip Owen Pratt.",
                 {"The principles are not written yet": "Owen Pratt"}, id="whip-is-a-title"),
])
def test_the_rules_speakers(text: str, speakers: dict[str, str | None]) -> None:
    found = {q.text.split(" that")[0].rstrip(",."): q.speaker for q in find_quotes(text, model=False)}
    assert {words: found.get(words) for words in speakers} == speakers


def test_a_title_alone_is_never_the_speaker() -> None:
    text = ("Former prosecutor and Halifax Mayor Rudy Galiano, who backs Mendoza, trashed the inquiry on "
            "Monday, calling it a \u201cno-brainer\u201d to prosecute.")
    assert [q.speaker for q in find_quotes(text, model=False)] != ["Former"]


def test_an_inverted_attribution_closing_a_fronted_phrase() -> None:
    text = ("Simon Rosenfeld, a party strategist, has watched the race.\n\nBecause of how the party built the "
            "calendar, explained Rosenfeld, \u201cwith this thing over by mid-March, it is hard to come back.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Simon Rosenfeld"]


def test_the_company_is_never_a_page_label_s_word() -> None:
    text = ("Sandor Energy is one of the country\u2019s largest energy companies.\n\n"
            "Story continues below advertisement\n\n"
            "Sandor received its second payment this year. The company noted it might have to repay some of "
            "that sum \u201cdependent on the future performance of its foreign assets.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] != ["Story"]
    assert "Story" not in People.from_paragraphs(text.split("\n\n")).names


def test_words_that_run_on_from_an_open_quotation_are_attributed_where_they_close() -> None:
    text = ("Trevor Nicholsen, a senior policy analyst, outlined for his colleagues how the policy works.\n\n"
            "\"Who may be included in a treatment plan ... is at the discretion of the decision-maker\n\n"
            "based on the advice of the health professional, and in consultation with the veterans,\" said "
            "Nicholsen in an email.\n\n"
            "\"The department may include family in treatment sessions with the veteran patient.\"")
    found = find_quotes(text, model=False)
    assert [q.text[:18] for q in found] == ["Who may be include", "based on the advic", "The department may"]
    assert [q.speaker for q in found] == ["Trevor Nicholsen"] * 3


def test_a_person_s_one_sentence_paragraph_introduces_the_quotation_paragraph_after_it() -> None:
    text = ("Trevor Nicholsen, a senior policy analyst, outlined for his colleagues how the policy works.\n\n"
            "\u201cFamily members may be included in a treatment plan at the discretion of the officer.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Trevor Nicholsen"]


def test_a_capitalised_speech_verb_before_the_name_and_a_colon_introduces_the_paragraph_after() -> None:
    text = ("Roger Stonehouse, a longtime adviser, spoke on the radio.\n\nStated Stonehouse:\n\n"
            "\u201cI think that the stakes are so high that nobody can stay at home.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Roger Stonehouse"]


def test_the_statement_an_organisation_issued_is_the_quotation_paragraph_after_it() -> None:
    text = ("Party chair Dana Wexler announced on Sunday she will resign.\n\n"
            "At Brazelle\u2019s direction, the DNC issued a statement apologizing to the senator for the emails.\n\n"
            "\u201cOn behalf of everyone at the DNC, we want to offer a deep and sincere apology to the senator.\u201d")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["DNC"]


def test_the_diocese_is_the_diocese_the_article_named() -> None:
    text = ("Parents gathered outside the Roman Catholic Diocese of Westport on Tuesday.\n\n"
            "The diocese issued a second statement on Tuesday, saying a \u201cthird-party investigation\u201d "
            "will look into the matter.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Roman Catholic Diocese"]


def test_a_role_never_reaches_back_across_a_page_s_line() -> None:
    text = ("Television images showed the wave hitting the beach.\n\n"
            "Story continues below advertisement\n\n"
            "Many coastal residents reported not seeing any warning signs before the waves washed ashore.\n\n"
            "\u201cI heard a rumbling sound and I thought it was the wind,\u201d one resident said.")
    third = text.index("Many")
    at = text.index(" reported", third)
    assert role_phrase_before(text, at) == "Many coastal residents"


def test_a_story_line_opening_with_a_label_still_names_its_people() -> None:
    text = ("The e-mails were released on Wednesday.\n\nUPDATE: 9 p.m. -- White House spokesman Eric Schulz said "
            "he hoped the disclosure would put the issue to rest.\n\n"
            "\u201cYou can now see what the Congress has seen,\u201d Schulz said.")
    assert [q.speaker for q in find_quotes(text, model=False)] == ["Eric Schulz"]


def test_a_participle_never_takes_a_word_that_only_opens_the_sentence() -> None:
    text = ("Down in the polls, Texas Gov. Rick Perrin is on the attack, claiming in a new ad that the president "
            "is waging a \u201cwar on faith.\u201d The ad went up and down the state.")
    assert [q.speaker for q in find_quotes(text, model=False)] != ["Down"]


@pytest.mark.parametrize(("line", "page"), [
    ("Story continues below advertisement", True),
    ("WATCH: Bomb threats demanding Bitcoin investigated across Canada, U.S.", True),
    ("UPDATE: 9 p.m. -- White House spokesman Eric Schulz said he hoped it would end the matter.", False),
    ("Owen Pask protested the two bills.", False),
])
def test_a_page_s_own_line(line: str, page: bool) -> None:
    assert is_page_line(line) is page


@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("Dana Whitlow spoke in her office on Monday.\n\n\u201cI do not remember the photograph,\u201d Ms. "
                 "Whitlow said. \u201cOwen Pratt may have had it right.\u201d\n\nShe paused, then added: \u201cBut I "
                 "do not know that.\u201d", "Dana Whitlow", id="she-paused-then-added"),
    # Guard: the paragraph's speaker goes on through "and called"
    pytest.param("\u201cWe came for different reasons,\u201d said Cara Lindqvist, a student from Dayton. She was at "
                 "the rally to see Pratt and called him a \u201cplain, everyday guy.\u201d", "Cara Lindqvist",
                 id="she-did-one-thing-and-called"),
    pytest.param("Owen Pratt sued the port authority on Monday. The complaint, which was filed in federal court in "
                 "Halifax, alleged that the authority \u201cignored every warning.\u201d", "The complaint",
                 id="a-writing-then-a-relative-clause-set-off-by-commas"),
    pytest.param("Senior Harbour Board officials significantly raised the stakes on Monday, warning that a strike "
                 "would \u201cclose the port for a month.\u201d", "Senior Harbour Board officials",
                 id="a-role-opened-by-a-capitalised-adjective"),
    pytest.param("Mayor Owen Pratt opened the port on Monday. The Harbour Mission\u2019s Dana Whitlow echoed him, "
                 "adding that the port is \u201copen to all.\u201d", "Dana Whitlow",
                 id="a-possessor-s-affiliation-before-the-name-opening-the-sentence"),
    pytest.param("According to the Office of the Harbour Master, the ferry was \u201clate again\u201d on Monday.",
                 "Office of the Harbour Master", id="according-to-an-office-of-the-something"),
])
def test_the_rules_speaker_of_the_last_quotation(text: str, speaker: str) -> None:
    assert find_quotes(text, model=False)[-1].speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_programme_s_quoted_title_is_nobody_s_words(model: bool) -> None:
    text = ("Senator Owen Pratt said on the Harbour News program \u201cHarbour and Friends\u201d that he would not "
            "back down.\n\nHe also spoke on WXBC\u2019s \u201cMeet the Harbour\u201d on Sunday.\n\n"
            "The band added harbour hits including \u201cSea Song\u201d to the set.\n\n"
            "\u201cWe will not back down,\u201d Pratt said.")
    assert [q.text for q in find_quotes(text, model=model)] == ["We will not back down"]


@pytest.mark.parametrize("model", [False, True])
def test_the_programme_one_spoke_on_and_a_second_title_are_nobody_s_words(model: bool) -> None:
    text = ("Senator Owen Pratt said on \u201cHarbour Sunday Tonight\u201d that he would not back down.\n\n"
            "A choir sang to the tune of \u201cHarbour Lights.\u201d\n\n"
            "The band played harbour hits including \u201cSea Song\u201d and \u201cNorth Wind (Blow)\u201d "
            "before he spoke.\n\n"
            "\u201cWe will not back down,\u201d Pratt said on Sunday. He said on Monday: \u201cNot one step.\u201d")
    assert [q.text for q in find_quotes(text, model=model)] == ["We will not back down", "Not one step."]


@pytest.mark.parametrize("model", [False, True])
def test_a_title_something_is_called_is_nobody_s_words(model: bool) -> None:
    text = ("Senator Owen Pratt has declined to answer a magazine's cover story on the senator called "
            "\u201cThe Lion in Winter,\u201d and his campaign released a memo titled "
            "\u201cThe Facts on the Race.\u201d\n\n"
            "Karl Voss said he was \u201cnot surprised at all by any of it.\u201d")
    assert [q.text for q in find_quotes(text, model=model)] == ["not surprised at all by any of it."]


def test_a_slogan_after_a_person_s_name_is_still_quoted() -> None:
    text = "The rally was a rebuttal to Pratt\u2019s \u201cMake the Harbour Great Again\u201d slogan, Cruz said."
    assert [q.text for q in find_quotes(text, model=False)] == ["Make the Harbour Great Again"]


_TOPICS = ("budget", "border", "school plan", "road bill", "tax code", "army", "health plan", "pension plan",
           "farm bill", "trade deal")


def _senator_s_speech(he_said: bool = True) -> str:
    """A senator named once, then ten paragraphs (more than 1500 characters) with or without "he said"."""
    aside = ", he said," if he_said else ""
    return "Senator Owen Pratt spoke to the convention on Saturday.\n\n" + "".join(
        f"The {topic}{aside} needs more work than anybody in the hall had been willing to admit in the long "
        "months since the last election, and the party has to own up to it.\n\n" for topic in _TOPICS)


_LAST = "\u201cThis is the heart of the matter,\u201d he said."


def test_he_said_paragraph_after_paragraph_keeps_the_person_named_before_the_run() -> None:
    assert len(_senator_s_speech()) > 1550
    assert [q.speaker for q in find_quotes(_senator_s_speech() + _LAST, model=False)] == ["Owen Pratt"]


def test_he_said_far_from_any_name_with_no_run_of_he_between_names_nobody() -> None:
    assert [q.speaker for q in find_quotes(_senator_s_speech(he_said=False) + _LAST, model=False)] == [None]


def test_a_run_of_he_past_a_name_never_learned_names_nobody() -> None:
    # A name garbled in the page's encoding is never learned: a "he" after it may be its bearer's,
    # so the run does not reach back past it to the senator.
    garbled = "Arturo Vel\u00c3\u0083\u00c2\u00a1squez"
    text = _senator_s_speech() + f"{garbled}, Mexico's envoy from 2007 to 2013, said Mexico must act.\n\n" + _LAST
    assert [q.speaker for q in find_quotes(text, model=False)] == [None]


def test_a_run_of_he_past_somebody_else_who_spoke_does_not_reach_back() -> None:
    text = _senator_s_speech() + "Bob said he took one call. \u201cI just cut it short,\u201d he said."
    assert [q.speaker for q in find_quotes(text, model=False)] != ["Owen Pratt"]


@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("HALIFAX \u2014 The harbour authority tried Monday to calm the port, arguing that a system called "
                 "Tidewatch is simply a \u201croutine safety check.\u201d", "The harbour authority",
                 id="a-name-given-after-called-then-a-dateline-s-determiner-subject"),
    # Guard: "called" naming whom the words are about is still speech
    pytest.param("Mayor Dana Whitlow called Pratt a \u201creckless gambler\u201d on Monday.", "Dana Whitlow",
                 id="guard-called-someone-something"),
])
def test_called_giving_a_name_is_not_speech(text: str, speaker: str) -> None:
    [quote] = find_quotes(text, model=False)
    assert quote.speaker == speaker


@pytest.mark.parametrize("model", [False, True])
def test_a_headline_s_capitals_are_no_name(model: bool) -> None:
    text = ("Delgado Willing to Sign Harbour Levy Bill\n\n"
            "President Delgado will sign the levy bill this week, aides said on Monday.\n\n"
            "\u201cWe will sign it before the winter storms,\u201d Mr. Delgado said.")
    [quote] = find_quotes(text, model=model)
    assert quote.speaker == "Delgado"


@pytest.mark.parametrize(("before", "name"), [
    ("Separately, the Health and Harbour Services Department said", "Health and Harbour Services Department"),
    ("The Office of Ports and Harbours said", "Office of Ports and Harbours"),
    ("Director of Ports and Budget Dana Whitlow said", "Dana Whitlow"),
    # Guards: two speakers joined by "and" stay apart
    ("Nebraska and Oklahoma said", "Oklahoma"),
    ("Pratt and Harbour Committee said", "Harbour Committee"),
])
def test_an_organisation_s_name_may_hold_an_and(before: str, name: str) -> None:
    assert name_run_before(before, before.rfind(" said") + 1) == name


def test_the_department_with_an_and_in_its_name_speaks_whole() -> None:
    text = ("Separately, the Health and Harbour Services Department said Thursday that the ferries would "
            "\u201crun again by spring.\u201d")
    [quote] = find_quotes(text, model=False)
    assert quote.speaker == "Health and Harbour Services Department"


def test_a_paper_and_a_role_before_a_name_are_its_title() -> None:
    # "Harbour Weekly Editor Bill Carver": a person named Bill Carver, whom "he" can then be
    people = People.from_paragraphs(["Harbour Weekly Editor Bill Carver, who led the charge against the levy, "
                                     "said on Sunday that Mayor Owen Pratt still needs to go."])
    assert "Bill Carver" in people.persons


def test_a_headline_s_verb_after_a_role_starts_no_name() -> None:
    # Guard: "Former Harbour Pollster Says Pratt Is": no name "Says Pratt Is"
    people = People.from_paragraphs(["Former Harbour Pollster Says Pratt Is In Trouble In Halifax.",
                                     "Former Pratt pollster Dana Whitlow spoke on Monday."])
    assert not [name for name in people.names if name.startswith("Says")]


@pytest.mark.parametrize("model", [False, True])
def test_a_headline_s_speaker_comes_before_its_verb_not_before_its_colon(model: bool) -> None:
    # Guard: a full name learned before the colon does not take the headline's words
    text = ("Owen Pratt Praises Harbour Weekly Political Editor Bill Carver: \u2018Very Good Reporter.\u2019\n\n"
            "Mayor Owen Pratt praised Harbour Weekly Political Editor Bill Carver at a news conference on Monday.")
    assert find_quotes(text, model=model)[0].speaker == "Owen Pratt"


def test_a_programme_spoken_on_at_a_sentences_start_is_nobody_s_words() -> None:
    text = ("Speaking on \u201cHarbour Sunday Tonight,\u201d Senator Owen Pratt said he was "
            "\u201cnot going anywhere until the port reopens.\u201d")
    assert [q.text for q in find_quotes(text, model=False)] == ["not going anywhere until the port reopens."]


@pytest.mark.parametrize("model", [False, True])
def test_a_subheading_quoting_words_said_later_is_the_later_speakers(model: bool) -> None:
    text = ("Tomas Brandt drives to the harbour, where he meets the mayor. \u201cThey feel like bad employees,\u201d "
            "he says.\n\n"
            "\u201cWe're choosing the ferry crews!\u201d\n\n"
            "It is awkward to audition for the ferry.\n\n"
            "\u201cWe're choosing the ferry crews!\u201d said Ilse Marsh, the head of the boatmen's union, at its "
            "meeting.")
    found = find_quotes(text, model=model)
    assert [q.speaker for q in found] == ["Tomas Brandt", "Ilse Marsh", "Ilse Marsh"]


@pytest.mark.parametrize("model", [False, True])
def test_a_paragraph_going_on_with_a_quotation_keeps_its_speaker(model: bool) -> None:
    text = ("\u201cThe pier is late,\u201d Tomas Brandt said.\n\n"
            "\u201cIt will open in May,\u201d he went on. \u201cThe ferry is not ready yet.\u201d\n\n"
            "\u201cThe ferry is not ready yet,\u201d Ilse Marsh said later, in the same words.")
    found = find_quotes(text, model=model)
    assert [q.speaker for q in found] == ["Tomas Brandt", "Tomas Brandt", "Tomas Brandt", "Ilse Marsh"]


@pytest.mark.parametrize("model", [False, True])
def test_a_phrase_of_two_words_joined_by_a_hyphen_echoes_its_speaker(model: bool) -> None:
    text = ("The council may be forced to favour \u201cshovel-ready\u201d projects to meet the deadline.\n\n"
            "\u201cThey had to be shovel-ready, and a priority project might not be,\u201d Ilse Marsh said.")
    assert [q.speaker for q in find_quotes(text, model=model)] == ["Ilse Marsh", "Ilse Marsh"]


@pytest.mark.parametrize("opener", ["Maybe", "Perhaps"])
def test_maybe_and_perhaps_open_no_name(opener: str) -> None:
    text = (f"{opener} Brandt is the harbour's candidate after all.\n\n"
            "\u201cThe pier will open in May,\u201d Tomas Brandt said.")
    assert People.from_paragraphs(text.split("\n\n")).names == ["Tomas Brandt"]
