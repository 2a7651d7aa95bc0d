"""drafter verify: a polished document checked against its workbook, figure by figure."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from drafter.cli import app
from drafter.model.source import format_source
from drafter.pipeline import check_workbook, render_document
from drafter.publish import numbers
from drafter.publish.trace import sourced_spans
from drafter.publish.verify import CHANGED, LOST, LOST_GONE, OK, UNKNOWN, UNMARKED, verify
from drafter.word.read import read
from drafter.word.writer import bookmark_name
from tests.conftest import SAMPLE_000

runner = CliRunner()
needs_soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed")


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("verify") / "初稿.docx"
    assert run("render", SAMPLE_000, "-o", out).exit_code == 0
    return out


def _marks() -> dict[str, tuple[str, str]]:
    """source → (bookmark name, text) of sample 000's figures (the first of each source)."""
    doc = render_document(check_workbook(SAMPLE_000))
    out: dict[str, tuple[str, str]] = {}
    for s in sourced_spans(doc):
        out.setdefault(format_source(s.source), (bookmark_name(s.index, s.source), s.text))
    return out


def _bookmark(document, name: str):
    start = next(el for el in document.element.body.iter(qn("w:bookmarkStart"))
                 if el.get(qn("w:name")) == name)
    end = next(el for el in document.element.body.iter(qn("w:bookmarkEnd"))
               if el.get(qn("w:id")) == start.get(qn("w:id")))
    return start, end


def _runs_between(start, end) -> list:
    runs, el = [], start.getnext()
    while el is not None and el is not end:
        if el.tag == qn("w:r"):
            runs.append(el)
        el = el.getnext()
    return runs


def test_an_unedited_draft_verifies_clean(draft) -> None:
    done = verify(draft, SAMPLE_000)
    assert done.marks_expected > 50 and done.marks_found == done.marks_expected
    assert not done.findings, [(i.status, i.found, i.quote) for i in done.findings]
    assert {i.status for i in done.items} <= {OK, UNMARKED}
    result = run("verify", draft, SAMPLE_000)
    assert result.exit_code == 0, result.output
    assert "全部数字与数据表一致" in result.output
    assert result.output.strip().splitlines()[-1].startswith("未核对：页眉页脚、文本框")


def test_every_bookmark_encloses_its_figure(draft) -> None:
    text = read(draft)
    for name, figure in _marks().values():
        assert text.bookmarks[name].text == figure


def _edit(draft: Path, out: Path) -> dict[str, str]:
    """Edit as a writer would; returns what was done to which indicator."""
    marks = _marks()
    document = Document(str(draft))
    # 1. retype a figure inside its bookmark
    name, _ = marks["普法.法律进活动"]  # 130余场次
    start, end = _bookmark(document, name)
    run_el = _runs_between(start, end)[0]
    run_el.find(qn("w:t")).text = "150余场次"
    # 2. delete a bookmark, keep its text
    name, _ = marks["法律援助.受理案件"]  # 236件
    for el in _bookmark(document, name):
        el.getparent().remove(el)
    # 3. delete a bookmark and retype its number
    name, kept = marks["人民调解.排查纠纷"]  # 1963件
    start, end = _bookmark(document, name)
    _runs_between(start, end)[0].find(qn("w:t")).text = kept.replace("1963", "2046")
    start.getparent().remove(start)
    end.getparent().remove(end)
    # 4. type a new number outside every mark
    paras = document.paragraphs
    target = next(p for p in paras if "法律援助" in p.text and len(p.text) > 60)
    target.add_run("全年开展法律援助进社区活动87场次。")
    # 5. move a paragraph (with its bookmarks) to the end of the body
    moving = next(p for p in paras if "130余场次" in p.text or "150余场次" in p.text)
    body = document.element.body
    body.remove(moving._p)
    body.append(moving._p)
    body.append(body.find(qn("w:sectPr")))  # the section properties stay last
    document.save(str(out))
    return {"changed": "普法.法律进活动", "lost": "法律援助.受理案件", "gone": "人民调解.排查纠纷"}


