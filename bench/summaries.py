"""Summary, figure and quote quality of the extractive writer on real news.

Run from the project root: ``.venv/bin/python bench/summaries.py [--no-write]``.

- ROUGE-1/2/Lsum F1 (rouge-score, stemmed) of our 3-sentence extractive summary against the
  reference highlights, beside lead-3 and sumy's LexRank on the same articles, on
  ``summaries/summeval_cnndm.jsonl`` (PTB-tokenised text, detokenised here; references: the
  original highlights) and ``summaries/writer_summaries.jsonl`` (clean prose; references: the
  professional writers' summaries, best-of per article as rouge-score does with several).
- Recall of the references' figures among our key numbers (by value, as grounding does).
- Milliseconds per article for summary + quotes + numbers together, beside lead-3's cost.
- Quote attribution on ``quotes/polnear_train.jsonl``: every quotation we find is checked
  against the annotated attributions with quotation marks (precision: verbatim and matching an
  annotated content; speaker accuracy where the annotated source names somebody).
The results replace the ``summaries`` section of docs/BENCHMARKS.md.
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

from rouge_score import rouge_scorer  # noqa: E402

from bench.report import write_section  # noqa: E402
from briefs.write.grounding import normalize, quote_in_source  # noqa: E402
from briefs.write.numbers import find_numbers, key_numbers  # noqa: E402
from briefs.write.quotes import find_quotes, key_quotes  # noqa: E402
from briefs.write.summarize import lead, story_sentences, summarize  # noqa: E402
from briefs.write.text import split_paragraphs, split_sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


# -- data ------------------------------------------------------------------------------------

_PTB = [
    (r" n't\b", "n't"), (r" '(s|re|ve|ll|d|m)\b", r"'\1"), (r" ([,.;:!?%)\]])", r"\1"),
    (r"([(\[$£]) ", r"\1"), (r"`` ?", '"'), (r" ?''", '"'), (r"-LRB- ?", "("), (r" ?-RRB-", ")"),
    (r" - ", " - "), (r"\s+", " "),
]


def detokenize(text: str) -> str:
    """Undo PTB tokenisation well enough for sentence splitting and ROUGE."""
    for pattern, repl in _PTB:
        text = re.sub(pattern, repl, text)
    return text.strip()


def load(name: str) -> list[dict]:
    with open(CORPUS / "summaries" / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def datasets() -> dict[str, list[tuple[str, list[str]]]]:
    summeval = [(detokenize(r["article"]), [r["highlights_detok"].replace("\n", " ")])
                for r in load("summeval_cnndm.jsonl")]
    writer = [(r["article"], [s for s in r["summaries"] if s.strip()]) for r in load("writer_summaries.jsonl")]
    return {"SummEval CNN/DM (detokenised; original highlights)": summeval,
            "Writer summaries (clean prose; writers' summaries)": writer}


# -- systems ---------------------------------------------------------------------------------

class _Tokenizer:
    """sumy needs a tokenizer object; ours, since NLTK data cannot be downloaded here."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", sentence)


def lexrank(text: str, count: int = 3) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    parser = PlaintextParser.from_string(text, _Tokenizer())
    summarizer = LexRankSummarizer(Stemmer("english"))
    return [str(s) for s in summarizer(parser.document, count)]


def ours(text: str) -> list[str]:
    return summarize(text, "", 3)


def extract_all(text: str) -> tuple[list[str], list, list]:
    """What the writer does per article: summary, key quotes and key numbers."""
    sentences = story_sentences(text)
    summary = summarize(text, "", 3, sentences=sentences)
    quotes = key_quotes(text, "a1", 3, paragraphs=split_paragraphs(text))
    numbers = key_numbers([s.text for s in sentences], "a1", 5)
    return summary, quotes, numbers


# -- measures --------------------------------------------------------------------------------

def rouge(summary: list[str], references: list[str]) -> dict[str, float]:
    """Best F1 over the references (several writers per article)."""
    best: dict[str, float] = {}
    prediction = "\n".join(summary)
    for reference in references:
        ref = "\n".join(split_sentences(reference))
        scores = SCORER.score(ref, prediction)
        for key, value in scores.items():
            best[key] = max(best.get(key, 0.0), value.fmeasure)
    return best


