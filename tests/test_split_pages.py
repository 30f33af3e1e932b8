"""split: the shapes met on collected pages (issue: the separator on real pages).

Titles from `og:title`/`<title>` over comment-form headings, authors ending in an
initial, and what is not a comment: name-only entries, notices, menus and repeats.
"""

from __future__ import annotations

import pytest

from stance.split.html import split_html
from stance.split.lines import date_label, display_name, meta_type, name_time, posted_by

ARTICLE = (
    "<p>Leadership is the way a manager guides, motivates and directs the people of a "
    "team towards the goals of the organisation.</p>"
    "<p>Styles range from autocratic, where the leader decides alone, to democratic and "
    "laissez-faire, where the group shares or takes over the decisions.</p>"
    "<p>No style fits every team: good leaders change their style with the situation, "
    "the task and the people they lead.</p>"
)


def _page(comments: str, head: str = "<title>Leadership Styles</title>") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Leadership Styles</h1>{ARTICLE}"
        f'</article><div id="comments" class="comments-area"><ol class="comment-list">'
        f"{comments}</ol></div></body></html>"
    )


def _comment(name: str, when: str, text: str) -> str:
    meta = f'<div class="comment-meta"><b>{name}</b> {when}</div>' if name else ""
    return f'<li class="comment">{meta}<div class="comment-content"><p>{text}</p></div></li>'


def _tiles(doc) -> None:
    """Every character of the extracted text in exactly one segment."""
    assert doc.rebuild() == doc.text
    pos = 0
    for s in doc.segments:
        assert s.start == pos and doc.text[s.start : s.end] == s.text
        pos = s.end
    assert pos == len(doc.text)


def test_title_is_the_pages_not_the_comment_form_heading() -> None:
    head = (
        "<title>What are Leadership Styles? - Business Jargons</title>"
        '<meta property="og:title" content="What are Leadership Styles? - Business Jargons">'
    )
    page = (
        f"<html><head>{head}</head><body><h1>Business Jargons</h1><article>"
        f"<h1>Leadership Styles</h1>{ARTICLE}</article>"
        '<div id="respond"><h3 id="reply-title">Leave a Reply '
        "<small><a>Cancel reply</a></small></h3></div></body></html>"
    )
    assert split_html(page, "t").title == "Leadership Styles"


def test_title_from_the_title_tag_when_the_h1_is_the_site_name() -> None:
    page = (
        "<html><head><title>Das vermutlich schwulste Musikvideo der Welt : Krimiblog-Archiv"
        "</title></head><body><h1>Krimiblog-Archiv</h1><div class='post'>"
        f"{ARTICLE}</div></body></html>"
    )
    assert split_html(page, "t").title == "Das vermutlich schwulste Musikvideo der Welt"


def test_title_from_og_title_over_a_label() -> None:
    page = (
        '<html><head><meta property="og:title" content="Scherenschnitt (3)">'
        "<title>Scherenschnitt (3) | gnaddrig ad libitum</title></head><body>"
        f"<div class='entry'>{ARTICLE}<h1>Weitersagen:</h1></div></body></html>"
    )
    assert split_html(page, "t").title == "Scherenschnitt (3)"


def test_author_ending_in_an_initial_keeps_the_whole_date() -> None:
    assert name_time("Sabrina K. December 2, 2018 at 9:50 pm") == (
        "Sabrina K.",
        "December 2, 2018 at 9:50 pm",
    )
    assert name_time("IwonaMay 30, 2019 at 1:06 PM") == ("Iwona", "May 30, 2019 at 1:06 PM")
    assert name_time("Sana6. Juni 2015 um 10:23") == ("Sana", "6. Juni 2015 um 10:23")
    doc = split_html(
        _page(
            _comment("Sabrina K.", "December 2, 2018 at 9:50 pm", "Very helpful, thank you.")
            + _comment("Chinedum O.", "July 14, 2019 at 6:45 pm", "Clear and short, I like it.")
        ),
        "t",
    )
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Sabrina K.", "December 2, 2018 at 9:50 pm"),
        ("Chinedum O.", "July 14, 2019 at 6:45 pm"),
    ]


def test_comments_closed_notices_are_not_comments() -> None:
    for line in (
        "Leider sind keine Kommentare möglich.",
        "Comments are closed.",
        "Die Kommentarfunktion ist geschlossen.",
        "Les commentaires sont fermés.",
        "Los comentarios están cerrados.",
    ):
        assert meta_type(line) == "notice", line
    page = (
        "<html><head><title>Leadership Styles</title></head><body><article>"
        f"<h1>Leadership Styles</h1>{ARTICLE}</article>"
        '<div class="comments"><p>Leider sind keine Kommentare möglich.</p>'
        "<p>« Vorheriger Beitrag</p></div></body></html>"
    )
    doc = split_html(page, "t")
    assert doc.comments == []
    assert "Leider sind keine Kommentare möglich." in doc.boilerplate
    _tiles(doc)


