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
from typing import TYPE_CHECKING, Any

import numpy as np

from stance.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd

ACTIONS = ("approve", "review", "reject")
POLICY_FORMAT = 1

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
        return self.describe_many([value])[0]

    def describe_many(self, values: Sequence[float]) -> list[str]:
        """`describe` of each value (one pass for a batch of rows).

        Two decimals, or as many more as it takes for a value to print apart from the
        `max` it is below (0.048 < 0.050, not 0.05 < 0.05); the thresholds are printed
        to the same precision as the value.
        """
        what = f"{self.head} {'+'.join(self.labels)}"
        cond = self.condition(2)
        if self.max is None:
            return [f"{what} {v:.2f} {cond}" for v in values]
        top = f"{self.max:.2f}"
        out = []
        for v in values:
            shown = f"{v:.2f}"
            if shown != top or v == self.max:
                out.append(f"{what} {shown} {cond}")
                continue
            digits = 3
            while digits < 20 and f"{v:.{digits}f}" == f"{self.max:.{digits}f}":
                digits += 1
            out.append(f"{what} {v:.{digits}f} {self.condition(digits)}")
        return out

    def condition(self, digits: int = 2) -> str:
        """The rule's test, e.g. `>= 0.40 and < 0.80`, to `digits` decimals."""
        parts = [f">= {self.min:.{digits}f}"] if self.min > 0 else []
        if self.max is not None:
            parts.append(f"< {self.max:.{digits}f}")
        return " and ".join(parts) or ">= 0"

    def columns(self) -> list[str]:
        return [f"{self.head}_p_{label}" for label in self.labels]


@dataclass(frozen=True)
class Decision:
    """What a policy decided for each row (`Policy.decide`)."""

    rule: np.ndarray  # index of the deciding rule; -1: none matched (`otherwise`)
    value: np.ndarray  # the summed probability that rule read (NaN: none matched)
    actions: np.ndarray  # the action, as an object array of str
    reasons: np.ndarray  # `tone abusive 0.91 >= 0.80`, or `no rule matched`


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
                warnings.append(
                    f"{self.source}: rule {i} reads head {rule.head!r}, which "
                    f"the model lacks; the rule is skipped"
                )
                continue
            unknown = [lab for lab in rule.labels if lab not in labels[rule.head]]
            if unknown:
                raise ConfigError(
                    f"rule {i}: unknown {rule.head} label(s) {', '.join(map(repr, unknown))}",
                    path=self.source,
                    fix=f"use one of: {', '.join(labels[rule.head])}",
                )
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
                raise ConfigError(
                    f"the scores lack column(s) {', '.join(missing)}",
                    path=self.source,
                    fix="use the model's label names",
                )
            values = probs[cols].to_numpy(dtype=float).sum(axis=1)
            hit = (which < 0) & (values >= rule.min) & ~np.isnan(values)
            if rule.max is not None:
                hit &= values < rule.max
            which[hit] = i
            value[hit] = values[hit]
        return which, value

    def decide(self, probs: pd.DataFrame) -> Decision:
        """Map a frame with `<head>_p_<label>` columns to each row's action and reason.

        A rule's reason reads like `tone abusive 0.91 >= 0.80`; no match gives
        `otherwise` with the reason `no rule matched`.
        """
        rule, value = self.match(probs)
        actions = np.array([r.action for r in self.rules] + [self.otherwise], dtype=object)
        reasons = np.full(len(rule), "no rule matched", dtype=object)
        for i in np.unique(rule[rule >= 0]).tolist():  # rows grouped by their rule
            rows = np.flatnonzero(rule == i)
            reasons[rows] = self.rules[i].describe_many(value[rows].tolist())
        return Decision(rule, value, actions[rule], reasons)  # rule -1 picks `otherwise`

    def to_toml(self, header: str = "") -> str:
        """Serialise to TOML text that `parse_policy` reads back to an equal policy."""
        lines = [f"# {line}" if line else "#" for line in header.splitlines()]
        lines += [f"format_version = {POLICY_FORMAT}", f'otherwise = "{self.otherwise}"']
        for rule in self.rules:
            labels = ", ".join(f'"{lab}"' for lab in rule.labels)
            lines += [
                "",
                "[[rule]]",
                f'action = "{rule.action}"',
                f'head = "{rule.head}"',
                f"labels = [{labels}]",
                f"min = {rule.min!r}",
            ]
            if rule.max is not None:
                lines.append(f"max = {rule.max!r}")
        return "\n".join(lines) + "\n"


