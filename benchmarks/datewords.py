"""How many dates `lines.is_timestamp` reads, with and without CLDR's words (datewords).

Coverage: babel's own renderings of one date-time in 36 major locales (short, medium and
long dates and date-times, the full date, five skeletons, and relative times of six
ages in three widths), 30 forms per locale. False dates: every distinct line of the
annotated pages (tests/pages) and of the scrapinghub gold article bodies that reads as a
date only with CLDR's words, marked G when it holds a gold comment date.

    python benchmarks/datewords.py [--show LOCALE]
"""

from __future__ import annotations

import argparse
import glob
import json
from datetime import datetime, timedelta
from pathlib import Path

from babel.dates import format_date, format_datetime, format_skeleton, format_timedelta

import stance.split.lines as lines

_CODES = (
    "en de fr es pt it nl pl cs sk hu ro ru uk tr el sv da nb fi id ms vi th km lo my ja zh"
    " zh_Hant ko ar he hi bn fa"
)
LOCALES = _CODES.split()
ROOT = Path(__file__).resolve().parent.parent
SCRAPINGHUB = ROOT.parent / "shared/data/scrapinghub-article-extraction/ground-truth.json"


def forms(locale: str) -> list[str]:
    """Babel's renderings of 14 March 2024, 19:42 and of six ages, in one locale."""
    when = datetime(2024, 3, 14, 19, 42)
    out = [format_date(when, "full", locale=locale)]
    for width in ("short", "medium", "long"):
        out += [
            format_datetime(when, width, locale=locale),
            format_date(when, width, locale=locale),
        ]
    out += [
        format_skeleton(s, when, locale=locale) for s in ("yMMMd", "MMMd", "yMd", "MMMMd", "yMMMEd")
    ]
    for days, minutes in ((0, 5), (0, 180), (2, 0), (21, 0), (70, 0), (800, 0)):
        age = -timedelta(days=days, minutes=minutes)
        for width in ("long", "short", "narrow"):
            out.append(format_timedelta(age, add_direction=True, format=width, locale=locale))
    return out


def page_lines() -> tuple[set[str], set[str]]:
    """Distinct lines of the annotated pages, gold texts and article bodies; gold dates."""
    seen: set[str] = set()
    dates: set[str] = set()
    for path in glob.glob(str(ROOT / "tests/pages/*.json")):
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        for c in gold.get("comments", []):
            seen |= {p.strip() for p in (c.get("text") or "").split("\n") if p.strip()}
            if c.get("posted_at"):
                dates.add(c["posted_at"].strip())
    for path in glob.glob(str(ROOT / "tests/pages/*.txt")):
        seen |= {
            x.strip() for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()
        }
    if SCRAPINGHUB.exists():
        for item in json.loads(SCRAPINGHUB.read_text(encoding="utf-8")).values():
            body = item.get("articleBody") or ""
            seen |= {p.strip() for p in body.split("\n") if p.strip()}
    return seen, dates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", help="list the forms of this locale not read as dates")
    args = parser.parse_args()
    rendered = {loc: forms(loc) for loc in LOCALES}
    seen, dates = page_lines()
    with_cldr = {loc: [f for f in fs if lines.is_timestamp(f)] for loc, fs in rendered.items()}
    dated_with = {s for s in seen if lines.is_timestamp(s)}
    without = {
        loc: [f for f in fs if lines.is_timestamp(f, cldr=False)] for loc, fs in rendered.items()
    }
    dated_without = {s for s in seen if lines.is_timestamp(s, cldr=False)}
    total = sum(len(fs) for fs in rendered.values())
    print(
        f"CLDR forms read: {sum(map(len, without.values()))} of {total} without CLDR's words, "
        f"{sum(map(len, with_cldr.values()))} with"
    )
    print("  " + "  ".join(f"{loc} {len(without[loc])}->{len(with_cldr[loc])}" for loc in LOCALES))
    print(
        f"page lines: {len(seen)}; read as dates {len(dated_without)} without CLDR's words,"
        f" {len(dated_with)} with"
    )
    for s in sorted(dated_with - dated_without):
        print("  +", "G" if any(d in s for d in dates) else " ", repr(s))
    for s in sorted(dated_without - dated_with):
        print("  -", repr(s))
    if args.show:
        for f in rendered[args.show]:
            if f not in with_cldr[args.show]:
                print("  missed:", repr(f))


if __name__ == "__main__":
    main()
