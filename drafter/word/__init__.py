"""The Word writer: document model + style profile -> .docx, built with python-docx.

`writer` and the modules it builds with (styles, package, letterhead, oxml, inert) import
python-docx; the CLI and the pipeline import the writer only when they write a .docx, so
`drafter --help` and `drafter check` stay free of it. The package itself imports nothing:
`fit` (layout findings), `codes` (their finding codes) and the other plain modules load
without python-docx.
"""
