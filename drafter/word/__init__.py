"""The Word writer: document model + style profile -> .docx, built with python-docx.

Importing this package imports python-docx; the CLI and the pipeline import the writer only
when they write a .docx, so `drafter --help` and `drafter check` stay free of it.
"""

from drafter.word.writer import bookmark_name, build_docx, write_docx

__all__ = ["bookmark_name", "build_docx", "write_docx"]
