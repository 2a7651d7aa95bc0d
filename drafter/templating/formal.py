"""版头, 主送机关 and 版记 from the workbook's facts, added around a rendered document.

Each part is left out when its facts are empty: no 发文机关标志, no 版头; no 主送机关, no
主送 line; no 抄送机关, 印发机关 and 印发日期, no 版记. The packs' templates need no change:
the parts come from facts every pack declares (see templates/*/indicators.toml).
"""

from __future__ import annotations

from drafter.checks import formal
from drafter.model.document import Document, Imprint, Letterhead, Recipient, Title
from drafter.model.figures import WorkbookData

_END = "。！？；：，、.!?;:,"


def add(doc: Document, data: WorkbookData) -> Document:
    facts = formal.facts(data)
    blocks = list(doc.blocks)
    if facts[formal.RECIPIENT]:
        text = facts[formal.RECIPIENT].rstrip(_END) + "："
        at = next((i + 1 for i, b in enumerate(blocks) if isinstance(b, Title)), 0)
        blocks.insert(at, Recipient(text))
    if facts[formal.ORGAN_MARK]:
        blocks.insert(0, Letterhead(facts[formal.ORGAN_MARK], facts[formal.DOC_NUMBER],
                                    facts[formal.SIGNER]))
    if facts[formal.COPIES] or facts[formal.PRINTER] or facts[formal.PRINT_DATE]:
        blocks.append(Imprint(facts[formal.COPIES].rstrip(_END), facts[formal.PRINTER],
                              facts[formal.PRINT_DATE]))
    return Document(blocks=blocks, core_title=doc.core_title)
