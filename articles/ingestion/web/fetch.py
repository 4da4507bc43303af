"""Fetch one web address safely. No Django import: the caller passes a FetchPolicy built from settings.

- Only http and https, on any port; the host is resolved here and every address it resolves to
  must be public (not loopback, private, link-local, shared, multicast, reserved or a cloud
  metadata address). The connection is made to the address that was checked, so a second DNS
  answer cannot swap it (DNS rebinding); TLS still verifies the host name.
- Redirects are followed by hand (at most ``max_redirects``), each hop checked the same way.
- A size cap on the decoded (decompressed) body, so a compressed bomb stops at the cap too;
  connect and read timeouts and a wall-clock limit; the content type must be one asked for.
- ``allow_private`` (CLAIMSDB_FETCH_ALLOW_PRIVATE) lets tests and local tools fetch from loopback
  and private networks; cloud metadata addresses stay refused even then.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
              "application/feed+json", "text/html")  # some servers label feeds text/html; the parser decides
# Cloud providers' instance metadata services: refused even when private addresses are allowed.
METADATA = {ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200",
                                                "fd00:ec2::254", "192.0.0.192")}


class FetchError(Exception):
    """The address cannot be fetched; the message says why, in one line. ``transient`` when trying
    again later may succeed (a timeout, a dropped connection, HTTP 429 or 5xx). ``status``: the
    HTTP status when the server answered with an error."""

    def __init__(self, message: str, transient: bool = False, status: int | None = None):
        super().__init__(message)
        self.transient = transient
        self.status = status


TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = "ClaimsDB"
    allow_private: bool = False
    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    backoff: float = 1.0  # seconds before the first retry (fetch_retrying), doubling after


@dataclass
class FetchResult:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    content_type: str = ""
    charset: str | None = None
    etag: str = ""
    last_modified: str = ""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (patched in tests)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def refused_reason(address: str, allow_private: bool = False) -> str | None:
    """Why an address may not be fetched from, or None when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return f"{ip} is a cloud metadata address"
    if ip.is_global and not ip.is_multicast:
        return None
    if allow_private and (ip.is_loopback or ip.is_private) and not (ip.is_link_local or ip.is_multicast):
        return None
    for label, test in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                        ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                        ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return f"{ip} is a {label} address"
    return f"{ip} is not a public address"


def checked_address(host: str, port: int, allow_private: bool) -> str:
    """One public address of the host (all of them must be public), or FetchError."""
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        addresses = [str(literal)]
    except ValueError:
        addresses = resolve(host, port)
    if not addresses:
        raise FetchError(f"{host} has no address")
    for a in addresses:
        reason = refused_reason(a, allow_private)
        if reason:
            raise FetchError(f"refused: {host} resolves to {reason}" if a != host.strip("[]") else f"refused: {reason}")
    return addresses[0]


class _Checked:
    """Connect to the address checked for this host, not to whatever DNS answers next."""

    allow_private = False

    def _new_conn(self):
        address = checked_address(self._dns_host, self.port, self.allow_private)
        try:
            sock = socket.create_connection((address, self.port), timeout=self.timeout,
                                            source_address=self.source_address)
        except OSError as exc:
            raise urllib3.exceptions.NewConnectionError(self, f"cannot connect to {self.host}: {exc}") from exc
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock


def _manager(policy: FetchPolicy) -> urllib3.PoolManager:
    conn = type("Conn", (_Checked, HTTPConnection), {"allow_private": policy.allow_private})
    sconn = type("SConn", (_Checked, HTTPSConnection), {"allow_private": policy.allow_private})
    pools = {"http": type("Pool", (HTTPConnectionPool,), {"ConnectionCls": conn}),
             "https": type("SPool", (HTTPSConnectionPool,), {"ConnectionCls": sconn})}
    pm = urllib3.PoolManager(num_pools=4, retries=False)
    pm.pool_classes_by_scheme = pools
    return pm


def check_url(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) address; FetchError for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be fetched, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise FetchError("the address has no host")
    if parts.username or parts.password:
        raise FetchError("addresses with a user name or password are refused")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("the address has an invalid port") from None
    return parts.hostname, port


def _media_type(value: str) -> tuple[str, str | None]:
    head, *params = [p.strip() for p in (value or "").split(";")]
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in params if p.lower().startswith("charset=")), None)
    return head.lower(), charset


