"""The command line as a whole: one message per problem whatever the command, warnings,
--version and -h, the distribution name and install hints, the models/ folder."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from test_model import FAST, stance_frame

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    from stance.persist import save_model
    from stance.training import train

    tone = (
        pd.read_csv(ROOT / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
        .groupby("tone")
        .head(30)
    )
    data = pd.concat([stance_frame(), tone], ignore_index=True)
    return save_model(train(data, config=FAST), tmp_path_factory.mktemp("m") / "m")


@pytest.mark.parametrize("nul", [True, False])
def test_random_bytes_get_one_message_from_every_command(tmp_path, model_dir, nul) -> None:
    """Issue 15 #8: split, score and labels check share one sniffer and one message."""
    data = random.Random(1).randbytes(6000)
    p = tmp_path / "random.csv"
    p.write_bytes(data if nul else data.replace(b"\x00", b"\x01"))
    want = (
        f"stance: error: {p}: looks like a binary file, not text "
        "(pass a UTF-8 text, HTML, CSV, JSONL or Parquet file)\n"
    )
    for args in (
        ["split", str(p)],
        ["labels", "check", str(p)],
        ["score", str(model_dir), str(p), "--out", str(tmp_path / "s.csv")],
    ):
        res = runner.invoke(app, args)
        assert (res.exit_code, res.stderr) == (2, want), args
    assert not (tmp_path / "s.csv").exists()


def test_head_warnings_are_not_read_as_a_doubled_prefix(tmp_path) -> None:
    """Issue 15 #9: `stance: warning: stance: too few rows` read as a doubled prefix."""
    df = stance_frame().groupby("stance").head(1)  # 3 rows: no CV possible
    p = tmp_path / "tiny.csv"
    df.to_csv(p, index=False)
    res = runner.invoke(app, ["train", str(p), "--out", str(tmp_path / "m")])
    assert res.exit_code == 0, res.output
    assert "stance: warning: stance:" not in res.stderr
    assert (
        "stance: warning: stance head: too few rows for cross-validation (3 rows, "
        "smallest class 1); trained anyway, no CV metric recorded\n"
    ) in res.stderr


