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

from briefs.answer.index import (
    SLOTS,
    IndexHit,
    PassageRow,
    _within_budget,
    newest_within,
    passage_rows,
    postings,
)
from briefs.answer.terms import terms

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
    """Revision engine_0005 (PostgreSQL only; SQLite has its FTS5 index from engine_0003)."""
    if conn.dialect.name != "postgresql":
        return
    for statement in _SQL:
        conn.exec_driver_sql(statement)


# Revision engine_0006: BM25's statistics kept in tables, so a question reads them instead of
# counting postings. Every change to `passages` (the refresh's inserts and deletes, and the
# deletes of the articles trigger) appends its per-lexeme and total changes to two logs from
# statement triggers: appending takes no row lock, so writers and refresh workers never wait
# on each other or deadlock over a common stem. `refresh` folds the logs into `passage_df`
# and `passage_totals` (one folder at a time, under an advisory lock); readers add whatever
# is still in the logs, so they always see counts that agree with the passages they can see.
_STATS_SQL = [
    "CREATE TABLE passage_df (term TEXT PRIMARY KEY, df BIGINT NOT NULL)",
    """CREATE TABLE passage_totals (
           one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
           passages BIGINT NOT NULL, size BIGINT NOT NULL)""",
    "CREATE TABLE passage_df_changes (term TEXT NOT NULL, change INTEGER NOT NULL)",
    "CREATE INDEX passage_df_changes_term ON passage_df_changes (term)",
    "CREATE TABLE passage_totals_changes (passages INTEGER NOT NULL, size BIGINT NOT NULL)",
    """CREATE FUNCTION passages_log_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                INSERT INTO passage_df_changes (term, change)
                     SELECT lexeme, -count(*) FROM removed, unnest(tsvector_to_array(removed.tsv)) AS lexeme
                      GROUP BY lexeme;
                INSERT INTO passage_totals_changes (passages, size)
                     SELECT -count(*), -sum(size) FROM removed HAVING count(*) > 0;
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN
                INSERT INTO passage_df_changes (term, change)
                     SELECT lexeme, count(*) FROM added, unnest(tsvector_to_array(added.tsv)) AS lexeme
                      GROUP BY lexeme;
                INSERT INTO passage_totals_changes (passages, size)
                     SELECT count(*), sum(size) FROM added HAVING count(*) > 0;
            END IF;
            RETURN NULL;
        END $$""",
    # Creating the triggers locks out writers of `passages` until this migration commits, so
    # the counts below and the triggers' changes after it add up to the passages exactly.
    """CREATE TRIGGER passages_statistics_insert AFTER INSERT ON passages
           REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION passages_log_statistics()""",
    """CREATE TRIGGER passages_statistics_update AFTER UPDATE ON passages
           REFERENCING OLD TABLE AS removed NEW TABLE AS added
           FOR EACH STATEMENT EXECUTE FUNCTION passages_log_statistics()""",
    """CREATE TRIGGER passages_statistics_delete AFTER DELETE ON passages
           REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION passages_log_statistics()""",
]
# Passages indexed before the migration are counted by it (into empty tables).
PASSAGE_STATISTICS_COUNT = [
    """INSERT INTO passage_df (term, df)
            SELECT lexeme, count(*) FROM passages, unnest(tsvector_to_array(tsv)) AS lexeme
             GROUP BY lexeme""",
    "INSERT INTO passage_totals (passages, size) SELECT count(*), coalesce(sum(size), 0) FROM passages",
]


def create_postgres_passage_statistics(conn: Connection) -> None:
    """Revision engine_0006 (PostgreSQL only): document frequencies and totals kept in tables."""
    if conn.dialect.name != "postgresql":
        return
    for statement in _STATS_SQL + PASSAGE_STATISTICS_COUNT:
        conn.exec_driver_sql(statement)


# Any fixed 64-bit number: the advisory lock of the one refresh folding the logs at a time.
FOLD_LOCK_KEY = 0x62726966_64667364  # "brifdfsd"

