"""Page furniture, marked the same way whatever the format: page numbers (“1 / 8”, “— 3 —”,
“- 3 -”, “第3页 共8页”, “第 3 页”, a bare number that counts up), a running header or footer
(a short line repeated page after page), a website's columns and buttons (来源、浏览次数、分享、
打印、关闭, 版权所有, 备案号), and the public-disclosure table (索引号、发布机构 …) — each is kept
in the model as furniture with its reason, never read as structure. A paragraph a page break
had cut (“…受理法律援” / “1 / 8” / “助案件892件。”) is joined again.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from drafter.importing.readers.model import FURNITURE_BLOCK, PARAGRAPH_BLOCK, ROW_BLOCK, Block, Text

_DASH = r"[-—–－─―‐]"
PAGE_NUMBER = re.compile(
    rf"^(?:\d{{1,4}}\s*/\s*\d{{1,4}}"  # 1 / 8
    rf"|{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"  # — 3 —, - 3 -
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(?:共\s*\d{1,4}\s*页)?"  # 第3页 共8页, 第 3 页
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"  # 共8页 第3页
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"  # Page 3 of 8
    r"|\d{1,4})$", re.IGNORECASE)  # a bare number: only when they count up (see _numbers)
# a website's own lines: navigation, the article's bar, buttons, the footer
WEB_LINE = re.compile(
    r"^(?:(?:发布|发表|更新)(?:日期|时间)|来源|信息来源|文章来源|浏览次数|阅读次数|点击数|访问量|作者|编辑|责任编辑|"
    r"字号|【?字体)\s*[:：]"
    r"|(?:扫一扫|手机(?:打开|扫码|浏览)|打印本页|关闭窗口|【打印】|【关闭】|分享到|分享至|收藏本页|返回顶部|"
    r"上一篇|下一篇|相关链接|相关文章|相关阅读|网站地图|联系我们|版权所有|主办单位|承办单位|"
    r"网站标识码|ICP备|公网安备|备案号|技术支持|欢迎访问|无障碍浏览|长者模式|关怀模式|繁體)"
    r"|^(?:首页|当前位置|(?:您|你)?(?:当前|现在)?(?:所在|的)?位置)\s*[:：>＞»]"
    r"|^(?:请输入(?:关键字|关键词|搜索内容|您要搜索的内容)|站内搜索|全文检索|高级搜索|搜\s*索$)"
    r"|^[\u4e00-\u9fff]{2,24}(?:门户网站|政府网|政务网|信息网|网站)$"  # the site's name
    r"|^(?:首页\s*)?(?:[>＞»/]\s*[\u4e00-\u9fff]{2,12}\s*){1,6}$"  # 首页 > 政务公开 > 规划计划
    r"|^(?:\[|【)?\s*(?:打印|关闭|大|中|小|默认|分享|收藏)\s*(?:\]|】)?(?:\s*(?:\[|【)?\s*(?:打印|关闭|大|中|小|"
    r"默认|分享|收藏)\s*(?:\]|】)?)*$")
# the public-disclosure table's labels (政府信息公开): a row or line made of them is metadata
META_LABEL = re.compile(
    r"(?:文件名称|信息名称|信息索引号|索引号|发布机构|发文机关|公开目录|公开责任部门|公开方式|公开形式|公开范围|"
    r"发文日期|成文日期|成文时间|生效日期|有效期|文号|主题分类|体裁分类|组配分类|信息分类|登记号|生成日期|内容概述|"
    r"发布日期|发布时间|有效性|主题词|关键词|关键字|浏览量|统一编号|信息类别)\s*[:：]?")
# a report's title (镜湖区司法局2024年上半年工作总结, 关于2023年度…情况的报告): a year, a closing word
REPORT_TITLE = re.compile(r"^[^:：|\t。；！？]*(?:\d{4}|[〇零一二三四五六七八九]{4})[^:：|\t。；！？]*"
                          r"(?:总结|报告|汇报|综述|要点|思路|计划|打算)$")
# what stands above a cover notice or a 公文's title, which structure reads (shape.notice)
NOTICE_HEAD = re.compile(r"关于|通知|印发|文件$|〔|号$|[:：]$|主送")
MASTHEAD_LINES = 16  # a website's lines above the title are few
MAX_FURNITURE = 40  # a running header or a website line is short
MAX_LINE = 60  # a heading or a title is never longer: a longer unfinished line was cut
_WIDE = str.maketrans("０１２３４５６７８９／", "0123456789/")


def mark(text: Text) -> None:
    """Mark the furniture of `text` in place and join paragraphs a page break had cut; what
    was marked is summed up in text.notes."""
    blocks = [b for b in text.blocks if b.text.strip()]
    _metadata(blocks)
    _web(blocks)
    _masthead(blocks)
    _page_numbers(blocks)
    _running(blocks)
    text.blocks = _join(blocks)
    counts: dict[str, int] = {}
    for b in text.blocks:
        if b.role == FURNITURE_BLOCK:
            counts[b.why] = counts.get(b.why, 0) + 1
    if counts:
        text.notes.append("未导入的页面元素:" + "、".join(f"{why} {n} 处" for why, n in counts.items()))


def squeeze(line: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(line.split())).translate(_WIDE)


def _drop(block: Block, why: str) -> None:
    block.role, block.why = FURNITURE_BLOCK, why


def _metadata(blocks: list[Block]) -> None:
    """索引号/发布机构/成文日期 …: a row or a line that is mostly such labels (with their values)."""
    for b in blocks:
        if b.role == FURNITURE_BLOCK:
            continue
        s = squeeze(b.text)
        labels = META_LABEL.findall(s)
        if not labels:
            continue
        starts = bool(META_LABEL.match(s)) or bool(b.cells and META_LABEL.match(squeeze(b.cells[0])))
        if starts and (len(labels) >= 2 or len(s) <= 80 or b.role == ROW_BLOCK):
            _drop(b, "网页信息栏(索引号、发布机构等)")


def _web(blocks: list[Block]) -> None:
    for b in blocks:
        if b.role == FURNITURE_BLOCK or b.role == ROW_BLOCK:
            continue
        s = squeeze(b.text)
        if len(s) <= 120 and WEB_LINE.search(s) and not s.endswith("。"):
            _drop(b, "网页栏目、按钮和页脚")


def _masthead(blocks: list[Block]) -> None:
    """A website's lines above the report's title that the patterns above do not know (its
    name, 首页 走进镜湖 政务公开 …): short lines, no sentence among them, before a line that
    reads as a report's title near the top. Nothing is dropped above a cover notice or a
    公文's 版头 (关于…的通知, …文件, 〔2024〕12号, 主送:): structure reads those."""
    head = blocks[:MASTHEAD_LINES]
    title = next((k for k, b in enumerate(head) if b.role != FURNITURE_BLOCK
                  and len(squeeze(b.text)) <= MAX_LINE and REPORT_TITLE.match(squeeze(b.text))), None)
    if not title:
        return
    above = [b for b in head[:title] if b.role != FURNITURE_BLOCK]
    texts = [squeeze(b.text) for b in above]
    if any(NOTICE_HEAD.search(t) or len(t) > MAX_FURNITURE or re.search(r"[。；！？]", t)
           for t in texts):
        return  # not a website's bar: leave it all to structure
    for b in above:
        _drop(b, "网页栏目、按钮和页脚")


