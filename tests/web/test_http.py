"""drafter serve over HTTP: the page, a check and its files, and what a hostile or careless
upload gets (too large, a path for a name, not a workbook, a workbook with errors)."""

from __future__ import annotations

import html as markup
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.cli import app
from drafter.word.read import read
from tests.conftest import SAMPLE_000, SAMPLES, make_workbook
from tests.web.conftest import BROKEN, alert, downloads, flagged_count, total_cell


def test_the_page_lists_every_form_and_kind_and_loads_nothing_from_elsewhere(client) -> None:
    page = client().get("/")
    assert page.status_code == 200
    text = page.text
    for title in ("新建数据表", "检查并生成", "核对定稿", "半年工作总结", "法治政府建设年度报告"):
        assert title in text
    assert not re.search(r'(src|href)="(https?:)?//', text)  # no CDN: every asset is local
    assert client().get("/static/page.css").status_code == 200
    assert client().get("/static/page.js").status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_a_new_workbook_downloads_with_its_chinese_name(client, tmp_path: Path) -> None:
    got = client().post("/form/new", data={"kind": "半年工作总结"})
    assert got.status_code == 200
    disposition = got.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E5%8D%8A%E5%B9%B4" in disposition  # 半年工作总结数据表.xlsx
    (tmp_path / "new.xlsx").write_bytes(got.content)
    from drafter.workbook import reader

    assert reader.load(tmp_path / "new.xlsx").kind == "半年工作总结"


def test_a_kind_that_is_no_pack_is_refused_in_chinese(client) -> None:
    got = client().post("/form/new", data={"kind": "../../etc"})
    assert got.status_code == 400
    assert "找不到" in alert(got.text) or "模板" in alert(got.text)


