"""`drafter pdf` (and `render --pdf`): a Word document converted by LibreOffice
(publish.pdf), and what the command shows: the PDF written, the fonts the document names
that this machine replaced, what to install, the fonts the PDF uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.commands.said import Said
from drafter.publish.pdf import PdfResult


@dataclass
class Converted:
    done: PdfResult
    named: tuple[str, ...]  # the font faces the .docx names


def pdf(document: Path, output: Path | None = None, *, force: bool = False) -> Converted:
    """`output`: the PDF, by default beside the document with its name."""
    from drafter.publish.pdf import convert
    from drafter.word.read import font_names

    done = convert(document, output, force=force)
    return Converted(done, font_names(document))


def show(converted: Converted) -> Said:
    said = Said()
    said.echo(summary(converted.done, converted.named))
    return said


def summary(done: PdfResult, named: tuple[str, ...]) -> str:
    """`named`: the faces the .docx names; those replaced are listed with their stand-ins,
    and what to install for the PDF to look like the Word file."""
    from drafter.publish.pdf import install_hints

    lines = [f"已生成 {done.pdf}"]
    replaced = [n for n in named if n in done.substitutes]
    if replaced:
        lines.append("文稿指定的字体未安装，已替换：" + "、".join(
            f"{n} → {done.substitutes[n]}" for n in replaced))
    lines += install_hints(named, done.substitutes)
    lines.append("PDF 使用的字体：" + ("、".join(done.fonts) or "（未能读出）"))
    return "\n".join(lines)
