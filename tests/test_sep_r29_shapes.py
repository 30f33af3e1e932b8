"""split: the shapes read once the round-29 pages were dev pages (issue 11)."""

from __future__ import annotations

import lxml.html
import pytest

from page_gold import PAGES, as_gold
from stance.split.html import _node_text, split_html
from stance.split.lines import BUTTONS, reply_author
from stance.split.repeated import comment_lists
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("@Bikash KC", "Bikash KC"),  # a display name alone: whom the reply answers
        ("@Mr_Sakamoto_Fan you monster", None),  # a short reply that mentions a poster
        ("Replying to @DaleInTheDelta @mvo_saigon", "DaleInTheDelta"),
    ],
)
def test_whom_a_line_answers(line: str, author: str | None) -> None:
    assert reply_author(line) == author


@pytest.mark.parametrize("line", ["ReTruth", "Repost", "12 Reposts", "Boost", "Retweet"])
def test_a_social_posts_sharing_button_is_a_button(line: str) -> None:
    assert BUTTONS.match(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("\uc774\uc804\uae00", "related"),  # the previous post
        ("\ub2e4\uc74c\uae00", "related"),  # the next post
        ("\uc774 \uce74\ud398 \uc778\uae30\uae00", "related"),  # this cafe's popular posts
        ("\uce74\ud398\ub9e4\ub2c8\uc800", "badge"),  # the cafe's manager, under a name
        ("More Episodes", "related"),  # a podcast's other episodes, after the comments
        ("Otros episodios", "related"),
    ],
)
def test_furniture_of_round_29s_pages(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_a_short_reply_mentioning_a_poster_is_a_comment() -> None:
    text = (
        "Does the slow pacing work for people who didn't read the manga?\n"
        "I finished the anime last week and loved it, but my friends keep dropping it.\n"
        "Mr_Sakamoto_Fan\n3 days ago\n"
        "Tell them to start at episode 5 and go back later. It worked on my brother.\n"
        "3\nReply\n"
        "hanabira_sleeps\n3 days ago\n@Mr_Sakamoto_Fan you monster\n26\nReply\n"
        "lumen_byte\n2 days ago\n"
        "Different take: the slow start is part of why the exam arc hits so hard.\n"
        "19\nReply\n"
    )
    got = as_gold(split_text(text).comments)
    assert ("hanabira_sleeps", "@Mr_Sakamoto_Fan you monster") in [
        (c["author"], c["text"]) for c in got
    ]


def test_a_fediverse_handle_is_an_items_author() -> None:
    item = (
        '<blockquote class="comment"><header><a href="/u/{h}" class="user-inline">{n}'
        '<span class="instance">@lemmy.example</span></a>, <time datetime="2024-05-08">'
        "{d} hours ago</time></header><div class='content'><p>{t}</p></div>"
        "<footer><menu><li><a href='#'>reply</a></li><li><ul><li><a href='#'>report</a></li>"
        "<li><a href='#'>moderate</a></li></ul></li></menu></footer></blockquote>"
    )
    body = "".join(
        item.format(h=f"{n}@lemmy.example", n=n, d=d, t=t)
        for n, d, t in [
            ("quietmarmot", 5, "Was he not supposed to be the reformer everyone talked about?"),
            ("brotkasten", 4, "That was always a story told by people who wanted to believe it."),
            ("seasia_desk", 3, "The licence revocation is the second one since the election."),
        ]
    )
    tree = lxml.html.fromstring(f"<html><body><main>{body}</main></body></html>")
    lists = comment_lists(tree, "", _node_text)
    assert [i.author for i in lists[0]] == [
        "quietmarmot@lemmy.example",
        "brotkasten@lemmy.example",
        "seasia_desk@lemmy.example",
    ]


def test_a_sidebars_blurb_is_no_comment() -> None:
    # kbin: the magazine's blurb in `<aside id="sidebar">`, over its creation date
    page = (PAGES / "r29-kbin-kbincommons.html").read_text("utf-8")
    got = split_html(page).comments
    assert len(got) == 12
    assert not any("News from around the world" in c.text for c in got)


_FAN = (
    '<li class="writing"><div class="deets"><div class="name"><a class="fan" '
    'href="/fan/{k}">{n}</a></div><div class="text">{t}</div><div class="fav-track">'
    "Favorite track: {f}.</div></div></li>"
)
_FANS = [
    ("Dara Chhim", "My grandmother heard track 3 and asked who was singing.", "Pailin Blues"),
    ("mr. reverb tank", "That fuzz guitar on the opener is pure 1969 Phnom Penh.", "Bokor"),
    ("Kimly Ouk", "This record started a conversation at our dinner table.", "Pailin Blues"),
    ("Sophie Lemaire", "Une merveille de bout en bout, j'attends la tournée.", "Moonlight"),
]


def _album(items: str) -> str:
    return (
        "<html><head><title>Moonlight over Bokor | The Kampot Satellites</title></head><body>"
        "<h2>Moonlight over Bokor</h2><p>Recorded live to tape over four humid nights in a "
        "shophouse on Kampot's riverside, the second album of the band.</p>"
        f"<p>supported by</p><ol class='deets-list'>{items}</ol></body></html>"
    )


def test_an_undated_list_of_named_notes_is_a_comment_list() -> None:
    # fans' notes under an album (Bandcamp): no date at all, a name its markup names, the
    # same labelled field ("Favorite track: X.") under each note's text
    items = "".join(_FAN.format(k=k, n=n, t=t, f=f) for k, (n, t, f) in enumerate(_FANS))
    got = split_html(_album(items)).comments
    assert [(c.author, c.posted_at, c.text) for c in got] == [(n, None, t) for n, t, _ in _FANS]


def test_an_ingredient_list_is_no_undated_comment_list() -> None:
    # a name-classed element inside its line ("<span class=name>") names no poster
    line = (
        '<li class="ingredient">{a} <span class="ingredient-name">{n}</span> '
        "(see the notes under the recipe for what to use instead)</li>"
    )
    items = "".join(
        line.format(a=a, n=n)
        for a, n in [
            ("2/3 cup", "creamy peanut butter"),
            ("3 tbsp", "maple syrup"),
            ("4 tbsp", "coconut flour"),
            ("1/2 tsp", "vanilla extract"),
            ("1/8 tsp", "sea salt"),
        ]
    )
    assert split_html(_album(items)).comments == []
