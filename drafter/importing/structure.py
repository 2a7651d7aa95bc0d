"""A report's lines as its structure: title, headings with levels, points, paragraphs, 落款.

Headings are recognized by their hand-typed numbers (一、 （一） 1. （1）, half- or
full-width), or, in the literary style, as a short line without final punctuation between two
paragraphs; such an un-numbered heading takes the level its neighbours imply (a missing 一、
before a （一）, a missing （三） between （二） and （四）). A heading that runs into its
paragraph (（一）标题。正文…) is split at the first 。. Points 一是…二是… (at a paragraph's start
or after a sentence inside it) become 要点 rows. Pure functions: lines in, structure out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from drafter.importing.shape import DATE_LINE, Notice, couplets, joined_title, notice
from drafter.model.levels import HEADINGS, Level, is_heading

CN = "一二三四五六七八九十"
_HEADINGS = (
    (1, re.compile(rf"^\s*([{CN}]{{1,3}})\s*[、．.]\s*")),
    (2, re.compile(rf"^\s*[（(]\s*([{CN}]{{1,3}})\s*[）)]\s*[、．.]?\s*")),
    (4, re.compile(r"^\s*[（(]\s*(\d{1,2})\s*[）)]\s*[、．.]?\s*")),
    (3, re.compile(r"^\s*(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    (4, re.compile(r"^\s*([⑴-⒇①-⑳])\s*")),  # ⑴ ① : the fourth level (GB/T 9704 stops at (1))
    (3, re.compile(rf"^\s*第([{CN}]{{1,3}})\s*[，,、]\s*")),  # 第一,……
)
_END = tuple("。！？；：…!?;:")
_CLOSERS = "”’」』）)》"
_META = re.compile(r"^(文件名称|索引号|公开目录|公开责任部门|发文日期|生效日期|有效期|文号|主题分类|"
                   r"登记号|生成日期|发布日期|发布时间|浏览次数|来源|信息来源|字号|【字体)\s*[:：]")
_JUNK = re.compile(r"(扫一扫|手机打开|打印本页|关闭窗口|分享到|【打印】|【关闭】|相关链接)")
_ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d{0,2}\s*[:：]\s*\S")  # 附件:1.名称 / 附件:名称
_MAX_ATTACHMENTS = 20  # names listed under 附件:
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
            "十一", "十二", "十三", "十四", "十五")
# a point marker 一是 must start the text or follow a sentence (or a clause, for 二是 on)
_MARK_BEFORE_FIRST = "。；;：:！!？?"
_MARK_BEFORE_NEXT = _MARK_BEFORE_FIRST + "，,"
MAX_TITLE = 60  # a longer line is a paragraph, not a title or an un-numbered heading
MAX_LEAD = 40  # a point's lead phrase (一是 + lead + 。) at most this long


@dataclass
class Row:
    level: int  # a model.levels.Level: 1–4 heading, POINT, PARAGRAPH
    title: str = ""
    body: str = ""
    line: int = 0  # 1-based line of the source it came from
    run_in: bool = False  # a heading whose paragraph followed on the same line
    numbered: bool = True  # a heading with its number typed (False: literary style)
    cells: tuple[str, ...] = ()  # a table row (a PARAGRAPH whose body is its cells joined)


@dataclass
class Skipped:
    line: int
    text: str
    why: str


@dataclass
class Outline:
    title: str = ""
    rows: list[Row] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notice: Notice | None = None  # a 印发/报送 cover notice found before the report
    imprint: dict[str, str] = field(default_factory=dict)  # 版记 after the date: 抄送机关 …

    @property
    def headings(self) -> list[Row]:
        return [r for r in self.rows if is_heading(r.level)]

    @property
    def points(self) -> list[Row]:
        return [r for r in self.rows if r.level == Level.POINT]

    @property
    def paragraphs(self) -> list[Row]:
        return [r for r in self.rows if r.level == Level.PARAGRAPH]

    def run_in_levels(self) -> list[int]:
        """Levels whose numbered headings mostly ran into their paragraph in the source."""
        out = []
        for level in HEADINGS:
            rows = [r for r in self.headings if r.level == level and r.numbered]
            if rows and sum(r.run_in for r in rows) * 2 > len(rows):
                out.append(level)
        return out


def ends_sentence(text: str) -> bool:
    tail = text.rstrip().rstrip(_CLOSERS)
    return bool(tail) and tail.endswith(_END)


def heading_level(line: str) -> tuple[int, str]:
    """(level, text without its number), or (0, line) when the line is not numbered."""
    for level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m and line[m.end():].strip():
            return level, line[m.end():].strip()
    return 0, line


def parse(lines: list[str], styled: list[int] | None = None,
          cells: list[tuple[str, ...]] | None = None) -> Outline:
    """`styled`: per line, the heading level a .docx gives it by its style (0: none); it counts
    where the line has no typed number (Word's automatic numbering is not in the text).
    `cells`: per line, a table row's cells (empty for a paragraph): a row is never a heading
    or a point."""
    out = Outline()
    rows = {n for n, c in enumerate(cells or [], start=1) if c}
    numbered = list(enumerate(lines, start=1))
    numbered = _head(numbered, out)
    numbered = _tail(numbered, out)
    levels = [0 if n in rows else
              heading_level(text)[0] or (styled[n - 1] if styled and n <= len(styled) else 0)
              for n, text in numbered]
    literary = couplets(numbered) if not any(levels) else {}
    walk = _Walk()
    ahead = _next_numbered(levels)
    closed: dict[int, int] = {}  # a numbering's level → the level it is imported at
    for i, (line, text) in enumerate(numbered):
        level, rest = levels[i], text
        if line in rows:
            out.rows.append(Row(Level.PARAGRAPH, "", text, line, cells=tuple((cells or [])[line - 1])))
        elif level:
            rest = heading_level(text)[1]
            level = _closed_up(level, walk.update(out).heading, closed, out, line, text)
            _heading(out, level, rest, line, numbered=bool(heading_level(text)[0]))
        elif i in literary:
            level, end = literary[i]
            row = Row(level, text[:end - 1], "", line, run_in=True, numbered=False)
            out.rows.append(row)
            before, points = split_points(text[end:].strip())
            row.body = before
            out.rows += [Row(Level.POINT, lead, body, line) for lead, body in points]
        elif _literary(numbered, i):
            level = _implied_level(numbered, levels, ahead[i], walk.update(out))
            _heading(out, level, text, line, numbered=False)
        else:
            following = numbered[i + 1][1] if i + 1 < len(numbered) else ""
            _paragraph(out, text, line, following, walk)
    _leaves(out, dict(numbered))
    return out


def _leaves(out: Outline, texts: dict[int, str]) -> None:
    """A heading with nothing under it is left out of the rendered report (a section whose
    data is missing). One written as a whole sentence (三、下半年工作打算 / （一）持续深化……,
    推动……。 / （二）……。) is a numbered item: imported as a paragraph, as written, so that it
    is printed; any other is kept, and the clerk told."""
    rows = out.rows
    for k, row in enumerate(rows):
        if not is_heading(row.level) or row.body or not row.numbered:
            continue
        after = rows[k + 1] if k + 1 < len(rows) else None
        if after is not None and after.level > row.level:
            continue  # its section has content
        written = texts.get(row.line, row.title)
        if ends_sentence(written) and len(written) > MAX_LEAD // 2:
            rows[k] = Row(Level.PARAGRAPH, "", written, row.line)
            out.notes.append(f"第{row.line}行 “{written[:16]}……”下面没有正文,是一句话的条目:"
                             "作为段落照原样导入(没有内容的标题不写进报告)")
        else:
            out.notes.append(f"第{row.line}行 标题“{row.title[:20]}”下面没有内容:没有内容的标题"
                             "不写进报告,今年请在“大纲”中为它补上内容")


class _Walk:
    """What the rows so far say — points since the last heading (the next line starting with
    the next ordinal 是 goes on) and the last heading's level — kept up as rows are added:
    each row is looked at once, however long the report (walking back to the last heading
    for every paragraph made parsing quadratic)."""

    def __init__(self) -> None:
        self.seen = 0
        self.points = 0
        self.heading = 0  # the last heading's level (0: none yet)

    def update(self, out: Outline) -> _Walk:
        for row in out.rows[self.seen:]:
            if is_heading(row.level):
                self.points, self.heading = 0, row.level
            elif row.level == Level.POINT:
                self.points += 1
        self.seen = len(out.rows)
        return self


def _head(lines: list[tuple[int, str]], out: Outline) -> list[tuple[int, str]]:
    """Drop the web page's information bar and a cover notice, take the title (joined when it
    is set over two lines)."""
    found = notice(lines)
    if found is not None:
        out.notice = found
        for n, text in lines[:found.lines]:
            out.skipped.append(Skipped(n, text, "印发通知(主送机关、发文字号、日期记入基本信息)"))
        lines = lines[found.lines:]
    rest = []
    for n, text in lines:
        if len(rest) < 2 and not out.title and (_META.match(text) or "|" in text):
            out.skipped.append(Skipped(n, text, "网页信息栏"))
            continue
        if not rest and not out.title and _is_title(text):
            out.title = text
            continue
        if out.title and not rest and _META.match(text):
            out.skipped.append(Skipped(n, text, "网页信息栏"))
            continue
        if out.title and not rest and joined_title(out.title, text, MAX_TITLE):
            out.title += text
            out.notes.append(f"第{n}行 与上一行合为标题:{out.title}")
            continue
        rest.append((n, text))
    return rest


def _is_title(text: str) -> bool:
    return (len(text) <= MAX_TITLE and not ends_sentence(text) and not heading_level(text)[0]
            and not DATE_LINE.match(text))


def _tail(lines: list[tuple[int, str]], out: Outline) -> list[tuple[int, str]]:
    """Take the date and the signature at the end; what follows the date is not imported."""
    for k in range(len(lines) - 1, max(len(lines) - 6, -1), -1):
        if DATE_LINE.match(lines[k][1]):
            for n, text in lines[k + 1:]:
                out.skipped.append(Skipped(n, text, _imprint(text, out.imprint)
                                           or "成文日期之后的网页文字"))
            out.date = lines[k][1].replace(" ", "")
            lines = lines[:k]
            break
    else:
        while lines and _JUNK.search(lines[-1][1]) and len(lines[-1][1]) <= MAX_TITLE:
            out.skipped.insert(0, Skipped(*lines[-1], "网页文字"))
            lines = lines[:-1]
    if lines and out.date:
        text = lines[-1][1]
        if len(text) <= 30 and not ends_sentence(text) and not heading_level(text)[0] \
                and not re.search(r"[，,、]", text):
            out.signature = text
            lines = lines[:-1]
    return _attachments(lines, out)


_COPIES = re.compile(r"^\s*抄\s*送\s*[:：]\s*(.+?)\s*[。.]?\s*$")
_PRINTED = re.compile(r"^\s*(\S.*?)\s*((?:\d{4}|[〇零一二三四五六七八九○]{4})\s*年.{1,4}月.{1,4}日)"
                      r"\s*印\s*发\s*$")


def _imprint(text: str, facts: dict[str, str]) -> str:
    """A 版记 line after the date (抄送：…, …办公室 2023年3月20日印发): its facts kept in
    `facts` (as 基本信息 names them), and why it is not imported; "" for any other line."""
    if m := _COPIES.match(text):
        facts["抄送机关"] = m.group(1)
        return "版记(抄送机关记入基本信息)"
    if m := _PRINTED.match(text):
        facts["印发机关"], facts["印发日期"] = m.group(1), m.group(2).replace(" ", "")
        return "版记(印发机关和印发日期记入基本信息)"
    return ""


def _attachments(lines: list[tuple[int, str]], out: Outline) -> list[tuple[int, str]]:
    """The 附件说明 before the 落款 (附件:1.……统计表 / 2.……情况表): the names of files
    published beside the report, not its text; left out (a numbered name is no heading)."""
    for k in range(len(lines) - 1, max(len(lines) - 1 - _MAX_ATTACHMENTS, -1), -1):
        if _ATTACHMENT.match(lines[k][1]):
            rest = lines[k + 1:]
            if all(len(t) <= MAX_TITLE and not ends_sentence(t) and heading_level(t)[0] == 3
                   for _, t in rest):
                for n, text in lines[k:]:
                    out.skipped.append(Skipped(n, text, "附件说明(附件不在报告正文中)"))
                return lines[:k]
            break
    return lines


def _literary(lines: list[tuple[int, str]], i: int) -> bool:
    """A short line without final punctuation, with a paragraph before and after it."""
    text = lines[i][1]
    if i == 0 or i == len(lines) - 1 or len(text) > MAX_TITLE or ends_sentence(text):
        return False
    # （局办公室 供稿） is a byline, not a heading
    return not (text.startswith(("（", "(")) and text.endswith(("）", ")")))


def _closed_up(level: int, last: int, closed: dict[int, int], out: Outline, line: int,
               text: str) -> int:
    """A heading numbered more than one level below the last one (（二） then ①, with no 1.
    between): imported one level below it, and so are its siblings (②, ③) until a heading
    of the parent's level or above comes (drafter numbers headings itself)."""
    got = closed.get(level, level)
    if last and got > last + 1:
        got = closed[level] = last + 1
        out.notes.append(f"第{line}行 “{text[:12]}”的序号比上一级标题低了不止一级,"
                         f"按{Level(got).written}导入(序号由程序重新编排)")
    for numbering in [k for k, v in closed.items() if v > got]:
        del closed[numbering]
    return got


