"""The facts of a formal 公文's 版头 and 版记 (GB/T 9704 §7.2, §7.4): normalised, with a word
to the user whenever drafter writes them differently from how they were typed."""

from __future__ import annotations

import re

from drafter import phrasing
from drafter.checks.codes import FORMAL_NORMALISED, FORMAL_UNREADABLE, SIGNATURE_UNDATED
from drafter.model.figures import WorkbookData
from drafter.model.findings import Finding, finding

ORGAN_MARK, DOC_NUMBER, SIGNER = "发文机关标志", "发文字号", "签发人"
SIGNATURE, DATE = "署名", "成文日期"
RECIPIENT, COPIES, PRINTER, PRINT_DATE = "主送机关", "抄送机关", "印发机关", "印发日期"
FORMAL_FACTS = (ORGAN_MARK, DOC_NUMBER, SIGNER, RECIPIENT, COPIES, PRINTER, PRINT_DATE)


_NUMBER = re.compile(r"^(?P<code>.*?)\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*"
                     r"第?\s*0*(?P<seq>\d+)\s*号?$")


def doc_number(text: str) -> str | None:
    """镜司[2024]第012号 → 镜司〔2024〕12号; None when it is not of that form."""
    m = _NUMBER.match(text.strip())
    if m is None or not m["code"].strip():
        return None
    return f"{m['code'].strip()}〔{m['year']}〕{int(m['seq'])}号"


def print_date(text: str) -> str | None:
    try:
        return phrasing.cn_date(text)
    except (ValueError, TypeError):
        return None


def _readable_date(text: str) -> str | None:
    """`text` when it reads as a date, else None: what `findings` needs of 印发日期, without
    formatting it (which would import babel into `drafter check`)."""
    try:
        phrasing.parse_date(text)
    except (ValueError, TypeError):
        return None
    return text


def facts(data: WorkbookData) -> dict[str, str]:
    """The formal facts as they are printed (normalised where they can be)."""
    out = {k: " ".join(data.facts.get(k, "").split()) for k in FORMAL_FACTS}
    if out[DOC_NUMBER]:
        out[DOC_NUMBER] = doc_number(out[DOC_NUMBER]) or out[DOC_NUMBER]
    if out[PRINT_DATE]:
        out[PRINT_DATE] = print_date(out[PRINT_DATE]) or out[PRINT_DATE]
    return out


def findings(data: WorkbookData) -> list[Finding]:
    """A warning for each formal fact drafter prints differently from how it was typed, and
    for a 落款 that would print its 署名 without a 成文日期."""
    out: list[Finding] = []
    signed = data.facts.get(SIGNATURE, "").strip()
    if signed and not data.facts.get(DATE, "").strip():
        cells = tuple(data.fact_cells[k] for k in (DATE, SIGNATURE) if k in data.fact_cells)
        out.append(finding(SIGNATURE_UNDATED, f"署名“{signed}”有而成文日期空着,落款中没有日期",
                           cells[:1]))
    for key, fix in ((DOC_NUMBER, doc_number), (PRINT_DATE, _readable_date)):
        typed = data.facts.get(key, "").strip()
        if not typed:
            continue
        cells = (data.fact_cells[key],) if key in data.fact_cells else ()
        done = fix(typed)
        if done is None:
            out.append(finding(FORMAL_UNREADABLE, f"{key}“{typed}”无法识别,照原样印出", cells))
        elif done != typed and key == DOC_NUMBER:  # a date is a date however typed
            out.append(finding(FORMAL_NORMALISED, f"{key}“{typed}”在报告中写作“{done}”", cells))
    return out
