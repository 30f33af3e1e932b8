"""split: the shapes read once the round-12 pages were dev pages (issue 11)."""

from __future__ import annotations

from stance.split.lines import is_timestamp, meta_type
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_russian_ages_buttons_headers_and_notices() -> None:
    assert is_timestamp("5 \u0447\u0430\u0441\u043e\u0432 \u043d\u0430\u0437\u0430\u0434")
    assert meta_type("\u041e\u0442\u0432\u0435\u0442\u0438\u0442\u044c") == "reply"
    assert (
        meta_type("\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438") == "header"
    )
    assert line_type("\u0410\u0432\u0442\u043e\u0440 \u043f\u043e\u0441\u0442\u0430") == "badge"
    assert meta_type("+84") == "button" and meta_type("-14") == "button"


def test_a_russian_comment_tree_is_read() -> None:
    reply, ago = (
        "\u041e\u0442\u0432\u0435\u0442\u0438\u0442\u044c",
        "\u043d\u0430\u0437\u0430\u0434",
    )
    posts = [
        (
            "Shurik",
            f"5 \u0447\u0430\u0441\u043e\u0432 {ago}",
            "I live in Cambodia too and my neighbours agree.",
        ),
        (
            "Orlik_78",
            f"4 \u0447\u0430\u0441\u0430 {ago}",
            "That was forty years ago, how long can it work?",
        ),
        ("fox.in.sox", f"3 \u0447\u0430\u0441\u0430 {ago}", "Is it calm for tourists there now?"),
    ]
    text = "Post text here.\n\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438\n"
    text += "".join(f"{n}\n{w}\n+12\n{t}\n{reply}\n" for n, w, t in posts)
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == posts


def test_bug_tracker_heads_and_reply_notes() -> None:
    from stance.split.lines import reply_author, thread_head

    head = "[\u2212] Comment 3 Jo Lim 2023-02-14 11:48:03 UTC"
    assert thread_head(head) == ("Jo Lim", "2023-02-14 11:48:03 UTC", False)
    assert thread_head("[+] Comment 7 spambot 2023-02-17 22:41:07 UTC spam")[0] == "spambot"
    assert reply_author("(In reply to Jonas W. from comment #2)") == "Jonas W."


def test_chat_reactions_and_system_lines_are_no_text() -> None:
    assert meta_type("\u2764Sreymom Pich") == "button"  # a reaction and who gave it
    assert meta_type("\U0001f44d Chris Aldane") == "button"
    assert meta_type("\U0001f602 lol that is funny") is None  # a message, not a reaction
    assert meta_type("Sothy Lay unsent a message.") == "notice"
    assert meta_type("Sreymom Pich added Kanha Sim to the group.") == "notice"
