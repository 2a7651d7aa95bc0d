"""`drafter verify`: does the polished document still say what the workbook says?

The document drafter wrote is rendered again from the workbook (same pack, same office), so
that the text of each figure and the bookmark around it (Word keeps bookmarks through
editing, and so does a re-save by LibreOffice: tested) are known. The edited .docx is read back and every figure is
judged: its bookmark still says it (一致), says it in other words (写法不同), says something
else (与数据表不符); its bookmark is gone but the text is still there (标记丢失) or not (标记
丢失,未找到). Every other number of the text must be template text or a workbook figure;
a number that is neither was typed in during polishing (数据表中没有), shown with the
indicator whose name is closest to the words before it.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from drafter.config.catalog import Catalog
from drafter.errors import Exit, InputFileError
from drafter.model.document import Document, Heading, Paragraph, Signature, Table, Title
from drafter.model.figures import Figure
from drafter.model.source import FigureSource, format_source
from drafter.pipeline import check_workbook, render_document
from drafter.publish import numbers
from drafter.publish.trace import Sourced, note, sourced_spans
from drafter.templating.views import default_phrase
from drafter.word.read import DocxText, read
from drafter.word.writer import bookmark_name

OK, REWORDED, CHANGED = "一致", "写法不同", "与数据表不符"
LOST, LOST_GONE = "标记丢失", "标记丢失，未找到"
UNMARKED, UNKNOWN = "无标记，与数据表一致", "数据表中没有"
FINDINGS = (CHANGED, LOST, LOST_GONE, UNKNOWN)

CANNOT_SEE = ("未核对：页眉页脚、文本框、脚注尾注和批注中的文字，以及用中文数字写的数（如“三四个月”）；"
              "有修订的文档按“全部接受修订”后的文字核对。")
_UNSEEN_ORDER = ("文本框", "修订", "页眉", "页脚", "脚注", "尾注")


@dataclass(frozen=True)
class Item:
    status: str
    source: str = ""  # format_source of the figure ("" for a number outside every mark)
    name: str = ""  # what the figure is: the note (指标!E46 …) or the closest indicator
    expected: str = ""  # what the workbook says
    found: str = ""  # what the document says
    quote: str = ""  # the paragraph, shortened around it

    @property
    def finding(self) -> bool:
        return self.status in FINDINGS


@dataclass
class Verification:
    document: Path
    workbook: Path
    items: list[Item] = field(default_factory=list)
    unseen: dict[str, int] = field(default_factory=dict)
    marks_expected: int = 0
    marks_found: int = 0

    @property
    def findings(self) -> list[Item]:
        return [i for i in self.items if i.finding]

    @property
    def code(self) -> Exit:
        return Exit.FIGURE_ERRORS if self.findings else Exit.OK

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[item.status] = out.get(item.status, 0) + 1
        return out

    def limits(self) -> str:
        """The last line of the output: what verify could not see."""
        seen = [f"{k} {self.unseen[k]} 处" for k in _UNSEEN_ORDER if self.unseen.get(k)]
        return CANNOT_SEE + (f"本文档含{'、'.join(seen)}。" if seen else "")

    def as_dict(self) -> dict[str, object]:
        return {"document": str(self.document), "workbook": str(self.workbook),
                "exit_code": self.code, "counts": self.counts(),
                "marks_expected": self.marks_expected, "marks_found": self.marks_found,
                "items": [dict(asdict(i), finding=i.finding) for i in self.items],
                "unseen": self.unseen, "limits": self.limits()}


def verify(document: Path, workbook: Path, *, kind: str | None = None,
           office: Path | None = None) -> Verification:
    """Compare `document` (edited in Word, WPS or LibreOffice) with `workbook`."""
    actual = read(document)
    _within_budget(actual, Path(document))
    result = check_workbook(workbook, kind=kind, office=office)
    expected_doc = render_document(result, draft=not result.report.valid)
    data = result.computed
    figures = list(data.figures.values()) + [f for _, figs in data.districts
                                             for f in figs.values()]
    checker = _Checker(actual, result.catalog, data.figures, figures)
    out = Verification(Path(document), Path(workbook), unseen=dict(actual.unseen))
    expected = sourced_spans(expected_doc)
    out.marks_expected = len(expected)
    names = [bookmark_name(s.index, s.source) for s in expected]
    checker.claim(names)  # every mark still there first: a lost one is then sought elsewhere
    for s, name in zip(expected, names, strict=True):
        out.items.append(checker.figure(s, name, note(s.source, data, result.catalog)))
    out.marks_found = checker.marks_found
    out.items += checker.other_numbers(_template_numbers(expected_doc))
    return out


class _Checker:
    def __init__(self, actual: DocxText, catalog: Catalog, by_id: dict[str, Figure],
                 figures: list[Figure]):
        self.actual = actual
        self.text = actual.text
        self.catalog = catalog
        self.by_id = by_id
        self.figures = figures
        self.claimed: list[tuple[int, int]] = []  # ranges of DocxText.text already judged
        self.marks_found = 0
        self._best: dict[str, int] = {}  # expected paragraph → index of the closest actual one
        self._near: dict[str, Figure | None] = {}
        self._bags: list[Counter[str]] | None = None  # characters of each actual paragraph  # words before a number → closest indicator

    def claim(self, names: list[str]) -> None:
        for name in names:
            bm = self.actual.bookmarks.get(name)
            if bm is not None:
                self.claimed.append((bm.start, bm.start + len(bm.text)))

    def figure(self, s: Sourced, bookmark: str, what: str) -> Item:
        bm = self.actual.bookmarks.get(bookmark)
        source = format_source(s.source)
        if bm is not None:
            self.marks_found += 1
            quote = self._quote(bm.start, bm.start + len(bm.text))
            if _same(bm.text, s.text):
                return Item(OK, source, what, s.text, bm.text, quote)
            status = REWORDED if self._states(bm.text, s.source) else CHANGED
            return Item(status, source, what, s.text, bm.text, quote)
        at = self._find_near(s)
        if at is None:
            found, quote = self._where_it_was(s)
            return Item(LOST_GONE, source, what, s.text, found, quote)
        self.claimed.append((at, at + len(s.text)))
        return Item(LOST, source, what, s.text, s.text, self._quote(at, at + len(s.text)))

    def other_numbers(self, template: set[str]) -> list[Item]:
        out: list[Item] = []
        for para in self.actual.paragraphs:
            for n in numbers.find(para.text):
                a, b = para.start + n.start, para.start + n.end
                if any(a < e and s < b for s, e in self.claimed):
                    continue
                if n.text in template:
                    continue
                quote = numbers.quote(para.text, n.start, n.end)
                fig = next((f for f in self.figures if numbers.states_figure(n, f)), None)
                if fig is not None:
                    out.append(Item(UNMARKED, fig.id, self._describe(fig), _phrase(fig), n.text,
                                    quote))
                    continue
                near = self._closest_indicator(numbers.context(para.text, n))
                what = f"最接近：{self._describe(near)}" if near else ""
                out.append(Item(UNKNOWN, "", what, _phrase(near) if near else "", n.text, quote))
        return out

    # -- helpers ---------------------------------------------------------------------------

    def _states(self, text: str, source: FigureSource) -> bool:
        """The edited text still states the figure, in other words (14200件 for 1.42万件)."""
        fig = self.by_id.get(source.figure)
        found = numbers.find(text)
        if source.how or fig is None or len(found) != 1:
            return False
        n = found[0]
        rate = fig.kind == "rate" or fig.unit in ("%", "％")
        return fig.value is not None and numbers.matches(n, fig.value, rate=rate) and (
            not numbers.qualifier(n) or numbers.qualifier(n) == fig.qualifier or fig.qualifier == "")

    def _find_near(self, s: Sourced) -> int | None:
        """Where the figure's text stands, unmarked: in the closest paragraph, else anywhere."""
        if not self.actual.paragraphs:
            return None
        best = self._closest(s.paragraph)
        order = [best, *(i for i in range(len(self.actual.paragraphs)) if i != best)]
        for i in order:
            para = self.actual.paragraphs[i]
            pos = para.text.find(s.text)
            while pos >= 0:
                a = para.start + pos
                if not any(a < e and st < a + len(s.text) for st, e in self.claimed) and \
                        _whole(para.text, pos, len(s.text)):
                    return a
                pos = para.text.find(s.text, pos + 1)
        return None

    def _where_it_was(self, s: Sourced) -> tuple[str, str]:
        """What stands where the figure stood (after the same words), and the quote there."""
        if not self.actual.paragraphs:
            return "", ""
        para = self.actual.paragraphs[self._closest(s.paragraph)].text
        at = s.paragraph.find(s.text)
        for width in (10, 6, 3):
            words = s.paragraph[max(0, at - width):at]
            pos = para.find(words) if words and at >= 0 else -1
            if pos >= 0:
                end = pos + len(words)
                after = numbers.find(para[end:end + 20])
                found = after[0].text if after and after[0].start == 0 else ""
                return found, numbers.quote(para, end, end + len(found))
        return "", numbers.quote(para, 0, 0, 40)

    def _closest(self, paragraph: str) -> int:
        """The paragraph most like `paragraph` (the first of equals): SequenceMatcher's ratio
        among the CANDIDATES paragraphs sharing most characters with it (its quick_ratio,
        from character counts made once), so that a long document costs a count per
        paragraph and a few full comparisons, not a full comparison per paragraph."""
        if paragraph not in self._best:
            texts = [p.text for p in self.actual.paragraphs]
            if self._bags is None:
                self._bags = [Counter(t) for t in texts]
            want = Counter(paragraph)
            shared = [2 * (want & bag).total() / (len(paragraph) + len(t)) if t else 0.0
                      for bag, t in zip(self._bags, texts, strict=True)]
            top = sorted(range(len(texts)), key=lambda i: (-shared[i], i))[:CANDIDATES]
            scores = {i: difflib.SequenceMatcher(None, paragraph, texts[i], autojunk=False).ratio()
                      for i in sorted(top) if texts[i]}
            self._best[paragraph] = max(scores, key=scores.__getitem__) if scores else 0
        return self._best[paragraph]

    def _closest_indicator(self, words: str) -> Figure | None:
        if not words:
            return None
        if words not in self._near:
            self._near[words] = self._closest_indicator_uncached(words)
        return self._near[words]

    def _closest_indicator_uncached(self, words: str) -> Figure | None:
        scored = [(difflib.SequenceMatcher(None, words, ind.name).ratio(), ind.id)
                  for ind in self.catalog.indicators.values() if ind.id in self.by_id]
        score, best = max(scored, default=(0.0, ""))
        return self.by_id[best] if score >= 0.3 else None

    def _describe(self, fig: Figure) -> str:
        ind = self.catalog.indicators.get(fig.id)
        name = ind.name if ind is not None else fig.name
        return f"{fig.cell} {name}" if fig.cell else name

    def _quote(self, start: int, end: int) -> str:
        for para in self.actual.paragraphs:
            if para.start <= start <= para.start + len(para.text):
                return numbers.quote(para.text, start - para.start, end - para.start)
        return ""


