"""Round 63's shapes and the list archives before them: old Reddit, pipermail, phpBB and
Hacker News in text browsers (link numbers, wrapped heads, w3m's edge marks), Google Groups'
quoted history unfolded, LISTSERV's headers with the date first, Outlook chains, SMF's
"Logged" and signatures, Vanilla's lynx heads, HyperKitty's folds and votes, Disqus's and
Substack's lists after the comments."""

from __future__ import annotations

import pytest

from page_gold import PAGES, as_gold, gold_of, split_page
from stance.split.lines import bare_date, clean_line, display_name
from stance.split.roles import date_in
from stance.split.text import split_text
from stance.split.texttitle import named_titles
from stance.split.threadlines import line_type


@pytest.mark.parametrize(
    "name",
    [
        # old Reddit in lynx: "[98][-][99]jo 411 points412 points413 points 2 years" / "ago"
        "r63-oldreddit-english-rcambodia.txt",
        # WordPress in w3m: "12 thoughts on “X" wrapped, a check box's wrapped label
        "r63-wordpress-english-kampongchamchronicle.txt",
        # Hacker News in w3m: "*   text" and "[s]   text" at the left edge
        "r63-hackernews-english-hackernotes.txt",
        # SMF: "Offline jo", personal text, "Logged" and the signature under it
        "r63-smf2-english-stungtrengtalk.txt",
        "r50-smf2-english-kampucheaagora.txt",
        # HyperKitty: "On DATE, Jo wrote: / ..." folded whole, "+2/-0" votes
        "r63-hyperkitty-english-ruraltenurelists.txt",
        # Disqus: "14 / • / Reply" under the first comment, "Also on ..." after the last
        "r63-disqus-english-preahviheartribune.txt",
        # Google Groups: the quoted history unfolded and indented, a sign-off by first name
        "r62-googlegroups-english-khmerrightsdigest.txt",
        "r48-googlegroups-english-khmerpolicyforum.txt",
        # LISTSERV: "Date:" over "Reply-To:", "Sender:" and "From:"
        "r32-listserv-numismal.txt",
        # pipermail, one message whose Outlook chain holds the thread ("Cc: 'Jo'")
        "r50-pipermail-english-sahakum.txt",
        # vBulletin 3 in Spanish: the thread's "Responder" over the first post's "#1"
        "r53-vbulletin3-spanish-expatlatinos.txt",
    ],
)
def test_round_63_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("r63-pipermail-english-prektoallists.txt", 10),  # 4 before (lynx, pages in a row)
        ("r63-vanilla-english-dangrekdebate.txt", 9),  # 4 before
        ("r63-phpbb3-english-battambangbackstreets.txt", 10),  # 7 before
        ("r63-substack-english-stilthouseletter.txt", 12),  # 11 before
        ("r63-bloggercontempo-english-deykrahamjournal.txt", 11),  # 10 before, no author
        ("r38-vanilla1-vesperos.txt", 11),  # 5 before
        ("r12-outlookprint-landalliance.txt", 7),  # 6 before
        ("r60-mailinglist-french-angkorcitoyenne.txt", 9),  # 7 before
    ],
)
def test_round_63_shapes_read_most_comments(benchmark, name: str, at_least: int) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    assert got["recall"][0] >= at_least


def test_a_lynx_link_number_between_two_links_parts_their_words() -> None:
    assert clean_line("    1. Anonymous[16]September 4, 2017 at 9:12 PM") == (
        "Anonymous September 4, 2017 at 9:12 PM"
    )
    assert (
        clean_line("   [98][\u2013][99]jo 411 points 2 years ago")
        == "[\u2013]jo 411 points 2 years ago"
    )
    assert clean_line("[s]   Agreed.") == "Agreed."


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ("sreyleak_pp sreyleak_pp", "sreyleak_pp"),
        ("Offline kimsan", "kimsan"),
        ("Rachel ThornAuthor", "Rachel Thorn"),
        ("Jo Lim", "Jo Lim"),
    ],
)
def test_display_names_of_round_63(shown: str, name: str) -> None:
    assert display_name(shown) == name


