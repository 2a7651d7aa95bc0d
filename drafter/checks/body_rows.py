"""The report body before it is checked: the pack's default rows and what they say.

- A workbook without a 大纲 sheet (made before it existed) gets the pack's default outline,
  with a warning saying so.
- A 大纲 row still as the pack's outline.toml has it (init wrote it, nobody changed it) is a
  default row: a sentence of it whose figures are not filled is left out, as the pack's own
  sentences always were, with a note listing the cells. What a clerk wrote or changed is
  never dropped: a missing figure there is an error (checks.narrative).
- A default point left with its lead only, no sentence, is left out the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from drafter.checks.codes import (
    BAD_RUN_IN,
    DEFAULT_SENTENCE_LEFT_OUT,
    EMPTY_SECTION,
    HEADING_LEFT_OUT,
    LONE_SUBHEADING,
    OUTLINE_MISSING,
    PREAMBLE_LEFT_OUT,
    REQUIRED_PART_MISSING,
)
from drafter.config.catalog import Catalog
from drafter.config.default_outline import RequiredPart
from drafter.model.figures import (
    RUN_IN_FACT,
    Figure,
    OutlineRow,
    WorkbookData,
    is_preamble,
    leaves_out,
)
from drafter.model.findings import CellRef, finding
from drafter.model.levels import HEADING_DEPTH, HEADINGS, Level
from drafter.model.narrative import Index, Ref, without_missing
from drafter.model.options import parse_options, reads_previous
from drafter.phrasing.numerals import heading_number

OUTLINE_SHEET = "大纲"
# 接排层级 names a heading level as 二 / 二级 / 二级标题 / 2
_RUN_IN_LEVELS = {**{h.written[0]: int(h) for h in HEADINGS}, **{str(int(h)): int(h) for h in HEADINGS}}


def run_in(value: str) -> tuple[int, ...] | None:
    """The levels a 接排层级 fact names (() for 无), None when it cannot be read."""
    value = value.strip()
    if value in ("无", "不接排", "都不接排", "0"):
        return ()
    levels = []
    for piece in re.split(r"[、,，;；\s]+", value):
        m = re.fullmatch(rf"([{''.join(_RUN_IN_LEVELS)}])(?:级(?:标题)?)?", piece)
        if not m:
            return None
        levels.append(_RUN_IN_LEVELS[m.group(1)])
    return tuple(sorted(set(levels))) or None


def settle(data: WorkbookData, defaults: list[OutlineRow], catalog: Catalog,
           computed: dict[str, Figure], parts: Sequence[RequiredPart] = (),
           kind: str = "") -> None:
    """Give `data` its body rows: the workbook's, marked where they are the pack's defaults
    and with unfilled default sentences left out; the defaults for an old workbook.
    `computed`: its figures with the rates a rule computes (checks.rules.with_computed, which
    pipeline.check_workbook calls once): a rate a rule computes is not missing. Then the
    headings the report leaves out are told, and the `parts` a report of `kind` must have
    that it would lack."""
    _left_out_preambles(data)
    typed = data.facts.get(RUN_IN_FACT, "")
    if typed and run_in(typed) is None:
        data.findings.append(finding(
            BAD_RUN_IN, f"接排层级“{typed}”无法识别,按模板包的设置;请写 一级、二级、三级、四级"
            "(多个用顿号分开)或 无", [data.fact_cells[RUN_IN_FACT]]))
    if not data.has_outline:
        data.outline = list(defaults)
        if defaults or data.points:  # points the report leaves out are never dropped silently
            data.findings.append(finding(
                OUTLINE_MISSING, "没有“大纲”表(旧版数据表,或这张表被删去了),"
                + ("正文按模板包的默认大纲写出;" if defaults else "模板包没有默认大纲,正文为空;")
                + ("“要点”表中的要点不会写进报告;" if data.points else "")
                + "可用 drafter init --from 生成新版数据表", [CellRef(data.path, "")]))
    else:
        known = {_as_written(r) for r in defaults}
        data.outline = [r if r.default == (_as_written(r) in known)
                        else replace(r, default=not r.default) for r in data.outline]
    if any(r.default and r.body for r in data.outline):
        _leave_out_unfilled(data, computed)
    empty = _empty_headings(data.outline)
    told = _missing_parts(data, parts, kind, empty)
    _empty_sections(data, [r for r in empty if not any(r is t for t in told)])
    _lone_subheadings(data, empty)


def _leave_out_unfilled(data: WorkbookData, computed: dict[str, Figure]) -> None:
    """Unfilled default sentences left out, with one note listing their cells."""
    figures = computed
    index = Index(figures.values())

    def missing(ref: Ref) -> bool:
        found = index.resolve(ref.target)
        if not found.id:
            return False  # an unknown reference is an error, never silently dropped
        f = figures[found.id]
        opts, _ = parse_options(ref.options)
        return f.missing or (reads_previous(opts) and f.previous is None)

    rows, left = [], []
    for row in data.outline:
        if row.default and row.body:
            body, dropped = without_missing(row.body, missing)
            if dropped:
                left.append(row.cell or row.title_cell)
                if row.level == Level.POINT and not body:
                    continue
                row = replace(row, body=body)
        rows.append(row)
    data.outline = rows
    if left:
        cells = [c for c in left if c is not None]
        shown = "、".join(str(c) for c in cells[:5]) or "默认大纲"
        more = f" 等 {len(left)} 处" if len(left) > 5 else ""
        data.findings.append(finding(
            DEFAULT_SENTENCE_LEFT_OUT, f"{shown}{more}:预填的句子引用的指标未填写,报告中略去这些句子",
            cells[:100]))


def _left_out_preambles(data: WorkbookData) -> None:
    for key, value in data.facts.items():
        if is_preamble(key) and leaves_out(value):
            data.findings.append(finding(PREAMBLE_LEFT_OUT, f"{key}写“{value.strip()}”,报告不写{key}",
                                         [data.fact_cells[key]] if key in data.fact_cells else []))
    opening = []
    for row in data.outline:
        if row.level != Level.PARAGRAPH:
            break
        opening.append(row)
    if opening and all(leaves_out(r.body) for r in opening):
        data.findings.append(finding(
            PREAMBLE_LEFT_OUT, f"大纲开头的段落写“{opening[0].body.strip()}”,报告不写导语",
            [c for c in (opening[0].cell,) if c is not None]))


def _missing_parts(data: WorkbookData, parts: Sequence[RequiredPart], kind: str,
                   empty: list[OutlineRow]) -> list[OutlineRow]:
    """A warning for each part of `parts` the report would lack: no 一级标题 of the 大纲
    names it, or those that do have nothing under them (`empty`: the report leaves them
    out). The empty headings named so (their own note is not given too)."""
    told: list[OutlineRow] = []
    if not parts or not data.outline:
        return told
    year = data.facts.get("年度", "")
    titles = [(unicodedata.normalize("NFKC", r.title), r) for r in data.outline
              if r.level == Level.H1]
    for part in parts:
        if not part.applies(year):
            continue
        naming = [r for t, r in titles if any(w in t for w in part.words)]
        law = (f"《法治政府建设与责任落实督察工作规定》要求{kind}写明" if "法治" in kind
               else f"{kind}必须写明")
        if naming and all(any(r is e for e in empty) for r in naming):
            row = naming[0]
            told.append(row)  # any other empty heading naming it keeps its own note
            data.findings.append(finding(REQUIRED_PART_MISSING, (
                f"一级标题“{row.title}”下没有内容(空着,或预填的句子引用的指标都没有填),"
                f"报告中略去了这一部分;{law},请填好这些指标或在标题下写上内容"),
                [c for c in (row.title_cell,) if c is not None]))
        elif not naming:
            words = "”“".join(part.words[:3])
            data.findings.append(finding(REQUIRED_PART_MISSING, (
                f"没有“{part.part}”这一部分(一级标题中没有“{words}”等字样);{law},"
                "请在大纲中补上这一部分"), [CellRef(OUTLINE_SHEET, "")]))
    return told


def _empty_headings(outline: list[OutlineRow]) -> list[OutlineRow]:
    """The headings with nothing under them, which the report leaves out (templating/
    outline_text drops them, as it always did, and numbers the rest), last first. Nothing
    under it: no 内容 of its own, no point or paragraph, no deeper heading with something
    under it, before the next heading of its level or above."""
    filled = [False] * (HEADING_DEPTH + 1)  # filled[L]: something follows, before a heading ≤ L
    empty: list[OutlineRow] = []
    for row in reversed(outline):
        if row.heading and row.body.strip():
            filled = [True] * len(filled)
        if not row.heading:
            if row.body.strip() or row.title.strip():
                filled = [True] * len(filled)
        elif not filled[row.level]:
            empty.append(row)
        else:
            for level in range(row.level, len(filled)):
                filled[level] = False
    return empty


def _empty_sections(data: WorkbookData, empty: list[OutlineRow]) -> None:
    """Say at its cell that each heading of `empty` is left out of the report."""
    for row in reversed(empty):
        code = HEADING_LEFT_OUT if row.default else EMPTY_SECTION
        data.findings.append(finding(
            code, f"{row.level.written}“{row.title}”:标题下没有内容,报告中略去这个标题",
            [c for c in (row.title_cell,) if c is not None]))


def _lone_subheadings(data: WorkbookData, empty: list[OutlineRow]) -> None:
    """A warning at each heading that is the only one of its level under its parent once the
    empty ones are left out: printed （一） with no （二）."""
    dropped = {id(r) for r in empty}
    kept = [r for r in data.outline if r.heading and id(r) not in dropped]
    for i, parent in enumerate(kept):  # each parent reads its own subtree: 4 levels, linear
        children = []
        for j in range(i + 1, len(kept)):
            row = kept[j]
            if row.level <= parent.level:
                break
            if row.level == parent.level + 1:
                children.append(row)
        if len(children) == 1:
            child = children[0]
            first, second = heading_number(child.level, 1), heading_number(child.level, 2)
            data.findings.append(finding(LONE_SUBHEADING, (
                f"{child.level.written}“{child.title}”:{parent.level.written}“{parent.title}”下只剩"
                f"这一个{child.level.written},报告中有“{first}”而没有“{second}”;可把它的内容"
                "直接写在上级标题下,或补写其他部分"),
                [c for c in (child.title_cell,) if c is not None]))


def _as_written(row: OutlineRow) -> tuple[int, str, str]:
    """A row's words whatever the width of its punctuation: drafter init writes a pack's
    “坚持党的领导,…” as “坚持党的领导，…” (and older workbooks kept it as the pack wrote it)."""
    return (row.level, unicodedata.normalize("NFKC", row.title),
            unicodedata.normalize("NFKC", row.body))


def leave_out(rows: list[OutlineRow], hints: list[str], catalog: Catalog,
              sections: frozenset[str]) -> tuple[list[OutlineRow], list[str]]:
    """Default rows without the sentences that reference `sections` (drafter init --omit);
    a point with nothing left goes too."""
    from drafter.model.figures import Figure

    index = Index(Figure(i.id, i.name) for i in catalog.indicators.values())

    def gone(ref: Ref) -> bool:
        found = index.resolve(ref.target)
        return bool(found.id) and found.id.split(".", 1)[0] in sections

    kept_rows, kept_hints = [], []
    for row, hint in zip(rows, hints or [""] * len(rows), strict=False):
        body, dropped = without_missing(row.body, gone) if row.body else ("", 0)
        if dropped and row.level == Level.POINT and not body:
            continue
        kept_rows.append(replace(row, body=body))
        kept_hints.append(hint)
    return kept_rows, kept_hints
