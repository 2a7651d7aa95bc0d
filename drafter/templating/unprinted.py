"""Figures a clerk filled that the rendered report never prints: told once, as a 提示 naming
their cells, so that a figure typed into 指标 does not vanish without a word (sample 005's
甲区 fills 自查问题, 被诉一审 … and its 大纲 has no sentence that uses them)."""

from __future__ import annotations

from drafter.model.document import Document, Heading, Paragraph
from drafter.model.figures import WorkbookData
from drafter.model.findings import Finding, finding
from drafter.templating.codes import FIGURE_UNPRINTED

LISTED = 100  # cells and ids named (a large office sheet may leave thousands unprinted;
# a province's batch keeps every district's findings)
NAMED = 5  # indicator names in the message


def findings(doc: Document, data: WorkbookData) -> list[Finding]:
    """One finding for the filled figures (this period's value, typed, not computed) no span
    of `doc` prints, alone or in a phrase computed from it (同比, 比率, 倍数)."""
    printed = {i for block in doc.blocks if isinstance(block, Paragraph | Heading)
               for span in block.spans if span.source is not None for i in span.source.ids}
    left = [f for f in data.figures.values()
            if f.value is not None and not f.computed and f.id not in printed]
    if not left:
        return []
    cells = [f.cell for f in left if f.cell is not None]
    names = "、".join(f.name for f in left[:NAMED]) + ("等" if len(left) > NAMED else "")
    what = f"这 {len(left)} 项指标" if len(left) > 1 else "这项指标"
    return [finding(FIGURE_UNPRINTED, f"{what}填了数,报告中没有写到:{names};"
                    "要写进报告,请在“大纲”中用【编号】引用", cells[:LISTED],
                    indicators=[f.id for f in left[:LISTED]])]
