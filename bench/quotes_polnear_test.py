"""Quote attribution on PolNeAR's test compartment, the articles nobody here has looked at.

Run from the project root, once: ``.venv/bin/python bench/quotes_polnear_test.py [--repo GIT_DIR]
[--compartment {train,dev,test}] [--no-write]`` (``GIT_DIR`` also from ``POLNEAR_REPO``; without
a clone the benchmark is skipped).

PolNeAR (networkdynamics/PolNeAR, Newell, Margolin and Ruths, LREC 2018) is the corpus the
quote attribution was developed on (its train compartment) and checked against (its dev
compartment; bench/summaries.py). Its third part, the test compartment, is 84 articles from
the 12th and last month of coverage of the 2016 US election (seven outlets, 12 per outlet),
annotated like the rest. The upstream README asks that it never be viewed and only be used to
compute evaluation figures, a model architecture once; so this script is run once on it, its
wrong speakers are never printed, and it is developed and checked on the train compartment
only (``--compartment train``, where the loader gives the same annotated quotations and the
same text as ``quotes/polnear_train.jsonl``).

The articles (``data/<compartment>/text/<name>.txt``) and their standoff annotations (brat's
format, one file per annotator: ``data/<compartment>/attributions/<name>_<annotator>.ann``) are
read in place from a clone (``--repo``, a git directory) and never copied into this project.
They become records of the shape of the corpus's ``polnear_*.jsonl`` lines, read as
bench/summaries.py reads those.

Scoring is bench/summaries.py's: attributions whose content has quotation marks, a speaker
right when it shares a capitalised word with the annotated source, in the same run as the
nearest-name baseline and the code before issue 11. On the test compartment the results
replace the ``quotes_polnear_test`` section of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.quotes_ggt import missing_clone  # noqa: E402
from bench.report import write_section  # noqa: E402
from bench.summaries import annotated_sources, quote_bench, quote_rows  # noqa: E402

DEFAULT_REPO = Path(os.environ.get("POLNEAR_REPO", "/work/.mirror/networkdynamics+PolNeAR/repo"))
REF = "c3eee833c035bf7b8c84f55b58c0bf7346cfae76"  # the data as stored; later commits would touch only the software
COMPARTMENTS = ("train", "dev", "test")
SYSTEMS = (("nearest", "nearest name"), ("before", "code before issue 11"),
           ("rules", "rules now"), ("now", "rules + models"))
QUOTATION_MARKS = '"“”'  # how the corpus's jsonl sets has_quotation_marks (checked on train)
# A standoff line starts with its id and a tab (T3, E1, #1 ...); any other line continues the
# text of the line before it, which is how a span across a paragraph break is written.
_ANN_LINE = re.compile(r"^[TERAMN#*]\d*\t")
_ROLE = re.compile(r"^(Source|Cue|Content)\d*$")  # Content2: a second stretch of the same content

Span = dict  # {"text": str, "spans": [[start, end], ...]}


# -- reading the clone -----------------------------------------------------------------------

def _paths(repo: Path, folder: str) -> list[str]:
    return subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", REF, folder],
                          check=True, capture_output=True, text=True).stdout.split()


def _blobs(repo: Path, paths: list[str]) -> dict[str, str]:
    """The files' text, from one `git cat-file --batch` (a thousand `git show` take seconds)."""
    request = "".join(f"{REF}:{path}\n" for path in paths).encode()
    out = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input=request,
                         check=True, capture_output=True).stdout
    texts, at = {}, 0
    for path in paths:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        texts[path] = out[header_end + 1:header_end + 1 + size].decode("utf-8")
        at = header_end + 1 + size + 1  # the blob, then a newline
    return texts


# -- the standoff annotations ----------------------------------------------------------------

def _standoff_lines(ann: str) -> list[str]:
    """The file's annotation lines, continuation lines (a span's text past a newline) dropped:
    the spans' text is taken from the article by offset."""
    return [line for line in ann.split("\n") if _ANN_LINE.match(line)]


def _spans(text: str, offsets: str) -> Span:
    """A text-bound annotation's fragments ("120 211" or "2103 2168;2170 2425") and their
    words, joined by a space as brat writes a discontinuous span."""
    spans = [[int(n) for n in fragment.split()] for fragment in offsets.split(";")]
    return {"text": " ".join(text[start:end] for start, end in spans), "spans": spans}


