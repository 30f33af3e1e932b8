"""An mbox file: a mailing list's or a newsgroup's messages one after another, each after
its "From sender date" separator line and its headers (as Mailman's text archives,
newsreaders and mail clients save them).

The file is read as mail, with the standard library's `email` parser: the first message
is the thread's opening post (the article: a list thread's first message is no comment),
every later one a comment by its sender's name, dated by its `Date:` header, answering
the message its `In-Reply-To:` (or last `References:`) names. A reply's quoted lines ("> ")
and the intro over them ("On DATE, Jo wrote:") are its `quoted`, its signature (after
"-- ") no part of its text. The split stays lossless: headers are comment meta, bodies
the article's or the comments' text.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.utils import parseaddr

from stance.split.document import Comment, Document, Span, tile
from stance.split.lines import QUOTE_INTRO

#: An mbox separator: "From jo@example.org Mon May 15 14:22:07 2023".
_SEPARATOR = re.compile(
    r"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep"
    r"|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}$",
    re.MULTILINE,
)
_HEADER = re.compile(r"^[\w-]{2,40}:[ \t]")
#: A quote's intro by its end: "Jo <jo@x.org> wrote:", "Jo writes:", "Jo a écrit :".
_WROTE = re.compile(r"\b(?:wrote|writes|a\s+écrit|schrieb|escribió)\s?:$", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|sv|fwd?)\s*:\s*)+", re.IGNORECASE)


def is_mbox(text: str) -> bool:
    """Does the text start with an mbox separator over mail headers, with two messages or
    more?"""
    first = _SEPARATOR.match(text.lstrip("\ufeff"))
    if first is None or len(_SEPARATOR.findall(text)) < 2:
        return False
    after = text[first.end() :].lstrip("\n").split("\n", 1)[0]
    return bool(_HEADER.match(after))


def _body(lines: list[str]) -> tuple[list[int], list[int]]:
    """A message body's line indexes: its own text, and its quote with the intro over it
    ("On DATE, Jo wrote:", "Jo <jo@x.org> writes:"); what follows a signature's "-- " is
    neither."""
    own: list[int] = []
    quote: list[int] = []
    sig = next((i for i, x in enumerate(lines) if x.rstrip() == "--"), len(lines))
    for i, x in enumerate(lines[:sig]):
        s = x.strip()
        intro = QUOTE_INTRO.match(s) or _WROTE.search(s)
        if s.startswith(">") or (intro and any(y.startswith(">") for y in lines[i + 1 : i + 3])):
            quote.append(i)
        elif s:
            own.append(i)
    return own, quote


def split_mbox(text: str, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split an mbox file (`is_mbox`): the first message the article, the rest comments."""
    starts = [m.start() for m in _SEPARATOR.finditer(text)]
    spans: list[Span] = []
    comments: list[Comment] = []
    ordinal: dict[str, int] = {}  # a reply's Message-ID: its comment's ordinal
    title = None
    for k, at in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        split = text.find("\n\n", at, end)
        head_end = split + 2 if split >= 0 else end
        msg = email.message_from_string(text[at:head_end], policy=email.policy.compat32)
        n = len(comments) + 1 if k else None
        if k == 0:
            title = _REPLY_PREFIX.sub("", " ".join(str(msg.get("Subject", "")).split())) or None
        spans.append((at, head_end, "comment_meta" if k else "boilerplate", n))
        lines = text[head_end:end].split("\n")
        own, quote = _body(lines)
        lo = head_end
        for i, x in enumerate(lines):
            hi = lo + len(x) + (i < len(lines) - 1)
            if i in own:
                kind = "comment" if k else "editorial"
            else:
                kind = "comment_meta" if k and i in quote else "boilerplate"
            spans.append((lo, hi, kind, n))
            lo = hi
        if n is None:
            continue
        name, address = parseaddr(str(msg.get("From", "")))
        up = (
            str(msg.get("In-Reply-To", "")).strip()
            or (str(msg.get("References", "")).split() or [""])[-1]
        )
        quoted = "\n".join(
            re.sub(r"^(?:>\s?)+", "", lines[i].strip())
            for i in quote
            if lines[i].strip().startswith(">")
        )
        comments.append(
            Comment(
                f"{doc_id}-{n}",
                n,
                name or address or None,
                str(msg.get("Date", "")).strip() or None,
                None,
                "\n".join(lines[i].strip() for i in own),
                quoted or None,
                ordinal.get(up),  # (the opening post's replies answer no comment)
            )
        )
        message_id = str(msg.get("Message-ID", "")).strip()
        if message_id:
            ordinal[message_id] = n
    return Document(doc_id, source, title, tile(text, spans), comments)
