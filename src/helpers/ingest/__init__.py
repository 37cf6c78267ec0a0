"""Ingest: raw report files → text.

Takes the files of ``data/raw/`` (any encoding; HTML pages, Word files or plain text); gives each one's decoded text
with its decoding notes (``textio``). Writes the origin record of every raw file (``manifest``:
``data/raw/manifest.csv``, sha256, bytes, source) and never modifies a raw file.
"""
