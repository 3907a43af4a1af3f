"""Small templates made with python-docx for the compiled-template tests."""

from __future__ import annotations

import io

import docx

__all__ = ["loop_template"]


def loop_template() -> bytes:
    """Row loop in a table, a tagged header, a tagged title property, and a picture-free body."""
    document = docx.Document()
    document.add_paragraph("标题：{{ title }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row.name }}"
    table.cell(1, 1).text = "{{ row.count }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.add_paragraph("{%p if note %}")
    document.add_paragraph("注：{{ note }}")
    document.add_paragraph("{%p endif %}")
    document.sections[0].header.add_paragraph("页眉 {{ title }}")
    document.core_properties.title = "{{ title }}"
    document.core_properties.subject = "固定"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
