"""The headless core: model, form kinds, values, checks, storage. Never imports Qt."""
