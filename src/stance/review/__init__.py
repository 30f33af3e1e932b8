"""`stance review`: a local page where a moderator works the queue and labels as they go.

stance review FILE [--model MODEL] [--labels mine/labels.csv] [--decisions FILE]

queue.py    a scored file or a suggest batch read into items, and their orders
store.py    the labels and decisions files: atomic appends, atomic rewrites
session.py  what is decided, the next comment, decide and undo
server.py   the Starlette app and its token guard, run by uvicorn (starlette and
            uvicorn are an optional extra, imported there when the app is made)
static/     the page: plain HTML, CSS and JavaScript, no build step
"""

from stance.review.queue import ORDERS, Item, Queue, load_queue
from stance.review.session import ACTIONS, ReviewConflict, ReviewSession, open_session
from stance.review.store import DECISION_COLUMNS

__all__ = [
    "ACTIONS",
    "DECISION_COLUMNS",
    "ORDERS",
    "Item",
    "Queue",
    "ReviewConflict",
    "ReviewSession",
    "load_queue",
    "open_session",
]
