"""`stance score --engine dask` and `stance.score_dataframe`: real dask clusters (a
scheduler and two workers started as processes, and a LocalCluster), compared row by
row with the local engine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import test_spans
from stance.cli import app

pytest.importorskip("distributed")

runner = CliRunner()
ATOL = 1e-6


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    from stance.persist import save_model

    out = tmp_path_factory.mktemp("models") / "small"
    save_model(test_spans.small_model(), out)
    return out


def _texts(n: int) -> list[str]:
    base = test_spans.CIVIL + test_spans.UNCIVIL + test_spans.ABUSIVE + test_spans.FAVOR
    base += test_spans.AGAINST + test_spans.NONE
    return [f"{base[i % len(base)]} {test_spans.TAILS[i % 4]} #{i}".strip() for i in range(n)]


@pytest.fixture(scope="module")
def parquet_folder(tmp_path_factory) -> Path:
    """300 comments in 4 Parquet files of unequal sizes (an id, the text, a number)."""
    folder = tmp_path_factory.mktemp("in") / "comments"
    folder.mkdir()
    texts = _texts(300)
    start = 0
    for i, n in enumerate((90, 60, 100, 50)):
        rows = range(start, start + n)
        frame = pd.DataFrame(
            {"id": [f"c{r}" for r in rows], "text": texts[start : start + n], "n": list(rows)}
        )
        frame.to_parquet(folder / f"part{i}.parquet", index=False)
        start += n
    return folder


def _local(model_dir: Path, inputs: list[str], out: Path, *extra: str) -> pd.DataFrame:
    """The local engine's output for the same inputs (the reference)."""
    res = runner.invoke(app, ["score", str(model_dir), *inputs, "--out", str(out), *extra])
    assert res.exit_code in (0, 4), res.output
    return pq.read_table(out).to_pandas()


