"""PDF output: LibreOffice converts the rendered report; text, fonts, concurrency, failures, timeouts."""

from __future__ import annotations

import concurrent.futures
import datetime
import functools
import io
import multiprocessing
import os
import re
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

from gpr_docx import examples
from gpr_docx.errors import PdfConversionError, PdfConverterMissingError, PdfTimeoutError
from gpr_docx.form import FORM_TABLES, cell_text
from gpr_docx.model import Report
from gpr_docx.render import pdf as pdf_module
from gpr_docx.render import render
from gpr_docx.render.pdf import SOFFICE_ENV, docx_to_pdf, render_pdf, render_pdf_to_file
from tests.helpers.libreoffice import convert
from tests.helpers.official import HEADINGS


def need_tools() -> None:
    """Skip without LibreOffice and poppler-utils on a developer's machine; CI must have them."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice and poppler-utils must be installed in CI")
        pytest.skip("LibreOffice or poppler-utils not installed")


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = True) -> str:
    """The PDF's text by pdftotext (pages separated by form feeds)."""
    path = tmp_path / f"text-{time.monotonic_ns()}.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def value_at(report: Report, path: str) -> object:
    return functools.reduce(getattr, path.split("."), report)


@pytest.fixture(scope="module")
def district_pdf() -> bytes:
    need_tools()
    return render_pdf(examples.load("example-district-2024"))


def test_the_pdf_has_the_title_agency_headings_and_table_cells(
    district_pdf: bytes, tmp_path: Path
) -> None:
    report = examples.load("example-district-2024")
    assert district_pdf.startswith(b"%PDF-")
    text = pdf_text(district_pdf, tmp_path)
    squeezed = flat(text)
    for needle in (report.document_title, report.agency, *HEADINGS):
        assert flat(needle) in squeezed, needle
    # A sample of the data cells: every value of four digits or more is a token of the layout text.
    tokens = set(text.split())
    sample = {
        cell_text(value_at(report, cell.field))
        for table in FORM_TABLES
        for cell in table.data_cells()
        if cell.field and len(cell_text(value_at(report, cell.field))) >= 4
    }
    assert len(sample) >= 3
    assert sample <= tokens, sample - tokens
    # Page numbers as the footer prints them: — 1 —, — 2 — …
    pages = text.split("\f")
    numbered = [page for page in pages if page.strip()]
    assert all(re.search(rf"—\s*{n}\s*—", page) for n, page in enumerate(numbered, 1))


