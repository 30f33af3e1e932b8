"""Round 56's shapes: a dump indented as a text browser prints it, NodeBB's head."""

from __future__ import annotations

import re

import pytest

from page_gold import PAGES, gold_of
from stance.split.lines import is_timestamp
from stance.split.text import split_text


def _read(doc) -> list[tuple]:
    return [(c.author, c.posted_at, " ".join(c.text.split())) for c in doc.comments]


@pytest.mark.parametrize(
    "name",
    [
        "r56-vbulletin4-english-seasiaboard",
        "r55-flarum-english-opendatakhmer",
        "r54-disqus-english-mekongmonitor",
        "r51-vbulletin4-english-khmerexpatcorner",
    ],
)
def test_a_page_indented_throughout_reads_as_the_page(name: str) -> None:
    # a text browser's dump indents the body; indentation counts from the page's margin
    text = (PAGES / f"{name}.txt").read_text("utf-8")
    indented = re.sub(r"(?m)^(?=.)", "    ", text)
    doc = split_text(indented)
    assert doc.rebuild() == indented
    assert _read(doc) == _read(split_text(text))


def test_an_indented_vbulletin_dump_is_read() -> None:
    # its masthead at the left edge, the posts four spaces in, profile values eight:
    # read from the left edge, every post looked like a quote (0 comments of 11)
    path = PAGES / "r56-vbulletin4-english-seasiaboard.txt"
    doc = split_text(path.read_text("utf-8"))
    posters = {c["author"] for c in gold_of(path)["comments"]}
    assert len(doc.comments) >= 8
    # (at this reading 7 of 9 name a poster: a deleted post's name shifts one onto the
    # next post's text, and "Last edited by" is taken for a name once)
    assert sum(c.author in posters for c in doc.comments) >= 7


def test_nodebbs_wrote_on_is_a_date() -> None:
    assert is_timestamp("wrote on Feb 13, 2023, 9:27 PM")
    assert is_timestamp("replied on 14 March 2021")
    assert not is_timestamp("wrote on the wall")