def _same_rows(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Every row once, in order, the same columns; probabilities within 1e-6, every
    other column identical."""
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for c in want.columns:
        if "_p_" in c:
            np.testing.assert_allclose(got[c].to_numpy(), want[c].to_numpy(), atol=ATOL, rtol=0)
        else:
            assert got[c].tolist() == want[c].tolist(), c


def _counts(frame: pd.DataFrame) -> str:
    n = frame["action"].value_counts()
    return ", ".join(f"{a} {n.get(a, 0)}" for a in ("approve", "review", "reject"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _dask_cli() -> list[str]:
    here = Path(sys.executable).parent / "dask"
    return [str(here)] if here.is_file() else [sys.executable, "-m", "dask"]


@pytest.fixture
def cluster(tmp_path):
    """A real `dask scheduler` and two `dask worker` processes on 127.0.0.1 (one thread
    each, no nanny: a killed worker stays dead), stopped at the end; yields the
    scheduler's address and the processes (the scheduler first)."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    common = ["--no-dashboard"]
    env = dict(os.environ)  # PYTHONPATH and STANCE_CACHE: the workers import this stance
    procs = [
        subprocess.Popen(
            [*_dask_cli(), "scheduler", "--host", "127.0.0.1", "--port", str(port), *common],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        for i in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        *_dask_cli(),
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--name",
                        f"w{i}",
                        "--local-directory",
                        str(tmp_path / f"w{i}"),
                        *common,
                    ],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address, procs
    finally:
        for p in reversed(procs):
            p.terminate()
        deadline = time.monotonic() + 20
        for p in reversed(procs):
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_a_scheduler_and_two_workers_score_as_the_local_engine(
    model_dir, parquet_folder, cluster, tmp_path
) -> None:
    want = _local(model_dir, [str(parquet_folder)], tmp_path / "local.parquet")
    out = tmp_path / "scored"
    args = [str(model_dir), str(parquet_folder), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--scheduler", cluster[0]])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 300 rows into {out} ({_counts(want)})"
    # one part per input file, written by the workers, and the run's signature
    parts = [f"part.00000{i}.parquet" for i in range(4)]
    assert sorted(p.name for p in out.iterdir()) == ["_stance_run.json", *parts]
    assert [pq.read_metadata(out / p).num_rows for p in parts] == [90, 60, 100, 50]
    got = pd.read_parquet(out)
    assert got["id"].tolist() == [f"c{i}" for i in range(300)]
    _same_rows(got, want)


def test_a_local_cluster_scores_csv_with_spans_and_marked_rows(model_dir, tmp_path) -> None:
    """`--workers 2` (a LocalCluster of processes); CSV inputs given as a glob, one bad
    row kept unscored (`--on-error mark`), tone spans."""
    texts = _texts(120)
    texts[70] = "   "  # whitespace only: marked, not scored
    folder = tmp_path / "csv"
    folder.mkdir()
    for i in range(3):
        rows = range(40 * i, 40 * i + 40)
        frame = pd.DataFrame({"id": [f"c{r}" for r in rows], "text": [texts[r] for r in rows]})
        frame.to_csv(folder / f"c{i}.csv", index=False)
    extra = ["--spans", "--on-error", "mark"]
    want = _local(model_dir, [str(folder)], tmp_path / "local.parquet", *extra)
    out = tmp_path / "scored"
    args = [str(model_dir), str(folder / "c*.csv"), "--out", str(out), *extra]
    res = runner.invoke(app, ["score", *args, "--engine", "dask", "--workers", "2"])
    assert res.exit_code == 4, res.output
    assert f"scored 120 rows into {out} ({_counts(want)}; 1 with errors)" in res.stderr
    got = pd.read_parquet(out)
    assert "tone_spans" in got.columns and got["error"].tolist()[70] == "text is only whitespace"
    _same_rows(got, want)


def test_score_dataframe_is_lazy_and_scores_as_the_local_engine(
    model_dir, parquet_folder, tmp_path
) -> None:
    import dask.dataframe as dd

    import stance

    want = _local(model_dir, [str(parquet_folder)], tmp_path / "local.parquet")
    ddf = dd.read_parquet(sorted(parquet_folder.iterdir()), split_row_groups=False)
    scored = stance.score_dataframe(ddf, model_dir, text_col="text")
    assert isinstance(scored, dd.DataFrame) and scored.npartitions == 4
    assert list(scored.columns) == list(want.columns)  # stated, not inferred
    got = scored.compute(scheduler="sync").reset_index(drop=True)
    _same_rows(got, want)


def test_a_missing_column_is_one_line_before_any_work(model_dir, parquet_folder, tmp_path):
    out = tmp_path / "scored"
    args = [str(model_dir), str(parquet_folder), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--text-col", "body"])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        f"stance: error: {parquet_folder / 'part0.parquet'}: no column 'body' (columns: id, "
        "text, n) (pass --text-col with one of the columns)"
    ]
    assert not out.exists()


def test_without_dask_the_engine_is_one_line_naming_the_extra(
    model_dir, parquet_folder, tmp_path, monkeypatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)  # import fails as if absent
    args = [str(model_dir), str(parquet_folder), "--out", str(tmp_path / "o"), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        "stance: error: --engine dask needs dask and distributed: pip install '.[dask]'"
    ]


def test_nothing_in_the_default_install_imports_dask(repo_root) -> None:
    code = (
        "import sys, stance, stance.cli, stance.score, stance.score.dask_engine;"
        "stance.score_dataframe;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    env = {**os.environ, "PYTHONPATH": str(repo_root / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_bad_row_names_its_file_and_row_and_leaves_no_output(model_dir, tmp_path) -> None:
    """--on-error fail (the default): the worker's error is the local engine's one line."""
    folder = tmp_path / "in"
    folder.mkdir()
    texts = _texts(20)
    texts[13] = ""
    for i in range(2):
        frame = pd.DataFrame({"id": [f"c{r}" for r in range(10 * i, 10 * i + 10)]})
        frame["text"] = texts[10 * i : 10 * i + 10]
        frame.to_parquet(folder / f"p{i}.parquet", index=False)
    out = tmp_path / "scored"
    args = [str(model_dir), str(folder), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--workers", "1"])
    assert res.exit_code == 2, res.output
    assert res.stderr.strip().splitlines()[-1] == (
        f"stance: error: {folder / 'p1.parquet'}, row 4: text is empty (id c13) (fix or drop "
        "the row, or pass --on-error mark to keep it unscored with an error column)"
    )
    assert not out.exists()


def test_a_worker_killed_mid_run_loses_and_doubles_no_row(model_dir, cluster, tmp_path) -> None:
    """One of the two workers is killed (SIGKILL) once the first part is written: the
    scheduler gives its tasks to the other, and the output is still every row once."""
    address, procs = cluster
    folder = tmp_path / "in"
    folder.mkdir()
    texts = _texts(1200)
    for i in range(24):
        rows = range(50 * i, 50 * i + 50)
        frame = pd.DataFrame({"id": [f"c{r}" for r in rows], "text": [texts[r] for r in rows]})
        frame.to_parquet(folder / f"p{i:02d}.parquet", index=False)
    want = _local(model_dir, [str(folder)], tmp_path / "local.parquet")
    out = tmp_path / "scored"
    args = [str(model_dir), str(folder), "--out", str(out), "--engine", "dask"]
    results = []
    run = threading.Thread(
        target=lambda: results.append(runner.invoke(app, ["score", *args, "--scheduler", address]))
    )
    run.start()
    deadline = time.monotonic() + 60
    while not list(out.glob("part.*.parquet")) and run.is_alive():
        assert time.monotonic() < deadline, "no part written"
        time.sleep(0.01)
    procs[2].kill()
    assert procs[2].wait(timeout=10) != 0
    run.join(timeout=120)
    res = results[0]
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 1200 rows into {out} ({_counts(want)})"
    got = pd.read_parquet(out)
    assert got["id"].tolist() == [f"c{i}" for i in range(1200)]
    _same_rows(got, want)


def test_file_urls_of_a_folder_and_a_glob_score_as_the_local_engine(
    model_dir, parquet_folder, tmp_path
) -> None:
    """INPUT URLs (`file://`, as `s3://...` with s3fs) are expanded with fsspec: a
    folder walked for its tables, a glob's matches, each sorted."""
    for sub in ("a", "b"):
        shutil.copytree(parquet_folder, tmp_path / sub)
    want = _local(model_dir, [str(tmp_path / "a"), str(tmp_path / "b")], tmp_path / "local.parquet")
    urls = [(tmp_path / "a").as_uri(), f"{(tmp_path / 'b').as_uri()}/part*.parquet"]
    out = tmp_path / "scored"
    args = [str(model_dir), *urls, "--out", str(out), "--engine", "dask", "--workers", "2"]
    res = runner.invoke(app, ["score", *args])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 600 rows into {out} ({_counts(want)})"
    assert len(list(out.glob("part.*.parquet"))) == 8  # a part per input file
    got = pd.read_parquet(out)
    assert got["id"].tolist() == [f"c{i}" for i in range(300)] * 2
    _same_rows(got, want)


@pytest.mark.parametrize("name", ["scored.parquet", "scored.csv"])
def test_an_out_with_a_table_suffix_is_one_file(model_dir, parquet_folder, tmp_path, name):
    """`--out scored.parquet` or `scored.csv`: one file, the local engine's rows."""
    local = tmp_path / f"local{Path(name).suffix}"
    res = runner.invoke(app, ["score", str(model_dir), str(parquet_folder), "--out", str(local)])
    assert res.exit_code == 0, res.output
    out = tmp_path / name
    args = [str(model_dir), str(parquet_folder), "--out", str(out), "--engine", "dask"]
    res = runner.invoke(app, ["score", *args, "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert res.stderr.splitlines()[-1] == f"scored 300 rows into {out} ({_counts(_read(local))})"
    assert out.is_file() and sorted(p.name for p in tmp_path.iterdir()) == [local.name, name]
    got = _read(out)
    assert got["id"].tolist() == [f"c{i}" for i in range(300)]
    _same_rows(got, _read(local))


def _read(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, keep_default_na=False)
    return pd.read_parquet(path)


@pytest.mark.parametrize(
    ("url", "line"),
    [
        (
            "foo://bucket/comments/",
            "foo://bucket/comments/: no file system reads foo:// URLs (give a local path, or "
            "a URL of a protocol fsspec knows (s3:// with s3fs))",
        ),
        (
            "s3://bucket/comments/*.parquet",
            "s3://bucket/comments/*.parquet: reading s3:// URLs needs s3fs (pip install s3fs)",
        ),
    ],
)
def test_a_url_nothing_reads_is_one_line_naming_the_package(
    model_dir, tmp_path, monkeypatch, url, line
) -> None:
    monkeypatch.setitem(sys.modules, "s3fs", None)  # import fails as if absent
    out = tmp_path / "scored"
    res = runner.invoke(app, ["score", str(model_dir), url, "--out", str(out), "--engine", "dask"])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [f"stance: error: {line}"]
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
@pytest.mark.parametrize("name", ["scored", "scored.parquet"])
def test_inputs_come_out_in_the_order_given_not_sorted(model_dir, tmp_path, fmt, name) -> None:
    """`b.FMT a.FMT`: b's rows first, as the local engine writes them, whatever order
    the file names sort in (a folder's files and a glob's matches are sorted)."""
    texts = _texts(50)
    for i, stem in enumerate(("a", "b")):
        rows = range(25 * i, 25 * i + 25)
        frame = pd.DataFrame(
            {"id": [f"{stem}{r}" for r in rows], "text": texts[25 * i : 25 * i + 25]}
        )
        if fmt == "csv":
            frame.to_csv(tmp_path / f"{stem}.csv", index=False)
        else:
            frame.to_parquet(tmp_path / f"{stem}.parquet", index=False)
    inputs = [str(tmp_path / f"b.{fmt}"), str(tmp_path / f"a.{fmt}")]
    want = _local(model_dir, inputs, tmp_path / "local.parquet")
    assert want["id"].tolist() == [f"b{r}" for r in range(25, 50)] + [f"a{r}" for r in range(25)]
    out = tmp_path / name
    res = runner.invoke(
        app,
        ["score", str(model_dir), *inputs, "--out", str(out), "--engine", "dask", "--workers", "1"],
    )
    assert res.exit_code == 0, res.output
    got = pd.read_parquet(out)
    _same_rows(got, want)
