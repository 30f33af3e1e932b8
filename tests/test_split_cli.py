"""`stance split`: exact output in each format, -o, stdin, warnings and errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from stance.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = str(ROOT / "seeds")
runner = CliRunner()

# The summary of the seeds, checked by hand against the pages (see tests/gold/*.json).
SUMMARY = (ROOT / "tests" / "gold" / "seeds_summary.txt").read_text("utf-8")


def test_summary_is_the_default() -> None:
    res = runner.invoke(app, ["split", SEEDS])
    assert res.exit_code == 0, res.output
    assert res.stdout == SUMMARY
    assert res.stderr == ""


def test_jsonl_one_record_per_document() -> None:
    res = runner.invoke(app, ["split", SEEDS, "--format", "jsonl"])
    assert res.exit_code == 0
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in recs] == [
        p.name.removesuffix(".txt") for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    assert [len(r["comments"]) for r in recs] == [0, 0, 0, 3, 2]
    text = (ROOT / "seeds" / "004_e79dee12f5f53227.txt").read_text("utf-8")
    assert "".join(s["text"] for s in recs[4]["segments"]) == text
    assert recs[3]["comments"][2] == {
        "id": "003_34bf302a1de98c89-3",
        "ordinal": 3,
        "author": None,
        "posted_at": "Dec 27, 2019 08:06 PM",
        "location": "U.S.A",
        "text": "It does not matter Hun Sen's government is willing to pay tax after EBA "
        "evoke. Consumers Of E.U., U.S.A., Japan, Australia and many others who love "
        "democracy, civil rights, will NOT BUY Cambodia products as much as before. "
        "Consequently few of job will be declined.",
        "quoted": None,
        "parent": None,
    }


def test_csv_is_ready_to_label_and_o_writes_the_same(tmp_path: Path) -> None:
    res = runner.invoke(app, ["split", SEEDS, "-f", "csv"])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert (
        res.stdout.splitlines()[0]
        == "id,article,author,posted_at,parent,quoted,text,target,stance,tone"
    )
    assert [r["id"] for r in rows] == [f"003_34bf302a1de98c89-{i}" for i in (1, 2, 3)] + [
        f"004_e79dee12f5f53227-{i}" for i in (1, 2)
    ]
    assert rows[0]["article"] == (
        "Opposition Activists Increasingly Flee Cambodia For Thailand Amid Government Pressure"
    )
    assert {r["target"] + r["stance"] + r["tone"] for r in rows} == {""}
    out = tmp_path / "sub" / "comments.csv"
    res2 = runner.invoke(app, ["split", SEEDS, "-o", str(out)])  # format from the extension
    assert res2.exit_code == 0
    assert res2.stdout == ""
    assert res2.stderr == f"wrote 5 documents, 5 comments to {out}\n"
    assert out.read_text("utf-8") == res.stdout
    assert [p.name for p in out.parent.iterdir()] == ["comments.csv"]  # no temp file left


def test_stdin_and_cp1252_warning(tmp_path: Path) -> None:
    page = tmp_path / "old.txt"
    page.write_bytes("Caf\xe9 owners protest\n\nThe council said no.\n".encode("cp1252"))
    res = runner.invoke(app, ["split", str(page)])
    assert res.exit_code == 0
    assert res.stderr == f"stance: warning: {page}: not valid UTF-8 (byte 3); read as cp1252\n"
    assert res.stdout == (
        "old: 1 editorial paragraphs, 0 boilerplate, 0 comments\n  title: Café owners protest\n"
    )
    res = runner.invoke(app, ["split", "-"], input="Headline\n\nBody text here.\n")
    assert res.stdout == (
        "stdin: 1 editorial paragraphs, 0 boilerplate, 0 comments\n  title: Headline\n"
    )


def test_errors_are_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    res = runner.invoke(app, ["split", str(missing)])
    assert res.exit_code == 2
    assert res.stderr == f"stance: error: {missing}: no such file or folder (check the path)\n"
    res = runner.invoke(app, ["split", str(tmp_path)])
    assert res.exit_code == 2
    assert res.stderr == (
        f"stance: error: {tmp_path}: folder has no readable pages "
        "(add .txt or .html files (optionally .gz))\n"
    )
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    res = runner.invoke(app, ["split", str(binary)])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"stance: error: {binary}: looks like a binary file")
    res = runner.invoke(app, ["split", SEEDS, "--format", "xml"])
    assert res.exit_code == 2
    assert res.stderr == "stance: error: unknown format 'xml' (use summary, jsonl, csv)\n"


TABLE_FIX = (
    "(`stance split` reads text dumps and HTML pages; score a table with "
    "`stance score MODEL FILE`, check labels with `stance labels check FILE`)"
)


def test_a_table_is_not_split_as_a_page(tmp_path: Path) -> None:
    """Issue 15 #11: a table given to split is named, not split as one long page."""
    rows = 'id,text\n1,Hun Sen must go\n2,"I agree, he must"\n'
    for name, kind in (("c.csv", "CSV"), ("c.txt", "CSV"), ("c", "CSV")):
        p = tmp_path / name
        p.write_text(rows, encoding="utf-8")
        res = runner.invoke(app, ["split", str(p)])
        assert res.exit_code == 2, res.output
        assert res.stdout == ""
        assert (
            res.stderr == f"stance: error: {p}: looks like a {kind} table, not a page {TABLE_FIX}\n"
        )
    res = runner.invoke(app, ["split", "-"], input=rows)
    assert res.exit_code == 2
    assert res.stderr == f"stance: error: <stdin>: looks like a CSV table, not a page {TABLE_FIX}\n"


def test_csv_names_the_comment_a_reply_answers_and_what_it_quotes() -> None:
    page = Path(__file__).parent / "pages" / "mailinglist-khmerl.txt"
    res = runner.invoke(app, ["split", str(page), "-f", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    ids = [r["id"] for r in rows]
    # (the thread's first message is the article: the first reply answers no comment)
    assert [(r["parent"], r["quoted"]) for r in rows] == [
        ("", "Has anyone seen a list of the organisations?"),
        (ids[0], "Most of the new groups share the same office address in Chamkarmon."),
    ]
