"""A small load generator in plain Python: N client threads, each a fresh HTTP connection per request.

gunicorn's sync workers close the connection after every response, so a new connection per request is what a
browser behind nginx costs them too. Latency is measured per request; throughput is requests finished over the
wall-clock time of the round.
"""

import gzip
import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class Fetched:
    status: int
    size: int
    seconds: float
    gzipped: int = 0  # the body gzip-compressed (level 6, as nginx or GZipMiddleware would): what a slow link carries


def accept_for(path):
    """What a browser asks for a page, and what an API client asks for a list."""
    return "application/json" if path.startswith("/api/") else "text/html,application/xhtml+xml"


def fetch(*, port, path, cookie="", host="127.0.0.1", timeout=900, weigh=False):
    """One GET through a new connection, the body read whole: status, body size, seconds (and gzipped size)."""
    headers = {"Host": host, "Accept": accept_for(path), "Accept-Language": "en", "X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    return Fetched(response.status, len(body), seconds, len(gzip.compress(body, 6)) if weigh else 0)


# What a browser loads on a first view: stylesheets, scripts, images in the page, and one icon (the first it is
# offered; an apple-touch-icon is fetched only when the page is added to an iPhone's home screen).
LOADED_RE = re.compile(
    r'<link rel="stylesheet" href="(/static/[^"]+)"|<script src="(/static/[^"]+)"|<img src="(/static/[^"]+)"'
)
ICON_RE = re.compile(r'<link rel="icon" href="(/static/[^"]+)"')


def page_weight(*, port, path, cookie):
    """What a page costs over the wire, as a browser that accepts brotli and gzip gets it: a first view loads the
    HTML and each stylesheet, script and image it links and one icon (whitenoise serves them compressed; the
    apple-touch-icon is left out: only an iPhone adding the page to its home screen fetches it); a repeat view only
    the HTML (static files carry far-future cache headers). Also the HTML gzipped at level 6."""
    html, encoding = _get(port, path, {"Cookie": cookie, "Accept": accept_for(path), "Accept-Encoding": "br, gzip"})
    plain, _ = _get(port, path, {"Cookie": cookie, "Accept": accept_for(path)})
    text = plain.decode("utf-8", "replace")
    assets = {url for match in LOADED_RE.findall(text) for url in match if url}
    assets |= set(ICON_RE.findall(text)[:1])
    assets = sorted(assets)
    static = sum(len(_get(port, asset, {"Accept-Encoding": "br, gzip"})[0]) for asset in assets)
    return {
        "first": len(html) + static,
        "repeat": len(html),
        "encoding": encoding or "none",
        "gzipped": len(gzip.compress(plain, 6)),
        "assets": len(assets),
    }


def _get(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **headers})
        response = connection.getresponse()
        return response.read(), response.getheader("Content-Encoding")
    finally:
        connection.close()


@dataclass
class Round:
    requests: int
    seconds: float
    latencies: list
    statuses: set

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def p99(self):
        return percentile(self.latencies, 99)


def percentile(values, pct):
    """The nearest-rank percentile (with few samples, p99 is the slowest request)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def load_round(*, port, path, cookie, clients, duration):
    """``clients`` threads request ``path`` until ``duration`` seconds have passed (each at least once)."""
    latencies, statuses, lock = [], set(), threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        done = 0
        while done == 0 or time.perf_counter() < deadline:
            try:
                result = fetch(port=port, path=path, cookie=cookie)
            except OSError:  # reset or refused: counted as status 0, which the verdict reports as broken
                result = Fetched(0, 0, 0.0)
            done += 1
            with lock:
                latencies.append(result.seconds)
                statuses.add(result.status)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Round(len(latencies), time.perf_counter() - started, latencies, statuses)


def merge_rounds(first, second):
    """Two measurements of the same page (the trivial view before and after the pages) as one: medians of all rounds."""
    rounds = first["rounds"] + second["rounds"]
    return {
        "rounds": rounds,
        "rps": statistics.median(rps for rps, _p99 in rounds),
        "p99": statistics.median(p99 for _rps, p99 in rounds),
        "requests": first["requests"] + second["requests"],
        "statuses": sorted(set(first["statuses"]) | set(second["statuses"])),
    }


def load_median(*, port, path, cookie, clients, duration, repeat):
    """``repeat`` rounds; the median requests per second and the median p99 of the rounds."""
    rounds = [
        load_round(port=port, path=path, cookie=cookie, clients=clients, duration=duration) for _ in range(repeat)
    ]
    statuses = set().union(*(r.statuses for r in rounds))
    return {
        "rounds": [(r.rps, r.p99) for r in rounds],
        "rps": statistics.median(r.rps for r in rounds),
        "p99": statistics.median(r.p99 for r in rounds),
        "requests": sum(r.requests for r in rounds),
        "statuses": sorted(statuses),
    }
