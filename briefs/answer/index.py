"""The passage index: every sentence of every article, ranked by BM25 with OR semantics.

Questions are worded differently from the articles that answer them, so retrieval must not
require all of a question's words: each sentence is a document, scored by BM25 over the
question's terms (any of them), with real IDF over all sentences. The index stores
Snowball stems (see terms.py) rather than raw text, so the question and the text are
stemmed by the same library. The neighbouring sentences (what "he" or "the court" refers
to) and the article's title are weighed by the retriever on the few candidates.

On SQLite this is an FTS5 table over a `passages` table (revision engine_0003). Articles are
queued by a trigger when inserted or changed and indexed in Python on the next search
(`refresh`), so no store code has to know about passages. PostgreSQL has the same interface
from its own full-text search (index_pg.py, revision engine_0005); see `open_passage_index`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from briefs.answer.passages import sentences_of
from briefs.answer.terms import stem, terms

log = logging.getLogger(__name__)

SLOTS = 4096  # passage id = article id * SLOTS + position: an article's passages are a range
_PARAGRAPHS = re.compile(r"\n\s*\n")


class _PassageKey:
    """A passage id holds its article and its position there: article_id * SLOTS + position."""

    passage_id: int

    @property
    def article_id(self) -> int:
        return self.passage_id // SLOTS

    @property
    def position(self) -> int:
        return self.passage_id % SLOTS


@dataclass(frozen=True)
class IndexHit(_PassageKey):
    passage_id: int
    score: float  # higher is better


@dataclass(frozen=True)
class PassageRow(_PassageKey):
    """A stored passage: its sentence and the stems of its three columns."""

    passage_id: int
    sentence: str
    terms: str
    near: str = ""  # stems of the neighbouring sentences (filled by the retriever)
    heading: str = ""  # stems of the article's title (filled by the retriever)
    before: str = ""  # the sentences either side (filled by the retriever)
    after: str = ""


class PassageIndex(Protocol):
    """What the retriever needs from an index (a PostgreSQL one implements the same)."""

    def refresh(self) -> int: ...

    def search(
        self, groups: Sequence[frozenset[str]], limit: int, df: dict[str, int] | None = None,
        first_article: int = 0,
    ) -> list[IndexHit]: ...

    def rows(self, passage_ids: Iterable[int]) -> dict[int, PassageRow]: ...

    def article_passages(self, article_ids: Iterable[int]) -> list[int]: ...

    def article_has(self, article_id: int, group: frozenset[str]) -> bool: ...

    def document_frequency(self, stems: Iterable[str]) -> tuple[dict[str, int], int]: ...


def split_article(title: str, text: str) -> list[str]:
    """The sentences of an article, in order (at most SLOTS of them)."""
    out: list[str] = []
    for paragraph in _PARAGRAPHS.split(text):
        if paragraph.strip():
            out += sentences_of(" ".join(paragraph.split()))
    return out[:SLOTS]


_DEFINED = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on|de)\s+)*){1,7}[A-Z][\w'’-]*)"
    r"\s+\(([A-Z][A-Za-z&]{1,7})\)"
)


def acronyms(text: str) -> dict[str, str]:
    """Acronyms an article defines, with their expansions: "International Criminal Court
    (ICC)" -> {"ICC": "International Criminal Court"}. The capitals of the expansion must
    spell the acronym, so "(Reuters)" or "(pictured)" are not taken."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        words = m.group(1).split()
        letters = m.group(2).replace("&", "").upper()
        capitals = [w for w in words if w[0].isupper()]
        for start in range(len(capitals)):
            if "".join(w[0] for w in capitals[start:]) == letters:
                first = words.index(capitals[start])
                out[m.group(2)] = " ".join(words[first:])
                break
    return out


def passage_rows(article_id: int, title: str, text: str) -> list[dict[str, object]]:
    """The rows an article adds to the index: each sentence with its stems.

    An acronym the article defines and its expansion name one thing: a sentence that uses
    either (or the expansion's last word, "the tribunal") is indexed with both, so "the CFT"
    finds "all harbours that answer to the tribunal"."""
    sentences = split_article(title, text)
    defined = [(a, e, terms(f"{a} {e}")) for a, e in acronyms(text).items()]
    rows = []
    for i, sentence in enumerate(sentences):
        stemmed = terms(sentence)
        present = set(stemmed)
        for acronym, expansion, alias in defined:
            if stem(acronym) in present or stem(expansion.split()[-1]) in present:
                stemmed += [t for t in alias if t not in present]
        rows.append({"id": article_id * SLOTS + i, "article_id": article_id,
                     "sentence": sentence, "terms": " ".join(stemmed)})
    return rows


