"""Comment sections of text dumps whose comments are paragraph blocks with a stacked head:
a name line and a date line of their own, in the same place in every block.

A block is a run of lines between blank lines. Three layouts, each a page's regularity:

- "after": the date, then the name over the text (a chat export: "SR / 07:12 / Sokha Ream
  / text"); a block that opens with a date and text but no name is the same poster's next
  message; lines above the date are the avatar's initials;
- "before": the text, then the name and the date under it ("text / Sokun, Melbourne /
  Added: 16 November 2017 21:41 ICT / Recommended by 84 people"); a comment may take the
  head-less blocks since the comment before it;
- "first": the name opening the block, the text, then the date and the buttons
  ("Chea Sreyneang / Top fan / text / 48w / Like / Reply"); an owner's answer among
  them puts its text under the date ("Response from Jo, Manager at X / DATE / text").

A layout counts when 3 or more blocks with text (two names or more) hold it, and most of
the blocks with a date and text do; the section runs from the first such block to the
last. Replies: "In reply to this message" (the message before it; the first of a run of
one poster's messages), a text that opens with an earlier poster's name, "Quoting Jo:
“...”" (the quoted parent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stance.split.lines import (
    BUTTONS,
    NAV,
    date_label,
    full_name,
    handle_of,
    is_short_label,
    is_timestamp,
    posted_by,
    substantial,
    unplaced,
    words,
)
from stance.split.replies import latest_by
from stance.split.section import Draft, Unit
from stance.split.shapes import prose_line

#: How many blocks must hold a layout.
MIN_BLOCKS = 3

# A date labelled as a comment's ("Added: 16 November 2017 21:41 ICT").
_ADDED = re.compile(
    r"^(?:added|posted|submitted|published|written|commented)(?:\s+on)?\s*:?\s+(?P<when>.+)$",
    re.IGNORECASE,
)
# A comment's age as social networks print it: "48w", "3d", "5h", "2y".
_AGE = re.compile(r"^\d{1,3}[smhdwy]$")
# An avatar's initials: "SR".
_INITIALS = re.compile(r"^[A-Z]{1,3}$")
# A chat export's notes on what a message holds but the dump does not.
_MEDIA = re.compile(
    r"^(?:not included, change data exporting settings to download\.?"
    r"|(?:sticker|photo|video file|voice message|animation|file|gif)"
    r"|\S{0,12},?\s*\d+(?:[.,]\d+)?\s*[KMG]B)$",
    re.IGNORECASE,
)
# Furniture inside a block: a translation link, a sort order, a fan badge, a counter.
_FURNITURE = re.compile(
    r"^(?:see\s+(?:translation|original)|most\s+relevant|newest|all\s+comments|top\s+fan"
    r"|author|admin|moderator|edited|\d[\d.,]*[kKmM]?)$",
    re.IGNORECASE,
)
# A number among a line's words ("273 Posts", "Politics 101", "Projekt 52 (2)"): a count or
# a heading, not a poster's name.
_COUNT = re.compile(r"(?:^|\s|\()\d+(?:\)|\s|$)")
_IN_REPLY = re.compile(r"^in\s+reply\s+to\s+this\s+message$", re.IGNORECASE)
_QUOTING = re.compile(r"^quoting\s+(?P<name>[^:]{1,60}):\s*(?P<quote>.+)$", re.IGNORECASE)


def date_of(s: str, t: str | None) -> str | None:
    """The date a line gives as a comment's: a timestamp, "Added: DATE", "48w"; or None."""
    if t == "time":  # (an untyped line is no timestamp: `lines.meta_type` asked)
        return unplaced(date_label(s.strip()) or s.strip())
    m = _ADDED.match(s)
    if m and is_timestamp(m.group("when")):
        return m.group("when").strip()
    return s.strip() if _AGE.match(s.strip()) else None


def _furniture(s: str, t: str | None) -> bool:
    return (
        t in ("button", "reply", "badge", "bullet", "notice", "header", "postnum")
        or bool(_MEDIA.match(s) or _FURNITURE.match(s) or _IN_REPLY.match(s))
        or bool(BUTTONS.match(s))
    )


