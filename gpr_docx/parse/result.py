"""What reading a report gives: the :class:`ParsedReport`, its form :data:`Edition` and its :class:`Note` s.

Every front end returns the same result; a note names its place as the rest of the library does
(:func:`gpr_docx.form.cell_location` for a cell), so a parse note and a check finding on the same cell
read alike.
"""

from __future__ import annotations

import enum
from typing import Any, Literal

import attrs

from ..errors import MISSING_PART, UNREADABLE_CELL
from ..findings import Finding, Severity, sort_findings
from ..form import Location
from ..model import ApplicantRow, Report

__all__ = ["Edition", "Note", "NoteKind", "ParsedReport"]

Edition = Literal["2021", "2019"]
"""The edition of the official form a document follows."""


class NoteKind(enum.StrEnum):
    """What a note says about a cell or a part of the document."""

    BLANK = "blank"
    """A data cell left empty: counted as 0."""
    NOT_APPLICABLE = "not_applicable"
    """A data cell holding ``/``, ``—``, ``-`` or ``无``: not applicable, counted as 0."""
    UNREADABLE = "unreadable"
    """A value that could not be read (text, a negative number, two different values): a cell is
    counted as 0, a 成文日期 that is no real day (2025年2月30日) is left out."""
    MISSING = "missing"
    """A table, cell or part of the form that is not in the document."""
    INFO = "info"
    """How something was read that a reader should know (2019 format, text placed in a section)."""


@attrs.frozen
class Note:
    """One remark about the document: what, where (by the form's official names) and the raw text."""

    kind: NoteKind
    message: str
    location: Location | None = None
    """The cell (named as :func:`gpr_docx.form.cell_location` names it), table or section; for a
    cell that maps to no field, the document's own row and column labels."""
    text: str = ""
    """The document's text at that place."""

    @property
    def field(self) -> str | None:
        """Dotted path of the data field the note is about, when there is one."""
        return self.location.path or None if self.location is not None else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``kind``, ``message``, ``location`` (text) and ``place`` (its parts, as
        a finding's), ``text`` — ``location`` and ``place`` are ``null`` for the whole document."""
        where = self.location
        return {
            "kind": self.kind.value,
            "message": self.message,
            "location": None if where is None else str(where),
            "place": None if where is None else where.as_dict(),
            "text": self.text,
        }

    def __str__(self) -> str:
        raw = f"（原文：{self.text!r}）" if self.text else ""
        place = f"{self.location}：" if self.location is not None else ""
        return f"{place}{self.message}{raw}"


@attrs.frozen
class ParsedReport:
    """A report read from Word, the form version it used, and every note about how it was read."""

    report: Report
    edition: Edition
    notes: tuple[Note, ...] = ()
    undivided_other: ApplicantRow | None = None
    """The single （六）其他处理 row of the 2019 form, which the 2021 form splits in three, as
    published: in a 2019 report it is kept here only (not split, not guessed); a 2021 table that
    kept the 2019 row has its values under 3.其他 as well (a note says so)."""
    source: str = ""

    def fields_noted(self, kind: NoteKind) -> frozenset[str]:
        """Dotted paths of the data fields with a note of ``kind`` (e.g. every blank cell)."""
        return frozenset(n.field for n in self.notes if n.kind is kind and n.field)

    @property
    def blank(self) -> frozenset[str]:
        return self.fields_noted(NoteKind.BLANK)

    @property
    def not_applicable(self) -> frozenset[str]:
        return self.fields_noted(NoteKind.NOT_APPLICABLE)

    @property
    def gaps(self) -> tuple[Note, ...]:
        """Notes about what could not be read or was not found."""
        return tuple(n for n in self.notes if n.kind in (NoteKind.UNREADABLE, NoteKind.MISSING))

    def findings(self) -> list[Finding]:
        """The :attr:`gaps` as error findings (GPR511, GPR512), to list beside the rules' findings."""
        return sort_findings(
            Finding(
                rule=UNREADABLE_CELL if note.kind is NoteKind.UNREADABLE else MISSING_PART,
                severity=Severity.ERROR,
                location=_note_location(note),
                message=f"{note.message}（原文：{note.text}）" if note.text else note.message,
                actual=note.text or None,
            )
            for note in self.gaps
        )


def _note_location(note: Note) -> Location:
    """Where a note's finding is: the note's own place with the raw text quoted, or the document."""
    if note.location is None:
        return Location("文档", phrase=note.text)
    return attrs.evolve(note.location, phrase=note.text)