_SQL = [
    """CREATE TABLE passages (
           id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, sentence TEXT NOT NULL,
           terms TEXT NOT NULL)""",
    # Stems only. Positions are kept (detail=full): bm25() runs ~3.5x slower without them.
    """CREATE VIRTUAL TABLE passage_fts USING fts5(
           terms, content='passages', content_rowid='id',
           tokenize='unicode61 remove_diacritics 0')""",
    "CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_fts, 'row')",
    "CREATE TABLE passage_queue (article_id INTEGER PRIMARY KEY)",
    """CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
           INSERT INTO passage_fts(rowid, terms) VALUES (new.id, new.terms);
       END""",
    """CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
           INSERT INTO passage_fts(passage_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
       END""",
    """CREATE TRIGGER articles_passages_insert AFTER INSERT ON articles BEGIN
           INSERT OR IGNORE INTO passage_queue(article_id) VALUES (new.id);
       END""",
    f"""CREATE TRIGGER articles_passages_update AFTER UPDATE OF title, text ON articles BEGIN
           DELETE FROM passages WHERE id BETWEEN old.id * {SLOTS} AND old.id * {SLOTS} + {SLOTS - 1};
           INSERT OR IGNORE INTO passage_queue(article_id) VALUES (new.id);
       END""",
    f"""CREATE TRIGGER articles_passages_delete AFTER DELETE ON articles BEGIN
           DELETE FROM passages WHERE id BETWEEN old.id * {SLOTS} AND old.id * {SLOTS} + {SLOTS - 1};
           DELETE FROM passage_queue WHERE article_id = old.id;
       END""",
    # Articles stored before this migration are indexed on the first search.
    "INSERT INTO passage_queue(article_id) SELECT id FROM articles",
]


def create_passage_index(conn: Connection) -> None:
    """Revision engine_0003 (SQLite only; PostgreSQL gets its own in engine_0005)."""
    if conn.dialect.name != "sqlite":
        return
    for statement in _SQL:
        conn.exec_driver_sql(statement)


_REFRESH_LOCK = threading.Lock()


