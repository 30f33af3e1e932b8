"""Comment lists found by repeated structure, whatever the page names its elements.

A comment list is an element with three or more child subtrees of the same shape (the
same tag and first class name; two with strong evidence), each holding a short name, a
date or time (`lines.is_timestamp`) and running text; or four or more that show no date
at all, each with a name its markup names on a line of its own (`_undated_list`: fans'
notes under an album). The repeated items are the comments; an item nested in another
(the same shape further down) is a reply to it. Navigation and related-article lists
(links with dates, no running text, headline links) and anything inside `nav`, `header`,
`footer` or `aside` are not comment lists.

`comment_lists(tree, title, text_of)` returns the lists, each item read into its lines
and the role of each line (`Item`), in page order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stance.split.forumwords import verbs
from stance.split.lines import (
    BUTTONS,
    BYLINE_TYPES,
    COLONS,
    FOLD_DOTS,
    FORUM,
    GLUED_WROTE,
    HEADER,
    NAME_FROM,
    NAME_PLACE,
    NAV,
    NOTICE,
    PROFILE,
    QUOTE_INTRO,
    RECIPIENTS,
    REPLY_TO,
    SAID,
    SHOP_ANSWER,
    STAMP_LABEL,
    THREAD_HEAD,
    date_label,
    headline_like,
    is_short_label,
    is_timestamp,
    meta_text,
    meta_type,
    name_label,
    name_time,
    posted_by,
    said_when,
    squash,
    subject,
    substantial,
    unspaced,
    words,
)
from stance.split.threadlines import line_type

#: Ancestors that never hold a page's comments.
_NOT_IN = {"nav", "header", "footer", "aside", "menu"}
#: Tags a comment item can be.
_ITEM_TAGS = {"div", "li", "article", "section", "tr", "dd", "blockquote", "table"}
#: Class names that say nothing about an element's shape (zebra stripes, depth, state).
_STATE_CLASS = re.compile(
    r"^(?:odd|even|alt|first|last|new|unread|active|selected|clearfix|regular|byuser"
    r"|bypostauthor|(?:thread|depth|level|lvl|bg|comment-author|parent)(?:-.*)?)$",
    re.IGNORECASE,
)
#: Words in an id or class that make two items strong evidence.
_TALK_ATTR = re.compile(r"comment|reply|replies|discussion|message|feedback|response")
#: An id or class name of a sidebar, a widget or a feed embedded in the page.
_ASIDE_NAME = re.compile(r"widget|twitter|tweet|(?:^|[-_])sidebar$", re.IGNORECASE)
#: The class of a layout grid's cells: never the shape of a comment list.
_LAYOUT = re.compile(
    r"^(?:col|column|columns|grid|row|span|container|wrap|wrapper|layout|region|cell)"
    r"(?:[-_].*)?$",
    re.IGNORECASE,
)
#: Line types that open a comment: a second one in an item's text is another comment.
_HEADS = ("time", *BYLINE_TYPES)
_QUOTE_CLASS = re.compile(r"(?<!to)quote", re.IGNORECASE)  # (not "js-selectToQuote")
#: A quote box's label over the quote ("<legend>引用</legend>"): no name.
_QUOTE_LABEL = re.compile(r"^(?:quote|zitat|cita|citation|\u5f15\u7528|\u5f15\u8ff0)\s*:?$", re.I)
#: MyBB's citation glued to the quoted words: "(03-03-2024, 09:17 PM)Jo Wrote: text" (and
#: in the Southeast Asian packs' words, `forumwords`: "Jo đã viết:").
_DATED_CITE = re.compile(
    r"^\(\s*[^()]{4,40}\)\s*[^\s:].{0,40}?\s(?:wrote|" + verbs("wrote") + r"):\s", re.I
)
#: An element whose class (or its parent's) says it holds the poster's name.
_NAME_ATTR = re.compile(
    r"author|user-?name|nick|poster|(?:^|[\s_-])(?:by|fn|name)(?:$|[\s_-])", re.I
)


def name_button(el: Any) -> bool:
    """Is `el` a button whose class calls it the poster's name (Coral's "<button
    class="coral-comment-username"><span>Jo</span></button>")? Buttons are controls;
    this one shows the name."""
    return (
        isinstance(el.tag, str)
        and el.tag.lower() == "button"
        and bool(_NAME_ATTR.search(_attr(el)))
    )


#: A link to a member's profile page: its text is the member's name.
_PROFILE_LINK = re.compile(r"user|member|profile|/u/|author|people", re.IGNORECASE)
#: A count in a short phrase: "14 abonnés", "Lire ses 212 critiques", "View all 3 replies".
_COUNTED = re.compile(r"^(?!(?:\S+\s+){4})(?:.*\s)?\d[\d.,]*\s+[^\W\d_]")
#: A fediverse handle, "jo@lemmy.example": a name with its instance.
_HANDLE = re.compile(r"@?[\w.-]+@[\w-]+(?:\.[\w-]+)+")
_FURNITURE = re.compile(r"^#\d+$|^\d+\s+(?:points?|likes?|votes?)$", re.IGNORECASE)


@dataclass
class Item:
    """One comment of a list: its lines, each line's role ("meta", "text", "quote" or
    "furniture"), the name and date the markup gives, and the item it answers."""

    element: Any
    lines: list[str]
    roles: list[str]
    author: str | None
    posted_at: str | None
    parent: int | None = None  # index in the list of the item it answers
    running: bool = False
    headline_link: bool = False
    reply_button: bool = False
    nested: list[Any] = field(default_factory=list)
    named: str | None = None  # the name the markup names (a class, a profile link)

    @property
    def holds_more(self) -> bool:
        """Another name and date among the text (a reply of another shape): the text
        rules, not the markup, read such an item."""
        body = next(
            (k for k, r in enumerate(self.roles) if r == "text" and substantial(self.lines[k])),
            len(self.lines),
        )
        # (a head after the text that repeats the item's date is another's all the same)
        heads = [
            _line_head(x)
            for k, (x, r) in enumerate(zip(self.lines, self.roles, strict=True))
            if (r == "text" or (r == "meta" and k > body))
            and meta_type(x) in _HEADS
            and not x.endswith(":")
        ]
        if any(h is not None and h[0] != self.author for h in heads):
            return True
        # another date line among the text ("2023-09-18 16:40 IP: Jiangsu 402 Reply")
        if any(
            r == "text" and len(words(x)) <= 12 and _starts_with_date(x)
            for x, r in zip(self.lines, self.roles, strict=True)
        ):
            return True
        if any(SHOP_ANSWER.match(x) for x in self.lines[body + 1 :]):
            return True  # "ショップからのコメント" and the shop's answer, after the review
        # a reply boxed inside the item, in markup of its own: "Shop Name / 5 days ago /
        # text" after the item's text (a seller's answer under a review)
        return any(
            self.roles[k] == "text"
            and self.lines[k] != self.author
            and name_label(self.lines[k], 5)
            and is_timestamp(self.lines[k + 1])
            and k + 2 < len(self.lines)
            for k in range(body + 1, len(self.lines) - 1)
        )

    @property
    def event(self) -> bool:
        """An issue's timeline event, not a comment: no text of its own runs, and its
        dated line is furniture ("Jo mentioned this issue DATE", over the issue's link)."""
        return (
            bool(self.posted_at)
            and not self.running
            and any(self.posted_at in x and line_type(x) == "button" for x in self.lines)
        )

    @property
    def full(self) -> bool:
        """A name, a date and running text, and not a page's column of many lines: the
        whole evidence of a comment."""
        return bool(self.author and self.posted_at and self.running) and len(self.lines) <= 60


def _key(el: Any) -> tuple[str, str] | None:
    """An element's shape: its tag and its first class name that is no state; without
    one, its tag and the sequence of its children's tags ("div", "table")."""
    if not isinstance(el.tag, str) or el.tag.lower() not in _ITEM_TAGS:
        return None
    names = [re.sub(r"\d+", "", c).strip("-_") for c in (el.get("class") or "").split()]
    names = [c.lower() for c in names if c and not _STATE_CLASS.match(c)]
    if names:  # a layout class ("row message") names the grid, the next one the item
        return el.tag.lower(), next((c for c in names if not _LAYOUT.match(c)), names[0])
    kids = [k.tag.lower() for k in el if isinstance(k.tag, str)]
    seq = [t for n, t in enumerate(kids) if n == 0 or t != kids[n - 1]]  # runs collapsed
    return el.tag.lower(), "/" + "/".join(seq)


def _in_skipped(el: Any, stop: Any, skip: set[Any]) -> bool:
    while el is not None and el is not stop:
        if el in skip:
            return True
        el = el.getparent()
    return False


def _pieces(
    item: Any, skip: set[Any]
) -> tuple[str | None, list[tuple[str, bool]], set[str], list[Any], set[Any]]:
    """The item's date (the first element that is only a date, or a <time> element's),
    its name candidates (short elements in page order), its link texts, quote elements
    and aside elements (`_aside`: a letter avatar, a signature)."""
    date = None
    names: list[tuple[str, bool]] = []  # (text, its class says "name")
    links: set[str] = set()  # the texts of links and headings
    quotes: list[Any] = []
    timed = False  # the date came from a <time> element
    asides = {el for el in item.iterdescendants() if _aside(el)}
    hidden = skip | asides
    for el in item.iterdescendants():
        if not isinstance(el.tag, str) or _in_skipped(el, item, hidden):
            continue
        tag = el.tag.lower()
        named = name_button(el)
        if tag in ("script", "style") or (tag == "button" and not named):
            continue
        if tag == "dd" and _labelled_date(el):
            continue
        if tag == "blockquote" or _QUOTE_CLASS.search(el.get("class") or ""):
            quotes.append(el)
            continue
        # (votes, Reply)
        texts = el.xpath(".//text()" if named else ".//text()[not(ancestor::button)]")
        # (not an aside's: the reputation beside the name, "Jo 88")
        t = squash(
            "".join(x for x in texts if not (asides and _in_skipped(_holder(x), el, asides)))
        )
        if t and (tag == "a" or re.fullmatch(r"h[1-6]", tag)):
            links.add(t)
        if not t or len(t) > 64:
            continue
        # (<time datetime>, GitHub's <relative-time datetime>: a date in any language)
        if is_timestamp(t) or el.get("datetime"):
            if _labelled_date(el):  # (a profile's "Joined: DATE", its label apart)
                continue
            # the first date, unless a <time> element gives the post's own; an element
            # inside the first that is the date without what is no date ("4,0 Publiée le
            # 3 avril": the stars), not its time alone ("07-15-2019, 08:23 PM")
            # — or a whole date and time beside a short form of it ("Mar 3, 2023, 10:47
            # AM" + "3/3/23")
            narrower = (
                date is not None
                and t in date
                and not timed
                and (
                    not is_timestamp(date.replace(t, " ").strip(" ,"))
                    or bool(_YEAR.search(t) and _CLOCK.search(t))
                )
            )
            # (a <time>, or what the markup calls the post's publication: "<abbr
            # class="published">", itemprop="datePublished")
            stamped = tag == "time" or bool(
                _PUBLISHED.search(f"{el.get('class', '')} {el.get('itemprop', '')}")
            )
            date = t if (stamped and not timed) or narrower else date or t
            timed = timed or stamped
        elif (place := NAME_FROM.match(t)) and _name_like(place.group("author")):
            names.append((place.group("author"), True))  # "Minh from Vietnam": a review's
        else:
            up = el.getparent()
            attrs = f"{el.get('class', '')} {up.get('class', '') if up is not None else ''}"
            profile = tag == "a" and bool(_PROFILE_LINK.search(el.get("href") or ""))
            hinted = profile or bool(_NAME_ATTR.search(attrs))
            # a name its class names may carry a place: "Visal (Long Beach)"
            placed = NAME_PLACE.match(t)
            if _name_like(t) or (hinted and placed is not None and _name_like(placed[1])):
                names.append((t, hinted))
    return date, names, links, quotes, asides


#: Parts of a post that are about its poster, not the post: an avatar (its letter is no
#: name), a signature.
_ASIDE_CLASS = re.compile(r"avatar|signature", re.IGNORECASE)
_REPUTATION = re.compile(r"rep(?:utation)?[-_]?badge", re.IGNORECASE)


def _attr(el: Any, name: str = "class") -> str:
    """An element's attribute, its class by default ("" for a comment node or none)."""
    return el.get(name) or "" if isinstance(el.tag, str) else ""


#: ARIA roles of controls: a toolbar's or a menu's labels are never the post's words.
_CONTROL_ROLES = {"toolbar", "menu", "menubar", "menuitem", "button"}


def _holder(text: Any) -> Any:
    """The element a text node of an lxml tree stands in (a tail's is its parent's)."""
    return text.getparent().getparent() if text.is_tail else text.getparent()


def _aside(el: Any) -> bool:
    """A signature (by its class or its `data-role`), the poster's reputation badge, an
    avatar that shows a letter (a box around the avatar may hold the name and date too),
    or a control its ARIA role names ("Forward", "Delete: you do not have permission...")."""
    if el.get("role") in _CONTROL_ROLES:
        return True
    if _ASIDE_CLASS.search(_attr(el, "data-role")):
        return True  # (Invision's: data-role="memberSignature")
    if _REPUTATION.search(_attr(el)):
        return True  # the poster's reputation beside the name (Invision: "Jo 88")
    m = _ASIDE_CLASS.search(_attr(el))
    return bool(m) and (m.group().lower() == "signature" or len(squash(el.text_content())) <= 2)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d\d\b")
#: Class or itemprop words of the element that holds a post's own date.
_PUBLISHED = re.compile(r"\b(?:published|datePublished|dateCreated)\b")


def _labelled_date(el: Any) -> bool:
    """A profile's date under its label ("<dt>Joined</dt><dd>Mar 2, 2016</dd>", "<span>
    Bergabung:</span><span>04-Agustus 22</span>"): when the poster joined, not when the
    post was written."""
    prev = el.getprevious()
    if prev is None or not isinstance(prev.tag, str):
        return False
    label = squash(prev.text_content())
    return (el.tag.lower() == "dd" and bool(STAMP_LABEL.match(label))) or (
        label.endswith(COLONS) and bool(PROFILE.match(label))
    )


def _name_like(t: str) -> bool:
    """A short label that could be a name ("Pierre L." too), not a button or menu item."""
    return (
        name_label(t, 4)
        and not (NAV.match(t) or BUTTONS.match(t) or FORUM.match(t) or PROFILE.match(t))
        and not (HEADER.match(t) or NOTICE.search(t) or _FURNITURE.match(t))
        and bool(re.search(r"[^\W\d_]", t))
        and not re.search(r"/|\(\d+\)", t)  # a link or a count ("Agosto (183)")
        and not _COUNTED.match(t)
        and not t.endswith((":", ","))  # (a state: "unread,")
        and not re.search(r"\bago\b|\s(?:at|on|um|am)$|[()—]", t)  # "2 days ago at"
        and ("@" not in t or bool(_HANDLE.fullmatch(t)))  # "jo@lemmy.example" is a name
        and meta_type(t) is None  # "level 2"
        and not _ends_in_date(t)  # "edited 6 years ago"
    )


def _line_of(name: str, lines: list[str]) -> int:
    """The index of the line that is `name`, else of the first that holds it (else
    past the end)."""
    whole = next((k for k, x in enumerate(lines) if x == name), None)
    held = next((k for k, x in enumerate(lines) if name in x), len(lines))
    return held if whole is None else whole


def _innermost(names: list[str]) -> list[str]:
    """The names without those made of two others ("Jo Members 1.2k": an author pane
    holding the name "Jo" and the rank "Members 1.2k")."""
    pairs = {f"{a} {b}" for a in names for b in names if a != b}
    return [n for n in names if n not in pairs] or names


def _line_head(line: str) -> tuple[str, str | None] | None:
    """The name, and the date if it gives one, of a header line: "Jo said...",
    "Posted by Jo on May 3, 2019", "Jo, May 3, 2019", "[-] jo 5 points 1 year ago"."""
    if len(words(line)) > 14:
        return None
    t, s = meta_type(line), meta_text(line)
    m = {"said": SAID, "thread_head": THREAD_HEAD}.get(t or "")
    found = m.match(s) if m is not None else None
    if t == "posted":
        head = posted_by(s)
    elif found is not None:
        groups = found.groupdict()
        author = (groups.get("author") or groups.get("author2") or "").strip()
        rest = (groups.get("rest") or groups.get("when") or groups.get("when2") or "").strip()
        head = (author, rest if rest and is_timestamp(rest) else None)
    else:
        head = name_time(s) if t == "byline" else None
    return head if head is not None and _name_like(head[0]) else None


def _intro(line: str) -> bool:
    """A quote's intro: "Jo said:", "Jo wrote:", "Jo schrieb am 18.07.2023 um 09:12:",
    "Quote Originally Posted by Jo"."""
    m = SAID.match(line)
    when = m and said_when(m)
    bare = m and not m.group("rest") and (not when or line.rstrip().endswith(":"))
    return bool(QUOTE_INTRO.match(line) or bare)


_SIGNED = re.compile(r"(?:--|_{6,})[ \t]*(?:\n|$)")  # a signature's rule, on its own line


def _role(line: str, item: Item, quote_lines: set[str], title_key: str) -> str:
    dated = bool(item.posted_at and item.posted_at in line) and (
        len(words(line)) <= 12  # "[-] jo [S] 8 points 9 points 10 points 2 years ago (0 children)"
        or (bool(item.author) and item.author in line and not re.search(r"[.!?…]$", line))
    )
    rest = line.replace(item.author, " ") if item.author and item.author in line else None
    sentence = rest is not None and rest.rstrip().endswith(".") and re.search(r"[^\W\d_]", rest)
    if dated or (rest is not None and len(words(rest)) <= 3 and not sentence):
        return "meta"  # "Jo", "Jo says:", "by Jo", "Jo, May 3, 2019", "1. Jo"
    if _intro(line) or REPLY_TO.match(line):
        return "meta"
    if line in quote_lines or line.startswith(">"):  # "> " lines: a mail-style quote
        return "quote"
    t = line_type(line)  # (thread furniture too: "Reactions: jo, kim and 4 others")
    if t == "posted":
        return "meta"  # "Posted by Jo", "BEST Jo (jo****) 신고"
    if t in ("reply", "button", "header", "notice", "level", "signature", "postnum", "badge"):
        item.reply_button = item.reply_button or t == "reply"
        return "furniture"
    if FORUM.match(line) or PROFILE.match(line) or NAV.match(line) or BUTTONS.match(line):
        return "furniture"
    if _FURNITURE.match(line) or not re.search(r"[^\W\d_]", line):
        return "furniture"
    if _is_title(line, title_key):
        return "furniture"
    return "text"


#: A poster's mention alone on its line: "@jo".
_MENTION = re.compile(r"@[\w.\-]{1,39}")


def _quotes(
    lines: list[str], quotes: list[Any], text_of: Callable[..., str], said: str = ""
) -> tuple[set[str], set[str]]:
    """The item's quoted lines, and the lines that name whom a quote cites: a quote its
    intro names ("Jo said:"), a reply's preview under the name ("Jo / text..."), or a
    blockquote that opens the text with words an earlier item said (`said`), with the
    reply outside it."""
    quote_lines: set[str] = set()
    cites: set[str] = set()  # Discourse's "jo:" over a quote: meta, not the quote
    for q in quotes:  # a quote its intro names ("Jo said:"), with the reply outside it
        mine = [x for x in text_of(q).split("\n\n") if x.strip()]
        at = lines.index(mine[0]) if mine and mine[0] in lines else 0
        reply = any(x not in mine and substantial(x) and meta_type(x) is None for x in lines)
        heads = (mine[:1] if len(mine) > 1 else []) + (lines[at - 1 : at] if at else [])
        names_ = {x for x in heads if x.endswith(":") and is_short_label(x[:-1], 3)}
        if len(mine) > 1 and (_name_like(mine[0]) or _QUOTE_LABEL.match(mine[0])):
            names_.add(mine[0])  # a reply's preview: "Jo / text…"; a quote box's "引用"
        intro = (
            (
                _intro(mine[0])
                or GLUED_WROTE.match(mine[0])
                or REPLY_TO.match(mine[0])
                or _DATED_CITE.match(mine[0])
            )
            if mine
            else False
        )
        # a <blockquote> that opens the post's text, the reply after it (GitHub, Gitea),
        # perhaps under the quoted poster's mention (Gitalk: "@jo / their words")
        mention = len(mine) > 1 and bool(_MENTION.fullmatch(mine[0]))
        if mention:
            names_.add(mine[0])
        prose_before = any(substantial(x) and meta_type(x) is None for x in lines[:at])
        leads = (
            q.tag == "blockquote"
            and bool(mine)
            and not prose_before
            and squash(mine[int(mention)]).rstrip("…. ") in said
        )
        # (HyperKitty folds a quote under "...", its intro perhaps over that)
        folded = at > 0 and lines[at - 1].strip() in FOLD_DOTS
        above = at - 2 if folded else at - 1
        introduced = folded or (above >= 0 and at > 0 and bool(_intro(lines[above])))
        if mine and reply and (intro or names_ or leads or introduced):
            quote_lines.update(x for x in mine if x not in names_)
            cites |= names_
    return quote_lines, cites


def _is_title(line: str, title_key: str) -> bool:
    """The thread's title (its `subject`) as a post's subject: "Aw: Title" under the page
    title "Thema: Title"."""
    said = subject(line)
    return bool(title_key) and (said == title_key or (len(words(line)) >= 4 and said in title_key))


def read_item(
    el: Any,
    skip: set[Any],
    title: str,
    text_of: Callable[..., str],
    said: str = "",
    undated: bool = False,
) -> Item:
    """One item's lines and their roles, its name and date (outside `skip`: replies;
    `said`: the text of the list's items before it, squashed; `undated`: of a list
    whose items show no date, the name the markup names is the poster's)."""
    date, names, links, quotes, asides = _pieces(el, skip)
    lines = [x for x in text_of(el, frozenset(skip)).split("\n\n") if x.strip()]
    quote_lines, cites = _quotes(lines, quotes, text_of, said)
    author = None
    named = _innermost([n for n, hinted in names if hinted])
    if date is not None:  # a name its class names, else the one nearest the date
        # (its parts may stand glued in the markup: "Mar 3, 2023, 10:47 AM3/3/23")
        bare = unspaced(date)
        at = next((k for k, x in enumerate(lines) if bare in unspaced(x)), len(lines))
        # (a line of its own below the date: a sign-off, "Dara", not the "Dara Seng" over it)
        before = [n for n, _ in names if _line_of(n, lines) <= at]
        author = (named or before[-1:] or [n for n, _ in names] or [None])[0]
    elif undated and named:
        author = named[0]
    if author is None or date is None:  # "Jo said...", "Posted by Jo on DATE"
        head = next((h for h in map(_line_head, lines) if h is not None), None)
        if head is not None:
            author, date = author or head[0], date or head[1]
    if date is None:  # a forum post's "« on: DATE »" line (SMF), a mail's "Date:" line
        date = next((w for w in map(date_label, lines[:6]) if w), None)
    item = Item(el, lines, [], author, date, named=named[0] if named else None)
    title_key = subject(title) if title else ""
    item.roles = [_role(x, item, quote_lines, title_key) for x in lines]
    # the poster's avatar letter and signature: about the poster, not the post
    aside = {x for a in asides for x in text_of(a).split("\n\n")}
    item.roles = ["furniture" if x in aside else r for x, r in zip(lines, item.roles, strict=True)]
    item.roles = ["meta" if x in cites else r for x, r in zip(lines, item.roles, strict=True)]
    _fields(lines, item.roles)
    for k in range(len(lines) - 2):  # the paragraph after "Jo wrote:", the reply after it
        if _intro(lines[k]) and item.roles[k + 1] == "text" and "text" in item.roles[k + 2 :]:
            item.roles[k + 1] = "quote"
    body = next(
        (
            k
            for k, r in enumerate(item.roles)
            if r == "quote"
            or (r == "text" and (substantial(lines[k]) or not is_short_label(lines[k], 4)))
        ),
        len(lines),
    )
    metas = [k for k, r in enumerate(item.roles) if r == "meta" and k < body]
    for k in range(metas[0] + 1 if metas else 0, metas[-1] if metas else 0):
        if item.roles[k] == "text" and is_short_label(lines[k], 4):
            item.roles[k] = "furniture"  # a rank or title between the name and the date
    for k in range(body + 1, len(lines)):  # a word in a row of buttons ("embed")
        near = item.roles[k - 1 : k] + item.roles[k + 1 : k + 2]
        short = len(words(lines[k])) <= 2 and not substantial(lines[k])
        if item.roles[k] == "text" and short and "furniture" in near:
            item.roles[k] = "furniture" if not re.search(r"[.!?…]$", lines[k]) else "text"
    sig = next((k for k in range(body + 1, len(lines)) if _SIGNED.match(lines[k])), None)
    for k in range(sig or len(lines), len(lines)):  # "__________" and the signature under it
        item.roles[k] = "furniture" if item.roles[k] == "text" else item.roles[k]
    for k in range(body + 1, len(lines)):  # a sign-off with the name ("MfG Cloud") is text
        dated = bool(date and date in lines[k])
        if item.roles[k] == "meta" and not dated and lines[k] != author and not _intro(lines[k]):
            item.roles[k] = "text"
    item.running = any(
        r == "text" and substantial(x) and not headline_like(x) and not any(x in k for k in links)
        for x, r in zip(lines, item.roles, strict=True)
    )
    item.headline_link = any(
        len(words(x)) >= 4
        and not re.search(r"[.!?…]$", x)
        and not _COUNTED.match(x)
        and not is_timestamp(x)
        and meta_type(x) is None  # "Share on other sites", "Reply to this comment"
        and not _is_title(x, title_key)
        for x in links
    )
    return item


def _fields(lines: list[str], roles: list[str]) -> None:
    """A reviewer's field and its value ("商品を使う人 / 自分用": for whom), and whom a
    message went to under its head ("to Sastra Politics") are furniture."""
    for k, x in enumerate(lines):
        if k and roles[k] == "text" and roles[k - 1] != "text" and RECIPIENTS.match(x):
            roles[k] = "furniture"
        if line_type(x) == "field_label" and roles[k] == "text":
            roles[k] = "furniture"
            if k + 1 < len(lines) and is_short_label(lines[k + 1], 4):
                roles[k + 1] = "furniture"


def _skipped_area(el: Any) -> bool:
    """Inside `nav`, `header`, `footer` or `aside`, or a widget (not one of comments) or
    sidebar by name."""
    for a in [el, *el.iterancestors()]:
        if not isinstance(a.tag, str):
            continue
        if a.tag.lower() in _NOT_IN:
            return True
        if a.tag.lower() == "body":
            break  # (its class names the page's layout: itch.io's "game_layout_widget")
        names = f"{a.get('id', '')} {a.get('class', '')}".split()
        # (not a comments widget: itch.io's "game_comments_widget")
        if any(_ASIDE_NAME.search(n) and not re.search(r"comment|post", n, re.I) for n in names):
            return True
    return False


def _qualifies(parent: Any, items: list[Item], beside: bool = False) -> bool:
    n = len(items)
    full = sum(i.full for i in items)
    if sum(i.headline_link for i in items) * 2 >= n:
        return False  # a related-article list: headline links with dates
    authors = [i.author for i in items if i.full]
    if n >= 3 and authors and max(map(authors.count, authors)) > max(2, 0.6 * n):
        return False  # one "name" on every item: a kicker or a category, not a poster
    if n >= 3:
        return full >= 2 and full >= 0.6 * n
    a, b = items[0], items[-1]
    if (
        n == 2
        and full == 2
        and a.lines != b.lines
        and (a.author, a.posted_at) != (b.author, b.posted_at)
    ):
        attrs = " ".join(
            f"{a.get('id', '')} {a.get('class', '')}" for a in [parent, *(i.element for i in items)]
        ).lower()
        return beside or all(i.reply_button for i in items) or bool(_TALK_ATTR.search(attrs))
    return False


#: A short label and its value on one line: "Favorite track: Pailin Blues."
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][^\W\d]*(?:\s[^\W\d]+){0,2})\s*:\s+\S.{0,80}$")


