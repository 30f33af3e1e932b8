"""Tables: read by extension or by content (`iter_table`, `read_table`) and written in one
family (`write_table`, `write_part`, `join_parts`, `table_text`), with spreadsheet formulas
neutralised (`neutralise_cells`).

pandas is imported inside the functions that need it (see `stance.io`).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stance.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

from stance.io import HEAD_BYTES, atomic_write, check_text, opening, read_head, sniff_format

#: Table formats we read and write, by file extension.
TABLE_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: File extensions read as HTML (after stripping `.gz`); other pages are text dumps.


def table_format(path: str | Path) -> str | None:
    """Return the table format of a path by its extension (`.gz` ignored), or None."""
    p = Path(path)
    suffixes = [s.lower() for s in p.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return TABLE_SUFFIXES.get(suffixes[-1]) if suffixes else None


def read_table(path: str | Path, fmt: str | None = None) -> pd.DataFrame:
    """Read a whole CSV/TSV/JSONL/Parquet file into a DataFrame of strings where textual.

    Every column is read as text (no type guessing) so ids like `007` survive; empty
    cells become empty strings, not NaN.
    """
    import pandas as pd  # lazily: see the module's docstring

    return pd.concat(list(iter_table(path, fmt=fmt, chunksize=None)), ignore_index=True)


def iter_table(
    source: str | Path | IO[bytes],
    fmt: str | None = None,
    chunksize: int | None = 50_000,
    *,
    encoding_errors: str = "strict",
) -> Iterator[pd.DataFrame]:
    """Yield a table (a path, or a binary stream such as stdin) in chunks of at most
    `chunksize` rows (all at once when None).

    Memory stays bounded by the chunk size for CSV, TSV, JSONL and Parquet. CSV/TSV cells
    are Python strings; invalid UTF-8 is an error unless `encoding_errors` says otherwise
    ("surrogateescape" keeps the bytes so that a scorer can report the row). A path with
    no table extension is sniffed by content (`sniff_format`); gzip data is read as such
    whatever the file's name; binary data is the same InputError as for pages.
    """
    import pandas as pd  # lazily: see the module's docstring

    name, fmt, compression = _table_source(source, fmt)
    try:
        if fmt == "parquet":
            yield from _iter_parquet(source, name, chunksize)
        elif fmt == "jsonl":
            reader = pd.read_json(
                source,
                lines=True,
                dtype=False,
                chunksize=chunksize or 10**9,
                compression=compression,
            )
            for chunk in reader:
                yield chunk.astype(object).where(chunk.notna(), "")
        else:
            yield from _iter_delimited(source, fmt, chunksize, compression, encoding_errors)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 near byte {exc.start}", path=name, fix="re-save the file as UTF-8"
        ) from None
    except pd.errors.EmptyDataError:  # before ValueError, of which it is a subclass
        raise InputError("file is empty", path=name, fix="give a file with a header row") from None
    except (pd.errors.ParserError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(
            f"cannot parse as {fmt}: {first}", path=name, fix=f"check that the file is valid {fmt}"
        ) from None


def _table_source(
    source: str | Path | IO[bytes], fmt: str | None
) -> tuple[str | Path, str, str | None]:
    """(name for messages, format, compression) of a table, after checking that it is
    text (not binary) and, without a table extension, that its content is a table."""
    compression: str | None = None
    if not isinstance(source, (str, Path)):
        if fmt != "parquet" and getattr(source, "seekable", lambda: False)():
            pos = source.tell()
            head = source.read(HEAD_BYTES + 1)
            source.seek(pos)
            check_text(head[:HEAD_BYTES], "<stdin>", len(head) > HEAD_BYTES)
        name: str | Path = "<stdin>"
    else:
        name = Path(source)
        fmt = fmt or table_format(name)
        if fmt == "parquet":
            if not name.exists():
                raise InputError("no such file", path=name, fix="check the path")
        else:
            head, truncated, gzipped = read_head(name)
            compression = "gzip" if gzipped else None
            check_text(head, name, truncated)
            if fmt is None:
                fmt = sniff_format(head, truncated)
                if fmt == "page":
                    raise InputError(
                        "not a table: no header row with rows of as many fields",
                        path=name,
                        fix="use a .csv, .tsv, .jsonl or .parquet file",
                    )
    if fmt is None:
        raise InputError(
            "unknown table format", path=name, fix="use a .csv, .tsv, .jsonl or .parquet file"
        )
    return name, fmt, compression


@contextlib.contextmanager
def long_cells() -> Iterator[None]:
    """The csv module's readers take a cell of any length meanwhile (a long comment is
    one cell); the limit is put back after."""
    limit = csv.field_size_limit(sys.maxsize)
    try:
        yield
    finally:
        csv.field_size_limit(limit)


def count_rows(path: str | Path, fmt: str) -> int:
    """The data rows of a table file (gzipped or not) without loading it: CSV records as
    `iter_table` reads them (a quoted cell may span lines; blank lines are skipped),
    TSV and JSONL non-blank lines (TSV is read unquoted), Parquet's own count. The CSV
    header row is not counted."""
    p = Path(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq  # lazily: only Parquet inputs need it

        with opening(p):
            return int(pq.ParquetFile(p).metadata.num_rows)
    gzipped = read_head(p, 2)[2]
    with opening(p), gzip.open(p, "rb") if gzipped else open(p, "rb") as raw:
        if fmt == "csv":
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
            with long_cells():  # the csv module's C reader: about 100 MB/s
                records = sum(1 for rec in csv.reader(text) if rec)
        else:
            records = sum(1 for line in raw if line.strip())
    return max(0, records - (fmt != "jsonl"))


def _iter_delimited(
    source: str | Path | IO[bytes],
    fmt: str,
    chunksize: int | None,
    compression: str | None,
    encoding_errors: str,
) -> Iterator[pd.DataFrame]:
    import pandas as pd  # lazily: see the module's docstring

    kwargs: dict[str, Any] = {
        "dtype": object,
        "keep_default_na": False,
        "sep": "\t" if fmt == "tsv" else ",",
        "encoding": "utf-8",
        "encoding_errors": encoding_errors,
        "compression": compression,
    }
    if fmt == "tsv":
        kwargs["quoting"] = csv.QUOTE_NONE  # TSV files rarely quote
    if chunksize is None:
        yield pd.read_csv(source, **kwargs)
    else:
        yield from pd.read_csv(source, chunksize=chunksize, **kwargs)


def _iter_parquet(
    source: str | Path | IO[bytes], name: str | Path, chunksize: int | None
) -> Iterator[pd.DataFrame]:
    import pyarrow.parquet as pq  # imported here: only Parquet users pay for it

    try:
        pf = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises several unrelated types for bad files
        raise InputError(f"cannot read as Parquet: {exc}", path=name) from None
    if chunksize is None:
        yield pf.read().to_pandas()
        return
    for batch in pf.iter_batches(batch_size=chunksize):
        yield batch.to_pandas()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cells(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with a `'` before every text cell a spreadsheet would run as a formula (one
    starting with = + - @, a tab or a carriage return: OWASP's CSV-injection advice).

    Only text (object or string) columns are touched, so numbers stay numbers; `df` is
    returned as it is when no cell needs it, else a copy."""
    import pandas as pd  # lazily: see the module's docstring

    def risky(v: Any) -> bool:
        return isinstance(v, str) and v.startswith(FORMULA_STARTS)

    out = df
    for i in range(df.shape[1]):  # by position: column names may repeat
        col = df.iloc[:, i]
        if col.dtype != object and not pd.api.types.is_string_dtype(col):
            continue
        values = col.tolist()
        if any(map(risky, values)):
            out = df.copy() if out is df else out
            cells = [f"'{v}" if risky(v) else v for v in values]
            out.isetitem(i, pd.Series(cells, index=df.index, dtype=object))
    return out


