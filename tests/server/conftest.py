"""A real service for the tests: ``gpr-docx serve`` in a subprocess on a free loopback port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("starlette")
pytest.importorskip("httpx")

import httpx

from tests.helpers import ROOT

TEMPLATE_NAME = "restyled"
"""The one template the test service offers: a copy of the official one, under its own name."""
PROFILE_NAME = "local"
"""The one profile the operator adds: a copy of the built-in example-district."""
TOKEN = "s3cret-token-for-tests"  # noqa: S105 - a test service's token


class Service:
    """A running service: its base URL and the folder of its templates."""

    def __init__(self, url: str, templates: Path, process: subprocess.Popen[bytes]) -> None:
        self.url = url
        self.templates = templates
        self.process = process

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _popen(
    folder: Path,
    log: Any,
    *,
    port: int,
    templates: Path,
    options: tuple[str, ...],
    env: dict[str, str],
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gpr_docx",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            "--templates-dir",
            str(templates),
            "--profiles-dir",
            str(templates.parent / "profiles"),
            *options,
        ],
        cwd=folder,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_service(folder: Path, *options: str) -> Service:
    """Start ``gpr-docx serve`` with ``options`` and wait until ``GET /health`` answers."""
    templates = folder / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "templates" / "official-2021.docx", templates / f"{TEMPLATE_NAME}.docx")
    profiles = folder / "profiles"
    profiles.mkdir(exist_ok=True)
    shutil.copy(
        ROOT / "templates" / "profiles" / "example-district.toml", profiles / f"{PROFILE_NAME}.toml"
    )
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with (folder / "service.log").open("wb") as log:  # the child keeps its own copy
        process = _popen(folder, log, port=port, templates=templates, options=options, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((folder / "service.log").read_text("utf-8", "replace"))
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return Service(url, templates, process)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the service did not start in 90 s")


def stop_service(service: Service) -> None:
    service.process.send_signal(signal.SIGINT)
    try:
        service.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        service.process.kill()
        service.process.wait()


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service with its defaults but a short header deadline (for the slow client) and 2 MB bodies."""
    running = start_service(
        tmp_path_factory.mktemp("service"), "--header-timeout", "2", "--max-body", "2MB"
    )
    yield running
    stop_service(running)


@pytest.fixture(scope="session")
def guarded_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service with a bearer token and a short request time limit."""
    folder = tmp_path_factory.mktemp("guarded")
    token_file = folder / "token"
    token_file.write_text(f"{TOKEN}\n", "utf-8")
    running = start_service(folder, "--token-file", str(token_file), "--timeout", "2")
    yield running
    stop_service(running)


@pytest.fixture
def client(service: Service) -> Iterator[httpx.Client]:
    with service.client() as opened:
        yield opened
