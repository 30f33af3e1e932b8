"""The Southeast Asian forum packs' words (`stance.split.forumwords`) in the line types."""

from __future__ import annotations

import re

import pytest

from stance.split.forumwords import alternation, verbs
from stance.split.lines import PROFILE, QUOTE_INTRO, is_timestamp
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "kind",
    ["fields", "ranks", "buttons", "quote_intros", "thanks_lines", "thread_furniture", "related"],
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
        ("ลงทะเบียนเมื่อ: 09 ม.ค. 2023, 19:02", "button"),  # phpBB 3 in Thai: joined
        ("รายงานโพสต์", "button"),  # report this post
        ("กระทู้ที่คล้ายกัน", "related"),  # similar threads: the comments are over
        ("ปู_พนมเปญ, นกแก้ว99 และ 4 อื่นๆ", "button"),  # XenForo: who liked it
        ("ចូលរួម៖ 15 មករា 2008", "button"),  # phpBB 2 in Khmer: joined, Khmer's own colon
        ("ប្រកាស៖ 127", "button"),  # posts
        ("ប្រកាស៖ ច័ន្ទ សីហា 11, 2008 10:02 pm ចំណងជើង៖ Re: ដី", "time"),  # posted, subject
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


def test_a_phpbb_by_line_names_its_post() -> None:
    """phpBB 3 in Thai with the profile box after each post's text: the name left over
    the next post's "by Jo » DATE" line is not that post's author (nor its place)."""
    from stance.split.text import split_text

    def post(name: str, when: str, text: str) -> str:
        return (
            f"Re: ขอคำแนะนำ\nโดย {name} » {when}\n{text}\n{name}\nสมาชิก\nโพสต์: 12\n"
            "ลงทะเบียนเมื่อ: 09 ม.ค. 2023, 19:02\nอ้างอิง\nรายงานโพสต์\nด้านบน\n"
        )

    page = "ขอคำแนะนำ\nโพสต์: 3 • หน้า 1 จาก 1\n" + "".join(
        [
            post("ป้าแดง", "อังคาร 12 มี.ค. 2024, 20:41", "หลานชายหายไปสามวันแล้วค่ะ ควรทำยังไงดี"),
            post("ลุงเสือ", "อังคาร 12 มี.ค. 2024, 21:05", "อย่าเพิ่งโอนเงินครับ ไปแจ้งความก่อน"),
            post("nok_bkk", "พุธ 13 มี.ค. 2024, 09:12", "เรื่องนี้เป็นข่าวมาตั้งแต่ปี 2019 แล้วครับ"),
        ]
    )
    got = [(c.author, c.posted_at) for c in split_text(page).comments]
    assert ("ลุงเสือ", "อังคาร 12 มี.ค. 2024, 21:05") in got
    assert ("nok_bkk", "พุธ 13 มี.ค. 2024, 09:12") in got


def test_a_list_of_periods_is_no_run_of_dates() -> None:
    """phpBB's "display posts from previous" choices are lengths of time, not dates; one
    "1 Day" between a name and a text still is."""
    from stance.split.threadlines import period_choices

    lines = ["All Posts", "1 Day", "7 Days", "2 Weeks", "Oldest First"]
    types = period_choices(lines, ["button", "time", "time", "time", "button"])
    assert types == ["button"] * 5
    assert period_choices(["Jo", "1 ថ្ងៃ", "text"], [None, "time", None])[1] == "time"
