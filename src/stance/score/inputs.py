"""What `stance score` reads: inputs, chunks of rows, and the check of every row.

Inputs are tables (CSV, TSV, JSONL, Parquet; gzipped too), pages (text dumps and HTML,
split into comments by `stance.split` first), folders of either, and `-` (stdin). A file
whose name does not say its format (.txt, none, .gz alone), a pipe and stdin are
sniffed by content (`sniff_format`; stdin unless --stdin-format is given). Tables are
read in chunks of `chunksize` rows, so memory is bounded by a few chunks whatever the
input size.

Rows that cannot be scored (empty or whitespace text, a cell that is not a string, text
over `max_chars`, invalid UTF-8) stop the run with an error naming the row
(`on_error="fail"`), or (`on_error="mark"`) come out unscored with the reason in an
`error` column and action `review`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import InputError
from stance.io import (
    HTML_SUFFIXES,
    PAGE_SUFFIXES,
    expand_paths,
    read_bytes,
    read_head,
    read_stdin,
    sniff_format,
)
from stance.tables import TABLE_SUFFIXES, count_rows, iter_table, table_format

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
    fmt: str | None = None  # a table's format; "page": a page by content (None: by name)


def _page_frame(docs: list[Any]) -> pd.DataFrame:
    """The comments of split pages as rows (the labelling shape, empty label columns dropped)."""
    from stance.split.document import comments_frame  # see `_frames`

    frame = comments_frame(docs)
    # the labelling shape's empty label columns would clash with the scores
    return frame.drop(
        columns=[c for c in ("stance", "tone") if c in frame.columns and (frame[c] == "").all()]
    )


def expand_inputs(paths: Sequence[str]) -> list[Source]:
    """The files of `paths` (folders walked for tables and pages), each a table, a page,
    or stdin (`-`). A table or HTML extension says what a file is; any other name (.txt,
    none, .gz alone) is sniffed by content (`sniff_format`), as stdin is."""
    found = expand_paths(
        paths,
        (*TABLE_SUFFIXES, *PAGE_SUFFIXES),
        empty=(
            "folder has no tables or pages",
            "add .csv/.tsv/.jsonl/.parquet or .txt/.html files",
        ),
    )
    return [_source(p) for p in found]


def _source(path: str) -> Source:
    if path == "-" or not Path(path).is_file():  # a pipe (`<(zcat f.gz)`) is read once
        return Source("stdin", path)
    fmt = table_format(path)
    if fmt is not None:
        return Source("table", path, fmt)
    if path.lower().removesuffix(".gz").endswith(HTML_SUFFIXES):
        return Source("page", path)
    head, truncated, _ = read_head(path, SNIFF_BYTES)  # as much as stdin is sniffed from
    fmt = sniff_format(head, truncated)
    return Source("page", path, "page") if fmt == "page" else Source("table", path, fmt)


@dataclass
class Chunk:
    """Consecutive rows of one input, numbered across all inputs."""

    index: int
    source: str
    first_row: int  # 1-based data row of the chunk's first row in its source
    frame: pd.DataFrame


#: What an input that gives no rows is, by kind.
NO_ROWS = {"page": "no comments found in the page", "table": "no rows below the header"}


def iter_chunks(
    paths: Sequence[str],
    options: ScoreOptions,
    stdin: Any = None,
    warnings: list[str] | None = None,
    empty: list[tuple[str, str]] | None = None,
) -> Iterator[Chunk]:
    """The inputs as numbered chunks of rows, in input order (pages' split warnings are
    added to `warnings`; each input that gives no row to `empty`, as (name, NO_ROWS))."""
    index = 0
    for src in expand_inputs(paths):
        row = 1
        name = src.path if src.path != "-" else "<stdin>"
        for frame in _frames(src, options, stdin, warnings):
            frame = frame.reset_index(drop=True)
            yield Chunk(index, name, row, frame)
            index += 1
            row += len(frame)
        if row == 1 and empty is not None:
            page = src.kind == "page" or src.fmt == "page"
            empty.append((name, NO_ROWS["page" if page else "table"]))


def no_rows_warnings(rows: int, empty: list[tuple[str, str]]) -> list[str]:
    """A warning for each input that gave no row (`empty`, from `iter_chunks`); an
    InputError when the run has no `rows` at all, so that it never ends with 0 rows."""
    if rows or not empty:
        return [f"{name}: {what}; nothing scored from it" for name, what in empty]
    if len(empty) > 1:
        listed = "; ".join(f"{name}: {what}" for name, what in empty)
        raise InputError(f"no rows to score in any input ({listed})")
    name, what = empty[0]
    if what == NO_ROWS["table"]:
        fix = "give a table with rows"
    elif name == "<stdin>":
        fix = "if it is a table, pass --stdin-format csv, tsv, jsonl or parquet"
    else:
        fix = (
            f"`stance split {name}` shows how the page splits; a table needs a .csv, "
            ".tsv, .jsonl or .parquet name, or a header row of two or more columns"
        )
    raise InputError(f"{what}, nothing to score", path=name, fix=fix)


def _frames(
    src: Source, options: ScoreOptions, stdin: Any, warnings: list[str] | None
) -> Iterator[pd.DataFrame]:
    """One input's rows in chunks: a table's as read, a page's comments."""
    if src.kind == "table":
        yield from _table_chunks(src.path, src.fmt or "csv", options.chunksize)
        return
    # the splitter is imported here, for pages: its patterns take 20 ms to import, which a
    # run of table files need not pay
    from stance.split.files import document_id, split_bytes, split_paths

    if src.kind == "stdin":
        if src.path == "-":
            data, fmt, doc_id = read_stdin(stdin), options.stdin_format, "stdin"
        else:
            data, fmt, doc_id = read_bytes(src.path), table_format(src.path), None
        head = data[:SNIFF_BYTES]
        fmt = src.fmt = fmt or sniff_format(head, len(data) > len(head))
        if fmt != "page":
            yield from _table_chunks(io.BytesIO(data), fmt, options.chunksize)
            return
        doc = split_bytes(data, doc_id or document_id(src.path), None, src.path)
        docs, warns = [doc], doc.warnings
    elif src.fmt == "page":  # sniffed as a page: split as it is, not sniffed again
        doc = split_bytes(
            read_bytes(src.path), document_id(src.path), src.path, Path(src.path).name
        )
        docs, warns = [doc], doc.warnings
    else:  # a page by its name (.html): split as `stance split` splits it
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


def row_targets(frame: pd.DataFrame, opts: ScoreOptions) -> list[str | None]:
    """Each row's stance target: the option's, the target column's (blank: none)."""
    if opts.target is not None:
        return [opts.target] * len(frame)
    if opts.target_col is not None:
        return [
            t if isinstance(t, str) and t.strip() else None for t in frame[opts.target_col].tolist()
        ]
    return [None] * len(frame)


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
    """The rows the inputs hold, for the progress bar (`count_rows`: CSV records, not
    lines); None when unknown (stdin, a page, a file that cannot be counted)."""
    if "-" in paths:
        return None
    total = 0
    try:
        for src in expand_inputs(paths):
            if src.kind != "table" or src.fmt is None:
                return None
            total += count_rows(src.path, src.fmt)
    except (OSError, ValueError, csv.Error, InputError):  # ValueError: pyarrow's too
        return None
    return total
