"""Phrases around a speech verb, for attributing quotations: the verbs themselves
(``said``, ``told reporters``, ``according to``), name runs and role phrases next to them
(``Chinese President Xi Jinping said``, ``said union secretary Joanna Reyes``, ``the Chinese
leader said``), organisations, and a sentence's grammatical subject.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from briefs.write.text import word_start

# What a crowd or a grumbler "could be heard" doing: their words keep them the speaker.
HEARD_PARTICIPLES = ("chanting", "grousing", "complaining", "muttering", "shouting")
_SPEECH_VERB_LIST = (
    r"said|says|say|told|tells|tell|added|adds|stated|states|declared|declares|wrote|writes|"
    r"asked|asks|explained|explains|noted|notes|insisted|insists|argued|argues|warned|warns|"
    r"claimed|claims|continued|replied|replies|responded|recalled|recalls|remarked|stressed|"
    r"stresses|emphasi[sz]ed|announced|admitted|admits|acknowledged|tweeted|posted|urged|urges|"
    r"pledged|vowed|predicted|suggested|concluded|joked|complained|cautioned|conceded|observed|"
    r"commented|confirmed|exclaimed|shouted|proclaimed|hailed|praised|decried|described|"
    r"describes|called|calls|saying|adding|telling|writing|noting|declaring|warning|calling|"
    r"insisting|arguing|explaining|describing|stressing|asking|according to|quoted as saying|"
    r"reiterated|maintained|acknowledges|thinks|believes|believed|reported|reports|"
    r"concludes|continues|observes|predicts|jokes|quipped|quips|boasted|bragged|scoffed|mused|"
    r"lamented|chided|retorted|countered|opined|pointed out|went on|shot back|fired back|"
    r"charged|alleged|contended|testified|recounted|conceded|answered|promised|promises|"
    r"agreed|disagreed|agrees|disagrees|responds|answers|concedes|contends|counters|complains|"
    r"demanded|vows|pledges|told reporters|quip|say|tweet|write|retort|"
    r"summarized|summarised|summed up|wondered|snapped|groused|grumbled|griped|huffed|fumed|"
    r"elaborated|clarified|interjected|chimed in|weighed in|whispered|yelled|screamed|exulted|gushed|"
    r"reasoned|speculated|surmised|confided|confessed|texted|emailed|e-mailed|put it|puts it|"
    r"posited|posits|muses|laments|retorts|cautions|exclaims|proclaims|recounts|testifies|wonders|"
    r"confides|boasts|emphasi[sz]es|announces|remarks|suggests|confirms|reiterates|maintains|asserts|"
    r"asserted|exhorted|assured|assures|accusing|accuses|protested|mentioned that|informed|informs|"
    r"made clear|made it clear|makes clear|makes it clear|making clear|making it clear|"
    r"spoke of|spoke about|speaks of|speaks about|begged|begs|implored|implores|laughed|laughs|laughing|"
    # verbs that report a finding or a characterisation ("Pew found that "...", "The Times
    # characterized it as "..."")
    r"characteri[sz]ed|characteri[sz]es|characteri[sz]ing|found that|finds that|"
    # a crowd's words and a grumble ("supporters chanted "Lock her up!"", "heard grousing that")
    r"chanted|chanting|grousing|grumbling|griping|muttered|muttering|"
    # a recording's or a reporter's passive that keeps its subject the speaker ("Mr. Netanyahu is
    # shown saying", "was overheard saying")
    r"shown saying|heard saying|overheard saying|caught saying|seen saying|recorded saying|filmed saying|"
    + "|".join(f"heard {word}" for word in HEARD_PARTICIPLES) + "|"
    # the -ing forms of the verbs above ("..., stating that ...")
    r"stating|claiming|recalling|acknowledging|admitting|tweeting|joking|complaining|replying|"
    r"asserting|recounting|lamenting|boasting|conceding|reiterating|emphasi[sz]ing|proclaiming|"
    r"quipping|retorting|countering|contending|pointing out|testifying|shouting|whispering|"
    r"urging|vowing|pledging|predicting|responding|cautioning|interjecting"
)
# Verbs of judgement that carry the judge's words as their object or after a colon ("Cruz
# accused the moderators of "...", "Swanson slammed the Girl Scouts for promoting "...""): cues
# of annotated quotations in PolNeAR train. In the passive they speak for nobody ("no witnesses
# were questioned", "the daughter accused of murder", "credited with"), nor as a noun ("the
# accused"). Their participles count only set off by a comma ("Kingson worked the crowd,
# praising "...""): without one they mostly describe a thing ("an ad campaign praising Velde for
# ...": the campaign's maker, not the campaign, speaks).
_JUDGEMENT_VERB_LIST = (
    r"accused|challenged|blamed|blames|knocked|knocks|thanked|mocked|mocks|questioned|"
    r"critici[sz]ed|critici[sz]es|blasted|blasts|slammed|slams|derided|derides|denounced|denounces|"
    r"scolded|lambasted|ripped into|bemoaned|touted|touts|applauded|heralded|praises|credited|barked|boomed|"
    r"dismissed|dismisses|deemed|deems|rated|rates"
)
_JUDGEMENT_PARTICIPLES = (r"mocking|critici[sz]ing|blasting|slamming|chiding|denouncing|touting|praising|dismissing|"
                          r"scolding|deriding|lambasting|thanking|blaming|questioning|crediting")
_NOT_PASSIVE = "".join(f"(?<!{word} )" for word in ("was", "were", "been", "being", "is", "are", "be", "get",
                                                        "got", "gets", "the", "The"))
_NO_AGENT_AFTER = r"(?!\s+(?:of|for|with|by|over|after)\b)"


def _alternatives(pattern: str) -> list[str]:
    """The words of an alternation, "[sz]" spelt out ("emphasised", "emphasized"); a word that
    an earlier one opens before a space ("told reporters" after "told") is left out, as the
    alternation itself never reaches it."""
    words: list[str] = []
    for word in pattern.split("|"):
        spelt = re.fullmatch(r"(\w*)\[(\w+)\](\w*)", word)
        for form in ([spelt.group(1) + c + spelt.group(3) for c in spelt.group(2)] if spelt else [word]):
            if form not in words and not any(form.startswith(w + " ") for w in words):
                words.append(form)
    return words


def word_trie(words: list[str]) -> str:
    """One regular expression matching any of `words`, as a trie: at each letter the engine
    follows one branch instead of trying every word (a long alternation is tried word by word
    at each position of the text, which made scanning a page for speech verbs slow). Longer
    words are tried first, as a word boundary after the match settles which one it is."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        alternatives = [re.escape(char) + branch(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(trie)


# The speech verbs as one pattern to embed in others, and alone between word boundaries, not
# after a hyphen ("so-called", "self-described": words that describe, not a verb of a subject).
# "pleaded", but not a plea in court ("pleaded guilty", "pleading not guilty").
_PLEADED = r"plead(?:ed|ing)(?!\s+(?:guilty|not\s+guilty|no\s+contest|innocent)\b)"
SPEECH_VERBS = (f"(?:{word_trie(_alternatives(_SPEECH_VERB_LIST))}|"
                f"{_NOT_PASSIVE}{word_trie(_alternatives(_JUDGEMENT_VERB_LIST))}\\b{_NO_AGENT_AFTER}|"
                f"{_PLEADED}|(?<=, ){word_trie(_alternatives(_JUDGEMENT_PARTICIPLES))})")
SPEECH_VERB = re.compile(r"\b(?<!-)" + SPEECH_VERBS + r"\b")
JUDGEMENT_VERB = re.compile(word_trie(_alternatives(_JUDGEMENT_VERB_LIST + "|" + _JUDGEMENT_PARTICIPLES)) + r"\b")
# Speech verbs that are also plural nouns, and what makes them nouns: a determiner or a quantifier
# before them, perhaps with one describing word ("many Asian states", "his notes"), or "of" after.
_NOUN_FORMS = {"states", "notes", "reports", "claims", "calls", "tweets", "posts", "answers", "promises",
               "pledges", "vows", "jokes", "counters", "wonders"}
_QUANTIFIED = re.compile(r"\b(?:the|many|some|all|several|these|those|his|her|their|its|our|other|both|few|most|"
                         r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|"
                         r"thousands|\d+)\s+(?:[\w\-]+\s+)?$", re.IGNORECASE)
_OF_AFTER = re.compile(r"\s+of\b")
# A preposition before the word, perhaps with a describing word between: "of reports", "in media
# posts" (not "after he reports", nor "a voice-over in the ad states": a pronoun or a determiner
# opens a noun phrase that the verb follows).
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|on|about|from|with|amid|over|despite)\s+"
                                 r"(?:(?!(?:he|she|it|they|we|i|you|the|a|an|this|that|his|her|its|their)\s)"
                                 r"[a-z][\w\-]*\s+)?$", re.IGNORECASE)


def speech_noun(text: str, start: int, end: int) -> bool:
    """Is the speech verb matched at text[start:end] a noun here ("Nine states", "Republican
    claims of "...")?"""
    return text[start:end] in _NOUN_FORMS and bool(
        _QUANTIFIED.search(text[:start].rstrip() + " ") or _OF_AFTER.match(text, end))


def noun_after_preposition(text: str, start: int, end: int) -> bool:
    """Is the speech verb matched at text[start:end] a noun after a preposition ("the embassy in
    Cairo of reports")?"""
    return text[start:end] in _NOUN_FORMS and bool(_PREPOSITION_BEFORE.search(text[:start].rstrip() + " "))


def reported_speech(sentence: str) -> re.Match[str] | None:
    """The sentence's first speech verb used as a verb, reporting somebody's words."""
    return next((m for m in SPEECH_VERB.finditer(sentence) if not speech_noun(sentence, m.start(), m.end())), None)


# '"...," it was also shared': words whose speaker the sentence does not name.
IT_WAS_SAID = (r"it\s+(?:was|is|has\s+been)\s+(?:also\s+)?(?:noted|shared|said|added|reported|claimed|revealed|"
               r"explained|alleged)\b")
# "he said", "she wrote": a pronoun as a speech verb's subject (its group: the pronoun).
PRONOUN_SAYS = r"([Hh]e|[Ss]he)\s+(?:" + SPEECH_VERBS + r")"
# "he said", "she adds" as words of their own: the pronoun is group 1.
PRONOUN_SPEAKS = re.compile(r"\b" + PRONOUN_SAYS + r"\b")


# A surname's article joined by a hyphen, written in lower case: "al-Assad", "el-Sisi", "bin-Ali".
HYPHENED_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|abu|bint)-[A-Z][\w\u2019'\-]*"
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w\u2019'\-]*\.?|(?:[A-Z]\.){1,3}|" + HYPHENED_PARTICLE + r")$")
_CONNECTORS = {"de", "van", "von", "bin", "al", "da", "di", "del", "der", "dos", "du", "la", "le", "ibn"}
# Capitalised at a sentence's or a headline's start, never a name's first word: "Across town, ...",
# "Did Donald Trump ...", "Do well enough in polls to ...".
NOT_NAME_OPENERS = {"across", "along", "do", "did", "does", "was", "were", "is", "are", "has", "had", "have", "would",
                    "could", "should", "what", "why", "how", "multiple", "plus", "notably", "maybe", "perhaps",
                    "several", "many", "few", "most", "senior", "two", "three", "four", "five", "six", "seven",
                    "eight", "nine", "ten", "twelve", "twenty", "dozens", "hundreds", "thousands"}
_SKIP_BEFORE_VERB = {
    "also", "later", "then", "has", "had", "have", "was", "is", "were", "would", "will", "previously",
    "once", "reportedly", "further", "again", "recently", "earlier", "separately", "publicly", "privately",
    "repeatedly", "himself", "herself", "told", "on",
    "quickly", "simply", "flatly", "last", "week", "month", "year", "only", "could", "should",
    "can", "might", "must", "did", "does", "do", "not", "never",
    "now", "still", "already", "first", "often", "initially", "ultimately", "eventually", "subsequently", "kept",
    "always", "long", "consistently", "frequently", "routinely", "openly", "instead", "finally", "even",
}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope",
    "general", "gen", "admiral", "adm", "colonel", "col", "lt", "sgt", "captain", "capt", "dr",
    "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "judge", "justice", "chairman",
    "chairwoman", "chair", "ceo", "director", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "commissioner", "chief", "leader", "whip", "speaker", "attorney", "officer", "coach",
    "manager", "professor", "prof", "rev", "father", "sheikh", "premier", "deputy", "foreign",
    "defense", "defence", "state", "interior", "finance", "health", "minority", "majority",
    "democrat", "republican", "democratic", "sens", "reps", "senators", "representatives", "governors",
    "former", "acting", "supreme", "commander", "cpl", "pvt", "detective", "inspector", "sheriff",
    "executive", "founder", "counsel", "president-elect", "emir", "crown", "archbishop", "bishop",
    "cardinal", "rabbi", "imam", "striker", "midfielder", "defender", "goalkeeper", "trainer",
    "jockey", "boss", "star", "actor", "actress", "singer", "rapper", "pm", "mp", "gop", "u.s.",
    "us", "uk", "u.k.", "un", "u.n.", "eu", "nato", "white", "house", "press", "labor", "labour",
    "conservative", "liberal", "party", "national", "security", "adviser", "advisor",
    # occupations written before a name like a title ("Historian Lena Ward", "Engineer Tom Reyes")
    "historian", "economist", "analyst", "engineer", "rector", "vice-chancellor", "lawyer",
    "farmer", "grower", "nurse", "researcher", "scientist", "pastor", "activist", "architect",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "assemblyman",
    "assemblywoman", "trustee", "superintendent", "magistrate", "constable", "dean", "provost",
    # police ranks as British news writes them ("Det Ch Insp Richard Campbell", "Det Supt Geddes")
    "det", "ch", "insp", "supt", "sergeant", "lieutenant", "corporal",
    # members of a legislature ("Ulster Unionist MLA Danny Kennedy"), doctors in the plural
    "mla", "msp", "mep", "drs",
}
_ORG_WORDS = {
    "ministry", "hall", "university", "institute", "council", "department", "office", "news",
    "times", "post", "street", "road", "city", "province", "region", "republic", "kingdom",
    "states", "union", "bank", "company", "inc", "corp", "group", "agency", "army", "force",
    "forces", "court", "congress", "senate", "parliament", "assembly", "committee", "commission",
    "organization", "organisation", "olympics", "games", "cup", "league", "club", "square",
    "airport", "station", "hospital", "school", "college", "center", "centre", "church", "room",
    "museum", "ocean", "sea", "river", "island", "islands", "east", "west", "north", "south",
    "asia", "europe", "africa", "america", "pacific", "atlantic", "war", "day", "kremlin",
    "government", "administration", "police", "service", "network", "media", "tv", "radio",
    "reuters", "tass", "xinhua", "cnn", "bbc", "ap", "afp", "fund", "foundation", "association",
    "federation", "authority", "board", "embassy", "navy", "guard", "cabinet", "county",
    "valley", "district", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "twitter",
    "facebook", "instagram", "google", "apple", "microsoft", "amazon", "united", "nations",
    "conference", "convention", "coalition", "alliance", "bureau", "caucus", "society", "team",
}
# The head nouns of an organisation's name that "of" or "for" continues: "the Association of
# Directors of Adult Social Services", "the Bank of England", "the Institute for Fiscal Studies".
_ORG_HEADS = {
    "association", "federation", "confederation", "institute", "institution", "university", "college",
    "bank", "department", "ministry", "office", "council", "board", "commission", "committee",
    "society", "union", "league", "bureau", "agency", "authority", "foundation", "academy", "chamber",
    "school", "church", "court", "museum", "hospital", "centre", "center", "organisation",
    "organization", "coalition", "alliance", "fund", "service", "trust", "corporation", "federal",
}
STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "so", "if", "as", "when", "while",
    "after", "before", "meanwhile", "however", "this", "that", "these", "those", "his", "her",
    "their", "its", "our", "my", "it", "he", "she", "they", "we", "i", "you", "there", "here",
    "speaking", "asked", "according", "since", "for", "with", "from", "by", "to", "of", "not",
    "amid", "among", "upon", "following", "under", "over", "about", "against", "without",
    "yet", "still", "also", "then", "now", "today", "yesterday", "last", "next", "both", "even",
    "like", "unlike", "during", "despite", "although", "though",
    # sentence adverbs and a participle that open sentences ("Earlier this week, Todd pressed")
    "earlier", "later", "instead", "afterward", "afterwards", "previously", "recently", "finally",
    "initially", "ultimately", "eventually", "separately", "similarly", "indeed", "nonetheless",
    "nevertheless", "moreover", "furthermore", "ironically", "citing",
}
# Opening words that are never a surname; any other word of STOP_CAPS can be one after a first
# name ("Al From", "Ben Still"): such a word is a name only there, or standing for that name.
NEVER_SURNAMES = {
    "the", "a", "an", "and", "or", "but", "so", "if", "as", "when", "while", "this", "that",
    "these", "those", "his", "her", "their", "its", "our", "my", "it", "he", "she", "they", "we",
    "i", "you", "there", "here", "today", "yesterday", "now", "then", "meanwhile", "however",
    "also", "both", "not", "yet", "although", "though", "since", "after", "before", "of", "to",
    "in", "on", "at", "for", "with", "by", "asked", "speaking", "according", "citing",
}


