"""Moderation policy: parsing, validation errors, decisions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from stance.errors import ConfigError
from stance.policy import (
    Policy,
    Rule,
    default_policy,
    default_policy_text,
    fit_thresholds,
    load_policy,
    parse_policy,
    rows_needed,
)

LABELS = {"tone": ["abusive", "civil", "uncivil"], "stance": ["against", "favor", "none"]}


def _probs(rows: list[tuple[float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["tone_p_abusive", "tone_p_civil", "tone_p_uncivil"])


def test_default_policy_parses_and_fits_default_labels() -> None:
    policy = parse_policy(default_policy_text())
    assert [r.action for r in policy.rules] == ["reject", "review", "review"]
    assert policy.otherwise == "approve"
    assert policy.check(LABELS) == []


def test_decide_first_matching_rule_wins() -> None:
    decision = default_policy().decide(
        _probs([(0.9, 0.05, 0.05), (0.5, 0.4, 0.1), (0.1, 0.2, 0.7), (0.05, 0.9, 0.05)])
    )
    assert decision.rule.tolist() == [0, 1, 2, -1]
    assert decision.actions.tolist() == ["reject", "review", "review", "approve"]
    assert decision.reasons.tolist() == [
        "tone abusive 0.90 >= 0.80",
        "tone abusive 0.50 >= 0.40",
        "tone uncivil+abusive 0.80 >= 0.60",
        "no rule matched",
    ]


def test_nan_rows_match_no_rule_and_absent_heads_are_skipped() -> None:
    policy = parse_policy(
        default_policy_text()
        + """
