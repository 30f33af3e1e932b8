"""split: Disqus, WordPress and news-page dumps of the round-3 pages written blind (issue
11): Disqus' "Guest" badge, a name with a badge under it is a name even when the page
names its site the same, a reply that opens by addressing an earlier poster ("Thanks,
Helena.") answers them, and a "Most read" list after the comments ends the section.
"""

from __future__ import annotations

from page_gold import PAGES, as_gold, fields, gold_of
from stance.split.text import split_text


def test_disqus_guest_badge_and_a_moderator_named_like_the_site() -> None:
    text = (
        "Khmer Pulse\nEditors quit after the sale\nThe editors quit on Monday.\n\n"
        "3 Comments\n\nVanna\n6 years ago\nDeserved, best defence by far.\nReply\n\n"
        "Sok Chea\nGuest\n6 years ago\nGood riddance to them all.\nReply\n\n"
        "Khmer Pulse\nMod\nSok Chea\n6 years ago\nPlease keep comments on topic.\nReply\n"
    )
    doc = split_text(text)
    assert fields(doc) == [
        ("Vanna", "6 years ago", "Deserved, best defence by far.", None, None),
        ("Sok Chea", "6 years ago", "Good riddance to them all.", None, None),
        ("Khmer Pulse", "6 years ago", "Please keep comments on topic.", None, 2),
    ]


def test_a_reply_addressing_an_earlier_poster_answers_them() -> None:
    text = (
        "3 thoughts on \u201cJailed for plotting\u201d\n\n"
        "Dr. Helena Varga\nJuly 3, 2024 at 3:15 am\nThe most disturbing part is how normal "
        "this has become.\nReply\n\n"
        "Kosal\nJuly 3, 2024 at 4:00 am\nThey are heroes.\nReply\n\n"
        "Cambodia Dispatch\nJuly 3, 2024 at 9:20 am\nThanks, Helena. We have added the case "
        "to the timeline.\nReply\n\n"
        "Most read\nHun Manet\u2019s first year in five charts\nWho owns the lake?\n\n"
        "Newsletter\nThe week in Cambodia, every Friday. No spam.\n"
    )
    doc = split_text(text)
    assert [(c.author, c.parent) for c in doc.comments] == [
        ("Dr. Helena Varga", None),
        ("Kosal", None),
        ("Cambodia Dispatch", 1),
    ]


def test_a_comma_after_a_word_that_is_no_posters_name_answers_nobody() -> None:
    from stance.split.replies import parents_by_address
    from stance.split.section import Draft, Unit

    drafts = [Draft(1, author="Jo Pen"), Draft(2, author="Kim")]
    drafts[0].body = [Unit(0, 5, "Hello.")]
    drafts[1].body = [Unit(6, 30, "Well, Jo was right there.")]
    parents_by_address(drafts)
    assert drafts[1].parent is None


def test_the_round_3_disqus_page_matches_its_annotation() -> None:
    path = PAGES / "r3-disqus-khmerpulse.txt"
    gold = gold_of(path)
    doc = split_text(path.read_text("utf-8"), path.stem)
    assert doc.title == gold["title"]
    assert as_gold(doc.comments) == gold["comments"]


def test_the_round_3_wordpress_page_but_two_parents_its_dump_does_not_show() -> None:
    """Two replies answer the comment above them with nothing in their text to say so
    (the page indents them; the dump does not): their parents stay unknown."""
    path = PAGES / "r3-wordpress-cambodiadispatch.txt"
    got = as_gold(split_text(path.read_text("utf-8")).comments)
    want = gold_of(path)["comments"]
    assert [(g["parent"], w["parent"]) for g, w in zip(got[1:3], want[1:3], strict=True)] == [
        (None, 1),
        (None, 2),
    ]
    got[1]["parent"], got[2]["parent"] = 1, 2
    assert got == want