def test_a_name_s_initial_is_no_weekday() -> None:
    s = "Kosal V. Jul 31, 2018"
    a, b = date_in(s) or (0, 0)
    assert s[a:b] == "Jul 31, 2018"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        (
            "08-23-2023, 06:55 AM (This post was last modified: 08-23-2023, 07:12 AM by jo.)",
            "08-23-2023, 06:55 AM",
        ),
        (
            "September 11, 2018 12:20PM edited September 11, 2018 12:24PM",
            "September 11, 2018 12:20PM",
        ),
    ],
)
def test_an_edit_note_after_a_date_is_no_part_of_it(line: str, date: str) -> None:
    assert bare_date(line) == date
    assert line_type(line) == "time"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Report to moderator   Logged", "button"),
        ("sopheak_r, Jim and 4 Guests are viewing this topic.", "button"),
        ("Gender: Male", "button"),
        ("Cc: 'Pierre Lemaire'", "button"),
        ("To: Sopheak Nuon; Malis Chea; 'Ben Hartley'", "button"),
        ("Sender:       List <LIST@LISTSERV.EXAMPLE>", "button"),
        ("gringo_no_soy (29/05/2022), Valeria.R (29/05/2022)", "button"),
        ("Los siguientes usuarios agradecieron a Chamuco_PP por este mensaje:", "button"),
        ("Quick Reply", "related"),
        ("Also on The Preah Vihear Tribune", "related"),
        ("this post was submitted on 22 Aug 2023", "related"),
        ("+2/-0", "button"),
        ("permalink fedilink source reply hide child comments", "reply"),
        ("Quote Reply 2 Insightful Awesome LOL", "reply"),
    ],
)
def test_round_63_furniture_lines(line: str, kind: str) -> None:
    assert line_type(clean_line(line)) == kind


def test_a_wrapped_comment_count_names_the_title() -> None:
    lines = [
        "12 thoughts on \u201cRuling party claims landslide as critics call",
        "a \u2018sham\u2019\u201d",
    ]
    (key,) = named_titles(lines)
    assert key.startswith("ruling party claims landslide as critics call a \u2018sham")


def test_a_listserv_message_dates_its_sender_from_the_header_above() -> None:
    text = (
        "=" * 40 + "\nDate:         Tue, 6 Feb 2024 10:14:27 +0100\n"
        "Reply-To:     List <LIST@LISTSERV.EXAMPLE>\n"
        "Sender:       List <LIST@LISTSERV.EXAMPLE>\n"
        "From:         Jo Lim <jo@example.org>\n"
        "Subject:      Hoard of coins\n\nThe hoard is dated to 275.\n\n"
        + "="
        * 40
        + "\nDate:         Tue, 6 Feb 2024 11:02:51 +0100\n"
        "Reply-To:     List <LIST@LISTSERV.EXAMPLE>\n"
        "Sender:       List <LIST@LISTSERV.EXAMPLE>\n"
        "From:         Kim Ek <kim@example.org>\n"
        "Subject:      Re: Hoard of coins\n\nLater, I think: 280 at the earliest.\n\n"
        + "="
        * 40
        + "\nDate:         Tue, 6 Feb 2024 12:40:00 +0100\n"
        "Reply-To:     List <LIST@LISTSERV.EXAMPLE>\n"
        "Sender:       List <LIST@LISTSERV.EXAMPLE>\n"
        "From:         Ann Ho <ann@example.org>\n"
        "Subject:      Re: Hoard of coins\n\nAgreed with Kim, 280 or a little later.\n"
    )
    doc = split_text(text)
    assert [(c.author, c.posted_at) for c in doc.comments] == [
        ("Kim Ek", "Tue, 6 Feb 2024 11:02:51 +0100"),
        ("Ann Ho", "Tue, 6 Feb 2024 12:40:00 +0100"),
    ]
    assert doc.rebuild() == text


def test_google_groups_quoted_history_unfolded_is_the_quote() -> None:
    path = PAGES / "r62-googlegroups-english-khmerrightsdigest.txt"
    got = as_gold(split_page(path).comments)
    gold = gold_of(path)["comments"]
    assert [c["author"] for c in got] == [c["author"] for c in gold]
    assert not any("Preliminary results published by the NEC" in c["text"] for c in got)
