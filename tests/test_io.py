"""io: decoding fallbacks, table round trips and atomic writes."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.errors import InputError
from stance.io import atomic_write, decode_bytes, read_bytes
from stance.tables import read_table, write_table


@given(st.text().filter(lambda t: "\x00" not in t))
def test_utf8_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == (text.removeprefix("\ufeff"), [])


def test_cp1252_fallback_warns() -> None:
    text, warnings = decode_bytes("caf\u00e9 \u2013 ok".encode("cp1252"), "x.txt")
    assert text == "caf\u00e9 \u2013 ok"
    assert warnings == ["x.txt: not valid UTF-8 (byte 3); read as cp1252"]


def test_binary_is_an_error() -> None:
    with pytest.raises(InputError, match=r"^b\.bin: looks like a binary file"):
        decode_bytes(b"\x89PNG\x00\x00\x01", "b.bin")


def test_gzip_and_bom(tmp_path) -> None:
    p = tmp_path / "page.txt.gz"
    p.write_bytes(gzip.compress("\ufeffhello\n".encode()))
    assert decode_bytes(read_bytes(p), p) == ("hello\n", [])


def test_missing_file_message(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(tmp_path / "nope.txt")
    assert str(info.value) == f"{tmp_path / 'nope.txt'}: no such file (check the path)"


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_table_round_trip(tmp_path, suffix: str) -> None:
    df = pd.DataFrame({"id": ["007", "b"], "text": ['say "hi",\nthen', "é ✓"]})
    if suffix == ".tsv":  # TSV is unquoted: no tabs or newlines inside cells
        df["text"] = ["say hi, then", "é ✓"]
    p = tmp_path / f"t{suffix}"
    write_table(df, p)
    back = read_table(p)
    assert back.astype(str).to_dict("list") == df.to_dict("list")


def test_atomic_write_keeps_old_file_on_failure(tmp_path) -> None:
    p = tmp_path / "out.txt"
    p.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(p) as f:
        f.write("half")
        raise RuntimeError("boom")
    assert p.read_text() == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]


def test_empty_table_message(tmp_path) -> None:
    p = tmp_path / "empty.csv"
    p.write_text("")
    with pytest.raises(InputError) as info:
        read_table(p)
    assert str(info.value) == f"{p}: file is empty (give a file with a header row)"


def test_stream_and_invalid_utf8(tmp_path) -> None:
    import io as _io

    from stance.tables import iter_table

    data = b"id,text\n1,caf\xe9\n"
    with pytest.raises(InputError, match=r"^<stdin>: not valid UTF-8"):
        list(iter_table(_io.BytesIO(data), fmt="csv"))
    (chunk,) = iter_table(_io.BytesIO(data), fmt="csv", encoding_errors="surrogateescape")
    assert chunk["text"].tolist() == ["caf\udce9"]


def test_file_sha256_is_the_digest_of_the_concatenation(tmp_path) -> None:
    import hashlib

    from stance.io import file_sha256

    a, b = tmp_path / "a", tmp_path / "b"
    a.write_bytes(b"x" * (3 << 20))
    b.write_bytes(b"yz")
    want = hashlib.sha256(b"x" * (3 << 20) + b"yz" + b"v1").hexdigest()
    assert file_sha256(a, b, extra=b"v1") == want
    assert file_sha256(b) == hashlib.sha256(b"yz").hexdigest()


# ---- one sniffer: binary files, tables and pages (issue 15, items 8 and 11) ----------------


def _random_bytes(n: int = 4000, nul: bool = True) -> bytes:
    import random

    data = random.Random(0).randbytes(n)
    return data if nul else data.replace(b"\x00", b"\x01")


BINARY = "looks like a binary file, not text (pass a UTF-8 text, HTML, CSV, JSONL or Parquet file)"


@pytest.mark.parametrize("nul", [True, False])
def test_random_bytes_are_binary_for_pages_and_tables(tmp_path, nul: bool) -> None:
    from stance.tables import iter_table

    p = tmp_path / "r.csv"
    p.write_bytes(_random_bytes(nul=nul))
    with pytest.raises(InputError) as page:
        decode_bytes(p.read_bytes(), p)
    for errors in ("strict", "surrogateescape"):  # labels check / score
        with pytest.raises(InputError) as table:
            list(iter_table(p, encoding_errors=errors))
        assert str(table.value) == str(page.value) == f"{p}: {BINARY}"


def test_cp1252_text_and_cut_utf8_are_not_binary() -> None:
    from stance.io import looks_binary

    assert not looks_binary("caf\u00e9 \u2013 ok, d\u00e9j\u00e0 vu".encode("cp1252"))
    cut = ("x" * 8190 + "\u00e9").encode("utf-8")[:8191]  # a character cut in half
    assert not looks_binary(cut, truncated=True)
    assert looks_binary(b"\x00abc")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'id,text\n1,hello\n2,"a, b"\n', "csv"),
        (b'\xef\xbb\xbfid,text,tone\n1,"two\nlines",civil\n', "csv"),
        (b"id\ttext\n1\thello\n", "tsv"),
        (b'{"id": "1", "text": "hello"}\n{"id": "2", "text": "x"}\n', "jsonl"),
        (b"PAR1\x15\x04", "parquet"),
        (b"<!DOCTYPE html><html><body><p>a, b</p></body></html>", "page"),
        (b"Headline\n\nBody text here.\n", "page"),
        (
            b"Cambodia, CNRP banned\n\nThe court, on Thursday, dissolved the party.\n"
            b"Reactions were swift.\n",
            "page",
        ),
        (b"", "page"),
    ],
)
def test_sniff_format(data: bytes, kind: str) -> None:
    from stance.io import sniff_format

    assert sniff_format(data) == kind


def test_sniff_format_reads_the_seed_pages_as_pages(repo_root) -> None:
    from stance.io import sniff_format

    for page in sorted((repo_root / "seeds").iterdir()):
        assert sniff_format(page.read_bytes()[:65536]) == "page", page.name


def test_gzipped_table_without_gz_suffix(tmp_path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes(gzip.compress(b"id,text\n1,hello\n"))
    assert read_table(p).to_dict("list") == {"id": ["1"], "text": ["hello"]}


def test_write_table_neutralises_formula_cells(tmp_path) -> None:
    """Issue 15 #2: one helper for every CSV/TSV writer; numbers and other formats as is."""
    df = pd.DataFrame({"text": ["=1+1", "+x", "-y", "@z", "\tt", "ok", None], "p": [-1.5] * 7})
    for suffix in (".csv", ".tsv"):
        write_table(df, tmp_path / f"t{suffix}")
        back = pd.read_csv(
            tmp_path / f"t{suffix}", sep="\t" if suffix == ".tsv" else ",", keep_default_na=False
        )
        assert back["text"].tolist() == ["'=1+1", "'+x", "'-y", "'@z", "'\tt", "ok", ""]
        assert back["p"].tolist() == [-1.5] * 7
    write_table(df, tmp_path / "raw.csv", raw_cells=True)
    assert pd.read_csv(tmp_path / "raw.csv")["text"].tolist()[:2] == ["=1+1", "+x"]
    from stance.tables import neutralise_cells

    assert neutralise_cells(pd.DataFrame({"t": ["\rx"]}))["t"].tolist() == ["'\rx"]
    write_table(df, tmp_path / "t.jsonl")
    assert read_table(tmp_path / "t.jsonl")["text"].tolist()[0] == "=1+1"


