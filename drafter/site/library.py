"""The one door from the site into drafter's library.

Every call the site makes to drafter's own functions — init, init --from, check, render,
rollup, the page's preview — is here and nowhere else in drafter/site. Where the commands
layer (drafter/commands, shared with the CLI and drafter serve) has the command, the site
calls it: a blank workbook and last year's rolled forward (commands.init, the lines of
commands.init.forward_lines), the roll-up (commands.rollup) and the city report
(commands.render). Check and preview stay on pipeline.check_workbook and the page's
preview (drafter/web/preview.py), as drafter serve's own 检查并生成 does: the site shows the
page's findings and preview, which need the full check result and the document drawn, not
what `drafter check` prints. Nothing here prints or touches the database; paths in,
results out.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.pipeline import CheckResult

__all__ = ["Checked", "DrafterError", "blank", "check", "forward", "kinds", "roll_up", "vet_office"]


def kinds() -> list[tuple[str, str]]:
    """The report kinds on offer: (kind, name)."""
    from drafter.config import packs

    return [(p.kind, p.name) for p in packs.available()]


def blank(kind: str, out: Path, office: Path | None) -> None:
    """`drafter init --kind KIND -o OUT [--office]`."""
    from drafter.commands.init import init

    init(out, kind=kind, office=office)


def forward(source: Path, out: Path, kind: str, office: Path | None) -> list[str]:
    """`drafter init --from SOURCE -o OUT`: what it did, one line each."""
    from drafter.commands.init import forward_lines, init

    done = init(out, kind=kind, source=source, office=office)
    assert done.forwarded is not None  # with a source, init rolls it forward
    return forward_lines(done.forwarded)


@dataclass
class Checked:
    """What check (and the draft behind the preview) found in one workbook."""

    result: CheckResult
    errors: int
    warnings: int
    infos: int
    kind: str  # the kind the workbook records ("" if none)
    facts: dict[str, str]

    def figures(self) -> dict[str, list[str]]:
        """Each indicator filled: id → [name, as written (with unit), value, unit]."""
        from drafter.model.quantity import as_typed, plain_text

        out: dict[str, list[str]] = {}
        for fid, fig in self.result.data.figures.items():
            if fig.computed or (fig.value is None and not fig.text):
                continue
            if fig.value is None:
                out[fid] = [fig.name, fig.text, "", fig.unit]
                continue
            written = as_typed(fig.value, fig.qualifier, fig.scale, fig.digits) + fig.unit
            out[fid] = [fig.name, written, plain_text(fig.value), fig.unit]
        return out


def check(path: Path, kind: str, office: Path | None) -> Checked:
    """`drafter check PATH --kind KIND [--office]`."""
    from drafter.pipeline import check_workbook

    result = check_workbook(path, kind=kind, office=office)
    report = result.report
    infos = len(report.findings) - len(report.errors) - len(report.warnings)
    return Checked(result, len(report.errors), len(report.warnings), infos,
                   result.data.kind, dict(result.data.facts))


def preview(checked: Checked, docx: Path) -> tuple[list, list, str]:
    """`drafter render --draft` into `docx`, and the page's findings and preview
    (drafter/web/preview.py): (groups, lines, why no draft could be made)."""
    from drafter import pipeline
    from drafter.web import preview as page

    groups = page.groups(checked.result)
    try:
        doc = pipeline.render_report(checked.result, docx, draft=checked.errors > 0)
    except DrafterError as exc:
        return groups, [], exc.describe()
    return groups, page.lines(doc, checked.result), ""


@dataclass
class City:
    workbook: Path
    report: Path
    lines: list[str]  # what rollup did, in Chinese


def roll_up(paths: list[Path], folder: Path, *, unit: str, kind: str,
            office: Path | None) -> City:
    """`drafter rollup PATHS -o 全市.xlsx --unit UNIT`, then `drafter render 全市.xlsx -o
    全市报告.docx` (its 附表 lists the offices). DrafterError when rollup refuses."""
    from drafter.commands.render import render
    from drafter.commands.rollup import rollup
    from drafter.errors import Exit
    from drafter.report_text import rollup_text

    workbook, report = folder / "全市数据表.xlsx", folder / "全市报告.docx"
    # jobs=1: in this process. The site's server runs requests in threads; a worker pool
    # started from one (forkserver, ~0.3 s) would compete with the other requests for the
    # machine's cores and outlive the 90 s budget's cut, for a round of a few dozen offices.
    run = rollup(paths, workbook, unit=unit, kind=kind, office=office, jobs=1)
    if run.city is None:
        failing = [f"{o.path.stem}:{o.problem or '数据有错误'}" for o in run.outcomes
                   if o.code != Exit.OK]
        raise DrafterError(run.refused + ("" if not failing else "(" + ";".join(failing) + ")"))
    # a draft (its errors marked) only when the city's figures have errors, as `drafter
    # render` without --draft refuses and with it marks them
    [made] = render([workbook], report, kind=kind, office=office, jobs=1).outcomes
    if made.code == Exit.FIGURE_ERRORS:
        [made] = render([workbook], report, kind=kind, office=office, draft=True,
                        jobs=1).outcomes
    if made.exc is not None:
        raise made.exc
    if made.output is None:
        raise DrafterError(made.problem or "全市报告未能生成", file=str(report))
    return City(workbook, report, rollup_text(run.city))


def office_base(folder: Path) -> str:
    """The kind an office folder builds on: its pack.toml's `base` ("" if none)."""
    from drafter.config import packs

    return packs.office_kind(folder)


def vet_office(folder: Path, kind: str) -> None:
    """Use `folder` as an office folder for `kind` the way a round will — load the pack
    over it (`--office`: pack.toml, indicators.toml, style.toml, outline.toml,
    reference.docx), compile each of its templates, make its blank workbook (`init
    --office`), check it and render its report — so that a broken folder is refused now,
    with drafter's own message (file, line, key), not when an office uploads. DrafterError."""
    from jinja2 import TemplateSyntaxError

    from drafter import pipeline
    from drafter.config import packs
    from drafter.errors import TemplateError
    from drafter.templating.render import Renderer
    from drafter.templating.syntax import explain

    base = packs.office_kind(folder)
    if base and base != kind:
        raise DrafterError(f"这个单位文件夹基于“{base}”(pack.toml 的 base),"
                           f"与报告类型“{kind}”不符", file=str(folder / packs.PACK_FILE))
    renderer = Renderer(packs.load(kind, folder))
    for template in sorted(folder.rglob("*.j2")):
        name = template.relative_to(folder).as_posix()
        try:
            renderer.env.get_template(name)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"模板语法错误:{explain(exc.message or '')}",
                                where=f"模板 {template} 第{exc.lineno}行") from None
    with tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:
        blank_workbook = Path(tmp) / "空白数据表.xlsx"
        blank(kind, blank_workbook, folder)
        result = pipeline.check_workbook(blank_workbook, kind=kind, office=folder)
        pipeline.render_report(result, Path(tmp) / "报告.docx")


def key_indicators(kind: str) -> list[str]:
    """The indicators the pack's 附表 lists: the ones the history page offers first."""
    from drafter.config import packs

    appendix = packs.load(kind).catalog.appendix
    return list(appendix.indicators) if appendix else []
