"""The publication bundle: every file an office publishes, sealed by a manifest; verify finds what
was changed, removed or added after publication."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from gpr_docx import Report, __version__, examples, parse, render
from gpr_docx.errors import (
    DATA_CHANGED,
    FILE_ADDED,
    FILE_CHANGED,
    FILE_MISSING,
    HtmlTemplateError,
    ManifestError,
    OutputError,
    OutputExistsError,
    PdfConverterMissingError,
)
from gpr_docx.publish import MANIFEST, MANIFEST_FORMAT, publish, verify
from gpr_docx.render.html import render_html
from gpr_docx.render.pdf import SOFFICE_ENV
from tests.helpers.libreoffice import flat, soffice, unavailable

NAMES = ["区.docx", "区.fragment.html", "区.html"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def report() -> Report:
    return examples.load("example-district-2024")


@pytest.fixture
def bundle(tmp_path: Path, report: Report) -> Path:
    folder = tmp_path / "发布"
    publish(report, folder, name="区", data=b"data of the report", data_name="区.toml", pdf=False)
    return folder


def test_writes_every_file_and_a_manifest_that_seals_them(bundle: Path, report: Report) -> None:
    assert sorted(p.name for p in bundle.iterdir()) == sorted([*NAMES, MANIFEST])
    manifest = json.loads((bundle / MANIFEST).read_text("utf-8"))
    assert manifest["format"] == MANIFEST_FORMAT
    assert manifest["library"] == {"name": "gpr-docx", "version": __version__}
    assert manifest["data"] == {
        "name": "区.toml",
        "sha256": _sha(b"data of the report"),
        "size": len(b"data of the report"),
    }
    assert manifest["report"] == {
        "agency": report.agency,
        "year": report.year,
        "title": report.document_title,
    }
    for name in NAMES:
        data = (bundle / name).read_bytes()
        assert manifest["files"][name] == {"sha256": _sha(data), "size": len(data)}
    assert (bundle / "区.html").read_text("utf-8") == render_html(report)
    assert (bundle / "区.fragment.html").read_text("utf-8") == render_html(report, fragment=True)
    assert parse(bundle / "区.docx").report == report
    assert parse(bundle / "区.html").report == report
    assert (bundle / "区.docx").read_bytes()[:2] == render(report)[:2]
    assert not [p for p in bundle.iterdir() if p.name.endswith(".part")]


def test_verify_an_untouched_bundle(bundle: Path) -> None:
    result = verify(bundle)
    assert result.ok
    assert sorted(result.checked) == sorted(NAMES)
    assert result.discrepancies == ()


def test_verify_finds_changed_missing_and_added_files(bundle: Path) -> None:
    page = bundle / "区.html"
    text = page.read_bytes()
    page.write_bytes(text.replace(b"<h1>", b"<h1 >", 1))  # one byte longer
    fragment = bundle / "区.fragment.html"
    same_size = bytearray(fragment.read_bytes())
    same_size[-2] = ord("x")  # one byte changed, the size kept
    fragment.write_bytes(bytes(same_size))
    (bundle / "区.docx").unlink()
    (bundle / "说明.txt").write_text("added later", "utf-8")
    result = verify(bundle)
    assert not result.ok
    found = {(d.code, d.name) for d in result.discrepancies}
    assert found == {
        (FILE_CHANGED, "区.html"),
        (FILE_CHANGED, "区.fragment.html"),
        (FILE_MISSING, "区.docx"),
        (FILE_ADDED, "说明.txt"),
    }
    messages = {d.name: str(d) for d in result.discrepancies}
    assert messages["区.fragment.html"].startswith(
        "GPR221 区.fragment.html：发布后被修改（大小未变"
    )
    assert "→" in messages["区.html"]


def test_verify_compares_the_data(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "区.toml"
    data.write_bytes(b"data of the report")
    assert verify(bundle, data=data).ok
    data.write_bytes(b"data of the report, edited")
    [problem] = verify(bundle, data=data).discrepancies
    assert problem.code == DATA_CHANGED
    [missing] = verify(bundle, data=tmp_path / "nope.toml").discrepancies
    assert missing.code == DATA_CHANGED


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        (None, "没有清单"),
        (b"{not json", "不是有效的 JSON"),
        (b"\xff\xfe", "不是有效的 JSON"),
        (json.dumps({"format": "other"}).encode(), "不是 gpr-docx 的发布清单"),
        (json.dumps({"format": MANIFEST_FORMAT, "files": {}}).encode(), "没有文件列表"),
        (
            json.dumps(
                {"format": MANIFEST_FORMAT, "files": {"../x": {"sha256": "0" * 64, "size": 1}}}
            ).encode(),
            "不是本文件夹中的文件名",
        ),
        (
            json.dumps(
                {"format": MANIFEST_FORMAT, "files": {"a": {"sha256": "xyz", "size": 1}}}
            ).encode(),
            "无效",
        ),
        (
            json.dumps(
                {"format": MANIFEST_FORMAT, "files": {"a": {"sha256": "0" * 64, "size": True}}}
            ).encode(),
            "无效",
        ),
        (b" " * (1024 * 1024 + 1), "超过"),
    ],
)
def test_a_bad_manifest_is_one_clear_error(
    bundle: Path, manifest: bytes | None, message: str
) -> None:
    path = bundle / MANIFEST
    if manifest is None:
        path.unlink()
    else:
        path.write_bytes(manifest)
    with pytest.raises(ManifestError, match=message) as raised:
        verify(bundle)
    assert raised.value.code == "GPR224"


def test_verify_a_folder_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="不存在"):
        verify(tmp_path / "nope")


def test_existing_files_are_kept_unless_forced(bundle: Path, report: Report) -> None:
    before = {p.name: p.read_bytes() for p in bundle.iterdir()}
    (bundle / "区.html").write_bytes(b"keep me")
    before["区.html"] = b"keep me"
    with pytest.raises(OutputExistsError):
        publish(report, bundle, name="区", pdf=False)
    assert {p.name: p.read_bytes() for p in bundle.iterdir()} == before
    publish(report, bundle, name="区", force=True, pdf=False)
    assert verify(bundle).ok
    assert json.loads((bundle / MANIFEST).read_text("utf-8"))["data"] is None


def test_a_failure_writes_nothing(tmp_path: Path, report: Report) -> None:
    bad = tmp_path / "bad.html.j2"
    bad.write_text("{{ title }", "utf-8")
    folder = tmp_path / "out"
    with pytest.raises(HtmlTemplateError):
        publish(report, folder, name="区", html_template=bad, pdf=False)
    assert not folder.exists() or list(folder.iterdir()) == []


@pytest.mark.parametrize("name", ["", "a/b", "..", "a\\b"])
def test_the_base_name_is_a_plain_name(tmp_path: Path, report: Report, name: str) -> None:
    with pytest.raises(OutputError, match="基本名称"):
        publish(report, tmp_path, name=name, pdf=False)


def test_the_folder_is_not_a_file(tmp_path: Path, report: Report) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="文件夹"):
        publish(report, target, name="区", pdf=False)


def test_only_a_report_is_published(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="publish"):
        publish({"year": 2024}, tmp_path, name="x")  # type: ignore[arg-type]


# -- the PDF ---------------------------------------------------------------------------------------


def test_the_pdf_is_the_word_documents_and_is_sealed_too(tmp_path: Path, report: Report) -> None:
    soffice()  # skips without LibreOffice, fails in CI
    folder = tmp_path / "发布"
    bundle = publish(report, folder, name="区")  # by default: LibreOffice is there
    assert sorted(f.name for f in bundle.files) == sorted([*NAMES, "区.pdf"])
    pdf = (folder / "区.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pdftotext = shutil.which("pdftotext") or unavailable("pdftotext (poppler-utils)")
    text = subprocess.run(
        [pdftotext, str(folder / "区.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert flat(report.document_title) in flat(text)
    assert json.loads((folder / MANIFEST).read_text("utf-8"))["files"]["区.pdf"]["sha256"] == _sha(
        pdf
    )
    assert verify(folder).ok
    (folder / "区.pdf").write_bytes(pdf + b"%%EOF\n")
    assert [(d.code, d.name) for d in verify(folder).discrepancies] == [(FILE_CHANGED, "区.pdf")]


def test_without_libreoffice_the_bundle_has_no_pdf_unless_asked(
    tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    folder = tmp_path / "发布"
    with pytest.raises(PdfConverterMissingError, match="LibreOffice"):
        publish(report, folder, name="区", pdf=True)
    assert not folder.exists()
    bundle = publish(report, folder, name="区")
    assert sorted(f.name for f in bundle.files) == sorted(NAMES)
    assert verify(folder).ok