def _next_numbered(levels: list[int]) -> list[int]:
    """Per line, the index of the next line with a level (-1: none), found in one pass."""
    out, j = [-1] * len(levels), -1
    for i in range(len(levels) - 1, -1, -1):
        out[i] = j
        if levels[i]:
            j = i
    return out


def _implied_level(lines: list[tuple[int, str]], levels: list[int], j: int, walk: _Walk) -> int:
    """The level of an un-numbered heading: the next numbered heading's (line `j`), or its
    parent's when that one is the first of its kind (（一） after it: this was 一、); else the
    last heading's."""
    if j >= 0:
        number = _number_of(lines[j][1])
        return max(levels[j] - 1, 1) if number in ("一", "1") else levels[j]
    return walk.heading or 1


def _number_of(text: str) -> str:
    for _, pattern in _HEADINGS:
        m = pattern.match(text)
        if m:
            return unicodedata.normalize("NFKC", m.group(1)).strip("()")
    return ""


def _heading(out: Outline, level: int, text: str, line: int, *, numbered: bool) -> None:
    title, body = text, ""
    if numbered:
        cut = _first_sentence(text)
        if 0 < cut < len(text) - 1 and cut <= MAX_TITLE:
            title, body = text[:cut].strip(), text[cut + 1:].strip()
        elif cut > 0 and cut == len(text) - 1:
            title = text[:cut]
    row = Row(level, title, "", line, run_in=bool(body), numbered=numbered)
    out.rows.append(row)
    if body:
        before, points = split_points(body)
        row.body = before
        out.rows += [Row(Level.POINT, lead, rest, line) for lead, rest in points]


