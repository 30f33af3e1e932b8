"""Reading and writing files: the one place for the jobs every command shares.

Paths (`expand_paths`: folders walked for the known suffixes), content (`sniff_format`,
`is_html`, `looks_binary`), stdin (`read_stdin`), decoding, tables read by extension or
by content (`iter_table`) and written in one family (`write_table`, `write_part`,
`join_parts`, `table_text`), atomic writes and sha256.

pandas is imported inside the functions that need it, so that `import stance.io` stays
cheap for the commands that only read text (`stance split` of a plain-text page).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stance.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

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
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
#: Extensions of pages (text dumps and HTML) that a folder walk picks up.
PAGE_SUFFIXES = (".txt", ".text", ".md", *HTML_SUFFIXES)


#: How many leading bytes `looks_binary` and `sniff_format` look at.
HEAD_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"

#: Bytes that text in UTF-8 or cp1252 hardly ever holds: C0 controls other than tab,
#: newline, vertical tab, form feed and carriage return; DEL; the bytes cp1252 leaves
#: undefined. Random bytes are about 13% these.
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127, 0x81, 0x8D, 0x8F, 0x90, 0x9D])


def looks_binary(head: bytes, truncated: bool = False) -> bool:
    """Whether a file's first bytes are not text: a NUL byte, or bytes that are not UTF-8
    with a share of control bytes that no UTF-8 or cp1252 text has.

    `truncated`: `head` is a prefix of a longer file, so its last character may be cut.
    Every command that reads a file asks this one question, so a binary file gets one
    message (`check_text`) whichever command reads it.
    """
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if truncated and exc.end == len(head) and exc.start >= len(head) - 3:
            return False  # only the last character was cut by the prefix
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(head)


def check_text(head: bytes, path: str | Path, truncated: bool = False) -> None:
    """Raise the one "binary file" InputError when `head` does not look like text."""
    if looks_binary(head, truncated):
        raise InputError(
            "looks like a binary file, not text",
            path=path,
            fix="pass a UTF-8 text, HTML, CSV, JSONL or Parquet file",
        )


def sniff_format(head: bytes, truncated: bool = False) -> str:
    """The format of a file from its first (gunzipped) bytes, by content, not by name:
    "parquet", "jsonl", "csv", "tsv" or "page" (a text dump or an HTML page).

    A table is a header of at least two distinct, short column names followed by rows
    that all have as many fields (quoted cells may span lines); pages have paragraphs of
    varying shape. `truncated`: `head` is a prefix, so its last record may be cut.
    """
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff").lstrip()
    low = text[:2000].lower()
    if text.startswith("<") and any(m in low for m in ("<html", "<!doctype", "<body")):
        return "page"
    first = text.split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            obj = json.loads(first)
        except ValueError:
            obj = None
        if isinstance(obj, dict) or (obj is None and first.startswith('{"') and "\n" not in text):
            return "jsonl"
    for delimiter, kind in ((",", "csv"), ("\t", "tsv")):
        if _is_table(text, delimiter, truncated):
            return kind
    return "page"


def is_html(name: str, text: str) -> bool:
    """Whether a page is HTML: by its name (`HTML_SUFFIXES`, `.gz` ignored), else by its
    first characters (a doctype, `<html` or a `<body` tag)."""
    if name.lower().removesuffix(".gz").endswith(HTML_SUFFIXES):
        return True
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _is_table(text: str, delimiter: str, truncated: bool, max_records: int = 50) -> bool:
    quoting = csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    records: list[list[str]] = []
    try:
        for rec in csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting):
            if any(cell.strip() for cell in rec):  # blank lines are skipped, as pandas does
                records.append(rec)
            if len(records) > max_records:
                break
    except csv.Error:
        return False
    if truncated and len(records) <= max_records:
        records = records[:-1]  # the prefix may cut the last record
    if len(records) < 2:
        return False
    header = [name.strip() for name in records[0]]
    if (
        len(header) < 2
        or not all(header)
        or len(set(header)) != len(header)
        or any(len(name) > 64 for name in header)
    ):
        return False
    return all(len(rec) == len(header) for rec in records[1:])


@contextlib.contextmanager
def opening(p: Path) -> Iterator[None]:
    """Turn the errors of opening and gunzipping `p` into one-line InputErrors."""
    try:
        yield
    except FileNotFoundError:
        raise InputError("no such file", path=p, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path=p) from None
    except PermissionError:
        raise InputError("permission denied", path=p, fix="check the file's permissions") from None
    except (gzip.BadGzipFile, EOFError) as exc:  # EOFError: a truncated gzip stream
        raise InputError(f"corrupt gzip data ({exc})", path=p) from None


def read_head(path: str | Path, n: int = HEAD_BYTES) -> tuple[bytes, bool, bool]:
    """The first `n` bytes of a file, gunzipped when it is gzip data (whatever its name);
    return (head, truncated, gzipped)."""
    p = Path(path)
    with opening(p):
        with open(p, "rb") as f:
            raw = f.read(n + 1)
        if raw[:2] == GZIP_MAGIC:
            with gzip.open(p, "rb") as g:
                raw = g.read(n + 1)
            return raw[:n], len(raw) > n, True
    return raw[:n], len(raw) > n, False


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, list[str]]:
    """Decode text as UTF-8, falling back to cp1252; return (text, warnings).

    A leading byte-order mark is dropped. Bytes that are invalid in both encodings are
    replaced, with a warning naming the file, so that nothing stops the run. Binary data
    (`looks_binary`) is an InputError.
    """
    warnings: list[str] = []
    check_text(data[:HEAD_BYTES], path, truncated=len(data) > HEAD_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
            warnings.append(f"{path}: not valid UTF-8 (byte {exc.start}); read as cp1252")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace")
            warnings.append(f"{path}: neither UTF-8 nor cp1252; undecodable bytes replaced")
    return text.removeprefix("\ufeff"), warnings


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, transparently gunzipping `.gz` files."""
    p = Path(path)
    with opening(p):
        raw = p.read_bytes()
        if raw[:2] == GZIP_MAGIC:
            raw = gzip.decompress(raw)
    return raw


