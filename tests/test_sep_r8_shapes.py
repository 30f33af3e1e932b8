"""split: the shapes read once the round-8 pages were dev pages (issue 11): review pages,
compact feed ages, French "en réponse au commentaire de", textboard heads, CJK counts."""

from __future__ import annotations

from page_gold import as_gold
from stance.split.html import split_html
from stance.split.lines import HEADER, REPLY_TO, is_timestamp, meta_type, thread_head
from stance.split.text import split_text


def test_review_headers_dates_and_ratings() -> None:
    assert HEADER.match("Top reviews from the United States") and HEADER.match("212 global ratings")
    assert not HEADER.match("Reviews")  # a newspaper's menu item
    assert is_timestamp("Reviewed in the United States on March 3, 2018")
    assert not is_timestamp("Reviewed in the country")
    assert meta_type("5.0 out of 5 stars Read this before your first trip") == "button"
    assert meta_type("Rated 4 out of 5") == "button"
    assert meta_type("Five out of the 10 ministers resigned in 2018.") is None


def test_an_amazon_style_review_list_is_read_as_comments() -> None:
    head = "Customer reviews\n4.5 out of 5 stars\n\nTop reviews\nTop reviews from the US\n\n"
    reviews = [
        (
            "Kevin Raymond",
            "5.0 out of 5 stars First",
            "March 3, 2018",
            "Well sourced, it explains it.",
        ),
        (
            "M. Sovann",
            "3.0 out of 5 stars Outside",
            "November 19, 2017",
            "Solid, but condescending.",
        ),
        (
            "Thida R.",
            "1.0 out of 5 stars Maps",
            "June 5, 2021",
            "The maps are tiny and cannot be zoomed.",
        ),
    ]
    body = "".join(
        f"{name}\n{stars}\nReviewed in the United States on {date}\nVerified Purchase\n{text}\n"
        "12 people found this helpful\nHelpful\nReport\n\n"
        for name, stars, date, text in reviews
    )
    text = head + body + "See more reviews\n"
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        (name, f"Reviewed in the United States on {date}", text) for name, _, date, text in reviews
    ]


def test_compact_feed_ages_and_edit_notes() -> None:
    assert is_timestamp("2y") and is_timestamp("5d") and is_timestamp("1y \u2022 Edited")
    assert meta_type("Edited") == "button" and meta_type("Show 2 more replies") == "reply"
    assert meta_type("\u2022 2nd") == "button"


def test_a_french_reply_line_names_the_parent_and_its_date() -> None:
    m = REPLY_TO.match("en réponse au commentaire de Jean-Luc Morin le 17/05/2023 19:42")
    assert m is not None and m.group("author") == "Jean-Luc Morin"
    assert REPLY_TO.match("Replying to kdara88").group("author") == "kdara88"  # type: ignore[union-attr]


def _openweb(items: list[tuple[str, str, str | None, str]]) -> str:
    lis = "".join(
        f'<li class="spcv_list-item"><article class="spcv_messageView">'
        f'<header><span class="spcv_username">{name}</span>'
        f'<time datetime="2022-09-20">{age}</time></header>'
        + (f'<div class="spcv_reply-to">Replying to <span>{to}</span></div>' if to else "")
        + f'<div class="spcv_message-text"><p>{text}</p></div>'
        f"<button>Reply</button></article></li>"
        for name, age, to, text in items
    )
    return (
        "<html><head><title>Scam compounds</title></head><body><article><h1>Scam compounds"
        "</h1><p>Freed workers describe locked floors and debts they could never repay, "
        "and the police raids that freed hundreds last month.</p></article>"
        f'<section id="comments"><ul class="spcv_messages-list">{lis}</ul></section>'
        "</body></html>"
    )


def test_flat_markup_replies_find_their_parent_by_the_replying_to_line() -> None:
    html = _openweb(
        [
            ("Jenna_R", "2y", None, "Heartbreaking reporting, and everyone knows the buildings."),
            ("kdara88", "2y", None, "If you name the tycoon you go to jail for incitement here."),
            ("Tom", "2y", "Jenna_R", "Which is why foreign outlets need to keep doing this work."),
        ]
    )
    doc = split_html(html)
    assert [(g["author"], g["posted_at"], g["parent"]) for g in as_gold(doc.comments)] == [
        ("Jenna_R", "2y", None),
        ("kdara88", "2y", None),
        ("Tom", "2y", 1),
    ]
    assert doc.comments[2].text.startswith("Which is why")  # "Replying to" is no text


def test_a_reply_opening_with_its_parents_words_in_guillemets_quotes_them() -> None:
    said = "Les Cambodgiens que je connais veulent la stabilité avant tout."
    html = _openweb(
        [
            ("Bernard", "1d", None, f"Je nuancerais un peu. {said}"),
            ("Dara", "1d", "Bernard", f"« {said} »</p><p>La stabilité n'exige pas la prison."),
        ]
    )
    reply = split_html(html).comments[1]
    assert (reply.parent, reply.quoted, reply.text) == (
        1,
        f"« {said} »",
        "La stabilité n'exige pas la prison.",
    )


def test_textboard_heads_and_cjk_comment_counts() -> None:
    head = "1 \u540d\u524d\uff1aName \u6295\u7a3f\u65e5\uff1a2017/09/04(\u6708) 09:12:41.53 ID:kQ3v"
    assert thread_head(head) == ("Name", "2017/09/04(\u6708) 09:12:41.53", False)
    assert thread_head("Name: Jo Date: 2019-05-03 10:00") == ("Jo", "2019-05-03 10:00", False)
    assert HEADER.match("10\u30b3\u30e1\u30f3\u30c8") and HEADER.match("38\u6761\u8bc4\u8bba")
