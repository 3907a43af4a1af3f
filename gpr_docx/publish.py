"""A publication bundle: everything an office publishes for one report, and a manifest that seals it.

:func:`publish` writes, under one base name, the Word document (``X.docx``), the web page
(``X.html``), its article alone for a content system (``X.fragment.html``) and, when LibreOffice
is installed, the PDF of the Word document (``X.pdf``), then
``manifest.json``: each file's SHA-256 and size, the SHA-256 and size of the data the report was
made from, the report's agency, year and title, and the library's version. :func:`verify` reads a
folder back against its manifest and says which published file was changed, which is missing and
which was added since (evaluators fault reports altered after publication).

Every file is made in memory first, then staged beside its target and moved into place, the
manifest last: a failure leaves no partial file, and a folder without its manifest is no
publication. Existing files are kept unless ``force`` is given.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from ._fs import publish as move_into_place
from ._fs import read_limited, stage, writable
from ._version import __version__
from .errors import (
    DATA_CHANGED,
    FILE_ADDED,
    FILE_CHANGED,
    FILE_MISSING,
    ManifestError,
    OutputError,
)
from .model import Report, require_report

__all__ = [
    "MANIFEST",
    "MANIFEST_FORMAT",
    "Discrepancy",
    "Publication",
    "PublishedFile",
    "Verification",
    "publish",
    "verify",
]

MANIFEST: Final = "manifest.json"
"""The manifest's file name inside a publication folder."""
MANIFEST_FORMAT: Final = "gpr-docx/publication-1"
"""The ``format`` a manifest states; :func:`verify` reads only this one."""
_MANIFEST_MAX_SIZE: Final = 1024 * 1024
_MAX_FILES: Final = 1000
_SHA256_HEX: Final = 64


@attrs.frozen
class PublishedFile:
    """One file of a publication: its name in the folder, SHA-256 (hex) and size in bytes."""

    name: str
    sha256: str
    size: int

    @classmethod
    def of(cls, name: str, data: bytes) -> PublishedFile:
        return cls(name, hashlib.sha256(data).hexdigest(), len(data))


@attrs.frozen
class Publication:
    """What :func:`publish` wrote: the folder, the files (the manifest not among them) and the
    manifest's content."""

    folder: Path
    files: tuple[PublishedFile, ...]
    manifest: dict[str, Any] = attrs.field(hash=False)

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every file written, the manifest last."""
        return (*(self.folder / f.name for f in self.files), self.folder / MANIFEST)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf_wanted(pdf: bool | None) -> bool:
    """Whether the bundle gets its PDF: asked for (LibreOffice must be there), refused, or, by
    default, whenever LibreOffice is found."""
    if pdf is False:
        return False
    from .errors import PdfConverterMissingError
    from .render.pdf import find_soffice

    try:
        find_soffice()
    except PdfConverterMissingError:
        if pdf:
            raise
        return False
    return True


def _names(name: str, *, pdf: bool) -> tuple[str, ...]:
    return (
        f"{name}.docx",
        f"{name}.html",
        f"{name}.fragment.html",
        *((f"{name}.pdf",) if pdf else ()),
    )


def _contents(
    report: Report,
    names: tuple[str, ...],
    *,
    template: str | os.PathLike[str] | bytes | None,
    html_template: str | os.PathLike[str] | None,
) -> dict[str, bytes]:
    """The files of a bundle by name, all made before any is written; the PDF is the .docx's."""
    from .render import render
    from .render.html import render_html

    docx = render(report, template)
    made = [
        docx,
        render_html(report, template=html_template).encode("utf-8"),
        render_html(report, fragment=True, template=html_template).encode("utf-8"),
    ]
    if len(names) > len(made):
        from .render.pdf import docx_to_pdf

        made.append(docx_to_pdf(docx))
    return dict(zip(names, made, strict=True))


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or any(sep in name for sep in ("/", "\\", "\0")):
        raise OutputError(f"发布文件的基本名称不能为空或包含路径分隔符：{name!r}", place=name)


