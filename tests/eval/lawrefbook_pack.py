"""A tiny corpus packed the way the LawRefBook tarball is (lawrefbook/<folder>/<file>.md, and
labour.txt listing the in-domain files beside it), from laws a test writes itself."""

from __future__ import annotations

import tarfile
from pathlib import Path


def pack_lawrefbook(root: Path, laws: dict[str, str]) -> Path:
    """Write `laws` (path under lawrefbook/ → text) below `root`, pack them into
    root/lawrefbook.tar.gz and list them all in root/labour.txt; returns the tarball."""
    for path, text in laws.items():
        target = root / "lawrefbook" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    tar_path = root / "lawrefbook.tar.gz"
    with tarfile.open(tar_path, "w:gz") as tar:
        tar.add(root / "lawrefbook", arcname="lawrefbook")
    (root / "labour.txt").write_text("\n".join(laws) + "\n", encoding="utf-8")
    return tar_path
