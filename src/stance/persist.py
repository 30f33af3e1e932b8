"""The model directory: save and load `models/NAME/`.

    model.joblib   {"format_version": 1, "heads": {head: {target: Pipeline}}}: builtins
                   and stock scikit-learn objects only, so `joblib.load` needs no `stance`
    meta.json      format and library versions, labels, targets, training config, sha256
                   of the training data and of model.joblib, CV metrics, creation time
    README.md      the model card (with a snippet that scores comments without `stance`)
    policy.toml    the default moderation policy (stance.policy)
    model.skops    optional (`format="skops"`): the same dict, loadable with no
                   trusted types by `skops.io.load(path, trusted=[])`
"""

from __future__ import annotations

import datetime as _dt
import json
import platform
from pathlib import Path
from typing import Any

from stance.errors import InputError, ModelError
from stance.io import atomic_write, file_sha256
from stance.model import FORMAT_VERSION, POOLED, StanceModel, TrainResult
from stance.policy import default_policy_text

MODEL_FILE = "model.joblib"
SKOPS_FILE = "model.skops"
META_FILE = "meta.json"
CARD_FILE = "README.md"
POLICY_FILE = "policy.toml"


def _versions() -> dict[str, str]:
    import joblib
    import numpy
    import scipy
    import sklearn

    from stance import __version__

    return {"stance": __version__, "scikit-learn": sklearn.__version__,
            "joblib": joblib.__version__, "numpy": numpy.__version__,
            "scipy": scipy.__version__, "python": platform.python_version()}


def save_model(result: TrainResult | StanceModel, out: str | Path, *,
               format: str = "joblib") -> Path:
    """Write a model directory; return its path. `format="skops"` adds model.skops."""
    if format not in ("joblib", "skops"):
        raise InputError(f"unknown model format {format!r}", fix="use joblib or skops")
    model = result.model if isinstance(result, TrainResult) else result
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError("exists and is not a folder", path=out,
                         fix="choose a new model directory")
    out.mkdir(parents=True, exist_ok=True)
    import joblib

    obj = {"format_version": FORMAT_VERSION, "heads": model.heads}
    with atomic_write(out / MODEL_FILE, "wb") as f:
        joblib.dump(obj, f, compress=3)
    meta = dict(model.meta)
    meta["format_version"] = FORMAT_VERSION
    meta["versions"] = _versions()
    meta["created"] = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    meta["files"] = {MODEL_FILE: {"sha256": file_sha256(out / MODEL_FILE)}}
    if format == "skops":
        meta["files"][SKOPS_FILE] = {"sha256": _save_skops(obj, out / SKOPS_FILE)}
    meta["model_sha256"] = meta["files"][MODEL_FILE]["sha256"]
    with atomic_write(out / POLICY_FILE) as f:
        f.write(default_policy_text())
    with atomic_write(out / META_FILE) as f:
        json.dump(meta, f, indent=2, sort_keys=False)
        f.write("\n")
    with atomic_write(out / CARD_FILE) as f:
        f.write(model_card(meta, out.name))
    model.meta, model.path = meta, out
    return out


def _save_skops(obj: dict[str, Any], path: Path) -> str:
    try:
        import skops.io as sio
    except ImportError:
        raise InputError("--format skops needs the skops package",
                         fix="pip install 'stance[skops]'") from None
    import zipfile

    with atomic_write(path, "wb") as f:  # deflate: stored zips are ~40x larger here
        f.write(sio.dumps(obj, compression=zipfile.ZIP_DEFLATED, compresslevel=6))
    untrusted = sio.get_untrusted_types(file=path)
    if untrusted:  # stock sklearn objects only: this would be a bug in features.py
        raise ModelError(f"model.skops would need trusted types: {', '.join(untrusted)}")
    return file_sha256(path)