def may_be_surname(token: str) -> bool:
    """A capitalised opening word (``From``, ``Still``) that can end a person's name."""
    word = bare(token)
    return token[:1].isupper() and not token.endswith((".", ",")) and word not in NEVER_SURNAMES \
        and word not in TIME_WORDS and not POSSESSIVE_AT.search(token)


# What people do for a living, each one person: "the actor said", "the singer told the crowd".
PROFESSIONS = {
    "actor", "actress", "singer", "songwriter", "singer-songwriter", "vocalist", "guitarist", "drummer",
    "bassist", "musician", "rapper", "comedian", "frontman", "frontwoman", "presenter",
    "filmmaker", "novelist", "poet", "playwright", "composer", "photographer", "artist",
    "designer", "chef", "dancer", "architect", "entrepreneur", "investor", "scientist", "engineer",
    "nurse", "surgeon", "physician", "psychologist", "psychiatrist", "lecturer", "farmer", "pilot",
    "soldier", "firefighter", "paramedic",
}
ROLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "official", "officials", "minister",
    "leader", "president", "secretary", "ministry", "statement", "police", "prosecutor",
    "prosecutors", "lawyer", "lawyers", "attorney", "counsel", "source", "sources", "aide", "aides",
    "adviser", "advisor", "analyst", "analysts", "chief", "head", "director", "executive", "expert",
    "experts", "manager", "coach", "witness", "witnesses", "resident", "residents", "doctor",
    "doctors", "officer", "officers", "government", "report", "readout", "agency", "company",
    "department", "embassy", "military", "army", "authorities", "organizers", "organizer", "organiser",
    "protester", "researcher", "researchers", "announcer", "narrator",
    "scientists", "study", "court", "judge", "governor", "mayor", "senator", "ambassador",
    "chairman", "founder", "owner", "father", "mother", "wife", "husband", "son", "daughter",
    "dad", "mum", "mom", "brother", "sister", "grandmother", "grandfather", "uncle", "aunt",
    "girlfriend", "boyfriend", "fiancee", "fiance",
    "friend", "neighbor", "neighbour", "teacher", "student", "representative", "rep", "reps", "envoy",
    "diplomat", "diplomats", "commander", "general", "premier", "chancellor", "trainer", "player", "striker",
    "captain", "boss", "campaign", "office", "kremlin",
    "white house", "pentagon", "union", "group", "board", "party", "team", "club", "family",
    "victim", "survivor", "member", "members", "worker", "workers", "fan", "fans", "critics",
    "supporters", "opponents", "activists", "observers", "insiders", "sheriff", "detective",
    "candidate", "nominee", "congressman", "congresswoman", "lawmaker", "lawmakers",
    "strategist", "commentator", "host", "moderator", "author", "authors", "writer", "economist", "economists",
    "investigators", "professor", "leaders", "proponents", "advocates", "backers", "defenders",
    "protesters", "demonstrators", "marchers", "attendees",
    "master", "reviewers", "inspectors", "auditors",  # "State's reviewers had said", "inspectors rated it "weak"
    "historian", "pollster", "chairwoman", "businessman", "billionaire", "mogul",
    "frontrunner", "front-runner", "hopeful", "challenger", "incumbent", "veteran", "negotiator",
    "democrat", "democrats", "republican", "republicans", "voter", "voters", "delegate", "delegates",
    "donor", "donors", "operative", "operatives", "staffer", "staffers", "staff", "volunteer", "attendee",
    "confidant", "confidants", "employee", "employees", "person", "insider", "ally", "allies",
    "associate", "associates", "colleague", "colleagues",
    "columnist", "reporter", "correspondent", "editor", "anchor", "publisher", "pundit", "blogger",
    "forward", "defenseman", "defenceman", "winger", "midfielder", "goalkeeper", "keeper",
    "quarterback", "pitcher", "batsman", "bowler", "skipper", "defender", "rider",
    "swimmer", "runner", "sprinter", "cyclist", "athlete", "golfer", "boxer", "gymnast", "skier", "rower",
    "champion", "driver",
} | PROFESSIONS
# Words that name a role or a title, built once (a union per call cost time on hot paths).
ROLE_WORDS = TITLES | ROLE_NOUNS
_PREPOSITIONS = {"on", "in", "at", "with", "to", "for", "from", "by", "of", "via", "about", "inside"}
_CLAUSE_WORDS = {"is", "are", "was", "were", "why", "that", "which", "who", "and", "but", "so",
                 "because", "when", "if", "while", "where", "how", "what", "said", "says"}
# Documents rather than people: "released a statement saying ..." quotes the statement's author.
_DOCUMENTS = {"statement", "report", "readout", "interview", "email", "tweet", "post", "letter",
              "video", "ad", "memo", "release", "transcript", "memoir", "book"}
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "one", "another", "two", "three"}
FEMALE_ROLES = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "mother", "wife", "daughter",
                "mum", "mom", "sister", "grandmother", "aunt", "girlfriend", "fiancee"}
MALE_ROLES = {"spokesman", "chairman", "congressman", "businessman", "father", "husband", "son",
              "dad", "brother", "grandfather", "uncle", "boyfriend", "fiance"}
PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f"}
OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "They", "It", "We", "I", "You", "who"}
MALE_TITLES = {"mr", "sir", "king", "prince", "lord", "father", "pope", "brother"}
FEMALE_TITLES = {"mrs", "ms", "miss", "queen", "princess", "lady", "dame", "sister"}
# A run of capitalised words never crosses a line break: a headline without a full stop
# ("Beck Wows the CPAC Crowd") must not run on into the next paragraph's "Glenn Beck".
NAME_PARTICLES = "(?:" + "|".join(sorted(_CONNECTORS)) + ")"  # "Cameron van der Burgh"
# The space between two capitalised words of one name, particles and all.
NAME_GAP = re.compile(r" (?:" + NAME_PARTICLES + r" ){0,2}")
RUN = re.compile(
    word_start("[A-Z]", not_after=r"\S") + r"(?:[\w\u2019'\-]*\.?|\.)"
    r"(?:[^\S\n]+(?:" + NAME_PARTICLES + r"[^\S\n]+){0,2}"
    r"(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.|" + HYPHENED_PARTICLE + r"))+"
)
PARTY_TAG_AFTER = r"(?:\s+\((?:[RDI]|Ind)(?:[-\u2013][A-Z][\w.]*)?\),?)?"  # "Rubio (R-Fla.) said"
# An adverb may come between a subject and its verb ("Mike McFadden also rejoiced").
_SUBJECT_ADVERB = (r"(?:(?:also|then|still|later|again|now|already|never|often|once|first|quickly|recently|"
                   r"previously|reportedly|repeatedly|initially|finally|publicly|privately|immediately)\s+)?")
# "Harold Adams, 76, recalls": a person's age set off after the name.
_AGE_AFTER = r"(?:,\s+\d{1,3},)?"
SUBJECT_AFTER = re.compile(PARTY_TAG_AFTER + _AGE_AFTER + r"\s+" + _SUBJECT_ADVERB
                           + r"(?:[a-z]+ed|[a-z]+s|" + SPEECH_VERBS + r")\b")
# "The center's president, Cathi Herrod, has been deriding": the name of a role that opens its
# sentence is that sentence's subject too.
ROLE_OPENING_BEFORE = re.compile(
    r"(?:^|[.!?][\"\u201d]?\s+|\n)[A-Z][\w\u2019']*(?:\s+[\w\u2019'\-]+){0,5}\s+[a-z][\w\-]*,\s+$")
# Past tenses without "-ed" that follow a subject noun: "The group sent letters".
_IRREGULAR_PAST = {"sent", "gave", "held", "wrote", "made", "took", "told", "said", "put", "met", "led", "left", "ran",
                   "won", "lost", "got", "went", "came", "saw", "found", "kept", "brought", "began", "spoke", "paid",
                   "built", "sold", "bought", "drew", "chose", "stood", "sought", "struck", "threw", "cast"}
# The same verbs as a pattern's alternatives: "took", "cast".
IRREGULAR_PAST = "|".join(sorted(_IRREGULAR_PAST))
# "Ed Rendell, one of Clinton's most vocal supporters, was": a name, its appositive, then its verb.
SUBJECT_AFTER_APPOSITIVE = re.compile(r",\s+(?:the|a|an|one|who)\s"
                                      r"(?:[^,.;:!?\"\u201c\u201d\n]|(?<=Mr|Ms|Dr|Jr|Sr)\.|(?<=Mrs)\.){2,80},\s+"
                                      + _SUBJECT_ADVERB + r"(?:[a-z]+ed|[a-z]+s|" + SPEECH_VERBS + "|"
                                      + IRREGULAR_PAST + r")\b")
APPOSITIVE_SUBJECT_AFTER = re.compile(r",\s+" + _SUBJECT_ADVERB + r"(?:[a-z]+ed|[a-z]+s|" + SPEECH_VERBS + r")\b")
CAP_WORD = re.compile(r"\b(?:" + HYPHENED_PARTICLE + r"|[A-Z][\w\u2019'\-]*)")
POSSESSIVE_AT = re.compile(r"[\u2019']s\b")
POSSESSIVE_ENDS = ("'s", "\u2019s", "s'", "s\u2019")
APPOSITIVE = re.compile(
    r"(" + word_start("[A-Z]") + r"[\w\u2019'\-]+(?:[^\S\n]+[A-Z][\w\u2019'\-]+){0,3}),\s+"
    r"(?:the|a|an)\s+([^,.;:\"\u201c\u201d]{3,120}?),")
# "Cathi Herrod, president of the Center for Arizona Policy,": a role in lower case with no
# determiner; only one whose first words hold a role word counts (see People._learn_appositive).
BARE_APPOSITIVE = re.compile(
    r"(" + word_start("[A-Z]") + r"[\w\u2019'\-]+(?:[^\S\n]+[A-Z][\w\u2019'\-]+){1,3}),\s+"
    r"((?!(?:who|whose|whom|which|that|when|where|and|but|or)\b)(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*"
    r"(?:\s+(?:of|at|for|with|to)\s+[^,.;:\"\u201c\u201d]{2,100}?)?),")
# Verbs that may come before their subject ("said the spokesman"); "told" and "asked" take whom
# the words were for ("told a court").
SAID = {"said", "says", "added", "wrote", "explained", "noted"}
PREV_WORDS = re.compile(r"((?:[A-Za-z\u2019'\-]+\s+){0,3})$")


# A page's own line between paragraphs of the story: "WATCH: ...", "Story continues below
# advertisement". It names nobody of the story.
PAGE_LABEL = re.compile(r"(?:[A-Z][A-Z\u2019' ]{1,24}[A-Z]:\s|Story continues below|ADVERTISEMENT$|Advertisement$)")


def is_page_line(line: str) -> bool:
    """Whether `line` is a page's own ("WATCH: Burnaby RCMP warns of ...", "Story continues
    below advertisement"), not a line of the story that opens with a label ("UPDATE: 9 p.m. --
    White House spokesman Eric Schultz said ... .")."""
    if not PAGE_LABEL.match(line):
        return False
    words = line.split()
    # a story's sentence ends as one; a label may end on an abbreviation ("... across Canada, U.S.")
    return not (line.rstrip()[-1:] in ".!?\"\u201d" and not is_abbreviation(words[-1]))


def is_label(name: str | None) -> bool:
    """A run of capitals such as "READ MORE", "FILE PHOTO" or "ANALYST'S TAKE": a page's
    section label or a caption's, never a speaker (an acronym alone, "NATO", may be one)."""
    return bool(name) and " " in name.strip() and name.isupper()  # type: ignore[union-attr]


def is_law(name: str | None) -> bool:
    """A law or a treaty ("Patriot Act", "Second Amendment"): what words are about, never who said them."""
    return bool(name) and name.split()[-1] in _LAWS  # type: ignore[union-attr]


_LAWS = {"Act", "Acts", "Amendment", "Treaty", "Accord", "Accords", "Constitution", "Code", "Bill"}


