"""Entry point of the bundled `jixiao-gui` editor (PyInstaller needs a script, not an entry point)."""

import sys

from desktop.ui.app import main

sys.exit(main())
