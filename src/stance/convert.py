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
- civilspans (Civil Comments toxic spans; every comment was rated toxic before): a
  Threat or Identity based Attack span from any rater -> abusive; otherwise at most one
  rater ticked `not toxic` -> uncivil; otherwise (2 or more `not toxic` votes) the
  comment is dropped and counted in df.attrs["dropped_not_toxic"].
- redditincivility: correction 0 -> civil, 1 -> uncivil.
- twitcivility: neither impolite nor intolerant -> civil; impolite only -> uncivil;
  intolerant (with or without impolite) -> abusive.
- hatexplain (MAGPIE copy): label 0 normal / 1 offensive / 2 hatespeech -> civil /
  uncivil / abusive.
- wikitox (Wikipedia talk, gn.csv / gc.csv): label 0 -> civil, 1 (toxic) -> uncivil:
  "toxic" there is one yes/no judgement with no severity level, so it is not
  evidence of abuse; the guide picks the milder label when unsure.
- Benchmark-only (GPL-3.0 or no licence: never shipped in labels/): uncivilcongress
  uncivil no -> civil, yes -> uncivil; multitarget label 0 / 1 / 2 -> stance against /
  none / favor, target = the "<target>. " prefix of the text (removed from it);
  gwsd the argmax of the disagree / agree / neutral probabilities -> against / favor /
  none toward "climate change is a serious concern" (the rows without probabilities,
  the 5 screening sentences repeated in each of the 50 batches, are skipped and
  counted in df.attrs["skipped_unrated"]).

