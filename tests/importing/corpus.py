"""The import corpus, made at run time from the five sources (../shared/source_reports): each
report as .docx, .doc, .odt, .pdf, .html (LibreOffice converts the .docx, one call per
format) and .txt in GB18030; plus three shapes: a 印发 cover notice before the report, a
government website's page (navigation, 索引号 table, 来源/浏览次数, share and print buttons,
footer, and a document viewer's page markers “1 / 8” cutting the text), and a report without
its title line. The sources' text is never committed: it is read from the shared folder.

`build(folder)` makes every input and returns them; `measure_case(case, folder)` imports one,
renders it and compares it with its source (tests/importing/measure.py, the one measurement
per input). Run `python -m tests.importing.corpus` to print the table of docs/import.md.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from drafter.importing import text
from tests.importing.measure import CHROME, Measured, measure

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT.parent / "shared" / "source_reports"
LO_FORMATS = {"doc": "doc:MS Word 97", "odt": "odt", "pdf": "pdf:writer_pdf_Export",
              "html": "html:HTML (StarWriter)"}


@dataclass
class Case:
    name: str  # 000.pdf, 001-网页.html …
    path: Path
    source: Path
    fmt: str
    shape: str = ""  # 印发通知, 网页+页码, 无标题 or "" (the report as it is)


def sources() -> list[Path]:
    return sorted(SOURCES.glob("[0-9][0-9][0-9]_*.txt")) if SOURCES.is_dir() else []


def body_lines(source: Path) -> list[str]:
    """The source's non-empty lines, without its website header (measure.CHROME)."""
    return [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not CHROME.match(ln.strip())]


# -- making the inputs ------------------------------------------------------------------------


def _docx(lines: list[str], path: Path, *, title_first: bool = True) -> None:
    """A .docx as an office writes one: the title centred and larger, each paragraph indented
    by two characters and justified, 仿宋 16 pt, page numbers “— 3 —” in the footer."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = docx.Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.element.rPr.get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")
    for k, line in enumerate(lines):
        p = doc.add_paragraph(line)
        if k == 0 and title_first:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in p.runs:
                run.font.size = Pt(22)
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Pt(32)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, instr in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = instr
        run._r.append(el)
    footer.add_run(" —")
    doc.save(str(path))


def _soffice(files: list[Path], target: str, out: Path, profile: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make the corpus")
    subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", target, "--outdir", str(out),
                    *map(str, files)], check=True, capture_output=True, timeout=600)


NOTICE = ("{organ}关于印发《{title}》的通知", "{organ}〔{year}〕{n}号",
          "各科室、各司法所:", "现将《{title}》印发给你们,请结合实际认真抓好落实。",
          "{organ}", "{year}年7月8日")


def _with_notice(lines: list[str]) -> list[str]:
    title = lines[0]
    organ = re.match(r"(.+?司法局)", title)
    year = re.search(r"(20\d\d)", title)
    values = {"organ": organ.group(1) if organ else "某区司法局", "title": title,
              "year": year.group(1) if year else "2024", "n": 12}
    return [line.format(**values) for line in NOTICE] + lines


def _website(lines: list[str], title: str) -> str:
    """A government site's saved article page; a document viewer's page markers “k / n”
    between paragraphs, one cutting a paragraph in the middle of a word."""
    body: list[str] = []
    n = max(2, len(lines) // 4)
    page = 1
    for k, line in enumerate(lines):
        if k and k % 4 == 0 and page < n:
            body.append(f"<p>{page} / {n}</p>")
            page += 1
        if k == len(lines) // 2 and len(line) > 150:
            cut = len(line) // 2
            body.append(f"<p>{html.escape(line[:cut])}</p><p>{page} / {n}</p>"
                        f"<p>{html.escape(line[cut:])}</p>")
            page += 1
            continue
        body.append(f"<p style=\"text-indent:2em\">{html.escape(line)}</p>")
    return WEB_PAGE.format(title=html.escape(title), body="\n".join(body))


WEB_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政务公开_某市司法局</title>
<meta name="ArticleTitle" content="{title}"></head>
<body>
<div class="top"><a href="/">网站首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a>
<a href="/hdjl/">互动交流</a> <a href="/sfxz/">司法行政</a> <span>无障碍浏览</span> <span>长者模式</span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/fzzf/">法治政府</a></li><li><a href="/ggflfw/">公共法律服务</a></li>
<li><a href="/pfyf/">普法依法治理</a></li></ul></div>
<div class="crumb">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a>规划计划</a></div>
<div class="main">
<table class="xxgk"><tr><td>索引号:</td><td>11430500MB1234567X/2024-00123</td><td>发布机构:</td><td>某市司法局</td></tr>
<tr><td>成文日期:</td><td>2024-01-16</td><td>主题分类:</td><td>司法行政</td></tr>
<tr><td>文号:</td><td></td><td>有效性:</td><td>有效</td></tr></table>
<div class="article">
<h1 class="title">{title}</h1>
<div class="info"><span>发布时间:2024-01-16 10:49</span> <span>来源:某市司法局</span>
<span>浏览次数:1024</span> <span>字号:【大 中 小】</span></div>
<div class="content" id="zoom">
{body}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a>
<span>分享到:微信 微博 QQ空间</span></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a/1.html">某市司法局召开全市司法行政工作会议</a></li>
<li><a href="/a/2.html">市司法局开展“八五”普法中期检查</a></li></ul></div>
</div></div>
<div class="footer"><p>主办单位:某市司法局 地址:某市人民路1号 邮编:422000</p>
<p>版权所有:某市司法局 网站标识码:4305000001 湘ICP备12345678号-1 湘公网安备 43050002000123号</p>
<p><a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p></div>
</body></html>
"""


