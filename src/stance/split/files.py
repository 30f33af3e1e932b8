"""`stance split`'s inputs: files, folders (walked for pages) and stdin, each decoded and
split as HTML or as a text dump; tables and binary files are refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stance.errors import InputError
from stance.io import (
    HEAD_BYTES,
    PAGE_SUFFIXES,
    check_text,
    decode_bytes,
    expand_paths,
    is_html,
    read_bytes,
    read_head,
    read_stdin,
    sniff_format,
)
from stance.split.document import Document
from stance.split.html import split_html
from stance.split.text import split_text
from stance.tables import table_format

# Extensions a document id drops ("page.html.gz" -> "page").
_ID_DROPS = frozenset(("gz", *(s.removeprefix(".") for s in PAGE_SUFFIXES)))


def document_id(path: str | Path) -> str:
    """The file name without its extension(s): "003_x.txt.gz" -> "003_x"."""
    name = Path(path).name
    while True:
        stem, dot, ext = name.rpartition(".")
        if not dot or not stem or len(ext) > 6 or not ext.isalnum():
            return name
        name = stem
        if ext.lower() not in _ID_DROPS:
            return name


def split_bytes(data: bytes, doc_id: str, source: str | None = None, name: str = "") -> Document:
    """Decode (UTF-8, then cp1252 with a warning) and split as HTML or as a text dump."""
    text, warnings = decode_bytes(data, source or name or doc_id)
    doc = (
        split_html(text, doc_id, source)
        if is_html(name, text)
        else split_text(text, doc_id, source)
    )
    doc.warnings.extend(warnings)
    return doc


def split_paths(paths: list[str], stdin: Any = None) -> tuple[list[Document], list[str]]:
    """Split files, folders (recursively: .txt/.html/.htm, gzipped too) and `-` (stdin).

    Returns the documents in input order and the warnings (decoding fallbacks).
    Raises InputError for a missing path, a folder with nothing readable, a binary file or
    a table (by extension or by content: see `refuse_tables`).
    """
    docs: list[Document] = []
    warnings: list[str] = []
    pages = expand_paths(
        paths,
        PAGE_SUFFIXES,
        empty=("folder has no readable pages", "add .txt or .html files (optionally .gz)"),
        hidden=True,
    )
    for name in pages:
        if name == "-":
            data = read_stdin(stdin)
            refuse_tables(data[:HEAD_BYTES], len(data) > HEAD_BYTES, "<stdin>")
            doc = split_bytes(data, "stdin", None, "-")
        else:
            path = Path(name)
            refuse_tables(*read_head(path)[:2], path)
            doc = split_bytes(read_bytes(path), document_id(path), str(path), path.name)
        docs.append(doc)
        warnings.extend(doc.warnings)
    return docs, warnings


_TABLE_NAMES = {"csv": "CSV", "tsv": "TSV", "jsonl": "JSONL", "parquet": "Parquet"}


def refuse_tables(head: bytes, truncated: bool, path: str | Path) -> None:
    """Raise InputError when a file is binary (`check_text`) or a table: by its extension,
    else by its first bytes (`sniff_format`, the sniffer every command shares). A table
    split as a page would be nonsense."""
    kind = table_format(path) if path != "<stdin>" else None
    if kind != "parquet":
        check_text(head, path, truncated)
    kind = kind or sniff_format(head, truncated)
    if kind != "page":
        raise InputError(
            f"looks like a {_TABLE_NAMES[kind]} table, not a page",
            path=path,
            fix="`stance split` reads text dumps and HTML pages; score a table "
            "with `stance score MODEL FILE`, check labels with "
            "`stance labels check FILE`",
        )
