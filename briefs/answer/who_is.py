"""Who a role is: "Who is the tea party-backed candidate?" asks for the person the article
means by the role, who is named in another sentence ("Brat ... The tea party-backed candidate
attributed his victory to God"), not for a name in the role's own sentence. The answer is the
person the quote engine's reading of the article (briefs/write/people.py) resolves the role to,
as the briefing shows the role's words; a role it leaves unresolved answers nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from briefs.answer.scoring import ScoredPassage
from briefs.write.people import People
from briefs.write.text import split_paragraphs

# "Who is the tea party-backed candidate?", "who was the former coach"
_WHO_IS_ROLE = re.compile(r"^\W*who\s+(?:is|was)\s+(the\s+[a-z][\w\-' ]*?)\s*\??\s*$", re.IGNORECASE)


def asked_role(question: str) -> str | None:
    """The role a "who is the ...?" question asks about, if it asks about one."""
    m = _WHO_IS_ROLE.match(question)
    return m.group(1) if m else None


def credit_described(candidates: Iterable[ScoredPassage], texts: Callable[[list[int]], Mapping[int, str]],
                     question: str) -> None:
    """Give each candidate whose sentence holds the asked role the person the article's reading
    resolves it to; when it stays a role and acts in the sentence, no answer from that sentence.
    `texts` loads articles' texts by id."""
    role = asked_role(question)
    if role is None:
        return
    candidates = [c for c in candidates if role.lower() in c.passage.sentence.lower()]
    articles = texts(sorted({c.passage.article_id for c in candidates}))
    people: dict[int, People] = {}
    for candidate in candidates:
        text = articles.get(candidate.passage.article_id)
        if not text:
            continue
        if candidate.passage.article_id not in people:
            people[candidate.passage.article_id] = People.from_paragraphs(split_paragraphs(text))
        person = _person(candidate.passage.sentence, role, people[candidate.passage.article_id])
        if person is not None:
            candidate.span, candidate.cue_ok = person, True
        elif _acts(candidate.passage.sentence, role):
            # "The lanky pilot credited the win to Providence": a name after the role's own
            # verb is not who the role is ("The first mayor was Ana Ruiz" is another matter)
            candidate.span, candidate.cue_ok = None, False


def _acts(sentence: str, role: str) -> bool:
    """Whether `role` opens `sentence` as the subject of a verb other than "to be"."""
    if not sentence.lower().startswith(role.lower()):
        return False
    verb = _VERB_AFTER.match(sentence, len(role))
    return verb is not None and verb.group(1).lower() not in _COPULAS


_VERB_AFTER = re.compile(r"\s+(?:also\s+|later\s+)?([a-z]+(?:ed|s))\b")
_COPULAS = {"is", "was", "has", "remains", "becomes", "seems"}


def _person(sentence: str, role: str, people: People) -> str | None:
    """The person `role`, as written in `sentence`, stands for in the article."""
    at = people.text.find(sentence)
    inside = sentence.lower().find(role.lower())
    if at < 0 or inside < 0:
        return None
    written = sentence[inside:inside + len(role)]
    person = people.resolve(written, at + inside)
    return person if person and person != written and person in people.persons else None
