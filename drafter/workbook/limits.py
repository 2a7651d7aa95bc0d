"""How many characters a cell's text may hold, by kind of cell (Excel itself stops at 32,767).

The reader keeps only the first so many characters of a longer text and says so (finding
text-too-long, declared in workbook/codes.py with these figures in its help text).
"""

MAX_SHORT = 60  # 单位名称, 署名, 年度, 报告期间, 成文日期 …: what goes into the title or 落款
MAX_LINE = 200  # a heading, a point's lead phrase, an id, a 板块, a text figure
MAX_PARAGRAPH = 5000  # a point's body, 导语 and other narrative facts