def number_recall(rows: list[tuple[str, list[str]]]) -> tuple[int, int]:
    """(found, total): reference figures whose value is among our key numbers' values."""
    found = total = 0
    for text, references in rows:
        _, _, numbers = extract_all(text)
        ours_values = {round(n.value, 6) for f in numbers for n in find_numbers(f.text)}
        wanted = {round(n.value, 6) for ref in references for n in find_numbers(ref)
                  if n.kind not in ("date", "time") and n.value != 1}
        article_values = {round(n.value, 6) for n in find_numbers(text)}
        wanted &= article_values  # a figure the article itself never writes cannot be found
        total += len(wanted)
        found += len(wanted & ours_values)
    return found, total


def timing(rows: list[tuple[str, list[str]]]) -> tuple[float, float]:
    texts = [text for text, _ in rows]
    start = time.perf_counter()
    for text in texts:
        extract_all(text)
    ours_ms = (time.perf_counter() - start) * 1000 / len(texts)
    start = time.perf_counter()
    for text in texts:
        lead(text, 3)
    lead_ms = (time.perf_counter() - start) * 1000 / len(texts)
    return ours_ms, lead_ms


def summary_table(rows: list[tuple[str, list[str]]]) -> tuple[str, dict[str, dict[str, float]]]:
    systems = {"lead-3": lambda t: lead(t, 3), "LexRank (sumy)": lexrank, "briefbot extractive": ours}
    means: dict[str, dict[str, float]] = {}
    for name, system in systems.items():
        scores = [rouge(system(text), refs) for text, refs in rows]
        means[name] = {k: statistics.mean(s[k] for s in scores) * 100 for k in scores[0]}
    lines = ["| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum |", "|---|---:|---:|---:|"]
    for name, m in means.items():
        lines.append(f"| {name} | {m['rouge1']:.2f} | {m['rouge2']:.2f} | {m['rougeLsum']:.2f} |")
    return "\n".join(lines), means


# -- quotes ----------------------------------------------------------------------------------

_PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them"}
_NOT_NAME = {"mr", "mrs", "ms", "dr", "president", "sen", "senator", "rep", "gov", "the", "a", "an"}


def _name_tokens(text: str) -> set[str]:
    """Capitalised words of a speaker, without titles and pronouns ("He" names nobody)."""
    words = {t.strip(".,\u2019's").lower() for t in text.split() if t[:1].isupper()}
    return words - _NOT_NAME - _PRONOUNS


def _annotated(record: dict) -> list[tuple[str, str]]:
    """(content, source) of every attribution with quotation marks, once per content span."""
    seen: dict[tuple, tuple[str, str]] = {}
    for annotation in record.get("annotations", []):
        for a in annotation.get("attributions", []):
            if a.get("has_quotation_marks") and a.get("content", {}).get("text"):
                key = tuple(map(tuple, a["content"].get("spans", []))) or a["content"]["text"]
                seen.setdefault(key, (a["content"]["text"], (a.get("source") or {}).get("text", "")))
    return list(seen.values())


def quote_bench(limit: int | None = None) -> dict[str, float]:
    path = CORPUS / "quotes" / "polnear_train.jsonl"
    stats = dict(ours=0, verbatim=0, matched=0, named=0, given=0, correct=0, pronoun_sources=0,
                 key=0, key_matched=0, key_named=0, key_given=0, key_correct=0, with_speaker=0,
                 key_verbatim=0)
    wrong: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit and number >= limit:
                break
            record = json.loads(line)
            text = record["text"]
            annotated = [(normalize(c), s) for c, s in _annotated(record)]
            if not annotated:
                continue
            key_texts = {q.text for q in key_quotes(text, "a1", 3)}
            for found in find_quotes(text):
                is_key = found.text in key_texts
                stats["ours"] += 1
                stats["key"] += is_key
                verbatim = quote_in_source(found.text, text)  # after normalising white space
                stats["verbatim"] += verbatim
                stats["key_verbatim"] += verbatim and is_key
                stats["with_speaker"] += found.speaker is not None
                mine = normalize(found.text).strip(" ,.")
                match = next((s for c, s in annotated if mine and (mine in c or c.strip(' "“”') in mine)), None)
                if match is None:
                    continue
                stats["matched"] += 1
                stats["key_matched"] += is_key
                names = _name_tokens(match)
                if not names:
                    stats["pronoun_sources"] += 1
                    continue
                stats["named"] += 1
                stats["key_named"] += is_key
                if found.speaker is None:
                    continue
                stats["given"] += 1
                stats["key_given"] += is_key
                ok = bool(names & _name_tokens(found.speaker))
                stats["correct"] += ok
                stats["key_correct"] += ok and is_key
                if not ok and len(wrong) < 15:
                    wrong.append(f"{found.text[:50]!r}: ours {found.speaker!r}, annotated {match!r}")
    stats["wrong_examples"] = wrong  # type: ignore[assignment]
    return stats


