"""split: the shapes read once the round-11 pages were dev pages (issue 11): chat exports
with tab-separated heads, imageboard threads, "Review by" heads, placeholders and menus
taken for comments."""

from __future__ import annotations

from stance.split.lines import HEADER, chat_head, is_timestamp, meta_type, name_time, thread_head
from stance.split.text import split_text


def test_line_chat_export_heads_and_placeholders() -> None:
    assert chat_head("08:02\t\u0e1e\u0e35\u0e48\u0e2b\u0e19\u0e36\u0e48\u0e07\tmsg") == (
        "\u0e1e\u0e35\u0e48\u0e2b\u0e19\u0e36\u0e48\u0e07",
        "08:02",
        len("08:02\t\u0e1e\u0e35\u0e48\u0e2b\u0e19\u0e36\u0e48\u0e07"),
    )
    assert chat_head("08:20\t\tJo joined the group") is None  # a system message: no name
    assert is_timestamp("\u0e2d\u0e32. 23/07/2023")  # a Thai weekday before the date
    for placeholder in ("[Sticker]", "<Media omitted>", "[Quoted text hidden]", ">>"):
        assert meta_type(placeholder) == "button"
    assert meta_type("[1]") is None  # a footnote mark is no placeholder


def test_a_tab_separated_chat_export_is_read() -> None:
    rows = [
        ("08:02", "Dara K", "Anyone have news from Poipet today?"),
        ("08:05", "Sophea", "Queues since six."),
    ]
    text = "[LINE] Chat history\n\nSun. 23/07/2023\n" + "".join(
        f"{t}\t{n}\t{m}\n" for t, n, m in rows
    )
    text += "08:06\tDara K\t[Sticker]\n08:07\t\tVuthy joined the group\n08:09\tVuthy\tHello all.\n"
    doc = split_text(text)
    assert doc.rebuild() == text
    got = [(c.posted_at, c.author, c.text) for c in doc.comments]
    assert got == [*rows, ("08:09", "Vuthy", "Hello all.")]


def test_imageboard_heads_backlinks_and_greentext() -> None:
    head = "Anonymous (ID: 3kP9xQ2a) 07/24/23(Mon)03:14:07 No.4812093 >>4812101"
    assert thread_head(head) == ("Anonymous", "07/24/23(Mon)03:14:07", False)
    assert thread_head("Election thread " + head) == ("Anonymous", "07/24/23(Mon)03:14:07", False)
    posts = [
        "Anonymous (ID: aa) 07/24/23(Mon)03:14:07 No.100 >>101\n"
        "Is this the most boring handover in Asia?\n>>\n",
        "Anonymous (ID: bb) 07/24/23(Mon)03:19:44 No.101\n>>100 (OP)\n"
        ">most boring handover\nat least it's not North Korea.\n>be me\n>still here\n>>\n",
    ]
    text = "[Return] [Catalog] [Bottom]\n" + "".join(posts) + "[Return] [Catalog] [Top] 1 / 0 / 2\n"
    doc = split_text(text)
    assert doc.rebuild() == text
    first, reply = doc.comments
    assert first.text == "Is this the most boring handover in Asia?" and first.parent is None
    assert reply.parent == 1 and reply.quoted == "most boring handover"
    assert reply.text == "at least it's not North Korea.\n>be me\n>still here"


def test_review_by_heads_and_counted_review_headers() -> None:
    assert meta_type("Review by Dara Vong \u2605\u2605\u2605\u2605\u2605 14") == "posted"
    assert meta_type("Review by maddie \u2605\u2605\u2605\u2605\u00bd \u2665 2") == "posted"
    assert HEADER.match("Reviews (47)") and not HEADER.match("Reviews")
    assert name_time("Former Employee, more than 3 years") is None  # a duration, no date


def test_a_filter_bar_over_the_first_review_is_no_comment() -> None:
    reviews = [
        ("Dara Vong", "I was nine when my father took me to the rallies at Freedom Park."),
        ("jonah", "important, sincere, and about 20 minutes too long."),
    ]
    text = "Reviews of Ink-Stained Finger\nSort by\nPopularity\nFilter by rating\nAny rating\n"
    text += "".join(
        f"Review by {n} \u2605\u2605\u2605\n{b}\nLike review\n12 likes\n" for n, b in reviews
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.text) for c in doc.comments] == reviews


