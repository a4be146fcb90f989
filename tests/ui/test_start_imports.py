"""The editor imports the core before Qt (see desktop/ui/app.py): PySide6 reads the source of
every module imported after it, and the core never needs that."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import desktop.ui.app
from desktop.ui.import_flow import ImportFlow
from desktop.ui.main_window import MainWindow
names = list(sys.modules)  # in the order the imports began
qt = names.index("PySide6")
print("\\n".join(n for n in names[qt:] if n.startswith(("desktop.core", "pydantic"))))
"""


def test_the_window_s_core_modules_are_imported_before_qt() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert out == [], (
        "imported after PySide6 (add them to the core imports at the top of desktop/ui/app.py): "
        + ", ".join(out)
    )
