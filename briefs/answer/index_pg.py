"""The passage index on PostgreSQL: full-text search over the same stems as SQLite's FTS5.

The `passages` table holds every sentence with its Snowball stems (`terms`, built by the same
Python code as on SQLite) and a `tsvector` of those stems generated with the 'simple'
configuration (no stop words, no stemming of its own: the stems are already stems), under a
GIN index. Questions are OR queries of quoted stems (`to_tsquery('simple', ...)`), bound as a
parameter, so user text is never query syntax.

Ranking is the BM25 of FTS5's bm25() (k1 = 1.2, b = 0.75, the same IDF), computed in SQL on
the passages the GIN index finds: the learned ranker and the confidence read the BM25 score
as a feature, so the same number on both databases keeps their answers the same. (ts_rank
has no IDF: "said" would weigh as much as a name.)

As on SQLite, triggers queue articles when they are inserted or their text changes, and
`refresh` indexes the queue in Python; several workers drain it together without taking the
same article twice (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from briefs.answer.index import SLOTS, IndexHit, PassageRow, _within_budget, passage_rows

K1, B = 1.2, 0.75  # FTS5's bm25() defaults
# A tsvector holds at most 1 MB of lexemes: a run-on "sentence" of scraped text longer than
# that would fail its whole batch, and every later refresh with it. Its stems are cut here.
MAX_TERMS_BYTES = 256_000

_SQL = [
    """CREATE TABLE passages (
           id BIGINT PRIMARY KEY, article_id INTEGER NOT NULL, sentence TEXT NOT NULL,
           terms TEXT NOT NULL, size INTEGER NOT NULL,
           tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED)""",
    "CREATE INDEX passages_tsv ON passages USING GIN (tsv)",
    "CREATE TABLE passage_queue (article_id INTEGER PRIMARY KEY)",
    f"""CREATE FUNCTION passages_follow_articles() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                DELETE FROM passages
                 WHERE id BETWEEN OLD.id::bigint * {SLOTS} AND OLD.id::bigint * {SLOTS} + {SLOTS - 1};
            END IF;
            IF TG_OP = 'DELETE' THEN
                DELETE FROM passage_queue WHERE article_id = OLD.id;
                RETURN OLD;
            END IF;
            INSERT INTO passage_queue (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            RETURN NEW;
        END $$""",
    """CREATE TRIGGER articles_passages_insert AFTER INSERT ON articles
           FOR EACH ROW EXECUTE FUNCTION passages_follow_articles()""",
    """CREATE TRIGGER articles_passages_update AFTER UPDATE OF title, text ON articles
           FOR EACH ROW EXECUTE FUNCTION passages_follow_articles()""",
    """CREATE TRIGGER articles_passages_delete AFTER DELETE ON articles
           FOR EACH ROW EXECUTE FUNCTION passages_follow_articles()""",
    # Articles stored before this migration are indexed on the first refresh.
    "INSERT INTO passage_queue (article_id) SELECT id FROM articles",
]


def create_postgres_passage_index(conn: Connection) -> None:
    """Engine migration 5 (PostgreSQL only; SQLite has its FTS5 index from migration 3)."""
    if conn.dialect.name != "postgresql":
        return
    for statement in _SQL:
        conn.exec_driver_sql(statement)


def tsquery_text(groups: Sequence[frozenset[str]]) -> str | None:
    """OR over every stem, each a quoted tsquery lexeme ('' and backslashes escaped), so no
    user text is read as an operator."""
    quoted = sorted({"'" + t.replace("\\", "\\\\").replace("'", "''") + "'"
                     for g in groups for t in g if t.strip()})
    return " | ".join(quoted) if quoted else None


def _idf(df: int, size: int) -> float:
    """FTS5's IDF: log((N - n + 0.5) / (n + 0.5)), floored at 1e-6 for very common terms."""
    value = math.log((size - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def _capped(stems: str) -> str:
    """The stems, cut at a word to fit a tsvector (only run-on scraped text is that long)."""
    raw = stems.encode("utf-8")
    if len(raw) <= MAX_TERMS_BYTES:
        return stems
    return raw[:MAX_TERMS_BYTES].decode("utf-8", errors="ignore").rsplit(" ", 1)[0]


_SEARCH = sa.text(f"""
    WITH q AS (SELECT * FROM unnest(CAST(:terms AS text[]), CAST(:idfs AS float8[])) AS q(term, idf)),
         hit AS (SELECT id, tsv, size FROM passages
                  WHERE tsv @@ to_tsquery('simple', :match) AND id >= :first)
    SELECT hit.id, coalesce(sum(q.idf * cardinality(u.positions) * {K1 + 1}
                       / (cardinality(u.positions) + {K1} * ({1 - B} + {B} * hit.size / :avgdl))), 0) AS s
      FROM hit CROSS JOIN LATERAL unnest(hit.tsv) AS u
      LEFT JOIN q ON q.term = u.lexeme
     GROUP BY hit.id ORDER BY s DESC, hit.id DESC LIMIT :limit""")

# Claimed rows leave the queue at once (the indexing commits with them): an article changed
# while it is being indexed then waits on this transaction to queue itself again, instead of
# finding its old queue row and being left with the old text's passages.
_CLAIM = """DELETE FROM passage_queue WHERE article_id IN (
                SELECT article_id FROM passage_queue ORDER BY article_id LIMIT %s
                   FOR UPDATE SKIP LOCKED)
            RETURNING article_id"""


class PostgresPassageIndex:
    """GIN-indexed tsvectors of stems, BM25 as FTS5 computes it; same interface as SQLite's."""

    BATCH = 500
    POSTINGS = 12_000  # as on SQLite: the postings one question may score

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._stats: tuple[int, float] | None = None  # passages, average stems per passage

    def refresh(self) -> int:
        """Index queued articles; returns how many. Workers draining at once skip each other's
        claimed rows, so each article is split once."""
        done = 0
        while True:
            with self.engine.begin() as conn:
                ids = [r[0] for r in conn.exec_driver_sql(_CLAIM, (self.BATCH,))]
                if not ids:
                    return done
                self._index(conn, ids)
            done += len(ids)
            self._stats = None

    def _index(self, conn: Connection, ids: list[int]) -> None:
        found = conn.execute(sa.text("SELECT id, title, text FROM articles WHERE id = ANY(:ids)"),
                             {"ids": ids}).all()
        out: list[dict[str, object]] = []
        for article_id, title, text in found:
            conn.execute(sa.text("DELETE FROM passages WHERE id BETWEEN :lo AND :hi"),
                         {"lo": article_id * SLOTS, "hi": article_id * SLOTS + SLOTS - 1})
            for row in passage_rows(article_id, title or "", text or ""):
                stems = _capped(str(row["terms"]))
                out.append({**row, "terms": stems, "size": len(stems.split())})
        if out:
            conn.execute(sa.text(
                "INSERT INTO passages (id, article_id, sentence, terms, size)"
                " VALUES (:id, :article_id, :sentence, :terms, :size)"), out)

    def search(
        self, groups: Sequence[frozenset[str]], limit: int, df: dict[str, int] | None = None,
        first_article: int = 0,
    ) -> list[IndexHit]:
        """Top passages by BM25 over any of the groups; rare terms first within the postings
        budget, as on SQLite (see SQLitePassageIndex.search)."""
        if df is None:
            df, _ = self.document_frequency({t for g in groups for t in g})
        chosen = _within_budget(groups, df, self.POSTINGS)
        match = tsquery_text(chosen)
        if match is None:
            return []
        size, avgdl = self._statistics()
        stems = sorted({t for g in chosen for t in g})
        params = {"terms": stems, "idfs": [_idf(df.get(t, 0), size) for t in stems],
                  "match": match, "first": first_article * SLOTS, "avgdl": avgdl, "limit": limit}
        with self.engine.connect() as conn:
            rows = conn.execute(_SEARCH, params).all()
        return [IndexHit(int(r[0]), float(r[1])) for r in rows]

    def rows(self, passage_ids: Iterable[int]) -> dict[int, PassageRow]:
        ids = sorted(set(passage_ids))
        if not ids:
            return {}
        with self.engine.connect() as conn:
            found = conn.execute(sa.text(
                "SELECT id, sentence, terms FROM passages WHERE id = ANY(:ids)"), {"ids": ids})
            return {int(r[0]): PassageRow(int(r[0]), r[1], r[2]) for r in found}

    def article_passages(self, article_ids: Iterable[int]) -> list[int]:
        ids = sorted(set(article_ids))
        if not ids:
            return []
        with self.engine.connect() as conn:
            return [int(r[0]) for r in conn.execute(sa.text(
                "SELECT id FROM passages WHERE article_id = ANY(:ids) ORDER BY id"), {"ids": ids})]

    def article_has(self, article_id: int, group: frozenset[str]) -> bool:
        match = tsquery_text([group])
        if match is None:
            return False
        with self.engine.connect() as conn:
            return conn.execute(sa.text(
                "SELECT 1 FROM passages WHERE id BETWEEN :lo AND :hi"
                " AND tsv @@ to_tsquery('simple', :match) LIMIT 1"),
                {"lo": article_id * SLOTS, "hi": article_id * SLOTS + SLOTS - 1, "match": match},
            ).first() is not None

    def document_frequency(self, stems: Iterable[str]) -> tuple[dict[str, int], int]:
        """How many sentences hold each stem (counted on the GIN index), and how many there are."""
        wanted = sorted({t for t in stems if tsquery_text([frozenset({t})])})
        found: dict[str, int] = {}
        if wanted:
            with self.engine.connect() as conn:
                found = {t: int(n) for t, n in conn.execute(sa.text(
                    "SELECT t, (SELECT count(*) FROM passages"
                    "           WHERE tsv @@ to_tsquery('simple', CAST(m AS text)))"
                    "  FROM unnest(CAST(:terms AS text[]), CAST(:matches AS text[])) AS w(t, m)"),
                    {"terms": wanted, "matches": [tsquery_text([frozenset({t})]) for t in wanted]},
                ) if n}
        size, _ = self._statistics()
        return found, size

    def _statistics(self) -> tuple[int, float]:
        """Passages and their average length in stems (BM25's N and avgdl), cached until the
        next refresh, as SQLite's index caches its size."""
        if self._stats is None:
            with self.engine.connect() as conn:
                count, average = conn.exec_driver_sql(
                    "SELECT count(*), coalesce(avg(size), 1) FROM passages").one()
            self._stats = (max(int(count), 1), max(float(average), 1.0))
        return self._stats


__all__ = ["PostgresPassageIndex", "create_postgres_passage_index", "tsquery_text"]
