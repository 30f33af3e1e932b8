"""Round 60's shapes and what round 59's rules cost older pages: Google Groups' folded
quotes, Discourse copied from a browser, phpBB's cite glued to the quote, HyperKitty's
sidebar, w3m's image names before a commenter's name; Coral's "In reply to / Jo", Zeit's
"#3 — Antwort auf #2" over a quoted line of the parent."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import GLUED_WROTE, clean_line
from stance.split.text import split_text
from stance.split.threadlines import POSTNUM


def _score(benchmark, name: str) -> dict:
    path = PAGES / name
    return benchmark("separator").score_page(gold_of(path), split_page(path))


@pytest.mark.parametrize(
    "name",
    [
        # "On DATE Jo wrote:" over "- show quoted text -": the end of a message, no quote
        "r60-googlegroups-english-cambodiareformtalk.txt",
        # the opening post's Reply over the topic's map ("created / last reply / 12
        # replies") starts no section; "jo:" under a post's date quotes Jo
        "r60-discourse-english-preahkhandiscuss.txt",
        # w3m's "[3f1c0a9e2b7d4] Jo dit :": the avatar's file name is no part of the name
        "r60-wordpress-french-leveilleurdindochine.txt",
        # "Sobre nosotros" (about us) after the comment form ends the section
        "r59-wordpress-spanish-cronicajemer.txt",
        # Coral: "In reply to / Jo" names the parent and quotes nothing
        "r4-coral-mekongtribune.txt",
        # Zeit: "#3 — Antwort auf #2" is the post's number; "„Mehr Hebel ...“" quotes #2
        "r7-zeitstyle-kambodschapost.txt",
    ],
)
def test_every_comment_read_and_no_other(benchmark, name: str) -> None:
    got = _score(benchmark, name)
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)


def test_wordpress_in_w3m_names_its_commenters(benchmark) -> None:
    got = _score(benchmark, "r60-wordpress-french-leveilleurdindochine.txt")
    assert got["author"] == (12, 12)


def test_coral_replies_answer_the_one_named() -> None:
    text = (PAGES / "r4-coral-mekongtribune.txt").read_text("utf-8")
    doc = split_text(text)
    replies = [(c.author, doc.comments[c.parent - 1].author) for c in doc.comments if c.parent]
    assert ("pp_observer", "sothea_v") in replies and len(replies) == 5


def test_a_hyperkitty_threads_sidebar_starts_no_section(benchmark) -> None:
    # "12 comments / 9 participants" and the participants' names after the last message
    got = _score(benchmark, "r60-hyperkitty-english-sdokkaklists.txt")
    assert got["recall"][0] >= 11 and got["precision"][1] <= 12


def test_phpbb_cite_glued_to_the_quote_with_its_date() -> None:
    line = "BarangBob wrote: ↑Sun Jul 29, 2018 10:35 pmUntil the NEC publishes the breakdown"
    m = GLUED_WROTE.match(line)
    assert m is not None and line[m.end() :] == "Until the NEC publishes the breakdown"
    assert GLUED_WROTE.match("lina wrote: ↑Sat Nov 12, 2022 7:03 pm") is None


def test_a_post_number_that_names_the_one_answered() -> None:
    assert POSTNUM.match("#3  —  Antwort auf #2") and POSTNUM.match("#8 Antwort auf #7")
    assert not POSTNUM.match("#3 Antwort auf Jo")


def test_an_image_file_name_before_a_name_is_not_read() -> None:
    assert clean_line(" 1. [3f1c0a9e2b7d4] Sophal K. dit :") == "Sophal K. dit :"
    assert clean_line("[Mensaje eliminado por la moderación]") == (
        "[Mensaje eliminado por la moderación]"
    )
