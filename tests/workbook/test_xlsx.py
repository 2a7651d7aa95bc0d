"""drafter's own .xlsx reader (workbook/xlsx.py, worksheet.py, numfmt.py), cell by cell.

Workbooks come from two writers: openpyxl (inline strings, as `drafter init` writes them) and
XML parts written here the way Excel and WPS write them (shared strings, cached formula
values, built-in date formats), for what openpyxl cannot produce.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import datetime, time, timedelta
from decimal import Decimal
from html import escape
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from drafter.config import packs
from drafter.errors import InputFileError
from drafter.workbook import layout, numfmt, reader, xlsx
from tests.conftest import SAMPLES, make_workbook

PACK = packs.load("半年工作总结")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _read(path: Path):
    return reader.read(path, PACK.catalog)


def _keys(data) -> list[tuple[str, str, str]]:
    return [f.key() for f in data.findings]


# ---------------------------------------------------------------- workbooks written as XML


def _xlsx(path: Path, sheets: dict[str, str], *, strings: list[str] | None = None,
          num_fmts: dict[int, str] | None = None, xf_fmts: tuple[int, ...] = (0,),
          date1904: bool = False, prefix: str = "") -> Path:
    """An .xlsx from sheetData XML per sheet (cells as Excel writes them). `xf_fmts`: the
    numFmtId of each cell style, so s="1" is the second; `prefix`: write the main namespace
    with a prefix (x:worksheet) as some producers do."""
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns{":" + prefix if prefix else ""}="{MAIN}"'
    sheet_list = "".join(f'<{p}sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, name in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                   f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    rels += f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>'
    pr = ' date1904="1"' if date1904 else ""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml",
                    f'<{p}workbook {ns} xmlns:r="{REL}"><{p}workbookPr{pr}/><{p}sheets>'
                    f"{sheet_list}</{p}sheets></{p}workbook>")
        if strings is not None:
            rels += f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            zf.writestr("xl/sharedStrings.xml",
                        f'<{p}sst {ns}>{"".join(strings)}</{p}sst>')
        zf.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">{rels}</Relationships>')
        fmts = "".join(f'<{p}numFmt numFmtId="{i}" formatCode="{escape(code, quote=True)}"/>'
                       for i, code in (num_fmts or {}).items())
        xfs = "".join(f'<{p}xf numFmtId="{i}" fontId="0"/>' for i in xf_fmts)
        zf.writestr("xl/styles.xml", f"<{p}styleSheet {ns}><{p}numFmts>{fmts}</{p}numFmts>"
                    f"<{p}cellStyleXfs><{p}xf numFmtId=\"14\"/></{p}cellStyleXfs>"
                    f"<{p}cellXfs>{xfs}</{p}cellXfs></{p}styleSheet>")
        for i, body in enumerate(sheets.values(), start=1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml",
                        f'<{p}worksheet {ns}><{p}sheetData>{body}</{p}sheetData></{p}worksheet>')
    return path


def _s(text: str) -> str:
    return f"<si><t>{text}</t></si>"


def _figures(rows: str, header: str = "") -> str:
    """A 指标 sheet: header in row 1 (编号 in A, 本期 in E, 上年同期 in F), then `rows`."""
    return header or ('<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c>'
                      '<c r="E1" t="inlineStr"><is><t>本期</t></is></c>'
                      '<c r="F1" t="inlineStr"><is><t>上年同期</t></is></c></row>') + rows


def _id(row: int, ind_id: str) -> str:
    return f'<c r="A{row}" t="inlineStr"><is><t>{ind_id}</t></is></c>'


def _to_shared_strings(src: Path, dst: Path) -> Path:
    """Re-save an openpyxl workbook as Excel does: every inline string into sharedStrings."""
    strings: dict[str, int] = {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(data)
                for c in root.iter(f"{{{MAIN}}}c"):
                    inline = c.find(f"{{{MAIN}}}is")
                    if c.get("t") != "inlineStr" or inline is None:
                        continue
                    text = "".join(inline.itertext())
                    for child in list(c):
                        c.remove(child)
                    c.set("t", "s")
                    etree.SubElement(c, f"{{{MAIN}}}v").text = str(strings.setdefault(text, len(strings)))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>",
                                    f'<Relationship Id="rIdSST" Type="{REL}/sharedStrings" '
                                    f'Target="sharedStrings.xml"/></Relationships>'.encode())
            zout.writestr(info, data)
        sst = etree.Element(f"{{{MAIN}}}sst", nsmap={None: MAIN})
        for text in strings:
            t = etree.SubElement(etree.SubElement(sst, f"{{{MAIN}}}si"), f"{{{MAIN}}}t")
            t.text = text
        zout.writestr("xl/sharedStrings.xml", etree.tostring(sst, xml_declaration=True, encoding="UTF-8"))
    assert strings
    return dst


# ---------------------------------------------------------------- the two writers agree


FILLED = {"法律援助.受理案件": 236, "普法.法律进活动": "约130余", "法律援助.工作站": "２３",
          "复议应诉.调解率": 0.3043, "人民调解.家事类": "1.42万", "党建.集中学习": "十"}


def test_excel_style_shared_strings_read_like_openpyxl_inline_strings(tmp_path) -> None:
    inline = make_workbook(tmp_path, FILLED, previous={"法律援助.受理案件": 210},
                           points={"党建.理论学习": ("学深悟透", "开展集中学习 12 次。")})
    shared = _to_shared_strings(inline, tmp_path / "excel.xlsx")
    a, b = _read(inline), _read(shared)
    assert a.figures == b.figures and a.facts == b.facts and a.points == b.points
    assert _keys(a) == _keys(b)
    assert b.figures["复议应诉.调解率"].value == Decimal("30.43")  # 0.00% kept through styles
    assert b.facts["单位名称"] == "镜湖区司法局"


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.name[:3])
def test_every_sample_cell_reads_as_openpyxl_reads_it(sample: Path) -> None:
    ours = reader.load(sample).sheets
    wb = load_workbook(sample, read_only=True, data_only=True)
    for ws in wb.worksheets:
        ws.reset_dimensions()
        sheet = ours[ws.title.strip()]
        theirs = [[c.value for c in row] for row in ws.iter_rows()]
        rows = sheet.dense()  # blank cells are no cells: rows end at their last value
        rows += [[]] * (len(theirs) - len(rows))
        assert [r + [None] * (len(t) - len(r)) for r, t in zip(rows, theirs, strict=True)] == theirs
        for r, row in enumerate(ws.iter_rows()):
            for c, cell in enumerate(row):
                fmt = getattr(cell, "number_format", "") or ""
                assert sheet.number_format(r, c) in (fmt, "" if cell.value is None else fmt)
    wb.close()


# ---------------------------------------------------------------- values and formats


def test_percent_format_gives_the_decimals_and_no_note(tmp_path) -> None:
    rows = (f'<row r="2">{_id(2, "复议应诉.调解率")}<c r="E2" s="1"><v>0.3043</v></c>'
            f'<c r="F2" s="2"><v>0.25</v></c></row>'
            f'<row r="3">{_id(3, "复议应诉.复议办结")}<c r="E3"><v>46</v></c></row>')
    path = _xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}, num_fmts={170: "0.0%"},
                 xf_fmts=(0, 10, 170))
    data = _read(path)
    rate = data.figures["复议应诉.调解率"]
    assert (rate.value, rate.digits, rate.previous) == (Decimal("30.43"), 2, Decimal(25))
    assert not [k for k in _keys(data) if k[0] == "value-normalized"]
    assert reader.load(path).sheets["指标"].number_format(1, 5) == "0.0%"


def test_a_rate_without_percent_format_is_read_with_a_note(tmp_path) -> None:
    rows = f'<row r="2">{_id(2, "复议应诉.调解率")}<c r="E2"><v>0.3043</v></c></row>'
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}))
    assert data.figures["复议应诉.调解率"].value == Decimal("30.43")
    assert ("value-normalized", "指标", "E2") in _keys(data)


@pytest.mark.parametrize(("fmt_id", "custom"), [
    (14, {}),  # mm-dd-yy, built in
    (31, {}),  # yyyy"年"m"月"d"日": built in for Chinese Excel and WPS, never spelled out
    (176, {176: 'yyyy"年"m"月"d"日";@'}),
    (177, {177: "[$-804]yyyy/m/d"}),
])
def test_a_real_excel_date_is_a_date(tmp_path, fmt_id, custom) -> None:
    facts = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45673</v></c></row>')
    path = _xlsx(tmp_path / "x.xlsx", {"基本信息": facts, "指标": _figures("")},
                 strings=[_s("项目"), _s("内容"), _s("成文日期")], num_fmts=custom,
                 xf_fmts=(0, fmt_id))
    assert reader.load(path).sheets["基本信息"].value(1, 1) == datetime(2025, 1, 16)
    assert _read(path).facts["成文日期"] == "2025-01-16"


def test_1904_dates_times_and_durations(tmp_path) -> None:
    rows = ('<row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1" s="2"><v>0.5</v></c>'
            '<c r="C1" s="3"><v>1.25</v></c><c r="D1" t="d"><v>2025-01-16T09:30:00</v></c></row>')
    path = _xlsx(tmp_path / "x.xlsx", {"指标": rows}, xf_fmts=(0, 14, 20, 46), date1904=True)
    assert reader.load(path).sheets["指标"].dense()[0] == [
        datetime(1904, 1, 2), time(12, 0), timedelta(hours=30), datetime(2025, 1, 16, 9, 30)]


def test_excel_day_numbers_keep_the_1900_leap_day_quirk() -> None:
    epoch = numfmt.WINDOWS_EPOCH
    assert numfmt.from_serial(1, epoch) == datetime(1900, 1, 1)
    assert numfmt.from_serial(61, epoch) == datetime(1900, 3, 1)
    assert numfmt.from_serial(45673.75, epoch) == datetime(2025, 1, 16, 18, 0)


def test_a_date_in_a_number_cell_is_an_error(tmp_path) -> None:
    rows = f'<row r="2">{_id(2, "法律援助.受理案件")}<c r="E2" s="1"><v>45673</v></c></row>'
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}, xf_fmts=(0, 31)))
    assert ("not-a-number", "指标", "E2") in _keys(data)


def test_booleans_and_error_cells_are_not_numbers(tmp_path) -> None:
    rows = (f'<row r="2">{_id(2, "法律援助.受理案件")}<c r="E2" t="b"><v>1</v></c></row>'
            f'<row r="3">{_id(3, "复议应诉.调解率")}<c r="E3" t="e"><f>E4/0</f><v>#DIV/0!</v></c></row>')
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}))
    errors = {f.cells[0].cell: f.message for f in data.findings if f.code == "not-a-number"}
    assert "逻辑值" in errors["E2"]
    assert "#DIV/0!" in errors["E3"]


@pytest.mark.parametrize("cell", [
    '<c r="E2"><v>1E+400</v></c>',  # beyond a double: read as infinity
    '<c r="E2"><v>1E+300</v></c>',
    '<c r="E2" t="inlineStr"><is><t>123456789012345678901234567890</t></is></c>',
])
def test_absurdly_large_numbers_are_errors_not_crashes(tmp_path, cell) -> None:
    rows = f'<row r="2">{_id(2, "法律援助.受理案件")}{cell}</row>'
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}))
    assert ("not-a-number", "指标", "E2") in _keys(data)
    assert data.figures["法律援助.受理案件"].value is None


def test_rich_text_runs_are_joined_and_phonetic_guides_left_out(tmp_path) -> None:
    rich = ("<si><r><rPr><b/></rPr><t>镜湖区</t></r><r><t xml:space=\"preserve\">司法局 </t></r>"
            "<rPh sb=\"0\" eb=\"1\"><t>jing</t></rPh></si>")
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a</t><rPh><t>x</t></rPh></is></c></row>'
    path = _xlsx(tmp_path / "x.xlsx", {"指标": rows}, strings=[rich])
    assert reader.load(path).sheets["指标"].dense()[0] == ["镜湖区司法局 ", "a"]


# ---------------------------------------------------------------- formulas


def test_formula_with_a_cached_value_reads_its_value(tmp_path) -> None:
    rows = f'<row r="2">{_id(2, "法律援助.受理案件")}<c r="E2"><f>SUM(E3:E4)</f><v>236</v></c></row>'
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}))
    assert data.figures["法律援助.受理案件"].value == 236
    assert "formula-no-value" not in [k[0] for k in _keys(data)]


def test_formula_without_a_cached_value_is_named_shared_ones_by_the_cell_holding_them(tmp_path) -> None:
    rows = (f'<row r="2">{_id(2, "人民调解.家事类")}<c r="E2"><f t="shared" ref="E2:F3" si="0">'
            f'SUM(E10:E12)+$B$1</f></c><c r="F2"><f t="shared" si="0"/></c></row>'
            f'<row r="3">{_id(3, "法律援助.受理案件")}<c r="E3"><f t="shared" si="0"/></c></row>')
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": _figures(rows)}))
    found = {f.cells[0].cell: f.message for f in data.findings if f.code == "formula-no-value"}
    assert "“=SUM(E10:E12)+$B$1”" in found["E2"]
    assert "与 E2 相同的共享公式" in found["F2"]
    assert "与 E2 相同的共享公式" in found["E3"]


# ---------------------------------------------------------------- how sheets are laid out


def test_cells_and_rows_without_addresses_and_no_dimension(tmp_path) -> None:
    rows = ('<row><c t="inlineStr"><is><t>编号</t></is></c><c/><c/><c/>'
            '<c t="inlineStr"><is><t>本期</t></is></c></row>'
            '<row><c t="inlineStr"><is><t>法律援助.受理案件</t></is></c><c r="E2"><v>236</v></c>'
            '<c><v>210</v></c></row>')
    data = _read(_xlsx(tmp_path / "x.xlsx", {"指标": rows}))
    fig = data.figures["法律援助.受理案件"]
    assert (fig.value, str(fig.cell)) == (Decimal(236), "指标!E2")
    assert reader.load(tmp_path / "x.xlsx").sheets["指标"].value(1, 5) == 210


def test_rows_with_gaps_and_a_row_number_going_back(tmp_path) -> None:
    rows = ('<row r="2"><c r="B2"><v>1</v></c></row><row r="5"><c r="C5"><v>2</v></c></row>'
            '<row r="4"><c r="A4"><v>3</v></c></row>')
    sheet = reader.load(_xlsx(tmp_path / "x.xlsx", {"指标": rows})).sheets["指标"]
    assert sheet.dense() == [[], [None, 1], [], [], [None, None, 2]]  # row 4 after 5: dropped


def test_a_prefixed_namespace_reads_the_same(tmp_path) -> None:
    rows = '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="E2"><x:v>236</x:v></x:c></x:row>'
    header = ('<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c>'
              '<x:c r="E1" t="s"><x:v>2</x:v></x:c></x:row>')
    path = _xlsx(tmp_path / "x.xlsx", {"指标": header + rows}, prefix="x",
                 strings=["<x:si><x:t>法律援助.受理案件</x:t></x:si>", "<x:si><x:t>编号</x:t></x:si>",
                          "<x:si><x:t>本期</x:t></x:si>"])
    assert _read(path).figures["法律援助.受理案件"].value == 236


def test_sheets_nobody_reads_are_not_parsed(tmp_path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", {"填写说明": "<row><c>", "指标": _figures("")})
    book = xlsx.read(path)
    assert list(book) == ["填写说明", "指标"]
    data = _read(path)  # the damaged guide sheet is never looked at
    assert ("missing-sheet", layout.FACTS, "") in _keys(data)


# ---------------------------------------------------------------- damaged files


def test_a_damaged_sheet_names_the_file_and_the_sheet(tmp_path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", {"指标": _figures("<row r=\"2\"><c r=\"A2\">")})
    with pytest.raises(InputFileError, match="已损坏") as exc:
        _read(path)
    assert (exc.value.file, exc.value.where) == (str(path), "指标")


def test_a_missing_shared_string_is_damage_not_a_crash(tmp_path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", {"指标": '<row r="1"><c r="A1" t="s"><v>7</v></c></row>'},
                 strings=[_s("编号")])
    with pytest.raises(InputFileError, match="A1"):
        _read(path)


def test_xml_entity_declarations_are_refused(tmp_path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", {"指标": _figures("")})
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", '<!DOCTYPE sst [<!ENTITY a "aaaa">]><sst/>')
    with pytest.raises(InputFileError, match="DTD"):
        reader.load(path)


def test_a_workbook_part_missing_is_damage(tmp_path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(InputFileError, match="已损坏") as exc:
        reader.load(path)
    assert exc.value.file == str(path)


def test_checking_and_rendering_never_import_openpyxl(tmp_path) -> None:
    """openpyxl costs ~55 ms to import: it is for writing workbooks only (init, --annotate)."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from drafter.pipeline import check_workbook, render_report\n"
        f"result = check_workbook(Path({str(SAMPLES / '001_邵阳市司法局2024年度法治政府建设情况报告.xlsx')!r}))\n"
        f"render_report(result, Path({str(tmp_path / 'x.docx')!r}))\n"
        "print(sorted(m for m in sys.modules if m.startswith('openpyxl')))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"


def test_a_zip_header_naming_an_unknown_zip_version_is_damage(tmp_path) -> None:
    path = _xlsx(tmp_path / "x.xlsx", {"指标": _figures("")})
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02") + 6  # the central directory's "version needed to extract"
    data[at: at + 2] = (136).to_bytes(2, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(InputFileError, match="已损坏"):
        reader.load(path)