def _page_numbers(blocks: list[Block]) -> None:
    bare: list[tuple[int, Block]] = []
    for b in blocks:
        if b.role != PARAGRAPH_BLOCK:
            continue
        s = squeeze(b.text)
        m = PAGE_NUMBER.match(s)
        if not m:
            continue
        if s.isdigit():
            bare.append((int(s), b))
        else:
            _drop(b, "页码")
    # bare numbers are page numbers when there are two or more and they count up
    if len(bare) >= 2 and all(b[0] < c[0] for b, c in itertools.pairwise(bare)):
        for _, b in bare:
            _drop(b, "页码")


def _running(blocks: list[Block]) -> None:
    """A short line repeated three times or more (digits aside): a running header or footer.
    Its first occurrence stays when it opens the document (it is then the title)."""
    seen: dict[str, list[Block]] = {}
    for b in blocks:
        if b.role != PARAGRAPH_BLOCK:
            continue
        s = squeeze(b.text)
        if len(s) > MAX_FURNITURE or s.endswith(("。", "；", ";")) or _numbered(s):
            continue
        seen.setdefault(re.sub(r"\d+", "#", s), []).append(b)
    content = [b for b in blocks if b.role != FURNITURE_BLOCK]
    opening = content[:3]
    for repeats in seen.values():
        if len(repeats) < 3:
            continue
        for k, b in enumerate(repeats):
            if k == 0 and any(b is o for o in opening):
                continue
            _drop(b, "页眉页脚")


_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|"
                       r"[①-⑳⑴-⒇]|第[一二三四五六七八九十]+[,，、])")


def _numbered(s: str) -> bool:
    return bool(_NUMBERED.match(s))


_ENDS = tuple("。！？；：…!?;:”’」』）)》")


def _join(blocks: list[Block]) -> list[Block]:
    """Join a paragraph cut by a page break: furniture between two paragraphs, the first not
    ending a sentence and long (a line, not a heading), the second not numbered."""
    out: list[Block] = []
    pending: Block | None = None  # the paragraph before the furniture
    between: list[Block] = []
    for b in blocks:
        if b.role == FURNITURE_BLOCK:
            if out and out[-1].role == PARAGRAPH_BLOCK and pending is None:
                pending = out[-1]
            between.append(b)
            out.append(b)
            continue
        if pending is not None and b.role == PARAGRAPH_BLOCK and _cut(pending, b):
            pending.text = _glue(pending.text, b.text)
            pending, between = None, []
            continue
        pending, between = None, []
        out.append(b)
    return out


def _cut(before: Block, after: Block) -> bool:
    first, second = before.text.rstrip(), after.text.lstrip()
    if not first or not second or _numbered(squeeze(second)) or first.endswith(_ENDS):
        return False
    if before.level or after.level or (before.page and after.page):
        return False  # a heading; or a PDF, whose reader joined across pages by position
    return len(first) > MAX_LINE or second[0] in "，,。、；;：:）)”’"


def _glue(a: str, b: str) -> str:
    a, b = a.rstrip(), b.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b
