"""Comment sections of plain-text dumps found by repeated header shapes.

A header line's shape is its layout with the words and numbers taken out: "Vannak,
Battambang — 2 days ago" and "Chenda, Phnom Penh — 5 hours ago" are both `w , w — 9 w`.
A comment section is a run of 3 or more blocks that each open with a dated header line
(`lines.meta_type`: a byline, "X said", "Posted by", a mail or thread head) of the SAME
shape, with running text between them. A header shape that recurs is evidence of its
own: a line of another shape after the run (a related-stories list, "Headline — 12 March
2024" with no running text after it) is not a comment, and where the run ends the section
ends. Navigation lists and related-article lists (dated lines with no running text between)
and footers make no run.
"""

from __future__ import annotations

import itertools
import re

from stance.split.lines import (
    BYLINE_TYPES,
    NAME_FROM,
    UNSPACED,
    headline_like,
    is_short_label,
    is_timestamp,
    lone_chat_head,
    name_time,
    no_letters,
    substantial,
    words,
)

#: How many same-shaped header lines make a run.
MIN_RUN = 3

_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")
#: (an initial's dot as part of its word: "Peter J." and "J. Keo" have the shape of "Jo")
_NAME_TOKEN = re.compile(r"\d+|(?<![^\W\d_])[^\W\d_]\.(?=\s|$)|[^\W\d_]+|[^\w\s]")


def header_shape(s: str, *, initials: bool = False) -> str:
    """The line's layout: each run of words `w`, each number `9`, punctuation as it is
    (`initials`: an initial's dot counted with its word)."""
    out: list[str] = []
    for tok in (_NAME_TOKEN if initials else _TOKEN).findall(s):
        cls = "9" if tok.isdigit() else "w" if tok[0].isalpha() else tok
        if not (cls == "w" and out and out[-1] == "w"):
            out.append(cls)
    return " ".join(out)


def head_shape(s: str) -> str:
    """A header line's layout with its date as one token `D`, whatever the date's form
    ("3 Ответ от Jo 2024-02-18 13:55:02" and "9 Ответ от Jo Вчера 22:14:10" are one
    shape); `header_shape` when the line is no more than a name and a date."""
    nt = name_time(s)
    if nt is None or not nt[1] or not s.rstrip().endswith(nt[1]):
        return header_shape(s)
    lead = header_shape(s.rstrip()[: -len(nt[1])], initials=True)
    # (a name alone before the date keeps the date's form: "Jo 1 year ago" and a devlog's
    # "QUOTA is out Nov 30, 2023" are not one shape; a post's number before it does)
    return f"{lead} D" if lead != "w" else header_shape(s)


_SEPARATOR = re.compile(r"\s+[\u2014\u2013|·-]\s+|,\s+")
_BARS = re.compile(r"\s+[|·]\s+")


def dated(s: str, t: str | None) -> bool:
    """A dated line: a header type (`lines.BYLINE_TYPES`), or text and a date on either side of a
    separator ("Fertiliser imports rise again — 12 March 2024")."""
    if t in BYLINE_TYPES:
        return True
    if t is not None:  # a date line alone ("time") belongs to the comment around it
        return False
    parts = _SEPARATOR.split(s)
    if len(parts) >= 2 and (is_timestamp(parts[-1]) or is_timestamp(parts[0])):
        return True
    # fields between bars, the date among them: "Jo Lim Author Profile Page | May 17, 2023
    # 08:40 AM | Reply" (Movable Type: the name's badge makes it no byline)
    fields = _BARS.split(s)
    return len(fields) >= 3 and any(is_timestamp(f) for f in fields[1:-1])


def _running(s: str, t: str | None) -> bool:
    """Running text a comment could be: prose, not a headline."""
    return t is None and substantial(s) and not headline_like(s)


def _comment_block(lines: list[str], types: list[str | None], a: int, b: int) -> bool:
    """Do lines a+1..b-1 hold a comment's text: running text, and not under a headline
    (a story list: date, headline, teaser)?"""
    first = next((k for k in range(a + 1, b) if types[k] is None), None)
    if first == a + 1 and lone_chat_head(lines[a]):
        return True  # the message of a chat log's line: "0:41:07 jo:" then "lol same"
    if first is None or (headline_like(lines[first]) and not _running(lines[first], None)):
        return False
    return any(_running(lines[k], types[k]) and prose_line(lines[k]) for k in range(first, b))


