"""Direct quotations with their speakers, ranked: the key quotes of an article.

How a speaker is found, in order of trust:
1. right after the quotation: ``"…," Xi said`` / ``"…" said Xi`` / ``"…," he added``;
2. earlier in the same sentence: ``X said: "…"``, ``X told reporters, "…"``,
   ``Xi hailed the ties, saying they would "…"`` (the subject of the last speech verb);
3. a quotation with no attribution of its own continues the previous speaker's words
   (``"…," she said. "…"``), or follows a ``X said:`` that ended the previous paragraph.
Names are then made whole: titles are dropped (``Chinese President Xi Jinping`` -> ``Xi
Jinping``), a surname becomes the full name used elsewhere in the article (``Putin`` ->
``Vladimir Putin``), a role (``the Chinese leader``) becomes the person introduced with that
role, and ``he``/``she`` becomes the person last named as a subject before the quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefs.models import Quote
from briefs.text import quote_spans, sentence_spans, split_paragraphs

_VERBS = (
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
_VERB = re.compile(r"\b(?:" + _VERBS + r")\b")
_AFTER_VERB_FIRST = re.compile(r"^[\s,.\-\u2014\u2013]*(?:" + _VERBS + r")\b\s+")
_LEAD_PUNCT = re.compile(r"^[\s,.;:!?\-\u2014\u2013)\]]*")
_OPENERS = "\"\u201c\u2018'\u00ab"
_MAX_WORDS = 45
_TITLE_CASE_WORD = re.compile(r"^[A-Z0-9][\w'\u2019.\-]*$")


@dataclass
class Found:
    """One quotation in the article, before ranking."""

    text: str
    speaker: str | None
    paragraph: int
    position: int  # character offset of the paragraph in the article, then of the quote
    context: str
    how: str = ""  # "after", "before", "continued", "subject", "" (unattributed)


def find_quotes(text: str, paragraphs: list[str] | None = None) -> list[Found]:
    """Every quotation of `text` in order, with a speaker where the text gives one."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    people = People.from_paragraphs(paragraphs)
    found: list[Found] = []
    offset = 0
    pending: str | None = None  # a "X said:" that ended the previous paragraph
    for index, paragraph in enumerate(paragraphs):
        quotes_here = _paragraph_quotes(paragraph, index, offset, people)
        _continue_speakers(quotes_here, found, pending, index)
        found.extend(quotes_here)
        pending = _colon_intro(paragraph, people, offset) if not quotes_here else None
        offset += len(paragraph) + 2
    return found


def _paragraph_quotes(paragraph: str, index: int, offset: int, people: People) -> list[Found]:
    out: list[Found] = []
    spans = _spans_with_open_end(paragraph)
    sentences = sentence_spans(paragraph) if spans else []
    for start, end in spans:
        closed = paragraph[end - 1] in _CLOSERS and end - 1 > start
        words = _clean_quote(paragraph[start + 1:end - 1] if closed else paragraph[start + 1:end])
        if not words:
            continue
        s_start, s_end = _sentence_of(sentences, start, end, len(paragraph))
        speaker, how = _attribute(paragraph, s_start, s_end, start, end, people, offset)
        context = paragraph[s_start:s_end]
        out.append(Found(words, speaker, index, offset + start, context, how))
    return out


def _spans_with_open_end(paragraph: str) -> list[tuple[int, int]]:
    """Quotation spans, plus a quotation left open at the paragraph's end (a quote that
    continues in the next paragraph, as news style writes long quotations)."""
    spans = quote_spans(paragraph)
    last = spans[-1][1] if spans else 0
    opener = _OPEN_MARK.search(paragraph, last)
    if opener and len(paragraph) - opener.start() > 20:
        spans.append((opener.start(), len(paragraph)))
    return spans


_OPEN_MARK = re.compile("(?<![\\w])[\"\u201c]")
_CLOSERS = "\"\u201d\u2019'\u00bb"


def _clean_quote(inner: str) -> str:
    """The quoted words, verbatim, without edge space or a trailing comma."""
    words = inner.strip()
    words = words.rstrip(",;:\u2014\u2013- ").strip()
    return words if re.search(r"[A-Za-z]", words) else ""


