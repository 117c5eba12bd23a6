"""Hostile URLs against the real server: traversal and injection strings in every parameter get
404 or 422, never a server error, and nothing from the filesystem; serve listens on loopback."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import newsprism

# Sent as they are written: each is already the raw bytes of a URL path segment or query value.
BAD = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "..%252F..%252Fetc%252Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "....%2F%2F....%2F%2Fetc%2Fpasswd",
    "..%5C..%5Cwindows%5Cwin.ini",
    "%2Fetc%2Fpasswd",
    "%00",
    "st-1ef4%00",
    "%27%20OR%20%271%27%3D%271",
    "1%3B%20DROP%20TABLE%20articles%3B--",
    "%22%20OR%20%22%22%3D%22",
    "%25",
    "%2A",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "x" * 3000,
]

PATH_ROUTES = [
    "/stories/{}",
    "/articles/{}",
    "/outlets/{}",
    "/speakers/{}",
    "/static/{}",
    "/api/v1/stories/{}",
    "/api/v1/articles/{}",
    "/api/v1/outlets/{}",
    "/api/v1/speakers/{}",
]

QUERY_ROUTES = [
    "/stories?q={}",
    "/stories?outlet={}",
    "/stories?since={}",
    "/stories?until={}",
    "/stories?page={}",
    "/articles/1ef489989abcfedd?start={}&end=10",
    "/api/v1/stories?q={}",
    "/api/v1/stories?outlet={}",
    "/api/v1/stories?since={}",
    "/api/v1/stories?page={}&per_page={}",
    "/api/v1/articles?page={}",
    "/api/v1/search?q={}",
    "/api/v1/search?q=Peskov&limit={}",
]


def _raw(base: str, path: str) -> tuple[int, bytes, str]:
    """GET ``path`` byte for byte (no client-side normalising of dots or escapes)."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        answer = conn.getresponse()
        return answer.status, answer.read(), answer.getheader("Content-Type") or ""
    finally:
        conn.close()


@pytest.mark.parametrize("route", PATH_ROUTES)
def test_bad_ids_in_paths_answer_404_or_422(server: str, route: str) -> None:
    for bad in BAD:
        status, body, kind = _raw(server, route.format(bad))
        assert status in (404, 422), (route, bad, status)
        assert b"root:" not in body and b"[fonts]" not in body
        if route.startswith("/api/"):
            assert kind.startswith("application/json")
            assert json.loads(body)["status"] == status


@pytest.mark.parametrize("route", QUERY_ROUTES)
def test_bad_query_values_never_fail_the_server(server: str, route: str) -> None:
    for bad in BAD:
        status, body, _ = _raw(server, route.format(bad, bad))
        assert status in (200, 404, 422), (route, bad, status)
        assert b"root:" not in body


def test_the_store_is_intact_after_the_injections(server: str) -> None:
    status, body, _ = _raw(server, "/api/v1/articles?per_page=100")
    assert status == 200 and json.loads(body)["total"] == 7


def test_unknown_ids_answer_json_404(server: str) -> None:
    for path in ("/api/v1/stories/st-000000000000", "/api/v1/articles/0000000000000000"):
        status, body, kind = _raw(server, path)
        assert status == 404 and kind.startswith("application/json")
        assert "no " in json.loads(body)["error"]


def test_every_response_forbids_other_origins(server: str) -> None:
    where = urlsplit(server)
    for path in ("/stories", "/api/v1/stories", "/nowhere", "/static/style.css"):
        conn = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
        conn.request("GET", path)
        answer = conn.getresponse()
        answer.read()
        csp = answer.getheader("Content-Security-Policy") or ""
        conn.close()
        assert "default-src 'none'" in csp and "http" not in csp, path
        assert answer.getheader("X-Content-Type-Options") == "nosniff"


def test_serve_listens_on_loopback_only(server: str) -> None:
    port = urlsplit(server).port
    assert port is not None
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hexport = local.rpartition(":")
            if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                listening.add(address)
    if not listening:
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert listening == {"0100007F"}  # 127.0.0.1, nothing else
    assert "127.0.0.1" in newsprism("serve", "--help").stdout


def test_quoted_names_reach_the_outlet_and_speaker_pages(server: str) -> None:
    for path in ("/outlets/" + quote("France 24"), "/speakers/" + quote("Dmitry Peskov")):
        status, _, _ = _raw(server, path)
        assert status == 200, path