def load_model(path: str | Path, *, allow_version_mismatch: bool = False) -> StanceModel:
    """Load a model directory, checking model.joblib's sha256 and the sklearn version.

    A different scikit-learn version than the one that saved the model raises
    `ModelError` naming both versions and the fix; `allow_version_mismatch=True`
    loads anyway (predictions may differ or fail).
    """
    import sklearn

    p = Path(path)
    if p.is_file() and p.name in (MODEL_FILE, META_FILE):
        p = p.parent
    if not p.is_dir():
        raise ModelError(f"{p}: no such model directory (train one with "
                         f"`stance train FILE.csv --out {p}`)")
    meta_path, model_path = p / META_FILE, p / MODEL_FILE
    if not meta_path.is_file() or not model_path.is_file():
        raise ModelError(f"{p}: not a model directory (needs {MODEL_FILE} and {META_FILE}; "
                         f"retrain with `stance train FILE.csv --out {p}`)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: corrupt meta.json ({exc})") from None
    fv = meta.get("format_version")
    if fv != FORMAT_VERSION:
        raise ModelError(f"{p}: model format {fv}, this stance reads format "
                         f"{FORMAT_VERSION} (retrain the model with this version)")
    want = meta.get("model_sha256")
    got = file_sha256(model_path)
    if want != got:
        raise ModelError(f"{model_path}: sha256 {got[:12]}... does not match meta.json "
                         f"({str(want)[:12]}...); the file was changed or truncated "
                         "(copy the model directory again or retrain)")
    saved = meta.get("versions", {}).get("scikit-learn")
    if saved != sklearn.__version__ and not allow_version_mismatch:
        raise ModelError(
            f"{p} was saved with scikit-learn {saved} but this environment has "
            f"{sklearn.__version__} (fix: pip install scikit-learn=={saved}, or retrain "
            "with `stance train`; to load anyway pass --allow-version-mismatch / "
            "allow_version_mismatch=True)")
    import warnings

    import joblib

    with warnings.catch_warnings():
        if allow_version_mismatch:  # the caller accepted the risk explicitly
            warnings.simplefilter("ignore")
        try:
            obj = joblib.load(model_path)
        except Exception as exc:  # unpickling raises many types; all mean "unusable"
            raise ModelError(f"{model_path}: cannot load ({type(exc).__name__}: {exc}); "
                             "retrain the model") from None
    if not isinstance(obj, dict) or "heads" not in obj:
        raise ModelError(f"{model_path}: not a stance model (retrain with `stance train`)")
    return StanceModel(obj["heads"], meta, path=p)


def model_card(meta: dict[str, Any], name: str = "model") -> str:
    """The model directory's README.md: what it is, how it scored, how to use it."""
    v = meta.get("versions", {})
    lines = [f"# Model card: `{name}`", "",
             "A `stance` model: word + character n-gram TF-IDF and logistic regression, "
             "one pipeline per head (and per stance target).", "",
             f"- created: {meta.get('created', '?')}",
             f"- stance {v.get('stance', '?')}, scikit-learn {v.get('scikit-learn', '?')}, "
             f"joblib {v.get('joblib', '?')}, Python {v.get('python', '?')}",
             f"- training data: {meta['training_data']['rows']} rows, sha256 "
             f"`{meta['training_data']['sha256']}`"]
    for f in meta["training_data"]["files"]:
        lines.append(f"  - `{f['path']}`: {f['rows']} rows, sha256 `{f['sha256'][:16]}...`")
    lines += ["", "## Heads", ""]
    for head, labels in meta["labels"].items():
        pipes = meta["heads"].get(head, [])
        lines.append(f"- **{head}**: labels {', '.join(labels)}; pipelines: "
                     + ", ".join(f"`{t}`" for t in pipes))
    if meta.get("default_target"):
        lines.append(f"- default stance target: {meta['default_target']}")
    lines += ["", "## Cross-validated metrics", "",
              "| head | pipeline | rows | folds | metric | score | macro-F1 | C | min_df |",
              "|---|---|---|---|---|---|---|---|---|"]
    for head, pipes in meta.get("cv", {}).items():
        for target, i in pipes.items():
            score = "n/a" if i.get("score") is None else f"{i['score']:.3f}"
            mf = "n/a" if i.get("macro_f1") is None else f"{i['macro_f1']:.3f}"
            lines.append(f"| {head} | {target} | {i['rows']} | {i['folds'] or 'none'} | "
                         f"{i['metric']} | {score} | {mf} | {i['C']} | {i['min_df']} |")
    lines += ["", "`f_avg` is SemEval-2016's mean F1 of favor and against. Rows "
              "`per_target` combine the per-target pipelines' out-of-fold predictions; "
              "hyperparameters were chosen on the same folds, so CV scores are slightly "
              "optimistic (benchmarks/accuracy.py uses nested CV).", "",
              "## Use without `stance`", "",
              "`model.joblib` holds a plain dict of stock scikit-learn pipelines. With "
              f"scikit-learn {v.get('scikit-learn', '?')} and joblib only:", "",
              "```python", SNIPPET.strip(), "```", "",
              "Check `meta.json`'s `model_sha256` before loading a file from elsewhere: "
              "unpickling runs code. `model.skops` (if present) loads without that risk: "
              '`skops.io.load("model.skops", trusted=[])`.', ""]
    return "\n".join(lines)


#: How another tool scores comments with scikit-learn and joblib alone.
SNIPPET = '''
import joblib

model = joblib.load("models/default/model.joblib")
heads = model["heads"]                      # {"stance": {target: pipe, "*": pipe}, "tone": ...}
tone = heads["tone"]["*"]
texts = ["You people are idiots.", "I disagree with the minister on this."]
print(dict(zip(tone.classes_, tone.predict_proba(texts)[0].round(3))))
print(tone.predict(texts))                  # e.g. ['abusive' 'civil']
stance = heads["stance"].get("Cambodian government (Hun Sen / CPP)", heads["stance"]["*"])
print(stance.predict(texts))
'''


__all__ = ["POOLED", "SNIPPET", "load_model", "model_card", "save_model"]
