"""Label Studio and doccano: their exports -> the labelling format, a batch -> their tasks."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.convert import convert
from stance.errors import InputError
from stance.labels import FRAME_COLUMNS
from stance.labeltools import (
    doccano_examples,
    labelstudio_config,
    labelstudio_tasks,
    read_doccano,
    read_labelstudio,
    write_tasks,
)
from stance.suggest import BATCH_COLUMNS
from test_suggest import model_dir, pool  # noqa: F401  (fixtures)

runner = CliRunner()


def _choice(head: str, label: str, rid: str = "r1") -> dict:
    """A result item as Label Studio exports it for a Choices tag."""
    return {
        "id": rid,
        "type": "choices",
        "value": {"choices": [label]},
        "origin": "manual",
        "to_name": "text",
        "from_name": head,
    }


def _annotation(result: list[dict], aid: int = 1001, cancelled: bool = False) -> dict:
    return {
        "id": aid,
        "result": result,
        "was_cancelled": cancelled,
        "ground_truth": False,
        "created_at": "2021-03-09T22:16:08.728353Z",
        "updated_at": "2021-03-09T22:16:08.728378Z",
        "lead_time": 4.288,
        "result_count": 0,
        "task": 1,
        "completed_by": 10,
    }


def _task(tid: int, data: dict, annotations: list[dict]) -> dict:
    return {
        "id": tid,
        "created_at": "2021-03-09T21:52:49.513742Z",
        "updated_at": "2021-03-09T22:16:08.746926Z",
        "project": 83,
        "data": data,
        "annotations": annotations,
        "predictions": [],
    }


def _batch() -> pd.DataFrame:
    """A `stance suggest` batch: blank labels, the model's suggestions, why."""
    return pd.DataFrame(
        [
            ["c1", "Hun Sen is good for farmers", "", "", "", "favor", 0.51, "civil", 0.6, "u"],
            ["c2", "the CPP hurts the press", "CPP", "", "", "against", 0.4, "", "", "rare"],
            ["c3", "rice prices, again", "", "", "", "", "", "uncivil", 0.45, "u"],
        ],
        columns=list(BATCH_COLUMNS),
    )


LABELS = {"c1": ("favor", "civil"), "c2": ("none", ""), "c3": ("", "abusive")}


def test_a_labelstudio_export_gives_labelling_rows(tmp_path) -> None:
    export = [
        _task(
            1,
            {"text": "Hun Sen is good", "comment_id": "c1", "target": "Hun Sen"},
            [_annotation([_choice("stance", "favor"), _choice("tone", "civil", "r2")])],
        ),
        _task(  # no comment_id: the task's id names the row; a note is not a label
            2,
            {"text": "what a mess"},
            [
                _annotation([_choice("tone", "abusive")], 1002),
                _annotation(
                    [
                        _choice("tone", "uncivil"),
                        {"type": "textarea", "from_name": "note", "value": {"text": ["x"]}},
                    ],
                    1003,
                ),
                _annotation([_choice("tone", "civil")], 1004, cancelled=True),
            ],
        ),
        _task(3, {"text": "not labelled yet"}, []),
    ]
    p = tmp_path / "export.json"
    p.write_text(json.dumps(export))
    df = convert("labelstudio", p)
    assert list(df.columns) == list(FRAME_COLUMNS)
    assert df.values.tolist() == [
        ["c1", "Hun Sen is good", "Hun Sen", "favor", "civil", ""],
        ["labelstudio-2", "what a mess", "", "", "uncivil", ""],
        ["labelstudio-3", "not labelled yet", "", "", "", ""],
    ]
    assert convert("label-studio", p).equals(df)


def test_a_doccano_export_gives_labelling_rows(tmp_path) -> None:
    lines = [
        {"id": 8, "text": "Terrible roads.", "label": ["stance:against", "tone:uncivil"]},
        {"id": 9, "text": "Great price.", "label": [], "Comments": [], "comment_id": "c9"},
        {"id": 10, "text": "ok", "label": ["tone:civil"], "meta": {"comment_id": "c10"}},
    ]
    p = tmp_path / "all.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in lines))
    assert convert("doccano", p).values.tolist() == [
        ["doccano-8", "Terrible roads.", "", "against", "uncivil", ""],
        ["c9", "Great price.", "", "", "", ""],
        ["c10", "ok", "", "", "civil", ""],
    ]
    as_list = tmp_path / "all.json"  # doccano's JSON export: the same records in a list
    as_list.write_text(json.dumps(lines))
    assert convert("doccano", as_list).equals(convert("doccano", p))