`convert()` decodes HTML character references (`&amp;`, `&lt;`, `&#128533;`, also
double-escaped `&amp;amp;`) left in the published texts and strips surrounding spaces.
"""

from __future__ import annotations

import html
import html.entities
import io as _io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.io import decode_bytes, read_bytes
from stance.labels import FRAME_COLUMNS, Schema
from stance.labeltools import read_doccano, read_labelstudio
from stance.tables import read_table

OLID_MAP = {("NOT", ""): "civil", ("OFF", "UNT"): "uncivil", ("OFF", "TIN"): "abusive"}
DAVIDSON_MAP = {"2": "civil", "1": "uncivil", "0": "abusive"}
FOXNEWS_MAP = {"0": "civil", "1": "abusive"}
SEMEVAL_MAP = {"FAVOR": "favor", "AGAINST": "against", "NONE": "none"}
REDDIT_MAP = {"0": "civil", "1": "uncivil"}
HATEXPLAIN_MAP = {"0": "civil", "1": "uncivil", "2": "abusive"}
WIKITOX_MAP = {"0": "civil", "1": "uncivil"}
CONGRESS_MAP = {"no": "civil", "yes": "uncivil"}
MULTITARGET_MAP = {"0": "against", "1": "none", "2": "favor"}
#: The targets of the multi-target set as MAGPIE spells them -> our (SemEval's) spelling.
MULTITARGET_TARGETS = {
    "Hilary Clinton": "Hillary Clinton",
    "Hillary Clinton": "Hillary Clinton",
    "Donald Trump": "Donald Trump",
    "Bernie Sanders": "Bernie Sanders",
    "Ted Cruz": "Ted Cruz",
}
GWSD_MAP = {"agree": "favor", "disagree": "against", "neutral": "none"}
GWSD_TARGET = "climate change is a serious concern"
#: Toxic span types of the Civil Comments spans -> whether the type makes a comment abusive.
SPAN_TYPES = {
    "Insult": False,
    "Profane/Obscene": False,
    "Other Toxicity": False,
    "Identity based Attack": True,
    "Threat": True,
}

# A character reference: numeric, one of XML's five, or another name that HTML5 defines
# unless "=" follows: that is a URL parameter (the Wikipedia comments have "&diff;=",
# "&gl;=" where the URL had "&diff=", "&gl=").
_ENTITY = re.compile(
    r"&#[0-9]{1,8};|&#[xX][0-9a-fA-F]{1,8};|&(?:amp|lt|gt|quot|apos);"
    r"|&[A-Za-z][A-Za-z0-9]{0,31};(?!=)"
)


def _decode_ref(m: re.Match[str]) -> str:
    ref = m.group(0)
    if ref[1] != "#" and ref[1:] not in html.entities.html5:
        return ref  # "&D;" in "D&D;": not a reference
    return html.unescape(ref)


def unescape_html(text: str) -> str:
    """Decode HTML character references until none is left (`&amp;amp;` -> `&`).

    Only complete references (ending in `;`) are decoded, each with `html.unescape`,
    so "AT&T" or "&notice" in a URL stay as written.
    """
    while True:
        decoded = _ENTITY.sub(_decode_ref, text)
        if decoded == text:
            return decoded
        text = decoded


def _frame(**cols: object) -> pd.DataFrame:
    """A labelling frame from columns (a string: the same in every row; absent: empty)."""
    n = max(len(v) for v in cols.values() if not isinstance(v, str))  # type: ignore[arg-type]
    data = {c: cols.get(c, "") for c in FRAME_COLUMNS}
    df = pd.DataFrame(
        {
            c: ([v] * n if isinstance(v, str) else list(v))  # type: ignore[call-overload]
            for c, v in data.items()
        }
    )
    return df.astype(str)


def _need(df: pd.DataFrame, cols: list[str], path: str | Path, fmt: str) -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise InputError(
            f"not a {fmt} file: missing column(s) {', '.join(missing)}",
            path=path,
            fix=f"pass the {fmt} file as its authors published it",
        )


def _unknown(path: str | Path, row: int, what: str, value: str, allowed: object) -> InputError:
    return InputError(
        f"unknown {what} {value!r}",
        path=path,
        row=row,
        fix=f"expected one of {allowed}; rows count from 1 below the header",
    )


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
    df = pd.read_csv(
        _io.StringIO(text.removeprefix("\ufeff")),
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=3,
    )
    _need(df, ["ID", "Target", "Tweet", "Stance"], path, "semeval2016")
    stance = []
    for i, s in enumerate(df["Stance"], start=1):
        if s.strip().upper() not in SEMEVAL_MAP:
            raise _unknown(path, i, "Stance", s, list(SEMEVAL_MAP))
        stance.append(SEMEVAL_MAP[s.strip().upper()])
    tweets = df["Tweet"].str.replace("#SemST", "", regex=False).str.strip()
    return _frame(
        id=df["ID"].str.strip(), text=tweets, target=df["Target"].str.strip(), stance=stance
    )


def olid(path: str | Path) -> pd.DataFrame:
    """OLID / OffensEval-2019 TSV (id, tweet, subtask_a, subtask_b, subtask_c)."""
    df = read_table(path, fmt="tsv")
    _need(df, ["id", "tweet", "subtask_a", "subtask_b"], path, "olid")
    tone = []
    for i, (a, b) in enumerate(zip(df["subtask_a"], df["subtask_b"], strict=True), start=1):
        key = (a.strip(), "" if a.strip() == "NOT" else b.strip())
        if key not in OLID_MAP:
            raise _unknown(
                path, i, "subtask_a/subtask_b pair", f"{a}/{b}", ["NOT/*", "OFF/UNT", "OFF/TIN"]
            )
        tone.append(OLID_MAP[key])
    return _frame(id=df["id"].str.strip(), text=df["tweet"], tone=tone)


def davidson(path: str | Path) -> pd.DataFrame:
    """Davidson et al. 2017 `labeled_data.csv` (class 0 hate, 1 offensive, 2 neither)."""
    df = read_table(path, fmt="csv")
    _need(df, ["class", "tweet"], path, "davidson")
    idcol = df.columns[0] if df.columns[0] not in ("class", "tweet") else None
    ids = df[idcol] if idcol is not None else pd.Series(range(len(df))).astype(str)
    tone = _map(df["class"], DAVIDSON_MAP, path, "class")
    return _frame(id=("davidson-" + ids.str.strip()), text=df["tweet"], tone=tone)


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
            raise InputError(
                f"line {n} is not JSON ({exc.msg})",
                path=path,
                fix="pass fox-news-comments.json as published",
            ) from None
        label = str(obj.get("label", "")).strip()
        if label not in FOXNEWS_MAP or "text" not in obj:
            raise InputError(f"line {n}: expected 'text' and 'label' 0 or 1", path=path)
        rows.append((f"fox-{n}", obj["text"], FOXNEWS_MAP[label], obj.get("title", "")))
    if not rows:
        raise InputError("no comments found", path=path)
    ids, texts, tone, article = zip(*rows, strict=True)
    return _frame(id=ids, text=texts, tone=tone, article=article)


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
    return _frame(id=df["_unit_id"].str.strip(), text=df["comment"], tone=tone)


def _map(values: pd.Series, mapping: dict[str, str], path: str | Path, what: str) -> list[str]:
    """Map each published label (stripped) through `mapping`; an unknown one names its row."""
    out = []
    for i, v in enumerate(values, start=1):
        key = str(v).strip()
        if key not in mapping:
            raise _unknown(path, i, what, key, list(mapping))
        out.append(mapping[key])
    return out


def _file(path: str | Path, name: str) -> Path:
    """`path` itself, or the file `name` inside it when `path` is the data set's folder."""
    p = Path(path)
    return p / name if p.is_dir() else p


