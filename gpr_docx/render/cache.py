"""Compiled templates kept on disk, so a new process renders without compiling the template again.

Compiling a template (python-docx, docxtpl's preprocessing, Jinja) costs about a tenth of a second
and its imports as much again; a one-report command pays that in every process. An entry holds what
:meth:`~gpr_docx.render.compiled.CompiledTemplate.dump` gives and the template's checked names, in
the user's cache directory (``platformdirs.user_cache_dir("gpr-docx")``, ``templates/`` inside it)::

    GPR_DOCX_CACHE_DIR=/some/folder   use this folder instead
    GPR_DOCX_NO_CACHE=1               no disk cache at all (the in-memory one stays)

An entry is named by its key: the kind of template (a report's, a review sheet's) and the SHA-256
of its bytes, the library's version and code, and the versions of Python, Jinja, docxtpl,
python-docx and lxml (Jinja's code objects belong to one Python, the rest decide what compiling
makes). It is a short header (format, key, SHA-256 of
the payload) and the payload in :mod:`marshal`'s format: plain tuples, strings, bytes and code
objects, never pickle. An entry that is missing, truncated, damaged, of another format or key, or
not the user's own file is not used and is written again; a folder that cannot be written means no
disk cache, never an error. Writes go to a temporary file renamed into place, so two processes
filling the cache at once each leave a whole entry.

Like Python's own ``__pycache__``, an entry holds code that is run: the folder must be the user's.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

__all__ = [
    "DIR_VARIABLE",
    "FORMAT",
    "OFF_VARIABLE",
    "directory",
    "entry_key",
    "entry_path",
    "fingerprint",
    "load",
    "store",
]

DIR_VARIABLE: Final = "GPR_DOCX_CACHE_DIR"
"""Environment variable: the cache folder to use instead of the user cache directory."""
OFF_VARIABLE: Final = "GPR_DOCX_NO_CACHE"
"""Environment variable: any value but empty or ``0`` turns the disk cache off."""
FORMAT: Final = 2
"""Version of the entry layout and of :meth:`CompiledTemplate.dump`'s data; raise it on any change."""

_MAGIC: Final = b"gpr-docx compiled template"
_SUFFIX: Final = ".gprtpl"
_MAX_ENTRIES: Final = 32
_STALE_TEMPORARY: Final = 3600.0
_VERSION_LINE: Final = re.compile(rb"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def directory() -> Path | None:
    """The folder entries live in, or None when the disk cache is turned off."""
    if os.environ.get(OFF_VARIABLE, "") not in ("", "0"):
        return None
    configured = os.environ.get(DIR_VARIABLE)
    if configured:
        return Path(configured) / "templates"
    import platformdirs

    return Path(platformdirs.user_cache_dir("gpr-docx", appauthor=False)) / "templates"


def entry_key(template_digest: str, environment: Sequence[str] | None = None, *, kind: str) -> str:
    """The key of the entry for the ``kind`` of template (a report, a review sheet) whose SHA-256
    is ``template_digest`` (hex), compiled in ``environment`` (this process's :func:`fingerprint`
    unless given)."""
    lines = fingerprint() if environment is None else environment
    material = "\n".join((*lines, f"kind {kind}", f"template {template_digest}"))
    return hashlib.sha256(material.encode()).hexdigest()


def entry_path(folder: Path, key: str) -> Path:
    """The file of the entry for ``key`` in ``folder``."""
    return folder / f"{key}{_SUFFIX}"


@functools.cache
def fingerprint() -> tuple[str, ...]:
    """Everything besides the template that decides what compiling it makes, one line each: the
    entry format, this library's version and code, Python, Jinja, docxtpl, python-docx and lxml."""
    import jinja2
    from jinja2 import bccache

    from .._version import __version__

    here = Path(__file__).parent
    code = [
        f"{path.name} {stat.st_size} {stat.st_mtime_ns}"
        for path in (
            here / name for name in ("compiled.py", "sandbox.py", "template.py", "cache.py")
        )
        if (stat := _stat(path)) is not None
    ]
    return (
        f"format {FORMAT}",
        f"gpr-docx {__version__}",
        *code,
        f"python {sys.version} {sys.implementation.cache_tag} {sys.hexversion}",
        f"jinja2 {jinja2.__version__} {bccache.bc_magic.hex()}",
        *(f"{name} {_installed_version(name)}" for name in ("docxtpl", "docx", "lxml")),
    )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _installed_version(package: str) -> str:
    """The ``__version__`` its ``__init__.py`` declares, read without importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return "?"
        with open(origin, "rb") as file:  # noqa: PTH123 - the spec gives a str path
            found = _VERSION_LINE.search(file.read())
    except (ImportError, OSError, ValueError):
        return "?"
    return found.group(1).decode("ascii", "replace") if found else "?"


def _header(key: str, payload: bytes) -> bytes:
    digest = hashlib.sha256(payload).hexdigest()
    return b"%s\nformat %d\nkey %s\nsha256 %s\n" % (
        _MAGIC,
        FORMAT,
        key.encode("ascii"),
        digest.encode("ascii"),
    )


def _owned(status: os.stat_result) -> bool:
    """True if the file is the user's own and nobody else may write it (where the OS says so)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return status.st_uid == getuid() and not status.st_mode & 0o022


def load(folder: Path, key: str) -> object | None:
    """The payload stored under ``key``, or None if there is no sound entry of this format and key."""
    try:
        with entry_path(folder, key).open("rb") as file:
            if not _owned(os.fstat(file.fileno())):
                return None
            blob = file.read()
    except OSError:
        return None
    parts = blob.split(b"\n", 4)
    if len(parts) != 5:
        return None
    payload = parts[4]
    if b"\n".join(parts[:4]) + b"\n" != _header(key, payload):
        return None  # another format or key, or a payload that is not the one written
    try:
        value: object = marshal.loads(payload)  # noqa: S302 - our own file, its SHA-256 checked above
    except (EOFError, ValueError, TypeError):
        return None
    return value


def store(folder: Path, key: str, payload: tuple[Any, ...]) -> bool:
    """Write the entry for ``key`` atomically; False (and nothing written) if it cannot be."""
    try:
        data = marshal.dumps(payload)
    except ValueError:
        return False
    temporary = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(_header(key, data))
            file.write(data)
        Path(temporary).replace(entry_path(folder, key))
        temporary = None
    except OSError:
        return False
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
    _prune(folder, keep=key)
    return True


def _prune(folder: Path, *, keep: str) -> None:
    """Keep the newest entries only, and drop temporary files a killed process left behind."""
    with contextlib.suppress(OSError):
        now = time.time()
        entries = []
        for path in folder.iterdir():
            status = _stat(path)
            if status is None:
                continue
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                if now - status.st_mtime > _STALE_TEMPORARY:
                    path.unlink(missing_ok=True)
            elif path.suffix == _SUFFIX and path.stem != keep:
                entries.append((status.st_mtime, path))
        entries.sort(reverse=True)
        for _mtime, path in entries[_MAX_ENTRIES - 1 :]:
            path.unlink(missing_ok=True)
