"""split: the shapes read once the round-24 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.lines import (
    REACTION,
    SAID,
    date_label,
    is_timestamp,
    meta_type,
    name_time,
    posted_by,
)
from stance.split.text import split_text
from stance.split.threadlines import line_type, menu_line


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Geschrieben am 2. April 2024", "2. April 2024"),  # a review's date
        ("Antwort vom 5. April 2024", "5. April 2024"),  # the owner's answer's
        ("Written November 28, 2023", "November 28, 2023"),
        ("Responded Oct 4, 2022", "Oct 4, 2022"),
    ],
)
def test_a_labelled_review_date_is_a_date_and_its_label_is_dropped(line: str, date: str) -> None:
    assert is_timestamp(line)
    assert date_label(line) == date


@pytest.mark.parametrize("line", ["3 d", "21 h", "2 w"])
def test_a_donation_pages_age_is_a_date(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["Written by Jo", "Geschrieben am Montag", "3 dogs"])
def test_a_label_without_a_date_is_no_date(line: str) -> None:
    assert not is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Words of support (12)", "header"),
        ("Please donate to share words of support.", "notice"),
        ("Aufenthaltsdatum: März 2024", "badge"),  # a hotel review's stay
        ("Date of stay: March 2024", "badge"),
        ("Reiseart: Als Paar unterwegs", "badge"),
        ("Graz, Österreich 4 Beiträge", "badge"),  # the reviewer's place and count
        ("312 contributions", "badge"),
        ("Weniger lesen", "bullet"),  # a long text's fold
        ("Read more", "bullet"),
        ("Hilfreich", "button"),
        ("Antwort melden", "button"),
        ("Diese Bewertung ist die subjektive Meinung eines Mitglieds.", "notice"),
        ("Offline", "badge"),  # a forum poster's status
        ("Member is Online", "badge"),
        ("Activity: 3192", "button"),  # Bitcointalk's profile fields
        ("Merit: 2841", "button"),
        ("Post Options", "button"),  # ProBoards
        ("lowell_kh likes this", "button"),
        ("srey_leak, Vuthy72, and 4 more like this", "button"),
        ("Quote from NorCal Bong Thom on Mar 4, 2023 at 12:40am", "quote_intro"),
        ("MetalSlugAddict posted...", "quote_intro"),  # GameFAQs
        ("(Topic Creator)", "badge"),
        ("Message Detail", "button"),
        ("More Topics from this Board", "related"),
        ("Comment Actions", "button"),  # AO3
        ("Parent Thread", "button"),
        ("10000 characters left", "notice"),
        ("tonle_sap писал(\u0430):", "quote_intro"),  # RuTracker
        ("Стаж: 11 лет 2 месяца", "button"),
        ("Вы не можете отвечать на сообщения", "notice"),
        ("1件の返信を隠す", "reply"),  # pixiv: hide 1 reply
        ("関連作品", "related"),  # related works
        ("コメントを送信するにはログインしてください", "notice"),
        ("In response to Mike_R", "reply_to"),  # Khoros
        ("Accepted Solution", "button"),
        ("Message 11 of 12", "button"),
        ("Select a membership level", "related"),  # Patreon's tiers after the comments
        ("Join now to comment", "notice"),
        ("\u53d1\u5e03\u4e8e\u5e7f\u4e1c", "button"),  # Hupu: posted from Guangdong
        ("\u4eae\u4e86(56)", "button"),  # likes
        (
            "\u5f15\u7528 4\u697c @\u6ce2\u58eb\u987f\u5012\u8336\u4eba \u53d1\u8868\u7684:",
            "quote_intro",
        ),
        ("(566 Views)", "button"),
    ],
)
def test_round_24_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize("line", ["$100", "€25", "US$ 1,000"])
def test_a_donations_amount_is_furniture(line: str) -> None:
    assert REACTION.match(line)


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("inkblot_marginalia on Chapter 4 Fri 14 Jun 2024 09:12PM UTC", "inkblot_marginalia"),
        ("Quill (quillfeather) on Chapter 12 Sat 15 Jun 2024 08:27AM UTC", "Quill (quillfeather)"),
    ],
)
def test_a_comment_on_a_chapter_names_its_poster(line: str, head: str) -> None:
    assert name_time(line)[0] == head  # type: ignore[index]


def test_a_films_length_is_no_byline() -> None:
    assert meta_type("Продолжительность: 01:32:18") is None


def test_a_dates_label_names_nobody() -> None:
    assert name_time("Created 3 d ago") == ("Created", "3 d ago")
    assert meta_type("Created 3 d ago") is None  # (a fundraiser's age, no byline)


@pytest.mark.parametrize(
    "line", ["I really like this", "I like this", "Read more about the vote here", "$100 a month"]
)
def test_prose_that_looks_like_furniture_stays_prose(line: str) -> None:
    assert line_type(line) is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("hafenkind77 hat eine Bewertung geschrieben (März 2024)", "hafenkind77"),
        ("Jo wrote a review Mar 2024", "Jo"),
        ("Jo wrote a review", "Jo"),
        ("Phạm Quốc Bảo nói:", "Phạm Quốc Bảo"),  # WordPress in Vietnamese: "Jo says:"
        ("ป้าแดง นนทบุรี พูดว่า:", "ป้าแดง นนทบุรี"),  # and in Thai
    ],
)
def test_a_review_sites_head_names_the_reviewer(line: str, author: str) -> None:
    m = SAID.match(line)
    assert m is not None and m["author"] == author


def test_a_review_of_a_thing_is_no_head() -> None:
    assert SAID.match("Jo wrote a review of the book") is None


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Sokunthea P, Guest Relations Manager von Golden Lotus Bay Resort", "Sokunthea P"),
        (
            "Response from Tuol Sleng Museum, Public Relations at Tuol Sleng Museum",
            "Tuol Sleng Museum",
        ),
    ],
)
def test_an_owners_answer_names_the_owner(line: str, author: str) -> None:
    assert posted_by(line) == (author, None)


def test_a_name_and_a_place_is_no_owners_answer() -> None:
    assert posted_by("Sokha Lim, a teacher from Kampot") is None


@pytest.mark.parametrize(
    ("line", "crumbs"),
    [
        ("Hashtalk Forum > Economy > Scam Accusations > [WARNING] A long thread title here", True),
        ("Open Settings > Apps > Installed apps > Edge WebView2 > Modify > Repair.", False),
    ],
)
def test_a_breadcrumb_may_end_in_a_long_title(line: str, crumbs: bool) -> None:
    assert menu_line(line) is crumbs


def test_words_of_support_are_read_with_their_donors() -> None:
    text = (
        "Help Rithy come home\n"
        "Rithy was held in a compound in Sihanoukville for four months and is now safe.\n"
        "Words of support (3)\nPlease donate to share words of support.\n"
        "Channary Prum\n$100\n·\n3 d\nPraying for Rithy and for your aunt, stay strong.\n"
        "Kevin Tran\n$25\n·\n2 d\nThese compounds are everywhere now, hope he gets out soon.\n"
        "Anonymous\n$50\n·\n21 h\nSending love. Please also contact IJM, they helped.\n"
    )
    assert [(c["author"], c["posted_at"]) for c in as_gold(split_text(text).comments)] == [
        ("Channary Prum", "3 d"),
        ("Kevin Tran", "2 d"),
        ("Anonymous", "21 h"),
    ]


def test_a_review_and_the_owners_answer_are_two_comments() -> None:
    text = (
        "Golden Lotus Bay Resort\n"
        "hafenkind77 hat eine Bewertung geschrieben (März 2024)\n"
        "Hamburg, Deutschland 38 Beiträge\n"
        "Schönes Zimmer, aber ringsum nur Baustellen\n"
        "Das Zimmer war sauber und groß, der Blick aufs Meer wirklich schön.\n"
        "Weniger lesen\nAufenthaltsdatum: März 2024\nReiseart: Als Paar unterwegs\n"
        "Geschrieben am 2. April 2024\n"
        "Diese Bewertung ist die subjektive Meinung eines Mitglieds.\nHilfreich\n7\nTeilen\n"
        "Sokunthea P, Guest Relations Manager von Golden Lotus Bay Resort\n"
        "Antwort vom 5. April 2024\n"
        "Vielen Dank für Ihre ehrliche Bewertung, wir freuen uns auf Ihren nächsten Besuch.\n"
        "Antwort melden\n"
        "Backpacker_Lena hat eine Bewertung geschrieben (März 2024)\nGraz, Österreich 4 Beiträge\n"
        "Casino im Haus\nJede Nacht Gruppen, die lautstark durch die Flure laufen.\n"
        "Geschrieben am 24. März 2024\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("hafenkind77", "2. April 2024"),
        ("Sokunthea P", "5. April 2024"),
        ("Backpacker_Lena", "24. März 2024"),
    ]
    assert got[0]["text"] == (
        "Schönes Zimmer, aber ringsum nur Baustellen\n"
        "Das Zimmer war sauber und groß, der Blick aufs Meer wirklich schön."
    )