def _labelled_fields(items: list[Item]) -> None:
    """A line that opens with the same short label in half the items or more ("Favorite
    track: X."): a field of the list, not the poster's text."""

    def label(x: str) -> str | None:
        m = _LABELLED.match(x)
        return m["label"].casefold() if m else None

    counts: dict[str, int] = {}
    for i in items:
        for lab in {label(x) for x in i.lines}:
            if lab is not None:
                counts[lab] = counts.get(lab, 0) + 1
    fields = {lab for lab, c in counts.items() if 2 * c >= len(items)}
    for i in items:
        i.roles = [
            "furniture" if r == "text" and label(x) in fields else r
            for x, r in zip(i.lines, i.roles, strict=True)
        ]


def _undated_list(items: list[Item]) -> bool:
    """A list of four or more items that show no date (not even one the markup does not
    mark), each with a name its markup names (a class, a profile link), a different one
    on most, and running text: fans' notes under an album, answers under a question."""
    n = len(items)
    # (the name a line of its own: "creamy peanut butter" inside "2/3 cup creamy peanut
    # butter" names an ingredient, not a poster)
    named = [i.named for i in items if i.named in i.lines and i.running and not i.headline_link]
    return (
        n >= 4
        and not any(i.posted_at for i in items)
        and not any(  # (a date the markup did not mark: "jeu 09/01/2025 - 06:58")
            len(words(x)) <= 6 and (_starts_with_date(x) or _ends_in_date(x))
            for i in items
            for x in i.lines
        )
        and len(named) >= 0.8 * n
        and len(set(named)) >= 0.6 * n
    )


