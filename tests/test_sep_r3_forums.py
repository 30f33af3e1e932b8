"""split: forum dumps of the round-3 pages written blind (issue 11): a XenForo profile box
whose field names and values stand on lines of their own ("Messages / 1,208"), its
"Reactions: ..." and "Add bookmark" lines; a phpBB thread whose profile box comes before
each post ("jo / Posts: 212 / Joined: ... / Post by jo » DATE"), its "Last edited by ...,
edited 1 time in total." note and a signature repeated under a poster's posts; a
breadcrumb with single angle quotes (U+2039) between its parts is not the title, and a
thread with no article takes the line its posts repeat ("Re: ...") as its title.
"""

from __future__ import annotations

from page_gold import PAGES, as_gold, fields, gold_of
from stance.split.text import split_text


def _xenforo_post(initial: str, name: str, when: str, n: int, body: str, extra: str) -> str:
    return (
        f"{initial}\n{name}\nWell-known member\nJoined\nMar 14, 2016\nMessages\n1,208\n"
        f"Reaction score\n642\nLocation\nKampong Cham\n\n{when}\nAdd bookmark\n#{n}\n{body}\n"
        f"{extra}Like Reply Report\nReactions: kim, sam and 4 others\n\n"
    )


def test_a_xenforo_profile_box_with_fields_on_lines_of_their_own() -> None:
    text = (
        "Ferry fares\nThread starter jo_kh Start date Aug 22, 2023\n\n"
        + _xenforo_post("J", "jo_kh", "Aug 22, 2023", 1, "Fares went up again this week.", "")
        + _xenforo_post(
            "K",
            "kim_pp",
            "Aug 23, 2023",
            2,
            "Same on the Kratie boat.",
            "Last edited: Aug 25, 2023\n",
        )
        + _xenforo_post("S", "sam", "Aug 24, 2023", 3, "Buses are cheaper now.", "")
        + "You must log in or register to reply here.\n"
    )
    doc = split_text(text)
    # (the first post is the one the header names the thread's starter's: the opening
    # post, the thread's article)
    assert "Fares went up again this week." in doc.editorial
    assert fields(doc) == [
        ("kim_pp", "Aug 23, 2023", "Same on the Kratie boat.", None, None),
        ("sam", "Aug 24, 2023", "Buses are cheaper now.", None, None),
    ]
    assert doc.rebuild() == text


def test_a_comment_forms_field_names_are_no_profile_box() -> None:
    from stance.split.threadlines import line_type, profile_fields

    assert line_type("Messages") == "field_label" and line_type("Website") is None
    lines = ["Messages", "1,208", "Location", "Kep", "Name", "Website", "Location", "Kep"]
    types = profile_fields(lines, [line_type(s) for s in lines])
    assert types[:3] == ["field_label", None, "field_label"]
    assert types[4:] == [None, None, None, None]


def test_a_phpbb_thread_profile_before_each_post_an_edit_note_and_a_signature() -> None:
    sig = "Volunteering is not a holiday. Ask the school what it needs."
    text = (
        "Board index \u2039 Siem Reap Life \u2039 News\nRelocations - anyone been?\nPost Reply\n"
        "3 posts \u2022 Page 1 of 1\n\n"
        "sr_vol\nPosts: 212\nJoined: Tue Jun 04, 2019 3:10 pm\nLocation: Siem Reap\n\n"
        "Relocations - anyone been?\nQuote\n\nPost by sr_vol \u00bb Sat Nov 19, 2022 8:41 am\n"
        f"Went out yesterday. Rows of new plots and tarpaulins.\n{sig}\nTop\n\n"
        "heng\nPosts: 57\nJoined: Sat Jan 09, 2021 7:55 pm\n\n"
        "Re: Relocations - anyone been?\nQuote\n\nPost by heng \u00bb Sat Nov 19, 2022 11:02 am\n"
        "sr_vol wrote: \u2191Sat Nov 19, 2022 8:41 am\nRows of new plots and tarpaulins.\n"
        "That part is true, my cousin moved there.\nTop\n\n"
        "sr_vol\nPosts: 212\nJoined: Tue Jun 04, 2019 3:10 pm\nLocation: Siem Reap\n\n"
        "Re: Relocations - anyone been?\nQuote\n\nPost by sr_vol \u00bb Sun Nov 20, 2022 8:56 am\n"
        "The school runs, but only in the mornings.\n"
        "Last edited by sr_vol on Sun Nov 20, 2022 9:03 am, edited 1 time in total.\n"
        f"{sig}\nTop\n\nPost Reply\n"
    )
    doc = split_text(text)
    assert doc.title == "Relocations - anyone been?"
    # (the opening post, under the thread's title that the replies answer with "Re:", is
    # the article: tests/pages/README.md)
    assert "Went out yesterday. Rows of new plots and tarpaulins." in doc.editorial
    assert fields(doc) == [
        (
            "heng",
            "Sat Nov 19, 2022 11:02 am",
            "That part is true, my cousin moved there.",
            "Rows of new plots and tarpaulins.",
            None,
        ),
        (
            "sr_vol",
            "Sun Nov 20, 2022 8:56 am",
            "The school runs, but only in the mornings.",
            None,
            None,
        ),
    ]


def test_a_last_line_two_posters_share_is_no_signature() -> None:
    text = (
        "2 comments\nJo says:\nMarch 3, 2019 at 9:41 am\nThe road is finished.\n"
        "Thanks for the write-up, very useful indeed.\nReply\n"
        "Kim says:\nMarch 3, 2019 at 10:02 am\nAbout time.\n"
        "Thanks for the write-up, very useful indeed.\nReply\n"
    )
    doc = split_text(text)
    assert [c.text.splitlines()[-1] for c in doc.comments] == [
        "Thanks for the write-up, very useful indeed."
    ] * 2


def test_a_breadcrumb_with_single_angle_quotes_is_no_title() -> None:
    from stance.split.texttitle import headline, named_titles

    assert not headline("Board index \u2039 Siem Reap Life \u2039 News", "")
    assert named_titles(["Board index \u2039 Siem Reap Life \u2039 News"]) == {"news"}


def test_the_round_3_phpbb_page_matches_its_annotation() -> None:
    path = PAGES / "r3-forum-siemreapboard.txt"
    gold = gold_of(path)
    assert gold["half"] == "dev" and gold["held_out_in_round"] == 3
    text = path.read_text("utf-8")
    doc = split_text(text, path.stem)
    assert doc.title == gold["title"]
    assert as_gold(doc.comments) == gold["comments"]
    assert doc.rebuild() == text


def test_the_round_3_xenforo_page_but_its_one_off_signatures() -> None:
    """A signature a poster shows once has nothing in the dump to tell it from the post's
    last line (the HTML marks it): it stays in the text. Every other field is right."""
    path = PAGES / "r3-forum-angkorthreads.txt"
    got = as_gold(split_text(path.read_text("utf-8")).comments)
    want = gold_of(path)["comments"]
    assert (
        got[1]["text"]
        == want[1]["text"] + "\nKep - crabs, pepper and a very slow internet connection."
    )
    assert got[4]["text"] == want[4]["text"] + "\nForum rules: read them before you post. Yes, you."
    for g, w in zip(got, want, strict=True):
        g["text"] = w["text"]
    assert got == want
