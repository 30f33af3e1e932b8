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

from stance.split.document import Comment, Document, Segment
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
    segments: list[Segment] = []
    if starts[0] > 0:
        segments.append(Segment("boilerplate", 0, starts[0], text[: starts[0]]))
    comments: list[Comment] = []
    ordinal: dict[str, int] = {}
    title = None
    for k, at in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        block = text[at:end]
        split = block.find("\n\n")
        head_end = at + (split + 2 if split >= 0 else len(block))
        msg = email.message_from_string(text[at:head_end], policy=email.policy.compat32)
        n = len(comments) + 1
        if k == 0:
            title = _REPLY_PREFIX.sub("", " ".join(str(msg.get("Subject", "")).split())) or None
        segments.append(
            Segment(
                "comment_meta" if k else "boilerplate",
                at,
                head_end,
                text[at:head_end],
                n if k else None,
            )
        )
        lines = text[head_end:end].split("\n")
        own, quote = _body(lines)
        offsets = [head_end]
        for x in lines[:-1]:
            offsets.append(offsets[-1] + len(x) + 1)
        kind = "comment" if k else "editorial"
        for i, x in enumerate(lines):
            lo = offsets[i]
            hi = lo + len(x) + (1 if i < len(lines) - 1 else 0)
            if hi <= lo:
                continue
            part = kind if i in own else ("comment_meta" if k and i in quote else "boilerplate")
            segments.append(Segment(part, lo, hi, text[lo:hi], n if k else None))
        ids = [str(msg.get("Message-ID", "")).strip()]
        if k == 0:
            ordinal.update({i: 0 for i in ids if i})
            continue
        name, address = parseaddr(str(msg.get("From", "")))
        up = (
            str(msg.get("In-Reply-To", "")).strip()
            or (str(msg.get("References", "")).split() or [""])[-1]
        )
        body = "\n".join(lines[i].strip() for i in own)
        quoted = (
            "\n".join(
                re.sub(r"^(?:>\s?)+", "", lines[i].strip())
                for i in quote
                if lines[i].strip().startswith(">")
            )
            or None
        )
        parent = ordinal.get(up) or None
        comments.append(
            Comment(
                f"{doc_id}-{n}",
                n,
                name or address or None,
                str(msg.get("Date", "")).strip() or None,
                None,
                body,
                quoted,
                parent,
            )
        )
        ordinal.update({i: n for i in ids if i})
    return Document(doc_id, source, title, _merged(segments), comments)


def _merged(segments: list[Segment]) -> list[Segment]:
    """Neighbouring segments of one kind and comment as one."""
    out: list[Segment] = []
    for s in segments:
        last = out[-1] if out else None
        if last and last.kind == s.kind and last.comment == s.comment and last.end == s.start:
            out[-1] = Segment(s.kind, last.start, s.end, last.text + s.text, s.comment)
        else:
            out.append(s)
    return out
