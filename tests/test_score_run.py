"""`stance score` runs (issue 15): inputs whose name does not say their format, Ctrl-C,
rows counted for the progress bar and the last line."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import test_score
from stance.cli import app
from stance.score.inputs import ScoreOptions, estimate_rows
from stance.score.run import ScoreInterrupted, score_files
from stance.score.scorer import load_scorer
from stance.tables import read_table

runner = CliRunner()
model_dir = test_score.model_dir  # the session's model, built once for both files

TEXTS = [
    "thank you for the article",
    "you stupid idiot",
    'a "quoted" word, and a comma',
    "two lines:\nthe second one",
    "good point, well made",
]


def _comments_csv(rows: int = 20) -> bytes:
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(rows)], "text": (TEXTS * rows)[:rows]})
    return frame.to_csv(index=False).encode()


def _counts(out: Path) -> str:
    n = pd.read_csv(out, dtype=str, keep_default_na=False)["action"].value_counts()
    return ", ".join(f"{a} {n.get(a, 0)}" for a in ("approve", "review", "reject"))


@pytest.mark.parametrize(
    ("name", "gz"), [("comments.txt", False), ("comments", False), ("comments", True)]
)
def test_a_table_whose_name_says_nothing_is_sniffed(model_dir, tmp_path, name, gz) -> None:
    """Issue 15 #1: a CSV named .txt, with no extension, or gzipped without one, is
    scored as the table it is: what piping its bytes to `-` gives."""
    data = _comments_csv()
    src = tmp_path / name
    src.write_bytes(gzip.compress(data) if gz else data)
    out, piped = tmp_path / "s.csv", tmp_path / "piped.csv"
    res = runner.invoke(app, ["score", str(model_dir), str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines() == [f"scored 20 rows into {out} ({_counts(out)})"]
    res = runner.invoke(app, ["score", str(model_dir), "-", "-o", str(piped)], input=data)
    assert res.exit_code == 0, res.output
    assert out.read_bytes() == piped.read_bytes()
    assert read_table(out)["text"].tolist() == (TEXTS * 4)[:20]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_a_pipe_is_read_once_and_sniffed(model_dir, tmp_path) -> None:
    """`stance score MODEL <(zcat comments.csv.gz)`: the pipe's bytes are read once (a
    sniffed head is not lost) and scored as a table."""
    data = _comments_csv()
    out = tmp_path / "s.csv"
    r, w = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(w, gzip.compress(data)), os.close(w)))
    writer.start()
    try:
        res = runner.invoke(app, ["score", str(model_dir), f"/dev/fd/{r}", "-o", str(out)])
    finally:
        writer.join()
        os.close(r)
    assert res.exit_code == 0, res.output
    assert read_table(out)["id"].tolist() == [f"c{i}" for i in range(20)]


def test_a_page_without_comments_is_not_0_rows_and_exit_0(model_dir, tmp_path) -> None:
    """Issue 15 #1: an input that gives no row is an error when it is all there is, a
    warning beside inputs that have rows."""
    page = tmp_path / "article.txt"
    page.write_text("An article.\n\nIts comments are closed.\n")
    out = tmp_path / "s.csv"
    res = runner.invoke(app, ["score", str(model_dir), str(page), "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert res.stderr.splitlines() == [
        f"stance: error: {page}: no comments found in the page, nothing to score "
        f"(`stance split {page}` shows how the page splits; a table needs a .csv, .tsv, "
        ".jsonl or .parquet name, or a header row of two or more columns)"
    ]
    assert not out.exists() and not (tmp_path / ".s.csv.parts").exists()
    table = tmp_path / "t.csv"
    table.write_bytes(_comments_csv(3))
    res = runner.invoke(app, ["score", str(model_dir), str(page), str(table), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines() == [
        f"stance: warning: {page}: no comments found in the page; nothing scored from it",
        f"scored 3 rows into {out} ({_counts(out)})",
    ]
    res = runner.invoke(app, ["score", str(model_dir), "-"], input=b"")
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [
        "stance: error: <stdin>: no comments found in the page, nothing to score "
        "(if it is a table, pass --stdin-format csv, tsv, jsonl or parquet)"
    ]


def test_estimate_counts_rows_not_lines(tmp_path) -> None:
    """Issue 15 #14: the progress bar's total is the rows, whatever their lines."""
    data = _comments_csv(50) + b"\n"  # a blank line at the end, skipped as pandas does
    (tmp_path / "a.csv").write_bytes(data)
    (tmp_path / "b").write_bytes(gzip.compress(data))  # sniffed: no extension, gzipped
    rows = len(read_table(tmp_path / "a.csv"))
    assert rows == 50 < data.count(b"\n")
    assert estimate_rows([str(tmp_path / "a.csv")]) == 50
    assert estimate_rows([str(tmp_path / "a.csv"), str(tmp_path / "b")]) == 100
    assert estimate_rows([str(tmp_path / "a.csv"), "-"]) is None  # stdin: unknown