# A polished report has a few hundred paragraphs and numbers; every number is compared with
# the workbook's figures and paragraphs with the draft's, so the document is held to these
# (docs/security.md) before any comparison starts.
MAX_PARAGRAPHS = 2_000
CANDIDATES = 20
MAX_NUMBERS = 3_000
MAX_CHARS = 300_000
_DIGITS = re.compile(r"\d+")


def _within_budget(actual: DocxText, document: Path) -> None:
    paragraphs = [p for p in actual.paragraphs if p.text]
    chars = sum(len(p.text) for p in paragraphs)
    numbers = sum(len(_DIGITS.findall(p.text)) for p in paragraphs)
    for count, limit, what in ((len(paragraphs), MAX_PARAGRAPHS, "段"),
                               (chars, MAX_CHARS, "字"), (numbers, MAX_NUMBERS, "个数字")):
        if count > limit:
            raise InputFileError(f"文档超过 {limit:,} {what},不像一份报告,未核对", file=str(document))


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _whole(text: str, pos: int, length: int) -> bool:
    """The match is not part of a longer number (6次 inside 16次)."""
    before = text[pos - 1:pos]
    return not (before.isdigit() or before == ".")


def _phrase(fig: Figure | None) -> str:
    if fig is None:
        return ""
    return "未填" if fig.missing else default_phrase(fig)


def _template_numbers(doc: Document) -> set[str]:
    """Numbers the templates themselves write (not figures): allowed anywhere in the text."""
    texts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph | Heading):
            texts.append(("" if isinstance(block, Paragraph) else block.number) + "".join(
                "□" * len(s.text) if s.source else s.text for s in block.spans))
        elif isinstance(block, Title):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [block.caption, *block.header, *(c for row in block.rows for c in row)]
        elif isinstance(block, Signature):
            texts += [block.organ, block.date]
    return {n.text for text in texts for n in numbers.find(text)}
