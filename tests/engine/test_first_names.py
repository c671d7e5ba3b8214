"""First-name genders: the shipped list (bench/train_first_names.py) and the register of births it
may add names from. Fixture sentences and rows written here."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bench.train_first_names import birth_register_genders
from briefs.write.quotes import find_quotes


@pytest.mark.parametrize("model", [False, True])
def test_she_is_not_a_man_the_development_news_never_gendered(model: bool) -> None:
    # "Gerald" comes from the register of births: the news the list was learned from never said
    text = ("Brenda Okoye, a retired teacher, has studied history at the college for two years.\n\n"
            "Gerald Pike, a former minister, studied there in the 1970s.\n\n"
            "\u201cI am absolutely heartbroken that the course is being cut,\u201d she said.")
    [quote] = find_quotes(text, model=model)
    assert quote.speaker == "Brenda Okoye"


def test_the_register_keeps_only_first_names_clearly_given_to_one_sex(tmp_path: Path) -> None:
    rows = ["first_name,sex,count,year_of_birth",
            "dennis,m,9000,1950", "dennis,f,20,1950",   # clear: a man's name
            "jordan,m,7000,1990", "jordan,f,3000,1990",  # given to both: left out
            "zelda,f,900,1960",                          # too rare: left out
            "ida,f,8000,1900"]                           # only before the years counted
    path = tmp_path / "births.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(rows) + "\n")
    assert birth_register_genders(path, minimum=5000, agreement=0.98) == {"Dennis": "m"}
