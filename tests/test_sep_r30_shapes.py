"""split: the shapes read once the round-30 blog pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from page_gold import as_gold
from stance.split.html import _node_text, split_html
from stance.split.lines import date_label, is_timestamp, name_time
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Collapse Expand", "button"),  # dev.to, over each comment
        ("Like comment: 5 likes Comment button Reply", "reply"),
        ("Top comments (12)", "header"),
        ("Author \u2022 Mar 4", "time"),  # the post's author's badge before the date
        ("Some comments may only be visible to logged-in visitors. Sign in.", "related"),
        ("12. M\u00e4rz", "time"),  # a German day and month, no list item
        ("Bearbeitet", "button"),
        ("Antworten ausblenden", "bullet"),
        ("\u56de\u590d \u5f15\u7528", "reply"),  # cnblogs: reply, quote
        ("\u5f15\u7528", "quote_intro"),  # alone over the quoted line
        ("\u8bc4\u8bba\u5217\u8868", "header"),  # the comment list
        ("\u3010\u63a8\u8350\u3011\u4e91\u670d\u52a1\u5668\u65b0\u6625\u7279\u60e0", "ad"),
        ("\u7f16\u8f91\u63a8\u8350\uff1a", "related"),  # the editors' picks
        ("\u30d7\u30ed\u30d5\u30a3\u30fc\u30eb", "related"),  # Hatena's sidebar profile
        ("\u5f15\u7528\u3092\u30b9\u30c8\u30c3\u30af\u3057\u307e\u3057\u305f", "notice"),
        ("\uc774 \ube14\ub85c\uadf8 \uc77c\uc0c1 \uce74\ud14c\uace0\ub9ac \uae00", "related"),
        ("ID:Qm3kd9a0", "badge"),  # a 2channel poster's ID
        ("id:kromanyuki", None),  # a Hatena user, no ID badge
    ],
)
def test_round_30_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_dates_of_round_30() -> None:
    assert date_label("Author \u2022 Mar 5 \u2022 Edited on Mar 6") == "Mar 5"
    assert is_timestamp("3. Mai") and not is_timestamp("2. Maiden voyage")
    assert name_time("#3\u697c [\u697c\u4e3b] 2024-03-12 22:31 Jo Lim") == (
        "Jo Lim",
        "2024-03-12 22:31",
    )


def test_a_german_day_and_month_dates_a_comment() -> None:
    text = (
        "Mein Sauerteig ist nach dem Urlaub tot\n"
        "Drei Wochen im K\u00fchlschrank, und oben stand eine graue Fl\u00fcssigkeit.\n"
        "Kommentare (3)\n"
        "Karin Wei\u00df\n12. M\u00e4rz\nDanke f\u00fcr den Beitrag! Mein Anstellgut lebt wieder.\n"
        "Gef\u00e4llt mir\n7\nAntworten\n"
        "Lotte Brandner\nAdmin\n13. M\u00e4rz\nBearbeitet\n"
        "@Karin Wei\u00df Die graue Fl\u00fcssigkeit ist nur Alkohol, einfach abgie\u00dfen.\n"
        "Gef\u00e4llt mir\n3\nAntworten\n"
        "Thomas R.\n14. M\u00e4rz\nBei mir genauso, nach drei F\u00fctterungen war er wieder da.\n"
        "Gef\u00e4llt mir\n1\nAntworten\n"
    )
    got = as_gold(split_text(text).comments)
    assert [(c["author"], c["posted_at"]) for c in got] == [
        ("Karin Wei\u00df", "12. M\u00e4rz"),
        ("Lotte Brandner", "13. M\u00e4rz"),
        ("Thomas R.", "14. M\u00e4rz"),
    ]


def test_a_hidden_element_is_not_read() -> None:
    import lxml.html

    tree = lxml.html.fromstring(
        '<div><p>Shown.</p><span style="display:none">https://pic.example/a.png</span>'
        "<p hidden>Never shown.</p></div>"
    )
    assert _node_text(tree) == "Shown."


def test_a_quote_boxs_legend_is_no_part_of_the_quote() -> None:
    # cnblogs: the quoted line in <fieldset><legend>引用</legend>..., the reply after it
    item = (
        '<div class="feedbackItem"><div class="sub"><span class="comment_date">{d}</span>'
        ' <a class="author" href="/u/{n}/">{n}</a></div><div class="blog_comment_body">{b}'
        "</div></div>"
    )
    quote = (
        '<fieldset class="comment_quote"><legend>\u5f15\u7528</legend>offer said games</fieldset>'
    )
    body = "".join(
        item.format(d=d, n=n, b=b)
        for d, n, b in [
            ("2024-03-12 21:40", "feng", "<p>I nearly went in 2017, the offer said games.</p>"),
            ("2024-03-12 22:03", "kevin", "<p>Which stack did the company use back then?</p>"),
            ("2024-03-12 23:15", "cat", f"{quote}<p>Those words are red flags now, all.</p>"),
        ]
    )
    html = (
        "<html><head><title>Two years in Sihanoukville</title></head><body><h1>Two years in "
        "Sihanoukville</h1><p>I wrote code for a gambling company for two years there.</p>"
        f"<div id='comments'>{body}</div></body></html>"
    )
    got = split_html(html).comments
    assert [(c.author, c.text, c.quoted) for c in got][2] == (
        "cat",
        "Those words are red flags now, all.",
        "offer said games",
    )


#: The Facebook plugin's row in Khmer: like, reply, "52 minutes".
_KM_ROW = (
    "\u1785\u17bc\u179b\u1785\u17b7\u178f\u17d2\u178f \u00b7 "
    "\u1786\u17d2\u179b\u17be\u1799\u178f\u1794 \u00b7 52 \u1793\u17b6\u1791\u17b8"
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Like \u00b7 Reply \u00b7 45 \u00b7 3h", "time"),  # the Facebook plugin's buttons, the age
        (_KM_ROW, "time"),
        ("Antwort auf Mastodon \u00b7 4. M\u00e4rz 2024, 19:12", "time"),  # a webmention
        ("September 17, 2022 \u00b7 Updated September 18, 2022", "byline"),  # two dates: no row
        ("@tobi@norden.social.example", "badge"),  # a fediverse handle under the name
        ("\u5e7f\u4e1cChrome 122.0.0.0Windows 10", "badge"),  # Waline: place, browser, system
        ("@\u963f\u6770\u5728\u8def\u4e0a :", "reply_to"),  # Waline's reply line
        ("Ver\u00f6ffentlicht : 14. M\u00e4rz 2024 11:02", "time"),  # wpForo
        ("Ver\u00f6ffentlicht von: @sokheab", "quote_intro"),
        ("(@sokheab)", "badge"),
        ("Gesch\u00e4tztes Mitglied", "button"),  # a forum rank
        ("Geplaatst door: Kees van Dijk ( )", "posted"),  # Phorum
    ],
)
def test_round_30_widget_and_forum_lines(line: str, kind: str | None) -> None:
    assert line_type(line) == kind


def test_heads_of_round_30_widgets_and_forums() -> None:
    assert name_time("\u963f\u6770\u5728\u8def\u4e0a\u5192\u6ce12024-03-18") == (
        "\u963f\u6770\u5728\u8def\u4e0a",
        "2024-03-18",
    )
    assert date_label("Like \u00b7 Reply \u00b7 45 \u00b7 3h") == "3h"
