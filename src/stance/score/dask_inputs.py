"""What `--engine dask` reads: the inputs as pieces of files, one dask partition each.

A piece is a whole file or a run of its rows, so that one big file still keeps every
worker busy: a Parquet file is split between row groups (runs of whole row groups of at
most `chunksize` rows; a larger row group is a piece of its own), an uncompressed CSV
file every `chunksize` data rows (the client reads it once, with the csv module's C
reader, to find where those rows start: a quoted cell may span lines). The pieces keep
the order of the inputs as given (a folder's files and a glob's matches sorted, as the
local engine reads them), then the order of the rows, and know the first row's number
in their file for error messages. Inputs are local paths or URLs that fsspec reads
(`s3://...` with s3fs installed).

dask (and fsspec, which comes with it) is imported inside the functions that need it.
"""

from __future__ import annotations

import csv
import glob
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import InputError, StanceError
from stance.io import PAGE_SUFFIXES
from stance.score.inputs import Source, expand_inputs
from stance.tables import TABLE_SUFFIXES, long_cells, table_format

#: What `--engine dask` reads.
DASK_FORMATS = ("parquet", "csv")
#: The one-line error when dask is not installed.
NO_DASK = "--engine dask needs dask and distributed: pip install '.[dask]'"
#: How CSV cells are read: as the local engine reads them (`stance.tables`).
CSV_READ: dict[str, Any] = {
    "dtype": object,
    "keep_default_na": False,
    "sep": ",",
    "encoding": "utf-8",
    "encoding_errors": "surrogateescape",
}


def import_dask() -> Any:
    """`dask.dataframe`, or the one-line error naming the extra."""
    try:
        import dask.dataframe as dd  # lazily: an optional extra (`pip install '.[dask]'`)
    except ImportError:
        raise StanceError(NO_DASK) from None
    return dd


@dataclass(frozen=True)
class Piece:
    """One partition of the inputs: a file, or a run of its rows."""

    path: str  # a local path or a URL
    fmt: str  # parquet | csv
    first_row: int = 1  # the 1-based data row of its first row in the file
    rows: int | None = None  # its rows, when known before reading it
    row_groups: tuple[int, ...] | None = None  # Parquet: its row groups (None: all)
    start: int = 0  # CSV: the byte its first record starts at (0: the header's)
    end: int | None = None  # CSV: the byte after its last record (None: the file's end)
    names: tuple[str, ...] = field(default=(), compare=False)  # CSV: the header


def plan_pieces(paths: Sequence[str], chunksize: int) -> list[Piece]:
    """The inputs (files, folders, globs, URLs) as pieces, in input order."""
    import_dask()
    sources = [s for p in paths for s in _sources(p)]
    bad = [s.path for s in sources if s.kind != "table" or s.fmt not in DASK_FORMATS]
    if bad:
        raise InputError(
            "--engine dask reads Parquet or CSV files only",
            path=bad[0],
            fix="convert it, or score it with the local engine",
        )
    if len({s.fmt for s in sources}) > 1:
        raise InputError(
            "--engine dask reads inputs of one format at a time (Parquet and CSV given)",
            fix="score them separately",
        )
    pieces: list[Piece] = []
    first: list[str] = []  # the first file's columns
    for s in sources:
        split = _parquet_pieces if s.fmt == "parquet" else _csv_pieces
        columns, found = split(s.path, chunksize)
        if not first:
            first = columns
        elif set(columns) != set(first):
            raise InputError(
                f"has other columns ({', '.join(columns)}) than {pieces[0].path} "
                f"({', '.join(first)})",
                path=s.path,
                fix="score files of one layout together",
            )
        pieces.extend(found)
    return pieces


def read_piece(piece: Piece) -> pd.DataFrame:
    """A piece's rows, every cell as the local engine reads it (runs on a worker)."""
    import fsspec  # comes with dask

    if piece.fmt == "parquet":
        import pyarrow.parquet as pq  # lazily: only Parquet inputs need it

        with fsspec.open(piece.path, "rb") as f:
            pf = pq.ParquetFile(f)
            if piece.row_groups is None:
                return pf.read().to_pandas()
            return pf.read_row_groups(list(piece.row_groups)).to_pandas()
    try:
        return _read_csv(piece)
    except pd.errors.ParserError as exc:  # as `stance.tables.iter_table` says it
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if piece.start:  # pandas counts the lines of the piece
            first += f" (lines counted from data row {piece.first_row})"
        raise InputError(
            f"cannot parse as csv: {first}", path=piece.path, fix="check that the file is valid csv"
        ) from None


