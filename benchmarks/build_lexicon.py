"""Build `src/stance/data/offensive-en.txt`, the offensive-word list of the lexicon feature.

    python benchmarks/build_lexicon.py [--data ../shared/data]

Merges three word lists whose licences let us ship them (notices kept in the output's
header and in labels/SOURCES.md): Surge AI's profanity list (MIT), dsojevic's profanity
list (MIT; its plain `match` alternatives only, not its regular expressions) and LDNOOBW's
English list (CC-BY-4.0). Each entry is lowercased and kept when it is one to three
tokens of scikit-learn's default token pattern (`\\b\\w\\w+\\b`: what the tone head's
word vectorizer sees), written with single spaces. Bare identity words (gay, muslim,
black...) are not entries of these lists; the build fails if one ever appears, since a
feature that fires on them would flag every sentence about those people.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "stance" / "data" / "offensive-en.txt"
TOKEN = re.compile(r"(?u)\b\w\w+\b")
IDENTITY = {
    "gay",
    "lesbian",
    "homosexual",
    "bisexual",
    "queer",
    "transgender",
    "trans",
    "black",
    "white",
    "muslim",
    "islam",
    "jew",
    "jewish",
    "christian",
    "asian",
    "african",
    "mexican",
    "chinese",
    "vietnamese",
    "cham",
    "khmer",
    "women",
    "woman",
    "female",
    "male",
    "old",
    "elderly",
    "deaf",
    "blind",
}
HEADER = """\
# Offensive words and phrases, one per line (lowercase, tokens joined by one space).
# Built by benchmarks/build_lexicon.py from (full licence texts: data/licenses/):
#  - Surge AI profanity list, https://github.com/surge-ai/profanity (MIT,
#    Copyright (c) 2021 Surge AI)
#  - dsojevic/profanity-list, https://github.com/dsojevic/profanity-list (MIT,
#    Copyright (c) 2021 David Sojevic)
#  - List of Dirty, Naughty, Obscene and Otherwise Bad Words,
#    https://github.com/LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words
#    (CC-BY-4.0, Shutterstock)
"""


def entries(data: Path) -> set[str]:
    lex = data / "lexicons"
    raw: list[str] = []
    with open(lex / "surge-ai-profanity" / "profanity_en.csv", encoding="utf-8") as f:
        raw += [row["text"] for row in csv.DictReader(f)]
    raw += (lex / "ldnoobw-en" / "en").read_text(encoding="utf-8").splitlines()
    for entry in json.loads((lex / "dsojevic-profanity-list" / "en.json").read_text()):
        raw += [m for m in entry["match"].split("|") if re.fullmatch(r"[\w' -]+", m)]
    out = set()
    for term in raw:
        term = term.strip().lower()
        tokens = TOKEN.findall(term)
        # keep a term only when the vectorizer sees it whole: 1-3 tokens, nothing dropped
        if 1 <= len(tokens) <= 3 and " ".join(tokens) == " ".join(term.split()):
            out.add(" ".join(tokens))
    bad = sorted(out & IDENTITY)
    if bad:
        raise SystemExit(f"build_lexicon.py: identity words in the list: {bad}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args(argv)
    words = sorted(entries(args.data))
    OUT.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} entries to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
