"""Canonical URLs, exact and near-duplicate detection, and story clustering.

Three levels, from strict to loose:

- the same URL (after canonicalisation: tracking parameters, fragments, `www.`, AMP),
- the same text: an exact content hash of the normalised words, or a near-duplicate by
  64-bit SimHash over word shingles (the same wire story on two sites) -> one article
  with several URLs,
- the same event: different write-ups from different sources within a time window whose
  titles and leads share enough distinctive terms -> one story with several articles.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.exc import IntegrityError

if TYPE_CHECKING:
    from briefs.models import ArticleDraft
    from briefs.store.store import Store
    from briefs.stories.cluster import Features

# -- canonical URLs -----------------------------------------------------------------------

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "_hs", "ga_", "oly_", "vero_")
_TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mkt_tok",
    "_ga", "_gl", "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ncid", "ocid",
    "sr_share", "smid", "smtyp", "share", "fromshare", "s_cid", "icid", "campaign_id", "ito",
    "outputtype", "amp", "amp_js_v", "usqp", "__twitter_impression", "rss", "rssfeed",
    "at_medium", "at_campaign", "cid", "src", "wt.mc_id", "spm",
}


def canonical_url(url: str) -> str:
    """One spelling per page: lowercase scheme/host, no `www.`/`amp.`/`m.`, no default port,
    no tracking parameters or fragment, no AMP path suffix, no trailing slash, sorted query.

    Non-http(s) URLs (file://, stdin:) are returned unchanged.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = _canonical_host(parts.hostname or "", parts.port, scheme)
    path = _canonical_path(parts.path)
    query = urlencode(sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ))
    return urlunsplit((scheme, host, path, query, ""))


