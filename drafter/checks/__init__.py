"""Checking figures against the catalog's rules; the roll-up of districts."""
