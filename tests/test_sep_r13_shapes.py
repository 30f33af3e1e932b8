"""split: the shapes read once the round-13 pages were dev pages (issue 11)."""

from __future__ import annotations

from stance.split.lines import QUOTE_INTRO, is_timestamp, meta_type, name_time
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_issue_tracker_notes() -> None:
    assert line_type("Status changed from New to In Progress") == "button"
    assert line_type("Assignee set to Sophal Meas") == "button"
    assert line_type("Done changed from 60 to 100") == "button"
    assert line_type("Prices changed from 5 to 10 overnight.") is None  # a sentence
    assert meta_type("Quote #4") == "button"
    assert line_type("#3") == "postnum"
    assert name_time("Updated by Vichet N. 10 months ago") == ("Vichet N.", "10 months ago")
    assert QUOTE_INTRO.match("Dara Chea wrote in #note-2:")


def test_a_handle_under_a_name_is_a_badge() -> None:
    assert line_type("@sothea.k") == "badge"
    assert line_type("@ everyone listen") != "badge"


def test_thai_abbreviated_months_and_removal_notice() -> None:
    assert is_timestamp("22 \u0e2a.\u0e04. 66 14:02 \u0e19.")
    assert is_timestamp("3 \u0e21\u0e35.\u0e04. 2566")
    assert (
        meta_type(
            "\u0e04\u0e27\u0e32\u0e21\u0e04\u0e34\u0e14\u0e40\u0e2b\u0e47\u0e19"
            "\u0e19\u0e35\u0e49\u0e16\u0e39\u0e01\u0e25\u0e1a"
        )
        == "notice"
    )


def test_hotel_review_furniture() -> None:
    for line in (
        "Was this review helpful?",
        "23 people found this review helpful",
        "Stayed 2 nights in March 2023",
        "Response from property",
        "8.0",
        "Excellent",
        "9.2 Superb",
        "Yes",
    ):
        assert meta_type(line) in ("button", "reply"), line
    assert meta_type("Excellent point, thank you.") is None
    assert is_timestamp("Reviewed March 14, 2023")


def test_chat_reactions_do_not_make_the_time_lead() -> None:
    text = (
        "Group chat\n3 comments\n"
        "Vannak Chhun\nSo sorry to hear about the verdict today.\n\U0001f622 34\n\u2764 12\n14:11\n"
        "Ponlok Sok\nThey planned a coup, the court has the evidence.\n\U0001f44e 41\n14:13\n"
        "Sreyneang\nPonlok Sok\nThey planned a coup, the court has\u2026\n"
        "Evidence? Facebook posts and an airport welcome. That is all.\n\U0001f44d 27\n14:16\n"
    )
    doc = split_text(text, roles=False)
    assert doc.rebuild() == text
    got = [(c.author, c.posted_at, c.text) for c in doc.comments]
    assert got[:2] == [
        ("Vannak Chhun", "14:11", "So sorry to hear about the verdict today."),
        ("Ponlok Sok", "14:13", "They planned a coup, the court has the evidence."),
    ]
    assert got[2][:2] == ("Sreyneang", "14:16")
    assert doc.comments[2].parent == 2