# ---- one path expander, one stdin reader, one writer family ---------------------------------


def test_expand_paths_walks_folders_for_the_suffixes(tmp_path) -> None:
    from stance.io import PAGE_SUFFIXES, expand_paths
    from stance.tables import TABLE_SUFFIXES

    for name in ("b/2.csv", "b/1.html.gz", "a.txt", ".hidden.csv", "notes.pdf", "c/d/3.TSV"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    both = (*TABLE_SUFFIXES, *PAGE_SUFFIXES)
    empty = ("folder has nothing", "add files")
    assert expand_paths(["-", str(tmp_path)], both, empty=empty) == [
        "-",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.html.gz"),
        str(tmp_path / "b" / "2.csv"),
        str(tmp_path / "c" / "d" / "3.TSV"),
    ]
    tables = expand_paths([tmp_path], TABLE_SUFFIXES, empty=None, recursive=False, hidden=True)
    assert tables == [str(tmp_path / ".hidden.csv")]
    assert expand_paths([tmp_path / "notes.pdf"], both, empty=empty) == [
        str(tmp_path / "notes.pdf")  # a file named is taken whatever its name
    ]
    with pytest.raises(InputError) as info:
        expand_paths([tmp_path / "c"], PAGE_SUFFIXES, empty=empty)
    assert str(info.value) == f"{tmp_path / 'c'}: folder has nothing (add files)"
    with pytest.raises(InputError, match="no such file or folder"):
        expand_paths([tmp_path / "nope"], both, empty=empty)


def test_read_stdin_and_is_html() -> None:
    import io as _io

    from stance.io import is_html, read_stdin

    assert read_stdin(_io.BytesIO(b"a,b\n")) == b"a,b\n"
    assert read_stdin(_io.StringIO("caf\u00e9")) == "caf\u00e9".encode()
    assert is_html("page.HTM.gz", "plain words")
    assert is_html("-", "  <!DOCTYPE html><p>x</p>")
    assert not is_html("page.txt", "Headline\n\nBody <b>bold</b>")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_parts_join_into_the_table_write_table_writes(tmp_path, fmt: str) -> None:
    from stance.tables import join_parts, table_text, write_part

    df = pd.DataFrame({"id": ["=1", "b", "c"], "text": ["x", "y, z", "w"], "p": [0.5, 1.0, 0.25]})
    parts = [tmp_path / f"{i}.{fmt}" for i in range(2)]
    write_part(df.iloc[:2], parts[0], fmt)
    write_part(df.iloc[2:], parts[1], fmt)
    join_parts(parts, tmp_path / f"out.{fmt}", fmt, list(df.columns))
    back = read_table(tmp_path / f"out.{fmt}")
    assert back["id"].tolist() == (["'=1", "b", "c"] if fmt in ("csv", "tsv") else ["=1", "b", "c"])
    assert back["text"].tolist() == df["text"].tolist()
    assert back["p"].astype(float).tolist() == [0.5, 1.0, 0.25]
    if fmt in ("csv", "jsonl"):
        text = table_text(df, fmt, raw_cells=True)
        assert text.splitlines()[0] == (
            "id,text,p" if fmt == "csv" else '{"id":"=1","text":"x","p":0.5}'
        )
    join_parts([], tmp_path / f"none.{fmt}", fmt, list(df.columns))
    if fmt != "jsonl":
        assert list(read_table(tmp_path / f"none.{fmt}").columns) == list(df.columns)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".csv.gz"])
def test_count_rows_counts_records_not_lines(tmp_path, suffix: str) -> None:
    """Issue 15 #14: the rows `read_table` reads, whatever lines their cells span."""
    from stance.tables import count_rows, table_format

    texts = ['say "hi",\nthen\nbye', "one line", "", "two\r\nlines", "x" * 200_000]
    df = pd.DataFrame({"id": [str(i) for i in range(len(texts))], "text": texts})
    if suffix == ".tsv":  # TSV is unquoted: no newlines inside cells
        df["text"] = [t.replace("\n", " ").replace("\r", " ") for t in texts]
    p = tmp_path / f"t{suffix}"
    if suffix == ".csv.gz":
        p.write_bytes(gzip.compress(df.to_csv(index=False).encode() + b"\n\n"))
    else:
        write_table(df, p)
    assert count_rows(p, table_format(p)) == len(read_table(p)) == 5
