"""`stance score --engine dask`: one file split into partitions (`--chunksize`), an
fsspec URL as OUT, and `--resume`; real clusters (the scheduler and worker processes of
`test_dask.cluster`, or a LocalCluster), compared row by row with the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from stance.cli import app
from test_dask import _counts, _local, _same_rows, _texts, cluster, model_dir, runner

pytest.importorskip("distributed")

__all__ = ["cluster", "model_dir"]  # fixtures, used by name


def _tricky(n: int) -> list[str]:
    """Comments as CSV makes them hard: quoted line breaks (LF and CRLF), commas and
    quotes, a cell that starts with a quote."""
    extras = ["", "\nsecond line", ", with a comma", ' said "no"', "\r\nand CRLF"]
    texts = _texts(n)
    return [('"' if i % 7 == 3 else "") + t + extras[i % 5] for i, t in enumerate(texts)]


def _parts(out: Path) -> list[int]:
    """The rows of each part of a dataset folder, in part order."""
    return [pq.read_metadata(p).num_rows for p in sorted(out.glob("part.*.parquet"))]


def test_a_parquet_file_is_split_between_row_groups(model_dir, cluster, tmp_path) -> None:
    """One file of 8 row groups (7 of 40 rows, one of 20) with --chunksize 100: runs of
    whole row groups of at most 100 rows, so that both worker processes score it."""
    big = pd.DataFrame({"id": [f"c{i}" for i in range(300)], "text": _texts(300)})
    big.to_parquet(tmp_path / "big.parquet", index=False, row_group_size=40)
    inputs = [str(tmp_path / "big.parquet")]
    want = _local(model_dir, inputs, tmp_path / "local.parquet")
    out = tmp_path / "scored"
    args = [str(model_dir), *inputs, "--out", str(out), "--engine", "dask", "--chunksize", "100"]
    res = runner.invoke(app, ["score", *args, "--scheduler", cluster[0]])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 300 rows into {out} ({_counts(want)})"
    assert _parts(out) == [80, 80, 80, 60]
    got = pd.read_parquet(out)
    assert got["id"].tolist() == [f"c{i}" for i in range(300)]
    _same_rows(got, want)
    assert _scorers_loaded(cluster[0]) == [1, 1]  # both workers scored


def _scorers_loaded(address: str) -> list[int]:
    """The models each worker of the cluster has loaded (it loads one when it first
    scores a partition, and keeps it)."""
    from distributed import Client

    def loaded() -> int:
        from stance.score import dask_engine

        return len(dask_engine._SCORERS)

    with Client(address, timeout="20s") as client:
        return sorted(client.run(loaded).values())


def test_a_csv_file_is_split_every_chunksize_rows(model_dir, tmp_path) -> None:
    """Quoted line breaks, commas, quotes and blank lines: the pieces start where rows
    start, so every row comes out once, in order, as the local engine reads it."""
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(100)], "text": _tricky(100)})
    frame.to_csv(tmp_path / "in.csv", index=False)
    lines = (tmp_path / "in.csv").read_bytes().split(b"\n")
    (tmp_path / "in.csv").write_bytes(b"\n".join([*lines[:9], b"", b"", *lines[9:]]))
    want = _local(model_dir, [str(tmp_path / "in.csv")], tmp_path / "local.parquet")
    assert want["id"].tolist() == [f"c{i}" for i in range(100)]
    out = tmp_path / "scored"
    args = [str(model_dir), str(tmp_path / "in.csv"), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--chunksize", "30", "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 100 rows into {out} ({_counts(want)})"
    assert _parts(out) == [30, 30, 30, 10]
    _same_rows(pd.read_parquet(out), want)


def test_a_bad_row_in_a_later_piece_is_named_as_the_local_engine_names_it(
    model_dir, tmp_path
) -> None:
    texts = _tricky(60)
    texts[47] = "  "
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(60)], "text": texts})
    frame.to_csv(tmp_path / "in.csv", index=False)
    args = [str(model_dir), str(tmp_path / "in.csv"), "--chunksize", "20"]
    local = runner.invoke(app, ["score", *args, "--out", str(tmp_path / "local.parquet")])
    line = (
        f"stance: error: {tmp_path / 'in.csv'}, row 48: text is only whitespace (id c47) (fix "
        "or drop the row, or pass --on-error mark to keep it unscored with an error column)"
    )
    assert local.exit_code == 2 and local.stderr.strip().splitlines()[-1] == line
    out = tmp_path / "scored"
    res = runner.invoke(
        app, ["score", *args, "--out", str(out), "--engine", "dask", "--workers", "1"]
    )
    assert res.exit_code == 2, res.output
    assert res.stderr.strip().splitlines()[-1] == line
    assert not out.exists()


def test_an_out_url_is_written_by_the_workers(model_dir, cluster, tmp_path) -> None:
    """`--out file:///...` (as `s3://bucket/scored/` with s3fs): the workers write the
    parts through fsspec."""
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(90)], "text": _texts(90)})
    frame.to_parquet(tmp_path / "in.parquet", index=False, row_group_size=30)
    inputs = [str(tmp_path / "in.parquet")]
    want = _local(model_dir, inputs, tmp_path / "local.parquet")
    url = (tmp_path / "scored").as_uri()
    args = [str(model_dir), *inputs, "--out", url, "--engine", "dask", "--chunksize", "30"]
    res = runner.invoke(app, ["score", *args, "--scheduler", cluster[0]])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 90 rows into {url} ({_counts(want)})"
    assert _parts(tmp_path / "scored") == [30, 30, 30]
    _same_rows(pd.read_parquet(tmp_path / "scored"), want)


def test_a_one_file_out_url_is_put_by_the_client(model_dir, tmp_path) -> None:
    import fsspec

    frame = pd.DataFrame({"id": [f"c{i}" for i in range(40)], "text": _texts(40)})
    frame.to_parquet(tmp_path / "in.parquet", index=False)
    inputs = [str(tmp_path / "in.parquet")]
    want = _local(model_dir, inputs, tmp_path / "local.parquet")
    url = "memory://stance-test/scored.parquet"
    args = [str(model_dir), *inputs, "--out", url, "--engine", "dask", "--workers", "1"]
    res = runner.invoke(app, ["score", *args])
    assert res.exit_code == 0, res.output
    with fsspec.open(url, "rb") as f:
        _same_rows(pd.read_parquet(f), want)
    fsspec.filesystem("memory").rm("/stance-test", recursive=True)


def _resume_case(model_dir: Path, tmp_path: Path) -> tuple[list[str], Path, pd.DataFrame]:
    texts = _texts(200)
    for i in range(2):
        rows = range(100 * i, 100 * i + 100)
        frame = pd.DataFrame({"id": [f"c{r}" for r in rows], "text": [texts[r] for r in rows]})
        frame.to_parquet(tmp_path / f"p{i}.parquet", index=False, row_group_size=25)
    inputs = [str(tmp_path / "p0.parquet"), str(tmp_path / "p1.parquet")]
    want = _local(model_dir, inputs, tmp_path / "local.parquet")
    out = tmp_path / "scored"
    args = [str(model_dir), *inputs, "--out", str(out), "--engine", "dask", "--chunksize", "25"]
    return [*args, "--workers", "1"], out, want


def test_resume_scores_only_the_parts_missing_or_not_written_whole(model_dir, tmp_path) -> None:
    """A run's folder with one part gone and one cut short (a worker killed while writing
    it): `--resume` keeps the six whole parts as they are and writes the two others."""
    args, out, want = _resume_case(model_dir, tmp_path)
    res = runner.invoke(app, ["score", *args])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [
        "_stance_run.json",
        *[f"part.{i:06d}.parquet" for i in range(8)],
    ]
    (out / "part.000002.parquet").unlink()
    cut = out / "part.000005.parquet"
    cut.write_bytes(cut.read_bytes()[:200])
    kept = {p.name: p.stat().st_mtime_ns for p in out.glob("part.*") if p != cut}
    res = runner.invoke(app, ["score", *args, "--resume"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == (
        f"scored 200 rows (150 resumed) into {out} ({_counts(want)})"
    )
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part.*") if p.name in kept} == kept
    assert _parts(out) == [25] * 8
    _same_rows(pd.read_parquet(out), want)
    # a finished run resumed: nothing left to score, no cluster started
    res = runner.invoke(app, ["score", *args, "--resume"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == (
        f"scored 200 rows (200 resumed) into {out} ({_counts(want)})"
    )


def test_resume_of_a_run_with_other_options_is_one_line(model_dir, tmp_path) -> None:
    args, out, _ = _resume_case(model_dir, tmp_path)
    assert runner.invoke(app, ["score", *args]).exit_code == 0
    res = runner.invoke(app, ["score", *args, "--resume", "--chunksize", "50"])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"stance: error: {out}: the unfinished run used other inputs, model or options "
        "(rerun without --resume to start over)"
    ]
    assert json.loads((out / "_stance_run.json").read_text())["signature"]
    assert _parts(out) == [25] * 8  # left as it was


def test_a_failed_run_with_resume_keeps_its_folder(model_dir, tmp_path) -> None:
    """--on-error fail stops the run at a bad row; started with --resume, its folder
    (the signature and the parts written whole) stays for the same command."""
    texts = _texts(40)
    texts[35] = ""
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(40)], "text": texts})
    frame.to_parquet(tmp_path / "in.parquet", index=False, row_group_size=10)
    out = tmp_path / "scored"
    args = [str(model_dir), str(tmp_path / "in.parquet"), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--chunksize", "10", "--workers", "1", "--resume"])
    assert res.exit_code == 2, res.output
    assert (
        res.stderr.strip()
        .splitlines()[-1]
        .startswith(f"stance: error: {tmp_path / 'in.parquet'}, row 36: text is empty (id c35)")
    )
    assert (out / "_stance_run.json").is_file()
    assert "part.000003.parquet" not in {p.name for p in out.iterdir()}


def test_resume_needs_a_folder_out(model_dir, tmp_path) -> None:
    frame = pd.DataFrame({"id": ["c0"], "text": _texts(1)})
    frame.to_parquet(tmp_path / "in.parquet", index=False)
    out = tmp_path / "scored.parquet"
    args = [str(model_dir), str(tmp_path / "in.parquet"), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--resume"])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"stance: error: {out}: --engine dask resumes into a Parquet dataset folder only "
        "(give a folder --out, such as scored/, or leave out --resume)"
    ]


def test_a_malformed_row_in_a_later_piece_is_one_line(model_dir, tmp_path) -> None:
    """A row of three cells under a header of two, in the third piece: the parse error
    says where pandas counted its lines from."""
    rows = [f"c{i},comment number {i}" for i in range(30)]
    rows[24] = "c24,comment,with a third cell"
    (tmp_path / "in.csv").write_text("id,text\n" + "\n".join(rows) + "\n")
    out = tmp_path / "scored"
    args = [str(model_dir), str(tmp_path / "in.csv"), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--chunksize", "10", "--workers", "1"])
    assert res.exit_code == 2, res.output
    assert res.stderr.strip().splitlines()[-1] == (
        f"stance: error: {tmp_path / 'in.csv'}: cannot parse as csv: Error tokenizing data. "
        "C error: Expected 2 fields in line 5, saw 3 (lines counted from data row 21) (check "
        "that the file is valid csv)"
    )
    assert not out.exists()
