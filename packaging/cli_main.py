"""Entry point of the bundled `jixiao` command (PyInstaller needs a script, not an entry point)."""

import sys

from desktop.cli import main

sys.exit(main())
