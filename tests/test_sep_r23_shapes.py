"""split: the shapes read once the round-23 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from stance.split.lines import NAV, is_timestamp, posted_by, unplaced
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("07-23 \u67ec\u57d4\u5be8", "07-23"),  # Xiaohongshu: a month-day and a place
        ("2024-01-08 \u6cf0\u56fd", "2024-01-08"),
        ("3\u5929\u524d \u6c5f\u82cf", "3\u5929\u524d"),  # "3 days ago", a province
        ("2024-01-08", "2024-01-08"),
    ],
)
def test_a_date_with_its_place_is_a_date_without_it(line: str, date: str) -> None:
    assert is_timestamp(line)
    assert unplaced(line) == date


@pytest.mark.parametrize(
    "line", ["07-23", "3456 \u6c5f\u82cf", "\u5171 47 \u6761\u8bc4\u8bba", "\u67ec\u57d4\u5be8"]
)
def test_a_place_makes_no_date_of_a_count(line: str) -> None:
    assert not is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("\u5c55\u5f00 2 \u6761\u56de\u590d", "reply"),  # show 2 replies
        ("\u8d5e", "button"),  # like
        ("\u5173\u6ce8", "button"),  # follow
        ("\u8bf4\u70b9\u4ec0\u4e48...", "button"),  # say something...
        ("\u5171 47 \u6761\u8bc4\u8bba", "header"),  # 47 comments in all
        ("\u56de\u590d \u91d1\u8fb9\u5c0f\u9c7c\u5e72\uff1a", "reply_to"),
        ("\u6587\u7ae0 328", "button"),  # Mobile01: posts
        ("\u7a4d\u5206 1,204", "button"),  # points
        ("\u6aa2\u8209", "button"),  # report
        ("\u5f15\u8a00", "button"),  # quote
        ("\u5ee3\u544a", "ad"),  # advertisement
        ("Sibeh_Jialat, dunwanlah and 14 others", "button"),  # XenForo's reactions
        ("Reactions:", "button"),
    ],
)
def test_round_23_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "\u6caaICP\u590713030189\u53f7",
        "\u8425\u4e1a\u6267\u7167",
        "\u884c\u541f\u4fe1\u606f\u79d1\u6280\uff08\u4e0a\u6d77\uff09\u6709\u9650\u516c\u53f8",
        "- THE END -",
        "\u30b3\u30e1\u30f3\u30c8\u306e\u6295\u7a3f",  # FC2: post a comment
        "<< \u524d\u306e\u8a18\u4e8b | \u30db\u30fc\u30e0 | \u6b21\u306e\u8a18\u4e8b >>",
    ],
)
def test_footer_and_form_lines_are_navigation(line: str) -> None:
    assert NAV.match(line)


def test_an_fc2_footer_signs_the_comment_above() -> None:
    foot = "2023/02/14(\u706b) 23:05:12 | URL | \u3055\u304f\u3089 #mQop/nM.[ \u7de8\u96c6]"
    assert posted_by(foot) == ("\u3055\u304f\u3089", "2023/02/14(\u706b) 23:05:12")
    page = "\n".join(
        [
            "\u30b3\u30e1\u30f3\u30c8",
            "\u30b7\u30e7\u30c3\u30af\u3067\u3059",
            "VOD\u3001\u6bce\u65e5\u8aad\u3093\u3067\u3044\u307e\u3057\u305f\u3002",
            foot,
            "Re: \u30b7\u30e7\u30c3\u30af\u3067\u3059",
            "\u3055\u304f\u3089\u3055\u3093",
            "\u30b3\u30e1\u30f3\u30c8\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002",
            "2023/02/15(\u6c34) 07:48:30 | URL | \u592a\u90ce #-[ \u7de8\u96c6]",
            "\u6c17\u306b\u306a\u308a\u307e\u3059",
            "\u9078\u6319\u306b\u306f\u51fa\u3089\u308c\u308b\u3093\u3067\u3057\u3087\u3046\u304b\u3002",
            "2023/02/17(\u91d1) 21:22:08 | URL | mika #-[ \u7de8\u96c6]",
            "\u30b3\u30e1\u30f3\u30c8\u306e\u6295\u7a3f",
        ]
    )
    doc = split_text(page)
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("\u3055\u304f\u3089", "2023/02/14(\u706b) 23:05:12"),
        ("\u592a\u90ce", "2023/02/15(\u6c34) 07:48:30"),
        ("mika", "2023/02/17(\u91d1) 21:22:08"),
    ]
    # the reply's greeting ("さくらさん") is its text, not its author
    assert doc.comments[1].text.startswith("\u3055\u304f\u3089\u3055\u3093\n")


def test_xiaohongshu_replies_name_their_author_and_parent() -> None:
    page = "\n".join(
        [
            "\u5171 47 \u6761\u8bc4\u8bba",
            "\u963fKen",
            "\u6211\u4eec\u516c\u53f8\u4eca\u5929\u653e\u5047\uff0c\u53f8\u673a\u8bf4\u6295\u5b8c\u7968\u624b\u6307\u8981\u6cbe\u58a8\u6c34",
            "07-23 \u67ec\u57d4\u5be8",
            "128",
            "\u56de\u590d",
            "momo",
            "\u56de\u590d \u963fKen\uff1a\u58a8\u6c34\u662f\u4e3a\u4e86\u9632\u6b62"
            "\u91cd\u590d\u6295\u7968\u5427\uff0c\u5f88\u591a\u56fd\u5bb6\u90fd\u6709",
            "07-24 \u5e7f\u4e1c",
            "9",
            "\u56de\u590d",
            "\u5c55\u5f00 2 \u6761\u56de\u590d",
            "\u4e00\u53ea\u67da\u5b50",
            "\u6240\u4ee5\u53cd\u5bf9\u515a\u771f\u7684\u4e0d\u80fd\u53c2\u52a0\u5417\uff1f\u65b0\u95fb\u8bf4\u70db\u5149\u515a\u6ca1\u8d44\u683c",
            "07-23 \u4e0a\u6d77",
            "57",
            "\u56de\u590d",
        ]
    )
    doc = split_text(page)
    got = [(c.author, c.posted_at, c.parent) for c in doc.comments]
    assert got == [
        ("\u963fKen", "07-23", None),
        ("momo", "07-24", 1),
        ("\u4e00\u53ea\u67da\u5b50", "07-23", None),
    ]
    assert doc.comments[1].text.startswith("\u58a8\u6c34")  # without its reply prefix


def _forum(first_head: list[str]) -> str:
    posts = []
    for n, (name, text) in enumerate(
        [
            ("kopi", "Hun Sen says he will step down and hand power to his son next month."),
            ("Sibeh", "Wah father pass to son like family business, what to expect lah."),
            ("dunwan", "Like that also call election? Main opposition kena disqualified."),
            ("AhPek", "Went Siem Reap last year, every village got the blue CPP signboard."),
        ],
        start=1,
    ):
        head = first_head if n == 1 else []
        posts += [name, *head, "Senior Member", "Jul 26, 2023", f"#{n}", text]
        posts += ["Report", "Like", "Quote", "Reply", "Reactions:", "kopi, Sibeh and 4 others"]
    return "\n".join(["Title of the thread", *posts])


def test_a_starter_badge_marks_the_opening_post() -> None:
    page = _forum(["\u6a13\u4e3b"])
    authors = [c.author for c in split_text(page).comments]
    assert authors == ["Sibeh", "dunwan", "AhPek"]


def test_a_source_credit_is_no_byline() -> None:
    assert line_type("Source: news wire, 26 Jul 2023") != "byline"


def test_without_the_badge_the_first_post_is_a_comment() -> None:
    authors = [c.author for c in split_text(_forum([])).comments]
    assert authors == ["kopi", "Sibeh", "dunwan", "AhPek"]
