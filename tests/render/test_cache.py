"""The disk cache of compiled templates: a hit renders the same bytes without docxtpl, python-docx
or lxml; anything wrong with an entry means it is rebuilt, never trusted and never an error."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gpr_docx import examples, render
from gpr_docx.render import cache
from gpr_docx.render.compiled import CompiledTemplate
from gpr_docx.render.template import REPORT, build_context, load_template
from tests.helpers import ROOT

HEAVY = ("docxtpl", "docx", "lxml")

# A fresh process: render the district example with the template at argv[1] (official if "-"),
# write the bytes to argv[2], print the heavy packages it imported.
RENDER_IN_A_NEW_PROCESS = """
import sys
from pathlib import Path
import gpr_docx
template = None if sys.argv[1] == "-" else Path(sys.argv[1])
output = gpr_docx.render(gpr_docx.examples.load("example-district-2024"), template)
Path(sys.argv[2]).write_bytes(output)
print(" ".join(sorted({m.split(".")[0] for m in sys.modules} & {"docxtpl", "docx", "lxml"})))
"""


def _run(folder: Path, template: Path | None, output: Path) -> subprocess.Popen[str]:
    env = {**os.environ, cache.DIR_VARIABLE: str(folder), "PYTHONPATH": str(ROOT)}
    env.pop(cache.OFF_VARIABLE, None)
    return subprocess.Popen(
        [sys.executable, "-c", RENDER_IN_A_NEW_PROCESS, str(template or "-"), str(output)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> set[str]:
    """The heavy packages the process imported; it must succeed within two minutes."""
    stdout, _ = process.communicate(timeout=120)
    assert process.returncode == 0
    return set(stdout.split())


def _official() -> bytes:
    return load_template().data


def _variant(tag: str) -> bytes:
    """The official template with an archive comment: other bytes (another cache key), same document."""
    source = zipfile.ZipFile(io.BytesIO(_official()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.comment = f"gpr-docx test {tag}".encode()
    return buffer.getvalue()


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "templates").iterdir())


def _key(template: bytes) -> str:
    return cache.entry_key(hashlib.sha256(template).hexdigest(), kind=REPORT.name)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, for this process and the ones it starts."""
    monkeypatch.setenv(cache.DIR_VARIABLE, str(tmp_path))
    monkeypatch.delenv(cache.OFF_VARIABLE, raising=False)
    return tmp_path


def test_a_hit_in_a_new_process_renders_the_same_without_docxtpl(tmp_path: Path) -> None:
    folder = tmp_path / "cache"  # the new processes' own: this one writes elsewhere
    expected = render(examples.load("example-district-2024"))
    cold, warm = tmp_path / "cold.docx", tmp_path / "warm.docx"
    assert _finish(_run(folder, None, cold)) == set(HEAVY)  # compiled: docxtpl did the work
    (entry,) = _entries(folder)
    written = entry.read_bytes()
    assert _finish(_run(folder, None, warm)) == set()  # from the disk: none of them imported
    assert cold.read_bytes() == warm.read_bytes() == expected
    assert entry.read_bytes() == written  # read, not written again


def _truncated(blob: bytes) -> bytes:
    return blob[: len(blob) // 2]


def _garbage(blob: bytes) -> bytes:
    return os.urandom(len(blob))


def _other_format(blob: bytes) -> bytes:
    return blob.replace(b"\nformat %d\n" % cache.FORMAT, b"\nformat %d\n" % (cache.FORMAT + 1), 1)


def _flipped_payload_byte(blob: bytes) -> bytes:
    return blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:]


def _empty(_blob: bytes) -> bytes:
    return b""


@pytest.mark.parametrize(
    "damage", [_truncated, _garbage, _other_format, _flipped_payload_byte, _empty]
)
def test_a_damaged_entry_is_rebuilt(folder: Path, damage: Callable[[bytes], bytes]) -> None:
    report = examples.load("dasheng-2024")
    expected = render(report)
    first, second = _variant(f"{damage.__name__} 1"), _variant(f"{damage.__name__} 2")
    render(report, first)  # compiled and stored
    (stored,) = _entries(folder)
    # The same entry under the second variant's key: sound except for what ``damage`` does to it.
    blob = stored.read_bytes().replace(_key(first).encode(), _key(second).encode(), 1)
    path = cache.entry_path(folder / "templates", _key(second))
    damaged = damage(blob)
    path.write_bytes(damaged)
    assert render(report, second) == expected
    assert path.read_bytes() != damaged  # written again …
    assert cache.load(folder / "templates", _key(second)) is not None  # … and sound


