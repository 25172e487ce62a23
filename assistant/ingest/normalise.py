"""Clean the text of a policy document by general rules, keeping the original beside it.

The rules come from what scraped and converted policy notices really contain (see the
corpus table in DESIGN.md): pinyin annotations, traditional characters, spaces inside
words, HTML remnants, web-page chrome, NBSP, paragraphs broken by page breaks, and
advertising injected into clauses. Each rule counts what it changed, so the ingest
report can say what was fixed in every document.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.ingest.enactment import read_event
from assistant.ingest.header import is_org
from assistant.text.chinese import CJK, PINYIN_ANNOTATION, cjk_count, to_halfwidth, to_simplified
from assistant.text.spam import remove_instructions, remove_spam_terms

_ODD_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
# A closing tag whose "<" was lost to "?" in conversion, e.g. `?/span>`.
_BROKEN_TAG = re.compile(r"\??/(span|p|div|font|strong|em|td|tr|th|br|b|i|u)>")
_HTML_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# Characters lost in conversion show up as ASCII "?" inside Chinese text, sometimes with
# the tail of a pinyin annotation whose "(" was lost as well (`?qū)m`).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GARBLED = re.compile(rf"(?<=[{CJK}□])(?:\?+(?:[a-zü{_TONED}]{{1,6}}\))?[a-z]?)+ *(?=[{CJK}□])")
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d□()（）+"
_CJK_OR_PUNCT = rf"[{CJK}{_CJK_PUNCT}]"
# Whitespace between two CJK characters (or CJK and a digit) is a conversion artefact:
# Chinese official text never separates words with spaces. The one exception is the space
# between joint issuers: 《人力资源社会保障部 财政部关于…》, 人力资源社会保障部 宁夏回族自治区
# 人民政府共同推进…; it is kept when an issuing body follows it and then 关于/共同/联合.
_ISSUER_END = "部厅局委会府办"
_JOINT_ISSUER = r"[\u4e00-\u9fff]{1,12}?(?:部|厅|局|委|委员会|政府)(?:关于|共同|联合)"
_INNER_SPACE = re.compile(
    rf"(?<={_CJK_OR_PUNCT})(?:(?<![{_ISSUER_END}]) +| +(?!{_JOINT_ISSUER}))(?=[{CJK}{_CJK_PUNCT}0-9%])"
    rf"|(?<=[0-9%]) +(?={_CJK_OR_PUNCT})"
)
# An English conjunction left between Chinese words by a translation or OCR tool.
_ENGLISH_CONJUNCTION = re.compile(rf"(?<=[{CJK}])\s*\b(and|or)\b\s*(?=[{CJK}])")
_CONJUNCTION_ZH = {"and": "和", "or": "或"}
# Half-width punctuation inside Chinese text is widened, so sentences split the same way
# whichever tool produced the source.
_NARROW_PUNCT = re.compile(rf"(?<=[{CJK}])[,;:!]|[,;:!](?=[{CJK}])")
_WIDE = {",": "，", ";": "；", ":": "：", "!": "！"}
_NARROW_PARENS = re.compile(rf"\(([^()\n]*[{CJK}][^()\n]*)\)")
_MARKDOWN_BULLET = re.compile(rf"^\s*[-*•]\s+(?=[{CJK}])")

# Web-page chrome: navigation, counters and print/close links of a scraped notice page.
_CHROME = re.compile(
    r"(欢迎访问|欢迎光临|您当前所在位置|当前位置[:：]|您的位置[:：]|点击次数|浏览次数|阅读次数|"
    r"访问量[:：]|【打印此页】|【打印本页】|【关闭|关闭窗口|打印本页|字体[:：]?\s*[【\[]?大|"
    r"分享到[:：]|扫一扫|返回顶部)"
)
_CHROME_HEAD_LINES = 15
# Site chrome is a short line without a full stop; a policy sentence that happens to say
# 欢迎访问 (an advert planted in a clause) must not take the title and clauses above it along.
_CHROME_MAX_CHARS = 80

# Sentence-final or clause-final punctuation: a line ending in one is a complete paragraph.
_PARAGRAPH_END = "。！？；：!?;:…）)》”’"
# A line that opens a new structural unit must never be glued to the line above it.
STRUCTURE_START = re.compile(
    r"^\s*("
    r"[一二三四五六七八九十]+、|"
    r"[（(]\s*[一二三四五六七八九十]+\s*[)）]|"
    r"\d{1,2}\s*[.．、](?!\d)|"
    r"[（(]\d{1,2}[)）]|"
    r"——|附件|序号|抄报|抄送|联系|"
    r"#{1,6}\s|第[一二三四五六七八九十百零〇\d]+[章节条]|"
    r"\d{4}年\d{1,2}月\d{1,2}日|"
    r"[\u4e00-\u9fff ]{1,6}[：:]"  # a "label：value" line such as 责任部门： or 组长：
    r")"
)
_LABEL_VALUE = re.compile(r"^[\u4e00-\u9fff]{1,6}[：:]")
# A line ending in a document-type word is a title, not half of a paragraph.
_TITLE_END = re.compile(r"(通知|方案|措施|意见|办法|规定|决定|细则|规划|纲要|公告|通告|批复|条例)$")
_MIN_BROKEN_LINE = 20
_REPEAT_LINES = 3
_REPEAT_CHARS = 60
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")


@dataclass
class Line:
    """A cleaned line of text and the range of raw source lines it came from."""

    text: str
    raw_start: int
    raw_end: int  # inclusive


@dataclass
class NormalisedText:
    lines: list[Line]
    raw_lines: list[str]
    fixes: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def original(self, start: int, end: int) -> str:
        """The raw source text for raw lines start..end inclusive, adverts and planted
        instructions taken out: it is shown and quoted, and the warnings say what went."""
        raw = "\n".join(self.raw_lines[start : end + 1]).strip()
        raw, _ = remove_spam_terms(raw)
        raw, _ = remove_instructions(raw)
        return raw


def clean_inline(text: str, fixes: Counter[str] | None = None) -> str:
    """Character-level rules for one line; idempotent (cleaning twice changes nothing)."""
    fixes = fixes if fixes is not None else Counter()
    text = _count_sub(_ODD_SPACES, " ", text, fixes, "nbsp_and_odd_spaces")
    text = _strip_html(text, fixes)
    text = _count_sub(_ODD_SPACES, " ", text, fixes, "nbsp_and_odd_spaces")  # from &nbsp;
    text = _count_sub(PINYIN_ANNOTATION, "", text, fixes, "pinyin_annotations")
    simplified = to_simplified(text)
    changed = sum(1 for a, b in zip(text, simplified, strict=False) if a != b)
    if changed:
        fixes["traditional_characters"] += changed
        text = simplified
    text = _count_sub(_GARBLED, "□", text, fixes, "lost_characters_marked")
    text = _count_sub(_MARKDOWN_BULLET, "", text, fixes, "markdown_bullets")
    text = _NARROW_PUNCT.sub(lambda m: (fixes.update(["half_width_punctuation"]), _WIDE[m.group(0)])[1], text)
    # Innermost pair first, then again for the pair around it: (（一）…) → （（一）…）.
    while _NARROW_PARENS.search(text):
        text = _count_sub(_NARROW_PARENS, r"（\1）", text, fixes, "half_width_punctuation")
    text = _ENGLISH_CONJUNCTION.sub(
        lambda m: (fixes.update(["english_conjunctions"]), _CONJUNCTION_ZH[m.group(1)])[1], text
    )
    text = _count_sub(_INNER_SPACE, "", text, fixes, "spaces_inside_words")
    # Only spaces are trimmed: a leading tab means "same cell as the row above" in a table.
    return text.strip(" ")


def _strip_html(text: str, fixes: Counter[str]) -> str:
    """Unescape entities, fold full-width ASCII and drop tags until none is left.

    Scraped pages double-escape (`&amp;nbsp;`), an unescaped `&lt;p&gt;` is a tag again
    and `＜ｐ＞` is one once folded, so one pass of each would not be idempotent. Width is
    folded here, before every later rule, so a full-width letter hides no match from them.
    """
    while True:
        before = text
        unescaped = html.unescape(text)
        if unescaped != text:
            fixes["html_remnants"] += len(_HTML_ENTITY.findall(text))
            text = unescaped
        text = to_halfwidth(text)
        text = _count_sub(_HTML_TAG, "", text, fixes, "html_remnants")
        text = _count_sub(_BROKEN_TAG, "", text, fixes, "html_remnants")
        if text == before:
            return text


def _count_sub(pattern: re.Pattern[str], repl: str, text: str, fixes: Counter[str], key: str) -> str:
    new, count = pattern.subn(repl, text)
    if count:
        fixes[key] += count
    return new


def normalise_document(raw_text: str) -> NormalisedText:
    """Clean a whole document into lines, remembering which raw lines each came from."""
    raw_lines = raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result = NormalisedText(lines=[], raw_lines=raw_lines)
    lines = [Line(clean_inline(raw, result.fixes), i, i) for i, raw in enumerate(raw_lines)]
    lines = _drop_page_chrome(lines, result)
    lines = _remove_adverts(lines, result)
    lines = [line for line in lines if line.text]
    lines = _drop_repeated_body(lines, result)
    result.lines = _join_broken_paragraphs(lines, raw_lines, result)
    _warn_lost_characters(result)
    return result


def _is_chrome(text: str) -> bool:
    text = text.strip()
    return len(text) <= _CHROME_MAX_CHARS and not text.endswith("。") and bool(_CHROME.search(text))


def _drop_page_chrome(lines: list[Line], result: NormalisedText) -> list[Line]:
    """Remove the header of a scraped web page: everything up to its last chrome line."""
    head = [i for i, line in enumerate(lines[:_CHROME_HEAD_LINES]) if _is_chrome(line.text)]
    if not head:
        return lines
    cut = head[-1] + 1
    dropped = [line for line in lines[:cut] if line.text]
    result.fixes["web_page_chrome_lines"] += len(dropped)
    result.warnings.append(f"已删除网页页眉{len(dropped)}行（网站名称、点击次数等）")
    return lines[cut:]


def _remove_adverts(lines: list[Line], result: NormalisedText) -> list[Line]:
    for line in lines:
        cleaned, terms = remove_spam_terms(line.text)
        cleaned, instructions = remove_instructions(cleaned)
        for term in terms:
            result.fixes["advert_terms_removed"] += 1
            result.warnings.append(f"已删除广告文字«{term}»（原文第{line.raw_start + 1}行）")
        for sentence in instructions:
            result.fixes["planted_instructions_removed"] += 1
            result.warnings.append(f"已删除文中夹带的指令«{sentence[:60]}»（原文第{line.raw_start + 1}行）")
        if terms or instructions:
            # What is left around a removed term is cleaned again (e.g. the spaces it sat in).
            line.text = clean_inline(cleaned, result.fixes)
    return lines


def _drop_repeated_body(lines: list[Line], result: NormalisedText) -> list[Line]:
    """Remove a run of lines that repeats an earlier run word for word.

    Web pages carry a second copy of the body for printing or for a mobile layout, and a
    page saved from the browser keeps both; cited twice, every clause would be doubled. A
    policy text does not repeat several whole paragraphs in a row, so a run of at least
    three lines and sixty characters seen before is a copy.
    """
    texts = [line.text for line in lines]
    first: dict[str, int] = {}
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = first.get(texts[i])
        if j is not None:
            run = 0
            while i + run < len(lines) and j + run < i and texts[i + run] == texts[j + run]:
                run += 1
            if run >= _REPEAT_LINES and sum(cjk_count(t) for t in texts[i : i + run]) >= _REPEAT_CHARS:
                result.fixes["repeated_lines_removed"] += run
                result.warnings.append(f"已删除重复出现的正文{run}行（原文第{lines[i].raw_start + 1}行起）")
                i += run
                continue
        first.setdefault(texts[i], i)
        out.append(lines[i])
        i += 1
    return out


def _is_table_line(text: str) -> bool:
    return "\t" in text or text.count("|") >= 1


def _join_broken_paragraphs(lines: list[Line], raw_lines: list[str], result: NormalisedText) -> list[Line]:
    """Glue a paragraph back together when a page break split it mid-sentence."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, line, raw_lines) and not _list_entry(out):
            # Cleaned again as one line: a rule can match across the join (`規` + `(guī)模`).
            prev.text = clean_inline(prev.text + line.text, result.fixes)
            prev.raw_end = line.raw_end
            result.fixes["broken_paragraphs_joined"] += 1
        else:
            out.append(line)
    return out


