"""split: the shapes read once the round-20 pages were dev pages (issue 11)."""

from __future__ import annotations

import lxml.html
import pytest

from stance.split.html import _node_text, split_html
from stance.split.lines import (
    is_timestamp,
    meta_type,
    name_time,
    posted_by,
    reply_author,
    words,
)
from stance.split.repeated import comment_lists
from stance.split.text import split_text
from stance.split.threadlines import line_type

_NEWS = """<html><head><title>Evictions at Angkor</title></head><body>
<article><h1>Evictions at Angkor</h1>
<p>Families living inside the Angkor park were moved to Run Ta Ek over the past year,
and the authorities call the move voluntary while rights groups call it forced.</p>
<p>The government says compensation was fair and that it acted to protect the temples,
which UNESCO lists as world heritage.</p></article>
<section class="xy-comments"><h2>10 comments</h2><ul class="xy-list">{items}</ul></section>
<footer><p>Copyright 2024 Example Voice</p></footer></body></html>"""
_ITEM = """<li class="xy-comment" id="c-{n}"><div class="xy-comment__meta">
<span class="xy-comment__author">{name}</span>
<time datetime="2023-11-15T{hh}:42:00+07:00">15 {month} 2023 {hour} {hh}:42</time></div>
<div class="xy-comment__body"><p>{text}</p></div>
<div class="xy-comment__actions"><button class="up">\U0001f44d {n}</button>
<button class="reply">Reply</button></div><ul class="xy-replies">{replies}</ul></li>"""


_KHMER_NOVEMBER = "\u179c\u17b7\u1785\u17d2\u1786\u17b7\u1780\u17b6"
_KHMER_HOUR = "\u1798\u17c9\u17c4\u1784"


def _item(n: int, name: str, text: str, replies: str = "") -> str:
    return _ITEM.format(
        n=n,
        name=name,
        text=text,
        hh=10 + n,
        replies=replies,
        month=_KHMER_NOVEMBER,
        hour=_KHMER_HOUR,
    )


def test_a_time_element_dates_a_comment_in_any_language_and_a_name_may_carry_a_place() -> None:
    reply = _item(2, "Dara Kim", "My grandmother was moved twenty kilometres from her fields.")
    items = [
        _item(1, "Sok Chantha", "They call it voluntary but nobody was given a choice.", reply),
        _item(3, "Visal (Long Beach)", "My father's village is now only empty land, I saw it."),
        _item(4, "Srey Pov", "The temples matter, and so do the people who lived there."),
    ]
    doc = split_html(_NEWS.format(items="".join(items)))
    heads = [(c.author, c.posted_at[-5:], c.parent) for c in doc.comments]
    assert heads == [
        ("Sok Chantha", "11:42", None),
        ("Dara Kim", "12:42", 1),
        ("Visal (Long Beach)", "13:42", None),
        ("Srey Pov", "14:42", None),
    ]
    assert doc.comments[2].text == "My father's village is now only empty land, I saw it."


_REVIEWS = """<html><head><title>Reviews of The Heirs of Angkor</title></head><body>
<h1>The Heirs of Angkor</h1><p>A documentary about exiled opposition activists.</p>
<div class="reviews">{cards}</div></body></html>"""
_CARD = """<div class="card" id="review_{n}">
<div class="card-aside"><div class="meta-title"><a href="/membre-{name}/">{name}</a></div>
<div class="followers">{n} abonnés</div>
<div class="user-reviews"><a href="/membre-{name}/critiques/">Lire ses 2{n} critiques</a>
</div></div>
<div class="card-main"><div class="card-meta"><span class="note">{n},0</span>
<span class="card-date">Publiée le {n} avril 2024</span></div>
<div class="card-content">{text}</div>
<div class="card-footer"><button>Utile</button> <button>Signaler</button></div>
{replies}</div></div>"""
_REPLIES = """<div class="card-replies"><ul>
<li class="reply-card"><div class="reply-meta"><a href="/membre-sokhom/">Sokhom_P</a>
<span>Publiée le 6 avril 2024</span></div>
<div class="reply-content">J'ai vu le film à Paris, et ce qu'il dit n'est pas faux.</div></li>
<li class="reply-card"><div class="reply-meta"><a href="/membre-laure/">LaureV</a>
<span>Publiée le 7 avril 2024</span></div>
<div class="reply-content">Le film en parle pourtant, dans la partie sur Phnom Penh.</div></li>
</ul></div>"""


