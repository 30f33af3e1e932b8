"""Who a comment answers, once a text comment section is read into drafts: the comment
an unnamed quote comes from (`parents_from_quotes`), the message a top-posted reply
quotes below its text (`quotes_below`), the comment further left where a dump indents
its replies (`nesting_by_indent`); a reply's first line that repeats a line of the
comment it answers is the quote (`quoted_first_line`); a reply that opens by naming an
earlier poster ("Thanks, Helena.") answers them (`parents_by_address`); a comment
export's record answers the record whose id its "parent:" field names (`parents_by_id`).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from stance.split.lines import RECORD_ID, squash

if TYPE_CHECKING:  # the section's units and drafts; `section` imports this module
    from stance.split.section import Draft, Unit


def latest_by(
    drafts: list[Draft], name: str, prefix: bool = False, skip: Draft | None = None
) -> int | None:
    """The ordinal of the latest comment whose author is `name` (with `prefix`: whose
    author starts with it; "Quoting Sok: ..." for Sok Chea), `skip` aside; None if none."""
    key = name.strip().casefold()
    for d in reversed(drafts):
        a = (d.author or "").casefold()
        if d is not skip and a and (a == key or (prefix and a.startswith(key))):
            return d.ordinal
    return None


#: A comment's count of replies among its buttons ("답글3", "3 replies"), and the button
#: that folds the replies shown under it ("답글 접기", "Hide replies").
_REPLY_COUNT = re.compile(r"^(?:\ub2f5\uae00\s*(?P<a>\d+)|(?P<b>\d+)\s+repl(?:y|ies))$", re.I)
_FOLD = re.compile(r"^(?:\ub2f5\uae00\s*\uc811\uae30|hide\s+(?:\d+\s+)?repl(?:y|ies))$", re.I)


def nesting_by_count(units: list[Unit], drafts: list[Draft]) -> None:
    """Replies shown under the comment that counts them: N comments between its "N
    replies" and the fold button after them answer it (Naver: "답글3" ... "답글 접기")."""
    by = {d.ordinal: d for d in drafts}
    for k, u in enumerate(units):
        m = _REPLY_COUNT.match(u.s)
        count = int(m["a"] or m["b"]) if m else 0
        if not count or u.comment not in by:
            continue
        end = next((j for j in range(k + 1, len(units)) if _FOLD.match(units[j].s)), None)
        if end is None:
            continue
        under = sorted({v.comment for v in units[k + 1 : end] if v.comment in by} - {u.comment})
        if len(under) == count:
            for o in under:
                by[o].parent = by[o].parent or u.comment


def nesting_by_indent(drafts: list[Draft]) -> None:
    """A dump that indents replies (every comment named and dated, two or more
    indentations, the first comment at the least): a comment answers the latest one
    before it that stands further left."""
    said = [d for d in drafts if d.body and d.indent is not None]
    levels = {d.indent for d in said}
    if len(levels) < 2 or said[0].indent != min(levels):
        return
    if not all(d.author and d.posted_at for d in said):
        return
    for k, d in enumerate(said):
        if d.parent is None and d.indent != min(levels):
            up = next((e for e in reversed(said[:k]) if (e.indent or 0) < (d.indent or 0)), None)
            d.parent = up.ordinal if up is not None else None


def quotes_below(units: list[Unit], drafts: list[Draft]) -> None:
    """A top-posted reply: text first, then "On DATE, Jo wrote:" and the quoted message
    (a draft of quotes alone) belongs to the comment above it."""
    for above, d in itertools.pairwise(drafts):
        if d.quoted and not d.body and d.author is None and above.body and not above.quoted:
            above.quoted, d.quoted = d.quoted, []
            above.parent = above.parent or d.parent
            for u in units:
                u.comment = above.ordinal if u.comment == d.ordinal else u.comment


def parents_from_quotes(text: str, drafts: list[Draft]) -> None:
    """A reply that quotes an earlier comment without naming it answers that comment."""
    for k, d in enumerate(drafts):
        if d.parent is not None or not d.quoted:
            continue
        quote = " ".join(d.quoted)
        # a chat app names whom it quotes before the quote: "Jo Lim: the quoted text"
        named = re.match(r"([^:]{1,40}):\s+(\S.*)", quote)
        quotes = [squash(quote)] + ([squash(named[2])] if named else [])
        for e in reversed(drafts[:k]):
            said = squash(text[e.body[0].start : e.body[-1].end]) if e.body else ""
            if said and any(q in said for q in quotes):
                d.parent = e.ordinal
                break


# A comment export's record: the id of the comment it answers ("parent: 4058716340").
_RECORD_PARENT = re.compile(r"^parent(?:_?id)?\s*[=:]\s*(?P<id>\S+)$", re.IGNORECASE)


#: A Disqus reply's head names whom it answers after an arrow: "Jo → Kim • 3 years ago".
_ARROW = re.compile(r"^(?P<name>\S.{0,40}?)\s+(?:\u2192|->)(?:\s+(?P<to>\S.{0,40}))?$")


#: A badge between the names of a Disqus reply copied without its arrow ("Jo Mod Kim Lee").
_BADGE = re.compile(r"\s+(?:mod|guest)$", re.IGNORECASE)


