"""Moderation policy: thresholds on a model's probabilities -> approve / review / reject.

A policy is a small TOML file, kept beside the model (`models/NAME/policy.toml`) and
swappable with `--policy FILE`; it only reads the probabilities the model already gives,
so changing it never needs retraining. Rules are checked in file order and the first
one that matches decides; a comment that no rule matches gets `otherwise`.

    format_version = 1
    otherwise = "approve"

    [[rule]]
    action = "reject"          # approve | review | reject
    head = "tone"              # a head of the model: tone | stance
    labels = ["abusive"]       # the rule reads the sum of these labels' probabilities
    min = 0.80                 # matches when that sum >= min (and < max, if given)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stance.errors import ConfigError

ACTIONS = ("approve", "review", "reject")
FORMAT_VERSION = 1

_DEFAULT_POLICY = """\
# Moderation policy for `stance score`: thresholds on the model's probabilities.
# Edit freely (no retraining needed) or fit one on labelled data with
# `stance policy fit MODEL FILE --reject-precision 0.95 -o policy.toml`.
# Rules are checked in order; the first that matches decides the action.
# A rule reads the summed probability of `labels` in `head` and matches when it is
# >= `min` (and < `max`, when given). No rule matched -> `otherwise`.
format_version = 1
otherwise = "approve"

[[rule]]
action = "reject"
head = "tone"
labels = ["abusive"]
min = 0.80

[[rule]]
action = "review"
head = "tone"
labels = ["abusive"]
min = 0.40

[[rule]]
action = "review"
head = "tone"
labels = ["uncivil", "abusive"]
min = 0.60