def test_labelstudio_tasks_are_the_documented_import_shape() -> None:
    tasks = labelstudio_tasks(_batch())
    assert tasks[0] == {
        "data": {"text": "Hun Sen is good for farmers", "comment_id": "c1", "why": "u"},
        "predictions": [
            {
                "model_version": "stance suggest",
                "result": [
                    {
                        "id": "stance",
                        "from_name": "stance",
                        "to_name": "text",
                        "type": "choices",
                        "value": {"choices": ["favor"]},
                    },
                    {
                        "id": "tone",
                        "from_name": "tone",
                        "to_name": "text",
                        "type": "choices",
                        "value": {"choices": ["civil"]},
                    },
                ],
                "score": 0.555,
            }
        ],
    }
    assert tasks[1]["data"]["target"] == "CPP"
    assert "annotations" not in tasks[1]
    assert '<Choices name="stance" toName="text" choice="single">' in labelstudio_config()


def test_doccano_examples_keep_suggestions_out_of_the_labels() -> None:
    assert doccano_examples(_batch())[0] == {
        "text": "Hun Sen is good for farmers",
        "label": [],
        "comment_id": "c1",
        "why": "u",
        "suggested_stance": "favor",
        "suggested_stance_p": "0.51",
        "suggested_tone": "civil",
        "suggested_tone_p": "0.6",
    }


def _expected() -> list[list[str]]:
    b = _batch()
    return [[i, t, g, *LABELS[i]] for i, t, g in zip(b["id"], b["text"], b["target"], strict=True)]


def test_labelstudio_round_trip(tmp_path) -> None:
    tasks_file = tmp_path / "tasks.json"
    write_tasks(_batch(), tasks_file, "labelstudio")
    tasks = json.loads(tasks_file.read_text())
    export = []  # what Label Studio exports once a labeller has done the tasks
    for n, task in enumerate(tasks, start=1):
        stance, tone = LABELS[task["data"]["comment_id"]]
        result = [_choice(h, v) for h, v in (("stance", stance), ("tone", tone)) if v]
        export.append({**_task(100 + n, task["data"], [_annotation(result)]), **task})
    out = tmp_path / "export.json"
    out.write_text(json.dumps(export))
    assert convert("labelstudio", out)[list(FRAME_COLUMNS[:5])].values.tolist() == _expected()


def test_doccano_round_trip(tmp_path) -> None:
    examples_file = tmp_path / "batch.jsonl"
    write_tasks(_batch(), examples_file, "doccano")
    export = []  # doccano's export: its own id, the labels, the metadata back on top
    for n, line in enumerate(examples_file.read_text().splitlines(), start=1):
        ex = json.loads(line)
        stance, tone = LABELS[ex["comment_id"]]
        labels = [f"{h}:{v}" for h, v in (("stance", stance), ("tone", tone)) if v]
        export.append({"id": n, **ex, "label": labels, "Comments": []})
    out = tmp_path / "export.jsonl"
    out.write_text("".join(json.dumps(x) + "\n" for x in export))
    assert convert("doccano", out)[list(FRAME_COLUMNS[:5])].values.tolist() == _expected()


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano"])
def test_a_labelled_file_comes_back_as_it_was(tmp_path, fmt) -> None:
    frame = pd.DataFrame(
        [["a1", "one", "T", "favor", "civil", "art-1"], ["a2", "two", "", "", "abusive", ""]],
        columns=list(FRAME_COLUMNS),
    )
    p = tmp_path / "f.json"
    write_tasks(frame, p, fmt)
    read = read_labelstudio if fmt == "labelstudio" else read_doccano
    pd.testing.assert_frame_equal(read(p), frame)


def test_unknown_labels_name_the_file_and_row(tmp_path) -> None:
    ls = tmp_path / "ls.json"
    ls.write_text(
        json.dumps(
            [
                _task(1, {"text": "a"}, [_annotation([_choice("stance", "favor")])]),
                _task(2, {"text": "b"}, [_annotation([_choice("stance", "pro")])]),
            ]
        )
    )
    with pytest.raises(InputError) as e:
        convert("labelstudio", ls)
    assert str(e.value) == (
        f"{ls}, row 2: unknown stance label 'pro' (from_name 'stance') "
        "(expected one of favor, against, none)"
    )
    ls.write_text(json.dumps([_task(1, {"text": "a"}, [_annotation([_choice("mood", "ok")])])]))
    with pytest.raises(InputError, match=r"row 1: unknown label group 'mood' \(from_name"):
        convert("labelstudio", ls)

    dc = tmp_path / "dc.jsonl"
    dc.write_text('{"text": "a", "label": ["tone:civil"]}\n{"text": "b", "label": ["tone:rude"]}\n')
    with pytest.raises(InputError) as e:
        convert("doccano", dc)
    assert str(e.value) == (
        f"{dc}, row 2: unknown tone label 'rude' (label 'tone:rude') "
        "(expected one of civil, uncivil, abusive)"
    )
    dc.write_text('{"text": "a", "label": ["favor"]}\n')
    with pytest.raises(InputError) as e:
        convert("doccano", dc)
    assert str(e.value) == (
        f"{dc}, row 1: label 'favor' names no group "
        "(name doccano's labels HEAD:LABEL, e.g. stance:favor, tone:civil)"
    )
    dc.write_text('{"text": "a", "label": ["tone:civil", "tone:abusive"]}\n')
    with pytest.raises(InputError, match="row 1: two tone labels"):
        convert("doccano", dc)


