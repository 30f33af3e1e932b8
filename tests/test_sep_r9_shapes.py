"""split: the shapes read once the round-9 pages were dev pages (issue 11): chat logs
(a time and a name before the message, on one line), Thai forum dates and buttons,
a forum poster's post count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stance.split.lines import chat_head, is_timestamp
from stance.split.text import split_text
from stance.split.threadlines import line_type


def test_chat_heads() -> None:
    assert chat_head("0:41:07 kampotkid: the NEC website is down") == ("kampotkid", "0:41:07", 18)
    assert chat_head("29/07/2018, 06:58 - Sophea Kim: Polls opened") == (
        "Sophea Kim",
        "29/07/2018, 06:58",
        31,
    )
    assert chat_head("[09:14] <sokha> hi all") == ("sokha", "09:14", 15)
    assert chat_head("27/07/2018, 22:10 - Vannak Chea created group") is None
    assert chat_head("In 2018 the vote: was rigged") is None


def test_a_whatsapp_export_is_read_one_comment_per_message() -> None:
    text = (
        "29/07/2018, 06:58 - Sophea Kim: Polls opened in PP an hour ago\n"
        "29/07/2018, 07:03 - Rithy Nhem: Long queue because the commune chiefs wrote names\n"
        "29/07/2018, 07:21 - Dara Ouk: I am not voting.\n"
        "Mum says there is nothing to vote for\n"
        "29/07/2018, 07:22 - Lina Sam: My dad will vote\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.text) for c in doc.comments] == [
        ("Sophea Kim", "29/07/2018, 06:58", "Polls opened in PP an hour ago"),
        ("Rithy Nhem", "29/07/2018, 07:03", "Long queue because the commune chiefs wrote names"),
        (
            "Dara Ouk",
            "29/07/2018, 07:21",
            "I am not voting.\nMum says there is nothing to vote for",
        ),
        ("Lina Sam", "29/07/2018, 07:22", "My dad will vote"),
    ]


def test_two_timed_quotes_in_an_article_are_no_chat_log() -> None:
    text = (
        "Vote count live\n\nThe count began at nine in every province.\n\n"
        "10:30 Minister: we will publish the results tonight.\n\n"
        "11:05 Observer: the queues were long in Kampot this morning.\n\n"
        "The commission said turnout was above eighty percent.\n"
    )
    doc = split_text(text)
    assert doc.comments == []
    assert "10:30 Minister: we will publish the results tonight." in doc.editorial


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_a_chat_head_ends_inside_the_line_and_names_a_time(line: str) -> None:
    head = chat_head(line)
    if head is not None:
        name, when, end = head
        assert 0 < end <= len(line) and name and is_timestamp(when)


def test_thai_dates_buttons_and_comment_numbers() -> None:
    assert is_timestamp(
        "15 \u0e01\u0e31\u0e19\u0e22\u0e32\u0e22\u0e19 2565 \u0e40\u0e27\u0e25\u0e32 21:14 \u0e19."
    )
    assert line_type("\u0e16\u0e39\u0e01\u0e43\u0e08") == "button"  # "like"
    comment = "\u0e04\u0e27\u0e32\u0e21\u0e04\u0e34\u0e14\u0e40\u0e2b\u0e47\u0e19"  # "comment"
    assert line_type(comment + "\u0e17\u0e35\u0e48 3-1") == "postnum"  # "comment no. 3-1"


def test_a_posters_post_count_is_furniture() -> None:
    assert line_type("906 Postings") == "button" and line_type("4.812 Postings") == "button"
    assert line_type("906 people voted") is None


def test_a_chat_reply_takes_the_answered_message_shown_over_it() -> None:
    text = (
        "0:43:55 ghost: who is even on the ballot\n"
        "0:43:58 kampotkid: the NEC site is down\n"
        "Replying to @ghost: who is even on the ballot\n"
        "0:44:20 dr_mekong: 18 parties, Candlelight was disqualified\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.text, c.quoted, c.parent) for c in doc.comments] == [
        ("ghost", "who is even on the ballot", None, None),
        ("kampotkid", "the NEC site is down", None, None),
        ("dr_mekong", "18 parties, Candlelight was disqualified", "who is even on the ballot", 1),
    ]


def test_an_author_pane_holding_name_and_rank_gives_the_name() -> None:
    from stance.split.repeated import _innermost

    assert _innermost(["Jo Members", "Jo", "Members"]) == ["Jo", "Members"]
    assert _innermost(["Pierre L.", "Pierre"]) == ["Pierre L.", "Pierre"]
    assert (
        line_type("Share on other sites") == "button" and line_type("Link to comment") == "button"
    )


def test_a_talk_page_reads_each_comment_up_to_its_signature() -> None:
    from stance.split.lines import signed_tail

    assert signed_tail("A footnote. \u2014 Jo.wiki (talk) 09:12, 24 July 2023 (UTC) Reply") == (
        "Jo.wiki",
        "09:12, 24 July 2023 (UTC)",
        12,
    )
    assert signed_tail("would do. Ann (talk \u00b7 contribs) 10:40, 24 July 2023 (UTC)")[0] == "Ann"  # type: ignore[index]
    text = (
        "Talk:2023 Cambodian general election\n\n"
        "Candlelight Party in the infobox\n\n"
        "Should the Candlelight Party appear in the infobox? "
        "\u2014 Jo.wiki (talk) 09:12, 24 July 2023 (UTC) Reply\n\n"
        "    Oppose adding it as a row, a footnote is fine. "
        "Ann (talk) 10:40, 24 July 2023 (UTC) Reply\n\n"
        "Turnout figure\n\n"
        "The infobox still shows the provisional turnout. "
        "--Bo (talk) 11:05, 2 August 2023 (UTC)\n\n"
        "Content is available under CC BY-SA 4.0 unless otherwise noted.\n"
    )
    doc = split_text(text)
    assert doc.rebuild() == text
    assert [(c.author, c.posted_at, c.parent) for c in doc.comments] == [
        ("Jo.wiki", "09:12, 24 July 2023 (UTC)", None),
        ("Ann", "10:40, 24 July 2023 (UTC)", 1),
        ("Bo", "11:05, 2 August 2023 (UTC)", None),
    ]
    assert doc.comments[1].text == "Oppose adding it as a row, a footnote is fine."


def test_cookie_banners_and_german_ages() -> None:
    from stance.split.lines import meta_type

    for line in ["Wir verwenden Cookies", "We use cookies", "Cookie settings"]:
        assert meta_type(line) == "notice", line
    assert meta_type("The minister said we use cookies to track voters, which is false.") is None
    assert meta_type("Einverstanden") == "button" and meta_type("Accept all") == "button"
    assert is_timestamp("vor 2 Tagen") and is_timestamp("3 Tage her") and is_timestamp("5 days")
    assert not is_timestamp("27 Jahren")  # "zu 27 Jahren Haft": a sentence, no date


def test_forum_reply_lines_quote_intros_and_moderation_notes() -> None:
    from stance.split.lines import REPLY_TO, meta_type
    from stance.split.repeated import _intro

    m = REPLY_TO.match("Antwort auf Beitrag von Pixelschubser_HH")
    assert m is not None and m.group("author") == "Pixelschubser_HH"
    assert _intro("Jo schrieb am 18.07.2023 um 09:12:") and _intro("Jo wrote:")
    assert not _intro("Jo says: the vote was rigged")
    assert line_type("Bearbeitet von Jo am 18.07.2023 um 11:10") == "button"
    assert line_type("He edited by hand the ballots.") is None
    assert meta_type("Dieser Beitrag wurde von der Moderation entfernt.") == "notice"


def test_khmer_dates_buttons_headers_and_words() -> None:
    from stance.split.lines import NUMBERED_HEADER, REPLY_TO, words

    august = "\u179f\u17b8\u17a0\u17b6"  # "August"
    assert is_timestamp(f"\u17e0\u17e5 {august} \u17e2\u17e0\u17e2\u17e4 \u17e1\u17e0:\u17e1\u17e4")
    assert line_type("\u1785\u17bc\u179b\u1785\u17b7\u178f\u17d2\u178f (\u17e4\u17e8)") == "button"
    comments = "\u1798\u178f\u17b7\u1799\u17c4\u1794\u179b\u17cb"  # "comments"
    assert NUMBERED_HEADER.match(f"{comments} (\u17e1\u17e0)")
    reply_to = "\u1786\u17d2\u179b\u17be\u1799\u178f\u1794\u1791\u17c5"  # "reply to"
    assert REPLY_TO.match(f"{reply_to} Rithy Phnom Penh").group("author") == "Rithy Phnom Penh"  # type: ignore[union-attr]
    # a vowel sign goes on with its word: two words, not five letters
    assert words("\u179f\u17bb\u1781 \u1785\u17b6\u1793\u17cb\u1790\u17b6") == [
        "\u179f\u17bb\u1781",
        "\u1785\u17b6\u1793\u17cb\u1790\u17b6",
    ]