def comment_lists(tree: Any, title: str, text_of: Callable[..., str]) -> list[list[Item]]:
    """The page's comment lists found by repeated structure, outermost last-found first
    dropped: an accepted item's replies are in its list, never in one of their own.

    `text_of(element, exclude)` renders an element as lines joined by blank lines.
    """
    taken: set[Any] = set()  # elements that are items of an accepted list
    found: list[tuple[Any, list[Item]]] = []
    for p in reversed(list(tree.iter())):  # descendants before their ancestors
        if not isinstance(p.tag, str) or len(p) < 2:
            continue
        groups: dict[tuple[str, str], list[Any]] = {}
        for child in p:
            k = _key(child)
            if k is not None:
                groups.setdefault(k, []).append(child)
        groups = {k: m for k, m in groups.items() if len(m) >= 2 and _plausible(m)}
        if not groups or _skipped_area(p):
            continue
        for kept in _lists_under(p, groups, taken, title, text_of):
            mine = {i.element for i in kept}
            found = [(q, its) for q, its in found if not any(i.element in mine for i in its)]
            found.append((p, kept))
    pos = {el: n for n, el in enumerate(tree.iter())}
    found.sort(key=lambda f: pos[f[1][0].element])
    return _nest_lists(_merge_siblings(found, pos), pos)