def test_review_cards_with_counts_stars_and_a_box_of_replies() -> None:
    cards = [
        (1, "Cinephile_Nantais", "Un documentaire sobre et glaçant sur les exilés.", ""),
        (2, "jeanmarc75", "Intéressant mais très partial, le gouvernement est absent.", _REPLIES),
        (3, "Mr_Popcorn", "Pas mal mais trop long, surtout la dernière partie.", ""),
    ]
    html = _REVIEWS.format(
        cards="".join(_CARD.format(n=n, name=a, text=t, replies=r) for n, a, t, r in cards)
    )
    doc = split_html(html)
    heads = [(c.author, c.posted_at, c.parent) for c in doc.comments]
    assert heads == [
        ("Cinephile_Nantais", "Publiée le 1 avril 2024", None),
        ("jeanmarc75", "Publiée le 2 avril 2024", None),
        ("Sokhom_P", "Publiée le 6 avril 2024", 2),
        ("LaureV", "Publiée le 7 avril 2024", 2),
        ("Mr_Popcorn", "Publiée le 3 avril 2024", None),
    ]
    assert doc.comments[1].text == "Intéressant mais très partial, le gouvernement est absent."


@pytest.mark.parametrize(
    "line",
    [
        "Publiée le 3 avril 2024",
        "publicado el 3 de mayo de 2023",
        "Veröffentlicht am 3. Mai 2023",
        "Postée le 12/03/2024 à 10h05",
    ],
)
def test_published_labels_make_dates(line: str) -> None:
    assert is_timestamp(line)


def test_a_published_label_alone_is_no_date() -> None:
    assert not is_timestamp("Publiée")


_CHANNEL = """<html><head><title>Sarika News - discussion</title></head><body>
<div class="bubbles">{bubbles}</div></body></html>"""
_BUBBLE = """<div class="bubble" data-mid="{n}"><div class="name">{name}</div>{quote}
<div class="message">{text}</div><span class="time">{n}.2K <i>14:0{n}</i></span></div>"""
_PREVIEW = """<div class="reply quote-like"><div class="reply-title">{name}</div>
<div class="reply-subtitle">{text}</div></div>"""


def test_a_reply_preview_under_its_posters_name_is_the_quote() -> None:
    first = "They were planning to overthrow the government, the court said so."
    bubbles = [
        (1, "Ponlok", "", first),
        (
            2,
            "Sreyneang",
            _PREVIEW.format(name="Ponlok", text="They were planning to overthrow the…"),
            "Evidence? Facebook posts and a plan to meet Sam Rainsy at the airport.",
        ),
        (3, "Lina Ouk", "", "Please blur the faces of the families when you post the video."),
    ]
    html = _CHANNEL.format(
        bubbles="".join(_BUBBLE.format(n=n, name=a, quote=q, text=t) for n, a, q, t in bubbles)
    )
    tree = lxml.html.fromstring(html)
    (items,) = comment_lists(tree, "Sarika News - discussion", _node_text)
    assert [(i.author, i.posted_at) for i in items] == [
        ("Ponlok", "14:01"),
        ("Sreyneang", "14:02"),
        ("Lina Ouk", "14:03"),
    ]
    roles = dict(zip(items[1].lines, items[1].roles, strict=True))
    assert roles["Ponlok"] == "meta"
    assert roles["They were planning to overthrow the…"] == "quote"