def test_a_sound_entry_is_used_as_it_is(folder: Path) -> None:
    """The control for the test above: the entry moved to another key is read, not rewritten."""
    report = examples.load("dasheng-2024")
    first, second = _variant("sound 1"), _variant("sound 2")
    render(report, first)
    (stored,) = _entries(folder)
    blob = stored.read_bytes().replace(_key(first).encode(), _key(second).encode(), 1)
    path = cache.entry_path(folder / "templates", _key(second))
    path.write_bytes(blob)
    os.utime(path, ns=(0, 0))
    assert render(report, second) == render(report)
    assert path.stat().st_mtime_ns == 0  # not written again


def test_an_entry_of_another_key_or_shape_is_not_used(folder: Path) -> None:
    templates = folder / "templates"
    render(examples.load("dasheng-2024"), _variant("foreign"))
    (stored,) = _entries(folder)
    key = _key(_variant("foreign 2"))
    foreign = cache.entry_path(templates, key)
    foreign.write_bytes(stored.read_bytes())  # the header names the first variant's key
    assert cache.load(templates, key) is None
    assert cache.store(templates, key, ("not", "a", "template"))
    assert cache.load(templates, key) == ("not", "a", "template")
    loaded = load_template(_variant("foreign 2"))  # the shape is wrong: compiled again
    payload = cache.load(templates, key)
    assert isinstance(payload, tuple)
    assert payload[0] == tuple(sorted(loaded.variables))


def test_an_entry_others_may_write_is_not_trusted(folder: Path) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("file ownership is a POSIX notion")
    templates = folder / "templates"
    key = _key(b"some template")
    assert cache.store(templates, key, ("payload",))
    assert cache.load(templates, key) == ("payload",)
    cache.entry_path(templates, key).chmod(0o666)
    assert cache.load(templates, key) is None


def test_two_processes_filling_the_cache_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    template = tmp_path / "template.docx"
    template.write_bytes(_variant("race"))
    outputs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    processes = [_run(folder, template, output) for output in outputs]
    for process in processes:
        _finish(process)
    report = examples.load("example-district-2024")
    expected = render(report)
    assert [output.read_bytes() for output in outputs] == [expected, expected]
    (entry,) = _entries(folder)  # one entry, no temporary file left behind
    key = _key(template.read_bytes())
    assert entry == cache.entry_path(folder / "templates", key)
    payload = cache.load(folder / "templates", key)
    assert isinstance(payload, tuple)
    assert CompiledTemplate.restore(payload[1]).render(build_context(report)) == expected


def test_an_unwritable_cache_folder_only_means_no_disk_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.DIR_VARIABLE, str(blocker / "cache"))
    report = examples.load("dasheng-2024")
    assert render(report, _variant("unwritable")) == render(report)
    assert blocker.read_text() == "not a folder"


def test_the_cache_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.OFF_VARIABLE, "1")
    assert cache.directory() is None
    report = examples.load("dasheng-2024")
    assert render(report, _variant("off")) == render(report)
    assert not (folder / "templates").exists()
    monkeypatch.setenv(cache.OFF_VARIABLE, "0")
    assert cache.directory() == folder / "templates"


def test_the_key_changes_with_the_template_and_the_versions() -> None:
    import jinja2

    import gpr_docx

    lines = cache.fingerprint()
    assert f"gpr-docx {gpr_docx.__version__}" in lines
    assert any(line.startswith(f"jinja2 {jinja2.__version__} ") for line in lines)
    assert any(line.startswith(f"python {sys.version} ") for line in lines)
    assert any(line.startswith("docxtpl ") and not line.endswith("?") for line in lines)
    digest = hashlib.sha256(_official()).hexdigest()
    key = cache.entry_key(digest, kind="report")
    assert key == cache.entry_key(digest, lines, kind="report")
    assert key != cache.entry_key(hashlib.sha256(_variant("key")).hexdigest(), kind="report")
    assert key != cache.entry_key(digest, kind="review-sheet")
    for index, line in enumerate(lines):
        changed = (*lines[:index], f"{line} changed", *lines[index + 1 :])
        assert cache.entry_key(digest, changed, kind="report") != key, line


def test_a_dump_restores_to_the_same_document() -> None:
    """Every kind of part survives ``marshal``: body, tagged header, tagged core properties."""
    import marshal

    from tests.helpers.templates import loop_template

    template = loop_template()
    compiled = CompiledTemplate.compile(template)
    context = {"title": "年报", "rows": [{"name": "甲", "count": "1"}], "note": "备注"}
    restored = CompiledTemplate.restore(marshal.loads(marshal.dumps(compiled.dump())))  # noqa: S302
    assert restored.render(context) == compiled.render(context)
    assert restored.sources == compiled.sources
    with pytest.raises(ValueError, match="dumped"):
        CompiledTemplate.restore(("members", "sources"))
