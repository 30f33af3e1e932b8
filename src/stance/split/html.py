"""HTML pages: `split_html` and its helpers (finding comment markup, rendering an element
as lines of text)."""

from __future__ import annotations

import re
from typing import Any

from stance.io import decode_bytes
from stance.split.document import Comment, Document, Segment
from stance.split.htmltitle import html_title
from stance.split.lines import NAV, NOTICE, is_short_label, words
from stance.split.text import split_blocks, split_text

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "tr",
    "table",
    "pre",
    "hr",
    "aside",
    "figure",
    "figcaption",
    "nav",
    "address",
    "form",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "textarea",
    "select",
    "option",
    "button",
    "input",
    "svg",
    "iframe",
    "template",
    "head",
}
_COMMENT_ATTR = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentlist|comment-?list|kommentare?|"
    r"responses|discussion|disqus_thread|replies)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_COMMENTS = re.compile(
    r"respond|comment-?form|reply-?title|commentform|comments?-link|"
    r"comment-?count|comments?-(?:closed|rss|feed|policy)|"
    r"add-?comment|leave|meta|widget|recent|latest|popular|most",
    re.IGNORECASE,
)


def _node_text(node: Any, exclude: frozenset[Any] = frozenset()) -> str:
    """Block-aware text of an lxml subtree: one line per block element, without the
    subtrees in `exclude`. Iterative, so deeply nested pages cannot exhaust the stack."""
    out: list[str] = []

    def add(text: str | None) -> None:
        if text:  # source line breaks are spaces in HTML; blocks make the lines
            out.append(re.sub(r"\s+", " ", text))

    stack: list[tuple[str, Any]] = [("enter", node)]
    while stack:
        action, el = stack.pop()
        if action == "tail":
            add(el.tail)
            continue
        if action == "close":
            out.append("\n")
            continue
        if el is not node:
            stack.append(("tail", el))  # runs after the element's own subtree
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or (el in exclude and el is not node):
            continue
        if tag in _BLOCK_TAGS:
            out.append("\n")
            stack.append(("close", el))
        add(el.text)
        stack.extend(("enter", child) for child in reversed(el))
    text = "".join(out)
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n\n".join(ln for ln in lines if ln)


_ONE_COMMENT = re.compile(r"^(?:(?:li|div|article)-)?comment[-_]?\d+$|^c\d+$", re.IGNORECASE)
_ONE_COMMENT_CLASS = re.compile(
    r"^(?:comment|comment-item|commentlist-item|single-comment"
    r"|comment-body|kommentar)$",
    re.IGNORECASE,
)


def _comment_blocks(container: Any) -> list[tuple[str, bool]]:
    """The container's text cut at single-comment elements (li.comment, #comment-12, ...):
    first what lies outside them (header, form), then each comment without its replies,
    the replies after it. With fewer than two such elements, the whole text as one block.
    Returns (text, furniture) pairs: furniture is the text outside the single comments.
    """
    nodes = []
    for el in container.iter():
        if (
            not isinstance(el.tag, str)
            or el is container
            or el.tag.lower() not in ("li", "div", "article", "section")
        ):
            continue
        classes = (el.get("class") or "").split()
        if _ONE_COMMENT.match(el.get("id") or "") or any(
            _ONE_COMMENT_CLASS.match(c) for c in classes
        ):
            nodes.append(el)
    # Nested matches (li.comment > div.comment-body, replies) each keep only their own
    # text, the nested ones being cut out of them: empty blocks drop out below.
    if len(nodes) < 2:
        return [(_node_text(container), False)]
    skip = frozenset(nodes)
    blocks = [(_node_text(container, skip), True)]
    blocks += [(_node_text(n, skip), False) for n in nodes]
    return [b for b in blocks if b[0].strip()]


def _comment_containers(tree: Any) -> list[Any]:
    """Outermost elements whose id/class says "comments" (not forms, counts or widgets)."""
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() in (
            "a",
            "span",
            "script",
            "form",
            "body",
            "html",
        ):
            continue
        attrs = f"{el.get('id', '')} {el.get('class', '')}"
        if not _COMMENT_ATTR.search(attrs) or _NOT_COMMENTS.search(attrs):
            continue
        if any(a in found for a in el.iterancestors()):
            continue
        if len(_node_text(el)) >= 40:
            found.append(el)
    return found


