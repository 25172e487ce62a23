"""Character-level Chinese text primitives shared by ingest, retrieval and evaluation.

Everything that changes the characters of a text (script conversion, width, pinyin
annotations, whitespace) lives here, so the index, the query parser and the eval
matcher all see the same text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import ModuleType

import opencc

# A CJK ideograph, including the extension blocks used in official documents.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")

# Tone-marked vowels: a parenthesised Latin run counts as a pinyin annotation only if it
# carries one, so "(一)" or "(AI)" style text is never mistaken for pinyin. Converted text
# also puts stray spaces before an annotation (`規 (guī)`); they go with it, or removing
# the spaces later would expose a new annotation and cleaning would not be idempotent.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ANNOTATION = re.compile(
    rf"(?<=\S)[ \u00a0\u3000]*[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]"
)

# Punctuation and symbols dropped by match_key: every Unicode P* and S* category.
_PUNCT_CATEGORIES = ("P", "S")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones (OpenCC t2s)."""
    return _t2s().convert(text) if text else text


def strip_pinyin(text: str) -> str:
    """Drop pinyin annotations such as the `(guī)` in `規(guī)模`."""
    return PINYIN_ANNOTATION.sub("", text)


# Full-width ASCII letters and digits, and the ideographic space, to their ASCII forms.
_HALFWIDTH = {0x3000: " "} | {
    code: chr(code - 0xFEE0)
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for code in range(start, end + 1)
}


def to_halfwidth(text: str) -> str:
    """Full-width ASCII letters, digits and spaces to half-width; CJK punctuation is kept.

    NFKC would also turn `，` into `,` and `〔` into `[`, which changes the look of
    document numbers such as 苏政办发〔2024〕37号, so only the ASCII block is folded.
    """
    return text.translate(_HALFWIDTH)


# Years mix in a letter or circle zero where 〇 belongs (二0三五年, 二O二一年); cn2an reads
# 〇 and ASCII 0 but not these, so they are folded first.
_ZEROS = str.maketrans({"O": "〇", "Ｏ": "〇", "○": "〇"})


@lru_cache(maxsize=1)
def _cn2an() -> ModuleType:
    # Imported on first use: cn2an takes ~0.15 s to import and only ingest reads numerals,
    # so asking a question never pays for it.
    import cn2an

    return cn2an


def cn_number(text: str) -> int:
    """The integer a written numeral stands for; ValueError when it is not one.

    Clause markers (第一百零五条, 十三、), written dates (二〇二一年三月四日), periods
    (有效期五年) and amounts (两千, 1.5万, 3万元) use these forms; cn2an's "smart" mode
    reads them all, including financial numerals (壹佰贰拾) and digit-by-digit years.
    A fractional value (1.25) is not a count and is refused like unreadable text.
    """
    text = to_halfwidth(text.strip())
    if text.isdigit():
        return int(text)
    try:
        value = _cn2an().cn2an(text.translate(_ZEROS), "smart")
    # cn2an raises ValueError; the other two guard its internals, so callers see one error.
    except (ValueError, KeyError, IndexError) as error:
        raise ValueError(f"不是可识别的数字：{text!r}") from error
    if value != int(value):
        raise ValueError(f"不是整数：{text!r}")
    return int(value)


def cn_numeral(n: int) -> str:
    """The written numeral of an integer, as a placing or a count is said: 4 → 四, 11 → 十一."""
    return str(_cn2an().an2cn(n))


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def cjk_count(text: str) -> int:
    return len(_CJK_RE.findall(text))


def match_key(text: str) -> str:
    """The one normalisation used to compare quotes with chunks (DESIGN.md).

    Pinyin annotations dropped, traditional to simplified, NFKC, whitespace and
    punctuation removed, Latin lower-cased.
    """
    # NFKC first: it can produce traditional characters (㊮ → 資) and ASCII brackets.
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(strip_pinyin(text))
    kept = "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in _PUNCT_CATEGORIES
    ).lower()
    # NFKC turns a spacing accent (´ ¸ ¨) into a space plus a combining mark; once the
    # space is dropped the mark joins the letter before it, so compose again, or the key
    # of a key would differ from the key.
    return unicodedata.normalize("NFKC", kept)
