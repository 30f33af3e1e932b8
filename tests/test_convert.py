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
    p.write_bytes(
        "ID\tTarget\tTweet\tStance\tOpinion towards\tSentiment\r\n"
        "1\tAtheism\tGod is caf\xe9 #SemST\tAGAINST\tOTHER\tPOSITIVE\r\n"
        "2\tHillary Clinton\tShe is great #SemST\tFAVOR\tTARGET\tPOSITIVE\r\n"
        "3\tAtheism\tmeh #SemST\tNONE\tOTHER\tNEITHER\r\n".encode("latin-1")
    )
    df = convert("semeval2016", p)
    assert df["text"].tolist() == ["God is caf\xe9", "She is great", "meh"]
    assert df["stance"].tolist() == ["against", "favor", "none"]
    assert df["target"].tolist() == ["Atheism", "Hillary Clinton", "Atheism"]
    assert set(df["tone"]) == {""}


def test_olid_mapping(tmp_path) -> None:
    p = tmp_path / "o.tsv"
    p.write_text(
        "id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n"
        "1\tnice\tNOT\tNULL\tNULL\n2\tdamn it\tOFF\tUNT\tNULL\n"
        "3\t@USER you idiot\tOFF\tTIN\tIND\n",
        encoding="utf-8",
    )
    assert convert("olid", p)["tone"].tolist() == ["civil", "uncivil", "abusive"]


def test_davidson_mapping(tmp_path) -> None:
    p = tmp_path / "d.csv"
    p.write_text(
        ",count,hate_speech,offensive_language,neither,class,tweet\n"
        "0,3,0,0,3,2,hello\n1,3,0,3,0,1,shut up\n5,3,3,0,0,0,slur\n"
    )
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
    p.write_text(
        '"_unit_id","comment","healthy","hostile"\n'
        '1,"ok",1,0\n2,"meh",0,0\n3,"grr",0,1\n4,"odd",1,1\n'
    )
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
    assert r.stderr == (
        f"stance: error: {p}: not a davidson file: missing column(s) class "
        "(pass the davidson file as its authors published it)\n"
    )