def _nest_lists(lists: list[list[Item]], pos: dict[Any, int]) -> list[list[Item]]:
    """A list inside an item of another (a review's box of replies, in markup of its
    own) joins that list in page order, its top items answering that item."""
    out: list[list[Item]] = []
    for items in lists:
        first = items[0].element
        host = next(
            ((lst, i) for lst in out for i in lst if i.element in first.iterancestors()), None
        )
        if host is None:
            out.append(items)
            continue
        lst, up = host
        ups = {id(i): lst[i.parent].element if i.parent is not None else None for i in lst}
        for i in items:
            ups[id(i)] = items[i.parent].element if i.parent is not None else up.element
        lst[:] = sorted([*lst, *items], key=lambda i: pos[i.element])
        index = {i.element: n for n, i in enumerate(lst)}
        for i in lst:
            i.parent = index[ups[id(i)]] if ups[id(i)] is not None else None
    return out


def _lists_under(
    p: Any,
    groups: dict[tuple[str, str], list[Any]],
    taken: set[Any],
    title: str,
    text_of: Callable[..., str],
) -> list[list[Item]]:
    """The lists among one parent's groups of same-shaped children. Two items beside
    an accepted list (its reply boxes) need no more evidence than that."""
    out: list[list[Item]] = []
    left = []
    for k, members in groups.items():
        names = {c for m in members for c in (m.get("class") or "").split()}
        if _LAYOUT.match(k[1]) or any(_ASIDE_NAME.search(c) for c in names):
            continue  # a layout grid's columns or rows, embedded posts
        kept = _accept(p, k, members, taken, title, text_of)
        if kept:
            out.append(kept)
        else:
            left.append((k, members))
    for k, members in left if out else []:
        kept = _accept(p, k, members, taken, title, text_of, beside=True)
        if kept:
            out.append(kept)
    return out


