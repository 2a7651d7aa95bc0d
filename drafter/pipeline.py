"""The library's two jobs, end to end: check a workbook, and render its report.

workbook → (read) → WorkbookData → (check) → Report
                         └──────→ (render sandboxed templates) → outline → Document → .docx
The commands layer (drafter.commands) calls these, through batch for check and render; tests
and other tools can too. check_workbook computes the rates a rate rule fills in once
(CheckResult.computed): what the report, trace, verify and the page's preview read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import files
from drafter.checks import body_rows, formal
from drafter.checks import rules as checks
from drafter.config import packs, reference
from drafter.config.catalog import Catalog
from drafter.config.default_outline import as_rows
from drafter.config.packs import Pack
from drafter.errors import OutputError, PackNotFoundError
from drafter.model.document import Document
from drafter.model.figures import WorkbookData
from drafter.model.findings import Report, Severity
from drafter.templating import outline_text
from drafter.templating.formal import add as add_formal_parts
from drafter.workbook import districts, origin, own, reader

if TYPE_CHECKING:
    from drafter.templating.render import Renderer


@dataclass
class CheckResult:
    path: Path
    pack: Pack
    data: WorkbookData
    report: Report
    catalog: Catalog  # the pack's, with the workbook's own indicators and rules
    # `data` with each blank rate a rate rule computes filled in (checks.rules.with_computed),
    # computed once here: the report, its trace, verify and the page's preview read it
    computed: WorkbookData


def init_workbook(kind: str, output: Path, *, office: Path | None = None,
                  force: bool = False, omit: tuple[str, ...] = ()) -> Pack:
    """`drafter init`: a blank workbook listing the pack's indicators, its default report
    body on 大纲, and a 规则 sheet. `omit`: sections (板块, by id or title) left out."""
    from drafter.workbook import blank

    if output.suffix.lower() != ".xlsx":
        raise OutputError("数据表应以 .xlsx 结尾", file=str(output))
    if files.exists(output) and not force:
        raise OutputError("文件已存在;如要覆盖,请加 --force", file=str(output))
    pack = packs.load(kind, office)
    sections = _sections(pack, omit)
    rows, hints = as_rows(pack.outline)
    if sections:
        rows, hints = body_rows.leave_out(rows, hints, pack.catalog, frozenset(sections))
    blank.save(blank.make_blank(pack.catalog, kind, pack.info.name,
                                office=office.resolve().name if office else "",
                                outline=(rows, hints), omitted=sections,
                                parts=pack.part_names), output,
               replace=force)
    return pack


def _sections(pack: Pack, names: tuple[str, ...]) -> tuple[str, ...]:
    """Section ids for `names` (ids or titles, comma-separated allowed), in catalog order."""
    wanted = {n.strip() for name in names for n in re.split(r"[、,，]", name) if n.strip()}
    known = {s.id: s.id for s in pack.catalog.sections} | {
        s.title: s.id for s in pack.catalog.sections}
    unknown = sorted(wanted - set(known))
    if unknown:
        listed = "、".join(s.id for s in pack.catalog.sections)
        raise PackNotFoundError(f"板块“{'、'.join(unknown)}”不在“{pack.info.kind}”的指标目录中"
                                f"(可选:{listed})")
    ids = {known[n] for n in wanted}
    return tuple(s.id for s in pack.catalog.sections if s.id in ids)


def resolve_kind(loaded: reader.Loaded, kind: str | None, office: Path | None) -> str:
    """--kind, else the office folder's base, else the kind recorded in the workbook."""
    found = kind or (packs.office_kind(office) if office else "") or loaded.kind
    if not found:
        raise PackNotFoundError("无法确定报告类型:数据表“基本信息”中没有“报告类型”,请用 --kind 指定",
                                file=str(loaded.path))
    return found


def check_workbook(path: Path, *, kind: str | None = None, office: Path | None = None,
                   pack: Pack | None = None, cache: dict[str, Pack] | None = None) -> CheckResult:
    """`cache`: packs already loaded, by kind (batch: each pack read once); filled here."""
    loaded = reader.load(path)
    try:
        if pack is None:
            found = resolve_kind(loaded, kind, office)
            pack = cache.get(found) if cache is not None else None
            if pack is None:
                pack = packs.load(found, office)
                if cache is not None:
                    cache[found] = pack
        data = reader.read(loaded, pack.catalog)
        data.findings += origin.compare(data, pack.catalog, pack.office)
        data.findings += reference.findings(pack.reference_docx)  # what the writer strips from it
        data.findings += formal.findings(data)  # 发文字号 and 印发日期 as printed
        districts.read(loaded, pack.catalog, data)
    finally:
        loaded.close()
    catalog = own.catalog_for(pack.catalog, data)
    figures = checks.with_computed(data, catalog).figures  # the only time: see CheckResult
    body_rows.settle(data, as_rows(pack.outline)[0], catalog, figures, pack.parts, pack.info.kind)
    report = checks.run(data, catalog, figures)
    computed = replace(data, figures=figures, findings=list(data.findings))
    return CheckResult(path, pack, data, report, catalog, computed)


def flagged_ids(report: Report) -> frozenset[str]:
    """Indicators involved in an error: highlighted in a draft so they cannot slip through."""
    return frozenset(i for f in report.findings if f.severity is Severity.ERROR
                     for i in f.indicators)


def render_document(result: CheckResult, *, draft: bool = False,
                    renderer: Renderer | None = None) -> Document:
    """`renderer`: one made earlier for the same pack and draft mode (batch: templates
    compiled once); by default a new one."""
    from drafter.templating.render import Renderer

    if renderer is None:
        renderer = Renderer(result.pack, draft=draft)
    data = result.computed
    text = renderer.render(data, flagged_ids(result.report))
    style = result.pack.style
    levels = body_rows.run_in(data.facts.get(body_rows.RUN_IN_FACT, ""))
    if data.facts.get(body_rows.RUN_IN_FACT) and levels is not None:  # the workbook's choice
        style = replace(style, run_in=levels)
    return add_formal_parts(outline_text.parse(text, style), data)


def render_report(result: CheckResult, out: Path, *, draft: bool = False,
                  renderer: Renderer | None = None, replace: bool = False,
                  trace: bool = False) -> Document:
    """`replace`: overwrite `out` (--force); else it is created only if it does not exist.
    `trace`: a Word comment on each figure naming its cell (指标!E46 …), see publish.trace.
    A heading the writer cannot keep from ending on a line of one or two characters is added
    to the report's findings (heading-short-line), where the user sees it; so is each
    【待补充】 a report made without --draft still holds (placeholder-left)."""
    from drafter.templating import placeholders, unprinted
    from drafter.word import fit
    from drafter.word.writer import write_docx

    reference = result.pack.reference_docx
    if reference is not None and files.same_file(reference, out):
        raise OutputError("输出文件不能是模板所用的 reference.docx 本身,请另指定文件名",
                          file=str(out))
    doc = render_document(result, draft=draft, renderer=renderer)
    traced = {}
    if trace:
        from drafter.publish.trace import notes

        traced["notes"] = notes(doc, result.computed, result.catalog)
    write_docx(doc, result.pack.style, out, reference=result.pack.reference_docx,
               replace=replace, **traced)
    result.report.findings += fit.findings(doc, result.pack.style)
    if not draft:  # a draft shows its gaps on purpose
        result.report.findings += placeholders.findings(doc, result.computed)
    result.report.findings += unprinted.findings(doc, result.computed)
    return doc
