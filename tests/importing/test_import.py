"""`drafter import` on the published reports: what it writes, what it finds, what it refuses."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.errors import InputFileError, OutputError
from drafter.importing.build import import_report
from tests.importing.conftest import source

runner = CliRunner()


def _rows(path: Path, sheet: str) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_004_total_that_its_parts_do_not_make_is_a_finding(tmp_path: Path) -> None:
    result = import_report(source("004"), tmp_path / "今年.xlsx")
    assert any("2248" in f and "2446" in f for f in result.findings), result.findings
    rules = _rows(tmp_path / "今年.xlsx", "规则")
    subset = [r for r in rules if r["类型"] == "包含"]
    assert subset and "2446" in str(subset[0]["说明"])


def test_001_decimal_count_is_a_finding(tmp_path: Path) -> None:
    result = import_report(source("001"), tmp_path / "今年.xlsx")
    assert any("1.8余人次" in f for f in result.findings), result.findings
    facts = {r["项目"]: r["内容"] for r in _rows(tmp_path / "今年.xlsx", "基本信息")}
    assert facts["成文日期"] == "2025年1月16日"
    assert facts["接排层级"] == "二级"  # 二、存在的主要问题 stands alone
    assert result.kind == "法治政府建设年度报告"


def test_000_figures_rules_and_facts(tmp_path: Path) -> None:
    out = tmp_path / "今年.xlsx"
    result = import_report(source("000"), out)
    assert (result.headings, result.points) == (4, 15)
    facts = {r["项目"]: r["内容"] for r in _rows(out, "基本信息")}
    assert facts["报告标题"] == "镜湖区司法局2025年上半年工作总结"
    assert (facts["单位名称"], facts["年度"], facts["报告期间"]) == ("镜湖区司法局", "2025", "上半年")
    figures = {r["编号"]: r for r in _rows(out, "指标")}
    assert figures["复议应诉.调解率"]["上年同期"] == "30.43%"
    own = [r for r in figures.values() if r["板块"] == "导入"]
    assert own and all(r["类型"] in ("计数", "金额", "比率", "数值") for r in own)
    assert all(r["本期"] is None for r in figures.values())
    assert {"130余", "超5万", "30余"} <= {r["上年同期"] for r in figures.values()}
    rules = _rows(out, "规则")
    kinds = {(r["类型"], r["指标"]) for r in rules}
    assert ("比率", "复议应诉.调解率") in kinds
    assert any(k == "合计" for k, _ in kinds)  # 1963 = 697 + 15 + 834 + 91 + 326
    outline = _rows(out, "大纲")
    assert [r["层级"] for r in outline].count("一级标题") == 4
    assert any("【复议应诉.调解率｜2位小数】" in str(r["内容"]) for r in outline)


def test_source_is_untouched_and_nothing_is_overwritten(tmp_path: Path) -> None:
    src = source("002")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "今年.xlsx"
    import_report(src, out)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    stamp = out.read_bytes()
    with pytest.raises(OutputError, match="--force"):
        import_report(src, out)
    assert out.read_bytes() == stamp
    import_report(src, out, force=True)


def test_gb18030_text_and_bad_input(tmp_path: Path) -> None:
    txt = tmp_path / "去年.txt"
    txt.write_bytes("某区司法局2024年工作总结\n一、总体\n共受理法律援助案件892件。\n".encode("gb18030"))
    result = import_report(txt, tmp_path / "a.xlsx", kind="年度工作总结")
    assert result.figures == 1 and result.headings == 1
    (tmp_path / "去年.xls").write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    with pytest.raises(InputFileError, match=r"无法导入这种文件.*可以导入 Word 文档"):
        import_report(tmp_path / "去年.xls", tmp_path / "b.xlsx")
    with pytest.raises(OutputError, match=r"\.xlsx"):
        import_report(txt, tmp_path / "b.docx")


def test_docx_is_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    for line in ("某区司法局2024年工作总结", "一、总体情况", "共受理法律援助案件892件，办结880件。"):
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "去年.docx"))
    result = import_report(tmp_path / "去年.docx", tmp_path / "a.xlsx", kind="年度工作总结")
    assert (result.headings, result.figures) == (1, 2)
    assert result.plan.facts["报告标题"] == "某区司法局2025年工作总结"


def test_cli_exit_codes(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["import", str(source("000")), "-o", str(tmp_path / "a.xlsx")])
    assert ok.exit_code in (0, 1) and "要点 15 条" in ok.output
    bad = runner.invoke(app, ["import", str(source("004")), "-o", str(tmp_path / "b.xlsx")])
    assert bad.exit_code == 1 and "2248" in bad.output
    again = runner.invoke(app, ["import", str(source("004")), "-o", str(tmp_path / "b.xlsx")])
    assert again.exit_code == 2 and "--force" in again.output
    missing = runner.invoke(app, ["import", str(tmp_path / "无.txt"), "-o", str(tmp_path / "c.xlsx")])
    assert missing.exit_code == 2 and "找不到文件" in missing.output


def test_docx_heading_styles_give_levels_word_numbers_automatically(tmp_path: Path) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("某区司法局2024年工作总结")
    doc.add_paragraph("开头一段，现将情况报告如下：")
    doc.add_heading("坚持党建引领", level=1)  # Word numbers it: no 一、 in the text
    doc.add_heading("强化理论武装", level=2)
    doc.add_paragraph("开展集中学习12次。")
    doc.save(str(tmp_path / "去年.docx"))
    result = import_report(tmp_path / "去年.docx", tmp_path / "a.xlsx", kind="年度工作总结")
    levels = [(line.level, line.title) for line in result.plan.outline if line.title]
    assert levels == [("一级标题", "坚持党建引领"), ("二级标题", "强化理论武装")]


def test_two_numbers_of_one_name_are_told_without_a_name_twice(tmp_path: Path) -> None:
    """The note named the second indicator with the same words as the first (后者名为
    “化解矛盾纠纷”); it names it only when it differs."""
    path = tmp_path / "去年.txt"
    path.write_text("某区司法局2024年工作总结\n一、人民调解\n化解矛盾纠纷1963件。\n"
                    "我区现有说事点76个，上半年化解矛盾纠纷388件。\n", encoding="utf-8")
    result = import_report(path, tmp_path / "今年.xlsx", kind="年度工作总结")
    told = [w for w in result.warnings if "出现了不同的数" in w]
    assert told and all("后者名为“化解矛盾纠纷”" not in w for w in told), told
