"""Round 46's shapes, line by line: what the rules written for its pages read."""

from __future__ import annotations

import pytest

from stance.split.lines import date_label, nav_like, reply_author
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # phpwind: the floor, "posted at" and the date; the profile box's fields
        ("\u6c99\u53d1 \u53d1\u8868\u4e8e: 2024-03-12 20:41", "time"),
        ("5\u697c \u53d1\u8868\u4e8e: 2024-03-13 09:17", "time"),
        ("\u6ce8\u518c\u65f6\u95f4: 2023-05-18", "button"),  # registered
        ("\u7ea7\u522b: \u65b0\u624b\u4e0a\u8def", "button"),  # rank
        ("\u5a01\u671b: 25 \u70b9", "button"),  # prestige
        ("\u56de\u590d \u5f15\u7528 \u4e3e\u62a5 \u9876\u7aef", "reply"),  # reply quote report top
        ("\u53ea\u770b\u8be5\u4f5c\u8005 | \u5012\u5e8f\u9605\u8bfb", "button"),
        ("\u5171 12 \u6761\u56de\u590d\uff0c1 \u9875", "header"),  # 12 replies, 1 page
        ("\u5f15\u7528\u7b2c1\u697cJo\u4e8e2024-03-12 20:41\u53d1\u8868\u7684 :", "quote_intro"),
        ("\u5f15\u7528 4\u697c @Jo \u53d1\u8868\u7684:", "quote_intro"),  # Hupu's, as before
        ("\u56de \u6c99\u53d1(Jo) \u7684\u5e16\u5b50", "reply_to"),
        ("\u8bbf\u5ba2\u4e0d\u80fd\u76f4\u63a5\u8bc4\u8bba", "notice"),  # visitors cannot comment
        ("Total 0.091532(s) query 7, Time now is:03-16 10:22, Gzip enabled", "button"),
    ],
)
def test_round_46_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_phpwind_dates_and_replies() -> None:
    assert date_label("\u697c\u4e3b \u53d1\u8868\u4e8e: 2024-03-12 20:05") == "2024-03-12 20:05"
    assert reply_author("\u56de 4\u697c(\u91d1\u8fb9\u8001\u53f8\u673a) \u7684\u5e16\u5b50") == (
        "\u91d1\u8fb9\u8001\u53f8\u673a"
    )


def test_a_menu_between_bars_is_navigation_in_any_script() -> None:
    assert nav_like("\u8054\u7cfb\u6211\u4eec | \u5e7f\u544a\u670d\u52a1 | \u65e0\u56fe\u7248")
    # a head: a date among the items; a name and a place: two items, no menu
    assert not nav_like("\u5c0f\u67e0\u6aac | 2024-03-12 21:03 | \u56de\u590d")
    assert not nav_like("\u5c0f\u67e0\u6aac | \u91d1\u8fb9")
