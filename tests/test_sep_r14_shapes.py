"""split: the shapes read once the round-14 pages were dev pages (issue 11)."""

from __future__ import annotations

import pytest

from stance.split.html import split_html
from stance.split.lines import meta_type, name_time
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_ptt_push_lines_are_one_comment_each() -> None:
    text = (
        "Some news repost.\n--\n"
        "\u63a8 taipeicat: house arrest for 27 years 03/03 15:22\n"
        "\u2192 yoyo5566: he is 70 already 03/03 15:22\n"
        "\u5653 kmtdpp: not our business 03/03 15:23\n"
        "\u63a8 taipeicat: 2/3 of them agree 03/03 15:46\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("taipeicat", "03/03 15:22", "house arrest for 27 years"),
        ("yoyo5566", "03/03 15:22", "he is 70 already"),
        ("kmtdpp", "03/03 15:23", "not our business"),
        ("taipeicat", "03/03 15:46", "2/3 of them agree"),
    ]


def test_korean_buttons_best_badge_and_most_read_list() -> None:
    for line in ("\ub2f5\uae00 2", "\ucd94\ucc9c1,204\ube44\ucd94\ucc9c31", "\uc2e0\uace0"):
        assert meta_type(line) in ("button", "reply"), line
    assert name_time("\ud558\ub298 BEST 2018.07.30. 16:02") == ("\ud558\ub298", "2018.07.30. 16:02")
    assert line_type("\uad6d\uc81c \ub9ce\uc774 \ubcf8 \ub274\uc2a4") == "related"
    assert line_type("\u95a2\u9023\u8a18\u4e8b") == "related"


POST = """<article class="message" data-author="{name}">
<div class="message-avatar"><a href="/members/{name}.1/" class="avatar">
<span>{letter}</span></a></div>
<h4 class="message-name"><a href="/members/{name}.1/" class="username">{name}</a></h4>
<dl class="pairs"><dt>Joined</dt><dd>Mar 2, 2016</dd></dl>
<time class="u-dt">May 15, 2023</time>
<article class="message-body js-selectToQuote"><div class="bbWrapper">{quote}{text}</div></article>
<aside class="message-signature"><div>Ten years in the Kingdom, still grumpy.</div></aside>
<div class="actions"><a>Report</a> <a>Like</a> <a>Reply</a></div>
</article>"""


def test_forum_markup_post_date_quote_avatar_letter_and_signature() -> None:
    quote = (
        '<blockquote class="bbCodeBlock bbCodeBlock--quote"><div>Gecko said:</div>'
        "<div>Rules are rules, everyone else filed.</div></blockquote>"
    )
    posts = [
        ("Gecko", "G", "", "The party is not on the list for July, the NEC said today."),
        ("Sreyneang", "S", "", "My staff are quiet about it, they will vote anyway."),
        ("Bob", "B", quote, "None of the others had to produce a paper the Ministry holds."),
    ]
    html = "<html><head><title>Ballot thread</title></head><body><h1>Ballot thread</h1>"
    html += "".join(POST.format(name=n, letter=a, quote=q, text=t) for n, a, q, t in posts)
    html += "</body></html>"
    doc = split_html(html)
    got = [(c.author, c.posted_at, c.text, c.quoted) for c in doc.comments]
    assert got == [
        ("Gecko", "May 15, 2023", posts[0][3], None),
        ("Sreyneang", "May 15, 2023", posts[1][3], None),
        ("Bob", "May 15, 2023", posts[2][3], "Rules are rules, everyone else filed."),
    ]


def test_chinese_forum_and_japanese_news_furniture() -> None:
    from stance.split.lines import is_timestamp

    assert is_timestamp("\u53d1\u8868\u4e8e 2024-8-5 19:02 | \u53ea\u770b\u8be5\u4f5c\u8005")
    assert line_type("\u79ef\u5206") == "field_label"
    assert line_type("\u5f53\u524d\u79bb\u7ebf") == "badge"
    assert meta_type("\u56de\u590d") == "reply"
    assert meta_type("\u4f7f\u7528\u9053\u5177 \u4e3e\u62a5") == "button"
    assert meta_type("\u5171\u611f\u3057\u305f") == "button"
    assert meta_type("Like1 person likes this") == "button"


