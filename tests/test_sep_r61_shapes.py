"""Round 61's shapes: a Disqus export (the XML a site owner downloads) and a newsgroup
thread saved as an mbox file, each read as the format it is."""

from __future__ import annotations

import pytest

from page_gold import PAGES, gold_of
from stance.split.disqusxml import is_disqus_export, split_disqus_export
from stance.split.mbox import is_mbox
from stance.split.text import split_text


@pytest.mark.parametrize(
    "name",
    ["r61-disqusexport-english-kampucheainsight.txt", "r61-usenet-english-socculturekampuchea.txt"],
)
def test_an_export_is_read_whole_by_its_format(benchmark, name: str) -> None:
    path = PAGES / name
    text = path.read_text("utf-8")
    doc = split_text(text, path.stem)
    assert doc.rebuild() == text
    gold = gold_of(path)
    got = benchmark("separator").score_page(gold, doc)
    n = len(gold["comments"])
    assert got["recall"] == (n, n) and got["precision"] == (n, n) and got["title"] == (1, 1)
    assert got["author"] == (n, n) and got["posted_at"] == (n, n)
    assert [c.parent for c in doc.comments] == [c["parent"] for c in gold["comments"]]


def test_a_disqus_posts_quote_deleted_and_other_threads() -> None:
    text = (PAGES / "r61-disqusexport-english-kampucheainsight.txt").read_text("utf-8")
    assert is_disqus_export(text)
    doc = split_disqus_export(text, "d")
    # the deleted post is no comment; the reply to it answers nothing shown
    assert len(doc.comments) == 11 and doc.comments[6].parent is None
    assert doc.comments[1].quoted and doc.comments[1].quoted.startswith("They did not close")
    assert "They did not close" not in doc.comments[1].text


def test_a_damaged_export_is_still_split_losslessly() -> None:
    text = '<?xml version="1.0"?>\n<disqus xmlns="http://disqus.com"><post dsq:id="1"><message>'
    assert is_disqus_export(text)
    doc = split_text(text)
    assert doc.rebuild() == text and doc.comments == []


def test_mail_that_is_not_an_mbox_file_is_read_as_a_page() -> None:
    page = "From the editor\n\nFrom: Jo <jo@x.org>\nDate: Mon, 2 Jul 2018 09:00:00 +0700\n"
    assert not is_mbox(page)
    one = "From jo@x.org Mon May 15 14:22:07 2023\nFrom: Jo <jo@x.org>\n\nHello\n"
    assert not is_mbox(one)  # (one message: a thread needs two)
    assert is_mbox(one + one.replace("Hello", "Hi"))