class SQLitePassageIndex:
    """FTS5 bm25() over the passages table; the queue of new articles is drained first."""

    BATCH = 500
    POSTINGS = 12_000  # postings bm25() may score per question (see search)

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._size: int | None = None
        # Document frequencies read so far, each with the newest passage it counted (see
        # document_frequency), and the newest passage the count of passages counted.
        self._df: dict[str, tuple[int, int]] = {}
        self._newest = -1

    def refresh(self) -> int:
        """Index queued articles; returns how many. Cheap when the queue is empty."""
        done = 0
        with _REFRESH_LOCK:
            while True:
                with self.engine.begin() as conn:
                    ids = [r[0] for r in conn.exec_driver_sql(
                        f"SELECT article_id FROM passage_queue LIMIT {self.BATCH}")]
                    if not ids:
                        return done
                    self._index(conn, ids)
                done += len(ids)

    def _index(self, conn: Connection, ids: list[int]) -> None:
        marks = ",".join("?" * len(ids))
        rows = conn.exec_driver_sql(
            f"SELECT id, title, text FROM articles WHERE id IN ({marks})", tuple(ids)).all()
        out: list[dict[str, object]] = []
        for article_id, title, text in rows:
            conn.exec_driver_sql(
                "DELETE FROM passages WHERE id BETWEEN ? AND ?",
                (article_id * SLOTS, article_id * SLOTS + SLOTS - 1),
            )
            out += passage_rows(article_id, title or "", text or "")
        if out:
            conn.execute(sa.text(
                "INSERT INTO passages (id, article_id, sentence, terms)"
                " VALUES (:id, :article_id, :sentence, :terms)"), out)
        conn.exec_driver_sql(f"DELETE FROM passage_queue WHERE article_id IN ({marks})", tuple(ids))

    def search(
        self, groups: Sequence[frozenset[str]], limit: int, df: dict[str, int] | None = None,
        first_article: int = 0,
    ) -> list[IndexHit]:
        """Top passages by BM25 over any of the groups (each group: a term and its paraphrases).

        bm25() scores every passage holding any term, so its cost is the sum of the terms'
        postings. Terms are taken rarest first until POSTINGS are reached: a word in every
        tenth sentence ("said", "people") then only re-ranks the candidates the rarer words
        found, which is where it could matter anyway. When even the first group's postings
        from `first_article` on are over the budget ("What did the police say?"), only the
        newest passages are searched (see newest_within).
        """
        if df is None:
            df, _ = self.document_frequency({t for g in groups for t in g})
        chosen = _within_budget(groups, df, self.POSTINGS)
        match = fts5_match(chosen)
        if match is None:
            return []
        # Articles before `first_article` are outside the time window (ids grow with collection
        # time), and among equal scores (copies of one wire story) the newest come first.
        sql = (
            "SELECT rowid, bm25(passage_fts) AS s FROM passage_fts"
            " WHERE passage_fts MATCH ? AND rowid >= ? ORDER BY s, rowid DESC LIMIT ?"
        )
        with self.engine.connect() as conn:
            low, high = conn.exec_driver_sql(
                "SELECT (SELECT min(id) FROM passages), (SELECT max(id) FROM passages)").one()
            floor = newest_within(postings(chosen, df), self.POSTINGS, first_article * SLOTS,
                                  low or 0, high or 0)
            rows = conn.exec_driver_sql(sql, (match, floor, limit)).all()
        return [IndexHit(int(r[0]), -float(r[1])) for r in rows]

    def rows(self, passage_ids: Iterable[int]) -> dict[int, PassageRow]:
        """Stored passages by id (with their stemmed columns, for scoring)."""
        ids = sorted(set(passage_ids))
        out: dict[int, PassageRow] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for r in conn.exec_driver_sql(
                    "SELECT id, sentence, terms FROM passages"
                    f" WHERE id IN ({marks})", tuple(chunk)):
                    out[int(r[0])] = PassageRow(int(r[0]), r[1], r[2])
        return out

    def article_passages(self, article_ids: Iterable[int]) -> list[int]:
        """Every passage id of these articles (a follow-up reads its stories whole)."""
        out: list[int] = []
        with self.engine.connect() as conn:
            for a in set(article_ids):
                out += [int(r[0]) for r in conn.exec_driver_sql(
                    "SELECT id FROM passages WHERE id BETWEEN ? AND ?",
                    (a * SLOTS, a * SLOTS + SLOTS - 1))]
        return out

    def article_has(self, article_id: int, group: frozenset[str]) -> bool:
        """Does any passage of the article hold one of these stems (its name, say)?"""
        match = fts5_match([group])
        if match is None:
            return False
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT 1 FROM passage_fts WHERE passage_fts MATCH ? AND rowid BETWEEN ? AND ?"
                " LIMIT 1", (match, article_id * SLOTS, article_id * SLOTS + SLOTS - 1),
            ).first() is not None

    def document_frequency(self, stems: Iterable[str]) -> tuple[dict[str, int], int]:
        """How many sentences hold each stem, and how many sentences there are.

        fts5vocab counts a stem's postings on every read (tens of ms for a common stem in a
        large store) and count(*) reads every passage, so both are kept; when newer passages
        have been indexed since, only those are counted and added (FTS5 seeks past the older
        postings). When the newest passages went away, all is counted again; an article edited
        in place shifts a few counts unseen, which IDF hardly feels."""
        wanted = set(stems)
        with self.engine.connect() as conn:
            newest = int(conn.exec_driver_sql("SELECT max(id) FROM passages").scalar() or 0)
            if newest < self._newest or len(self._df) > 100_000:
                self._df.clear()
                self._size = None
            elif newest > self._newest and self._size is not None:
                self._size += int(conn.exec_driver_sql(
                    "SELECT count(*) FROM passages WHERE id > ?", (self._newest,)).scalar() or 0)
            self._newest = newest
            missing = sorted(wanted - self._df.keys())
            if missing:
                marks = ",".join("?" * len(missing))
                found = dict(conn.exec_driver_sql(
                    f"SELECT term, doc FROM passage_vocab WHERE term IN ({marks})", tuple(missing)).all())
                self._df.update({t: (int(found.get(t, 0)), newest) for t in missing})
            for t in wanted:
                count, as_of = self._df[t]
                if as_of < newest and (match := fts5_match([frozenset({t})])):
                    count += int(conn.exec_driver_sql(
                        "SELECT count(*) FROM passage_fts WHERE passage_fts MATCH ? AND rowid > ?",
                        (match, as_of)).scalar() or 0)
                    self._df[t] = (count, newest)
            if self._size is None:
                self._size = _indexed_rows(conn)
        return {t: self._df[t][0] for t in wanted if self._df[t][0]}, max(self._size, 1)


