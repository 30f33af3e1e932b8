"""`stance review`: the queue, the files it writes, the API (Starlette's TestClient), the
token and escaping, a server killed with SIGKILL and started again, and the CLI's lines."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import InputError, LabelError
from stance.labels import read_labels
from stance.review import DECISION_COLUMNS, load_queue, open_session
from stance.review.queue import parse_spans
from stance.review.server import NO_WEB, create_app
from stance.review.store import LABEL_COLUMNS
from stance.suggest import BATCH_COLUMNS
from stance.tables import write_table

runner = CliRunner()
TOKEN = "test-token-123"
XSS = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.com","click")'
CLOCK = "2026-12-02T08:00:00Z"


def _span(text: str, *words: str) -> str:
    return json.dumps([[text.index(w), text.index(w) + len(w)] for w in words])


def _row(rid, text, action, stance_p, tone_p, **extra) -> dict:
    row = {"id": rid, "article": extra.pop("article", ""), "author": extra.pop("author", "")}
    row["text"] = text
    row["target"] = extra.pop("target", "")
    for head, labels, probs in (
        ("stance", ("favor", "against", "none"), stance_p),
        ("tone", ("civil", "uncivil", "abusive"), tone_p),
    ):
        row[head] = labels[max(range(3), key=lambda i: probs[i])]
        row.update({f"{head}_p_{x}": p for x, p in zip(labels, probs, strict=True)})
    row["action"] = action
    row["reasons"] = extra.pop("reasons", "")
    row["tone_spans"] = extra.pop("spans", "[]")
    return row


ABUSE = "You are an idiot and a liar, go back to your village."
JOKE = "What a joke of a council. Pathetic."
#: Uncertainty (mean over the heads of 1 - the top two's margin): c1 .34, c2 .75,
#: c3 .775, c4 .925, c5 .92, c6 .7; the policy sent c3, c4 and c6 to review.
ROWS = [
    _row(
        "c1",
        "The new ring road cut my commute in half. Credit where it is due.",
        "approve",
        (0.7, 0.2, 0.1),
        (0.9, 0.08, 0.02),
        article="ring-road",
        author="Dara",
    ),
    _row(
        "c2",
        ABUSE,
        "reject",
        (0.3, 0.5, 0.2),
        (0.1, 0.3, 0.6),
        article="ring-road",
        author="anon",
        spans=_span(ABUSE, "idiot", "liar"),
        reasons="idiot +3.70, liar +1.10",
    ),
    _row("c3", XSS, "review", (0.2, 0.2, 0.6), (0.45, 0.4, 0.15), article="<b>bold</b>"),
    _row("c4", FORMULA, "review", (0.3, 0.3, 0.4), (0.5, 0.45, 0.05)),
    _row(
        "c5",
        "Rice prices went up again and nobody in the ministry seems to care.",
        "approve",
        (0.34, 0.33, 0.33),
        (0.55, 0.4, 0.05),
        article="rice",
        author="Sophea",
    ),
    _row(
        "c6",
        JOKE,
        "review",
        (0.6, 0.3, 0.1),
        (0.3, 0.6, 0.1),
        target="Phnom Penh city hall",
        article="city-hall",
        author="Vanna",
        spans=_span(JOKE, "joke", "Pathetic"),
        reasons="pathetic +1.45, joke +0.61",
    ),
]
REVIEW_ORDER = ["c4", "c3", "c6", "c5", "c2", "c1"]


def write_scored(path: Path, rows: list[dict] | None = None) -> Path:
    """A scored file as `stance score --spans` writes it (CSV)."""
    pd.DataFrame(rows or ROWS).to_csv(path, index=False)
    return path


@pytest.fixture
def scored(tmp_path) -> Path:
    return write_scored(tmp_path / "scored.csv")


def _session(tmp_path: Path, scored: Path):
    return open_session(
        load_queue(scored), tmp_path / "mine.csv", tmp_path / "decisions.csv", clock=lambda: CLOCK
    )


@pytest.fixture
def client(tmp_path, scored):
    from starlette.testclient import TestClient

    session = _session(tmp_path, scored)
    with TestClient(create_app(session, TOKEN), headers={"X-Stance-Token": TOKEN}) as c:
        c.session = session
        yield c


def _csv(path: Path) -> list[list[str]]:
    return [line.split(",") for line in path.read_text().splitlines()]


def _decide(client, rid, action, stance="", tone="", order="review"):
    body = {"id": rid, "action": action, "stance": stance, "tone": tone, "order": order}
    return client.post("/api/decide", json=body)


# ---- the queue ----------------------------------------------------------------------


def test_the_queue_orders_review_first_then_by_uncertainty(scored) -> None:
    queue = load_queue(scored)
    assert [queue.items[i].id for i in queue.order("review")] == REVIEW_ORDER
    assert [queue.items[i].id for i in queue.order("uncertainty")] == [
        "c4",
        "c5",
        "c3",
        "c2",
        "c6",
        "c1",
    ]
    assert [queue.items[i].id for i in queue.order("file")] == [f"c{i}" for i in range(1, 7)]
    with pytest.raises(InputError, match="unknown order 'x' \\(use one of: review, uncertainty"):
        queue.order("x")


def test_an_item_carries_what_the_model_says(scored) -> None:
    item = load_queue(scored).items[1]
    assert item.to_json() == {
        "id": "c2",
        "row": 2,
        "target": "",
        "context": {"article": "ring-road", "author": "anon"},
        "action": "reject",
        "reasons": "idiot +3.70, liar +1.10",
        "why": "",
        "segments": [
            {"text": "You are an ", "span": False},
            {"text": "idiot", "span": True},
            {"text": " and a ", "span": False},
            {"text": "liar", "span": True},
            {"text": ", go back to your village.", "span": False},
        ],
        "suggested": {
            "stance": {
                "label": "against",
                "p": 0.5,
                "probs": {"favor": 0.3, "against": 0.5, "none": 0.2},
            },
            "tone": {
                "label": "abusive",
                "p": 0.6,
                "probs": {"civil": 0.1, "uncivil": 0.3, "abusive": 0.6},
            },
        },
        "uncertainty": 0.75,
    }


@pytest.mark.parametrize(
    ("cell", "spans"),
    [
        ("[[0,2],[1,4],[6,7]]", [(0, 4), (6, 7)]),  # overlaps merged
        ("[[3,99]]", []),  # past the end
        ("not json", []),
        ("", []),
        ('[[1,"2"]]', []),
        ([[2, 5]], [(2, 5)]),  # JSONL/Parquet: a list already
    ],
)
def test_spans_are_checked_against_the_text(cell, spans) -> None:
    assert parse_spans(cell, 10) == spans


def test_a_suggest_batch_is_a_queue(tmp_path) -> None:
    batch = pd.DataFrame(
        [
            ["b1", "Hun Sen built the bridge", "", "", "", "favor", 0.55, "civil", 0.9, "why 1"],
            ["b2", "the weather is bad", "", "", "", "none", 0.8, "civil", 0.6, "why 2"],
        ],
        columns=list(BATCH_COLUMNS),
    )
    path = tmp_path / "batch.csv"
    write_table(batch, path)
    queue = load_queue(path)
    assert queue.kind == "batch"
    # uncertainty, one minus the top probability averaged over the heads: b1 .275, b2 .3
    assert [queue.items[i].id for i in queue.order("review")] == ["b2", "b1"]
    first = queue.items[0].to_json()
    assert first["suggested"]["stance"] == {"label": "favor", "p": 0.55, "probs": {}}
    assert first["why"] == "why 1" and first["action"] == ""
    assert queue.items[0].uncertainty == pytest.approx((0.45 + 0.1) / 2)


def test_a_file_that_is_neither_is_one_clear_error(tmp_path) -> None:
    path = tmp_path / "plain.csv"
    pd.DataFrame({"id": ["1"], "text": ["hello"]}).to_csv(path, index=False)
    with pytest.raises(InputError) as info:
        load_queue(path)
    assert str(info.value) == (
        f"{path}: neither a scored file (no 'action' column) nor a stance suggest batch (no "
        "'suggested_stance' or 'suggested_tone' column) (score it first with stance score, "
        "or pass --model MODEL to score it now)"
    )


def test_duplicate_ids_and_empty_texts(tmp_path) -> None:
    rows = [dict(ROWS[0]), dict(ROWS[1]), dict(ROWS[2])]
    rows[2]["text"] = "   "
    path = write_scored(tmp_path / "s.csv", rows)
    queue = load_queue(path)
    assert [i.id for i in queue.items] == ["c1", "c2"]
    assert queue.warnings == [f"{path}: 1 rows with an empty text left out (nothing to label)"]
    rows[1]["id"] = "c1"
    write_scored(path, rows)
    with pytest.raises(InputError, match=r"duplicate id 'c1' \(rows 1 and 2\)"):
        load_queue(path)


def test_a_file_without_ids_names_rows_by_file_and_row(tmp_path) -> None:
    rows = [{k: v for k, v in r.items() if k != "id"} for r in ROWS[:2]]
    queue = load_queue(write_scored(tmp_path / "noid.csv", rows))
    assert [i.id for i in queue.items] == ["noid.csv:1", "noid.csv:2"]


# ---- the token, the headers, escaping -----------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/"),
        ("GET", "/app.js"),
        ("GET", "/app.css"),
        ("GET", "/favicon.svg"),
        ("GET", "/api/state"),
        ("POST", "/api/decide"),
        ("POST", "/api/undo"),
        ("GET", "/nothing-here"),
    ],
)
@pytest.mark.parametrize("token", [None, "wrong", TOKEN[:-1]])
def test_every_request_without_the_token_is_403(tmp_path, scored, method, path, token) -> None:
    from starlette.testclient import TestClient

    session = _session(tmp_path, scored)
    with TestClient(create_app(session, TOKEN)) as c:
        url = path if token is None else f"{path}?token={token}"
        body = {"id": "c1", "action": "approve"}
        res = c.request(method, url, json=body if method == "POST" else None)
        assert res.status_code == 403
        assert res.text == (
            "forbidden: open the page at the address stance review printed, with its token\n"
        )
        assert res.headers["content-security-policy"].startswith("default-src 'none'")
        res = c.request(method, url, headers={"X-Stance-Token": "nope"})
        assert res.status_code == 403
    assert not (tmp_path / "mine.csv").exists() and not (tmp_path / "decisions.csv").exists()


def test_with_the_token_the_page_and_assets_load(tmp_path, scored) -> None:
    from starlette.testclient import TestClient

    with TestClient(create_app(_session(tmp_path, scored), TOKEN)) as c:
        page = c.get(f"/?token={TOKEN}")
        assert page.status_code == 200
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert f'<script src="app.js?token={TOKEN}" defer></script>' in page.text
        for name, kind in (("app.js", "text/javascript"), ("app.css", "text/css")):
            res = c.get(f"/{name}?token={TOKEN}")
            assert res.status_code == 200 and res.headers["content-type"].startswith(kind)
        assert c.get(f"/nothing-here?token={TOKEN}").status_code == 404
        headers = page.headers
        assert headers["content-security-policy"] == (
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["x-frame-options"] == "DENY"
        assert headers["cache-control"] == "no-store"


def test_a_form_post_from_another_site_is_refused(client) -> None:
    res = client.post("/api/decide", data={"id": "c4", "action": "approve"})
    assert res.status_code == 400
    assert res.json() == {"error": "send JSON (Content-Type: application/json)"}
    assert client.session.counts()["approve"] == 0


def test_comment_text_is_data_never_markup(client, repo_root) -> None:
    """The page has no data in it; the API hands text over as JSON strings; the script
    puts them on the page with textContent only (the browser test sees it as text)."""
    for rid in ("c4",):
        _decide(client, rid, "approve")
    state = client.get("/api/state").json()
    assert state["current"]["id"] == "c3"
    assert state["current"]["segments"] == [{"text": XSS, "span": False}]
    assert state["current"]["context"] == {"article": "<b>bold</b>"}
    assert XSS not in client.get("/").text
    script = (repo_root / "src/stance/review/static/app.js").read_text()
    assert "innerHTML" not in script.replace("(never innerHTML)", "")
    assert "insertAdjacentHTML" not in script and "document.write" not in script
    assert "eval(" not in script


# ---- decisions ----------------------------------------------------------------------


def test_state_counts_and_the_first_comment(client) -> None:
    state = client.get("/api/state").json()
    assert {k: state[k] for k in ("source", "kind", "order", "total", "done", "can_undo")} == {
        "source": "scored.csv",
        "kind": "scored",
        "order": "review",
        "total": 6,
        "done": 0,
        "can_undo": False,
    }
    assert state["counts"] == {"open": 6, "skip": 0, "approve": 0, "reject": 0, "before": 0}
    assert state["labels"] == {
        "stance": ["favor", "against", "none"],
        "tone": ["civil", "uncivil", "abusive"],
    }
    assert state["current"]["id"] == "c4"
    assert client.get("/api/state?order=file").json()["current"]["id"] == "c1"
    assert client.get("/api/state?order=uncertainty").json()["current"]["id"] == "c4"
    res = client.get("/api/state?order=random")
    assert res.status_code == 400
    assert res.json() == {"error": "unknown order 'random' (use one of: review, uncertainty, file)"}


def test_approve_writes_a_labels_row_and_a_decision(client, tmp_path) -> None:
    res = _decide(client, "c6", "approve", "against", "uncivil")
    assert res.status_code == 200
    state = res.json()
    assert state["counts"]["approve"] == 1 and state["done"] == 1
    assert state["current"]["id"] == "c4"
    assert (tmp_path / "mine.csv").read_text() == (
        "id,text,target,stance,tone,article\n"
        f"c6,{JOKE},Phnom Penh city hall,against,uncivil,city-hall\n"
    )
    assert (tmp_path / "decisions.csv").read_text() == (
        f"id,action,stance,tone,decided_at\nc6,approve,against,uncivil,{CLOCK}\n"
    )


def test_reject_without_labels_and_a_target_without_stance(client, tmp_path) -> None:
    assert _decide(client, "c6", "reject", "", "abusive").status_code == 200
    # the target is left out when no stance is set: a labelling file's target needs stance rows
    assert (tmp_path / "mine.csv").read_text().splitlines()[1] == f"c6,{JOKE},,,abusive,city-hall"
    assert _decide(client, "c1", "reject").status_code == 200
    assert _csv(tmp_path / "decisions.csv")[1:] == [
        ["c6", "reject", "", "abusive", CLOCK],
        ["c1", "reject", "", "", CLOCK],
    ]
    assert len(read_labels(tmp_path / "mine.csv")) == 2


def test_skip_writes_a_decision_only_and_comes_back_last(client, tmp_path) -> None:
    state = _decide(client, "c4", "skip", "none").json()
    assert state["counts"]["skip"] == 1 and state["done"] == 0
    assert state["current"]["id"] == "c3"
    assert not (tmp_path / "mine.csv").exists()
    assert _csv(tmp_path / "decisions.csv")[1:] == [["c4", "skip", "none", "", CLOCK]]
    _decide(client, "c3", "skip")
    for rid in REVIEW_ORDER[2:]:
        state = _decide(client, rid, "approve").json()
    assert state["current"]["id"] == "c4"  # the longest-skipped first
    assert state["current"]["chosen"] == {"stance": "none", "tone": ""}  # as it was skipped
    state = _decide(client, "c4", "skip").json()
    assert state["current"]["id"] == "c3"  # skipping again sends it behind c3
    state = _decide(client, "c3", "approve", "none", "civil").json()
    state = _decide(client, "c4", "reject", "none", "uncivil").json()
    assert state["current"] is None
    assert state["counts"] == {"open": 0, "skip": 0, "approve": 5, "reject": 1, "before": 0}
    assert state["done"] == 6
    assert len(read_labels(tmp_path / "mine.csv")) == 6


def test_a_decided_comment_cannot_be_decided_again(client, tmp_path) -> None:
    assert _decide(client, "c4", "approve").status_code == 200
    res = _decide(client, "c4", "reject")
    assert res.status_code == 409
    assert res.json() == {"error": "comment 'c4' is already decided (approve) (undo it first)"}
    assert len(_csv(tmp_path / "decisions.csv")) == 2


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"id": "nope", "action": "approve"}, "no comment 'nope' in the queue (reload the page)"),
        ({"id": "c1", "action": "publish"}, "unknown action 'publish' (use one of: approve, "),
        ({"id": "c1", "action": "approve", "stance": "pro"}, "unknown stance 'pro' (use one"),
        ({"id": "c1", "action": "approve", "tone": "rude"}, "unknown tone 'rude' (use one of"),
        ({"id": 1, "action": "approve"}, "id, action, stance and tone must be strings"),
    ],
)
def test_bad_decisions_are_400_and_write_nothing(client, tmp_path, body, error) -> None:
    res = client.post("/api/decide", json=body)
    assert res.status_code == 400
    assert res.json()["error"].startswith(error)
    assert not (tmp_path / "decisions.csv").exists()


def test_a_body_that_is_not_json_is_400(client) -> None:
    headers = {"Content-Type": "application/json"}
    res = client.post("/api/decide", content=b"{nope", headers=headers)
    assert (res.status_code, res.json()) == (400, {"error": "the body is not JSON"})
    res = client.post("/api/decide", content=b"[1]", headers=headers)
    assert (res.status_code, res.json()) == (400, {"error": "the body must be a JSON object"})


def test_undo_takes_back_the_last_decision_from_both_files(client, tmp_path) -> None:
    res = client.post("/api/undo", json={})
    assert res.status_code == 409
    assert res.json() == {"error": "nothing to undo (decide a comment first)"}
    _decide(client, "c4", "approve", "none", "civil")
    _decide(client, "c3", "skip")
    _decide(client, "c6", "reject", "against", "abusive")
    labels_before = (tmp_path / "mine.csv").read_text()
    state = client.post("/api/undo", json={}).json()
    undone = {"id": "c6", "action": "reject", "stance": "against", "tone": "abusive"}
    assert state["undone"] == undone
    assert state["current"]["id"] == "c6"  # shown next, whatever the order says
    assert state["counts"]["reject"] == 0
    assert (tmp_path / "mine.csv").read_text() == labels_before.replace(
        f"c6,{JOKE},Phnom Penh city hall,against,abusive,city-hall\n", ""
    )
    assert [r[:2] for r in _csv(tmp_path / "decisions.csv")] == [
        ["id", "action"],
        ["c4", "approve"],
        ["c3", "skip"],
    ]
    state = client.post("/api/undo", json={}).json()  # the skip
    assert state["undone"]["action"] == "skip" and state["current"]["id"] == "c3"
    assert state["counts"]["skip"] == 0
    state = client.post("/api/undo", json={}).json()
    assert state["undone"]["id"] == "c4" and state["can_undo"] is False
    assert (tmp_path / "mine.csv").read_text() == "id,text,target,stance,tone,article\n"
    assert (tmp_path / "decisions.csv").read_text() == "id,action,stance,tone,decided_at\n"
    assert read_labels(tmp_path / "mine.csv").empty
    result = runner.invoke(app, ["labels", "check", str(tmp_path / "mine.csv")])
    assert result.exit_code == 0, result.output


def test_undo_after_a_skip_then_a_decision_leaves_it_skipped(client) -> None:
    _decide(client, "c4", "skip")
    _decide(client, "c3", "approve")
    state = _decide(client, "c4", "approve").json()
    assert state["counts"]["skip"] == 0
    state = client.post("/api/undo", json={}).json()
    assert state["current"]["id"] == "c4"
    assert state["counts"]["skip"] == 1 and state["counts"]["approve"] == 1


# ---- the files ----------------------------------------------------------------------


def test_formula_cells_are_neutralised_and_found_again(tmp_path, scored) -> None:
    rows = [dict(r) for r in ROWS]
    rows[3]["id"] = "=1+1"
    write_scored(scored, rows)
    session = _session(tmp_path, scored)
    session.decide("=1+1", "approve", "none", "civil")
    assert (tmp_path / "mine.csv").read_text().splitlines()[1] == (
        '\'=1+1,"\'=HYPERLINK(""http://example.com"",""click"")",,none,civil,'
    )
    assert (tmp_path / "decisions.csv").read_text().splitlines()[1].startswith("'=1+1,approve,")
    again = _session(tmp_path, scored)  # a restart knows the row as its own
    assert again.counts()["approve"] == 1 and again.restored == 0
    assert again.undo()["undone"]["id"] == "=1+1"
    assert (tmp_path / "mine.csv").read_text() == "id,text,target,stance,tone,article\n"


def test_appending_keeps_an_existing_files_columns_and_last_line(tmp_path, scored) -> None:
    labels = tmp_path / "mine.csv"
    # a file saved by hand: extra columns, no newline at the end
    labels.write_text("id,text,target,stance,tone,annotator\nold1,an older comment,,none,civil,ann")
    session = _session(tmp_path, scored)
    assert session.counts()["before"] == 0
    session.decide("c2", "reject", "against", "abusive")
    assert labels.read_text() == (
        "id,text,target,stance,tone,annotator\n"
        "old1,an older comment,,none,civil,ann\n"
        f'c2,"{ABUSE}",,against,abusive,\n'
    )
    assert list(read_labels(labels)["id"]) == ["old1", "c2"]


def test_a_failed_labels_write_takes_the_decision_back(tmp_path, scored, monkeypatch) -> None:
    import errno

    session = _session(tmp_path, scored)
    session.decide("c4", "approve", "none", "civil")
    labels, decisions = (tmp_path / "mine.csv").read_text(), (tmp_path / "decisions.csv")
    before = decisions.read_text()
    real_open = os.open

    def full_disk(path, *args, **kw):
        if Path(path).name == "mine.csv":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", full_disk)
    with pytest.raises(InputError) as info:
        session.decide("c3", "reject", "none", "uncivil")
    assert str(info.value) == (
        f"{tmp_path / 'mine.csv'}: cannot write: No space left on device (free disk space or "
        "fix the file's permissions, then decide again)"
    )
    assert decisions.read_text() == before and (tmp_path / "mine.csv").read_text() == labels
    monkeypatch.undo()
    state = session.decide("c3", "reject", "none", "uncivil")
    assert state["counts"]["reject"] == 1
    assert [r[0] for r in _csv(decisions)] == ["id", "c4", "c3"]
    assert list(read_labels(tmp_path / "mine.csv")["id"]) == ["c4", "c3"]


def test_rows_labelled_before_are_done(tmp_path, scored) -> None:
    labels = tmp_path / "mine.csv"
    labels.write_text("id,text,target,stance,tone\nc4,x,,none,civil\n")
    session = _session(tmp_path, scored)
    assert session.counts() == {"open": 5, "skip": 0, "approve": 0, "reject": 0, "before": 1}
    assert session.state()["done"] == 1 and session.state()["current"]["id"] == "c3"
    with pytest.raises(InputError, match="already decided \\(before\\)"):
        session.decide("c4", "approve")


def test_a_skip_labelled_outside_the_review_since_cannot_be_undone(tmp_path, scored) -> None:
    session = _session(tmp_path, scored)
    session.decide("c4", "skip")
    (tmp_path / "mine.csv").write_text("id,text,target,stance,tone\nc4,x,,none,civil\n")
    again = _session(tmp_path, scored)
    assert again.counts()["before"] == 1 and again.state()["can_undo"] is False
    with pytest.raises(InputError, match="nothing to undo"):
        again.undo()


def test_an_invalid_labels_file_is_refused_at_start(tmp_path, scored) -> None:
    labels = tmp_path / "mine.csv"
    labels.write_text("id,text,target,stance,tone\nx1,text,,pro,\n")
    with pytest.raises(LabelError) as info:
        _session(tmp_path, scored)
    assert str(info.value).startswith(f"{labels}, row 1: unknown stance 'pro' (allowed: favor")
    labels.write_text("id,text\nx1,text\n")
    with pytest.raises(InputError) as info:
        _session(tmp_path, scored)
    assert str(info.value) == (
        f"{labels}: missing columns target, stance, tone (columns: id, text) (give a file "
        "with the columns id, text, target, stance, tone, or a new name)"
    )


def test_the_files_must_be_csv_and_distinct(tmp_path, scored) -> None:
    queue = load_queue(scored)
    with pytest.raises(InputError) as info:
        open_session(queue, tmp_path / "mine.jsonl", tmp_path / "d.csv")
    assert str(info.value) == (
        f"{tmp_path / 'mine.jsonl'}: the review writes CSV files only (name it FILE.csv)"
    )
    with pytest.raises(InputError) as info:
        open_session(queue, tmp_path / "same.csv", tmp_path / "same.csv")
    assert str(info.value) == (
        f"{tmp_path / 'same.csv'}: --decisions and --labels name the same file "
        "(give each its own file)"
    )
    with pytest.raises(InputError, match="--labels and FILE name the same file"):
        open_session(queue, scored, tmp_path / "d.csv")


def test_a_decision_whose_labels_row_was_not_written_is_restored(tmp_path, scored) -> None:
    """A run killed between its two writes: the decision is there, the labels row not."""
    (tmp_path / "decisions.csv").write_text(
        f"id,action,stance,tone,decided_at\nc2,reject,against,abusive,{CLOCK}\nc5,skip,,,{CLOCK}\n"
    )
    session = _session(tmp_path, scored)
    assert session.restored == 1
    assert (tmp_path / "mine.csv").read_text() == (
        f'id,text,target,stance,tone,article\nc2,"{ABUSE}",,against,abusive,ring-road\n'
    )
    assert session.counts() == {"open": 4, "skip": 1, "approve": 0, "reject": 1, "before": 0}
    assert _session(tmp_path, scored).restored == 0  # and only once


def test_decisions_of_another_queue_are_left_alone(tmp_path, scored) -> None:
    (tmp_path / "decisions.csv").write_text(
        f"id,action,stance,tone,decided_at\nz9,approve,,,{CLOCK}\n"
    )
    session = _session(tmp_path, scored)
    assert session.restored == 0 and session.state()["can_undo"] is False
    with pytest.raises(InputError, match="nothing to undo"):
        session.undo()


# ---- a real server: first line, kill -9, restart --------------------------------------


def start_server(repo_root: Path, cwd: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`stance review ARGS --port 0 --no-open` in a subprocess; its first stdout line."""
    env = {**os.environ, "PYTHONPATH": str(repo_root / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "stance", "review", *args, "--port", "0", "--no-open"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline().strip()
    if not line:
        proc.kill()
        pytest.fail(f"stance review printed no address: {proc.stderr.read()}")
    return proc, line


def _post(url: str, path: str, body: dict) -> tuple[int, dict]:
    base, token = url.split("/?token=")
    req = urllib.request.Request(
        f"{base}/api/{path}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Stance-Token": token},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _get_state(url: str) -> dict:
    base, token = url.split("/?token=")
    with urllib.request.urlopen(f"{base}/api/state?token={token}", timeout=30) as res:
        return json.loads(res.read())


def test_a_server_killed_and_started_again_loses_and_doubles_nothing(
    repo_root, tmp_path, scored
) -> None:
    args = (str(scored), "--labels", "mine.csv", "--decisions", "d.csv")
    proc, url = start_server(repo_root, tmp_path, *args)
    try:
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        assert len(url.split("token=")[1]) >= 32
        for rid in ("c4", "c3", "c6"):
            assert _post(url, "decide", {"id": rid, "action": "approve", "tone": "civil"})[0] == 200
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    proc, url = start_server(repo_root, tmp_path, *args)
    try:
        state = _get_state(url)
        assert state["done"] == 3 and state["current"]["id"] == "c5"
        status, body = _post(url, "decide", {"id": "c6", "action": "reject"})
        assert status == 409
        assert body == {"error": "comment 'c6' is already decided (approve) (undo it first)"}
        assert _post(url, "decide", {"id": "c5", "action": "reject", "tone": "uncivil"})[0] == 200
        assert _post(url, "undo", {})[1]["undone"]["id"] == "c5"
        assert _post(url, "decide", {"id": "c5", "action": "approve"})[0] == 200
        assert _post(url, "decide", {"id": "c2", "action": "reject"})[0] == 200
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    labels = read_labels(tmp_path / "mine.csv")
    assert list(labels["id"]) == ["c4", "c3", "c6", "c5", "c2"]
    decisions = pd.read_csv(tmp_path / "d.csv", dtype=str, keep_default_na=False)
    assert list(decisions.columns) == list(DECISION_COLUMNS)
    assert list(decisions["id"]) == ["c4", "c3", "c6", "c5", "c2"]
    assert list(decisions["action"]) == ["approve"] * 4 + ["reject"]
    result = runner.invoke(app, ["labels", "check", str(tmp_path / "mine.csv")])
    assert result.exit_code == 0, result.output
    assert list(pd.read_csv(tmp_path / "mine.csv").columns) == list(LABEL_COLUMNS)


# ---- the CLI ------------------------------------------------------------------------


def test_without_the_extra_the_command_is_one_line_naming_it(scored, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import fails as if absent
    res = runner.invoke(app, ["review", str(scored), "--no-open"])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [f"stance: error: {NO_WEB}"]
    assert NO_WEB == (
        "stance review needs starlette and uvicorn: pip install 'stance-moderation[review]'"
    )


def test_nothing_in_the_default_install_imports_the_web_stack(repo_root) -> None:
    code = (
        "import sys, stance, stance.cli, stance.review, stance.review.server;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')))"
    )
    env = {**os.environ, "PYTHONPATH": str(repo_root / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_cli_prints_the_address_first_and_opens_it(scored, tmp_path, monkeypatch) -> None:
    from stance.review import server

    opened, served = [], []
    monkeypatch.setattr("webbrowser.open", opened.append)

    def serve(self) -> None:
        served.append(self.url)
        self.sock.close()

    monkeypatch.setattr(server.ReviewServer, "serve", serve)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["review", str(scored), "--port", "0"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == opened[0] == served[0]
    assert lines[0].startswith("http://127.0.0.1:")
    assert res.stderr.splitlines() == [
        f"stance: reviewing 6 comments from {scored} (6 open, 0 skipped); labels -> "
        "mine/labels.csv, decisions -> mine/labels-decisions.csv; Ctrl-C to stop",
        "stance: review stopped: 0 approved, 0 rejected, 0 skipped, 6 open",
    ]
    opened.clear()
    res = runner.invoke(app, ["review", str(scored), "--port", "0", "--no-open"])
    assert res.exit_code == 0 and opened == []


def test_cli_listens_on_another_interface_only_when_told(scored, tmp_path, monkeypatch) -> None:
    from stance.review import server

    bound = []

    def serve(self) -> None:
        bound.append(self.sock.getsockname()[0])
        self.sock.close()

    monkeypatch.setattr(server.ReviewServer, "serve", serve)
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, ["review", str(scored), "--port", "0", "--no-open"])
    assert res.exit_code == 0, res.output
    assert bound[0] == "127.0.0.1"
    res = runner.invoke(
        app, ["review", str(scored), "--port", "0", "--no-open", "--host", "127.0.0.2"]
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("http://127.0.0.2:")
    assert bound[1] == "127.0.0.2"


def test_cli_a_port_in_use_is_one_line(scored, tmp_path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        args = [str(scored), "--port", str(port), "--no-open", "--labels", str(tmp_path / "m.csv")]
        res = runner.invoke(app, ["review", *args])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [
        f"stance: error: cannot listen on 127.0.0.1:{port}: Address already in use (pass "
        "another --port (0 picks a free one) or --host)"
    ]


def test_cli_a_file_that_is_not_a_queue_is_one_line(tmp_path) -> None:
    path = tmp_path / "plain.csv"
    pd.DataFrame({"id": ["1"], "text": ["hello"]}).to_csv(path, index=False)
    res = runner.invoke(app, ["review", str(path), "--no-open"])
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [
        f"stance: error: {path}: neither a scored file (no 'action' column) nor a stance "
        "suggest batch (no 'suggested_stance' or 'suggested_tone' column) (score it first "
        "with stance score, or pass --model MODEL to score it now)"
    ]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory, repo_root) -> Path:
    """A small model with both heads (seconds to train)."""
    from stance.persist import save_model
    from stance.training import train
    from test_model import FAST, stance_frame

    tone = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    data = [stance_frame(), tone.groupby("tone").head(40)]
    return save_model(train(data, config=FAST), tmp_path_factory.mktemp("m") / "small")


def test_with_a_model_any_table_is_scored_on_the_fly(model_dir, tmp_path) -> None:
    from stance.score.scorer import load_scorer

    texts = ["Hun Sen is a dictator, you idiot", "the weather is nice today", ""]
    path = tmp_path / "comments.csv"
    pd.DataFrame({"id": ["k1", "k2", "k3"], "text": texts}).to_csv(path, index=False)
    queue = load_queue(path, model=model_dir)
    assert queue.kind == "scored" and [i.id for i in queue.items] == ["k1", "k2"]
    scored = load_scorer(model_dir, spans=True).score(texts[:2])
    for item, row in zip(queue.items, scored.to_dict("records"), strict=True):
        assert item.action == row["action"] and item.reasons == row["reasons"]
        assert item.suggested["tone"].label == row["tone"]
        assert item.suggested["tone"].probs["civil"] == round(row["tone_p_civil"], 4)
        assert item.spans == [tuple(s) for s in json.loads(row["tone_spans"])]