@lru_cache(maxsize=8192)  # called for nearly every word attribution looks at, over few distinct words
def bare(token: str) -> str:
    return token.strip(".,;:!?()\"\u201c\u201d\u2018\u2019'").lower()


def is_pronoun(subject: str) -> bool:
    return subject in PRONOUNS or subject in OTHER_PRONOUNS


def _tokens_before(text: str, idx: int) -> list[str]:
    # A bounded window: the subject is near its verb, and long prefixes would cost O(n^2).
    start = max(0, idx - 400)
    line = text.rfind("\n", start, idx) + 1  # nor does it cross a line ("Story continues below ...")
    # "Rep. Elijah Cummings (D-Md.), chair of the Platform Committee, said": the party tag
    # after a politician's name is no word of the subject or of its appositive.
    # An em dash is a word of its own, attached or not ("Kristol\u2014still a voice\u2014writing").
    # "McConnell, R-Ky., said" and "King (R-Iowa), tweeted": McConnell said, King tweeted
    window = _PARTY_TAG_LAST.sub("", text[max(start, line):idx])
    window = _COMPANY_SUFFIX.sub(r" \1", window)  # "Sales for Draeger, Inc., says": one name, no appositive
    tokens = _PARTY_TAG_IN.sub("", window).replace("\u2014", " \u2014 ").split()
    if start and not line and tokens:
        tokens = tokens[1:]  # possibly a cut word
    while tokens:
        if bare(tokens[-1]) in _SKIP_BEFORE_VERB and tokens[-1][-1:].isalpha() and tokens[-1][:1].islower():
            # lowercase only: "Will wrote" is George Will, "will write" an auxiliary
            tokens.pop()
        elif len(tokens) > 2 and bare(tokens[-1]) in TIME_WORDS and tokens[-1][-1:].isalpha() \
                and tokens[-2] in {"on", "last", "this"}:
            del tokens[-2:]  # "Bannon, who Beck on Wednesday called": the day stands between
        elif tokens[-1] == "time" and len(tokens) > 3 and tokens[-3:-1] == ["at", "the"]:
            del tokens[-3:]  # "Trump at the time said"
        elif (inserted := _inserted_setting(tokens)):
            del tokens[-inserted:]  # "when Trump in his announcement speech called": where he spoke
        elif len(tokens) > 1 and _MANNER.fullmatch(tokens[-1]) and tokens[-1] not in _NOT_MANNER \
                and (tokens[-2][:1].isupper() or tokens[-2] in _SKIP_BEFORE_VERB or tokens[-2].endswith(",")
                     or bare(tokens[-2]) in ROLE_NOUNS):
            # "Clinton emphatically proclaimed", "The Lions manager proudly declared": an adverb
            # of manner after the name or the role
            tokens.pop()
        elif _PARTY_TAG.fullmatch(tokens[-1]):
            # "Sen. Marco Rubio (R-Fla.) said", "Gov. John Kasich (R-OH), said": the party
            # and state tag after a politician's name stands between the name and its verb.
            if not tokens.pop().startswith("(") and tokens:
                tokens[-1] = tokens[-1].rstrip(",")  # "Ayotte, R-N.H., said"
        else:
            break
    return tokens


_COMPANY_SUFFIX = re.compile(r",\s+(Inc\.|Ltd\.|LLC|Corp\.|Co\.|plc|PLC|L\.P\.|AG|GmbH)(?=,)")


def _inserted_setting(tokens: list[str]) -> int:
    """How many closing tokens are a setting between a name and its verb: "in his
    announcement speech", "during a rally" (a preposition, a determiner, lower-case words)."""
    if not tokens[-1].isalpha() or not tokens[-1].islower():
        return 0
    for k in range(3, min(6, len(tokens) - 1) + 1):
        if tokens[-k] in _SETTING_PREPOSITIONS and tokens[-k + 1] in _SETTING_DETERMINERS \
                and tokens[-k - 1][:1].isupper() and tokens[-k - 1][-1:].isalpha() \
                and all(t.isalpha() and (t.islower() or bare(t) in TIME_WORDS) for t in tokens[-k + 2:]):
            return k
    return 0


_SETTING_PREPOSITIONS = {"in", "during", "at"}
_SETTING_DETERMINERS = {"his", "her", "their", "a", "an"}
_MANNER = re.compile(r"[a-z]{4,}ly")
_NOT_MANNER = {"family", "rally", "assembly", "daily", "weekly", "monthly", "quarterly", "yearly", "early",
               "supply", "reply", "bully", "belly", "jelly", "anomaly", "monopoly", "italy", "homily"}
_COMMA_TAG = r",\s[RDI][-\u2013][A-Z][\w.]*,"  # ", R-Ky.,"
# ... or the state alone: "Sen. Ted Cruz (Tex.)", "(N.Y.)"
_PAREN_PARTY_TAG = re.compile(r"\s\((?:(?:[RDI]|Ind)(?:[-\u2013][A-Z][\w.]*)?|[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2})\)"
                              r"(?=[\s,])")
# ", R-TX," between a name and its verb, or before a relative clause whose comma it keeps
_COMMA_PARTY_TAG = re.compile(_COMMA_TAG + r"(\s+(?:who|whose|which)\b)?")
_PARTY_TAG_LAST = re.compile(_COMMA_TAG + r"(?=\s*$)|" + _PAREN_PARTY_TAG.pattern + r",(?=\s*$)")
_PARTY_TAG_IN = re.compile(_PAREN_PARTY_TAG.pattern + r"|,\s[RDI][-\u2013][A-Z][\w.]*(?=,)")
# "(R-Fla.)", "(D)", "(R-OH)," and "R-N.H.," (the comma-set form) after a politician's name.
_PARTY_TAG = re.compile(r"\((?:(?:[RDI]|Ind)(?:[-–][A-Z][\w.]*)?|[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2})\),?"
                        r"|(?:[RDI])[-–][A-Z][\w.]*,")


def _titled_appositive(tokens: list[str]) -> list[str] | None:
    """``Jim Eglinski, Yellowhead MP, said`` / ``Tim Cook, Apple CEO, said`` / ``Fanny Moizant,
    Vestiaire Collective's Brand Communications Director and Head of UK, said``: a name, then a
    capitalised title set off by commas (not ``her adviser, Jake Sullivan, said``, where the
    name is the appositive): the tokens up to the name."""
    k = next((i for i in range(len(tokens) - 2, max(-1, len(tokens) - 13), -1) if tokens[i].endswith(",")), None)
    if k is None or k < 1:
        return None
    inner = [t.rstrip(",") for t in tokens[k + 1:]]
    if not inner[0][:1].isupper() or not all(t[:1].isupper() or t in _TITLE_JOINS for t in inner) \
            or not any(bare(t) in _TITLE_HEADS for t in inner):
        return None
    head = [*tokens[:k], tokens[k].rstrip(",")]
    run = 0
    while run < len(head) and head[-1 - run][:1].isupper() and bare(head[-1 - run]) not in TITLES | STOP_CAPS:
        run += 1
    return head if 2 <= run <= 4 else None


# Lower-case words inside a capitalised title: "Director and Head of UK".
_TITLE_JOINS = {"and", "of", "for", "the", "&", "at"}
# The head word of a capitalised title that follows a name: "Yellowhead MP", "Apple CEO".
_TITLE_HEADS = ROLE_WORDS | {"mp", "mpp", "mla", "mep", "mna", "strategist", "economist", "cfo", "coo",
                                      "cto", "founder", "co-founder", "chairperson", "councillor", "councilor"}


def _clause_with_subject(words: list[str]) -> bool:
    """Whether `words` open a subordinate clause with a subject of its own ("when it derailed",
    "as the train left"): the sentence's words, not a parenthetical ("when asked about it")."""
    return len(words) > 2 and bare(words[0]) in CLAUSE_OPENERS and bare(words[1]) in _CLAUSE_SUBJECTS


_CLAUSE_SUBJECTS = {"it", "he", "she", "they", "we", "i", "you", "the", "a", "an", "this", "that", "its", "his", "her"}


def _skip_appositive(tokens: list[str]) -> list[str]:
    """Tokens up to the subject when an appositive sits between it and the verb:
    ``Xi, speaking alongside Putin, said`` / ``Clinton, during a visit to Columbus, Ohio,
    said`` / ``Cory James, 22, of Flint, said`` -> ``... Xi`` / ``... Clinton`` / ``... James``;
    but ``her adviser, Jake Sullivan, said`` -> ``Jake Sullivan`` (the name is the appositive)."""
    if tokens and tokens[-1] in _DASHES:
        return _skip_dashed(tokens)
    if tokens and not tokens[-1].endswith(","):
        return _skip_open_relative(_skip_participle(tokens))
    if not tokens:
        return tokens
    for n in (1, 2):  # "Ayotte's campaign, for example, said": a parenthetical, not an appositive
        if len(tokens) > n + 1 and tokens[-n - 1].endswith(",") and \
                tuple(bare(t) for t in tokens[-n:]) in _PARENTHETICALS:
            return _skip_appositive([*tokens[:-n - 1], tokens[-n - 1].rstrip(",")])
    titled = _titled_appositive(tokens)
    if titled:
        return titled
    double = _DOUBLE_APPOSITIVE.search(" ".join(tokens))
    if double and any(bare(w) in ROLE_WORDS for w in double.group(2).split()[:3]) \
            and bare(double.group(1).split()[-1]) not in STOP_CAPS:
        # "Alixandria Lapp, executive director of the House Majority PAC, a Democratic super
        # PAC, said": a role, then what its organisation is; the name before them speaks
        return " ".join(tokens)[:double.end(1)].split()
    last = len(tokens)
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 32), -1):
        if not tokens[k].endswith(","):
            continue
        inner = _name_of_organisation(tokens[k + 1:last])
        if k + 1 == len(tokens) - len(tokens[k + 1:last]) and len(inner) <= 4 \
                and (tokens[k][:1].islower() or (len(inner) >= 2 and _role_before(tokens[:k + 1]))) \
                and all(_NAME_TOKEN.match(t) for t in inner) and last == len(tokens):
            return inner
        following = tokens[k + 1]
        if _joined_role(tokens[k + 1:]):
            continue  # "a fellow at the institute in Munich, Germany, and co-author of the study,"
        possessive = following.endswith(("\u2019s", "'s,", "'s", "\u2019", "'"))  # "Sanders' campaign manager"
        opens = following[:1].islower() or following[:1].isdigit() or possessive or _named_role(tokens[k + 1:])
        head_end = tokens[k].rstrip(",")
        if head_end.islower() and bare(head_end) in ROLE_NOUNS and _PARTICIPLE_OPENS.match(following) \
                and last == len(tokens):
            # "The report, released on Thursday, said", "A spokesman, speaking on condition of
            # anonymity, said": a participle's aside after a role or a writing
            return [*tokens[:k], head_end]
        if opens and _clause_with_subject(tokens[k + 1:]):
            return tokens  # "Zagreb, when it derailed ... about noon, said Marina ...": no appositive
        if opens and not (head_end[:1].isdigit() or head_end[:1].islower()):
            start = _run_start(tokens, k)
            if start and tokens[start - 1].endswith(","):
                # "Harry Bond, 30, of Raleigh, N.C., who was polled, said": a name set off by
                # commas may be a piece of a longer appositive; the subject opens the chain.
                chained = _chain_subject(tokens, start)
                if chained:
                    return chained
            return _outer_subject([*tokens[:k], head_end])
    return tokens


def _named_role(piece: list[str]) -> bool:
    """Whether a comma-set piece opens with a role whose field or place is a name: "Turkey
    analyst for Chatham House,", "BBC correspondent," (one or two capitalised words, then a
    lower-case role noun)."""
    for k, token in enumerate(piece[:3]):
        if not _NAME_TOKEN.match(token) or token.endswith(","):
            return k > 0 and bare(token) in ROLE_NOUNS and token[:1].islower()
    return False


def _joined_role(piece: list[str]) -> bool:
    """Whether a comma-set piece is the last of an appositive's roles, joined to those before
    by "and" ("and co-author of the study,"), rather than a second person ("and the mayor, Ray
    Dunn,"): its commas open nothing new, and the subject is named before them."""
    return len(piece) > 2 and piece[0] == "and" and piece[1][:1].islower() and piece[1] not in {"the", "his", "her"} \
        and not any(t[:1].isupper() and t.endswith(",") for t in piece[2:-1])


def _name_of_organisation(inner: list[str]) -> list[str]:
    """"William McGinley of Patton Boggs" -> "William McGinley": a name set off by commas
    after a role, then the organisation it belongs to; other tokens as they are, their commas cut."""
    words = [t.rstrip(",") for t in inner]
    at = next((i for i in range(2, len(words) - 1) if words[i] == "of"), 0)
    if at and all(t[:1].isupper() for t in words[at + 1:]) and not any(t.endswith(",") for t in inner[:-1]):
        return words[:at]
    return words


_DOUBLE_APPOSITIVE = re.compile(r"(?:^|\s)((?:[A-Z][\w.\u2019'\-]*\s+){0,3}[A-Z][\w\u2019'\-]*),\s+([a-z][^,]{2,80}),"
                                r"\s+(?:a|an|the)\s+[^,]{2,60},$")
_PARENTHETICALS = {("however",), ("for", "example"), ("for", "instance"), ("in", "fact"), ("meanwhile",),
                   ("too",), ("though",), ("in", "turn"), ("of", "course"), ("indeed",), ("instead",),
                   ("likewise",), ("similarly",), ("in", "particular"), ("in", "response")}
_PIECE_WORDS = 5
_PIECE_OPENERS = {"of", "from", "in"}


def _chain_piece(piece: list[str]) -> bool:
    """A short comma-set piece of a person's appositive: an age ("30,"), a home ("of Raleigh,")
    or a place name ("N.C.,"); never a role ("the aide,"), whose name after it is the subject."""
    if not piece or len(piece) > _PIECE_WORDS:
        return False
    if any(t.endswith((".", ";", ":")) and not is_abbreviation(t) for t in piece):
        return False
    return piece[0][:1].isdigit() or piece[0] in _PIECE_OPENERS or all(t[:1].isupper() for t in piece)


def _chain_subject(tokens: list[str], start: int) -> list[str] | None:
    """The tokens up to the name that opens a chain of short comma-set pieces ending before
    tokens[start]; ``None`` when no name opens one."""
    while start:
        k = start - 2
        while k >= 0 and not tokens[k].endswith(","):
            k -= 1
        piece = tokens[k + 1:start]
        if k < 0 or not _chain_piece(piece):
            return None
        head = tokens[k].rstrip(",")
        if not piece[0][:1].isupper() and _NAME_TOKEN.match(head) \
                and not head[:1].isdigit() and bare(head) not in STOP_CAPS:
            name_start = _run_start(tokens, k)
            if not (name_start and tokens[name_start - 1].endswith(",")):
                return [*tokens[:k], head]
        start = k + 1
    return None


