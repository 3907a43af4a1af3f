"""The web page in a real browser: headless Chromium (the Debian package) driven by Playwright.

Chromium lays the page out; the tests read the layout from the DOM: every label cell of tables 二–四
must cover exactly the rows and columns the Word form gives it (its box against the table's row
lines, from the ``<tr>`` boxes, and column lines, from the ``<col>`` boxes), the page must fit a
phone's width with the tables scrolling inside their containers, it must print to A4, and loading
it must request nothing but the page itself. Screenshots at desktop and phone widths are saved in
the test's temporary folder.

The browser is the system's ``/usr/bin/chromium`` (never one Playwright downloads); without it, or
without Playwright, the tests skip, except in CI, where both are installed (.ci/run) and must be
there.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gpr_docx import examples
from gpr_docx.render.html import render_html
from tests.helpers import EXAMPLE_NAMES
from tests.helpers.official import GRID, TABLE_KEYS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP, PHONE = 1280, 375
TOLERANCE = 2.0
"""Pixels a cell's edge may be off its grid line (borders are collapsed into the lines)."""


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must install it (.ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if executable is None:
        _missing("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install playwright; no browser download)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _page_file(tmp_path: Path, name: str, *, fragment: bool = False) -> Path:
    path = tmp_path / f"{name}{'-fragment' if fragment else ''}.html"
    path.write_text(render_html(examples.load(name), fragment=fragment), "utf-8")
    return path


_LAYOUT_JS = """() => Array.from(document.querySelectorAll('table')).map(table => ({
  columns: Array.from(table.querySelectorAll('col')).map(c => {
    const r = c.getBoundingClientRect(); return [r.left, r.right]; }),
  rows: Array.from(table.rows).map(tr => {
    const r = tr.getBoundingClientRect(); return [r.top, r.bottom]; }),
  labels: Array.from(table.querySelectorAll('th')).map(th => {
    const r = th.getBoundingClientRect();
    return {text: th.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }),
}))"""


def _line(lines: list[float], edge: float, what: str) -> int:
    """The index of the grid line ``edge`` lies on; the test fails when it lies on none."""
    index = min(range(len(lines)), key=lambda i: abs(lines[i] - edge))
    assert abs(lines[index] - edge) <= TOLERANCE, f"{what} at {edge} is on no grid line {lines}"
    return index


def _grid_lines(spans: list[list[float]]) -> list[float]:
    """Lines between consecutive boxes (``[start, end]`` each), with the outer two."""
    inner = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(spans)]
    return [spans[0][0], *inner, spans[-1][1]]


def _rendered_labels(table: dict[str, Any]) -> list[list[object]]:
    """Each label cell as [row, column, rowspan, colspan, text], read from its rendered box."""
    xs, ys = _grid_lines(table["columns"]), _grid_lines(table["rows"])
    found = []
    for cell in table["labels"]:
        what = cell["text"]
        left, right = _line(xs, cell["left"], what), _line(xs, cell["right"], what)
        top, bottom = _line(ys, cell["top"], what), _line(ys, cell["bottom"], what)
        found.append([top, left, bottom - top, right - left, cell["text"]])
    return sorted(found)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_label_cells_cover_the_official_rows_and_columns(
    browser: Any, tmp_path: Path, name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(_page_file(tmp_path, name).as_uri())
        layout = page.evaluate(_LAYOUT_JS)
    finally:
        page.close()
    assert len(layout) == 3
    for key, table in zip(TABLE_KEYS, layout, strict=True):
        assert len(table["columns"]) == GRID[key]["columns"]
        widths = [right - left for left, right in table["columns"]]
        assert min(widths) > 10, key  # every column is drawn
        assert _rendered_labels(table) == sorted(GRID[key]["labels"]), key


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_screenshots_and_the_phone_page_scrolls_its_tables_not_itself(
    browser: Any, tmp_path: Path, name: str
) -> None:
    source = _page_file(tmp_path, name)
    for width in (DESKTOP, PHONE):
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            page.goto(source.as_uri())
            shot = tmp_path / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert _png_size(shot)[0] == width
            assert shot.stat().st_size > 20_000
            metrics = page.evaluate(
                """() => ({
                  page: document.documentElement.scrollWidth,
                  viewport: window.innerWidth,
                  wraps: Array.from(document.querySelectorAll('.table-wrap')).map(w => ({
                    right: w.getBoundingClientRect().right,
                    client: w.clientWidth,
                    scroll: w.scrollWidth,
                    overflow: getComputedStyle(w).overflowX,
                  })),
                  text: Math.max(...Array.from(document.querySelectorAll('p, h1, h2, h3'))
                    .filter(e => e.closest('.table-wrap') === null)
                    .map(e => e.getBoundingClientRect().right)),
                  captions: Array.from(document.querySelectorAll('caption h2')).map(h => {
                    const range = document.createRange(); range.selectNodeContents(h);
                    const r = range.getBoundingClientRect(); return [r.left, r.right]; }),
                })"""
            )
        finally:
            page.close()
        assert metrics["page"] <= metrics["viewport"] == width  # no sideways scrolling of the page
        assert metrics["text"] <= width
        for left, right in metrics["captions"]:  # a table's heading is seen before it scrolls
            assert 0 <= left < right <= width
        for wrap in metrics["wraps"]:
            assert wrap["overflow"] == "auto"
            assert wrap["right"] <= width
        scrolled = [w["scroll"] > w["client"] for w in metrics["wraps"]]
        if width == PHONE:
            assert scrolled[1:] == [True, True]  # tables 三 and 四 scroll inside their box
        else:
            assert not any(scrolled)


@pytest.mark.parametrize("fragment", [False, True])
def test_loading_requests_nothing_but_the_page(
    browser: Any, tmp_path: Path, fragment: bool
) -> None:
    """With the page's own Content-Security-Policy bypassed, so that any load it tried is seen."""
    source = _page_file(tmp_path, "example-district-2024", fragment=fragment)
    context = browser.new_context(bypass_csp=True, viewport={"width": DESKTOP, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route(
        re.compile(r"^(?!file:).*"), lambda route: route.abort()
    )  # nothing leaves the machine
    try:
        page = context.new_page()
        page.goto(source.as_uri(), wait_until="networkidle")
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.reload(wait_until="networkidle")
    finally:
        context.close()
    assert requests == [source.as_uri(), source.as_uri()]
    assert messages == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_prints_to_a4(browser: Any, tmp_path: Path, name: str) -> None:
    page = browser.new_page()
    try:
        page.goto(_page_file(tmp_path, name).as_uri())
        page.emulate_media(media="print")
        wraps = page.evaluate(
            "Array.from(document.querySelectorAll('.table-wrap')).map(w => w.scrollWidth <= w.clientWidth)"
        )
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page.close()
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    assert wraps == [True, True, True]  # on paper every table fits the text width
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf)
    assert 2 <= len(pages) <= 12
    boxes = {
        tuple(round(float(v)) for v in m)
        for m in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf)
    }
    assert boxes == {(595, 842)}, boxes  # A4 in points
