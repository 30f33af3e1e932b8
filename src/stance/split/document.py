"""What a split gives: `Document`, its `Segment`s and `Comment`s, and their renderers.

The split is lossless: the segments of a `Document` tile its text, every character in
exactly one segment, so `Document.rebuild()` returns the input. For plain text the input
is the file itself. For HTML the "text" is the one we extract (title, article
paragraphs, then the comment section's text): markup, scripts and navigation trafilatura
drops never become text, so losslessness holds for the extracted text, which
`Document.rebuild()` returns and `Document.text` keeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from stance.errors import InputError


@dataclass(frozen=True)
class Comment:
    """One reader comment: a stable id (document id + ordinal) and what the page shows.

    `quoted` is the text of the comment it quotes ("> ..." lines, "Jo wrote:" and the
    paragraph under it), which is not part of `text`; `parent` the ordinal of the comment
    it answers, where the page shows nesting or "Replying to Jo".
    """

    id: str
    ordinal: int
    author: str | None
    posted_at: str | None
    location: str | None
    text: str
    quoted: str | None = None
    parent: int | None = None


@dataclass
class Segment:
    """A span of the document's text: `text == document.text[start:end]`.

    `kind` is "title", "editorial", "boilerplate", "comment" or "comment_meta".
    `comment` is the ordinal of the comment a "comment"/"comment_meta" segment (or a
    "boilerplate" button inside a comment) belongs to, else None.
    """

    kind: str
    start: int
    end: int
    text: str
    comment: int | None = None


#: A kinded span of a text: (start, end, kind, comment ordinal or None).
Span = tuple[int, int, str, int | None]


def tile(text: str, spans: list[Span]) -> list[Segment]:
    """Segments that tile `text`: the spans in order (one overlapping an earlier one is
    dropped), abutting spans of one kind and comment as one segment, boilerplate in the
    gaps; what a reader that finds its parts by offset (`disqusxml`, `mbox`) returns."""
    out: list[Segment] = []
    pos = 0
    for start, end, kind, n in sorted(spans):
        if start < pos or end <= start:
            continue
        if start > pos:
            out.append(Segment("boilerplate", pos, start, text[pos:start]))
        last = out[-1] if out else None
        if last and last.end == start and (last.kind, last.comment) == (kind, n):
            out[-1] = Segment(kind, last.start, end, text[last.start : end], n)
        else:
            out.append(Segment(kind, start, end, text[start:end], n))
        pos = end
    if pos < len(text):
        out.append(Segment("boilerplate", pos, len(text), text[pos:]))
    return out


@dataclass
class Document:
    """A split page. Its segments tile its text, so `rebuild()` gives the input back."""

    id: str
    source: str | None
    title: str | None
    segments: list[Segment]
    comments: list[Comment]
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The whole text the segments cover (the input, or the text extracted from HTML)."""
        return self.rebuild()

    def _parts(self, kind: str) -> list[str]:
        return [s.text.strip() for s in self.segments if s.kind == kind and s.text.strip()]

    @property
    def editorial(self) -> list[str]:
        """Editorial paragraphs, stripped, in page order."""
        return self._parts("editorial")

    @property
    def boilerplate(self) -> list[str]:
        """Boilerplate pieces (navigation, captions, buttons, headers), stripped."""
        return self._parts("boilerplate")

    def rebuild(self) -> str:
        """Concatenate the segments: equals the split text exactly."""
        return "".join(s.text for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the `--format jsonl` line)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "editorial": self.editorial,
            "boilerplate": self.boilerplate,
            "comments": [asdict(c) for c in self.comments],
            "segments": [asdict(s) for s in self.segments],
        }


# ---- renderers ----------------------------------------------------------------------------


def comments_frame(docs: Iterable[Document]) -> Any:
    """One row per comment in the labelling shape: id, article, author, posted_at, the
    id of the comment it answers (`parent`) and the text it quotes (`quoted`), text, and
    empty target, stance and tone columns ready to be labelled."""
    import pandas as pd  # lazy: splitting and the summary/jsonl output need no pandas

    from stance.labels import SPLIT_COLUMNS  # lazy with pandas: labels imports it

    rows = []
    for d in docs:
        ids = {c.ordinal: c.id for c in d.comments}
        rows += [
            {
                "id": c.id,
                "article": d.title or d.id,
                "author": c.author or "",
                "posted_at": c.posted_at or "",
                "parent": ids.get(c.parent, "") if c.parent else "",
                "quoted": c.quoted or "",
                "text": c.text,
                "target": "",
                "stance": "",
                "tone": "",
            }
            for c in d.comments
        ]
    return pd.DataFrame(rows, columns=list(SPLIT_COLUMNS))


def summary_lines(docs: Iterable[Document]) -> list[str]:
    """A readable summary: per document its title, part counts and comments."""
    lines: list[str] = []
    for d in docs:
        lines.append(
            f"{d.id}: {len(d.editorial)} editorial paragraphs, "
            f"{len(d.boilerplate)} boilerplate, {len(d.comments)} comments"
        )
        if d.title:
            lines.append(f"  title: {d.title}")
        for c in d.comments:
            place = f"from {c.location}" if c.location else None
            answers = f"reply to [{c.parent}]" if c.parent else None
            who = ", ".join(x for x in (c.author, place, c.posted_at, answers) if x) or "no header"
            snippet = " ".join(c.text.split())
            snippet = snippet if len(snippet) <= 70 else snippet[:67] + "..."
            lines.append(f"  [{c.ordinal}] {who}: {snippet}")
    return lines


#: Output formats of `stance split`.
FORMATS = ("summary", "jsonl", "csv")


def render(docs: list[Document], fmt: str) -> str:
    """Render split documents as `summary` text, `jsonl` (one record per document) or
    `csv` (one row per comment in the labelling shape)."""
    if fmt == "summary":
        return "".join(line + "\n" for line in summary_lines(docs))
    if fmt == "jsonl":
        return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs)
    if fmt == "csv":
        return comments_frame(docs).to_csv(index=False, lineterminator="\n")
    raise InputError(f"unknown format {fmt!r}", fix="use " + ", ".join(FORMATS))


def format_for(out: str | None, fmt: str | None) -> str:
    """The output format: as given, else from `out`'s extension, else the summary."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}", fix="use " + ", ".join(FORMATS))
        return fmt
    suffix = Path(out).suffix.lower() if out else ""
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(suffix, "summary")
