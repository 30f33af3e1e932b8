"""split: the shapes read once the round-17 pages were dev pages (issue 11)."""

from __future__ import annotations

from stance.split.lines import signed_tail, thread_head
from stance.split.text import split_text


def test_talk_page_signatures_in_spanish_and_an_unsigned_note() -> None:
    assert signed_tail("Gracias. Lobo del Mekong (discusión) 12:02 12 ago 2024 (UTC)") == (
        "Lobo del Mekong",
        "12:02 12 ago 2024 (UTC)",
        9,
    )
    line = "hay que borrar — El comentario anterior sin firmar es obra de 181.47.203.12 (disc.)"
    assert signed_tail(line)[:2] == ("181.47.203.12", None)
    assert signed_tail("I met Jo (talk) at the market") is None


def test_a_textboard_head_and_its_number() -> None:
    head = (
        "12 \uff1a\u540d\u7121\u3057\u3055\u3093\uff1a2023/07/27(\u6728) 09:40:26.13 ID:Gm8Ia4Dv0"
    )
    assert thread_head(head) == (
        "\u540d\u7121\u3057\u3055\u3093",
        "2023/07/27(\u6728) 09:40:26.13",
        False,
    )


def test_entries_signed_under_their_dates() -> None:
    entries = [
        ("the canal was launched on his birthday, which says a lot.", "gece treni"),
        ("(bkz: hun sen)", "sezerkaan"),
        ("nobody I asked in siem reap wanted to talk about it.", "gezgin bilal"),
        ("the father still runs the senate, so nothing changed at all.", "mekong kedisi"),
        ("the scam compounds are the real story here, not the canal.", "yalniz kurt"),
        ("and the border with thailand is closed again this month.", "tarafsiz okur"),
    ]
    text = "hun manet\n"
    text += "".join(f"{b}\n{k + 2}\n2{k}.08.2023 10:41\n{a}\n" for k, (b, a) in enumerate(entries))
    text += "1\n/\n2\n"
    doc = split_text(text, roles=False)
    assert doc.rebuild() == text
    assert [(c.author, c.text) for c in doc.comments] == [(a, b) for b, a in entries]


def test_a_name_and_date_after_the_text_and_its_likes_sign_it() -> None:
    text = (
        "Comments\n"
        "Comment 1\nThe border checkpoint was closed all week.\nLike 4\nSomchai\n"
        "27 Jul 2023 10:02\nReply\nReport\n"
        "Comment 2\nIt opened again on Monday morning.\nLike 2\nNok\n27 Jul 2023 11:15\n"
        "Reply\nReport\n"
        "Comment 3\nOnly for trucks, not for people yet.\nLike 9\nArun\n27 Jul 2023 12:40\n"
        "Reply\nReport\n"
    )
    doc = split_text(text, roles=False)
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Somchai", "27 Jul 2023 10:02", "The border checkpoint was closed all week."),
        ("Nok", "27 Jul 2023 11:15", "It opened again on Monday morning."),
        ("Arun", "27 Jul 2023 12:40", "Only for trucks, not for people yet."),
    ]


def test_an_advert_between_comments_is_no_comment() -> None:
    text = (
        "Comments (3)\n"
        "Pan_Z\n3 hours ago\nThe vote had no opposition on the ballot.\nReply\n"
        "Sponsored\nCheap flights to Phnom Penh this winter\n"
        "kartofel\n2 hours ago\nAnd the son takes over in August.\nReply\n"
        "mirek\n1 hour ago\nThat was announced before the vote.\nReply\n"
    )
    doc = split_text(text, roles=False)
    assert [c.text for c in doc.comments] == [
        "The vote had no opposition on the ballot.",
        "And the son takes over in August.",
        "That was announced before the vote.",
    ]


def test_a_wechat_export_with_quotes_under_the_replies() -> None:
    text = (
        "\u7fa4\u804a\n"
        "2024-08-05 10:15:40 Li Haifeng\nThe canal groundbreaking is today, watch the stream.\n\n"
        "2024-08-05 10:21:03 Chen Jianguo\nIt hardly matters for the port here.\n"
        "[\u5f15\u7528] Li Haifeng\uff1aThe canal groundbreaking is today, watch the stream.\n\n"
        "2024-08-05 10:24:56 Li Haifeng\nIt matters: the inland freight moves to the canal.\n\n"
        "2024-08-05 10:27:48 \u7cfb\u7edf\u6d88\u606f\n"
        '"Zhao" \u64a4\u56de\u4e86\u4e00\u6761\u6d88\u606f\n'
    )
    doc = split_text(text, roles=False)
    assert [(c.author, c.posted_at, c.parent) for c in doc.comments] == [
        ("Li Haifeng", "2024-08-05 10:15:40", None),
        ("Chen Jianguo", "2024-08-05 10:21:03", 1),
        ("Li Haifeng", "2024-08-05 10:24:56", None),
    ]
    assert doc.comments[1].quoted == "The canal groundbreaking is today, watch the stream."