def _safe(df: pd.DataFrame, fmt: str, raw_cells: bool) -> pd.DataFrame:
    """CSV/TSV cells neutralised (`neutralise_cells`) unless `raw_cells`."""
    return df if raw_cells or fmt not in ("csv", "tsv") else neutralise_cells(df)


def output_format(path: str | Path, fmt: str | None = None) -> str:
    """`fmt`, else the table format of an output path by its extension (InputError if
    it has none)."""
    fmt = fmt or table_format(path)
    if fmt is None:
        raise InputError(
            "unknown output format",
            path=path,
            fix="use a .csv, .tsv, .jsonl or .parquet extension",
        )
    return fmt


def write_table(
    df: pd.DataFrame, path: str | Path, fmt: str | None = None, *, raw_cells: bool = False
) -> None:
    """Write a DataFrame atomically in the format named by `path`'s extension.

    CSV/TSV text cells that a spreadsheet would run as formulas are neutralised (see
    `neutralise_cells`) unless `raw_cells`."""
    fmt = output_format(path, fmt)
    df = _safe(df, fmt, raw_cells)
    if fmt == "parquet":
        with atomic_write(path, "wb") as f:
            df.to_parquet(f, index=False)
    elif fmt == "jsonl":
        with atomic_write(path) as f:
            df.to_json(f, orient="records", lines=True, force_ascii=False)
    else:
        with atomic_write(path, newline="") as f:
            df.to_csv(f, index=False, sep="\t" if fmt == "tsv" else ",")


