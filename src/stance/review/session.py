"""A review session: the queue, what has been decided, and the one place decisions and
undos happen (the web page only calls these).

A comment is *done* once the labels file has its row: approved or rejected here (the
row carries the stance and tone the moderator set, blank when none was), or labelled
before the review started. A skipped comment is written to the decisions file only and
comes back after every open comment, the longest-skipped first. Undo takes back the last
decision of this queue's comments in the decisions file, whichever run took it.

Each decision is written to the decisions file first, then to the labels file; undo
removes the labels row first, then the decision. So a run killed between the two writes
leaves an approve or reject without its labels row, never the reverse, and the next
start writes the missing row (`restored`): nothing is lost and nothing is doubled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stance.errors import InputError
from stance.labels import Schema
from stance.review.queue import ORDERS, Item, Queue
from stance.review.store import CsvLog, decisions_log, labels_log

#: What a moderator can decide about a comment.
ACTIONS = ("approve", "reject", "skip")
#: The decisions that write a labels row.
LABELLING = ("approve", "reject")


class ReviewConflict(InputError):
    """A decision that cannot be taken now: the comment is already decided, or there is
    nothing to undo."""


def utc_now() -> str:
    """The time of a decision: UTC, ISO 8601, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class _Status:
    """Where a comment stands: "open", "skip", "approve", "reject" or "before" (the labels
    file had it when the review started)."""

    state: str = "open"
    seq: int = 0  # the decisions row that skipped it last (the oldest skip comes back first)
    stance: str = ""
    tone: str = ""


