"""Make ``gpr_docx/parse/traditional.py``: Traditional → Simplified for the characters of the form.

Mirror sites convert whole pages into Traditional characters (``本年新收政府信息公開申請數量``,
``第二十條 第(一)項``). The reader compares labels after mapping such characters back
(:func:`gpr_docx.parse.labels.normalize`), so it needs the Traditional forms of exactly the
characters its official texts use: every label and heading of the form, the report's section and
sub-headings, the 2019 form's own labels and the words of a title. This tool converts each of those
texts with OpenCC (Apache-2.0; ``pip install opencc``) into Traditional Chinese as written in
mainland conversions, Taiwan and Hong Kong (``s2t``, ``s2tw``, ``s2hk``), whole texts (so that
phrase conversions such as 製作 are seen) and character by character, and keeps each pair whose
Traditional character OpenCC converts back (``t2s``) to the Simplified one, and which is not itself
a character of the official texts.

Run ``python tools/make_traditional_map.py`` to rewrite the module; a test checks that the module
is what this tool makes when OpenCC is installed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import attrs

ROOT: Final = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gpr_docx.form import FORM_TABLES  # noqa: E402
from gpr_docx.model import SECTION_HEADINGS, Report, label  # noqa: E402
from gpr_docx.parse.cells import FORMAT_2019_MARKERS  # noqa: E402
from gpr_docx.parse.outline import SUBHEADINGS  # noqa: E402

TARGET: Final = ROOT / "gpr_docx" / "parse" / "traditional.py"
CONFIGS: Final = ("s2t", "s2tw", "s2hk")
WORDS: Final = ("政府信息公开工作年度报告", "关于", "年度", "合计", "总计", "单位", "万元", "件")
"""Words a report's title and tables use beyond the labels of the model."""


def _labels(cls: type) -> Iterator[str]:
    for field in attrs.fields(cls):
        yield label(cls, field.name)
        if isinstance(field.type, type) and attrs.has(field.type):
            yield from _labels(field.type)


def official_texts() -> list[str]:
    """Every official text the reader compares labels and headings against."""
    texts: list[str] = [*SECTION_HEADINGS, *WORDS, *FORMAT_2019_MARKERS]
    for table in FORM_TABLES:
        texts.append(table.heading)
        texts.extend(cell.text for cell in table.cells if cell.text)
    texts.extend(heading for part in SUBHEADINGS.values() for _, heading in part)
    texts.extend(_labels(Report))
    return sorted(set(texts))


def pairs() -> dict[str, str]:
    """Traditional character → Simplified character, for the characters of :func:`official_texts`."""
    import opencc

    texts = official_texts()
    simplified = {char for text in texts for char in text}
    back = opencc.OpenCC("t2s")
    found: dict[str, str] = {}
    for config in CONFIGS:
        convert = opencc.OpenCC(config)
        for text in texts + sorted(simplified):
            traditional = convert.convert(text)
            if len(traditional) != len(text):
                continue
            for old, new in zip(traditional, text, strict=True):
                if old != new and old not in simplified and back.convert(old) == new:
                    found[old] = new
    return dict(sorted(found.items()))


def module_text(mapping: dict[str, str]) -> str:
    lines = [
        '"""Traditional → Simplified for the characters of the official labels and headings (generated).',
        "",
        "Made by tools/make_traditional_map.py from OpenCC's conversion tables (OpenCC, Apache License",
        "2.0, https://github.com/BYVoid/OpenCC); do not edit by hand. Keys are Traditional characters",
        "(mainland, Taiwan and Hong Kong forms), values the Simplified characters the form uses.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        '__all__ = ["TRADITIONAL"]',
        "",
        "TRADITIONAL: Final[dict[str, str]] = {",
    ]
    lines += [f'    "{old}": "{new}",' for old, new in mapping.items()]
    lines += ["}", ""]
    return "\n".join(lines)


def main() -> None:
    TARGET.write_text(module_text(pairs()), "utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
