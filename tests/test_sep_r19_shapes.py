"""split: the shapes read once the round-19 pages were dev pages (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stance.split.html import split_html
from stance.split.lines import chat_head, is_timestamp, meta_type, reply_author
from stance.split.text import split_text
from stance.split.threadlines import line_type

_SIGNAL = """# Press desk

[2024-10-01 06:58] Vuthy Sok: Morning all. The reporter was picked up last night at home.
Reactions: \U0001f622 Malis Chan, \U0001f622 Dara Chhim

[2024-10-01 07:10] Malis Chan:
> Vuthy Sok: Morning all. The reporter was picked up last night at home.
Is this about the compound story he did in August?

[2024-10-01 07:22] Ben Harlow added Sophal N.

[2024-10-01 07:40] Sophal N.: ![IMG_4412.jpg](./media/IMG_4412.jpg)

[2024-10-01 08:20] Sophal N.: The ministry says his licence expired in June, as last year.

[2024-10-01 08:31] Safety number with Sophal N. has changed.
"""


def test_a_signal_export_reads_its_messages_and_quotes() -> None:
    doc = split_text(_SIGNAL)
    heads = [(c.author, c.posted_at, c.parent) for c in doc.comments]
    assert heads == [
        ("Vuthy Sok", "2024-10-01 06:58", None),
        ("Malis Chan", "2024-10-01 07:10", 1),
        ("Sophal N.", "2024-10-01 08:20", None),
    ]
    assert doc.comments[1].text == "Is this about the compound story he did in August?"
    assert doc.rebuild() == _SIGNAL


def test_chat_heads_with_iso_dates_but_not_table_rows() -> None:
    assert chat_head("[2024-10-01 07:40] Sophal N.: hi")[:2] == ("Sophal N.", "2024-10-01 07:40")
    assert chat_head("2024-04-12 09:14\tsokhavuth\tNew Issue") is None


@pytest.mark.parametrize(
    "line",
    [
        "[2024-10-01 07:22] Ben Harlow added Sophal N.",
        "Safety number with Sophal N. has changed.",
        "[2024-10-01 09:12] Dara Chhim changed the group description.",
        "[2024-09-30 23:48] (Disappearing messages were turned off.)",
        "Exported by signal-export on 2024-10-04 22:17",
        "L\u00ea Thanh T\u00e2m \u0111\u00e3 ghim m\u1ed9t tin nh\u1eafn",
        "Nh\u00f3m \u0111\u00e3 b\u1eadt ch\u1ebf \u0111\u1ed9 duy\u1ec7t",
    ],
)
def test_chat_system_lines_are_notices(line: str) -> None:
    assert meta_type(line) == "notice"


def test_an_added_comment_is_no_system_line() -> None:
    assert meta_type("jo added a comment.Jul 26 2023, 10:12 AM") != "notice"


_ZALO = """Mekong group
148 members
08:02 05/08/2024
Lan Vo
The canal works started this morning in Kandal, the prime minister was there.
08:02
Minh Tran
So the delta gets even less water in the dry season, does it?
08:10
\U0001f44d 3
Lan Vo
Minh Tran
So the delta gets even less water in the dry season, does...
Not sure yet. They say the canal is for shipping only and takes no water.
08:15
Minh Tran
ok thanks
08:16
Hoa Pham
The impact study has still not been published for the Mekong commission.
08:30
"""


def test_a_chat_timed_under_its_messages_with_reply_previews() -> None:
    doc = split_text(_ZALO, roles=False)
    heads = [(c.author, c.posted_at, c.parent) for c in doc.comments]
    assert heads == [
        ("Lan Vo", "08:02", None),
        ("Minh Tran", "08:10", None),
        ("Lan Vo", "08:15", 2),
        ("Minh Tran", "08:16", None),
        ("Hoa Pham", "08:30", None),
    ]
    assert doc.comments[2].text.startswith("Not sure yet.")
    assert doc.comments[2].quoted.endswith("does...")


def test_replied_on_is_a_date_and_in_reply_to_a_post_names_its_poster() -> None:
    assert is_timestamp("Replied on March 14, 2024")
    assert not is_timestamp("Replied to Tobias Rehm")
    assert reply_author("In reply to Daniel Reyes's post on March 14, 2024") == "Daniel Reyes"


def test_an_avatar_over_the_name_and_a_rank_under_it() -> None:
    text = (
        "Khmer shows as boxes in mail\nEvery email written in Khmer shows as empty squares"
        " since the update last week.\nReply\nReport abuse\nReplies (3)\nSort by: Oldest first\n"
    )
    for letters, name, rank, words in [
        ("DR", "Daniel Reyes", "Independent Advisor", "Please try repairing the runtime first."),
        ("SO", "Sokunthea Ouk", "Community Volunteer", "Repairing it did not change a thing."),
        ("LH", "Lena Hoffmann", "Support Agent", "A fix is being rolled out this month to all."),
    ]:
        text += f"{letters}\n{name}\n{rank}\nReplied on March 14, 2024\nReport abuse\n{words}\n"
    doc = split_text(text, roles=False)
    assert [c.author for c in doc.comments] == ["Daniel Reyes", "Sokunthea Ouk", "Lena Hoffmann"]


_SHOP = """<html><head><title>Rice cooker</title></head><body>
<h1>Rice cooker</h1><p>A rice cooker with six programmes and a keep-warm mode for the day.</p>
<section id="reviews">{items}</section></body></html>"""
_ITEM = """<article class="css-72zbc4"><p class="ago">{ago}</p>
<span class="name">{name}</span><p class="variant">Varian: Putih</p>
<div class="body"><span>{text}</span></div>
<button>Membantu (3)</button><button>Laporkan</button>{reply}</article>"""
_REPLY = """<button>Sembunyikan Balasan</button><div class="css-reply-box">
<div class="head"><span class="seller">Dapur Official</span> <span>Penjual</span></div>
<p class="time">{ago}</p><div class="txt">{text}</div></div>"""


def test_a_sellers_reply_boxed_inside_a_review_is_a_comment_of_its_own() -> None:
    items = "".join(
        _ITEM.format(
            ago=f"{k} bulan lalu",
            name=name,
            text=text,
            reply=_REPLY.format(
                ago=f"{k} bulan lalu", text=f"Terima kasih kak, semoga awet ya! ({k})"
            )
            if k != 2
            else "",
        )
        for k, name, text in [
            (3, "R***a", "Barang sampai dengan selamat, packing aman dan nasinya pulen sekali."),
            (2, "Budi Santoso", "Fitur slow cook bisa buat bubur bayi, anak saya cocok sekali."),
            (1, "n***a", "Warna sesuai foto, tapi tutup dalamnya agak penyok sedikit sih."),
        ]
    )
    doc = split_html(_SHOP.format(items=items))
    texts = [c.text for c in doc.comments]
    # (the seller's name still trails the review it answers: a known gap)
    assert texts[0].startswith("Barang sampai dengan selamat, packing aman dan nasinya pulen")
    assert texts[2] == "Fitur slow cook bisa buat bubur bayi, anak saya cocok sekali."
    assert sum(t.startswith("Terima kasih kak, semoga awet ya!") for t in texts) == 2
    assert not any("Varian" in t for t in texts)


def test_russian_and_ukrainian_month_names_make_dates() -> None:
    assert is_timestamp("26 \u0438\u044e\u043b\u044f 2025, 11:47")
    assert is_timestamp("3 \u043c\u0430\u0440 2023")
    assert is_timestamp("12 \u0441\u0456\u0447\u043d\u044f 2024")
    assert not is_timestamp("\u041c\u0430\u044f")


_MIXI = """Diary
Comments (3)
Share
Comments
2024/02/17 23:05
Yumi
Thank you for the photos, I had no idea this was happening near the temples.
2024/02/17 23:30
Takeshi
What does UNESCO say about it? Do they call it protecting the heritage site?
2024/02/18 08:12
Ken in Phnom Penh
>Yumi-san
Yes, the temples were as crowded with tourists as ever.
Delete
2024/02/18 12:47
Mariko
I have been to Siem Reap! I wonder whether the postcard children moved too.
"""


def test_dates_over_names_over_text_open_comments_even_after_prose() -> None:
    doc = split_text(_MIXI.replace("Delete", "\u524a\u9664"), roles=False)
    assert [c.posted_at for c in doc.comments] == [
        "2024/02/17 23:05",
        "2024/02/17 23:30",
        "2024/02/18 08:12",
        "2024/02/18 12:47",
    ]
    assert [doc.comments[k].author for k in (0, 1, 3)] == ["Yumi", "Takeshi", "Mariko"]
    assert doc.comments[2].text.endswith("as crowded with tourists as ever.")


def test_a_bug_trackers_notes_with_roles_and_note_numbers() -> None:
    notes = [
        ("sokhavuth (reporter)", "2024-04-12 10:02", "Also happens on Ubuntu 24.04 with it."),
        ("vannak (developer)", "2024-04-12 11:30", "Confirmed with version 5.0 on Windows 11."),
        ("dara_k (reporter)", "2024-04-13 08:02", "Same here in Word 2021, so it is not Writer."),
        ("chanthy.s (viewer)", "2024-04-22 09:20", "Is there any workaround for now, please?"),
    ]
    text = "Bug 0000412: coeng Ro drawn on the wrong side\nActivities\n"
    for k, (name, when, words) in enumerate(notes):
        text += f"{name}\n{when}\n~000118{k}\n{words}\n"
    text += "Issue History\nDate Modified\tUsername\tField\tChange\n"
    text += "2024-04-12 09:14\tsokhavuth\tNew Issue\t\n2024-04-12 10:02\tsokhavuth\tNote Added\t\n"
    doc = split_text(text, roles=False)
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == notes


def test_a_name_over_the_posters_city_over_the_date() -> None:
    text = "Scam ring busted\nComments (3)\n"
    for name, city, words in [
        ("Tariq Mehmood", "Lahore", "Arrest the agents, but ask why graduates are so desperate."),
        ("Realist", None, "Same story every year, the big fish are never touched."),
        ("Syed Imran Ali", "Karachi", "Please run awareness campaigns in the smaller cities."),
    ]:
        text += f"{name}\n" + (f"{city}\n" if city else "") + f"Mar 21, 2024 08:14am\n{words}\n"
        text += "Recommend\n12\n"
    doc = split_text(text, roles=False)
    assert [c.author for c in doc.comments] == ["Tariq Mehmood", "Realist", "Syed Imran Ali"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("\u25b2 +15 \u25bc", "button"),
        (
            "\u0417\u0430\u0433\u0440\u0443\u0437\u0438\u0442\u044c \u0435\u0449\u0451 "
            "\u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438",
            "button",
        ),
        ("\u041f\u043e\u043f\u0443\u043b\u044f\u0440\u043d\u043e\u0435", "related"),
        ("\u6700\u8fd1\u306e\u65e5\u8a18", "related"),
        ("Issue History", "related"),
        ("\u30b3\u30e1\u30f3\u30c8\u3092\u66f8\u304f", "notice"),
    ],
)
def test_furniture_of_the_round_19_pages(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    "line",
    ["over 4 years ago", "58 min. geleden", "edited over 4 years ago"],
)
def test_more_relative_dates(line: str) -> None:
    assert line_type(line) in ("time", "button")
    assert is_timestamp(line) == (not line.startswith("edited"))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Notify me", "button"),
        ("Add Review", "button"),
        ("Meld", "button"),
        ("Respect 29", "button"),
        ("Verberg 5 reacties", "button"),
        ("Show all 7 reviews / Sort by newest", "header"),
        ("Lists", "related"),
        ("Meer over dit onderwerp", "related"),
        ("NUjij Expert Zuidoost-Azi\u00eb", "badge"),
        ("Moderator", "button"),  # (a forum rank, as before)
    ],
)
def test_review_and_dutch_comment_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_a_comment_read_from_markup_is_not_read_again_with_the_pages_tail() -> None:
    page = Path(__file__).parent / "pages" / "r17-folha-folhadoplanalto.html"
    doc = split_html(page.read_text("utf-8"))
    last = doc.comments[-1].text
    assert last.startswith("Ant\u00f4nio, sim: a embaixada em Bangcoc")
    assert sum(c.text.startswith("Ant\u00f4nio, sim") for c in doc.comments) == 1
    assert not any("Relacionadas" in c.text for c in doc.comments)
