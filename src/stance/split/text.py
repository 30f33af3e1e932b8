"""The plain-text engine: split a page dump into title, editorial, boilerplate and comments.

A page is cut into units (non-blank lines, split further at glued "ReplyDelete" buttons),
each unit gets the type its line says (`lines.meta_type`), the comment section's start is
found from the types around headers, and the section is read line by line into comments.
A comment with no header at all is grown backwards with the paragraph-voice model.

The split is lossless: the segments of the `Document` tile the input, every character in
exactly one segment, so `Document.rebuild()` returns the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stance.split.boilerplate import load_line_model, running_text
from stance.split.document import Comment, Document, Segment
from stance.split.lines import (
    BUTTONS,
    CAPTION,
    FROM,
    GLUED_HEAD,
    GLUED_TAIL,
    HEADER,
    NAME_FROM,
    NAV,
    NOTICE,
    NUMBERED_HEADER,
    POSTED_BY,
    SAID,
    clean_line,
    dateline,
    headline_like,
    is_short_label,
    is_timestamp,
    meta_text,
    meta_type,
    name_time,
    nav_like,
    no_letters,
    substantial,
    words,
)
from stance.split.voice import load_voice_model

#: Probability of a reader's voice above which a paragraph before a headerless comment's
#: "Reply" button is taken into that comment too (the paragraph right before the button
#: always is: the button is the evidence).
READER_VOICE_THRESHOLD = 0.6


# ---- units: non-blank lines, split further at glued buttons ---------------------------------


@dataclass
class _Unit:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    s: str  # cleaned content
    raw: str = ""  # the unit's text as in the input
    kind: str = "editorial"
    comment: int | None = None


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lo = m.start() + (len(line) - len(line.lstrip()))
        hi = m.start() + len(line.rstrip())
        if lo >= hi:
            continue
        pieces: list[tuple[int, int]] = []
        body = text[lo:hi]
        head = GLUED_HEAD.match(body)
        if head and len(body) > head.end():
            pieces.append((lo, lo + head.end()))
            lo += head.end()
        tail = GLUED_TAIL.search(text[lo:hi])
        if tail and tail.start() > 0:
            pieces.append((lo, lo + tail.start()))
            pieces.append((lo + tail.start(), hi))
        else:
            pieces.append((lo, hi))
        for a, b in pieces:
            units.append(_Unit(a, b, clean_line(text[a:b]), text[a:b]))
    return units


def unit_lines(text: str) -> list[str]:
    """The lines the text engine reads, in page order (non-blank lines, split at glued
    buttons), as the input has them: what the boilerplate line model is trained on."""
    return [u.raw for u in _units(text)]


def _stamp(u: _Unit) -> str:
    """A timestamp as the page shows it (list numbers kept only if they are the day)."""
    raw = meta_text(re.sub(r"^[^\w(]+", "", u.raw.strip()))
    return raw if is_timestamp(raw) else meta_text(u.s)


# ---- where the comment section starts -----------------------------------------------------

_STRUCTURE = ("time", "said", "reply", "from", "posted", "byline", "said_bare")
# Name+date lines that, three in a row with prose between, make a section without header.
_BYLINES = ("said", "posted", "byline")


def _mostly_headlines(units: list[_Unit], types: list[str | None]) -> bool:
    """Is the prose in this window mostly headlines (a list of stories with dates)?"""
    prose = [u.s for u, t in zip(units, types, strict=True) if t is None and len(words(u.s)) >= 3]
    return bool(prose) and 2 * sum(headline_like(p) for p in prose) >= len(prose)


def _section_start(units: list[_Unit], types: list[str | None]) -> int | None:
    """Index where the comment section starts, or None.

    A header counts when comment structure (timestamps, "X said", Reply buttons, "from
    PLACE" lines) follows it twice within a dozen lines (once, if most of the page's prose
    lies before it), or when it is numbered ("Comments (3)") and most prose lies before
    it. Without such a header, a Reply button, an "X said..." line or a run of name+date
    lines starts the section.
    """
    prose = [len(u.s) if len(words(u.s)) >= 8 else 0 for u in units]
    before = [0]  # prose characters before each unit (prefix sums: pages can be long)
    for p in prose:
        before.append(before[-1] + p)
    total = before[-1] or 1
    for i, t in enumerate(types):
        if t != "header":
            continue
        marks = [k for k, x in enumerate(types[i + 1 : i + 13]) if x in _STRUCTURE]
        if (len(marks) >= 2 and marks[0] < 6) or (
            marks and marks[0] < 4 and before[i] >= total - before[i]
        ):
            return i
    for i, t in enumerate(types):
        if t == "header" and NUMBERED_HEADER.match(units[i].s) and before[i] > total / 2:
            return i
    n_said = sum(t == "said" for t in types)
    for i, t in enumerate(types):
        # One 'The minister said:' is an article's quote; "Jo said..." (Blogger's
        # ellipsis), several "X says:" lines, or one with a date or Reply button near
        # it, are a comment section.
        if t == "reply" or (
            t == "said"
            and (
                n_said >= 2
                or re.search(r"(?:\.{2,}|…)\s*(?:\S.*)?$", units[i].s)
                or any(x in ("time", "reply") for x in types[i + 1 : i + 5])
            )
        ):
            return i
    # No header and no buttons: a run of name+date lines ("Jo Smith / 22.04.2020") with
    # prose between them, not headlines (a "related stories" list has dates too).
    for i, t in enumerate(types):
        if t in _BYLINES and sum(x in _BYLINES for x in types[i : i + 20]) >= 3:
            between = [
                u
                for u, x in zip(units[i : i + 20], types[i : i + 20], strict=True)
                if x is None and len(words(u.s)) >= 3
            ]
            if between and not _mostly_headlines(units[i : i + 20], types[i : i + 20]):
                return i
    return None


def _headerless_before(units: list[_Unit], types: list[str | None], first: int) -> int:
    """A section that opens with a Reply button: how far back does the first comment go?

    The paragraph just before the button is the comment (the button proves it); earlier
    paragraphs join it while the voice model hears a reader in them.
    """
    i = first - 1
    if i < 0 or types[i] is not None or nav_like(units[i].s):
        return first
    start = i
    model = load_voice_model()
    j = i - 1
    while (
        j >= 0
        and types[j] is None
        and not nav_like(units[j].s)
        and model.proba_reader(units[j].s) >= READER_VOICE_THRESHOLD
    ):
        start = j
        j -= 1
    return start


# ---- the comment section -----------------------------------------------------------------

# Meta lines that open a comment (or belong to the one just opened).
_OPENERS = ("said", "author", "posted", "from", "byline", "said_bare")


@dataclass
class _Draft:
    ordinal: int
    author: str | None = None
    posted_at: str | None = None
    location: str | None = None
    body: list[_Unit] = field(default_factory=list)
    closed: bool = False


def _type_before(units: list[_Unit], types: list[str | None], start: int, i: int) -> str | None:
    """The type of the line before `i`, looking past a short button-like word or two
    ("Reply / Pick / Name"); the section's first line comes after its header."""
    if i == start:
        return "header"
    j = i - 1
    prev = types[j]
    while (
        prev is None
        and j > start
        and i - j <= 2
        and len(words(units[j].s)) <= 2
        and not substantial(units[j].s)
    ):
        j -= 1
        prev = types[j]
    return prev


