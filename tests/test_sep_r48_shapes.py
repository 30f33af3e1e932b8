"""Round 48's shapes (the issue's everyday engines in English): what their lines mean."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from stance.split.html import _node_text
from stance.split.lines import FORUM, PROFILE, meta_type, name_time, posted_by, thread_head
from stance.split.shapes import head_shape, header_shape
from stance.split.text import split_text

ROOT = Path(__file__).resolve().parents[1]


def test_a_quotes_cite_is_a_line_of_its_own_and_a_comments_cite_stays_inline() -> None:
    quote = lxml.html.fromstring(
        '<div class="content"><blockquote><div><cite><a href="#">Jo</a> wrote: '
        '<a href="#p1">↑</a><span>Wed Nov 16, 2022 9:40 pm</span></cite>Fight me.'
        "</div></blockquote>Three million voted.</div>"
    )
    assert _node_text(quote).split("\n\n") == [
        "Jo wrote: ↑ Wed Nov 16, 2022 9:40 pm",
        "Fight me.",
        "Three million voted.",
    ]
    wordpress = lxml.html.fromstring(
        '<div class="comment-author"><cite class="fn">Jo Lim</cite> '
        '<span class="says">says:</span></div>'
    )
    assert _node_text(wordpress) == "Jo Lim says:"


@pytest.mark.parametrize(
    "line",
    [
        "A non-text attachment was scrubbed...",
        "Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Size: 48213 bytes",
        "Desc: not available",
        "[cid:image001.png at 01D993A1.4C2B7E60]",
        "CAUTION: This email originated from outside of the organization. Do not click links.",
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are intended only for the "
        "addressee(s) and may contain confidential information.",
        "This email and any files transmitted with it are confidential and intended solely "
        "for the use of the individual to whom they are addressed.",
    ],
)
def test_a_mail_archives_attachment_notes_and_disclaimers_are_furniture(line: str) -> None:
    assert FORUM.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "I think this email is confidential, right?",
        "Type: whatever you like, nobody reads it",
        "Size: matters less than the vote count",
    ],
)
def test_a_readers_words_about_mail_stay_text(line: str) -> None:
    assert not FORUM.match(line)


def test_a_pipermail_message_with_a_quoted_outlook_chain_names_every_sender() -> None:
    page = (ROOT / "tests" / "pages" / "r48-pipermail-english-rightswatchl.txt").read_text("utf-8")
    authors = [c.author for c in split_text(page, "r48").comments]
    assert authors == [
        "Sokunthea Prak",
        "Samnang Chea",
        "Ly Sovann",
        "Chris Morley",
        "Dy Kimsan",
        "Vanna Hem",
        "Sokunthea Prak",
        "Phirun Oum",
        "Mao Rathana",
    ]


def test_a_comment_pages_signature_line_names_its_comment_over_an_em_dash() -> None:
    assert posted_by("Comment by Peter J. — July 30, 2013 @ 11:16 am") == (
        "Peter J.",
        "July 30, 2013 @ 11:16 am",
    )


def test_an_initial_does_not_change_a_heads_shape() -> None:
    shapes = {
        head_shape(s)
        for s in (
            "Comment by Chan Borin — July 31, 2013 @ 9:35 am",
            "Comment by J. Keo — August 2, 2013 @ 4:11 pm",
            "Comment by Peter J. — July 30, 2013 @ 11:16 am",
        )
    }
    assert shapes == {"w — D"}
    assert header_shape("Peter J. — 12") == "w . — 9"  # the layout itself keeps the dot


@pytest.mark.parametrize(
    "line",
    ["Sreyneang Ouk's profile photo", "kea...@gmail.com's profile photo", "Avatar of Jo Lim"],
)
def test_an_avatars_alternative_text_is_furniture(line: str) -> None:
    assert FORUM.match(line)


@pytest.mark.parametrize(
    "line",
    ["I changed my profile photo yesterday.", "Wow. Nice profile photo", "My avatar is a cat"],
)
def test_a_readers_words_about_an_avatar_stay_text(line: str) -> None:
    assert not FORUM.match(line)


def test_a_phpbb_profiles_contact_menu_and_an_edit_reason_are_furniture() -> None:
    assert PROFILE.match("Contact:")
    assert FORUM.match("Contact Kiri Vong") and FORUM.match("Reason: personal remark removed")
    assert not FORUM.match("Contact your MP today!")


def test_an_advert_after_a_posts_buttons_is_no_comment() -> None:
    page = (ROOT / "tests" / "pages" / "r48-phpbb-english-mekongverandah.txt").read_text("utf-8")
    texts = [c.text for c in split_text(page, "r48").comments]
    assert not any("Holiday villa in Kep" in t for t in texts)
    assert any(t.startswith("Rotten_Durian, dial it back") for t in texts)


def test_a_flagged_hacker_news_comment_keeps_its_head() -> None:
    assert thread_head("throwaway8812 19 hours ago [flagged] | parent [\u2013]") == (
        "throwaway8812",
        "19 hours ago",
        True,
    )


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("Samdech_Fan_2023 \u2022 a day ago", ("Samdech_Fan_2023", "a day ago")),
        ("Chantrea K.  Michael D. Novak \u2022 2 days ago", ("Chantrea K.", "2 days ago")),
        ("khmer_fan_99 Guest \u2022 7 months ago", ("khmer_fan_99", "7 months ago")),
        ("Ratana \u2022 3 days ago edited", ("Ratana", "3 days ago")),
    ],
)
def test_a_disqus_head_names_the_poster_not_the_parent(line: str, head: tuple) -> None:
    assert name_time(line) == head


def test_disqus_discussions_elsewhere_end_the_comments() -> None:
    assert meta_type("ALSO ON KAMPUCHEA CURRENT") == "header"
    assert meta_type("Also on Facebook they said the same") is None


def test_a_forums_list_of_similar_threads_ends_the_posts() -> None:
    assert meta_type("Similar Threads") == "header"
    assert meta_type("Related topics") == "header"


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("[\u2013]sokchea_pp Phnom Penh 143 points 8 hours ago", ("sokchea_pp", "8 hours ago")),
        ("[\u2013]sokchea_pp Phnom Penh 88 points 7 hours ago*", ("sokchea_pp", "7 hours ago")),
        ("[\u2013]throwaway_kh [score hidden] 41 minutes ago", ("throwaway_kh", "41 minutes ago")),
    ],
)
def test_an_old_reddit_head_with_a_flair_a_hidden_score_or_an_edit(line: str, head: tuple) -> None:
    assert thread_head(line) == (*head, False)


def test_a_lemmy_threads_first_comment_opens_the_section_over_its_votes() -> None:
    page = (ROOT / "tests" / "pages" / "r48-lemmy-english-rumduol.txt").read_text("utf-8")
    first = split_text(page, "r48").comments[0]
    assert (first.author, first.posted_at) == ("srey_mom", "a day ago")
    assert first.text.startswith("Three weeks in pre-trial detention")


def _record(n: int, post: str, author: str, when: str, parent: str, text: str) -> str:
    """One post of a Disqus export as a converter prints it: its id line, its fields,
    "message:" over its text, a rule under it."""
    return (
        f"[{n}] post dsq:id={post}\nauthor:     {author}\ncreatedAt:  {when}\n"
        f"parent:     {parent}\nipAddress:  [removed]\nisDeleted:  false   isSpam: false\n"
        f"message:\n{text}\n\n{'-' * 70}\n"
    )


EXPORT = (
    "Disqus export -> text\nforum:      riverwatch\n\n" + "=" * 70 + "\n"
    "THREAD  dsq:id=68729\ntitle:      The dam, ten years on\nisClosed:   false\n"
    + "=" * 70
    + "\n\n"
    + _record(
        1,
        "4058716",
        "Chea Sreymom (disqus_kQ8vN2)",
        "2018-08-20T05:41:33Z",
        "-",
        "We moved in 2010.",
    )
    + _record(
        2,
        "4058744",
        "Dara Khiev [guest, isAnonymous=true]",
        "2018-08-20T06:17:09Z",
        "-",
        "Same for my aunt.",
    )
    + _record(
        3,
        "4058801",
        "juliasarin (juliasarin)",
        "2018-08-20T08:03:27Z",
        "4058716",
        "Where did you go?",
    )
)


def test_a_disqus_export_is_read_record_by_record_with_its_parents() -> None:
    # the record's fields are furniture, "author:" names the poster without the user
    # name after it, "createdAt:" dates it, and "parent: ID" names the record answered
    doc = split_text(EXPORT, "dsq")
    assert [(c.author, c.posted_at, c.parent, c.text) for c in doc.comments] == [
        ("Chea Sreymom", "2018-08-20T05:41:33Z", None, "We moved in 2010."),
        ("Dara Khiev", "2018-08-20T06:17:09Z", None, "Same for my aunt."),
        ("juliasarin", "2018-08-20T08:03:27Z", 1, "Where did you go?"),
    ]
    assert doc.rebuild() == EXPORT


@pytest.mark.parametrize(
    "line", ["isDeleted:  false   isSpam: false", "ipAddress:  [removed]", "parent: -", "message:"]
)
def test_an_exports_record_fields_are_furniture(line: str) -> None:
    assert FORUM.match(line)


@pytest.mark.parametrize(
    "line", ["Points: 2318", "parent: my mother sold the land", "note: false hope"]
)
def test_a_profile_count_or_a_readers_words_are_no_record_field(line: str) -> None:
    assert not FORUM.match(line)