[[rule]]
action = "reject"
head = "stance"
labels = ["against"]
min = 0.5
"""
    )
    assert policy.decide(_probs([(float("nan"),) * 3])).actions.tolist() == ["approve"]
    assert policy.check({"tone": LABELS["tone"]}) == [
        "<policy>: rule 4 reads head 'stance', which the model lacks; the rule is skipped"
    ]


def test_round_trip_through_toml() -> None:
    policy = Policy(
        [
            Rule("reject", "tone", ("abusive",), 0.7311),
            Rule("approve", "tone", ("abusive", "uncivil"), 0.0, 0.125),
        ],
        otherwise="review",
    )
    again = parse_policy(policy.to_toml(header="fitted\non data"))
    assert again.rules == policy.rules and again.otherwise == "review"


def test_load_policy_file(tmp_path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(default_policy_text())
    assert load_policy(path).rules == default_policy().rules
    with pytest.raises(ConfigError, match="no such policy file"):
        load_policy(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("otherwise = ", "not valid TOML"),
        (
            'otherwise = "delete"',
            "otherwise = 'delete' is not an action (use one of: approve, review, reject)",
        ),
        ("colour = 1", "unknown key(s) colour"),
        ("format_version = 2", "format_version 2 is not supported"),
        (
            '[[rule]]\naction = "hide"\nhead = "tone"\nlabels = ["abusive"]\nmin = 0.5',
            "rule 1: action = 'hide' is not an action",
        ),
        ('[[rule]]\naction = "reject"\nlabels = ["abusive"]\nmin = 0.5', "rule 1: missing head"),
        (
            '[[rule]]\naction = "reject"\nhead = "tone"\nlabels = []\nmin = 0.5',
            "labels must be a non-empty list",
        ),
        (
            '[[rule]]\naction = "reject"\nhead = "tone"\nlabels = ["abusive"]\nmin = 1.5',
            "min = 1.5 is outside 0..1",
        ),
        (
            '[[rule]]\naction = "reject"\nhead = "tone"\nlabels = ["abusive"]\nmin = "high"',
            "min must be a number",
        ),
        ('[[rule]]\naction = "reject"\nhead = "tone"\nlabels = ["abusive"]', "no threshold"),
        (
            '[[rule]]\naction = "reject"\nhead = "tone"\nlabels = ["abusive"]\n'
            "min = 0.5\nmax = 0.2",
            "max 0.2 <= min 0.5",
        ),
    ],
)
def test_malformed_policies_name_file_and_fix(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_policy(text, source="my.toml")
    assert str(info.value).startswith("my.toml: ")
    assert message in str(info.value)


def test_unknown_label_for_model_is_an_error() -> None:
    policy = parse_policy(
        '[[rule]]\naction = "reject"\nhead = "tone"\nlabels = ["toxic"]\nmin = 0.5', source="p.toml"
    )
    with pytest.raises(ConfigError) as info:
        policy.check(LABELS)
    assert str(info.value) == (
        "p.toml: rule 1: unknown tone label(s) 'toxic' (use one of: abusive, civil, uncivil)"
    )


def test_fit_thresholds_meets_bounds_and_reports_shares() -> None:
    rng = np.random.default_rng(0)
    n = 2000
    truth = rng.choice(["civil", "uncivil", "abusive"], size=n, p=[0.6, 0.3, 0.1])
    # noisy but informative probabilities
    p_ab = np.clip((truth == "abusive") * 0.5 + rng.uniform(0, 0.5, n), 0, 1)
    p_ci = np.clip((truth == "civil") * 0.5 + rng.uniform(0, 0.5, n), 0, 1) * (1 - p_ab)
    probs = pd.DataFrame(
        {"tone_p_abusive": p_ab, "tone_p_civil": p_ci, "tone_p_uncivil": 1 - p_ab - p_ci}
    )
    fit = fit_thresholds(probs, truth, reject_precision=0.9, approve_npv=0.99)
    reject, approve = fit.policy.rules
    assert (reject.action, approve.action, fit.policy.otherwise) == ("reject", "approve", "review")
    rejected = p_ab >= reject.min
    assert (truth[rejected] == "abusive").mean() >= 0.9
    # the lowest such threshold: one step lower breaks the bound or adds nothing
    lower = p_ab[p_ab < reject.min].max()
    assert (truth[p_ab >= lower] == "abusive").mean() < 0.9
    approved = (p_ab < approve.max) & ~rejected
    assert (truth[approved] != "abusive").mean() >= 0.99
    actions = fit.policy.decide(probs).actions.tolist()
    assert fit.shares == {a: actions.count(a) / n for a in ("approve", "review", "reject")}
    assert fit.achieved["reject_precision"] >= 0.9
    # round trip through the file format
    assert parse_policy(fit.policy.to_toml()).rules == fit.policy.rules


def test_fit_thresholds_unreachable_bound_warns() -> None:
    probs = pd.DataFrame(
        {"tone_p_abusive": [0.9, 0.8], "tone_p_civil": [0.1, 0.2], "tone_p_uncivil": [0.0, 0.0]}
    )
    fit = fit_thresholds(probs, ["civil", "civil"], reject_precision=0.95)
    assert fit.policy.rules == [] and fit.shares["approve"] == 1.0
    assert fit.warnings == [
        "no threshold rejects with precision >= 0.95 on this data (only 0 of its 2 rows "
        "are abusive; a precision of 0.95 rests on 20 rejected rows at least); no reject rule",
        "the fitted policy approves all 2 rows it was fitted on and reviews or rejects none: "
        "fit on more labelled rows",
    ]


# ---- issue 15 #12: no raw library warnings; thresholds that tell values apart --------------


def test_reasons_print_the_precision_that_tells_value_and_threshold_apart() -> None:
    approve = Rule("approve", "tone", ("abusive",), 0.0, 0.0501)
    assert approve.describe(0.0483) == "tone abusive 0.048 < 0.050"  # not "0.05 < 0.05"
    assert approve.describe(0.01) == "tone abusive 0.01 < 0.05"
    assert approve.describe_many([0.05009, 0.02]) == [
        "tone abusive 0.05009 < 0.05010",
        "tone abusive 0.02 < 0.05",
    ]
    review = Rule("review", "tone", ("abusive",), 0.4, 0.8)
    assert review.describe(0.7999) == "tone abusive 0.7999 >= 0.4000 and < 0.8000"
    assert Rule("reject", "tone", ("abusive",), 0.8).describe(0.91) == "tone abusive 0.91 >= 0.80"
    assert Rule("reject", "tone", ("abusive",), 0.8).describe(0.8) == "tone abusive 0.80 >= 0.80"


# ---- issue 15 #12: small samples warned about; the base policy's other rules kept ----------


def test_rows_a_precision_bound_needs() -> None:
    """1 / (1 - p) rows to tell p from 1 at all; 3 / (1 - p) to trust it (rule of three)."""
    assert rows_needed(0.95) == (20, 60)
    assert rows_needed(0.99) == (100, 300)
    assert rows_needed(0.9) == (10, 30)
    assert rows_needed(0.5) == (2, 6)
    assert rows_needed(1.0) == (np.inf, np.inf)


def _twenty_rows(abusive: int) -> tuple[pd.DataFrame, list[str]]:
    """20 rows, the `abusive` truly abusive ones scored highest."""
    p = np.linspace(0.99, 0.01, 20)
    probs = pd.DataFrame({"tone_p_abusive": p, "tone_p_civil": 1 - p, "tone_p_uncivil": 0.0})
    return probs, ["abusive"] * abusive + ["civil"] * (20 - abusive)


def test_a_bound_resting_on_few_rows_says_how_many_it_needs() -> None:
    probs, truth = _twenty_rows(4)
    fit = fit_thresholds(probs, truth, reject_precision=0.95)
    assert fit.achieved == {"reject_precision": 1.0} and fit.shares["reject"] == 0.2
    assert fit.warnings == [
        "the reject rule's precision (1.000 >= 0.95) rests on the 4 rows it rejects; a "
        "precision of 0.95 needs at least 20 such rows to be measured, 60 to be trusted: "
        "fit on more labelled rows"
    ]
    # enough rows: no warning (12 rejected rows, and 0.75 needs 4, 12 to be trusted)
    probs = pd.concat([probs] * 3, ignore_index=True)
    assert rows_needed(0.75) == (4, 12)
    assert fit_thresholds(probs, truth * 3, reject_precision=0.75).warnings == []
    # a bound of 1 cannot be shown by any sample
    assert fit_thresholds(probs, truth * 3, reject_precision=1.0).warnings == [
        "the reject rule's precision (1.000 >= 1.0) rests on the 12 rows it rejects; no "
        "number of rows shows a precision of 1: ask for less"
    ]


def test_a_policy_that_approves_every_row_warns() -> None:
    probs, truth = _twenty_rows(0)
    fit = fit_thresholds(probs, truth, reject_precision=0.95)
    assert fit.shares["approve"] == 1.0
    assert fit.warnings[-1] == (
        "the fitted policy approves all 20 rows it was fitted on and reviews or rejects "
        "none: fit on more labelled rows"
    )


def test_fitting_keeps_the_base_policys_other_rules() -> None:
    """Fitted rules replace the base's rules of their action on the head; the rest stay."""
    probs, truth = _twenty_rows(4)
    base = parse_policy(
        default_policy_text()
        + '\n[[rule]]\naction = "reject"\nhead = "stance"\nlabels = ["against"]\nmin = 0.99\n',
        source="models/m/policy.toml",
    )
    fit = fit_thresholds(probs, truth, reject_precision=0.95, base=base)
    reject = Rule("reject", "tone", ("abusive",), float(probs["tone_p_abusive"][3]))
    assert fit.policy.rules == [reject, *base.rules[1:]]
    assert fit.kept == base.rules[1:] and fit.base == "models/m/policy.toml"
    assert fit.policy.otherwise == "approve"
    assert fit.shares == {"approve": 0.4, "review": 0.4, "reject": 0.2}  # review: 0.40 up
    # an approve bound too: the approve rule comes last, and unmatched rows are reviewed
    fit = fit_thresholds(probs, truth, reject_precision=0.95, approve_npv=0.9, base=base)
    actions = [r.action for r in fit.policy.rules]
    assert actions == ["reject", "review", "review", "reject", "approve"]
    assert fit.policy.otherwise == "review"
    # without a base, nothing else
    assert fit_thresholds(probs, truth, reject_precision=0.95).policy.rules == [reject]


