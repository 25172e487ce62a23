"""Mask personal data in what users type before it is stored or logged.

Workers and hotline staff paste their ID-card number, mobile or home phone into a question
or a feedback comment ("我身份证110101199003071234，能领补贴吗"). Those never belong in the
feedback database or a log. Only user input is masked: the documents' own public office
numbers (0951-5099011) and figures (2021-2023, 1+13+N) are policy text and stay as they are.
"""

from __future__ import annotations

import logging
import re

# Full-width digits and signs (１３８…, －, （）) come from Chinese input methods. Matching is
# done on a copy folded to ASCII character by character, so spans map back one to one and
# the rest of the text is returned exactly as typed.
_FOLD = str.maketrans("０１２３４５６７８９Ｘｘ＋－（）", "0123456789Xx+-()")
_SEP = r"[ \-–—]?"  # digits grouped with a space or a dash: 138 1234 5678, 0951-5099011

# 18-digit resident ID: 6-digit area, birth date 19xx/20xx MMDD, 3 digits and a check digit
# 0-9 or X, written whole or grouped 6-8-4; the old 15-digit form has a 2-digit year.
_ID_CARD = re.compile(
    rf"(?<!\d)\d{{6}}{_SEP}(?:19|20)\d{{2}}[01]\d[0-3]\d{_SEP}\d{{3}}[\dXx](?![\dXx])"
    r"|(?<!\d)\d{8}[01]\d[0-3]\d\d{3}(?!\d)"
)
# Mainland mobile: 1[3-9] and 9 more digits, written whole or 3-4-4, optionally after +86.
_MOBILE = re.compile(
    rf"(?<!\d)(?:(?:\+|00)?86{_SEP}|\(\+?86\){_SEP})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?!\d)"
)
# Landline: area code 0 + 2-3 digits (maybe in brackets), 7-8 digits not starting 0, maybe an
# extension. A year range such as 2021-2023 never starts with 0, so it is left alone.
_LANDLINE = re.compile(
    rf"(?:(?<!\d)0\d{{2,3}}|\(0\d{{2,3}}\)){_SEP}[1-9]\d{{6,7}}(?:(?:转|-|ext\.?\s?)\d{{1,5}})?(?!\d)"
)
# A bare 7-8 digit local number counts only where the words before it say it is a phone.
_LOCAL = re.compile(
    r"(?:电话|座机|固话|手机|联系方式|号码|tel|phone)[^\d\n]{0,6}?(?<!\d)([2-9]\d{6,7})(?!\d)", re.IGNORECASE
)
# Matched from the start of the name only and without backtracking, so a long run of digits
# or dashes with no "@" costs linear time, not quadratic.
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]++@[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)+")
# Any other run of 15-19 digits is a card or account number, never a policy figure.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{15,19}(?!\d)")

ID_CARD = "[身份证号]"
MOBILE = "[手机号]"
PHONE = "[电话号码]"
EMAIL = "[邮箱]"
NUMBER = "[证件或账号]"

# In priority order: a span taken by an earlier kind is not matched again by a later one.
_KINDS: list[tuple[re.Pattern[str], str, int]] = [
    (_EMAIL, EMAIL, 0),
    (_ID_CARD, ID_CARD, 0),
    (_MOBILE, MOBILE, 0),
    (_LANDLINE, PHONE, 0),
    (_LOCAL, PHONE, 1),
    (_LONG_NUMBER, NUMBER, 0),
]


def mask_personal_data(text: str) -> str:
    """The text with ID-card numbers, mobile and landline numbers, e-mail addresses and
    card-length digit runs replaced by placeholders such as [手机号]."""
    if not text:
        return text
    folded = text.translate(_FOLD)
    spans: list[tuple[int, int, str]] = []
    taken = bytearray(len(text))  # characters already inside a masked span
    for pattern, placeholder, group in _KINDS:
        for match in pattern.finditer(folded):
            start, end = match.span(group)
            if not any(taken[start:end]):
                spans.append((start, end, placeholder))
                taken[start:end] = b"\x01" * (end - start)
    out, last = [], 0
    for start, end, placeholder in sorted(spans):
        out += [text[last:start], placeholder]
        last = end
    out.append(text[last:])
    return "".join(out)


class PersonalDataFilter(logging.Filter):
    """A logging filter that masks personal data in the message and any traceback text,
    for handlers whose records may quote user input."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True


def mask_logs(logger: logging.Logger | None = None) -> None:
    """Attach PersonalDataFilter to every handler of `logger` (the root logger by default)."""
    logger = logger or logging.getLogger()
    for handler in logger.handlers:
        if not any(isinstance(f, PersonalDataFilter) for f in handler.filters):
            handler.addFilter(PersonalDataFilter())
