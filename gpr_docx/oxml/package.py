"""Opening an untrusted .docx (or any OOXML package) within limits, and parsing its XML without entities.

Everything that reads a .docx made by someone else goes through here, and so does the .xlsx reader
(:func:`open_package` with its own :class:`PackageKind`): one zip guard for every Office file. The
zip is checked before a byte is inflated (member count, declared sizes, encryption flag) and again
while streaming (actual sizes, compression ratio), so a zip bomb stops after at most the limit; XML
is parsed with entity resolution, DTD loading and network access off, and any DOCTYPE is refused
outright.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from typing import Final

import attrs
from lxml import etree

from .._fs import read_limited
from ..errors import (
    BrokenDocxError,
    DocxLimitError,
    EncryptedDocxError,
    GprError,
    NotDocxError,
    UnsafeXmlError,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DOCUMENT_PART",
    "DOCX",
    "NUMBERING_PART",
    "STYLES_PART",
    "DocxPackage",
    "Element",
    "Limits",
    "PackageKind",
    "W",
    "open_docx",
    "open_package",
    "parse_xml",
    "serialize_xml",
    "w",
]

Element = etree._Element
"""An XML element of a part; above this layer only an opaque handle (a cell's ``w:tc``, a ``w:p``)."""

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_PART: Final = "word/document.xml"
STYLES_PART: Final = "word/styles.xml"
NUMBERING_PART: Final = "word/numbering.xml"
_CFB_SIGNATURE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM: Final = "EncryptionInfo".encode("utf-16-le")
_CHUNK: Final = 64 * 1024
_MB: Final = 1024 * 1024


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("tc")``."""
    return f"{{{W}}}{tag}"


@attrs.frozen
class Limits:
    """Safety limits for one .docx; the defaults are far above any real annual report."""

    file_size: int = 50 * _MB
    members: int = 2000
    part_size: int = 64 * _MB
    total_size: int = 256 * _MB
    ratio: int = 200
    """Largest inflated/compressed ratio allowed for a part bigger than ``ratio_floor`` bytes."""
    ratio_floor: int = 1 * _MB


DEFAULT_LIMITS: Final = Limits()


@attrs.frozen
class PackageKind:
    """One kind of Office zip package: how messages name it, the part it must have, what it raises.

    The checks are the same for every kind; only the words and the error classes differ, so that a
    workbook's problems carry the workbook's codes and a document's the document's.
    """

    name: str
    """What the file should be, as messages say it (``Word（.docx）文件``)."""
    app: str
    """The program a person fixes the file in (``Word``)."""
    main_part: str
    """The part every package of this kind has (``word/document.xml``)."""
    legacy_message: str
    """What to say about an unencrypted Office binary file (the old ``.doc``/``.xls`` format)."""
    not_package: type[GprError]
    """Raised for a file that is not a zip package at all."""
    legacy: type[GprError]
    """Raised for an Office binary file (the old format)."""
    encrypted: type[GprError]
    """Raised for a password-protected file."""
    broken: type[GprError]
    """Raised for a truncated or corrupt package, or one without :attr:`main_part`."""
    limit: type[GprError]
    """Raised for a package over a limit while inflating it (members, sizes, compression ratio)."""
    too_large: type[GprError]
    """Raised for a file over :attr:`Limits.file_size`."""
    hint: str = ""
    """Added to the message for a file that is not a zip package: what it may be, what to do."""


DOCX: Final = PackageKind(
    name="Word（.docx）文件",
    app="Word",
    main_part=DOCUMENT_PART,
    legacy_message="这是旧版 Word（.doc）或其他 Office 二进制文件，请另存为 .docx",
    not_package=NotDocxError,
    legacy=NotDocxError,
    encrypted=EncryptedDocxError,
    broken=BrokenDocxError,
    limit=DocxLimitError,
    too_large=DocxLimitError,
)
"""A Word document."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes, *, place: str = "") -> etree._Element:
    """Parse one XML part safely; a DOCTYPE (needed by every entity trick) is refused, not ignored."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsafeXmlError(
            "XML 中含有 DOCTYPE/实体声明，Word 文档不会包含它，已拒绝读取", place=place
        )
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise _xml_error(exc, place) from None
    if root.getroottree().docinfo.internalDTD is not None:  # pragma: no cover - caught above
        raise UnsafeXmlError("XML 中含有 DOCTYPE 声明，已拒绝读取", place=place)
    return root


_TOO_DEEP: Final = "Excessive depth"
"""How libxml2 says an element is nested deeper than it parses without ``huge_tree`` (256 levels)."""


def _xml_error(exc: etree.XMLSyntaxError, place: str) -> BrokenDocxError | DocxLimitError:
    """libxml2's complaint in plain Chinese: where the XML breaks, or that it is nested too deep."""
    line, column = exc.position
    if _TOO_DEEP in (exc.msg or ""):
        return DocxLimitError("XML 元素嵌套超过 256 层，Word 文档不会这样，已拒绝读取", place=place)
    return BrokenDocxError(f"XML 损坏，无法解析（第 {line} 行第 {column} 列）", place=place)


def serialize_xml(root: etree._Element) -> bytes:
    """An XML part's bytes as Word writes them: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class DocxPackage:
    """An opened .docx (or another :class:`PackageKind`): its member list and size-checked access to
    each part's bytes or XML."""

    def __init__(
        self, archive: zipfile.ZipFile, name: str, limits: Limits, kind: PackageKind = DOCX
    ) -> None:
        self._archive = archive
        self.name = name
        self.limits = limits
        self.kind = kind
        self._inflated = 0

    @property
    def infos(self) -> list[zipfile.ZipInfo]:
        return self._archive.infolist()

    def has(self, part: str) -> bool:
        try:
            self._archive.getinfo(part)
        except KeyError:
            return False
        return True

    def read(self, part: str) -> bytes:
        """The inflated bytes of ``part``, counted while streaming against the limits."""
        place = f"{self.name}:{part}"
        kind = self.kind
        try:
            info = self._archive.getinfo(part)
        except KeyError:
            raise kind.broken(f"缺少部件 {part}", place=self.name) from None
        limits = self.limits
        buffer = io.BytesIO()
        size = 0
        try:
            with self._archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._inflated += len(chunk)
                    if size > limits.part_size:
                        raise kind.limit(
                            f"部件解压后超过 {limits.part_size // _MB} MB，疑为压缩炸弹，已停止",
                            place=place,
                        )
                    if self._inflated > limits.total_size:
                        raise kind.limit(
                            f"解压后总大小超过 {limits.total_size // _MB} MB，疑为压缩炸弹，已停止",
                            place=place,
                        )
                    if size > limits.ratio_floor and size > limits.ratio * max(
                        info.compress_size, 1
                    ):
                        raise kind.limit(
                            f"压缩比超过 {limits.ratio}:1，疑为压缩炸弹，已停止", place=place
                        )
                    buffer.write(chunk)
        except (zipfile.BadZipFile, EOFError, zlib_error()) as exc:
            raise kind.broken(f"文件已损坏或不完整：{exc}", place=place) from None
        except NotImplementedError as exc:
            raise kind.broken(f"不支持的压缩方式：{exc}", place=place) from None
        return buffer.getvalue()

    def xml(self, part: str) -> etree._Element:
        """The parsed root element of ``part``."""
        return parse_xml(self.read(part), place=f"{self.name}:{part}")

    def document(self) -> etree._Element:
        """The root of ``word/document.xml``."""
        return self.xml(DOCUMENT_PART)

    def optional_xml(self, part: str) -> etree._Element | None:
        """The parsed root element of ``part``, or ``None`` when the package has no such part."""
        return self.xml(part) if self.has(part) else None

    def replaced(self, parts: Mapping[str, bytes]) -> bytes:
        """The package as .docx bytes with ``parts`` in place of their old bytes.

        Every other part is copied byte for byte, and every member keeps its name, order, date,
        compression and attributes.
        """
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in self.infos:
                data = parts.get(info.filename)
                if data is None:
                    data = self.read(info.filename)
                copied = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copied.compress_type = info.compress_type
                copied.external_attr = info.external_attr
                copied.create_system = info.create_system
                out.writestr(copied, data)
        return buffer.getvalue()

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> DocxPackage:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def zlib_error() -> type[Exception]:
    """zlib's error class (a corrupt deflate stream), imported lazily."""
    import zlib

    return zlib.error


def open_docx(
    source: str | os.PathLike[str] | bytes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
) -> DocxPackage:
    """Open a .docx (a path or its bytes) after the checks that need no inflating."""
    return open_package(source, kind=DOCX, limits=limits, name=name)


def open_package(
    source: str | os.PathLike[str] | bytes,
    *,
    kind: PackageKind,
    limits: Limits = DEFAULT_LIMITS,
    name: str | None = None,
) -> DocxPackage:
    """Open an Office zip package of ``kind`` (a path or its bytes) after the checks that need no
    inflating: its size, the old binary format, encryption, the member count and declared sizes,
    and its main part. Each failure raises the error class ``kind`` names for it."""
    data, default_name = read_limited(
        source,
        limits.file_size,
        unnamed="<文档>",
        what=kind.name,
        too_large=kind.too_large,
        unreadable=kind.not_package,
    )
    name = name or default_name
    if data.startswith(_CFB_SIGNATURE):
        if _ENCRYPTION_STREAM in data[: 1 * _MB]:
            raise kind.encrypted(
                f"文件已加密（设有打开密码），请在 {kind.app} 中取消密码后另存", place=name
            )
        raise kind.legacy(kind.legacy_message, place=name)
    if not data.startswith(b"PK"):
        raise kind.not_package(f"不是 {kind.name}{kind.hint}", place=name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise kind.broken("文件不完整或已损坏（可能下载或复制时中断）", place=name) from None
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise kind.limit(f"压缩包内有 {len(infos)} 个部件，超过上限 {limits.members}", place=name)
    if any(info.flag_bits & 0x1 for info in infos):
        raise kind.encrypted("压缩包内的部件已加密，无法读取", place=name)
    for info in infos:  # a bomb is refused by its declared sizes, before a byte is inflated
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise kind.limit(
                f"压缩比超过 {limits.ratio}:1，疑为压缩炸弹，已停止",
                place=f"{name}:{info.filename}",
            )
    declared = sum(info.file_size for info in infos)
    if declared > limits.total_size:
        raise kind.limit(
            f"解压后总大小 {declared // _MB} MB，超过上限 {limits.total_size // _MB} MB", place=name
        )
    package = DocxPackage(archive, name, limits, kind)
    if not package.has(kind.main_part):
        archive.close()
        raise kind.broken(f"缺少 {kind.main_part}，不是{kind.name}", place=name)
    return package