def _name(s: str, t: str | None) -> bool:
    """A line that can be a poster's name: short, no sentence, no button or initials; or
    a "Posted by" line with no date ("Response from Jo, Manager at Hotel X")."""
    if t == "posted":
        head = posted_by(s)
        return head is not None and head[1] is None
    return (
        t is None
        and is_short_label(s, 5)
        and not substantial(s)
        and not NAV.match(s)
        and not _INITIALS.match(s)
        and not _COUNT.search(s)
        and not _furniture(s, t)
        and date_of(s, t) is None
    )


@dataclass
class _Block:
    lo: int  # its first unit
    hi: int  # one past its last unit
    date: int | None = None  # its first date line


def _blocks(units: list[Unit], types: list[str | None], text: str) -> list[_Block]:
    out: list[_Block] = []
    for k, u in enumerate(units):
        gap = u.start - units[k - 1].end if k else 0
        if k == 0 or (gap >= 2 and text.count("\n", units[k - 1].end, u.start) >= 2):
            out.append(_Block(k, k + 1))
        else:
            out[-1].hi = k + 1
        b = out[-1]
        if b.date is None and date_of(u.s, types[k]) is not None:
            b.date = k
    return out


def _head(b: _Block, units: list[Unit], types: list[str | None], layout: str) -> tuple | None:
    """The block's (name index, text units) under `layout`, or None when it does not hold
    it (no name there, or no running text where the layout puts the text)."""
    d = b.date
    if d is None:
        return None
    if layout == "after":
        n, text = d + 1, range(d + 2, b.hi)
    elif layout == "before":
        n, text = d - 1, range(b.lo, d - 1)
    else:
        n = next((k for k in range(b.lo, d) if not _INITIALS.match(units[k].s)), d)
        text = range(n + 1, d)
        if n + 1 == d and types[n] == "posted":  # an owner's answer: its text under both
            text = range(d + 1, b.hi)
    if not (b.lo <= n < b.hi and n != d and _name(units[n].s, types[n])):
        return None
    if d > b.lo and types[d - 1] == "stamp_label":
        return None  # "Joined / Mar 14, 2016": a profile's date, not a comment's
    # (a "Reply to Jo" line is the head's, not text: wpDiscuz's "Jo / Guest / Reply to Kim /
    # DATE")
    body = [
        k
        for k in text
        if not _furniture(units[k].s, types[k]) and not _field(types, k) and types[k] != "reply_to"
    ]
    # (a full name is no text: Discourse's "jo / Jo Lim / DATE", the poster's full name
    # under the user's, or glued to it: "jo Jo Lim")
    if not any(
        (substantial(units[k].s) or len(words(units[k].s)) >= 2)
        and not (full_name(units[k].s) or handle_of(units[k].s))
        for k in body
    ):
        return None
    if layout == "before" and any(types[k] in ("reply", "level") for k in range(body[-1], n)):
        return None  # "text / 34 / Reply / level 2 / Jo / DATE": the buttons close the
        # comment above, the name and date open the next (Reddit, Discourse)
    rest = set(range(b.lo, b.hi)) - set(text) - {n, d}
    if any(_running(units[k].s, types[k]) for k in rest):
        return None  # running text outside the layout's place for it: another layout
    return n, body


def _field(types: list[str | None], k: int) -> bool:
    """A profile box's field name, or its value under it ("Join Date / Aug 2012")."""
    return types[k] in ("field_label", "stamp_label") or (k > 0 and types[k - 1] == "field_label")


def _author(s: str, t: str | None) -> str:
    """The name a name line gives (`_name`)."""
    head = posted_by(s) if t == "posted" else None
    return head[0] if head else s


def _trimmed(b: _Block, units: list[Unit], types: list[str | None]) -> _Block:
    """The block up to the end of the furniture under its date."""
    assert b.date is not None
    k = b.date + 1
    while k < b.hi and _furniture(units[k].s, types[k]):
        k += 1
    return _Block(b.lo, k, b.date)


def _running(s: str, t: str | None) -> bool:
    """A sentence or a long line: text, not a head's furniture."""
    return (
        t is None
        and not _furniture(s, t)
        and (len(words(s)) >= 10 or bool(re.search(r"[.!?…]$", s)) or prose_line(s))
    )


@dataclass
class Stack:
    """A stacked-head section: its layout, its first and last unit (+1), and each head
    block's (block, name index, text units)."""

    layout: str
    start: int
    end: int
    heads: list[tuple[_Block, int, list[int]]]
    blocks: list[_Block]