def _fail(source: str, message: str, fix: str) -> ConfigError:
    return ConfigError(message, path=source, fix=fix)


def _threshold(value: Any, source: str, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(
            source, f"{where}: {key} must be a number, got {value!r}", f"write e.g. {key} = 0.8"
        )
    if not 0.0 <= float(value) <= 1.0:
        raise _fail(
            source,
            f"{where}: {key} = {value} is outside 0..1",
            "probability thresholds lie between 0 and 1",
        )
    return float(value)


def parse_policy(text: str, source: str = "<policy>") -> Policy:
    """Parse policy TOML text; a malformed policy raises ConfigError naming the fix."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(
            source,
            f"not valid TOML ({exc})",
            "fix the syntax; see `stance.policy.default_policy_text()` for an example",
        ) from None
    known = {"format_version", "otherwise", "rule"}
    _known_keys(data, known, source, "", f"allowed top-level keys: {', '.join(sorted(known))}")
    version = data.get("format_version", POLICY_FORMAT)
    if version != POLICY_FORMAT:
        raise _fail(
            source,
            f"format_version {version!r} is not supported",
            f"write format_version = {POLICY_FORMAT}",
        )
    otherwise = _action(data.get("otherwise", "approve"), source, "otherwise")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise _fail(source, "`rule` must be an array of tables", "write each rule as [[rule]]")
    rules = [_parse_rule(raw, f"rule {i}", source) for i, raw in enumerate(raw_rules, 1)]
    return Policy(rules=rules, otherwise=otherwise, source=source)


def _known_keys(
    data: Mapping[str, Any], allowed: set[str], source: str, where: str, fix: str
) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise _fail(source, f"{where}unknown key(s) {', '.join(extra)}", fix)


def _action(value: Any, source: str, where: str) -> str:
    if value not in ACTIONS:
        raise _fail(
            source, f"{where} = {value!r} is not an action", f"use one of: {', '.join(ACTIONS)}"
        )
    return str(value)


def _parse_rule(raw: Mapping[str, Any], where: str, source: str) -> Rule:
    allowed = {"action", "head", "labels", "label", "min", "max"}
    fix = f"a rule has keys: {', '.join(sorted(allowed - {'label'}))}"
    _known_keys(raw, allowed, source, f"{where}: ", fix)
    action = _action(raw.get("action"), source, f"{where}: action")
    head = raw.get("head")
    if not isinstance(head, str) or not head:
        raise _fail(source, f"{where}: missing head", 'write e.g. head = "tone"')
    labels = raw.get("labels", [raw["label"]] if "label" in raw else None)
    if (
        not isinstance(labels, list)
        or not labels
        or not all(isinstance(lab, str) and lab for lab in labels)
    ):
        raise _fail(
            source,
            f"{where}: labels must be a non-empty list of label names",
            'write e.g. labels = ["abusive"]',
        )
    if "min" not in raw and "max" not in raw:
        raise _fail(source, f"{where}: no threshold", "give min = ... and/or max = ...")
    lo = _threshold(raw.get("min", 0.0), source, where, "min")
    hi = _threshold(raw["max"], source, where, "max") if "max" in raw else None
    if hi is not None and hi <= lo:
        raise _fail(source, f"{where}: max {hi} <= min {lo}", "max must exceed min")
    return Rule(action, head, tuple(labels), lo, hi)


def load_policy(path: str | Path) -> Policy:
    """Read and validate a policy TOML file (ConfigError names the file and the fix)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "no such policy file",
            path=p,
            fix="check the path, or omit --policy for the model's own",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read policy ({exc})", path=p, fix="give a UTF-8 TOML file"
        ) from None
    return parse_policy(text, source=str(p))


def default_policy() -> Policy:
    """The default policy as an object."""
    return parse_policy(_DEFAULT_POLICY, source="<default policy>")


# ---- fitting thresholds on labelled data ---------------------------------------------------
# (on probabilities; `stance.score.fit_policy` gets them from a model and a labelled file)