def _indexed_rows(conn: Connection) -> int:
    """How many passages the FTS5 index holds, from its averages record (the row count FTS5
    keeps for bm25(), record id 1 of passage_fts_data: a varint): a count(*) of the passages
    reads them all, seconds at a million articles. count(*) when the record cannot be read."""
    try:
        block = conn.exec_driver_sql("SELECT block FROM passage_fts_data WHERE id = 1").scalar()
        if block:
            return _varint(bytes(block))
    except (IndexError, TypeError, sa.exc.DBAPIError):
        pass
    return int(conn.exec_driver_sql("SELECT count(*) FROM passages").scalar() or 0)


def _varint(data: bytes) -> int:
    """SQLite's variable-length integer at the start of `data` (big-endian, 7 bits a byte,
    the ninth byte whole)."""
    value = 0
    for i in range(8):
        byte = data[i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return (value << 8) | data[8]


def _within_budget(
    groups: Sequence[frozenset[str]], df: dict[str, int], budget: int
) -> list[frozenset[str]]:
    """Whole groups, in the caller's order (rarest question word first), while their postings
    fit the budget; the first group always. A stem already taken costs nothing again."""
    chosen: list[frozenset[str]] = []
    taken: set[str] = set()
    spent = 0
    for group in groups:
        present = frozenset(t for t in group if df.get(t, 0) > 0)
        cost = sum(df[t] for t in present - taken)
        if not present or (chosen and spent + cost > budget):
            continue
        chosen.append(present)
        taken |= present
        spent += cost
    return chosen


def postings(groups: Sequence[frozenset[str]], df: dict[str, int]) -> int:
    """How many postings a search over these groups reads (each stem once)."""
    return sum(df.get(t, 0) for t in {t for g in groups for t in g})


def newest_within(total: int, budget: int, start: int, low: int, high: int) -> int:
    """The passage id to search from: `start` (the window's first passage), or later when the
    postings from there on are over the budget. Postings are taken as spread evenly over the
    ids low..high (articles arrive at a steady pace), so the newest `budget` of them lie above
    high - budget / total * (high - low)."""
    start = max(start, low)
    if total <= budget or high <= start:
        return start
    return max(start, high - int(budget / total * (high - low)))


def fts5_match(groups: Sequence[frozenset[str]]) -> str | None:
    """OR over every term: stems are quoted strings, so user text is never FTS5 syntax."""
    quoted = sorted({'"' + t.replace('"', '""') + '"' for g in groups for t in g if t.strip()})
    return " OR ".join(quoted) if quoted else None


def open_passage_index(engine: sa.Engine) -> PassageIndex | None:
    """The database's own passage index: FTS5 on SQLite, full-text search on PostgreSQL
    (index_pg.py); None elsewhere (the retriever then scans the newest articles)."""
    if engine.dialect.name == "sqlite":
        return SQLitePassageIndex(engine)
    if engine.dialect.name == "postgresql":
        from briefs.answer.index_pg import PostgresPassageIndex

        return PostgresPassageIndex(engine)
    return None


__all__ = [
    "IndexHit", "PassageIndex", "PassageRow", "SQLitePassageIndex", "create_passage_index", "fts5_match",
    "newest_within", "open_passage_index", "passage_rows", "postings", "split_article", "SLOTS",
]
