"""Hostile and huge workbooks (issue: hostile and huge inputs), each run as `drafter` in a
child process: exit code in {0, 1, 2}, a Chinese message naming what was refused, no
traceback, the input unchanged, peak memory and time within bounds (harness.py).

Giants (bombs, 200,000 rows, LibreOffice) are marked `slow`: they run by default and in CI,
and `-m "not slow"` leaves them out while working.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.config import packs
from drafter.errors import InputFileError
from drafter.model.findings import column_letter
from drafter.workbook import layout, reader, styling
from tests.conftest import SAMPLES, add_outline_rows, header_column, make_workbook, outline_cell
from tests.security.harness import assert_clean_refusal, digest, run_cli
from tests.security.xlsx_parts import (
    FIGURES_PART,
    MAIN,
    lying_size,
    part_of,
    sheet_part,
    sheet_xml,
    streamed,
    with_parts,
)
from tests.test_golden_text import docx_lines

FIGURES = {"法律援助.受理案件": 236, "党建.集中学习": 10}
slow = pytest.mark.slow


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = make_workbook(tmp_path, FIGURES, name="基础.xlsx")
    assert sheet_part(path, layout.FIGURES) == FIGURES_PART  # the part these tests replace
    return path


def _now_column(path: Path) -> int:
    """The column of 本期 on 指标 (the reader finds it by its header)."""
    return header_column(load_workbook(path)[layout.FIGURES], "本期")


def _checked(run_args: tuple[object, ...], src: Path, **kw: object):
    regular = src.is_file() or src.is_dir() or not src.exists()  # a pipe is not read here
    before = digest(src) if regular else ""
    run = run_cli(*run_args)
    assert_clean_refusal(run, **kw)  # type: ignore[arg-type]
    assert (digest(src) if regular else "") == before
    return run


def _findings(path: Path):
    return reader.read(path, packs.load("半年工作总结").catalog).findings


def _row_of(path: Path, ind_id: str) -> int:
    cell = reader.read(path, packs.load("半年工作总结").catalog).figures[ind_id].cell
    assert cell is not None
    return int(cell.cell[1:])


# ------------------------------------------------------------ tiny workbook, huge cost


def test_a_row_numbered_beyond_excel_is_refused_at_once(base: Path, tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>' \
           '<row r="999999999"><c r="E999999999"><v>1</v></c></row>'
    bad = with_parts(base, tmp_path / "行号.xlsx", {FIGURES_PART: sheet_xml(rows)})
    run = _checked(("check", bad), bad, codes=(2,), naming="指标", max_seconds=10, max_mb=200)
    assert "行号" in run.text and "行号.xlsx" in run.text


def test_one_cell_at_the_last_row_and_column_costs_one_cell(base: Path, tmp_path: Path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    far = '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'
    body = figures.replace("</sheetData>", far + "</sheetData>")
    wide = with_parts(base, tmp_path / "远处.xlsx", {FIGURES_PART: body})
    _checked(("check", wide), wide, codes=(0, 1), max_seconds=10, max_mb=200)


@slow
def test_a_comments_bomb_is_never_inflated(base: Path, tmp_path: Path) -> None:
    """500 MB of comments compressed to a few hundred KB: check never opens the part."""
    bomb = streamed(base, tmp_path / "批注.xlsx", "xl/comments/comment1.xml",
                    f'<comments xmlns="{MAIN}"><commentList>'.encode(),
                    b'<comment ref="A1"><text><t>aaaaaaaa</t></text></comment>', 500 << 20,
                    b"</commentList></comments>")
    assert bomb.stat().st_size < 10 << 20
    _checked(("check", bomb), bomb, codes=(0, 1), max_seconds=10, max_mb=200)
    out = tmp_path / "标注.xlsx"  # openpyxl would read it whole: refused before it tries
    _checked(("check", bomb, "--annotate", out), bomb, codes=(2,), naming="标注副本",
             max_seconds=15, max_mb=200)
    assert not out.exists()


@slow
@pytest.mark.parametrize("part", [FIGURES_PART, "xl/sharedStrings.xml"])
def test_a_bomb_in_a_needed_part_is_refused_while_streaming(base: Path, tmp_path: Path,
                                                            part: str) -> None:
    head = f'<worksheet xmlns="{MAIN}"><sheetData>' if part == FIGURES_PART else \
        f'<sst xmlns="{MAIN}">'
    if part != FIGURES_PART:  # openpyxl writes no shared strings: name the part
        base = with_parts(base, tmp_path / "有共享文字.xlsx",
                          {"xl/_rels/workbook.xml.rels": _with_shared_strings(base)})
    bomb = streamed(base, tmp_path / "炸弹.xlsx", part, head.encode(), b" " * 4096, 300 << 20)
    run = _checked(("check", bomb), bomb, codes=(2,), naming="MB", max_seconds=15, max_mb=300)
    assert "炸弹" in run.text


@slow
@pytest.mark.parametrize(("head", "filler", "said"), [
    ("<sheetData>", b'<row r="5"><c r="A5"><v>1</v></c></row>', "行号重复或倒退"),  # one row, again
    ("<sheetData>", b'<row r="5"/>', "文件已损坏"),  # empty: cut before parsing, to the torn end
    ("<sheetData>", b"<row/>", "超出 Excel 的范围"),  # rows counting past the grid
    ("<sheetData><row>", b"<c><v>1</v></c>", "单元格超过"),
    ("<sheetData><row>", b"<c/>", "XML 元素超过"),  # blank cells are no cells, still parsed
    ("<sheetViews>", b"<x/>", "XML 元素超过"),  # elements nobody reads, still parsed
])
def test_millions_of_tiny_elements_are_refused_in_seconds(base: Path, tmp_path: Path, head: str,
                                                          filler: bytes, said: str) -> None:
    bomb = streamed(base, tmp_path / "元素.xlsx", FIGURES_PART,
                    f'<worksheet xmlns="{MAIN}">{head}'.encode(), filler, 16 << 20)
    _checked(("check", bomb), bomb, codes=(2,), naming=said, max_seconds=20, max_mb=400)


@slow
@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/sharedStrings.xml"])
def test_millions_of_elements_in_a_small_part_are_refused_naming_it(base: Path, tmp_path: Path,
                                                                    part: str) -> None:
    if part == "xl/sharedStrings.xml":
        base = with_parts(base, tmp_path / "有共享文字.xlsx",
                          {"xl/_rels/workbook.xml.rels": _with_shared_strings(base)})
    root = "styleSheet" if part == "xl/styles.xml" else "sst"
    bomb = streamed(base, tmp_path / "元素.xlsx", part, f'<{root} xmlns="{MAIN}">'.encode(),
                    b"<x/>", 24 << 20)
    _checked(("check", bomb), bomb, codes=(2,), naming=part, max_seconds=20, max_mb=400)


@slow
def test_a_part_whose_zip_header_understates_its_size_is_still_bounded(
        base: Path, tmp_path: Path) -> None:
    bomb = streamed(base, tmp_path / "谎报.xlsx", FIGURES_PART,
                    f'<worksheet xmlns="{MAIN}"><sheetData>'.encode(), b" " * 4096, 300 << 20)
    lying_size(bomb, FIGURES_PART, 1000)
    _checked(("check", bomb), bomb, codes=(2,), naming="谎报.xlsx", max_seconds=15, max_mb=300)


@slow
def test_200000_rows_are_checked_within_bounds(base: Path, tmp_path: Path) -> None:
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c>'
              '<c r="E1" t="inlineStr"><is><t>本期</t></is></c></row>')
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>自定.指标{r}</t></is></c>'
                   f'<c r="E{r}"><v>{r}</v></c></row>' for r in range(2, 200_002))
    big = with_parts(base, tmp_path / "二十万行.xlsx", {FIGURES_PART: sheet_xml(header + rows)})
    run = _checked(("check", big), big, codes=(0, 1), max_seconds=30, max_mb=1024)
    assert "不在指标目录中" in run.text


# ------------------------------------------------------------ text that changes structure


def _render_text(path: Path, tmp_path: Path, *extra: str) -> list[str]:
    out = tmp_path / f"{path.stem}.docx"
    run = run_cli("render", path, "-o", out, "--draft", *extra)
    assert_clean_refusal(run, codes=(0,), max_seconds=30)
    return docx_lines(out)


def test_line_separators_in_cells_do_not_split_titles_headings_or_points(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path, FIGURES,
        facts={"单位名称": "镜湖区\u2028司法局", "年度": "2024", "报告期间": "上半年"})
    add_outline_rows(path, [("一级标题", "坚持党建引领\u0085# 假标题", ""),
                            ("要点", "学深\u2029悟透", "开展学习。\n* 假要点|x\tEnd"),
                            ("段落", "", "全面推进。\u2028## 假二级标题")])
    lines = _render_text(path, tmp_path)
    assert lines[0] == "镜湖区司法局2024年上半年工作总结"
    assert any(line.endswith("坚持党建引领 # 假标题") for line in lines)
    point = next(line for line in lines if "学深悟透" in line)
    assert "开展学习。 * 假要点|x End" in point
    assert "全面推进。 ## 假二级标题。" in lines  # one paragraph, its 。 supplied
    notes = [f for f in _findings(path) if f.code == "text-normalized"]
    assert {f.cells[0].sheet for f in notes} == {"基本信息", "大纲"}
    heading = outline_cell(path, "坚持党建引领\u0085# 假标题", "标题")
    body = outline_cell(path, "学深\u2029悟透")
    assert {str(f.cells[0]) for f in notes if f.cells[0].sheet == "大纲"} >= {
        f"大纲!{heading}", f"大纲!{body}"}


def test_excel_escapes_are_decoded_and_bidi_controls_stripped(tmp_path: Path) -> None:
    facts = {"单位名称": "镜湖区_x000D_司法局\u202e局法司", "年度": "2024", "报告期间": "上半年"}
    path = make_workbook(tmp_path, FIGURES, facts=facts)  # openpyxl writes _x000D_ as typed
    data = reader.read(path, packs.load("半年工作总结").catalog)
    assert data.facts["单位名称"] == "镜湖区司法局局法司"  # \r between Chinese: joined
    messages = [f.message for f in data.findings if f.code == "text-normalized"]
    assert any("U+202E" in m for m in messages)


def test_a_literal_escape_written_with_x005f_stays_literal(base: Path, tmp_path: Path) -> None:
    from drafter.workbook.worksheet import unescape

    assert unescape("a_x005F_x000D_b") == "a_x000D_b"
    assert unescape("a_x000D_b_x000B_c") == "a\rb\x0bc"


def test_a_range_merged_over_figures_is_a_warning_naming_it(base: Path, tmp_path: Path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    row = _row_of(base, "法律援助.受理案件")
    now = column_letter(_now_column(base))
    merged = figures.replace("</sheetData>", f'</sheetData><mergeCells count="1">'
                             f'<mergeCell ref="{now}{row - 1}:{now}{row}"/></mergeCells>')
    path = with_parts(base, tmp_path / "合并.xlsx", {FIGURES_PART: merged})
    run = _checked(("check", path), path, codes=(0, 1))
    assert f"{now}{row - 1}:{now}{row}" in run.text and "合并单元格" in run.text


def test_hidden_rows_are_read_and_said(base: Path, tmp_path: Path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    row = _row_of(base, "法律援助.受理案件")
    hidden = figures.replace(f'<row r="{row}"', f'<row r="{row}" hidden="1"', 1)
    path = with_parts(base, tmp_path / "隐藏.xlsx", {FIGURES_PART: hidden})
    data = reader.read(path, packs.load("半年工作总结").catalog)
    assert data.figures["法律援助.受理案件"].value == 236
    assert any(f.code == "hidden-cells" and str(row) in f.message for f in data.findings)


def test_a_hidden_figure_column_is_read_and_said(base: Path, tmp_path: Path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    n = _now_column(base)
    hidden = figures.replace(f'min="{n}" max="{n}"', f'min="{n}" max="{n}" hidden="1"', 1)
    assert hidden != figures
    path = with_parts(base, tmp_path / "隐藏列.xlsx", {FIGURES_PART: hidden})
    data = reader.read(path, packs.load("半年工作总结").catalog)
    assert data.figures["法律援助.受理案件"].value == 236
    shown = f"{column_letter(n)} 列(“本期”)"
    assert any(f.code == "hidden-cells" and shown in f.message for f in data.findings)


@pytest.mark.parametrize(("fact", "length"), [("单位名称", 1000), ("导语", 100_000)])
def test_absurdly_long_text_is_an_error_and_render_stays_fast(tmp_path: Path, fact: str,
                                                              length: int) -> None:
    facts = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年", fact: "长" * length}
    path = make_workbook(tmp_path, FIGURES, facts=facts)
    _checked(("check", path), path, codes=(1,), naming="上限")
    typed = min(length, 32_767)  # openpyxl, like Excel, keeps at most 32,767 per cell
    assert any(f"{typed:,} 字" in f.message for f in _findings(path) if f.code == "text-too-long")
    lines = _render_text(path, tmp_path)
    assert max(map(len, lines)) < 6000


# ------------------------------------------------------------ formula injection


def _strings(path: Path) -> list[tuple[str, object, str]]:
    wb = load_workbook(path)
    return [(f"{ws.title}!{c.coordinate}", c.value, c.data_type)
            for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def test_init_writes_catalog_text_starting_with_equals_as_text(tmp_path: Path) -> None:
    out = tmp_path / "空白.xlsx"
    assert_clean_refusal(run_cli("init", "--kind", "半年工作总结", "-o", out), codes=(0,))
    cells = _strings(out)
    assert [c for c in cells if c[2] == "f"] == []
    assert any(isinstance(v, str) and v.startswith("= 家事类") and t == "s" for _, v, t in cells)


def test_rollup_writes_district_text_and_unit_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "区县"
    shutil.copytree(SAMPLES / "005_示例市区县", folder)
    first = next(folder.glob("1_*.xlsx"))
    wb = load_workbook(first)
    ws = wb["基本信息"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "单位名称":
            styling.text_as_text(row[1], '=HYPERLINK("http://x.invalid","甲")')
    wb.save(first)
    out = tmp_path / "全市.xlsx"
    run = run_cli("rollup", folder, "-o", out, "--unit", "=1+1")
    assert_clean_refusal(run, codes=(0,))
    cells = _strings(out)
    assert [c for c in cells if c[2] == "f"] == []
    assert ("基本信息!B3", "=1+1", "s") in cells or any(v == "=1+1" and t == "s" for _, v, t in cells)


# ------------------------------------------------------------ check passes what render rejects


def test_a_date_serial_is_read_as_a_date(tmp_path: Path) -> None:
    facts = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年", "成文日期": "45483",
             "署名": "镜湖区司法局"}
    path = make_workbook(tmp_path, FIGURES, facts=facts)
    assert "2024年7月10日" in _render_text(path, tmp_path)
    assert "fact-normalized" in {f.code for f in _findings(path)}


@pytest.mark.parametrize(("fact", "value", "why"), [
    ("成文日期", "七月上旬", "无法识别，请写成 2025-01-16"),
    ("成文日期", "2024-02-30", "这一天不存在，请核对月份和日期"),  # a known form, no such day
    ("年度", "二〇二四", "不是四位数年份")])
def test_a_fact_render_could_not_use_is_a_check_error_naming_its_cell(
        tmp_path: Path, fact: str, value: str, why: str) -> None:
    facts = {"单位名称": "镜湖区司法局", "年度": "2024", "报告期间": "上半年", fact: value}
    path = make_workbook(tmp_path, FIGURES, facts=facts)
    run = _checked(("check", path), path, codes=(1,), naming="bad-fact")
    cell = next(f.cells[0] for f in _findings(path) if f.code == "bad-fact")
    assert cell.sheet == "基本信息" and str(cell) in run.text
    assert f"{fact}“{value}”{why}" in run.text
    lines = _render_text(path, tmp_path)  # a draft: no template line blamed
    assert value not in "".join(lines)


# ------------------------------------------------------------ not a workbook


def _ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")


def _zip_of_other(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")


NOT_WORKBOOKS = {
    "空.xlsx": lambda p: p.write_bytes(b""),
    "乱码.xlsx": lambda p: p.write_bytes(os.urandom(4096).replace(b"PK", b"pk")),
    "表.csv": lambda p: p.write_text("编号,本期\n法律援助.受理案件,236\n", encoding="gbk"),
    "旧版.xls": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)),
    "加密.xlsx": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)
                                         + "EncryptionInfo".encode("utf-16-le") + bytes(100)),
    "表格.ods": _ods,
    "压缩包.xlsx": _zip_of_other,
    "文件夹.xlsx": lambda p: p.mkdir(),
    "没有.xlsx": lambda p: None,
    "管道.xlsx": lambda p: os.mkfifo(p),  # opening it for reading would wait for a writer
}


@pytest.mark.parametrize("name", NOT_WORKBOOKS)
def test_what_is_not_a_workbook_is_refused_naming_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    NOT_WORKBOOKS[name](path)
    _checked(("check", path), path, codes=(2,), naming=name, max_seconds=10, max_mb=200)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_refused(base: Path) -> None:
    base.chmod(0)
    try:
        _checked(("check", base), base, codes=(2,), naming=base.name)
    finally:
        base.chmod(0o644)


def test_an_unreadable_file_is_refused_even_as_root(base: Path, monkeypatch) -> None:
    """CI runs as root, which reads any file: the refusal is shown with open() denied."""
    from drafter.workbook.sniff import ensure_xlsx

    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object):
        if self == base:
            raise PermissionError(13, "权限不够")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(InputFileError, match="无法读取") as refused:
        ensure_xlsx(base)
    assert refused.value.file == str(base)


DOCTYPES = {
    "billion laughs": '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
                      '&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    "external": '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "parameter": '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://x.invalid/p.dtd"> %p;]>',
}


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                  "xl/styles.xml", FIGURES_PART, "基本信息"])
@pytest.mark.parametrize("doctype", DOCTYPES)
def test_entity_declarations_are_refused_in_every_part_read(base: Path, tmp_path: Path,
                                                            part: str, doctype: str) -> None:
    name = sheet_part(base, part) if not part.startswith("xl/") else part
    xml = part_of(base, name).decode()
    if xml.startswith("<?xml"):
        decl, _, rest = xml.partition("?>")
        xml = decl + "?>" + DOCTYPES[doctype] + rest
    else:
        xml = DOCTYPES[doctype] + xml
    path = with_parts(base, tmp_path / "实体.xlsx", {name: xml})
    with pytest.raises(InputFileError, match="DTD") as refused:  # in process: 15 cases
        reader.read(path, packs.load("半年工作总结").catalog)
    assert refused.value.file == str(path)
    if (part, doctype) == (FIGURES_PART, "external"):  # and once as the user sees it
        _checked(("check", path), path, codes=(2,), naming="DTD", max_seconds=10, max_mb=200)


def test_entity_declarations_are_refused_in_shared_strings(base: Path, tmp_path: Path) -> None:
    path = with_parts(base, tmp_path / "实体.xlsx", {
        "xl/sharedStrings.xml": DOCTYPES["billion laughs"] + f'<sst xmlns="{MAIN}"><si><t>&c;</t></si></sst>',
        "xl/_rels/workbook.xml.rels": _with_shared_strings(base)})
    _checked(("check", path), path, codes=(2,), naming="DTD")


def _with_shared_strings(path: Path) -> str:
    """The workbook's relationships with one more: to xl/sharedStrings.xml."""
    return part_of(path, "xl/_rels/workbook.xml.rels").decode().replace(
        "</Relationships>", '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>")


# ------------------------------------------------------------ formulas


def test_formulas_with_and_without_cached_values(base: Path, tmp_path: Path) -> None:
    figures = part_of(base, FIGURES_PART).decode()
    row = _row_of(base, "法律援助.受理案件")
    now = column_letter(_now_column(base))
    cached, n = re.subn(rf'<c r="{now}{row}"[^>]*?(/>|>.*?</c>)',
                        f'<c r="{now}{row}"><f>SUM({now}90:{now}91)</f><v>236</v></c>', figures,
                        count=1)
    assert n == 1
    ok = with_parts(base, tmp_path / "有值.xlsx", {FIGURES_PART: cached})
    assert reader.read(ok, packs.load("半年工作总结").catalog).figures["法律援助.受理案件"].value == 236
    bare = cached.replace("<v>236</v>", "")
    bad = with_parts(base, tmp_path / "无值.xlsx", {FIGURES_PART: bare})
    _checked(("check", bad), bad, codes=(1,), naming="没有保存计算结果")


# ------------------------------------------------------------ a workbook re-saved by Calc


@slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_resaved_by_libreoffice_checks_and_renders_the_same(tmp_path: Path) -> None:
    sample = next(SAMPLES.glob("000_*.xlsx"))
    src = tmp_path / "原表" / "数据.xlsx"
    src.parent.mkdir()
    shutil.copy(sample, src)
    resaved = tmp_path / "另存"
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(resaved),
                    str(src)], check=True, capture_output=True, timeout=120, env=env)
    again = resaved / "数据.xlsx"
    catalog = packs.load("半年工作总结").catalog
    a, b = reader.read(src, catalog), reader.read(again, catalog)
    assert a.facts == b.facts and a.points == b.points
    assert a.outline and [(r.level, r.title, r.body, r.cell) for r in a.outline] == \
        [(r.level, r.title, r.body, r.cell) for r in b.outline]
    assert {k: (f.value, f.previous, f.qualifier) for k, f in a.figures.items()} == \
        {k: (f.value, f.previous, f.qualifier) for k, f in b.figures.items()}
    first = _render_text(src, tmp_path)
    (tmp_path / "2").mkdir()
    assert _render_text(again, tmp_path / "2") == first


def test_a_line_separator_in_a_district_name_does_not_cut_the_city_annex(tmp_path: Path) -> None:
    out = tmp_path / "全市.xlsx"
    assert_clean_refusal(run_cli("rollup", SAMPLES / "005_示例市区县", "-o", out,
                                 "--unit", "示例市司法局"), codes=(0,))
    wb = load_workbook(out)
    ws = wb["区县数据"]
    name = ws.cell(row=1, column=6).value
    styling.text_as_text(ws.cell(row=1, column=6), f"{name[:1]}\u2028{name[1:]}|x")
    wb.save(out)
    lines = _render_text(out, tmp_path)
    row = next(line for line in lines if line.startswith(name))  # table cells joined by " | "
    assert row.startswith(f"{name}|x | ")  # one cell, its | kept as text, the row whole
    assert not any(line.startswith(name[1:]) for line in lines)