def _read_csv(piece: Piece) -> pd.DataFrame:
    import fsspec  # comes with dask

    with fsspec.open(piece.path, "rb", compression="infer") as f:
        if piece.start == 0 and piece.end is None:
            return pd.read_csv(f, **CSV_READ)
        f.seek(piece.start)
        data = io.BytesIO(f.read() if piece.end is None else f.read(piece.end - piece.start))
    if piece.start == 0:
        return pd.read_csv(data, **CSV_READ)
    return pd.read_csv(data, header=None, names=list(piece.names), **CSV_READ)


def empty_frame(piece: Piece) -> pd.DataFrame:
    """The columns and dtypes of a piece's file, without its rows."""
    import fsspec  # comes with dask

    if piece.fmt == "parquet":
        import pyarrow.parquet as pq  # lazily: only Parquet inputs need it

        with fsspec.open(piece.path, "rb") as f:
            return pq.ParquetFile(f).schema_arrow.empty_table().to_pandas()
    return pd.DataFrame({c: pd.Series(dtype=object) for c in piece.names})


def pieces_frame(pieces: Sequence[Piece]) -> Any:
    """The pieces as a dask DataFrame, a partition each, in their order (columns and
    dtypes stated from the first file, not inferred)."""
    dd = import_dask()
    return dd.from_map(read_piece, list(pieces), meta=empty_frame(pieces[0]))


def _parquet_pieces(path: str, chunksize: int) -> tuple[list[str], list[Piece]]:
    """A Parquet file's columns and pieces: runs of whole row groups of at most
    `chunksize` rows (a larger row group alone)."""
    import fsspec  # comes with dask
    import pyarrow.parquet as pq  # lazily: only Parquet inputs need it

    try:
        with fsspec.open(path, "rb") as f:
            pf = pq.ParquetFile(f)
            meta = pf.metadata
            columns = list(pf.schema_arrow.empty_table().to_pandas().columns)
    except Exception as exc:  # pyarrow raises several unrelated types for bad files
        raise InputError(f"cannot read as Parquet: {exc}", path=path) from None
    runs: list[list[int]] = []
    sizes: list[int] = []
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if runs and sizes[-1] + n <= chunksize:
            runs[-1].append(g)
            sizes[-1] += n
        else:
            runs.append([g])
            sizes.append(n)
    if len(runs) <= 1:
        return columns, [Piece(path, "parquet", rows=meta.num_rows)]
    pieces, row = [], 1
    for run, n in zip(runs, sizes, strict=True):
        pieces.append(Piece(path, "parquet", row, n, row_groups=tuple(run)))
        row += n
    return columns, pieces


def _csv_pieces(path: str, chunksize: int) -> tuple[list[str], list[Piece]]:
    """A CSV file's columns and pieces of `chunksize` data rows (a compressed file,
    which cannot be read from the middle, is one piece)."""
    import fsspec  # comes with dask

    try:
        with fsspec.open(path, "rb", compression="infer") as f:
            names = tuple(pd.read_csv(f, nrows=0, **CSV_READ).columns)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 near byte {exc.start}", path=path, fix="re-save the file as UTF-8"
        ) from None
    except pd.errors.EmptyDataError:
        raise InputError("file is empty", path=path, fix="give a file with a header row") from None
    if path.lower().endswith(".gz"):
        return list(names), [Piece(path, "csv", names=names)]
    try:
        starts, rows = _csv_starts(path, chunksize)
    except csv.Error:  # not CSV as the csv module reads it: one piece, as pandas reads it
        return list(names), [Piece(path, "csv", names=names)]
    bounds: list[int | None] = [0, *starts, None]
    pieces = [
        Piece(
            path,
            "csv",
            i * chunksize + 1,
            min(chunksize, rows - i * chunksize),
            start=bounds[i] or 0,
            end=bounds[i + 1],
            names=names,
        )
        for i in range(len(bounds) - 1)
    ]
    return list(names), pieces