def table_text(df: pd.DataFrame, fmt: str, *, header: bool = True, raw_cells: bool = False) -> str:
    """CSV or JSONL text of a frame's rows, for stdout (a chunk at a time: `header` for
    the first). JSON numbers keep 15 digits (pandas rounds to 10 otherwise)."""
    df = _safe(df, fmt, raw_cells)
    if fmt == "jsonl":
        return (
            df.to_json(orient="records", lines=True, force_ascii=False, double_precision=15)
            if len(df)
            else ""
        )
    return df.to_csv(index=False, header=header, sep="\t" if fmt == "tsv" else ",")


def write_part(df: pd.DataFrame, path: str | Path, fmt: str, *, raw_cells: bool = False) -> None:
    """One chunk of a table's rows, atomically, in the output format: CSV/TSV parts have
    no header (`join_parts` writes it once); cells as `table_text` writes them."""
    df = _safe(df, fmt, raw_cells)
    if fmt == "parquet":
        import pyarrow.parquet as pq  # lazily: only Parquet output needs it

        with atomic_write(path, "wb") as f:
            pq.write_table(arrow_table(df), f)
    elif fmt == "csv":  # Arrow's CSV writer: ~4x pandas' speed; quotes every string cell
        import pyarrow.csv as pacsv  # lazily: as above

        with atomic_write(path, "wb") as f:
            pacsv.write_csv(arrow_table(df), f, pacsv.WriteOptions(include_header=False))
    else:  # JSONL, and TSV as write_table writes it (quoted only where needed)
        with atomic_write(path, newline="") as f:
            f.write(table_text(df, fmt, header=False, raw_cells=True))


def join_parts(parts: Sequence[Path], out: str | Path, fmt: str, columns: list[str]) -> None:
    """Join part files (`write_part`, in order) into `out`, atomically; CSV/TSV get the
    header row `columns`, an output without parts just the columns."""
    import pandas as pd  # lazily: see the module's docstring

    if fmt == "parquet":
        import pyarrow.parquet as pq  # lazily: only Parquet output needs it

        with atomic_write(out, "wb") as f:
            writer = None
            for p in parts:
                table = pq.read_table(p)
                if writer is None:
                    writer = pq.ParquetWriter(f, table.schema)
                writer.write_table(table.cast(writer.schema))
            if writer is None:
                pq.write_table(arrow_table(pd.DataFrame(columns=columns)), f)
            else:
                writer.close()
        return
    with atomic_write(out, "wb") as f:
        if fmt in ("csv", "tsv"):
            f.write(table_text(pd.DataFrame(columns=columns), fmt, raw_cells=True).encode())
        for p in parts:
            with open(p, "rb") as src:
                shutil.copyfileobj(src, f, 1 << 20)


def arrow_table(df: pd.DataFrame) -> Any:
    """An Arrow table with every non-numeric column as strings (None -> "")."""
    import pyarrow as pa  # lazily: only Parquet and CSV parts need it
    import pyarrow.compute as pc

    arrays = {}
    for c in df.columns:
        col = df[c]
        if col.dtype.kind in "fiub":
            arrays[str(c)] = pa.array(col.to_numpy())
            continue
        try:  # all strings or None: converted in C
            arr = pc.fill_null(
                pa.array(col.to_numpy(dtype=object), type=pa.string(), from_pandas=True), ""
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # other objects: as str()
            arr = pa.array(
                ["" if v is None else v if isinstance(v, str) else str(v) for v in col.tolist()],
                type=pa.string(),
            )
        arrays[str(c)] = arr
    return pa.table(arrays)
