"""The people an article names, for attributing its quotations.

- speech verbs, whose subjects are speakers (``said``, ``told reporters``, ``according to``);
- name runs and role phrases next to a verb (``Chinese President Xi Jinping said``, ``said
  union secretary Joanna Reyes``, ``the Chinese leader said``);
- :class:`People`: full names, the roles and titles they were introduced with, gender from
  titles, and their mentions, to make a short name, a role or ``he``/``she`` whole.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

SPEECH_VERBS = (
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
    r"agreed|disagreed|demanded|pleaded|vows|pledges|told reporters|quip|say|tweet|write"
)
SPEECH_VERB = re.compile(r"\b(?:" + SPEECH_VERBS + r")\b")


_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.)$")
_CONNECTORS = {"de", "van", "von", "bin", "al", "da", "di", "del", "der", "dos", "du", "la", "le", "ibn"}
_SKIP_BEFORE_VERB = {
    "also", "later", "then", "has", "had", "have", "was", "is", "were", "would", "will", "previously",
    "once", "reportedly", "further", "again", "recently", "earlier", "separately", "publicly", "privately",
    "repeatedly", "himself", "herself", "told", "on",
    "quickly", "simply", "flatly", "last", "week", "month", "year", "only", "could", "should",
    "can", "might", "must", "did", "does", "do", "not", "never",
}
_TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope",
    "general", "gen", "admiral", "adm", "colonel", "col", "lt", "sgt", "captain", "capt", "dr",
    "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "judge", "justice", "chairman",
    "chairwoman", "chair", "ceo", "director", "ambassador", "spokesman", "spokeswoman",
    "spokesperson", "commissioner", "chief", "leader", "speaker", "attorney", "officer", "coach",
    "manager", "professor", "prof", "rev", "father", "sheikh", "premier", "deputy", "foreign",
    "defense", "defence", "state", "interior", "finance", "health", "minority", "majority",
    "democrat", "republican", "democratic", "sens", "reps", "former", "acting", "supreme",
    "commander", "cpl", "pvt", "detective", "inspector", "sheriff", "executive", "founder",
    "president-elect", "emir", "crown", "archbishop", "bishop",
    "cardinal", "rabbi", "imam", "striker", "midfielder", "defender", "goalkeeper", "trainer",
    "jockey", "boss", "star", "actor", "actress", "singer", "rapper", "pm", "mp", "gop", "u.s.",
    "us", "uk", "u.k.", "un", "u.n.", "eu", "nato", "white", "house", "press", "labor", "labour",
    "conservative", "liberal", "party", "national", "security", "adviser", "advisor",
    # occupations written before a name like a title ("Historian Lena Ward", "Engineer Tom Reyes")
    "historian", "economist", "analyst", "engineer", "rector", "vice-chancellor", "lawyer",
    "farmer", "grower", "nurse", "researcher", "scientist", "pastor", "activist", "architect",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "assemblyman",
    "assemblywoman", "trustee", "superintendent", "magistrate", "constable", "dean", "provost",
}
_ORG_WORDS = {
    "ministry", "hall", "university", "institute", "council", "department", "office", "news",
    "times", "post", "street", "road", "city", "province", "region", "republic", "kingdom",
    "states", "union", "bank", "company", "inc", "corp", "group", "agency", "army", "force",
    "forces", "court", "congress", "senate", "parliament", "assembly", "committee", "commission",
    "organization", "organisation", "olympics", "games", "cup", "league", "club", "square",
    "airport", "station", "hospital", "school", "college", "center", "centre", "church",
    "museum", "ocean", "sea", "river", "island", "islands", "east", "west", "north", "south",
    "asia", "europe", "africa", "america", "pacific", "atlantic", "war", "day", "kremlin",
    "government", "administration", "police", "service", "network", "media", "tv", "radio",
    "reuters", "tass", "xinhua", "cnn", "bbc", "ap", "afp", "fund", "foundation", "association",
    "federation", "authority", "board", "embassy", "navy", "guard", "cabinet", "county",
    "valley", "district", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "twitter",
    "facebook", "instagram", "google", "apple", "microsoft", "amazon", "united", "nations",
}
_STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "so", "if", "as", "when", "while",
    "after", "before", "meanwhile", "however", "this", "that", "these", "those", "his", "her",
    "their", "its", "our", "my", "it", "he", "she", "they", "we", "i", "you", "there", "here",
    "speaking", "asked", "according", "since", "for", "with", "from", "by", "to", "of", "not",
    "amid", "among", "upon", "following", "under", "over", "about", "against", "without",
    "yet", "still", "also", "then", "now", "today", "yesterday", "last", "next", "both", "even",
    "like", "unlike", "during", "despite", "although", "though",
}
_ROLE_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "spokesmen", "official", "officials", "minister",
    "leader", "president", "secretary", "ministry", "statement", "police", "prosecutor",
    "prosecutors", "lawyer", "lawyers", "attorney", "source", "sources", "aide", "aides",
    "adviser", "advisor", "analyst", "analysts", "chief", "director", "executive", "expert",
    "experts", "manager", "coach", "witness", "witnesses", "resident", "residents", "doctor",
    "doctors", "officer", "officers", "government", "report", "readout", "agency", "company",
    "department", "embassy", "military", "army", "authorities", "organizers", "researchers",
    "scientists", "study", "court", "judge", "governor", "mayor", "senator", "ambassador",
    "chairman", "founder", "owner", "father", "mother", "wife", "husband", "son", "daughter",
    "friend", "neighbor", "neighbour", "teacher", "student", "representative", "envoy",
    "diplomat", "diplomats", "commander", "general", "premier", "chancellor", "trainer", "player", "striker",
    "captain", "boss", "campaign", "office", "kremlin",
    "white house", "pentagon", "union", "group", "board", "party", "team", "club", "family",
    "victim", "survivor", "member", "members", "worker", "workers", "fan", "fans", "critics",
    "supporters", "opponents", "activists", "observers", "insiders", "sheriff", "detective",
    "candidate", "nominee", "congressman", "congresswoman", "lawmaker", "lawmakers",
    "strategist", "commentator", "host", "author", "writer", "economist", "professor",
    "historian", "pollster", "chairwoman", "businessman", "billionaire", "mogul",
    "frontrunner", "front-runner", "hopeful", "challenger", "incumbent", "veteran", "negotiator",
    "forward", "defenseman", "defenceman", "winger", "midfielder", "goalkeeper", "keeper",
    "quarterback", "pitcher", "batsman", "bowler", "skipper", "defender", "rider",
}
_PREPOSITIONS = {"on", "in", "at", "with", "to", "for", "from", "by", "of", "via", "about"}
_CLAUSE_WORDS = {"is", "are", "was", "were", "why", "that", "which", "who", "and", "but", "so",
                 "because", "when", "if", "while", "where", "how", "what", "said", "says"}
# Documents rather than people: "released a statement saying ..." quotes the statement's author.
_DOCUMENTS = {"statement", "report", "readout", "interview", "email", "tweet", "post", "letter",
              "video", "ad", "memo", "release", "transcript", "memoir", "book"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "one", "another", "two", "three"}
_FEMALE_ROLES = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "mother", "wife", "daughter"}
_MALE_ROLES = {"spokesman", "chairman", "congressman", "businessman", "father", "husband", "son"}
_PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f"}
_OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "They", "It", "We", "I", "You", "who"}
_MALE_TITLES = {"mr", "sir", "king", "prince", "lord", "father", "pope", "brother"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "queen", "princess", "lady", "dame", "sister"}
_RUN = re.compile(
    r"(?:(?<=\s)|^)(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.)"
    r"(?:\s+(?:(?:de|van|von|bin|al|da|di|del|der|dos|du|la|le|ibn)\s+)?(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.))+"
)
_SUBJECT_AFTER = re.compile(r"\s+(?:[a-z]+ed|[a-z]+s|" + SPEECH_VERBS + r")\b")
_CAP_WORD = re.compile(r"\b[A-Z][\w\u2019'\-]*")
_POSSESSIVE_AT = re.compile(r"[\u2019']s\b")
_APPOSITIVE = re.compile(
    r"\b([A-Z][\w\u2019'\-]+(?:\s+[A-Z][\w\u2019'\-]+){0,3}),\s+(?:the|a|an)\s+([^,.;:\"\u201c\u201d]{3,70}?),")
_SAID = {"said", "says", "added", "wrote", "told", "asked", "explained", "noted"}
_PREV_WORDS = re.compile(r"((?:[A-Za-z\u2019'\-]+\s+){0,3})$")


def _bare(token: str) -> str:
    return token.strip(".,;:!?()\"\u201c\u201d\u2018\u2019'").lower()


def is_pronoun(subject: str) -> bool:
    return subject in _PRONOUNS or subject in _OTHER_PRONOUNS


def _tokens_before(text: str, idx: int) -> list[str]:
    # A bounded window: the subject is near its verb, and long prefixes would cost O(n^2).
    start = max(0, idx - 400)
    tokens = text[start:idx].split()
    if start and tokens:
        tokens = tokens[1:]  # possibly a cut word
    while tokens and _bare(tokens[-1]) in _SKIP_BEFORE_VERB and tokens[-1][-1:].isalpha():
        tokens.pop()
    return tokens


def _skip_appositive(tokens: list[str]) -> list[str]:
    """Tokens up to the subject when an appositive sits between it and the verb:
    ``Xi, speaking alongside Putin, said`` / ``Clinton, during a visit to Columbus, Ohio,
    said`` / ``Cory James, 22, of Flint, said`` -> ``... Xi`` / ``... Clinton`` / ``... James``;
    but ``her adviser, Jake Sullivan, said`` -> ``Jake Sullivan`` (the name is the appositive)."""
    if not tokens or not tokens[-1].endswith(","):
        return tokens
    last = len(tokens)
    for k in range(len(tokens) - 2, max(-1, len(tokens) - 32), -1):
        if not tokens[k].endswith(","):
            continue
        inner = [t.rstrip(",") for t in tokens[k + 1:last]]
        if k + 1 == len(tokens) - len(inner) and len(inner) <= 4 and tokens[k][:1].islower() \
                and all(_NAME_TOKEN.match(t) for t in inner) and last == len(tokens):
            return inner
        following = tokens[k + 1]
        opens = following[:1].islower() or following[:1].isdigit() or following.endswith(("\u2019s", "'s,", "'s"))
        head_end = tokens[k].rstrip(",")
        if opens and not (head_end[:1].isdigit() or head_end[:1].islower()):
            return [*tokens[:k], head_end]
    return tokens


def name_run_before(text: str, idx: int) -> str | None:
    """The capitalised name (or a pronoun) ending right before position `idx`."""
    tokens = _skip_appositive(_tokens_before(text, idx))
    if tokens and (tokens[-1] in _PRONOUNS or tokens[-1] in _OTHER_PRONOUNS):
        return tokens[-1]
    run: list[str] = []
    while tokens:
        token = tokens[-1]
        is_name = _NAME_TOKEN.match(token) and not token.endswith((",", ";", ":"))
        if not (is_name or (token in _CONNECTORS and run)):
            break
        if run and token.endswith(".") and not _is_abbreviation(token):
            break  # "... of Paul Amery. Vice-chancellor Jonas Brink said": a sentence ended
        run.insert(0, token)
        tokens.pop()
    while run and (_bare(run[0]) in _STOP_CAPS or run[0] in _CONNECTORS):
        run.pop(0)
    if run and run[-1].endswith(("\u2019s", "'s", "\u2019", "s'")):
        return None  # "Trump's tweet saying": a possessive is never the speaker itself
    if run and tokens:
        holder = _holder_before(tokens)
        if holder is not None:
            return holder or None
    if run and tokens and _bare(tokens[-1]) in _PREPOSITIONS:
        return None  # "on Facebook writing": the object of a preposition, not a subject
    return " ".join(run) or None


def _holder_before(tokens: list[str]) -> str | None:
    """``Jane Marsh of the Heritage Trust said``: the organisation after ``of``/``at``/``for``
    /``from`` only places the speaker named before it (``""`` when nobody is named there,
    ``None`` when no such preposition comes first)."""
    head = list(tokens)
    if head and _bare(head[-1]) in _DETERMINERS and not head[-1][:1].isupper():
        head.pop()
    if not head or _bare(head[-1]) not in {"of", "at", "for", "from"} or head[-1][-1:] == ",":
        return None
    head.pop()
    text = " ".join(head)
    earlier = name_run_before(text, len(text))
    if earlier and earlier[:1].isupper() and not is_pronoun(earlier):
        return earlier
    return role_phrase_before(text, len(text)) or ""


def role_phrase_before(text: str, idx: int) -> str | None:
    """``the Chinese leader`` / ``a spokesman for the ministry`` ending before `idx`."""
    tokens = _skip_appositive(_tokens_before(text, idx))
    if not tokens or _bare(tokens[-1]) not in _ROLE_NOUNS or not tokens[-1][-1:].isalpha():
        return None
    phrase: list[str] = []
    for token in reversed(tokens[-7:]):
        joins_names = token == "and" and phrase[:1] and phrase[0][:1].isupper()
        if token[-1:] in ",;:\"\u201d\u201c" or token.endswith(".") or (
                _bare(token) in _CLAUSE_WORDS and not joins_names):
            break
        phrase.insert(0, token)
        if _bare(token) in _DETERMINERS or token.endswith(("\u2019s", "'s")):
            break
    if phrase and phrase[0].lower() in {"for", "of", "at"}:
        phrase.pop(0)
    return " ".join(phrase) if phrase else None


def name_run_after(text: str) -> str | None:
    """The speaker right after a verb: ``said Xi``, ``said the spokesman``, ``said farmer Joan
    Price``, ``said union secretary Joanna Reyes``, ``said Kestrel chief executive Anna Berg``,
    ``said the union's secretary, Joanna Reyes`` (the name, not the role words before it)."""
    tokens = text.split()[:14]
    name_at = _after_role_words(tokens)
    if name_at:
        name = _plain_name_run(tokens[name_at:])
        # After a comma only a full name is an appositive ("the union secretary, Joanna Reyes");
        # a possessive is not the speaker ("said the White House's spokesman").
        appositive = tokens[name_at - 1].endswith(",")
        if name and not name.endswith(("\u2019s", "'s")) and (" " in name or not appositive):
            return name
    if tokens and _bare(tokens[0]) in _DETERMINERS:
        return _determiner_role(tokens)
    name = _plain_name_run(tokens)
    if name and name.endswith(("\u2019s", "'s")):
        # "said Okafor's spokesman": the possessive works as a determiner of the role.
        return _determiner_role([name, *tokens[len(name.split()):]])
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
    return word not in _STOP_CAPS and word not in _CLAUSE_WORDS and word not in _DETERMINERS


