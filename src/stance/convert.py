"""Public data sets -> the labelling format (id, text, target, stance, tone, article).

Every converter reads the files as their authors published them and maps their labels
explicitly (the table below is also in labels/SOURCES.md). Mapped labels are the
default schema's; a converter never guesses.

- semeval2016: Stance FAVOR / AGAINST / NONE -> stance favor / against / none;
  target = the file's Target; the `#SemST` collection hashtag is removed.
- olid: subtask_a NOT -> tone civil; OFF with subtask_b UNT (untargeted profanity)
  -> uncivil; OFF with TIN (targeted insult or threat) -> abusive.
- davidson: class 2 neither / 1 offensive / 0 hate -> tone civil / uncivil / abusive.
- foxnews: label 0 -> civil, 1 (hateful) -> abusive; article = the news title.
- ucc: hostile = 1 -> abusive; else healthy = 0 -> uncivil; else civil.
"""

from __future__ import annotations

import io as _io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.io import decode_bytes, read_bytes, read_table

COLUMNS = ["id", "text", "target", "stance", "tone", "article"]

OLID_MAP = {("NOT", ""): "civil", ("OFF", "UNT"): "uncivil", ("OFF", "TIN"): "abusive"}
DAVIDSON_MAP = {"2": "civil", "1": "uncivil", "0": "abusive"}
FOXNEWS_MAP = {"0": "civil", "1": "abusive"}
SEMEVAL_MAP = {"FAVOR": "favor", "AGAINST": "against", "NONE": "none"}


def _frame(**cols: object) -> pd.DataFrame:
    n = max(len(v) for v in cols.values() if not isinstance(v, str))  # type: ignore[arg-type]
    data = {c: cols.get(c, "") for c in COLUMNS}
    df = pd.DataFrame({c: ([v] * n if isinstance(v, str) else list(v))  # type: ignore[call-overload]
                       for c, v in data.items()})
    return df.astype(str)


