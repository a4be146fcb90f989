"""Printing: every form in its official layout, as a PDF with the Chinese fonts embedded.

The editor and the CLI call only what is exported here.
"""

from desktop.core.printing.errors import PrintError
from desktop.core.printing.render import (
    print_warnings,
    printable_forms,
    render_pdf,
    render_pdf_bytes,
    unprintable_cells,
)

__all__ = [
    "PrintError",
    "print_warnings",
    "printable_forms",
    "render_pdf",
    "render_pdf_bytes",
    "unprintable_cells",
]
