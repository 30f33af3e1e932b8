"""The model directory: files, meta, checksums, versions, loading without `stance`, skops."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import ModelError
from stance.persist import SNIPPET, load_model, save_model
from test_model import FAST, stance_frame


@pytest.fixture(scope="module")
def labelled(tmp_path_factory, repo_root):
    """A small labelling file with both heads (templated stance + Fox News tone)."""
    tone = (
        pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
        .groupby("tone")
        .head(60)
    )
    df = pd.concat([stance_frame(), tone], ignore_index=True)[
        ["id", "text", "target", "stance", "tone"]
    ]
    p = tmp_path_factory.mktemp("data") / "small.csv"
    df.to_csv(p, index=False)
    return p


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, labelled):
    cfg = tmp_path_factory.mktemp("cfg") / "fast.toml"
    cfg.write_text("[cv]\nC = [1.0]\nfolds = 3\n")
    out = tmp_path_factory.mktemp("models") / "small"
    r = CliRunner().invoke(
        app, ["train", str(labelled), "--out", str(out), "--config", str(cfg), "--format", "skops"]
    )
    assert r.exit_code == 0, r.output
    return out


def test_cli_train_output_and_files(model_dir) -> None:
    assert sorted(p.name for p in model_dir.iterdir()) == [
        "README.md",
        "meta.json",
        "model.joblib",
        "model.skops",
        "policy.toml",
    ]
    meta = json.loads((model_dir / "meta.json").read_text())
    for key in (
        "format_version",
        "versions",
        "labels",
        "targets",
        "config",
        "training_data",
        "model_sha256",
        "cv",
        "created",
    ):
        assert key in meta
    assert set(meta["versions"]) >= {"stance", "scikit-learn", "python", "joblib"}
    assert meta["labels"]["tone"] == ["civil", "uncivil", "abusive"]
    assert len(meta["training_data"]["sha256"]) == 64
    card = (model_dir / "README.md").read_text()
    assert "joblib.load" in card and "| stance | * |" in card


def test_cli_train_prints_a_summary(labelled, tmp_path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[cv]\nC = [1.0]\nfolds = 3\n")
    r = CliRunner().invoke(
        app, ["train", str(labelled), "--out", str(tmp_path / "m"), "--config", str(cfg)]
    )
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == f"saved {tmp_path / 'm'}"
    assert lines[1].startswith("  stance: 60 rows, C=1.0, min_df=1; f_avg ")
    assert lines[2].startswith("  tone: 120 rows, C=1.0, min_df=1; macro_f1 ")
    # not a terminal: one line per head, then the known warning
    assert re.sub(r"done in \d+s$", "done in T", r.stderr, flags=re.M) == (
        "stance: training stance on 60 rows ... done in T\n"
        "stance: training tone on 120 rows ... done in T\n"
        "stance: warning: tone head: no rows labelled uncivil; the model will never predict them\n"
    )


def test_round_trip_predictions(model_dir, labelled) -> None:
    model = load_model(model_dir)
    texts = pd.read_csv(labelled, dtype=str, keep_default_na=False)["text"].head(20).tolist()
    a = model.predict(texts)
    b = load_model(model_dir).predict(texts)
    pd.testing.assert_frame_equal(a, b)
    assert model.path == model_dir


def test_sha256_mismatch_is_refused(model_dir, tmp_path) -> None:
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(model_dir, bad)
    with open(bad / "model.joblib", "ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match=r"does not match meta\.json"):
        load_model(bad)


def test_sklearn_version_mismatch_names_both_and_the_fix(model_dir, tmp_path) -> None:
    import shutil

    import sklearn

    old = tmp_path / "old"
    shutil.copytree(model_dir, old)
    meta = json.loads((old / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (old / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError) as exc:
        load_model(old)
    msg = str(exc.value)
    assert "0.24.2" in msg and sklearn.__version__ in msg
    assert "pip install scikit-learn==0.24.2" in msg and "--allow-version-mismatch" in msg
    assert load_model(old, allow_version_mismatch=True).predict(["x"]).shape[0] == 1
    r = CliRunner().invoke(app, ["evaluate", str(old), str(tmp_path / "none.csv")])
    assert r.exit_code == 3 and "saved with scikit-learn 0.24.2" in r.stderr


def test_missing_directory(tmp_path) -> None:
    with pytest.raises(ModelError, match="no such model directory"):
        load_model(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a model directory"):
        load_model(tmp_path / "empty")


def test_joblib_load_without_stance(model_dir, tmp_path) -> None:
    """Another tool: scikit-learn and joblib only, `stance` not importable."""
    code = textwrap.dedent(f"""
        import sys
        sys.path.append({_site_packages()!r})  # -S: no .pth files, so no editable stance
        try:
            import stance
        except ImportError:
            pass
        else:
            raise SystemExit("stance is importable: " + stance.__file__)
        import joblib
        model = joblib.load({str(model_dir / "model.joblib")!r})
        tone = model["heads"]["tone"]["*"]
        print(list(tone.classes_), tone.predict(["you are a disgrace"]).tolist())
        print(model["heads"]["stance"]["*"].predict(["Hun Sen is a dictator"]).tolist())
    """)
    r = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path, env={}
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("['abusive', 'civil']")
    assert lines[1] == "['against']"


def _site_packages() -> str:
    """The venv's site-packages without the editable `stance` path hook."""
    import sysconfig

    return sysconfig.get_paths()["purelib"]


