"""split: the shapes read once the round-22 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from stance.split.html import split_html
from stance.split.lines import is_timestamp, meta_text, name_label
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "line",
    [
        "vor etwa 5 Stunden",
        "vor etwa einer Stunde",
        "il y a environ 3 heures",
        "hace unas 3 horas",
        "23.7.2023 klo 19.05",
    ],
)
def test_about_an_age_and_finnish_klo(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["vor etwa", "il y a environ", "klo"])
def test_their_words_alone_are_no_dates(line: str) -> None:
    assert not is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Vastaus käyttäjälle Kallion_kulkija", "reply_to"),
        ("Tykkää (41)", "button"),
        ("Ilmoita asiaton viesti", "button"),
        ("Piilota vastaukset (2)", "button"),
        ("Kommentit (11)", "header"),
        ("Vanhimmat ensin", "header"),
        ("\u0391\u03c0\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7", "button"),  # Greek: reply
        ("\u0391\u03bd\u03b1\u03c6\u03bf\u03c1\u03ac", "button"),  # report
        ("\u03a3\u03a7\u039f\u039b\u0399\u0391 (10)", "header"),  # comments (10)
        (
            "\u0394\u0399\u0391\u0392\u0391\u03a3\u03a4\u0395 \u0395\u03a0\u0399\u03a3\u0397\u03a3",
            "related",
        ),
        ("\u25bc\u3053\u306e\u30b3\u30e1\u30f3\u30c8\u306b\u8fd4\u4fe1", "reply"),  # reply to this
        ("\u3088\u304f\u306a\u3044 2", "button"),  # "not good 2"
        ("ID:Qm3kd9a0", "badge"),
        ("\u30b3\u30e1\u30f3\u30c8\u4e00\u89a7", "header"),  # the list of comments
        ("\u4eba\u6c17\u8a18\u4e8b", "related"),  # popular articles
        ("Novembre 2023 (3)", "button"),  # a blog archive's month
    ],
)
def test_round_22_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_a_date_with_a_board_id_and_a_greek_initial() -> None:
    assert meta_text("2023年07月24日 12:08 ID:Qm3kd9a0") == "2023年07月24日 12:08"
    assert name_label("\u039d\u03af\u03ba\u03bf\u03c2 \u03a0.")


_STREAM = """Stream
Lena Hartmann
vor etwa 6 Stunden
Kambodscha beginnt mit dem Bau des Kanals, und kaum jemand hier spricht darüber.
14 Gefällt mir
3 Kommentare
Jonas Weber
Danke fürs Teilen, die Mekong-Kommission hat bis heute keine Studie gesehen.
vor etwa 5 Stunden
Melden
Mai Nguyen
Als jemand mit Familie im Mekongdelta: die Sorge um das Salzwasser ist real.
vor etwa 4 Stunden
Melden
Piet
Mal ehrlich, wir haben den Main-Donau-Kanal auch gebaut, oder etwa nicht?
vor etwa 4 Stunden
Melden
Kommentar schreiben …
"""


def test_a_stream_post_with_ages_about_so_many_hours() -> None:
    assert [(c.author, c.posted_at) for c in split_text(_STREAM).comments] == [
        ("Jonas Weber", "vor etwa 5 Stunden"),
        ("Mai Nguyen", "vor etwa 4 Stunden"),
        ("Piet", "vor etwa 4 Stunden"),
    ]


_ITEM = (
    '<li class="comment" id="comment-{n}"><div class="comment-info"><span class="comment-num">'
    '{n}.</span> <span class="comment-author">{name}</span></div><div class="comment-date">'
    '<time datetime="2023-07-24">2023年07月24日 12:0{n}</time> <span class="comment-id">'
    'ID:Qm3kd9a{n}</span></div><div class="comment-body">{text}</div><div class="comment-reply">'
    '<a href="#f">▼このコメントに返信</a></div><div class="comment-rating"><button class="good">'
    'いいね {n}</button> <button class="bad">よくない 0</button></div></li>'
)


def test_a_comment_body_inside_a_comment_with_its_own_head_is_its_text() -> None:
    said = [
        ("ななしさん", "野党を裁判所で解散させたのが2017年だっけ。そこからずっと一党独裁"),
        ("管理人", "コメントありがとうございます。続報あればまとめます"),
        ("名無しさん", "プノンペン住んでたけど、街中の看板が全部人民党だったわ"),
    ]
    items = "".join(
        _ITEM.format(n=n, name=name, text=text) for n, (name, text) in enumerate(said, 1)
    )
    page = (
        "<html><head><title>カンボジア総選挙</title></head><body><article><h1>カンボジア総選挙"
        "</h1><p>カンボジアで23日投開票された総選挙で、与党が125議席中120議席を得た。</p>"
        f'</article><div id="comments"><h3>コメント一覧</h3><ol>{items}</ol></div></body></html>'
    )
    doc = split_html(page)
    assert [(c.author, c.text) for c in doc.comments] == said
