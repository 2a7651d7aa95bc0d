"""Shared data types: figures read from a workbook, numbers as written (quantity), outline
levels, narrative references, findings, a roll-up's result, the document model."""
