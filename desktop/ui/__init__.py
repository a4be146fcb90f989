"""The Qt editor: item models, delegates, undo commands and windows over the headless core."""
