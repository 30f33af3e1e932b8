"""A repeated comment list as the blocks `html.split_html` reads: each item's text, whether
it is furniture, the block it answers and the item read from its markup; with the text
around the list up to its heading ("3 Kommentare") as one furniture block first."""

from __future__ import annotations

from collections.abc import Callable

from stance.split.lines import HEADER
from stance.split.repeated import Item

Block = tuple[str, bool, int | None, Item | None]  # text, furniture, parent, reading


def item_blocks(items: list[Item], shift: int = 0) -> list[Block]:
    """A list's items as blocks (their parents `shift`ed past blocks before them)."""
    return [
        (
            "\n\n".join(i.lines),
            i.event,  # (an issue's timeline event among its comments: furniture)
            None if i.parent is None else i.parent + shift,
            None if i.holds_more else i,
        )
        for i in items
    ]


def section_blocks(items: list[Item], text_of: Callable[..., str]) -> list[Block]:
    """A list's blocks, after the text around it up to its heading ("3 Kommentare")
    when a near ancestor holds one (a furniture block: the section's header, notices
    and form)."""
    skip = frozenset(i.element for i in items)
    own = sum(len(x) for i in items for x in i.lines)
    el = items[0].element.getparent()
    for _ in range(3):
        around = text_of(el, skip)
        if len(around) > own + 2000:
            break
        if any(HEADER.match(x) for x in around.split("\n\n")):
            return [(around, True, None, None), *item_blocks(items, 1)]
        el = el.getparent()
        if el is None or not isinstance(el.tag, str) or el.tag.lower() == "body":
            break
    return item_blocks(items)
