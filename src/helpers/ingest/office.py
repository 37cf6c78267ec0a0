"""Word 97-2003 ``.doc`` and WPS ``.wps`` files, converted to ``.docx`` by LibreOffice headless and then read as any
``.docx`` (``textio.docx_to_text``). LibreOffice is a system package (Debian ``libreoffice-writer-nogui``), not a
Python one: where it is missing the file is listed with the command that installs it, never a traceback.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.errors import InputFileError

PACKAGE = "libreoffice-writer-nogui"
INSTALL = f"apt-get install {PACKAGE}"
#: Seconds one conversion may take (LibreOffice starts in 2-5 s; a long report converts in a few more).
TIMEOUT = 180
KINDS = {".doc": "Word 97-2003 (.doc)", ".wps": "WPS (.wps)", ".dot": "Word 97-2003 template (.dot)"}


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def what(suffix: str) -> str:
    return KINDS.get(suffix.lower(), "Word 97-2003 (.doc) or other OLE")


def to_docx(data: bytes, name: str, suffix: str) -> bytes:
    """The ``.docx`` bytes LibreOffice makes of a ``.doc`` / ``.wps`` file. Raises InputFileError naming the file:
    LibreOffice missing (with the install command), or the conversion failed."""
    kind = what(suffix)
    exe = soffice()
    if exe is None:
        raise InputFileError(name, f"is a {kind} file; LibreOffice converts it and is not installed: "
                                   f"install {PACKAGE} ({INSTALL}) and run again, or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="healthreports-office-") as tmp:
        src = Path(tmp) / ("input" + (suffix.lower() if suffix.lower() in KINDS else ".doc"))
        src.write_bytes(data)
        # a profile of its own: a LibreOffice already open (or another conversion) does not block this one
        cmd = [exe, "--headless", "--norestore", "--nologo", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)]
        env = dict(os.environ, HOME=tmp)
        try:
            run = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env)
        except subprocess.TimeoutExpired:
            raise InputFileError(name, f"is a {kind} file that LibreOffice did not convert within {TIMEOUT} s") from None
        out = src.with_suffix(".docx")
        if not out.exists() or out.stat().st_size == 0:
            why = (run.stderr or run.stdout).decode("utf-8", "replace").strip().splitlines()
            raise InputFileError(name, f"is a {kind} file that LibreOffice could not convert"
                                       + (f" ({why[-1][:200]})" if why else "") + ": save it as .docx or .txt")
        return out.read_bytes()
