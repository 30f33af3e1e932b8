"""Converters: each public format's label mapping, on tiny files in its published shape."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.convert import convert
from stance.errors import InputError
from stance.labels import read_labels


def test_semeval_latin1_crlf_and_semst_removed(tmp_path) -> None:
    p = tmp_path / "s.tsv"
    p.write_bytes("ID\tTarget\tTweet\tStance\tOpinion towards\tSentiment\r\n"
                  "1\tAtheism\tGod is caf\xe9 #SemST\tAGAINST\tOTHER\tPOSITIVE\r\n"
                  "2\tHillary Clinton\tShe is great #SemST\tFAVOR\tTARGET\tPOSITIVE\r\n"
                  "3\tAtheism\tmeh #SemST\tNONE\tOTHER\tNEITHER\r\n".encode("latin-1"))
    df = convert("semeval2016", p)
    assert df["text"].tolist() == ["God is caf\xe9", "She is great", "meh"]
    assert df["stance"].tolist() == ["against", "favor", "none"]
    assert df["target"].tolist() == ["Atheism", "Hillary Clinton", "Atheism"]
    assert set(df["tone"]) == {""}


def test_olid_mapping(tmp_path) -> None:
    p = tmp_path / "o.tsv"
    p.write_text("id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n"
                 "1\tnice\tNOT\tNULL\tNULL\n2\tdamn it\tOFF\tUNT\tNULL\n"
                 "3\t@USER you idiot\tOFF\tTIN\tIND\n", encoding="utf-8")
    assert convert("olid", p)["tone"].tolist() == ["civil", "uncivil", "abusive"]


def test_davidson_mapping(tmp_path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(",count,hate_speech,offensive_language,neither,class,tweet\n"
                 "0,3,0,0,3,2,hello\n1,3,0,3,0,1,shut up\n5,3,3,0,0,0,slur\n")
    df = convert("davidson", p)
    assert df["tone"].tolist() == ["civil", "uncivil", "abusive"]
    assert df["id"].tolist() == ["davidson-0", "davidson-1", "davidson-5"]


def test_foxnews_mapping_and_article(tmp_path) -> None:
    p = tmp_path / "f.json"
    rows = [{"title": "T1", "text": "fine", "label": 0}, {"title": "T2", "text": "bad", "label": 1}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    df = convert("foxnews", p)
    assert df["tone"].tolist() == ["civil", "abusive"]
    assert df["article"].tolist() == ["T1", "T2"]


def test_ucc_mapping(tmp_path) -> None:
    p = tmp_path / "u.csv"
    p.write_text('"_unit_id","comment","healthy","hostile"\n'
                 '1,"ok",1,0\n2,"meh",0,0\n3,"grr",0,1\n4,"odd",1,1\n')
    assert convert("ucc", p)["tone"].tolist() == ["civil", "uncivil", "abusive", "abusive"]


def test_cli_writes_a_valid_labelling_file(tmp_path) -> None:
    src = tmp_path / "f.json"
    src.write_text(json.dumps({"title": "T", "text": "hi", "label": 1}) + "\n")
    out = tmp_path / "out.csv"
    r = CliRunner().invoke(app, ["convert", "foxnews", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == f"wrote 1 rows to {out} (tone abusive 1)\n"
    assert read_labels(out)["tone"].tolist() == ["abusive"]


def test_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="unknown format 'imdb'"):
        convert("imdb", tmp_path / "x")
    p = tmp_path / "d.csv"
    p.write_text("tweet,label\nhi,1\n")
    r = CliRunner().invoke(app, ["convert", "davidson", str(p), "-o", str(tmp_path / "o.csv")])
    assert r.exit_code == 2
    assert r.stderr == (f"stance: error: {p}: not a davidson file: missing column(s) class "
                        "(pass the davidson file as its authors published it)\n")


def test_empty_texts_are_dropped_and_counted(tmp_path) -> None:
    p = tmp_path / "o.tsv"
    p.write_text("id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n1\tok\tNOT\tNULL\tNULL\n"
                 "2\t \tOFF\tTIN\tIND\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(app, ["convert", "olid", str(p), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == f"wrote 1 rows to {out} (tone civil 1); dropped 1 rows with empty text\n"
