"""Which stories lead a digest: scope filters, story grouping and ranking.

A story's rank combines how recent it is (published, else collected), how many independent
publishers (distinct hosts) carry it, and how well it matches the chat's topics. Publication
dates rank stories but never decide whether they are new: that is `Scope.since`, on
collection time, applied by the store query.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence
from urllib.parse import urlsplit

from briefs.models import Article, Scope, utcnow


def host_of(url: str) -> str | None:
    """The publisher's host without ``www.``; None for local files and stdin."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def _terms(words: Iterable[str]) -> list[re.Pattern[str]]:
    """Whole-word, case-insensitive patterns for topic words and phrases."""
    return [re.compile(r"\b" + re.escape(w.strip()) + r"\b", re.I) for w in words if w.strip()]


def matches(article: Article, patterns: Sequence[re.Pattern[str]]) -> int:
    """How many of the patterns occur in the article (title counts double)."""
    score = 0
    for pattern in patterns:
        if pattern.search(article.title):
            score += 2
        elif pattern.search(article.text):
            score += 1
    return score


def in_scope(article: Article, include: Sequence[re.Pattern[str]], exclude: Sequence[re.Pattern[str]]) -> bool:
    if include and not matches(article, include):
        return False
    return not any(p.search(article.title) or p.search(article.text) for p in exclude)


@dataclass
class StoryGroup:
    key: tuple[str, int]  # ("story", id) or ("article", id)
    articles: list[Article]
    score: float = 0.0

    @property
    def story_id(self) -> int | None:
        return self.key[1] if self.key[0] == "story" else None

    @property
    def latest(self) -> datetime:
        return max(_moment(a) for a in self.articles)

    @property
    def hosts(self) -> set[str]:
        return {h for a in self.articles for u in (a.urls or (a.url,)) if (h := host_of(u))}


def _moment(article: Article) -> datetime:
    moment = article.published or article.collected_at or utcnow()
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def group_by_story(articles: Sequence[Article]) -> list[StoryGroup]:
    """Articles grouped by their story cluster; an article without one is its own story."""
    groups: dict[tuple[str, int], StoryGroup] = {}
    for article in articles:
        key = ("story", article.story_id) if article.story_id is not None else ("article", article.id)
        groups.setdefault(key, StoryGroup(key, [])).articles.append(article)
    return list(groups.values())


def rank(groups: list[StoryGroup], topics: Sequence[str] = (), now: datetime | None = None) -> list[StoryGroup]:
    """Best first: recency (half-life a day), independent sources, topic match."""
    now = now or utcnow()
    patterns = _terms(topics)
    for group in groups:
        age_hours = max(0.0, (now - group.latest).total_seconds() / 3600)
        recency = math.exp(-age_hours / 24 * math.log(2))
        sources = math.log2(1 + max(len(group.hosts), 1))  # local files count as one source
        topic = max((matches(a, patterns) for a in group.articles), default=0) if patterns else 0
        group.score = 2.0 * recency + 1.5 * sources + 0.75 * min(topic, 4)
    return sorted(groups, key=lambda g: (-g.score, -g.latest.timestamp(), g.key))


def select_articles(articles: Sequence[Article], scope: Scope, topic: str | None = None) -> list[Article]:
    """The articles a scope (and an optional one-off topic) lets through."""
    include = _terms(scope.topics)
    exclude = _terms(scope.exclude)
    wanted = _terms([topic]) if topic else []
    return [a for a in articles if in_scope(a, include, exclude) and (not wanted or matches(a, wanted))]


def scope_filters(scope: Scope) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    return _terms(scope.topics), _terms(scope.exclude)