def test_resumed_run_counts_every_row(model_dir, tmp_path) -> None:
    """Issue 15 #5 and #14: an interrupted run keeps its parts only with --resume; the
    rerun's last line counts every row of the output and the resumed ones."""
    src = tmp_path / "in.csv"
    src.write_bytes(_comments_csv(50))
    out = tmp_path / "o.csv"
    parts = tmp_path / ".o.csv.parts"
    scorer = load_scorer(model_dir)

    def stop_at_20(n: int, seen: list[int] = [0]) -> None:  # noqa: B006
        seen[0] += n
        if seen[0] >= 20:
            seen[0] = 0
            raise KeyboardInterrupt

    opts = ScoreOptions(chunksize=10, jobs=1)
    for resume in (False, True):
        with pytest.raises(ScoreInterrupted) as info:
            score_files(
                scorer,
                [str(src)],
                out,
                opts,
                resume=resume,
                model_path=str(model_dir),
                progress=stop_at_20,
            )
        assert (info.value.rows, info.value.kept) == (20, resume)
        assert parts.is_dir() == resume and not out.exists()
    assert sorted(p.name for p in parts.glob("*.done")) == ["000000.done", "000001.done"]
    args = ["score", str(model_dir), str(src), "-o", str(out), "--chunksize", "10", "-j", "1"]
    res = runner.invoke(app, [*args, "--resume"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == (
        f"scored 50 rows (20 resumed) into {out} ({_counts(out)})"
    )
    assert read_table(out)["id"].tolist() == [f"c{i}" for i in range(50)]
    assert not parts.exists()


def _as_from_a_terminal() -> None:
    """The child's SIGINT as a terminal starts a command: default action, not blocked
    (another test of the suite may leave this process ignoring SIGINT, and a child
    inherits that: Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _interrupt(cmd: list[str], parts: Path) -> subprocess.CompletedProcess:
    """Run `cmd`, press Ctrl-C (SIGINT to its process group, as a terminal does) once
    it has written two parts, and one of its own (a resumed run finds the earlier ones:
    a signal at its start-up would come before it scores anything)."""
    before = len(list(parts.glob("*.csv"))) if parts.is_dir() else 0
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_from_a_terminal,
    )
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if parts.is_dir() and len(list(parts.glob("*.csv"))) >= max(2, before + 1):
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # hung: leave no process behind
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def test_ctrl_c_prints_one_line(model_dir, shared_data, tmp_path) -> None:
    """Issue 15 #5: Ctrl-C during a pooled run: no worker traceback, one line, exit
    130; the parts are kept only for --resume."""
    texts = pd.read_csv(shared_data / "olid" / "olid-training-v1.0.tsv", sep="\t", quoting=3)
    texts = (texts["tweet"].tolist() * 16)[:200_000]
    src = tmp_path / "big.csv"
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(src, index=False)
    out = tmp_path / "big.out.csv"
    parts = tmp_path / ".big.out.csv.parts"
    cmd = [sys.executable, "-m", "stance", "score", str(model_dir), str(src), "-o", str(out)]
    cmd += ["--jobs", "2"]
    for resume in (False, True):
        res = _interrupt(cmd + ["--resume"] * resume, parts)
        assert res.returncode == 130, res.stderr
        assert res.stdout == ""
        lines = res.stderr.splitlines()
        advice = "; rerun with --resume to continue" if resume else ""
        match = re.fullmatch(
            rf"interrupted after (\d+) of 200000 rows{re.escape(advice)}", lines[0]
        )
        assert len(lines) == 1 and match, res.stderr
        rows = int(match[1])
        assert rows % 10_000 == 0 and rows < 200_000
        assert not out.exists()
        assert parts.is_dir() == resume
    assert len(list(parts.glob("*.done"))) == rows // 10_000
