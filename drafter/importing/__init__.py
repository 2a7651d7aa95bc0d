"""`drafter import`: last year's published report (.docx or text copied from the website)
read back into this year's workbook — its outline on 大纲, its figures on 指标 (as 上年同期),
the relations its text states on 规则.

text.py reads the file into lines, outline.py finds the title, headings, points and paragraphs,
facts.py the kind, year and bureau (from the title, else the body), figures.py finds the
figures and naming.py names them (words.py: jieba's words, phrasing/segment.py, loaded only here),
matching.py fills the pack's rows by name or synonym or makes the workbook's own,
relations.py finds the rules they state, years.py turns years into 【年度】 references,
build.py puts it together; drafter/workbook/imported.py writes the workbook.
"""
