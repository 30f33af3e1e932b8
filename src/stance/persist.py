"""The model directory: save and load `models/NAME/`.

model.joblib   {"format_version": 1, "heads": {head: {target: Pipeline}}}: builtins
               and stock scikit-learn objects only, so `joblib.load` needs no `stance`
meta.json      format and library versions, labels, targets, training config, sha256
               of the training data and of model.joblib, CV metrics, creation time
README.md      the model card (with a snippet that scores comments without `stance`)
policy.toml    the default moderation policy (stance.policy)
model.skops    optional (`format="skops"`): the same dict, loadable trusting only
               `html.unescape`: `skops.io.load(path, trusted=["html.unescape"])`
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import operator
import os
import platform
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from stance import __version__
from stance.errors import InputError, ModelError
from stance.io import atomic_write, file_sha256
from stance.labels import DEFAULT_TARGET
from stance.model import StanceModel, TrainResult
from stance.policy import default_policy_text

#: The format of model.joblib and meta.json: a model of another format is not loaded.
MODEL_FORMAT = 1
MODEL_FILE = "model.joblib"
SKOPS_FILE = "model.skops"
META_FILE = "meta.json"
CARD_FILE = "README.md"
POLICY_FILE = "policy.toml"
#: The one non-scikit-learn name inside the pipelines: the vectorizers' `strip_accents`
#: (stance.features: HTML entities decoded inside the stock pipeline). skops lists it as a
#: type to trust; it is a standard-library function, not code of ours.
SKOPS_TRUSTED = ("html.unescape",)


def _versions() -> dict[str, str]:
    # lazy: scikit-learn, scipy and joblib are slow to import
    import joblib
    import scipy
    import sklearn

    return {
        "stance": __version__,
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
    }


FORMATS = ("joblib", "skops")
#: The files `save_model` writes; a folder holding anything else is never replaced.
MODEL_FILES = (MODEL_FILE, SKOPS_FILE, META_FILE, CARD_FILE, POLICY_FILE)


def check_format(format: str) -> None:
    """Raise InputError for an unknown model format, or one whose extra is not installed.

    Cheap: call it before training, so a missing extra fails in a second, not after the
    whole training run.
    """
    if format not in FORMATS:
        raise InputError(f"unknown model format {format!r}", fix="use joblib or skops")
    if format == "skops":
        _skops_io()


def _skops_io() -> Any:
    """The optional skops package's `skops.io`, or InputError with how to install it."""
    try:
        import skops.io as sio  # lazy: an optional extra
    except ImportError:
        raise InputError(
            "--format skops needs the skops package",
            fix="pip install '.[skops]' in the stance checkout, or pip install skops",
        ) from None
    return sio


def check_save(out: str | Path, format: str = "joblib") -> None:
    """Everything `save_model` would refuse, checked before training: the format and its
    extra, and a destination that is not a folder or holds files other than a model's."""
    check_format(format)
    _check_replaceable(Path(out))


