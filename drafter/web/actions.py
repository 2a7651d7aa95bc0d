"""The page's forms and the calls behind them: the commands layer's functions where the page
does what a command does (drafter.commands: 新建数据表 = `drafter init`, 导入上年报告 =
`drafter import`, 核对定稿 = `drafter verify`, the PDF = `drafter pdf`). 检查并生成 is the
page's own job, on pipeline: one check, then the report (a draft, marked, when the figures
have errors: `render --draft`), its preview from the document model, and the marked-up copy
of `check --annotate`.
Each handler works in its job's own folder; what it writes there is read back into the
response (a download, or files embedded in the result page) before the folder is deleted.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.web.forms import (
    CheckField,
    Download,
    FileField,
    Form,
    Job,
    KindField,
    Page,
    TextField,
    register,
)
from drafter.web.uploads import display_name, stem

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.config.packs import PackInfo
    from drafter.model.findings import Finding
    from drafter.web.preview import Line

# The library is imported when a form is first submitted (warm() does it after the first
# page is sent), not at start: the page then opens sooner.

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


@dataclass
class Attachment:
    """A file the result page offers for download (embedded in the page: nothing stays on
    the server)."""

    label: str
    filename: str
    media_type: str
    data: bytes
    hint: str = ""

    @property
    def href(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def size(self) -> str:
        return f"{max(1, round(len(self.data) / 1024))} KB"


def kinds() -> list[PackInfo]:
    from drafter.config import packs

    return packs.available()


def warm() -> None:
    """Import what a check and a draft need, so that the first submission is not slower."""
    from drafter import pipeline  # noqa: F401
    from drafter.templating import render  # noqa: F401
    from drafter.web import preview  # noqa: F401
    from drafter.word import writer  # noqa: F401


# -- 新建数据表 (drafter init) --------------------------------------------------------------


def new_workbook(job: Job) -> Download:
    from drafter.commands.init import init

    kind = job.kind()
    if not kind:
        raise DrafterError("请先选择报告类型")
    out = job.folder / "数据表.xlsx"
    init(out, kind=kind, office=job.settings.office)
    return Download(out.read_bytes(), display_name(f"{kind}数据表.xlsx", "数据表.xlsx"), XLSX)


# -- 检查并生成 (drafter check, render, check --annotate, render --pdf) -----------------------


def check_and_render(job: Job) -> Page:
    from drafter import pipeline
    from drafter.web import preview

    workbook = job.files["workbook"]
    shown = job.names["workbook"]
    result = pipeline.check_workbook(workbook, kind=job.kind(), office=job.settings.office)
    report = result.report
    draft = not report.valid
    name = stem(shown)
    files: list[Attachment] = []
    problems: list[str] = []
    lines: list[Line] = []
    docx = job.folder / "报告.docx"
    try:
        doc = pipeline.render_report(result, docx, draft=draft)
    except DrafterError as exc:
        problems.append(f"未能生成报告:{job.explain(exc)}")
    else:
        lines = preview.lines(doc, result)
        files.append(Attachment(
            "Word 初稿(有错误)" if draft else "Word 报告", f"{name}-初稿（有错误）.docx" if draft
            else f"{name}.docx", DOCX, docx.read_bytes(),
            "数据有错误:这是标出问题的初稿,涉及的数字标红,改正数据表后请重新生成。" if draft else ""))
        if job.flag("pdf"):
            _pdf(job, docx, files, problems, f"{name}-初稿（有错误）.pdf" if draft else f"{name}.pdf")
    if any(f.cells for f in report.findings if f.severity.rank > 0):
        _annotated(job, report.findings, files, problems, f"{name}-标注.xlsx")
    infos = len(report.findings) - len(report.errors) - len(report.warnings)
    return Page("check.html", {
        "name": shown, "kind": result.pack.info.kind, "valid": report.valid, "draft": draft,
        "errors": len(report.errors), "warnings": len(report.warnings), "infos": infos,
        "groups": preview.groups(result), "lines": lines, "files": files, "problems": problems,
    })


def _pdf(job: Job, docx: Path, files: list[Attachment], problems: list[str], filename: str) -> None:
    from drafter.commands.pdf import pdf
    from drafter.publish.pdf import install_hints

    try:
        converted = pdf(docx, job.folder / "报告.pdf")
    except DrafterError as exc:
        problems.append(f"未能生成 PDF:{job.explain(exc)}")
        return
    done = converted.done
    hint = "由 LibreOffice 转换;字体以本机安装的为准。"
    replaced = [n for n in converted.named if n in done.substitutes]
    if replaced:  # as `drafter pdf` says it: what was replaced and what to install
        hint += (f"本机没有文稿指定的{'、'.join(replaced)},PDF 中用了代用字体。"
                 + "".join(line.strip() for line in install_hints(converted.named, done.substitutes)))
    files.append(Attachment("PDF", filename, PDF, done.pdf.read_bytes(), hint))


def _annotated(job: Job, findings: list[Finding], files: list[Attachment], problems: list[str],
               filename: str) -> None:
    from drafter.workbook.annotate import annotate

    out = job.folder / "标注.xlsx"
    try:
        annotate(job.files["workbook"], out, findings)
    except DrafterError as exc:
        problems.append(f"未能生成标注副本:{job.explain(exc)}")
        return
    files.append(Attachment("标注了问题的数据表", filename, XLSX, out.read_bytes(),
                            "有问题的单元格标红(错误)或标黄(警告),并附批注;原表不变。"))


def pdf_available() -> bool:
    from drafter.publish.pdf import find_soffice

    return find_soffice() is not None


# -- 导入上年报告 (drafter import) -------------------------------------------------------------


def import_last_year(job: Job) -> Page:
    from drafter.commands.importing import import_report
    from drafter.importing import readers

    pasted = job.values.get("pasted", "").strip()
    if "report" in job.files and pasted:
        raise DrafterError("请只选择文件或只粘贴文字,不要两样都填")
    if pasted:  # imported as a .txt in UTF-8: the browser sent it so
        source = job.folder / "粘贴的文字.txt"
        source.write_text(pasted, encoding="utf-8")
        job.files["report"], job.names["report"] = source, "粘贴的文字"
    elif "report" not in job.files:
        raise DrafterError("请选择去年的报告文件,或把报告的文字粘贴到文本框中")
    else:
        report = job.files["report"]
        name = job.names["report"]
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        # only a known suffix is taken from the browser's name: the reader goes by it
        if suffix not in readers.SUFFIXES:
            raise DrafterError(readers.unknown(suffix), file=name)
        source = report.with_name("去年报告" + suffix)
        report.rename(source)
        job.files["report"] = source
    out = job.folder / "今年数据.xlsx"
    done = import_report(source, out, kind=job.kind(), office=job.settings.office)
    name = display_name(f"{stem(job.names['report'])}-今年数据.xlsx", "今年数据.xlsx")
    return Page("import.html", {
        "name": job.names["report"], "kind": done.kind, "headings": done.headings,
        "points": done.points, "paragraphs": done.paragraphs, "figures": done.figures,
        "indicators": done.indicators, "rules": done.rules, "findings": done.findings,
        "warnings": done.warnings,
        "notes": done.notes, "file": Attachment("今年的数据表", name, XLSX, out.read_bytes()),
    })


# -- 核对定稿 (drafter verify) ----------------------------------------------------------------


def verify_final(job: Job) -> Page:
    from drafter.commands.verify import verify

    done = verify(job.files["document"], job.files["workbook"], kind=job.kind(),
                  office=job.settings.office)
    return Page("verify.html", {
        "document": job.names["document"], "workbook": job.names["workbook"],
        "findings": done.findings, "items": done.items, "counts": done.counts(),
        "marks_expected": done.marks_expected, "marks_found": done.marks_found,
        "limits": done.limits(),
    })


WORKBOOK = FileField("workbook", "填好的数据表（.xlsx）", ".xlsx", "数据.xlsx")

register(Form(
    "new", "新建数据表",
    "下载一张空白数据表（Excel），按表中说明填写本单位的数字和要点。",
    (KindField(required=True),), "下载空白数据表", new_workbook))
REPORT_FILES = ".docx,.doc,.wps,.odt,.rtf,.pdf,.html,.htm,.txt"
register(Form(
    "import", "导入上年报告",
    "上传去年的报告（Word、WPS、PDF、网页或文本文件），或把网站上的报告全文粘贴到文本框：生成今年的"
    "数据表，标题、要点和文字进“大纲”，去年的数字填在“上年同期”，文中的数字换成引用。",
    (FileField("report", "去年的报告（.docx .doc .wps .odt .pdf .html .txt）", REPORT_FILES,
               "去年报告", optional=True),
     TextField("pasted", "或者粘贴报告的文字", "从网站或文档中复制报告全文（含标题），粘贴在这里",
               limit=1 << 20),
     KindField(unset="按报告的内容判断")),  # there is no workbook yet to say
    "导入", import_last_year))
register(Form(
    "check", "检查并生成",
    "上传填好的数据表：逐项检查合计、比率等，列出问题所在的单元格，并生成报告预览和 Word 文件。",
    (WORKBOOK, KindField(), CheckField("pdf", "同时生成 PDF（需要 LibreOffice，约需十几秒）",
                                        needs_pdf=True)),
    "检查并生成", check_and_render))
register(Form(
    "verify", "核对定稿",
    "上传改定的 Word 文档和生成它所用的数据表：列出与数据表不再一致的每个数字。",
    (FileField("document", "改定的报告（.docx）", ".docx", "定稿.docx"), WORKBOOK, KindField()),
    "核对", verify_final))
