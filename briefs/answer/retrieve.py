"""Retrieval: from a natural-language question to ranked passages of stored articles.

Two stages keep it fast at 100,000 articles: the FTS5 index finds, inside the chat's scope
and time window, the newest articles that hold the question's names and nearly all its
other key terms (a narrow MATCH, streamed newest first, no bm25()); then those few are
ranked in Python on the question's terms, the title and recency, and the sentences of the
best are scored on term overlap, the kind of answer asked for and the article's rank.
User text never reaches FTS5 as syntax: every term is a quoted string.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import combinations
from typing import Any

import sqlalchemy as sa

from briefs.answer.passages import (
    Hit,
    Passage,
    TermMatcher,
    irregular_forms,
    matching_passages,
    stem,
    words,
)
from briefs.models import Scope, Turn, utcnow

STOP_WORDS = frozenset(
    """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't could couldn't did didn't do does doesn't
doing don't down during each either else ever every few for from further had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
how how's i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most
much many mustn't my myself no nor not now of off on once only or other ought our ours
ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those through to too under until up very was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's which while who who's
whom whose why why's will with won't would wouldn't you you'd you'll you're you've your
yours yourself yourselves tell told say said says saying know think happen happened
anything something thing things please really get got go going went want like news
report reported article story stories latest last recent recently one ok okay hey hi
times exactly must might shall explain describe summarize summarise give show list find define
more less
""".split()
)

# Words that point back to an earlier turn: "and what did he say?", "who is she?"
_ANAPHORA = frozenset(
    "he she they him her his hers their them it its this that these those there".split()
)
_FOLLOW_UP_OPENERS = ("and ", "what about", "how about", "also ", "but ")

_QUESTION_WORDS = frozenset("who whom whose what when where why how which".split())
_CUES: tuple[tuple[str, str], ...] = (
    (r"\bhow much\b|\bhow costly\b|\bwhat (?:was|is) the (?:cost|price|value|amount)\b", "amount"),
    (
        r"\bhow many\b|\bhow old\b|\bhow long\b|\bhow far\b"
        r"|\bwhat (?:percentage|percent|share|number)\b",
        "number",
    ),
    (r"\bwhen\b|\bwhat (?:year|date|day|time|month)\b", "date"),
    (r"\bwho(?:m|se)?\b", "person"),
    (r"\bwhere\b", "place"),
    (r"\b(?:say|said|says|tell|told|comment|respond)\b", "speech"),
)


@dataclass(frozen=True)
class Query:
    """What a question asks: its own key terms, entities, answer type, and carried context."""

    text: str
    terms: tuple[str, ...]  # surface words, for the FTS query
    key: frozenset[str]  # stems of the question's own content words
    entities: frozenset[str]  # stems of its names (capitalised words, acronyms)
    cue: str | None  # expected answer type: amount, number, date, person, place, speech
    carried: frozenset[str] = frozenset()  # entity stems carried from earlier turns
    carried_terms: tuple[str, ...] = ()
    counted: str | None = None  # "how many *votes*": the answer must be about that thing

    @property
    def empty(self) -> bool:
        return not self.key and not self.carried


MAX_QUESTION_CHARS = 1000
MAX_TERMS = 16


def analyse(question: str, history: Sequence[Turn] = ()) -> Query:
    """Parse a question; a follow-up borrows the names of the previous question (and answer)."""
    own_terms, entities = _content_terms(question[:MAX_QUESTION_CHARS])
    own_terms = own_terms[:MAX_TERMS]  # a pasted essay is not a question: bound the work
    entities = [e for e in entities if e in own_terms]
    carried_terms: list[str] = []
    if history and _is_follow_up(question, own_terms):
        carried_terms = _carried(history, {stem(t) for t in own_terms})
    return Query(
        text=question,
        terms=tuple(own_terms),
        key=frozenset(stem(t) for t in own_terms),
        entities=frozenset(stem(t) for t in entities),
        cue=_cue(question),
        carried=frozenset(stem(t) for t in carried_terms),
        carried_terms=tuple(carried_terms),
        counted=_counted(question),
    )


def _counted(question: str) -> str | None:
    """The stem of the thing counted in "how many X", unless X is a stop word ("times")."""
    found = re.search(r"\bhow many\s+([A-Za-z][\w'’-]*)", question, re.IGNORECASE)
    if not found or found.group(1).lower() in STOP_WORDS:
        return None
    return stem(found.group(1))


def _content_terms(text: str) -> tuple[list[str], list[str]]:
    terms: list[str] = []
    entities: list[str] = []
    seen: set[str] = set()
    tokens = words(text)
    for i, word in enumerate(tokens):
        lower = word.lower().replace("’", "'")
        if lower in STOP_WORDS or not word[0].isalnum() or (len(word) == 1 and not word.isdigit()):
            continue
        if i and tokens[i - 1].lower() == "how":
            continue  # "how old", "how long": the answer type, not a word to find
        if stem(word) in seen:
            continue
        seen.add(stem(word))
        terms.append(word)
        # A capitalised word is a name unless it only starts the question ("Pledges ...?").
        if word[0].isupper() and (i > 0 or word.isupper() or lower not in _QUESTION_WORDS):
            entities.append(word)
    return terms, entities


def _is_follow_up(question: str, own_terms: list[str]) -> bool:
    lower = question.lower().strip()
    tokens = {w.lower() for w in words(question)}
    return bool(tokens & _ANAPHORA) or lower.startswith(_FOLLOW_UP_OPENERS) or len(own_terms) <= 1


def _carried(history: Sequence[Turn], own: set[str]) -> list[str]:
    """Names of the latest earlier question; when it had none, those of its answer."""
    for turn in reversed(history):
        _, names = _content_terms(turn.question)
        if not names:
            _, names = _content_terms(turn.answer)
            names = names[:3]
        fresh = [n for n in names if stem(n) not in own]
        if fresh:
            return fresh
    return []


def _cue(question: str) -> str | None:
    lower = question.lower()
    for pattern, cue in _CUES:
        if re.search(pattern, lower):
            return cue
    return None


def fts_query(terms: Sequence[str]) -> str | None:
    """A safe FTS5 MATCH string: each term a quoted string, OR-combined; None if no terms."""
    groups = [_group(t) for t in dict.fromkeys(t.lower() for t in terms) if t.strip()]
    return " OR ".join(groups) if groups else None


def fts_match(query: Query) -> str | None:
    """The MATCH for a Query: articles that could support an answer, and no others.

    An answer needs every name of the question and all but a fifth of its key terms in
    its article (see qa.supports), so the index is asked for exactly that: the names AND'ed,
    and the other terms all present or, for longer questions, every combination missing at
    most n//5 of them. Besides being right, a narrow match is what keeps the query fast.
    """
    carried = [_group(t) for t in query.carried_terms]
    if not query.terms:
        return _at_least(carried, allowed_missing(len(carried)))
    names = [_group(t) for t in query.terms if stem(t) in query.entities]
    others = [_group(t) for t in query.terms if stem(t) not in query.entities]
    parts = [*names, _at_least(others, allowed_missing(len(query.terms)))]
    if carried:
        parts.append("(" + " OR ".join(carried) + ")")
    present = [p for p in parts if p]
    return " AND ".join(present if len(present) == 1 else [f"({p})" for p in present]) or None


def allowed_missing(terms: int) -> int:
    """How many of a question's key terms its answering article may lack (1 in 5)."""
    return terms // 5


