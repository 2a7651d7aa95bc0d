"""The readers (drafter/importing/readers) and the page shapes the outline recognises, on
small documents built here: encodings, page furniture, numbering, a title over two lines, a
cover notice, tables, refusals (scanned or encrypted PDF, LibreOffice missing, nothing found).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.errors import InputFileError
from drafter.importing import structure, text
from drafter.importing.build import import_report
from drafter.importing.readers import budgets
from drafter.model.levels import Level

runner = CliRunner()
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
REPORT = ["某区司法局2024年工作总结", "2024年,我局认真履行职责,现将工作情况报告如下:",
          "一、坚持党建引领", "全年开展集中学习12次,举办培训班3期。",
          "二、强化法律服务", "共受理法律援助案件892件,办结880件。"]


def _parse(lines: list[str]) -> structure.Outline:
    return structure.parse(lines)


@pytest.mark.parametrize(("encoding", "name", "bom"), [
    ("utf-8", "UTF-8", b""), ("utf-8", "UTF-8", b"\xef\xbb\xbf"), ("gb18030", "GB18030", b""),
    ("gbk", "GB18030", b""), ("utf-16-le", "UTF-16", b"\xff\xfe"), ("utf-16-le", "UTF-16", b""),
    ("utf-16-be", "UTF-16", b""), ("big5", "Big5", b""),
])
def test_text_in_any_chinese_encoding(tmp_path: Path, encoding: str, name: str, bom: bytes) -> None:
    lines = REPORT if encoding != "big5" else [
        "某區司法局2024年工作總結", "一、堅持黨建引領", "全年開展集中學習12次,舉辦培訓班3期。"]
    path = tmp_path / "去年.txt"
    path.write_bytes(bom + "\r\n".join(lines).encode(encoding))
    read = text.read(path)
    assert read.lines == [line.replace("\u3000", " ") for line in lines]
    assert read.encoding == name


def test_page_markers_and_running_headers_are_removed_and_a_cut_sentence_joined(
        tmp_path: Path) -> None:
    header = "某区司法局2024年工作总结"
    long = ("全年开展集中学习12次,举办培训班3期,组织全系统干部职工深入学习贯彻党的二十大精神和习近平法治思想,"
            "切实提高政治判断力、政治领悟力、政治执行力,共受理法律援")
    lines = [header, "一、坚持党建引领", long, "1 / 8", header, "助案件892件,办结880件。",
             "— 2 —", header, "二、强化法律服务", "- 3 -", "第4页 共8页", "第 5 页", "共8页 第6页",
             "开展普法活动30场次。", "7", header, "三、存在的问题", "8", "队伍力量不足。"]
    path = tmp_path / "去年.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    read = text.read(path)
    assert read.lines == [header, "一、坚持党建引领", long + "助案件892件,办结880件。",
                          "二、强化法律服务", "开展普法活动30场次。", "三、存在的问题", "队伍力量不足。"]
    note = next(n for n in read.notes if n.startswith("未导入的页面元素"))
    assert "页码 8 处" in note and "页眉页脚 3 处" in note


def test_numbers_alone_are_text_unless_they_count_up_like_pages(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("某区司法局2024年工作总结\n一、总体\n开展活动。\n2024\n下一段。", encoding="utf-8")
    assert "2024" in text.read(path).lines


@pytest.mark.parametrize(("line", "level", "title"), [
    ("一、坚持党建引领", 1, "坚持党建引领"), ("（一）强化理论武装", 2, "强化理论武装"),
    ("(二)强化理论武装", 2, "强化理论武装"), ("1.完善制度", 3, "完善制度"), ("2、完善制度", 3, "完善制度"),
    ("3．完善制度", 3, "完善制度"), ("（1）建立台账", 4, "建立台账"), ("(2)建立台账", 4, "建立台账"),
    ("①建立台账", 4, "建立台账"), ("⑵建立台账", 4, "建立台账"), ("第一,坚持党建引领", 3, "坚持党建引领"),
    ("第二、坚持党建引领", 3, "坚持党建引领"),
])
def test_numbering_in_every_form_real_reports_use(line: str, level: int, title: str) -> None:
    assert structure.heading_level(line) == (level, title)


def test_1_5_percent_and_a_year_are_not_headings() -> None:
    assert structure.heading_level("1.5倍于上年")[0] == 0
    assert structure.heading_level("2024年,我局")[0] == 0


def test_a_title_set_over_two_lines_is_joined() -> None:
    parsed = _parse(["某区司法局关于2024年上半年", "法治政府建设工作情况的报告", *REPORT[1:]])
    assert parsed.title == "某区司法局关于2024年上半年法治政府建设工作情况的报告"
    assert [h.title for h in parsed.headings] == ["坚持党建引领", "强化法律服务"]


@pytest.mark.parametrize("cut", [("邵阳市司法局2025年度法治政府建设情况报", "告"),
                                 ("邵阳市司法局2025年度法治政府建设情况", "报告"),
                                 ("某区司法局2024年上半年工作总", "结")])
def test_a_long_title_a_full_line_cut_mid_word_is_joined(cut: tuple[str, str]) -> None:
    """A PDF's 2号 title wraps where the line is full (…情况报 / 告), not between words."""
    parsed = _parse([*cut, *REPORT[1:]])
    assert parsed.title == "".join(cut)
    assert [h.title for h in parsed.headings] == ["坚持党建引领", "强化法律服务"]


