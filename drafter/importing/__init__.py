"""`drafter import`: last year's published report (.docx or text copied from the website)
read back into this year's workbook — its outline on 大纲, its figures on 指标 (as 上年同期),
the relations its text states on 规则.

text.py reads the file into lines, outline.py finds the title, headings, points and paragraphs,
figures.py finds and names the figures, relations.py the rules they state, build.py puts it
together; drafter/workbook/imported.py writes the workbook.
"""
