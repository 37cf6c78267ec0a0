"""Safe ASCII names for the pages of outputs/ (briefs, source views) and their figure anchors: nothing a title
or place name contains can escape outputs/."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def ascii_slug(text: str, max_len: int = 48) -> str:
    """Lower-case ASCII letters, digits and single hyphens only; never empty, never a path."""
    norm = unicodedata.normalize("NFKD", str(text))
    norm = norm.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")
    return slug[:max_len].strip("-")


def brief_slug(report_id: str, region_en: str = "") -> str:
    """``<place>-<report id>``, made ASCII; a short hash keeps distinct ids distinct after folding."""
    rid = ascii_slug(report_id, 40) or "report"
    place = ascii_slug(region_en, 40)
    digest = hashlib.sha1(str(report_id).encode("utf-8")).hexdigest()[:6]
    parts = [p for p in (place, rid) if p]
    slug = "-".join(parts)
    if ascii_slug(report_id, 200) != str(report_id).lower():
        slug = f"{slug}-{digest}"
    return slug[:100]


def anchor_id(figure_id: str) -> str:
    """The figure's anchor in its source view: ``f-`` and the id with every other character than
    ASCII letters, digits, ``_`` and ``-`` as ``-`` (``001_ab#1@914.2`` → ``f-001_ab-1-914-2``)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(figure_id))


def source_href(report_id: str, region_en: str, figure_id: str | None = None, prefix: str = "../sources/") -> str:
    """Link to a report's source view (and one figure in it), from a page in a sibling folder of outputs/."""
    return f"{prefix}{brief_slug(report_id, region_en)}.html" + (f"#{anchor_id(figure_id)}" if figure_id else "")