def _at_least(groups: list[str], missing: int) -> str | None:
    """All but `missing` of the groups; None when that asks for nothing."""
    if len(groups) <= missing:
        return None
    if missing == 0:
        return " AND ".join(groups)
    if math.comb(len(groups), missing) > 40:  # very long questions: any term will do
        return " OR ".join(groups)
    return " OR ".join(
        "(" + " AND ".join(g for i, g in enumerate(groups) if i not in dropped) + ")"
        for dropped in map(set, combinations(range(len(groups)), missing))
    )


def _group(term: str) -> str:
    """A term and its irregular forms ("met" OR "meet"), each quoted (never FTS5 syntax)."""
    word = re.sub(r"['’]s$", "", term.lower()).replace("'", " ").replace("’", " ")
    forms = {word} | irregular_forms(stem(word))
    quoted = [_quote(f) for f in sorted(forms) if f.strip()]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _scope_match(scope: Scope) -> str:
    """Topic filters of a scope as FTS5 clauses appended to the question's MATCH."""
    clause = ""
    if scope.topics:
        clause += " AND (" + " OR ".join(_quote(t) for t in scope.topics) + ")"
    if scope.exclude:
        clause += " NOT (" + " OR ".join(_quote(t) for t in scope.exclude) + ")"
    return clause


