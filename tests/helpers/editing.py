"""Test helpers: a report with one value changed (totals kept as they were), a .docx with cells retyped."""

from __future__ import annotations

import io
import zipfile
from operator import attrgetter
from typing import Any, TypeVar

import attrs
from lxml import etree

from gpr_docx.oxml import w
from tests.helpers.docx_signature import document_xml

T = TypeVar("T")


def with_value(obj: T, path: str, value: Any) -> T:
    """``obj`` with the value at dotted ``path`` replaced; every other value, given totals included, kept."""
    name, _, rest = path.partition(".")
    if rest:
        value = with_value(getattr(obj, name), rest, value)
    return attrs.evolve(obj, **{name: value})  # type: ignore[misc]


def bumped(obj: T, path: str, delta: int) -> T:
    """``obj`` with the count at ``path`` changed by ``delta``."""
    return with_value(obj, path, attrgetter(path)(obj) + delta)


def with_cell_texts(data: bytes, old_row_label: str, new_texts: dict[int, str]) -> bytes:
    """The .docx with the data cells (by index in the row) of the row labelled ``old_row_label`` changed."""
    root = document_xml(data)
    row = next(
        tr
        for tr in root.iter(w("tr"))
        if any(
            "".join(t.text or "" for t in tc.iter(w("t"))) == old_row_label
            for tc in tr.iter(w("tc"))
        )
    )
    cells = row.findall(w("tc"))
    for index, text in new_texts.items():
        (t,) = list(cells[index].iter(w("t")))
        t.text = text
    return with_document_xml(data, root)


def with_document_xml(data: bytes, root: etree._Element) -> bytes:
    """The .docx ``data`` with ``word/document.xml`` replaced by ``root``; every other part as it was."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "word/document.xml":
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, body)
    return buffer.getvalue()


def with_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The .docx ``data`` with the given parts replaced or added; every other part as it was."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, parts.get(info.filename, source.read(info)))
        for name, body in parts.items():
            if name not in source.namelist():
                target.writestr(name, body)
    return buffer.getvalue()