def fetch(url: str, policy: FetchPolicy, accept: tuple[str, ...] = HTML_TYPES, etag: str = "",
          last_modified: str = "") -> FetchResult:
    """GET one address under the policy; FetchError with the reason when it cannot be had."""
    started = time.monotonic()
    pm = _manager(policy)
    headers = {"User-Agent": policy.user_agent, "Accept": ", ".join(accept) + ", */*;q=0.1",
               "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    try:
        for _hop in range(policy.max_redirects + 1):
            check_url(current)
            resp = pm.request("GET", current, headers=headers, redirect=False, preload_content=False,
                              timeout=urllib3.Timeout(connect=policy.connect_timeout, read=policy.read_timeout))
            if resp.status in (301, 302, 303, 307, 308) and resp.headers.get("Location"):
                resp.release_conn()
                current = urljoin(current, resp.headers["Location"])
                continue
            return _read(url, current, resp, policy, accept, started)
        raise FetchError(f"more than {policy.max_redirects} redirects")
    except urllib3.exceptions.HTTPError as exc:
        raise _refusal(exc) from None
    finally:
        pm.clear()


def _refusal(exc: urllib3.exceptions.HTTPError) -> FetchError:
    """The FetchError for a failed request: the address check's own (not transient), else transient."""
    cause = exc.__context__ if isinstance(exc.__context__, FetchError) else None
    if cause is None and isinstance(getattr(exc, "reason", None), FetchError):
        cause = exc.reason
    if cause is not None:
        return FetchError(str(cause))
    return FetchError(_one_line(exc), transient=True)


def post(url: str, body: bytes, headers: dict[str, str], policy: FetchPolicy) -> int:
    """POST ``body`` to one address under the policy's address checks and timeouts (a webhook).
    Redirects are not followed (their status is returned); the answer's body is read up to 64 KiB
    and dropped. Returns the HTTP status; FetchError when there is no answer."""
    check_url(url)
    pm = _manager(policy)
    try:
        resp = pm.request("POST", url, body=body, headers={"User-Agent": policy.user_agent, **headers},
                          redirect=False, preload_content=False,
                          timeout=urllib3.Timeout(connect=policy.connect_timeout, read=policy.read_timeout))
        try:
            resp.read(64 * 1024)
        finally:
            resp.release_conn()
        return resp.status
    except urllib3.exceptions.HTTPError as exc:
        raise _refusal(exc) from None
    finally:
        pm.clear()


def fetch_retrying(url: str, policy: FetchPolicy, attempts: int = 3, sleep=time.sleep, **kwargs) -> FetchResult:
    """fetch(), tried again after a transient failure: waits of policy.backoff, twice that, ... seconds."""
    for attempt in range(attempts):
        try:
            return fetch(url, policy, **kwargs)
        except FetchError as exc:
            if not exc.transient or attempt == attempts - 1:
                raise
            sleep(policy.backoff * 2 ** attempt)
    raise AssertionError("unreachable")


def _read(url: str, final: str, resp, policy: FetchPolicy, accept: tuple[str, ...], started: float) -> FetchResult:
    try:
        if resp.status == 304:
            return FetchResult(url, final, 304, b"", etag=resp.headers.get("ETag", ""),
                               last_modified=resp.headers.get("Last-Modified", ""))
        if resp.status >= 400 or resp.status < 200:
            raise FetchError(f"HTTP {resp.status}", transient=resp.status in TRANSIENT_STATUS, status=resp.status)
        ctype, charset = _media_type(resp.headers.get("Content-Type", ""))
        if ctype and ctype not in accept:
            raise FetchError(f"not a web page (content type {ctype})")
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > policy.max_bytes:
            raise FetchError(f"too large ({int(length):,} bytes; the limit is {policy.max_bytes:,})")
        chunks, size = [], 0
        # A server that sends a byte now and then never trips the read timeout: the whole fetch
        # has a deadline, and the connection is shut when it passes.
        remaining = policy.total_timeout - (time.monotonic() - started)
        watchdog = threading.Timer(max(0.01, remaining), resp.shutdown)
        watchdog.daemon = True
        watchdog.start()
        try:
            for chunk in resp.stream(64 * 1024, decode_content=True):
                size += len(chunk)
                if size > policy.max_bytes:
                    raise FetchError(f"too large (over {policy.max_bytes:,} bytes decoded; the limit is {policy.max_bytes:,})")
                chunks.append(chunk)
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if time.monotonic() - started >= policy.total_timeout:
                raise FetchError(f"took over {policy.total_timeout:g}s", transient=True) from None
            raise FetchError(_one_line(exc), transient=True) from None
        finally:
            watchdog.cancel()
        if time.monotonic() - started >= policy.total_timeout:
            raise FetchError(f"took over {policy.total_timeout:g}s", transient=True)
        return FetchResult(url, final, resp.status, b"".join(chunks), content_type=ctype, charset=charset,
                           etag=resp.headers.get("ETag", ""), last_modified=resp.headers.get("Last-Modified", ""))
    finally:
        resp.release_conn()


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if "timed out" in text.lower() or "timeout" in type(exc).__name__.lower():
        return "timed out"
    return text[:200] or type(exc).__name__
