"""Quote attribution on Canadian news annotated by others: the Gender Gap Tracker's evaluation set.

Run from the project root: ``.venv/bin/python bench/quotes_ggt.py [--repo GIT_DIR] [--no-write]``
(``GIT_DIR`` also from ``GGT_REPO``; without a clone the benchmark is skipped).

The Gender Gap Tracker (sfu-discourse-lab/GenderGapTracker, Simon Fraser University) published,
with its quote extractor, the articles its annotators read and their annotations: 98 articles
from seven Canadian outlets (CBC, CTV, Global, HuffPost Canada, National Post, The Globe and
Mail, The Star; 2018-2019), every quotation with its speaker and the person it refers to. They
sit in commit fe82ba2 of that repository (``NLP/evaluation/src/rawtext.zip`` and
``NLP/evaluation/src/eval/AnnotationTable_byArticle_withReplacementArticles.xlsx``). The data is
read in place from a clone (``--repo``, a git directory) and never copied into this project.

Outlets, years and annotators all differ from PolNeAR's, so the set shows how the attribution
generalises. It is split like the corpus's sets: articles sorted by outlet and id, the even ones
to develop on, the odd ones only to measure on (seven of each outlet in each part).

Scoring is bench/summaries.py's: quotations with quotation marks, a speaker right when it
shares a capitalised word with the annotated person (the annotation's resolved ``reference``,
else its ``speaker``), in the same run as the nearest-name baseline and the code before issue 11.
The results replace the ``quotes_ggt`` section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section  # noqa: E402
from bench.summaries import quote_bench, quote_rows  # noqa: E402

COMMIT = "fe82ba213b6acfac66c83181ba45ecb088a3c908"
TEXTS = "NLP/evaluation/src/rawtext.zip"
TABLE = "NLP/evaluation/src/eval/AnnotationTable_byArticle_withReplacementArticles.xlsx"
DEFAULT_REPO = Path(os.environ.get("GGT_REPO", "/work/.mirror/sfu-discourse-lab+GenderGapTracker/repo"))
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

Article = tuple[str, list[tuple[str, list[str]]]]  # (text, [(quotation, [speaker])])


def is_clone(repo: Path) -> bool:
    """Whether `repo` is a git directory (bare, or a work tree's) to read the set from."""
    return (repo / "objects").is_dir() or (repo / ".git").exists()


def missing_clone(repo: Path, script: str, project: str, variable: str) -> bool:
    """Whether `repo` is no clone to read from, said in one line: the data is optional, and
    `make bench` goes on without it."""
    if is_clone(repo):
        return False
    print(f"{script}: skipped, no git directory at {repo}; clone https://github.com/{project} and pass "
          f"--repo (or set {variable})", file=sys.stderr)
    return True


def _blob(repo: Path, path: str) -> bytes:
    return subprocess.run(["git", "-C", str(repo), "show", f"{COMMIT}:{path}"],
                          check=True, capture_output=True).stdout


def _sheet_rows(xlsx: bytes) -> list[dict[str, str]]:
    """The first sheet's rows as {header: value}, read with the standard library."""
    book = zipfile.ZipFile(io.BytesIO(xlsx))
    shared = [
        "".join(t.text or "" for t in si.iter(f"{_SHEET}t"))
        for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall(f"{_SHEET}si")
    ]
    rows = []
    for row in ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml")).iter(f"{_SHEET}row"):
        cells = {}
        for cell in row.findall(f"{_SHEET}c"):
            value = cell.find(f"{_SHEET}v")
            if value is not None:
                column = re.match(r"[A-Z]+", cell.get("r", "")).group(0)  # type: ignore[union-attr]
                cells[column] = shared[int(value.text or 0)] if cell.get("t") == "s" else value.text or ""
        rows.append(cells)
    header = rows[0]
    return [{header[k]: v for k, v in r.items() if k in header} for r in rows[1:]]


def _quoted(annotations: list[dict]) -> list[tuple[str, list[str]]]:
    """(quotation, [speakers]) of the annotated quotations with quotation marks, once each."""
    merged: dict[str, list[str]] = {}
    for a in annotations:
        quote = (a.get("quote") or "").strip()
        if not any(mark in quote for mark in '"“”'):
            continue
        speaker = (a.get("reference") or "").strip() or (a.get("speaker") or "").strip()
        sources = merged.setdefault(quote, [])
        if speaker not in sources:
            sources.append(speaker)
    return list(merged.items())


def load(repo: Path) -> tuple[list[Article], list[Article], int]:
    """(development part, measuring part, articles left out for want of text or annotation)."""
    texts = zipfile.ZipFile(io.BytesIO(_blob(repo, TEXTS)))
    names = {Path(n).stem: n for n in texts.namelist() if n.endswith(".txt")}
    rows = sorted(_sheet_rows(_blob(repo, TABLE)), key=lambda r: (r.get("outlet", ""), r.get("_id", "")))
    parts: tuple[list[Article], list[Article]] = ([], [])
    skipped = 0
    for index, row in enumerate(rows):
        article_id = row.get("_id", "").removeprefix("ObjectId(").removesuffix(")")
        try:
            annotations = json.loads(row.get("quotations") or "[]")
        except json.JSONDecodeError:
            annotations = None
        if article_id not in names or annotations is None:
            skipped += 1
            continue
        text = texts.read(names[article_id]).decode("utf-8")
        parts[index % 2].append((text, _quoted(annotations)))
    return parts[0], parts[1], skipped


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO,
                        help="git directory of a clone of sfu-discourse-lab/GenderGapTracker")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--develop-only", action="store_true",
                        help="only the development part (for work in progress)")
    args = parser.parse_args()
    if missing_clone(args.repo, "quotes_ggt", "sfu-discourse-lab/GenderGapTracker", "GGT_REPO"):
        return 0
    develop, measure, skipped = load(args.repo)
    parts = [("develop", "even (development)", develop)]
    if not args.develop_only:
        parts.append(("measure", "odd (held out)", measure))
    results = {}
    for _key, label, articles in parts:
        for system, system_label in (("nearest", "nearest name"), ("before", "code before issue 11"),
                                     ("rules", "rules now"), ("now", "rules + models")):
            results[f"{label}: {system_label}"] = quote_bench(articles, system)
    body = (
        "### Quote attribution: the Gender Gap Tracker's annotated Canadian news\n\n"
        f"{len(develop)} articles to develop on, {len(measure)} to measure on ({skipped} left out: "
        "no text or unreadable annotation). Scored as on PolNeAR above; the annotated speaker is "
        "the person the annotators resolved the speaker to.\n\n" + quote_rows(results)
    )
    print(body)
    for label in results:
        if label.endswith("rules + models") and label.startswith("even"):
            print("\nSome wrong speakers (development part):\n" + "\n".join(results[label]["wrong_examples"]),
                  file=sys.stderr)
    if not args.no_write and not args.develop_only:
        write_section("quotes_ggt", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