@dataclass
class ReviewSession:
    """A queue and the labels and decisions files it is worked into."""

    queue: Queue
    labels: CsvLog
    decisions: CsvLog
    schema: Schema
    clock: Callable[[], str] = utc_now
    restored: int = 0  # labels rows written at start for decisions a killed run left
    status: dict[str, _Status] = field(default_factory=dict)
    pinned: str | None = None  # the comment an undo brought back: shown next
    lock: threading.Lock = field(default_factory=threading.Lock)
    log: list[dict[str, str]] = field(default_factory=list)  # the decisions file's rows

    def __post_init__(self) -> None:
        self.by_id = {item.id: item for item in self.queue.items}
        self.by_key = {item.key: item for item in self.queue.items}
        self.status = {item.key: _Status() for item in self.queue.items}
        self._load()

    def _load(self) -> None:
        self.log = self.decisions.rows()
        for seq, row in enumerate(self.log, start=1):
            key = row.get("id", "").strip()
            if key in self.status and row.get("action") in ACTIONS:
                self.status[key] = _Status(row["action"], seq, row["stance"], row["tone"])
        labelled = {r.get("id", "").strip() for r in self.labels.rows()}
        missing = []
        for key, st in self.status.items():
            if key in labelled and st.state not in LABELLING:
                st.state = "before"
            elif key not in labelled and st.state in LABELLING:
                missing.append(self._label_row(self.by_key[key], st.stance, st.tone))
        if missing:
            self.labels.append(missing)
            self.restored = len(missing)

    # ---- what the page shows --------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Comments per state (open, skip, approve, reject, before)."""
        out = dict.fromkeys(("open", "skip", "approve", "reject", "before"), 0)
        for st in self.status.values():
            out[st.state] += 1
        return out

    def current(self, order: str) -> Item | None:
        """The comment to show next: one an undo brought back, else the first open one
        in `order`, else the one skipped longest ago; None when all are done."""
        if self.pinned is not None and self.status[self.pinned].state in ("open", "skip"):
            return self.by_key[self.pinned]
        items = self.queue.items
        for i in self.queue.order(order):
            if self.status[items[i].key].state == "open":
                return items[i]
        skipped = [(st.seq, key) for key, st in self.status.items() if st.state == "skip"]
        return self.by_key[min(skipped)[1]] if skipped else None

    def state(self, order: str = "review") -> dict[str, Any]:
        """Everything the page shows: the counts, the labels and the current comment."""
        with self.lock:
            return self._state(order)

    def _state(self, order: str) -> dict[str, Any]:
        if order not in ORDERS:
            raise InputError(f"unknown order {order!r}", fix=f"use one of: {', '.join(ORDERS)}")
        counts = self.counts()
        item = self.current(order)
        return {
            "source": Path(self.queue.path).name,
            "kind": self.queue.kind,
            "order": order,
            "total": len(self.queue.items),
            "done": counts["approve"] + counts["reject"] + counts["before"],
            "counts": counts,
            "labels": {"stance": list(self.schema.stance), "tone": list(self.schema.tone)},
            "current": None if item is None else self._shown(item),
            "can_undo": self._last_decision() is not None,
        }

    def _shown(self, item: Item) -> dict[str, Any]:
        """An item as the page shows it, with the labels set when it was skipped."""
        st = self.status[item.key]
        return {**item.to_json(), "chosen": {"stance": st.stance, "tone": st.tone}}

    # ---- decisions --------------------------------------------------------------------

    def decide(
        self, rid: str, action: str, stance: str = "", tone: str = "", order: str = "review"
    ) -> dict[str, Any]:
        """Record a decision about the comment `rid`; return the new state."""
        with self.lock:
            item = self._check(rid, action, stance, tone)
            st = self.status[item.key]
            if st.state in (*LABELLING, "before"):
                raise ReviewConflict(
                    f"comment '{rid}' is already decided ({st.state})", fix="undo it first"
                )
            decision = {
                "id": item.id,
                "action": action,
                "stance": stance,
                "tone": tone,
                "decided_at": self.clock(),
            }
            _write(self.decisions, decision)  # first: see the module's docstring
            if action in LABELLING:
                try:
                    _write(self.labels, self._label_row(item, stance, tone))
                except InputError:
                    self.decisions.drop_last("id", item.key)  # as if never taken
                    raise
            self.log.append({**decision, "id": item.key})
            self.status[item.key] = _Status(action, len(self.log), stance, tone)
            if self.pinned == item.key:
                self.pinned = None
            return self._state(order)

    def undo(self, order: str = "review") -> dict[str, Any]:
        """Take back the last decision about one of this queue's comments; return the new
        state, with `undone` (the decision taken back)."""
        with self.lock:
            last = self._last_decision()
            if last is None:
                raise ReviewConflict("nothing to undo", fix="decide a comment first")
            key = last["id"].strip()
            if last["action"] in LABELLING:
                self.labels.drop_last("id", key)  # first: see the module's docstring
            self.decisions.drop_last("id", key)
            self.log.pop()
            self.status[key] = self._previous(key)
            self.pinned = key
            state = self._state(order)
            item = self.by_key[key]
            state["undone"] = {
                "id": item.id,
                "action": last["action"],
                "stance": last.get("stance", ""),
                "tone": last.get("tone", ""),
            }
            return state

    def _check(self, rid: str, action: str, stance: str, tone: str) -> Item:
        item = self.by_id.get(rid)
        if item is None:
            raise InputError(f"no comment '{rid}' in the queue", fix="reload the page")
        if action not in ACTIONS:
            raise InputError(f"unknown action {action!r}", fix=f"use one of: {', '.join(ACTIONS)}")
        for head, value in (("stance", stance), ("tone", tone)):
            allowed = self.schema.labels(head)
            if value and value not in allowed:
                raise InputError(
                    f"unknown {head} {value!r}", fix=f"use one of: {', '.join(allowed)} or none"
                )
        return item

    def _last_decision(self) -> dict[str, str] | None:
        """The decisions file's last row when it is about a comment of this queue (and
        not one labelled outside the review since: taking its skip back would open it
        again, and a second labels row would double it)."""
        if not self.log:
            return None
        st = self.status.get(self.log[-1].get("id", "").strip())
        return self.log[-1] if st is not None and st.state != "before" else None

    def _previous(self, key: str) -> _Status:
        """A comment's status from the decisions left (after an undo)."""
        for seq in range(len(self.log), 0, -1):
            row = self.log[seq - 1]
            if row.get("id", "").strip() == key and row.get("action") in ACTIONS:
                return _Status(row["action"], seq, row["stance"], row["tone"])
        return _Status()

    def _label_row(self, item: Item, stance: str, tone: str) -> dict[str, str]:
        """The labels row of a decision: the target only with a stance (a target without
        stance rows is an error in a labelling file)."""
        return {
            "id": item.id,
            "text": item.text,
            "target": item.target if stance else "",
            "stance": stance,
            "tone": tone,
            "article": item.context.get("article", ""),
        }


def _write(log: CsvLog, row: dict[str, str]) -> None:
    """Append one row; a full disk or a file made read-only is one InputError."""
    try:
        log.append([row])
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}",
            path=log.path,
            fix="free disk space or fix the file's permissions, then decide again",
        ) from None


def open_session(
    queue: Queue,
    labels: str | Path,
    decisions: str | Path,
    schema: Schema | None = None,
    clock: Callable[[], str] = utc_now,
) -> ReviewSession:
    """A session over `queue` writing to the labels and decisions files (both CSV; an
    existing labels file must pass `stance labels check`)."""
    paths = {"FILE": Path(queue.path), "--labels": Path(labels), "--decisions": Path(decisions)}
    resolved: dict[Path, str] = {}
    for option, p in paths.items():
        other = resolved.get(p.resolve())
        if other is not None:
            raise InputError(
                f"{option} and {other} name the same file", path=p, fix="give each its own file"
            )
        resolved[p.resolve()] = option
    schema = schema or Schema()
    return ReviewSession(queue, labels_log(labels, schema), decisions_log(decisions), schema, clock)