def publish(
    report: Report,
    folder: str | os.PathLike[str],
    *,
    name: str,
    data: bytes | None = None,
    data_name: str = "",
    template: str | os.PathLike[str] | bytes | None = None,
    html_template: str | os.PathLike[str] | None = None,
    pdf: bool | None = None,
    force: bool = False,
) -> Publication:
    """Write the publication bundle of ``report`` into ``folder`` and seal it with a manifest.

    The report is not checked here: call :func:`gpr_docx.check` first (the command line does).

    Args:
        report: The report to publish.
        folder: The folder to write into; made if missing.
        name: The base name of the files (``X`` gives ``X.docx``, ``X.html``,
            ``X.fragment.html`` and ``X.pdf``).
        data: The bytes of the data file the report was made from, whose SHA-256 and size the
            manifest records (``None``: no data is recorded).
        data_name: The data file's name, recorded beside its hash.
        template: The Word template, as for :func:`gpr_docx.render`.
        html_template: The page template, as for :func:`gpr_docx.render_html`.
        pdf: ``True``: the bundle has ``X.pdf``, the .docx converted by LibreOffice
            (:func:`gpr_docx.render_pdf`); ``False``: it has none; ``None`` (default): it has one
            when LibreOffice is installed.
        force: Replace files of the same names (the manifest included) if they exist.

    Returns:
        What was written.

    Raises:
        OutputExistsError: One of the files exists and ``force`` is false (nothing is written).
        OutputError: ``folder`` is a file, ``name`` is not a plain file name, or a file cannot be
            written; files already moved into place stay, but no manifest is written.
        TemplateError: As for :func:`gpr_docx.render` and :func:`gpr_docx.render_html`.
        PdfConversionError: ``pdf`` is true and LibreOffice is missing
            (:class:`~gpr_docx.PdfConverterMissingError`), or a conversion failed or timed out;
            nothing is written.
    """
    require_report(report, taker="publish")
    _check_name(name)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError("发布位置应为文件夹，而这是一个文件", place=str(target))
    names = _names(name, pdf=_pdf_wanted(pdf))
    for file_name in (*names, MANIFEST):
        writable(target / file_name, force=force)
    contents = _contents(report, names, template=template, html_template=html_template)
    files = tuple(PublishedFile.of(n, b) for n, b in contents.items())
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "library": {"name": "gpr-docx", "version": __version__},
        "published": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "report": {"agency": report.agency, "year": report.year, "title": report.document_title},
        "data": None
        if data is None
        else {"name": data_name, "sha256": _digest(data), "size": len(data)},
        "files": {f.name: {"sha256": f.sha256, "size": f.size} for f in files},
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    staged: list[tuple[Path, Path]] = []
    try:
        for file_name, content in (*contents.items(), (MANIFEST, manifest_bytes)):
            staged.append((stage(target / file_name, content), target / file_name))
        for part, final in staged[:-1]:
            move_into_place(part, final, force=force)
        move_into_place(*staged[-1], force=force)  # the manifest last: it seals what is there
    finally:
        for part, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
    return Publication(target, files, manifest)


# -- verifying ------------------------------------------------------------------------------------


@attrs.frozen
class Discrepancy:
    """One way a publication folder differs from its manifest: a stable code, the file, what."""

    code: str
    """GPR221 changed, GPR222 missing, GPR223 added, GPR225 the data differs."""
    name: str
    """The file's name in the folder (or the data file's path)."""
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.name}：{self.message}"


@attrs.frozen
class Verification:
    """The result of :func:`verify`: the folder, its manifest, and every discrepancy found."""

    folder: Path
    manifest: dict[str, Any] = attrs.field(hash=False)
    checked: tuple[str, ...] = ()
    """The files the manifest lists, in its order."""
    discrepancies: tuple[Discrepancy, ...] = ()

    @property
    def ok(self) -> bool:
        """Every listed file is there, unchanged, and nothing was added."""
        return not self.discrepancies


def _bad(message: str, place: Path) -> ManifestError:
    return ManifestError(message, place=str(place))


