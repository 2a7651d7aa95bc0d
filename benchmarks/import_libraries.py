"""Which PDF text library and which article extractor `drafter import` uses, measured on the
corpus made from the five sources (tests/importing/corpus.py): the share of each source's
text found in order (difflib over the text, punctuation kept, whitespace and width folded),
and the time. pypdf and readability-lxml are not dependencies of drafter:

    pip install pypdf readability-lxml && python -m benchmarks.import_libraries
"""

from __future__ import annotations

import statistics
import tempfile
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

from tests.importing import corpus


def pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def pdfplumber_(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pypdf(path: Path) -> str:
    import pypdf as lib

    return "\n".join(page.extract_text() for page in lib.PdfReader(path).pages)


def trafilatura(path: Path) -> str:
    import trafilatura as lib

    return lib.extract(path.read_text(encoding="utf-8", errors="replace"), favor_recall=True,
                       include_tables=True, deduplicate=False) or ""


def readability(path: Path) -> str:
    from lxml import html
    from readability import Document

    doc = Document(path.read_text(encoding="utf-8", errors="replace"))
    return doc.short_title() + "\n" + "\n".join(
        html.fromstring(doc.summary(html_partial=True)).itertext())


def in_order(source: str, out: str) -> float:
    """The share of the source's characters found in order, punctuation kept (a quote out of
    place counts), whitespace and width folded."""
    a, b = ("".join(unicodedata.normalize("NFKC", t).split()) for t in (source, out))
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(a)


CHROME = ("浏览次数", "版权所有", "ICP备", "当前位置", "打印本页", "分享到", "相关链接", "网站地图",
          "索引号", "_政务公开")


def plain_pdfs(folder: Path) -> list[corpus.Case]:
    """Each source as python-docx writes it by default (left-aligned, no indent) → PDF: the
    ragged lines where pdfminer and pypdf put full-width quotes out of order."""
    import docx

    made = []
    for src in corpus.sources():
        doc = docx.Document()
        for line in corpus.body_lines(src):
            doc.add_paragraph(line)
        path = folder / f"plain-{src.name[:3]}.docx"
        doc.save(str(path))
        made.append(path)
    corpus._soffice(made, "pdf", folder, folder / "profile")
    return [corpus.Case(p.with_suffix(".pdf").name, p.with_suffix(".pdf"),
                        next(s for s in corpus.sources() if s.name[:3] == p.stem[6:9]), "plain-pdf")
            for p in made]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="drafter-libs-") as tmp:
        cases = corpus.build(Path(tmp)) + plain_pdfs(Path(tmp))
        for label, fmt, funcs in (("PDF（公文版式：两端对齐、首行缩进）", "pdf", (pdfminer, pdfplumber_, pypdf)),
                                  ("PDF（默认版式：左对齐）", "plain-pdf", (pdfminer, pdfplumber_, pypdf)),
                                  ("网页", "html", (trafilatura, readability))):
            print(f"## {label}")
            for func in funcs:
                kept, seconds, leaks = [], [], 0
                for case in (c for c in cases if c.fmt == fmt):
                    start = time.perf_counter()
                    out = func(case.path)
                    seconds.append(time.perf_counter() - start)
                    kept.append(in_order("\n".join(corpus.body_lines(case.source)), out))
                    leaks += sum(w in out for w in CHROME)
                print(f"{func.__name__.strip('_'):12} 原文按序保留（含标点） {min(kept):.1%}–{max(kept):.1%}"
                      f"  网页栏目残留 {leaks} 处  每份 {statistics.median(seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