def _texts(col: pd.Series) -> pd.Series:
    return col.where(col.notna(), "").astype(str)


def _span_type(value: str, path: Path, row: int) -> bool:
    """Whether a span type makes a comment abusive. The published spans.csv has 13 spans
    with an empty type (toxic, untyped) and 3 whose type is cut short ("Insu",
    "Identity based"): a prefix of exactly one known type is that type."""
    value = value.strip()
    if value == "":
        return False
    known = [t for t in SPAN_TYPES if t.startswith(value)]
    if len(known) != 1:
        raise _unknown(path, row, "span type", value, list(SPAN_TYPES))
    return SPAN_TYPES[known[0]]


def civilspans(path: str | Path) -> pd.DataFrame:
    """Civil Comments toxic spans (Pavlopoulos et al. 2022): the folder holding
    comments.csv, annotations.csv (one row per rater) and spans.csv, or comments.csv.

    Every comment had been rated toxic by at least half of the Civil Comments raters,
    so there are no civil rows. A comment with two or more `not toxic` votes is dropped
    (count in df.attrs["dropped_not_toxic"]): its raters disagree whether it is toxic at
    all. Of the rest, a comment with a Threat or Identity based Attack span (from any
    rater) is abusive, every other one uncivil.
    """
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    cpath, apath, spath = (folder / n for n in ("comments.csv", "annotations.csv", "spans.csv"))
    comments = read_table(cpath, fmt="csv")
    _need(comments, ["comment_id", "comment_text"], cpath, "civilspans comments.csv")
    ann = read_table(apath, fmt="csv")
    _need(ann, ["annotation", "comment_id", "not toxic"], apath, "civilspans annotations.csv")
    spans = read_table(spath, fmt="csv")
    _need(spans, ["annotation", "type"], spath, "civilspans spans.csv")

    not_toxic = _map(ann["not toxic"], {"True": "1", "False": "0"}, apath, "`not toxic` flag")
    comment_of = dict(
        zip(ann["annotation"].str.strip(), ann["comment_id"].str.strip(), strict=True)
    )
    votes: dict[str, int] = {}
    for cid, nt in zip(ann["comment_id"].str.strip(), not_toxic, strict=True):
        votes[cid] = votes.get(cid, 0) + int(nt)
    abusive: set[str] = set()
    for i, (a, t) in enumerate(
        zip(spans["annotation"].str.strip(), spans["type"], strict=True), start=1
    ):
        if a not in comment_of:
            raise InputError(
                f"span of unknown annotation {a!r}",
                path=spath,
                row=i,
                fix="pass the three files of one release, as published",
            )
        if _span_type(t, spath, i):
            abusive.add(comment_of[a])
    ids, texts, tone = [], [], []
    dropped = 0
    for cid, text in zip(comments["comment_id"].str.strip(), comments["comment_text"], strict=True):
        if votes.get(cid, 0) > 1:
            dropped += 1
            continue
        label = "abusive" if cid in abusive else "uncivil"
        ids.append(f"cc-{cid}")
        texts.append(text)
        tone.append(label)
    if not ids:
        raise InputError("no comments left after the mapping", path=cpath)
    df = _frame(id=ids, text=texts, tone=tone)
    df.attrs["dropped_not_toxic"] = dropped
    return df


def redditincivility(path: str | Path) -> pd.DataFrame:
    """Reddit incivility (Davidson, Sun & Wojcieszak 2020): incivility_coded_0302.csv
    (header `comment,correction`) or its folder. The .train/.test files have no header:
    convert the whole file instead."""
    p = _file(path, "incivility_coded_0302.csv")
    return _tone_csv(p, "redditincivility", "reddit", "comment", ("correction", REDDIT_MAP))


def _tone_csv(
    p: Path, fmt: str, prefix: str, text: str, label: tuple[str, dict[str, str]]
) -> pd.DataFrame:
    """A CSV with a text column and a tone column mapped by `label` (column, map); ids
    are `prefix-N`, N counting the rows from 1."""
    df = read_table(p, fmt="csv")
    _need(df, [text, label[0]], p, fmt)
    tone = _map(df[label[0]], label[1], p, label[0])
    ids = [f"{prefix}-{i}" for i in range(1, len(df) + 1)]
    return _frame(id=ids, text=df[text], tone=tone)