# Stance rules work the same way, for example to route confident opposition to a person:
# [[rule]]
# action = "review"
# head = "stance"
# labels = ["against"]
# min = 0.90
"""


def default_policy_text() -> str:
    """Return the TOML text of the default policy shipped with every saved model."""
    return _DEFAULT_POLICY


@dataclass(frozen=True)
class Rule:
    """One threshold rule: `action` when sum(P(labels of head)) is in [min, max)."""

    action: str
    head: str
    labels: tuple[str, ...]
    min: float = 0.0
    max: float | None = None

    def describe(self, value: float) -> str:
        """A human reason, e.g. `tone abusive 0.91 >= 0.80`."""
        what = f"{self.head} {'+'.join(self.labels)} {value:.2f}"
        parts = [f">= {self.min:.2f}"] if self.min > 0 else []
        if self.max is not None:
            parts.append(f"< {self.max:.2f}")
        return f"{what} {' and '.join(parts) or '>= 0'}"

    def columns(self) -> list[str]:
        return [f"{self.head}_p_{label}" for label in self.labels]


@dataclass
class Policy:
    """An ordered list of rules and a fallback action."""

    rules: list[Rule]
    otherwise: str = "approve"
    source: str = "<default policy>"
    warnings: list[str] = field(default_factory=list)

    def check(self, labels: Mapping[str, Sequence[str]]) -> list[str]:
        """Validate against a model's label vocabularies (head -> labels).

        A label the model's head lacks is a ConfigError; a rule on a head the model does
        not have is skipped by `decide` and reported here as a warning.
        """
        warnings = []
        for i, rule in enumerate(self.rules, 1):
            if rule.head not in labels:
                warnings.append(f"{self.source}: rule {i} reads head {rule.head!r}, which "
                                f"the model lacks; the rule is skipped")
                continue
            unknown = [lab for lab in rule.labels if lab not in labels[rule.head]]
            if unknown:
                raise ConfigError(
                    f"rule {i}: unknown {rule.head} label(s) {', '.join(map(repr, unknown))}",
                    path=self.source,
                    fix=f"use one of: {', '.join(labels[rule.head])}")
        return warnings

    def match(self, probs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """Index of the rule that decides each row (-1: `otherwise`) and the value it read.

        Rules whose head is absent from the frame are skipped (see `check`); rows whose
        probabilities are missing (NaN, e.g. rows with errors) match no rule.
        """
        n = len(probs)
        which = np.full(n, -1, dtype=np.int64)
        value = np.full(n, np.nan)
        for i, rule in enumerate(self.rules):
            cols = rule.columns()
            present = [c in probs.columns for c in cols]
            if not any(present):
                continue
            if not all(present):
                missing = [c for c, ok in zip(cols, present, strict=True) if not ok]
                raise ConfigError(f"the scores lack column(s) {', '.join(missing)}",
                                  path=self.source, fix="use the model's label names")
            values = probs[cols].to_numpy(dtype=float).sum(axis=1)
            hit = (which < 0) & (values >= rule.min) & ~np.isnan(values)
            if rule.max is not None:
                hit &= values < rule.max
            which[hit] = i
            value[hit] = values[hit]
        return which, value

    def decide(self, probs: pd.DataFrame) -> tuple[list[str], list[str]]:
        """Map a frame with `<head>_p_<label>` columns to (actions, reasons), row by row.

        A rule's reason reads like `tone abusive 0.91 >= 0.80`; no match gives
        `otherwise` with the reason `no rule matched`.
        """
        which, value = self.match(probs)
        actions = [self.rules[w].action if w >= 0 else self.otherwise for w in which]
        reasons = [self.rules[w].describe(v) if w >= 0 else "no rule matched"
                   for w, v in zip(which, value, strict=True)]
        return actions, reasons

    def to_toml(self, header: str = "") -> str:
        """Serialise to TOML text that `parse_policy` reads back to an equal policy."""
        lines = [f"# {line}" if line else "#" for line in header.splitlines()]
        lines += [f"format_version = {FORMAT_VERSION}", f'otherwise = "{self.otherwise}"']
        for rule in self.rules:
            labels = ", ".join(f'"{lab}"' for lab in rule.labels)
            lines += ["", "[[rule]]", f'action = "{rule.action}"', f'head = "{rule.head}"',
                      f"labels = [{labels}]", f"min = {rule.min!r}"]
            if rule.max is not None:
                lines.append(f"max = {rule.max!r}")
        return "\n".join(lines) + "\n"


def _fail(source: str, message: str, fix: str) -> ConfigError:
    return ConfigError(message, path=source, fix=fix)


def _threshold(value: Any, source: str, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(source, f"{where}: {key} must be a number, got {value!r}",
                    f"write e.g. {key} = 0.8")
    if not 0.0 <= float(value) <= 1.0:
        raise _fail(source, f"{where}: {key} = {value} is outside 0..1",
                    "probability thresholds lie between 0 and 1")
    return float(value)


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    """Parse policy TOML text; a malformed policy raises ConfigError naming the fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not valid TOML ({exc})", "fix the syntax; see "
                    "`stance.policy.default_policy_text()` for an example") from None
    known = {"format_version", "otherwise", "rule"}
    extra = sorted(set(data) - known)
    if extra:
        raise _fail(source, f"unknown key(s) {', '.join(extra)}",
                    f"allowed top-level keys: {', '.join(sorted(known))}")
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise _fail(source, f"format_version {version!r} is not supported",
                    f"write format_version = {FORMAT_VERSION}")
    otherwise = data.get("otherwise", "approve")
    if otherwise not in ACTIONS:
        raise _fail(source, f"otherwise = {otherwise!r} is not an action",
                    f"use one of: {', '.join(ACTIONS)}")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise _fail(source, "`rule` must be an array of tables", "write each rule as [[rule]]")
    rules = []
    for i, raw in enumerate(raw_rules, 1):
        where = f"rule {i}"
        allowed = {"action", "head", "labels", "label", "min", "max"}
        extra = sorted(set(raw) - allowed)
        if extra:
            raise _fail(source, f"{where}: unknown key(s) {', '.join(extra)}",
                        f"a rule has keys: {', '.join(sorted(allowed - {'label'}))}")
        action = raw.get("action")
        if action not in ACTIONS:
            raise _fail(source, f"{where}: action = {action!r} is not an action",
                        f"use one of: {', '.join(ACTIONS)}")
        head = raw.get("head")
        if not isinstance(head, str) or not head:
            raise _fail(source, f"{where}: missing head", 'write e.g. head = "tone"')
        labels = raw.get("labels", [raw["label"]] if "label" in raw else None)
        if (not isinstance(labels, list) or not labels
                or not all(isinstance(lab, str) and lab for lab in labels)):
            raise _fail(source, f"{where}: labels must be a non-empty list of label names",
                        'write e.g. labels = ["abusive"]')
        if "min" not in raw and "max" not in raw:
            raise _fail(source, f"{where}: no threshold", "give min = ... and/or max = ...")
        lo = _threshold(raw.get("min", 0.0), source, where, "min")
        hi = _threshold(raw["max"], source, where, "max") if "max" in raw else None
        if hi is not None and hi <= lo:
            raise _fail(source, f"{where}: max {hi} <= min {lo}", "max must exceed min")
        rules.append(Rule(action, head, tuple(labels), lo, hi))
    return Policy(rules=rules, otherwise=otherwise, source=source)


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy TOML file (ConfigError names the file and the fix)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("no such policy file", path=p,
                          fix="check the path, or omit --policy for the model's own") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read policy ({exc})", path=p,
                          fix="give a UTF-8 TOML file") from None
    return parse_policy(text, source=str(p))


def default_policy() -> Policy:
    """The default policy as an object."""
    return parse_policy(_DEFAULT_POLICY, source="<default policy>")