@pytest.mark.parametrize("line", ["६ घण्टा अगाडि", "४५ मिनेट अगाडि", "2 दिन अघि", "3 घंटे पहले"])
def test_nepali_and_hindi_relative_dates(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("१० प्रतिक्रिया", "header"),
        ("प्रतिक्रिया", "header"),
        ("मन पर्यो ४२", "button"),
        ("जवाफ दिनुहोस्", "reply"),
        ("10 \u05ea\u05d2\u05d5\u05d1\u05d5\u05ea", "header"),
        (
            "\u05d4\u05e6\u05d2\u05ea \u05db\u05dc \u05d4\u05ea\u05d2\u05d5\u05d1\u05d5\u05ea",
            "header",
        ),
        ("\u05d4\u05d2\u05d1", "reply"),
        ("\u05d3\u05d5\u05d5\u05d7", "button"),
        ("1.", "postnum"),
        (
            "\u0938\u092c\u0948\u092d\u0928\u094d\u0926\u093e \u092a\u0941\u0930\u093e\u0928\u094b",
            "header",
        ),
        ("\u0924\u093e\u091c\u093e \u0905\u092a\u0921\u0947\u091f", "related"),
        ("Zuletzt bearbeitet vor 3 Stunden", "button"),
        ("modifi\u00e9 le 3 avril 2024", "button"),
    ],
)
def test_nepali_and_hebrew_comment_furniture(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_hebrew_in_reply_to_and_first_published() -> None:
    assert (
        reply_author("\u05d1\u05ea\u05d2\u05d5\u05d1\u05d4 \u05dc: \u05d0\u05d1\u05d9")
        == "\u05d0\u05d1\u05d9"
    )
    assert reply_author("Replying toJo") is None
    assert is_timestamp(
        "\u05e4\u05d5\u05e8\u05e1\u05dd \u05dc\u05e8\u05d0\u05e9\u05d5\u05e0\u05d4: 13:05, 24.07.25"
    )


def test_a_forum_posts_subject_by_name_and_date_is_its_head() -> None:
    head = "Re: Rescued From Cambodia Scam Compounds, Recount by Okwy4real(m): 11:09am On Mar 14"
    assert meta_type(head) == "posted"
    assert posted_by(head) == ("Okwy4real", "11:09am On Mar 14")
    assert posted_by("Posted by Jo on Mar 14, 2024") == ("Jo", "Mar 14, 2024")
    assert meta_type("The law was written by Jo: he said so") is None


_THREAD = """Forum / Politics
Rescued From Cambodia Scam Compounds by ChiefReporter(m): 11:07am On Mar 14
Seventeen Nigerians who were trafficked to Cambodia have returned to the country.
3 Likes 1 Share
Re: Rescued From Cambodia Scam Compounds by Okwy4real(m): 11:09am On Mar 14
Thank God for their lives. But every year it is the same story with these jobs.
24 Likes 2 Shares
Re: Rescued From Cambodia Scam Compounds by SirLucas: 11:38am On Mar 14
Our embassy in Bangkok covers Cambodia. Read the article before you type, abeg.
17 Likes
"""


def test_a_thread_of_subject_by_name_heads() -> None:
    doc = split_text(_THREAD)
    assert [(c.author, c.posted_at) for c in doc.comments][-2:] == [
        ("Okwy4real", "11:09am On Mar 14"),
        ("SirLucas", "11:38am On Mar 14"),
    ]
    assert doc.comments[-1].text == (
        "Our embassy in Bangkok covers Cambodia. Read the article before you type, abeg."
    )
    assert doc.rebuild() == _THREAD


@pytest.mark.parametrize(
    "line",
    [
        "@mkrueger mkrueger added the needs-verification label Jul 1, 2023",
        "@mkrueger mkrueger closed this as completed in #215 Jul 5, 2023",
        "Chenda Sok @chenda.sok assigned to @rithy.dev 3 weeks ago",
        "Rithy Heng @rithy.dev mentioned in merge request !58 2 weeks ago",
        "kosal self-assigned this 2024-03-04 10:01:12 +07:00",
        "sreyleak added the censorship help wanted labels 2024-03-04 11:40:09 +07:00",
        "kosal referenced this issue from a commit 2024-03-12 09:01:57 +07:00",
    ],
)
def test_an_issue_trackers_timeline_events_are_furniture(line: str) -> None:
    assert line_type(line) == "button"


def test_prose_about_labels_is_no_timeline_event() -> None:
    assert line_type("I added the needs-review label yesterday, it should be fine now.") is None


def test_a_zone_offset_ends_a_date_but_a_score_is_none() -> None:
    assert is_timestamp("2024-03-04 09:12:40 +07:00")
    assert not is_timestamp("+84")


@pytest.mark.parametrize(
    "line",
    [
        "5 \u5c0f\u6642\u524d",
        "3\u5206\u949f\u524d",
        "2 \u500b\u6708\u524d",
        "5\u6642\u9593\u524d",
        "2\u30f6\u6708\u524d",
        "5\uc2dc\uac04 \uc804",
        "\u525b\u525b",
    ],
)
def test_chinese_japanese_and_korean_relative_dates(line: str) -> None:
    assert is_timestamp(line)


_LIHKG = """#1
Ah Ming
5 \u5c0f\u6642\u524d
The security bureau says it has received a dozen calls for help this year.
58
3
#2
Banana
5 \u5c0f\u6642\u524d
High pay, food and board, no experience needed, and people still believe it?
23
41
#3
Passing Cat
4 \u5c0f\u6642\u524d
High pay, food and board, no experience needed, and people still believe it?
Do not say that, many were sent there by friends and relatives they trusted.
88
2
"""


def test_numbered_posts_and_a_reply_that_quotes_a_whole_earlier_line() -> None:
    doc = split_text(_LIHKG)
    assert [(c.author, c.parent) for c in doc.comments] == [
        ("Ah Ming", None),
        ("Banana", None),
        ("Passing Cat", 2),
    ]
    assert doc.comments[2].quoted.startswith("High pay, food and board")
    assert doc.comments[2].text.startswith("Do not say that, many were sent")
    assert doc.rebuild() == _LIHKG


def test_kialo_impact_and_votes_are_furniture() -> None:
    assert line_type("Impact: 3.4 \u00b7 29 votes") == "button"


_TALKBACKS = """Comments
10 comments
1.
Stay on the islands
Dani, Haifa
24/07/25 14:32
The border is far from the islands in the south. No reason to cancel flights.
Reply
2.
Hun Sen pulls the strings
Avi
24/07/25 14:40
His son is prime minister only on paper, everyone knows who decides.
Reply
In reply to Avi
Not accurate
Michal
24/07/25 15:10
She was suspended by the constitutional court, not removed for good.
Reply
3.
Glad we are already home (no text)
Ronit, Rishon
24/07/25 15:18
Reply
"""


def test_numbered_talkbacks_with_titles_and_titled_replies() -> None:
    doc = split_text(_TALKBACKS)
    assert [(c.author, c.parent) for c in doc.comments] == [
        ("Dani, Haifa", None),
        ("Avi", None),
        ("Michal", 2),
        ("Ronit, Rishon", None),
    ]
    texts = [" ".join(c.text.split()) for c in doc.comments]
    assert texts[0] == (
        "Stay on the islands The border is far from the islands in the south."
        " No reason to cancel flights."
    )
    assert texts[2].startswith("Not accurate She was suspended")
    assert texts[3] == "Glad we are already home (no text)"
    assert doc.rebuild() == _TALKBACKS


@pytest.mark.parametrize(
    "line",
    [
        "3 \u0e0a\u0e31\u0e48\u0e27\u0e42\u0e21\u0e07\u0e17\u0e35\u0e48\u0e41\u0e25\u0e49\u0e27",
        "\u17e3 \u1798\u17c9\u17c4\u1784\u1798\u17bb\u1793",
        "3 \u0998\u09a3\u09cd\u099f\u09be \u0986\u0997\u09c7",
        "3 \u0633\u0627\u0639\u062a \u067e\u06cc\u0634",
        "3 tuntia sitten",
        "3 \u00f3r\u00e1ja",
        "acum 3 ore",
        "\u03c0\u03c1\u03b9\u03bd \u03b1\u03c0\u03cc 3 \u03ce\u03c1\u03b5\u03c2",
        "prije 3 sata",
        "pred 3 hodinami",
        "3 jam lepas",
        "\u6628\u5929 10:15",
        "\u0432\u0447\u0435\u0440\u0430 \u0432 10:15",
        "ieri alle 10:15",
        "gisteren om 10:15",
        "i g\u00e5r kl. 10:15",
    ],
)
def test_relative_dates_and_yesterday_in_more_languages(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize("line", ["om", "alle 3", "kl 5", "today", "2019"])
def test_words_around_dates_alone_are_no_dates(line: str) -> None:
    assert not is_timestamp(line)


def test_a_devanagari_word_runs_on_through_its_vowel_signs() -> None:
    assert words(
        "\u0930\u093e\u092e \u092c\u0939\u093e\u0926\u0941\u0930 \u0925\u093e\u092a\u093e"
    ) == [
        "\u0930\u093e\u092e",
        "\u092c\u0939\u093e\u0926\u0941\u0930",
        "\u0925\u093e\u092a\u093e",
    ]
    assert words("\u0926\u0941\u0903\u0916\u0926 \u0964") == [
        "\u0926\u0941\u0903\u0916\u0926"
    ]  # (not the danda)


def test_a_display_name_mentioned_alone_is_whom_a_reply_answers() -> None:
    assert reply_author("@Bikash KC") == "Bikash KC"
    assert reply_author("@jolim") is None  # a handle: a poster's own, on X


_MENTIONS = """10 comments
Ram Thapa
6 hours ago
Do not trust the brokers who promise big salaries abroad, they sell people.
Like 42
Reply
Sita Sharma
@Ram Thapa
5 hours ago
Not only brokers, the adverts on social media too. My brother got one on TikTok.
Like 17
Reply
"""


def test_a_name_over_the_mention_of_whom_it_answers_over_the_time() -> None:
    doc = split_text(_MENTIONS)
    assert [(c.author, c.parent) for c in doc.comments] == [("Ram Thapa", None), ("Sita Sharma", 1)]
    assert doc.comments[1].text.startswith("Not only brokers")
    assert doc.rebuild() == _MENTIONS


_SKYPE = """Add people
Sunday, July 23, 2023
Mathieu R. added Kimsan Ouk to this conversation.
Dara Sok
7:05 AM
Morning all. Line at my station in Chbar Ampov is long, mostly older voters.
Vanna Chhim
7:40 AM
Dara Sok, 7:05 AM
Line at my station in Chbar Ampov is long, mostly older voters.
Same in Tuol Kork. Young people told me they will come after lunch.
Call started
9:00 AM
Call ended 14m 22s
9:14 AM
"""


def test_a_chat_message_quoting_an_earlier_one_by_its_name_and_time() -> None:
    doc = split_text(_SKYPE)
    assert [(c.author, c.posted_at, c.parent) for c in doc.comments] == [
        ("Dara Sok", "7:05 AM", None),
        ("Vanna Chhim", "7:40 AM", 1),
    ]
    assert doc.comments[1].quoted.startswith("Line at my station")
    assert (
        doc.comments[1].text
        == "Same in Tuol Kork. Young people told me they will come after lunch."
    )
    assert doc.rebuild() == _SKYPE


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Mathieu R. added Kimsan Ouk to this conversation.", "notice"),
        ("Call ended 14m 22s", "notice"),
        ("Ordenar por:", "header"),
        ("M\u00e1s recientes", "header"),
        ("Para comentar necesit\u00e1s estar registrado. Ingres\u00e1 o registrate", "notice"),
        ("Citar", "button"),
        ("Ocultar 2 respuestas", "button"),
        ("No due date set.", "notice"),
    ],
)
def test_chat_forum_and_tracker_furniture_of_round_20(line: str, kind: str) -> None:
    assert line_type(line) == kind


