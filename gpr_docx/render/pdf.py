"""Report → PDF: the rendered .docx converted by LibreOffice headless (``soffice --convert-to pdf``).

The PDF is exactly the Word document as LibreOffice lays it out: the same template, page numbers
from the footer's PAGE field, every font embedded. LibreOffice is found on ``PATH`` (``soffice``,
``libreoffice``), at its usual install places, or where the environment variable
:data:`SOFFICE_ENV` says; without it the error says how to install it.

Each conversion runs in a fresh temporary folder with a LibreOffice profile
(``-env:UserInstallation``) that no other conversion uses at the same time: two conversions at
once, in threads or processes, never share a profile (a shared one makes the second ``soffice``
hand its work to the first, or fail). A profile is made by the first conversion that needs one and
kept, idle, for the next conversion of the same process, since making one costs about as much as
the conversion itself; a forked process makes its own, and a profile whose conversion failed is
thrown away. The profiles live in one temporary folder per process, removed when it exits.
A conversion that does not finish within ``timeout`` seconds is stopped with its whole process
group (``soffice`` starts ``oosplash`` and ``soffice.bin``), and its temporary folder is removed
whatever happens.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from multiprocessing import util as multiprocessing_util
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .._fs import writable, write_atomic
from ..errors import PdfConversionError, PdfConverterMissingError, PdfTimeoutError
from . import TemplateInput

if TYPE_CHECKING:
    from ..model import Report

__all__ = [
    "DEFAULT_TIMEOUT",
    "SOFFICE_ENV",
    "docx_to_pdf",
    "find_soffice",
    "render_pdf",
    "render_pdf_to_file",
]

SOFFICE_ENV: Final = "GPR_DOCX_SOFFICE"
"""Environment variable naming the ``soffice`` program to use (a path, or a name on ``PATH``)."""
DEFAULT_TIMEOUT: Final = 120.0
"""Seconds one conversion may take before LibreOffice is stopped (a report takes 1–3 s)."""

_PROGRAMS: Final = ("soffice", "libreoffice")
_INSTALL_PLACES: Final = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)
_INSTALL_HINT: Final = (
    "请安装 LibreOffice：Debian/Ubuntu 执行 sudo apt install libreoffice-writer-nogui，"
    "其他系统从 https://zh-cn.libreoffice.org/download/ 下载安装；"
    f"已安装但不在 PATH 中时，用环境变量 {SOFFICE_ENV} 指向 soffice 程序"
)
# Embed every font, the 14 standard PDF fonts included, so that the file looks the same everywhere.
_FILTER: Final = 'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"}}'
_REAP_WAIT: Final = 5.0
"""Seconds to read what a killed LibreOffice still has to say before closing its pipe."""
_OUTPUT_TAIL: Final = 400
"""Characters of LibreOffice's own output quoted in a failure's message."""


def find_soffice() -> str:
    """The LibreOffice program to run: :data:`SOFFICE_ENV`, else ``soffice`` on ``PATH``, else an
    install place LibreOffice's packages use.

    Raises:
        PdfConverterMissingError: None is found (or :data:`SOFFICE_ENV` names no program); the
            message says how to install LibreOffice.
    """
    named = os.environ.get(SOFFICE_ENV, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise PdfConverterMissingError(
                f"环境变量 {SOFFICE_ENV} 指定的程序不存在或不可执行：{named}。{_INSTALL_HINT}"
            )
        return found
    for program in _PROGRAMS:
        if found := shutil.which(program):
            return found
    for place in _INSTALL_PLACES:
        if os.access(place, os.X_OK):
            return place
    raise PdfConverterMissingError(
        f"生成 PDF 需要 LibreOffice，但没有找到 soffice 程序。{_INSTALL_HINT}"
    )


def docx_to_pdf(docx: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of a .docx, made by LibreOffice headless with a profile no other conversion is using.

    Args:
        docx: The bytes of the Word document.
        timeout: Seconds the conversion may take; then LibreOffice is stopped.

    Returns:
        The bytes of the PDF.

    Raises:
        PdfConverterMissingError: LibreOffice is not installed or not found (:func:`find_soffice`).
        PdfTimeoutError: The conversion took longer than ``timeout``; LibreOffice was stopped.
        PdfConversionError: LibreOffice failed or made no PDF.
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    program = find_soffice()
    with tempfile.TemporaryDirectory(prefix="gpr-docx-pdf-") as folder:
        work = Path(folder)
        (work / "report.docx").write_bytes(docx)
        with _PROFILES.taken() as profile:
            return _convert(program, profile, work, timeout=timeout)


def _convert(program: str, profile: Path, work: Path, *, timeout: float) -> bytes:
    """Convert ``work/report.docx`` into ``work/out/`` with ``profile``; the PDF's bytes."""
    source, out = work / "report.docx", work / "out"
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        _FILTER,
        "--outdir",
        str(out),
        str(source),
    ]
    output = _run(command, timeout=timeout, cwd=work)
    try:
        pdf = (out / "report.pdf").read_bytes()
    except OSError:
        pdf = b""
    if not pdf.startswith(b"%PDF-"):
        raise PdfConversionError(f"LibreOffice 没有生成 PDF{_quoted(output)}")
    return pdf


