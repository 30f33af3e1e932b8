"""split: the shapes read once the round-25 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.lines import is_timestamp, posted_by
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "author"),
    [
        (
            "BEST \ubc84\uc12f\ub3cc\uc774(mush****) \uc2e0\uace0",
            "\ubc84\uc12f\ub3cc\uc774(mush****)",
        ),
        ("\ud55c\ub77c\ubd09 (hall****) \uc2e0\uace0", "\ud55c\ub77c\ubd09(hall****)"),
    ],
)
def test_a_korean_portals_head_names_the_poster(line: str, author: str) -> None:
    assert posted_by(line) == (author, None)
    assert line_type(line) == "posted"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Showing 50 of 214 comments", "header"),  # a Guardian-style page
        ("Meridian Pick", "badge"),
        ("Editors' Pick", "badge"),
        ("1,024\uac1c\uc758 \ub313\uae00\uc804\uccb4 \ub313\uae00 \ub354\ubcf4\uae30", "header"),
        ("\uacf5\uac10\ube44\uc728\uc21c", "header"),  # Naver: sorted by likes
        ("\ud074\ub9b0\ubd07", "header"),  # the clean bot
        ("\ud604\uc7ac \uc785\ub825\ud55c \uae00\uc790\uc218 0/300\ub4f1\ub85d", "notice"),
        ("작성자에 의해 삭제된 댓글입니다.", "notice"),  # deleted by its writer
        ("Empfehlen (212)AntwortenMelden", "reply"),  # Süddeutsche-style buttons, glued
        ("Weitere Kommentare laden11 von 47 Kommentaren", "button"),
        ("Älteste zuerst Neueste zuerst Meiste Empfehlungen", "header"),
        ("Anmelden und mitdiskutieren", "notice"),
        ("Dieser Kommentar wurde von der Redaktion entfernt.", "notice"),
        ("Nejnovější", "header"),  # Czech sort tabs
        ("Napište svůj názor…", "header"),
        ("Tento příspěvek byl skryt, protože porušil pravidla diskuze.", "notice"),
        ("Vui lòng nhập tiếng Việt có dấu", "notice"),
        ("Đọc nhiều", "related"),  # Vietnamese: most read
    ],
)
def test_round_25_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize("line", ["včera 22:47", "dnes 6:15"])
def test_czech_yesterday_and_today_are_dates(line: str) -> None:
    assert is_timestamp(line)


def test_a_single_letter_avatar_over_a_byline_is_no_author() -> None:
    text = (
        "Deutschlandticket wird teurer\n"
        "Der Preis steigt ab Januar auf 58 Euro, beschlossen die Verkehrsminister.\n"
        "Kommentare\n"
        "W\nWolfgang Reisinger 23.09.2024, 17:12 Uhr\n"
        "Schon wieder eine Erhöhung nach nicht mal zwei Jahren.\n"
        "Empfehlen (96)AntwortenMelden\n"
        "M\nmobil_in_muenchen 23.09.2024, 17:30 Uhr\n"
        "Ganz ehrlich: 58 Euro für ganz Deutschland ist immer noch ein Witz.\n"
        "Empfehlen (341)AntwortenMelden\n"
        "C\nClaraW 23.09.2024, 17:49 Uhr\n"
        "Auf dem Land fährt der Bus zweimal am Tag.\n"
        "Empfehlen (12)AntwortenMelden\n"
    )
    got = as_gold(split_text(text).comments)
    assert [c["author"] for c in got] == ["Wolfgang Reisinger", "mobil_in_muenchen", "ClaraW"]


def test_a_date_under_the_buttons_closes_the_comment_its_name_opened() -> None:
    text = (
        "Campuchia khởi công kênh đào Funan Techo\n"
        "Kênh đào dài 180 km nối Phnom Penh với biển, theo thông báo của chính phủ.\n"
        "Bình luận (3)\n"
        "Trần Minh Khoa\nĐề nghị phía Campuchia công bố đầy đủ báo cáo môi trường.\n"
        "Thích (356)\nTrả lời\n05/08/2024 10:12\n"
        "Lê Thị Ngọc Hân\nĐồng ý, mùa nước nổi mấy năm nay thấp hẳn.\n"
        "Thích (120)\nTrả lời\n05/08/2024 10:40\n"
        "Phạm Quốc Bảo\nPhía Campuchia nói kênh chủ yếu để vận tải.\n"
        "Thích (12)\nTrả lời\n05/08/2024 11:02\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("Trần Minh Khoa", "05/08/2024 10:12"),
        ("Lê Thị Ngọc Hân", "05/08/2024 10:40"),
        ("Phạm Quốc Bảo", "05/08/2024 11:02"),
    ]


def test_a_mention_at_the_start_answers_that_posters_latest_comment() -> None:
    text = (
        "Nine citizens rescued from scam compounds return home\n"
        "They landed in Istanbul on Tuesday after months in Sihanoukville.\n"
        "Comments\n"
        "kemal_1967\n2 hours ago\nWhy do these young men believe such job adverts at all?\n"
        "Reply\n"
        "Hakan Toprak\n1 hour ago\n@kemal_1967 Blaming the victims is easy, it is a trap.\n"
        "Reply\n"
        "kemal_1967\n1 hour ago\n@Hakan Toprak You are right, I did not mean to blame them.\n"
        "Reply\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["parent"]) for c in got] == [
        ("kemal_1967", None),
        ("Hakan Toprak", 1),
        ("kemal_1967", 2),
    ]


def test_replies_counted_under_a_comment_answer_it_up_to_the_fold() -> None:
    text = (
        "Rescued from a scam compound\n"
        "Twenty Koreans are still held in compounds near the border, the embassy said.\n"
        "Comments\n"
        "JoLee(jole****) \uc2e0\uace0\nAdverts promising ten million won a month are all scams.\n"
        "2024.05.21. 14:35\n\ub2f5\uae002\n"
        "KimHa(kimh****) \uc2e0\uace0\nThe police and an NGO moved first, the article says.\n"
        "2024.05.21. 14:52\n"
        "ParkMin(park****) \uc2e0\uace0\nNobody goes there knowing it is a scam.\n"
        "2024.05.21. 15:10\n"
        "\ub2f5\uae00 \uc4f0\uae30\n\ub2f5\uae00 \uc811\uae30\n"
        "ChoiSu(choi****) \uc2e0\uace0\nWhat is the government there doing about it?\n"
        "2024.05.21. 15:41\n\ub2f5\uae000\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["parent"]) for c in got] == [
        ("JoLee(jole****)", None),
        ("KimHa(kimh****)", 1),
        ("ParkMin(park****)", 1),
        ("ChoiSu(choi****)", None),
    ]
