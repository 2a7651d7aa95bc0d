"""A web page saved from a government website (.html, .htm): the article body found by
trafilatura, the site's chrome (navigation, breadcrumbs, 来源/浏览次数, share and print
buttons, related links, footer) left out; docs/import.md says why this extractor.

trafilatura's XML output keeps the structure: paragraphs, headings, list items, table rows
with their cells. The article's title, which sites put in a heading trafilatura takes as
metadata, is put back first when the body does not begin with it. What the extractor keeps
of the site's own lines (an 索引号 table inside the article box, 来源:…) is marked as furniture
afterwards by readers.pages, as for every format.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputFileError
from drafter.importing.readers import budgets, txt
from drafter.importing.readers.model import Block, Text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_TITLE_WITHIN = 10  # blocks in which the article's own title line is looked for
_SITE_SUFFIX = re.compile(r"[_|｜\-—]\s*[^_|｜\-—]{0,30}$")


def read(path: Path, fmt: str = "html") -> Text:
    data = path.read_bytes()
    page, encoding = _decode(path, data)
    budgets.check_chars(path, len(page) // 4)  # markup aside, a page is mostly text
    import trafilatura

    xml = trafilatura.extract(page, output_format="xml", include_tables=True,
                              include_comments=False, include_images=False,
                              include_links=False, favor_recall=True, with_metadata=True,
                              deduplicate=False)
    out = Text(path, fmt, encoding=encoding)
    if not xml:
        raise InputFileError("网页中没有找到正文(可能只是目录页、跳转页,或正文由脚本加载);"
                             "请在浏览器中打开文章,复制正文后粘贴导入或存为 .txt", file=str(path))
    title = _blocks(xml, out)
    first = out.blocks[0].text if out.blocks else ""
    # the site's name or a breadcrumb may come before the title's own line (pages.mark drops
    # them later): put the title back only when it is not among the first lines
    near = {_fold(b.text) for b in out.blocks[:_TITLE_WITHIN]}
    if title and _fold(title) not in _fold(first) and _fold(title) not in near:
        out.blocks.insert(0, Block(title, level=0))
    left = len(_fold(_visible(page))) - sum(len(_fold(b.text)) for b in out.blocks)
    if left > 0:
        out.notes.append(f"网页只导入文章正文;导航、栏目、按钮、相关链接和页脚等约 {left} 字未导入")
    return out


def _visible(page: str) -> str:
    """The page's text as a browser shows it (scripts and styles aside)."""
    from lxml import html

    try:
        root = html.fromstring(page)
    except (ValueError, html.etree.ParserError):
        return ""
    for el in list(root.iter("script", "style", "noscript", "head")):
        if el.getparent() is not None:
            el.drop_tree()
    return root.text_content()


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name), txt.NAMES.get(name, name.upper())
        except (LookupError, UnicodeDecodeError):
            pass
    return txt.decode(path, data)


def _blocks(xml: str, out: Text) -> str:
    """Fill out.blocks from trafilatura's XML; returns the page's title."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    main = root.find("main")
    for el in (main if main is not None else root).iter("p", "head", "item", "row", "quote"):
        if el.tag == "row":
            out.blocks.append(Block.row(["".join(c.itertext()).strip() for c in el.iter("cell")]))
        elif _nested(el):
            continue
        else:
            level = 0
            if el.tag == "head":
                rend = el.get("rend", "h2")
                level = int(rend[1]) - 1 if re.fullmatch(r"h[2-5]", rend) else 0
            for line in _lines(el):
                out.blocks.append(Block(line, level=level))
    title = root.get("title", "") or ""
    return _SITE_SUFFIX.sub("", title).strip() if "_" in title or "|" in title else title


def _nested(el: object) -> bool:
    """A paragraph inside a table row or list item is read with it."""
    parent = el.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if parent.tag in ("row", "item", "p") and parent is not el:
            return True
        parent = parent.getparent()
    return False


def _lines(el: object) -> list[str]:
    """An element's text, split at its line breaks <lb/>."""
    parts: list[str] = [el.text or ""]  # type: ignore[attr-defined]
    for child in el:  # type: ignore[attr-defined]
        if child.tag == "lb":
            parts.append("")
        else:
            parts[-1] += "".join(child.itertext())
        parts[-1] += child.tail or ""
    return [p.strip() for p in parts if p.strip()]


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text)