def _sentence_of(sentences: list[tuple[int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    """The span of the sentence(s) holding the quotation [start, end)."""
    first = next((s for s, e in sentences if s <= start < e), 0)
    last = next((e for s, e in sentences if s < end <= e), length)
    # A quotation that opens a sentence and is followed by a separate "he said." keeps it.
    return first, max(last, end)


def _attribute(paragraph: str, s_start: int, s_end: int, q_start: int, q_end: int,
               people: People, offset: int) -> tuple[str | None, str]:
    after = paragraph[q_end:s_end]
    speaker, reported = _speaker_after(after, people, offset + q_end)
    if speaker and not reported:
        return speaker, "after"
    # Quotes earlier in the sentence are not part of the attribution text.
    before = _mask_quotes(paragraph[s_start:q_start])
    subject = _speaker_before(before, people, offset + s_start)
    if subject:
        return subject, "before"
    # "..., according to a readout": the report, when nobody in the sentence spoke.
    if speaker:
        return speaker, "after"
    # "Rubio bemoaned a climate in which people "literally hate each other"": a quotation in
    # the predicate belongs to the sentence's subject, when that subject is a known person.
    subject = _sentence_subject(before) if before.strip() else None
    person = people.resolve(subject, offset + s_start) if subject else None
    if person and person in people.persons:
        return person, "subject"
    return None, ""


def _mask_quotes(text: str) -> str:
    out = list(text)
    for s, e in quote_spans(text):
        out[s:e] = ["_"] * (e - s)
    return "".join(out)


def _speaker_after(after: str, people: People, position: int) -> tuple[str | None, bool]:
    """``, Xi said`` / ``said Xi`` / ``, he added`` / ``, according to X`` right after;
    the flag says the speaker only reported the words (``according to``)."""
    lead = _LEAD_PUNCT.match(after)
    rest = after[lead.end():] if lead else after
    if rest[:1] in _OPENERS:
        return None, False
    verb_first = _AFTER_VERB_FIRST.match(rest)
    if verb_first:
        reported = rest.startswith("according to")
        return people.resolve(name_run_after(rest[verb_first.end():]), position), reported
    for verb in _VERB.finditer(rest):
        if len(rest[:verb.start()].split()) > 8:
            break
        subject = name_run_before(rest, verb.start()) or role_phrase_before(rest, verb.start())
        if subject:
            return people.resolve(subject, position), False
        if verb.group(0) == "according to":
            return people.resolve(name_run_after(rest[verb.end():]), position), True
    return None, False


def _speaker_before(before: str, people: People, position: int) -> str | None:
    """The subject of the last speech verb earlier in the sentence."""
    for verb in reversed(list(_VERB.finditer(before))):
        if verb.group(0) == "according to":
            found = people.resolve(name_run_after(before[verb.end():]), position)
        else:
            head = before[:verb.start()].rstrip()
            if verb.group(0).endswith("ing") and (head.endswith(",") or _ends_with_document(head)):
                # "X hailed the ties, saying ...": the participle's subject is the sentence's.
                subject = _sentence_subject(head)
            elif head.endswith(" and"):
                # "X took the stage and called it ...": a coordinated verb shares X.
                subject = _sentence_subject(head[:-4])
            else:
                subject = name_run_before(before, verb.start()) or role_phrase_before(before, verb.start())
            found = people.resolve(subject, position + verb.start())
            if found is None and subject and not is_pronoun(subject):
                found = people.resolve(_sentence_subject(head), position + verb.start())
        if found:
            return found
    return None


_SUBJECT = re.compile(
    r"(?:^(?:[^\s,]+\s+){0,4}?|,\s+)((?:[A-Z][\w\u2019'\-]*\.?\s+){0,4}[A-Z][\w\u2019'\-]*)"
    r"(?:,[^,]{1,160},)?(?:\s+(?:on|last|this|early|late|in)\s+[A-Z]?[a-z]+)?"
    r"\s+(?!(?:of|in|on|at|for|with|and|or|to|from|by|the|a|an|who|which|that)\b)[a-z]+\b"
)


def _ends_with_document(head: str) -> bool:
    words = head.split()
    return bool(words) and _bare(words[-1]) in _DOCUMENTS


def _sentence_subject(text: str) -> str | None:
    """The sentence's subject: a name at its start (or after an opening phrase) followed by
    a verb; used for ``..., saying "..."`` where the verb has no subject of its own."""
    for match in _SUBJECT.finditer(text):
        tokens = match.group(1).split()
        while tokens and _bare(tokens[0]) in _STOP_CAPS:
            tokens.pop(0)
        if tokens and not all(_bare(t) in _TIME_WORDS for t in tokens):
            return " ".join(tokens)
    return None


def _colon_intro(paragraph: str, people: People, offset: int) -> str | None:
    """A paragraph ending ``X said:`` introduces the quotation in the next paragraph."""
    if not paragraph.rstrip().endswith(":"):
        return None
    return _speaker_before(paragraph, people, offset)


def _continue_speakers(current: list[Found], earlier: list[Found], pending: str | None, index: int) -> None:
    """Unattributed quotations continue the previous speaker's words (same paragraph, or a
    paragraph that opens with the quotation right after one that carried a speaker)."""
    for i, quote in enumerate(current):
        if quote.speaker:
            continue
        previous = current[i - 1] if i else None
        if previous is None and pending:
            quote.speaker, quote.how = pending, "continued"
            continue
        if previous is None and earlier and earlier[-1].paragraph == index - 1 and _opens_paragraph(quote):
            previous = earlier[-1]
        if previous is not None and previous.speaker:
            quote.speaker, quote.how = previous.speaker, "continued"


def _opens_paragraph(quote: Found) -> bool:
    return quote.context.lstrip()[:1] in _OPENERS


# -- ranking -------------------------------------------------------------------------------

def key_quotes(text: str, source_id: str, limit: int = 3, paragraphs: list[str] | None = None) -> list[Quote]:
    """The article's key quotes: substantive, attributed statements, in article order."""
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    found = find_quotes(text, paragraphs)
    total = max(1, len(paragraphs))
    scored = [(score, f) for f in found if (score := _score(f, total)) > 0]
    scored.sort(key=lambda item: (-item[0], item[1].position))
    chosen: list[Found] = []
    speakers: dict[str | None, int] = {}
    for score, f in _diversified(scored):
        if any(_overlaps(f.text, c.text) for c in chosen):
            continue
        chosen.append(f)
        speakers[f.speaker] = speakers.get(f.speaker, 0) + 1
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda f: f.position)
    return [Quote(_shorten(f.text), f.speaker, source_id, f.context) for f in chosen]


def _diversified(scored: list[tuple[float, Found]]) -> list[tuple[float, Found]]:
    """Lower the score of a speaker's further quotes, so key quotes give several voices."""
    seen: dict[str | None, int] = {}
    out = []
    for score, f in scored:
        n = seen.get(f.speaker, 0)
        seen[f.speaker] = n + 1
        out.append((score - 0.8 * n, f))
    out.sort(key=lambda item: (-item[0], item[1].position))
    return out


def _score(f: Found, paragraphs: int) -> float:
    words = f.text.split()
    n = len(words)
    if n < 3 or _is_title_case(words):
        return 0.0  # scare quotes, titles of works and slogans are not statements
    if f.speaker is None and n < 6:
        return 0.0
    score = min(n, 25) / 25 * 3
    if n <= 4:
        score -= 0.5
    if f.speaker:
        score += 2.0 if f.speaker[:1].isupper() else 1.0
    else:
        score -= 1.0
    if f.text[:1].isupper() and f.text[-1:] in ".!?,":
        score += 0.7  # a whole statement rather than a fragment
    score += 3.0 * (1.0 - f.paragraph / paragraphs)
    if f.paragraph < 3 and f.speaker:
        score += 2.0  # a quotation in the lead is what the story is about
    return max(score, 0.01)


def _is_title_case(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by"}
    significant = [w for w in letters if w.lower() not in small]
    return len(words) <= 8 and bool(significant) and all(_TITLE_CASE_WORD.match(w) for w in significant)


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a


def _shorten(text: str) -> str:
    """A long quotation cut at a sentence end (a verbatim prefix), at most ~45 words."""
    if len(text.split()) <= _MAX_WORDS:
        return text
    kept = ""
    for start, end in sentence_spans(text):
        candidate = text[:end]
        if len(candidate.split()) > _MAX_WORDS and kept:
            break
        kept = candidate
    return kept.rstrip(",;: ")




# -- people: names, roles and pronouns ------------------------------------------------------

_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.)$")
_CONNECTORS = {"de", "van", "von", "bin", "al", "da", "di", "del", "der", "dos", "du", "la", "le", "ibn"}
_SKIP_BEFORE_VERB = {
    "also", "later", "then", "has", "had", "have", "was", "is", "were", "would", "will", "previously",
    "once", "reportedly", "further", "again", "recently", "earlier", "separately", "has", "had",
    "publicly", "privately", "repeatedly", "had", "himself", "herself", "told", "on",
    "quickly", "simply", "flatly", "last", "week", "month", "year", "only", "could", "should",
    "can", "might", "must", "did", "does", "do", "not", "never", "also",
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
    "commander", "leader", "sgt", "cpl", "pvt", "detective", "inspector", "sheriff", "officer",
    "chief", "executive", "founder", "president-elect", "emir", "crown", "archbishop", "bishop",
    "cardinal", "rabbi", "imam", "striker", "midfielder", "defender", "goalkeeper", "trainer",
    "jockey", "boss", "star", "actor", "actress", "singer", "rapper", "pm", "mp", "gop", "u.s.",
    "us", "uk", "u.k.", "un", "u.n.", "eu", "nato", "white", "house", "press", "labor", "labour",
    "conservative", "liberal", "party", "national", "security", "adviser", "advisor",
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
    "diplomat", "diplomats", "commander", "general", "premier", "chancellor", "spokesperson",
    "trainer", "manager", "player", "striker", "captain", "boss", "campaign", "office", "kremlin",
    "white house", "pentagon", "union", "group", "board", "party", "team", "club", "family",
    "victim", "survivor", "member", "members", "worker", "workers", "fan", "fans", "critics",
    "supporters", "opponents", "activists", "observers", "insiders", "sheriff", "detective",
    "candidate", "nominee", "congressman", "congresswoman", "lawmaker", "lawmakers",
    "strategist", "commentator", "host", "author", "writer", "economist", "professor",
    "historian", "pollster", "chairwoman", "governor", "businessman", "billionaire", "mogul",
    "frontrunner", "front-runner", "hopeful", "challenger", "incumbent", "veteran", "negotiator",
}
_PREPOSITIONS = {"on", "in", "at", "with", "to", "for", "from", "by", "of", "via", "about"}
_CLAUSE_WORDS = {"is", "are", "was", "were", "why", "that", "which", "who", "and", "but", "so",
                 "because", "when", "if", "while", "where", "how", "what", "said", "says"}
# Documents rather than people: "released a statement saying ..." quotes the statement's author.
_DOCUMENTS = {"statement", "report", "readout", "interview", "email", "tweet", "post", "letter",
              "video", "ad", "memo", "release", "transcript"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "one", "another", "two", "three"}
_PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f"}
_OTHER_PRONOUNS = {"they", "it", "we", "i", "you", "They", "It", "We", "I", "You", "who"}
_MALE_TITLES = {"mr", "sir", "king", "prince", "lord", "father", "pope", "brother"}
_FEMALE_TITLES = {"mrs", "ms", "miss", "queen", "princess", "lady", "dame", "sister"}
_RUN = re.compile(
    r"(?:(?<=\s)|^)(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.)"
    r"(?:\s+(?:(?:de|van|von|bin|al|da|di|del|der|dos|du|la|le|ibn)\s+)?(?:[A-Z][\w\u2019'\-]*\.?|[A-Z]\.))+"
)
_SUBJECT_AFTER = re.compile(r"\s+(?:[a-z]+ed|[a-z]+s|" + _VERBS + r")\b")
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
        if _NAME_TOKEN.match(token) and not token.endswith((",", ";", ":")):
            run.insert(0, token)
        elif token in _CONNECTORS and run:
            run.insert(0, token)
        else:
            break
        tokens.pop()
    while run and (_bare(run[0]) in _STOP_CAPS or run[0] in _CONNECTORS):
        run.pop(0)
    if run and run[-1].endswith(("\u2019s", "'s", "\u2019", "s'")):
        return None  # "Trump's tweet saying": a possessive is never the speaker itself
    if run and tokens and _bare(tokens[-1]) in _PREPOSITIONS:
        return None  # "on Facebook writing": the object of a preposition, not a subject
    return " ".join(run) or None


def role_phrase_before(text: str, idx: int) -> str | None:
    """``the Chinese leader`` / ``a spokesman for the ministry`` ending before `idx`."""
    tokens = _skip_appositive(_tokens_before(text, idx))
    if not tokens or _bare(tokens[-1]) not in _ROLE_NOUNS or not tokens[-1][-1:].isalpha():
        return None
    phrase: list[str] = []
    for token in reversed(tokens[-7:]):
        if token[-1:] in ",;:\"\u201d\u201c" or token.endswith(".") or _bare(token) in _CLAUSE_WORDS:
            break
        phrase.insert(0, token)
        if _bare(token) in _DETERMINERS or token.endswith(("\u2019s", "'s")):
            break
    if phrase and phrase[0].lower() in {"for", "of", "at"}:
        phrase.pop(0)
    return " ".join(phrase) if phrase else None


def name_run_after(text: str) -> str | None:
    """The speaker right after a verb: ``said Xi``, ``said the spokesman``,
    ``said farmer Joan Price`` (a lower-case role before the name is skipped)."""
    tokens = text.split()[:10]
    for skipped, token in enumerate(tokens[:4]):
        if _NAME_TOKEN.match(token):
            tokens = tokens[skipped:]  # "said union secretary Joanna Reyes": skip the role
            break
        if not (token.isalpha() and token.islower()) or token in _STOP_CAPS or token in _DETERMINERS:
            break
    out: list[str] = []
    for token in tokens:
        clean = token.rstrip(",.;:!?)\u201d\"")
        if re.fullmatch(r"[A-Z]\.", token) or (token.endswith(".") and _bare(token) in _TITLES):
            clean = token
        if not out and _bare(token) in _DETERMINERS:
            out.append(clean)
        elif _NAME_TOKEN.match(clean) or (out and (clean in _CONNECTORS or (
                out[0].lower() in _DETERMINERS and clean.isalpha()))):
            out.append(clean)
        else:
            break
        if clean != token or (out[0].lower() in _DETERMINERS and _bare(clean) in _ROLE_NOUNS):
            break
    while out and out[-1] in _CONNECTORS:
        out.pop()
    if out and out[0].lower() in _DETERMINERS and _bare(out[-1]) not in _ROLE_NOUNS:
        return None
    if out and all(_bare(t) in _ORG_WORDS for t in out if t[:1].isupper()):
        return None if out[0][:1].isupper() and len(out) == 1 else " ".join(out)
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

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str]) -> "People":
        text = "\n\n".join(paragraphs)
        people = cls(text)
        for match in _RUN.finditer(text):
            people._learn(match.group(0).split(), text[max(0, match.start() - 40):match.start()])
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

    def learn_speakers(self) -> None:
        """Names that are the subject of a speech verb anywhere are people."""
        for verb in _VERB.finditer(self.text):
            subject = name_run_before(self.text, verb.start())
            if subject and subject[:1].isupper() and subject not in _PRONOUNS:
                name = self.full_name(" ".join(_split_title(subject.split())[1]))
                if name in self.roles:
                    self.persons.add(name)

    def full_name(self, short: str) -> str:
        """``Putin`` -> ``Vladimir Putin`` when the article uses that full name."""
        for name in self.names:
            parts = name.split()
            if short == name or (len(short.split()) == 1 and short in (parts[0], parts[-1])):
                return name
            if len(short.split()) > 1 and name.endswith(short):
                return name
        return short

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
        matches = [n for n in self.names if words and words <= self.roles.get(n, set())]
        return matches[0] if len(matches) == 1 else phrase

    def mentions(self) -> list[tuple[int, str, bool]]:
        """(position, full name, in subject position) of every mention, in text order."""
        if self._mentions is None:
            forms: dict[str, str] = {}
            for name in self.names:
                parts = name.split()
                for form in (name, parts[-1], parts[0]):
                    forms.setdefault(form, name)
            found = []
            if forms:
                alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                pattern = re.compile(r"\b(?:" + alternatives + r")\b(?![\u2019']s)")
                for m in pattern.finditer(self.text):
                    subject = bool(_SUBJECT_AFTER.match(self.text, m.end()))
                    found.append((m.start(), forms[m.group(0)], subject))
            self._mentions = found
        return self._mentions

    def _pronoun(self, gender: str, position: int) -> str | None:
        """The person last named before `position`, preferring a sentence's subject."""
        candidates = [m for m in self.mentions() if m[0] < position and position - m[0] < 1500
                      and m[1] in self.persons and self.gender.get(m[1], gender) == gender]
        if not candidates:
            return None
        latest = candidates[-1]
        window = [m for m in candidates if latest[0] - m[0] < 120 and m[2]]
        return (window[-1] if window else latest)[1]
