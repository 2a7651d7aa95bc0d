"""Checking a workbook: its figures against the catalog's rules, its narrative and 大纲, the
facts of a formal 公文; the roll-up of districts."""
