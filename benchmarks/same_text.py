"""The same report for the three writers: drafter's document model → pandoc and docxtpl inputs.

drafter renders sample 001 into its document model (pipeline.render_document); this module
flattens that model into paragraphs of styled runs, exactly the paragraphs and character
styles drafter's own writer emits (title, headings, body with run-in headings and point
leads, signature), and from them writes:

- `report.md`: pandoc Markdown in which every paragraph and run names drafter's style
  (`::: {custom-style="一级标题"}`, `[一是……。]{custom-style="要点引语"}`), converted with
  `--reference-doc=reference.docx`, a .docx drafter rendered, so pandoc uses the same styles;
- `template.docx` + `context.json`: a lean docxtpl template built once with python-docx on
  that same reference .docx (its styles, page setup and page-number footers; body emptied),
  one paragraph per style inside `{%p for p in paras %}`, each holding `{{r p.rich }}`; the
  context lists the paragraphs' runs. docxtpl_render.py renders it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.model.document import (
    Attachments,
    Document,
    Heading,
    Mark,
    PageBreak,
    Paragraph,
    Signature,
    Span,
    Table,
    Title,
)
from drafter.word.styles import STYLES

Run = tuple[str, str | None]  # text, character-style role (None: the paragraph's own style)

_MARK_ROLE = {Mark.LEAD: "lead", Mark.PLACEHOLDER: "placeholder", Mark.FLAGGED: "flagged"}


@dataclass(frozen=True)
class Para:
    role: str  # a paragraph-style role of drafter.word.styles.STYLES: title, heading1, body …
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


@dataclass(frozen=True)
class SameText:
    """Inputs that make the same report with pandoc and with docxtpl."""

    title: str
    chars: int  # characters of text in the report
    reference: Path  # the .docx drafter rendered: pandoc's reference doc, docxtpl's base
    markdown: Path
    template: Path | None  # None when python-docx or docxtpl is not installed
    context: Path


def paragraphs(doc: Document) -> list[Para]:
    """The paragraphs drafter's writer makes of `doc`, as styled runs (tables as text rows)."""
    out: list[Para] = []
    for block in doc.blocks:
        match block:
            case Title():
                out += [Para("title", ((block.text.replace("\n", ""), None),)), Para("body", ())]
            case Heading():
                level = min(max(block.level, 1), 4)
                out.append(Para(f"heading{level}", ((block.text, None),)))
            case Paragraph():
                out.append(Para("body", _runs(block.spans)))
            case Attachments():
                out += [Para("attachment", ((f"附件：{n}", None),)) for n in block.names]
            case Signature():
                out += [Para("body", ()), Para("signature", ((block.organ, None),)),
                        Para("date", ((block.date, None),))]
            case Table():
                out.append(Para("caption", ((block.caption, None),)))
                out += [Para("table_text", (("\t".join(row), None),))
                        for row in (block.header, *block.rows)]
            case PageBreak():
                pass
    return out


def _runs(spans: tuple[Span, ...]) -> tuple[Run, ...]:
    """Spans → runs as drafter's writer groups them: adjacent spans of one style share a run."""
    runs: list[Run] = []
    for i, span in enumerate(spans):
        role: str | None = _MARK_ROLE.get(span.mark)
        if role is None and span.mark in (Mark.HEADING, Mark.NUMBER):
            level = span.level or next(
                (s.level for s in spans[i + 1 :] if s.mark is Mark.HEADING), 0)
            role = f"heading{min(max(level, 1), 4)}_char" if level else None
        if runs and runs[-1][1] == role:
            runs[-1] = (runs[-1][0] + span.text, role)
        else:
            runs.append((span.text, role))
    return tuple(runs)


# ------------------------------------------------------------------------------ Markdown

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark


def _md_text(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "\\\n")


def markdown(paras: list[Para]) -> str:
    """pandoc Markdown naming drafter's paragraph and character styles."""
    out = []
    for p in paras:
        runs = "".join(
            _md_text(text) if role is None
            else f'[{_md_text(text)}]{{custom-style="{STYLES[role][1]}"}}'
            for text, role in p.runs if text
        )
        out.append(f'::: {{custom-style="{STYLES[p.role][1]}"}}\n{runs or "&nbsp;"}\n:::\n')
    return "\n".join(out)


# ------------------------------------------------------------------------------ docxtpl

def context(paras: list[Para]) -> dict[str, object]:
    """docxtpl's context: each paragraph's style id and runs (text, character style id)."""
    return {"paras": [
        {"style": STYLES[p.role][0],
         "runs": [[text, STYLES[role][0] if role else None] for text, role in p.runs]}
        for p in paras
    ]}


def build_template(reference: Path, out: Path, styles: list[str]) -> None:
    """A docxtpl template on drafter's rendered .docx: its styles, page setup and footers,
    the body replaced by a loop choosing one paragraph per paragraph style."""
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(reference))
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    names = {sid: name for sid, name in STYLES.values()}
    d.add_paragraph("{%p for p in paras %}", style=names["Normal"])
    for k, sid in enumerate(styles):
        d.add_paragraph(f'{{%p {"if" if k == 0 else "elif"} p.style == "{sid}" %}}')
        d.add_paragraph("{{r p.rich }}", style=names[sid])
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p endfor %}")
    d.save(str(out))


def prepare(sample: Path, folder: Path) -> SameText:
    """Render `sample` with drafter and write the pandoc and docxtpl inputs into `folder`."""
    from drafter import pipeline

    folder.mkdir(parents=True, exist_ok=True)
    result = pipeline.check_workbook(sample)
    reference = folder / "reference.docx"
    doc = pipeline.render_report(result, reference)
    paras = paragraphs(doc)
    md = folder / "report.md"
    md.write_text(markdown(paras), encoding="utf-8")
    ctx = context(paras)
    ctx_path = folder / "context.json"
    ctx_path.write_text(json.dumps(ctx, ensure_ascii=False), encoding="utf-8")
    template: Path | None = folder / "template.docx"
    try:
        import docx  # noqa: F401
        import docxtpl  # noqa: F401
    except ImportError:
        template = None
    else:
        used = list(dict.fromkeys(p["style"] for p in ctx["paras"]))  # type: ignore[index]
        build_template(reference, template, used)
    title = next(p.text for p in paras if p.role == "title")
    return SameText(title, sum(len(p.text) for p in paras), reference, md, template, ctx_path)