def test_version_and_short_help() -> None:
    """Issue 15 #16."""
    from stance import __version__

    res = runner.invoke(app, ["--version"])
    assert (res.exit_code, res.stdout) == (0, f"stance {__version__}\n")
    for args in (["-h"], ["evaluate", "-h"], ["labels", "check", "-h"], ["policy", "fit", "-h"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, args
        assert "Usage: " in res.stdout
        assert res.stdout == runner.invoke(app, [*args[:-1], "--help"]).stdout


@pytest.mark.parametrize(
    "command",
    [["evaluate"], ["score"], ["train"], ["split"], ["policy", "fit"], ["labels", "check"], []],
)
def test_boolean_flags_show_no_type(command: list[str]) -> None:
    """Issue 15 #16: a flag takes no value, so its help shows no `<bool>`."""
    res = runner.invoke(app, [*command, "--help"], terminal_width=120)
    assert res.exit_code == 0
    assert "<bool>" not in res.stdout
    assert "--help" in res.stdout


def test_distribution_name_and_install_hints() -> None:
    """Issue 15 #19: `stance` on the package index is another project: the distribution
    has a name of its own, the README says it, and hints install from the checkout."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["name"] == "stance-moderation"
    assert meta["scripts"] == {"stance": "stance.cli:main"}
    assert "`stance-moderation`" in (ROOT / "README.md").read_text()
    for path in sorted((ROOT / "src" / "stance").rglob("*.py")):
        assert "'stance[" not in path.read_text(), path


def test_install_hints_name_the_checkout(tmp_path, monkeypatch) -> None:
    import sys

    from stance.errors import InputError
    from stance.evaluation import write_plots
    from stance.persist import check_format

    monkeypatch.setitem(sys.modules, "skops", None)
    monkeypatch.setitem(sys.modules, "skops.io", None)
    with pytest.raises(InputError) as info:
        check_format("skops")
    assert "pip install '.[skops]'" in str(info.value)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(InputError) as info:
        write_plots({"heads": {}}, tmp_path)
    assert "pip install '.[plots]'" in str(info.value)


def test_models_folder_readme() -> None:
    """Issue 15 #20: models/README.md says what a model directory holds."""
    import subprocess

    from stance import persist

    readme = ROOT / "models" / "README.md"
    text = readme.read_text()
    for name in (
        persist.MODEL_FILE,
        persist.META_FILE,
        persist.CARD_FILE,
        persist.POLICY_FILE,
        persist.SKOPS_FILE,
        "stance train",
    ):
        assert f"`{name}" in text, name
    ignored = subprocess.run(["git", "check-ignore", "-q", str(readme)], cwd=ROOT)
    assert ignored.returncode == 1  # tracked, while models/*/ stays ignored
    assert (
        subprocess.run(
            ["git", "check-ignore", "-q", "models/default/model.joblib"], cwd=ROOT
        ).returncode
        == 0
    )


@pytest.mark.parametrize(
    "args",
    [
        ["score", "M", "-", "--chunksize", "0"],
        ["score", "M", "-", "--jobs", "-3"],
        ["score", "M", "-", "--jobs", "0"],
        ["score", "M", "-", "--show", "xml"],
        ["score", "M", "-", "--on-error", "skip"],
        ["score", "M", "-", "--stdin-format", "xls"],
    ],
)
def test_options_are_validated_where_declared(args) -> None:
    """Issue 15 #7: ranges and choices fail before any work, in one line, exit 2."""
    res = runner.invoke(app, args, input="id,text\n1,hello there\n")
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stance: error: "), res.stderr
    assert args[-2] in lines[0]


def test_every_model_command_takes_allow_version_mismatch(model_dir, tmp_path) -> None:
    """Issue 15 #6: the mismatch error's advice works for every command that loads one."""
    import json
    import shutil

    old = tmp_path / "old"
    shutil.copytree(model_dir, old)
    meta = json.loads((old / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (old / "meta.json").write_text(json.dumps(meta))
    tone = (
        pd.read_csv(ROOT / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
        .groupby("tone")
        .head(40)
    )
    labelled = tmp_path / "held.csv"
    tone.to_csv(labelled, index=False)
    suite = tmp_path / "suite.csv"
    pd.DataFrame(
        {
            "text": ["a fine person", "a horrible person"] * 4,
            "label": ["non-toxic", "toxic"] * 4,
            "group": ["x"] * 4 + ["y"] * 4,
        }
    ).to_csv(suite, index=False)
    commands = [
        ["score", str(old), "-", "--show", "csv"],
        ["explain", str(old), "hello there"],
        [
            "policy",
            "fit",
            str(old),
            str(labelled),
            "-o",
            str(tmp_path / "p.toml"),
            "--reject-precision",
            "0.5",
        ],
        ["audit", str(old), "--suite", str(suite)],
        ["evaluate", str(old), str(labelled)],
    ]
    env = {"STANCE_CACHE": str(tmp_path / "cache")}
    for cmd in commands:
        res = runner.invoke(app, cmd, input="id,text\n1,hello there\n", env=env)
        assert res.exit_code == 3, (cmd, res.output)
        assert "--allow-version-mismatch" in res.stderr
        res = runner.invoke(
            app, [*cmd, "--allow-version-mismatch"], input="id,text\n1,hello there\n", env=env
        )
        assert res.exit_code == 0, (cmd, res.output)
        # allowing it once does not leave a cached model that skips the check
        res = runner.invoke(app, cmd, input="id,text\n1,hello there\n", env=env)
        assert res.exit_code == 3, (cmd, res.output)


# ---- issue 15 #13: `stance train` says what it does, piped or on a terminal -----------------


@pytest.fixture(scope="module")
def train_args(tmp_path_factory) -> list[str]:
    tone = (
        pd.read_csv(ROOT / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
        .groupby("tone")
        .head(60)
    )
    folder = tmp_path_factory.mktemp("train")
    data, cfg = folder / "small.csv", folder / "fast.toml"
    columns = ["id", "text", "target", "stance", "tone"]  # no article: ungrouped CV
    pd.concat([stance_frame(), tone], ignore_index=True)[columns].to_csv(data, index=False)
    cfg.write_text("[cv]\nC = [1.0]\nfolds = 3\n")
    return ["train", str(data), "--config", str(cfg), "--out", str(folder / "m")]


def test_train_piped_prints_one_line_per_head(train_args) -> None:
    import re

    res = runner.invoke(app, train_args)  # CliRunner's stderr is not a terminal
    assert res.exit_code == 0, res.output
    assert re.sub(r"done in \d+s$", "done in T", res.stderr, flags=re.M) == (
        "stance: training stance on 60 rows ... done in T\n"
        "stance: training tone on 120 rows ... done in T\n"
        "stance: warning: tone head: no rows labelled uncivil; the model will never predict them\n"
    )


def test_train_on_a_terminal_shows_a_live_line_per_head_and_fold(train_args, monkeypatch) -> None:
    import re

    import stance.cli.modelling as modelling

    monkeypatch.setattr(modelling, "is_terminal", lambda stream=None: True)
    res = runner.invoke(app, train_args, env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output

    def plain(frame: str) -> str:  # the time so far, a fold's time, the time left: T
        frame = re.sub(r"\.\.\. \d+s\b", "... T", frame.rstrip())
        return re.sub(r"; about \d+ (s|min) left$", "", re.sub(r" at \d+ s", " at T", frame))

    lines = []  # each line: its frames, written over each other with "\r"
    for line in res.stderr.split("\n")[:2]:
        frames = [plain(f) for f in line.split("\r")[1:]]
        # the ticker redraws each second: the same frame again, later
        lines.append([f for i, f in enumerate(frames) if not i or f != frames[i - 1]])
    for head, rows in [("stance", 60), ("tone", 120)]:
        start = f"stance: training {head} on {rows} rows ..."
        frames = lines.pop(0)
        assert frames[:-1] == [
            f"{start} T",
            f"{start} T: {rows} rows, 3-fold CV of 1 setting",
            f"{start} T: fold 1/3 done at T",
            f"{start} T: fold 2/3 done at T",
            f"{start} T: fold 3/3 done at T",
            f"{start} T: final fit on {rows} rows (C=1, min_df=1)",
        ]
        assert re.fullmatch(rf"{re.escape(start)} done in \d+s", frames[-1])
    assert res.stderr.split("\n")[2:] == [
        "stance: warning: tone head: no rows labelled uncivil; the model will never predict them",
        "",
    ]


def test_train_lines_tick_fit_the_terminal_and_end_before_an_error(monkeypatch) -> None:
    from stance.cli.modelling import _TrainLines, clock_time

    said: list[str] = []
    monkeypatch.setattr(
        "typer.echo", lambda text="", nl=True, err=False: said.append(text + "\n" * nl)
    )
    monkeypatch.setenv("COLUMNS", "80")
    now = [100.0]
    with _TrainLines(live=True, clock=lambda: now[0]) as lines:
        lines.head("tone", 26316, None)
        now[0] += 41.0
        lines.step("tone: fold 2/3 done at 41 s; about 1 min left")
        now[0] += 44.0
        lines.redraw()  # what the ticker does each second
        # an error leaves the block: the line ends first
    assert said == [
        "\rstance: training tone on 26,316 rows ... 0s",
        # 79 characters: the step loses its middle, the time so far and left stay
        "\rstance: training tone on 26,316 rows ... 41s: fold 2/3 done a...bout 1 min left",
        "\rstance: training tone on 26,316 rows ... 1m25s: fold 2/3 done ...out 1 min left",
        "\n",
    ]
    said.clear()
    with _TrainLines(live=False) as piped:
        piped.head("tone", 26316, None)
        piped.step("tone: fold 2/3 done at 41 s")  # nothing: one line per head
        piped.head("tone", 26316, 85.2)
    assert "".join(said) == "stance: training tone on 26,316 rows ... done in 1m25s\n"
    assert [clock_time(s) for s in (0.4, 59.4, 85.2, 3599, 7500)] == [
        "0s",
        "59s",
        "1m25s",
        "59m59s",
        "2h05m",
    ]
