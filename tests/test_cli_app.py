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
    env = {"STANCE_CACHE_DIR": str(tmp_path / "cache")}
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