def twitcivility(path: str | Path) -> pd.DataFrame:
    """TwitCivility / MUPID (Pendzel et al. 2023) parquet (text, impoliteness,
    intolerance), or the folder: its train-*.parquet, then its test-*.parquet.

    Ids are `twitciv-<split>-<row>`, the split being the file name's first word.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("train-*.parquet")) + sorted(p.glob("test-*.parquet"))
        if not files:
            raise InputError(
                "no train-*.parquet or test-*.parquet files",
                path=p,
                fix="pass the TwitCivility data folder or one of its files",
            )
    else:
        files = [p]
    frames = []
    for f in files:
        df = read_table(f, fmt="parquet")
        _need(df, ["text", "impoliteness", "intolerance"], f, "twitcivility")
        tone = []
        for i, (imp, intol) in enumerate(
            zip(df["impoliteness"], df["intolerance"], strict=True), start=1
        ):
            pair = f"{str(imp).strip()}/{str(intol).strip()}"
            if pair not in ("0/0", "1/0", "0/1", "1/1"):
                raise _unknown(
                    f, i, "impoliteness/intolerance pair", pair, ["0/0", "1/0", "0/1", "1/1"]
                )
            tone.append(
                "abusive" if pair.endswith("/1") else "uncivil" if pair == "1/0" else "civil"
            )
        split = f.name.split("-")[0]
        frames.append(
            _frame(
                id=[f"twitciv-{split}-{i}" for i in range(1, len(df) + 1)],
                text=_texts(df["text"]),
                tone=tone,
            )
        )
    return pd.concat(frames, ignore_index=True)


def hatexplain(path: str | Path) -> pd.DataFrame:
    """HateXplain (Mathew et al. 2021), MAGPIE's preprocessed.csv (text, label 0 normal,
    1 offensive, 2 hatespeech) or its folder. The text has no punctuation."""
    p = _file(path, "preprocessed.csv")
    return _tone_csv(p, "hatexplain", "hatexplain", "text", ("label", HATEXPLAIN_MAP))


def wikitox(path: str | Path) -> pd.DataFrame:
    """Wikipedia talk comments rated for toxicity (Pavlopoulos et al. 2020): gn.csv or
    gc.csv (id, text, label 0/1, api, parent), or the folder (gn.csv, then gc.csv).

    Ids are `wikitox-<file stem>-<id>`; the parent post and the Perspective score are
    not kept.
    """
    p = Path(path)
    files = [p / "gn.csv", p / "gc.csv"] if p.is_dir() else [p]
    frames = []
    for f in files:
        df = read_table(f, fmt="csv")
        _need(df, ["id", "text", "label"], f, "wikitox")
        tone = _map(df["label"], WIKITOX_MAP, f, "label")
        frames.append(
            _frame(id="wikitox-" + f.stem + "-" + df["id"].str.strip(), text=df["text"], tone=tone)
        )
    return pd.concat(frames, ignore_index=True)


def uncivilcongress(path: str | Path) -> pd.DataFrame:
    """Tweets to US Members of Congress (Theocharis et al. 2020): training-data.csv
    (uncivil yes/no, id_str, created_at, text) or its folder. GPL-3.0: benchmark only."""
    p = _file(path, "training-data.csv")
    df = read_table(p, fmt="csv")
    _need(df, ["uncivil", "id_str", "text"], p, "uncivilcongress")
    tone = _map(df["uncivil"], CONGRESS_MAP, p, "uncivil")
    return _frame(id="congress-" + df["id_str"].str.strip(), text=df["text"], tone=tone)


def multitarget(path: str | Path) -> pd.DataFrame:
    """Multi-target election stance (Sobhani et al. 2017), MAGPIE's preprocessed.csv
    (label 0 against / 1 none / 2 favor; text "<target>. <tweet>") or its folder.

    The target prefix becomes `target` (MAGPIE's "Hilary Clinton" spelt as SemEval's
    "Hillary Clinton") and is removed from the text. Licence unstated: benchmark only.
    """
    p = _file(path, "preprocessed.csv")
    df = read_table(p, fmt="csv")
    _need(df, ["label", "text"], p, "multitarget")
    stance = _map(df["label"], MULTITARGET_MAP, p, "label")
    targets, texts = [], []
    for i, text in enumerate(df["text"], start=1):
        prefix, sep, rest = text.partition(". ")
        if not sep or prefix.strip() not in MULTITARGET_TARGETS:
            raise _unknown(
                p, i, "target prefix", prefix[:40], [f"{t}. " for t in MULTITARGET_TARGETS]
            )
        targets.append(MULTITARGET_TARGETS[prefix.strip()])
        texts.append(rest)
    ids = [f"multitarget-{i}" for i in range(1, len(df) + 1)]
    return _frame(id=ids, text=texts, target=targets, stance=stance)


def gwsd(path: str | Path) -> pd.DataFrame:
    """GWSD / DeSMOG (Luo, Card & Jurafsky 2020): GWSD.tsv (sentence, worker_0..7,
    disagree, agree, neutral, guid, ...) or its folder. News sentences, not comments.

    Stance = the most probable of disagree / agree / neutral, toward "climate change is
    a serious concern". The 5 screening sentences, repeated in each batch (250 rows),
    have no probabilities: they are skipped (count in df.attrs["skipped_unrated"]).
    Licence unstated: benchmark only.
    """
    p = _file(path, "GWSD.tsv")
    text, _ = decode_bytes(read_bytes(p), p)
    try:  # quoted like a CSV (a sentence with quotes is "...""..."""), so not read_table
        df = pd.read_csv(_io.StringIO(text), sep="\t", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"cannot parse as TSV: {exc}", path=p) from None
    cols = list(GWSD_MAP)
    _need(df, ["sentence", "guid", *cols], p, "gwsd")
    ids, sentences, stance = [], [], []
    skipped = 0
    for i, row in enumerate(df[["guid", "sentence", *cols]].itertuples(index=False), start=1):
        probs = [str(v).strip() for v in row[2:]]
        if not any(probs):
            skipped += 1
            continue
        try:
            values = [float(v) for v in probs]
        except ValueError:
            raise _unknown(
                p, i, "disagree/agree/neutral probabilities", "/".join(probs), "three numbers"
            ) from None
        best = max(values)
        if values.count(best) > 1:
            raise InputError(
                f"tied label probabilities {'/'.join(probs)}",
                path=p,
                row=i,
                fix="a tie has no majority stance; drop the row",
            )
        ids.append(f"gwsd-{row[0].strip()}")
        sentences.append(row[1])
        stance.append(GWSD_MAP[cols[values.index(best)]])
    if not ids:
        raise InputError("no rated sentences found", path=p)
    df = _frame(id=ids, text=sentences, target=GWSD_TARGET, stance=stance)
    df.attrs["skipped_unrated"] = skipped
    return df