def _is_author(units: list[_Unit], types: list[str | None], start: int, i: int) -> bool:
    """Is line `i` (not the last) a name: a short label that opens a block and is followed
    by prose or meta?"""
    s = units[i].s
    if types[i] is not None or not is_short_label(s, 5) or NAV.match(s) or s.endswith(","):
        return False
    prev = _type_before(units, types, start, i)
    if prev == "time" and i - 2 >= start and types[i - 2] in _OPENERS:
        return False  # "X says:" / date / text: the name is already given
    nxt = i + 1
    if types[nxt] == "said_bare":
        return True
    return (i == start or prev in ("header", "time", "reply", "button", "notice")) and (
        types[nxt] in ("time", "from")
        or (types[nxt] is None and substantial(units[nxt].s) and not nav_like(units[nxt].s))
    )


def _time_leads(types: list[str | None], start: int) -> bool:
    """Do timestamps open a comment (WordPress: name, date, text) or close it (RFA,
    Blogger)? Counted on what precedes them; a tie goes the way of the first comment."""
    lead = trail = 0
    first_leads: bool | None = None
    for i in range(start + 1, len(types)):
        if types[i] == "time":
            p = types[i - 1]
            lead += p in _OPENERS
            trail += p is None
            if first_leads is None and (p in _OPENERS or p is None):
                first_leads = p in _OPENERS
    return lead > trail or (lead == trail and bool(first_leads))


def _read_header(d: _Draft, t: str, ms: str) -> None:
    """Fill a comment's author, date or place from its "X said", "Posted by" or "from"
    line (`ms`, without trailing buttons)."""
    if t == "said":
        m = SAID.match(ms)
        assert m is not None
        d.author = d.author or m.group("author").strip()
        if m.group("rest"):
            d.posted_at = m.group("rest").strip()
    elif t == "posted":
        m = POSTED_BY.match(ms)
        assert m is not None
        d.author = d.author or m.group("author").strip()
        if m.group("rest") and is_timestamp(m.group("rest")):
            d.posted_at = m.group("rest").strip()
    else:  # "from PLACE" or "NAME from PLACE"
        m = NAME_FROM.match(ms)
        if m:
            d.author = d.author or m.group("author").strip()
        else:
            m = FROM.match(ms)
            assert m is not None
        d.location = m.group("place").strip()


