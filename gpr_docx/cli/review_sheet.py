"""``gpr-docx check … --format docx -o 审核意见单.docx``: the findings as a printable 审核意见单.

One sheet per input: ``-o`` names the file for one input, or a folder for several (each sheet
named after its input: ``A.toml`` → ``A-审核意见单.docx``). Every output path is checked before any
input is read, and an existing file is kept unless ``--overwrite``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

from .base import err_console, out_console, reporting, usage_error
from .paths import is_folder, output_path
from .printing import print_findings

if TYPE_CHECKING:
    from ..findings import Finding
    from ..model import Report

__all__ = ["DEFAULT_OUTPUT", "SHEET_SUFFIX", "plan_sheets", "write_sheets"]

DEFAULT_OUTPUT: Final = "审核意见单.docx"
"""Where the sheet of a single input goes without ``-o``."""
SHEET_SUFFIX: Final = "-审核意见单.docx"
"""What a sheet's name adds to its input's name when ``-o`` is a folder."""


def plan_sheets(
    inputs: Sequence[Path], output: str | None, *, overwrite: bool, template: Path | None = None
) -> dict[str, Path]:
    """The sheet of each input (by the input's name as ``check`` reports it), or a usage error.

    Refused before any work: several inputs without a folder to put them in, two inputs whose
    sheets would have the same name, an output that is an input or the ``template``, and (unless
    ``overwrite``) an output file that exists already (GPR401).
    """
    from .._fs import writable

    raw = DEFAULT_OUTPUT if output is None else output
    if not raw.strip():
        usage_error("输出路径为空，请用 -o 给出文件名或文件夹")
    if len(inputs) > 1 or is_folder(raw):
        if output is None or (not is_folder(raw) and Path(raw).suffix.lower() == ".docx"):
            usage_error("多个输入时请用 -o 给出输出文件夹（以 / 结尾），每份报告一份审核意见单")
        targets = _in_folder(inputs, Path(raw))
    else:
        targets = {
            str(inputs[0]): output_path(
                raw, suffixes=(".docx",), inputs=[*inputs, *([template] if template else [])]
            ),
        }
    if not overwrite:
        with reporting():
            for target in targets.values():
                writable(target)
    return targets


def _in_folder(inputs: Sequence[Path], folder: Path) -> dict[str, Path]:
    """Each input's sheet in ``folder``, named after the input (with its suffix when two share a stem)."""
    stems: dict[str, int] = {}
    for path in inputs:
        stems[path.stem] = stems.get(path.stem, 0) + 1
    targets: dict[str, Path] = {}
    taken: dict[Path, Path] = {}
    for path in inputs:
        base = path.stem if stems[path.stem] == 1 else path.name
        target = folder / f"{base}{SHEET_SUFFIX}"
        if target in taken:
            usage_error(
                f"「{taken[target]}」和「{path}」的审核意见单同名（{target.name}），请分开检查",
                place=str(folder),
            )
        taken[target] = path
        targets[str(path)] = target
    return targets


def write_sheets(
    targets: Mapping[str, Path],
    reports: Mapping[str, Report],
    results: Mapping[str, Sequence[Finding]],
    *,
    reviewer: str | None,
    template: Path | None,
    overwrite: bool,
) -> None:
    """Write the sheet of every input that could be read; list the problems of those that could not."""
    from ..review import review_sheet_to_file, summary_line

    for name, target in targets.items():
        report = reports.get(name)
        if report is None:
            print_findings(err_console, results[name], source=name)
            err_console.print(f"{name}：无法读取，未生成审核意见单", markup=False)
            continue
        with reporting():
            written = review_sheet_to_file(
                report,
                results[name],
                target,
                reviewer=reviewer,
                template=template,
                force=overwrite,
            )
        out_console.print(f"已生成 {written}（{summary_line(results[name])}）", markup=False)
