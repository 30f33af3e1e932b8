"""Round 58's shapes: list archives saved message after message (pipermail as HTML and as
a text browser's dump, Sympa in Spanish, HyperKitty), vBulletin 3's and SMF 2.1's text
copies, Usenet headers."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.html import _one_document
from stance.split.lines import clean_line, date_label, is_timestamp, name_time, subject
from stance.split.text import split_text


@pytest.mark.parametrize(
    "name",
    [
        # pipermail in lynx: "[4]jo at x.org" heads, wrapped "* Next message:" items, a
        # "References" list of links under each message, an intro wrapped by the client
        "r58-pipermail-english-samakilists.txt",
        # eleven documents in one file: the parser stopped at the first "</html>"
        "r58-pipermail-english-samakilists.html",
        # Sympa in Spanish: "Mensaje anterior por fecha:", the list's masthead over every
        # message, "Asunto: Re: [tag] X", a sentence ending "saldrán el 15 de agosto."
        "r58-mailinglist-spanish-listasiberoasia.txt",
        # vBulletin 3.8 saved as text: "Old DATE<TAB>#1", "jo is offline<TAB>Reply With
        # Quote", rows of links between tabs, a deleted post's notice
        "r58-vbulletin3-english-watphnom.txt",
        # HyperKitty: the date and the time on two lines, "..." over a reply's quote
        "r58-hyperkitty-english-kiriromciviclists.txt",
    ],
)
def test_round_58_threads_read_by_poster(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    # every message, by its poster; one more at most (HyperKitty's opening message: the
    # page names no thread title its replies answer; an Outlook reply's quoted original)
    assert got["recall"][0] == n and got["author"] == (n, n)
    assert got["precision"][1] <= n + 1


def test_smf_21_profile_boxes_and_the_starter(benchmark) -> None:
    # the personal text between the box's fields is no name (a custom title over the
    # rank still is: the opening post, its poster so misnamed, is not known for the one
    # "Started by" names, and counts; and "Agreed." with its signature under it is missed)
    path = PAGES / "r58-smf21-english-sangkeriver.txt"
    got = benchmark("separator").score_page(gold_of(path), split_text(path.read_text("utf-8")))
    assert got["recall"] == (9, 10) and got["precision"] == (9, 11)
    assert got["author"][0] >= 7


def test_several_documents_in_one_file_are_read_as_one() -> None:
    page = "<html><head><title>A</title></head><body><p>first</p></body></html>\n"
    page += "<!DOCTYPE html><html><head><title>B</title></head><body><p>second</p></body></html>"
    one = _one_document(page)
    assert "second" in one and "<title>B</title>" not in one and one.count("</html>") == 1
    assert _one_document("<html><body>x</body></html>") == "<html><body>x</body></html>"
    # an old IE's conditional comments open "<html>" three times: one document
    ie = '<!--[if IE 7]><html class="ie7"><![endif]--><html><head><title>T</title></head>'
    assert _one_document(ie + "<body>x</body></html>") == ie + "<body>x</body></html>"


def test_a_text_browsers_link_numbers_are_not_read() -> None:
    assert clean_line("Dara Keo [4]darakeo.pp at gmail.com") == "Dara Keo darakeo.pp at gmail.com"
    assert clean_line("#[1]Index [2]Previous") == "#Index Previous"
    # a changeset's number, a Japanese reply's count: no link numbers
    assert clean_line("Done in [1432]: an import") == "Done in [1432]: an import"
    assert clean_line("Re[1]:はじめて") == "Re[1]:はじめて"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("[Khmer-civic] Re: Supreme Court dissolves the CNRP", "supreme court dissolves the cnrp"),
        ("Asunto: Re: [camboya-info] Elecciones", "elecciones"),
        ("Re: Re: Title", "title"),
        ("[deleted]", "[deleted]"),
    ],
)
def test_a_subject_without_its_list_tag_and_labels(line: str, key: str) -> None:
    assert subject(line) == key


def test_a_sentences_last_words_are_no_head() -> None:
    assert name_time("saldrán el 15 de agosto.") is None
    assert name_time("jo el 15 de agosto") == ("jo", "el 15 de agosto")


def test_vbulletin_3s_post_icon_before_the_date() -> None:
    assert is_timestamp("Old 03-03-2023, 11:02 AM")
    assert date_label("Old 03-03-2023, 11:02 AM\t  #1") == "03-03-2023, 11:02 AM"
    assert not is_timestamp("Old 3 friends")


def test_a_records_dotted_leader_reads_as_its_fields_colon() -> None:
    # a comment export's record ("author ........ Jo Lim (@jolim)", "createdAt ..... DATE")
    assert clean_line("author ........ Jo Lim (@jolim)") == "author: Jo Lim (@jolim)"
    assert is_timestamp("createdAt ..... 2023-10-03T04:41:09") is False  # (a label, then a date)
    assert date_label(clean_line("createdAt ..... 2023-10-03T04:41:09")) == "2023-10-03T04:41:09"
    assert clean_line("Wait.... what?") == "Wait.... what?"
