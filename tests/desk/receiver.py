"""A throwaway HTTP server on 127.0.0.1 (ports 8240-8249) for the archive and webhook tests: GET
answers from ``routes``; each POST is recorded (path, headers, raw body) and answered with the next
status of ``post_status`` (200 once they run out)."""
from __future__ import annotations

import contextlib
import http.server
import socketserver
import threading

PORTS = range(8240, 8250)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the standard library's name
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not found"))
        self._answer(status, headers, body)

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append((self.path, dict(self.headers), body))
        status = self.server.post_status.pop(0) if self.server.post_status else 200
        self._answer(status, {}, b"ok")

    def _answer(self, status, headers, body):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve(routes: dict | None = None, post_status: list[int] | None = None):
    """Yields (base URL, server); ``server.posts`` lists what was POSTed."""
    server = None
    for port in PORTS:
        try:
            server = _Server(("127.0.0.1", port), Handler)
            break
        except OSError:
            continue
    assert server is not None, "no free port in 8240-8249"
    server.routes, server.posts, server.post_status = routes or {}, [], list(post_status or [])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
