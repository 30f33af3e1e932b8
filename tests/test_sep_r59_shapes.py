"""Round 59's shapes: a German news site's comments in lynx ("(BUTTON) Antworten", "Antwort
auf Jo" after the date), a Spanish WordPress in w3m (its comment form's fields), LiveJournal
("(Link) (Reply) (Thread)", "[info]jo"), Google Groups' message menu, Discourse's
placeholders."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of, split_page
from stance.split.lines import answered_in_head, clean_line, meta_text, meta_type, name_time
from stance.split.text import split_text


@pytest.mark.parametrize(
    "name",
    [
        # lynx: "[34]Jo [35]DATE Antwort auf [36]Kim", buttons as "(BUTTON) Antworten", the
        # moderators' "Entfernt. ... Danke, die Redaktion/mb" in place of a comment
        "r59-newscomments-german-mittellandbote.txt",
        "r59-wordpress-spanish-cronicajemer.html",  # "Enlace permanente" is a permalink
        # LiveJournal: a table's two columns side by side, "(Link) (Reply) (Parent)" rows
        "r59-livejournal-english-rainoverkandal.txt",
        # Google Groups' new view: the list of messages holds all the page says, so its
        # first message is the thread's opening post; its menu is ARIA controls (stop 50)
        "r59-googlegroups-english-sastrapolitics.html",
    ],
)
def test_round_59_comments_all_read_and_no_other(benchmark, name: str) -> None:
    path = PAGES / name
    got = benchmark("separator").score_page(gold_of(path), split_page(path))
    n = got["recall"][1]
    assert got["recall"] == (n, n) and got["precision"] == (n, n)


def test_a_comment_forms_fields_are_no_comment() -> None:
    # w3m: "Deja una respuesta", the form's "[ ] Recibir un correo ..." check boxes and
    # text boxes, the Akismet notice (read here without the "about us" box after them,
    # which ends the section: test_sep_r60_shapes)
    text = (PAGES / "r59-wordpress-spanish-cronicajemer.txt").read_text("utf-8")
    end = text.index("Sobre nosotros")
    comments = split_text(text[:end]).comments
    assert len(comments) == 14 and all(c.author and c.posted_at for c in comments[:12])


def test_the_one_answered_after_the_date_is_the_parent(benchmark) -> None:
    path = PAGES / "r59-newscomments-german-mittellandbote.txt"
    got = benchmark("separator").score_page(gold_of(path), split_text(path.read_text("utf-8")))
    assert got["parent"] == (6, 6)


def test_a_head_names_the_one_it_answers_after_its_date() -> None:
    s = "Karl-Heinz W. 26.07.2023, 15:20 Uhr Antwort auf Elbseglerin"
    assert meta_type(s) == "byline"
    assert name_time(meta_text(s)) == ("Karl-Heinz W.", "26.07.2023, 15:20 Uhr")
    assert answered_in_head(s) == "Elbseglerin"
    assert answered_in_head("Jo 3 May 2019 in reply to @kim_l") == "kim_l"
    assert answered_in_head("Jo 26.07.2023, 15:20 Uhr") is None


def test_a_name_may_end_in_an_accented_initial() -> None:
    assert name_time("Bernd Ö. vor 2 Stunden") == ("Bernd Ö.", "vor 2 Stunden")


def test_lynx_buttons_are_not_the_lines_words() -> None:
    assert clean_line("   (BUTTON) Antworten (BUTTON) Melden") == "Antworten Melden"


@pytest.mark.parametrize(
    "line",
    [
        "Melden Sie sich an, um zu kommentieren.",
        "Bitte beachten Sie unsere Netiquette. Kommentare werden von der Redaktion moderiert.",
        "Entfernt. Bitte verzichten Sie auf persönliche Angriffe. Danke, die Redaktion/mb",
        "Sign in to forward",
        "You do not have permission to delete messages in this group",
        "Message has been deleted",
        "(post withdrawn by author, will be automatically deleted in 24 hours unless flagged)",
        "This is the first time r.ouk has posted — let\u2019s welcome them to our community!",
    ],
)
def test_notices_of_comment_sections(line: str) -> None:
    assert meta_type(line) == "notice"


def test_a_sentence_about_moderation_is_still_text() -> None:
    assert meta_type("Ich finde, die Kommentare werden hier zu streng moderiert.") is None


def test_google_groups_menu_and_recipients_are_not_the_message() -> None:
    head = (
        "Jo Lim\n\nunread,\n\nMar 3, 2023, 11:05:33 AM3/3/23\n\nReply to author\n\n"
        "Sign in to reply to author\n\nForward\n\nCopy link\n\nReport message\n\n"
        "to Sastra Politics\n\n"
    )
    doc = split_text(
        "Sastra Politics\n\nVote count\n\n"
        + head
        + "The count starts at noon in every commune.\n\n"
        + head.replace("Jo Lim", "Kim Sok").replace("11:05", "12:15")
        + "Agreed.\n"
    )
    assert [c.text for c in doc.comments][-1:] == ["Agreed."]


def test_a_list_threads_first_message_is_the_article_in_html() -> None:
    doc = split_page(PAGES / "r59-googlegroups-english-sastrapolitics.html")
    first = doc.comments[0]
    # the whole date, not its short form glued on ("...AM3/3/23"); the name over it, not
    # the sign-off "Dara" under the text; "to Sastra Politics" is the head's furniture
    assert (first.author, first.posted_at) == ("Vuthy Lim", "Mar 3, 2023, 11:05:33 AM")
    assert first.text.startswith("Entirely predictable.")
    assert any(p.startswith("Dear all,") for p in doc.editorial)
    assert not any("Sastra Politics" in c.text or "Forward" in c.text for c in doc.comments)
