"""io: decoding fallbacks, table round trips and atomic writes."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance.errors import InputError
from stance.io import atomic_write, decode_bytes, read_table, read_text, write_table


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
    assert read_text(p) == ("hello\n", [])


def test_missing_file_message(tmp_path) -> None:
    with pytest.raises(InputError) as info:
        read_text(tmp_path / "nope.txt")
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

    from stance.io import iter_table

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