def test_a_short_line_after_a_whole_title_is_not_joined() -> None:
    parsed = _parse([REPORT[0], "现将有关情况报告如下:", *REPORT[2:]])
    assert parsed.title == REPORT[0]


def test_literary_run_in_headings_are_found_in_a_literary_report() -> None:
    parsed = _parse(["路虽远,行则将至。2023年,全市司法行政系统砥砺前行。",
                     "伟大征程,党旗领航。一年来,我们旗帜鲜明讲政治。",
                     "理论武装,理想信念更加坚定。开展集中学习11次。",
                     "从严要求,党风廉政持续加强。开展警示教育3次。",
                     "时代召唤,使命在肩。一年来,我们服务中心和大局。",
                     "知行合一,履行职能更加到位。办结行政执法监督案件111件。"])
    assert [(h.level, h.title) for h in parsed.headings] == [
        (1, "伟大征程,党旗领航"), (2, "理论武装,理想信念更加坚定"), (2, "从严要求,党风廉政持续加强"),
        (1, "时代召唤,使命在肩"), (2, "知行合一,履行职能更加到位")]
    assert parsed.headings[2].body == "开展警示教育3次。"


def test_an_ordinary_report_does_not_get_literary_headings() -> None:
    parsed = _parse([*REPORT, "今年以来,我局积极开展普法工作。", "与此同时,我局加强队伍建设。",
                     "近年以来,我局不断完善制度。"])
    assert [h.title for h in parsed.headings] == ["坚持党建引领", "强化法律服务"]


def test_a_web_page_copied_as_text_keeps_only_the_report(tmp_path: Path) -> None:
    """What a browser copies of a 司法局 page (ctrl+A, paste into a .txt or the page's box):
    the site's bars, menu and 信息公开 table above the title, not the report's own lines."""
    page = ["欢迎访问芜湖市镜湖区人民政府门户网站！ 无障碍浏览 长者模式 繁體", "芜湖市镜湖区人民政府",
            "请输入关键字 搜索", "首页 走进镜湖 政务公开 政务服务 互动交流 专题专栏",
            "当前位置：首页 > 政务公开 > 部门信息公开 > 区司法局",
            "信息索引号：\t11340202MB1C81234X/202407-00012\t信息分类：\t工作总结",
            "发布机构：\t镜湖区司法局\t生成日期：\t2024-07-15",
            "信息名称：\t某区司法局2024年工作总结\t文号：\t", "关键词：\t工作总结\t浏览量：\t1286",
            *REPORT[:1], "发布时间：2024-07-15 09:30  来源：镜湖区司法局  浏览次数：1286",
            *REPORT[1:], "分享到：微信 微博", "【打印本页】 【关闭窗口】"]
    path = tmp_path / "复制的网页.txt"
    path.write_text("\n".join(page), encoding="utf-8")
    assert text.read(path).lines == REPORT
    parsed = _parse(text.read(path).lines)
    assert parsed.title == REPORT[0]


def test_lines_above_a_title_stay_when_they_are_no_website(tmp_path: Path) -> None:
    """Above the title, anything that is no short bar (a sentence, a 版头 …文件, a 文号) is
    left to the outline: only a website's chrome is dropped."""
    for first in ("某区司法局文件", "某司发〔2025〕3号", "现将有关情况报告如下。"):
        path = tmp_path / "去年.txt"
        path.write_text("\n".join([first, *REPORT]), encoding="utf-8")
        assert text.read(path).lines == [first, *REPORT], first