def _list_entry(out: list[Line]) -> bool:
    """The last line is one of a run of `label：value` entries (组长：… / 副组长：… / 成员：…).

    Such entries carry no final punctuation, so without this a long 成员 list would be
    glued to the paragraph after it. One unpunctuated `label：value` line above is enough
    to tell a list from a `工作措施：…` paragraph that a page break cut short.
    """
    return len(out) >= 2 and all(
        _LABEL_VALUE.match(line.text) and line.text[-1] not in _PARAGRAPH_END for line in out[-2:]
    )


def _continues(prev: Line, line: Line, raw_lines: list[str]) -> bool:
    if _is_table_line(raw_lines[prev.raw_end]) or _is_table_line(raw_lines[line.raw_start]):
        return False
    # A markdown heading, a signing body and the items of an attachment list (附件：1.2024年度…
    # 2.2024年度…, where the year hides the item number from STRUCTURE_START) stand alone.
    if prev.text.startswith("#") or is_org(line.text) or is_org(prev.text):
        return False
    if prev.text.startswith("附件") and _LIST_ITEM.match(line.text):
        return False
    if len(prev.text) < _MIN_BROKEN_LINE or prev.text[-1] in _PARAGRAPH_END:
        return False
    if _TITLE_END.search(prev.text):
        return False
    # A law's history line (2020年12月23日…第1823次会议通过) ends without punctuation but is
    # whole; the preamble under it is not its continuation.
    if read_event(prev.text) is not None:
        return False
    return not STRUCTURE_START.match(line.text)


def _warn_lost_characters(result: NormalisedText) -> None:
    for line in result.lines:
        if "□" in line.text:
            at = line.text.index("□")
            where = f"原文第{line.raw_start + 1}行"
            if line.raw_end > line.raw_start:  # a joined paragraph: name every line it spans
                where = f"原文第{line.raw_start + 1}–{line.raw_end + 1}行"
            result.warnings.append(
                f"原文转换时丢失了字符，位于«{line.text[max(0, at - 8) : at + 8]}»附近（{where}），已用□标出"
            )