def test_convert_cli_reads_a_doccano_export(tmp_path) -> None:
    src = tmp_path / "export.jsonl"
    src.write_text('{"id": 1, "text": "a", "label": ["stance:favor", "tone:civil"]}\n')
    out = tmp_path / "labels.csv"
    res = runner.invoke(app, ["convert", "doccano", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout == f"wrote 1 rows to {out} (stance favor 1; tone civil 1)\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": ["tone:rude"]}\n')
    res = runner.invoke(app, ["convert", "doccano", str(bad), "-o", str(out)])
    assert res.exit_code == 2
    assert f"{bad}, row 1: unknown tone label 'rude'" in res.stderr


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano"])
def test_suggest_writes_tasks_for_a_label_tool(model_dir, pool, tmp_path, fmt) -> None:  # noqa: F811
    out = tmp_path / "batch.json"
    res = runner.invoke(
        app,
        ["suggest", str(model_dir), str(pool), "-n", "3", "-o", str(out), "--format", fmt],
    )
    assert res.exit_code == 0, res.output
    assert res.stdout == (
        f"3 comments suggested from 360 candidates (380 rows read, 0 already labelled) -> {out}\n"
    )
    if fmt == "labelstudio":
        tasks = json.loads(out.read_text())
        assert [t["predictions"][0]["result"][1]["from_name"] for t in tasks] == ["tone"] * 3
    else:
        tasks = [json.loads(line) for line in out.read_text().splitlines()]
        assert all(t["label"] == [] for t in tasks)
    back = convert(fmt, out)  # unlabelled: the ids and texts, blank labels
    assert back["id"].str.startswith("c").all() and (back["tone"] == "").all()


def test_two_choices_in_one_group_are_an_error(tmp_path) -> None:
    item = _choice("stance", "favor")
    item["value"]["choices"] = ["favor", "against"]
    p = tmp_path / "ls.json"
    p.write_text(json.dumps([_task(1, {"text": "a"}, [_annotation([item])])]))
    with pytest.raises(InputError) as e:
        read_labelstudio(p)
    assert str(e.value) == (
        f"{p}, row 1: 2 stance labels in one annotation, expected one "
        '(make the group single-choice (choice="single"))'
    )


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano"])
def test_a_label_tools_texts_come_back_byte_for_byte(tmp_path, fmt) -> None:
    """A desk's own texts are not a published corpus: no HTML decoding, no trimming."""
    texts = ["  Tom &amp; Jerry &lt;3  ", "line one\nline two\n", "&#128533; as typed"]
    frame = pd.DataFrame(
        [[f"a{i}", t, "", "", "civil", ""] for i, t in enumerate(texts)],
        columns=list(FRAME_COLUMNS),
    )
    p = tmp_path / "tasks.json"
    write_tasks(frame, p, fmt)
    assert convert(fmt, p)["text"].tolist() == texts


def test_convert_takes_the_desks_schema_for_a_label_tool(tmp_path) -> None:
    schema = tmp_path / "schema.toml"
    schema.write_text(
        '[stance]\nlabels = ["pro", "anti", "neutral"]\nneutral = "neutral"\n'
        '[tone]\nlabels = ["ok", "rude"]\n'
    )
    src = tmp_path / "export.jsonl"
    src.write_text('{"id": 7, "text": "a", "label": ["stance:pro", "tone:rude"]}\n')
    out = tmp_path / "labels.csv"
    res = runner.invoke(
        app, ["convert", "doccano", str(src), "-o", str(out), "--schema", str(schema)]
    )
    assert res.exit_code == 0, res.output
    assert res.stdout == f"wrote 1 rows to {out} (stance pro 1; tone rude 1)\n"
    res = runner.invoke(app, ["convert", "doccano", str(src), "-o", str(out)])
    assert res.exit_code == 2
    assert res.stderr == (
        f"stance: error: {src}, row 1: unknown stance label 'pro' (label 'stance:pro') "
        "(expected one of favor, against, none)\n"
    )
