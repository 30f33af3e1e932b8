"""split: comment lists found by repeated structure (split/repeated.py), on made-up pages
whose markup names nothing "comment", and on the dev pages written for it
(tests/pages/rs-*.html)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from page_gold import PAGES, as_gold, fields, gold_of
from stance.split.html import _node_text, split_html
from stance.split.repeated import comment_lists

RS_PAGES = sorted(PAGES.glob("rs-*.html"))


ARTICLE = (
    "<h1>Floods close the road to Kampot</h1>"
    "<p>Heavy rain on Sunday closed National Road 3 between Phnom Penh and Kampot for the "
    "second time this month, the police said.</p>"
    "<p>Traffic was sent through Takeo, adding two hours to the journey for buses and "
    "lorries carrying pepper to the port.</p>"
)


def _page(extra: str, before: str = "") -> str:
    return (
        "<html><head><title>Floods close the road to Kampot</title></head><body>"
        f"{before}<div id='main'>{ARTICLE}</div>{extra}</body></html>"
    )


GENERIC = """<div class="box"><h3>Your views</h3>
<div class="item"><div class="row1"><b>Kosal</b> <span class="when">03.05.2023 14:22</span></div>
<div class="row2">The bus took nine hours on Sunday. Nobody told us the road was closed.</div></div>
<div class="item"><div class="row1"><b>T. Heng</b> <span class="when">03.05.2023 15:07</span></div>
<div class="row2">Every rainy season the same story, the drains were never finished.</div>
<div class="kids"><div class="item"><div class="row1"><b>Kosal</b>
<span class="when">03.05.2023 16:40</span></div>
<div class="row2">They were finished, they are just too small for this much rain.</div></div></div>
</div></div>"""


def test_items_of_the_same_shape_with_name_date_and_text_are_the_comments() -> None:
    doc = split_html(_page(GENERIC))
    assert fields(doc) == [
        (
            "Kosal",
            "03.05.2023 14:22",
            "The bus took nine hours on Sunday. Nobody told us the road was closed.",
            None,
            None,
        ),
        (
            "T. Heng",
            "03.05.2023 15:07",
            "Every rainy season the same story, the drains were never finished.",
            None,
            None,
        ),
        (
            "Kosal",
            "03.05.2023 16:40",
            "They were finished, they are just too small for this much rain.",
            None,
            2,
        ),
    ]
    assert len(doc.editorial) == 2  # the article's two paragraphs, nothing moved


NAV_WITH_DATES = (
    "<ul class='menu'>"
    + "".join(
        f"<li><a href='/{k}'>{w}</a> <span>May {k}, 2023</span></li>"
        for k, w in enumerate(["Politics", "Business", "Culture", "Sport", "Opinion"], 1)
    )
    + "</ul>"
)


def _lists(html: str) -> list:
    return comment_lists(lxml.html.fromstring(html), "", _node_text)


def test_a_navigation_list_with_dates_is_no_comment_list() -> None:
    assert _lists(_page("", NAV_WITH_DATES)) == []
    doc = split_html(_page(NAV_WITH_DATES))
    assert doc.comments == []
    assert len(doc.editorial) == 2


RELATED = (
    "<div class='more'><h3>More from Kampot</h3>"
    + "".join(
        f"<div class='entry'><a href='/a/{k}'>{h}</a><div class='d'>Apr {k}, 2023</div>"
        f"<p>By Sok Dara. {t}</p></div>"
        for k, (h, t) in enumerate(
            [
                ("Pepper Farmers Count The Cost Of Rain", "Prices fell by a third this year."),
                ("Port Of Kampot Opens New Berth", "The berth can take ships of 5,000 tonnes."),
                ("Salt Fields Flooded Again In April", "Workers waited for the water to drain."),
                ("Durian Season Starts Early This Year", "Sellers lined the road out of town."),
            ],
            1,
        )
    )
    + "</div>"
)


def test_a_related_article_list_with_dates_and_teasers_is_no_comment_list() -> None:
    assert _lists(_page(RELATED)) == []
    assert split_html(_page(RELATED)).comments == []


def test_article_paragraphs_and_a_footer_are_never_comments() -> None:
    footer = (
        "<footer><div class='col'><b>Tonle Daily</b> <span>May 2, 2023</span>"
        "<p>All the news from the river towns, every morning since 1998.</p></div>"
        "<div class='col'><b>Contact</b> <span>May 2, 2023</span>"
        "<p>Write to the newsroom, we read every letter that comes in.</p></div>"
        "<div class='col'><b>Jobs</b> <span>May 2, 2023</span>"
        "<p>We are hiring two reporters for the Siem Reap bureau this year.</p></div></footer>"
    )
    assert _lists(_page(footer)) == []  # (the text rules' fallback still reads it as comments)
    doc = split_html(_page(footer))
    assert doc.editorial[0].startswith("Heavy rain on Sunday")


def test_two_items_need_strong_evidence() -> None:
    two = GENERIC.replace('<div class="kids">', '<div class="x">').replace(
        '<div class="item"><div class="row1"><b>Kosal</b>\n', '<div class="y"><div><b>Kosal</b>\n'
    )
    # two same-shaped items in a "box", no word of comments, no Reply button: no list
    assert _lists(_page(two)) == []
    strong = two.replace('class="box"', 'class="reader-replies"')
    assert [[i.author for i in x] for x in _lists(_page(strong))] == [["Kosal", "T. Heng"]]
    # the reply of another shape inside the second item is still read (by the text rules)
    assert [(c.author, c.posted_at, c.parent) for c in split_html(_page(strong)).comments] == [
        ("Kosal", "03.05.2023 14:22", None),
        ("T. Heng", "03.05.2023 15:07", None),
        ("Kosal", "03.05.2023 16:40", None),
    ]


@pytest.mark.parametrize("path", RS_PAGES, ids=lambda p: p.stem)
def test_repeated_structure_dev_pages_match_their_gold(path: Path) -> None:
    gold = gold_of(path)
    assert gold["half"] == "dev"
    doc = split_html(path.read_text("utf-8"), path.stem)
    assert doc.title == gold["title"]
    assert as_gold(doc.comments) == gold["comments"]


SIBLING_REPLIES = """<div id="talk">
<div class="c-main"><span class="c-who"><a href="/user/dara">Dara</a></span>
<time>12.03.2021 09:14</time>
<p>The ferry at Neak Loeung was replaced by the bridge years ago.</p></div>
<div class="c-answers"><span class="c-who"><a href="/user/ly">Ly</a></span>
<time>12.03.2021 10:02</time>
<p>The small ferry for motorbikes still runs in the dry season.</p></div>
<div class="c-main"><span class="c-who"><a href="/user/pich">Pich</a></span>
<time>13.03.2021 18:40</time>
<p>Is there a bus from Neak Loeung to Svay Rieng in the evening?</p></div>
<div class="c-main"><span class="c-who"><a href="/user/sam">Sam</a></span>
<time>14.03.2021 07:05</time>
<p>Only minibuses, and they leave when they are full.</p></div>
<div class="c-answers"><span class="c-who"><a href="/user/dara">Dara</a></span>
<time>14.03.2021 08:30</time>
<p>Thanks, that matches what the guesthouse told me.</p></div>
</div>"""


def test_a_reply_box_after_a_comment_answers_that_comment() -> None:
    doc = split_html(_page(SIBLING_REPLIES))
    assert [(c.author, c.posted_at, c.parent) for c in doc.comments] == [
        ("Dara", "12.03.2021 09:14", None),
        ("Ly", "12.03.2021 10:02", 1),
        ("Pich", "13.03.2021 18:40", None),
        ("Sam", "14.03.2021 07:05", None),
        ("Dara", "14.03.2021 08:30", 4),
    ]
    assert doc.comments[1].text == "The small ferry for motorbikes still runs in the dry season."


def test_an_articles_columns_without_class_names_are_no_comment_list() -> None:
    body = (
        "<div id='col'><div><p>Le chlorothalonil est utilisé dans la culture des céréales "
        "et des légumes depuis les années 1970.</p></div>"
        "<div><span>Envoyer par e-mail</span> <span>12.12.2019</span>"
        "<p>Votre e-mail a été envoyé à vos amis, merci de votre visite.</p></div>"
        "<div><span>Créé</span> <span>12.12.2019, 07h36</span><h2>Interdit dès 2020</h2>"
        "<p>Le chlorothalonil sera interdit dès 2020 en Suisse, a annoncé l'office fédéral.</p>"
        "<p>Ce retrait est réalisé dans le cadre du réexamen des produits phytosanitaires.</p>"
        "</div></div>"
    )
    html = f"<html><head><title>Chlorothalonil</title></head><body>{body}</body></html>"
    assert _lists(html) == []


def test_a_short_comment_that_names_its_author_and_a_greeting_stay_text() -> None:
    items = "".join(
        f"<li class='note'><b class='who'>{who}</b> <i>{when}</i><p>{greet}</p><p>{text}</p>"
        "<a>Reply</a></li>"
        for who, when, greet, text in [
            ("Sabrina K.", "December 2, 2018 at 9:50 pm", "Hi all,", "Who wrote this article?"),
            ("Megha M", "December 3, 2018 at 10:00 am", "Hello Sabrina,", "The author is Megha M."),
            ("Jo", "December 4, 2018 at 8:00 am", "Thanks!", "Very useful, thank you both."),
        ]
    )
    doc = split_html(_page(f"<ul class='notes'>{items}</ul>"))
    assert [(c.author, c.text) for c in doc.comments] == [
        ("Sabrina K.", "Hi all,\n\nWho wrote this article?"),
        ("Megha M", "Hello Sabrina,\n\nThe author is Megha M."),
        ("Jo", "Thanks!\n\nVery useful, thank you both."),
    ]
