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
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


def is_near_duplicate(a: str, b: str, threshold: float, hash_a: int | None = None,
                      hash_b: int | None = None) -> bool:
    if hash_a is not None and hash_b is not None and simhash_similarity(hash_a, hash_b) < SIMHASH_CANDIDATE:
        return False
    return jaccard(a, b) >= threshold
