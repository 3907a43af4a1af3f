"""Bad requests get a 4xx JSON error with a code, and the service keeps serving."""

from __future__ import annotations

import io
import json
import socket
import time
import zipfile
from collections.abc import Iterator

import httpx
import pytest

import gpr_docx

from .conftest import TOKEN, Service

MB = 1024 * 1024


def _report() -> bytes:
    return gpr_docx.dumps(gpr_docx.examples.load("dasheng-2024"), ".json")


def _refused(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    answer = response.json()
    assert answer["code"] == code, answer
    assert isinstance(answer["message"], str)
    assert "Traceback" not in response.text
    return dict(answer)


@pytest.fixture
def client(service: Service) -> Iterator[httpx.Client]:
    """A client, and after the test a check that the service still renders."""
    with service.client() as opened:
        yield opened
        after = opened.post(
            "/render", content=_report(), headers={"Content-Type": "application/json"}
        )
        assert after.status_code == 200


def test_invalid_json(client: httpx.Client) -> None:
    deep = client.post(
        "/render", content=b"[" * 100_000, headers={"Content-Type": "application/json"}
    )
    _refused(deep, 400, "GPR103")
    for path in ("/render", "/check"):
        response = client.post(
            path, content=b'{"schema": ', headers={"Content-Type": "application/json"}
        )
        _refused(response, 400, "GPR103")


def test_wrong_content_type(client: httpx.Client) -> None:
    _refused(
        client.post("/render", content=_report(), headers={"Content-Type": "text/plain"}),
        415,
        "GPR702",
    )
    _refused(client.post("/render", content=_report()), 415, "GPR702")
    _refused(
        client.post("/fill", content=_report(), headers={"Content-Type": "application/json"}),
        415,
        "GPR702",
    )
    _refused(
        client.post("/check", content=b"x", headers={"Content-Type": "image/png"}), 415, "GPR702"
    )


def test_a_body_over_the_limit_is_refused_unread(client: httpx.Client) -> None:
    declared = client.post(
        "/render", content=b" " * (3 * MB), headers={"Content-Type": "application/json"}
    )
    _refused(declared, 413, "GPR701")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams
        for _ in range(3 * 16):
            yield b" " * (64 * 1024)

    streamed = client.post(
        "/render", content=chunks(), headers={"Content-Type": "application/json"}
    )
    _refused(streamed, 413, "GPR701")
    upload = client.post("/check", files={"file": ("big.docx", b"\0" * (3 * MB))})
    _refused(upload, 413, "GPR701")


def test_a_zip_bomb_upload(client: httpx.Client) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as part:
            for _ in range(300):
                part.write(b"\0" * MB)
    bomb = buffer.getvalue()
    assert len(bomb) < MB
    started = time.perf_counter()
    for path in ("/check", "/parse"):
        _refused(client.post(path, files={"file": ("bomb.docx", bomb)}), 422, "GPR504")
    form = client.post(
        "/fill", files={"form": ("bomb.docx", bomb), "report": ("r.json", _report())}
    )
    _refused(form, 422, "GPR504")
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize(
    "template", ["../../../etc/passwd", "/srv/evil.docx", "restyled.docx", "C:\\x.docx", "nope"]
)
def test_a_template_is_chosen_by_name_never_by_path(client: httpx.Client, template: str) -> None:
    response = client.post(
        "/render",
        content=_report(),
        headers={"Content-Type": "application/json"},
        params={"template": template},
    )
    answer = _refused(response, 400, "GPR704")
    assert "restyled" in str(answer["message"])


@pytest.mark.parametrize("profile", ["no-such", "../profiles/x.toml", "/etc/passwd"])
def test_a_profile_is_chosen_by_name_never_by_path(client: httpx.Client, profile: str) -> None:
    response = client.post(
        "/check",
        content=_report(),
        headers={"Content-Type": "application/json"},
        params={"profile": profile},
    )
    answer = _refused(response, 400, "GPR703")
    assert "national" in str(answer["message"])


def test_a_thousand_unknown_keys(client: httpx.Client) -> None:
    data = json.loads(_report())
    data.update({f"unknown_{i}": i for i in range(1000)})
    response = client.post(
        "/render", content=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )
    answer = _refused(response, 422, "GPR110")
    findings = answer["findings"]
    assert isinstance(findings, list)
    assert len(findings) == 1000
    assert {f["rule"] for f in findings} == {"GPR111"}


def test_parameters_endpoints_and_methods(client: httpx.Client) -> None:
    post = {"content": _report(), "headers": {"Content-Type": "application/json"}}
    _refused(client.post("/render", params={"fromat": "docx"}, **post), 400, "GPR703")  # type: ignore[arg-type]
    _refused(client.post("/render", params={"format": "odt"}, **post), 400, "GPR703")  # type: ignore[arg-type]
    _refused(client.post("/render", params={"force": "maybe"}, **post), 400, "GPR703")  # type: ignore[arg-type]
    for wrong in (
        {"format": "xlsx", "template": "restyled"},
        {"format": "html", "template": "restyled"},
        {"format": "docx", "fragment": "true"},
    ):
        _refused(client.post("/render", params=wrong, **post), 400, "GPR703")  # type: ignore[arg-type]
    _refused(client.get("/nowhere"), 404, "GPR708")
    _refused(client.get("/render"), 405, "GPR708")
    _refused(client.post("/fill", files={"form": ("f.docx", b"x")}), 400, "GPR703")
    _refused(client.post("/check", files={"other": ("f.docx", b"x")}), 400, "GPR703")
    many = [("file", (f"f{i}.docx", b"x")) for i in range(50)]
    _refused(client.post("/check", files=many), 400, "GPR703")
    fields = {f"field{i}": "x" for i in range(50)}
    _refused(client.post("/check", files={"file": ("f.docx", b"x")}, data=fields), 400, "GPR703")


def test_a_slow_client_is_dropped_and_others_are_served(service: Service) -> None:
    host, port = service.url.removeprefix("http://").split(":")
    slow = socket.create_connection((host, int(port)), timeout=10)
    started = time.monotonic()
    try:
        slow.sendall(b"POST /render HTTP/1.1\r\nHost: x\r\n")
        answer = b""
        with service.client() as other:
            while time.monotonic() - started < 8:
                begin = time.monotonic()
                assert other.get("/health").status_code == 200
                assert time.monotonic() - begin < 1
                try:
                    slow.sendall(b"X-Dribble: 1\r\n")
                except OSError:
                    break
                slow.settimeout(0.3)
                try:
                    chunk = slow.recv(65536)
                except TimeoutError:
                    continue
                answer += chunk
                if not chunk or b"\r\n\r\n" in answer:
                    break
        elapsed = time.monotonic() - started
    finally:
        slow.close()
    assert elapsed < 8, "the slow client was never dropped"
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["code"] == "GPR705"


def test_the_token(guarded_service: Service) -> None:
    with guarded_service.client() as client:
        assert client.get("/health").status_code == 200
        response = client.get("/version")
        _refused(response, 401, "GPR706")
        assert response.headers["www-authenticate"] == "Bearer"
        wrong = client.get("/version", headers={"Authorization": "Bearer nope"})
        _refused(wrong, 401, "GPR706")
        ok = client.post(
            "/render",
            content=_report(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
        )
        assert ok.status_code == 200


def test_a_body_that_arrives_too_slowly(guarded_service: Service) -> None:
    """The guarded service gives a request 2 s; a body dribbled slower is answered 408 and dropped."""
    host, port = guarded_service.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as slow:
        slow.sendall(
            b"POST /render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + TOKEN.encode() + b"\r\nContent-Length: 100\r\n\r\n{"
        )
        started = time.monotonic()
        answer = b""
        while time.monotonic() - started < 8:
            chunk = slow.recv(65536)
            answer += chunk
            if not chunk or b"}" in answer:
                break
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["code"] == "GPR705"
    with guarded_service.client() as client:
        assert client.get("/health").status_code == 200
