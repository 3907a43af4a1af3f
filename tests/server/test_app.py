"""The service's endpoints answer what the library gives, byte for byte, with the shipped examples."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

import gpr_docx
from gpr_docx.check.profile import available_profiles
from gpr_docx.findings import findings_data, findings_json_by_source, sort_findings
from gpr_docx.schema import json_schema
from tests.helpers import BLANK_FORMS, DATA, EXAMPLE_NAMES, SHARED

from .conftest import PROFILE_NAME, TEMPLATE_NAME, Service

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _body(name: str) -> bytes:
    return gpr_docx.dumps(gpr_docx.examples.load(name), ".json")


def _post_json(client: httpx.Client, path: str, body: bytes, **params: str) -> httpx.Response:
    return client.post(
        path, content=body, headers={"Content-Type": "application/json"}, params=params
    )


def test_health_and_version(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["version"] == gpr_docx.__version__
    assert version["schema"] == "gpr/2021"
    assert version["templates"] == [TEMPLATE_NAME]
    assert version["profiles"] == sorted([PROFILE_NAME, *available_profiles()])
    assert "docx" in version["formats"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_gives_the_librarys_document(client: httpx.Client, name: str) -> None:
    response = _post_json(client, "/render", _body(name))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX
    assert response.content == gpr_docx.render(gpr_docx.examples.load(name))
    assert response.headers["x-gpr-errors"] == "0"
    assert "filename*=UTF-8''" in response.headers["content-disposition"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_with_a_template_named_by_the_operator(
    client: httpx.Client, service: Service, name: str
) -> None:
    response = _post_json(client, "/render", _body(name), template=TEMPLATE_NAME)
    assert response.status_code == 200, response.text
    template = service.templates / f"{TEMPLATE_NAME}.docx"
    assert response.content == gpr_docx.render(gpr_docx.examples.load(name), template=template)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_a_workbook(client: httpx.Client, name: str) -> None:
    response = _post_json(client, "/render", _body(name), format="xlsx")
    assert response.status_code == 200, response.text
    expected = gpr_docx.workbook(gpr_docx.examples.load(name))
    assert response.content == expected


def _with_errors(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_body(name))
    data["applications"]["new_requests"]["total"] += 7  # T3-3: the row no longer adds up
    return data


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_report_with_errors_is_refused_with_its_findings(client: httpx.Client, name: str) -> None:
    data = _with_errors(name)
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    report = gpr_docx.loads(body, ".json")
    found = gpr_docx.check(report)
    response = _post_json(client, "/render", body)
    assert response.status_code == 422
    answer = response.json()
    assert answer["code"] == "GPR301"
    assert answer["findings"] == findings_data(found, source="request")
    forced = _post_json(client, "/render", body, force="true")
    assert forced.status_code == 200
    assert forced.content == gpr_docx.render(report)
    assert int(forced.headers["x-gpr-errors"]) >= 1


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_check_answers_as_the_command_line_prints(
    client: httpx.Client, name: str, tmp_path: Path
) -> None:
    report = gpr_docx.examples.load(name)
    response = _post_json(client, "/check", _body(name))
    assert response.status_code == 200
    assert response.text == findings_json_by_source(
        {"request": sort_findings(gpr_docx.check(report))}
    )
    for suffix, content in (
        (".docx", gpr_docx.render(report)),
        (".xlsx", gpr_docx.workbook(report)),
        (".toml", gpr_docx.dumps(report, ".toml")),
        (".yaml", gpr_docx.dumps(report, ".yaml")),
    ):
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(content)
        read = gpr_docx.read(path)
        expected = findings_json_by_source(
            {path.name: sort_findings([*read.findings, *gpr_docx.check(read.report)])}
        )
        uploaded = client.post("/check", files={"file": (path.name, content)})
        assert uploaded.status_code == 200, uploaded.text
        assert uploaded.text == expected


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_parse_reads_back_documents_and_workbooks(client: httpx.Client, name: str) -> None:
    report = gpr_docx.examples.load(name)
    document = gpr_docx.render(report)
    parsed = gpr_docx.parse(document)
    for response in (
        client.post("/parse", files={"file": ("report.docx", document)}),
        client.post("/parse", content=document, headers={"Content-Type": DOCX}),
    ):
        assert response.status_code == 200, response.text
        answer = response.json()
        assert answer["report"] == json.loads(gpr_docx.dumps(parsed.report, ".json"))
        assert answer["edition"] == parsed.edition
        assert answer["notes"] == [note.as_dict() for note in parsed.notes]
        assert response.text.index('"schema"') < response.text.index('"year"')  # the format's order
    book = client.post("/parse", files={"file": ("book.xlsx", gpr_docx.workbook(report))})
    assert book.status_code == 200, book.text
    assert book.json()["report"] == json.loads(gpr_docx.dumps(report, ".json"))
    assert book.json()["edition"] is None


def test_parse_a_web_page(client: httpx.Client) -> None:
    page = (DATA / "foreign" / "html" / "lo-dasheng-2024.html").read_bytes()
    response = client.post("/parse", files={"file": ("page.html", page)})
    assert response.status_code == 200, response.text
    expected = gpr_docx.parse(page)
    assert response.json()["report"] == json.loads(gpr_docx.dumps(expected.report, ".json"))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_fill_a_blank_form(client: httpx.Client, name: str) -> None:
    form = BLANK_FORMS["libreoffice"].read_bytes()
    response = client.post(
        "/fill", files={"form": ("blank.docx", form), "report": ("report.json", _body(name))}
    )
    assert response.status_code == 200, response.text
    assert response.content == gpr_docx.fill(gpr_docx.examples.load(name), form)
    as_text = client.post(
        "/fill", files={"form": ("blank.docx", form)}, data={"report": _body(name).decode()}
    )
    assert as_text.content == response.content


def test_openapi_refers_to_the_published_schema(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) >= {"/render", "/check", "/parse", "/fill", "/health", "/version"}
    assert document["components"]["schemas"]["Report"] == {"$ref": "/schema/gpr-2021.json"}
    example = document["paths"]["/render"]["post"]["requestBody"]["content"]["application/json"]
    assert example["examples"]["dasheng-2024"]["value"] == json.loads(_body("dasheng-2024"))
    validator = pytest.importorskip("openapi_spec_validator")
    # The report's schema is fetched from the service on its own (below); the rest is checked here.
    document["components"]["schemas"]["Report"] = {"type": "object"}
    validator.validate(document)
    published = client.get("/schema/gpr-2021.json")
    assert published.headers["content-type"].startswith("application/schema+json")
    assert published.json() == json_schema()


def _slow_job(kind: str) -> tuple[str, dict[str, Any]]:
    """A request that keeps a worker busy for seconds: a PDF made, or a published PDF read."""
    if kind == "render-pdf":
        if shutil.which("soffice") is None:
            pytest.skip("LibreOffice (soffice) is not installed")
        body = _body("example-district-2024")
        return "/render?format=pdf", {
            "content": body,
            "headers": {"Content-Type": "application/json"},
        }
    pytest.importorskip("pdfplumber")
    if not (SHARED / "realworld").is_dir():
        pytest.skip("reference PDFs not present")
    pdf = (SHARED / "realworld" / "huaian-2024.pdf").read_bytes()
    return "/parse", {"files": {"file": ("r.pdf", pdf)}}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["render-pdf", "parse-pdf"])
def test_health_answers_while_every_worker_is_busy(
    client: httpx.Client, service: Service, kind: str
) -> None:
    path, request = _slow_job(kind)
    done: list[httpx.Response] = []

    def slow() -> None:
        with service.client() as other:
            done.append(other.post(path, **request))

    workers = [threading.Thread(target=slow) for _ in range(2)]  # the service has 2 workers
    for worker in workers:
        worker.start()
    time.sleep(0.3)
    answered: list[float] = []
    while any(w.is_alive() for w in workers) and len(answered) < 5:
        begin = time.perf_counter()
        assert client.get("/health").status_code == 200
        answered.append(time.perf_counter() - begin)
    for worker in workers:
        worker.join(120)
    assert [r.status_code for r in done] == [200, 200], [r.text[:200] for r in done]
    assert answered, "the slow jobs ended before the first health check"
    assert max(answered) < 0.5, answered


def test_check_with_last_years_report(client: httpx.Client) -> None:
    report = gpr_docx.examples.load("example-district-2024")
    previous = json.loads(gpr_docx.dumps(report, ".json"))
    previous["year"] = 2023
    previous["applications"]["carried_forward"]["natural_person"] += 5  # does not carry over
    last_year = gpr_docx.loads(json.dumps(previous).encode(), ".json")
    response = client.post(
        "/check",
        files={
            "file": ("this.toml", gpr_docx.dumps(report, ".toml")),
            "previous": ("last.json", json.dumps(previous).encode()),
        },
    )
    assert response.status_code == 200, response.text
    expected = sort_findings(gpr_docx.check(report, last_year))
    assert response.text == findings_json_by_source({"this.toml": expected})
    assert expected != sort_findings(gpr_docx.check(report))
    broken = client.post(
        "/check", files={"file": ("this.toml", b"x"), "previous": ("last.json", b"{")}
    )
    assert broken.json()["code"] == "GPR103"


@pytest.mark.parametrize("profile", ["example-district", PROFILE_NAME])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_a_rule_profile_chosen_by_name(client: httpx.Client, name: str, profile: str) -> None:
    report = gpr_docx.examples.load(name)
    expected = sort_findings(gpr_docx.check(report, profile="example-district"))
    response = client.post(
        "/check",
        content=_body(name),
        headers={"Content-Type": "application/json"},
        params={"profile": profile},
    )
    assert response.status_code == 200, response.text
    assert response.text == findings_json_by_source({"request": expected})
    rendered = _post_json(client, "/render", _body(name), profile=profile, force="true")
    errors = sum(f.severity is gpr_docx.Severity.ERROR for f in expected)
    assert rendered.headers["x-gpr-errors"] == str(errors)


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_a_pdf(client: httpx.Client, service: Service, name: str) -> None:
    """LibreOffice stamps each PDF with its moment, so the two are compared as read back."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pytest.importorskip("pdfplumber")
    report = gpr_docx.examples.load(name)
    template = service.templates / f"{TEMPLATE_NAME}.docx"
    response = _post_json(client, "/render", _body(name), format="pdf", template=TEMPLATE_NAME)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    expected = gpr_docx.render_pdf(report, template=template)
    assert gpr_docx.parse(response.content).report == gpr_docx.parse(expected).report


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_render_a_web_page(client: httpx.Client, name: str) -> None:
    report = gpr_docx.examples.load(name)
    page = _post_json(client, "/render", _body(name), format="html")
    assert page.status_code == 200, page.text
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.text == gpr_docx.render_html(report)
    article = _post_json(client, "/render", _body(name), format="html", fragment="true")
    assert article.text == gpr_docx.render_html(report, fragment=True)
