"""Reading and writing files: decoding, tables by extension, atomic writes."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pandas as pd

from stance.errors import InputError

#: Table formats we read and write, by file extension.
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
                  ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}


def decode_bytes(data: bytes, path: str | Path = "<bytes>") -> tuple[str, list[str]]:
    """Decode text as UTF-8, falling back to cp1252; return (text, warnings).

    A leading byte-order mark is dropped. Bytes that are invalid in both encodings are
    replaced, with a warning naming the file, so that nothing stops the run.
    """
    warnings: list[str] = []
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text", path=path,
                         fix="pass a UTF-8 text, HTML, CSV, JSONL or Parquet file")
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
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=p, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", path=p) from None
    except PermissionError:
        raise InputError("permission denied", path=p, fix="check the file's permissions") from None
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise InputError(f"corrupt gzip data ({exc})", path=p) from None
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


def iter_table(source: str | Path | IO[bytes], fmt: str | None = None,
               chunksize: int | None = 50_000, *,
               encoding_errors: str = "strict") -> Iterator[pd.DataFrame]:
    """Yield a table (a path, or a binary stream such as stdin) in chunks of at most
    `chunksize` rows (all at once when None).

    Memory stays bounded by the chunk size for CSV, TSV, JSONL and Parquet. CSV/TSV cells
    are Python strings; invalid UTF-8 is an error unless `encoding_errors` says otherwise
    ("surrogateescape" keeps the bytes so that a scorer can report the row).
    """
    if isinstance(source, (str, Path)):
        name: str | Path = Path(source)
        fmt = fmt or table_format(name)
        if fmt is not None and not Path(source).exists():
            raise InputError("no such file", path=name, fix="check the path")
    else:
        name = "<stdin>"
    if fmt is None:
        raise InputError("unknown table format", path=name,
                         fix="use a .csv, .tsv, .jsonl or .parquet file")
    try:
        if fmt == "parquet":
            yield from _iter_parquet(source, name, chunksize)
            return
        if fmt == "jsonl":
            reader = pd.read_json(source, lines=True, dtype=False,
                                  chunksize=chunksize or 10**9)
            for chunk in reader:
                yield chunk.astype(object).where(chunk.notna(), "")
            return
        kwargs: dict[str, Any] = {"dtype": object, "keep_default_na": False,
                                  "sep": "\t" if fmt == "tsv" else ",", "encoding": "utf-8",
                                  "encoding_errors": encoding_errors}
        if fmt == "tsv":
            kwargs["quoting"] = 3  # csv.QUOTE_NONE: TSV files rarely quote
        if chunksize is None:
            yield pd.read_csv(source, **kwargs)
        else:
            yield from pd.read_csv(source, chunksize=chunksize, **kwargs)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 near byte {exc.start}", path=name,
                         fix="re-save the file as UTF-8") from None
    except pd.errors.EmptyDataError:  # before ValueError, of which it is a subclass
        raise InputError("file is empty", path=name,
                         fix="give a file with a header row") from None
    except (pd.errors.ParserError, ValueError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(f"cannot parse as {fmt}: {first}", path=name,
                         fix=f"check that the file is valid {fmt}") from None


def _iter_parquet(source: str | Path | IO[bytes], name: str | Path,
                  chunksize: int | None) -> Iterator[pd.DataFrame]:
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
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO[Any]]:
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


def write_table(df: pd.DataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write a DataFrame atomically in the format named by `path`'s extension."""
    p = Path(path)
    fmt = fmt or table_format(p)
    if fmt is None:
        raise InputError("unknown output format", path=p,
                         fix="use a .csv, .tsv, .jsonl or .parquet extension")
    if fmt == "parquet":
        with atomic_write(p, "wb") as f:
            df.to_parquet(f, index=False)
    elif fmt == "jsonl":
        with atomic_write(p) as f:
            df.to_json(f, orient="records", lines=True, force_ascii=False)
    else:
        with atomic_write(p, newline="") as f:
            df.to_csv(f, index=False, sep="\t" if fmt == "tsv" else ",")