def _csv_starts(path: str, every: int) -> tuple[list[int], int]:
    """The bytes where data rows every+1, 2*every+1, ... start in a CSV file, and its
    data rows: records as the csv module reads them (a quoted cell may span lines;
    blank lines skipped, as pandas skips them)."""
    import fsspec  # comes with dask

    starts: list[int] = []
    records = 0  # the header, then the data rows
    with fsspec.open(path, "rb") as raw, long_cells():
        offset = [0]
        before = 0
        for rec in csv.reader(_lines(raw, offset)):
            if rec:
                if records > 1 and (records - 1) % every == 0:
                    starts.append(before)
                records += 1
            before = offset[0]
    return starts, max(0, records - 1)


def _lines(raw: Any, offset: list[int]) -> Iterator[str]:
    """The lines of a binary file as text, `offset[0]` kept at the byte after the last
    one given (the csv reader takes a record's lines, no more)."""
    for line in raw:
        offset[0] += len(line)
        yield line.decode("utf-8", "surrogateescape")


def _sources(path: str) -> list[Source]:
    """The files of one input: a local path (`expand_inputs`), or a URL's files."""
    if "://" not in path:
        return expand_inputs(_globbed([path]))
    return [Source("table" if table_format(u) else "file", u, table_format(u)) for u in _urls(path)]


def url_fs(url: str) -> tuple[Any, str]:
    """The fsspec file system of a URL and the path on it; InputError when no
    installed package reads the URL's protocol."""
    import_dask()
    import fsspec  # comes with dask

    proto = url.split("://", 1)[0].split("::")[-1]
    if proto not in fsspec.available_protocols():
        raise InputError(
            f"no file system reads {proto}:// URLs",
            path=url,
            fix="give a local path, or a URL of a protocol fsspec knows (s3:// with s3fs)",
        )
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        pkg = getattr(exc.__cause__, "name", None) or str(exc)
        raise InputError(
            f"reading {proto}:// URLs needs {pkg}", path=url, fix=f"pip install {pkg}"
        ) from None


def _urls(url: str) -> list[str]:
    """The files a URL names, as URLs: a file, a folder's tables and pages (walked, as
    a local folder is) or a glob's matches, sorted."""
    fs, path = url_fs(url)
    try:
        if glob.has_magic(path) and not fs.exists(path):
            found = sorted(fs.glob(path))
            if not found:
                raise InputError("no file matches", path=url, fix="check the pattern")
        elif fs.isdir(path):
            found = sorted(f for f in fs.find(path) if _wanted(f))
            if not found:
                raise InputError("folder has no tables or pages", path=url, fix=_EMPTY_FIX)
        elif fs.isfile(path):
            found = [path]
        else:
            raise InputError("no such file or folder", path=url, fix="check the URL")
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=url, fix="check the URL") from None
    return [fs.unstrip_protocol(f) for f in found]


_EMPTY_FIX = "add .csv/.tsv/.jsonl/.parquet or .txt/.html files"


def _wanted(path: str) -> bool:
    """A folder's file that local inputs read too: a table or page name, not hidden."""
    name = path.rsplit("/", 1)[-1]
    suffixes = tuple(s.lower() for s in (*TABLE_SUFFIXES, *PAGE_SUFFIXES))
    return not name.startswith(".") and name.lower().removesuffix(".gz").endswith(suffixes)


def _globbed(paths: Sequence[str]) -> list[str]:
    """The paths with each glob (`comments/*.parquet`) replaced by its files, sorted."""
    out = []
    for p in paths:
        if glob.has_magic(p) and not Path(p).exists():
            found = sorted(glob.glob(p))
            if not found:
                raise InputError("no file matches", path=p, fix="check the pattern")
            out.extend(found)
        else:
            out.append(p)
    return out


__all__ = ["DASK_FORMATS", "NO_DASK", "Piece", "pieces_frame", "plan_pieces", "read_piece"]
