"""Label-tool interop: Label Studio and doccano text-classification projects.

Both directions live here: the writers turn a labelling frame (a `stance suggest` batch,
or any labelled file) into tasks the tool imports; the readers turn the tool's export
back into the labelling format (`stance convert labelstudio|doccano FILE`).

The convention, one for both tools, so that a round trip is exact:

* Label Studio: the project's labelling config has two single-choice groups named
  `stance` and `tone` on a `Text` named `text` (`LABELSTUDIO_CONFIG` prints it). A
  task's `data` holds `text` and the comment's `comment_id`, `target`, `article` and
  `why` (why it was suggested). The model's suggestions are the task's `predictions`
  (pre-annotations a labeller confirms or corrects; never read back as labels); labels
  already in the frame are written as an `annotations` entry. The reader takes, per
  task, the last annotation that was not cancelled (Label Studio's JSON export lists
  them oldest first): its `choices` results named `stance` and `tone`, one label each.
  Other result types (a free-text note) are ignored; another choice group is an error.
* doccano: one JSON object a line, `{"text": ..., "label": ["stance:favor",
  "tone:civil"]}`: a label is `HEAD:LABEL`. Suggestions are *not* written as labels
  (doccano would show them as a labeller's own); they go, with `comment_id`, `target`,
  `article` and `why`, into extra fields, which doccano keeps as the example's metadata
  and puts back at the top level of its export (the reader also looks in `meta`).

Without a `comment_id` a row's id is `labelstudio-<task id>` / `doccano-<example id>`
(the tool's own id; else the row number). Labels are checked against the schema (default:
the built-in one); an unknown label or head is an error naming the file and row (rows:
tasks, or lines, counted from 1). A task without an annotation gives a row with blank
labels.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from stance.errors import InputError
from stance.io import atomic_write, decode_bytes, read_bytes
from stance.labels import FRAME_COLUMNS, HEADS, Schema

#: `stance suggest --format` choices: the labelling table (its format from the output's
#: extension), Label Studio tasks (JSON) or doccano examples (JSONL).
TOOL_FORMATS = ("csv", "labelstudio", "doccano")
#: The name of the Text tag the choice groups label.
TO_NAME = "text"
#: The fields of a task or example that carry the labelling row along.
_META = ("comment_id", "target", "article", "why")
MODEL_VERSION = "stance suggest"


def labelstudio_config(schema: Schema | None = None) -> str:
    """The Label Studio labelling config the tasks expect (paste it into the project)."""
    schema = schema or Schema()
    groups = "".join(
        f'  <Choices name="{h}" toName="{TO_NAME}" choice="single">\n'
        + "".join(f'    <Choice value="{v}"/>\n' for v in schema.labels(h))
        + "  </Choices>\n"
        for h in HEADS
    )
    return f'<View>\n  <Text name="{TO_NAME}" value="${TO_NAME}"/>\n{groups}</View>\n'


def _cell(row: pd.Series, col: str, *, verbatim: bool = False) -> str:
    """A cell as a string ("" when missing); trimmed unless `verbatim` (the text)."""
    value = row.get(col, "")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value) if verbatim else str(value).strip()


def _meta(row: pd.Series) -> dict[str, str]:
    out = {"comment_id": _cell(row, "id")}
    out.update({k: _cell(row, k) for k in _META[1:] if _cell(row, k)})
    return out


def _choice(head: str, label: str) -> dict[str, Any]:
    return {
        "id": head,
        "from_name": head,
        "to_name": TO_NAME,
        "type": "choices",
        "value": {"choices": [label]},
    }


def _prediction(row: pd.Series) -> list[dict[str, Any]]:
    result, probs = [], []
    for head in HEADS:
        label = _cell(row, f"suggested_{head}")
        if label:
            result.append(_choice(head, label))
            p = _cell(row, f"suggested_{head}_p")
            if p:
                probs.append(float(p))
    if not result:
        return []
    pred: dict[str, Any] = {"model_version": MODEL_VERSION, "result": result}
    if probs:
        pred["score"] = round(sum(probs) / len(probs), 4)
    return [pred]


def labelstudio_tasks(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Label Studio tasks (Basic Label Studio JSON) of a labelling frame or batch."""
    tasks = []
    for _, row in frame.iterrows():
        task: dict[str, Any] = {"data": {"text": _cell(row, "text", verbatim=True), **_meta(row)}}
        labels = [_choice(h, _cell(row, h)) for h in HEADS if _cell(row, h)]
        if labels:
            task["annotations"] = [{"result": labels}]
        pred = _prediction(row)
        if pred:
            task["predictions"] = pred
        tasks.append(task)
    return tasks