def _listed(manifest: object, place: Path) -> dict[str, tuple[str, int]]:
    """The files a manifest lists, by name, with their SHA-256 and size; or a ManifestError."""
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise _bad(f"不是 gpr-docx 的发布清单（format 应为 {MANIFEST_FORMAT}）", place)
    files = manifest.get("files")
    if not isinstance(files, dict) or not files or len(files) > _MAX_FILES:
        raise _bad("清单中没有文件列表（files）", place)
    listed: dict[str, tuple[str, int]] = {}
    for name, entry in files.items():
        plain = isinstance(name, str) and Path(name).name == name and name not in ("", ".", "..")
        if not plain or name == MANIFEST or "\\" in name:
            raise _bad(f"清单中的文件名不是本文件夹中的文件名：{name!r}", place)
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        size = entry.get("size") if isinstance(entry, dict) else None
        if (
            not isinstance(digest, str)
            or len(digest) != _SHA256_HEX
            or any(c not in "0123456789abcdef" for c in digest)
            or not isinstance(size, int)
            or isinstance(size, bool)
            or size < 0
        ):
            raise _bad(f"清单中 {name} 的 sha256 或 size 无效", place)
        listed[name] = (digest, size)
    return listed


def _file_digest(path: Path) -> tuple[str, int]:
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256")
        return digest.hexdigest(), stream.tell()


def verify(
    folder: str | os.PathLike[str], *, data: str | os.PathLike[str] | None = None
) -> Verification:
    """Compare a publication folder with its ``manifest.json``.

    Args:
        folder: The folder :func:`publish` wrote.
        data: The data file the report is said to be made from: its SHA-256 is compared with the
            manifest's too.

    Returns:
        Every discrepancy: a listed file changed (GPR221: another SHA-256 or size), missing
        (GPR222), a file the manifest does not list (GPR223), the data differs (GPR225).

    Raises:
        ManifestError: The folder or its manifest is missing, over 1 MB, not JSON, or not a
            manifest of this format (GPR224).
    """
    root = Path(folder)
    place = root / MANIFEST
    if not root.is_dir():
        raise _bad("发布文件夹不存在", root)
    if not place.is_file():
        raise _bad(
            "发布文件夹中没有清单 manifest.json（不是 gpr-docx publish 生成的，或清单被删除）",
            place,
        )
    raw, _ = read_limited(
        place,
        _MANIFEST_MAX_SIZE,
        unnamed=MANIFEST,
        what="发布清单",
        too_large=ManifestError,
        unreadable=ManifestError,
    )
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad("清单不是有效的 JSON 文件", place) from None
    listed = _listed(manifest, place)
    found: list[Discrepancy] = []
    for name, (digest, size) in listed.items():
        path = root / name
        if not path.is_file():
            found.append(
                Discrepancy(FILE_MISSING, name, "清单中的文件不存在（发布后被删除或改名）")
            )
            continue
        actual, actual_size = _file_digest(path)
        if actual != digest or actual_size != size:
            change = f"大小 {size} → {actual_size} 字节" if actual_size != size else "大小未变"
            found.append(
                Discrepancy(FILE_CHANGED, name, f"发布后被修改（{change}，SHA-256 与清单不符）")
            )
    for extra in sorted(p.name for p in root.iterdir()):
        if extra != MANIFEST and extra not in listed:
            found.append(Discrepancy(FILE_ADDED, extra, "清单中没有这个文件（发布后添加）"))
    if data is not None:
        found.extend(_data_discrepancy(manifest, Path(data)))
    return Verification(root, manifest, tuple(listed), tuple(found))


def _data_discrepancy(manifest: Mapping[str, Any], path: Path) -> Sequence[Discrepancy]:
    recorded = manifest.get("data")
    if not isinstance(recorded, dict) or not isinstance(recorded.get("sha256"), str):
        return [Discrepancy(DATA_CHANGED, str(path), "清单中没有记录报告数据的 SHA-256")]
    try:
        digest, size = _file_digest(path)
    except OSError as exc:
        return [Discrepancy(DATA_CHANGED, str(path), f"无法读取数据文件：{exc.strerror or exc}")]
    if digest != recorded["sha256"] or size != recorded.get("size"):
        return [Discrepancy(DATA_CHANGED, str(path), "数据文件与发布时的数据不同（SHA-256 不符）")]
    return []
