"""The annotated pages' gold (`tests/pages/NAME.json`) and split comments in its shape,
for the tests that compare the two."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

#: A gold comment's fields, in the order the annotation files write them.
FIELDS = ("author", "posted_at", "text", "quoted", "parent")
#: The annotated pages.
PAGES = Path(__file__).resolve().parent / "pages"


def gold_of(path: Path) -> dict[str, Any]:
    """The annotation beside a page (`NAME.txt` or `NAME.html` -> `NAME.json`)."""
    return json.loads(path.with_suffix(".json").read_text("utf-8"))


def as_gold(comments: Any) -> list[dict[str, Any]]:
    """Split comments as the gold writes them: a dict of the five fields each."""
    return [{f: getattr(c, f) for f in FIELDS} for c in comments]


def fields(doc: Any) -> list[tuple]:
    """A split document's comments as tuples of the five gold fields, in FIELDS order."""
    return [tuple(getattr(c, f) for f in FIELDS) for c in doc.comments]


def brief(comments: list[dict[str, Any]]) -> list[tuple]:
    """Gold-shaped comments (`as_gold`, or a gold file's) as (author, date, text with its
    whitespace squashed): what a reading of a page's comments is compared by."""
    return [(c["author"], c["posted_at"], " ".join(c["text"].split())) for c in comments]


@cache
def split_page(path: Path) -> Any:
    """An annotated page split as its suffix says: `NAME.html` by the HTML engine, any
    other by the text engine (its stem the document's id). Cached for the test session:
    the floors and the title test read the same thousand pages (do not mutate it)."""
    from stance.split.html import split_html
    from stance.split.text import split_text

    split = split_html if path.suffix == ".html" else split_text
    return split(path.read_text("utf-8"), path.stem)