def _run_start(tokens: list[str], k: int) -> int:
    """Where the run of name tokens ending at tokens[k] starts (a comma ends a run)."""
    start = k
    while start and _NAME_TOKEN.match(tokens[start - 1]):
        start -= 1
    return start


def _opens_with_name(tokens: list[str], k: int) -> bool:
    """Whether tokens[k] ends a name (of two words at least) that opens its clause."""
    start = _run_start(tokens, k)
    opens = start == 0 or tokens[start - 1].endswith((".", ";", ":", "\u201d", "\"")) \
        or tokens[start - 1] in _OPENING_MARKS
    name = [t.rstrip(",") for t in tokens[start:k + 1]]
    return opens and len(name) >= 2 and all(_NAME_TOKEN.match(t) for t in name) \
        and bare(name[0]) not in STOP_CAPS


def _role_before(tokens: list[str]) -> bool:
    """``The leader of the Anti-Defamation League,``: a role phrase, whatever its capitals,
    ends the tokens (the name after its comma is the role's holder)."""
    words = [bare(t) for t in tokens[-8:]]
    # (a title too: "The European Commissioner for Trade, Phil Hogan,"; or a role opening the
    # sentence with no article: "Pop star and member of Destiny's Child, Michelle Williams,")
    opening = len(tokens) <= 8 and tokens[0][:1].isupper() and bool(ROLE_NOUNS & set(words[:4])) \
        and not (_CLAUSE_WORDS - {"and"}) & set(words)
    return opening or any(word in {"the", "a", "an"} and (ROLE_NOUNS | TITLES) & set(words[i + 1:i + 4])
                          for i, word in enumerate(words))


def _outer_subject(tokens: list[str]) -> list[str]:
    """``Matt Bennett, a spokesman for Third Way, a research group, said``: when what is left
    before the skipped appositive is itself an appositive ("a spokesman for Third Way") after a
    name, the name is the subject."""
    for j in range(len(tokens) - 2, max(-1, len(tokens) - 12), -1):
        if tokens[j].endswith(","):
            name = tokens[j].rstrip(",")
            start = _run_start(tokens, j)
            opens_clause = start == 0 or tokens[start - 1].endswith((".", ",", ";", ":", "\u201d", "\""))
            if tokens[j + 1] in {"a", "an", "the"} and _NAME_TOKEN.match(name) \
                    and bare(name) not in STOP_CAPS | TIME_WORDS and opens_clause:
                # (not "On Monday, the People's Daily, the mouthpiece of the party, warned")
                return [*tokens[:j], name]
            break
    return tokens


def _skip_participle(tokens: list[str]) -> list[str]:
    """``Another intelligence source speaking to Fox News said``: the participle's phrase
    stands between the subject and its verb; the outlet spoken to is not the speaker."""
    for k in range(len(tokens) - 2, max(0, len(tokens) - 8), -1):
        if _PARTICIPLE.fullmatch(tokens[k]) and bare(tokens[k + 1]) in _PREPOSITIONS:
            before, objects = tokens[k - 1], tokens[k + 2:]
            subject = bare(before) in ROLE_NOUNS or (_NAME_TOKEN.match(before) and bare(before) not in STOP_CAPS)
            named = all(t[:1].isupper() or t in {"the", "a", "an", "reporters"} for t in objects)
            return tokens[:k] if subject and objects and named else tokens
    return tokens


def _skip_open_relative(tokens: list[str]) -> list[str]:
    """``Katie Packer, who is chairman of Our Principles PAC said``: a relative clause whose
    closing comma is missing still describes the name before it, which is the subject."""
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 14), -1):
        if not tokens[k].endswith(","):
            continue
        opens_role = tokens[k + 1] in {"the", "a", "an"} or (
            tokens[k + 1].islower() and bare(tokens[k + 1]) in ROLE_WORDS)  # "Anton, president of ..."
        if opens_role and _opens_with_name(tokens, k):
            # "Sam Lau, the communications director for the Iowa Democratic Party said": an
            # appositive left open after the name that opens the clause
            return [*tokens[:k], tokens[k].rstrip(",")] \
                if not any(t.endswith((",", ".", ";", ":", "?", "!")) for t in tokens[k + 1:]) else tokens
        if tokens[k + 1] == "who":
            if 1 <= len(tokens) - k - 2 <= 3 and all(_NAME_TOKEN.match(t) for t in tokens[k + 2:]):
                break  # "Bannon, who Beck called": the clause's own subject is the verb's
            name = tokens[k].rstrip(",")
            ends = (",", ".", ";", ":", "?", "!", "-", "\u2014", "\u2013")
            if _NAME_TOKEN.match(name) and bare(name) not in STOP_CAPS \
                    and not any(t.endswith(ends) for t in tokens[k + 1:]):
                return [*tokens[:k], name]
            break
    return tokens


_PARTICIPLE = re.compile(r"[a-z]+ing\b")
_PARTICIPLE_OPENS = re.compile(r"[a-z]{2,}(?:ed|ing)$")
_DASHES = {"\u2014", "\u2013", "--"}


def _skip_dashed(tokens: list[str]) -> list[str]:
    """``Bill Kristol \u2014 still an influential voice \u2014 writing``: the tokens up to the name
    before an appositive set off by dashes, when lowercase words open it (a name opening it,
    ``Kristol \u2014 Ann Marsh \u2014``, may itself be the subject)."""
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 20), -1):
        if tokens[k] in _DASHES:
            inner = tokens[k + 1:-1]
            if inner and inner[0][:1].islower() and k and not tokens[k - 1].endswith((",", ".", ";", ":")):
                return tokens[:k]
            if inner and k and bare(tokens[k - 1]) in ROLE_NOUNS:
                # "A former Republican presidential candidate -- John McCain, who lost ... --
                # said": the name set off by the dashes is the role's holder
                name = list(itertools.takewhile(lambda t: _NAME_TOKEN.match(t) and not t.endswith((".", ";")),
                                                inner))
                cut = next((i + 1 for i, t in enumerate(name) if t.endswith(",")), len(name))
                if cut:
                    return [*tokens[:k + 1], *name[:cut - 1], name[cut - 1].rstrip(",")]
            return tokens
    return tokens


def _affiliated_name(tokens: list[str]) -> str | None:
    """The name opening the sentence before "with (the) <organisation>": who speaks for it."""
    rest = tokens[:-1] if tokens and tokens[-1].lower() == "the" else tokens
    if not rest or rest[-1] != "with":
        return None
    rest = rest[:-1]
    run: list[str] = []
    while rest and _NAME_TOKEN.match(rest[-1]) and not rest[-1].endswith((",", ";", ":", ".")) \
            and bare(rest[-1]) not in TITLES | STOP_CAPS:
        run.insert(0, rest.pop())
    opens = not rest or rest[-1].endswith((".", "?", "!"))
    return " ".join(run) if opens and 2 <= len(run) <= 4 else None


def _city_after_of(tokens: list[str]) -> int | None:
    """Where "of" or "from" stands before a city of up to three capitalised words and its comma
    at the end of `tokens` ("... of Maricopa County,"), if it does."""
    if not tokens or not tokens[-1].endswith(","):
        return None
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 5), -1):
        if bare(tokens[k]) in {"of", "from"}:
            return k if all(_NAME_TOKEN.match(t.rstrip(",")) for t in tokens[k + 1:]) else None
    return None


def _org_before_and(tokens: list[str], run: list[str]) -> int:
    """How many of the last `tokens` ("Health", "and") belong with `run` ("Human Services
    Department") to one organisation's name: the words before an "and" that joins two parts of
    it, when "the" opens the name and the run ends in an organisation's head word, or the part
    before "and" holds an "of" ("Office of Management and Budget"); 0 when none do ("Nebraska
    and Oklahoma", "Clinton and Senate Finance Committee")."""
    if len(tokens) < 2 or tokens[-1] != "and":
        return 0
    k = len(tokens) - 1
    while k > 0 and (_NAME_TOKEN.match(tokens[k - 1]) and not tokens[k - 1].endswith((",", ";", ":", "."))
                     or (tokens[k - 1] == "of" and k > 1 and _NAME_TOKEN.match(tokens[k - 2]))):
        k -= 1
    left = tokens[k:-1]
    if not left or left[0] == "of":
        return 0
    the = k > 0 and bare(tokens[k - 1]) == "the"  # "the Health and ...": one name, not "Clinton and ..."
    # "a spokesman for Leisure and Culture Dundee": a role serves one organisation
    served = k > 1 and tokens[k - 1] == "for" and bare(tokens[k - 2]) in ROLE_NOUNS
    return len(left) + 1 if "of" in left or (the and bare(run[-1]) in _ORG_WORDS) or served else 0


def name_run_before(text: str, idx: int) -> str | None:
    """The capitalised name (or a pronoun) ending right before position `idx`."""
    tokens = _skip_appositive(_tokens_before(text, idx))
    if tokens and (tokens[-1] in PRONOUNS or tokens[-1] in OTHER_PRONOUNS):
        return tokens[-1]
    run: list[str] = []
    while tokens:
        token = tokens[-1]
        is_name = _NAME_TOKEN.match(token) and not token.endswith((",", ";", ":"))
        if not (is_name or (token in _CONNECTORS and run)):
            break
        if run and token.endswith(".") and not is_abbreviation(token):
            break  # "... of Paul Amery. Vice-chancellor Jonas Brink said": a sentence ended
        run.insert(0, token)
        tokens.pop()
    if tokens and tokens[-1].endswith((".", "!", "?")) and not is_abbreviation(tokens[-1]):
        # "... will be thrown in. While Priscilla agreed": the sentence before is no part of
        # the subject's phrase (its last word is no preposition the name is the object of)
        tokens = []
    joined = _org_before_and(tokens, run) if run else 0
    if joined:
        # "the Health and Human Services Department said", "the Office of Management and Budget
        # said": one organisation's name, "and" inside it
        run = [*tokens[-joined:], *run]
        del tokens[-joined:]
        held = office_holder(run[2:], run[:2]) if len(run) > 2 and run[1] == "of" else None
        if held:
            return " ".join(held)  # "Director of Management and Budget Jack Lew said": Jack Lew
    place = _city_after_of(tokens) if run else None
    if place is not None:
        # "Stacy Baker of Columbia, South Carolina says", "Sheriff Joe Arpaio of Maricopa County,
        # Ariz., who calls himself ...": a state after its city places the person named before
        # "of"; it is not the speaker.
        cut = text.rfind(" " + tokens[place] + " " + tokens[place + 1], 0, idx)
        holder = name_run_before(text, cut) if cut > 0 else None
        if holder and " " in holder:
            return holder
    lone = run[0] if len(run) == 1 and may_be_surname(run[0]) else None
    while run and (bare(run[0]) in STOP_CAPS or bare(run[0]) in NOT_NAME_OPENERS or run[0] in _CONNECTORS):
        run.pop(0)
    if not run and lone:
        # '"...," From said': a capitalised word of STOP_CAPS alone before the verb may be a
        # surname ("Al From"); People.resolve keeps it only when it ends a name of the article.
        run = [lone]
    run = after_possessor(run)
    if run and run[-1].endswith(("\u2019s", "'s", "\u2019", "s'")):
        return None  # "Trump's tweet saying": a possessive is never the speaker itself
    held = office_holder(run, tokens)
    if held:
        return " ".join(held)
    titles, name = split_title(run) if len(run) >= 3 else ([], run)
    if titles and name and bare(titles[-1]) in TITLES and tokens and bare(tokens[-1]) in _PREPOSITIONS \
            and not all(bare(t) in TITLES for t in titles):
        # "The National Organization for Women President Terry O'Neill said": a title inside
        # the run starts the speaker's name; the words before it end an organisation's.
        return " ".join([titles[-1], *name])
    if run and tokens and _ISSUED_BY.search(" ".join(tokens)):
        return " ".join(run)  # "A statement from the EU said": the EU's words
    # ("with the X calling her": X is the participle's subject)
    organisation = _organisation_before(tokens, run, bool(_PARTICIPLE.match(text, idx))) if run else None
    if organisation:
        return organisation  # "the Association of Directors of Adult Social Services said": all of it
    if _envoy_named(tokens, run):
        return " ".join(run)  # People knows the person without the country
    if run and tokens:
        role = _role_for_before(tokens)
        if role:
            return " ".join([*role, *run])
        holder = _holder_before(tokens)
        tail = tokens[-2:] if len(tokens) > 1 and tokens[-1] in DETERMINERS else tokens[-1:]
        if holder and bare(holder.split()[0]) in DETERMINERS and tail[0] in ("from", "of"):
            # "the senator from Vermont", "The mayor of Mountain View", "the head of the Justice
            # Department": the role with where it serves, not the place
            return f"{holder} {' '.join(tail)} {' '.join(run)}"
        if holder is not None:
            return holder or None
    affiliated = _affiliated_name(tokens) if run else None
    if affiliated:
        return affiliated  # "Tim Guest with the Nova Scotia Health Authority says": Tim Guest
    absolute = tokens[-1] == "with" and _PARTICIPLE.match(text, idx) if tokens else False
    if run and tokens and bare(tokens[-1]) in _PREPOSITIONS and not absolute:
        # "on Facebook writing": the object of a preposition, not a subject; but "with Bill
        # Kristol writing": "with" opens a phrase whose subject is the name.
        return None
    return " ".join(run) or None