def split_html(html: str | bytes, doc_id: str = "doc", source: str | None = None) -> Document:
    """Split an HTML page: trafilatura's article text, then the page's comment section.

    Comments come from three sources, merged without duplicates: the page's comment
    markup (elements whose id/class names comments, rendered one line per block),
    trafilatura's own comment extraction, and comments the text rules find in the
    rendered page outside both. The section is split into single comments by the text
    rules; article paragraphs found in it move out of the editorial text. Name-only,
    notice and menu "comments" and exact repeats of a comment become boilerplate.

    Losslessness holds for the extracted text, not the markup: `Document.text` (title,
    editorial paragraphs, comment section, joined by blank lines) is what the segments
    tile and `rebuild()` returns. Markup, scripts and whatever trafilatura drops as
    boilerplate never become text, so they are in no segment.
    """
    import lxml.html  # lazy: heavy, and only HTML pages need them
    import trafilatura

    if isinstance(html, bytes):
        html, _ = decode_bytes(html)
    if not html.strip():
        return Document(doc_id, source, None, [], [])
    try:
        # lxml refuses str input that carries an XML encoding declaration
        tree = lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except Exception:  # lxml rejects some fragments; trafilatura may still cope
        tree = None
    try:  # no metadata: its date search costs more than the rest of the split
        extracted = trafilatura.bare_extraction(html, include_comments=True)
    except Exception:  # trafilatura raises assorted errors on broken pages
        extracted = None
    title = html_title(tree) if tree is not None else ""
    article = (getattr(extracted, "text", None) or "") if extracted else ""
    traf_comments = (getattr(extracted, "comments", None) or "") if extracted else ""
    paras = [ln.strip() for ln in article.split("\n") if ln.strip()]
    if paras and title and _squash(paras[0]) == _squash(title):
        paras = paras[1:]  # the headline is the title, not an editorial paragraph
    # The page's comment markup, plus what trafilatura saw as comments, plus comments
    # our text rules find in the rendered page that neither has.
    # Blocks: a comment never spans two; the rules split a block further.
    blocks: list[tuple[list[str], bool]] = []  # (lines, furniture)
    if tree is not None:
        for c in _comment_containers(tree):
            blocks += [(b.split("\n\n"), f) for b, f in _comment_blocks(c)]
    have = _squash(" ".join(x for b, _ in blocks for x in b))
    extra = [
        ln.strip() for ln in traf_comments.split("\n") if ln.strip() and _squash(ln) not in have
    ]
    if extra:
        blocks.append((extra, False))
    if tree is not None:  # comments outside any comment markup, found by the text rules
        have = _squash(" ".join(x for b, _ in blocks for x in b))
        blocks += [
            (block, False) for text, block in _rendered_comments(tree) if _squash(text) not in have
        ]
    blocks = [([x for x in b if x.strip()], f) for b, f in blocks]
    blocks = [(b, f) for b, f in blocks if b]
    lines = [x for b, f in blocks if not f for x in b]
    # Paragraphs trafilatura kept in the article that are really comments move out, unless
    # the "comment" markup evidently wrapped the article itself.
    in_comments = {_squash(x) for x in lines if len(x.strip()) >= 30}
    moved = [p for p in paras if _squash(p) in in_comments]
    if moved and len(moved) <= len(paras) / 2:
        paras = [p for p in paras if _squash(p) not in in_comments]
    return _compose(
        doc_id, source, title, paras, _prune(split_blocks(blocks, doc_id, source), doc_id)
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def _rendered_comments(tree: Any) -> list[tuple[str, list[str]]]:
    """Render the page as text and split it with the text rules: for each comment found,
    its text and its lines (header lines, text, buttons)."""
    # The text rules run here over the whole page, then again (`split_blocks`) over the
    # comment section. The second pass cannot reuse this one: it reads each block (from
    # markup, trafilatura or this pass) as a section of its own, so comment bounds, names
    # and dates can differ from the whole-page reading, and its result is the output. It
    # costs under a tenth of `split_html`; caching the line types it repeats saved nothing.
    body = tree.find(".//body")
    doc = split_text(_node_text(body if body is not None else tree))
    blocks: dict[int, list[str]] = {}
    for seg in doc.segments:
        if seg.comment is not None and seg.text.strip():
            blocks.setdefault(seg.comment, []).append(seg.text.strip())
    return [(c.text, blocks.get(c.ordinal, [c.text])) for c in doc.comments]


def _compose(
    doc_id: str,
    source: str | None,
    title: str,
    paras: list[str],
    section: Document,
) -> Document:
    """Build the extracted text's segments: title, editorial paragraphs, each followed by
    a blank line, then the comment section (split block by block by `split_blocks`)."""
    chunks: list[tuple[str, str]] = []
    if title:
        chunks.append(("title", title))
    chunks += [("editorial", p) for p in paras]
    segments: list[Segment] = []
    pos = 0
    for kind, c in chunks:
        segments.append(Segment(kind, pos, pos + len(c) + 2, c + "\n\n"))
        pos += len(c) + 2
    segments += [
        Segment(s.kind, s.start + pos, s.end + pos, s.text, s.comment) for s in section.segments
    ]
    return Document(doc_id, source, title or None, segments, section.comments)


def _not_a_comment(c: Comment, authors: set[str]) -> bool:
    """A "comment" that is only a name (a single word with no header, or another
    comment's author), a label ending in ":", or a menu or footer (lines of links and
    notices, no header)."""
    lines = [x.strip() for x in c.text.split("\n") if x.strip()]
    body = _squash(c.text)
    if body in authors or (NOTICE.search(body) and len(words(body)) <= 12):
        return True
    if c.author or c.posted_at:
        return False
    if len(lines) == 1 and (
        (len(body.split()) == 1 and not re.search(r"[.!?…]$", body))
        or (body.endswith(":") and len(words(body)) <= 3)
    ):
        return True
    return len(lines) >= 2 and all(NAV.match(x) or is_short_label(x, 6) for x in lines)


def _prune(section: Document, doc_id: str) -> Document:
    """Drop what the text rules took for comments but is not: name-only, notice and
    menu "comments", and exact repeats of a comment earlier on the page. Their lines
    become boilerplate (nothing is lost); the rest are numbered again from 1."""
    authors = {_squash(c.author) for c in section.comments if c.author}
    seen: set[str] = set()
    keep: dict[int, int] = {}
    comments: list[Comment] = []
    for c in section.comments:
        body = _squash(c.text)
        if body in seen or _not_a_comment(c, authors):
            continue
        seen.add(body)
        keep[c.ordinal] = n = len(comments) + 1
        parent = keep.get(c.parent) if c.parent is not None else None
        comments.append(
            Comment(f"{doc_id}-{n}", n, c.author, c.posted_at, c.location, c.text, c.quoted, parent)
        )
    if len(comments) == len(section.comments):
        return section
    segments = []
    for s in section.segments:
        n = keep.get(s.comment) if s.comment is not None else None
        dropped = n is None and s.kind in ("comment", "comment_meta")
        kind = "boilerplate" if dropped else s.kind
        segments.append(Segment(kind, s.start, s.end, s.text, n))
    return Document(section.id, section.source, section.title, segments, comments)