def test_an_issue_comments_head_names_the_poster_alone() -> None:
    assert meta_type("kosal commented 2024-03-04 09:40:03 +07:00") == "byline"
    assert name_time("kosal commented 2024-03-04 09:40:03 +07:00") == (
        "kosal",
        "2024-03-04 09:40:03 +07:00",
    )


_ISSUE = """marcus-h commented 2024-03-05 14:48:51 +07:00
Not surprising. Could we also publish to IPFS and add gateway links to the README? Yes.
kosal commented 2024-03-05 16:20:33 +07:00
Could we also publish to IPFS and add gateway links to the README?
We tried that in #21. The public gateways are slow and two are already blocked.
sreyleak mentioned this issue 2024-03-06 15:16:22 +07:00
Telegram bot: send archived article text on request #39
lina-t commented 2024-03-11 20:47:36 +07:00
OONI Explorer shows 46 anomalous measurements for the mirror domain since March 2.
"""


def test_an_issue_thread_with_a_quoted_sentence_and_a_mention_event() -> None:
    doc = split_text(_ISSUE)
    assert [(c.author, c.parent) for c in doc.comments] == [
        ("marcus-h", None),
        ("kosal", 1),
        ("lina-t", None),
    ]
    assert (
        doc.comments[1].quoted
        == "Could we also publish to IPFS and add gateway links to the README?"
    )
    assert doc.comments[1].text.startswith("We tried that in #21.")
    assert doc.rebuild() == _ISSUE