def prose_line(s: str) -> bool:
    """A sentence ends the line (a Japanese or Chinese one too), or it is long (12 words,
    or 16 characters of a script written without spaces): a comment's text, not a
    headline."""
    return (
        bool(re.search(r"[.!?…\"”)。\uff01\uff1f」』\uff09\u17d4\u17d5]$", s))  # Khmer "\u17d4"
        or len(words(s)) >= 12
        or len(UNSPACED.findall(s)) >= 16
    )


def _texts(lines: list[str], types: list[str | None], heads: list[int]) -> int:
    """How many of the blocks `heads` open hold a comment's text (a block runs to the
    next head; the last one as far as the longest other block)."""
    reach = max(b - a for a, b in itertools.pairwise(heads))
    ends = [*heads[1:], min(len(lines), heads[-1] + reach)]
    return sum(_comment_block(lines, types, a, b) for a, b in zip(heads, ends, strict=True))


def not_comments(lines: list[str], types: list[str | None], start: int) -> bool:
    """Does the section the rules found at `start` open a run of 3 or more dated lines of
    its shape whose blocks mostly hold no comment text (a dated story list: "Sok Dara,
    12 March 2024" over a headline)?"""
    if types[start] not in BYLINE_TYPES:
        return False
    shape = header_shape(lines[start])
    heads = [
        k
        for k in range(start, len(lines))
        if types[k] in BYLINE_TYPES and header_shape(lines[k]) == shape
    ]
    return len(heads) >= MIN_RUN and 3 * _texts(lines, types, heads) < 2 * len(heads)


def _one_name(lines: list[str], heads: list[int]) -> bool:
    """Do all the headers carry the same name ("By Maren Estrada / 2 days ago": one
    writer's story list, not a discussion)?"""
    names = {(name_time(lines[h]) or ("", ""))[0].casefold() for h in heads}
    return len(names) == 1 and "" not in names


def _other_senders(lines: list[str], types: list[str | None], best: list[int]) -> list[int]:
    """A run of mail sender lines with the other sender lines around it, whatever their
    shape ("From: Jo <jo@x>" among "From: List [mailto:...]"), each with a message's text
    under it (not a thread index's entry) and within the run's longest gap of the last."""
    gap = max(b - a for a, b in itertools.pairwise(best))
    senders = [i for i, t in enumerate(types) if t == "mail"]
    ends = dict(itertools.pairwise([*senders, len(lines)]))
    senders = [i for i in senders if i in best or _comment_block(lines, types, i, ends[i])]
    run = set(best)
    for order in (senders, senders[::-1]):
        for i in order:
            if i not in run and any(abs(i - j) <= gap for j in run):
                run.add(i)
    return sorted(run)


def repeated_heads(lines: list[str], types: list[str | None]) -> list[int] | None:
    """The header lines of the comment run, or None: the shape of dated header lines
    that recurs most often (at least `MIN_RUN` times) with running text in at least two
    of every three of the blocks it opens (a block runs to the next header of the shape;
    the last one as far as the longest other block)."""
    by_shape: dict[str, list[int]] = {}
    for i, (s, t) in enumerate(zip(lines, types, strict=True)):
        if t == "said" and i > 0 and types[i - 1] == "postnum":
            continue  # a quote's "Jo said:" under a post's number (XenForo: "DATE / #8")
        if t in BYLINE_TYPES or (dated(s, t) and len(words(s)) <= 12):
            by_shape.setdefault(header_shape(s), []).append(i)
    best: list[int] | None = None
    for heads in by_shape.values():
        if len(heads) < MIN_RUN or (best is not None and len(heads) <= len(best)):
            continue
        if 3 * _texts(lines, types, heads) >= 2 * len(heads) and not _one_name(lines, heads):
            best = heads
    if best is None:
        return None
    if types[best[0]] == "mail":
        return _other_senders(lines, types, best)
    # and the thread heads of the run's shape with a date of another form ("9 Ответ от Jo
    # Вчера 22:14:10" among "3 Ответ от Jo 2024-02-18 13:55:02")
    key = head_shape(lines[best[0]])
    if " D" not in key:
        return best
    more = [
        i
        for i, t in enumerate(types)
        if t in BYLINE_TYPES and i not in best and head_shape(lines[i]) == key
    ]
    return sorted([*best, *more])


