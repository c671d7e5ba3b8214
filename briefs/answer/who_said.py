"""Who said it: the speaker of the quotation an answer cites, as the quote engine reads it.

"Who said the mosque should be built someplace else?" is matched by a sentence inside a
quotation ("Sen. Reid respects that but thinks ..."), and a name in the quoted words is not
who spoke them: the spokesman who said them is. For questions asking who said something,
a candidate sentence that lies inside a quotation takes its short answer from the quote
engine (briefs/write/quotes.py), the same speaker the briefing shows; a quotation the
engine credits to nobody answers nobody, so another candidate or a refusal is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from briefs.answer.scoring import ScoredPassage
from briefs.write.phrases import is_pronoun, name_run_after, reported_speech
from briefs.write.quotes import Found, find_quotes, subject_before

# The verbs of "who <verb> ...?" whose subject is whoever spoke the words; "called" and
# "described" are apart (_NAMING): "who called the police" asks no speaker.
_SPEECH = re.compile(
    r"(?:said|say|says|told|tell|tells|stated|states|declared|declares|wrote|writes|warned|"
    r"warns|claimed|claims|argued|argues|insisted|insists|added|adds|promised|promises|vowed|"
    r"vows|predicted|predicts|suggested|suggests|urged|urges|tweeted|complained|joked|"
    r"admitted|admits|asserted|asserts|remarked|quipped|boasted|pledged|pledges)")
# "Who called the win a miracle?": a speaker only of a quotation the question repeats.
_NAMING = {"called", "calls", "described", "describes", "dubbed", "labeled", "labelled", "branded"}
_WHO_VERB = re.compile(r"^\W*who\s+(?:(?:has|had|did|does|would|will)\s+)?(?:just\s+|also\s+)?(\w+)",
                       re.IGNORECASE)

# A sentence is the quotation's when at least this share of its characters is quoted.
_INSIDE = 0.5


def asks_speaker(question: str) -> bool:
    """Does the question ask who said something ("Who warned that ...?")?"""
    return _asked_verb(question) is not None


def _asked_verb(question: str) -> str | None:
    m = _WHO_VERB.match(question)
    return m.group(1).lower() if m and _SPEECH.fullmatch(m.group(1).lower()) else None


def asks_naming(question: str) -> bool:
    """Does the question ask who called something something ("Who called the win a
    miracle?")? Only a quotation it repeats then has a speaker to give."""
    m = _WHO_VERB.match(question)
    return bool(m) and m.group(1).lower() in _NAMING


def credit_speakers(candidates: Iterable[ScoredPassage],
                    texts: Callable[[list[int]], Mapping[int, str]], question: str = "") -> None:
    """Give each candidate inside a quotation its quotation's speaker as the short answer,
    or no answer when the quote engine names nobody; in narration ("That caused other
    Republicans to warn that ... the nation's Muslims"), the subject of the question's verb,
    never a name after it. A naming question ("Who called the win a miracle?") takes only the
    speaker of a quotation it repeats. Narration with no speech verb at all answers nobody.
    `texts` loads articles' texts by id."""
    candidates = list(candidates)
    verb = _asked_verb(question)
    naming = asks_naming(question)
    forms = _verb_forms(verb) if verb else None
    if forms:
        for candidate in candidates:
            _credit_narrator(candidate, forms)
    asked = set(_WORD.findall(question.lower()))
    speech = verb is not None and _IRREGULAR.get(verb, verb) != "write"  # "Who wrote the book?": an author
    articles = texts(sorted({c.passage.article_id for c in candidates}))
    quotes: dict[int, list[Found]] = {}
    for candidate in candidates:
        text = articles.get(candidate.passage.article_id)
        if not text:
            continue
        if candidate.passage.article_id not in quotes:
            quotes[candidate.passage.article_id] = find_quotes(text)
        found = (None if naming else _quotation_of(candidate.passage.sentence, text,
                                                   quotes[candidate.passage.article_id])) \
            or _asked_quotation(candidate.passage.sentence, text, quotes[candidate.passage.article_id], asked)
        if found is not None:
            candidate.span = found.speaker
            candidate.cue_ok = found.speaker is not None
        elif speech and forms and not forms.search(candidate.passage.sentence) and _unspoken(candidate):
            candidate.span = None
            candidate.cue_ok = False
        elif candidate.span and candidate.span[:1].islower():
            # "the congressman ... said ... and added: "...": the person the quote engine
            # resolves the role to for the sentence's own quotation, as the briefing shows him
            candidate.span = _speaker_within(candidate.passage.sentence, text,
                                             quotes[candidate.passage.article_id]) or candidate.span


def _unspoken(candidate: ScoredPassage) -> bool:
    """Is the candidate's short answer nobody's speech? Narration that reports no words ("...
    in the cross hairs of a President Romney") names no speaker, whoever it mentions; a title in
    quotation marks ("a drama like "Homeland"") is nobody; a name in what the verb reports
    ("claiming in a new ad that President Obama is ...") is who the words are about."""
    sentence = candidate.passage.sentence
    verb = reported_speech(sentence)
    if verb is None:
        return True
    span = candidate.span or ""
    at = sentence.find(span) if span else -1
    if at < 0:
        return False
    if re.search(r"[\"\u201c]" + re.escape(span) + r"[\"\u201d,.]", sentence):
        return True
    return at > verb.start() and not _AFTER_ITS_VERB.fullmatch(sentence, verb.end(), at)


# Between a speech verb and its own subject or agent: "said Sen. ", "according to ", "by the
# mayor, "; never "that" or a preposition, which open what was said or about whom.
_AFTER_ITS_VERB = re.compile(r"\s+(?:by\s+)?(?:(?!(?:that|to|about|of|whether|if|how|for|on|with|in|at)\b)"
                             r"[\w.\-]+,?\s+){0,3}")


def _quotation_of(sentence: str, text: str, quotes: list[Found]) -> Found | None:
    """The quotation holding most of the sentence, when it holds at least half of it."""
    start = text.find(sentence)
    if start < 0 or not sentence:
        return None
    end = start + len(sentence)
    best, most = None, 0
    for found in quotes:
        overlap = min(end, found.end) - max(start, found.position)
        if overlap > most:
            best, most = found, overlap
    return best if most >= _INSIDE * len(sentence) else None


def _quotations_within(sentence: str, text: str, quotes: list[Found]) -> list[Found]:
    """The quotations lying wholly inside the sentence."""
    start = text.find(sentence)
    if start < 0:
        return []
    return [f for f in quotes if start <= f.position and f.end <= start + len(sentence)]


def _speaker_within(sentence: str, text: str, quotes: list[Found]) -> str | None:
    """The one speaker the quote engine gives the quotations inside the sentence, if one."""
    speakers = {f.speaker for f in _quotations_within(sentence, text, quotes)}
    speaker = next(iter(speakers)) if len(speakers) == 1 else None
    return speaker if speaker and speaker[:1].isupper() else None


def _asked_quotation(sentence: str, text: str, quotes: list[Found], asked: set[str]) -> Found | None:
    """A quotation inside the sentence whose every word the question repeats ("Who said the
    win was a miracle?" of '... calling the win a "miracle."'): the question asks who said it."""
    for found in _quotations_within(sentence, text, quotes):
        words = _WORD.findall(found.text.lower())
        if words and asked.issuperset(words):
            return found
    return None


_WORD = re.compile(r"\w+")

# Irregular forms of the speech verbs a question may ask about; regular ones share a stem.
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write",
              "writes": "write"}