def test_sample_000_checks_with_findings_preview_and_files(client) -> None:
    got = client().post("/form/check", data={"kind": ""},
                        files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 200, alert(got.text)
    text = got.text
    assert "通过" in text and 'id="findings"' in text and 'id="preview"' in text
    assert "镜湖区司法局2024年上半年工作总结" in text  # the title
    assert re.search(r'<p class="h1"><span class="number">一、</span>', text)
    assert '<span class="lead">一是' in text
    # each figure names its cell and the workbook's value on hover
    figures = re.findall(r'<span class="figure" title="([^"]+)">([^<]+)</span>', text)
    assert len(figures) > 50
    notes = {markup.unescape(t): f for t, f in figures}
    assert any(re.match(r"指标![A-Z]+\d+ ", n) and n.endswith("：数据表中为 10次")
               and f == "10次" for n, f in notes.items()), list(notes)[:5]
    assert any(n.endswith("：数据表中为 130余场次") for n in notes), list(notes)
    files = downloads(text)
    stem = SAMPLE_000.stem
    # no errors: the report; one warning (约130余, as the source report has it): the copy
    # that marks its cell
    assert set(files) == {f"{stem}.docx", f"{stem}-标注.xlsx"}
    docx = Path(tempfile.mkdtemp()) / "r.docx"
    docx.write_bytes(files[f"{stem}.docx"])
    assert "镜湖区司法局2024年上半年工作总结" in read(docx).text


def test_a_broken_workbook_shows_the_error_at_its_cell_with_its_arithmetic(client,
                                                                           broken) -> None:
    got = client().post("/form/check", files={"workbook": ("有错误.xlsx", broken.read_bytes())})
    assert got.status_code == 200
    text = got.text
    assert "未通过" in text
    rows = re.findall(r'<tr class="(error|warning)"><td>(.*?)</td><td>(.*?)</td>'
                      r'\s*<td>(.*?) <span class="code">(.*?)</span></td>\s*'
                      r'<td class="num">(.*?)</td><td class="num">(.*?)</td>'
                      r'<td class="num">(.*?)</td></tr>', text)
    assert rows[0][0] == "error"  # errors first
    mismatch = next(r for r in rows if r[4] == "sum-mismatch")
    assert mismatch[1] == "错误"
    assert re.sub(r"<[^>]+>", "", mismatch[2]).startswith(f"{total_cell(broken)}、")
    assert mismatch[5:] == ("1937", "1963", "+26")
    files = downloads(text)
    assert set(files) == {"有错误-初稿（有错误）.docx", "有错误-标注.xlsx"}
    # every figure involved that the draft prints is flagged (red) in the preview too
    assert text.count('<span class="flagged" title="') == flagged_count(broken)
    assert "初稿" in text


def test_a_non_workbook_gets_the_message_the_cli_gives(client, tmp_path: Path) -> None:
    fake = tmp_path / "报表.xlsx"
    fake.write_text("单位,数字\n镜湖区,3\n", encoding="utf-8")
    got = client().post("/form/check", files={"workbook": ("报表.xlsx", fake.read_bytes())})
    assert got.status_code == 400
    cli = CliRunner().invoke(app, ["check", str(fake)])
    assert cli.exit_code == 2
    said = cli.output.strip().removeprefix("错误：").replace(str(fake), "报表.xlsx")
    assert alert(got.text) == "未能完成" + said.replace(" ", "")
    assert "Traceback" not in got.text and "内部错误" not in got.text


def test_an_empty_or_missing_file_is_asked_for(client) -> None:
    got = client().post("/form/check", files={"workbook": ("空.xlsx", b"")})
    assert got.status_code == 400 and "0字节" in alert(got.text)
    got = client().post("/form/check", data={"kind": ""},
                        files={"other": ("x.txt", b"x")})
    assert got.status_code == 400 and "请先选择" in alert(got.text)


def test_an_upload_over_the_limit_is_refused_in_chinese(client) -> None:
    data = SAMPLE_000.read_bytes()
    small = client(limit=len(data) // 2)
    got = small.post("/form/check", files={"workbook": (SAMPLE_000.name, data)})
    assert got.status_code == 413
    assert "上传的文件太大" in alert(got.text) and "MB" in alert(got.text)


def test_an_upload_without_a_length_is_stopped_while_it_streams(live: str) -> None:
    """No Content-Length (chunked) to a real server: the limit (20 MB) still holds, counted
    as the chunks arrive, and the browser still gets the message (the rest is drained)."""
    import http.client
    from urllib.parse import urlsplit

    def body():
        yield b"--b\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"a.xlsx\"\r\n\r\n"
        for _ in range(400):  # 400 × 64 KiB = 25 MiB
            yield b"\0" * 65536
        yield b"\r\n--b--\r\n"

    where = urlsplit(live)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=60)
    conn.request("POST", "/form/check", body=body(), encode_chunked=True,
                 headers={"Content-Type": "multipart/form-data; boundary=b"})
    got = conn.getresponse()
    assert got.status == 413
    assert "上传的文件太大" in alert(got.read().decode("utf-8"))
    conn.close()


def test_the_limit_stops_the_parser_at_the_first_chunk_past_it() -> None:
    """The form parser never sees more than the limit: reading stops at the chunk past it."""
    import asyncio

    from starlette.requests import Request

    from drafter.web.actions import WORKBOOK
    from drafter.web.forms import FORMS
    from drafter.web.uploads import TooLarge, read_form

    read = []

    async def receive() -> dict:
        read.append(1)
        if len(read) == 1:
            return {"type": "http.request", "more_body": True, "body":
                    b"--b\r\nContent-Disposition: form-data; name=\"workbook\"; "
                    b"filename=\"a.xlsx\"\r\n\r\n"}
        return {"type": "http.request", "body": b"\0" * 65536, "more_body": len(read) < 1000}

    scope = {"type": "http", "method": "POST", "path": "/form/check", "query_string": b"",
             "headers": [(b"content-type", b"multipart/form-data; boundary=b")]}
    assert WORKBOOK in FORMS["check"].fields
    with pytest.raises(TooLarge):
        asyncio.run(read_form(Request(scope, receive), FORMS["check"], 256 << 10))
    assert len(read) == 1 + 4  # the part header, then 4 chunks: the 4th passes 256 KiB


def test_a_file_name_with_folders_never_becomes_a_path(client, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for name in ("../../x/../镜湖.xlsx", "..\\..\\镜湖.xlsx", "/etc/镜湖.xlsx"):
        got = client().post("/form/check",
                            files={"workbook": (name, SAMPLE_000.read_bytes())})
        assert got.status_code == 200, alert(got.text)
        assert set(downloads(got.text)) == {"镜湖.docx", "镜湖-标注.xlsx"}  # 约130余 warns
        assert "../" not in got.text and "..\\" not in got.text
    # nothing was written outside the jobs' folders, and each folder is gone
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "镜湖.xlsx").exists()


def test_names_shown_and_sent_back_are_cleaned() -> None:
    from drafter.web.uploads import content_disposition, display_name

    assert display_name("../../a/b/报告.docx", "x.docx") == "报告.docx"
    assert display_name("C:\\Users\\张三\\数据.xlsx", "x.xlsx") == "数据.xlsx"
    assert display_name("..", "数据.xlsx") == "数据.xlsx"
    assert display_name('a<b>:"c\x00\x1f.xlsx', "x") == "a_b___c.xlsx"
    assert len(display_name("很" * 300 + ".xlsx", "x")) == 120
    header = content_disposition("镜湖 区\"报告\".docx")
    assert header.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E9%95%9C%E6%B9%96%20%E5%8C%BA%22%E6%8A%A5%E5%91%8A%22.docx" in header
    assert header.split('"')[1].isascii() and header.split('"')[1].endswith(".docx")


def test_a_broken_docx_for_verify_says_so(client) -> None:
    got = client().post("/form/verify",
                        files={"document": ("定稿.docx", b"not a zip"),
                               "workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 400
    assert "定稿.docx" in alert(got.text) and "/tmp" not in got.text


def test_verify_lists_the_figure_that_was_changed(client) -> None:
    page = client().post("/form/check",
                         files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    docx = downloads(page.text)[f"{SAMPLE_000.stem}.docx"]
    clean = client().post("/form/verify", files={
        "document": ("定稿.docx", docx), "workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert clean.status_code == 200 and "都与数据表一致" in clean.text
    edited = _retype(docx, "130余场次", "150余场次")
    got = client().post("/form/verify", files={
        "document": ("定稿.docx", edited), "workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 200
    rows = re.findall(r'<tr class="error"><td>(.*?)</td><td>(.*?)</td><td class="num">(.*?)</td>'
                      r'\s*<td class="num">(.*?)</td>', got.text)
    assert ("与数据表不符", "130余场次", "150余场次") in [(a, c, d) for a, _, c, d in rows]
    assert any("指标!" in b for _, b, _, _ in rows)


def _retype(docx: bytes, old: str, new: str) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            dst.writestr(item, data)
    return out.getvalue()


def test_another_host_name_is_refused_on_loopback(client) -> None:
    local = client()
    assert local.get("/").status_code == 200
    assert local.get("/", headers={"host": "evil.example"}).status_code == 403


def test_make_workbook_broken_fixture_is_really_broken(broken) -> None:
    from drafter.pipeline import check_workbook

    assert not check_workbook(broken).report.valid
    assert BROKEN and make_workbook


def test_a_form_with_more_files_than_it_asks_for_is_refused_in_chinese(client) -> None:
    data = SAMPLE_000.read_bytes()
    got = client().post("/form/check", files=[("workbook", ("a.xlsx", data)),
                                              ("workbook", ("b.xlsx", data))])
    assert got.status_code == 400 and "上传的内容不完整或格式不对" in alert(got.text)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed for the PDF")
def test_the_pdf_comes_with_the_draft_when_asked(client) -> None:
    got = client().post("/form/check", data={"pdf": "1"},
                        files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    assert got.status_code == 200, alert(got.text)
    files = downloads(got.text)
    assert files[f"{SAMPLE_000.stem}.pdf"].startswith(b"%PDF")
    assert f"{SAMPLE_000.stem}.docx" in files


def test_the_preview_marks_each_kind_of_span() -> None:
    """Built from the document model: a flagged figure is red with its note, a lead bold, a
    placeholder yellow, a heading numbered."""
    from drafter.model.document import Document, Heading, Mark, Paragraph, Span, Title
    from drafter.model.source import FigureSource
    from drafter.pipeline import check_workbook
    from drafter.web.preview import lines

    result = check_workbook(SAMPLE_000)
    doc = Document([
        Title("标题"),
        Heading(1, "一、", (Span("党建"),)),
        Paragraph((Span("一是学习扎实。", Mark.LEAD), Span("集中学习"),
                   Span("10次", Mark.FLAGGED, source=FigureSource(("党建.集中学习",))), Span("，"),
                   Span("【待补充：支部学习】", Mark.PLACEHOLDER)), role="point"),
    ])
    title, heading, point = lines(doc, result)
    assert (title.css, title.parts[0].text) == ("title", "标题")
    assert heading.css == "h1" and [(p.css, p.text) for p in heading.parts] == [
        ("number", "一、"), ("", "党建")]
    classes = [(p.css, p.text) for p in point.parts]
    assert point.css == "point" and classes == [
        ("lead", "一是学习扎实。"), ("", "集中学习"), ("flagged", "10次"), ("", "，"),
        ("placeholder", "【待补充：支部学习】")]
    flagged = point.parts[2].note
    assert re.match(r"指标![A-Z]+\d+ 集中学习（本期）：数据表中为 10次（数据有错误，请核对）$", flagged)


def test_a_workbook_that_passes_says_so_and_keeps_its_notes_apart(client) -> None:
    """No table of empty 应为/实为/相差 columns over folded notes: 通过, then a quiet list."""
    (sample,) = SAMPLES.glob("003_*.xlsx")
    got = client().post("/form/check", files={"workbook": (sample.name, sample.read_bytes())})
    text = got.text
    assert got.status_code == 200, alert(got.text)
    assert 'id="all-clear"' in text and ">通过<" in text
    assert 'id="findings"' not in text and "应为" not in text
    notes = re.search(r'<details class="notes" id="notes">(.*?)</details>', text, re.S)
    assert notes and re.search(r"另有提示 \d+ 项，不影响通过", notes.group(1))
    assert "<li>" in notes.group(1)


def test_the_preview_sets_leads_and_headings_as_the_word_file_does(client) -> None:
    got = client().post("/form/check", files={"workbook": (SAMPLE_000.name, SAMPLE_000.read_bytes())})
    text = got.text
    # the pack's style sets no bold lead (style.toml lead_bold): neither does the preview
    assert '<span class="lead">一是' in text and 'class="lead bold"' not in text
    css = client().get("/static/page.css").text
    assert ".lead" not in css  # bold comes only from the style's own bold (class “bold”)
    assert re.search(r'<p class="h1"><span class="number">一、</span>', text)


def test_file_pickers_speak_chinese(client) -> None:
    page = client().get("/").text
    pickers = re.findall(r'<label class="file">.*?</label>', page, re.S)
    assert pickers and all("选择文件" in p and "未选择文件" in p for p in pickers)
    assert all('type="file"' in p for p in pickers)
    # every picker is required but the import's, whose text box may be used instead
    optional = [p for p in pickers if "required" not in p]
    assert len(optional) == 1 and 'name="report"' in optional[0]