def _check_findings(done) -> None:
    by_source = {i.source: i for i in done.items if i.source}
    changed = by_source["普法.法律进活动"]
    assert (changed.status, changed.expected, changed.found) == (CHANGED, "130余场次", "150余场次")
    assert "150余场次" in changed.quote and changed.quote.startswith(("…", "一", "二", "三", "四"))
    assert "指标!" in changed.name
    lost = by_source["法律援助.受理案件"]
    assert (lost.status, lost.found) == (LOST, "236件") and "236件" in lost.quote
    gone = by_source["人民调解.排查纠纷"]
    assert (gone.status, gone.found) == (LOST_GONE, "2046") and "排查矛盾纠纷2046件" in gone.quote
    typed = {i.found: i for i in done.items if i.status == UNKNOWN}
    assert sorted(typed) == ["2046", "87"], [(i.found, i.quote) for i in typed.values()]
    assert "法律援助" in typed["87"].name and "87场次" in typed["87"].quote
    assert "排查" in typed["2046"].name and "排查矛盾纠纷2046件" in typed["2046"].quote
    assert done.code == 1
    others = [i for i in done.findings if i.source not in (
        "普法.法律进活动", "法律援助.受理案件", "人民调解.排查纠纷") and i.found not in typed]
    assert not others, [(i.status, i.source, i.found, i.quote) for i in others]


def test_edits_are_each_found(draft, tmp_path) -> None:
    edited = tmp_path / "终稿.docx"
    _edit(draft, edited)
    done = verify(edited, SAMPLE_000)
    _check_findings(done)
    result = run("verify", edited, SAMPLE_000)
    assert result.exit_code == 1
    for word in ("与数据表不符", "标记丢失", "数据表中没有", "150余场次", "最接近"):
        assert word in result.output
    data = json.loads(run("verify", edited, SAMPLE_000, "--json").output)
    assert data["exit_code"] == 1 and data["limits"].startswith("未核对")
    assert {i["status"] for i in data["items"] if i["finding"]} >= {CHANGED, LOST, UNKNOWN}


@needs_soffice
def test_a_document_resaved_by_libreoffice_still_verifies(draft, tmp_path) -> None:
    edited = tmp_path / "终稿.docx"
    _edit(draft, edited)
    out_dir = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(out_dir), str(edited)], check=True, capture_output=True, timeout=180)
    resaved = out_dir / "终稿.docx"
    _check_findings(verify(resaved, SAMPLE_000))
    clean = out_dir / "clean"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(clean), str(draft)], check=True, capture_output=True, timeout=180)
    assert verify(clean / "初稿.docx", SAMPLE_000).code == 0


def test_bad_input_exits_2_with_a_chinese_message(tmp_path) -> None:
    fake = tmp_path / "终稿.docx"
    fake.write_bytes(b"not a zip")
    result = run("verify", fake, SAMPLE_000)
    assert result.exit_code == 2 and "不是可读取的 Word 文档" in result.output
    result = run("verify", tmp_path / "无.docx", SAMPLE_000)
    assert result.exit_code == 2 and "找不到文件" in result.output


@pytest.mark.parametrize(("text", "found"), [
    ("受理案件1.42万件,同比增长12.3%,成功率30.43%。", ["1.42万", "12.3%", "30.43%"]),
    ("依据厅字〔2019〕28号,2021—2023年开展130余场次、超5万人次、约300人、近3万份", [
        "130余", "超5万", "约300", "近3万"]),
    ("拨打12348热线,5G应用,第3次会议,2025年1月16日,10:30", []),
    ("1.坚持党建引领,（1）学习1,234次", ["1,234"]),
])
def test_numbers_in_prose(text, found) -> None:
    assert [n.text for n in numbers.find(text)] == found


def test_a_number_matches_a_figure_as_written() -> None:
    n = numbers.find("1.42万件")[0]
    assert numbers.matches(n, Decimal(14213))
    assert not numbers.matches(n, Decimal(14300))
    n = numbers.find("130余场次")[0]
    assert numbers.matches(n, Decimal(134))
    assert not numbers.matches(n, Decimal(120))
