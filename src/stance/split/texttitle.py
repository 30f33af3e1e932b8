"""A text dump's title: the headline of the article, found by what the page says of it.

A whole-page dump (a copy-paste or a text export of a web page) has no `<title>`: its
headline is one line among menus, teasers and sidebar lists. The page names it more than
once, though, and the rules read those mentions first:

1. Named by the page: a comment-count header that quotes it ("11 responses to “X”",
   "5 Kommentare zu „X“") or a breadcrumb that ends with it ("Home » Recipes » X"). The
   named line of the article part nearest before the article's first paragraph (a
   sidebar's "recent posts" list repeats it too) is the title.
2. Over a byline: the title-shaped line of three words or more nearest before the
   article's first paragraph that a byline or a date line follows within two lines ("By
   Jo Smith", "Posted on 28 July 2019", "Von X - 30. Juli 2023"); a byline itself is none.
3. Else the longest title-shaped line in the few lines before the article's first
   paragraph (a subheading or a kicker is shorter than the headline).

A candidate is a headline-shaped line (`headline`): at most 25 words, not ending like a
sentence or a label, not a list item, a breadcrumb or a byline.
"""

from __future__ import annotations

import re

from stance.split.lines import (
    BYLINE_TYPES,
    dateline,
    is_timestamp,
    meta_type,
    squash,
    words,
)
from stance.split.shapes import header_shape

#: How many lines before the article's first paragraph its title is looked for.
TITLE_REACH = 15

_LIST_ITEM = re.compile(r"^\s*(?:[*+\-•·o]\s|\d{1,3}[.)]\s)")
# "... its advertiser. All opinions are mine": two sentences are prose, not a headline.
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{3}[.!?]\s+[^\W\d_a-z]")
_CLOCK_OR_DATE = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
# "11 responses to “X”", "4 thoughts on “X”", "6 Kommentare zu „X“", "29 Antworten zu X".
_NAMED_BY_HEADER = re.compile(
    r"^(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|zwei|drei)\s+"
    r"(?:comments?|responses?|repl(?:y|ies)|thoughts?|reactions?|kommentare?|antworten"
    r"|gedanken(?:\s+zu)?|commentaires?|réactions?|comentarios?|respuestas?)\s+"
    r"(?:on|to|for|about|zu|zum|zur|auf|über|für|sur|à|pour|en|a|para|sobre)\s+(?P<title>.+)$",
    re.IGNORECASE,
)
_QUOTES = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a \u00a0"
_BREADCRUMB_SEP = re.compile(r"\s(?:»|\u203a|\u2039|>|/|\\|→)\s")
_BYLINE_START = re.compile(
    r"^(?:by|von|vom|par|por|posted|published|written|geschrieben|veröffentlicht|publié"
    r"|publicado|verfasst|autor|author|auteur)\b",
    re.IGNORECASE,
)


def title_shaped(s: str) -> bool:
    """Short enough for a title and not ending like a sentence or a label."""
    return len(words(s)) <= 25 and not re.search(r"[.:;]$", s)


def headline(s: str, raw: str) -> bool:
    """Could this line (`s` cleaned, `raw` as the page has it) of a whole-page dump be the
    headline? Not a list item (a menu or a "related" link), a breadcrumb or arrow link,
    a byline or a date line."""
    return (
        title_shaped(s)
        and not _LIST_ITEM.match(raw)
        and not re.search(r"[»\u203a\u2039|←→]", s)
        and meta_type(s) is None
        and not (_CLOCK_OR_DATE.search(s) and len(words(s)) <= 8)
        and not _CLOCK_OR_DATE.match(s)
        and not _SENTENCE_INSIDE.search(s)
    )


def _in_list(lines: list[str], i: int) -> bool:
    """Is line i one of a list of numbered or dated lines of one layout (a schedule, a
    table of contents): its shape has a number and a neighbour's is the same?"""
    shape = header_shape(lines[i])
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j] != lines[i]]
    return "9" in shape.split() and any(header_shape(x) == shape for x in near)


def _key(s: str) -> str:
    return squash(s).strip(_QUOTES).casefold()


def named_titles(lines: list[str]) -> set[str]:
    """What the page's comment-count headers and breadcrumbs name as its title (keys)."""
    out = set()
    for s in lines:
        m = _NAMED_BY_HEADER.match(s)
        if m and len(words(m.group("title"))) <= 30:
            out.add(_key(m.group("title")))
        parts = _BREADCRUMB_SEP.split(s)
        if len(parts) >= 3 and len(s) <= 250:
            out.add(_key(parts[-1]))
    out.discard("")
    return out


def byline_like(s: str) -> bool:
    """A byline or a date line: "By Jo Smith", "Posted on May 2, 2019", "12.03.2020"."""
    return bool(
        meta_type(s) in (*BYLINE_TYPES, "time")
        or is_timestamp(s)
        or dateline(s)
        or bool(_CLOCK_OR_DATE.match(s))
        or (_BYLINE_START.match(s) and len(words(s)) <= 30)
    )


def title_index(
    lines: list[str], raws: list[str], allowed: list[bool], first: int | None, page: list[str]
) -> int | None:
    """The title's index among the article part's `lines` (`raws` as the page has them):
    `allowed[i]` when no rule calls line i furniture, `first` the article's first
    paragraph (None: none found), `page` every line of the page. None when no rule of
    the module's docstring finds one."""
    cands = [
        i
        for i in range(len(lines))
        if allowed[i] and headline(lines[i], raws[i]) and not _in_list(lines, i)
    ]
    if not cands:
        return None
    named = named_titles(page)
    hits = [i for i in cands if _key(lines[i]) in named]
    if hits:
        before = [i for i in hits if first is None or i < first]
        return before[-1] if before else hits[0]
    if first is None:
        return None
    near = [i for i in cands if first - TITLE_REACH <= i < first]
    over = [
        i
        for i in near
        if len(words(lines[i])) >= 3
        and not byline_like(lines[i])
        and any(byline_like(s) for s in lines[i + 1 : i + 3])
    ]
    if over:
        return over[-1]
    return max(near, key=lambda i: (len(words(lines[i])), len(lines[i]))) if near else None