def build(folder: Path) -> list[Case]:
    """Every input of the corpus, made in `folder` (LibreOffice: one call per format)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = folder / "made"
    made.mkdir(exist_ok=True)
    cases: list[Case] = []
    docx_files: list[Path] = []
    for src in sources():
        key = src.name[:3]
        lines = body_lines(src)
        titled = not lines[0].startswith("根据") and len(lines[0]) <= 60 and "。" not in lines[0]
        path = made / f"{key}.docx"
        _docx(lines, path, title_first=titled)
        docx_files.append(path)
        cases.append(Case(path.name, path, src, "docx"))
        txt = made / f"{key}.txt"
        txt.write_bytes("\n".join(lines).encode("gb18030"))
        cases.append(Case(txt.name, txt, src, "txt"))
    if not docx_files:
        return cases
    src0, src1, src3 = (next(s for s in sources() if s.name.startswith(k))
                        for k in ("000", "001", "003"))
    notice = made / "000-印发通知.docx"
    _docx(_with_notice(body_lines(src0)), notice)
    cases.append(Case(notice.name, notice, src0, "docx", "印发通知"))
    for src in (src1, src3):
        lines = body_lines(src)
        title = lines[0] if src is src3 else "邵阳市司法局2024年度法治政府建设情况报告"
        page = made / f"{src.name[:3]}-网页.html"
        page.write_text(_website(lines[1:] if src is src3 else lines, title), encoding="utf-8")
        cases.append(Case(page.name, page, src, "html", "网页+页码"))
    untitled = made / "000-无标题.txt"
    untitled.write_bytes("\n".join(body_lines(src0)[1:]).encode("gb18030"))
    cases.append(Case(untitled.name, untitled, src0, "txt", "无标题"))
    profile = folder / "profile"
    for fmt, target in LO_FORMATS.items():
        _soffice([*docx_files, notice], target, made, profile)
        for path in [*docx_files, notice]:
            out = made / f"{path.stem}.{fmt}"
            src = next(s for s in sources() if s.name[:3] == path.stem[:3])
            cases.append(Case(out.name, out, src, fmt, "印发通知" if path is notice else ""))
    shutil.rmtree(profile, ignore_errors=True)
    return sorted(cases, key=lambda c: (c.name[:3], c.shape, c.fmt))


# -- measuring and the table -----------------------------------------------------------------


def measure_case(case: Case, folder: Path, read: text.Source | None = None) -> Measured:
    """`case` imported, rendered and compared with its source (tests/importing/measure.py);
    `read`: the case's text.Source when it was read already."""
    return measure(case.path, folder / case.name, reference=case.source, read=read)


COLUMNS = ("输入", "格式", "形态", "正文保留", "标题找到", "数字找回", "句子原样", "正式生成", "名称残片")


def table(measured: list[tuple[Case, Measured]]) -> str:
    """The table of docs/import.md."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for case, m in measured:
        cells = [case.name, case.fmt, case.shape or "原样", f"{m.body_kept:.1%}",
                 f"{m.headings:.0%}", f"{m.recovered}/{m.figures} = {m.figure_share:.1%}",
                 f"{m.sentence_share:.1%}", m.rendered(), f"{len(m.fragments)}/{len(m.names)}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    """`python -m tests.importing.corpus`: the table of docs/import.md."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="drafter-corpus-") as tmp:
        cases = build(Path(tmp))
        print(table([(c, measure_case(c, Path(tmp) / "measured")) for c in cases]))


if __name__ == "__main__":
    main()
    sys.exit(0)
