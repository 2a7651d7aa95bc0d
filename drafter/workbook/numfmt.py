"""Excel number formats: which codes the built-in ids stand for, which mean a date, and
Excel's serial day numbers as dates.

Pure functions for the .xlsx reader (xlsx.py). The rules are openpyxl's, so a workbook reads
as it always has, with one addition: the East Asian built-in ids (27–36, 50–58: 2025年1月16日
and the like), which Excel and WPS in Chinese write without spelling the code out, are dates
here; openpyxl read them as bare serial numbers (45672).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

BUILTIN = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
# The zh-CN meaning of the East Asian ids (ECMA-376 Part 1, 18.8.30): dates and times.
EAST_ASIAN = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
    34: 'AM/PM h"时"mm"分"', 35: 'AM/PM h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: 'AM/PM h"时"mm"分"', 56: 'AM/PM h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')  # quoted text, [Red], [$-804]
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)

WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)


def code(fmt_id: int, custom: dict[int, str]) -> str:
    """The format code of a cell style's numFmtId: the workbook's own, else the built-in."""
    if fmt_id in custom:
        return custom[fmt_id]
    return BUILTIN.get(fmt_id) or EAST_ASIAN.get(fmt_id) or "General"


def is_date(fmt_id: int, custom: dict[int, str]) -> bool:
    if fmt_id in custom:
        fmt = _STRIP.sub("", custom[fmt_id].split(";")[0])
        return _DATE_PART.search(fmt) is not None
    return 14 <= fmt_id <= 22 or 45 <= fmt_id <= 47 or fmt_id in EAST_ASIAN


def is_duration(fmt_id: int, custom: dict[int, str]) -> bool:
    fmt = custom.get(fmt_id) or BUILTIN.get(fmt_id) or ""
    return _DURATION.search(fmt.split(";")[0]) is not None


def from_serial(value: float, epoch: datetime, duration: bool = False) -> datetime | time | timedelta:
    """Excel's day number as a date, a time of day (below 1) or a duration ([h]:mm).

    Raises OverflowError or ValueError when the number is beyond the calendar."""
    if duration:
        td = timedelta(days=value)
        if td.microseconds:  # to the millisecond, as Excel keeps it
            td = timedelta(seconds=td.total_seconds() // 1, microseconds=round(td.microseconds, -3))
        return td
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel counts a 29 February 1900 that never was
    return epoch + timedelta(days=day) + diff