def _is_role_word(token: str) -> bool:
    parts = _bare(token).replace("\u2019s", "").replace("'s", "").split("-")
    return any(part in _ROLE_NOUNS or part in _TITLES for part in parts)


def _after_role_words(tokens: list[str]) -> int:
    """Where the name starts after lower-case role words (0 when there are none):
    ``union secretary Joanna``, ``the union's secretary, Joanna``, ``Kestrel chief executive
    Anna``. After a determiner the words must hold a role (``said the ministry Tuesday`` has no
    name); a capitalised word inside the role (``a senior Cruz adviser``) is not the name."""
    determined = prefixed = bool(tokens) and _bare(tokens[0]) in _DETERMINERS
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
        if not _is_describer(token, not described and not prefixed):
            return 0
        described, last = True, token
        has_role = has_role or _is_role_word(token)
        i += 1
    return 0


def _is_time(tokens: list[str]) -> bool:
    return all(_bare(t) in _TIME_WORDS for t in tokens)


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
        if not core.isalpha() or ((_bare(clean) in _STOP_CAPS or _bare(clean) in _CLAUSE_WORDS)
                                  and not joins_names):
            break
        out.append(clean)
        if clean != token:
            break
    while len(out) > 1 and _bare(out[-1]) not in _ROLE_NOUNS | _DOCUMENTS:
        out.pop()
    return " ".join(out) if len(out) > 1 else None


