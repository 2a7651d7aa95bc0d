"""The document model between rendered outline text and Word.

outline.py builds it (numbering already computed, run-in headings already merged into their
paragraphs); drafter/word/writer.py turns it into a .docx. Neither Jinja nor workbooks appear here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from drafter.model.source import FigureSource


class Mark(StrEnum):
    NONE = ""
    NUMBER = "number"  # a computed heading number standing before heading text (一、)
    HEADING = "heading"  # a run-in heading at the start of a body paragraph (uses `level`)
    LEAD = "lead"  # a point's ordinal and lead phrase: 一是深学笃行更加扎实。
    PLACEHOLDER = "placeholder"  # 【待补充:…】 for missing data: highlighted
    FLAGGED = "flagged"  # a figure involved in an error (render --draft): highlighted


@dataclass(frozen=True)
class Span:
    text: str
    mark: Mark = Mark.NONE
    level: int = 0  # for Mark.HEADING: the heading level whose font the span takes
    # the figure this span prints (model/source.py), None for plain text: the writer wraps
    # such a span in a Word bookmark (drafter verify finds it by that)
    source: FigureSource | None = None


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    """A heading standing on its own line. `number` is computed ("一、", "（一）", "" if none)."""

    level: int  # 1..4
    number: str
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return self.number + "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; it may open with a run-in heading span or point lead spans."""

    spans: tuple[Span, ...]
    role: str = "body"  # body | point | closing | annex (附表 label on an annex page)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()  # per column: right-align


@dataclass(frozen=True)
class Attachments:
    names: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    organ: str
    date: str  # already phrased: 2025年1月16日


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Letterhead:
    """版头 (GB/T 9704 §7.2): the red organ mark, the document number, the red line."""

    organ: str  # 发文机关标志: 镜湖区司法局 (or …文件)
    number: str = ""  # 发文字号, normalised: 镜司〔2024〕12号
    signer: str = ""  # 签发人 of an upward document: number left, 签发人：name right


@dataclass(frozen=True)
class Recipient:
    """主送机关 (§7.3.2): below the title, flush left, ending with ：."""

    text: str


@dataclass(frozen=True)
class Imprint:
    """版记 (§7.4) at the foot of the last page: 抄送, 印发机关 and 印发日期 between rules."""

    copies: str = ""  # 抄送机关 as typed, without 抄送： and the final 。
    organ: str = ""  # 印发机关
    date: str = ""  # 印发日期, phrased: 2025年1月16日


Block = (Title | Heading | Paragraph | Table | Attachments | Signature | PageBreak | Letterhead
         | Recipient | Imprint)


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    core_title: str = ""  # document properties (title); dates are fixed for determinism

    def paragraphs_text(self) -> list[str]:
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Title | Paragraph | Heading):
                out.append(b.text)
        return out
