"""split: the shapes read once the round-15 pages were dev pages (issue 11)."""

from __future__ import annotations

from stance.split.lines import REPLY_CONTEXT, meta_type, name_label
from stance.split.text import split_text


def test_chat_heads_of_names_that_repeat_over_times() -> None:
    msgs = [
        ("Rithy Sam", "08:14", "The livestream of the groundbreaking is up."),
        ("Maly K.", "08:31", "Has anyone seen the environmental impact assessment?"),
        ("Rithy Sam", "08:40", "No, only a two page summary was sent to the commission."),
        ("Maly K.", "08:44", "Then the farmers downstream will learn of it too late."),
    ]
    text = "Mekong Watchers\nMon, Aug 5 2024\n"
    text += "".join(f"{n}\n{t}\n{b}\n" for n, t, b in msgs)
    text += "Maly K. left the room\n"
    doc = split_text(text, roles=False)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == msgs


def test_in_reply_to_over_the_name_and_the_quoted_message() -> None:
    text = (
        "Room\nMon, Aug 5 2024\n"
        "Maly K.\n08:31\nHas anyone seen the impact assessment?\n"
        "Julien B\n08:40\nIn reply to\nMaly K.\nHas anyone seen the impact assessment?\n"
        "No. Only a summary was ever published.\n"
        "Maly K.\n08:44\nThen we ask the ministry for it in writing.\n"
        "Julien B\n08:50\nI will draft the letter tonight.\n"
    )
    doc = split_text(text, roles=False)
    reply = doc.comments[1]
    assert (reply.author, reply.text, reply.parent) == (
        "Julien B",
        "No. Only a summary was ever published.",
        1,
    )
    assert reply.quoted == "Has anyone seen the impact assessment?"


def test_reply_context_without_an_at_sign_and_names_with_an_initial() -> None:
    m = REPLY_CONTEXT.match("Replying to Rachel Moore: Is the recording shared?")
    assert m and m.group("name") == "Rachel Moore"
    assert name_label("Maly K.") and not name_label("This is a sentence.")
    assert meta_type("Sreyneang left the room") == "notice"
    assert meta_type("Kimhong Lay joined the group") == "notice"
