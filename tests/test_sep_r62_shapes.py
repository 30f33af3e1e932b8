"""Round 62's shapes: vBulletin 4 and XenForo 1 in lynx (a member menu under the name,
profile fields with their values on the next line, the post's date in its footer),
Discourse in w3m (avatars as "[57_2]", "jo Jo Lim" heads), new Reddit's "level 2" heads, a
Spanish pipermail archive, phpBB's glued cite, HyperKitty's folded quote, Google Groups'
message menu in a dump."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.html import split_html
from stance.split.lines import (
    GLUED_WROTE,
    bare_date,
    clean_line,
    display_name,
    handle_of,
    mail_author,
)
from stance.split.text import split_text
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # XenForo 1 in lynx: "Joined: / DATE" fields, "Jo, DATE Report" under the text,
        # "Jo said: ↑" quotes, a two-line signature that ends two of one poster's posts
        "r62-xenforo1-english-geckotravellers.txt",
        "r59-xenforo1-english-rieltalk.txt",
        # Hacker News: a head with the reader's "unvote" link
        "r62-hackernews-english-sarusnews.txt",
        # Blogger in French: "Publier un commentaire", "Article plus récent ..." end it
        "r62-blogger-french-lettresdekampongcham.txt",
    ],
)
def test_round_62_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("r62-vbulletin4-english-apsaraexpatboards.txt", 10),  # 0 before: menus as text
        ("r62-discourse-english-srassrang.txt", 11),  # 0 before
        ("r59-discourse-english-kampucheapolicycircle.txt", 10),  # 1 before
        ("r62-newreddit-english-redditcambodia.txt", 13),  # 1 before
        ("r62-pipermail-spanish-solidaridadjemer.txt", 9),  # 2 before
        ("r62-phpbb3-english-pailinhills.txt", 11),  # 6 before
        ("r59-googlegroups-english-sastrapolitics.txt", 11),  # 7 before
        # HyperKitty: "..." over the quoted lines, indented (8 before)
        ("r62-hyperkitty-english-srassrang.txt", 10),
    ],
)
def test_round_62_shapes_read_most_comments(benchmark, name: str, at_least: int) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    assert got["recall"][0] >= at_least and got["precision"][1] <= got["recall"][1] + 2


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("View Profile", "button"),  # vBulletin 4's member menu
        ("Private Message", "button"),
        ("#4 Like + Quote Reply", "reply"),  # XenForo 1's footer, its multi-quote "+ Quote"
        ("Joined:", "field_label"),  # (its value on the next line)
        ("Likes Received:", "field_label"),
        ("Jo said: \u2191", "quote_intro"),  # XenForo's quote, the arrow its link
        ("Users Viewing Thread (Users: 2, Guests: 17)", "related"),
        ("Siguiente mensaje: [Lista] Re: X", "button"),  # pipermail in Spanish
        ("Mensajes ordenados por: [ fecha ] [ hilo ] [ asunto ] [ autor ]", "button"),
        ("Publier un commentaire", "header"),  # Blogger's "Post a Comment" in French
        ("Add to favorites Remove from favorites", "button"),  # HyperKitty
        ("Display: [All posts] Sort by: [Post time] Direction: [Ascending ]", "button"),
        ("ligature 2 years ago | unvote | prev | next [\u2013]", "thread_head"),
        ("SiemReapSue, old_asia_hand and 4 others like this.", "button"),
        ("neary_k, ChanthaS and Sopheap M. like this.", "button"),
    ],
)
def test_round_62_line_types(line: str, kind: str) -> None:
    assert line_type(clean_line(line)) == kind


@pytest.mark.parametrize(
    "line",
    [
        # a sentence's wrapped line is no list of who liked a post, nor a place
        "here the last six years and I've never seen anything like this",
        "from leaving the country.",
    ],
)
def test_wrapped_sentences_are_text(line: str) -> None:
    assert line_type(line) is None


@pytest.mark.parametrize("line", ["[57_2]", "[88_]", "[700]", "[0ec4cf09fb5ec5d8]"])
def test_an_avatar_image_a_text_browser_names_is_no_line_of_text(line: str) -> None:
    assert clean_line(line) == ""


def test_a_user_name_before_the_full_name_is_the_poster() -> None:
    assert handle_of("sophea.n Sophea Nhem") == "sophea.n"
    assert handle_of("ratana.limRatana Lim") == "ratana.lim"  # (a text browser glues them)
    assert handle_of("kbrennan Kevin Brennan") == "kbrennan"
    assert handle_of("Jo Whitfield") is None  # a full name alone
    assert handle_of("editor Jo Whitfield") is None  # no word of the name in the handle
    assert display_name("jo Jo Whitfield") == "jo"


def test_an_edit_mark_is_no_part_of_the_date() -> None:
    assert bare_date("5 years ago \u2022 edited") == "5 years ago"
    assert bare_date("3 years ago (edited)") == "3 years ago"
    assert bare_date("Jul 30, 2018") == "Jul 30, 2018"


def test_pipermails_spanish_sender_line() -> None:
    assert mail_author("Marta Quintana Ruiz mquintana en solidaridadjemer.org") == (
        "Marta Quintana Ruiz"
    )


def test_phpbbs_cite_glued_to_a_quote_by_a_name_of_two_words() -> None:
    m = GLUED_WROTE.match("Chea Sophal wrote: \u2191Fri Mar 03, 2023 4:02 pmEvery country")
    assert m is not None and m.group().endswith("4:02 pm")
    m = GLUED_WROTE.match("kampong_cham_teacher wrote: \u2191Mon Jul 30, 2018 6:48 amdoes it")
    assert m is not None and m.group().endswith("6:48 am")


def test_a_feeds_names_over_handles_over_dates_are_no_thread() -> None:
    # a site's Twitter box: "name / @handle / DATE / tweet", three times, no menu under the
    # dates: no comment section (Google Groups' "Jo / unread, / DATE" has its menu)
    tweet = "Jo Lim\n\n@jolim_news\n\nNovember 20, 2019, 10:5{n} am\n\nA short post number {n}.\n\n"
    text = "Article title\n\nThe article's only paragraph, long enough to be one.\n\n"
    doc = split_text(text + "".join(tweet.format(n=n) for n in range(3)))
    assert doc.comments == []


def test_article_paragraphs_in_a_nameless_comment_stay_the_articles() -> None:
    paras = [
        f"Paragraph {n} of the article, a sentence long enough to be counted here."
        for n in range(4)
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (
        "<html><head><title>A story</title></head><body><article><h1>A story</h1>"
        f"{body}</article><div id='comments'><div class='comment'><p>{paras[3]}</p></div>"
        "</div></body></html>"
    )
    doc = split_html(html)
    assert paras[3] in doc.editorial
