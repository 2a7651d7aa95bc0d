"""The Word writer: document model + style profile -> .docx."""