def _plain_name_run(tokens: list[str]) -> str | None:
    """A capitalised run right after the verb: ``Xi``, ``Gen. Mark Milley``; a bare
    organisation word alone (``said Reuters``) is no speaker."""
    out: list[str] = []
    for token in tokens:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if re.fullmatch(r"[A-Z]\.", token) or (token.endswith(".") and _bare(token) in _TITLES):
            clean = token
        if _NAME_TOKEN.match(clean) or (out and clean in _CONNECTORS):
            out.append(clean)
        else:
            break
        if clean != token:
            break
    while out and out[-1] in _CONNECTORS:
        out.pop()
    if out and all(_bare(t) in _ORG_WORDS for t in out if t[:1].isupper()):
        return None if len(out) == 1 else " ".join(out)
    return " ".join(out) or None


def _split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a capitalised run: after the last title word."""
    last = -1
    for i, token in enumerate(tokens[:-1]):
        if _bare(token) in _TITLES:
            last = i
    return tokens[:last + 1], tokens[last + 1:]


_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "today", "yesterday", "tonight", "morning", "afternoon", "evening",
}


def _is_abbreviation(token: str) -> bool:
    """``W.``, ``Sen.``, ``Jr.``: a period that does not end a sentence."""
    return bool(re.fullmatch(r"[A-Z]\.", token)) or _bare(token) in _TITLES or _bare(token) in {"jr", "sr", "st"}


STOP_CAPS = _STOP_CAPS
ROLE_NOUNS = _ROLE_NOUNS


def is_org_phrase(tokens: list[str]) -> bool:
    """An organisation, place or publication rather than a person (by its words)."""
    return any(_bare(t) in _ORG_WORDS for t in tokens)


def _is_org(tokens: list[str]) -> bool:
    return any(_bare(t) in _ORG_WORDS for t in tokens) or any(t.endswith(("\u2019s", "'s")) for t in tokens)


@dataclass
class People:
    """The people an article names: full names, the roles they were introduced with,
    what is known of their gender, and where they are mentioned."""

    text: str
    names: list[str] = field(default_factory=list)  # full names, first seen first
    roles: dict[str, set[str]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    persons: set[str] = field(default_factory=set)  # names known to be people (not places)
    _mentions: list[tuple[int, str, bool]] | None = None
    _mention_starts: list[int] = field(default_factory=list)
    _forms: dict[str, str] | None = None
    _last: dict[str, list[str]] | None = None
    _forms_size: int = 0
    _roles_by_word: dict[str, set[str]] | None = None
    _roles_size: int = 0
    _subjects: list[tuple[int, str]] = field(default_factory=list)
    _subject_starts: list[int] = field(default_factory=list)
    _speaker_cache: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str]) -> People:
        text = "\n\n".join(paragraphs)
        people = cls(text)
        for match in _RUN.finditer(text):
            people._learn(match.group(0).split(), text[max(0, match.start() - 40):match.start()])
        for match in _APPOSITIVE.finditer(text):
            people._learn_appositive(match.group(1), match.group(2))
        people.learn_speakers()
        return people

    def _learn(self, tokens: list[str], before: str) -> None:
        """Learn the names in one capitalised run, split where a sentence ends inside it
        ("Brafman. Their") or a pronoun joins it ("Obama I")."""
        segment: list[str] = []
        for token in tokens:
            if _bare(token) in _STOP_CAPS:
                self._learn_name(segment, before)
                segment, before = [], ""
                continue
            segment.append(token)
            if token.endswith(".") and not _is_abbreviation(token):
                self._learn_name(segment, before)
                segment, before = [], ""
        self._learn_name(segment, before)

    def _learn_name(self, tokens: list[str], before: str) -> None:
        titles, name = _split_title(tokens)
        name = [t for t in name if not t.endswith((",",))]
        if not 2 <= len(name) <= 4 or _is_org(name) or _is_org(titles[-1:]):
            return
        full = " ".join(t.rstrip(".,") if not re.fullmatch(r"[A-Z]\.", t) else t for t in name)
        if full not in self.roles:
            self.names.append(full)
            self.roles[full] = set()
        prev = _PREV_WORDS.search(before) if before else None
        prev_words = prev.group(1).split() if prev else []
        context = {_bare(t) for t in titles} | {_bare(w) for w in prev_words}
        self.roles[full] |= {w for w in context if w}
        if titles or (prev_words and _bare(prev_words[-1]) in _ROLE_NOUNS | _TITLES):
            self.persons.add(full)
        for title in titles or prev_words[-1:]:
            if _bare(title) in _MALE_TITLES:
                self.gender.setdefault(full, "m")
            elif _bare(title) in _FEMALE_TITLES:
                self.gender.setdefault(full, "f")

    def _learn_appositive(self, name: str, role: str) -> None:
        """``Tomas Velde, the former Ajax and Porto coach,``: the role words belong to the
        name, so ``said the former Ajax and Porto coach`` resolves to him."""
        full = self.full_name(name)
        words = {_bare(w) for w in role.split()}
        if full in self.roles and words & (_ROLE_NOUNS | _TITLES):
            self.roles[full] |= words
            self.persons.add(full)

    def learn_speakers(self) -> None:
        """Names that are the subject of a speech verb anywhere are people; every speech verb
        with a named or role subject is remembered as a speech event, in text order."""
        subjects: list[tuple[int, str]] = []
        for verb in SPEECH_VERB.finditer(self.text):
            subject = name_run_before(self.text, verb.start())
            if subject and subject[:1].isupper() and subject not in _PRONOUNS:
                name = self.full_name(" ".join(_split_title(subject.split())[1]))
                if name in self.roles:
                    self.persons.add(name)
            elif subject is None:
                subject = role_phrase_before(self.text, verb.start())
            if subject is None and verb.group(0) in _SAID:
                # '"...," said Steve Elmendorf, deputy campaign manager': the name after "said".
                subject = name_run_after(self.text[verb.end():verb.end() + 120])
                if subject and subject[:1].isupper():
                    name = self.full_name(" ".join(_split_title(subject.split())[1]))
                    if name in self.roles:
                        self.persons.add(name)
            if subject and not is_pronoun(subject):
                subjects.append((verb.start(), subject))
        self._subjects = subjects
        self._subject_starts = [at for at, _ in subjects]

    def last_speaker(self, start: int, end: int) -> str | None:
        """The speaker of the last speech verb in [start, end) whose subject is a name or a
        role ("Anna Pereira ... said demand had doubled", "a ministry spokesman said")."""
        k = bisect.bisect_left(self._subject_starts, end) - 1
        while k >= 0 and self._subjects[k][0] >= start:
            speaker = self._speaker_of(self._subjects[k][1])
            if speaker:
                return speaker
            k -= 1
        return None

    def mentions_between(self, start: int, end: int) -> list[tuple[int, str, bool]]:
        """The mentions in [start, end), found by bisection (no scan of the article)."""
        mentions = self.mentions()
        lo = bisect.bisect_left(self._mention_starts, start)
        hi = bisect.bisect_left(self._mention_starts, end)
        return mentions[lo:hi]

    def speakers_between(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position of the verb, speaker) of the speech verbs in [start, end) whose subject
        is a person or a role."""
        lo = bisect.bisect_left(self._subject_starts, start)
        hi = bisect.bisect_left(self._subject_starts, end)
        out = []
        for at, subject in self._subjects[lo:hi]:
            if subject not in self._speaker_cache:  # each subject resolved once per article
                self._speaker_cache[subject] = self._speaker_of(subject)
            speaker = self._speaker_cache[subject]
            if speaker:
                out.append((at, speaker))
        return out

    def _speaker_of(self, subject: str) -> str | None:
        if subject[:1].islower():
            return self._role(subject)
        titles, name = _split_title(subject.split())
        if not name or _is_org(name) or (titles and _is_org(titles[-1:])):
            return None
        full = self.full_name(" ".join(name))
        return full if full in self.persons else None

    def full_name(self, short: str) -> str:
        """``Putin`` -> ``Vladimir Putin`` when the article uses that full name (the first
        such name; looked up in an index by last word, so a long page costs no rescans)."""
        if short in self.roles:
            return short
        words = short.split()
        if not words:
            return short
        if len(words) == 1:
            return self._index().get(short, short)
        for name in self._by_last().get(words[-1], []):
            if name.endswith(short):
                return name
        return short

    def _index(self) -> dict[str, str]:
        """First or last word of a full name -> the first full name that has it."""
        if self._forms is None or self._forms_size != len(self.names):
            forms: dict[str, str] = {}
            by_last: dict[str, list[str]] = {}
            for name in self.names:  # first seen first: an earlier name keeps a shared word
                parts = name.split()
                forms.setdefault(parts[0], name)
                forms.setdefault(parts[-1], name)
                by_last.setdefault(parts[-1], []).append(name)
            self._forms, self._last, self._forms_size = forms, by_last, len(self.names)
        return self._forms

    def _by_last(self) -> dict[str, list[str]]:
        self._index()
        return self._last or {}

    def resolve(self, subject: str | None, position: int) -> str | None:
        """A speaker's full name (or role) for a subject found near a quotation."""
        if not subject:
            return None
        if subject in _PRONOUNS:
            return self._pronoun(_PRONOUNS[subject], position)
        if subject in _OTHER_PRONOUNS:
            return None
        tokens = subject.split()
        if all(_bare(t) in _TIME_WORDS | _STOP_CAPS for t in tokens):
            return None  # "on Thursday said": a time, not a speaker
        if tokens[0].lower() in _DETERMINERS or not tokens[0][:1].isupper():
            return self._role(subject)
        titles, name = _split_title(tokens)
        if not name or _is_org(name) or (titles and _is_org(titles[-1:])):
            return subject
        if len(name) == 1 and _bare(name[0]) in _TITLES:
            return self._role(subject)
        return self.full_name(" ".join(name))

    def _role(self, phrase: str) -> str:
        words = {_bare(t) for t in phrase.split()} - _DETERMINERS - {"for", "of", "the"}
        if not words:
            return phrase
        # Only names introduced with one of the words can match: look those up, not all names.
        by_role = self._role_index()
        pool = set.intersection(*(by_role.get(w, set()) for w in words))
        matches = [n for n in self.names if n in pool] if pool else []
        return matches[0] if len(matches) == 1 else phrase

    def _role_index(self) -> dict[str, set[str]]:
        if self._roles_by_word is None or self._roles_size != len(self.names):
            index: dict[str, set[str]] = {}
            for name, words in self.roles.items():
                for word in words:
                    index.setdefault(word, set()).add(name)
            self._roles_by_word, self._roles_size = index, len(self.names)
        return self._roles_by_word

    def mentions(self) -> list[tuple[int, str, bool]]:
        """(position, full name, in subject position) of every mention, in text order: one
        pass over the capitalised words, matching the longest known form at each."""
        if self._mentions is None:
            forms: dict[str, str] = {}
            for name in self.names:
                parts = name.split()
                for form in (name, parts[-1], parts[0]):
                    forms.setdefault(form, name)
            longest = max((len(f.split()) for f in forms), default=0)
            starts = {f.split()[0] for f in forms}  # most capitalised words start no form
            words = list(_CAP_WORD.finditer(self.text))
            found: list[tuple[int, str, bool]] = []
            i = 0
            while i < len(words):
                step = 1
                if words[i].group(0) not in starts:
                    i += 1
                    continue
                for size in range(min(longest, len(words) - i), 0, -1):
                    group = words[i:i + size]
                    if any(self.text[a.end():b.start()] != " " for a, b in zip(group, group[1:], strict=False)):
                        continue
                    form = " ".join(w.group(0) for w in group)
                    end = group[-1].end()
                    if form in forms and not _POSSESSIVE_AT.match(self.text, end):
                        subject = bool(_SUBJECT_AFTER.match(self.text, end))
                        found.append((group[0].start(), forms[form], subject))
                        step = size
                        break
                i += step
            self._mentions = found
            self._mention_starts = [m[0] for m in found]
        return self._mentions

    def _pronoun(self, gender: str, position: int) -> str | None:
        """The person last named before `position`, preferring a sentence's subject; a later
        speech verb whose subject is a role ("a ministry spokesman said the statue of Cecil
        Amery ... "…," he said") wins over a name that was only mentioned."""
        mentions = self.mentions()
        at = bisect.bisect_left(self._mention_starts, position)
        candidates: list[tuple[int, str, bool]] = []
        for k in range(at - 1, -1, -1):  # walk back from the quotation, no further than 1500
            m = mentions[k]
            if position - m[0] >= 1500:
                break
            if m[1] in self.persons and self.gender.get(m[1], gender) == gender:
                candidates.append(m)
                if candidates[0][0] - m[0] >= 120:
                    break
        found = None
        if candidates:
            latest = candidates[0]
            window = [m for m in candidates if latest[0] - m[0] < 120 and m[2]]
            found = window[0] if window else latest
        event = self._role_event(gender, position)
        if event and (found is None or not found[2] or event[0] > found[0]):
            return event[1]
        return found[1] if found else None

    def _role_event(self, gender: str, position: int) -> tuple[int, str] | None:
        """The last speech verb within 600 characters before `position` whose subject is a
        role phrase or a person, with that speaker; ``None`` when the gender disagrees."""
        k = bisect.bisect_left(self._subject_starts, position) - 1
        if k < 0 or position - self._subjects[k][0] > 600:
            return None
        at, subject = self._subjects[k]
        if not subject[:1].islower() and subject.split()[0].lower() not in _DETERMINERS:
            # A named speaker ("Professor Jonah Jansen said ... Paul Kruger ..."): when a person.
            name = self._speaker_of(subject)
            if name is None or self.gender.get(name, gender) != gender:
                return None
            return at, name
        words = {_bare(t) for t in subject.split()}
        if words & _FEMALE_ROLES and gender == "m" or words & _MALE_ROLES and gender == "f":
            return None
        return at, self._role(subject)



_SUBJECT = re.compile(
    r"(?:^(?:[^\s,]+\s+){0,4}?|,\s+)((?:[A-Z][\w\u2019'\-]*\.?\s+){0,4}[A-Z][\w\u2019'\-]*)"
    r"(?:,[^,]{1,160},)?(?:\s+(?:on|last|this|early|late|in)\s+[A-Z]?[a-z]+)?"
    r"\s+(?!(?:of|in|on|at|for|with|and|or|to|from|by|the|a|an|who|which|that)\b)[a-z]+\b"
)


def ends_with_document(head: str) -> bool:
    words = head.split()
    return bool(words) and _bare(words[-1]) in _DOCUMENTS


def sentence_subject(text: str) -> str | None:
    """The sentence's subject: a name at its start (or after an opening phrase) followed by
    a verb; used for ``..., saying "..."`` where the verb has no subject of its own."""
    for match in _SUBJECT.finditer(text):
        tokens = match.group(1).split()
        while tokens and _bare(tokens[0]) in _STOP_CAPS:
            tokens.pop(0)
        if tokens and not all(_bare(t) in _TIME_WORDS for t in tokens):
            return " ".join(tokens)
    return None