def _joined(parts: list[Span]) -> Span | None:
    """One role from its annotations: several contents (Content, Content2) become one, with an
    ellipsis between the stretches as the corpus's jsonl writes them."""
    if not parts:
        return None
    return {"text": " … ".join(p["text"] for p in parts), "spans": [s for p in parts for s in p["spans"]]}


def attributions(ann: str, text: str) -> list[dict]:
    """The attributions of one annotator's file, in the file's order, shaped as the corpus's."""
    bound: dict[str, Span] = {}
    events: list[list[str]] = []
    for line in _standoff_lines(ann):
        ident, rest = line.split("\t")[:2]
        if ident.startswith("T"):
            _kind, offsets = rest.split(" ", 1)
            bound[ident] = _spans(text, offsets)
        elif ident.startswith("E"):
            events.append(rest.split())
    found = []
    for arguments in events:
        roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for argument in arguments[1:]:  # the first is the trigger (Attribution, Attribution-no-source)
            role, target = argument.split(":")
            match = _ROLE.match(role)
            if match and target in bound:
                roles[match.group(1)].append(bound[target])
        content = _joined(roles["Content"])
        found.append({
            "source": _joined(roles["Source"]), "cue": _joined(roles["Cue"]), "content": content,
            "has_quotation_marks": bool(content) and any(m in content["text"] for m in QUOTATION_MARKS),
        })
    return found


# -- records ---------------------------------------------------------------------------------

def load(repo: Path, compartment: str) -> list[dict]:
    """Every article of a compartment as a record like the corpus's polnear_*.jsonl lines (id,
    compartment, text, annotations: one per annotator, in the annotators' id order)."""
    base = f"data/{compartment}"
    text_paths = [p for p in _paths(repo, f"{base}/text") if p.endswith(".txt")]
    ann_paths = [p for p in _paths(repo, f"{base}/attributions") if p.endswith(".ann")]
    blobs = _blobs(repo, text_paths + ann_paths)
    by_article: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(ann_paths):
        name, annotator = Path(path).stem.rsplit("_", 1)
        by_article.setdefault(name, []).append((annotator, blobs[path]))
    records = []
    for path in text_paths:
        name = Path(path).stem
        text = blobs[path]
        records.append({
            "id": name, "compartment": compartment, "text": text,
            "annotations": [{"annotator": annotator, "attributions": attributions(ann, text)}
                            for annotator, ann in by_article.get(name, [])],
        })
    return records


# -- the measurement -------------------------------------------------------------------------

def measure(records: list[dict], compartment: str) -> dict[str, dict]:
    """bench/summaries.py's quote scores of every system on the records, one column each."""
    articles = [(r["text"], annotated_sources(r)) for r in records]
    return {f"{compartment}: {label}": quote_bench(articles, system) for system, label in SYSTEMS}


def report(records: list[dict], compartment: str, results: dict[str, dict], seconds: float) -> str:
    quoted = sum(bool(annotated_sources(r)) for r in records)
    return (
        f"### Quote attribution: PolNeAR {compartment}"
        + (" (held out, measured once)" if compartment == "test" else "") + "\n\n"
        f"{len(records)} articles ({quoted} with an annotated quotation), read in place from "
        f"networkdynamics/PolNeAR's data/{compartment}; {seconds:.0f} s. Scored as on PolNeAR "
        "train and dev above: annotated attributions with quotation marks, the speaker right when "
        "it shares a capitalised word with the annotated source.\n\n" + quote_rows(results)
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=DEFAULT_REPO,
                        help="git directory of a clone of networkdynamics/PolNeAR")
    parser.add_argument("--compartment", choices=COMPARTMENTS, default="test",
                        help="test (the default) is measured once; develop on train")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if missing_clone(args.repo, "quotes_polnear_test", "networkdynamics/PolNeAR", "POLNEAR_REPO"):
        return 0
    started = time.perf_counter()
    records = load(args.repo, args.compartment)
    results = measure(records, args.compartment)
    body = report(records, args.compartment, results, time.perf_counter() - started)
    print(body)
    if args.compartment == "train":
        # Wrong speakers are shown only where we develop: dev and test are not to be viewed.
        print("\nSome wrong speakers (train):\n" + "\n".join(results["train: rules + models"]["wrong_examples"]),
              file=sys.stderr)
    if args.no_write:
        return 0
    if args.compartment != "test":
        # The section holds the test figures only; another compartment's never replaces them.
        print(f"quotes_polnear_test: not written, {args.compartment} is not the test compartment",
              file=sys.stderr)
        return 0
    write_section("quotes_polnear_test", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