def read_stdin(stdin: IO[Any] | None = None) -> bytes:
    """All of standard input (or of `stdin`, a binary or text stream) as bytes."""
    raw = (stdin if stdin is not None else sys.stdin.buffer).read()
    return raw.encode("utf-8") if isinstance(raw, str) else raw


def expand_paths(
    paths: Iterable[str | Path],
    suffixes: Sequence[str],
    *,
    empty: tuple[str, str] | None,
    recursive: bool = True,
    hidden: bool = False,
) -> list[str]:
    """The files named by `paths`, in order, each folder replaced by its files whose name
    ends in one of `suffixes` (`.gz` too), sorted; `-` (stdin) is kept as it is.

    `empty`: the (message, fix) of the InputError for a folder with no such file (None:
    no error); `recursive`: walk sub-folders too; `hidden`: keep files whose name starts
    with a dot. A path that does not exist is an InputError.
    """
    wanted = tuple(s.lower() for s in suffixes)
    out: list[str] = []
    for p in map(str, paths):
        path = Path(p)
        if p == "-" or (path.exists() and not path.is_dir()):  # pipes and devices too
            out.append(p)
            continue
        if not path.exists():
            raise InputError("no such file or folder", path=path, fix="check the path")
        found = [
            str(f)
            for f in sorted(path.rglob("*") if recursive else path.iterdir())
            if f.is_file()
            and (hidden or not f.name.startswith("."))
            and f.name.lower().removesuffix(".gz").endswith(wanted)
        ]
        if not found and empty is not None:
            raise InputError(empty[0], path=path, fix=empty[1])
        out.extend(found)
    return out


def file_sha256(*paths: str | Path, extra: bytes = b"") -> str:
    """Hex sha256 of the files' bytes, in order, followed by `extra`; read in 1 MiB blocks."""
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
    h.update(extra)
    return h.hexdigest()


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


@contextlib.contextmanager
def atomic_write(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success rename it over `path`.

    Readers never see a half-written file, and a failed run leaves any old file intact.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        # mkstemp makes the file private (0600); give it the permissions a plain open()
        # would, so other users and tools can read what we write.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if "b" in mode:
            f = os.fdopen(fd, mode)
        else:
            f = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# ---- writing tables ---------------------------------------------------------------------

#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
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
            pq.write_table(_arrow(df), f)
    elif fmt == "csv":  # Arrow's CSV writer: ~4x pandas' speed; quotes every string cell
        import pyarrow.csv as pacsv  # lazily: as above

        with atomic_write(path, "wb") as f:
            pacsv.write_csv(_arrow(df), f, pacsv.WriteOptions(include_header=False))
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
                pq.write_table(_arrow(pd.DataFrame(columns=columns)), f)
            else:
                writer.close()
        return
    with atomic_write(out, "wb") as f:
        if fmt in ("csv", "tsv"):
            f.write(table_text(pd.DataFrame(columns=columns), fmt, raw_cells=True).encode())
        for p in parts:
            with open(p, "rb") as src:
                shutil.copyfileobj(src, f, 1 << 20)


def _arrow(df: pd.DataFrame) -> Any:
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
