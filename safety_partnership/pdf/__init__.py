"""Minutes-ready PDFs of every document and council case, rendered with WeasyPrint.

base.py renders HTML to PDF/A; render.py builds a document's HTML from its kind's template
(council/pdf.py does the same for cases and memos); archive.py keeps the PDF of a signed
document, sealed when a seal is configured (seal.py), rendered by a task (tasks.py).
"""