@dataclass
class ScoredPassage:
    passage: Passage
    score: float
    sentence_hits: frozenset[str] = frozenset()  # query stems in the sentence itself
    covered: frozenset[str] = frozenset()  # query stems in the window or the title
    cue_ok: bool = True
    # query stems anywhere in the article
    article_stems: frozenset[str] = field(default=frozenset(), repr=False)
    title_hits: frozenset[str] = frozenset()  # query stems in the article's title


class Retriever:
    """Ranks passages for a Query within a Scope, optionally leaning towards some stories.

    FTS5's bm25() is not used: it counts every phrase over the whole index for its IDF, so
    its cost grows with the store (hundreds of ms at 100,000 articles for common words).
    The MATCH is narrow instead (see fts_match), the index streams the newest matches in
    scope, and those few are ranked here on the question's terms, the title and recency.
    """

    CANDIDATES = 60  # newest matching articles considered
    EXPANDED = 8  # articles whose sentences are scored
    FOCUS = 6  # articles of the followed-up stories always read
    SCANNED = 2000  # without FTS5: the newest articles read and filtered in Python
    RECENCY_DAYS = 14.0  # a report this many days old weighs ~5/6 of a fresh one

    def __init__(self, engine: sa.Engine, window_days: int = 30) -> None:
        self.engine = engine
        self.window_days = window_days

    def search(
        self,
        query: Query,
        scope: Scope,
        *,
        focus_story_ids: Sequence[int] = (),
        limit: int = 8,
        now: datetime | None = None,
    ) -> list[ScoredPassage]:
        match = fts_match(query)
        if match is None:
            return []
        now = now or utcnow()
        since = now - timedelta(days=self.window_days)
        if scope.since is not None and scope.since > since:
            since = scope.since
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                rows = self._matching(conn, f"({match}){_scope_match(scope)}", scope, since)
            else:
                rows = self._scanning(conn, query, scope, since)
            if focus_story_ids:
                rows += self._focus(conn, scope, focus_story_ids, {r.id for r in rows})
        matcher = TermMatcher(query.key | query.carried)
        ranked = sorted(
            (
                (_article_relevance(r, query, matcher, now, self.RECENCY_DAYS, focus_story_ids), r)
                for r in rows
            ),
            key=lambda pair: pair[0],
            reverse=True,
        )[: self.EXPANDED + (self.FOCUS if focus_story_ids else 0)]
        if not ranked:
            return []
        top = ranked[0][0] or 1.0
        scored: list[ScoredPassage] = []
        for relevance, row in ranked:
            scored += _score_article(row, relevance / top, query, matcher, focus_story_ids)
        scored.sort(key=lambda s: s.score, reverse=True)
        return scored[:limit]

    def _matching(
        self, conn: sa.Connection, match: str, scope: Scope, since: datetime
    ) -> list[Any]:
        """The newest articles in scope that match (the index streams them newest first)."""
        params: dict[str, object] = {"match": match, "since": _naive(since), "n": self.CANDIDATES}
        sql = _with_sources(
            f"SELECT {_COLUMNS} FROM article_fts JOIN articles a ON a.id = article_fts.rowid"
            " WHERE article_fts MATCH :match AND a.collected_at >= :since",
            scope,
            params,
        )
        statement = sql + " ORDER BY article_fts.rowid DESC LIMIT :n"
        return list(conn.execute(_bind(statement, params), params))

    def _scanning(
        self, conn: sa.Connection, query: Query, scope: Scope, since: datetime
    ) -> list[Any]:
        """Without FTS5 (PostgreSQL until it has its own index): the newest articles in scope,
        filtered here by the same rule the MATCH expresses. Correct, not fast."""
        params: dict[str, object] = {"since": since, "n": self.SCANNED}
        sql = _with_sources(
            f"SELECT {_COLUMNS} FROM articles a WHERE a.collected_at >= :since", scope, params
        )
        rows = conn.execute(_bind(sql + " ORDER BY a.id DESC LIMIT :n", params), params)
        required = query.key or query.carried
        matcher = TermMatcher(required)
        topics = [t.lower() for t in scope.topics]
        excluded = [t.lower() for t in scope.exclude]
        out: list[Any] = []
        for row in rows:
            text = f"{row.title}\n{row.text}"
            present = matcher.find(text)
            lower = text.lower()
            if (
                query.entities <= present
                and len(required - present) <= allowed_missing(len(required))
                and (not topics or any(t in lower for t in topics))
                and not any(t in lower for t in excluded)
            ):
                out.append(row)
                if len(out) == self.CANDIDATES:
                    break
        return out

    def _focus(
        self,
        conn: sa.Connection,
        scope: Scope,
        story_ids: Sequence[int],
        known: set[int],
    ) -> list[Any]:
        """Articles of the stories a follow-up refers to, newest first, within the chat's
        sources. Not bounded by the time window: a reply to an old briefing still works."""
        params: dict[str, object] = {"stories": list(story_ids), "n": self.FOCUS}
        sql = _with_sources(
            f"SELECT {_COLUMNS} FROM articles a WHERE a.story_id IN :stories", scope, params
        )
        statement = sql + " ORDER BY a.id DESC LIMIT :n"
        return [r for r in conn.execute(_bind(statement, params), params) if r.id not in known]


