"""Labelling files: schema, validation errors (exact CLI output), column options."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import ConfigError, LabelError
from stance.labels import (
    DEFAULT_TARGET,
    Columns,
    Schema,
    check_files,
    load_schema,
    read_labels,
)

HEADER = "id,text,target,stance,tone\n"


def write(tmp_path: Path, body: str, name: str = "l.csv", header: str = HEADER) -> Path:
    p = tmp_path / name
    p.write_text(header + body, encoding="utf-8")
    return p


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_project_schema_matches_the_builtin_default(repo_root) -> None:
    assert load_schema(repo_root / "labels" / "schema.toml") == Schema()
    assert Schema().default_target == DEFAULT_TARGET


def test_labels_are_case_insensitive_and_target_defaults(tmp_path) -> None:
    p = write(tmp_path, "a,Hun Sen must go,,AGAINST,Civil\nb,ok,,,UNCIVIL\n")
    df = read_labels(p)
    assert df["stance"].tolist() == ["against", ""]
    assert df["tone"].tolist() == ["civil", "uncivil"]
    assert df["target"].tolist() == [DEFAULT_TARGET, DEFAULT_TARGET]


def test_check_command_output(tmp_path) -> None:
    p = write(tmp_path, "1,a,,favor,civil\n2,b,,against,\n3,c,,,abusive\n4,d,,,\n")
    r = run("labels", "check", str(p))
    assert r.exit_code == 0, r.output
    assert r.output == (
        f"{p}: ok, 4 rows (1 unlabelled)\n"
        "  stance: favor 1, against 1, none 0\n"
        "  tone: civil 1, uncivil 0, abusive 1\n"
        f"  target {DEFAULT_TARGET}: 2 stance rows\n"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "1,a,,pro,civil\n",
            "row 1: unknown stance 'pro' (allowed: favor, against, none or empty; "
            "rows count from 1 below the header)",
        ),
        (
            "1,a,,favor,civil\n2,b,,none,rude\n",
            "row 2: unknown tone 'rude' (allowed: civil, uncivil, abusive or empty; "
            "rows count from 1 below the header)",
        ),
        (
            "1,a,,favor,\n2,b,,none,\n1,c,,none,\n",
            "row 3: duplicate id '1' (first at row 1) (ids must be unique in a file; "
            "rows count from 1 below the header)",
        ),
        (
            "1,a,,favor,\n2,  ,,none,\n",
            "row 2: empty text (fill in the comment or delete the row; "
            "rows count from 1 below the header)",
        ),
        (
            "1,a,,favor,\n,b,,none,\n",
            "row 2: empty id (give every row an id; rows count from 1 below the header)",
        ),
        (
            "1,a,,favor,\n2,b,Atheism,,civil\n",
            "row 2: target 'Atheism' has no rows with a stance label (label its stance, or fix "
            "the target's spelling (targets with stance rows: none); "
            "rows count from 1 below the header)",
        ),
    ],
)
def test_errors_name_file_row_and_allowed_values(tmp_path, body, message) -> None:
    p = write(tmp_path, body)
    r = run("labels", "check", str(p))
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr == f"stance: error: {p}, {message}\n"


def test_missing_column(tmp_path) -> None:
    p = write(tmp_path, "1,a,favor\n", header="id,text,stance\n")
    r = run("labels", "check", str(p))
    assert r.exit_code == 2
    assert r.stderr == (
        f"stance: error: {p}: missing column 'target' (columns: id, stance, text) "
        "(add a 'target' column (cells may be empty) or name it with --target-col)\n"
    )


def test_missing_text_column_with_options(tmp_path) -> None:
    p = write(tmp_path, "1\tx\tFAVOR\n", name="s.tsv", header="ID\tTweet\tStance\n")
    with pytest.raises(LabelError, match="missing column 'text'"):
        read_labels(p, columns=Columns.from_options(id="ID", stance="Stance"))


def test_column_options_read_foreign_tsv(tmp_path) -> None:
    p = write(
        tmp_path,
        "7\tAtheism\tgod is good\tAGAINST\n8\tAtheism\tno gods\tFAVOR\n",
        name="s.tsv",
        header="ID\tTarget\tTweet\tStance\n",
    )
    r = run(
        "labels",
        "check",
        str(p),
        "--id-col",
        "ID",
        "--text-col",
        "Tweet",
        "--target-col",
        "Target",
        "--stance-col",
        "Stance",
    )
    assert r.exit_code == 0, r.output
    assert "  target Atheism: 2 stance rows\n" in r.output
    df = read_labels(
        p, columns=Columns.from_options(id="ID", text="Tweet", target="Target", stance="Stance")
    )
    assert df["tone"].tolist() == ["", ""]  # no tone column: the head is absent


def test_jsonl_and_parquet(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "id": ["1", "2"],
            "text": ["a", "b"],
            "target": ["", ""],
            "stance": ["favor", "none"],
            "tone": ["civil", ""],
        }
    )
    frame.to_json(tmp_path / "l.jsonl", orient="records", lines=True)
    frame.to_parquet(tmp_path / "l.parquet")
    for name in ("l.jsonl", "l.parquet"):
        assert read_labels(tmp_path / name)["stance"].tolist() == ["favor", "none"]


def test_a_custom_schema(tmp_path) -> None:
    schema_file = tmp_path / "schema.toml"
    schema_file.write_text('[stance]\nlabels = ["pro", "con"]\ndefault_target = "X"\n')
    schema = load_schema(schema_file)
    assert schema.stance == ("pro", "con") and schema.tone == Schema().tone
    p = write(tmp_path, "1,a,,PRO,\n")
    assert read_labels(p, schema=schema)["target"].tolist() == ["X"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[stance]\nlabels = ["only"]\n')
    with pytest.raises(ConfigError, match="at least two"):
        load_schema(bad)
    schema_file.write_text('[stance]\nlabels = ["pro", "con", "meh"]\nneutral = "Meh"\n')
    assert load_schema(schema_file).f_avg_labels == ("pro", "con")
    bad.write_text('[stance]\nlabels = ["pro", "con"]\nneutral = "none"\n')
    with pytest.raises(ConfigError, match="neutral 'none' is not one of the stance labels"):
        load_schema(bad)


def test_shipped_labelling_files_are_valid(repo_root) -> None:
    files = sorted((repo_root / "labels").glob("*.csv"))
    assert any(f.name == "tone-foxnews.csv" for f in files)
    for s in check_files(files):
        assert s.rows > 0


# ---- issue 15 #10: every problem of a file, in one pass --------------------------------------

_ROWS = "rows count from 1 below the header"


def test_check_reports_every_problem_of_every_file(tmp_path) -> None:
    bad = write(
        tmp_path, "1,a,,pro,civil\n2,,,none,\n1,c,,none,rude\n4,d,,favor,\n", name="bad.csv"
    )
    good = write(tmp_path, "1,a,,favor,civil\n", name="good.csv")
    r = run("labels", "check", str(bad), str(good))
    assert r.exit_code == 2
    assert r.stderr == (
        f"stance: error: {bad}, row 1: unknown stance 'pro' (allowed: favor, against, none "
        f"or empty; {_ROWS})\n"
        f"stance: error: {bad}, row 2: empty text (fill in the comment or delete the row; "
        f"{_ROWS})\n"
        f"stance: error: {bad}, row 3: duplicate id '1' (first at row 1) (ids must be unique "
        f"in a file; {_ROWS})\n"
        f"stance: error: {bad}, row 3: unknown tone 'rude' (allowed: civil, uncivil, abusive "
        f"or empty; {_ROWS})\n"
        f"stance: error: {bad}: 4 problems\n"
    )
    assert r.stdout.startswith(f"{good}: ok, 1 rows (0 unlabelled)\n")


def test_check_caps_the_problems_shown_and_counts_the_rest(tmp_path) -> None:
    from stance.labels import MAX_PROBLEMS

    body = "".join(f"{i},text {i},,pro,\n" for i in range(1, MAX_PROBLEMS + 8))
    p = write(tmp_path, body)
    r = run("labels", "check", str(p))
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0].startswith(f"stance: error: {p}, row 1: unknown stance 'pro'")
    assert lines[-1] == (
        f"stance: error: {p}: {MAX_PROBLEMS + 7} problems, 7 more not "
        f"shown (fix these and check again)"
    )


def test_reading_a_file_with_many_problems_names_the_first_and_counts(tmp_path) -> None:
    p = write(tmp_path, "1,a,,pro,\n2,b,,con,\n3,c,,none,\n")
    with pytest.raises(LabelError) as info:
        read_labels(p)
    assert str(info.value) == (
        f"{p}, row 1: unknown stance 'pro' (allowed: favor, against, none or empty; {_ROWS}) "
        f"(and 1 more problem: `stance labels check {p}` lists them all)"
    )
    assert [e.row for e in info.value.problems] == [1, 2]
    summaries = check_files([p])
    assert [str(e) for e in summaries[0].problems] == [str(e) for e in info.value.problems]
    assert summaries[0].problem_count == 2
