"""Small tables and rows packed into plain bytes, for files written many thousands of times (the brief inputs).

A file's text is one table of its distinct strings — their lengths and their characters in one UTF-8 string —
and every text column is codes into it (:class:`Packer`); numbers and booleans are their bytes; anything else stays
as it is. That is quick to write and small (a string the file holds many times is written once; a small numpy
array pickled as such carries a hundred bytes of its own), and pickle then leaves no UTF-8 copy cached inside each
string of the tables it came from, so a batch that packs a corpus keeps the memory of the corpus's tables.
:class:`Unpacker` gives back the same columns, dtypes and index.
"""
from __future__ import annotations

from itertools import chain

import numpy as np
import pandas as pd

_NONE = np.zeros(0, dtype=np.intp)


class Packer:
    """Packs the arrays of one file; :meth:`strings` (called last) gives the file's table of distinct strings."""

    def __init__(self):
        self.texts: list[list[str]] = []

    def array(self, a: np.ndarray):
        if a.dtype != object:
            return ("raw", a.dtype.str, a.tobytes()) if a.dtype.kind in "biuf" else a
        values = a.tolist()
        if not values:
            return ("text", -1)
        if set(map(type, values)) != {str}:
            return a
        self.texts.append(values)
        return ("text", len(self.texts) - 1)

    def rows(self, rows: list[tuple]) -> list:
        """Rows of tuples as packed columns."""
        return [self.array(np.array(col, dtype=object)) for col in zip(*rows)] if rows else []

    def frame(self, names: list[str], arrays: list[np.ndarray], index=None) -> tuple:
        return (names, [self.array(a) for a in arrays], index)

    def strings(self) -> tuple:
        distinct = {s: k for k, s in enumerate(dict.fromkeys(chain.from_iterable(self.texts)))}
        codes = [np.fromiter(map(distinct.__getitem__, v), dtype=np.int32, count=len(v)).tobytes() for v in self.texts]
        lengths = np.fromiter(map(len, distinct), dtype=np.int32, count=len(distinct)).tobytes()
        return (lengths, "".join(distinct).encode("utf-8"), codes)


class Unpacker:
    """The arrays of one file, from its table of strings (:meth:`Packer.strings`)."""

    def __init__(self, strings: tuple):
        lengths, blob, self.codes = strings
        text, at = blob.decode("utf-8"), 0
        self.distinct = np.empty(len(lengths) // 4, dtype=object)
        for k, n in enumerate(np.frombuffer(lengths, dtype=np.int32).tolist()):
            self.distinct[k] = text[at:at + n]
            at += n

    def array(self, v) -> np.ndarray:
        if not isinstance(v, tuple):
            return v
        if v[0] == "raw":
            return np.frombuffer(v[2], dtype=np.dtype(v[1])).copy()
        if v[1] < 0:
            return np.empty(0, dtype=object)
        return self.distinct[np.frombuffer(self.codes[v[1]], dtype=np.int32)]

    def rows(self, cols: list) -> list[tuple]:
        return list(zip(*(self.array(c) for c in cols)))

    def frame(self, packed: tuple) -> pd.DataFrame:
        names, arrays, index = packed
        df = pd.DataFrame(dict(zip(names, map(self.array, arrays))), columns=names)
        if index is not None:
            df.index = pd.Index(index)
        return df


class Rows:
    """A table's columns as arrays and the positions of each key's rows (one groupby, no copy of the table):
    :meth:`pack` gives one key's rows packed, :meth:`Unpacker.frame` the table again (same columns, dtypes and
    index; ``keep_index``: the table's own index labels, otherwise 0, 1, …)."""

    def __init__(self, df: pd.DataFrame | None, key=None, keep_index: bool = False):
        df = pd.DataFrame() if df is None else df
        self.names = list(df.columns)
        self.arrays = [df[c].to_numpy() for c in self.names]
        self.index = df.index.to_numpy() if keep_index else None
        if key is None or df.empty:
            self.at = {}
        elif callable(key):
            self.at = key(df)
        else:
            self.at = df.groupby(key, sort=False).indices

    def pack(self, k, packer: Packer) -> tuple:
        pos = self.at.get(k, _NONE) if k is not None else _NONE
        return packer.frame(self.names, [a[pos] for a in self.arrays], None if self.index is None else self.index[pos])