_COLUMNS = "a.id, a.title, a.text, a.url, a.published, a.collected_at, a.story_id"


def _with_sources(sql: str, scope: Scope, params: dict[str, object]) -> str:
    if scope.source_ids is None:
        return sql
    params["sources"] = sorted(scope.source_ids) or [-1]
    return sql + " AND a.source_id IN :sources"


def _bind(sql: str, params: dict[str, object]) -> sa.TextClause:
    expanding = [sa.bindparam(k, expanding=True) for k, v in params.items() if isinstance(v, list)]
    return sa.text(sql).bindparams(*expanding)


def _article_relevance(
    row: Any,
    query: Query,
    matcher: TermMatcher,
    now: datetime,
    half: float,
    focus: Sequence[int],
) -> float:
    """How well an article covers the question: its terms (names double), title, recency."""
    title = matcher.find(row.title)
    present = matcher.find(row.text) | title
    score = sum(_weight(t, query) for t in present)
    score += 0.5 * sum(_weight(t, query) for t in title)
    moment = _as_datetime(row.published) or _as_datetime(row.collected_at) or now
    age = max((now - moment).total_seconds() / 86400, 0.0)
    score *= 0.8 + 0.2 / (1 + age / half)
    return score * 1.5 if focus and row.story_id in focus else score


