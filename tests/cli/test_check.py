"""``gpr-docx check``: findings as a table or as stable JSON, exit 0/1/2, several inputs summarised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from gpr_docx import dump, examples
from gpr_docx.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "templates" / "examples"


def _district() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "example-district-2024.json").read_text("utf-8"))
    return data


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _broken(tmp_path: Path) -> Path:
    data = _district()
    data["applications"]["new_requests"]["natural_person"] = 413
    data["review_litigation"]["review"]["total"] = 14
    return _write(tmp_path / "broken.json", data)


def test_clean_report_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", str(EXAMPLES / "dasheng-2024.json")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.stdout


def test_errors_exit_1_with_a_table_per_section(runner: CliRunner, tmp_path: Path) -> None:
    source = _broken(tmp_path)
    result = runner.invoke(app, ["check", str(source)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "3 个错误" in out
    for text in (
        "T3-1",
        "T3-3",
        "T4-1",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议",
    ):
        assert text in out
    assert out.index("三、收到和处理") < out.index("四、政府信息公开行政复议")


def test_json_output_is_documented_and_byte_stable(runner: CliRunner, tmp_path: Path) -> None:
    source = _broken(tmp_path)
    args = ["check", str(source), "--format", "json"]
    first = runner.invoke(app, args, catch_exceptions=False)
    second = runner.invoke(app, args, catch_exceptions=False)
    assert first.exit_code == 1
    assert first.stdout_bytes == second.stdout_bytes
    data = json.loads(first.stdout)
    assert [item["rule"] for item in data] == ["T3-1", "T3-3", "T4-1"]
    for item in data:
        assert set(item) == {
            "rule",
            "severity",
            "location",
            "place",
            "message",
            "expected",
            "actual",
            "numbers",
            "source",
        }
        assert item["severity"] == "error"
        assert item["source"] == str(source)
    assert data[0]["location"] == "表三「自然人」列"
    assert (data[0]["expected"], data[0]["actual"]) == (441, 440)
    assert "表三" in first.stdout  # ensure_ascii=False: Chinese as it is


def test_values_that_cannot_be_loaded_are_all_reported_with_their_cells(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = _district()
    data["applications"]["carried_over"]["other_org"] = -1
    data["review_litigation"]["review"]["upheld"] = "12件"
    data["active_disclosure"]["fees"] = "1.2345678"
    source = _write(tmp_path / "bad.json", data)
    result = runner.invoke(app, ["check", str(source), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 2
    found = [(item["rule"], item["location"]) for item in json.loads(result.stdout)]
    assert found == [
        ("V-2", "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"),
        ("V-1", "表三「二、上年结转政府信息公开申请数量」行「其他」列"),
        ("V-1", "表四「行政复议 · 结果维持」列"),
    ]
    text = runner.invoke(app, ["check", str(source)], catch_exceptions=False)
    assert text.exit_code == 2
    assert text.stdout.count("V-1") == 2
    assert "V-2" in text.stdout


def test_unreadable_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "r.toml"
    source.write_text('schema = "gpr/2021"\nyear = \n', "utf-8")
    result = runner.invoke(app, ["check", str(source)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "GPR103" in result.stdout
    missing = runner.invoke(app, ["check", str(tmp_path / "nope.json")], catch_exceptions=False)
    assert missing.exit_code == 2
    assert "GPR101" in missing.stdout


def test_several_inputs_are_summarised(runner: CliRunner, tmp_path: Path) -> None:
    clean = str(EXAMPLES / "dasheng-2024.json")
    broken = str(_broken(tmp_path))
    result = runner.invoke(app, ["check", clean, broken], catch_exceptions=False)
    assert result.exit_code == 1
    assert "汇总" in result.stdout
    assert "共 2 份，通过 1 份" in result.stdout
    as_json = runner.invoke(
        app, ["check", clean, broken, "--format", "json"], catch_exceptions=False
    )
    assert {item["source"] for item in json.loads(as_json.stdout)} == {broken}


def test_previous_year(runner: CliRunner, tmp_path: Path) -> None:
    last = _district()
    last["year"] = 2023
    previous = _write(tmp_path / "2023.json", last)
    args = ["check", str(EXAMPLES / "example-district-2024.json"), "--previous", str(previous)]
    result = runner.invoke(app, [*args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, "warnings only"
    # Last year's file here is this year's with another year: its text is copied.
    assert {item["rule"] for item in json.loads(result.stdout)} == {"T2-2", "T3-4", "R-4"}
    gone = runner.invoke(
        app, [*args[:2], "--previous", str(tmp_path / "none.json")], catch_exceptions=False
    )
    assert gone.exit_code == 2
    assert "GPR101" in gone.stderr


def test_loading_problems_are_the_same_from_toml_yaml_and_json(
    runner: CliRunner, tmp_path: Path
) -> None:
    import tomli_w
    import yaml

    data = _district()
    data["applications"]["results"]["disclosed"]["commercial_enterprise"] = 1.5
    data["review_litigation"]["litigation_direct"]["pending"] = "三"
    data["active_disclosure"]["fees"] = "-2"
    files = {
        "bad.json": json.dumps(data, ensure_ascii=False),
        "bad.yaml": yaml.safe_dump(data, allow_unicode=True),
        "bad.toml": tomli_w.dumps(data),
    }
    seen = []
    for name, text in files.items():
        source = tmp_path / name
        source.write_text(text, "utf-8")
        result = runner.invoke(
            app, ["check", str(source), "--format", "json"], catch_exceptions=False
        )
        assert result.exit_code == 2, name
        seen.append([(i["rule"], i["location"]) for i in json.loads(result.stdout)])
    assert seen[0] == [
        ("V-2", "表二「行政事业性收费」行「本年收费金额（单位：万元）」列"),
        ("V-1", "表三「（一）予以公开」行「商业企业」列"),
        ("V-1", "表四「行政诉讼 · 未经复议直接起诉 · 尚未审结」列"),
    ]
    assert seen[0] == seen[1] == seen[2]


def test_checks_report_docx_files_and_what_could_not_be_read(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A supervising office checks the .docx it received: read back, then every rule."""
    from gpr_docx import examples, render
    from tests.helpers.editing import with_cell_texts

    rendered = render(examples.load("example-district-2024"))
    clean = tmp_path / "clean.docx"
    clean.write_bytes(rendered)
    typed = tmp_path / "typed.docx"
    typed.write_bytes(
        with_cell_texts(rendered, "一、本年新收政府信息公开申请数量", {1: "四百一十二件"})
    )

    ok = runner.invoke(app, ["check", str(clean)], catch_exceptions=False)
    assert ok.exit_code == 0, ok.output
    result = runner.invoke(app, ["check", str(typed), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    (unread,) = [f for f in found if f["rule"] == "GPR511"]
    assert unread["severity"] == "error"
    assert "四百一十二件" in unread["message"]
    # The cell counts as 0, so the sums through it fail too.
    assert {"T3-1", "T3-3"} <= {f["rule"] for f in found}

    out = tmp_path / "out.docx"
    refused = runner.invoke(app, ["render", str(typed), "-o", str(out)], catch_exceptions=False)
    assert refused.exit_code == 1
    assert "GPR511" in refused.stderr
    assert not out.exists()


def test_an_absurd_fee_in_one_file_leaves_the_others_reported(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``fees = "1e999999999"`` crashed the check; now it is V-2 and the other inputs still print."""
    good = dump(examples.load("dasheng-2024"), tmp_path / "good.json")
    data = json.loads(good.read_text("utf-8"))
    data["active_disclosure"]["fees"] = "1e999999999"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = runner.invoke(app, ["check", str(bad), str(good), "--format", "json"])
    assert result.exit_code == 2  # the bad file cannot be loaded
    found = json.loads(result.stdout)
    assert {item["source"] for item in found} == {str(bad)}
    assert [item["rule"] for item in found] == ["V-2"]
    assert "Traceback" not in result.output


# -- local rule profiles (--profile) ---------------------------------------------------------


def test_profile_by_name_and_by_file_end_to_end(runner: CliRunner, tmp_path: Path) -> None:
    data = _district()
    data["improvements"] = "一是丰富解读形式。"
    data["published_on"] = "2025-02-10"
    source = _write(tmp_path / "late.json", data)
    plain = runner.invoke(app, ["check", str(source), "--format", "json"])
    national = runner.invoke(
        app, ["check", str(source), "--format", "json", "--profile", "national"]
    )
    assert plain.exit_code == national.exit_code == 0, national.output
    assert plain.stdout == national.stdout
    example = runner.invoke(
        app, ["check", str(source), "--format", "json", "--profile", "example-district"]
    )
    assert example.exit_code == 0, example.output
    findings = json.loads(example.stdout)
    assert [finding["rule"] for finding in findings] == ["P-IMPROVE-1", "P-DEADLINE-1"]
    national_shape = runner.invoke(app, ["check", str(_broken(tmp_path)), "--format", "json"])
    keys = set(json.loads(national_shape.stdout)[0])
    assert all(set(finding) == keys for finding in findings)
    assert {finding["source"] for finding in findings} == {str(source)}
    profile = tmp_path / "某区2025.toml"
    profile.write_text('name = "某区2025"\n[improvements]\nseverity = "error"\n', "utf-8")
    strict = runner.invoke(app, ["check", str(source), "--profile", str(profile)])
    assert strict.exit_code == 1, strict.output
    assert "P-IMPROVE-1" in strict.stdout


def test_a_bad_profile_exits_2_with_every_fault(runner: CliRunner, tmp_path: Path) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text('name = "x"\n[[requirments]]\n[rules.R-44]\nenabled = false\n', "utf-8")
    result = runner.invoke(
        app, ["check", str(EXAMPLES / "dasheng-2024.json"), "--profile", str(profile)]
    )
    assert result.exit_code == 2
    assert "GPR130" in result.output
    assert "未知的键「requirments」，是否应为「requirements」？" in result.output
    assert "未知的规则「R-44」，是否应为「R-4」？" in result.output
    missing = runner.invoke(
        app, ["check", str(EXAMPLES / "dasheng-2024.json"), "--profile", "某区"]
    )
    assert missing.exit_code == 2
    assert "GPR101" in missing.output