@dataclass
class _Reader:
    """Reads a comment section's lines in order, `cur` being the comment they go to."""

    drafts: list[_Draft]
    time_leads: bool
    has_openers: bool
    cur: _Draft | None = None

    def new(self) -> _Draft:
        self.cur = _Draft(len(self.drafts) + 1)
        self.drafts.append(self.cur)
        return self.cur

    def _new_if(self, u: _Unit, taken: bool) -> _Draft:
        """The current comment, or a new one from `u` on when the field `u` fills is
        `taken` (a second name or date line starts the next comment)."""
        assert self.cur is not None
        if taken:
            u.comment = self.new().ordinal
        return self.cur

    def meta(self, u: _Unit, t: str) -> None:
        """A line opening a comment: name, "X said", byline, "from", leading date."""
        cur = self.cur
        if cur is None or cur.body or cur.closed:
            cur = self.new()
        u.kind, u.comment = "comment_meta", cur.ordinal
        ms = meta_text(u.s)
        if t in ("said", "posted", "from"):
            _read_header(cur, t, ms)
        elif t == "byline":
            nt = name_time(ms)
            assert nt is not None
            cur = self._new_if(u, cur.author is not None)
            cur.author, cur.posted_at = nt
        elif t == "author":
            self._new_if(u, cur.author is not None).author = u.s
        elif t == "time":  # a leading timestamp
            self._new_if(u, cur.posted_at is not None).posted_at = _stamp(u)
        # "said_bare": the name came on the line before

    def trailing_time(self, u: _Unit) -> None:
        """A date after a comment's text: its date, and the comment ends if it has text."""
        cur = self.cur
        if cur is not None and cur.posted_at is None:
            u.kind, u.comment = "comment_meta", cur.ordinal
            cur.posted_at = _stamp(u)
            cur.closed = bool(cur.body)
        else:
            u.kind = "boilerplate"

    def furniture(self, u: _Unit, t: str) -> None:
        """Buttons, headers and notices: boilerplate; they end the comment before them
        (a button only once the comment has text)."""
        u.kind = "boilerplate"
        cur = self.cur
        if cur is not None:
            if t in ("reply", "button"):
                u.comment = cur.ordinal
            if cur.body or t != "button":
                cur.closed = True

    def prose(self, u: _Unit) -> None:
        """Text: the current comment's, or a new comment's unless it reads as furniture."""
        cur = self.cur
        if cur is None or cur.closed:
            if (
                nav_like(u.s)
                or CAPTION.search(u.s)
                or (self.has_openers and not substantial(u.s) and cur is not None)
            ):
                u.kind = "boilerplate"
                return
            cur = self.new()
        u.kind, u.comment = "comment", cur.ordinal
        cur.body.append(u)


def _split_section(
    units: list[_Unit], types: list[str | None], start: int, drafts: list[_Draft]
) -> None:
    """Label units[start:] as comments, their meta lines and boilerplate. The comments go
    to `drafts`; an open last draft there takes the section's first lines."""
    for i in range(start, len(units) - 1):  # the last line has no text after it to name
        if _is_author(units, types, start, i):
            types[i] = "author"
    reader = _Reader(
        drafts,
        time_leads=_time_leads(types, start),
        has_openers=any(t in _OPENERS for t in types[start:]),
        cur=drafts[-1] if drafts and not drafts[-1].closed else None,
    )
    for u, t in zip(units[start:], types[start:], strict=True):
        if t in _OPENERS or (t == "time" and reader.time_leads):
            reader.meta(u, t)
        elif t == "time":
            reader.trailing_time(u)
        elif t in ("reply", "button", "header", "notice"):
            reader.furniture(u, t)
        else:
            reader.prose(u)


# ---- the article part -------------------------------------------------------------------


def _ruled_out(units: list[_Unit], i: int, end: int) -> bool:
    """Is unit `i` of the article part boilerplate by rule?"""
    s = units[i].s
    dup = (i + 1 < end and units[i + 1].s == s) or (i > 0 and units[i - 1].s == s)
    return bool(
        NAV.match(s)
        or BUTTONS.match(s)
        or CAPTION.search(s)
        or no_letters(s)
        or (dup and len(s) > 3)
        or is_timestamp(s)
        or dateline(s)
        or HEADER.match(s)
        or NOTICE.search(s)
    )


def _title_shaped(s: str) -> bool:
    return len(words(s)) <= 25 and not re.search(r"[.:;]$", s)


