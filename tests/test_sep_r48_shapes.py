"""Round 48's shapes (the issue's everyday engines in English): what their lines mean."""

from __future__ import annotations

import lxml.html

from stance.split.html import _node_text


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
