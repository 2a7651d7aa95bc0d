"""A PDF with a text layer, through pdfplumber (docs/import.md says why this library).

pdfplumber gives each character with its position; its text lines are ordered by position, so
full-width quotes and brackets set in a Latin face stay where they stand (pdfminer's and pypdf's
text put them out of order in Chinese lines). Lines become paragraphs again the way a reader
sees them: a paragraph begins where a line is indented (公文 indent their first line by two
characters), after a line that ends a sentence short of the right margin, after a larger gap,
or where a line starts with a heading number after a finished line; a line that only
continues is joined without a space (Chinese is not spaced). A line standing apart at the
top or bottom of a page (a page number, a running header) is page furniture; a paragraph
continues across the page break. Ruled tables are read as rows.

A PDF without text (a scan) and an encrypted PDF are refused with a Chinese message.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputFileError
from drafter.importing.readers import budgets
from drafter.importing.readers.model import FURNITURE_BLOCK, Block, Text
from drafter.importing.readers.pages import PAGE_NUMBER, squeeze
from drafter.importing.shape import DATE_LINE

SCANNED = ("这份 PDF 没有文字层(多半是扫描件或图片),无法读出文字。请找到它的 Word 原稿导入;"
           "或先用 WPS、Adobe Acrobat 等软件的文字识别(OCR)转成 Word 文档,核对后再导入")
ENCRYPTED = "这份 PDF 设置了密码(已加密),无法读取。请用原稿,或在 PDF 阅读器中去掉密码另存后再导入"
_ENDS = tuple("。！？；：!?;:")
_CLOSERS = "”’」』）)》"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def size(self) -> float:
        return self.bottom - self.top


def read(path: Path, fmt: str = "pdf") -> Text:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    out = Text(path, fmt)
    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputFileError(ENCRYPTED, file=str(path)) from None
    except Exception as exc:  # a hostile or broken file: the parser's own error is in English
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise InputFileError(ENCRYPTED, file=str(path)) from None
        raise InputFileError("PDF 已损坏,无法读取", file=str(path)) from exc
    with pdf:
        try:
            pages = pdf.pages
            out.pages = len(pages)
            if len(pages) > budgets.MAX_PAGES:
                raise InputFileError(f"PDF 超过 {budgets.MAX_PAGES} 页,不像一份报告", file=str(path))
            items = _read_pages(path, pages)
        except InputFileError:
            raise
        except Exception as exc:
            if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
                raise InputFileError(ENCRYPTED, file=str(path)) from None
            raise InputFileError("PDF 已损坏,无法读取", file=str(path)) from exc
    lines = [i for i in items if isinstance(i, _Line)]
    if not any(line.text.strip() for line in lines) and not any(
            isinstance(i, Block) for i in items):
        raise InputFileError(SCANNED, file=str(path))
    out.blocks = _paragraphs(items)
    return out


def _read_pages(path: Path, pages: list) -> list[_Line | Block]:  # type: ignore[type-arg]
    items: list[_Line | Block] = []
    chars = 0
    for number, page in enumerate(pages, start=1):
        tables = [t for t in page.find_tables() if len(t.rows) >= 1]
        boxes = [t.bbox for t in tables]
        events: list[tuple[float, _Line | list[Block]]] = []
        for raw in page.extract_text_lines(strip=True, return_chars=False):
            text = raw["text"]
            chars += len(text)
            budgets.check_chars(path, chars)
            mid_x, mid_y = (raw["x0"] + raw["x1"]) / 2, (raw["top"] + raw["bottom"]) / 2
            if any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes):
                continue
            events.append((raw["top"], _Line(text, raw["x0"], raw["x1"], raw["top"],
                                             raw["bottom"], number)))
        for table in tables:
            rows = [Block.row([c or "" for c in row], page=number) for row in table.extract()]
            events.append((table.bbox[1], [r for r in rows if r.text]))
        for _, event in sorted(events, key=lambda e: e[0]):
            if isinstance(event, list):
                items += event
            else:
                items.append(event)
    return items


def _paragraphs(items: list[_Line | Block]) -> list[Block]:
    lines = [i for i in items if isinstance(i, _Line)]
    if not lines:
        return [i for i in items if isinstance(i, Block)]
    size = statistics.median(line.size for line in lines) or 10.0
    left = _mode(round(line.x0) for line in lines)
    right = sorted(line.x1 for line in lines)[int(len(lines) * 0.9)]
    pitch = _pitch(lines, size)
    furniture = _furniture(lines, pitch)
    blocks: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if current:
            blocks.append(Block(_glue(current), page=current[0].page))
            current.clear()

    previous: _Line | None = None
    for item in items:
        if isinstance(item, Block):
            flush()
            blocks.append(item)
            previous = None
            continue
        if id(item) in furniture:
            blocks.append(Block(item.text, FURNITURE_BLOCK, page=item.page, why=furniture[id(item)]))
            continue
        if previous is not None and _starts(item, previous, left, right, size, pitch):
            flush()
        current.append(item)
        previous = item
    flush()
    return blocks


def _starts(line: _Line, before: _Line, left: float, right: float, size: float,
            pitch: float) -> bool:
    """Whether `line` begins a new paragraph rather than continuing `before`."""
    text, prior = line.text.strip(), before.text.rstrip().rstrip(_CLOSERS)
    if DATE_LINE.match(prior) or _IMPRINT.match(text):
        return True  # after the 成文日期, or the 版记 (抄送：…): never the date's own line
    if line.x0 - left > size * 0.9:  # indented (or centred)
        return True
    if abs(line.size - before.size) > size * 0.25:  # another font size: a title
        return True
    if line.page == before.page and line.top - before.bottom > pitch * 1.6 - size:
        return True  # more space than between the lines of a paragraph
    short = right - before.x1 > size * 1.5
    if short and (prior.endswith(_ENDS) or right - before.x1 > size * 3):
        return True  # the line before ended short of the margin: its paragraph ended
    from drafter.importing.structure import heading_level

    return bool(heading_level(text)[0]) and prior.endswith(_ENDS)


_IMPRINT = re.compile(r"^(?:抄\s*送|主\s*送|分\s*送|报\s*送)\s*[:：]")


def _furniture(lines: list[_Line], pitch: float) -> dict[int, str]:
    """Lines standing apart at the top or bottom of their page (more space above or below
    them than between a paragraph's lines), or a page number there: page numbers, and running
    lines repeated on other pages."""
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    apart: list[_Line] = []
    gap = pitch * 0.6  # a line pitch is the text and a gap of about a third of it
    for page_lines in by_page.values():
        page_lines.sort(key=lambda ln: ln.top)
        first, last = page_lines[0], page_lines[-1]
        if PAGE_NUMBER.match(squeeze(first.text)) or (
                len(page_lines) >= 2 and page_lines[1].top - first.bottom > gap):
            apart.append(first)
        if last is not first and (PAGE_NUMBER.match(squeeze(last.text)) or (
                last.top - page_lines[-2].bottom > gap)):
            apart.append(last)
    out: dict[int, str] = {}
    shapes: dict[str, int] = {}
    for line in apart:
        shapes[_shape(line.text)] = shapes.get(_shape(line.text), 0) + 1
    for line in apart:
        if PAGE_NUMBER.match(squeeze(line.text)):
            out[id(line)] = "页码"
        elif shapes[_shape(line.text)] >= 2 and len(squeeze(line.text)) <= 60:
            out[id(line)] = "页眉页脚"
    return out


def _shape(text: str) -> str:
    return "".join("#" if ch.isdigit() else ch for ch in squeeze(text))


def _pitch(lines: list[_Line], size: float) -> float:
    gaps = [b.top - a.top for a, b in itertools.pairwise(lines)
            if a.page == b.page and 0 < b.top - a.top < size * 4]
    return statistics.median(gaps) if gaps else size * 1.5


def _mode(values: object) -> float:
    counts: dict[float, int] = {}
    for v in values:  # type: ignore[attr-defined]
        counts[v] = counts.get(v, 0) + 1
    return min(k for k, n in counts.items() if n == max(counts.values()))


# pdfplumber reads the gap between a Latin face and a CJK one as a space: 2023 年, 11 次
_SPACED = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])[ ]+(?=[0-9A-Za-z%])"
                     r"|(?<=[0-9A-Za-z%])[ ]+(?=[\u3000-\u9fff\uff00-\uffef])")


def _glue(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        part = _SPACED.sub("", line.text.strip())
        if text and text[-1].isascii() and text[-1].isalnum() and part[:1].isascii() \
                and part[:1].isalnum():
            text += " "
        text += part
    return text
