"""Round 46's shapes, line by line: what the rules written for its pages read."""

from __future__ import annotations

import lxml.html
import pytest

from stance.split.html import _node_text
from stance.split.lines import (
    date_label,
    is_timestamp,
    name_time,
    nav_like,
    reply_author,
    thread_head,
)
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


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # public-inbox: the message's head, the thread overview and recipients around it
        ("From: Jo Lim @ 2024-03-12 11:02 UTC (permalink / raw)", "thread_head"),
        ("@ 2024-03-12 11:02 ` Jo Lim", "button"),
        ("  2024-03-12 12:40   ` Sok Dara", "button"),
        ("To: Sok Dara; +Cc: libc-alpha, Kim", "button"),
        ("help / color / mirror / Atom feed", "button"),
        # Yet Another Forum.NET in Khmer: the post's number and date, profile fields, the
        # thanks line, the quote's intro
        (
            "#2 \u1794\u17d2\u179a\u1780\u17b6\u179f : \u1790\u17d2\u1784\u17c3"
            "\u17a2\u1784\u17d2\u1782\u17b6\u179a 12 \u1798\u17b8\u1793\u17b6 2024 8:41:09 "
            "\u179b\u17d2\u1784\u17b6\u1785(UTC)",
            "time",
        ),
        ("\u178b\u17b6\u1793\u17c8: \u179f\u1798\u17b6\u1787\u17b7\u1780", "button"),
        ("\u1787\u1798\u17d2\u179a\u17be\u179f", "button"),  # options
        (
            "\u178a\u17be\u1798\u17a1\u17be\u1799\u1794\u17d2\u179a\u1780\u17b6\u179f\u178a"
            "\u17c4\u1799: dara99",
            "quote_intro",
        ),
    ],
)
def test_round_46_forum_and_archive_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_public_inbox_and_gitalk_heads() -> None:
    assert thread_head("From: Jo Lim @ 2024-03-12 11:02 UTC (permalink / raw)") == (
        "Jo Lim",
        "2024-03-12 11:02 UTC",
        False,
    )
    # Gitalk: "posted" is no part of the name, "about" is of the date; likes after it
    assert name_time("ahao-x \u53d1\u8868\u4e8e \u5927\u7ea6 1 \u4e2a\u6708\u524d 2") == (
        "ahao-x",
        "\u5927\u7ea6 1 \u4e2a\u6708\u524d",
    )


def test_dates_of_round_46() -> None:
    # a Khmer weekday after the word "day", a time zone glued to the day period
    assert is_timestamp(
        "\u1790\u17d2\u1784\u17c3\u1796\u17bb\u1792 13 \u1798\u17b8\u1793\u17b6 2024 "
        "6:12:03 \u1796\u17d2\u179a\u17b9\u1780(UTC)"
    )
    assert is_timestamp("1 d\u2019ag. 2000")  # Catalan's August after its elided "of"


def test_preformatted_html_keeps_its_lines() -> None:
    root = lxml.html.fromstring(
        "<div><p>Intro  text\nhere</p><pre>Jo wrote:\n&gt; quoted\n\nMy   reply\nends</pre></div>"
    )
    assert _node_text(root) == "Intro text here\n\nJo wrote:\n> quoted\n\nMy reply\nends"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # Website Toolbox in Malay: its profile fields, a rank, an edit note, attachments
        ("Pos: 212", "button"),
        ("Sertai: Mei 2019", "button"),
        ("Ahli Kanan", "button"),
        ("Diedit oleh Kembara_Azman pada 14 Mac 2024, 8:01 pg", "button"),
        ("Lampiran: angkor_sunrise.jpg (412 KB, 38 paparan)", "button"),
        ("ta_prohm.jpg (388 KB, 31 paparan)", "button"),
        ("Asalnya Dihantar oleh mat_sagu", "quote_intro"),
        ("Log masuk atau daftar untuk membalas topik ini.", "notice"),
        # an Indonesian portal: replying to, log in to comment, its news lists
        ("membalas Budi Santoso", "reply_to"),
        ("Silakan masuk untuk memberikan komentar.", "notice"),
        ("Berita Terkini", "related"),
        # XenForo's "Click to expand..." in Vietnamese
        ("B\u1ea5m \u0111\u1ec3 m\u1edf r\u1ed9ng...", "quote_end"),
        # a length of time alone: a list's age column (Tinh t\u1ebf)
        ("3 ng\u00e0y", "time"),
        ("21 gi\u1edd", "time"),
        ("Retours gratuits sous 90 jours", None),  # a duration in a sentence is no date
    ],
)
def test_round_46_more_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_a_chat_exported_as_a_table_reads_as_a_chat() -> None:
    """Viber's CSV export (round 47): each row's date, time and sender head its message;
    a row without a sender is a system line, a message of only "Photo" no comment."""
    from stance.split.lines import chat_head

    row = '08/03/2024,18:02:44,Sreyleak Chan,+85512456781,"Of course Tom"'
    assert chat_head(row) == ("Sreyleak Chan", "08/03/2024,18:02:44", row.index("Of"))
    assert chat_head("08/03/2024,20:15:09,,,Dara Pich joined the group via link") is None
    assert line_type("08/03/2024,20:15:09,,,Dara Pich joined the group via link") == "button"
    assert line_type("Photo") == "button"


def test_mailman_and_outlook_lines() -> None:
    """Round 47's pipermail message: Outlook's quoted history names each sender "On
    Behalf Of" the list; Mailman's footer and scrubbed attachments are furniture."""
    from stance.split.lines import mail_author

    assert mail_author("From: Camdev-L [mailto:x at y.example] On Behalf Of Jo Lim") == "Jo Lim"
    assert mail_author("From: L <l at y.example> on behalf of Jo Lim <jo at z.example>") == (
        "Jo Lim"
    )
    for line in (
        "Camdev-L mailing list",
        "Camdev-L at lists.camdev.example",
        "http://lists.camdev.example/mailman/listinfo/camdev-l",
        "-------------- next part --------------",
        "An HTML attachment was scrubbed...",
    ):
        assert line_type(line) == "button", line


def test_an_indonesian_comment_list_in_html() -> None:
    """Round 47's Kompas-like page: "14:41 WIB" (Western Indonesia Time) dates a comment,
    and `li#komentar-N.comment__item` is one comment."""
    assert is_timestamp("30/08/2024, 14:41 WIB")
    from stance.split.html import _ONE_COMMENT, _ONE_COMMENT_CLASS

    assert _ONE_COMMENT.match("komentar-8812301")
    assert _ONE_COMMENT_CLASS.match("comment__item")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # SMF 2 in Thai (round 47): quote, "Logged", its quote head, the pager
        ("\u0e2d\u0e49\u0e32\u0e07\u0e16\u0e36\u0e07", "button"),
        (
            "\u0e1a\u0e31\u0e19\u0e17\u0e36\u0e01\u0e01\u0e32\u0e23\u0e40\u0e02\u0e49\u0e32",
            "button",
        ),
        (
            "\u0e2d\u0e49\u0e32\u0e07\u0e08\u0e32\u0e01: Jo \u0e17\u0e35\u0e48 12 "
            "\u0e21\u0e35\u0e19\u0e32\u0e04\u0e21 2024, 22:40:18",
            "quote_intro",
        ),
        ("\u0e2b\u0e19\u0e49\u0e32: [1]   \u0e25\u0e07\u0e25\u0e48\u0e32\u0e07", "button"),
    ],
)
def test_round_47_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind
