"""The comment section of a plain-text page: read line by line into comments.

`text.py` finds where the section starts; here its lines, typed by `lines.meta_type`,
become comments: a name, "X said", byline, mail header or thread head opens one; dates
lead or trail; buttons, headers and notices end one; "> " lines and the paragraph after
"Jo wrote:" are the quoted parent, not the text; "level N", "Replying to Jo" and a
Disqus reply's second name give the comment it answers (`parent`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from stance.split.forumwords import verbs
from stance.split.heads import (
    LOGGED,
    OPENERS,
    RANK_STARS,
    after_profile,
    avatar_over,
    dated_labels,
    is_author,
    menu_run,
    past_menu,
    placed_over_time,
    profile_under,
    skip_bullets,
    talkback_title,
)
from stance.split.lines import (
    BACKLINK,
    BY_NAME_DATE,
    CAPTION,
    EXPERTISE,
    FROM,
    LEVEL,
    LINK_NUMBER,
    NAME_FROM,
    NAME_PLACE,
    PROFILE,
    READ_TIME,
    REPLY_CONTEXT,
    SAID,
    SHOP_ANSWER,
    answered_in_head,
    date_label,
    handle_of,
    headline_like,
    is_short_label,
    is_timestamp,
    mail_author,
    meta_text,
    name_label,
    name_time,
    nav_like,
    no_letters,
    post_number,
    posted_by,
    reply_author,
    said_when,
    signed_tail,
    subject,
    substantial,
    thread_head,
    unplaced,
    words,
)
from stance.split.replies import (
    latest_by,
    nesting_by_count,
    nesting_by_indent,
    parents_by_address,
    quoted_first_line,
    quotes_below,
)
from stance.split.shapes import prose_line
from stance.split.threadlines import FOOTER, POST_COUNT, menu_line


@dataclass
class Unit:
    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    s: str  # cleaned content
    raw: str = ""  # the unit's text as in the input
    kind: str = "editorial"
    comment: int | None = None
    head: tuple | None = None  # a "shape" header's (author, date, place): `shapes.head_fields`
    indent: int = 0  # its indentation from the page's margin (nesting, where a dump shows it)
    follows: bool = False  # a text's line right under the one before, no blank line between


def _stamp(u: Unit) -> str:
    """A timestamp as the page shows it (list numbers kept only if they are the day)."""
    labelled = date_label(u.s)
    if labelled:
        return labelled
    # (a unit joined from a date's lines, `text._join_split_dates`, on one line)
    raw = LINK_NUMBER.sub("", re.sub(r"\s*\n\s*", " ", u.raw.strip()))  # (lynx: "[58]DATE")
    raw = EXPERTISE.sub("", raw)
    raw = meta_text(re.sub(r"^[^\w(]+", "", raw))
    # (a list's number: "2. 09-03-2017, ...", "13. Today, 08:05 AM"; not a day, "12. März")
    raw = re.sub(r"^\d{1,3}\.\s+(?=\d|(?:today|yesterday)\b)", "", raw, flags=re.IGNORECASE)
    return unplaced(raw) if is_timestamp(raw) else meta_text(u.s)


# ---- the comment section -----------------------------------------------------------------


@dataclass
class Draft:
    ordinal: int
    author: str | None = None
    posted_at: str | None = None
    location: str | None = None
    body: list[Unit] = field(default_factory=list)
    closed: bool = False
    quoted: list[str] = field(default_factory=list)
    parent: int | None = None  # the ordinal of the draft it answers
    depth: int | None = None
    gaps: bool = False  # lines that are not its text lie between its text's lines
    indent: int | None = None  # the indentation of its first line
    #: its page shows no date by nature: a talk page's unsigned note, a shop's answer
    undated: bool = False


def _time_leads(units: list[Unit], types: list[str | None], start: int) -> bool:
    """Do timestamps open a comment (WordPress: name, date, text; a forum post's date
    after the previous post's buttons) or close it (RFA, Blogger)? Counted on what
    precedes them; a tie goes the way of the first comment."""
    lead = trail = 0
    first_leads: bool | None = None
    # does a name come before the first date (the comments open with their names)?
    heads = (t for t in types[start:] if t in ("time", "author"))
    name_first = next(heads, None) == "author"
    # (the section opens with a name over its date, a Usenet archive's: no text is
    # signed by the heads that follow)
    named_first = types[start] == "author" and types[start + 1 : start + 2] == ["time"]
    for i in range(start + 1, len(types)):
        if types[i] == "time":
            j = i - 1
            # (Disqus: "Jo / • / 5 years ago"; a rule between two posts, vBulletin's)
            while j > start and types[j] in ("bullet", "badge", "signature"):
                j -= 1
            if _prose_at(units, types, k := _past_count(units, types, j)):
                j = k  # Ekşi Sözlük: "text / 34 / DATE", the entry's count between
            p = types[j]
            # (Pantip: "text / likes / name / DATE / Reply": a name and date after the text,
            # its buttons after them, sign it)
            # (not a message's menu under its date: "Reply to author / Forward / ...")
            signs = (
                p == "author"
                and not named_first  # (the section opens with this head: it leads)
                and types[i + 1 : i + 2] in (["reply"], ["button"])
                and menu_run(types, i + 1) < 3
            )
            # (Thanh Niên: "text / Like / Reply / DATE / next name": the date under the
            # buttons, a name after it, closes the comment)
            shut = name_first and p in ("reply", "button") and types[i + 1 : i + 2] == ["author"]
            signs = signs or shut
            leads = (p in OPENERS or p in ("reply", "button", "header", "postnum")) and not signs
            # prose, the time, a name, prose: either the time closes the text above it
            # (signed under it) or opens the text below it; it counts for neither
            between = types[i + 1 : i + 2] == ["author"] and _prose_at(units, types, i + 2)
            closes = p is None and not between
            lead += leads
            trail += closes or signs
            if first_leads is None and (leads or closes):
                first_leads = leads
    if lead == trail == 0:  # one comment: a date, then its author's name, opens it
        return types[start] == "time" and types[min(start + 1, len(types) - 1)] == "author"
    return lead > trail or (lead == trail and bool(first_leads))


def _posted_trails(units: list[Unit], types: list[str | None], start: int) -> bool:
    """Do "Posted by" lines close comments (Typepad: text, then "Posted by: Jo | DATE")
    rather than open them? Counted on the line before each, unless the run's ends tell:
    no sentence over the first and prose under the last, they open them (Exblog)."""
    lead = trail = 0
    for i in range(start + 1, len(types)):
        if types[i] == "posted":
            lead += types[i - 1] in OPENERS or types[i - 1] in ("reply", "button", "header")
            trail += types[i - 1] is None
    # (where each line has prose on both sides, the ends tell: no prose over the first and
    # prose under the last, they open comments: "Commented by Jo at DATE" on Exblog)
    posted = [i for i in range(start, len(types)) if types[i] == "posted"]
    if posted and (posted[0] == 0 or not _SENTENCE_END.search(units[posted[0] - 1].s)):
        last = posted[-1]
        if last + 1 < len(types) and types[last + 1] is None and prose_line(units[last + 1].s):
            return False
    return trail > lead


def _names_trail(units: list[Unit], types: list[str | None], start: int) -> bool:
    """Do names stand under dates, with prose over the date and after the name (three times
    or more, and more often than names over dates): "text / 34 / DATE / name / text", each
    entry signed after its date (Ekşi Sözlük)?"""
    after = 0
    for j in range(start + 2, len(types) - 1):
        if types[j - 1] == "time" and types[j] == "author" and _prose_at(units, types, j + 1):
            after += _prose_at(units, types, _past_count(units, types, j - 2))
    over = sum(
        types[j] == "author" and types[j + 1] == "time" for j in range(start, len(types) - 1)
    )
    return after >= 3 and after > over


def _past_count(units: list[Unit], types: list[str | None], j: int) -> int:
    """Line `j`, or the line above it when `j` is only a count ("34": an entry's likes)."""
    return j - 1 if types[j] == "button" and units[j].s.isdigit() else j


def _prose_at(units: list[Unit], types: list[str | None], j: int) -> bool:
    """Is line `j` untyped prose?"""
    return j >= 0 and types[j] is None and substantial(units[j].s)


def _read_header(d: Draft, t: str, ms: str) -> None:
    """Fill a comment's author, date or place from its "X said", "Posted by" or "from"
    line (`ms`, without trailing buttons)."""
    if t == "said":
        m = SAID.match(ms)
        assert m is not None
        place = NAME_PLACE.match(m.group("author"))  # "Chenda (Kampong Cham) replied at 09:14:"
        d.author = d.author or (place.group(1) if place else m.group("author").strip())
        d.location = d.location or (place.group(2) if place else None)
        when = m.group("rest") or said_when(m)
        if when:
            d.posted_at = when.strip()
    elif t == "posted":
        head = posted_by(ms)
        assert head is not None
        d.author = d.author or head[0] or None  # (FC2: a private comment names nobody)
        d.posted_at = head[1] or d.posted_at
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

    drafts: list[Draft]
    time_leads: bool
    has_openers: bool
    cur: Draft | None = None
    #: The lines before the section (a forum post repeating the thread's title first).
    page_lines: frozenset[str] = frozenset()
    #: Every comment opens with a thread head or mail header (old Reddit, Lemmy, a list
    #: archive): prose after a finished comment is page furniture, not a comment.
    in_thread: bool = False
    depth: int | None = None  # the nesting the next comment has ("level 2")
    quoting: bool = False  # the next paragraph is a quoted parent ("Jo wrote:")
    quote_tail: Unit | None = None  # that paragraph's latest line (a text dump wraps it)
    #: The comments whose words the next lines quote unmarked, while they are theirs
    #: ("Post by Jo"): each one's ordinal and its text on one line
    unmarked: list[tuple[int, str]] = field(default_factory=list)
    # a bare "In reply to" over the name answered (Coral): the name, then the reply's text
    names_answered: bool = False
    signed: bool = False  # a signature ("--", "______") runs until the next comment opens
    talk: bool = False  # a talk page: every comment ends in its signature ("Jo (talk) ...")
    posted_trails: bool = False  # "Posted by: Jo | DATE" closes a comment (Typepad)
    advert: bool = False  # an advert's label came last: its text is none of a comment's
    buttoned: bool = False  # the line before was a comment's button ("Top", "Reply")
    names_trail: bool = False  # a name under a closing date signs that comment (Ekşi)
    dated: Draft | None = None  # the comment the line before closed with its date
    #: An imageboard's post numbers: the comment each opens.
    numbers: dict[str, int] = field(default_factory=dict)
    #: A talkback's title between its number and its name ("3. / Title / Jo / DATE"),
    #: waiting for the name; then each comment's title, put before its text at the end.
    title: Unit | None = None
    titles: dict[int, Unit] = field(default_factory=dict)

    def new(self) -> Draft:
        self.cur = Draft(len(self.drafts) + 1, depth=self.depth)
        if self.depth is not None and self.depth > 1:
            self.cur.parent = next(
                (d.ordinal for d in reversed(self.drafts) if d.depth == self.depth - 1), None
            )
        self.depth = None
        self.signed = False
        self.unmarked = []
        self.drafts.append(self.cur)
        return self.cur

    def _by(self, name: str) -> int | None:
        """The latest earlier comment by `name`."""
        return latest_by(self.drafts, name, skip=self.cur)

    def thread(self, u: Unit, t: str) -> None:
        """Thread structure: nesting, the answered comment, quotes, a signature."""
        cur = self.cur
        if t == "level":
            u.kind = "boilerplate"
            self.depth = int(LEVEL.match(u.s).group("depth"))  # type: ignore[union-attr]
            if cur is not None:
                cur.closed = True
            return
        if t == "signature":
            u.kind = "boilerplate"
            self.signed = True
            if cur is not None and cur.body:  # (not a rule between a head and its text)
                cur.closed = True
            return
        if t == "quote_end":  # "Click to expand...": what came since "Jo said:" is the quote
            u.kind = "boilerplate"
            if cur is not None and cur.quoted and cur.body:
                cur.quoted += [v.raw.strip() for v in cur.body]
                for v in cur.body:
                    v.kind = "comment_meta"
                cur.body = []
            return
        if t == "reply_context":
            self._reply_context(u)
            return
        if t == "backlink":  # ">>4812093": the post answered, by its number
            u.kind = "comment_meta"
            if cur is not None and not cur.closed:
                u.comment = cur.ordinal
                number = BACKLINK.match(u.raw.strip()).group("number")  # type: ignore[union-attr]
                cur.parent = cur.parent or self.numbers.get(number)
            return
        if cur is None or cur.closed or (t == "quote_intro" and cur.body):
            cur = self.new()
        u.kind, u.comment = "comment_meta", cur.ordinal
        if t == "reply_to":
            cur.parent = self._by(reply_author(u.s) or "") or cur.parent
        elif t == "quote":
            if self.numbers and not self._in_parent(u.s):
                u.kind, u.comment = "comment", cur.ordinal  # an imageboard's greentext
                cur.body.append(u)
                return
            self.quoting = False  # the quote came as "> " lines
            cur.quoted.append(re.sub(r"^\s*(?:>\s?)+", "", u.raw).rstrip())
        else:  # "quote_intro": the next paragraph is the quote, by the one named
            self.quoting = True
            self.names_answered = bool(_BARE_REPLY.fullmatch(u.s))
            line = u.s.casefold()
            cur.parent = cur.parent or next(
                (
                    d.ordinal
                    for d in reversed(self.drafts)
                    if d is not cur and d.author and d.author.casefold() in line
                ),
                None,
            )

    def _reply_context(self, u: Unit) -> None:
        """The message answered ("Replying to @jo: TEXT" over the reply's head, "Commented
        on Jo's message: TEXT" under it): the reply's parent and quote."""
        to = REPLY_CONTEXT.match(u.s)
        assert to is not None
        cur = self.cur
        if cur is None or cur.closed or cur.body or cur.author is None:
            cur = self.new()
        u.kind, u.comment = "comment_meta", cur.ordinal
        who, quote = (
            to.group("author") or to.group("name") or to.group("author2"),
            to.group("quote") or to.group("quote2") or to.group("quote3"),
        )
        cur.parent, cur.quoted = (self._by(who) if who else None), [quote]
        self.quote_tail = u  # (its next lines, where a text dump wrapped it: `_wraps`)

    def _in_parent(self, s: str) -> bool:
        """Is `s` in the text of the comment the current one answers (True when that
        comment is not known)?"""
        up = self.cur.parent if self.cur is not None else None
        return up is None or s in " ".join(v.s for v in self.drafts[up - 1].body)

    def _new_if(self, u: Unit, taken: bool) -> Draft:
        """The current comment, or a new one from `u` on when the field `u` fills is
        `taken` (a second name or date line starts the next comment)."""
        assert self.cur is not None
        if taken:
            u.comment = self.new().ordinal
        return self.cur

    def meta(self, u: Unit, t: str) -> None:
        """A line opening a comment: name, "X said", byline, "from", leading date."""
        # (or a "Post by Jo" line over Jo's words, quoted)
        if self._signs_text(u, t) or (t == "posted" and self._quote_by(u)):
            return
        self.advert = False
        cur = self.cur
        if cur is None or cur.body or cur.closed:
            cur = self.new()
        u.kind, u.comment = "comment_meta", cur.ordinal
        ms = meta_text(u.s)
        if t in ("said", "posted", "from"):
            self._header(cur, t, ms)
        elif t == "mail":
            self._mail(u, cur, ms)
        elif t == "thread_head":
            head = thread_head(ms) or thread_head(u.s)
            assert head is not None
            cur = self._new_if(u, cur.author is not None)
            cur.author, cur.posted_at = _FLAG.sub("", head[0]), head[1]
            number = post_number(ms) or post_number(u.s)
            if number is not None:
                self.numbers[number] = cur.ordinal
            if head[2]:  # Hacker News: "| parent |", the comment before it
                cur.parent = cur.parent or self._last_with_text()
        elif t == "byline":
            nt = name_time(ms)
            assert nt is not None
            if BY_NAME_DATE.match(ms) and cur.author and not cur.body and cur.posted_at is None:
                # "by Jo » DATE" names its post: the name above it (a profile box's, after
                # the last post's text) is no place, and not this post's author
                cur.author, cur.posted_at = nt
            elif not self._quote_head(u, cur, nt):
                self._name_and_date(u, cur, nt[0], nt[1], None)
                self._answered_by_name(answered_in_head(u.s))
        elif t == "author":
            self._name(u, cur)
        elif t == "poster":  # a name over a profile box names the post, whatever came first
            cur.author = u.s
        elif t == "shape" and u.head is not None:
            self._name_and_date(u, cur, *u.head)
        elif t == "time":  # a leading timestamp
            self._new_if(u, cur.posted_at is not None).posted_at = _stamp(u)
        # "said_bare": the name came on the line before

    def _quote_by(self, u: Unit) -> bool:
        """Is this "Post by Jo" line, without a date, under a head that gave its name and
        date, the line over Jo's words it quotes unmarked (a Usenet archive's)? The lines
        that follow are then quoted while they are Jo's words (`_quotes_unmarked`)."""
        cur = self.cur
        if cur is None or cur.closed or not (cur.author and cur.posted_at):
            return False
        if cur.body and not cur.quoted:  # (a reply may answer quote by quote)
            return False
        head = posted_by(meta_text(u.s))
        if head is None or head[1] is not None or not head[0]:
            return False
        key = head[0].casefold()
        theirs = [d for d in self.drafts if d is not cur and (d.author or "").casefold() == key]
        if not theirs:
            return False
        # (a quote's own quote: "Post by Jo / Post by Kim")
        self.unmarked += [(d.ordinal, " ".join(v.s for v in d.body)) for d in theirs]
        u.kind, u.comment = "comment_meta", cur.ordinal
        return True

    def _quotes_unmarked(self, u: Unit) -> bool:
        """Is `u` a line of the words "Post by Jo" quotes (`_quote_by`): wherever it was
        wrapped, a run of whole words of one of Jo's comments? The latest comment that
        holds the first such line is the one answered; the quote ends at the first line
        that is no such run."""
        pattern = re.compile(rf"(?<!\w){re.escape(' '.join(u.s.split()))}(?!\w)")
        said = [ordinal for ordinal, text in self.unmarked if pattern.search(text)]
        if u.s and said:
            assert self.cur is not None
            self.cur.parent = self.cur.parent or said[-1]
            return True
        self.unmarked = []
        return False

    def _mail(self, u: Unit, cur: Draft, ms: str) -> None:
        """A mail's "From:" line: its sender, and the date its headers gave first
        (`text._dates_over_senders`)."""
        cur = self._new_if(u, cur.author is not None)
        cur.author = mail_author(ms)
        if u.head is not None:
            cur.posted_at = u.head[1]

    def _header(self, cur: Draft, t: str, ms: str) -> None:
        """An "X said", "Posted by" or "from" line: its fields, and the comment answered
        ("Jo replied to Kim on DATE"; a shop's answer answers the review above it)."""
        _read_header(cur, t, ms)
        said = SAID.match(ms) if t == "said" else None
        if said and said["to"]:
            cur.parent = self._by(said["to"]) or cur.parent
        elif t == "posted" and SHOP_ANSWER.match(ms):  # no date by nature
            cur.undated = True
            cur.parent = cur.parent or self._last_with_text()

    def _name_and_date(self, u: Unit, cur: Draft, name: str, when: str, place: str | None) -> None:
        """A head line's name and date (a byline, a repeated header shape)."""
        if no_letters(name):  # "#3 · 12 Mar 2024": the post's number, not a name
            self._new_if(u, cur.posted_at is not None).posted_at = when
        elif cur.author and not cur.body and cur.posted_at is None and not cur.quoted:
            cur.location, cur.posted_at = name, when  # under the name: "Jo / Bengaluru DATE"
        else:
            cur = self._new_if(u, cur.author is not None)
            cur.author, cur.posted_at, cur.location = name, when, place or cur.location
            self._answered_in_name(cur)

    def _quote_head(self, u: Unit, cur: Draft, head: tuple[str, str]) -> bool:
        """Under a message's head, the name and time of an earlier message (Skype: "Jo,
        7:05 AM" over the lines it quotes): that message is the parent, and quoted."""
        if not cur.author or cur.body or cur.quoted:
            return False
        up = next(
            (d for d in reversed(self.drafts) if (d.author, d.posted_at) == head and d is not cur),
            None,
        )
        if up is None:
            return False
        cur.parent, self.quoting = up.ordinal, True
        u.kind, u.comment = "comment_meta", cur.ordinal
        return True

    def _name(self, u: Unit, cur: Draft) -> None:
        """A name line: it opens a comment (with the talkback title waiting for it)."""
        # a greeting under a full head ("បងប្អូនទាំងអស់គ្នា", "Hi all") is the text's
        if cur.author and cur.posted_at and not cur.body and u.raw.strip() == u.s:
            u.kind = "comment"
            cur.body.append(u)
            return
        cur = self._new_if(u, cur.author is not None)
        cur.author, place = _name_place(u.s)
        cur.location = cur.location or place
        if self.title is not None:
            self.titles[cur.ordinal], self.title = self.title, None

    def _signs_text(self, u: Unit, t: str) -> bool:
        """Does this "Posted by" line (Typepad), name before a closing date ("text /
        likes / name / DATE": Pantip), or its poster's byline, name or date the comment
        whose text came before it? It then does, and opens none."""
        if t == "posted" and self.posted_trails:
            self.trailing_posted(u)
            return True
        cur = self.cur
        nt = name_time(meta_text(u.s)) if t == "byline" else None
        # its poster's name and the date under a post's text (XenForo 1: "text / Jo, Sep
        # 12, 2017 Report / #1 Like Quote Reply"): the date the head left out
        if nt is not None and cur is not None and (owner := self._footed(cur, nt[0])):
            u.kind, u.comment = "comment_meta", owner.ordinal
            owner.posted_at, owner.closed, cur.closed = nt[1], True, True
            return True
        if t != "author" or self.time_leads or cur is None or not cur.body:
            return False
        if cur.author or cur.posted_at is not None:
            return False
        u.kind, u.comment = "comment_meta", cur.ordinal
        cur.author = u.s
        return True

    def _footer(self, cur: Draft, name: str) -> bool:
        """Does a footer byline by `name` date the current post: by that name, with text
        and not yet dated (an edit note may have closed it)?"""
        return bool(cur.body) and cur.author == name and cur.posted_at is None

    def _footed(self, cur: Draft, name: str) -> Draft | None:
        """The post a footer byline by `name` dates: the current one, or the one before
        it when the current one is its nameless signature after an edit note ("text /
        Last edited: DATE / signature / Jo, DATE #5": `drop_signatures` takes it out)."""
        if self._footer(cur, name):
            return cur
        before = self.drafts[-2] if len(self.drafts) >= 2 else None
        if cur.author is None and cur.body and before is not None and before.closed:
            return before if self._footer(before, name) else None
        return None

    def _last_with_text(self) -> int | None:
        """The latest comment with text before the current one."""
        return next(
            (d.ordinal for d in reversed(self.drafts) if d is not self.cur and d.body), None
        )

    def _answered_by_name(self, name: str | None) -> None:
        """ "Antwort auf Kim" in the head: the latest comment of Kim's is the parent."""
        if name is not None and self.cur is not None and self.cur.parent is None:
            self.cur.parent = self._by(name)

    def _answered_in_name(self, cur: Draft) -> None:
        """Disqus: "Samnang K. Vanna_Crown_fan • 2 years ago", the author then the name
        of an earlier commenter, the one answered."""
        name = cur.author or ""
        for d in reversed(self.drafts):
            if d is not cur and d.author and name.casefold().endswith(" " + d.author.casefold()):
                cur.author = name[: -len(d.author)].strip()
                cur.parent = cur.parent or d.ordinal
                return

    def trailing_time(self, u: Unit) -> None:
        """A date after a comment's text: its date, and the comment ends if it has text."""
        cur = self.cur
        if cur is not None and cur.posted_at is None:
            u.kind, u.comment = "comment_meta", cur.ordinal
            cur.posted_at = _stamp(u)
            # tags between the text and its date (Hatena: "政治", "カンボジア"): no text
            while (
                len(cur.body) >= 2 and _TAG.match(cur.body[-1].s) and not _TAG.match(cur.body[0].s)
            ):
                cur.body.pop().kind = "boilerplate"
            cur.closed = cur.closed or bool(cur.body)  # a removed comment's date ends it
            self.dated = cur
        else:
            u.kind = "boilerplate"

    def signs_above(self, u: Unit, t: str | None) -> bool:
        """Is `u` a name right under the date that closed the comment above, where names
        sign their entries after the date ("text / DATE / name")? It then names it."""
        dated = self.dated
        if not self.names_trail or dated is None or dated.author:
            return False
        if t not in (None, "author", "bullet") or not name_label(u.s, 4):
            return False
        u.kind, u.comment = "comment_meta", dated.ordinal
        dated.author = u.s
        return True

    def trailing_posted(self, u: Unit) -> None:
        """A "Posted by: Jo | DATE" line after a comment's text: its name and date, and
        the comment ends."""
        cur = self.cur
        if cur is None or not cur.body or cur.closed or cur.author:
            u.kind = "boilerplate"
            return
        u.kind, u.comment = "comment_meta", cur.ordinal
        _read_header(cur, "posted", meta_text(u.s))
        cur.closed = True

    def signature(self, u: Unit) -> None:
        """A talk page's signature after a comment's text: its name and date, and the
        comment ends."""
        cur, signed = self.cur, signed_tail(u.s)
        if cur is None or not cur.body or cur.closed or cur.author or signed is None:
            u.kind = "boilerplate"
            return
        u.kind, u.comment = "comment_meta", cur.ordinal
        cur.author, cur.posted_at = signed[0], signed[1]
        cur.closed, cur.undated = True, signed[1] is None

    def furniture(self, u: Unit, t: str) -> None:
        """Buttons, headers and notices: boilerplate; they end the comment before them
        (a button only once the comment has text)."""
        u.kind = "boilerplate"
        # (an advert after a dated comment, where heads open comments, or right after a
        # comment's buttons: where dates close them, what follows is the next comment's
        # text)
        self.advert = self.advert or (t == "ad" and (self.time_leads or self.buttoned))
        cur = self.cur
        self.buttoned = t in ("reply", "button") and cur is not None and bool(cur.body)
        if cur is not None:
            if t in ("reply", "button"):
                u.comment = cur.ordinal
            if t in ("reply", "button") and re.search(
                r"\b(?:parent|padre)\b(?!\s*:)", u.s, re.IGNORECASE
            ):
                # old Reddit: a reply's buttons link its "parent" ("padre"), the one before it
                cur.parent = cur.parent or self._last_with_text()
            # (a "Reply" button under a head ends the comment only once it has text, a
            # quote or a talkback's title)
            said = cur.body or cur.quoted or cur.ordinal in self.titles
            if said or t not in ("button", "postnum", "reply"):
                cur.closed = True

    def _open(self) -> bool:
        """Is there a current comment that is not closed?"""
        return self.cur is not None and not self.cur.closed

    def _not_text(self, u: Unit) -> bool:
        """A quoted parent after "Jo wrote:", the answered comment's author before the
        text (Disqus: "Channa / Vuthy"), or the comment's own name after it (a forum
        post's profile box): meta, not the comment's text."""
        cur = self.cur
        named = _NAMED_QUOTE.match(u.s)
        if named and (cur is None or cur.closed or not cur.body):
            open_ = self._open()
            name = named["name"] or named["name2"]
            up = latest_by(self.drafts, name, skip=cur if open_ else None)
            if up is not None:  # Typepad: 'Jo: "what Jo wrote"' opens a reply to Jo
                cur = cur if open_ and cur is not None else self.new()
                cur.parent, cur.quoted = up, [named["quote"] or named["quote2"]]
                u.kind, u.comment = "comment_meta", cur.ordinal
                return True
        if cur is None or cur.closed:
            return False
        if self.unmarked and self._quotes_unmarked(u):
            self.quoting = False  # (the quote "On DATE, Jo wrote:" opened: these lines)
            cur.quoted.append(u.raw.strip())
            u.kind, u.comment = "comment_meta", cur.ordinal
            return True
        if self.quoting and name_label(u.s, 4) and (quoted := self._by(u.s)) is not None:
            cur.parent = quoted  # "In reply to / Jo / Jo's words": the one quoted
            u.kind, u.comment = "comment_meta", cur.ordinal
            self.quoting = not self.names_answered  # (Coral: no words of Jo's under it)
            return True
        if self.quoting or self.quote_tail is not None:
            self.quoting = False
            self.quote_tail = u
            cur.quoted.append(u.raw.strip())
            u.kind, u.comment = "comment_meta", cur.ordinal
            return True
        cited = _CITED.match(u.s)
        if cited and cur.body and not cur.quoted and (up := self._by(cited["name"])):
            cur.parent, cur.quoted = up, [cited["quote"]]  # WeChat: the quote under the reply
            u.kind, u.comment = "comment_meta", cur.ordinal
            return True
        short = is_short_label(u.s, 4)
        if not cur.body and self._title_again(u.s):
            u.kind = "boilerplate"  # the thread's title, repeated as the post's subject
            return True
        if short and not cur.body and cur.author and (up := self._by(_name_place(u.s)[0])):
            cur.parent = up
            u.kind, u.comment = "comment_meta", cur.ordinal
            return True
        if self._repeats_parent(cur, u.s):
            self.quote_tail = u  # (its next lines, where a text dump wrapped it: `_wraps`)
            cur.quoted.append(u.raw.strip())  # NetEase: the answered post, then the reply
            u.kind, u.comment = "comment_meta", cur.ordinal
            return True
        if short and cur.body and cur.author and u.s.casefold() == cur.author.casefold():
            u.kind = "boilerplate"
            return True
        return False

    def _repeats_parent(self, cur: Draft, s: str) -> bool:
        """Is `s`, first under a named reply's head, a line of the comment it answers? A
        reply that names none quotes an earlier comment's whole line (LIHKG): that one
        is the parent."""
        if cur.body or not cur.author or (cur.quoted and cur.parent is None):
            return False
        # (or a sentence of five words or more from one of them, perhaps in quotation
        # marks: "„Mehr Hebel gibt es realistisch nicht“")
        quote = _IN_QUOTES.fullmatch(s)
        s = quote[1] if quote else s
        part = len(words(s)) >= 5 and len(s) >= 25
        if cur.parent is None:
            earlier = (d for d in reversed(self.drafts) if d is not cur)
            up = next(
                (d for d in earlier if any(v.s == s or (part and s in v.s) for v in d.body)), None
            )
            if up is None or not substantial(s):
                return False
            cur.parent = up.ordinal
            return True
        said = self.drafts[cur.parent - 1].body
        if cur.quoted:  # the quote goes on while its lines are the parent's
            return any(v.s == s for v in said)
        if quote and part and any(s in v.s for v in said):
            return True
        # (a chat's reply preview cuts the line: "The first words of it, cut…")
        cut = re.sub(r"(?:\.{3}|\u2026)$", "", s)
        return any(v.s == s or (cut != s and len(cut) >= 20 and v.s.startswith(cut)) for v in said)

    def _title_again(self, s: str) -> bool:
        """The thread's title repeated as a post's subject, perhaps after a post icon's
        word ("Default Kem Sokha verdict"); a line of 25 words or fewer."""
        if len(words(s)) > 25:
            return False
        parts = s.split(None, 1)
        rest = parts[1] if len(parts) == 2 and len(words(parts[1])) >= 2 else ""
        return subject(s) in self.page_lines or (bool(rest) and subject(rest) in self.page_lines)

    def prose(self, u: Unit) -> None:
        """Text: the current comment's, or a new comment's unless it reads as furniture."""
        if self._not_text(u):
            return
        cur = self.cur
        signed = self.signed and cur is not None and cur.closed
        menu = menu_line(u.s) or menu_line(u.raw.strip())  # ("« Title": the cleaned line lost «)
        if menu or FOOTER.search(u.s) or signed or (self.advert and not self._open()):
            u.kind = "boilerplate"  # a row of links; a signature's lines; an advert's
            return
        if cur is None or cur.closed:
            if (
                nav_like(u.s)
                or CAPTION.search(u.s)
                or (
                    self.has_openers
                    and not self.names_trail
                    and not self.posted_trails
                    and not substantial(u.s)
                    and cur
                )
                or (self.in_thread and cur is not None)
                or (self.talk and not substantial(u.s))  # a talk page's topic heading
            ):
                u.kind = "boilerplate"
                return
            cur = self.new()
        u.kind, u.comment = "comment", cur.ordinal
        cur.body.append(u)


#: A tag under a comment: one short word, no sentence mark ("政治", "Politics").
_TAG = re.compile(r"^[^\s.!?,:\u3002\uff01\uff1f\uff0c\uff1a]{1,12}$")

#: WeChat's quote under a reply: "[引用] Jo: their words" (引用: quoting).
_CITED = re.compile(r"^\[\u5f15\u7528\]\s*(?P<name>[^:\uff1a]{1,40})[:\uff1a]\s*(?P<quote>\S.*)$")

#: A reply's first line quoting an earlier poster by name: 'Jo Lim: "their words"', a
#: Chinese portal's "Jo [广东深圳]" and a full-width colon before the words (the poster's
#: place in brackets).
_NAMED_QUOTE = re.compile(
    r"^(?P<name>[^:\"\u201c]{1,40}):\s*[\"\u201c](?P<quote>[^\"\u201d]{3,400})[\"\u201d]$"
    r"|^(?P<name2>[^\s\[\]]{1,30})\s?\[[\u4e00-\u9fff]{2,10}\][:\uff1a]\s*(?P<quote2>\S.{2,400})$"
)

#: A name and the place beside it: "Jo [Phnom Penh]", "天涯孤客 [广西南宁市网友]".
_BRACKET_PLACE = re.compile(
    r"^(?P<name>[^\[\]]+?)\s*\[(?![A-Z]{1,4}\])(?P<place>[^\[\]\d]{2,30})\]$"
)


#: A poster's level glued to the name on Chinese comment widgets: "JoLv.5".
_LEVEL_BADGE = re.compile(r"(?<=\S)\s?Lv\.\s?\d{1,3}$")


def _name_place(s: str) -> tuple[str, str | None]:
    """A name line's name (past its comment's number: "4 - Jo", Hespress) and the place
    in brackets after it, if any."""
    s = re.sub(r"^\d{1,4}\s*[-\u2013.]\s+(?=\S)", "", s)
    s = _LEVEL_BADGE.sub("", s)  # "阿明Ah MengLv.5": the poster's level, glued on
    m = _BRACKET_PLACE.match(s)
    # (a user name before the full name: the user's, whom quotes name, "jo:")
    return (m["name"], m["place"]) if m else (handle_of(s) or s, None)


#: Reddit's flags after a name: the submitter, a moderator, an admin.
_FLAG = re.compile(r"\[(?:S|M|A|OP)\]$")

_THREAD_META = (
    "backlink",
    "level",
    "signature",
    "reply_to",
    "reply_context",
    "quote",
    "quote_intro",
    "quote_end",
)


#: "Jo wrote:" (and in the Southeast Asian forum packs' words: "Jo เขียน:", `forumwords`).
_WROTE_END = re.compile(
    # (phpBB 3.3 links the quote to its post with an arrow after the colon: "Jo wrote: ↑")
    # (and in phpBB's German, French, Spanish, Portuguese and Italian packs)
    r"(?:\bwrote|\bhat\s+geschrieben|\ba\s+\u00e9crit|\bescribi\u00f3|\bescreveu|\bha\s+scritto"
    # (the quoted post's date after the arrow: "Jo escribió: ↑ Lun 15 Mar 2021 02:40")
    r"|\s(?:" + verbs("wrote") + r"))\s*:(?:\s*↑(?:\s*\S.{0,40})?)?$",
    re.IGNORECASE,
)


def _quotes_parent(reader: _Reader, u: Unit) -> bool:
    """Is this "Jo wrote:" line (or phpBB's "Jo wrote: ↑DATE", or Discourse's "jo:"
    naming an earlier poster), right under a post's header, the intro of a quote?"""
    cur = reader.cur
    if cur is None or cur.closed or cur.body or cur.author is None:
        return False
    if _WROTE_END.search(u.s):
        return True
    if cur.posted_at is not None and re.search(r"\bsaid\s*:$", u.s, re.IGNORECASE):
        return True  # XenForo: "Jo said:" under a post's name and date
    m = re.match(
        r"^(?P<name>.{1,40}?)\s+(?:wrote|schrieb|a\s+\u00e9crit|escribi\u00f3)\s*:\s*\(?(?P<when>.+?)\)?$",
        u.s,
        re.IGNORECASE,
    )
    if m and cur.posted_at is not None and is_timestamp(m.group("when")):
        return True
    return u.s.endswith(":") and reader._by(u.s[:-1]) is not None and is_short_label(u.s, 3)


#: SMF's date line under a post's subject: "« Reply #3 on: March 03, 2023, 11:19:07 AM »".
_SMF_ON = re.compile(r"^(?:\u00ab\s*)?(?:reply\s+#\d+\s+)?on:\s", re.IGNORECASE)


def _smf_head(units: list[Unit], types: list[str | None], i: int) -> bool:
    """Is line `i` furniture of an SMF post's head: its subject over "« on: DATE »", or
    the poster's personal text at the end of the profile box, over its buttons and the
    subject ("Siem Reap / Lyon / [applaud] [smite] / Re: Title / « Reply #1 on: DATE »")?"""

    def on(k: int) -> bool:
        return k < len(units) and types[k] == "time" and bool(_SMF_ON.match(units[k].s))

    if i > 0 and types[i - 1] == "button" and on(i + 1):
        return len(words(units[i].s)) <= 15
    if i > 0 and types[i - 1] == "button" and RANK_STARS.fullmatch(units[i].s):
        return True  # the rank's stars under it, as a text browser shows the images
    k = i + 1  # (past the box's buttons: "View Profile", "Personal Message (Offline)")
    while k < min(i + 5, len(units)) and types[k] in ("button", "bullet"):
        k += 1
    return k > i + 1 and (on(k) or on(k + 1)) and len(words(units[i].s)) <= 8


def _type_names(
    units: list[Unit], types: list[str | None], start: int, titles: frozenset[str]
) -> None:
    """Type the section's names ("author", or "poster" over a profile box) and a post
    icon's word under a profile box ("bullet")."""
    dated = dated_labels(units, types)
    _logged_signatures(units, types, start)
    for i in range(start, len(units) - 1):
        s, head = units[i].s, units[i + 1].s
        if types[i] is None and len(s) == 1 and s.isupper() and head[:1].upper() == s:
            types[i] = "badge"  # an avatar's letter over the name ("W / Wolfgang R. DATE")
    for i in range(start, len(units) - 1):  # the last line has no text after it to name
        if _named_twice(units, types, start, i):
            types[i - 1], types[i], types[i + 1] = "badge", "poster", "badge"
        elif _guest_under_head(units, types, start, i):
            types[i] = "author"
        elif is_author(units, types, start, i, titles, dated):
            # (past a handle or status badge: "Jo / @jo / Senior Member")
            box = past_menu(units, types, i + 1)
            boxed = profile_under(units, types, box)
            types[i] = "poster" if boxed else "author"
            if boxed and types[box] is None and not PROFILE.match(units[box].s):
                types[box] = "badge"  # a rank no list names: "Jo / Foren-Urgestein / Beiträge: 9"
            if types[i + 1] is None and types[i + 2 : i + 3] == ["field_label"]:
                types[i + 1] = "badge"  # the poster's rank: "Meister / Beiträge / 4.771"
            if placed_over_time(units, types, i):
                types[i + 1] = "badge"  # the poster's place: "Farhan / Toronto / DATE"
            if avatar_over(units, i):
                types[i - 1] = "badge"  # "DR / Daniel Reyes": the avatar's letters
                if types[i + 1] is None and types[i + 2 : i + 3] == ["time"]:
                    types[i + 1] = "badge"  # "... / Independent Advisor / DATE": a rank
        elif (
            types[i] is None
            and after_profile(units, start, i)
            and len(words(units[i].s)) == 1
            # (over the Reply button or the post's footer it is the whole text: "lol",
            # "Agreed. / Jo, Nov 16, 2017 Report")
            and types[i + 1] not in ("reply", "byline")
        ):
            types[i] = "bullet"  # "Default": a post icon's word between profile and text
        elif types[i] is None and _smf_head(units, types, i):
            types[i] = "button"
    _type_signatures(units, types, start)
    _type_affiliations(units, types, start)


def _named_twice(units: list[Unit], types: list[str | None], start: int, i: int) -> bool:
    """Is line `i` a poster's name printed twice over a member group and the profile box
    (Invision in a text browser: "jo / jo / Members / 214 posts")?"""
    s = units[i].s
    if i - 1 < start or i + 2 >= len(units) or units[i - 1].s != s or not name_label(s, 4):
        return False
    if types[i + 1] is not None or not is_short_label(units[i + 1].s, 2):
        return False
    box = [u.s for u in units[i + 2 : i + 6] if u.s]
    return any(PROFILE.match(b) or POST_COUNT.match(b) for b in box)


def _guest_under_head(units: list[Unit], types: list[str | None], start: int, i: int) -> bool:
    """Is line `i` a guest's name between a post's numbered date and its badge, with no
    profile box (FluxBB: "#11 DATE / Bopha / Guest")?"""
    return (
        start < i < len(units) - 1
        and types[i] is None
        and types[i - 1] == "byline"
        and types[i + 1] == "badge"
        and re.fullmatch(r"guest|gast|invit[ée]|invitado|ospite", units[i + 1].s, re.I) is not None
        and name_label(units[i].s, 4)
    )


def _type_signatures(units: list[Unit], types: list[str | None], start: int) -> None:
    """A line or two between a post's buttons and the next poster's name over a profile
    box (or the list of other topics after the last post) are the post's signature
    ("Quote / Like / ចិត្តល្អ ជួបតែល្អ / Jo / Senior Member"): furniture."""
    for i in range(start + 2, len(units) - 1):
        if types[i] not in ("author", "poster", "related"):
            continue
        box = skip_bullets(types, i + 1)
        # (past a rank no list names: "Jo / Global Moderator / Hero Member"; Invision's
        # count of posts, "2,104 posts")
        fields = units[box : box + 2]
        boxed = PROFILE.match(fields[0].s) or any(POST_COUNT.match(u.s) for u in fields)
        boxed = boxed or (len(fields) == 2 and PROFILE.match(fields[1].s))
        if not boxed and types[i] != "related":
            continue
        top = i - 1 if types[i - 1] == "badge" and units[i - 1].s == units[i].s else i
        k = top - 1  # (over the name printed twice, Invision's: `_named_twice`)
        while k > top - 3 and types[k] is None:
            k -= 1
        b = k
        while b > start and types[b] in ("button", "reply"):
            b -= 1
        if k < top - 1 and b < k and types[b] is None:  # (the buttons close a post's text)
            for j in range(k + 1, top):
                types[j] = "bullet"
        if types[i] == "related":
            break  # (the posts are over)


def _logged_signatures(units: list[Unit], types: list[str | None], start: int) -> None:
    """SMF's signature, with no rule over it: the line or two between a post's "Logged"
    and the next poster's name over a profile box ("Logged / Pepper, salt and patience. /
    Jo / Global Moderator / Posts: 3,118"), or the topic's pager after the last post."""
    for i in range(start, len(units) - 3):
        if not LOGGED.match(units[i].s):
            continue
        for k in range(i + 1, min(i + 4, len(units) - 1)):
            # (the name over a rank or a field, not over a rank's stars, "*****"; a rank no
            # list names over the fields: "Jo / YaBB Administrator / Posts: 2981")
            box = units[k + 1].s
            named = re.search(r"[^\W\d_]", box) and profile_under(units, types, k + 1)
            named = named and not PROFILE.match(units[k].s)
            # (or the rule between two posts, a text browser's: "Logged / sig / _____")
            ruled = types[k] == "signature" and units[k].s.startswith("___")
            if named or ruled or types[k] in ("button", "reply", "related"):
                for j in range(i + 1, k):  # (the lines before the name or the pager)
                    types[j] = "bullet"
                break
            if types[k] is not None and units[k].s:  # (past a text browser's blank item)
                break  # (SMF 2.1's "Logged / « on: DATE »": its box stands over the post)


#: A line that ends a sentence.
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u2026:]$")


def _type_affiliations(units: list[Unit], types: list[str | None], start: int) -> None:
    """Where most names (three or more) stand over a short line that ends no sentence and
    text under it, that line is the poster's affiliation, a badge ("石井 真理子 / アジア
    経済研究所 研究員 / text": NewsPicks' experts)."""
    names = [i for i in range(start, len(units)) if types[i] in ("author", "poster")]
    found = []
    for i in names:
        k = skip_bullets(types, i + 1)
        s = units[k].s
        if (
            k + 1 < len(units)
            and types[k] is None
            and types[k + 1] is None
            and len(s) <= 30
            and not _SENTENCE_END.search(s)
            and len(units[k + 1].s) > len(s)
        ):
            found.append(k)
    if len(found) >= 3 and 5 * len(found) >= 3 * len(names):
        for k in found:
            types[k] = "badge"


def split_section(
    units: list[Unit],
    types: list[str | None],
    start: int,
    drafts: list[Draft],
    signatures: bool = False,
) -> None:
    """Label units[start:] as comments, their meta lines and boilerplate. The comments go
    to `drafts`; an open last draft there takes the section's first lines. With
    `signatures` (a whole page's section), a poster's repeated last line is no text and a
    reply's first line that repeats the comment it answers is a quote, a reply that
    addresses an earlier poster by name answers them."""
    # (not the article's byline: a name over a date may post in the comments too; nor the
    # name over the opening post's profile box, vBulletin 5's: its poster replies too)
    bylines = {
        units[j].s
        for j in range(start - 1)
        if types[j + 1] == "time"
        or READ_TIME.search(units[j + 1].s)  # (Ghost: "Jo / May 17, 2023 — 6 min read")
        or (types[j] is None and profile_under(units, types, j + 1))
    }
    # (the line over a section that opens with a poster's box is the first poster's name)
    poster = units[start - 1] if start > 0 and profile_under(units, types, start) else None
    titles = frozenset(
        [subject(u.s) for u in units[:start] if u.s not in bylines and u is not poster]
        + [subject(u.s) for u in units[start:] if re.match(r"re:\s", u.s, re.IGNORECASE)]
    )
    _type_names(units, types, start, titles)
    heads = [t for t in types[start:] if t in OPENERS]
    leads = _time_leads(units, types, start)
    if not leads:
        _names_over_text(units, types, start)
    reader = _Reader(
        drafts,
        time_leads=leads,
        has_openers=bool(heads),
        cur=drafts[-1] if drafts and not drafts[-1].closed else None,
        page_lines=titles,
        in_thread=len(heads) >= 2 and all(t in ("thread_head", "mail") for t in heads),
        talk=sum(t == "signed" for t in types[start:]) >= 2,
        posted_trails=_posted_trails(units, types, start),
        names_trail=not leads and _names_trail(units, types, start),
    )
    n = len(drafts)
    labelled = False  # the line before labels the date ("created / Mar 12")
    field = False  # the line before names a profile field ("Messages / 1,208")
    closed = _closing_notice(types, start)
    for k, (u, t) in enumerate(zip(units[start:], types[start:], strict=True)):
        if t == "related" or start + k == closed:  # "Related topics": the comments are over
            for v in units[start + k :]:
                v.kind = "boilerplate"
            break
        if t in ("said", None, "author", "byline") and _quotes_parent(reader, u):
            t = "quote_intro"
        if t == "author" and reader.posted_trails:
            t = None  # where "Posted by" lines sign comments, a name over text is its text's
        i = start + k
        # (not under a head that has its name and date: that comment's text, "Jo / DATE /
        # In reply to Kim / text", Coral's)
        cur = reader.cur
        headed = cur is not None and not (cur.closed or cur.body) and cur.author and cur.posted_at
        titled = i + 1 < len(types) and types[i + 1] == "author"
        if not headed and titled and talkback_title(units, types, i):
            reader.title, u.kind = u, "boilerplate"  # (until its name comes)
            continue
        head_next = i + 1 < len(types) and types[i + 1] in ("byline", "shape", "time")
        if t is None and head_next and not reader._open() and reader._title_again(u.s):
            u.kind = "boilerplate"  # the thread's title as a post's subject, over its head
            continue
        _read_line(reader, u, t, (t == "time" and labelled) or field)
        labelled = t == "stamp_label"
        field = t == "field_label"
        reader.dated = reader.dated if t == "time" else None
        if u.comment is not None and u.comment > n and drafts[u.comment - 1].indent is None:
            drafts[u.comment - 1].indent = u.indent
    for ordinal, u in reader.titles.items():
        d = drafts[ordinal - 1]
        d.gaps = bool(d.body)  # (its name and date lie between the title and the text)
        d.body.insert(0, u)  # (a title alone is the whole talkback: "Thanks (no text)")
        u.kind, u.comment = "comment", ordinal
    if reader.talk or reader.posted_trails:
        _drop_unsigned(drafts[n:])
    drop_repeated_lines(drafts[n:])
    quotes_below(units[start:], drafts[n:])
    nesting_by_indent(drafts[n:])
    nesting_by_count(units[start:], drafts[n:])
    if signatures:
        drop_signatures(drafts[n:])
        quoted_first_line(drafts[n:])
        parents_by_address(drafts[n:])


def _names_over_text(units: list[Unit], types: list[str | None], start: int) -> None:
    """Where dates close comments, a name alone over text that its date follows opens a
    comment ("jo / text / Posté le DATE / kim / text / DATE", Skyrock): typed "author"
    where the section has three or more."""

    def name(s: str) -> bool:
        return name_label(s, 3) and not prose_line(s) and not re.search(r"[.!?:,;)]$", s)

    found = []
    for i in range(start, len(types) - 2):
        if types[i] is not None or not name(units[i].s):
            continue
        if i > start and (
            types[i - 1] in ("author", "poster") or (types[i - 1] is None and name(units[i - 1].s))
        ):
            continue  # (a reply's quoted name under its poster's: "Jo / Kim / Kim's words...")
        j = i + 1
        while j < len(types) and types[j] is None and not name(units[j].s):
            j += 1
        # (the text a sentence, not a headline: "AUTO NEWS / headline / DATE" is a story list)
        prose = any(prose_line(units[k].s) for k in range(i + 1, j))
        if j > i + 1 and j < len(types) and types[j] == "time" and prose:
            found.append(i)
    for i in found if len(found) >= 3 else ():
        types[i] = "author"


def _closing_notice(types: list[str | None], start: int) -> int | None:
    """A notice after the text under the last of three or more "X wrote:" heads ("To
    post a comment you must log in."): it closes the thread, a sidebar follows."""
    said = [i for i in range(start, len(types)) if types[i] == "said"]
    if len(said) < 3:
        return None
    after = types[said[-1] + 1 :]
    k = next((j for j, t in enumerate(after) if t == "notice"), None)
    return said[-1] + 1 + k if k and None in after[:k] else None


#: The line types `_Reader.furniture` reads.
_FURNITURE = ("reply", "button", "header", "notice", "postnum", "ad")


def _read_line(reader: _Reader, u: Unit, t: str | None, labelled: bool) -> None:
    """Give one line of the section to `reader` by its type (`labelled`: the line before
    labels this value, a date's "created" or a profile field's name)."""
    if t not in _FURNITURE:
        reader.buttoned = False
    if reader.quote_tail is not None and (t is not None or not _wraps(reader.quote_tail, u)):
        reader.quote_tail = None
    if reader.signs_above(u, t):
        return
    if t in ("stamp_label", "field_label") or labelled:
        u.kind = "boilerplate"  # a date's or a profile field's label, and a field's value
    elif t in _THREAD_META:
        reader.thread(u, t)
    elif t in OPENERS or (t == "time" and reader.time_leads):
        reader.meta(u, t)
    elif t == "time":
        reader.trailing_time(u)
    elif t == "signed":
        reader.signature(u)
    elif t in ("bullet", "badge"):
        u.kind = "boilerplate"
    elif t in _FURNITURE:
        reader.furniture(u, t)
    else:
        reader.prose(u)


def _wraps(above: Unit, u: Unit) -> bool:
    """Does `u` go on the paragraph of the line above, a text dump having wrapped it (no
    blank line between, the line above long and not ending a sentence, `u` going on in
    lower case or as deeply indented)?"""
    ended = re.search(r"[.!?\u2026\"\u201d)]$", above.s)
    # (or on a line indented as deep as the quote's, a text browser's blockquote)
    going_on = u.s[:1].islower() or u.indent == above.indent > 0
    return u.follows and len(above.s) >= 60 and not ended and going_on


def drop_menus(drafts: list[Draft]) -> None:
    """Drop the "comments" that are menus (`menu_drafts`)."""
    for d in menu_drafts(drafts):
        for v in d.body:
            v.kind, v.comment = "boilerplate", None
        d.body = []


#: A sentence's end in Chinese or Japanese (`headline_like` knows the Latin ones).
_CJK_STOP = re.compile(r"[\u3002\uff01\uff1f]$")


def menu_drafts(drafts: list[Draft]) -> list[Draft]:
    """The "comments" that are menus, not comments: no line of prose, and no name or date
    where the section's other comments have them (a sort or filter bar over the first);
    or four or more lines, nearly all short and half of them navigation or one word, the
    first no prose either (a sidebar or footer after the last)."""
    headed = sum(d.author is not None or d.posted_at is not None for d in drafts)
    # a nameless, dateless block the page repeats word for word (the site's masthead over
    # each message of a list archive saved page after page)
    bare_bodies = Counter(
        tuple(v.s for v in d.body) for d in drafts if d.author is None and d.posted_at is None
    )
    menus = []
    for d in drafts:
        n = len(d.body)
        prose = sum(substantial(v.s) for v in d.body)
        navish = sum(nav_like(v.s) or len(words(v.s)) <= 1 for v in d.body)
        # (a footer's rows of links are title-cased words, not sentences: "Contact Us Help
        # Home Top RSS", "Forum software by XenForo® ©2010-2017 XenForo Ltd.")
        links = all(
            not _CJK_STOP.search(v.s)
            and (nav_like(v.s) or (headline_like(v.s) and len(words(v.s)) <= 8))
            for v in d.body
        )
        bare = n and (not prose or links) and d.author is None and d.posted_at is None
        bare = bare and headed >= 2
        listed = n >= 4 and not substantial(d.body[0].s) and 5 * prose <= n and 2 * navish >= n
        again = (
            d.author is None
            and d.posted_at is None
            and bare_bodies[tuple(v.s for v in d.body)] >= 3
        )
        if bare or listed or (again and headed >= 2):
            menus.append(d)
    return menus + _story_tail(drafts, menus)


#: "In reply to" alone over the name answered (Coral), no quote under it.
_BARE_REPLY = re.compile(r"in\s+reply\s+to\s*:?", re.IGNORECASE)
#: A line in quotation marks, whole (the opening one perhaps cut as a bullet: „).
_IN_QUOTES = re.compile(
    r"^[\"\u201e\u201c\u00ab\u00bb\u201a\u2018]?([^\"\u201c\u201d\u201e]{5,300})[\"\u201c\u201d\u00bb\u00ab\u2018\u2019]$"
)


def _story_tail(drafts: list[Draft], menus: list[Draft]) -> list[Draft]:
    """After the last comment with a name, two or more nameless ones (`menus` aside) of
    one line each that ends like no sentence: a "Read more" list of stories (each a
    headline, perhaps dated), where the section's comments have names."""
    named = [k for k, d in enumerate(drafts) if d.author is not None]
    if len(named) < 2:
        return []
    tail = [d for d in drafts[named[-1] + 1 :] if d.body and d not in menus]
    one_line = all(len(d.body) == 1 and not re.search(r"[.!?…]$", d.body[0].s) for d in tail)
    return tail if len(tail) >= 2 and one_line else []


def drop_repeated_lines(drafts: list[Draft]) -> None:
    """A short line that stands word for word in three comments or more and is not all of
    any is furniture, whatever its words: a button, a rank or a badge no rule knows
    ("Inhalt melden", "Fortgeschrittener")."""
    seen = Counter(s for d in drafts for s in {v.s for v in d.body})
    repeated = {
        s for s, k in seen.items() if k >= 3 and is_short_label(s, 4) and not substantial(s)
    }
    if any(all(v.s in repeated for v in d.body) for d in drafts if d.body):
        return  # (a chat's "ok" may be a whole message)
    for d in drafts:
        for v in [v for v in d.body if v.s in repeated]:
            v.kind = "boilerplate"
            d.body.remove(v)


def _drop_unsigned(drafts: list[Draft]) -> None:
    """On a talk page, or where "posted by" lines close comments, text that no signature
    closes is the page's, not a comment."""
    for d in drafts:
        if d.author is None:
            for v in d.body:
                v.kind, v.comment = "boilerplate", None
            d.body = []


def drop_signatures(drafts: list[Draft]) -> None:
    """A line that ends two or more comments of one poster word for word, one of them
    with text above it, is a forum signature, not their text: taken out wherever it ends
    that poster's comments (a comment that is only the signature goes). A short last line
    counts with the line over it (a signature wrapped: "Cycling the temples since 2009.
    Ask me about the back roads, not about / tuk tuk prices."). A comment with no name is
    its poster's when it follows one of theirs (a signature after an edit note)."""
    owners: list[str | None] = []
    for d in drafts:
        owners.append(d.author or (owners[-1] if owners else None))

    def tail(d: Draft) -> tuple[str, ...]:
        """The comment's last line, with the one over it when it is short."""
        last = d.body[-1].s
        if len(words(last)) >= 5 or len(d.body) < 2:
            return (last,)
        return (d.body[-2].s, last)

    ends: dict[tuple, int] = {}
    longer = set()  # (poster, lines) that end a comment with more text above them
    # (poster, lines) standing alone, nameless, after their posts: under the post's
    # buttons, twice or more (Invision: "text / Quote / the signature / next poster")
    alone: Counter[tuple] = Counter()
    for d, who in zip(drafts, owners, strict=True):
        if not d.body or not who:
            continue
        lines = tail(d)
        if len(words(" ".join(lines))) >= 5 and not nav_like(lines[-1]):
            key = (who.casefold(), lines)
            ends[key] = ends.get(key, 0) + 1
            if len(d.body) > len(lines):
                longer.add(key)
            elif d.author is None:
                alone[key] += 1
    for d, who in zip(drafts, owners, strict=True):
        while d.body and who and ends.get(key := (who.casefold(), tail(d)), 0) >= 2:
            if key not in longer and alone[key] < 2:
                break
            for _ in key[1]:
                d.body.pop().kind = "boilerplate"
