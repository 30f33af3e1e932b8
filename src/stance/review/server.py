"""The review page's web server: a Starlette app over a `ReviewSession`, run by uvicorn.

Routes (every one needs the session's token, as `?token=` or the `X-Stance-Token`
header; anything else, unknown paths included, is 403):

    GET  /               the page (static/index.html)
    GET  /app.js, /app.css, /favicon.svg
    GET  /api/state?order=review|uncertainty|file
    POST /api/decide     {"id", "action", "stance", "tone"}   (JSON)
    POST /api/undo

The API takes no path: the files are the command line's. POSTs must be JSON, which a
cross-site form cannot send, and the token is random per run (`secrets.token_urlsafe`),
so another local user or a web page cannot post decisions. Every response forbids
framing, sniffing, caching, referrers and any script or style not served here.

starlette and uvicorn are an optional extra (`pip install 'stance-moderation[review]'`):
they are imported when the app is made, so the rest of the package works without them.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import secrets
import socket
from dataclasses import dataclass
from importlib import resources
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs

from stance.errors import InputError, StanceError
from stance.review.session import ReviewConflict, ReviewSession

#: The one-line error when the extra is not installed.
NO_WEB = "stance review needs starlette and uvicorn: pip install 'stance-moderation[review]'"
#: The static files, by route.
STATIC = {
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
    "/favicon.svg": ("favicon.svg", "image/svg+xml"),
}
#: Headers on every response.
HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}
FORBIDDEN = b"forbidden: open the page at the address stance review printed, with its token\n"


def import_web() -> SimpleNamespace:
    """starlette's and uvicorn's parts, or the one-line `NO_WEB` error."""
    try:
        import uvicorn  # lazily: the optional extra `review`
        from starlette.applications import Starlette
        from starlette.responses import JSONResponse, Response
        from starlette.routing import Route
    except ImportError:
        raise StanceError(NO_WEB) from None
    return SimpleNamespace(
        uvicorn=uvicorn,
        Starlette=Starlette,
        JSONResponse=JSONResponse,
        Response=Response,
        Route=Route,
    )


def _static(name: str) -> str:
    return resources.files("stance.review").joinpath("static", name).read_text(encoding="utf-8")


class TokenGuard:
    """ASGI middleware: 403 for any request without the token; the `HEADERS` on every
    response."""

    def __init__(self, app: Any, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":  # lifespan: nothing to guard
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.encode(), v.encode()) for k, v in HEADERS.items()),
                ]
            await send(message)

        if not self._allowed(scope):
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 403,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")],
                }
            )
            await send({"type": "http.response.body", "body": FORBIDDEN})
            return
        await self.app(scope, receive, send_with_headers)

    def _allowed(self, scope: dict[str, Any]) -> bool:
        given = [v for k, v in scope.get("headers", []) if k == b"x-stance-token"]
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given += [v.encode("latin-1", "replace") for v in query.get("token", [])]
        return any(hmac.compare_digest(g, self.token) for g in given)


class _Api:
    """The endpoints, over one session."""

    def __init__(self, session: ReviewSession, token: str, web: SimpleNamespace) -> None:
        self.session, self.token, self.web = session, token, web

    def _json(self, data: Any, status: int = 200) -> Any:
        return self.web.JSONResponse(data, status_code=status)

    def _error(self, exc: Exception) -> Any:
        status = 409 if isinstance(exc, ReviewConflict) else 400
        return self._json({"error": str(exc)}, status)

    async def page(self, request: Any) -> Any:
        html = _static("index.html").replace("{{token}}", self.token)
        return self.web.Response(html, media_type="text/html; charset=utf-8")

    async def asset(self, request: Any) -> Any:
        name, media = STATIC[request.url.path]
        return self.web.Response(_static(name), media_type=media)

    def state(self, request: Any) -> Any:
        try:
            return self._json(self.session.state(request.query_params.get("order", "review")))
        except StanceError as exc:
            return self._error(exc)

    async def decide(self, request: Any) -> Any:
        try:
            body = await _body(request)
            order = str(body.get("order", "review"))
            args = [body.get(k, "") for k in ("id", "action", "stance", "tone")]
            if not all(isinstance(a, str) for a in args):
                raise InputError("id, action, stance and tone must be strings")
            return self._json(await _in_thread(self.session.decide, *args, order))
        except StanceError as exc:
            return self._error(exc)

    async def undo(self, request: Any) -> Any:
        try:
            body = await _body(request)
            return self._json(await _in_thread(self.session.undo, str(body.get("order", "review"))))
        except StanceError as exc:
            return self._error(exc)


async def _body(request: Any) -> dict[str, Any]:
    """A POST's JSON object (a form or other type is refused: it may come from another
    site)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise InputError("send JSON (Content-Type: application/json)")
    raw = await request.body()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        raise InputError("the body is not JSON") from None
    if not isinstance(body, dict):
        raise InputError("the body must be a JSON object")
    return body


async def _in_thread(fn: Any, *args: Any) -> Any:
    """Run a blocking call (file writes, fsync) off the event loop."""
    from starlette.concurrency import run_in_threadpool  # lazily: the optional extra

    return await run_in_threadpool(fn, *args)


def create_app(session: ReviewSession, token: str) -> Any:
    """The ASGI app of the review page (the token guards every request)."""
    web = import_web()
    api = _Api(session, token, web)
    routes = [
        web.Route("/", api.page, methods=["GET"]),
        *(web.Route(path, api.asset, methods=["GET"]) for path in STATIC),
        web.Route("/api/state", api.state, methods=["GET"]),
        web.Route("/api/decide", api.decide, methods=["POST"]),
        web.Route("/api/undo", api.undo, methods=["POST"]),
    ]
    return TokenGuard(web.Starlette(routes=routes), token)


@dataclass
class ReviewServer:
    """A bound server: `url` (with the token) to open, `serve()` to run until Ctrl-C."""

    app: Any
    sock: socket.socket
    url: str
    web: SimpleNamespace

    def serve(self) -> None:
        """Serve until Ctrl-C (the normal end of a review: uvicorn shuts down, then
        raises the signal again, which ends here), then close."""
        config = self.web.uvicorn.Config(self.app, log_level="warning", lifespan="off")
        try:
            self.web.uvicorn.Server(config).run(sockets=[self.sock])
        except KeyboardInterrupt:
            pass
        finally:
            with contextlib.suppress(OSError):
                self.sock.close()


def bind(
    session: ReviewSession, host: str = "127.0.0.1", port: int = 8765, token: str | None = None
) -> ReviewServer:
    """Listen on host:port (port 0: a free one) and make the app; nothing is served
    until `serve()`."""
    web = import_web()
    token = token or secrets.token_urlsafe(24)
    app = create_app(session, token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        raise InputError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}",
            fix="pass another --port (0 picks a free one) or --host",
        ) from None
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{sock.getsockname()[1]}/?token={token}"
    return ReviewServer(app, sock, url, web)