_TIMELINE_HTML = """<html><head><title>Mirror unreachable - Issue #37</title></head><body>
<h1>Mirror unreachable from Cambodian ISPs</h1><div class="timeline">{items}</div>
</body></html>"""
_COMMENT = """<div class="timeline-item comment"><div class="comment-header">
<a class="author" href="/{name}">{name}</a> commented
<relative-time datetime="2024-03-0{n}T09:00:00+07:00">2024-03-0{n} 09:00:00 +07:00</relative-time>
</div><div class="comment-body">{body}</div></div>"""
_EVENT = """<div class="timeline-item event"><span><a class="author" href="/{name}">{name}</a>
mentioned this issue <relative-time datetime="2024-03-0{n}T10:00:00+07:00">2024-03-0{n}
10:00:00 +07:00</relative-time></span><div><a class="issue-title" href="/issues/39">Telegram
bot: send archived article text on request #39</a></div></div>"""


def test_an_issues_timeline_events_are_no_comments_and_a_leading_blockquote_quotes() -> None:
    first = "Same on Cellcard fiber in Siem Reap. Smart seems fine for now, but for how long."
    items = [
        _COMMENT.format(name="pich-v", n=1, body=f"<p>{first}</p>"),
        _EVENT.format(name="sreyleak", n=2),
        _COMMENT.format(
            name="sreyleak",
            n=3,
            body="<blockquote><p>Smart seems fine for now, but for how long.</p></blockquote>"
            "<p>Smart started resetting too this morning. So all three ISPs now.</p>",
        ),
    ]
    doc = split_html(_TIMELINE_HTML.format(items="".join(items)))
    assert [(c.author, c.parent) for c in doc.comments] == [("pich-v", None), ("sreyleak", 1)]
    assert doc.comments[1].quoted == "Smart seems fine for now, but for how long."
    assert (
        doc.comments[1].text == "Smart started resetting too this morning. So all three ISPs now."
    )


