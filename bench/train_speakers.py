"""Train the speaker model (briefs/write/speaker_model.json) on PolNeAR train.

Run from the project root: ``.venv/bin/python bench/train_speakers.py``.

Every quotation the rules find in ``../shared/corpus/quotes/polnear_train.jsonl`` that matches
an annotated attribution naming somebody becomes one training example: its candidates
(briefs/write/speakers.py), the right ones being those that match the annotated source best
(see _best_matches; "nobody" when no candidate shares a capitalised word with it). A
conditional logistic model (softmax over the candidates, the likelihood of any right one) is
fitted by plain stochastic gradient descent with L2, in pure Python, in two rounds (see
fitted: the second walks each article with the previous speakers a first-round model chose).
The margin for "nobody" is the smallest at which train's speaker accuracy, counted exactly as
bench/summaries.py counts it with each fifth of train's articles attributed by the model fitted
on the other four, reaches --bench-target (93%) on every one of the five fifths, unless more
than --no-speaker-budget (5%) of a fifth's named quotations would then be left without a speaker.
Only the train split is read; PolNeAR dev stays held out for bench/summaries.py.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import quotes_ggt  # noqa: E402
from bench.summaries import (  # noqa: E402
    CORPUS,
    _annotated,
    _name_tokens,
    _score_quote,
    polnear,
    quote_stats,
)
from briefs.write.grounding import normalize  # noqa: E402
from briefs.write.quotes import (  # noqa: E402
    QUOTATION_MODEL,
    attributed_by_rules,
    is_quotation,
    load_quotation_model,
    quotation_features,
)
from briefs.write.speakers import (  # noqa: E402
    MODEL_PATH,
    NOBODY,
    choose_speakers,
    score,
    walk,
)

Article = tuple[str, list[tuple[str, list[str]]]]  # (text, [(quotation, [annotated sources])])
Example = list[tuple[dict[str, float], int]]  # candidates' features, which is right (see _label)


def examples(articles: list[Article],
             weights_of: Callable[[int], dict[str, float] | None] | None = None) -> list[list[Example]]:
    """Per article with annotations, one example per found quotation matching an annotated
    attribution that names somebody. With `weights_of` (article number -> a model with its
    margin), the article is walked as briefs/write/speakers.py walks it, each quotation's
    previous speaker being that model's choice; without, the rules' speaker."""
    out: list[list[Example]] = []
    for text, sources in articles:
        annotated = [(normalize(c), s[0]) for c, s in sources]
        found, people = attributed_by_rules(text)
        article: list[Example] = []
        for quote, options in walk(found, people, weights_of(len(out)) if weights_of else None):
            mine = normalize(quote.text).strip(" ,.")
            source = next((s for c, s in annotated if mine and (mine in c or c.strip(' "“”') in mine)), None)
            names = _name_tokens(source) if source else set()
            if not names:
                continue
            best = _best_matches(options, source)
            article.append([(features, _label(i in best, n, names)) for i, (n, features) in enumerate(options)])
        out.append(article)
    return out


def training_articles(ggt: Path | None) -> list[Article]:
    """PolNeAR train's articles with annotated quotations, and with `ggt` (a git directory of
    the Gender Gap Tracker) that set's development part spread evenly among them, so that
    every fifth of the cross-validation holds some of both."""
    articles = [a for a in polnear("train") if a[1]]
    if ggt is None:
        return articles
    if not quotes_ggt.is_clone(ggt):
        raise SystemExit(f"train_speakers: --ggt {ggt} is no git directory of sfu-discourse-lab/GenderGapTracker")
    extra = [a for a in quotes_ggt.load(ggt)[0] if a[1]]
    step = len(articles) / max(len(extra), 1)
    for k, article in enumerate(extra):
        articles.insert(round(k * step) + k, article)
    return articles


def _best_matches(options: list[tuple[str, dict[str, float]]], source: str) -> set[int]:
    """The candidates sharing the most capitalised words with the annotated source, then the
    most words of any kind (several may tie), or "nobody" when none shares a capitalised word.
    "Jeff Weaver" is right for "Jeff Weaver, Sanders' campaign manager" ("Bernie Sanders",
    sharing one word, is not taught as right); "the Otters forward" for "the Otters forward"
    rather than "Otters"."""
    names = _name_tokens(source)
    overlaps = [(len(names & _name_tokens(n)) > 0, _heads(source, n, f), len(names & _name_tokens(n)),
                 len(_words(source) & _words(n))) if n != NOBODY else (False, False, 0, 0)
                for n, f in options]
    best = max(overlaps, default=(False, False, 0, 0))
    if not best[0]:
        return {i for i, (n, _) in enumerate(options) if n == NOBODY}
    return {i for i, overlap in enumerate(overlaps) if overlap == best}


def _heads(source: str, name: str, features: dict[str, float]) -> bool:
    """A known person whose surname the source writes, not as a possessor ("Trump's
    campaign" is the campaign's words): the head of the source's noun phrase."""
    if not features.get("person"):
        return False
    last = re.escape(name.split()[-1])
    return bool(re.search(r"\b" + last + r"\b(?![\u2019']s?\b)", source))


def _words(text: str) -> set[str]:
    return {w.strip(".,\u2019'").lower() for w in text.split()} - {""}


def _label(best: bool, name: str, names: set[str]) -> int:
    """2: taught as right; 1: right for the benchmark (shares a capitalised word with the
    source) though another candidate matches it better; 0: wrong."""
    if best:
        return BEST
    return int(name != NOBODY and bool(names & _name_tokens(name)))


BEST = 2


def train(data: list[Example], epochs: int, rate: float, l2: float, seed: int) -> dict[str, float]:
    weights: dict[str, float] = {}
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(data)
        step = rate / (1 + epoch * 0.3)
        for options in data:
            scores = [score(f, weights) for f, _ in options]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            # Several right candidates (ties): the likelihood of choosing any one of them; one
            # the benchmark accepts but another matches better (label 1 beside a 2) is not taught.
            best = max(right for _f, right in options)
            right_total = sum(e for (_f, right), e in zip(options, exps, strict=True) if right == best) or total
            for (features, right), e in zip(options, exps, strict=True):
                gradient = (e / right_total if right == best and best else 0.0) - e / total
                for name, value in features.items():
                    w = weights.get(name, 0.0)
                    weights[name] = w + step * (gradient * value - l2 * w)
    return weights


def accuracy(data: list[Example], weights: dict[str, float]) -> float:
    right = sum(bool(max(options, key=lambda o: score(o[0], weights))[1]) for options in data)
    return right / max(len(data), 1)


def given(data: list[Example], weights: dict[str, float], margin: float) -> tuple[float, float]:
    """(accuracy where a speaker is given, share given) with "nobody" favoured by `margin`."""
    right, chosen = _given_counts(data, weights, margin)
    return right / max(chosen, 1), chosen / max(len(data), 1)


def _given_counts(data: list[Example], weights: dict[str, float], margin: float) -> tuple[int, int]:
    right = chosen = 0
    for options in data:
        scores = [score(f, weights) + (margin if f.get("nobody") else 0.0) for f, _ in options]
        best = max(range(len(options)), key=scores.__getitem__)
        if options[best][0].get("nobody"):
            # As briefs/write/speakers.py does: "nobody" never erases the rules' speaker.
            best = next((i for i, (f, _) in enumerate(options) if f.get("rule")), best)
        if not options[best][0].get("nobody"):
            chosen += 1
            right += bool(options[best][1])
    return right, chosen


Fold = tuple[list[Example], dict[str, float]]  # held-out examples, weights fitted without them


def choose_margin(data: list[Example], weights: dict[str, float], target: float,
                  folds: list[Fold] | None = None) -> float:
    """The smallest margin for "nobody" at which the accuracy of given speakers reaches
    `target` on held-out examples (`folds`, or `data` scored by `weights`): as many speakers
    as that accuracy allows."""
    folds = folds or [(data, weights)]
    total = sum(len(d) for d, _w in folds)
    for step in range(0, 41):
        margin = step * 0.1
        counts = [_given_counts(d, w, margin) for d, w in folds]
        right, chosen = sum(c[0] for c in counts), sum(c[1] for c in counts)
        accuracy_given, share = right / max(chosen, 1), chosen / max(total, 1)
        print(f"margin {margin:.1f}: accuracy {accuracy_given:.3f}, given {share:.3f}, "
              f"right of all {right / max(total, 1):.3f}", file=sys.stderr)
        if accuracy_given >= target:
            return margin
    return 4.0


def fold_of(article: int, articles: int, k: int = 5) -> int:
    """k contiguous blocks of train's articles."""
    return article * k // max(articles, 1)


def cross_folds(articles: list[list[Example]], args: argparse.Namespace, k: int = 5) -> list[Fold]:
    """k contiguous blocks of train's articles, each with a model fitted on the rest: the
    margin is set on all of train's examples, none scored by a model that saw it."""
    folds: list[Fold] = []
    for fold in range(k):
        held = [e for a, article in enumerate(articles) if fold_of(a, len(articles), k) == fold for e in article]
        fit = [e for a, article in enumerate(articles) if fold_of(a, len(articles), k) != fold for e in article]
        folds.append((held, train(fit, args.epochs, args.rate, args.l2, args.seed)))
    return folds


def with_margin(weights: dict[str, float], margin: float) -> dict[str, float]:
    out = dict(weights)
    out["nobody"] = out.get("nobody", 0.0) + margin
    return out


def fitted(training: list[Article], args: argparse.Namespace) -> tuple[list[Example], dict[str, float], float]:
    """(examples, weights, margin). Two rounds: the first walks each article with the rules'
    speakers as the previous speakers; the second with the choices of the first round's model
    that did not see the article (as at run time, where the previous speaker is the model's
    choice), and is the one shipped. The margin is then set on the benchmark's own measures,
    out of fold (margin_as_bench)."""
    articles = examples(training)
    folds = cross_folds(articles, args)
    margin = choose_margin([], {}, args.target, folds)
    chosen = [with_margin(w, margin) for _held, w in folds]
    articles = examples(training, lambda a: chosen[fold_of(a, len(articles))])
    folds = cross_folds(articles, args)
    data = [e for article in articles for e in article]
    print(f"{len(data)} examples; out-of-fold choice accuracy "
          f"{sum(accuracy(d, w) * len(d) for d, w in folds) / len(data):.3f}", file=sys.stderr)
    margin = margin_as_bench(training, [w for _held, w in folds], args.bench_target, args.no_speaker_budget)
    return data, train(list(data), args.epochs, args.rate, args.l2, args.seed), margin


def margin_as_bench(training: list[Article], fold_weights: list[dict[str, float]], target: float,
                    budget: float = 0.05) -> float:
    """The smallest margin for "nobody" at which the speaker accuracy on train, counted as
    bench/summaries.py counts it (every quotation found, the quotation model applied), reaches
    `target` on every fifth of train's articles, each fifth's speakers being chosen by the
    fold's model that did not see it: as many speakers as that accuracy allows. Every fifth,
    not their pool: articles the model was not fitted on vary, and the goal must hold on
    articles unlike the average ones. For the same reason the margin stops rising before more
    than `budget` of the quotations whose annotation names a speaker would be shown with none in
    any fifth: both goals are held on every fifth, and the budget wins when they conflict."""
    articles = [(text, [(normalize(c), s) for c, s in sources], attributed_by_rules(text))
                for text, sources in training]
    quotation = load_quotation_model()
    for step in range(0, 41):
        margin = step * 0.1
        folds = [quote_stats() for _ in fold_weights]
        for a, (text, annotated, (found, people)) in enumerate(articles):
            fold = fold_of(a, len(articles))
            found = copy.deepcopy(found)
            choose_speakers(found, people, with_margin(fold_weights[fold], margin))
            for quote in found:
                if quotation is None or is_quotation(quote, people.text, quotation):
                    _score_quote(folds[fold], [], quote.text, quote.speaker, False, text, annotated)
        stats = {key: sum(f[key] for f in folds) for key in folds[0]}
        accuracy_given = stats["correct"] / max(stats["given"], 1)
        worst = min(f["correct"] / max(f["given"], 1) for f in folds)
        unnamed = max(1 - f["given"] / max(f["named"], 1) for f in folds)
        print(f"margin {margin:.1f}, out of fold as the benchmark counts: speaker accuracy {accuracy_given:.4f} "
              f"({stats['correct']}/{stats['given']}), worst fifth {worst:.4f} (no speaker {unnamed:.4f}), no speaker "
              f"{1 - stats['given'] / max(stats['named'], 1):.4f} ({stats['named'] - stats['given']}/{stats['named']})",
              file=sys.stderr)
        if unnamed > budget:
            return max(0.0, margin - 0.1)
        if worst >= target:
            return margin
    return 4.0


# -- the quotation model: which quoted strings are annotated as somebody's words -------------

Labelled = list[tuple[dict[str, float], bool]]


def quotation_examples(path: Path, weights: dict[str, float]) -> list[Labelled]:
    """Per article: every quoted string found (with the speaker model's speakers), labelled
    by whether it matches an annotated attribution with quotation marks."""
    out: list[Labelled] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            annotated = [normalize(c) for c, _s in _annotated(record)]
            if not annotated:
                continue
            found, people = attributed_by_rules(record["text"])
            choose_speakers(found, people, weights)
            article = []
            for quote in found:
                mine = normalize(quote.text).strip(" ,.")
                right = any(mine and (mine in c or c.strip(' "“”') in mine) for c in annotated)
                article.append((quotation_features(quote, people.text), right))
            out.append(article)
    return out


def train_binary(data: Labelled, epochs: int, rate: float, l2: float, seed: int) -> dict[str, float]:
    """Logistic regression by stochastic gradient descent, in pure Python."""
    weights: dict[str, float] = {}
    rng = random.Random(seed)
    data = list(data)
    for epoch in range(epochs):
        rng.shuffle(data)
        step = rate / (1 + epoch * 0.3)
        for features, right in data:
            z = max(-30.0, min(30.0, score(features, weights)))
            gradient = (1.0 if right else 0.0) - 1 / (1 + math.exp(-z))
            for name, value in features.items():
                w = weights.get(name, 0.0)
                weights[name] = w + step * (gradient * value - l2 * w)
    return weights


def choose_threshold(scored: list[tuple[float, bool]], target: float) -> float:
    """The lowest score threshold at which the kept strings reach precision `target` among
    out-of-fold scores: as few real quotations dropped as that precision allows."""
    for step in range(-40, 41):
        threshold = step * 0.1
        kept = [right for value, right in scored if value >= threshold]
        precision = sum(kept) / max(len(kept), 1)
        recall = sum(kept) / max(sum(right for _v, right in scored), 1)
        print(f"threshold {threshold:.1f}: precision {precision:.3f}, recall {recall:.3f}", file=sys.stderr)
        if precision >= target:
            return threshold
    return 4.0


def fit_quotations(args: argparse.Namespace, speaker_weights: dict[str, float]) -> None:
    articles = quotation_examples(CORPUS / "quotes" / "polnear_train.jsonl", speaker_weights)
    # Five folds of train's articles: each fifth is scored by a model fitted on the other four,
    # and the threshold is set on those out-of-fold scores (one fifth alone is too few articles:
    # a single page of tweets moves its precision by two points).
    scored: list[tuple[float, bool]] = []
    for fold in range(5):
        fit = [e for i, article in enumerate(articles) if i % 5 != fold for e in article]
        weights = train_binary(fit, args.epochs, args.rate, args.l2, args.seed)
        scored += [(score(f, weights), right) for i, article in enumerate(articles) if i % 5 == fold
                   for f, right in article]
    threshold = choose_threshold(scored, args.quote_target)
    data = [e for article in articles for e in article]
    weights = train_binary(data, args.epochs, args.rate, args.l2, args.seed)
    weights["bias"] = weights.get("bias", 0.0) - threshold  # kept when the score is >= 0
    rounded = {k: round(v, 4) for k, v in sorted(weights.items())}
    args.quotation_out.write_text(json.dumps({
        "trained_on": "PolNeAR train (quotes/polnear_train.jsonl): found quoted strings, labelled by "
                      "whether an annotated attribution with quotation marks matches them",
        "command": ".venv/bin/python bench/train_speakers.py",
        "examples": len(data), "target_precision": args.quote_target,
        "threshold": round(threshold, 2), "weights": rounded,
    }, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--target", type=float, default=0.94,
                        help="accuracy of given speakers (five-fold, per training example) the first "
                             "round's margin for 'nobody' is set to reach")
    parser.add_argument("--bench-target", type=float, default=0.93,
                        help="speaker accuracy on train, out of fold and counted as bench/summaries.py "
                             "counts it, the shipped margin for 'nobody' is set to reach")
    parser.add_argument("--no-speaker-budget", type=float, default=0.05,
                        help="share of quotations with an annotated speaker that may be shown with "
                             "none in any fifth of train (out of fold); the margin never rises past it")
    parser.add_argument("--quote-target", type=float, default=0.955,
                        help="precision of kept quotations the quotation model's threshold is set to reach")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--quotation-out", type=Path, default=QUOTATION_MODEL)
    parser.add_argument("--no-quotations", action="store_true", help="train the speaker model only")
    parser.add_argument("--ggt", type=Path, default=None,
                        help="git directory of the Gender Gap Tracker: train on its development part too "
                             "(bench/quotes_ggt.py)")
    args = parser.parse_args()
    # Five-fold cross-validation on train sets the margin; dev is never read.
    data, weights, margin = fitted(training_articles(args.ggt), args)
    rounded = {k: round(v, 4) for k, v in sorted(weights.items())}
    args.out.write_text(json.dumps({
        "trained_on": "PolNeAR train (quotes/polnear_train.jsonl)"
                      + (" and the Gender Gap Tracker's development part (bench/quotes_ggt.py)" if args.ggt else "")
                      + ", quotations matching an annotated source",
        "command": " ".join([".venv/bin/python bench/train_speakers.py", *sys.argv[1:]]),
        "examples": len(data), "epochs": args.epochs, "rate": args.rate, "l2": args.l2, "seed": args.seed,
        "target": args.target, "bench_target": args.bench_target, "nobody_margin": round(margin, 2), "weights": rounded,
    }, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(rounded, indent=1))
    if not args.no_quotations:
        full = dict(rounded)
        full["nobody"] = full.get("nobody", 0.0) + margin
        fit_quotations(args, full)
    return 0


if __name__ == "__main__":
    sys.exit(main())