def test_readme_snippet_runs_without_stance(model_dir, tmp_path) -> None:
    code = SNIPPET.replace("models/default/model.joblib", str(model_dir / "model.joblib"))
    code = f"import sys\nsys.path.append({_site_packages()!r})\n" + code
    r = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path, env={}
    )
    assert r.returncode == 0, r.stderr
    assert "civil" in r.stdout


def test_skops_loads_trusting_only_the_entity_decoder(model_dir) -> None:
    import skops.io as sio

    path = model_dir / "model.skops"
    assert sio.get_untrusted_types(file=path) == ["html.unescape"]
    obj = sio.load(path, trusted=["html.unescape"])
    ref = load_model(model_dir)
    texts = ["you are a disgrace", "Hun Sen is a dictator"]
    pipe = obj["heads"]["tone"]["*"]
    assert list(pipe.classes_) == ["abusive", "civil"]
    np.testing.assert_allclose(
        pipe.predict_proba(texts), ref.predict_proba(texts, "tone")[:, [2, 0]], rtol=1e-5
    )
    meta = json.loads((model_dir / "meta.json").read_text())
    assert len(meta["files"]["model.skops"]["sha256"]) == 64


def test_save_model_object_api(tmp_path) -> None:
    from stance.training import train

    result = train(stance_frame(), config=FAST)
    out = save_model(result, tmp_path / "m")
    assert (out / "model.joblib").is_file()
    assert result.model.path == out


# ---- issue 15 #3: extras checked before training; the directory written atomically ---------


def test_format_skops_without_skops_fails_before_training(labelled, tmp_path, monkeypatch) -> None:
    import stance.training

    def no_training(*args, **kwargs):
        raise AssertionError("train() ran although the skops extra is missing")

    monkeypatch.setitem(sys.modules, "skops", None)  # import skops -> ImportError
    monkeypatch.setitem(sys.modules, "skops.io", None)
    monkeypatch.setattr(stance.training, "train", no_training)
    out = tmp_path / "m"
    r = CliRunner().invoke(app, ["train", str(labelled), "--out", str(out), "--format", "skops"])
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        "stance: error: --format skops needs the skops package "
        "(pip install '.[skops]' in the stance checkout, or pip install "
        "skops)\n"
    )
    assert not out.exists()
    r = CliRunner().invoke(app, ["train", str(labelled), "--out", str(out), "--format", "onnx"])
    assert (r.exit_code, r.stderr) == (
        2,
        "stance: error: unknown model format 'onnx' (use joblib or skops)\n",
    )