@pytest.mark.parametrize(
    "line",
    [
        "14 th\u00e1ng 3, 2024",
        "14 \u05d1\u05de\u05e8\u05e5 2024",
        "14 \u039c\u03b1\u03c1\u03c4\u03af\u03bf\u03c5 2024",
        "14. b\u0159ezna 2024",
        "2024. m\u00e1rcius 14.",
        "14 martie 2024",
        "14. maaliskuuta 2024",
        "14 \u092e\u093e\u0930\u094d\u091a 2024",
        "\u09e7\u09ea \u09ae\u09be\u09b0\u09cd\u099a \u09e8\u09e6\u09e8\u09ea",
        "14 Haziran 2024 Cuma",
        "Jum'at, 14 Juni 2024",
        "Th\u1ee9 N\u0103m, 14/3/2024",
        "14 \u062c\u0648\u0646 2024",
    ],
)
def test_month_and_weekday_names_in_more_languages(line: str) -> None:
    assert is_timestamp(line)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("\u09aa\u099b\u09a8\u09cd\u09a6 \u09ea", "button"),
        ("\u0989\u09a4\u09cd\u09a4\u09b0 \u09a6\u09bf\u09a8", "reply"),
    ],
)
def test_bengali_comment_buttons(line: str, kind: str) -> None:
    assert line_type(line) == kind


@pytest.mark.parametrize("line", ["Couple", "Solo traveler", "Family with young children"])
def test_a_hotel_reviews_traveller_type_is_a_badge(line: str) -> None:
    assert line_type(line) == "badge"


_KUNENA = """<html><head><title>Thema: EU cuts trade preferences for Cambodia</title></head>
<body><div class="kmessages">{posts}</div></body></html>"""
_POST = """<div class="row message" id="{n}"><div class="col-md-2 kprofile-left"><ul>
<li><strong><a class="kwho-user" href="/forum/user/{name}">{name}</a></strong></li>
<li class="kpost-userrank">Senior Boarder</li>
<li class="kpost-userposts">Posts: 1204</li></ul></div>
<div class="col-md-10 message-published"><small><span class="kmsgdate">12 Feb 2020 1{n}:32</span>
<a href="#{n}">#{n}</a></small><h3 class="kmsg-subject">{subject}EU cuts trade preferences for
Cambodia</h3><div class="kmsgtext"><p>{text}</p></div>
<div class="btn-group"><a href="#">Antworten</a> <a href="#">Danke</a></div></div></div>"""


def test_forum_posts_in_a_layout_row_with_the_title_as_their_subject() -> None:
    posts = [
        (1, "Bernd_PP", "", "The EU withdrew about a fifth of the trade preferences today."),
        (2, "Kim_Sreymom", "Aw: ", "My sister works in a factory in Kandal and they are afraid."),
        (3, "Uwe_K", "Aw: ", "Does anyone know from when it applies? A friend imports bags."),
    ]
    html = _KUNENA.format(
        posts="".join(_POST.format(n=n, name=a, subject=s, text=t) for n, a, s, t in posts)
    )
    doc = split_html(html)
    assert [(c.author, c.text) for c in doc.comments] == [(a, t) for _, a, _, t in posts]
