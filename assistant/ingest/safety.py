"""Checks that keep a hostile upload from costing more than reading a notice does, or from
landing anywhere but the sources folder.

A .docx is a zip of XML: it is measured from its zip directory before anything is unzipped
(a zip bomb of a few KB unzips to gigabytes) and refused if any XML part declares a DOCTYPE
(Word never writes one; entity tricks such as "billion laughs" and external entities need one).
A file's name comes from the uploader, so only its last part is kept (after / or \\), cleaned
of control and format characters (a newline, or a right-to-left override disguising the type)
and of leading dots (a hidden file would be stored but never loaded). Characters such as < or "
stay: they are legal in a name, and every page escapes the names it shows.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

from assistant.settings import UploadSettings

MB = 1024 * 1024
_RATIO_FROM = MB  # small members compress oddly (a run of spaces); only large ones can be bombs
_MAX_NAME_BYTES = 200  # under the 255-byte limit of common file systems, with room for a suffix
_BOMB = "（可能是压缩炸弹）"


class UnsafeFile(Exception):
    """An upload refused for safety; the message, in Chinese, says why."""


def safe_file_name(name: str) -> str:
    """The name to store an upload under: its last path part, without control characters,
    leading dots or spaces, and not longer than a file system allows."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # controls, format chars
    base = base.strip().lstrip(". ").strip()
    stem, suffix = Path(base).stem, Path(base).suffix
    while len(base.encode("utf-8")) > _MAX_NAME_BYTES and stem:
        stem = stem[:-1]
        base = stem + suffix
    if not Path(base).stem or base in (".", ".."):
        raise UnsafeFile(f"文件名 {name!r} 不可用（去掉路径和特殊字符后没有剩下文件名），请改名后再上传")
    return base


def check_size(size: int, limits: UploadSettings) -> None:
    if size > limits.max_file_bytes:
        raise UnsafeFile(f"文件大小为 {size / MB:.1f} MB，超过了 {limits.max_file_mb:g} MB 的上限")


def check_docx(data: bytes, limits: UploadSettings) -> None:
    """Refuse a .docx whose zip would unzip to too much, or whose XML declares entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: python-docx reports it as a broken .docx
    if len(members) > limits.max_docx_members:
        raise UnsafeFile(
            f".docx 文件内含 {len(members)} 个部件，超过了 {limits.max_docx_members} 个的上限{_BOMB}"
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_docx_bytes:
        raise UnsafeFile(
            f".docx 文件解压后有 {total / MB:.0f} MB，超过了 {limits.max_docx_mb:g} MB 的上限{_BOMB}"
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FROM and ratio > limits.max_docx_ratio:
            raise UnsafeFile(f".docx 文件中的 {member.filename} 压缩比为 {ratio:.0f}:1，异常偏高{_BOMB}")
    # The declared sizes bound what is read: zipfile stops at a member's declared size.
    with archive:
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels")) and _declares_entities(archive, member):
                raise UnsafeFile(".docx 文件的 XML 中含有实体声明（DOCTYPE），Word 不会这样保存，已拒绝读取")


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        head = archive.read(member)  # bounded: the declared sizes were checked
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
        return False  # unreadable: python-docx reports the broken file
    lowered = head.lower()  # ASCII letters only, so UTF-16 stays UTF-16
    markers = ("<!doctype", "<!entity")
    return any(m.encode(enc) in lowered for m in markers for enc in ("utf-8", "utf-16-le", "utf-16-be"))
