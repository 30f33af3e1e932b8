"""Replies nested in the markup get their parent, also when each comment's text sits in
an element of its own inside a wrapper with no text (WordPress: li.comment >
article.comment-body, replies in the li's ol.children)."""

from __future__ import annotations

import lxml.html

from stance.split.html import _comment_blocks, split_html


def _comment(cid: int, name: str, text: str, replies: str = "") -> str:
    children = f'<ol class="children">{replies}</ol>' if replies else ""
    return (
        f'<li id="comment-{cid}" class="comment depth-1">'
        f'<article id="div-comment-{cid}" class="comment-body">'
        f'<footer class="comment-meta"><b class="fn">{name}</b> <span class="says">says:</span>'
        f'<time datetime="2018-12-02T21:50">December 2, 2018 at 9:50 pm</time></footer>'
        f'<div class="comment-content"><p>{text}</p></div>'
        f'<div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>'
        f"</article>{children}</li>"
    )


PAGE = (
    "<html><head><title>Dara Sakor families still waiting</title></head><body>"
    "<article class='post'><h1>Dara Sakor families still waiting</h1>"
    "<div class='entry-content'><p>Eight years after the evictions, dozens of families "
    "in Botum Sakor say the promised compensation has not come, and the provincial hall "
    "has stopped answering their letters about the land titles.</p></div></article>"
    '<div id="comments" class="comments-area"><h2>3 thoughts on this</h2>'
    '<ol class="comment-list">'
    + _comment(
        1,
        "Sabrina K.",
        "My aunt was moved in 2011 and still has nothing on paper.",
        _comment(2, "Vuthy", "Sabrina, please send us her village name, we will follow up."),
    )
    + _comment(3, "Kosal", "The road to the new site floods every rainy season.")
    + "</ol></div></body></html>"
)


def test_a_reply_inside_its_parents_wrapper_answers_it() -> None:
    doc = split_html(PAGE, "wp")
    assert [(c.author, c.parent) for c in doc.comments] == [
        ("Sabrina K.", None),
        ("Vuthy", 1),
        ("Kosal", None),
    ]


def test_the_comment_markup_cut_gives_the_parent_through_a_wrapper() -> None:
    # the container's own cut (used where no repeated list qualifies): li.comment
    # wrappers have no text of their own and drop out; a reply still answers the
    # comment its wrapper stands for
    container = lxml.html.fromstring(PAGE).get_element_by_id("comments")
    blocks = _comment_blocks(container)
    assert [(b.split(" says:")[0], furniture, up) for b, furniture, up in blocks] == [
        ("3 thoughts on this", True, None),
        ("Sabrina K.", False, None),
        ("Vuthy", False, 1),
        ("Kosal", False, None),
    ]