def _need(df: pd.DataFrame, cols: list[str], path: str | Path, fmt: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(f"not a {fmt} file: missing column(s) {', '.join(missing)}",
                         path=path, fix=f"pass the {fmt} file as its authors published it")


def _unknown(path: str | Path, row: int, what: str, value: str, allowed: object) -> InputError:
    return InputError(f"unknown {what} {value!r}", path=path, row=row,
                      fix=f"expected one of {allowed}; rows count from 1 below the header")


def semeval2016(path: str | Path) -> pd.DataFrame:
    """SemEval-2016 Task 6 TSV (ID, Target, Tweet, Stance, ...), latin-1 or UTF-8.

    The `#SemST` hashtag every tweet ends with is an artefact of how the tweets were
    collected (not the writer's words), so it is removed.
    """
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # the official training file is latin-1
    df = pd.read_csv(_io.StringIO(text.removeprefix("\ufeff")), sep="\t", dtype=str,
                     keep_default_na=False, quoting=3)
    _need(df, ["ID", "Target", "Tweet", "Stance"], path, "semeval2016")
    stance = []
    for i, s in enumerate(df["Stance"], start=1):
        if s.strip().upper() not in SEMEVAL_MAP:
            raise _unknown(path, i, "Stance", s, list(SEMEVAL_MAP))
        stance.append(SEMEVAL_MAP[s.strip().upper()])
    tweets = df["Tweet"].str.replace("#SemST", "", regex=False).str.strip()
    return _frame(id=df["ID"].str.strip(), text=tweets, target=df["Target"].str.strip(),
                  stance=stance, tone="", article="")


def olid(path: str | Path) -> pd.DataFrame:
    """OLID / OffensEval-2019 TSV (id, tweet, subtask_a, subtask_b, subtask_c)."""
    df = read_table(path, fmt="tsv")
    _need(df, ["id", "tweet", "subtask_a", "subtask_b"], path, "olid")
    tone = []
    for i, (a, b) in enumerate(zip(df["subtask_a"], df["subtask_b"], strict=True), start=1):
        key = (a.strip(), "" if a.strip() == "NOT" else b.strip())
        if key not in OLID_MAP:
            raise _unknown(path, i, "subtask_a/subtask_b pair", f"{a}/{b}",
                           ["NOT/*", "OFF/UNT", "OFF/TIN"])
        tone.append(OLID_MAP[key])
    return _frame(id=df["id"].str.strip(), text=df["tweet"], target="", stance="",
                  tone=tone, article="")


def davidson(path: str | Path) -> pd.DataFrame:
    """Davidson et al. 2017 `labeled_data.csv` (class 0 hate, 1 offensive, 2 neither)."""
    df = read_table(path, fmt="csv")
    _need(df, ["class", "tweet"], path, "davidson")
    idcol = df.columns[0] if df.columns[0] not in ("class", "tweet") else None
    ids = df[idcol] if idcol is not None else pd.Series(range(len(df))).astype(str)
    tone = []
    for i, c in enumerate(df["class"], start=1):
        if c.strip() not in DAVIDSON_MAP:
            raise _unknown(path, i, "class", c, list(DAVIDSON_MAP))
        tone.append(DAVIDSON_MAP[c.strip()])
    return _frame(id=("davidson-" + ids.str.strip()), text=df["tweet"], target="",
                  stance="", tone=tone, article="")


def foxnews(path: str | Path) -> pd.DataFrame:
    """Fox News comments (Gao & Huang 2017): one JSON object per line, `label` 1 = hateful.

    The article title becomes `article`, so cross-validation can keep threads together.
    """
    text, _ = decode_bytes(read_bytes(path), path)
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n} is not JSON ({exc.msg})", path=path,
                             fix="pass fox-news-comments.json as published") from None
        label = str(obj.get("label", "")).strip()
        if label not in FOXNEWS_MAP or "text" not in obj:
            raise InputError(f"line {n}: expected 'text' and 'label' 0 or 1", path=path)
        rows.append((f"fox-{n}", obj["text"], FOXNEWS_MAP[label], obj.get("title", "")))
    if not rows:
        raise InputError("no comments found", path=path)
    ids, texts, tone, article = zip(*rows, strict=True)
    return _frame(id=ids, text=texts, target="", stance="", tone=tone, article=article)


def ucc(path: str | Path) -> pd.DataFrame:
    """Unhealthy Comments Corpus CSV (`healthy`, `hostile` 0/1 columns)."""
    df = read_table(path, fmt="csv")
    _need(df, ["_unit_id", "comment", "healthy", "hostile"], path, "ucc")
    tone = []
    for i, (h, x) in enumerate(zip(df["healthy"], df["hostile"], strict=True), start=1):
        try:
            healthy, hostile = int(float(h)), int(float(x))
        except ValueError:
            raise _unknown(path, i, "healthy/hostile", f"{h}/{x}", "0 or 1") from None
        tone.append("abusive" if hostile else "civil" if healthy else "uncivil")
    return _frame(id=df["_unit_id"].str.strip(), text=df["comment"], target="", stance="",
                  tone=tone, article="")


#: FORMAT name -> converter.
FORMATS: dict[str, Callable[[str | Path], pd.DataFrame]] = {
    "semeval2016": semeval2016, "olid": olid, "davidson": davidson,
    "foxnews": foxnews, "ucc": ucc,
}


def convert(fmt: str, src: str | Path) -> pd.DataFrame:
    """Read `src` in the public format `fmt`; return a frame in the labelling format."""
    key = fmt.strip().lower().replace("-", "").replace("_", "")
    key = {"semeval": "semeval2016", "fox": "foxnews"}.get(key, key)
    if key not in FORMATS:
        raise InputError(f"unknown format {fmt!r}",
                         fix=f"choose one of: {', '.join(FORMATS)}")
    df = FORMATS[key](src)
    # A labelling file never has empty texts: such rows are dropped and counted in
    # df.attrs["dropped_empty"] (the CLI reports it).
    empty = df["text"].str.strip() == ""
    df = df[~empty].reset_index(drop=True)
    df.attrs["dropped_empty"] = int(empty.sum())
    return df