_FOLD = [
    """WITH moved AS (DELETE FROM passage_df_changes RETURNING term, change),
            summed AS (SELECT term, sum(change) AS change FROM moved GROUP BY term)
       INSERT INTO passage_df (term, df)
            SELECT term, change FROM summed WHERE change <> 0 ORDER BY term
       ON CONFLICT (term) DO UPDATE SET df = passage_df.df + EXCLUDED.df""",
    """WITH moved AS (DELETE FROM passage_totals_changes RETURNING passages, size)
       UPDATE passage_totals SET passages = passage_totals.passages + s.passages,
                                 size = passage_totals.size + s.size
         FROM (SELECT coalesce(sum(passages), 0) AS passages, coalesce(sum(size), 0) AS size
                 FROM moved) AS s""",
]

# A stem the 'simple' parser keeps whole is one lexeme: its df is read from the table (plus the
# changes not folded yet). Any other ("o'neil" is the phrase o <-> neil) is counted on the GIN
# index as before: rare, and the same number either way.
_DOCUMENT_FREQUENCY = sa.text("""
    SELECT w.t, CASE WHEN tsvector_to_array(to_tsvector('simple', w.t)) = ARRAY[w.t]
                     THEN coalesce((SELECT df FROM passage_df WHERE term = w.t), 0)
                          + coalesce((SELECT sum(change) FROM passage_df_changes WHERE term = w.t), 0)
                     ELSE (SELECT count(*) FROM passages
                            WHERE tsv @@ to_tsquery('simple', CAST(w.m AS text))) END
      FROM unnest(CAST(:terms AS text[]), CAST(:matches AS text[])) AS w(t, m)""")

_TOTALS = """SELECT t.passages + coalesce((SELECT sum(passages) FROM passage_totals_changes), 0),
                    t.size + coalesce((SELECT sum(size) FROM passage_totals_changes), 0)
               FROM passage_totals AS t"""


def tsquery_text(groups: Sequence[frozenset[str]]) -> str | None:
    """OR over every stem, each a quoted tsquery lexeme ('' and backslashes escaped), so no
    user text is read as an operator."""
    quoted = sorted({_quoted(t) for g in groups for t in g if t.strip()})
    return " | ".join(quoted) if quoted else None


def _quoted(stem: str) -> str:
    return "'" + stem.replace("\\", "\\\\").replace("'", "''") + "'"


def name_tsquery(name: str) -> str | None:
    """A name as a phrase of its index stems ("Jean-Luc" -> 'jean' <-> 'luc'), quoted as in
    tsquery_text; None when it has no stems."""
    stems = [t for t in terms(name) if t.strip()]
    return " <-> ".join(_quoted(t) for t in stems) if stems else None


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


# BM25 over the query's stems only: setweight marks them in each candidate's tsvector and
# ts_filter keeps just them (both in C), so the few left are unnested and joined to their IDF,
# instead of every lexeme of every candidate. A stem's tf is the count of its positions.
_SEARCH = sa.text(f"""
    WITH hit AS (SELECT id, size, ts_filter(setweight(tsv, 'A', CAST(:terms AS text[])), '{{a}}') AS v
                   FROM passages WHERE tsv @@ to_tsquery('simple', :match) AND id >= :first)
    SELECT hit.id, coalesce(sum(q.idf * cardinality(u.positions) * {K1 + 1}
                       / (cardinality(u.positions) + {K1} * ({1 - B} + {B} * hit.size / :avgdl))), 0) AS s
      FROM hit LEFT JOIN LATERAL unnest(hit.v) AS u ON true
      LEFT JOIN unnest(CAST(:terms AS text[]), CAST(:idfs AS float8[])) AS q(term, idf) ON q.term = u.lexeme
     GROUP BY hit.id ORDER BY s DESC, hit.id DESC LIMIT :limit""")

# Claimed rows leave the queue at once (the indexing commits with them): an article changed
# while it is being indexed then waits on this transaction to queue itself again, instead of
# finding its old queue row and being left with the old text's passages.
_CLAIM = """DELETE FROM passage_queue WHERE article_id IN (
                SELECT article_id FROM passage_queue ORDER BY article_id LIMIT %s
                   FOR UPDATE SKIP LOCKED)
            RETURNING article_id"""


_DELETE_ARTICLES = sa.text(f"""
    DELETE FROM passages AS p USING unnest(CAST(:ids AS bigint[])) AS a(id)
     WHERE p.id BETWEEN a.id * {SLOTS} AND a.id * {SLOTS} + {SLOTS - 1}""")