def _canonical_host(host: str, port: int | None, scheme: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in ("www.", "amp.", "m.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    return host


def _canonical_path(path: str) -> str:
    path = re.sub(r"/{2,}", "/", path or "/")
    for suffix in ("/amp.html", "/amp/", "/amp", ".amp.html", ".amp"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + (".html" if suffix.endswith(".html") else "")
            break
    path = re.sub(r"^/amp/", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    return path or "/"


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


# -- exact and near duplicates ------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """SHA-256 of the lowercased words: spacing, punctuation and case do not count."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def _shingles(tokens: Sequence[str], size: int = 3) -> list[str]:
    if len(tokens) < size:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)]


def simhash(text: str) -> int:
    """64-bit SimHash over word 3-shingles, as a signed int64 (fits a BIGINT column)."""
    weights = [0] * 64
    for shingle, count in Counter(_shingles(words(text))).items():
        value = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += count if value >> bit & 1 else -count
    unsigned = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def simhash_similarity(a: int, b: int) -> float:
    """1 - Hamming distance / 64 between two SimHashes."""
    return 1.0 - bin((a ^ b) & (2**64 - 1)).count("1") / 64.0


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of word 3-shingle sets."""
    sa, sb = set(_shingles(words(a))), set(_shingles(words(b)))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


# SimHash similarity is only a filter: 64 bits are too coarse to decide alone, so a
# candidate above this bar is confirmed with shingle Jaccard against the real threshold.
SIMHASH_CANDIDATE = 0.75
MIN_COMPARABLE_WORDS = 25  # shorter texts are deduplicated by URL only


def is_near_duplicate(a: str, b: str, threshold: float, hash_a: int | None = None,
                      hash_b: int | None = None) -> bool:
    if hash_a is not None and hash_b is not None and simhash_similarity(hash_a, hash_b) < SIMHASH_CANDIDATE:
        return False
    return jaccard(a, b) >= threshold


def fingerprint(text: str) -> tuple[str, int]:
    """(content hash, SimHash) of a text; pure, so it can run in the worker pool."""
    return content_hash(text), simhash(text)


# -- shared by story matching ------------------------------------------------------------

_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers him his how i if in into is it its itself just
me more most my no nor not now of off on once only or other our out over own same she should
so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
said says say told according new one two three year years week day days time people first
last since week's mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
today yesterday tomorrow night morning evening afternoon per cent percent million billion
""".split())

def publisher(url: str) -> str:
    """Who published an article: the canonical host, or the file itself for local files."""
    parts = urlsplit(canonical_url(url))
    return parts.hostname or url if parts.scheme in ("http", "https") else url


# -- the store step -----------------------------------------------------------------------

Outcome = Literal["new", "duplicate"]

# Near-duplicate candidates: the 64-bit SimHash cut into 8 bands of 8 bits; two texts whose
# hashes differ in at most 7 bits share a band (pigeonhole), and real near-duplicates (the
# same wire story with a different footer) differ in a few bits. A candidate is then checked
# against SIMHASH_CANDIDATE and confirmed with shingle Jaccard, as before.
_BANDS = 8


def _bands(hashed: int) -> list[tuple[int, int]]:
    unsigned = hashed & (2**64 - 1)
    return [(band, unsigned >> (band * 8) & 0xFF) for band in range(_BANDS)]


class Deduplicator:
    """Stores a draft unless it is a duplicate, and files it under a story.

    `add` is synchronous and does all its store work in one go, so concurrent collection
    tasks on one event loop cannot interleave between the duplicate check and the insert.
    The recent articles are loaded once per process (with their stored story features);
    after that every article costs a few index lookups, not a pass over the store.
    """

    def __init__(self, store: "Store", threshold: float, window_hours: float) -> None:
        from briefs.stories.cluster import StoryIndex

        self.store = store
        self.threshold = threshold
        self.window_hours = window_hours
        window = timedelta(hours=window_hours)
        # Publication days differ by up to a few days for one event (time zones, a follow-up
        # the next morning); collection times bound what stays in memory.
        self.index = StoryIndex(window=max(window, timedelta(hours=96)), memory=window)
        self._bands: dict[tuple[int, int], set[int]] = {}
        self._hashes: dict[int, int] = {}
        self._warm_since: datetime | None = None
        self._max_id = 0  # the newest stored article the index has seen

    def add(self, draft: "ArticleDraft", fingerprint: tuple[str, int], *,
            source_id: int | None = None, collected_at: datetime | None = None,
            feats: "Features | None" = None) -> tuple[Outcome, int]:
        """("new" | "duplicate", article id). A duplicate's URLs (and source) are added to the original."""
        from briefs.models import utcnow

        urls = list(dict.fromkeys([draft.url, *draft.urls]))
        digest, hashed = fingerprint
        now = collected_at or utcnow()
        self._warm(now)
        for gone in self.index.forget_before(now):  # out of the window: out of memory too
            hashed_gone = self._hashes.pop(gone, None)
            for band in _bands(hashed_gone) if hashed_gone is not None else ():
                self._bands.get(band, set()).discard(gone)
        # Text comparison needs enough text: two different stories can share a one-line
        # teaser ("Breaking news", a generic summary) and must not become one article.
        comparable = len(draft.text.split()) >= MIN_COMPARABLE_WORDS
        existing = self._known_url(urls)
        if existing is None and comparable:
            existing = self.store.article_id_for_hash(digest)
        if existing is None and comparable:
            existing = self._near_duplicate(draft.text, hashed)
        if existing is not None:
            self.store.add_urls(existing, urls)
            self.store.link_source(existing, source_id)
            return "duplicate", existing
        feats = feats or features_of(draft)
        filing = self.index.decide(feats, now)
        matched_story = self.index.story_of(filing.matched) if filing.matched is not None else None
        try:
            article_id, story_id = self.store.add_filed_article(
                draft if draft.content_hash else _with_hash(draft, digest), features=feats.to_json(),
                story_id=matched_story if matched_story is not None and matched_story > 0 else None,
                also_file=filing.matched if matched_story is not None and matched_story < 0 else None,
                source_id=source_id, simhash=hashed, collected_at=now,
            )
        except IntegrityError:
            # Another process (the bot and a CLI run share the database) stored this URL
            # between our check and our insert: it is a duplicate after all.
            self.index.df.remove(feats.terms.keys())  # counted by `decide`, never indexed
            existing = self._known_url(urls)
            if existing is None:
                raise
            self.store.link_source(existing, source_id)
            return "duplicate", existing
        if comparable:
            self._remember_hash(article_id, hashed)
        self._max_id = max(self._max_id, article_id)
        self.index.put(article_id, story_id, feats, feats.published or now, now)
        if filing.matched is not None:
            self.index.set_story(filing.matched, story_id)
        else:
            self._link_previous(story_id, filing, feats)
        return "new", article_id

    def _known_url(self, urls: list[str]) -> int | None:
        for url in urls:
            found = self.store.article_id_for_url(url)
            if found is not None:
                return found
        return None

    def _remember_hash(self, article_id: int, hashed: int) -> None:
        self._hashes[article_id] = hashed
        for band in _bands(hashed):
            self._bands.setdefault(band, set()).add(article_id)

    def _near_duplicate(self, text: str, hashed: int) -> int | None:
        seen: set[int] = set()
        for band in _bands(hashed):
            seen |= self._bands.get(band, set())
        candidates = sorted(i for i in seen if simhash_similarity(hashed, self._hashes[i]) >= SIMHASH_CANDIDATE)
        if not candidates:
            return None
        texts = self.store.article_texts(candidates)
        for article_id in candidates:
            if article_id in texts and jaccard(text, texts[article_id]) >= self.threshold:
                return article_id
        return None

    def refresh(self, now: datetime | None = None) -> None:
        """Take in the articles another process stored since we last looked (a CLI run beside
        the bot): one query per collection pass, not per article."""
        from briefs.models import utcnow

        if self._warm_since is None:
            self._warm(now or utcnow())
        else:
            self._load((now or utcnow()) - timedelta(hours=self.window_hours), after_id=self._max_id)

    def _warm(self, now: datetime) -> None:
        """Load the articles of the window once per process."""
        if self._warm_since is not None:
            return
        self._warm_since = now - timedelta(hours=self.window_hours)
        self._load(self._warm_since, after_id=0)

    def _load(self, since: datetime, after_id: int) -> None:
        """Index stored articles; features missing from the store (articles stored before
        migration 4) are computed and stored once."""
        from briefs.stories.cluster import Features, features

        rows = [(row, data) for row, data in self.store.recent_features(since, after_id=after_id)
                if self.index.story_of(row.id) is None]
        missing = [row.id for row, data in rows if data is None]
        texts = self.store.article_texts(missing) if missing else {}
        hashes = self.store.article_simhashes([row.id for row, _ in rows])
        for row, data in rows:
            self._max_id = max(self._max_id, row.id)
            if data is None:
                feats = features(row.title, texts.get(row.id, ""), row.url, row.published)
                self.store.put_features(row.id, feats.to_json())
            else:
                feats = Features.from_json(data, row.published)
            self.index.df.add(feats.terms.keys())
            story = row.story_id if row.story_id is not None else -row.id
            self.index.put(row.id, story, feats, row.published or row.collected_at, row.collected_at)
            if hashes.get(row.id) is not None:
                self._remember_hash(row.id, hashes[row.id])

    def _link_previous(self, story_id: int, filing, feats) -> None:  # type: ignore[no-untyped-def]
        """Link the newer of two stories on one subject to the older ("Previously, ..."):
        the related story from the index, else one older than the window from the store."""
        related = None
        if filing.previous is not None and filing.previous > 0 and filing.previous_features:
            related = (filing.previous, filing.previous_features)
        self._link(story_id, related or self._older_related(story_id, feats), feats)

    def _link(self, story_id: int, related, feats) -> None:  # type: ignore[no-untyped-def]
        from briefs.stories.cluster import is_newer

        if related is None:
            return
        other, other_feats = related
        if is_newer(feats, other_feats):
            self.store.link_story(story_id, other)
        else:
            self.store.link_story(other, story_id)  # the one just stored is the earlier event

    def _older_related(self, story_id: int, feats):  # type: ignore[no-untyped-def]
        """A story on the same subject older than the window, from the full-text index."""
        from briefs.stories.cluster import related_to

        found = self.store.articles_naming(feats.names[:2], limit=20)
        pool = [(row_story, self._stored_features(data, published))
                for _id, row_story, data, published in found if row_story not in (None, story_id) and data]
        return related_to(feats, pool, self.index.df)

    def _stored_features(self, data, published):  # type: ignore[no-untyped-def]
        from briefs.stories.cluster import Features

        return Features.from_json(data, published)


def features_of(draft: "ArticleDraft") -> "Features":
    """A draft's story features; pure, so the collector computes them in its worker pool."""
    from briefs.stories.cluster import features

    return features(draft.title, draft.text, draft.url, draft.published)


def prepare(draft: "ArticleDraft") -> "tuple[tuple[str, int], Features]":
    """(content hash, SimHash) and story features of a draft, in one worker-pool call."""
    return fingerprint(draft.text), features_of(draft)


def _with_hash(draft: "ArticleDraft", digest: str) -> "ArticleDraft":
    import dataclasses

    return dataclasses.replace(draft, content_hash=digest)
