"""A small news page and a throwaway HTTP server on 127.0.0.1 (ports 8790-8799) for the web tests."""
from __future__ import annotations

import contextlib
import http.server
import socketserver
import threading

PARAS = [
    "The city council voted on Tuesday to expand the bus network across the northern districts.",
    "Mayor Jane Doe said the plan would cut journey times by 20 percent within two years.",
    "Opposition leader John Smith said the cost had been underestimated by the council.",
]


def news_page(title="Council expands bus network", canonical="https://news.example.org/2019/bus-network",
              published="2019-03-05T10:00:00Z", publisher="Example News", extra_body="") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{publisher}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{title}", "datePublished": "{published}", "author": {{"@type": "Person", "name": "Ann Writer"}},
 "publisher": {{"@type": "Organization", "name": "{publisher}"}}}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><div class="body">{paras}{extra_body}</div></article>
<footer><p>Copyright Example News. All rights reserved. Subscribe to our newsletter.</p></footer></body></html>"""


class Routes(http.server.BaseHTTPRequestHandler):
    """Serves self.server.routes: path -> (status, headers, body bytes)."""

    def do_GET(self):  # noqa: N802 - the standard library's name
        self.server.seen.append((self.path, dict(self.headers)))
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not found"))
        if callable(body):
            answer = body(self)
            if answer is None:
                return  # the callable wrote the response itself
            status, headers, body = answer
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        """Recorded in self.server.posts (path, headers, raw body), answered with the next status of
        self.server.post_status (200 once they run out)."""
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.posts.append((self.path, dict(self.headers), body))
        status = self.server.post_status.pop(0) if self.server.post_status else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextlib.contextmanager
def serve(routes: dict, ports: range = range(8790, 8800), post_status: list[int] | None = None):
    """A server on the first free port of ``ports`` (8790-8799); yields (base URL, server);
    ``server.posts`` lists what was POSTed."""
    server = None
    for port in ports:
        try:
            server = _Server(("127.0.0.1", port), Routes)
            break
        except OSError:
            continue
    assert server is not None, f"no free port in {ports.start}-{ports.stop - 1}"
    server.routes, server.seen, server.posts, server.post_status = routes, [], [], list(post_status or [])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server
    finally:
        server.shutdown()
        server.server_close()
