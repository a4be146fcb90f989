"""`python -m desktop.ui [FILE]` starts the editor, like the `jixiao-gui` command."""

import sys

from desktop.ui.app import main

sys.exit(main())