@pytest.fixture(scope="module")
def tone_model(tmp_path_factory, repo_root):
    from stance.persist import save_model
    from stance.training import train
    from test_model import FAST, stance_frame

    tone = pd.read_csv(repo_root / "labels" / "tone-foxnews.csv", dtype=str, keep_default_na=False)
    model = save_model(
        train(pd.concat([stance_frame(), tone.groupby("tone").head(40)]), config=FAST),
        tmp_path_factory.mktemp("m") / "m",
    )
    few = pd.concat(
        [tone[tone["tone"] == "civil"].tail(22), tone[tone["tone"] == "abusive"].tail(3)]
    )
    data = tmp_path_factory.mktemp("d") / "few.csv"
    few.to_csv(data, index=False)
    return model, data


def test_cv_with_a_rare_class_warns_in_our_words(tone_model) -> None:
    import warnings

    from stance.score.fit_policy import fit_policy_file

    model, data = tone_model
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library warning escaping would raise here
        fit = fit_policy_file(model, data, cv=5)
    assert (
        "--cv 5: the smallest tone class, abusive, has only 3 rows, so some folds "
        "have none of it (use --cv 3 or fewer, or label more abusive comments)"
    ) in fit.warnings


def test_policy_fit_cli_prints_no_library_warning(tone_model, tmp_path) -> None:
    import subprocess
    import sys

    model, data = tone_model  # a real process: pytest would swallow Python's warnings
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "stance",
            "policy",
            "fit",
            str(model),
            str(data),
            "--cv",
            "5",
            "-o",
            str(tmp_path / "p.toml"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr and all(
        line.startswith("stance: warning: ") for line in r.stderr.splitlines()
    ), r.stderr
    assert "UserWarning" not in r.stderr and "site-packages" not in r.stderr


def test_policy_fit_cli_keeps_the_models_review_rules(tone_model, tmp_path) -> None:
    """Issue 15 #12: with only --reject-precision, the review rules stay."""
    from typer.testing import CliRunner

    from stance.cli import app

    model, data = tone_model
    out = tmp_path / "p.toml"
    r = CliRunner().invoke(app, ["policy", "fit", str(model), str(data), "-o", str(out)])
    assert r.exit_code == 0, r.output
    started = load_policy(model / "policy.toml")
    fitted = load_policy(out)
    assert [r for r in fitted.rules if r.action == "review"] == started.rules[1:]
    assert fitted.otherwise == started.otherwise
    kept = f"(kept from {model / 'policy.toml'})"
    assert f"  review: tone abusive >= 0.4000 {kept}" in r.stdout.splitlines()
    assert f"  review: tone uncivil+abusive >= 0.6000 {kept}" in r.stdout.splitlines()
    assert f"# kept from {model / 'policy.toml'}: review: tone abusive >= 0.4000" in (
        out.read_text().splitlines()
    )