def test_empty_texts_are_dropped_and_counted(tmp_path) -> None:
    p = tmp_path / "o.tsv"
    p.write_text(
        "id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n1\tok\tNOT\tNULL\tNULL\n2\t \tOFF\tTIN\tIND\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(app, ["convert", "olid", str(p), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == f"wrote 1 rows to {out} (tone civil 1); dropped 1 rows with empty text\n"


# ---- the permissive tone sets and the benchmark-only ones (issue 9) -----------------


def _civilspans(folder, spans: str = "") -> None:
    folder.mkdir(exist_ok=True)
    (folder / "comments.csv").write_text(
        'comment_id,comment_text\n1,you idiot\n2,"I will find you, ""friend"""\n'
        "3,those people are vermin\n4,mildly rude\n5,fine really\n6,hmm\n"
    )
    rows = [
        (1, 1, "False", "False"),
        (2, 1, "False", "True"),
        (3, 1, "True", "False"),
        (4, 2, "False", "False"),
        (5, 2, "False", "True"),
        (6, 2, "False", "True"),
        (7, 3, "False", "False"),
        (8, 3, "True", "False"),
        (9, 3, "True", "True"),
        (10, 4, "False", "False"),
        (11, 4, "True", "True"),
        (12, 4, "False", "False"),
        (13, 5, "True", "True"),
        (14, 5, "True", "True"),
        (15, 5, "False", "False"),
        (16, 6, "False", "False"),
    ]
    (folder / "annotations.csv").write_text(
        "annotation,comment_id,worker,country,all toxic,not toxic\n"
        + "".join(f"{a},{c},{a + 100},USA,{at},{nt}\n" for a, c, at, nt in rows)
    )
    (folder / "spans.csv").write_text(
        "annotation,type,start,end\n1,Insult,4,9\n4,Threat,0,16\n7,Identity based,0,20\n"
        "10,Insu,0,6\n16,,0,3\n" + spans
    )


def test_civilspans_mapping_drops_not_toxic(tmp_path) -> None:
    _civilspans(tmp_path / "ts")
    df = convert("civilspans", tmp_path / "ts")  # the folder, or comments.csv in it
    # 2: two `not toxic` votes drop it despite its Threat span; 3: a cut-short
    # "Identity based" type; 5 (2 of 3 not toxic) is dropped; 6 has an untyped span.
    assert df["id"].tolist() == ["cc-1", "cc-3", "cc-4", "cc-6"]
    assert df["tone"].tolist() == ["uncivil", "abusive", "uncivil", "uncivil"]
    assert df.attrs["dropped_not_toxic"] == 2
    assert set(df["article"]) == {""}
    same = convert("civilspans", tmp_path / "ts" / "comments.csv")
    assert same["tone"].tolist() == df["tone"].tolist()


def test_civilspans_unknown_span_type_names_the_row(tmp_path) -> None:
    _civilspans(tmp_path / "ts", spans="16,Sarcasm,0,3\n")
    with pytest.raises(InputError, match=r"spans\.csv, row 6: unknown span type 'Sarcasm'"):
        convert("civilspans", tmp_path / "ts")


def test_reddit_incivility_mapping(tmp_path) -> None:
    p = tmp_path / "incivility_coded_0302.csv"
    p.write_text('comment,correction\n"\n\nHave you tried, friend?",0\n"you moron &gt; all",1\n')
    df = convert("redditincivility", tmp_path)
    assert df["tone"].tolist() == ["civil", "uncivil"]
    assert df["text"].tolist() == ["Have you tried, friend?", "you moron > all"]
    assert df["id"].tolist() == ["reddit-1", "reddit-2"]
    p.write_text("comment,correction\nok,0\nhm,2\n")
    with pytest.raises(InputError, match=r"row 2: unknown correction '2'"):
        convert("reddit", p)
    (tmp_path / "nohead.csv").write_text("ok,0\n")
    with pytest.raises(InputError, match="missing column"):
        convert("reddit", tmp_path / "nohead.csv")


def test_twitcivility_mapping_folder_is_train_then_test(tmp_path) -> None:
    import pandas as pd

    pd.DataFrame(
        {
            "text": ["hi", "you clown", "deport them all", "both"],
            "impoliteness": [0, 1, 0, 1],
            "intolerance": [0, 0, 1, 1],
        }
    ).to_parquet(tmp_path / "train-00000-of-00001-x.parquet")
    pd.DataFrame({"text": ["ok"], "impoliteness": [0], "intolerance": [0]}).to_parquet(
        tmp_path / "test-00000-of-00001-y.parquet"
    )
    df = convert("twitcivility", tmp_path)
    assert df["tone"].tolist() == ["civil", "uncivil", "abusive", "abusive", "civil"]
    assert df["id"].tolist() == [
        "twitciv-train-1",
        "twitciv-train-2",
        "twitciv-train-3",
        "twitciv-train-4",
        "twitciv-test-1",
    ]
    one = convert("twitcivility", tmp_path / "test-00000-of-00001-y.parquet")
    assert one["id"].tolist() == ["twitciv-test-1"]
    bad = tmp_path / "bad" / "train-0.parquet"
    bad.parent.mkdir()
    pd.DataFrame({"text": ["a", "b"], "impoliteness": [0, 2], "intolerance": [0, 0]}).to_parquet(
        bad
    )
    with pytest.raises(InputError, match=r"row 2: unknown impoliteness/intolerance pair '2/0'"):
        convert("twitcivility", bad)


def test_hatexplain_mapping(tmp_path) -> None:
    p = tmp_path / "preprocessed.csv"
    p.write_text(
        "text,rationale_pos,label,label_gender,label_religion,label_race,"
        "label_economic,label_minority\nhello <user>,,0,0,0,0,0,0\n"
        "shut up,shut up,1,0,0,0,0,0\nslur,slur,2,0,0,1,0,0\n"
    )
    df = convert("hatexplain", tmp_path)
    assert df["tone"].tolist() == ["civil", "uncivil", "abusive"]
    assert df["id"].tolist() == ["hatexplain-1", "hatexplain-2", "hatexplain-3"]
    p.write_text("text,label\nx,0\ny,hatespeech\n")
    with pytest.raises(InputError, match=r"row 2: unknown label 'hatespeech'"):
        convert("hatexplain", p)


def test_wikitox_mapping_both_files_and_url_parameters(tmp_path) -> None:
    (tmp_path / "gn.csv").write_text(
        "id,text,label,api,parent\n1.2.2,see ?a=1&diff;=5 for D&D;,0,0.1,\n3.4.4,you fool,1,0.9,\n"
    )
    (tmp_path / "gc.csv").write_text("id,text,parent,label,api\n1.2.2,thanks,hi,0,0.0\n")
    df = convert("wikitox", tmp_path)
    assert df["tone"].tolist() == ["civil", "uncivil", "civil"]
    assert df["id"].tolist() == ["wikitox-gn-1.2.2", "wikitox-gn-3.4.4", "wikitox-gc-1.2.2"]
    assert df["text"][0] == "see ?a=1&diff;=5 for D&D;"  # not character references
    (tmp_path / "gc.csv").write_text("id,text,parent,label,api\n1,a,b,0,0\n2,c,d,toxic,0\n")
    with pytest.raises(InputError, match=r"gc\.csv, row 2: unknown label 'toxic'"):
        convert("wikitox", tmp_path / "gc.csv")


def test_uncivilcongress_mapping(tmp_path) -> None:
    p = tmp_path / "training-data.csv"
    p.write_text(
        "uncivil,id_str,created_at,text\n"
        "no,11,Thu Jun 15 2017,@Rep thanks &amp; well done\n"
        "yes,12,Thu Jun 15 2017,@Rep you are a joke\n"
    )
    df = convert("uncivilcongress", p)
    assert df["tone"].tolist() == ["civil", "uncivil"]
    assert df["id"].tolist() == ["congress-11", "congress-12"]
    assert df["text"][0] == "@Rep thanks & well done"
    p.write_text("uncivil,id_str,created_at,text\nmaybe,1,x,y\n")
    with pytest.raises(InputError, match=r"row 1: unknown uncivil 'maybe'"):
        convert("congress", p)


def test_multitarget_target_prefix(tmp_path) -> None:
    p = tmp_path / "preprocessed.csv"
    p.write_text(
        "label,text\n2,Ted Cruz. What a weak #POTUS!! Mr. Cruz now\n"
        "1,Hilary Clinton. I thought so\n0,Donald Trump. Nope.\n"
    )
    df = convert("multitarget", tmp_path)
    assert df["stance"].tolist() == ["favor", "none", "against"]
    assert df["target"].tolist() == ["Ted Cruz", "Hillary Clinton", "Donald Trump"]
    assert df["text"].tolist() == ["What a weak #POTUS!! Mr. Cruz now", "I thought so", "Nope."]
    assert set(df["tone"]) == {""}
    p.write_text("label,text\n0,Donald Trump. x\n1,Jeb Bush. y\n")
    with pytest.raises(InputError, match=r"row 2: unknown target prefix 'Jeb Bush'"):
        convert("multitarget", p)
    p.write_text("label,text\n-1,Donald Trump. x\n")
    with pytest.raises(InputError, match=r"row 1: unknown label '-1'"):
        convert("multitarget", p)


def test_gwsd_argmax_and_screening_rows(tmp_path) -> None:
    p = tmp_path / "GWSD.tsv"
    head = (
        "\tround\tbatch\tsent_id\tsentence\tworker_0\tdisagree\tagree\tneutral\tguid"
        "\tin_held_out_test\n"
    )
    p.write_text(
        head + "0\t1\t0\ts0\tGlobal warming is a hoax.\tdisagrees\t\t\t\t1_0_s0\tFalse\n"
        '1\t1\t0\tt0\t"A ""hiatus"" of warming."\tagrees\t0.1\t0.7\t0.2\t1_0_t0\tFalse\n'
        "2\t1\t0\tt1\tIt is a hoax.\tdisagrees\t0.8\t0.1\t0.1\t1_0_t1\tTrue\n"
        "3\t1\t0\tt2\tSome icebergs.\tneutral\t0.1\t0.2\t0.7\t1_0_t2\tFalse\n"
    )
    df = convert("gwsd", tmp_path)
    assert df["stance"].tolist() == ["favor", "against", "none"]
    assert df["id"].tolist() == ["gwsd-1_0_t0", "gwsd-1_0_t1", "gwsd-1_0_t2"]
    assert df["text"][0] == 'A "hiatus" of warming.'
    assert set(df["target"]) == {"climate change is a serious concern"}
    assert df.attrs["skipped_unrated"] == 1
    p.write_text(head + "0\t1\t0\tt0\tx\tagrees\t0.1\tlots\t0.2\t1_0_t0\tFalse\n")
    with pytest.raises(InputError, match=r"row 1: unknown disagree/agree/neutral"):
        convert("gwsd", p)


def test_html_entities_are_decoded_until_stable(tmp_path) -> None:
    from stance.convert import unescape_html

    assert (
        unescape_html("a &amp; b &lt;3 &#128533; &#x263A; &amp;amp;amp; &quot;q&quot;")
        == 'a & b <3 \U0001f615 \u263a & "q"'
    )
    assert unescape_html("&lt;= &gt;=") == "<= >="
    # Not references: no ";", an unknown name, or a URL parameter ("&gl;=" in Wikipedia).
    assert unescape_html("AT&T &notice &D; ?a=1&gl;=2 &amp") == "AT&T &notice &D; ?a=1&gl;=2 &amp"
    p = tmp_path / "d.csv"
    p.write_text(
        ",count,hate_speech,offensive_language,neither,class,tweet\n"
        '0,3,0,0,3,2,"RT hi &amp;amp; bye &#128514;&#128514; "\n1,3,0,0,3,2,&#32;\n'
    )
    df = convert("davidson", p)
    assert df["text"].tolist() == ["RT hi & bye \U0001f602\U0001f602"]
    assert df.attrs["dropped_empty"] == 1  # "&#32;" decodes to a space


def test_new_formats_are_registered() -> None:
    from stance.convert import FORMATS

    assert {
        "civilspans",
        "redditincivility",
        "twitcivility",
        "hatexplain",
        "wikitox",
        "uncivilcongress",
        "multitarget",
        "gwsd",
    } <= set(FORMATS)


@pytest.mark.parametrize(
    "fmt, src, rows",
    [
        ("civilspans", "civil-comments-toxic-spans", 8248),
        ("redditincivility", "reddit-incivility/incivility_coded_0302.csv", 4982),
        ("twitcivility", "twitcivility", 13124),
        ("hatexplain", "hatexplain/preprocessed.csv", 18962),
        ("wikitox", "wikipedia-context-toxicity", 20000),
        ("uncivilcongress", "uncivil-tweets-congress/training-data.csv", 4000),
        ("multitarget", "multitarget-stance-2016/preprocessed.csv", 4430),
        ("gwsd", "gwsd-global-warming-stance/GWSD.tsv", 2050),
    ],
)
def test_published_files_convert(shared_data, fmt, src, rows) -> None:
    df = convert(fmt, shared_data / src)
    assert len(df) == rows
    assert not df["id"].duplicated().any()
    assert not df["text"].str.contains("&amp;|&lt;|&gt;|&#[0-9]+;").any()


def test_the_label_tools_are_registered(tmp_path) -> None:
    from stance.convert import FORMATS
    from stance.labeltools import read_doccano, read_labelstudio

    assert FORMATS["labelstudio"] is read_labelstudio and FORMATS["doccano"] is read_doccano
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": 3, "text": " a &amp; b ", "label": ["tone:civil"]}\n')
    # a desk's own text: kept as exported (no HTML decoding, no trimming)
    assert convert("Doccano", p).values.tolist() == [
        ["doccano-3", " a &amp; b ", "", "", "civil", ""]
    ]
