"""Learn the usual gender of first names (briefs/write/first_names.json) from development news.

Run from the project root: ``.venv/bin/python bench/train_first_names.py``.

A person's gender is known inside an article when a title gives it ("Mr.", "Mrs.") or when the
pronouns that follow the person as a subject agree ("Rubio said he ..."; People.learn_genders).
Over the development articles only (PolNeAR train, the BASIL 2010-2014 events; PolNeAR dev stays
held out), each first name counts once per article and gender. A name is kept when it was seen
in at least --min-articles articles and --agreement of them agree. People then uses the list for
persons whose article says nothing of their gender, so that "she said" does not resolve to a
Donald and "he said" not to a Hillary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.summaries import CORPUS  # noqa: E402
from briefs.write.people import FIRST_NAMES_PATH, People  # noqa: E402
from briefs.write.phrases import TITLES, bare, is_initial  # noqa: E402
from briefs.write.text import split_paragraphs  # noqa: E402

SOURCES = (CORPUS / "quotes" / "polnear_train.jsonl", CORPUS / "stories" / "basil_dev.jsonl")


def development_texts() -> list[str]:
    texts = []
    for path in SOURCES:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle)
    return texts


def counts(texts: list[str]) -> dict[str, Counter[str]]:
    """First name -> articles in which a person of that first name was "m" or "f"."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        people = People.from_paragraphs(split_paragraphs(text), first_name_genders=False)  # the text alone
        found = {}
        for name, gender in people.gender.items():
            first = name.split()[0]
            if name in people.persons and len(name.split()) >= 2 and first[:1].isupper() and first[1:].islower() \
                    and not is_initial(first) and bare(first) not in TITLES:
                found.setdefault(first, set()).add(gender)
        for first, genders in found.items():
            for gender in genders:
                seen.setdefault(first, Counter())[gender] += 1
    return seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-articles", type=int, default=2)
    parser.add_argument("--agreement", type=float, default=0.9)
    parser.add_argument("--out", type=Path, default=FIRST_NAMES_PATH)
    args = parser.parse_args()
    seen = counts(development_texts())
    names = {}
    for first, count in sorted(seen.items()):
        gender, top = count.most_common(1)[0]
        total = sum(count.values())
        if total >= args.min_articles and top / total >= args.agreement:
            names[first] = gender
    args.out.write_text(json.dumps({
        "source": "bench/train_first_names.py on PolNeAR train and the BASIL 2010-2014 events",
        "min_articles": args.min_articles, "agreement": args.agreement, "names": names,
    }, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(names)} first names kept of {len(seen)} seen "
          f"({sum(1 for g in names.values() if g == 'f')} f, {sum(1 for g in names.values() if g == 'm')} m)")


if __name__ == "__main__":
    main()
