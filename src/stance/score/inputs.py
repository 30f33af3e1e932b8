"""What `stance score` reads: inputs, chunks of rows, and the check of every row.

Inputs are tables (CSV, TSV, JSONL, Parquet; gzipped too), pages (text dumps and HTML,
split into comments by `stance.split` first), folders of either, and `-` (stdin, its
format sniffed by content unless given). Tables are read in chunks of `chunksize` rows,
so memory is bounded by a few chunks whatever the input size.

Rows that cannot be scored (empty or whitespace text, a cell that is not a string, text
over `max_chars`, invalid UTF-8) stop the run with an error naming the row
(`on_error="fail"`), or (`on_error="mark"`) come out unscored with the reason in an
`error` column and action `review`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from stance.errors import InputError
from stance.io import PAGE_SUFFIXES, expand_paths, read_stdin, sniff_format
from stance.split.document import comments_frame
from stance.split.files import split_bytes, split_paths
from stance.tables import TABLE_SUFFIXES, iter_table, table_format

_SURROGATES = re.compile("[\ud800-\udfff]")
#: Leading bytes of stdin that its format is sniffed from.
SNIFF_BYTES = 1 << 16


@dataclass
class ScoreOptions:
    """How to read inputs and handle bad rows (the CLI's options)."""

    text_col: str = "text"
    id_col: str | None = None
    target: str | None = None
    target_col: str | None = None
    on_error: str = "fail"
    max_chars: int = 100_000
    raw_cells: bool = False  # CSV/TSV: keep cells a spreadsheet would run as formulas
    chunksize: int = 10_000
    jobs: int = 2
    stdin_format: str | None = None  # csv | tsv | jsonl | parquet | page; None: sniff


@dataclass
class Source:
    """One input: a table file, a page file or stdin."""

    kind: str  # "table" | "page" | "stdin"
    path: str  # "-" = stdin
    fmt: str | None = None


def _page_frame(docs: list[Any]) -> pd.DataFrame:
    """The comments of split pages as rows (the labelling shape, empty label columns dropped)."""
    frame = comments_frame(docs)
    # the labelling shape's empty label columns would clash with the scores
    return frame.drop(
        columns=[c for c in ("stance", "tone") if c in frame.columns and (frame[c] == "").all()]
    )


def expand_inputs(paths: Sequence[str]) -> list[Source]:
    """The files of `paths` (folders walked for tables and pages), each a table (by its
    extension), a page, or stdin (`-`)."""
    found = expand_paths(
        paths,
        (*TABLE_SUFFIXES, *PAGE_SUFFIXES),
        empty=(
            "folder has no tables or pages",
            "add .csv/.tsv/.jsonl/.parquet or .txt/.html files",
        ),
    )
    out = []
    for p in found:
        fmt = table_format(p) if p != "-" else None
        out.append(Source("stdin" if p == "-" else "table" if fmt else "page", p, fmt))
    return out


@dataclass
class Chunk:
    """Consecutive rows of one input, numbered across all inputs."""

    index: int
    source: str
    first_row: int  # 1-based data row of the chunk's first row in its source
    frame: pd.DataFrame


def iter_chunks(
    paths: Sequence[str],
    options: ScoreOptions,
    stdin: Any = None,
    warnings: list[str] | None = None,
) -> Iterator[Chunk]:
    """The inputs as numbered chunks of rows, in input order (pages' split warnings are
    added to `warnings`)."""
    index = 0
    for src in expand_inputs(paths):
        row = 1
        for frame in _frames(src, options, stdin, warnings):
            frame = frame.reset_index(drop=True)
            yield Chunk(index, src.path if src.path != "-" else "<stdin>", row, frame)
            index += 1
            row += len(frame)


def _frames(
    src: Source, options: ScoreOptions, stdin: Any, warnings: list[str] | None
) -> Iterator[pd.DataFrame]:
    """One input's rows in chunks: a table's as read, a page's comments."""
    if src.kind == "table":
        yield from _table_chunks(src.path, src.fmt or "csv", options.chunksize)
        return
    if src.kind == "stdin":
        data = read_stdin(stdin)
        head = data[:SNIFF_BYTES]
        fmt = options.stdin_format or sniff_format(head, len(data) > len(head))
        if fmt != "page":
            yield from _table_chunks(io.BytesIO(data), fmt, options.chunksize)
            return
        doc = split_bytes(data, "stdin", None, "-")
        docs, warns = [doc], doc.warnings
    else:
        docs, warns = split_paths([src.path])
    if warnings is not None:
        warnings.extend(warns)
    page = _page_frame(docs)
    for i in range(0, max(len(page), 1), options.chunksize):
        yield page.iloc[i : i + options.chunksize]


def _table_chunks(source: Any, fmt: str, chunksize: int) -> Iterator[pd.DataFrame]:
    """Table chunks with every cell as read (CSV/TSV: str, invalid UTF-8 kept escaped so
    the row can be reported instead of the whole file failing)."""
    yield from iter_table(source, fmt=fmt, chunksize=chunksize, encoding_errors="surrogateescape")


def has_surrogates(values: Sequence[Any]) -> bool:
    """Whether any string among values holds an escaped undecodable byte (a surrogate);
    one C-level encode of the whole batch instead of a regex search per cell."""
    try:
        "".join(v for v in values if isinstance(v, str)).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def row_errors(values: Sequence[Any], max_chars: int) -> list[str]:
    """The reason each text cannot be scored ('' when it can)."""
    check_utf8 = has_surrogates(values)
    # the usual chunk has no bad row: make sure of that with C-level passes first
    if (
        not check_utf8
        and all(type(v) is str for v in values)
        and all(map(str.strip, values))
        and max(map(len, values), default=0) <= max_chars
    ):
        return [""] * len(values)
    out = []
    for v in values:
        if not isinstance(v, str):
            kind = (
                "empty (null)"
                if v is None or (isinstance(v, float) and v != v)
                else (f"a {type(v).__name__}, not a string")
            )
            out.append(f"text is {kind}")
        elif not v.strip():
            out.append("text is empty" if not v else "text is only whitespace")
        elif len(v) > max_chars:
            out.append(
                f"text has {len(v):,} characters, over the limit of {max_chars:,} "
                "(raise it with --max-chars)"
            )
        elif check_utf8 and _SURROGATES.search(v):
            out.append("text is not valid UTF-8 (undecodable bytes shown as U+FFFD)")
        else:
            out.append("")
    return out


def clean_cell(v: Any) -> Any:
    """A cell with its escaped undecodable bytes (surrogates) shown as U+FFFD."""
    if isinstance(v, str) and _SURROGATES.search(v):
        return (
            v.encode("utf-8", "surrogateescape")
            .decode("utf-8", "replace")
            .encode("utf-8", "replace")
            .decode("utf-8")
        )
    return v


def check_columns(chunk: Chunk, options: ScoreOptions) -> None:
    """Raise InputError when a column the options name is missing from the chunk."""
    cols = list(chunk.frame.columns)
    for opt, name in (
        ("--text-col", options.text_col),
        ("--target-col", options.target_col),
        ("--id-col", options.id_col),
    ):
        if name is not None and name not in cols:
            raise InputError(
                f"no column {name!r} (columns: {', '.join(map(str, cols))})",
                path=chunk.source,
                fix=f"pass {opt} with one of the columns",
            )


def fail_on_bad_rows(chunk: Chunk, options: ScoreOptions) -> None:
    """Raise InputError naming the chunk's first row that cannot be scored."""
    errors = row_errors(chunk.frame[options.text_col].tolist(), options.max_chars)
    for i, e in enumerate(errors):
        if e:
            ident = ""
            if options.id_col is not None:
                ident = f" (id {chunk.frame[options.id_col].iat[i]})"
            raise InputError(
                f"{e}{ident}",
                path=chunk.source,
                row=chunk.first_row + i,
                fix="fix or drop the row, or pass --on-error mark to keep it "
                "unscored with an error column",
            )


def resolve_options(options: ScoreOptions, chunk: Chunk) -> ScoreOptions:
    """Per-source defaults: an `id` column names rows, a `target` column gives targets."""
    cols = set(chunk.frame.columns)
    opts = ScoreOptions(**options.__dict__)
    if opts.id_col is None and "id" in cols:
        opts.id_col = "id"
    if opts.target is None and opts.target_col is None and "target" in cols:
        opts.target_col = "target"
    return opts


def estimate_rows(paths: Sequence[str]) -> int | None:
    """A quick row count for the progress bar (lines for text tables), None if unknown."""
    total = 0
    try:
        for src in expand_inputs([p for p in paths if p != "-"]):
            if src.kind != "table":
                continue
            if src.fmt == "parquet":
                import pyarrow.parquet as pq  # lazily: only Parquet inputs need it

                total += pq.ParquetFile(src.path).metadata.num_rows
                continue
            if src.path.endswith(".gz"):
                return None
            with open(src.path, "rb") as f:
                lines = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
            total += max(0, lines - (src.fmt != "jsonl"))
    except (OSError, InputError):
        return None
    return total or None