@dataclass
class PolicyFit:
    """A fitted policy and what it does on the data it was fitted on."""

    policy: Policy
    rows: int
    source: str  # "held-out" | "cross-validated (k folds)"
    shares: dict[str, float]  # action -> share of rows
    achieved: dict[str, float]  # "reject_precision" / "approve_precision" / "approve_npv"
    warnings: list[str]
    kept: list[Rule] = field(default_factory=list)  # the base policy's rules, kept as they are
    base: str | None = None  # the base policy's source


def rows_needed(bound: float) -> tuple[float, float]:
    """Rows a precision bound must rest on: (to be measured at all, to be trusted).

    A share measured on n rows tells `bound` apart from 1 only when one wrong row moves
    it below the bound: n >= 1 / (1 - bound), 20 rows for 0.95. To trust it, the rule of
    three: n rows without a wrong one put the error rate under 3 / n with 95% confidence,
    so n >= 3 / (1 - bound), 60 rows for 0.95. No number of rows shows a bound of 1.
    """
    if bound >= 1:
        return np.inf, np.inf
    return float(np.ceil(round(1 / (1 - bound), 9))), float(np.ceil(round(3 / (1 - bound), 9)))


def _lowest_threshold(score: np.ndarray, good: np.ndarray, bound: float) -> float | None:
    """Lowest t such that the rows with score >= t have a share of `good` >= bound.

    Ties are kept together (a threshold cannot split equal scores). None if no t works.
    """
    order = np.argsort(-score, kind="stable")
    s, g = score[order], good[order].astype(float)
    share = np.cumsum(g) / np.arange(1, len(g) + 1)
    last_of_tie = np.r_[s[1:] != s[:-1], True]
    ok = np.flatnonzero(last_of_tie & (share >= bound))
    return None if not len(ok) else float(s[ok[-1]])


@dataclass
class _Bound:
    """Rule `action` (None: no threshold meets the bound) keeps the share of `good` rows
    among those it takes (its precision, or NPV) >= `bound`; `what`: the good rows."""

    rule: Rule | None
    key: str  # "reject_precision" | "approve_precision" | "approve_npv"
    bound: float
    good: np.ndarray
    what: str

    def warning(self, taken: np.ndarray | None = None) -> str | None:
        """No threshold (taken None), or too few rows taken to trust the share measured on
        them: the warning, with the rows a bound needs (`rows_needed`)."""
        action, name = self.key.split("_")[0], "NPV" if self.key.endswith("npv") else "precision"
        a_name = f"an {name}" if name == "NPV" else f"a {name}"
        need, trust = rows_needed(self.bound)
        if taken is None:
            k, past = int(self.good.sum()), {"reject": "rejected", "approve": "approved"}[action]
            few = (
                f" (only {k} of its {len(self.good)} rows are {self.what}; {a_name} of "
                f"{self.bound} rests on {need:.0f} {past} rows at least)"
                if k < need < np.inf
                else ""
            )
            return (
                f"no threshold {action}s with {name} >= {self.bound} on this data{few}; "
                f"no {action} rule"
            )
        n = int(taken.sum())
        if n >= trust:
            return None
        got = f"the {action} rule's {name} ({self.good[taken].mean():.3f} >= {self.bound}) "
        got += f"rests on the {n} rows it {action}s"
        if np.isinf(need):
            return f"{got}; no number of rows shows {a_name} of 1: ask for less"
        return (
            f"{got}; {a_name} of {self.bound} needs at least {need:.0f} such rows to be "
            f"measured, {trust:.0f} to be trusted: fit on more labelled rows"
        )


