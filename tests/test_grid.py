"""The format-neutral grid: cells with spans, rows as a reader scans them, paragraphs."""

from __future__ import annotations

from gpr_docx.grid import Cell, Grid, Paragraph


def _grid() -> Grid[str]:
    # ┌────┬─────────┐
    # │ A  │    B    │
    # │    ├────┬────┤
    # │    │ C  │ D  │
    # └────┴────┴────┘
    return Grid(
        (
            Cell(0, 0, 2, 1, "A", "a"),
            Cell(0, 1, 1, 2, "B", "b"),
            Cell(1, 1, 1, 1, "C", "c"),
            Cell(1, 2, 1, 1, "D", "d"),
        )
    )


def test_size_and_rows() -> None:
    grid = _grid()
    assert (grid.height, grid.width) == (2, 3)
    assert [[c.text for c in row] for row in grid.rows()] == [["A", "B"], ["A", "C", "D"]]
    assert Grid(()).rows() == []
    assert (Grid(()).height, Grid(()).width) == (0, 0)


def test_covers() -> None:
    a, b, *_ = _grid().cells
    assert a.covers(1, 0) and not a.covers(0, 1) and not a.covers(2, 0)
    assert b.covers(0, 2) and not b.covers(1, 2)


def test_handles_do_not_make_cells_differ_and_positions_are_optional() -> None:
    cell = Cell(0, 0, 1, 1, "7", object())
    assert cell == Cell(0, 0, 1, 1, "7", object())
    assert (cell.page, cell.bbox) == (None, None)
    placed = Cell(0, 0, 1, 1, "7", None, page=3, bbox=(10.0, 20.0, 60.0, 35.0))
    assert placed != cell
    assert "handle" not in repr(cell)


def test_a_paragraph_typed_as_shown_unless_numbered() -> None:
    assert Paragraph("一、总体情况", None).typed == "一、总体情况"
    numbered = Paragraph("一、总体情况", None, "总体情况")
    assert (numbered.typed, numbered.right_aligned) == ("总体情况", False)
