"""`drafter rollup`: district workbooks summed into the city's, rates recomputed from parts."""

from __future__ import annotations

import dataclasses
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from drafter import pipeline
from drafter.checks.rollup import District, roll_up
from drafter.cli import app
from drafter.config import packs
from drafter.model.figures import Figure, WorkbookData
from drafter.model.findings import column_letter
from tests.conftest import SAMPLES, figure_cell, header_column, make_workbook

runner = CliRunner()
DISTRICTS = SAMPLES / "005_示例市区县"
KIND = "法治政府建设年度报告"


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("city") / "全市.xlsx"
    result = run("rollup", DISTRICTS, "-o", out, "--unit", "示例市司法局")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_the_sample_districts_add_up_to_report_001(city: tuple[Path, str]) -> None:
    out, _ = city
    checked = pipeline.check_workbook(out)
    assert checked.report.errors == []
    f = checked.data.figures
    assert f["人民调解.调处纠纷"].value == 34334
    assert f["人民调解.调处成功"].value == 33467
    assert f["人民调解.调处成功率"].value == Decimal("97.5")  # 33467 / 34334
    assert (f["行政执法.自查问题"].value, f["行政执法.整改到位"].value) == (1093, 1091)
    assert f["行政执法.整改完成率"].value == Decimal("99.82")
    assert (f["复议应诉.被诉一审"].value, f["复议应诉.败诉"].value) == (152, 11)
    assert f["复议应诉.败诉率"].value == Decimal("7.2")
    assert f["人民调解.调委会"].value == 3933 and f["人民调解.调解员"].value == 15533
    assert f["法律援助.办理案件"].value == 8120
    assert checked.data.facts["单位名称"] == "示例市司法局"
    assert checked.data.facts["年度"] == "2024"  # every district says 2024
    assert "辖区" not in checked.data.facts  # 全区, 全县, 全市: the city states its own


def test_rates_are_recomputed_not_averaged(city: tuple[Path, str]) -> None:
    districts = pipeline.check_workbook(DISTRICTS / "4_丁市.xlsx").data.figures
    assert districts["人民调解.调处成功率"].value == Decimal("90.0")
    mean = (Decimal("98.5") + Decimal("98.0") + Decimal("96.5") + Decimal("90.0")) / 4
    city_rate = pipeline.check_workbook(city[0]).data.figures["人民调解.调处成功率"]
    assert city_rate.value != round(mean, 1)
    assert city_rate.previous == Decimal("97.3")  # 31040 / 31900, last year's parts summed


def test_what_cannot_be_added_is_left_blank_and_listed(city: tuple[Path, str]) -> None:
    out, said = city
    f = pipeline.check_workbook(out).data.figures
    assert f["行政执法.年龄分界"].value is None  # 40 in each district: an age, not a count
    assert f["公共法律服务.接听率"].value is None  # a rate without parts
    assert "行政执法.年龄分界" in said and "公共法律服务.接听率" in said
    assert f["仲裁.办案"].value == 224  # filled by two districts only, and said so
    assert "仲裁.办案" in said and "丙县、丁市未填" in said
    assert (f["普法.宣传活动"].value, f["普法.宣传活动"].qualifier) == (5800, "余")
    ws = load_workbook(out)["指标"]
    note = header_column(ws, "说明") - 1
    notes = {row[0].value: row[note].value for row in ws.iter_rows(min_row=2)}
    assert notes["行政执法.年龄分界"].startswith("需市局填写")
    assert notes["人民调解.调处纠纷"] == "汇总：4 个区县相加"
    assert "重新计算" in notes["人民调解.调处成功率"]


def test_the_city_workbook_records_its_districts(city: tuple[Path, str]) -> None:
    wb = load_workbook(city[0])
    sources = [[c.value for c in row] for row in wb["汇总来源"].iter_rows(min_row=2, max_row=5)]
    assert [row[1] for row in sources] == ["甲区", "乙区", "丙县", "丁市"]
    assert all(row[3].startswith("通过") for row in sources)
    header = [c.value for c in wb["区县数据"][1]]
    assert header == ["编号", "板块", "指标", "单位", "全市", "甲区", "乙区", "丙县", "丁市"]


