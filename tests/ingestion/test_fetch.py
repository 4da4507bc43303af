"""Safe fetching (articles/ingestion/web/fetch.py): private addresses refused after resolution and on
every redirect; size, type and time limits. Against a local server on 127.0.0.1 (ports 8790-8799)."""
import gzip
import time

import pytest

from articles.ingestion.web import fetch
from tests.ingestion.webpages import news_page, serve

PUBLIC = fetch.FetchPolicy(user_agent="ClaimsDB/test (contact: desk@example.org)")
LOCAL = fetch.FetchPolicy(user_agent="ClaimsDB/test (contact: desk@example.org)", allow_private=True)
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.1.2.3", "loopback"), ("::1", "loopback"),
    ("10.0.0.1", "private"), ("172.16.5.4", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
    ("169.254.1.1", "link-local"), ("fe80::1", "link-local"),
    ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"), ("100.100.100.200", "cloud metadata"),
    ("100.64.0.1", "not a public"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("240.0.0.1", "reserved"),
])
def test_each_private_range_is_refused(address, kind):
    assert kind in fetch.refused_reason(address)
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(fetch.FetchError, match="refused"):
        fetch.fetch(f"http://{host}/article", PUBLIC)


def test_public_addresses_pass_and_allow_private_never_allows_metadata():
    assert fetch.refused_reason("93.184.216.34") is None and fetch.refused_reason("2606:2800:220:1::1") is None
    assert fetch.refused_reason("127.0.0.1", allow_private=True) is None
    assert fetch.refused_reason("10.1.2.3", allow_private=True) is None
    assert "metadata" in fetch.refused_reason("169.254.169.254", allow_private=True)
    assert "link-local" in fetch.refused_reason("169.254.3.3", allow_private=True)


def test_a_host_name_resolving_to_a_private_address_is_refused(monkeypatch):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["10.0.0.1"])
    with pytest.raises(fetch.FetchError, match=r"refused: news\.example\.com resolves to 10\.0\.0\.1 is a private"):
        fetch.fetch("https://news.example.com/story", PUBLIC)
    # One private address among public ones is enough to refuse.
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["93.184.216.34", "192.168.0.7"])
    with pytest.raises(fetch.FetchError, match="192.168.0.7"):
        fetch.fetch("https://news.example.com/story", PUBLIC)


@pytest.fixture
def public_alias(monkeypatch):
    """news.example.com is the local server, as if it were a public site; everything else is checked."""
    real = fetch.checked_address

    def checked(host, port, allow_private):
        return "127.0.0.1" if host == "news.example.com" else real(host, port, allow_private)
    monkeypatch.setattr(fetch, "checked_address", checked)
    monkeypatch.setattr(fetch, "resolve", lambda host, port: ["10.0.0.1"])  # any other name: private


def test_a_redirect_to_loopback_or_a_private_name_is_refused(public_alias):
    with serve({}) as (base, server):
        port = server.server_address[1]
        server.routes.update({
            "/ok": (200, HTML, news_page().encode()),
            "/to-loopback": (302, {"Location": f"http://127.0.0.1:{port}/ok"}, b""),
            "/to-private-name": (301, {"Location": f"http://intranet.corp:{port}/ok"}, b""),
            "/to-metadata": (307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        })
        site = f"http://news.example.com:{port}"
        assert fetch.fetch(f"{site}/ok", PUBLIC).status == 200
        with pytest.raises(fetch.FetchError, match="refused: 127.0.0.1 is a loopback"):
            fetch.fetch(f"{site}/to-loopback", PUBLIC)
        with pytest.raises(fetch.FetchError, match="intranet.corp resolves to 10.0.0.1"):
            fetch.fetch(f"{site}/to-private-name", PUBLIC)
        with pytest.raises(fetch.FetchError, match="metadata"):
            fetch.fetch(f"{site}/to-metadata", PUBLIC)
        with pytest.raises(fetch.FetchError, match="only http and https"):
            fetch.fetch(f"{site}/to-file", PUBLIC)


def test_a_local_page_with_allow_private_and_the_user_agent_sent():
    with serve({"/a": (200, {"Content-Type": "text/html; charset=ISO-8859-1"}, b"<p>caf\xe9</p>")}) as (base, server):
        got = fetch.fetch(f"{base}/a", LOCAL)
        assert (got.status, got.charset, got.body, got.final_url) == (200, "ISO-8859-1", b"<p>caf\xe9</p>", f"{base}/a")
        assert server.seen[0][1]["User-Agent"] == "ClaimsDB/test (contact: desk@example.org)"
        with pytest.raises(fetch.FetchError, match="refused: 127.0.0.1 is a loopback"):
            fetch.fetch(f"{base}/a", PUBLIC)


def test_size_cap_decompression_limit_type_status_and_timeouts():
    small = fetch.FetchPolicy(allow_private=True, max_bytes=100_000, read_timeout=0.5, total_timeout=5)
    bomb = gzip.compress(b"<p>" + b"a" * 3_000_000)

    def slow(handler):
        time.sleep(1.5)
        return 200, HTML, b"<p>late</p>"
    routes = {"/big": (200, HTML, b"x" * 200_000),
              "/bomb": (200, {**HTML, "Content-Encoding": "gzip"}, bomb),
              "/png": (200, {"Content-Type": "image/png"}, b"\x89PNG"),
              "/gone": (404, HTML, b"no"),
              "/slow": (200, HTML, slow),
              "/loop": (302, {"Location": "/loop"}, b"")}
    with serve(routes) as (base, _):
        assert len(bomb) < 100_000
        for path, reason in [("/big", "too large"), ("/bomb", "decoded"), ("/png", "content type image/png"),
                             ("/gone", "HTTP 404"), ("/slow", "timed out"), ("/loop", "more than 5 redirects")]:
            with pytest.raises(fetch.FetchError, match=reason):
                fetch.fetch(base + path, small)


def test_conditional_get():
    def cond(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {**HTML, "ETag": '"v1"', "Last-Modified": "Tue, 05 Mar 2019 10:00:00 GMT"}, b"<p>x</p>"
    with serve({"/f": (200, {}, cond)}) as (base, server):
        first = fetch.fetch(f"{base}/f", LOCAL)
        assert first.etag == '"v1"' and not first.not_modified
        again = fetch.fetch(f"{base}/f", LOCAL, etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        assert server.seen[1][1]["If-Modified-Since"] == "Tue, 05 Mar 2019 10:00:00 GMT"


def test_a_server_dripping_bytes_is_cut_off_at_the_total_deadline():
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", "1000")
        handler.end_headers()
        try:
            for _ in range(40):  # a byte every 0.1 s: never a read timeout, 4 s in all
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client hung up, as it should

    policy = fetch.FetchPolicy(allow_private=True, read_timeout=1, total_timeout=1)
    with serve({"/drip": (200, {}, drip)}) as (base, _):
        t0 = time.monotonic()
        with pytest.raises(fetch.FetchError, match="took over 1s"):
            fetch.fetch(f"{base}/drip", policy)
        assert time.monotonic() - t0 < 3