def test_a_reply_note_under_the_head_quotes_the_parent() -> None:
    text = (
        "Channel\n3 comments\n"
        "Vichet Sok\n7:21 AM\nObservers were turned away at the school gate.\nReply\n"
        "Sreymao Chan\n7:40 AM\nQueues are long but calm here.\nReply\n"
        "Dara Vong\n7:30 AM\nCommented on Vichet Sok's message: Observers were turned away\n"
        "Please take their names and phone numbers.\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    last = doc.comments[-1]
    assert (last.author, last.posted_at, last.text) == (
        "Dara Vong",
        "7:30 AM",
        "Please take their names and phone numbers.",
    )
    assert (last.quoted, last.parent) == ("Observers were turned away", 1)


IPB_POST = """<div class="post_block hentry" id="post_id_{n}"><div class="post_wrap">
<h3><span class="author vcard"><a class="url fn" href="/user/{n}-{name}/">{name}</a></span></h3>
<div class="author_info"><ul class="custom_fields">
<li><span class="ft">Bergabung:</span><span class="fc">04-Agustus 22</span></li></ul></div>
<div class="post_body"><p class="posted_info">Ditulis <abbr class="published">{when}</abbr></p>
<div class="post entry-content">{quote}<p>{text}</p></div>
<ul class="post_controls"><li><a href="#">Lapor</a></li><li><a href="#">Kutip</a></li></ul>
</div></div></div>"""


def test_invision_post_date_not_the_join_date_and_its_citation() -> None:
    """Invision Power Board 3 (in Indonesian): the profile's "Bergabung:" (joined) date
    is not the post's, the post's is the element the markup calls "published", and the
    citation "Jo, pada DATE, berkata:" (Jo, on DATE, said:) heads a quote."""
    quote = (
        '<blockquote class="ipsBlockquote"><p class="citation">Rendy, pada 14 Maret 2023'
        ' - 09:12, berkata:</p><div class="blockquote"><p>Paspor mereka ditahan sejak hari'
        " pertama.</p></div></blockquote>"
    )
    posts = [
        (
            "Rendy",
            "14 Maret 2023 - 09:12",
            "",
            "Sepupu saya hampir berangkat tahun lalu, untung batal.",
        ),
        (
            "Ayu",
            "14 Maret 2023 - 10:05",
            quote,
            "Itu sebabnya banyak yang tidak bisa pulang sendiri.",
        ),
        ("Tigor", "14 Maret 2023 - 10:31", "", "Yang lapor saja sudah dua ribu orang lebih, gan."),
    ]
    html = "<html><head><title>WNI disekap</title></head><body><h1>WNI disekap</h1>"
    html += "".join(
        IPB_POST.format(n=i, name=n, when=w, quote=q, text=t)
        for i, (n, w, q, t) in enumerate(posts)
    )
    html += "</body></html>"
    got = [(c.author, c.posted_at, c.text, c.quoted) for c in split_html(html).comments]
    assert got[1] == (
        "Ayu",
        "14 Maret 2023 - 10:05",
        posts[1][3],
        "Paspor mereka ditahan sejak hari pertama.",
    )
    assert [g[:2] for g in got] == [p[:2] for p in posts]


@pytest.mark.parametrize(
    "line",
    [
        "IP: Logged",
        "All times are ET (US)",
        "Hop To:",
        "Post New Topic  Post A Reply",
        "Administrative Options: Close Topic | Archive/Move | Delete Topic",
    ],
)
def test_infopop_ubb_furniture(line: str) -> None:
    assert line_type(line) == "button"


@pytest.mark.parametrize("line", ["Hữu ích (12)", "Phản Hồi Của Người Bán"])
def test_a_shops_vote_and_answer_heading_in_vietnamese(line: str) -> None:
    assert line_type(line) == "button"  # (Shopee: helpful (12), the seller's answer)


def test_a_rule_of_hyphens_opens_a_signature() -> None:
    from stance.split.lines import SIGNATURE

    assert SIGNATURE.match("------------------")  # UBB's, over the poster's signature
    assert not SIGNATURE.match("-----")  # (five: a rule in a text)


def test_a_level_glued_to_a_name_is_not_the_name() -> None:
    from stance.split.section import _name_place

    assert _name_place("阿明Ah MengLv.5") == ("阿明Ah Meng", None)
    assert _name_place("Lv.5") == ("Lv.5", None)  # (nothing before it: left as it is)


def test_a_mybb_citation_glued_to_the_quoted_words() -> None:
    """MyBB (in Vietnamese): "<cite>(DATE)Jo đã viết:</cite>quoted words" reads as one
    line; the quote is not the reply's text."""
    post = (
        '<div class="post"><div class="author_information"><a href="/user-{n}.html">{name}'
        '</a></div><span class="post_date">{when}</span><div class="post_body">{quote}{text}'
        "</div></div>"
    )
    quote = (
        '<blockquote class="mycode_quote"><cite><span> (03-03-2024, 09:17 PM)</span>Tuan '
        "đã viết: </cite>chỉ còn mấy khu compound đóng cửa kín mít.</blockquote><br />"
    )
    posts = [
        ("Tuan", "03-03-2024, 09:17 PM", "", "Sihanoukville đúng là thành phố ma, phố vắng tanh."),
        ("Long", "03-03-2024, 10:02 PM", quote, "Đừng đăng tên công ty khi chưa kiểm chứng nhé."),
        ("Thu", "04-03-2024, 07:55 AM", "", "Khách Trung Quốc giờ chủ yếu là đoàn công nhân."),
    ]
    html = "<html><head><title>Sihanoukville</title></head><body><h1>Sihanoukville</h1>"
    html += "".join(
        post.format(n=i, name=n, when=w, quote=q, text=t) for i, (n, w, q, t) in enumerate(posts)
    )
    got = [c.text for c in split_html(html + "</body></html>").comments]
    assert posts[1][3] in got
