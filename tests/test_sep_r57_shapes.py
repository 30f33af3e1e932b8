"""Round 57's shapes: Ghost's member comments, vBulletin 5's and MyBB's heads, Vanilla's
ranks and reactions, removed comments' placeholders."""

from __future__ import annotations

import pytest

from page_gold import PAGES, as_gold, brief, gold_of
from stance.split.lines import BUTTONS, NOTICE, SIGNATURE, display_name
from stance.split.text import split_text


@pytest.mark.parametrize(
    "name",
    [
        # Ghost: the article's author answers in the comments ("NH / Nary Hem" over "May 17,
        # 2023 — 6 min read" in the byline); "Like 4   Reply   More" under each comment, a
        # "Read more" list of dated stories after the last
        "r57-ghost-english-dryseason",
        # vBulletin 5: "#1" over the thread's title as the opening post's subject (the
        # article); a sidebar of "Latest Topics" with "3 responses / 61 views"; "Attached
        # Files" under a post's text
        "r57-vbulletin5-english-mangosteenexpats",
        # MyBB: "jo Offline" over a profile box with a rank and its stars ("***")
        "r57-mybb-english-lowermekongdebate",
        # Vanilla: ranks ("Veteran", "Newcomer"), "Insightful 5 · Awesome · LOL"; the
        # thread's starter posting again under their name
        "r57-vanilla-english-fieldofficelounge",
    ],
)
def test_round_57_pages_read_as_their_gold(name: str) -> None:
    # every comment by its poster, in order, its text the gold's (a one-off signature
    # aside: "Retired. Barely." under one post is no signature yet)
    path = PAGES / f"{name}.txt"
    doc = split_text(path.read_text("utf-8"))
    found, gold = brief(as_gold(doc.comments)), brief(gold_of(path)["comments"])
    assert [c[0] for c in found] == [c[0] for c in gold]
    assert sum(f[2] == g[2] for f, g in zip(found, gold, strict=True)) >= len(gold) - 1


@pytest.mark.parametrize(
    "line",
    [
        "Like 14   Reply   More",
        "Insightful 5 · Awesome · LOL",
        "Insightful · Awesome · LOL 2",
        "Show 3 more comments",
    ],
)
def test_comment_buttons(line: str) -> None:
    assert BUTTONS.match(line)


@pytest.mark.parametrize("line", ["lol", "LOL", "More to the point, no.", "Awesome"])
def test_a_reaction_word_alone_is_no_button_row(line: str) -> None:
    assert not BUTTONS.match(line)


@pytest.mark.parametrize(
    "line",
    [
        "This comment has been hidden.",
        "Deleted by creator",
        "Comment removed by moderator crab: Off-topic political flaming.",
        "Comment removed by author",
        "Become a member of The Dry Season to add a comment.",
        "Already a member? Sign in",
        "Sign up now",
    ],
)
def test_notices(line: str) -> None:
    assert NOTICE.search(line)


@pytest.mark.parametrize(
    "line",
    ["He was removed by the party in 2017.", "Deleted by the court, not by me.", "Sign up here"],
)
def test_sentences_are_no_notices(line: str) -> None:
    assert not NOTICE.search(line)


def test_attached_files_close_a_posts_text() -> None:
    assert SIGNATURE.match("Attached Files")
    assert not SIGNATURE.match("Attached files show the permit.")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("khmer_mate Offline", "khmer_mate"),
        ("mod_chenda Online", "mod_chenda"),
        ("Online", "Online"),
        ("Sreyleak Online Shop", "Sreyleak Online Shop"),
    ],
)
def test_a_posters_presence_is_not_their_name(name: str, shown: str) -> None:
    assert display_name(name) == shown


def test_a_topic_lists_reply_count_starts_no_comment_section() -> None:
    posts = []
    for k, (name, text) in enumerate(
        [
            ("dara", "The new law is vague on purpose, as they all are."),
            ("sokha", "Vague laws are how they keep everyone guessing."),
            ("vanna", "Ask a lawyer before you post anything about it."),
        ],
        start=1,
    ):
        posts += [name, "Member", "Join Date: Oct 2012", "Posts: 12", f"#{k}"]
        posts += ["The new law and what it means"] if k == 1 else []  # (its subject)
        posts += [f"03-1{k}-2021, 08:41 AM", text, "Like", "Quote", "Reply"]
    side = ["Latest Topics", "Visa extensions in April", "by dara", "Today, 08:12 AM"]
    side += ["3 responses", "61 views", "0 likes", "Last Post", "vanna", "Today, 10:34 AM"]
    head = ["Expat Forum", "The new law and what it means", ""]
    doc = split_text("\n".join([*head, *posts, *side]) + "\n")
    # the first post, under the thread's title, is the thread's own
    assert [c.author for c in doc.comments] == ["sokha", "vanna"]
