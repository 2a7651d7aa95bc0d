"""The peers' reports, as their own processes: docxtpl alone, or openpyxl + docxtpl.

    python benchmarks/docxtpl_render.py template.docx context.json out.docx [more-out.docx …]
    python benchmarks/docxtpl_render.py --workbook data.xlsx template.docx context.json out.docx

The context (paragraph styles and styled runs, made by same_text.py) is plain JSON, so the
first form does only docxtpl's work: each paragraph's runs become a RichText with drafter's
character styles. With several outputs, the template is loaded and rendered once per output
(a batch in one process).

With ``--workbook`` the process is the script a Python team would write for one report: read
the workbook with openpyxl (every sheet, every cell: facts, figures, points), hand the facts
to the template beside the text, and render with docxtpl. Turning figures into sentences is
not charged to it: the sentences come ready-made in the context, which only favours the peer.
It stops (exit 1) if the workbook's 单位名称 is not in the title: it did read the workbook.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from docxtpl import DocxTemplate, RichText


def read_workbook(path: str) -> dict[str, Any]:
    """What a script reads of the workbook: each sheet's rows, and the facts by name."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)  # openpyxl's fastest reading
    try:
        sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()
    facts = {str(r[0]): r[1] for r in sheets.get("基本信息", [])[1:] if r and r[0] is not None}
    return {"sheets": sheets, "facts": facts}


def render(template: str, paras: list[dict[str, Any]], out: str,
           data: dict[str, Any] | None = None) -> None:
    tpl = DocxTemplate(template)
    rows = []
    for p in paras:
        rich = RichText()
        for text, style in p["runs"]:
            rich.add(text, style=style)
        rows.append({"style": p["style"], "rich": rich})
    facts = (data or {}).get("facts", {})
    if data is not None and str(facts.get("单位名称")) not in "".join(
            t for t, _ in paras[0]["runs"]):
        sys.exit(f"数据表的单位名称“{facts.get('单位名称')}”不在标题中")
    tpl.render({"paras": rows, "facts": facts})
    tpl.save(out)


def main(argv: list[str]) -> None:
    workbook = None
    if argv[:1] == ["--workbook"]:
        workbook, argv = argv[1], argv[2:]
    template, context, *outs = argv
    with open(context, encoding="utf-8") as fh:
        paras = json.load(fh)["paras"]
    for out in outs:
        render(template, paras, out, read_workbook(workbook) if workbook else None)


if __name__ == "__main__":
    main(sys.argv[1:])
