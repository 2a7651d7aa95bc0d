"""Packs and their configuration: catalog (indicators.toml), style (style.toml), lookup order."""
