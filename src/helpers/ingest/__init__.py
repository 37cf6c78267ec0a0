"""Ingest: raw report files → text.

Takes the files of ``data/raw/`` (any encoding, HTML, Word, PDF-to-text or plain), gives each one's decoded text with
its decoding notes (``textio``), and keeps the origin record of every raw file (``manifest``:
``data/raw/manifest.csv``). It never modifies a raw file.
"""
