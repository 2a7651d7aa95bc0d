"""Sandboxed Jinja rendering into outline text, and outline text into the document model."""