def _score_article(
    row: Any, weight: float, query: Query, matcher: TermMatcher, focus: Sequence[int]
) -> list[ScoredPassage]:
    present = matcher.find(row.title) | matcher.find(row.text)
    title = matcher.find(row.title)
    hits = matching_passages(
        row.id,
        row.title,
        row.text,
        row.url,
        _as_datetime(row.published),
        _as_datetime(row.collected_at),
        row.story_id,
        matcher,
    )
    return [_score(h, query, weight, focus, title, present) for h in hits]


def _score(
    hit: Hit,
    query: Query,
    article_weight: float,
    focus: Sequence[int],
    title: frozenset[str],
    present: frozenset[str],
) -> ScoredPassage:
    """Term overlap (names count double), answer-type fit, article relevance, focus."""
    passage = hit.passage
    # A term the title already establishes says little about *which* sentence answers.
    score = sum(_weight(t, query) * (0.5 if t in title else 1.0) for t in hit.sentence_hits)
    score += 0.4 * sum(_weight(t, query) for t in hit.covered - hit.sentence_hits)
    wanted = query.key or query.carried
    score += 2.0 * len(hit.sentence_hits & wanted) / max(len(wanted), 1)  # says it all at once
    cue_ok = answers_cue(passage.sentence, query)
    if query.cue and cue_ok:
        score += 1.5
        if query.cue in {"number", "amount"} and _DIGIT.search(passage.sentence):
            score += 0.5  # a figure beats "first" or "dozens"
    score += 1.0 * article_weight
    if focus and passage.story_id in focus:
        score += 0.5
    score -= 0.002 * max(len(passage.sentence) - 300, 0)  # prefer crisp sentences ...
    if len(passage.sentence.split()) < 6:
        score -= 1.0  # ... but not captions and headings
    if query.counted and counts(passage.sentence, query.counted):
        score += 1.0  # "how many batteries": "120,000 batteries"
    return ScoredPassage(passage, score, hit.sentence_hits, hit.covered, cue_ok, present, title)


def _weight(term: str, query: Query) -> float:
    if term in query.entities:
        return 2.0
    return 1.0 if term in query.key else 0.7


_DIGIT = re.compile(r"\d")
_MONTHS = "january february march april may june july august september october november december"
_DATE = re.compile(
    r"\b(?:(?:19|20)\d\d|"
    + "|".join(_MONTHS.split())
    + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
    r"|last (?:week|month|year)|next (?:week|month|year))\b",
)
# The "when" patterns are lower-case, matched against the lowered sentence (_says_when).
# Times of day and relative dates answer "when" as well as a year or a month does:
# "at 11:30 p.m.", "at 23:30", "at noon", "tonight", "this weekend", "in the spring",
# "within three weeks".
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b"
    r"|\b(?P<oc>\d{1,2}) o['\u2019]clock\b",
)
_SPAN = r"minutes?|hours?|days?|weeks?|months?|years?"
_SEASON = r"spring|summer|autumn|fall|winter"
_WHEN = re.compile(
    r"\b(?:noon|midday|midnight|tonight|overnight|dawn|dusk"
    rf"|this (?:morning|afternoon|evening|week|weekend|month|year|{_SEASON})"
    rf"|(?:next|last|this coming) (?:weekend|{_SEASON})"
    rf"|(?:in|by|from|until|during|over|at) the (?:{_SEASON}|weekend)"
    rf"|(?:in|by|until) (?:spring|summer|autumn|winter)"
    rf"|(?:within|in|after) (?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    rf"twelve|a few|several|the next(?: \w+)?) (?:{_SPAN})"
    r"|(?:by|at|before|until) the end of (?:the )?(?:day|week|month|year))\b",
)


# Every _WHEN phrase holds one of these: a plain substring test is far cheaper than the
# regex, and most sentences hold none of them.
_WHEN_HINTS = (
    "noon", "midday", "midnight", "night", "dawn", "dusk", "morning", "afternoon", "evening",
    "week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "minute", "hour",
    "day", "end of",
)


