"""split: the shapes read once the first round-28 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.lines import NAV, NOTICE, meta_type, name_time
from stance.split.text import split_text
from stance.split.texttitle import headline
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "notice"),
    [
        ("You must register to comment.", True),
        ("Please log in or register", True),
        ("You have to register for an account to post", True),
        ("Madam, please register a complaint with the water board.", False),
    ],
)
def test_a_notice_asks_to_register_not_to_register_a_complaint(line: str, notice: bool) -> None:
    assert bool(NOTICE.search(line)) is notice


def test_a_sort_label_is_furniture() -> None:
    assert line_type("Sort: Oldest first | Newest first | Most liked") == "header"


@pytest.mark.parametrize(
    "line",
    [
        "Vuthy Chan commented on May 15, 2024 at 7:48 am",
        "Sreyneang Ly replied to Vuthy Chan on May 15, 2024 at 8:15 am",
    ],
)
def test_a_sentence_for_a_head(line: str) -> None:
    assert meta_type(line) == "said"


def test_a_head_sentence_names_the_poster_and_the_one_answered() -> None:
    text = (
        "Otres families refuse to leave as developer fences off beachfront land\n"
        "Families say they have lived on the land since the 1990s.\n"
        "3 Comments\n"
        "Vuthy Chan commented on May 15, 2024 at 7:48 am\n"
        "Same story every time, the company has a hard title and the families have letters.\n"
        "Like (23) | Reply | Flag\n"
        "Sreyneang Ly replied to Vuthy Chan on May 15, 2024 at 8:15 am\n"
        "The letters from the commune chief are not titles, the court will say.\n"
        "Like (4) | Reply | Flag\n"
        "Dara Kim commented on May 15, 2024 at 9:02 am\n"
        "Who signed the title in 2019? That is the question to ask.\n"
        "Like (9) | Reply | Flag\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"], c["parent"]) for c in got] == [
        ("Vuthy Chan", "May 15, 2024 at 7:48 am", None),
        ("Sreyneang Ly", "May 15, 2024 at 8:15 am", 1),
        ("Dara Kim", "May 15, 2024 at 9:02 am", None),
    ]


def test_the_place_beside_the_date_under_a_name_is_no_author() -> None:
    text = (
        "Bengaluru water crisis: tanker prices triple\n"
        "Borewells have run dry in the outer wards, residents say.\n"
        "36 Comments\n"
        "V\nVenkatesh Murthy\nBengaluru Mar 14, 2024 at 09:12 IST\n"
        "Every lake in the area was encroached for apartments and tech parks.\n"
        "Reply\nLike (142)\nReport\n"
        "D\nDeepa Nair\nWhitefield Mar 14, 2024 at 09:40 IST\n"
        "Our apartment complex was sold with a promise of piped water.\n"
        "Reply\nLike (88)\nReport\n"
        "A\nArun K\nMysuru Mar 14, 2024 at 10:05 IST\n"
        "The monsoon failed, that is the other part of the story.\n"
        "Reply\nLike (12)\nReport\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("Venkatesh Murthy", "Mar 14, 2024 at 09:12 IST"),
        ("Deepa Nair", "Mar 14, 2024 at 09:40 IST"),
        ("Arun K", "Mar 14, 2024 at 10:05 IST"),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("5 2024-02-11", "time"),  # a review's stars, then its date
        ("86\u4ef6\u4e2d 1\uff5e8\u4ef6\u76ee", "header"),  # reviews 1 to 8 of 86
        ("\u53c2\u8003\u306b\u306a\u3063\u305f\uff0821\u4eba\uff09", "button"),  # helpful (21)
        ("\u5546\u54c1\u3092\u4f7f\u3046\u4eba", "field_label"),  # for whom
        ("\u30b7\u30e7\u30c3\u30d7\u304b\u3089\u306e\u30b3\u30e1\u30f3\u30c8", "posted"),
        ("Jo 30\u4ee3 \u5973\u6027 \u8cfc\u5165\u8005\u3055\u3093", "posted"),
    ],
)
def test_round_28_review_lines(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_a_fan_fiction_review_head_names_the_chapter() -> None:
    assert name_time("kitsune.de.papel chapter 8 . Feb 11") == ("kitsune.de.papel", "Feb 11")


def test_a_shops_answer_is_a_comment_answering_the_review_above_it() -> None:
    shop = "\u30b7\u30e7\u30c3\u30d7\u304b\u3089\u306e\u30b3\u30e1\u30f3\u30c8"
    text = (
        "\u5357\u90e8\u9244\u5668 \u6025\u9808 0.5L\n"
        "\u307f\u3093\u306a\u306e\u30ec\u30d3\u30e5\u30fc\n"
        "86\u4ef6\u4e2d 1\uff5e8\u4ef6\u76ee\n"
        "5 2024-02-11\n"
        "Jo 50\u4ee3 \u7537\u6027 \u8cfc\u5165\u8005\u3055\u3093\n"
        "\u5546\u54c1\u3092\u4f7f\u3046\u4eba\n\u81ea\u5206\u7528\n"
        "\u601d\u3063\u3066\u3044\u305f\u3088\u308a\u5c0f\u3076\u308a\u3067\u3059\u304c\u3001"
        "\u4e00\u4eba\u3067\u98f2\u3080\u306b\u306f\u3061\u3087\u3046\u3069\u3044\u3044\u3067\u3059\u3002\n"
        "\u53c2\u8003\u306b\u306a\u3063\u305f\uff0821\u4eba\uff09\n"
        f"{shop}\n"
        "Jo\u69d8\u3000\u3054\u8cfc\u5165\u3044\u305f\u3060\u304d\u8aa0\u306b"
        "\u3042\u308a\u304c\u3068\u3046\u3054\u3056\u3044\u307e\u3059\u3002\n"
        "4 2024-02-06\n"
        "\u8cfc\u5165\u8005\u3055\u3093\n"
        "\u7236\u3078\u306e\u30d7\u30ec\u30bc\u30f3\u30c8\u306b\u8cfc\u5165\u3057\u307e"
        "\u3057\u305f\u3002\u7bb1\u3082\u3057\u3063\u304b\u308a\u3057\u3066\u3044\u307e\u3057\u305f\u3002\n"
        "\u53c2\u8003\u306b\u306a\u3063\u305f\uff087\u4eba\uff09\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"], c["parent"]) for c in got] == [
        ("Jo", "2024-02-11", None),
        (None, None, 1),
        ("\u8cfc\u5165\u8005\u3055\u3093", "2024-02-06", None),
    ]


def test_a_reply_opening_with_a_posters_whole_name_answers_them() -> None:
    text = (
        "Candle at the Palace, a cartoon\n"
        "Ink and watercolour, 2023.\n"
        "Comments 4\n"
        "paperlantern-studio\nJul 30, 2023\n"
        "The extinguished candle in the corner is so quietly devastating.\n"
        "Reply\n"
        "inkmonsoon\nJul 30, 2023\n"
        "paperlantern-studio thank you! I was worried it was too subtle.\n"
        "Reply\n"
        "Vexillo-Nerd\nJul 31, 2023\n"
        "Technically the crown is wrong, Cambodia is a constitutional monarchy.\n"
        "Reply\n"
        "DragonfruitDoodles\nJul 31, 2023\n"
        "Vexillo-Nerd pretty sure that's the whole joke lol\n"
        "Reply\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["parent"]) for c in got] == [
        ("paperlantern-studio", None),
        ("inkmonsoon", 1),
        ("Vexillo-Nerd", None),
        ("DragonfruitDoodles", 3),
    ]


def test_a_plan_badge_after_a_name_is_no_part_of_it() -> None:
    assert name_time("Dara Keo PLUS 2 years ago") == ("Dara Keo", "2 years ago")


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("Ori Shaham Nov 6, 2024 5 min read", False),  # a byline with the reading time
        ("Tel Aviv's Purple Line Is Delayed Again", True),
    ],
)
def test_a_byline_with_a_reading_time_is_no_title(line: str, ok: bool) -> None:
    assert headline(line, line) is ok


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Registriert", "field_label"),  # a XenForo profile's join date, under its label
        ("Zum Vergr\u00f6\u00dfern anklicken....", "quote_end"),
        ("Reaktionen: Tarnkappe_XL, Holzmichl und 23 weitere", "button"),
        ("Du musst dich anmelden oder registrieren, um hier zu antworten.", "notice"),
        ("Entra o reg\u00edstrate para comentar.", "notice"),
        ("votos: 38 karma: 291 responder", "reply"),
        ("ordenar: fecha votos \u00e1rbol", "header"),
        ("Relacionadas", "related"),
        ("hace 7 h", "time"),
    ],
)
def test_round_28_forum_lines(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_spanish_share_buttons_are_navigation() -> None:
    assert NAV.match("compartir en Facebook compartir en X compartir en Telegram")