def run_end(lines: list[str], types: list[str | None], heads: list[int]) -> int:
    """Where the run of `heads` ends: at the first header line after the last head, the
    first line past the longest block that is not a sentence (a pager, a footer), or the
    first dated line of another shape with no running text after it (a related-stories
    list); the end of the lines if none."""
    shape, key = header_shape(lines[heads[0]]), head_shape(lines[heads[0]])
    marks = [dated(s, t) or t == "header" for s, t in zip(lines, types, strict=True)]
    gap = max(b - a for a, b in itertools.pairwise(heads))
    reach = heads[-1] + gap
    for k in range(heads[-1] + 1, len(lines)):
        if types[k] == "byline" and _dated_alike(lines[k], lines[heads[0]]):
            # (a head the run's shape missed, a name in another script: its text goes on
            # past a line or two that is no sentence, a link)
            reach = max(reach, k + 3)
        if types[k] == "header" or (k >= reach and types[k] is None and not prose_line(lines[k])):
            return k  # past the longest block, a line that is no sentence ends the run
        if marks[k] and header_shape(lines[k]) != shape and head_shape(lines[k]) != key:
            m = next((j for j in range(k + 1, len(lines)) if marks[j]), len(lines))
            if not any(_running(lines[j], types[j]) for j in range(k + 1, m)):
                return _back_over_labels(lines, types, heads[-1], k)
    return len(lines)


def _dated_alike(a: str, b: str) -> bool:
    """Do two name-and-date lines give their dates in one layout ("សុខ វណ្ណា 16 វិច្ឆិកា 2017
    ម៉ោង 5:12 ល្ងាច" and "Dara Chan 16 វិច្ឆិកា 2017 ម៉ោង 6:25 ល្ងាច")?"""
    x, y = name_time(a), name_time(b)

    def numbers(when: str) -> list[str]:  # (its numbers and their separators: "9 9 9:9")
        return re.sub(r"\d+", "9", re.sub(r"[^\d:./-]+", " ", when)).split()

    return x is not None and y is not None and numbers(x[1]) == numbers(y[1])


def _back_over_labels(lines: list[str], types: list[str | None], head: int, end: int) -> int:
    """The run's end moved back over the short labels before a list ("Related stories"),
    while the last comment keeps a line of text."""
    while (
        end - 1 > head
        and types[end - 1] is None
        and is_short_label(lines[end - 1], 4)
        and any(prose_line(lines[j]) for j in range(head + 1, end - 1))
    ):
        end -= 1
    return end


def tail_furniture(
    lines: list[str], types: list[str | None], heads: list[int], end: int
) -> list[int]:
    """Lines that close every block of the run with one shape and no sentence ("14 agree ·
    2 disagree", "12 points"): counters and buttons, not text. [] when they differ."""
    last = [b - 1 for b in heads[1:]]
    shapes = {header_shape(lines[k]) for k in last}
    if len(shapes) != 1 or any(types[k] is not None or prose_line(lines[k]) for k in last):
        return []
    (shape,) = shapes
    if not re.search(r"9", shape):  # a counter; a name or a word alone may be text
        return []
    tail = [k for k in range(heads[-1] + 1, end) if header_shape(lines[k]) == shape]
    return last + tail[-1:]


def _label(s: str, t: str | None) -> bool:
    return t is None and is_short_label(s, 6) and not substantial(s)


def name_above(lines: list[str], types: list[str | None], heads: list[int]) -> int:
    """A run whose headers carry no name ("#3 · 12 Mar 2024"): how many lines above each
    header its author's name stands (a forum post: name, rank, "#3 · date"), the same in
    every block; 0 when the headers name their author or no such line is there."""
    named = [name_time(lines[h]) for h in heads]
    if any(nt is None or not no_letters(nt[0]) for nt in named):
        return 0
    for off in (1, 2, 3):
        if all(
            h - off >= 0 and all(_label(lines[h - j], types[h - j]) for j in range(1, off + 1))
            for h in heads
        ) and not all(_label(lines[h - off - 1], types[h - off - 1]) for h in heads if h > off):
            return off
    return 0


