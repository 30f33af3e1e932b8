"""Reading and writing files: the one place for the jobs every command shares.

Paths (`expand_paths`: folders walked for the known suffixes), content (`sniff_format`,
`is_html`, `looks_binary`), stdin (`read_stdin`), decoding, atomic writes, sha256, and the
user's cache folder (`cache_dir`) that the scorer's and the training's caches share.
Tables (reading, writing, formula-safe cells) are in `stance.tables`.

No pandas here, so that `import stance.io` stays cheap for the commands that only read
text (`stance split` of a plain-text page).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stance.errors import InputError

if TYPE_CHECKING:
    pass

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


# ---- the cache folder ---------------------------------------------------------------------

#: `STANCE_CACHE` values (any case) that turn the cache off.
CACHE_OFF = frozenset({"off", "0", "false", "no", "none"})


def cache_dir() -> Path | None:
    """The folder of stance's caches (compiled models, training counts), or None when off.

    `$STANCE_CACHE` (`off`, `0`, `false`, `no` or `none`: no cache), else
    `$XDG_CACHE_HOME/stance`, else `~/.cache/stance`. An
    empty variable counts as unset, and so does a relative `XDG_CACHE_HOME` (the XDG
    spec's rule); no home folder means no cache.
    """
    override = os.environ.get("STANCE_CACHE")
    if override:
        if override.strip().lower() in CACHE_OFF:
            return None
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "stance"
    try:
        return Path.home() / ".cache" / "stance"
    except (RuntimeError, KeyError):  # no $HOME and no password entry
        return None
