"""The safe OOXML layer: limits, refusals with clear codes, XML without entities, tables as a grid."""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from gpr_docx import Report, parse, render
from gpr_docx.errors import (
    BrokenDocxError,
    DocxLimitError,
    EncryptedDocxError,
    InputNotFoundError,
    NotDocxError,
    UnsafeXmlError,
)
from gpr_docx.oxml import Limits, W, open_docx, parse_xml, serialize_xml, table_cells, w
from tests.helpers.docx_signature import table_signature, tables

_WORD = f'xmlns:w="{W}"'


def _docx(document: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _fast_and_small(action: object) -> None:
    """Run ``action`` (which must raise) and check it took < 2 s and < 100 MB of Python memory."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        assert callable(action)
        action()
    finally:
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert elapsed < 2.0, elapsed
        assert peak < 100 * 1024 * 1024, peak


def test_table_cells_agree_with_the_independent_reader(example_report: Report) -> None:
    data = render(example_report)
    with open_docx(data) as package:
        mine = package.document().findall(f".//{w('tbl')}")
    for ours, theirs in zip(mine, tables(data), strict=True):
        got = sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table_cells(ours))
        assert got == sorted(tuple(s) for s in table_signature(theirs))


def test_grid_before_and_vertical_merges() -> None:
    xml = f"""<w:tbl {_WORD}>
      <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>
            <w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>
            <w:tc><w:p><w:r><w:t>C</w:t><w:br/><w:t>D</w:t></w:r></w:p></w:tc>
            <w:tc><w:p><w:r><w:t>E</w:t></w:r></w:p></w:tc></w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:p><w:r><w:t>F</w:t></w:r></w:p></w:tc></w:tr>
    </w:tbl>"""
    cells = [
        (c.row, c.col, c.rowspan, c.colspan, c.text) for c in table_cells(etree.fromstring(xml))
    ]
    assert cells == [
        (0, 0, 2, 1, "A"),
        (0, 1, 1, 2, "B"),
        (1, 1, 1, 1, "C\nD"),
        (1, 2, 1, 1, "E"),
        (2, 2, 1, 1, "F"),
    ]


def test_random_bytes_are_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "noise.docx"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(NotDocxError, match="GPR501"):
        _fast_and_small(lambda: parse(path))


def test_missing_file() -> None:
    with pytest.raises(InputNotFoundError):
        open_docx("/nonexistent/report.docx")


def test_encrypted_office_file_and_legacy_doc() -> None:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    with pytest.raises(EncryptedDocxError, match="GPR502"):
        open_docx(header + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(NotDocxError, match=r"\.doc"):
        open_docx(header + b"WordDocument" + b"\0" * 100)


def test_truncated_docx(dasheng: Report) -> None:
    data = render(dasheng)
    with pytest.raises(BrokenDocxError, match="GPR503"):
        open_docx(data[: len(data) // 2])


def test_zip_without_document_part() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", b"hi")
    with pytest.raises(BrokenDocxError, match=r"word/document\.xml"):
        open_docx(buffer.getvalue())


def test_zip_bomb_stops_early() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                part.write(chunk)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(DocxLimitError, match="GPR504"):
        _fast_and_small(lambda: parse(bomb))


def test_size_limits() -> None:
    data = _docx(f"<w:document {_WORD}><w:body/></w:document>".encode())
    with pytest.raises(DocxLimitError, match="部件"):
        open_docx(data, limits=Limits(members=1))
    with pytest.raises(DocxLimitError):
        open_docx(data, limits=Limits(file_size=10))
    with open_docx(data, limits=Limits(part_size=10)) as package, pytest.raises(DocxLimitError):
        package.document()


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
        for i in range(10)
    )
    + f"]><w:document {_WORD}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def test_xml_bomb_is_refused() -> None:
    bomb = _docx(_LAUGHS.encode())
    with pytest.raises(UnsafeXmlError, match="GPR505"):
        _fast_and_small(lambda: parse(bomb))


def test_external_entity_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<w:document {_WORD}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(UnsafeXmlError):
        parse_xml(xxe.encode())


def test_broken_xml() -> None:
    with pytest.raises(BrokenDocxError, match="XML"):
        parse(_docx(b"<w:document"))


def test_deep_nesting_is_a_limit_said_in_plain_words() -> None:
    body = b"<w:p>" * 5000 + b"</w:p>" * 5000
    document = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + b"<w:body>"
        + body
        + b"</w:body></w:document>"
    )
    with pytest.raises(DocxLimitError) as info:
        parse(_docx(document))
    assert "嵌套超过 256 层" in str(info.value)
    assert "XML_PARSE_HUGE" not in info.value.message  # no libxml2 English in the message
    assert "Excessive" not in info.value.message


def test_broken_xml_says_where_in_plain_words() -> None:
    with pytest.raises(BrokenDocxError) as info:
        parse(_docx(b"<w:document><w:body></w:document>"))
    assert "第 1 行" in info.value.message
    assert not re.search("[A-Za-z]{4,}", info.value.message)


def test_a_package_written_back_changes_only_the_parts_given(district: Report) -> None:
    data = render(district)
    with open_docx(data) as package:
        root = package.document()
        next(root.iter(w("t"))).text = "新标题"
        written = package.replaced({"word/document.xml": serialize_xml(root)})
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(io.BytesIO(written)) as new:
        assert [i.filename for i in old.infolist()] == [i.filename for i in new.infolist()]
        for before, after in zip(old.infolist(), new.infolist(), strict=True):
            assert (before.date_time, before.compress_type) == (
                after.date_time,
                after.compress_type,
            )
            if before.filename != "word/document.xml":
                assert old.read(before) == new.read(after), before.filename
        assert new.read("word/document.xml").startswith(b"<?xml version='1.0' encoding='UTF-8'")
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    assert next(document.iter(w("t"))).text == "新标题"
