"""Importers: turn other sources (a homepage's text, BibTeX) into the profile format."""
