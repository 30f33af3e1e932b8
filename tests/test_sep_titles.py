"""split: an HTML page's title from its h1, `og:title` and `<title>` (issue 11)."""

from __future__ import annotations

import lxml.html

from stance.split.htmltitle import _declares, html_title


def _title(html: str) -> str:
    return html_title(lxml.html.fromstring(html))


def test_title_a_kicker_before_the_declared_title_is_dropped() -> None:
    html = (
        "<html><head><title>Night buses to Kampot</title></head>"
        "<body><h1>Thread: Night buses to Kampot</h1><p>x</p></body></html>"
    )
    assert _title(html) == "Night buses to Kampot"


def test_title_og_agreeing_with_the_title_tag_beats_an_undeclared_pick() -> None:
    html = (
        '<html><head><meta property="og:title" content="Who pays for the new canal">'
        "<title>Who pays for the new canal | Mekong Weekly</title></head><body>"
        '<h1>Service</h1><h1>Links</h1><div class="teaser"><h2 class="entry-title">Zoos are '
        "out of date</h2></div><p>Text</p></body></html>"
    )
    assert _title(html) == "Who pays for the new canal"


def test_title_an_h1_is_declared_when_og_title_starts_with_it() -> None:
    og, tag = "Chapter 2: The river - Mekong Tales", "Chapter 2: The river - Mekong Tales | Stories"
    parts = ["Chapter 2: The river", "Mekong Tales", "Stories"]
    assert _declares("Chapter 2: The river", og, tag, parts)
    assert not _declares("Chapter 2: The", og, tag, parts)
    assert not _declares("Our subscription", og, tag, parts)


def test_title_a_breadcrumb_title_ends_with_the_page() -> None:
    html = (
        "<html><head><title>Angkor Gamers e.V. - News \u00bb Our last events</title></head>"
        "<body><h1>News</h1><h1>New headset in the shop!</h1><h2>Our last events</h2>"
        "</body></html>"
    )
    assert _title(html) == "Our last events"