def _merge_siblings(found: list[tuple[Any, list[Item]]], pos: dict[Any, int]) -> list[list[Item]]:
    """Lists of one parent made one: comments and, after each, a reply box of another
    shape (kochbar's `div.comment-replies`), whose item answers the item before it."""
    out: list[list[Item]] = []
    mine: dict[Any, list[Item]] = {}
    merged: set[Any] = set()
    for p, items in found:
        if p in mine:
            for i in items:  # parents as elements while the indices change
                i.nested = [items[i.parent].element] if i.parent is not None else []
            for i in mine[p]:
                i.nested = [mine[p][i.parent].element] if i.parent is not None else []
            mine[p] += items
            merged.add(p)
        else:
            mine[p] = list(items)
            out.append(mine[p])
    for p in merged:
        items = mine[p]
        main = {i.element for i in items if _key(i.element) == _key(items[0].element)}
        items.sort(key=lambda i: pos[i.element])
        index = {i.element: n for n, i in enumerate(items)}
        for i in items:
            prev = i.element.getprevious()
            if i.nested:
                i.parent = index[i.nested[0]]
            elif i.element not in main and prev is not None and prev in main:
                i.parent = index[prev]
            else:
                i.parent = None
            i.nested = []
    return out


def _plausible(members: list[Any]) -> bool:
    """Cheap first look: items of a comment list are neither huge nor all without a digit
    (a date has one)."""
    texts = [m.text_content() for m in members]
    return (
        sum(map(len, texts)) <= 4000 * len(texts)
        and sum(bool(re.search(r"\d", t)) for t in texts) >= 2
    )


def _accept(
    p: Any,
    k: tuple[str, str],
    members: list[Any],
    taken: set[Any],
    title: str,
    text_of: Callable[..., str],
    beside: bool = False,
) -> list[Item] | None:
    """The list of these same-shaped siblings and their same-shaped descendants
    (replies), read, if it qualifies; its items then count as taken."""
    tops = set(members)
    nested = (  # replies: the same shape further down (a class name, not only tags)
        [d for m in members for d in m.iterdescendants() if d not in tops and _key(d) == k]
        if not k[1].startswith("/")
        else []
    )
    wanted = tops | set(nested)
    every = [e for e in p.iterdescendants() if e in wanted]
    inner = set(every) | taken

    def read(undated: bool = False) -> list[Item]:
        items: list[Item] = []
        said = ""  # what the items read so far say (a later one may quote it)
        for e in every:
            skip = {d for d in inner if d is not e and e in d.iterancestors()}
            items.append(read_item(e, skip, title, text_of, said, undated))
            said += " " + squash(" ".join(items[-1].lines))
        return items

    items = read()
    if not _qualifies(p, items, beside):
        if not _undated_list(items):
            return None
        items = read(undated=True)
        _labelled_fields(items)
    index = {i.element: n for n, i in enumerate(items)}
    for i in items:
        i.parent = next((index[a] for a in i.element.iterancestors() if a in index), None)
    taken.update(every)
    return items


def talk_outside_lists(text: str, page: list[str]) -> bool:
    """On a page whose comment lists the markup shows, is a comment the text rules find
    elsewhere real: a sentence (not a headline, menu or list of links), and neither
    the title nor an article paragraph in it?"""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    known = {squash(x) for x in page if x}
    return not any(squash(x) in known for x in lines) and any(
        (re.search(r"[.!?…]$", x) or len(words(x)) >= 10)
        and not (headline_like(x) or NAV.match(x) or re.search(r"[·|•]", x))
        and not _ends_in_date(x)
        for x in lines
    )


def _starts_with_date(s: str) -> bool:
    """A line led by a date and time: "2023-09-18 16:40 IP: Jiangsu 402 Reply"."""
    w = s.split()
    return any(is_timestamp(" ".join(w[:k])) for k in range(min(5, len(w)), 0, -1))


def _ends_in_date(s: str) -> bool:
    """A list entry's line: "Bus from Kratie to the border Dec 3, 2021"."""
    w = s.split()
    return any(is_timestamp(" ".join(w[-k:])) for k in range(1, min(5, len(w)) + 1))
