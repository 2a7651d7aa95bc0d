"""The document model between rendered outline text and Word.

outline.py builds it (numbering already computed, run-in headings already merged into their
paragraphs); drafter/word/writer.py turns it into a .docx. Neither Jinja nor workbooks appear here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    # the indicator id of the figure this span prints ("法律援助.受理案件"), "" for plain text:
    # the writer wraps such a span in a Word bookmark (drafter verify finds it by that)
    source: str = ""


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


Block = Title | Heading | Paragraph | Table | Attachments | Signature | PageBreak


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
