"""Many workbooks in one run: `drafter render 区县/*.xlsx -o 输出/` and `drafter check a b c`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from drafter import batch, pipeline
from drafter.cli import app
from drafter.config import packs
from drafter.templating import render as templating
from tests.conftest import SAMPLES, figure_cell

runner = CliRunner()
SAMPLE_001 = next(SAMPLES.glob("001_*.xlsx"))
SAMPLE_003 = next(SAMPLES.glob("003_*.xlsx"))
SAMPLE_004 = next(SAMPLES.glob("004_*.xlsx"))  # as published: 2446 ≠ 2248 (法律顾问.提供服务)


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "区县"
    folder.mkdir()
    for sample in (SAMPLE_001, SAMPLE_003):
        shutil.copy(sample, folder / sample.name)
    return folder


def test_render_many_into_a_folder(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "输出"
    result = run("render", *sorted(inputs.glob("*.xlsx")), "-o", out)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == [SAMPLE_001.with_suffix(".docx").name, SAMPLE_003.with_suffix(".docx").name]
    text = "".join(p.text for p in Document(str(out / written[0])).paragraphs)
    assert "34334件" in text
    assert "共 2 个数据表，生成 2 个，未生成 0 个。" in result.output


def test_a_bad_file_is_reported_and_the_rest_go_on(inputs: Path, tmp_path: Path) -> None:
    shutil.copy(SAMPLE_004, inputs / SAMPLE_004.name)
    (inputs / "坏文件.xlsx").write_text("单位,数字\n甲,1\n", encoding="utf-8")
    (inputs / "~$001.xlsx").write_bytes(b"lock file of an open workbook")
    out = tmp_path / "输出"
    result = run("render", inputs, "-o", out)  # a folder stands for its .xlsx files
    assert result.exit_code == 2  # the worst file: one that cannot be read
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".docx"]
    assert not (out / SAMPLE_004.with_suffix(".docx").name).exists()
    # why 004 was not written, by cell
    assert f"指标!{figure_cell(SAMPLE_004, '法律顾问.提供服务')}" in result.output
    rows = {line.split()[0]: line for line in result.output.splitlines() if ".xlsx" in line}
    assert "数据有错误，未生成" in rows[SAMPLE_004.name]
    assert "不是工作簿" in rows["坏文件.xlsx"]
    assert "~$001.xlsx" not in result.output
    assert "共 4 个数据表，生成 2 个，未生成 2 个。" in result.output


def test_exit_code_is_the_worst_file(inputs: Path, tmp_path: Path) -> None:
    shutil.copy(SAMPLE_004, inputs / SAMPLE_004.name)
    assert run("render", inputs, "-o", tmp_path / "a").exit_code == 1
    assert run("check", inputs).exit_code == 1
    (inputs / SAMPLE_004.name).unlink()
    assert run("check", inputs).exit_code == 0


def test_existing_reports_are_kept_unless_forced(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "输出"
    out.mkdir()
    mine = out / SAMPLE_001.with_suffix(".docx").name
    mine.write_bytes(b"edited in Word")
    result = run("render", inputs, "-o", out)
    assert result.exit_code == 2
    assert mine.read_bytes() == b"edited in Word"
    assert (out / SAMPLE_003.with_suffix(".docx").name).exists()
    assert "已存在" in result.output and "--force" in result.output
    assert run("render", inputs, "-o", out, "--force").exit_code == 0
    assert mine.read_bytes().startswith(b"PK")


def test_two_workbooks_with_one_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for district in ("甲区", "乙区"):
        (tmp_path / district).mkdir()
        shutil.copy(SAMPLE_001, tmp_path / district / "数据.xlsx")
    out = tmp_path / "输出"
    result = run("render", tmp_path / "甲区" / "数据.xlsx", tmp_path / "乙区" / "数据.xlsx",
                 "-o", out)
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["数据.docx"]
    assert "同名" in result.output


def test_a_pattern_is_expanded_when_the_shell_did_not(inputs: Path, tmp_path: Path) -> None:
    result = run("check", inputs / "*.xlsx")
    assert result.exit_code == 0, result.output
    assert "共 2 个数据表，通过 2 个" in result.output
    result = run("check", inputs / "*.docx")
    assert result.exit_code == 2
    assert "没有与之匹配的文件" in result.output


def test_output_must_be_a_folder_for_many_workbooks(inputs: Path, tmp_path: Path) -> None:
    result = run("render", inputs, "-o", tmp_path / "报告.docx")
    assert result.exit_code == 2
    assert "应为文件夹" in result.output
    assert run("render", inputs, "-o", tmp_path / "报告.doc").exit_code == 2
    assert not (tmp_path / "报告.doc").exists()


def test_check_many_as_json_lists_every_file(inputs: Path) -> None:
    result = run("check", inputs, "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert [Path(p["file"]).name for p in payload["files"]] == sorted(
        p.name for p in inputs.iterdir())


def test_a_batch_loads_each_pack_and_compiles_its_templates_once(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        shutil.copy(SAMPLE_001, inputs / f"县{n}.xlsx")
    loads: list[str] = []
    renderers: list[str] = []
    real_load, real_init = packs.load, templating.Renderer.__init__

    def counting_load(kind, office=None):
        loads.append(kind)
        return real_load(kind, office)

    def counting_init(self, pack, **kw):
        renderers.append(pack.info.kind)
        real_init(self, pack, **kw)

    monkeypatch.setattr(packs, "load", counting_load)
    monkeypatch.setattr(templating.Renderer, "__init__", counting_init)
    session = batch.Session()
    out = tmp_path / "输出"
    out.mkdir()
    outcomes = [session.render(p, out / (p.stem + ".docx")) for p, _ in
                batch.outputs(batch.expand([inputs]), out)]
    assert [o.code for o in outcomes] == [0] * 5
    assert sorted(loads) == ["年度工作总结", "法治政府建设年度报告"]
    assert sorted(renderers) == ["年度工作总结", "法治政府建设年度报告"]


def test_an_unexpected_failure_in_one_file_does_not_stop_the_batch(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.render_report

    def flaky(result, out, **kw):
        if result.path.name.startswith("001"):
            raise ZeroDivisionError("boom")
        return real(result, out, **kw)

    monkeypatch.setattr(pipeline, "render_report", flaky)
    out = tmp_path / "输出"
    result = run("render", inputs, "-o", out)
    assert result.exit_code == 3
    assert "内部错误" in result.output and "ZeroDivisionError" in result.output
    assert [p.name for p in out.iterdir()] == [SAMPLE_003.with_suffix(".docx").name]


# ---------------------------------------------------------------- the library side of the commands


def test_one_workbook_renders_through_the_same_session_as_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Path] = []
    real = batch.Session.render

    def counting(self, path, out, *, force=False):
        calls.append(out)
        return real(self, path, out, force=force)

    monkeypatch.setattr(batch.Session, "render", counting)
    out = tmp_path / "报告.docx"
    result = run("render", SAMPLE_001, "-o", out)
    assert result.exit_code == 0, result.output
    assert calls == [out] and f"已生成 {out}" in result.output
    assert "共 1 个数据表" not in result.output  # one file: no summary table


def test_rollup_is_a_library_call_that_refuses_failing_districts(tmp_path: Path) -> None:
    districts = SAMPLES / "005_示例市区县"
    out = tmp_path / "全市.xlsx"
    done = batch.rollup([districts], out, unit="示例市司法局")
    assert done.code == 0 and done.city is not None and out.exists()
    assert done.city.names == ["甲区", "乙区", "丙县", "丁市"]
    folder = tmp_path / "区县"
    folder.mkdir()
    shutil.copy(SAMPLE_001, folder / "甲.xlsx")
    (folder / "坏.xlsx").write_text("a,b\n", encoding="utf-8")  # not a workbook
    refused = batch.rollup([folder], tmp_path / "不写.xlsx")
    assert refused.city is None and refused.code == 2 and "未汇总" in refused.refused
    assert not (tmp_path / "不写.xlsx").exists()


def test_check_as_a_library_call_writes_the_annotated_copy(tmp_path: Path) -> None:
    copy = tmp_path / "标注.xlsx"
    done = batch.check([SAMPLE_004], annotate=copy)
    assert done.code == 1 and done.annotated == copy and copy.exists()
    with pytest.raises(batch.OutputError):
        batch.check([SAMPLE_001, SAMPLE_004], annotate=copy)


@pytest.mark.parametrize(("rows", "here"), [
    ([], True),
    ([("0001.xlsx", "—", "—", "/tmp/报告/0001.docx"), ("甲乙丙丁.xlsx", "12", "0", "数据有错误，未生成")],
     True),
    ([("a.xlsx", "1234", "5", "通过"), ("很长的名字" * 6 + ".xlsx", "0", "107", "未通过")], True),
    ([("x.xlsx", "0", "0", "错误：文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再试" * 3)],
     False),  # folded: rich's
    ([("emoji😀与全角ＡＢＣ.xlsx", "0", "0", "通过")], True),
    ([("tab\there.xlsx", "0", "0", "通过")], False),
])
def test_the_summary_table_is_drawn_as_rich_draws_it(rows: list[tuple[str, ...]],
                                                     here: bool) -> None:
    """present draws the closing table itself when nothing must be folded (rich takes ~0.5 ms
    a row); what it draws is rich's table character for character, else rich draws it."""
    from rich.console import Console

    from drafter import present

    headers = ("数据表", "错误", "警告", "输出")
    for width in (160, 80):
        console = Console(highlight=False, width=width)
        drawn = present._plain_table(headers, rows, width)
        rich = present._rich_table(headers, rows, console)
        assert drawn is None or drawn == rich, (drawn, rich)
        if width == 160:
            assert (drawn is not None) == here
