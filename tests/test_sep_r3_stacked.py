"""split: comments as paragraph blocks with a stacked head (split/stacked.py; issue 11).

The round-3 pages written blind (`tests/pages/r3-*`, now dev pages) had three shapes no
rule read: a chat export ("SR / 07:12 / Sokha Ream / text"), a comment page with the name
and "Added: DATE" under each text, and a social network's comments ("name / text / 48w /
Like / Reply"). Each is one block per comment with the name and date on lines of their
own, in the same place in every block.
"""

from __future__ import annotations

import pytest

from page_gold import PAGES, as_gold, fields, gold_of
from stance.split.text import split_text


def test_a_chat_export_date_then_name_and_a_reply() -> None:
    text = (
        "Residents group\n\n12 May 2024\n\n"
        "JO\n08:10\nJo Pen\nWe meet at nine at the market.\n\n"
        "08:11\nBring the letters from the commune.\n\n"
        "Ana Kim joined group by link from Jo Pen\n\n"
        "AK\n08:40\nAna Kim\nIn reply to this message\nCopies or originals?\n\n"
        "JO\n08:44\nJo Pen\nIn reply to this message\nCopies are fine.\n\n"
        "SD\n09:02\nSam Dy\nSticker\nNot included, change data exporting settings to download.\n"
        "\U0001f64f, 38.6 KB\n\n"
        "Jo Pen pinned this message\n"
    )
    doc = split_text(text)
    assert fields(doc) == [
        ("Jo Pen", "08:10", "We meet at nine at the market.", None, None),
        ("Jo Pen", "08:11", "Bring the letters from the commune.", None, None),
        ("Ana Kim", "08:40", "Copies or originals?", None, 1),
        ("Jo Pen", "08:44", "Copies are fine.", None, 3),
    ]
    assert doc.rebuild() == text


def test_a_comment_page_with_the_name_and_date_under_each_text() -> None:
    text = (
        "The court acted in one day. Nobody should call this a legal process.\n"
        "Sokun, Melbourne\nAdded: 16 November 2017 21:41 ICT\n"
        "Recommended by 84 people | Alert a moderator\n\n"
        "The courts act against a revolution.\n\nThose who complain do not live here.\n"
        "Vireak, Phnom Penh\nAdded: 17 November 2017 08:12 ICT\n"
        "Recommended by 31 people | Alert a moderator\n\n"
        "Quoting Vireak: \u201cThose who complain do not live here.\u201d\n"
        "I live here and I voted, and so did my village.\n"
        "Sothea, Kampong Cham\nAdded: 17 November 2017 10:30 ICT\n"
        "Recommended by 57 people | Alert a moderator\n\n"
        "Showing 1-3 of 212 comments | Newest first\n"
    )
    doc = split_text(text)
    assert fields(doc) == [
        (
            "Sokun, Melbourne",
            "16 November 2017 21:41 ICT",
            "The court acted in one day. Nobody should call this a legal process.",
            None,
            None,
        ),
        (
            "Vireak, Phnom Penh",
            "17 November 2017 08:12 ICT",
            "The courts act against a revolution.\n\nThose who complain do not live here.",
            None,
            None,
        ),
        (
            "Sothea, Kampong Cham",
            "17 November 2017 10:30 ICT",
            "I live here and I voted, and so did my village.",
            "Those who complain do not live here.",
            2,
        ),
    ]


def test_social_network_comments_name_first_age_after_and_a_tagged_reply() -> None:
    text = (
        "News Page\n14 March 2023\nResidents gathered this morning at City Hall.\n\n"
        "Most relevant\n\n"
        "Chea Srey\nTop fan\nThey filled our lake with sand.\n48w\nLike\nReply\nShare\n146\n\n"
        "Vannak Prum\nChea Srey same story in Boeung Kak in 2008.\n48w\nLike\nReply\n22\n"
        "View 1 more reply\n\n"
        "Theary Ouk\nHelp them please\nSee translation\n47w\nLike\nReply\n15\n\n"
        "View more comments\n"
    )
    doc = split_text(text)
    assert fields(doc) == [
        ("Chea Srey", "48w", "They filled our lake with sand.", None, None),
        ("Vannak Prum", "48w", "Chea Srey same story in Boeung Kak in 2008.", None, 1),
        ("Theary Ouk", "47w", "Help them please", None, None),
    ]


def test_lists_with_counts_and_profile_dates_are_no_stacked_comments() -> None:
    from stance.split.stacked import find_stack
    from stance.split.text import _unit_type, _units

    text = (
        "Projekt 52 (2)\nFeb 16 2009\nA week of photos, one a day.\n\n"
        "Es ist da (3)\nFeb 15 2009\nThe new camera came today.\n\n"
        "Winter (0)\nFeb 10 2009\nSnow at last, and lots of it.\n\n"
    )
    units = _units(text)
    assert find_stack(units, [_unit_type(u) for u in units], text) is None
    text = "".join(
        f"{n}\nJoined\nMar 14, 2016\nMessages\n1,208\n\nAug 2{k}, 2023\n#{k}\nSome text here.\n\n"
        for k, n in enumerate(("jo", "kim", "sam"))
    )
    units = _units(text)
    assert find_stack(units, [_unit_type(u) for u in units], text) is None


@pytest.mark.parametrize(
    "stem",
    ["r3-telegram-boeungtamok", "r3-comment-page-khmerherald"],
)
def test_round_3_stacked_page_matches_its_annotation(stem: str) -> None:
    path = PAGES / f"{stem}.txt"
    gold = gold_of(path)
    assert gold["half"] == "dev" and gold["held_out_in_round"] == 3
    text = path.read_text("utf-8")
    doc = split_text(text, stem)
    assert as_gold(doc.comments) == gold["comments"]
    assert doc.rebuild() == text


def test_the_facebook_page_but_a_reply_its_dump_does_not_nest() -> None:
    """The page's own reply under the first comment shows no sign of nesting in the dump
    (no name in its text, no indent): its parent stays unknown."""
    path = PAGES / "r3-facebook-kampucheanewsroom.txt"
    got = as_gold(split_text(path.read_text("utf-8")).comments)
    want = gold_of(path)["comments"]
    assert (want[1]["parent"], got[1]["parent"]) == (1, None)
    got[1]["parent"] = 1
    assert got == want
