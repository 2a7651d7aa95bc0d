"""One docxtpl render, as its own process: import docxtpl, load the template, render, save.

    python benchmarks/docxtpl_render.py template.docx context.json out.docx [more-out.docx …]

The context (paragraph styles and styled runs, made by same_text.py) is plain JSON, so the
process does only docxtpl's work: each paragraph's runs become a RichText with drafter's
character styles. With several outputs, the template is loaded and rendered once per output
(a batch in one process).
"""

from __future__ import annotations

import json
import sys

from docxtpl import DocxTemplate, RichText


def render(template: str, paras: list[dict[str, object]], out: str) -> None:
    tpl = DocxTemplate(template)
    rows = []
    for p in paras:
        rich = RichText()
        for text, style in p["runs"]:  # type: ignore[attr-defined]
            rich.add(text, style=style)
        rows.append({"style": p["style"], "rich": rich})
    tpl.render({"paras": rows})
    tpl.save(out)


def main(argv: list[str]) -> None:
    template, context, *outs = argv
    with open(context, encoding="utf-8") as fh:
        paras = json.load(fh)["paras"]
    for out in outs:
        render(template, paras, out)


if __name__ == "__main__":
    main(sys.argv[1:])