def doccano_examples(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """doccano text-classification examples (`text`, `label` as HEAD:LABEL, metadata)."""
    out = []
    for _, row in frame.iterrows():
        ex: dict[str, Any] = {
            "text": _cell(row, "text", verbatim=True),
            "label": [f"{h}:{_cell(row, h)}" for h in HEADS if _cell(row, h)],
            **_meta(row),
        }
        for head in HEADS:
            for col in (f"suggested_{head}", f"suggested_{head}_p"):
                if _cell(row, col):
                    ex[col] = _cell(row, col)
        out.append(ex)
    return out


def write_tasks(frame: pd.DataFrame, path: str | Path, fmt: str) -> None:
    """Write `frame` for a label tool: `labelstudio` (a JSON list of tasks) or `doccano`
    (JSONL), atomically."""
    if fmt == "labelstudio":
        with atomic_write(path) as f:
            json.dump(labelstudio_tasks(frame), f, ensure_ascii=False, indent=2)
            f.write("\n")
    elif fmt == "doccano":
        with atomic_write(path) as f:
            for ex in doccano_examples(frame):
                f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    else:
        raise InputError(f"unknown label-tool format {fmt!r}", fix="choose labelstudio or doccano")


# ---------------------------------------------------------------------------- readers


def _label(head: str, label: str, schema: Schema, path: str | Path, row: int, *, via: str) -> str:
    if head not in HEADS:
        raise InputError(
            f"unknown label group {head!r} ({via})",
            path=path,
            row=row,
            fix=f"name the groups {' and '.join(HEADS)}",
        )
    allowed = schema.labels(head)
    if label not in allowed:
        raise InputError(
            f"unknown {head} label {label!r} ({via})",
            path=path,
            row=row,
            fix=f"expected one of {', '.join(allowed)}",
        )
    return label


def _row(obj: dict[str, Any], text: object, fallback: str, path: str | Path, row: int) -> dict:
    if not isinstance(text, str):
        raise InputError("no `text` in the record", path=path, row=row, fix="export the text too")
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}

    def get(key: str) -> str:
        return str(obj.get(key, meta.get(key, "")) or "")

    rid = get("comment_id") or fallback
    return {"id": rid, "text": text, "target": get("target"), "article": get("article")}


def _load_json(path: str | Path, what: str) -> Any:
    text, _ = decode_bytes(read_bytes(path), path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not JSON ({exc.msg}, line {exc.lineno})", path=path, fix=f"pass {what} as exported"
        ) from None


def _annotation(task: dict[str, Any]) -> list[Any]:
    """The result of a task's last annotation that was not cancelled ([] if none)."""
    annotations = task.get("annotations") or []
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    return list(kept[-1].get("result") or []) if kept else []


def _labelstudio_labels(
    result: list[Any], schema: Schema, path: str | Path, row: int
) -> dict[str, str]:
    labels: dict[str, str] = {}
    for item in result:
        if not isinstance(item, dict) or item.get("type") != "choices":
            continue
        head = str(item.get("from_name", ""))
        choices = (item.get("value") or {}).get("choices") or []
        if len(choices) != 1 or head in labels:
            n = len(choices) + (len(labels.get(head, "")) > 0)
            raise InputError(
                f"{n} {head} labels in one annotation, expected one",
                path=path,
                row=row,
                fix='make the group single-choice (choice="single")',
            )
        labels[head] = _label(head, str(choices[0]), schema, path, row, via=f"from_name {head!r}")
    return labels


def read_labelstudio(path: str | Path, schema: Schema | None = None) -> pd.DataFrame:
    """A Label Studio JSON export (a list of tasks) -> the labelling format."""
    schema = schema or Schema()
    tasks = _load_json(path, "Label Studio's JSON export")
    if not isinstance(tasks, list):
        raise InputError(
            "expected a JSON list of tasks", path=path, fix="export the project as JSON"
        )
    rows = []
    for i, task in enumerate(tasks, start=1):
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict):
            raise InputError("a task without `data`", path=path, row=i, fix="export as JSON")
        rec = _row(data, data.get(TO_NAME), f"labelstudio-{task.get('id', i)}", path, i)
        rec.update(_labelstudio_labels(_annotation(task), schema, path, i))
        rows.append(rec)
    return _frame(rows, path)


def _doccano_records(path: str | Path) -> list[tuple[int, Any]]:
    text, _ = decode_bytes(read_bytes(path), path)
    if text.lstrip().startswith("["):  # doccano's JSON export: one list
        return list(enumerate(_load_json(path, "doccano's export"), start=1))
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not JSON ({exc.msg})", path=path, row=n, fix="pass doccano's JSONL export"
            ) from None
    return out


def read_doccano(path: str | Path, schema: Schema | None = None) -> pd.DataFrame:
    """A doccano text-classification export (JSONL, or its JSON list) -> the labelling
    format. Rows are the file's lines."""
    schema = schema or Schema()
    rows = []
    for n, obj in _doccano_records(path):
        if not isinstance(obj, dict):
            raise InputError("not a JSON object", path=path, row=n, fix="export as JSONL")
        rec = _row(obj, obj.get("text"), f"doccano-{obj.get('id', n)}", path, n)
        labels: dict[str, str] = {}
        for raw in obj.get("label", obj.get("labels")) or []:
            head, sep, label = str(raw).partition(":")
            if not sep:
                raise InputError(
                    f"label {raw!r} names no group",
                    path=path,
                    row=n,
                    fix="name doccano's labels HEAD:LABEL, e.g. stance:favor, tone:civil",
                )
            label = _label(head, label, schema, path, n, via=f"label {raw!r}")
            if head in labels:
                raise InputError(f"two {head} labels", path=path, row=n, fix="keep one")
            labels[head] = label
        rows.append({**rec, **labels})
    return _frame(rows, path)


def _frame(rows: list[dict[str, str]], path: str | Path) -> pd.DataFrame:
    if not rows:
        raise InputError("no tasks found", path=path)
    data = [[r.get(c, "") for c in FRAME_COLUMNS] for r in rows]
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS), dtype=str)
