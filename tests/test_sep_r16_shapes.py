"""split: the shapes read once the round-16 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from stance.split.lines import is_timestamp, meta_type, name_time
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "line",
    [
        "2017年9月4日 10:22",
        "2025년 10월 14일 화요일",
        "오후 7:02",
        "B2-1・2022年8月18日 22:31",
        "vor 6 Std.",
    ],
)
def test_cjk_and_abbreviated_dates(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["2017年", "日本", "vor Ort", "Std. 3"])
def test_not_dates(line: str) -> None:
    assert not is_timestamp(line)


def test_kakaotalk_export_with_join_and_leave_notices() -> None:
    text = (
        "Room\n--------------- 2025년 10월 14일 화요일 ---------------\n"
        "[Sokha] [오후 7:02] The advisory covers Bokor and Poipet.\n"
        "Dara님이 들어왔습니다.\n"
        "[Jay Lee] [오후 7:05] Thanks, passing it on.\n"
        "And the embassy number is pinned.\n"
        "[Sokha] [오후 7:06] Stay safe.\n"
        "Dara님이 나갔습니다.\n"
    )
    doc = split_text(text, roles=False)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Sokha", "오후 7:02", "The advisory covers Bokor and Poipet."),
        ("Jay Lee", "오후 7:05", "Thanks, passing it on.\nAnd the embassy number is pinned."),
        ("Sokha", "오후 7:06", "Stay safe."),
    ]


def test_phabricator_timeline_events_and_comments() -> None:
    assert name_time("dara.keo added a comment.Jul 26 2023, 10:12 AM") == (
        "dara.keo",
        "Jul 26 2023, 10:12 AM",
    )
    assert line_type("marcus.hale awarded a token.") == "button"
    assert line_type("dara.keo changed the task status from Open to In Progress.") == "button"


def test_typepad_posted_by_after_the_text_and_a_quote_by_name() -> None:
    text = (
        "Comments\n"
        "House arrest is the tell. They don't want a martyr before July.\n"
        "Posted by: R. Chhay | March 03, 2023 at 09:15 PM\n"
        'R. Chhay: "They don\'t want a martyr before July."\n'
        "Exactly, and it keeps him from campaigning.\n"
        "Posted by: Tom Frey | March 03, 2023 at 10:04 PM\n"
        "The comments to this entry are closed.\n"
    )
    doc = split_text(text, roles=False)
    assert [(c.author, c.text, c.parent, c.quoted) for c in doc.comments] == [
        ("R. Chhay", "House arrest is the tell. They don't want a martyr before July.", None, None),
        (
            "Tom Frey",
            "Exactly, and it keeps him from campaigning.",
            1,
            "They don't want a martyr before July.",
        ),
    ]


def test_jcomments_head_and_a_khmer_quote() -> None:
    assert name_time("#3 Sokha 12.06.2023 16:05 +4") == ("Sokha", "12.06.2023 16:05")
    assert name_time("#1 May 15, 2023") == ("#1", "May 15, 2023")  # a number, then a date
    assert meta_type("Sokha_PV \u1794\u17b6\u1793\u179f\u179a\u179f\u17c1\u179a\u17d6") == (
        "quote_intro"
    )


def test_german_name_with_badge_and_relative_date() -> None:
    assert name_time("Sven Hartung WELD-Autor vor 4 Std.") == ("Sven Hartung", "vor 4 Std.")
    assert name_time("Stefan Oe. vor 4 Std.") == ("Stefan Oe.", "vor 4 Std.")
    assert meta_type("Die Kommentarfunktion für diesen Artikel wurde geschlossen.") == "notice"
    assert meta_type("Antworten Gefällt mir 142 Melden") == "reply"


@pytest.mark.parametrize(
    "line",
    [
        "há 3 horas",
        "3 ore fa",
        "3 uur geleden",
        "3 godziny temu",
        "3 saat önce",
        "2 timmar sedan",
        "3 timer siden",
        "před 3 hodinami",
        "3 oras na ang nakalipas",
        "\u0645\u0646\u0630 3 \u0633\u0627\u0639\u0627\u062a",
        "3 घंटे पहले",
        "12 de março de 2023",
        "12 Mei 2023 10:00",
        "7 lipca 2023 14:02",
    ],
)
def test_dates_in_more_languages(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Responder Curtir Denunciar", "reply"),
        ("Rispondi · Mi piace", "reply"),
        ("Odpowiedz Zgłoś", "reply"),
        ("Ver 3 respostas", "button"),
        ("Komentarze (12)", "header"),
        ("Comentários", "header"),
        ("Kirim", "button"),
    ],
)
def test_buttons_and_headers_in_more_languages(line: str, kind: str) -> None:
    assert meta_type(line) == kind


def test_a_name_that_starts_like_a_month_is_a_name() -> None:
    assert name_time("Mei Lin 3 May 2019") == ("Mei Lin", "3 May 2019")
    assert name_time("Mon, Dec 30 2019 03:19") is None