# A record and who issued it, ending right before a name: "A statement from (the)", "A statement
# e-mailed to The Globe by". The name is the speaker, not the record or a holder of it.
MONTH_OR_DAY = (r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|"
                 r"July|August|September|October|November|December|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
# "A statement from the EU", "a Feb. 1 letter from the American Legion": a writing and its issuer,
# perhaps with describing words or a date between the article and the writing.
_ISSUED_BY = re.compile(
    r"(?:^|\s)(?:[Aa]n?|[Tt]he)\s+(?:(?:[a-z][\w\-]*|\d{1,2}(?:st|nd|rd|th)?,?|" + MONTH_OR_DAY + r")\s+){0,3}?"
    r"(?:statement|release|letter|memo|e-?mail|readout|message|note)\s+(?:[\w\-\u2019'.]+\s+){0,5}?"
    r"(?:from|by)(?:\s+the)?$")


def _organisation_before(tokens: list[str], run: list[str], participle: bool = False) -> str | None:
    """The whole name of an organisation whose head noun "of" or "for" continues, when `run`
    ("Adult Social Services") ends it and `tokens` end on "Association of Directors of": not
    the holder of "Jane Marsh of the Heritage Trust"."""
    words: list[str] = []
    k = len(tokens)
    while k > 0 and (bare(tokens[k - 1]) in ("of", "for", "the") and k > 1 or _is_capitalised(tokens[k - 1])) \
            and not tokens[k - 1].endswith((",", ";", ":", ".")):
        words.insert(0, tokens[k - 1])
        k -= 1
    while words and not _is_capitalised(words[0]):
        words.pop(0)
    if not words or bare(words[-1]) not in ("of", "for", "the") or words[0][:1].islower():
        return None
    before = [t for t in tokens[:len(tokens) - len(words)] if bare(t) != "the"][-1:]
    if before and bare(before[0]) in _PREPOSITIONS and not (participle and bare(before[0]) == "with") \
            and bare(before[0]) != "by":
        # "experts at (the) University of San Diego said": where the speakers work (but "a study
        # by the Centre for Economic Policy Research concluded": who did the work)
        return None
    joined = [*words, *run]
    return " ".join(joined) if _organisation_name(joined) else None


def _organisation_after(tokens: list[str]) -> str | None:
    """``said the Royal College of Nursing.``: an organisation's whole name right after a verb,
    when a head noun of it takes "of" or "for"."""
    k = 1 if tokens and tokens[0] == "the" else 0
    words: list[str] = []
    for token in tokens[k:12]:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if not (_is_capitalised(clean) or (words and clean in ("of", "for", "the", "and"))):
            break
        words.append(clean)
        if clean != token:
            break
    while words and words[-1] in ("of", "for", "the", "and"):
        words.pop()
    return " ".join(words) if _organisation_name(words) else None


def _organisation_name(words: list[str]) -> bool:
    """Whether `words` are one organisation's name: its first "of" or "for" follows a head
    noun ("Royal College of Nursing"), not a person ("Stephen Vladeck of the University of
    Texas") nor an office ("Secretary of State", "President of the Bank of England")."""
    first = next((i for i, w in enumerate(words) if w in ("of", "for")), 0)
    return 0 < first < len(words) - 1 and bare(words[first - 1]) in _ORG_HEADS \
        and not any(bare(w) in TITLES for w in words[:first])


# An organisation known by its initials: "EDC", "NAACP".
ACRONYM = re.compile(r"[A-Z]{2,6}")
# "China's ambassador to Britain Liu Xiaoming": a diplomat is sent to a country, named before them.
ENVOY_TO = re.compile(r"\b(?:envoy|ambassador)\s+to$", re.IGNORECASE)


def _envoy_named(tokens: list[str], run: list[str]) -> bool:
    """Whether `run` is a country and a two-word name after "envoy to" or "ambassador to"
    ending `tokens` ("special envoy to Ukraine Kurt Volker"); "an adviser to President Donald
    Trump" is the adviser's."""
    return len(run) == 3 and bare(run[0]) not in TITLES and bool(ENVOY_TO.search(" ".join(tokens[-2:])))


def _role_for_before(tokens: list[str]) -> list[str]:
    """``a spokesman for`` / ``an aide to the`` ending `tokens` before a name: the role and its
    preposition, whom the name is served by ("an aide to Helena Varga said" is the aide)."""
    cut = len(tokens) - 2 if tokens and bare(tokens[-1]) in DETERMINERS and not tokens[-1][:1].isupper() \
        else len(tokens) - 1
    if cut < 1 or bare(tokens[cut]) not in {"for", "to"} or tokens[cut][-1:] == ",":
        return []
    text = " ".join(tokens[:cut])
    role = role_phrase_before(text, len(text))
    # "A spokeswoman for the House Armed Services Committee said": a capital opening the sentence.
    if not role or not (role[:1].islower() or bare(role.split()[0]) in DETERMINERS) \
            or bare(role.split()[-1]) in _RECORD_HEADS | _DOCUMENTS:
        return []  # "wrote in a statement to Wired": a record is served by nobody
    return [role, *tokens[cut:]]


_DESCRIBING_WORD = re.compile(r"[a-z][a-z\-]*")


def _holder_before(tokens: list[str]) -> str | None:
    """``Jane Marsh of the Heritage Trust said``: the organisation after ``of``/``at``/``for``
    /``from`` only places the speaker named before it (``""`` when nobody is named there,
    ``None`` when no such preposition comes first)."""
    head = list(tokens)
    described = len(head)
    while described > len(head) - 2 and described > 1 and _DESCRIBING_WORD.fullmatch(head[described - 1]) \
            and bare(head[described - 1]) not in DETERMINERS | _CLAUSE_WORDS | _PREPOSITIONS:
        described -= 1
    if described < len(head) and bare(head[described - 1]) in DETERMINERS:
        head = head[:described]  # "of the conservative Heritage Trust": words describing the organisation
    if head and bare(head[-1]) in DETERMINERS and not head[-1][:1].isupper():
        head.pop()
    if not head or bare(head[-1]) not in {"of", "at", "for", "from"} or head[-1][-1:] == ",":
        return None
    head.pop()
    if head and bare(head[-1]) in TITLES and head[-1][:1].isupper():
        return None  # "Secretary of State Blinken said": a title, not a name and its holder
    text = " ".join(head)
    earlier = name_run_before(text, len(text))
    if earlier and earlier[:1].isupper() and not is_pronoun(earlier):
        return earlier
    return role_phrase_before(text, len(text)) or ""


def role_phrase_before(text: str, idx: int) -> str | None:
    """``the Chinese leader`` / ``a spokesman for the ministry`` ending before `idx`."""
    tokens = _skip_appositive(_tokens_before(text, idx))
    knowing = _knowing_role(tokens)
    if knowing:
        return knowing
    placed = _placed_role(tokens)
    if placed:
        return placed
    of_group = _role_of_group(tokens)
    if of_group:
        return of_group
    if len(tokens) >= 2 and AGED.fullmatch(tokens[-1]) and tokens[-2] in ("the", "The"):
        return " ".join(tokens[-2:])  # "the 31-year-old added": a person described by age
    if not tokens or bare(tokens[-1]) not in ROLE_NOUNS or not tokens[-1][-1:].isalpha():
        return None
    phrase: list[str] = []
    window = tokens[-9:]
    resume = len(window)  # where the walk goes on after a title in quotation marks
    for k in range(len(window) - 1, -1, -1):
        if k >= resume:
            continue
        token = window[k]
        titled = _quoted_title(window, k) if phrase else None
        if titled is not None:
            phrase[:0] = window[titled:k + 1]  # 'the "Pose" actor', 'the "Dawson's Creek" star'
            resume = titled
            continue
        # "the singer and guitarist": one person of two roles
        joins_names = token == "and" and phrase[:1] and (phrase[0][:1].isupper() or _one_role(phrase[0])
                                                         and k > 0 and _one_role(window[k - 1]))
        # "the lanky, bespectacled professor": a comma between two describing words
        # ("In the court, opponents argued": one noun after the comma opens a new phrase)
        listed = token.endswith(",") and token[:-1].isalpha() and token.islower() and len(phrase) >= 2 \
            and phrase[0].islower() and k > 0 and bare(window[k - 1]) in DETERMINERS
        ended = token.endswith(".") and not (is_abbreviation(token) and phrase)  # "A U.S. intelligence official"
        if (token[-1:] in ",;:\"\u201d\u201c" and not listed) or ended or token in _DASHES or (
                bare(token) in _CLAUSE_WORDS and not joins_names):
            break  # (a dash ends it: "a struggling campaign \u2014 25 percent of voters say")
        if token[:1] in "([" and len(token) > 1:
            phrase.insert(0, token[1:])  # "(Grayson's spokeswoman challenged": a bracket opens it
            break
        phrase.insert(0, token)
        if bare(token) in DETERMINERS:
            break
        if token.endswith(("\u2019s", "'s")):
            # "the company's spokesman", "the former vice president's spokeswoman": the owner's
            # describing words and determiner, not "president's spokeswoman"
            phrase[:0] = _owner_words(window[:k])
            break
    if phrase and phrase[0].lower() in {"for", "of", "at"}:
        phrase.pop(0)
    start = len(window) - len(phrase)
    if phrase and bare(phrase[0]) in DETERMINERS and start > 0 and bare(window[start - 1]) in _PLACE_PREPOSITIONS:
        return None  # "One source at the company told": the company is where the subject works
    while phrase and phrase[0] == "and":
        phrase.pop(0)  # "..., and Sessions' office said": "and" joined clauses, not names
    if any(_verb_after_noun(phrase[i - 1], phrase[i], (phrase[i + 1:] or [""])[0]) for i in range(1, len(phrase))):
        return None  # "The board wrote to members": a clause, not a role
    served = _role_for_before(window[:start]) if phrase and start > 1 else []
    if served:
        return " ".join([*served, *phrase])  # "A spokesman for the party's assembly group": the spokesman
    return " ".join(phrase) if phrase else None


def _quoted_title(window: list[str], k: int) -> int | None:
    """Where a title in quotation marks ending at `window[k]` opens (at most four words)."""
    if window[k][-1:] not in "\"\u201d":
        return None
    for j in range(k, max(k - 4, -1), -1):
        if window[j][:1] in "\"\u201c" and len(window[j]) > 1:
            return j
    return None


def _one_role(token: str) -> bool:
    """A role one person holds ("singer", "guitarist"), not a group's ("officials")."""
    return bare(token) in ROLE_NOUNS and token.islower() and not token.endswith("s")


_GROUP_OPENERS = {"the", "a", "an", "this", "that", "his", "her", "their", "its"}


# "31-year-old": a person's age used as what describes them
AGED = re.compile(r"\d{1,3}-year-old")


def _role_of_group(tokens: list[str]) -> str | None:
    """People named by a role and what they belong to or stand for, opening the clause:
    "Leaders of the organization", "Proponents of the new bill", "The head of the group" (not
    "the organization" or "the new bill"). At most three lower-case words after the determiner;
    a role without a determiner of its own is plural ("Members of the public")."""
    for k in range(len(tokens) - 3, max(len(tokens) - 7, 0) - 1, -1):
        role, of, opener, rest = tokens[k], tokens[k + 1], tokens[k + 2], tokens[k + 3:]
        if of != "of" or opener not in _GROUP_OPENERS or not 1 <= len(rest) <= 3:
            continue
        if not all(t.isalpha() and t.islower() and t not in _CLAUSE_WORDS for t in rest):
            return None
        # "Some leaders of ...", "The head of the group": the word opening the role is part of it
        start = k - 1 if k and bare(tokens[k - 1]) in _ROLE_OPENERS | {"the", "a", "an"} else k
        opens = start == 0 or tokens[start - 1].endswith((".", ",", ";", ":"))
        noun = bare(role) in ROLE_NOUNS and role.isalpha()
        return " ".join(tokens[start:]) if opens and noun and (start < k or role.endswith("s")) else None
    return None


def _owner_words(tokens: list[str]) -> list[str]:
    """The determiner and lower-case describing words that end `tokens` before a possessive
    role's owner ("the former vice" of "the former vice president's"); none without a
    determiner within three words."""
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 4), -1):
        word = tokens[k]
        if word.lower() in DETERMINERS:
            return tokens[k:]
        if not (word.isalpha() and word.islower()) or word in _CLAUSE_WORDS or word in _PREPOSITIONS:
            return []
    return []


def _placed_role(tokens: list[str]) -> str | None:
    """``the senator from Vermont``: a role with the place it is from, ending the tokens."""
    k = len(tokens) - 1
    while k > 0 and _NAME_TOKEN.match(tokens[k]) and len(tokens) - k <= 3:
        k -= 1
    if k == len(tokens) - 1 or k < 1 or tokens[k] != "from" or bare(tokens[k - 1]) not in ROLE_NOUNS \
            or not tokens[k - 1][-1:].isalpha():
        return None
    head = " ".join(tokens[:k])
    role = role_phrase_before(head, len(head))
    return f"{role} {' '.join(tokens[k:])}" if role else None


def _knowing_role(tokens: list[str]) -> str | None:
    """``Another source familiar with Cruz's thinking``: a role that knows somebody, with
    what it knows, ending the tokens."""
    for k in range(len(tokens) - 2, max(0, len(tokens) - 7), -1):
        word = bare(tokens[k])
        if word in _KNOWING and bare(tokens[k + 1]) == _KNOWING[word] and bare(tokens[k - 1]) in ROLE_NOUNS:
            role = role_phrase_before(" ".join(tokens[:k]), len(" ".join(tokens[:k])))
            known = tokens[k + 2:]
            if role and known and not any(t.endswith((",", ".", ";", ":")) for t in known[:-1]):
                return " ".join([role, *tokens[k:]]).rstrip(",.;:")
            return None
    return None


def name_run_after(text: str) -> str | None:
    """The speaker right after a verb: ``said Xi``, ``said the spokesman``, ``said farmer Joan
    Price``, ``said union secretary Joanna Reyes``, ``said Kestrel chief executive Anna Berg``,
    ``said the union's secretary, Joanna Reyes`` (the name, not the role words before it)."""
    tokens = text.split()[:14]
    organisation = _organisation_after(tokens)
    if organisation:
        return organisation
    name_at = _after_role_words(tokens)
    if name_at:
        name = _plain_name_run(tokens[name_at:])
        # After a comma only a full name is an appositive ("the union secretary, Joanna Reyes");
        # a possessive is not the speaker ("said the White House's spokesman").
        appositive = tokens[name_at - 1].endswith(",")
        if name and not name.endswith(("\u2019s", "'s")) and (" " in name or not appositive):
            return name
    if len(tokens) > 2 and tokens[0].lower() == "the" and tokens[1][:1].isupper() and \
            tokens[1].endswith(POSSESSIVE_ENDS):
        run = _plain_name_run(tokens[1:])
        if run and " " in run and not run.endswith(POSSESSIVE_ENDS):
            return run  # "said the IFSD's Azfar Ali Khan": the name after its affiliation
    if tokens and bare(tokens[0]) in DETERMINERS:
        return _determiner_role(tokens)
    name = _plain_name_run(tokens)
    if name and name.endswith(("\u2019s", "'s")):
        # "said Okafor's spokesman": the possessive works as a determiner of the role.
        return _determiner_role([name, *tokens[len(name.split()):]])
    size = len(name.split()) if name else 0
    following = tokens[size].rstrip(",.;:!?)\u201d\"") if name and len(tokens) > size else ""
    named_next = len(tokens) > size + 1 and tokens[size] == following and _is_capitalised(tokens[size + 1])
    if name and following.islower() and bare(following) in ROLE_NOUNS and name == " ".join(tokens[:size]):
        if named_next:
            # "Fox Business moderator Gerard Baker": the person the role introduces
            return _plain_name_run(tokens[size + 1:]) or name
        return f"{name} {following}"  # "according to U.S. officials", "said Pentagon officials": the role
    return name