def save_model(
    result: TrainResult | StanceModel, out: str | Path, *, format: str = "joblib"
) -> Path:
    """Write a model directory; return its path. `format="skops"` adds model.skops.

    Atomic: the files are written into a hidden temporary folder beside `out`, which is
    renamed to `out` once complete. An existing model directory at `out` is replaced
    only then (a failed save leaves it as it was); a folder that holds files other than
    a model's is never replaced.
    """
    check_save(out, format)
    model = result.model if isinstance(result, TrainResult) else result
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp's folder is private; a model is shared
        meta = _write_files(model, tmp, format, final=out)
        _swap_in(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    model.meta, model.path = meta, out
    _compile_for_scoring(model, out)
    return out


def _compile_for_scoring(model: StanceModel, out: Path) -> None:
    """Compile the saved model for the scorer now and put it in the scorer's cache, so
    that the first `stance score` of a new model loads as fast as any later one (the
    cache is a side file: the model directory never needs it). Only ever saves time: a
    failure here is the first score's full load, never a failed save."""
    # Imported here: the scorer is a later stage, and saving needs it only for this.
    from stance.score.scorer import cache_compiled

    with contextlib.suppress(Exception):
        cache_compiled(model, out)


def _check_replaceable(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError("exists and is not a folder", path=out, fix="choose a new model directory")
    other = sorted(p.name for p in out.iterdir() if p.name not in MODEL_FILES)
    if other:
        shown = ", ".join(other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise InputError(
            f"holds files that are not part of a model ({shown})",
            path=out,
            fix="choose a new or empty folder for the model",
        )


def _swap_in(tmp: Path, out: Path) -> None:
    """Rename the complete folder `tmp` to `out`, replacing an old `out` only now."""
    if not out.exists():
        os.rename(tmp, out)
        return
    old = out.parent / f"{tmp.name.removesuffix('.tmp')}.old"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write_files(model: StanceModel, folder: Path, format: str, final: Path) -> dict[str, Any]:
    """Write the model's files into `folder`; return the meta written. `final` is where
    the folder will live (named in the model card)."""
    import joblib  # lazy: slow to import

    obj = {"format_version": MODEL_FORMAT, "heads": model.heads}
    with atomic_write(folder / MODEL_FILE, "wb") as f:
        joblib.dump(obj, f, compress=3)
    meta = dict(model.meta)
    meta["format_version"] = MODEL_FORMAT
    meta["versions"] = _versions()
    meta["created"] = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    meta["files"] = {MODEL_FILE: {"sha256": file_sha256(folder / MODEL_FILE)}}
    if format == "skops":
        meta["files"][SKOPS_FILE] = {"sha256": _save_skops(obj, folder / SKOPS_FILE)}
    meta["model_sha256"] = meta["files"][MODEL_FILE]["sha256"]
    with atomic_write(folder / POLICY_FILE) as f:
        f.write(default_policy_text())
    with atomic_write(folder / META_FILE) as f:
        json.dump(meta, f, indent=2, sort_keys=False)
        f.write("\n")
    with atomic_write(folder / CARD_FILE) as f:
        f.write(model_card(meta, final.name, path=final))
    return meta


def _save_skops(obj: dict[str, Any], path: Path) -> str:
    sio = _skops_io()
    with atomic_write(path, "wb") as f:  # deflate: stored zips are ~40x larger here
        f.write(sio.dumps(obj, compression=zipfile.ZIP_DEFLATED, compresslevel=6))
    untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in SKOPS_TRUSTED]
    if untrusted:  # stock sklearn objects only: this would be a bug in features.py
        raise ModelError(f"model.skops would need trusted types: {', '.join(untrusted)}")
    return file_sha256(path)


def load_model(path: str | Path, *, allow_version_mismatch: bool = False) -> StanceModel:
    """Load a model directory, checking model.joblib's sha256 and the sklearn version.

    A different scikit-learn version than the one that saved the model raises
    `ModelError` naming both versions and the fix; `allow_version_mismatch=True`
    loads anyway (predictions may differ or fail).
    """
    import sklearn  # lazy: slow to import (the version check needs it)

    p = Path(path)
    if p.is_file() and p.name in (MODEL_FILE, META_FILE):
        p = p.parent
    if not p.is_dir():
        raise ModelError(
            f"{p}: no such model directory (train one with `stance train FILE.csv --out {p}`)"
        )
    meta_path, model_path = p / META_FILE, p / MODEL_FILE
    if not meta_path.is_file() or not model_path.is_file():
        raise ModelError(
            f"{p}: not a model directory (needs {MODEL_FILE} and {META_FILE}; "
            f"retrain with `stance train FILE.csv --out {p}`)"
        )
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: corrupt meta.json ({exc})") from None
    fv = meta.get("format_version")
    if fv != MODEL_FORMAT:
        raise ModelError(
            f"{p}: model format {fv}, this stance reads format "
            f"{MODEL_FORMAT} (retrain the model with this version)"
        )
    want = meta.get("model_sha256")
    got = file_sha256(model_path)
    if want != got:
        raise ModelError(
            f"{model_path}: sha256 {got[:12]}... does not match meta.json "
            f"({str(want)[:12]}...); the file was changed or truncated "
            "(copy the model directory again or retrain)"
        )
    saved = meta.get("versions", {}).get("scikit-learn")
    if saved != sklearn.__version__ and not allow_version_mismatch:
        raise ModelError(
            f"{p} was saved with scikit-learn {saved} but this environment has "
            f"{sklearn.__version__} (fix: pip install scikit-learn=={saved}, or retrain "
            "with `stance train`; to load anyway pass --allow-version-mismatch / "
            "allow_version_mismatch=True)"
        )
    with warnings.catch_warnings():
        if allow_version_mismatch:  # the caller accepted the risk explicitly
            warnings.simplefilter("ignore")
        try:
            obj = load_joblib(model_path)
        except Exception as exc:  # unpickling raises many types; all mean "unusable"
            raise ModelError(
                f"{model_path}: cannot load ({type(exc).__name__}: {exc}); retrain the model"
            ) from None
    if not isinstance(obj, dict) or "heads" not in obj:
        raise ModelError(f"{model_path}: not a stance model (retrain with `stance train`)")
    return StanceModel(obj["heads"], meta, path=p)


def load_joblib(path: Path) -> Any:
    """`joblib.load(path)`, the same object, about 4x faster. joblib runs the pure-Python
    unpickler, as its arrays are raw bytes between the pickle's opcodes, read when an
    array's placeholder is built; here the C unpickler reads the decompressed file, its
    placeholder class reads each array with joblib's own code where joblib would, and the
    arrays then take the placeholders' places. A file not read so (an old joblib format,
    a surprise) is left to `joblib.load`."""
    import joblib  # lazy: slow to import

    try:
        return _load_joblib_fast(path)
    except Exception:  # the fast path is only a speed-up: joblib's own load decides
        return joblib.load(path)


def _load_joblib_fast(path: Path) -> Any:
    import io
    import pickle

    import joblib.numpy_pickle as jnp
    from joblib.numpy_pickle_utils import _validate_fileobject_and_memmap

    with open(path, "rb") as f, _validate_fileobject_and_memmap(f, str(path)) as (raw, _):
        if isinstance(raw, str):  # joblib < 0.10's format
            raise ValueError("old joblib format")
        stream = io.BytesIO(raw.read())  # no peek(): the C unpickler reads no further ahead
    made: list[Any] = []

    class Reader:  # what joblib's array reading asks of its unpickler
        file_handle, mmap_mode, np = stream, None, np

    class Placeholder(jnp.NumpyArrayWrapper):
        def __setstate__(self, state: dict[str, Any]) -> None:  # pickle's BUILD
            self.__dict__.update(state)
            self.array = jnp.NumpyArrayWrapper.read(self, Reader, True)
            made.append(self)

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) == ("joblib.numpy_pickle", "NumpyArrayWrapper"):
                return Placeholder
            return super().find_class(module, name)

    unpickler = Unpickler(stream)
    Reader.find_class = unpickler.find_class  # type: ignore[attr-defined]  (object arrays)
    seen: dict[int, Any] = {}
    obj = _arrays_in_place(unpickler.load(), Placeholder, seen)
    if stream.read(1) or not all(id(p) in seen for p in made):  # not as joblib reads it
        raise ValueError("data after the pickle, or an array out of reach")
    return obj


_ATOMS = (str, int, float, bool, bytes, type(None))


def _arrays_in_place(obj: Any, placeholder: type, seen: dict[int, Any]) -> Any:
    """`obj` with every `placeholder` replaced by its array: lists, dicts and objects'
    attributes changed in place, tuples rebuilt (`seen`: each object's replacement)."""
    if type(obj) in _ATOMS or isinstance(obj, (type, np.ndarray)):
        return obj
    if id(obj) not in seen:
        seen[id(obj)] = obj.array if isinstance(obj, placeholder) else obj
        if type(obj) is tuple:
            new = tuple(_arrays_in_place(v, placeholder, seen) for v in obj)
            seen[id(obj)] = obj if all(map(operator.is_, new, obj)) else new
        elif isinstance(obj, (dict, list)):
            for k, v in obj.items() if isinstance(obj, dict) else enumerate(obj):
                if (
                    type(v) not in _ATOMS
                    and (new := _arrays_in_place(v, placeholder, seen)) is not v
                ):
                    obj[k] = new  # (a value replaced: the size never changes)
        elif not isinstance(obj, placeholder) and hasattr(obj, "__dict__"):
            _arrays_in_place(obj.__dict__, placeholder, seen)
    return seen[id(obj)]


def model_card(meta: dict[str, Any], name: str = "model", path: str | Path | None = None) -> str:
    """The model directory's README.md: what it is, how it scored, how to use it.

    `path` is where the model directory lives; the snippet loads the model from there.
    """
    v = meta.get("versions", {})
    lines = [
        f"# Model card: `{name}`",
        "",
        "A `stance` model: word + character n-gram TF-IDF and logistic regression, "
        "one pipeline per head (and per stance target).",
        "",
        f"- created: {meta.get('created', '?')}",
        f"- stance {v.get('stance', '?')}, scikit-learn {v.get('scikit-learn', '?')}, "
        f"joblib {v.get('joblib', '?')}, Python {v.get('python', '?')}",
        f"- training data: {meta['training_data']['rows']} rows, sha256 "
        f"`{meta['training_data']['sha256']}`",
    ]
    for f in meta["training_data"]["files"]:
        lines.append(f"  - `{f['path']}`: {f['rows']} rows, sha256 `{f['sha256'][:16]}...`")
    tone = meta.get("config", {}).get("heads", {}).get("tone", {})
    if tone.get("balance") or tone.get("source_weights"):
        lines.append(
            f"  - tone rows weighted by source: balance `{tone.get('balance', 'raw')}`"
            + (f", multipliers {tone['source_weights']}" if tone.get("source_weights") else "")
        )
    lines += [
        "",
        "Where the training files come from, their licences and how each corpus's "
        "labels were mapped: `labels/SOURCES.md` (for files from this project's "
        "`labels/`). Where the model is weak: the README's \"The default model, "
        'honestly" and `docs/benchmarks.md` (leave-one-corpus-out figures: a '
        "model's accuracy on comments unlike its training data), and `stance audit` "
        "for identity terms.",
        "",
        "## Heads",
        "",
    ]
    for head, labels in meta["labels"].items():
        pipes = meta["heads"].get(head, [])
        lines.append(
            f"- **{head}**: labels {', '.join(labels)}; pipelines: "
            + ", ".join(f"`{t}`" for t in pipes)
        )
    if meta.get("default_target"):
        lines.append(f"- default stance target: {meta['default_target']}")
    for head, pipes in meta.get("cv", {}).items():
        for target, i in pipes.items():
            off = i.get("add_offsets") or {}
            if off.get("applied"):
                moved = ", ".join(
                    f"{c} {v:+.2f}" for c, v in zip(off["classes"], off["offsets"], strict=True)
                )
                lines.append(
                    f"- **{head}** `{target}`: intercepts moved by offsets learnt from the "
                    f"{off['rows']} added rows (out of fold, `add_offsets`): {moved}"
                )
    lines += [
        "",
        "## Cross-validated metrics",
        "",
        "| head | pipeline | rows | folds | metric | score | macro-F1 | C | min_df |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for head, pipes in meta.get("cv", {}).items():
        for target, i in pipes.items():
            score = "n/a" if i.get("score") is None else f"{i['score']:.3f}"
            mf = "n/a" if i.get("macro_f1") is None else f"{i['macro_f1']:.3f}"
            lines.append(
                f"| {head} | {target} | {i['rows']} | {i['folds'] or 'none'} | "
                f"{i['metric']} | {score} | {mf} | {i['C']} | {i['min_df']} |"
            )
    per_target = any("per_target" in pipes for pipes in meta.get("cv", {}).values())
    lines += [
        "",
        "`f_avg` is SemEval-2016's mean F1 of favor and against. "
        + (
            "Rows `per_target` combine the per-target pipelines' out-of-fold predictions; h"
            if per_target
            else "H"
        )
        + "yperparameters were chosen on the same folds, so CV scores are slightly "
        "optimistic (benchmarks/accuracy.py uses nested CV).",
        "",
        "## Use without `stance`",
        "",
        "`model.joblib` holds a plain dict of stock scikit-learn pipelines. With "
        f"scikit-learn {v.get('scikit-learn', '?')} and joblib only:",
        "",
        "```python",
        card_snippet(meta, path).strip(),
        "```",
        "",
        "Check `meta.json`'s `model_sha256` before loading a file from elsewhere: "
        "unpickling runs code. `model.skops` (if present) loads without that risk: "
        f'`skops.io.load("model.skops", trusted={list(SKOPS_TRUSTED)})` (the '
        "standard library's HTML-entity decoder the vectorizers call).",
        "",
    ]
    return "\n".join(lines)


def card_snippet(meta: dict[str, Any], path: str | Path | None = None) -> str:
    """`SNIPPET` for one model: its own path and default target, only its own heads."""
    heads = set(meta.get("heads", meta.get("labels", {})))
    file = (
        (_shown_path(Path(path)) / MODEL_FILE).as_posix()
        if path is not None
        else f"MODEL_DIR/{MODEL_FILE}"
    )
    target = meta.get("default_target") or DEFAULT_TARGET
    skip = {
        "tone": ("tone = ", "print(dict(zip(tone", "print(tone"),
        "stance": ("stance = ", "print(stance"),
    }
    lines = []
    for line in SNIPPET.splitlines():
        if any(line.startswith(skip[h]) for h in skip if h not in heads):
            continue
        line = line.replace('"models/default/model.joblib"', json.dumps(file))
        lines.append(line.replace(json.dumps(DEFAULT_TARGET), json.dumps(target)))
    return "\n".join(lines) + "\n"


def _shown_path(path: Path) -> Path:
    """A model directory as the card names it: relative to the working folder when
    inside it (a model folder is shared: no one's home directory in it), else as given."""
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd())
        except ValueError:
            return path
    return path


#: How another tool scores comments with scikit-learn and joblib alone.
SNIPPET = """
import joblib

model = joblib.load("models/default/model.joblib")
heads = model["heads"]                      # {"stance": {target: pipe, "*": pipe}, "tone": ...}
tone = heads["tone"]["*"]
texts = ["You people are idiots.", "I disagree with the minister on this."]
print(dict(zip(tone.classes_, tone.predict_proba(texts)[0].round(3))))
print(tone.predict(texts))                  # e.g. ['abusive' 'civil']
stance = heads["stance"].get("Cambodian government (Hun Sen / CPP)", heads["stance"]["*"])
print(stance.predict(texts))
"""


__all__ = [
    "SNIPPET",
    "check_format",
    "check_save",
    "load_model",
    "model_card",
    "save_model",
]