@pytest.fixture(scope="module")
def small_result():
    from stance.training import train

    return train(stance_frame(), config=FAST)


def _snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_failed_save_leaves_no_half_written_model(small_result, tmp_path, monkeypatch) -> None:
    import stance.persist

    def broken_card(*args, **kwargs):
        raise RuntimeError("disk full")

    out = tmp_path / "m"
    monkeypatch.setattr(stance.persist, "model_card", broken_card)
    with pytest.raises(RuntimeError):
        save_model(small_result, out)
    assert list(tmp_path.iterdir()) == []  # neither the model folder nor a temp folder

    monkeypatch.undo()
    save_model(small_result, out, format="skops")
    before = _snapshot(out)
    monkeypatch.setattr(stance.persist, "model_card", broken_card)
    with pytest.raises(RuntimeError):
        save_model(small_result, out)
    assert _snapshot(out) == before  # the old model is intact
    assert [p.name for p in tmp_path.iterdir()] == ["m"]

    monkeypatch.undo()
    save_model(small_result, out)  # a complete new model replaces the old one whole
    assert sorted(_snapshot(out)) == ["README.md", "meta.json", "model.joblib", "policy.toml"]
    assert [p.name for p in tmp_path.iterdir()] == ["m"]
    assert load_model(out).predict(["Hun Sen is a dictator"]).shape[0] == 1


def test_save_never_replaces_a_folder_that_is_not_a_model(small_result, tmp_path) -> None:
    from stance.errors import InputError

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep me")
    with pytest.raises(InputError) as info:
        save_model(small_result, notes)
    assert str(info.value) == (
        f"{notes}: holds files that are not part of a model "
        "(todo.txt) (choose a new or empty folder for the model)"
    )
    assert _snapshot(notes) == {"todo.txt": b"keep me"}
    empty = tmp_path / "empty"
    empty.mkdir()
    assert save_model(small_result, empty) == empty
    assert (empty / "model.joblib").is_file()


# ---- issue 15 #18: the model card names its own model ---------------------------------------


def _card_code(card: str) -> str:
    return card.split("```python\n", 1)[1].split("```", 1)[0]


def test_model_card_snippet_loads_this_model(model_dir, tmp_path) -> None:
    card = (model_dir / "README.md").read_text()
    assert "models/default" not in card
    code = _card_code(card)
    assert f'joblib.load("{model_dir / "model.joblib"}")' in code
    code = f"import sys\nsys.path.append({_site_packages()!r})\n" + code
    r = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path, env={}
    )
    assert r.returncode == 0, r.stderr
    assert "civil" in r.stdout


def test_model_card_mentions_per_target_rows_only_when_it_has_them(model_dir) -> None:
    from stance.persist import model_card

    meta = json.loads((model_dir / "meta.json").read_text())
    assert "per_target" not in model_card(meta, "small")
    cv = meta["cv"]["stance"]
    meta["cv"]["stance"]["per_target"] = dict(cv["*"], C="per target", min_df="per target")
    card = model_card(meta, "small")
    assert "| stance | per_target | 60 |" in card
    assert "Rows `per_target` combine" in card


def test_model_card_of_a_tone_only_model_has_no_stance_lines(tmp_path, repo_root) -> None:
    from stance.training import train

    tone = (
        pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
        .groupby("tone")
        .head(20)
    )
    out = save_model(train(tone, config=FAST), tmp_path / "tone")
    code = _card_code((out / "README.md").read_text())
    assert "stance =" not in code and "tone =" in code
    r = subprocess.run(
        [sys.executable, "-S", "-c", f"import sys\nsys.path.append({_site_packages()!r})\n" + code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={},
    )
    assert r.returncode == 0, r.stderr