_DESCRIBER = re.compile(r"^[a-z0-9][a-z0-9\-\u2019']*$")  # "union", "secretary-general", "54-year-old"
_ROLE_WORDS_MAX = 8  # "said longtime union branch secretary Joanna Reyes"


def _is_describer(token: str, first: bool) -> bool:
    """A lower-case word that can describe the speaker before the name (not a clause word:
    ``said of Trump``, ``said when asked``); ``and`` joins two roles but never starts one."""
    word = token.rstrip(",")
    if not _DESCRIBER.match(word):
        return False
    if word == "and":
        return not first
    return word not in STOP_CAPS and word not in _CLAUSE_WORDS and word not in DETERMINERS


def _is_role_word(token: str) -> bool:
    parts = bare(token).replace("\u2019s", "").replace("'s", "").split("-")
    return any(part in ROLE_NOUNS or part in TITLES for part in parts)


def _after_role_words(tokens: list[str]) -> int:
    """Where the name starts after lower-case role words (0 when there are none):
    ``union secretary Joanna``, ``the union's secretary, Joanna``, ``Kestrel chief executive
    Anna``. After a determiner the words must hold a role (``said the ministry Tuesday`` has no
    name); a capitalised word inside the role (``a senior Cruz adviser``) is not the name."""
    determined = prefixed = bool(tokens) and bare(tokens[0]) in DETERMINERS
    described = has_role = False
    last = ""
    i = 1 if prefixed else 0
    while i <= min(_ROLE_WORDS_MAX, len(tokens) - 1):
        token = tokens[i]
        if _is_capitalised(token):
            after = _capitalised_run_end(tokens, i)
            if after < len(tokens) and not tokens[after - 1].endswith(",") \
                    and _is_describer(tokens[after].rstrip(".;:!?"), False):
                prefixed, i = True, after  # a modifier such as "GOP" in "GOP leadership aide"
                continue
            if not described or (determined and not has_role):
                return 0
            return 0 if _is_time(tokens[i:after]) else i
        if described and last.endswith(","):
            return 0  # "the union secretary, who ...": no name follows the comma
        if not _is_describer(token, not described and not prefixed) and not _role_of(tokens, i, last):
            return 0
        described, last = True, token
        has_role = has_role or _is_role_word(token)
        i += 1
    return 0


def _role_of(tokens: list[str], i: int, last: str) -> bool:
    """``chief of staff``, ``master of ceremonies``: "of" inside a role, between a role word
    and a lower-case word (``said the head of the union`` has a determiner there)."""
    return tokens[i] == "of" and bool(last) and _is_role_word(last) and i + 1 < len(tokens) \
        and _is_describer(tokens[i + 1], False) and not last.endswith(",")


def _is_time(tokens: list[str]) -> bool:
    return all(bare(t) in TIME_WORDS for t in tokens)


def _is_capitalised(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token.rstrip(","))) and not token[:1].islower()


def _capitalised_run_end(tokens: list[str], start: int) -> int:
    """The index after the capitalised run opening at `start` (a comma ends it)."""
    end = start
    while end < len(tokens):
        if tokens[end] in _CONNECTORS and end > start:
            # "Joanna de la Cruz": particles inside a name, when a capitalised word follows
            ahead = end
            while ahead < len(tokens) and tokens[ahead] in _CONNECTORS:
                ahead += 1
            if ahead == len(tokens) or not _is_capitalised(tokens[ahead]):
                break
            end = ahead
        if not _is_capitalised(tokens[end]):
            break
        end += 1
        if tokens[end - 1].endswith(","):
            break
    return end


def _determiner_role(tokens: list[str]) -> str | None:
    """``the spokesman``, ``a union secretary``, ``the Chinese leader``, ``Axelrod's memoir``:
    up to its last role noun (or document); ``None`` when the phrase names neither."""
    out: list[str] = [tokens[0]]
    for token in tokens[1:7]:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if re.fullmatch(r"(?:[A-Z]\.)+", token):
            clean = token  # "a former U.S. official": an acronym's periods end nothing
        core = clean.replace("\u2019s", "").replace("'s", "").replace(".", "")  # "the union's secretary"
        joins_names = clean == "and" and out[-1][:1].isupper()
        if not core.isalpha() or ((bare(clean) in STOP_CAPS or bare(clean) in _CLAUSE_WORDS)
                                  and not joins_names):
            break
        out.append(clean)
        if clean != token:
            break
    while len(out) > 1 and bare(out[-1]) not in ROLE_NOUNS | _DOCUMENTS:
        out.pop()
    if len(out) > 1 and bare(out[-1]) in ROLE_NOUNS and out[-1] == tokens[len(out) - 1]:
        out += _role_complement(tokens[len(out):len(out) + 8])
    return " ".join(out) if len(out) > 1 else None


def _role_complement(tokens: list[str]) -> list[str]:
    """Whom a role serves, when a name says it: ``a person close to the Clintons``, ``a
    longtime adviser to Bill Clinton``, ``the former top aide to President George W. Bush``;
    nothing for ``a spokesman for the ministry`` (no name) or ``the aide on Tuesday``."""
    out: list[str] = []
    i = 0
    knowing = _KNOWING.get(tokens[0]) if tokens else None
    if knowing:
        if len(tokens) < 2 or tokens[1] != knowing:
            return []
        out, i = tokens[:2], 2
    elif not tokens or tokens[0] not in _COMPLEMENT_WORDS:
        return []
    else:
        out, i = tokens[:1], 1
    if i < len(tokens) and tokens[i] in ("the", "both"):
        out.append(tokens[i])
        i += 1
    name = _plain_name_run(tokens[i:])
    if not name or all(bare(t) in TIME_WORDS for t in name.split()):
        return []
    if name.endswith(("\u2019s", "'s")):
        # "a person familiar with Johnson's views": what the person knows is Johnson's, and
        # the whole phrase is the speaker; "an aide to Varga's" says nothing whole.
        owned = _owned_words(tokens[i + len(name.split()):]) if knowing else []
        return [*out, name, *owned] if owned else []
    words = name.split()
    end = i + len(words)
    while words and bare(words[-1]) in TIME_WORDS:
        words.pop()  # "an aide to Varga Monday": the day is no part of the name
    # "close to the Varga family": a role or organisation noun right after the name ends it.
    head = tokens[end].rstrip(",.;:!?)\u201d\"") if end < len(tokens) and tokens[end - 1] == words[-1] else ""
    tail = [head] if head in ROLE_NOUNS | _ORG_WORDS and head not in TIME_WORDS else []
    return [*out, *words, *tail]


def _owned_words(tokens: list[str]) -> list[str]:
    """The lowercase words a possessive name owns: ``views`` of ``Johnson's views``, ``legal
    strategy`` of ``Johnson's legal strategy,``; up to a preposition, a clause word or a comma."""
    out: list[str] = []
    for token in tokens[:3]:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if not clean.isalpha() or not clean.islower() or clean in _OWNED_STOPS:
            break
        out.append(clean)
        if clean != token:
            break
    return out


_COMPLEMENT_WORDS = {"to", "for", "of", "at", "with", "from"}
# "a person familiar with ...": a role that knows somebody, with the one preposition it takes.
_KNOWING = {"close": "to", "familiar": "with", "briefed": "on", "knowledgeable": "about"}
_OWNED_STOPS = _CLAUSE_WORDS | _COMPLEMENT_WORDS | {"on", "in", "about", "by", "from", "as", "who", "told"}
# Where a role's complement starts in a role phrase ("a longtime adviser to Bill Clinton").
ROLE_COMPLEMENT = re.compile(
    r"\s(?:" + "|".join([rf"{word}\s+{preposition}" for word, preposition in _KNOWING.items()]
                        + sorted(_COMPLEMENT_WORDS)) + r")\s+(?:the\s+|both\s+)?[A-Z]")


def _plain_name_run(tokens: list[str]) -> str | None:
    """A capitalised run right after the verb: ``Xi``, ``Gen. Mark Milley``; a bare
    organisation word alone (``said Reuters``) is no speaker."""
    out: list[str] = []
    for token in tokens:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if is_initial(token) or (token.endswith(".") and bare(token) in TITLES):
            clean = token
        if _NAME_TOKEN.match(clean) or (out and clean in _CONNECTORS):
            out.append(clean)
        else:
            break
        if clean != token:
            break
    while out and out[-1] in _CONNECTORS:
        out.pop()
    out = after_possessor(out)
    if out and all(bare(t) in _ORG_WORDS for t in out if t[:1].isupper()):
        return None if len(out) == 1 else " ".join(out)
    return " ".join(out) or None


# The words that end an office's name after "of": "Director of National Intelligence",
# "Secretary of Homeland Security", "Chief of Staff", "Minister of Foreign Affairs".
_OFFICE_ENDS = {
    "state", "intelligence", "security", "affairs", "defense", "defence", "staff", "treasury",
    "justice", "commerce", "education", "energy", "agriculture", "labor", "labour", "health",
    "transportation", "interior", "finance", "housing", "communications", "operations", "police", "budget",
    "prosecution", "prosecutions", "elections", "immigration", "trade", "enforcement", "research", "policy",
    "sport", "sports", "culture", "environment", "transport", "tourism", "employment", "europe", "women",
}


def office_holder(run: list[str], words_before: list[str]) -> list[str] | None:
    """``Director of National Intelligence James Clapper``, ``Minister for Sport Aileen
    Campbell``: after a title and "of" or "for", the run names the office up to its last office
    word, then its holder; the holder's name, or ``None`` when the run follows no such office."""
    if len(words_before) < 2 or words_before[-1] not in ("of", "for") or bare(words_before[-2]) not in TITLES:
        return None
    ends = [i for i, token in enumerate(run) if bare(token) in _OFFICE_ENDS]
    holder = run[ends[-1] + 1:] if ends else []
    return holder if 2 <= len(holder) <= 4 and not is_org(holder) else None


def after_possessor(run: list[str]) -> list[str]:
    """A capitalised run without the affiliation a possessive gives before a name of two words
    or more: "CNN's Jake Tapper", "Iowa State University's Dianne Bystrom"."""
    for k in range(len(run) - 3, -1, -1):
        if run[k].endswith(POSSESSIVE_ENDS):
            rest = run[k + 1:]
            # "Germany's Pirate Party" is an organisation's name, kept whole
            return run if is_org_phrase(rest) or not all(t[:1].isupper() for t in rest) else rest
    return run


def titled_name(name: str) -> bool:
    """Whether `name` is a title only a person holds and one name ("President Obama", "Sen.
    Reid"): a person even when the article never writes the full name ("House" of "the House
    GOP" is no such title)."""
    titles, rest = split_title(name.split())
    return bool(titles) and bare(titles[-1]) in PERSONAL_TITLES and len(rest) == 1 and rest[0][:1].isupper() \
        and not rest[0].isupper() and not is_org(rest)


PERSONAL_TITLES = {"president", "sen", "senator", "rep", "representative", "gov", "governor", "mayor", "mr", "mrs",
                    "ms", "miss", "dr", "judge", "justice", "gen", "general", "secretary", "minister", "premier",
                    "chancellor", "king", "queen", "prince", "princess", "pope", "lord", "lady", "sir", "dame",
                    "col", "colonel", "capt", "captain", "sgt", "lt", "adm", "admiral", "ambassador", "speaker",
                    "dean", "professor", "prof", "rev", "reverend", "bishop", "cardinal", "rabbi", "imam", "sheriff",
                    "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "chairman",
                    "chairwoman", "coach"}


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a capitalised run: after the last title word."""
    last = -1
    for i, token in enumerate(tokens[:-1]):
        if bare(token) in TITLES or (i == 0 and len(tokens) >= 3 and (_ROLE_LIKE.fullmatch(token)
                                                                     or bare(token) in _ROLE_FIRST_WORDS)):
            last = i
    return tokens[:last + 1], tokens[last + 1:]


# A capitalised first word that names what somebody does or is, before their full name:
# "Archaeologist David Jacques", "Writer-director Joss Whedon", "Team-mate Max Litchfield",
# "Passenger Rebecca Crow", "Democrat Ana Ruiz" (a role word of a person, not of a body; and
# not "Calgary-based Suncor Energy", which is where a firm is).
_ROLE_LIKE = re.compile(r"[A-Z][a-z]+-(?!based\b|headquartered\b)[a-z][a-z\-]*|[A-Z][a-z]+ists?")
_ROLE_FIRST_WORDS = (ROLE_NOUNS - {
    "ministry", "statement", "police", "government", "report", "readout", "agency", "company", "department",
    "embassy", "military", "army", "authorities", "study", "court", "campaign", "office", "kremlin",
    "white house", "pentagon", "union", "group", "board", "party", "team", "club", "family", "staff",
    "general", "forward", "host", "member", "members",
}) | {"passenger", "holidaymaker", "musician", "tourist", "teenager", "pensioner", "shopper", "motorist",
      "singer", "actor", "actress", "rapper", "comedian", "presenter", "entrepreneur", "photographer", "nurse"}


TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "morning", "afternoon", "evening",
    "early", "earlier", "later",  # "Early in his campaign, Trump ..."
}


def is_initial(token: str) -> bool:
    """``W.``, ``A.``: a name's initial (never the article "A")."""
    return bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", token))


def is_abbreviation(token: str) -> bool:
    """``W.``, ``Sen.``, ``Jr.``: a period that does not end a sentence."""
    return is_initial(token) or bare(token) in TITLES or bare(token) in {"jr", "sr", "st"}




def is_org_phrase(tokens: list[str]) -> bool:
    """An organisation, place or publication rather than a person (by its words)."""
    return any(bare(t) in _ORG_WORDS for t in tokens)


def is_org(tokens: list[str]) -> bool:
    return any(bare(t) in _ORG_WORDS for t in tokens) or any(t.endswith(("\u2019s", "'s")) for t in tokens)




# Lower-case words of a title, then its holder's name and a verb, after a capitalised word.
# (not a verb: "Frank quotes former Carter adviser Alfred Kahn", "Trump attacked former ...")
_TITLE_WORDS = word_trie(sorted(w for w in ROLE_WORDS if w.isalpha()))
_HOLDER_AFTER = re.compile(r"\s+(?:(?![a-z]+(?:ed|s)\b)[a-z][a-z\-]*\s+){0,2}(?:" + _TITLE_WORDS + r")\s+"
                           r"((?:[A-Z][\w\u2019'.\-]*\s+){0,3}[A-Z][\w\u2019'\-]*)\s+[a-z]")