def _first_sentence(text: str) -> int:
    """Index of the first 。 outside quotes, or -1."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "“《「(（":
            depth += 1
        elif ch in "”》」)）":
            depth = max(depth - 1, 0)
        elif ch == "。" and depth == 0:
            return k
    return -1


def _paragraph(out: Outline, text: str, line: int, following: str, walk: _Walk) -> None:
    before, points = split_points(text)
    if not points:  # 一是… on one line, 二是… on the next: a point per line
        k = walk.update(out).points
        if k < len(ORDINALS) and text.startswith(ORDINALS[k] + "是") and (
                k > 0 or following.startswith(ORDINALS[1] + "是")):
            before, points = "", [_lead(text[len(ORDINALS[k]) + 1:].strip())]
    if before:
        out.rows.append(Row(Level.PARAGRAPH, "", before, line))
    out.rows += [Row(Level.POINT, lead, rest, line) for lead, rest in points]


def split_points(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Text before 一是, and each point as (lead, body). Markers are taken in order (一是, then
    the next 二是 …), so a nested 一是…二是 inside a point stays in that point's body and
    the text reads the same. Fewer than two markers: no points."""
    marks: list[int] = []
    pos = 0
    for k, ordinal in enumerate(ORDINALS):
        allowed = _MARK_BEFORE_FIRST if k == 0 else _MARK_BEFORE_NEXT
        found = _find_mark(text, ordinal + "是", pos, allowed)
        if found < 0:
            break
        marks.append(found)
        pos = found + len(ordinal) + 1
    if len(marks) < 2:
        return text, []
    before = text[: marks[0]].strip()
    points = []
    for k, start in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else len(text)
        chunk = text[start + len(ORDINALS[k]) + 1: end].strip()
        points.append(_lead(chunk))
    return before, points


def _find_mark(text: str, mark: str, pos: int, allowed: str) -> int:
    while True:
        k = text.find(mark, pos)
        if k < 0:
            return -1
        if k == 0 or text[k - 1] in allowed or (text[k - 1] in _CLOSERS and k > 1
                                                 and text[k - 2] in allowed):
            return k
        pos = k + 1


def _lead(chunk: str) -> tuple[str, str]:
    """一是 + lead + 。: the phrase up to the first 。 when short; else no lead, all body."""
    cut = _first_sentence(chunk)
    if 0 < cut <= MAX_LEAD:
        return chunk[:cut].strip(), chunk[cut + 1:].strip()
    return "", chunk
