"""Round 56's shapes: a dump indented as a text browser prints it, NodeBB's head."""

from __future__ import annotations

import pytest

from page_gold import PAGES, as_gold, brief, gold_of
from stance.split.lines import is_timestamp
from stance.split.text import _margin, split_text


@pytest.mark.parametrize(
    "name",
    [
        "r55-flarum-english-opendatakhmer",
        "r54-disqus-english-mekongmonitor",
        "r55-mybb-english-lotusassembly",
        "r53-wordpress-spanish-bitacoramekong",
    ],
)
def test_a_body_indented_under_its_masthead_reads_as_the_page(name: str) -> None:
    # a text browser's dump: the masthead at the left edge, the body indented; the
    # indentation counts from the body's margin
    text = (PAGES / f"{name}.txt").read_text("utf-8")
    lines = text.split("\n")
    edge = len([x for x in lines if x.strip()]) // 10
    top = [i for i, x in enumerate(lines) if x.strip()][edge]
    indented = "\n".join(lines[:top] + [("    " + x) if x else x for x in lines[top:]])
    doc = split_text(indented)
    assert doc.rebuild() == indented
    assert brief(as_gold(doc.comments)) == brief(as_gold(split_text(text).comments))


def test_a_dump_indented_throughout_keeps_its_indentation() -> None:
    # inscriptis indents every line by its depth in the markup: nothing at the left edge
    assert _margin("    a\n    b\n        c\n") == 0
    assert _margin("Site\n    a\n    b\n        c\n") == 4


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
