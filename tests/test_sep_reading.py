"""The reading chooser (`split/reading.py`): its weights match its features, its guard,
and `split_text` taking the reading it prefers."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from stance.split.document import Comment
from stance.split.reading import (
    askable,
    from_blob,
    load_reading_model,
    reading_features,
)
from stance.split.text import readings, split_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _comment(n: int, author: str | None, posted_at: str | None, text: str) -> Comment:
    return Comment(f"d-{n}", n, author, posted_at, None, text, None, None)


def test_the_shipped_weights_name_exactly_the_features_computed() -> None:
    blob = json.loads(resources.files("stance").joinpath("data", "reading_choice.json").read_text())
    features = reading_features([_comment(1, "Jo", "today", "A word.")], [])
    assert sorted(features) == blob["names"]
    assert len(blob["coef"]) == len(blob["mean"]) == len(blob["scale"]) == len(features)


def test_the_score_is_the_standardised_linear_function_of_the_blob() -> None:
    model = from_blob(
        {
            "names": ["a", "b"],
            "mean": [1.0, 0.0],
            "scale": [2.0, 1.0],
            "coef": [4.0, -1.0],
            "intercept": 0.5,
        }
    )
    assert model.score({"a": 3.0, "b": 2.0}) == 0.5 + 4.0 * (3.0 - 1.0) / 2.0 - 2.0


def test_features_summarise_each_reading_and_their_difference() -> None:
    rules = [_comment(1, None, None, "ok")]
    roles = [
        _comment(1, "Dara", "12 March 2021", "The court ruled against them again today."),
        _comment(2, "Sok", "13 March 2021", "Nobody expected anything else."),
    ]
    f = reading_features(rules, roles)
    assert f["R_b"] == 0.0 and f["O_b"] == 1.0 and f["D_b"] == 1.0
    assert f["R_short"] == 1.0 and f["O_short"] == 0.0
    assert f["O_prose"] == 1.0 and f["R_prose"] == 0.0
    assert askable(f) and not askable(reading_features(roles, rules))


def test_a_roles_reading_that_names_fewer_than_two_comments_is_never_taken() -> None:
    one = [_comment(1, "Kem Sokha", "on September 3", "Half of the opposition has fled.")]
    rules = [_comment(1, None, None, "Losers."), _comment(2, None, None, "Cowards.")]
    model = load_reading_model()
    assert not model.prefers_roles(rules, one)
    assert not model.prefers_roles(rules, [])


def test_a_seed_whose_roles_reading_takes_the_byline_keeps_the_rules_reading() -> None:
    text = (SEEDS / "004_e79dee12f5f53227.txt").read_text("utf-8")
    rules, roles = readings(text)
    assert roles is not None  # doubtful: its comments have no names or dates
    assert [c.author for c in split_text(text).comments] == [c.author for c in rules.comments]
    assert [c.author for c in rules.comments] == [None, None]


PAGE = """Forum index » Politics

Land titles in Kampot

Posted by admin

The cadastral office has started issuing titles again after two years.

dara99
12 March 2021, 21:14
Finally. My uncle waited four years for his title and still has nothing to show.
Reply

sokha_k
13 March 2021, 08:02
They only issue titles where no company wants the land, look at the map.
Reply

vannak
13 March 2021, 09:40
Not true in our commune, most families got theirs last month without paying anything.
Reply
"""


def test_a_page_the_rules_read_well_is_not_read_twice() -> None:
    rules, roles = readings(PAGE)
    assert [c.author for c in rules.comments] == ["dara99", "sokha_k", "vannak"]
    assert roles is None
    assert split_text(PAGE).comments == rules.comments