# A sentence opened by a determiner, one describing word and a full name, then its verb: "An
# incredulous Bob Schieffer began", "A defiant Owen Pratt rejected".
_DESCRIBED_NAME = re.compile(r"\s*(?:An?|The)\s+[a-z]+\s+((?:[A-Z][\w\u2019'\-]*\.?\s+){1,3}[A-Z][\w\u2019'\-]*)"
                             r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+s|" + IRREGULAR_PAST + r")\b")
_SUBJECT = re.compile(
    r"(?:^(?:[^\s,]+\s+){0,4}?|,\s+(?:the\s+)?)((?:[A-Z][\w\u2019'\-]*\.?\s+){0,4}[A-Z][\w\u2019'\-]*)"
    # an appositive set off by commas, its closing one perhaps inside a masked quotation
    # ("Washington, star of television's "Scandal," thanked ..."), perhaps with what the role's
    # organisation is ("Edelman, president of the Children's Defense Fund, an advocacy group, criticized")
    r"(?:,\s[a-z][^,]{1,160},\s(?:a|an|the)\s[^,]{1,80}(?:,|_(?=\s))|,[^,]{1,160}(?:,|_(?=\s)))?(?:\s+(?:on|last|this|early|late|in)\s+[A-Z]?[a-z]+)?(?:\s+then)?"
    r"\s+(?!(?:of|in|on|at|for|with|and|or|to|from|by|the|a|an|who|which|that|then)\b)"
    # not a title between an organisation and its holder ("Campaign chair Paul Manafort dismissed")
    r"(?!(?:" + _TITLE_WORDS + r")\s+[A-Z])[a-z]+\b"
)


# A role after its owner's possessive, perhaps with its holder's name, then a verb: "Lazar's
# public defense counsel asked", "Kasich's chief strategist John Weaver said".
_OWNED_ROLE = re.compile(r"\s+((?:[a-z][\w\-]*\s+){0,2}(?:" + _TITLE_WORDS + r"))\b"
                         r"(?:\s+((?:[A-Z][\w\u2019'\-]*\s+){0,2}[A-Z][\w\u2019'\-]*))?(?=\s+[a-z])")
# More role nouns after a role's first ("campaign official").
_ROLE_TAIL = re.compile(r"((?:\s+(?:" + word_trie(sorted(ROLE_NOUNS)) + r"))+)\b")


# Writings that speak for whoever issued them, when a modifier stands between them and the verb.
WRITINGS = ("statement|report|readout|email|e-mail|tweet|post|letter|video|ad|memo|release|transcript|memoir|"
            "book|textbook|order|ruling|opinion|study|paper|filing|complaint|lawsuit|editorial|column|op-ed|summary|"
            "cable|resolution")
# A name given, right before the quotation: "it is called", "was dubbed", "a policy known as",
# "an installation entitled".
NAME_GIVEN = re.compile(r"\b(?:(?:is|are|was|were|be|been|being|often|also|sometimes|now)\s+(?:called|dubbed|named|"
                        r"nicknamed|termed)|known\s+as|referred\s+to\s+as|entitled|titled)\s+[\"\u201c\u2018']?\s?$")
# A capitalised name of up to five words, perhaps after "the" ("the American Legion").
CAPITALISED_NAME = r"(?:the\s+)?(?:[A-Z][\w\u2019'.\-]*\s+){0,4}[A-Z][\w\u2019'.\-]*"
# "A letter from the Legion obtained by The Associated Press warns": the Legion's letter, never
# the agency that obtained it; "an email sent out by Sanders on Tuesday warned": its author's.
# The group ends where the writing, its issuer and its author end, before the modifier.
_WRITING_THEN_MODIFIER = re.compile(
    r"(\b(?:" + WRITINGS + r")(?:\s+(?:from|by)\s+" + CAPITALISED_NAME + r")?"
    r"(?:\s+(?:sent\s+out|sent|written|issued|signed|posted|published|released|put\s+out)\s+by\s+"
    + CAPITALISED_NAME + r"|(?=\s+(?:[a-z]+ly\s+|just\s+)?(?:obtained|seen|reviewed|released|published|issued|filed|"
    r"posted|dated|sent|"
    r"circulated|drafted|detailing|describing|outlining|summarizing|summarising)\b|\s+to\s+(?:his|her|their|its)\s)))"
    r"(?:\s+(?!(?:that|which|who|and|but)\b)[\w\u2019'.\-]+){0,7}$")


# "the lawsuit from Nebraska and Oklahoma, where marijuana is still outlawed, argues": the
# writing, its issuers, then a relative clause set off by commas, which may hold appositives of
# its own ("The lawsuit, which was brought by Nebraska's attorney general, Jon Bruning, and
# Oklahoma's attorney general, Scott Pruitt, accused").
_WRITING_THEN_RELATIVE = re.compile(
    r"(\b(?:" + WRITINGS + r")(?:\s+(?:from|by)\s+" + CAPITALISED_NAME + r"(?:\s+and\s+" + CAPITALISED_NAME + r")?)?)"
    r",\s+(?:where|which|whose)\s[^;:.!?\"\u201c\u201d]{1,160}?,\s*$")


def writing_before_modifier(head: str) -> str | None:
    """`head` up to the writing and its author when a modifier of the writing closes it ("A
    letter from the Legion obtained by The Associated Press" gives "A letter from the Legion")."""
    match = _WRITING_THEN_MODIFIER.search(head) or _WRITING_THEN_RELATIVE.search(head)
    return head[:match.end(1)] if match else None


def ends_with_document(head: str) -> bool:
    """Whether `head` ends on a document ("issued a statement", "posted two videos")."""
    last = bare(head.split()[-1]) if head.split() else ""
    return last in _DOCUMENTS or (last.endswith("s") and last[:-1] in _DOCUMENTS)


_OPENING_PREPOSITIONS = {"after", "before", "in", "on", "at", "during", "since", "despite", "amid", "following",
                         "alongside", "with", "without", "unlike", "like", "under", "over", "among", "upon",
                         "shortly", "minutes", "hours", "days", "weeks", "months", "years"}
# "When Wallace died in 1998, President Clinton said": the subject of an opening subordinate
# clause, once a comma has closed that clause, is not the sentence's.
_SUBORDINATORS = {"when", "while", "as", "if", "although", "though", "because", "once", "until"}
# The words that open a subordinate clause anywhere in a sentence ("..., when it derailed").
CLAUSE_OPENERS = _SUBORDINATORS | {"after", "before", "since", "where"}
_DURATIONS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades"}
# A main clause whose subject is a common noun phrase ("..., the NRA was going into overdrive").
_LOWER_SUBJECT = re.compile(r"\s+(?:the|a|an|this|these|those|his|her|their|its|many|some|several)\s+\S")
_OPENING_ADVERB = re.compile(r"[A-Z][a-z]{3,}ly\s+[a-z]+ing\b")


def sentence_subject(text: str) -> str | None:
    """The sentence's subject: a name at its start (or after an opening phrase) followed by
    a verb; used for ``..., saying "..."`` where the verb has no subject of its own."""
    held = None  # the subject of an opening subordinate clause, for want of the main clause's
    # "Rep. Hakeem Jeffries (D-N.Y.) reacted", "Mitch McConnell, R-Ky., delivered": no word of it
    text = _COMMA_PARTY_TAG.sub(lambda m: "," + m.group(1) if m.group(1) else "", _PAREN_PARTY_TAG.sub("", text))
    described = _DESCRIBED_NAME.match(text)
    if described:
        return described.group(1)  # "An incredulous Bob Schieffer began ...": the name it describes
    for match in _SUBJECT.finditer(text):
        tokens = match.group(1).split()
        opening = text[:match.start(1)].split()[:1] or tokens[:1]
        if opening and bare(opening[0]) in _OPENING_PREPOSITIONS and "," not in text[:match.start(1)]:
            continue  # "After the Paris attacks, Trump ...": a name inside the opening phrase
        if " and " in text[:match.start(1)] and "," not in text[:match.start(1)]:
            continue  # "Netanyahu and other right-wing Israeli leaders shunned ...": no name alone
        noun = _NOUN_AFTER_NAME.match(text, match.end(1))
        if noun and _DETERMINED.search(text, 0, match.start(1)):
            continue  # "the former Schalke man says": a name describing the noun after it
        joined = _NAME_OF_BEFORE.search(text, 0, match.start(1))
        if joined and is_org(joined.group(1).split()) and _VERB_NEXT.match(text, match.end(1)):
            # "The Court of Justice held": the whole name, never "Justice" (a role's word)
            return f"{joined.group(1)}{match.group(1)}"
        subordinate = opening and bare(opening[0]) in _SUBORDINATORS and "," not in text[:match.start(1)] \
            and "," in text[match.end(1):]
        if subordinate and _LOWER_SUBJECT.match(text, text.find(",", match.end(1)) + 1):
            return held  # "As Blumenthal spoke, the NRA was going into overdrive": the main clause's own
        while tokens and bare(tokens[0]) in STOP_CAPS | _DETERMINER_CAPS:
            tokens.pop(0)  # ("Another candidate, Dana Whitfield, qualified ...": no name in "Another")
        if len(tokens) == 1 and _OPENING_ADVERB.match(text, match.start(1)):
            continue  # "Hastily politicizing the tragedy, Trump cast ...": an adverb, not a name
        head = match.group(0).split()[-1]
        if head in _DURATIONS:
            continue  # "Ten minutes later, Benjamin Rhodes ... offered": a time, not a subject
        if head in ROLE_NOUNS and text[:match.start(1)].endswith(" of "):
            continue  # "A Superior Court of Ontario judge chastised ...": a role, not the place
        words = match.group(1).split()
        if len(words) >= 2 and bare(words[0]) in _ROLE_OPENERS and _PLURAL_NOUN.fullmatch(head) \
                and not text[:match.start(1)].strip() and _VERB_NEXT.match(text, match.end()):
            return " ".join([*words, head])  # "Some Twitter users defended ...": a part of a group
        if head in ROLE_NOUNS and len(words) >= 2 and bare(words[0]) in SUBJECT_DETERMINERS | _ROLE_OPENERS \
                and not text[:match.start(1)].strip():
            # "The Florida senator sought ...", "A Clinton campaign official said", "Senior White
            # House officials raised ...": the role, not the place
            tail = _ROLE_TAIL.match(text, match.end())
            return " ".join([*words, head, *(tail.group(1).split() if tail else [])])
        if tokens and tokens[-1].endswith(POSSESSIVE_ENDS):
            role = _OWNED_ROLE.match(text, match.end(1))
            if role and not subordinate and not text[:match.start(1)].endswith(" of "):  # not "One of X's aides"
                if role.group(2):
                    return role.group(2)  # "Kasich's chief strategist John Weaver said": the role's holder
                # "Congressman Trey Gowdy's office slammed ...", "Lazar's public defense counsel
                # asked ...": the office or the role, named by its owner
                owner = split_title(tokens)[1]
                return " ".join([*owner, *role.group(1).split()]) if owner else None
            continue  # "Hillary Clinton's right-hand woman rallied ...": the possessor is not the subject
        if tokens and not all(bare(t) in TIME_WORDS for t in tokens):
            holder = _HOLDER_AFTER.match(text, match.end(1))
            if holder and len(tokens) == 1:
                # "Democratic presidential candidate Hillary Clinton boasted": the title's holder
                tokens = holder.group(1).split()
            tokens = after_possessor(tokens)  # "Marijuana Industry Group's Mike Elliott echoed": Elliott
            if not subordinate:
                return " ".join(tokens)
            # "When Wallace died in 1998, President Clinton released ...": Clinton; but "When
            # Trump used the words, "...," he was echoing Ryan": Trump, the main clause naming none
            held = held or " ".join(tokens)
    return held


# Determiners that open a sentence in capitals and name nobody: "Another candidate, ..."
_DETERMINER_CAPS = {"another", "each", "every"}
# A determiner and perhaps describing words right before a name ("the former Schalke man"), and
# a lower-case word after the name that is no verb: the name describes a noun.
_DETERMINED = re.compile(r"(?:^|\s)(?:the|a|an|this|that|his|her|their|its)\s+(?:[a-z][\w\-]*\s+){0,2}$",
                         re.IGNORECASE)
# Capitalised words and "of" or "for" right before a capitalised run: "Court of " of "The Court
# of Justice", at the sentence's start or after "the".
_NAME_OF_BEFORE = re.compile(r"(?:^|\b[Tt]he\s)\s*((?:[A-Z][\w\-\u2019']*\s+)+(?:of|for)\s+(?:the\s+)?)$")
_VERB_NEXT = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|[a-z]+s|said|told|held|wrote|found|ruled|has|had|was|is)\b")
_NOUN_AFTER_NAME = re.compile(r"\s+(?![a-z]+(?:ed|s)\b)(?:man|woman|boy|girl|player|star|side|team|club|fan|"
                              r"native|veteran|official|source|spokesman|spokeswoman|aide)\b")


# -- subjects and verbs outside the word lists --------------------------------------------
# The lists above name the common speech verbs and role nouns; news uses many more ("Hannity
# pressed", "an angry Hollande retaliated", "another commenter said"). Next to a quotation the
# shape of the clause is evidence enough.

SUBJECT_DETERMINERS = {"the", "a", "an", "another", "one", "this"}
# Capitalised at a sentence's start, these open a role too: "Some Republican senators", "Senior
# White House officials".
_ROLE_OPENERS = {"some", "many", "several", "two", "three", "four", "senior", "former"}
_PLURAL_NOUN = re.compile(r"[a-z]{2,}[^s]s")  # "users", "fans" (not "was", "press")
# A name right after one of these is the preposition's object ("agreed with Varga", "said of
# Trump"), not the subject of the clause.
OBJECT_PREPOSITIONS = {"with", "to", "for", "about", "of", "on", "at", "against", "from", "toward", "towards"}
_NOT_VERBS = {"is", "was", "has", "does", "this", "his", "its", "us", "as", "yes", "news", "less",
              "unless", "towards", "afterwards", "perhaps", "thus", "plus", "always", "sometimes",
              "reads", "means", "seems", "seemed", "needed", "needs"}
_CLOSE_ENDS = (",", ".", ";", ":", "!", "?", "\u201d", "\"", "\u2019")


def _plain_word(token: str) -> bool:
    """A lowercase word that can describe or name a subject ("angry", "longtime", "2008",
    "commenter")."""
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9\-]*", token)) and token not in STOP_CAPS \
        and token not in _CLAUSE_WORDS and token not in TIME_WORDS and not token.endswith("ly")


