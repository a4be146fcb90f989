"""The Qt editor: item models, delegates, undo commands and windows over the headless core."""

from desktop.ui.refcount_guard import guard_bools

guard_bools()  # before any signal is emitted: see refcount_guard
