"""The operator's settings: sizes, templates by name, the token file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpr_docx.errors import UsageError
from gpr_docx.server.settings import (
    DEFAULT_MAX_BODY,
    Settings,
    parse_size,
    read_token,
    templates_in,
)


def test_defaults_are_safe() -> None:
    settings = Settings()
    assert settings.max_body == DEFAULT_MAX_BODY == 20 * 1024 * 1024
    assert settings.token is None
    assert settings.templates == {}
    secret = "never-printed-" + "x" * 8
    assert secret not in repr(Settings(token=secret))


@pytest.mark.parametrize(
    ("text", "size"),
    [("20MB", 20 * 1024 * 1024), ("512k", 512 * 1024), ("100", 100), ("1.5m", 1572864)],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "-1MB", "0", "20 TB", "1e6"])
def test_what_is_not_a_size(text: str) -> None:
    with pytest.raises(UsageError):
        parse_size(text)


def test_templates_are_the_folders_docx_by_name(tmp_path: Path) -> None:
    (tmp_path / "红头.docx").write_bytes(b"x")
    (tmp_path / "plain-2024.docx").write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    assert sorted(templates_in(tmp_path)) == ["plain-2024", "红头"]
    (tmp_path / "with space.docx").write_bytes(b"x")
    with pytest.raises(UsageError):
        templates_in(tmp_path)


@pytest.mark.parametrize("name", ["../x", "a/b", "a.docx", "", "x" * 65])
def test_a_template_name_is_never_a_path(name: str) -> None:
    with pytest.raises(UsageError):
        Settings(templates={name: Path("x.docx")})


def test_the_token_file(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text("  abc-123\n", "utf-8")
    assert read_token(path) == "abc-123"
    for bad in ("", "two words", "\n\n"):
        path.write_text(bad, "utf-8")
        with pytest.raises(UsageError):
            read_token(path)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UsageError):
        read_token(path)


def test_limits_must_be_positive() -> None:
    for wrong in ({"max_body": 0}, {"timeout": 0}, {"workers": 0}, {"header_timeout": -1}):
        with pytest.raises(UsageError):
            Settings(**wrong)  # type: ignore[arg-type]


def test_profiles_are_the_folders_toml_checked_at_once(tmp_path: Path) -> None:
    from gpr_docx.errors import ProfileError
    from gpr_docx.server.settings import profiles_in

    (tmp_path / "区里.toml").write_text('name = "区里"\n', "utf-8")
    assert list(profiles_in(tmp_path)) == ["区里"]
    (tmp_path / "broken.toml").write_text("[nonsense]\nx = 1\n", "utf-8")
    with pytest.raises(ProfileError):
        profiles_in(tmp_path)