def test_the_city_report_carries_the_district_table(city: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "全市.docx"
    assert run("render", city[0], "-o", out).exit_code == 0
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    # the 附件说明 after the body, the 附件 label and its title on the annex's page
    assert "附件：各县（市、区）主要指标" in texts
    assert "附件" in texts and "各县（市、区）主要指标" in texts
    rows = [[c.text.replace("\n", "") for c in r.cells] for r in doc.tables[-1].rows]
    assert rows[0][:4] == ["县市区", "调处各类矛盾纠纷（件）", "调处成功（件）", "调处成功率（%）"]
    assert [r[0] for r in rows[1:]] == ["甲区", "乙区", "丙县", "丁市", "合计"]
    assert rows[-1][1:4] == ["34334", "33467", "97.5"]
    assert rows[1][4] == "100.00"  # one number of decimals down a rate column


def test_a_district_report_has_no_district_table(tmp_path: Path) -> None:
    out = tmp_path / "甲区.docx"
    assert run("render", DISTRICTS / "1_甲区.xlsx", "-o", out).exit_code == 0
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "附件" not in texts and not Document(str(out)).tables


def test_a_city_figure_changed_after_the_roll_up_is_pointed_out(
    city: tuple[Path, str], tmp_path: Path
) -> None:
    changed = tmp_path / "改过的全市.xlsx"
    wb = load_workbook(city[0])
    ws = wb["指标"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "人民调解.调处纠纷")
    ws.cell(row=row, column=header_column(ws, "本期"), value=34234)
    wb.save(changed)
    findings = pipeline.check_workbook(changed).report.findings
    mismatch = [f for f in findings if f.code == "rollup-mismatch"]
    assert len(mismatch) == 1
    cells = [str(c) for c in mismatch[0].cells]
    districts = wb["区县数据"]
    first = column_letter(header_column(districts, "甲区"))  # the districts' columns
    assert cells[0] == f"指标!{figure_cell(wb, '人民调解.调处纠纷')}"
    assert any(c.startswith(f"区县数据!{first}") for c in cells)


def test_a_district_with_errors_stops_the_roll_up(tmp_path: Path) -> None:
    folder = tmp_path / "区县"
    folder.mkdir()
    shutil.copy(DISTRICTS / "1_甲区.xlsx", folder)
    make_workbook(folder, {"人民调解.调处纠纷": 100, "人民调解.调处成功": 120}, kind=KIND,
                  facts={"单位名称": "戊县司法局", "年度": "2024"}, name="戊县.xlsx")
    out = tmp_path / "全市.xlsx"
    result = run("rollup", folder, "-o", out)
    assert result.exit_code == 1
    assert not out.exists()
    now = column_letter(header_column(load_workbook(folder / "戊县.xlsx")["指标"], "本期"))
    assert "戊县.xlsx" in result.output and f"指标!{now}" in result.output
    assert "subset-exceeded" in result.output and "未汇总" in result.output


def test_districts_of_different_kinds_are_not_added(tmp_path: Path) -> None:
    shutil.copy(DISTRICTS / "1_甲区.xlsx", tmp_path)
    make_workbook(tmp_path, {"法律援助.受理案件": 236, "人民调解.排查纠纷": 1}, name="半年.xlsx")
    result = run("rollup", tmp_path / "1_甲区.xlsx", tmp_path / "半年.xlsx", "-o",
                 tmp_path / "全市.xlsx")
    assert result.exit_code == 2
    assert "报告类型不一致" in result.output
    assert not (tmp_path / "全市.xlsx").exists()


def test_rollup_keeps_an_existing_city_workbook(city: tuple[Path, str], tmp_path: Path) -> None:
    out = tmp_path / "全市.xlsx"
    out.write_bytes(b"the city's own edits")
    assert run("rollup", DISTRICTS, "-o", out).exit_code == 2
    assert out.read_bytes() == b"the city's own edits"
    assert run("rollup", DISTRICTS, "-o", tmp_path / "全市.docx").exit_code == 2


def _district(name: str, **values: Figure) -> District:
    data = WorkbookData(path=name, facts={"单位名称": name + "司法局"})
    data.figures = {f.id: f for f in values.values()}
    return District(name, data)


def test_sums_of_approximate_figures_say_so_and_additive_can_be_overridden() -> None:
    catalog = packs.load(KIND).catalog
    fig = "普法.宣传活动"

    def typed(value: int, qualifier: str = "") -> Figure:
        return Figure(id=fig, name="x", value=Decimal(value), qualifier=qualifier)

    done = roll_up(KIND, [_district("甲", a=typed(100, "余")), _district("乙", a=typed(50, "约"))],
                   catalog)
    assert (done.figures[fig].value, done.figures[fig].qualifier) == (150, "约")
    done = roll_up(KIND, [_district("甲", a=typed(100, "余")), _district("乙", a=typed(50))],
                   catalog)
    assert done.figures[fig].qualifier == "余"
    catalog = dataclasses.replace(catalog, indicators=dict(catalog.indicators))
    catalog.indicators[fig] = dataclasses.replace(catalog.indicators[fig], additive=False)
    done = roll_up(KIND, [_district("甲", a=typed(100)), _district("乙", a=typed(50))], catalog)
    assert done.figures[fig].value is None and fig in done.left


def test_many_districts_are_summed_up_in_a_line_not_listed(tmp_path: Path) -> None:
    from drafter.batch import City
    from drafter.report_text import rollup_text

    pack = packs.load(KIND)
    fig = "法律援助.受理案件"
    names = [f"第{n}区" for n in range(1, 301)]
    districts = [_district(n, a=Figure(id=fig, name="x", value=Decimal(1))) for n in names[:-1]]
    districts.append(_district(names[-1]))  # one district left it blank
    done = roll_up(KIND, districts, pack.catalog)
    lines = rollup_text(City(tmp_path / "全市.xlsx", pack, done, names))
    first = lines[0]
    assert "300 个区县" in first and "第1区、第2区、第3区、第4区、第5区 等 300 个" in first
    assert "第6区" not in first and "汇总来源" in first
    assert len(first) < 200
    short = rollup_text(City(tmp_path / "全市.xlsx", pack, done, names[:3]))[0]
    assert "第1区、第2区、第3区" in short and "等" not in short
