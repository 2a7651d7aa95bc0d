"""导入上年报告 on the page: the same drafter import, the workbook offered for download."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import ROOT
from tests.web.conftest import alert, downloads

SOURCES = ROOT.parent / "shared" / "source_reports"


def test_a_pasted_report_becomes_this_years_workbook(client) -> None:
    text = ("镜湖区司法局2024年上半年工作总结\n"
            "上半年，我局扎实推进各项工作。\n"
            "一、法律援助惠民生\n"
            "上半年共受理法律援助案件236件，接待群众咨询1100余人次。\n")
    got = client().post("/form/import", data={"kind": "半年工作总结"},
                        files={"report": ("去年报告.txt", text.encode("utf-8"))})
    assert got.status_code == 200, alert(got.text)
    assert 'id="import-result"' in got.text and "标题 1 个" in got.text
    (name, data), = downloads(got.text).items()
    assert name.endswith(".xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    head = [c.value for c in wb["指标"][1]]
    previous = [r[head.index("上年同期")] for r in wb["指标"].iter_rows(min_row=2, values_only=True)
                if r[head.index("上年同期")] is not None]
    assert 236 in previous or "236" in [str(v) for v in previous]
    bodies = " ".join(str(r[2] or "") for r in wb["大纲"].iter_rows(min_row=2, values_only=True))
    assert "【" in bodies and "236" not in bodies  # the figure became a reference


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/source_reports 不在项目旁边")
def test_the_published_mistake_surfaces_on_the_page(client) -> None:
    (source,) = SOURCES.glob("004_*.txt")
    got = client().post("/form/import", data={"kind": ""},
                        files={"report": ("2017年报告.txt", source.read_bytes())})
    assert got.status_code == 200, alert(got.text)
    assert 'id="import-findings"' in got.text and "2446" in got.text


def test_a_file_that_is_not_a_report_gets_a_chinese_message(client, tmp_path: Path) -> None:
    got = client().post("/form/import", data={"kind": "半年工作总结"},
                        files={"report": ("报告.docx", b"not a zip at all")})
    assert got.status_code in (400, 422), got.status_code
    assert "Traceback" not in got.text and "内部错误" not in got.text
    assert alert(got.text)


PASTED = ("某区司法局2024年工作总结\n2024年，我局扎实推进各项工作。\n一、法律援助惠民生\n"
          "全年共受理法律援助案件236件，接待群众咨询1100余人次。\n")


def test_text_pasted_into_the_box_is_imported_as_a_text_file(client) -> None:
    got = client().post("/form/import", data={"kind": "年度工作总结", "pasted": PASTED},
                        files={"report": ("", b"")})
    assert got.status_code == 200, alert(got.text)
    assert "标题 1 个" in got.text and "粘贴的文字" in got.text
    (name, _), = downloads(got.text).items()
    assert name == "粘贴的文字-今年数据.xlsx"


def test_the_import_form_has_a_text_box_and_takes_every_format(client) -> None:
    page = client().get("/").text
    form = page[page.index('id="form-import"'):page.index('id="form-check"')]
    assert '<textarea name="pasted"' in form
    assert 'accept=".docx,.doc,.wps,.odt,.rtf,.pdf,.html,.htm,.txt"' in form
    assert 'name="report" accept' in form and "required" not in form.split("<select")[0]
    # there is no workbook yet: the kind is the report's, not “the one the workbook records”
    assert '<option value="">按报告的内容判断</option>' in form
    check = page[page.index('id="form-check"'):]
    assert '<option value="">按数据表中填写的报告类型</option>' in check


@pytest.mark.parametrize(("data", "files", "message"), [
    ({"pasted": PASTED}, {"report": ("去年.txt", PASTED.encode())}, "不要两样都填"),
    ({"pasted": "  "}, {"report": ("", b"")}, "粘贴到文本框"),
])
def test_a_file_and_a_text_or_neither_is_refused(client, data, files, message) -> None:
    got = client().post("/form/import", data={"kind": "", **data}, files=files)
    assert got.status_code == 400 and message in alert(got.text)


def test_a_saved_web_page_is_read_by_its_suffix(client) -> None:
    page = ("<html><head><meta charset='utf-8'><title>某区司法局2024年工作总结</title></head><body>"
            "<div>首页 &gt; 政务公开</div><article><h1>某区司法局2024年工作总结</h1>"
            + "".join(f"<p>{line}</p>" for line in PASTED.splitlines()[1:])
            + "</article><div>版权所有:某区司法局</div></body></html>")
    got = client().post("/form/import", data={"kind": "年度工作总结"},
                        files={"report": ("../../etc/去年.html", page.encode())})
    assert got.status_code == 200, alert(got.text)
    assert "标题 1 个" in got.text and "/etc" not in got.text