def comment_run(
    lines: list[str], types: list[str | None], start: int | None, found: dict
) -> tuple[int | None, int]:
    """The comment section's start and end as a run of same-shaped headers has them (the
    types of its lines amended in `types`): a section the rules found at `start` that opens
    a dated list with no comment text is none; a run after `start`, or anywhere when there
    is none, ends at the first header or dated list of another shape after it; headers
    without a name take the line the same number of lines above each (the lines between
    are furniture), and counters closing every block are furniture; each header's author,
    date and place (`head_fields`) go to `found`, its type becomes "shape".
    `(start, len(lines))` when no run is found."""
    if start is not None and not_comments(lines, types, start):
        start = None
    heads = repeated_heads(lines, types)
    if heads is None or (start is not None and heads[0] < start):
        return start, len(lines)
    off = name_above(lines, types, heads)
    for h in heads if off else ():
        types[h - off] = "author"
        for j in range(h - off + 1, h):
            types[j] = "button"
    if start is None or heads[0] - off < start:
        start = heads[0] - off
    for h, fields in (head_fields(lines, heads) if not off else {}).items():
        if types[h] in (None, "byline"):  # thread heads, mail headers, "X said" read as ever
            types[h] = "shape"
            found[h] = fields
    end = run_end(lines, types, heads)
    for k in tail_furniture(lines, types, heads, end):
        types[k] = "button"
    return start, end


_LEAD = re.compile(r"^(?:at|on|um|am|le|el)\s+", re.IGNORECASE)
_PLACE = re.compile(r"^(?P<author>[^(]+?)\s*\((?P<place>[^()]{1,40})\)$")


def _name_and_time(s: str) -> tuple[str, str] | None:
    """A header's name part and date part: `lines.name_time`, or text and a date on
    either side of a separator ("Entry 14 — Sophal from Battambang — 12/03/2024")."""
    nt = name_time(s)
    if nt:
        return nt
    parts = _SEPARATOR.split(s)
    if len(parts) >= 2 and is_timestamp(parts[-1]):
        return s[: s.rindex(parts[-1])].rstrip(" ,|·-\u2013\u2014"), parts[-1]
    if len(parts) >= 2 and is_timestamp(parts[0]):
        return s[len(parts[0]) :].lstrip(" ,|·-\u2013\u2014"), parts[0]
    fields = _BARS.split(s)  # "Jo | May 17, 2023 07:02 AM | Reply": the name before the date
    when = next((f for f in fields[1:-1] if is_timestamp(f)), None) if len(fields) >= 3 else None
    return (" | ".join(fields[: fields.index(when)]), when) if when else None


def _template(rows: list[list[str]], reverse: bool) -> int:
    """How many tokens at the start (the end if `reverse`) every header shares, numbers
    counted alike ("Entry 14 —", "replied"): the template around the names."""
    norm = [[re.sub(r"\d+", "9", w) for w in (r[::-1] if reverse else r)] for r in rows]
    n = 0
    while all(len(r) > n + 1 for r in norm) and len({r[n] for r in norm}) == 1:
        n += 1
    return n


def head_fields(lines: list[str], heads: list[int]) -> dict[int, tuple[str, str, str | None]]:
    """Each header's author, date and place, its template taken out: the words every
    header of the run has at the same end ("Entry 14 —", "replied") are not the name;
    "Sophal from Battambang" and "Chenda (Kampong Cham)" give a place. {} when a header
    has no name with letters."""
    split = [_name_and_time(lines[h]) for h in heads]
    if any(nt is None for nt in split):
        return {}
    rows = [nt[0].split() for nt in split if nt]
    pre, post = _template(rows, False), _template(rows, True)
    out: dict[int, tuple[str, str, str | None]] = {}
    for h, row, nt in zip(heads, rows, split, strict=True):
        assert nt is not None
        name = " ".join(row[pre : len(row) - post]).strip(" ,:|·-\u2013\u2014")
        if no_letters(name) or not is_short_label(name, 6):
            return {}
        place = None
        m = NAME_FROM.match(name) or _PLACE.match(name)
        if m:
            name, place = m.group("author").strip(), m.group("place").strip()
        out[h] = (name, _LEAD.sub("", nt[1]).rstrip(" :|·"), place)
    return out