def test_a_cover_notice_becomes_facts_and_the_report_is_imported_whole(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("\n".join([
        "某区司法局关于印发《某区司法局2024年工作总结》的通知", "某司发〔2025〕3号", "局机关各科室、各司法所:",
        "现将《某区司法局2024年工作总结》印发给你们,请认真学习。", "某区司法局", "2025年1月10日",
        "(此件公开发布)", *REPORT, "某区司法局", "2025年1月8日"]), encoding="utf-8")
    result = import_report(path, tmp_path / "今年.xlsx", kind="年度工作总结")
    facts = result.plan.facts
    assert (facts["主送机关"], facts["发文字号"]) == ("局机关各科室、各司法所", "某司发〔2025〕3号")
    assert facts["报告标题"] == "某区司法局2025年工作总结"
    assert (facts["成文日期"], facts["署名"]) == ("2025年1月8日", "某区司法局")  # the report's own
    assert (result.headings, result.figures) == (2, 4)
    assert any("印发通知" in n for n in result.notes)


def test_a_report_that_says_现将_about_itself_is_not_a_notice() -> None:
    parsed = _parse(REPORT)
    assert parsed.notice is None and parsed.title == REPORT[0]


def test_nothing_found_is_a_failure_not_a_silent_success(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("关于召开会议的通知\n请各单位准时参加会议。\n办公室", encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2 and "没有找到任何小标题和数字" in result.output
    assert not (tmp_path / "a.xlsx").exists()


def _docx_with_tables(path: Path) -> Path:
    doc = docx.Document()
    meta = doc.add_table(rows=2, cols=4)
    for cell, value in zip(meta.rows[0].cells + meta.rows[1].cells,
                           ["索引号:", "MB1234/2024-001", "发布机构:", "某区司法局",
                            "成文日期:", "2024-01-16", "文号:", ""], strict=True):
        cell.text = value
    for line in REPORT:
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([["项目", "2023年", "2024年"], ["法律援助案件", "850件", "892件"],
                             ["人民调解", "1200件", "1963件"]]):
        for c, value in enumerate(row):
            table.rows[r].cells[c].text = value
    doc.add_paragraph("三、下一步打算")
    doc.add_paragraph("继续做好各项工作。")
    doc.save(str(path))
    return path


def test_docx_tables_are_rows_and_a_metadata_table_is_left_out(tmp_path: Path) -> None:
    path = _docx_with_tables(tmp_path / "去年.docx")
    read = text.read(path)
    assert read.lines[0] == REPORT[0]  # the 索引号 table is not read
    assert "法律援助案件 | 850件 | 892件" in read.lines
    k = read.lines.index("法律援助案件 | 850件 | 892件")
    assert read.cells[k] == ("法律援助案件", "850件", "892件")
    parsed = structure.parse(read.lines, read.levels, read.cells)
    rows = [r for r in parsed.rows if r.cells]
    assert len(rows) == 3 and all(r.level == Level.PARAGRAPH for r in rows)
    assert [h.title for h in parsed.headings] == ["坚持党建引领", "强化法律服务", "下一步打算"]


@needs_soffice
def test_pdf_tables_are_rows_too(tmp_path: Path) -> None:
    path = _docx_with_tables(tmp_path / "去年.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)], check=True,
                   capture_output=True, timeout=180)
    read = text.read(tmp_path / "去年.pdf")
    assert "法律援助案件 | 850件 | 892件" in read.lines
    assert REPORT[-1] in read.lines


def test_the_imprint_after_the_date_is_facts_not_body(tmp_path: Path) -> None:
    """A 公文's 版记 after its 成文日期 (抄送：…, …办公室 2025年1月16日印发): 基本信息's
    抄送机关, 印发机关 and 印发日期, not paragraphs of the report."""
    path = tmp_path / "去年.txt"
    path.write_text("\n".join([*REPORT, "某区司法局", "2025年1月16日", "抄送：市司法局，区委办公室。",
                               "某区司法局办公室 2025年1月16日印发"]), encoding="utf-8")
    result = import_report(path, tmp_path / "今年.xlsx", kind="年度工作总结")
    facts = result.plan.facts
    assert (facts["抄送机关"], facts["印发机关"], facts["印发日期"]) == (
        "市司法局，区委办公室", "某区司法局办公室", "2025年1月16日")
    assert (facts["署名"], facts["成文日期"]) == ("某区司法局", "2025年1月16日")
    assert result.headings == 2 and not any("抄送" in r for r in _rows(tmp_path / "今年.xlsx"))


def _rows(workbook: Path) -> list[str]:
    import openpyxl

    ws = openpyxl.load_workbook(workbook)["大纲"]
    return [" ".join(str(c.value or "") for c in row) for row in ws.iter_rows(min_row=2)]


def test_a_notice_title_below_its_number_is_named(tmp_path: Path) -> None:
    """A 公文's 版头, 文号, then its title over two lines: the note names the title, not the
    版头 (it said 印发通知（某区司法局文件）)."""
    path = tmp_path / "去年.txt"
    path.write_text("\n".join([
        "某区司法局文件", "某司发〔2025〕3号", "某区司法局关于印发《某区司法局2024年",
        "工作总结》的通知", "局机关各科室、各司法所:",
        "现将《某区司法局2024年工作总结》印发给你们,请认真学习。", "某区司法局", "2025年1月10日",
        *REPORT]), encoding="utf-8")
    result = import_report(path, tmp_path / "今年.xlsx", kind="年度工作总结")
    assert any("印发通知(某区司法局关于印发《某区司法局2024年工作总结》的通知)" in n
               for n in result.notes), result.notes


@needs_soffice
def test_a_pdf_imprint_on_the_next_page_is_not_the_dates_line(tmp_path: Path) -> None:
    """The 成文日期 ends a page, 抄送 opens the next: the PDF reader began no new paragraph
    there (the date, set right, ends at the margin), so 2025年1月16日抄送：… went into the body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    document = docx.Document()
    for line in REPORT:
        document.add_paragraph(line)
    for line in ("某区司法局", "2025年1月16日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("抄送：市司法局，区委办公室。")
    document.add_paragraph("某区司法局办公室 2025年1月16日印发")
    document.save(tmp_path / "去年.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "去年.docx")],
                   check=True, capture_output=True, timeout=180)
    lines = text.read(tmp_path / "去年.pdf").lines
    assert "2025年1月16日" in lines and "抄送：市司法局，区委办公室。" in lines


def test_html_tables_and_headings(tmp_path: Path) -> None:
    path = tmp_path / "去年.html"
    path.write_text(
        "<html><head><meta charset='gb2312'><title>某区司法局2024年工作总结_政务公开</title></head>"
        "<body><div class='nav'><a href='/'>首页</a> &gt; <a>政务公开</a></div><article>"
        "<h1>某区司法局2024年工作总结</h1><p>来源:某区司法局 浏览次数:88</p>"
        + "".join(f"<p>{line}</p>" for line in REPORT[1:])
        + "<table><tr><td>项目</td><td>件数</td></tr><tr><td>法律援助案件</td><td>892件</td></tr>"
          "</table></article><div class='footer'>版权所有:某区司法局 备案号:ICP备1号</div>"
          "</body></html>", encoding="gb18030")
    read = text.read(path)
    assert read.lines[0] == REPORT[0] and read.encoding == "GB18030"
    assert "法律援助案件 | 892件" in read.lines
    assert not [ln for ln in read.lines if "浏览次数" in ln or "版权所有" in ln or "首页" in ln]


SCAN = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj
4 0 obj<</Length 44>>stream
0.5 g 72 72 451 698 re f 0 g 90 700 400 20 re f
endstream endobj
trailer<</Root 1 0 R>>
%%EOF
"""


def test_a_scanned_pdf_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(SCAN)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2 and "没有文字层" in result.output and "OCR" in result.output


@needs_soffice
def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    doc = docx.Document()
    for line in REPORT:
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "去年.docx"))
    options = ('{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", f"pdf:writer_pdf_Export:{options}", "--outdir", str(tmp_path),
                    str(tmp_path / "去年.docx")], check=True, capture_output=True, timeout=180)
    result = runner.invoke(app, ["import", str(tmp_path / "去年.pdf"), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2 and "设置了密码" in result.output


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "去年.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(InputFileError, match="PDF"):
        text.read(path)


def test_without_libreoffice_a_doc_gets_advice(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "bin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    path = tmp_path / "去年.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputFileError, match=r"未找到 LibreOffice.*另存为.*\.docx"):
        text.read(path)


@needs_soffice
def test_a_wps_and_an_odt_are_read_through_libreoffice(tmp_path: Path) -> None:
    doc = docx.Document()
    for line in REPORT:
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "去年.docx"))
    for target, name in (("doc:MS Word 97", "去年.wps"), ("odt", "去年.odt")):
        out = tmp_path / target.split(":")[0]
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                        "--headless", "--convert-to", target, "--outdir", str(out),
                        str(tmp_path / "去年.docx")], check=True, capture_output=True, timeout=180)
        made = next(out.iterdir())
        made.rename(tmp_path / name)
        read = text.read(tmp_path / name)
        assert read.lines == REPORT, name
        assert read.format == name.rsplit(".", 1)[1]


def test_budgets_refuse_before_the_figures_are_searched(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("\n".join(REPORT), encoding="utf-8")
    monkeypatch.setattr(budgets, "MAX_NUMBERS", 3)
    with pytest.raises(InputFileError, match="数字超过 3 个"):
        text.read(path)
    monkeypatch.setattr(budgets, "MAX_BLOCKS", 4)
    with pytest.raises(InputFileError, match="超过 4 段"):
        text.read(path)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("去年.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "无法导入这种文件"),
    ("去年.docx", b"just text", "不是可读取的 Word 文档"),
    ("去年.pdf", b"not a pdf", "不是可读取的 PDF"),
    ("去年.txt", b"", "文件是空的"),
])
def test_unknown_and_mislabelled_files_are_refused(tmp_path: Path, name: str, data: bytes,
                                                   message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "a.xlsx")])
    assert result.exit_code == 2 and message in result.output, result.output