def test_a_name_alone_is_not_a_comment() -> None:
    doc = split_html(
        _page(
            _comment("", "", "MikeNils")
            + _comment("MikeNils", "May 3, 2019 at 8:15 am", "Who is going to pay for it?")
            + _comment("Jo", "May 4, 2019 at 8:15 am", "Far too expensive for what it is.")
        ),
        "t",
    )
    assert [(c.ordinal, c.author, c.text) for c in doc.comments] == [
        (1, "MikeNils", "Who is going to pay for it?"),
        (2, "Jo", "Far too expensive for what it is."),
    ]
    assert "MikeNils" in doc.boilerplate
    assert [c.id for c in doc.comments] == ["t-1", "t-2"]
    _tiles(doc)


def test_a_footer_menu_is_not_a_comment() -> None:
    doc = split_html(
        _page(
            _comment("Jo", "May 4, 2019 at 8:15 am", "Far too expensive for what it is.")
            + "<li class='comment'><p>© Krimiblog-Archiv ist lizensiert unter .</p>"
            "<p>Unterstützt durch WordPress und Manifest</p>"
            "<p>Dies ist das Archiv von krimiblog.de</p></li>"
        ),
        "t",
    )
    assert [c.text for c in doc.comments] == ["Far too expensive for what it is."]
    assert "Unterstützt durch WordPress und Manifest" in doc.boilerplate
    _tiles(doc)


def test_a_repeated_comment_is_reported_once() -> None:
    one = _comment("Jo", "May 4, 2019 at 8:15 am", "Far too expensive for what it is.")
    doc = split_html(
        _page(one + _comment("Al", "May 5, 2019 at 9:00 am", "I like it, good news.") + one),
        "t",
    )
    assert [(c.ordinal, c.author) for c in doc.comments] == [(1, "Jo"), (2, "Al")]
    assert doc.boilerplate.count("Far too expensive for what it is.") == 1
    assert {s.comment for s in doc.segments if s.kind.startswith("comment")} == {1, 2}
    _tiles(doc)


@pytest.mark.parametrize(
    ("line", "head"),
    [
        # PunBB's numbered heads, the date straight after the name
        ("3 Ответ от Marina_Kep 2024-02-18 13:55:02", ("Marina_Kep", "2024-02-18 13:55:02")),
        ("9 Ответ от Marina_Kep Вчера 22:14:10", ("Marina_Kep", "Вчера 22:14:10")),
        # Dotclear: a number, the date, "by" the name
        (
            "3. Le vendredi 31 mai 2024, 09:15 par Marc-Antoine",
            ("Marc-Antoine", "vendredi 31 mai 2024, 09:15"),
        ),
        # Artalk: the browser and system after the head
        ("老周在金边 2023-08-02 Chrome 115.0.0.0Windows 10", ("老周在金边", "2023-08-02")),
        # utterances: a date without a number only after "commented"
        ("sooyeon-dev commented last month", ("sooyeon-dev", "last month")),
        ("We met last week", None),
        # a post's number and button after the date are neither name nor date
        ("Posted: Aug. 02 2003,10:41 \t#2 Quote", None),
    ],
)
def test_heads_of_round_31_and_32_shapes(line: str, head: tuple[str, str] | None) -> None:
    assert name_time(line) == head


def test_footers_and_labels_of_round_32_shapes() -> None:
    assert posted_by("#1.1 Kellerkind (Link) am 12.08.2025 20:10 (Antwort)") == (
        "Kellerkind",
        "12.08.2025 20:10",
    )
    assert date_label("Posted: Aug. 02 2003,10:41 \t#2 Quote") == "Aug. 02 2003,10:41"
    assert date_label("Отправлено: 11.02.2024 21:40") == "11.02.2024 21:40"


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ("Priya Raman priyar", "Priya Raman"),
        ("Johan Ek johanek", "Johan Ek"),
        ("Tomás Ferreira tferreira", "Tomás Ferreira"),
        ("Julien Marchal @julien@mastodon.example", "Julien Marchal"),  # a fediverse handle
        ("@rtsak@social.example", "@rtsak@social.example"),  # the handle alone is the name
        ("Anna Lee admin", "Anna Lee admin"),  # not the name's letters: kept
        ("sok dara sokd", "sok dara sokd"),  # not a display name's capitals: kept
    ],
)
def test_a_display_name_beside_its_handle(shown: str, name: str) -> None:
    assert display_name(shown) == name