def fit_thresholds(
    probs: pd.DataFrame,
    truth: Sequence[str],
    *,
    head: str = "tone",
    reject_labels: Sequence[str] = ("abusive",),
    reject_precision: float | None = 0.95,
    approve_labels: Sequence[str] = ("civil",),
    approve_precision: float | None = None,
    approve_npv: float | None = None,
    source: str = "held-out",
    base: Policy | None = None,
) -> PolicyFit:
    """Pick thresholds on probabilities (`<head>_p_<label>` columns) and true labels.

    reject: P(reject_labels) >= t, the lowest t whose rejections are truly in
    reject_labels at a share >= reject_precision. approve (one of): P(approve_labels) >= t
    with approvals truly in approve_labels at >= approve_precision; or
    P(reject_labels) < t with approvals truly outside reject_labels at >= approve_npv.
    The fitted rules replace `base`'s rules of their action on `head`; its other rules
    (review rules, other heads) are kept, after the reject rule and before the approve
    rule. Rows no rule takes are reviewed when an approve bound is given, else they get
    `base`'s `otherwise` (approve without a base). Warnings: a bound no threshold meets,
    a share measured on fewer rows than `rows_needed`, one action for every row.
    """
    if approve_precision is not None and approve_npv is not None:
        raise ConfigError(
            "give one of --approve-precision and --approve-npv",
            path="<options>",
            fix="drop one of them",
        )
    truth_arr = np.asarray(truth, dtype=object)
    bad, p_bad = np.isin(truth_arr, list(reject_labels)), _summed(probs, head, reject_labels)
    rejected, approved = "+".join(reject_labels), "+".join(approve_labels)
    bounds = []
    if reject_precision is not None:
        t = _lowest_threshold(p_bad, bad, reject_precision)
        rule = None if t is None else Rule("reject", head, tuple(reject_labels), t)
        bounds.append(_Bound(rule, "reject_precision", reject_precision, bad, rejected))
    if approve_precision is not None:
        good = np.isin(truth_arr, list(approve_labels))
        t = _lowest_threshold(_summed(probs, head, approve_labels), good, approve_precision)
        rule = None if t is None else Rule("approve", head, tuple(approve_labels), t)
        bounds.append(_Bound(rule, "approve_precision", approve_precision, good, approved))
    elif approve_npv is not None:
        t = _lowest_threshold(-p_bad, ~bad, approve_npv)  # approve where P(bad) is low
        # p_bad <= -t  <=>  p_bad < hi; below the reject threshold (rejections come first)
        tops = [1.0] + [b.rule.min for b in bounds if b.rule]
        hi = 0.0 if t is None else min(float(np.nextafter(-t, 2.0)), *tops)
        rule = Rule("approve", head, tuple(reject_labels), 0.0, hi) if hi > 0 else None
        bounds.append(_Bound(rule, "approve_npv", approve_npv, ~bad, f"not {rejected}"))
    return _fitted_policy(probs, head, bounds, base, source)


def _fitted_policy(
    probs: pd.DataFrame, head: str, bounds: list[_Bound], base: Policy | None, source: str
) -> PolicyFit:
    """The fitted rules and the base policy's others, and what they do on `probs`."""
    replaced = {b.key.split("_")[0] for b in bounds}
    kept = [r for r in (base.rules if base else []) if r.action not in replaced or r.head != head]
    fitted = [(b.rule, b) for b in bounds if b.rule is not None]
    reject = [(r, b) for r, b in fitted if r.action == "reject"]
    rules = [r for r, _ in reject] + kept + [r for r, _ in fitted if r.action == "approve"]
    otherwise = "review" if "approve" in replaced else base.otherwise if base else "approve"
    policy = Policy(rules, otherwise=otherwise, source="<fitted policy>")
    decision = policy.decide(probs)
    warnings = [b.warning() for b in bounds if b.rule is None]
    achieved: dict[str, float] = {}
    for rule, b in fitted:  # rejections first, approvals last
        taken = decision.rule == (0 if rule.action == "reject" else len(rules) - 1)
        if taken.any():
            achieved[b.key] = float(b.good[taken].mean())
            warnings.append(b.warning(taken))
    n = len(decision.actions)
    shares = {a: float((decision.actions == a).sum()) / max(n, 1) for a in ACTIONS}
    warnings += [
        f"the fitted policy {a}s all {n} rows it was fitted on and "
        f"{' or '.join(o + 's' for o in ACTIONS if o != a)} none: fit on more labelled rows"
        for a in ACTIONS
        if n and shares[a] == 1.0
    ]
    base_source = base.source if base else None
    return PolicyFit(
        policy, n, source, shares, achieved, [w for w in warnings if w], kept, base_source
    )


def _summed(probs: pd.DataFrame, head: str, labels: Sequence[str]) -> np.ndarray:
    """sum(P(labels of head)) per row."""
    return probs[[f"{head}_p_{lab}" for lab in labels]].to_numpy(float).sum(axis=1)