def find_stack(units: list[Unit], types: list[str | None], text: str) -> Stack | None:
    """The layout most blocks with a date hold (3 or more, two names or more), or None."""
    blocks = _blocks(units, types, text)
    # (not a list of other threads after a "Similar threads" line: their titles, starters
    # and dates)
    listed = next((k for k, t in enumerate(types) if t == "related"), len(units))
    dated = [b for b in blocks if b.date is not None and b.hi - b.lo >= 2 and b.lo < listed]
    # blocks with a sentence: most of them must hold the layout
    texts = sum(any(_running(units[k].s, types[k]) for k in range(b.lo, b.hi)) for b in dated)
    best: Stack | None = None
    for layout in ("after", "before", "first"):
        heads = []
        for b in dated:
            h = _head(b, units, types, layout)
            if h is None and layout == "first" and b is dated[-1]:
                b = _trimmed(b, units, types)  # the page's footer, no blank line before it
                h = _head(b, units, types, layout)
            if h is not None:
                heads.append((b, *h))
        names = [units[n].s.casefold() for _, n, _ in heads]
        top = max((names.count(x) for x in names), default=0)
        if len(heads) < MIN_BLOCKS or 3 * top > 2 * len(heads) or 3 * len(heads) < 2 * texts:
            continue
        if best is None or len(heads) > len(best.heads):
            start = heads[0][0].lo if layout != "before" else min(heads[0][2] + [heads[0][1]])
            best = Stack(layout, start, heads[-1][0].hi, heads, blocks)
    return best


def _run_start(drafts: list[Draft]) -> int | None:
    """The first of the latest run of one poster's messages."""
    if not drafts:
        return None
    k = len(drafts) - 1
    while k > 0 and drafts[k - 1].author == drafts[k].author:
        k -= 1
    return drafts[k].ordinal


def _continuations(stack: Stack, units: list[Unit], types: list[str | None]) -> list[tuple]:
    """The "after" layout's blocks that open with a date and text but no name: the same
    poster's next message; as (block, None, text units)."""
    seen = {id(b) for b, _, _ in stack.heads}
    out = []
    for b in stack.blocks:
        if id(b) in seen or b.date != b.lo or not stack.start <= b.lo < stack.end:
            continue
        body = [k for k in range(b.lo + 1, b.hi) if not _furniture(units[k].s, types[k])]
        if body and any(substantial(units[k].s) for k in body):
            out.append((b, None, body))
    return out


def read_stack(stack: Stack, units: list[Unit], types: list[str | None]) -> list[Draft]:
    """Label units[stack.start:] and return the comments, in page order."""
    items = stack.heads
    if stack.layout == "after":
        items = sorted(items + _continuations(stack, units, types), key=lambda h: h[0].lo)
    for u in units[stack.start :]:  # furniture between the comments, the footer after them
        u.kind = "boilerplate"
    drafts: list[Draft] = []
    prev_end = stack.start
    for b, n, body in items:
        d = Draft(len(drafts) + 1, closed=True)
        assert b.date is not None
        d.posted_at = date_of(units[b.date].s, types[b.date])
        d.author = _author(units[n].s, types[n]) if n is not None else None
        d.author = d.author or (drafts[-1].author if drafts else None)
        if stack.layout == "before" and drafts:  # head-less blocks since the last comment
            body = [k for k in range(prev_end, b.lo) if not _furniture(units[k].s, types[k])] + body
        prev_end = b.hi
        _read_body(d, b, units, body, drafts)
        for k in range(b.lo, b.hi):
            units[k].comment = d.ordinal
            units[k].kind = "comment_meta"
        for k in body:
            units[k].kind, units[k].comment = "comment", d.ordinal
            d.body.append(units[k])
        drafts.append(d)
    return drafts


def _read_body(d: Draft, b: _Block, units: list[Unit], body: list[int], drafts: list) -> None:
    """The parent a comment's block names, and its quoted line taken out of `body`."""
    if any(_IN_REPLY.match(units[k].s) for k in range(b.lo, b.hi)):
        d.parent = _run_start(drafts)
    if not body:
        return
    m = _QUOTING.match(units[body[0]].s)
    if m:
        d.quoted.append(m.group("quote").strip().strip('\u201c\u201d"').strip())
        d.parent = latest_by(drafts, m.group("name"), prefix=True)
        body.pop(0)
        return
    first = units[body[0]].s
    for p in reversed(drafts):
        if p.author and first.casefold().startswith(p.author.casefold() + " "):
            d.parent = d.parent or p.ordinal
            return