class _Profiles:
    """This process's LibreOffice profiles: each lent to one conversion at a time.

    A conversion takes an idle profile or makes a new one, and gives it back when it succeeded
    (a failed or killed one may have left it half-written: it is removed). After a fork the child
    starts with none of its own, so it never uses a profile its parent may be using. The folder
    holding them is removed when the process exits (``multiprocessing``'s exit functions run in
    pool workers too, where ``atexit`` does not).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = -1
        self._root: Path | None = None
        self._idle: list[Path] = []
        self._names = itertools.count()

    def _folder(self) -> Path:
        if self._pid != os.getpid() or self._root is None:
            self._pid = os.getpid()
            self._idle = []
            self._root = Path(tempfile.mkdtemp(prefix="gpr-docx-libreoffice-"))
            multiprocessing_util.Finalize(
                self,
                shutil.rmtree,
                args=(self._root,),
                kwargs={"ignore_errors": True},
                exitpriority=0,
            )
        return self._root

    @contextlib.contextmanager
    def taken(self) -> Iterator[Path]:
        """A profile no other conversion is using, until the block ends."""
        with self._lock:
            root = self._folder()
            profile = self._idle.pop() if self._idle else root / f"profile-{next(self._names)}"
        good = False
        try:
            yield profile
            good = True
        finally:
            with self._lock:
                current = self._pid == os.getpid() and profile.parent == self._root
                if good and current:
                    self._idle.append(profile)
            if not (good and current):
                shutil.rmtree(profile, ignore_errors=True)


_PROFILES = _Profiles()  # replaced by the tests and the benchmark to start afresh


def _run(command: list[str], *, timeout: float, cwd: Path) -> str:
    """Run ``command`` in a process group of its own; its output, or a PdfConversionError.

    The group is killed on a timeout and on any interruption (Ctrl-C), so no LibreOffice process
    outlives the call.
    """
    environment = {**os.environ, "HOME": str(cwd)}  # nothing is written to the user's home
    try:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=sys.platform != "win32",
        )
    except OSError as exc:
        raise PdfConverterMissingError(
            f"无法启动 LibreOffice（{command[0]}）：{exc.strerror or exc}。{_INSTALL_HINT}"
        ) from None
    try:
        stdout, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise PdfTimeoutError(
            f"LibreOffice 转换 PDF 超过 {timeout:g} 秒仍未完成，已终止，未生成文件"
        ) from None
    except BaseException:
        _kill(process)
        raise
    finally:
        # Helpers LibreOffice left in its group (a crash reporter, say) go with it.
        _kill_group(process)
    text = stdout.decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise PdfConversionError(
            f"LibreOffice 转换失败（退出码 {process.returncode}）{_quoted(text)}"
        )
    return text


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if sys.platform != "win32":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the process and its group, and reap it.

    A descendant that left the group could keep the output pipe open: the pipe is then closed
    rather than read to its end, so this never waits on it.
    """
    _kill_group(process)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    try:
        process.communicate(timeout=_REAP_WAIT)
    except subprocess.TimeoutExpired:
        if process.stdout is not None:
            process.stdout.close()
        process.wait()


def _quoted(output: str) -> str:
    text = " ".join(output.split())
    if not text:
        return ""
    if len(text) > _OUTPUT_TAIL:
        text = "…" + text[-_OUTPUT_TAIL:]
    return f"：{text}"


def render_pdf(
    report: Report, *, template: TemplateInput = None, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """The report as PDF bytes: rendered to .docx (:func:`gpr_docx.render`), then converted.

    Args:
        report: The report to render.
        template: As for :func:`gpr_docx.render`.
        timeout: Seconds the conversion may take (:func:`gpr_docx.render.pdf.docx_to_pdf`).

    Raises:
        TemplateError: As for :func:`gpr_docx.render`.
        PdfConverterMissingError: LibreOffice is not installed or not found.
        PdfTimeoutError: The conversion took longer than ``timeout``.
        PdfConversionError: LibreOffice failed or made no PDF.
    """
    from ..model import require_report
    from .template import render

    require_report(report, taker="render_pdf")
    find_soffice()  # before rendering: a missing converter costs nothing
    return docx_to_pdf(render(report, template), timeout=timeout)


def render_pdf_to_file(
    report: Report,
    path: str | os.PathLike[str],
    *,
    template: TemplateInput = None,
    timeout: float = DEFAULT_TIMEOUT,
    force: bool = False,
) -> Path:
    """Render ``report`` as PDF and write it to ``path`` atomically (never a partial file).

    Args:
        report: The report to render.
        path: The .pdf to write; its folder is made if missing.
        template: As for :func:`gpr_docx.render`.
        timeout: As for :func:`render_pdf`.
        force: Overwrite ``path`` if it exists.

    Returns:
        The path written.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (checked before converting).
        OutputError: ``path`` is a folder or cannot be written.
        PdfConversionError: As for :func:`render_pdf` (its subclasses included); nothing is written.
    """
    target = writable(path, force=force)
    return write_atomic(target, render_pdf(report, template=template, timeout=timeout), force=force)
