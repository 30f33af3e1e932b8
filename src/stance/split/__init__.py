"""Stage 1, `stance split`: pages into title, editorial text, boilerplate and comments.

`text` splits plain-text page dumps by rules (`lines`) and a small voice model (`voice`),
`html` splits HTML pages, `files` reads files, folders and stdin, and `document` holds the
result types and their renderers.
"""

from stance.split.document import (
    FORMATS,
    Comment,
    Document,
    Segment,
    comments_frame,
    format_for,
    render,
    summary_lines,
)
from stance.split.files import document_id, split_bytes, split_paths
from stance.split.html import split_html
from stance.split.text import split_text

__all__ = [
    "FORMATS",
    "Comment",
    "Document",
    "Segment",
    "comments_frame",
    "document_id",
    "format_for",
    "render",
    "split_bytes",
    "split_html",
    "split_paths",
    "split_text",
    "summary_lines",
]