def _arrow_dropped(drafts: list[Draft], author: str) -> tuple[str, int] | None:
    """A reply's head copied from Disqus without its arrow icon, "Jo Lim Kim Lee": its
    poster and the comment it answers, where the name ends with the full name (two words
    or more) of a comment above it; else None."""
    for d in reversed(drafts):
        to = d.author or ""
        if len(to.split()) >= 2 and author.endswith(" " + to):
            name = _BADGE.sub("", author[: -len(to) - 1]).strip()
            return (name, d.ordinal) if name else None
    return None


def parents_by_arrow(drafts: list[Draft]) -> None:
    """A comment whose author reads "Jo → Kim" (Disqus's reply head) is Jo's, and
    answers Kim's latest comment above it; so does one whose author reads "Jo Kim Lee",
    the arrow lost in a copy, where Kim Lee wrote a comment above it."""
    for k, d in enumerate(drafts):
        m = _ARROW.match(d.author or "")
        if m is None:
            dropped = _arrow_dropped(drafts[:k], d.author or "")
            if dropped is not None:
                d.author = dropped[0]
                d.parent = dropped[1] if d.parent is None else d.parent
            continue
        d.author = m["name"]
        if d.parent is None and m["to"]:
            d.parent = latest_by(drafts[:k], m["to"])


def parents_by_id(units: list[Unit], drafts: list[Draft]) -> None:
    """In a comment export, a record's "parent: ID" names the record it answers by that
    record's id line: each line belongs to the next comment after it."""
    ids: dict[str, int] = {}
    named: list[tuple[int, str]] = []  # (comment, parent id)
    for k, u in enumerate(units):
        m = RECORD_ID.match(u.s) or _RECORD_PARENT.match(u.s)
        # (the next comment's text after it: the lines between may be the last one's meta)
        own = m and next((v.comment for v in units[k + 1 :] if v.kind == "comment"), None)
        if m is None or own is None:
            continue
        if m.re is RECORD_ID:
            ids.setdefault(m["id"], own)
        else:
            named.append((own, m["id"]))
    by = {d.ordinal: d for d in drafts}
    for own, up in named:
        d = by.get(own)
        if d is not None and d.parent is None and ids.get(up, own) != own:
            d.parent = ids[up]


#: Marks around a quoted line: « », " ", ' ', and their curly forms.
_QUOTE_MARKS = " \u00ab\u00bb\"\u201c\u201d\u201e'\u2018\u2019"


def quoted_first_line(drafts: list[Draft], among: list[Draft] | None = None) -> None:
    """A reply whose first line (a sentence of five words or more, more text after it)
    is word for word in the comment it answers, quote marks aside, quotes that line: it
    is the quote, not the reply's text (new Reddit's dump shows a quote as a plain line).
    `among`: where the answered comments are, when not among `drafts`."""
    by = {d.ordinal: d for d in (drafts if among is None else among)}
    for d in drafts:
        up = by.get(d.parent) if d.parent is not None else None
        if up is None or d.quoted or len(d.body) < 2 or len(d.body[0].s.split()) < 5:
            continue
        line = squash(d.body[0].s.strip(_QUOTE_MARKS))
        if line and line in squash(" ".join(u.s for u in up.body)):
            first = d.body.pop(0)
            first.kind = "comment_meta"
            d.quoted.append(first.raw.strip())


# A reply that opens by addressing someone: "Thanks, Helena.", "Helena, you are right".
_ADDRESS = re.compile(
    r"^(?:(?:thanks|thank\s+you|hi|hello|dear)\W+(?P<a>[^\W\d_]{3,})[,.!:]"
    r"|(?P<b>[^\W\d_]{3,}),\s)",
    re.IGNORECASE,
)


def _opens_with(text: str, name: str) -> bool:
    """Does `text` open with `name` exactly, then a space or a comma, and more words?"""
    return len(name) >= 3 and re.match(re.escape(name) + r"[\s,]+\S", text) is not None


def parents_by_address(drafts: list[Draft]) -> None:
    """A comment with no known parent whose first words address an earlier poster by a
    name of theirs (capitalised, one of their name's words), mention them ("@jo ...",
    Onet's "~jo, ...") or open with their whole name as shown ("jo-draws thank you!")
    answers that poster's latest comment."""
    for k, d in enumerate(drafts):
        first = d.body[0].s if d.parent is None and d.body else ""
        if first.startswith(("@", "~")):
            said = first[1:].casefold()  # "@kemal_1967 text", "@Hakan Toprak text"
            for e in reversed(drafts[:k]):
                if e.author and re.match(re.escape(e.author.casefold()) + r"\b", said):
                    d.parent = e.ordinal
                    break
            continue
        named = next(
            (e for e in reversed(drafts[:k]) if e.author and _opens_with(first, e.author)), None
        )
        if named is not None:
            d.parent = named.ordinal
            continue
        m = _ADDRESS.match(d.body[0].s) if d.parent is None and d.body else None
        name = (m.group("a") or m.group("b")) if m else ""
        if not name[:1].isupper():
            continue
        for e in reversed(drafts[:k]):
            if e.author and name.casefold() in e.author.casefold().replace(".", " ").split():
                d.parent = e.ordinal
                break
