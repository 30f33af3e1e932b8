"""The Southeast Asian forum packs' words (`stance.split.forumwords`) in the line types."""

from __future__ import annotations

import re

import pytest

from stance.split.forumwords import alternation, verbs
from stance.split.lines import PROFILE, QUOTE_INTRO, is_timestamp
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "kind", ["fields", "ranks", "buttons", "quote_intros", "thanks_lines", "thread_furniture"]
)
def test_every_kind_compiles_and_matches_its_own_words(kind: str) -> None:
    pattern = re.compile(rf"^(?:{alternation(kind)})$", re.IGNORECASE)
    assert pattern.match("zzz not a forum word") is None
    assert alternation(kind).count("|") >= 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("กระทู้: 4,812", "button"),  # Thai: posts
        ("Bài gửi", "field_label"),  # Vietnamese: posts, its value on the next line
        ("សមាជិកចាស់", "button"),  # Khmer: senior member, the grade glued on
        ("Kutip", "button"),  # Indonesian: quote
        ("Có 3 thành viên đã gửi lời cảm ơn đến Jo về bài viết hữu ích này:", "button"),
    ],
)
def test_forum_furniture_in_their_words(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_names_and_quotes_are_not_furniture() -> None:
    assert not PROFILE.match("สมาชิกหมายเลข 3390127")  # Pantip's "member number N": a name
    assert not PROFILE.match("ភ្ញៀវ")  # "Guest": who posts without an account
    assert QUOTE_INTRO.match("อ้างอิง:") and not QUOTE_INTRO.match("อ้างอิง")  # a button
    assert re.fullmatch(verbs("wrote"), "เขียน") and re.fullmatch(verbs("by"), "oleh")


def test_khmer_at_the_hour_between_date_and_time() -> None:
    assert is_timestamp("១៤ មីនា ២០២៤ នៅម៉ោង ២០:១៥")