_BY = re.compile(r"\s+by\s+")
_FORMS = {"say": r"(?:say|says|said|saying)", "tell": r"(?:tell|tells|told|telling)",
          "write": r"(?:write|writes|wrote|writing|written)"}


def _verb_forms(verb: str) -> re.Pattern[str]:
    """A pattern for every form of the asked verb ("warned": warn, warns, warned, warning)."""
    lemma = _IRREGULAR.get(verb, verb)
    if lemma in _FORMS:
        return re.compile(r"\b" + _FORMS[lemma] + r"\b")
    stem = re.sub(r"(?:ed|es|s)$", "", lemma)
    return re.compile(r"\b" + re.escape(stem) + r"(?:s|es|ed|d|ing)?\b")


def _credit_narrator(candidate: ScoredPassage, forms: re.Pattern[str]) -> None:
    """In a sentence that narrates the asked speech ("X warned that ..."), the short answer is
    the verb's subject; a name after the verb is what was said or whom it was said to."""
    sentence = candidate.passage.sentence
    verb = forms.search(sentence)
    if verb is None:
        return
    agent = _BY.match(sentence, verb.end())
    if agent:
        # "a pamphlet written by Muhammad Abd al-Salaam Farag": the passive's agent
        named = sentence[agent.end():]
        if not (candidate.span and named.startswith(candidate.span)):  # the reader's may be fuller
            candidate.span = name_run_after(named) or candidate.span
        return
    head = sentence[:verb.start()].rstrip()
    if head.endswith(" to"):
        head = head[:-3]  # "caused other Republicans to warn": the infinitive's subject
    subject = subject_before(head + " ", len(head) + 1)
    if subject and not is_pronoun(subject):
        candidate.span = subject
    elif candidate.span and candidate.span in sentence[verb.end():] and candidate.span not in head:
        candidate.span = None  # never the name the words are about
        candidate.cue_ok = False
