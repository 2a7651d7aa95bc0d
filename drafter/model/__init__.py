"""Shared data types: figures read from a workbook, findings, the document model."""