# By id range (the primary key), as the deletes: article_id has no index of its own.
_ARTICLE_PASSAGES = sa.text(f"""
    SELECT p.id FROM passages AS p JOIN unnest(CAST(:ids AS bigint[])) AS a(id)
        ON p.id BETWEEN a.id * {SLOTS} AND a.id * {SLOTS} + {SLOTS - 1}
     ORDER BY p.id""")


class PostgresPassageIndex:
    """GIN-indexed tsvectors of stems, BM25 as FTS5 computes it; same interface as SQLite's."""

    BATCH = 500
    POSTINGS = 12_000  # as on SQLite: the postings one question may score

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    def refresh(self) -> int:
        """Index queued articles; returns how many. Workers draining at once skip each other's
        claimed rows, so each article is split once. The statistics' logs are folded after."""
        done = 0
        while True:
            with self.engine.begin() as conn:
                ids = [r[0] for r in conn.exec_driver_sql(_CLAIM, (self.BATCH,))]
                if ids:
                    self._index(conn, ids)
            if not ids:
                break
            done += len(ids)
        self.fold()
        return done

    def fold(self) -> bool:
        """Move the logged changes into the statistics tables; False when another worker is
        folding them now (its fold takes these too, or the next one does: readers add the
        logs meanwhile)."""
        with self.engine.begin() as conn:
            if conn.exec_driver_sql("SELECT NOT EXISTS (SELECT 1 FROM passage_totals_changes)"
                                    " AND NOT EXISTS (SELECT 1 FROM passage_df_changes)").scalar():
                return True
            if not conn.exec_driver_sql("SELECT pg_try_advisory_xact_lock(%s)",
                                        (FOLD_LOCK_KEY,)).scalar():
                return False
            for statement in _FOLD:
                conn.exec_driver_sql(statement)
        return True

    def _index(self, conn: Connection, ids: list[int]) -> None:
        found = conn.execute(sa.text("SELECT id, title, text FROM articles WHERE id = ANY(:ids)"),
                             {"ids": ids}).all()
        out: list[dict[str, object]] = []
        # One statement for the batch: each statement on passages logs its statistics once.
        conn.execute(_DELETE_ARTICLES, {"ids": [r[0] for r in found]})
        for article_id, title, text in found:
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
        budget, and only the newest passages when the first group is over it, as on SQLite
        (see SQLitePassageIndex.search)."""
        if df is None:
            df, _ = self.document_frequency({t for g in groups for t in g})
        chosen = _within_budget(groups, df, self.POSTINGS)
        match = tsquery_text(chosen)
        if match is None:
            return []
        size, avgdl = self._statistics()
        stems = sorted({t for g in chosen for t in g})
        with self.engine.connect() as conn:
            low, high = conn.exec_driver_sql("SELECT min(id), max(id) FROM passages").one()
            first = newest_within(postings(chosen, df), self.POSTINGS, first_article * SLOTS,
                                  low or 0, high or 0)
            params = {"terms": stems, "idfs": [_idf(df.get(t, 0), size) for t in stems],
                      "match": match, "first": first, "avgdl": avgdl, "limit": limit}
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
            return [int(r[0]) for r in conn.execute(_ARTICLE_PASSAGES, {"ids": ids})]

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
        """How many sentences hold each stem, and how many there are (read from the statistics
        tables, see _STATS_SQL)."""
        wanted = sorted({t for t in stems if tsquery_text([frozenset({t})])})
        with self.engine.connect() as conn:
            found = {t: int(n) for t, n in conn.execute(_DOCUMENT_FREQUENCY, {
                "terms": wanted, "matches": [tsquery_text([frozenset({t})]) for t in wanted]},
            ) if n} if wanted else {}
            size, _ = self._statistics(conn)
        return found, size

    def _statistics(self, conn: Connection | None = None) -> tuple[int, float]:
        """Passages and their average length in stems (BM25's N and avgdl)."""
        if conn is None:
            with self.engine.connect() as own:
                return self._statistics(own)
        count, total = conn.exec_driver_sql(_TOTALS).one()
        count = max(int(count), 0)
        return max(count, 1), max(int(total) / count if count else 1.0, 1.0)


__all__ = [
    "PASSAGE_STATISTICS_COUNT", "PostgresPassageIndex", "create_postgres_passage_index",
    "create_postgres_passage_statistics", "name_tsquery", "tsquery_text",
]