def _says_when(sentence: str) -> bool:
    """A date, a time of day or a relative date ("next weekend", "within three weeks").
    The patterns are lower-case and run on the lowered sentence: much faster than
    case-insensitive matching, and this runs on every candidate sentence of a "when"."""
    lower = sentence.lower()
    if _DATE.search(lower) or (_DIGIT.search(lower) and _CLOCK.search(lower)):
        return True
    return any(hint in lower for hint in _WHEN_HINTS) and bool(_WHEN.search(lower))


def clock_times(sentence: str) -> set[str]:
    """The times of day in `sentence` as 24-hour "HH:MM", however written ("11:30 p.m.",
    "11.30pm", "23:30"), so that two reports of one time agree."""
    out = set()
    for m in _CLOCK.finditer(sentence.lower()):
        if m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        else:
            hour, minute = int(m.group("h") or m.group("oc")), int(m.group("m") or 0)
            if m.group("ap") and m.group("ap").lower() == "p" and hour < 12:
                hour += 12
            elif m.group("ap") and m.group("ap").lower() == "a" and hour == 12:
                hour = 0
        out.add(f"{hour:02d}:{minute:02d}")
    return out


_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|half|twice|first|second|third)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"[$£€¥]\s?\d|\d[\d,.]*\s?(?:%|percent|per cent|dollars?|pounds?|euros?|yuan|rubles?|"
    r"million|billion|trillion|bn|m\b)",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"[\"“”‘’']\w|\b(?:said|says|told|stated|added|according to|warned|urged|called)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_TOKEN = r"\d[\d,.]*|" + "|".join(_NUMBER_WORDS) + r"|dozens?|hundreds?|thousands?|millions?"
_IS_NUMBER = re.compile(_NUMBER_TOKEN, re.IGNORECASE)
COUNT = re.compile(
    r"(?<![$£€¥\w])(" + _NUMBER_TOKEN + r")"
    r"\b(?=((?:\s+[\w'’-]+){1,4}))",  # the words after it, not consumed: "80,000 ... eleven fires"
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d[\d,.]*")


def counts(sentence: str, counted: str) -> bool:
    """Does the sentence count `counted` ("six people", "14 marine conservation zones")?"""
    return bool(counts_of(sentence, counted))


def counts_of(sentence: str, counted: str) -> set[str]:
    """The figures directly counting `counted` (no other figure in between)."""
    return {
        number(m.group(1)) for m in COUNT.finditer(sentence) if _counts_next(m.group(2), counted)
    }


def _counts_next(following: str, counted: str) -> bool:
    for word in words(following):
        if stem(word) == counted:
            return True
        if _IS_NUMBER.fullmatch(word):
            return False
    return False


def number(token: str) -> str:
    """A figure as a comparable string: "nine" -> "9", "1,000" -> "1000", "43rd" -> "43"."""
    lower = token.lower()
    if lower in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lower])
    digits = DIGITS.match(lower)
    return digits.group().replace(",", "").rstrip(".") if digits else lower


def answers_cue(sentence: str, query: Query) -> bool:
    """Does the sentence hold the kind of thing asked for (a figure, a date, a name ...)?"""
    cue = query.cue
    if cue is None:
        return True
    if cue == "amount":
        return bool(_AMOUNT.search(sentence))
    if cue == "number":
        return bool(_NUMBER.search(sentence))
    if cue == "date":
        return _says_when(sentence)
    if cue == "speech":
        return bool(_SPEECH.search(sentence))
    # person / place: a name that the question did not already give
    known = query.key | query.carried
    return any(
        stem(m.split()[0]) not in known or len(m.split()) > 1 and stem(m.split()[-1]) not in known
        for m in _NAME.findall(sentence)
    )


def _as_datetime(value: object) -> datetime | None:
    """SQLite hands back timestamps as text from a raw SELECT; make them aware datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _naive(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLAlchemy stores DATETIME in SQLite


__all__ = [
    "Query", "Retriever", "ScoredPassage", "analyse", "answers_cue", "clock_times", "fts_query",
]