def test_names_glued_by_a_colon_over_dated_lines() -> None:
    assert is_timestamp("23-7-24 09:30 \u6765\u81ea\u5e7f\u4e1c")  # Weibo: "from Guangdong"
    assert meta_type("\u51715\u6761\u56de\u590d") == "reply"  # "5 replies in all", as "4 replies"
    posts = [
        ("Ming", "The only real opposition could not even stand, so 120 seats is no surprise."),
        ("Chen", "Five years in Phnom Penh: my colleagues never talk politics."),
        ("Zhou", "The party was dissolved by the court in 2017."),
    ]
    text = "Comments\n" + "".join(
        f"{n}:{t}\n23-7-24 09:{30 + k} \u6765\u81ea\u5317\u4eac\n{k + 3}\n"
        for k, (n, t) in enumerate(posts)
    )
    text += "Ming:\u56de\u590d@Chen:I understand, I would not dare either.\n23-7-24 10:15\n12\n"
    doc = split_text(text)
    assert doc.rebuild() == text
    got = [(c.author, c.text, c.parent) for c in doc.comments]
    assert got == [(n, t, None) for n, t in posts] + [
        ("Ming", "I understand, I would not dare either.", 2)
    ]
    assert doc.comments[0].posted_at == "23-7-24 09:30 \u6765\u81ea\u5317\u4eac"


def test_a_printed_mail_thread_is_read() -> None:
    head = "Jo Lim <jo.lim@cmfn.example>\tMon, Feb 13, 2023 at 8:41 AM"
    assert name_time(head) == ("Jo Lim", "Mon, Feb 13, 2023 at 8:41 AM")
    assert meta_type("Sent from my iPhone") == "notice"
    mails = [
        ("Jo Lim", "jo.lim@cmfn.example", "8:41 AM", "Dear all,\nPlease find the draft below."),
        ("Dara Pen", "dara@x.example", "9:05 AM", "Thanks. Two quick points on the wording."),
        ("Vichea Ouk", "vichea@x.example", "1:17 PM", "Hi all\nI agree with Dara."),
    ]
    text = "Draft joint statement\n3 messages\n" + "".join(
        f"{n} <{a}>\tMon, Feb 13, 2023 at {t}\nTo: Jo Lim <jo.lim@cmfn.example>\n{b}\n"
        "Sent from my iPhone\n[Quoted text hidden]\n"
        for n, a, t, b in mails
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    got = [(c.author, c.posted_at, c.text) for c in doc.comments]
    assert got == [(n, f"Mon, Feb 13, 2023 at {t}", b) for n, _, t, b in mails]


def test_a_code_forges_roles_are_badges() -> None:
    from stance.split.threadlines import line_type

    assert line_type("Maintainer") == "badge" and line_type("Owner") == "badge"
    assert line_type("Member") != "badge"  # a forum's rank under a name: its profile box


def test_french_and_spanish_ages_author_badges_and_edit_notes() -> None:
    from stance.split.threadlines import line_type

    assert is_timestamp("il y a 11 mois") and is_timestamp("il y a une heure")
    assert is_timestamp("hace 3 días") and is_timestamp("hace un año")
    assert is_timestamp("il y a 11 mois (modifié)")
    assert not is_timestamp("il y a des mois")
    assert line_type("Auteur") == "badge" and line_type("(modifié)") == "badge"


def test_a_forum_over_a_mailing_list() -> None:
    from stance.split.lines import QUOTE_INTRO

    assert is_timestamp("Mar 03, 2023; 10:12am")
    assert meta_type("Reply | Threaded") == "reply"
    assert meta_type("Open this post in threaded view") == "button"
    assert QUOTE_INTRO.match("Am 03.03.2023 um 10:12 schrieb Birgit Lorenz:")


def test_a_markup_list_of_names_glued_to_their_text() -> None:
    from stance.split.html import split_html

    items = [
        ("Ming", "The only real opposition could not even stand, so no surprise.", "09:30"),
        ("Chen", "Five years in Phnom Penh: my colleagues never talk politics.", "10:02"),
        ("Zhou", "The party was dissolved by the court in 2017, same script.", "10:20"),
    ]
    place = "\u6765\u81ea\u5317\u4eac"  # Weibo: "from Beijing"
    lis = "".join(
        f'<div class="list_li"><div class="txt"><a class="name" href="/u/{n}">{n}</a>:{t}</div>'
        f'<div class="time">23-7-24 {w} {place}</div><div class="like">12</div></div>'
        for n, t, w in items
    )
    article = "<p>" + "Election results are in. " * 10 + "</p>"
    html = (
        "<html><head><title>Post</title></head><body><div class='main'><h1>Post</h1>"
        f"{article}</div><div class='list_box'>{lis}</div></body></html>"
    )
    doc = split_html(html)
    got = [(c.author, c.posted_at, c.text) for c in doc.comments]
    assert got == [(n, f"23-7-24 {w} {place}", t) for n, t, w in items]
