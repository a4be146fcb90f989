"""Facts the build scripts need from the project, read with Python so that no shell parses TOML.

python packaging/project_info.py version        # desktop/_version.py's __version__
python packaging/project_info.py requirements   # pyproject's dependencies, one a line
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    text = (ROOT / "desktop" / "_version.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if found is None:
        raise SystemExit("project_info: no __version__ in desktop/_version.py")
    return found[1]


def requirements() -> str:
    import tomllib  # Python 3.11+, which the build venv is; `version` runs on any python3

    with (ROOT / "pyproject.toml").open("rb") as f:
        return "\n".join(tomllib.load(f)["project"]["dependencies"])


if __name__ == "__main__":
    facts = {"version": version, "requirements": requirements}
    if len(sys.argv) != 2 or sys.argv[1] not in facts:
        raise SystemExit(f"usage: project_info.py {'|'.join(facts)}")
    print(facts[sys.argv[1]]())