def determiner_subject(tokens: list[str], longest: int = 4) -> str | None:
    """``the man``, ``another commenter``, ``a 2008 Clinton veteran``, ``an angry Hollande``: a
    short noun phrase opened by a determiner and nothing else, of at most `longest` words. A name
    after describing words is the subject itself ("an angry Hollande" is Hollande); "the White
    House" stays whole."""
    if not 2 <= len(tokens) <= longest or bare(tokens[0]) not in SUBJECT_DETERMINERS:
        return None
    words = tokens[1:]
    if not all(_plain_word(t) or _NAME_TOKEN.match(t) for t in words) or _is_time(words):
        return None
    if any(_verb_after_noun(words[i - 1], words[i], (words[i + 1:] or [""])[0]) for i in range(1, len(words))):
        return None  # "The group sent", "The council issued guidance": a clause, not a phrase
    if not words[-1][:1].isupper():
        # a lowercase noun ends it; capitals before it describe ("a Democratic staffer")
        # not a year ("the 2016"), but an age says who ("said the 29-year-old")
        return " ".join(tokens) if not words[-1][:1].isdigit() or AGED.fullmatch(words[-1]) else None
    first_cap = next(i for i, t in enumerate(words) if t[:1].isupper())
    if first_cap and all(t[:1].isupper() for t in words[first_cap:]):
        return " ".join(words[first_cap:])  # "an angry Hollande"
    return " ".join(tokens) if first_cap == 0 and all(t[:1].isupper() for t in words) else None


def _verb_after_noun(before: str, word: str, after: str = "") -> bool:
    """Whether `word` reads as the verb of a clause whose subject ends with `before`: a past tense
    after a lower-case noun ("council issued guidance"), not after an adverb ("newly elected"),
    a describing word in a list ("the lanky, bespectacled"), a preposition ("of registered
    voters"), nor a participle before its agent ("the statement released by")."""
    verb, noun = bare(word), bare(before)
    past = verb in _IRREGULAR_PAST or (verb.endswith("ed") and len(verb) > 4 and "-" not in verb)
    return past and before[:1].islower() and not before.endswith(",") and not noun.endswith("ly") \
        and noun not in DETERMINERS | _FUNCTION_WORDS and bare(after) != "by"


_FUNCTION_WORDS = _PREPOSITIONS | {"and", "or", "as", "than"}


def determiner_subject_before(text: str, idx: int) -> str | None:
    """A determiner phrase (``another commenter``) that opens its clause right before `idx`,
    or one whose head a modifier follows ("a White House official who spoke ... said")."""
    every = _tokens_before(text, idx)
    tokens = every[-9:]
    place = _trailing_place(tokens)  # "a Democratic staffer in the room wondered"
    if place:
        found = _determiner_opening(tokens[:-place][-6:])
        if found and bare(found.split()[0]) in SUBJECT_DETERMINERS:
            return " ".join([found, *tokens[-place:]])  # the place tells which staffer
        return found
    whole = idx <= 400  # `every` starts where the text does
    opening = whole and every and bare(every[0]) in _SUBORDINATORS
    comma = next((k for k, t in enumerate(every) if t.endswith(",")), None) if opening else None
    if comma is not None and len(every) - comma <= 17:
        # "Although there is no overlap, a White House official who spoke ... said": the main
        # clause opens after the subordinate one
        every = every[comma + 1:]
    return _determiner_opening(tokens[-6:]) or _office_opening(every[-10:]) or _two_roles_opening(every, whole) \
        or _modified_determiner_subject(every[-16:], from_start=whole and len(every) <= 16)


def _office_opening(tokens: list[str]) -> str | None:
    """An office named in capitals with its "of" or "for", opening its clause at the end of
    `tokens`: "The Secretary of State", "The United Nations High Commissioner for Human Rights"."""
    for k in range(len(tokens) - 4, -1, -1):
        opens = k == 0 or tokens[k - 1].endswith(_CLOSE_ENDS) or tokens[k - 1] in _OPENING_MARKS
        if bare(tokens[k]) == "the" and tokens[k][-1:].isalpha() and opens:
            words = tokens[k + 1:]
            joint = next((i for i, w in enumerate(words) if w in ("of", "for")), 0)
            office, field = words[:joint], [w for w in words[joint + 1:] if w != "the"]
            if office and field and bare(office[-1]) in TITLES and all(
                    _NAME_TOKEN.match(w) and not w.endswith((",", ";", ":")) for w in office + field):
                return " ".join(tokens[k:])
            return None
    return None


def _two_roles_opening(every: list[str], whole: bool) -> str | None:
    """One person's two roles opening the clause right before the verb ("The Democratic
    presidential front-runner and former secretary of state said")."""
    for k in range(max(0, len(every) - 10), len(every) - 2):
        opens = (k == 0 and whole) or (k > 0 and every[k - 1].endswith(_CLOSE_ENDS))
        if opens and bare(every[k]) in SUBJECT_DETERMINERS and _two_roles(every[k:]):
            return " ".join(every[k:])
    return None


def _determiner_opening(tokens: list[str]) -> str | None:
    """The short determiner phrase that opens its clause at the end of `tokens`, if any."""
    for k in range(len(tokens) - 2, -1, -1):
        if bare(tokens[k]) in SUBJECT_DETERMINERS and tokens[k][-1:].isalpha():
            # ... or a relative clause: "the plan, which the council said was "...""
            # ... or a subordinate clause about somebody in particular: "When the man asks Brandt
            # to "..."" (not "when a man tells a woman that she is "...", anybody)
            opens = k == 0 or tokens[k - 1].endswith(_CLOSE_ENDS) or tokens[k - 1] in _OPENING_MARKS \
                or tokens[k - 1] in _RELATIVES \
                or (bare(tokens[k - 1]) in _SUBORDINATORS and bare(tokens[k]) not in {"a", "an", "one"})
            if opens and len(tokens) - k <= 4:
                return determiner_subject(tokens[k:])
            if opens and len(tokens) - k == 5 and _named_head(tokens[k + 1:]):
                return determiner_subject(tokens[k:], longest=5)  # "The nationalist Global Times tabloid"
            if opens and _two_roles(tokens[k:]):
                return " ".join(tokens[k:])
            return None
    return None


def _named_head(words: list[str]) -> bool:
    """Whether `words` are describing words, a name, then one or two lower-case nouns ("nationalist
    Global Times tabloid", "1996 FEC advisory opinion"), and no verb ("U.S. media has always")."""
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    tail = words[capitals[-1] + 1:] if capitals else []
    return bool(capitals) and 1 <= len(tail) <= 2 and all(w.isalpha() and w.islower() for w in tail) \
        and not any(w in _NOT_NOUNS for w in words)


_NOT_NOUNS = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "also", "always", "never",
              "still", "just", "now", "then", "often", "and", "or", "who", "which", "that"}


def _two_roles(tokens: list[str]) -> bool:
    """Whether `tokens` are one person's two roles joined by "and", the determiner not repeated
    ("the delegate and conservative activist"; "the mayor and the governor" are two people)."""
    if "and" not in tokens:
        return False
    cut = tokens.index("and")
    first, second = tokens[1:cut], tokens[cut + 1:]
    # a party or a nation may describe the first ("The Democratic presidential front-runner and
    # former secretary of state"); the second may be a role "of" something
    return 1 <= len(first) <= 3 and 1 <= len(second) <= 4 and bare(first[-1]) in ROLE_NOUNS \
        and not first[-1].endswith("s") and bare(second[0]) not in DETERMINERS \
        and all((_plain_word(t) and t.islower()) or bare(t) in _DESCRIBING_CAPITALS for t in first) \
        and all(_plain_word(t) and t.islower() or t == "of" for t in second) and second[-1] != "of"


_DESCRIBING_CAPITALS = {"democratic", "republican", "gop", "conservative", "liberal", "labour", "tory",
                        "american", "british", "canadian", "french", "german", "chinese", "russian"}


# Where a subject's head ends and its modifier starts: "a White House official who spoke ...",
# "a story by the website Politico", "An Israeli official, speaking on condition ...".
_POST_MODIFIER = {"who", "which", "whose", "by", "from", "for", "with", "in", "at", "on"}
# A record's words are its issuer's ("a statement from the committee said"): found elsewhere.
_RECORD_HEADS = {"statement", "letter", "report", "memo", "email", "e-mail", "release", "document", "filing",
                 "lawsuit", "complaint", "transcript", "readout", "message", "post", "tweet"}
# A head that ends on a verb is a clause ("The email goes on to say", "A Chinese official responded by").
_VERB_LIKE = re.compile(r"[a-z]+ed|goes|went|says|said|is|was|has|had|does|did|gets|got|comes|came|makes|made|"
                        r"takes|took")


def _modified_determiner_subject(tokens: list[str], from_start: bool) -> str | None:
    """A determiner phrase opening the clause, then a modifier of up to a dozen words, then the
    verb: "a White House official who spoke anonymously to discuss strategy said", "the groups
    who wrote to her on Thursday say"."""
    for k in range(len(tokens) - 3, -1, -1):
        opens = from_start if k == 0 else tokens[k - 1].endswith((".", ";", ":")) or tokens[k - 1] in _OPENING_MARKS
        if bare(tokens[k]) not in SUBJECT_DETERMINERS or not opens:
            continue
        for end in range(k + 2, min(k + 8, len(tokens))):
            head = [t.rstrip(",") for t in tokens[k:end]]
            if end > k + 4 and not _two_roles(head):
                continue  # a long head only as one person's two roles ("The delegate and conservative activist")
            if tokens[end - 1].endswith(",") or bare(tokens[end]) in _POST_MODIFIER:
                rest = tokens[end:]
                if any(t.endswith((".", ";", ":", "?", "!")) or t in _OPENING_MARKS for t in rest):
                    return None
                if _VERB_LIKE.fullmatch(head[-1]) or bare(head[-1]) in _RECORD_HEADS:
                    return None
                subject = determiner_subject(head) or (" ".join(head) if _two_roles(head) else None)
                served = _role_complement(rest) if subject and bare(head[-1]) in ROLE_NOUNS else []
                # "a spokesman for Bernie Sanders could only quip": whose spokesman, when a name says it
                return " ".join([subject, *served]) if served else subject
        return None
    return None


_OPENING_MARKS = {"\u201c", "\"", "\u2018"}
_RELATIVES = {"which", "that", "who", "whom", "as"}
_PLACE_PREPOSITIONS = {"in", "at", "from", "outside", "inside", "near"}


def _trailing_place(tokens: list[str]) -> int:
    """How many tokens a place phrase takes at the end ("in the room", "from Ohio"), or 0."""
    for size in (3, 2):
        tail = tokens[-size:]
        if len(tokens) > size + 1 and tail[0] in _PLACE_PREPOSITIONS and not tail[-1].endswith(_CLOSE_ENDS) \
                and (size == 2 or tail[1] in {"the", "a", "an"}) and re.fullmatch(r"[\w\-]+", tail[-1]):
            return size
    names = 0  # "inside Trump Tower", "in Des Moines": a place's name after the preposition
    while names < 3 and len(tokens) > names + 2 and _NAME_TOKEN.match(tokens[-1 - names]) \
            and tokens[-1 - names][-1:].isalpha():
        names += 1
    if names and tokens[-1 - names] in _PLACE_PREPOSITIONS:
        return names + 1
    if names == 1 and tokens[-2] == "on" and bare(tokens[-1]) not in TIME_WORDS:
        return 2  # "one user on Weibo": where the words were written
    return 0
# '"...," Hannity pressed.' / '"...?" an angry Hollande retaliated.' / '"...," Trump assured
# Jones.': a subject, a past or present verb, perhaps an object, and the clause ends.
_SUBJECT_VERB = re.compile(
    r"^\s*((?:the|a|an|another|one)\s+(?:[a-z][a-z\-]*\s+){0,2}(?:[A-Z][\w\u2019'.\-]*|[a-z][a-z\-]*)"
    r"|(?:[A-Z][\w\u2019'.\-]*\s+){0,3}[A-Z][\w\u2019'.\-]*)"
    # (a name's appositive between it and the verb: "Pierre Gignac, EDC's then-chief risk officer,")
    r"(?:,\s+[^,.;:!?\"\u201c\u201d]{3,80}?,)?"
    r"\s+([a-z]{3,}(?:ed|s))(?:\s+(?:him|her|them|me|us|reporters|[A-Z][\w\u2019'\-]+"
    # or a hearer named by a short noun phrase ('"...," LeVell assured the mostly white crowd.')
    r"|(?:the|a|an|his|her|their)\s+(?:[a-z\-]+\s+){0,2}[a-z\-]+))?"
    r"(?:\s+[a-z]+ly)?\s*(?:[.,;:!?]|$|\s+(?:on|in|at|to|during|after|before|from|about|as|with|"
    r"while|when|into|over)\b)")
# '"...," beamed Donald Hartley of Madison, Alabama.' / '"...," agrees Michelle Stevens, 30, ...'
_VERB_SUBJECT = re.compile(r"^\s*([a-z]{3,}(?:ed|s))\s+(?=[A-Z]|the\s|an?\s)")


def determiner_subject_after(text: str) -> str | None:
    """``said the designer, who works ...``: a determiner phrase right after a verb, up to
    the first punctuation."""
    words: list[str] = []
    for token in text.split()[:6]:
        if (token == "that" or token in _POST_MODIFIER or token in _KNOWING) and len(words) >= 2:
            break  # "wrote a Trump supporter who runs ...", "tweeted a German user from Hanover ..."
        words.append(token.rstrip(",.;:!?\u201d\""))
        if words[-1] != token:
            break
    else:
        return None  # a phrase that runs on is not a subject alone
    # after the verb, the phrase cannot be a clause: "said the printed Cruz slate card."
    return determiner_subject(words, longest=5)


def unlisted_report(after: str) -> str | None:
    """The subject of the clause right after a quotation that ended on a comma, a question
    or an exclamation mark, when its verb is none of SPEECH_VERBS: that clause can only be
    the quotation's attribution. ``None`` when the words after it are anything else."""
    match = _SUBJECT_VERB.match(after)
    if match and match.group(2) not in _NOT_VERBS and bare(match.group(2)) not in ROLE_NOUNS:
        tokens = match.group(1).split()
        if bare(tokens[0]) in SUBJECT_DETERMINERS:
            return determiner_subject(tokens)
        name = _plain_name_run(tokens)
        return name if name == " ".join(tokens) else None
    match = _VERB_SUBJECT.match(after)
    if match and match.group(1) not in _NOT_VERBS:
        rest = after[match.end():]
        return name_run_after(rest) or determiner_subject(rest.split(",")[0].split()[:5])
    return None