#: How many lines before the article's first paragraph its title is looked for.
TITLE_REACH = 6


def _title_index(units: list[_Unit], ruled: list[bool], boiler: list[bool]) -> int | None:
    """The title: the longest title-shaped line in the few lines before the first
    paragraph of running text the line model keeps (a whole-page dump has menus
    first); else, as for a short text, the first line no rule calls boilerplate, if
    title-shaped."""
    keep = [not r and not b for r, b in zip(ruled, boiler, strict=True)]
    first = next(
        (i for i, u in enumerate(units[: len(ruled)]) if keep[i] and running_text(u.s, words(u.s))),
        None,
    )
    if first is not None:
        near = [
            i
            for i in range(max(0, first - TITLE_REACH), first)
            if not ruled[i] and _title_shaped(units[i].s)
        ]
        if near:
            return max(near, key=lambda i: len(words(units[i].s)))
    i = next((i for i, r in enumerate(ruled) if not r), None)
    return i if i is not None and _title_shaped(units[i].s) else None


def _label_article(units: list[_Unit], end: int, boiler: list[bool]) -> None:
    """Units before the comment section: boilerplate by rule or by the line model
    (`boiler`), then the title, else editorial."""
    ruled = [_ruled_out(units, i, end) for i in range(end)]
    title = _title_index(units, ruled, boiler[:end])
    for i in range(end):
        if i == title:
            units[i].kind = "title"
        elif ruled[i] or boiler[i]:
            units[i].kind = "boilerplate"
        else:
            units[i].kind = "editorial"


# ---- entry points -------------------------------------------------------------------------


def split_text(text: str, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split a plain-text page dump. Never raises; `rebuild()` returns `text` exactly."""
    units = _units(text)
    types = [meta_type(u.s) for u in units]
    start = _section_start(units, types)
    drafts: list[_Draft] = []
    boiler = load_line_model().boilerplate([u.raw for u in units])
    if start is None:
        _label_article(units, len(units), boiler)
    else:
        if types[start] == "reply":
            start = _headerless_before(units, types, start)
        _label_article(units, start, boiler)
        _split_section(units, types, start, drafts)
    return _assemble(text, units, drafts, doc_id, source)


def split_blocks(
    blocks: list[tuple[list[str], bool]], doc_id: str = "doc", source: str | None = None
) -> Document:
    """Split a comment section given as blocks of lines, `(lines, furniture)` pairs.

    The text is the lines joined by blank lines. Each block is read as a comment section
    of its own, so a comment never runs from one block into the next; furniture blocks
    (the text around single-comment elements of a page) are boilerplate.
    """
    text = "\n\n".join("\n\n".join(lines) for lines, _ in blocks)
    units = _units(text)
    types = [meta_type(u.s) for u in units]
    drafts: list[_Draft] = []
    k, end = 0, -2
    for lines, furniture in blocks:
        end += 2 + len("\n\n".join(lines))  # where the block ends in the text
        j = k
        while j < len(units) and units[j].start < end:
            j += 1
        if furniture:
            for u in units[k:j]:
                u.kind = "boilerplate"
        elif j > k:
            _split_section(units[k:j], types[k:j], 0, drafts)
            if drafts:
                drafts[-1].closed = True
        k = j
    return _assemble(text, units, drafts, doc_id, source)


def _assemble(
    text: str, units: list[_Unit], drafts: list[_Draft], doc_id: str, source: str | None
) -> Document:
    """The segments (each unit with the blank text after it) and the comments with text,
    numbered from 1; meta lines of a comment without text become boilerplate."""
    segments: list[Segment] = []
    for k, u in enumerate(units):
        lo = 0 if k == 0 else u.start
        hi = units[k + 1].start if k + 1 < len(units) else len(text)
        segments.append(Segment(u.kind, lo, hi, text[lo:hi], u.comment))
    if not units and text:
        segments.append(Segment("boilerplate", 0, len(text), text))
    comments: list[Comment] = []
    renumber: dict[int, int] = {}
    for d in drafts:
        if not d.body:
            continue
        renumber[d.ordinal] = len(comments) + 1
        body = text[d.body[0].start : d.body[-1].end].strip()
        comments.append(
            Comment(
                f"{doc_id}-{len(comments) + 1}",
                len(comments) + 1,
                d.author,
                d.posted_at,
                d.location,
                body,
            )
        )
    for s in segments:
        if s.comment is not None:
            s.comment = renumber.get(s.comment)
            if s.comment is None and s.kind == "comment_meta":
                s.kind = "boilerplate"  # meta of a comment with no text
    title = next((s.text.strip() for s in segments if s.kind == "title"), None)
    return Document(doc_id, source, title, segments, comments)