#: FORMAT name -> converter.
FORMATS: dict[str, Callable[[str | Path], pd.DataFrame]] = {
    "semeval2016": semeval2016,
    "olid": olid,
    "davidson": davidson,
    "foxnews": foxnews,
    "ucc": ucc,
    "civilspans": civilspans,
    "redditincivility": redditincivility,
    "twitcivility": twitcivility,
    "hatexplain": hatexplain,
    "wikitox": wikitox,
    "uncivilcongress": uncivilcongress,
    "multitarget": multitarget,
    "gwsd": gwsd,
    "labelstudio": read_labelstudio,  # label tools: see stance.labeltools
    "doccano": read_doccano,
}
_ALIASES = {
    "semeval": "semeval2016",
    "fox": "foxnews",
    "reddit": "redditincivility",
    "toxicspans": "civilspans",
    "congress": "uncivilcongress",
}


#: Label tools' exports: a desk's own texts, kept byte for byte (no HTML decoding, no
#: trimming), so that a batch sent to the tool comes back exactly as it went; their
#: labels are checked against a schema.
LABEL_TOOLS: dict[str, Callable[[str | Path, Schema | None], pd.DataFrame]] = {
    "labelstudio": read_labelstudio,
    "doccano": read_doccano,
}


def convert(fmt: str, src: str | Path, schema: Schema | None = None) -> pd.DataFrame:
    """Read `src` in the format `fmt`; return a frame in the labelling format.

    `schema` (label tools only): the label vocabulary the export's choices must come
    from (default: the built-in stance and tone labels).
    """
    key = fmt.strip().lower().replace("-", "").replace("_", "")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise InputError(f"unknown format {fmt!r}", fix=f"choose one of: {', '.join(FORMATS)}")
    if key in LABEL_TOOLS:
        df = LABEL_TOOLS[key](src, schema)
    else:
        df = FORMATS[key](src)
        # Tweets and comments were published with HTML character references left in.
        df["text"] = df["text"].map(unescape_html).str.strip()
    attrs = dict(df.attrs)
    # A labelling file never has empty texts: such rows are dropped and counted in
    # df.attrs["dropped_empty"] (the CLI reports it).
    empty = df["text"].str.strip() == ""
    df = df[~empty].reset_index(drop=True)
    df.attrs = {**attrs, "dropped_empty": int(empty.sum())}
    return df