# -- report ----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    parts = []
    for name, rows in datasets().items():
        table, means = summary_table(rows)
        found, total = number_recall(rows)
        ours_ms, lead_ms = timing(rows)
        verdict = "meets" if means["briefbot extractive"]["rouge1"] >= means["lead-3"]["rouge1"] else "below"
        parts.append(
            f"### {name}: {len(rows)} articles\n\n{table}\n\n"
            f"ROUGE-1 goal (at least lead-3): **{verdict}**. "
            f"Reference figures found among our key numbers: {found}/{total} "
            f"({100 * found / max(total, 1):.0f}%; figures the article itself contains). "
            f"Summary + quotes + numbers: **{ours_ms:.2f} ms per article** "
            f"(lead-3 alone: {lead_ms:.2f} ms; goal at most 10 ms)."
        )
        print(parts[-1], file=sys.stderr)
    q = quote_bench()
    precision = 100 * q["matched"] / max(q["ours"], 1)
    accuracy = 100 * q["correct"] / max(q["given"], 1)
    key_precision = 100 * q["key_matched"] / max(q["key"], 1)
    key_accuracy = 100 * q["key_correct"] / max(q["key_given"], 1)
    recall = 100 * q["correct"] / max(q["named"], 1)
    key_recall = 100 * q["key_correct"] / max(q["key_named"], 1)
    parts.append(
        "### Quote attribution: PolNeAR train (annotated attributions with quotation marks)\n\n"
        "| measure | all quotations found | key quotes (top 3 per article) |\n|---|---:|---:|\n"
        f"| quotations | {q['ours']} | {q['key']} |\n"
        f"| verbatim in the article (white space normalised) | {100 * q['verbatim'] / max(q['ours'], 1):.1f}% | "
        f"{100 * q['key_verbatim'] / max(q['key'], 1):.1f}% |\n"
        f"| precision (matching an annotated quotation) | {precision:.1f}% | {key_precision:.1f}% |\n"
        f"| **speaker accuracy** (our speaker is the annotated one) | **{accuracy:.1f}%** "
        f"({q['correct']}/{q['given']}) | **{key_accuracy:.1f}%** ({q['key_correct']}/{q['key_given']}) |\n"
        f"| right speaker given, of all annotated with a name | {recall:.1f}% ({q['correct']}/{q['named']}) "
        f"| {key_recall:.1f}% ({q['key_correct']}/{q['key_named']}) |\n\n"
        f"Speaker accuracy is measured where the annotated source names somebody and we name a "
        f"speaker; where we name nobody the quotation shows `speaker: null` (a missing speaker, "
        f"not a wrong one; the last row counts those as misses). "
        f"{q['pronoun_sources']} matched quotations are annotated with a bare pronoun as source "
        "and are not scored. A quotation matches when its words lie within an annotated content "
        "(or contain it); the unmatched ones are mostly scare quotes, titles and slogans, which "
        "PolNeAR does not annotate as attributions (the key-quote ranking drops them). Names are "
        "compared by their capitalised words, so a role annotated where we give the person's name "
        "(\"the Florida senator\" / \"Marco Rubio\") counts as wrong. "
        f"Speaker goal (at least 90%): **{'meets' if accuracy >= 90 else 'below'}**."
    )
    body = "\n\n".join(parts)
    print(body)
    print("\nSome wrong speakers:\n" + "\n".join(q["wrong_examples"]), file=sys.stderr)  # type: ignore[arg-type]
    if not args.no_write:
        write_section("summaries", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
