"""Reading and writing files: decoding, sniffing, tables by extension, atomic writes."""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

from stance.errors import InputError

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


def read_text(path: str | Path) -> tuple[str, list[str]]:
    """Read a text file (optionally gzipped) with `decode_bytes`; return (text, warnings)."""
    return decode_bytes(read_bytes(path), path)


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
    compression: str | None = None
    if isinstance(source, (str, Path)):
        name: str | Path = Path(source)
        fmt = fmt or table_format(name)
        if fmt != "parquet":
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
        elif not name.exists():
            raise InputError("no such file", path=name, fix="check the path")
    else:
        name = "<stdin>"
        if fmt != "parquet" and getattr(source, "seekable", lambda: False)():
            pos = source.tell()
            head = source.read(HEAD_BYTES + 1)
            source.seek(pos)
            check_text(head[:HEAD_BYTES], name, len(head) > HEAD_BYTES)
    if fmt is None:
        raise InputError(
            "unknown table format", path=name, fix="use a .csv, .tsv, .jsonl or .parquet file"
        )
    try:
        if fmt == "parquet":
            yield from _iter_parquet(source, name, chunksize)
            return
        if fmt == "jsonl":
            reader = pd.read_json(
                source,
                lines=True,
                dtype=False,
                chunksize=chunksize or 10**9,
                compression=compression,
            )
            for chunk in reader:
                yield chunk.astype(object).where(chunk.notna(), "")
            return
        kwargs: dict[str, Any] = {
            "dtype": object,
            "keep_default_na": False,
            "sep": "\t" if fmt == "tsv" else ",",
            "encoding": "utf-8",
            "encoding_errors": encoding_errors,
            "compression": compression,
        }
        if fmt == "tsv":
            kwargs["quoting"] = 3  # csv.QUOTE_NONE: TSV files rarely quote
        if chunksize is None:
            yield pd.read_csv(source, **kwargs)
        else:
            yield from pd.read_csv(source, chunksize=chunksize, **kwargs)
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


#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cells(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with a `'` before every text cell a spreadsheet would run as a formula (one
    starting with = + - @, a tab or a carriage return: OWASP's CSV-injection advice).

    Only text (object or string) columns are touched, so numbers stay numbers; `df` is
    returned as it is when no cell needs it, else a copy."""
    out = df
    for i in range(df.shape[1]):  # by position: column names may repeat
        col = df.iloc[:, i]
        if col.dtype != object and not pd.api.types.is_string_dtype(col):
            continue
        values = col.tolist()
        if not any(isinstance(v, str) and v.startswith(FORMULA_STARTS) for v in values):
            continue
        if out is df:
            out = df.copy()
        out.isetitem(
            i,
            pd.Series(
                [
                    f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
                    for v in values
                ],
                index=df.index,
                dtype=object,
            ),
        )
    return out


def write_table(
    df: pd.DataFrame, path: str | Path, fmt: str | None = None, *, raw_cells: bool = False
) -> None:
    """Write a DataFrame atomically in the format named by `path`'s extension.

    CSV/TSV text cells that a spreadsheet would run as formulas are neutralised (see
    `neutralise_cells`) unless `raw_cells`."""
    p = Path(path)
    fmt = fmt or table_format(p)
    if fmt is None:
        raise InputError(
            "unknown output format", path=p, fix="use a .csv, .tsv, .jsonl or .parquet extension"
        )
    if fmt == "parquet":
        with atomic_write(p, "wb") as f:
            df.to_parquet(f, index=False)
    elif fmt == "jsonl":
        with atomic_write(p) as f:
            df.to_json(f, orient="records", lines=True, force_ascii=False)
    else:
        if not raw_cells:
            df = neutralise_cells(df)
        with atomic_write(p, newline="") as f:
            df.to_csv(f, index=False, sep="\t" if fmt == "tsv" else ",")