def test_every_font_is_embedded(district_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(district_pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    fonts = listing[2:]  # after the header and the rule
    assert fonts
    for line in fonts:
        # name, type (may hold a space), encoding, then emb sub uni and the object ID
        emb = line.split()[-5]
        assert emb == "yes", line


def test_two_conversions_at_once_both_succeed(tmp_path: Path) -> None:
    need_tools()
    reports = [examples.load("example-district-2024"), examples.load("dasheng-2024")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(render_pdf, reports))
    for report, pdf in zip(reports, pdfs, strict=True):
        assert pdf.startswith(b"%PDF-")
        assert flat(report.document_title) in flat(pdf_text(pdf, tmp_path))


def test_render_pdf_to_file_writes_atomically_and_keeps_an_existing_file(tmp_path: Path) -> None:
    need_tools()
    report = examples.load("dasheng-2024")
    out = tmp_path / "报告.pdf"
    render_pdf_to_file(report, out)
    assert out.read_bytes().startswith(b"%PDF-")
    out.write_bytes(b"old")
    from gpr_docx.errors import OutputExistsError

    with pytest.raises(OutputExistsError):
        render_pdf_to_file(report, out)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.pdf"]


# -- without LibreOffice, or with one that fails or hangs ---------------------------------------------


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def test_a_missing_libreoffice_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf_module, "_INSTALL_PLACES", ())
    with pytest.raises(PdfConverterMissingError) as caught:
        docx_to_pdf(b"PK")
    assert caught.value.code == "GPR411"
    assert "apt install libreoffice-writer-nogui" in caught.value.message
    assert SOFFICE_ENV in caught.value.message


def test_an_environment_variable_naming_no_program_is_the_same_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(PdfConverterMissingError, match="no-such-soffice"):
        render_pdf(examples.load("dasheng-2024"))


def test_a_converter_that_fails_is_a_conversion_error_quoting_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(
        SOFFICE_ENV,
        str(fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 1")),
    )
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(b"PK")
    assert caught.value.code == "GPR410"
    assert "source file could not be loaded" in caught.value.message


def test_a_converter_that_makes_no_pdf_is_a_conversion_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(fake_soffice(tmp_path, "exit 0")))
    with pytest.raises(PdfConversionError, match="没有生成 PDF"):
        docx_to_pdf(b"PK")


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has finished


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see processes")
def test_a_hung_conversion_is_killed_with_its_children_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pids = tmp_path / "pids"
    # Like soffice → oosplash → soffice.bin: the program starts a child, and both hang.
    script = fake_soffice(tmp_path, f'sleep 300 &\necho $! >> "{pids}"\necho $$ >> "{pids}"\nwait')
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    out = tmp_path / "out" / "报告.pdf"
    started = time.monotonic()
    with pytest.raises(PdfTimeoutError) as caught:
        render_pdf_to_file(examples.load("dasheng-2024"), out, timeout=1.0)
    assert time.monotonic() - started < 30
    assert caught.value.code == "GPR412"
    assert "1 秒" in caught.value.message
    started_pids = [int(line) for line in pids.read_text().split()]
    assert len(started_pids) == 2
    deadline = time.monotonic() + 5
    while any(map(_alive, started_pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, started_pids))
    assert not out.exists()
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_timeout_must_be_positive() -> None:
    with pytest.raises(ValueError, match="timeout"):
        docx_to_pdf(render(examples.load("dasheng-2024")), timeout=0)


# -- the signature never stands alone on the last page --------------------------------------------

MARKER = "全文完结标记"
DATE = datetime.date(2025, 1, 20)


def _without_keeps(docx: bytes) -> bytes:
    """The document with the keep-with-next of the last paragraph and the signature taken out."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                text = data.decode("utf-8")
                for style in ("BodyTextLast", "Signature"):
                    text = re.sub(
                        rf'(<w:style [^>]*w:styleId="{style}".*?</w:style>)',
                        lambda m: m.group(1).replace("<w:keepNext/>", ""),
                        text,
                        flags=re.S,
                    )
                data = text.encode("utf-8")
            target.writestr(item, data)
    return buffer.getvalue()


def _convert_all(documents: dict[str, bytes], folder: Path) -> dict[str, str]:
    """Each document's PDF text (pages split by form feeds), all converted by one soffice run."""
    folder.mkdir()
    sources = []
    for name, data in documents.items():
        sources.append(folder / f"{name}.docx")
        sources[-1].write_bytes(data)
    pdfs = convert(sources, "pdf", folder, timeout=600)
    return {
        name: subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        for name, pdf in zip(documents, pdfs, strict=True)
    }


def _pages_of(text: str, agency: str) -> tuple[int, int, int]:
    """The pages (from 0) of the last paragraph's end, the signature and the date."""
    pages = [flat(page) for page in text.split("\f")]
    end = max(i for i, page in enumerate(pages) if MARKER in page)
    signature = max(i for i, page in enumerate(pages) if flat(agency) in page)
    dated = max(i for i, page in enumerate(pages) if "2025年1月20日" in page)
    return end, signature, dated


def test_the_signature_and_date_stay_on_the_page_of_the_last_paragraph(tmp_path: Path) -> None:
    """Section 六 is lengthened a line at a time, moving its last paragraph (three lines) down
    until it ends at the foot of a page: without the keeps the signature would then start the
    next page alone (checked); with them, the last paragraph goes over with it."""
    need_tools()
    base = attrs.evolve(examples.load("dasheng-2024"), date=DATE)
    line = "本机关持续做好政府信息公开工作并接受社会监督。"  # 23 characters, under a line
    last = "其他需要报告的事项说明如下。" + line * 3 + MARKER
    documents: dict[str, bytes] = {}
    steps = range(26)  # more than the 22 lines of a page
    for extra in steps:
        report = attrs.evolve(base, other_matters=f"{line * (1 + extra)}\n{last}")
        docx = render(report)
        documents[f"kept-{extra}"] = docx
        documents[f"loose-{extra}"] = _without_keeps(docx)
    texts = _convert_all(documents, tmp_path / "pdf")
    alone = []
    for extra in steps:
        end, signature, _ = _pages_of(texts[f"loose-{extra}"], base.agency)
        if signature > end:
            alone.append(extra)
        kept = _pages_of(texts[f"kept-{extra}"], base.agency)
        assert kept[0] == kept[1] == kept[2], (extra, kept)
    # The construction worked: some length ends the text at the foot of a page.
    assert alone, "no length of section 六 ended at the foot of a page"


# -- profiles: never two conversions on one, reused when idle, thrown away after a failure --------

RECORDING_SOFFICE = """
out=""; prev=""
for arg in "$@"; do
  [ "$prev" = "--outdir" ] && out="$arg"
  case "$arg" in -env:UserInstallation=*) echo "${arg#*=}" >> "$LOG";; esac
  prev="$arg"
done
[ -n "$FAIL" ] && [ -e "$FAIL" ] && exit 3
sleep 0.5
mkdir -p "$out" && printf '%%PDF-1.4 fake' > "$out/report.pdf"
"""


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A fake soffice that logs the profile it is given (one line per run) and makes a PDF."""
    log = tmp_path / "profiles.log"
    monkeypatch.setenv(SOFFICE_ENV, str(fake_soffice(tmp_path, RECORDING_SOFFICE)))
    monkeypatch.setenv("LOG", str(log))
    monkeypatch.setenv("FAIL", str(tmp_path / "fail"))
    monkeypatch.setattr(pdf_module, "_PROFILES", pdf_module._Profiles())
    return log


def _profiles(log: Path) -> list[str]:
    return log.read_text().split()


def test_conversions_at_once_get_profiles_of_their_own_and_reuse_them(recording: Path) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        assert all(p.startswith(b"%PDF-") for p in pool.map(docx_to_pdf, [b"PK"] * 3))
    at_once = _profiles(recording)
    assert len(set(at_once)) == 3
    docx_to_pdf(b"PK")
    assert _profiles(recording)[-1] in at_once  # an idle profile is reused


def test_a_failed_conversion_throws_its_profile_away(recording: Path, tmp_path: Path) -> None:
    docx_to_pdf(b"PK")
    (tmp_path / "fail").touch()
    with pytest.raises(PdfConversionError):
        docx_to_pdf(b"PK")
    (tmp_path / "fail").unlink()
    docx_to_pdf(b"PK")
    first, failed, after = _profiles(recording)
    assert failed == first
    assert after != failed


def _convert_in_child(queue: Any) -> None:
    docx_to_pdf(b"PK")
    queue.put(pdf_module._PROFILES._root)


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
def test_a_forked_process_makes_profiles_of_its_own(recording: Path) -> None:
    docx_to_pdf(b"PK")
    parent_root = pdf_module._PROFILES._root
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_convert_in_child, args=(queue,))
    child.start()
    child_root = queue.get(timeout=30)
    child.join(30)
    assert child.exitcode == 0
    in_parent, in_child = _profiles(recording)
    assert child_root != parent_root
    assert Path(in_parent.removeprefix("file://")).parent == parent_root
    assert Path(in_child.removeprefix("file://")).parent == child_root
    assert not Path(child_root).exists()  # removed when the child exited
    assert parent_root is not None and parent_root.exists()
