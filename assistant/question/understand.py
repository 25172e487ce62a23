"""Understand a question before retrieval: the places it names and the role of each (where
the asker works, where they come from, what is asked about), worker group, skill level,
years, and which document it names."""

from __future__ import annotations

import functools
import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field

from assistant.jurisdiction import find_places, unplaced_zones
from assistant.models import DocumentMeta, Jurisdiction, QueryInfo, WorkerProfile
from assistant.question.answer_type import GOES_ON, speaks_of_self
from assistant.question.schemes import without_paying_in
from assistant.question.titles import asked_titles
from assistant.text.chinese import match_key
from assistant.text.segment import expand, normalise_query
from assistant.text.years import years_in

# "I am in / from X": the asker's own place, as opposed to a place asked about.
_ASKER = re.compile(r"(我|本人|俺|咱|家)(是|在|住|户籍|老家)?[^，。？?！!]{0,6}$")
# Where someone works or lives: "在苏州打工", "来无锡上班", "无锡这边干活".
_WORKS_AFTER = re.compile(
    r"^(市|省|县|区|这边|那边|当地|本地)?(的)?[^，。？?！!]{0,4}(打工|工作|上班|务工|干活|就业|创业|上学|读书|生活|定居|落户|住)"
)
_WORKS_BEFORE = re.compile(r"(在|来|到|去|于)$")
# Where someone comes from: "河南人", "老家河南", "从河南来", "河南来苏州".
_ORIGIN_BEFORE = re.compile(r"(老家|老家在|户籍|户籍在|户口在|户口|从|出生在|籍贯|家在)$")
_ORIGIN_AFTER = re.compile(r"^(省|市|县)?(人|籍|户口|来的|过来|来)")
_QUOTED = re.compile(r"“([^”]{2,20})”")
NATIONAL_TITLE_PREFIX = "中华人民共和国"


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, dict[str, list[str]]]:
    """assistant/data/groups.yaml: the one home of worker groups and skill levels, with the
    words people use for each. Questions, suggestions and the UI's profile all read it here."""
    text = resources.files("assistant.data").joinpath("groups.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def worker_groups() -> list[str]:
    """The worker groups the documents name (退役军人, 农民工 …), in the file's order."""
    return list(_vocabulary()["groups"])


def skill_levels() -> list[str]:
    """Skill levels from the highest (首席技师) down, in the file's order."""
    return list(_vocabulary()["skill_levels"])


def names_level(text: str, level: str) -> bool:
    """The text names this skill level, or a range that holds it ("技师及以上" holds 高级技师,
    not 高级工; "高级工以下" holds 中级工)."""
    named = levels_in(text)
    if level in named:
        return True
    order = skill_levels()  # highest first
    if level not in order:
        return False
    for other in named:
        if other not in order:
            continue
        # "技师（二级）及以上": a grade in brackets may stand between the level and its range.
        at = rf"(?<!高级)(?<!预备){other}(（[^）]{{1,4}}）)?[^，。；、]{{0,3}}"
        if re.search(at + "以上", text) and order.index(level) <= order.index(other):
            return True
        if re.search(at + "以下", text) and order.index(level) >= order.index(other):
            return True
    return False


# The sex a text speaks of: "男职工", "我是女的", "女性", "妇女".
_SEX = re.compile(
    r"(?P<sex>男|女)(的|性|职工|同志|生|方|员工|士)|(我|俺|本人)是(?P<sex2>男|女)|(?P<women>妇女)"
)


def sex_named(text: str) -> str | None:
    """The one sex a text names ("男" or "女"), None when it names none or both ("男性不超过
    55周岁、女性不超过50周岁")."""
    found = {m.group("sex") or m.group("sex2") or "女" for m in _SEX.finditer(text)}
    return found.pop() if len(found) == 1 else None


def levels_in(text: str) -> list[str]:
    """Skill levels a text names, highest first; 技师 inside 高级技师 or 预备技师 is not 技师 too."""
    found = []
    rest = text
    for level in sorted(skill_levels(), key=len, reverse=True):
        if level in rest:
            found.append(level)
            rest = rest.replace(level, "")
    return [level for level in skill_levels() if level in found]


def profile_used(profile: WorkerProfile | None, question: str) -> WorkerProfile | None:
    """The profile as an answer to `question` uses it: a question naming a group of its own
    ("农民工有什么培训补贴？") is about that group, not the profile's; one naming a level, about
    that level. None when nothing of the profile is left."""
    if profile is None:
        return None
    used = profile.model_copy(
        update={
            "groups": [] if find_groups(question) else profile.groups,
            "skill_level": None if names_whose_level(question) else profile.skill_level,
        }
    )
    return used if used.model_dump(exclude_defaults=True) else None


def names_whose_level(question: str) -> bool:
    """The question says whose skill level it is about, so a profile's is not: it names a
    level, or it asks of an award's holders and not of the asker ("宁夏技术能手的奖励是多少？"
    from a 中级工 asks the award's amount, not a 中级工's)."""
    return bool(levels_in(question)) or (bool(asked_titles(question)) and not speaks_of_self(question))


def _find_terms(text: str, table: dict[str, list[str]]) -> list[str]:
    """Canonical terms named in the text, in the order the text names them."""
    first: dict[str, int] = {}
    for canonical, words in table.items():
        positions = [text.find(word) for word in words if word in text]
        if positions:
            first[canonical] = min(positions)
    return sorted(first, key=first.__getitem__)


def group_words(text: str) -> list[str]:
    """The words in the text that name a worker group (退伍, 技术能手, 大学生 …)."""
    text = _without_schemes(normalise_query(text))
    return [w for words in _vocabulary()["groups"].values() for w in words if w in text]


def _without_schemes(text: str) -> str:
    """The text with the schemes and funds that hold a group's word masked ("失业保险基金"),
    but not a group's own word that holds one ("领取失业保险金人员" are 失业人员)."""
    vocabulary = _vocabulary()
    kept = [
        w
        for words in vocabulary["groups"].values()
        for w in words
        if any(n in w for n in vocabulary["not_groups"])
    ]
    held = {f"\x00{i}\x00": w for i, w in enumerate(kept) if w in text}
    for mark, word in held.items():
        text = text.replace(word, mark)
    for word in vocabulary["not_groups"]:
        text = text.replace(word, "＿" * len(word))
    for mark, word in held.items():
        text = text.replace(mark, word)
    return text


def group_as_said(group: str, text: str) -> str:
    """The asker's own word for a worker group ("灵活就业人员" for 新就业形态劳动者), so an
    answer speaking of the group uses it; the group's name when the text has none."""
    text = normalise_query(text)
    words = _vocabulary()["groups"].get(group, [])
    said = [m.group(0) for w in words if (m := re.search(f"{w}(人员|者)?", text))]
    return max(said, key=len) if said else group


def find_groups(text: str) -> list[str]:
    return _find_terms(_without_schemes(normalise_query(text)), _vocabulary()["groups"])


def find_skill_level(text: str) -> str | None:
    levels = _find_terms(normalise_query(text), _vocabulary()["skill_levels"])
    return levels[0] if levels else None


def named_documents(text: str, documents: list[DocumentMeta]) -> list[str]:
    """Documents the question names by 文号, by a quoted title phrase, or by title."""
    found = {position for _, _, position in _document_names(match_key(text), documents)}
    return [documents[position].doc_id for position in sorted(found)]


def without_document_names(text: str, documents: list[DocumentMeta]) -> str:
    """The question's match key without the documents it names: what it asks of them
    ("技能宿迁行动的文号是什么" → "行动的文号是什么")."""
    key = match_key(text)
    named = [False] * len(key)
    for start, length, _ in _document_names(key, documents):
        named[start : start + length] = [True] * length
    return "".join(ch for ch, taken in zip(key, named, strict=True) if not taken)


def strip_document_names(text: str, documents: list[DocumentMeta]) -> str:
    """The question as typed, without the titles and 文号 of the documents it names: what it
    asks of them. "按…若干措施，用地按什么性质管理" asks no 若干 of anything, and a title's
    "江苏工匠" is no asker's group. The text unchanged when it cannot be mapped to its key."""
    key = match_key(text)
    spans = _document_names(key, documents, by_subject=False)
    if not spans:
        return text
    # Which characters of the text make up each character of its key.
    owner: list[int] = []
    for position, ch in enumerate(text):
        owner += [position] * len(match_key(ch))
    if len(owner) != len(key):
        return text
    dropped = {owner[i] for start, length, _ in spans for i in range(start, start + length)}
    kept = "".join(ch for position, ch in enumerate(text) if position not in dropped)
    kept = re.sub(r"[〔（(【\[][\W_]*[〕）)】\]]", "", kept)  # the brackets a title or 文号 leaves
    return re.sub(r"^[，,、\s]+|[“”《》]", "", kept)


def _document_names(
    key: str, documents: list[DocumentMeta], by_subject: bool = True
) -> list[tuple[int, int, int]]:
    """Where the key names a document: (start, length, the document's position). With
    `by_subject` False, only by its title, a quoted phrase of it or its 文号: the words of a
    title's subject ("…的生活补助") are also what a question asks about, and are kept."""
    table = _key_table(
        tuple((meta.doc_number or "", meta.title, meta.jurisdiction.label if meta.jurisdiction else "")
              for meta in documents)
    )  # fmt: skip
    named_places = functools.cache(lambda: {m.jurisdiction.label for m in find_places(key)})
    found: list[tuple[int, int, int]] = []
    for start in range(len(key) - 3):
        named = [
            (len(name), position)
            for position, name, place in table.get(key[start : start + 4], ())
            if key.startswith(name, start) and (not place or (by_subject and place in named_places()))
        ]
        # The longest name read at a place wins: "劳动合同法实施条例" names the regulation,
        # not also the law whose short name it starts with.
        longest = max((length for length, _ in named), default=0)
        found += [(start, length, position) for length, position in named if length == longest]
    return found


@lru_cache(maxsize=8)
def _key_table(
    documents: tuple[tuple[str, str, str], ...],
) -> dict[str, tuple[tuple[int, str, str], ...]]:
    """First four characters of each document's match keys → (position, key, the place the
    question must also name for that key to count, or "").

    A question names a document when one of its keys occurs in the question's key, so
    only keys starting at one of the question's 4-grams need checking: the work per
    question is the question's length, not the corpus's size. (match_key on every title
    for every question was 80% of the answer time at 500 documents.)
    """
    table: dict[str, list[tuple[int, str, str]]] = {}
    for position, (doc_number, title, place) in enumerate(documents):
        for name in _document_keys(doc_number, title):
            table.setdefault(name[:4], []).append((position, name, ""))
        core = _title_core(title)
        if place and core:
            table.setdefault(core[:4], []).append((position, core, place))
    return {gram: tuple(entries) for gram, entries in table.items()}


@lru_cache(maxsize=65_536)
def _document_keys(doc_number: str, title: str) -> tuple[str, ...]:
    """The match keys a question may contain to name this document (4 characters or more)."""
    names = [doc_number, title, *(q.removesuffix("行动") for q in _QUOTED.findall(title))]
    # People name a national law without its country: 劳动合同法 for 中华人民共和国劳动合同法.
    names.append(title.removeprefix(NATIONAL_TITLE_PREFIX))
    keys = (match_key(name) for name in names if name)
    return tuple(dict.fromkeys(k for k in keys if len(k) >= 4))


# A title's kind of document, said last: "…生活补贴办法", "…提升培训行动方案".
_GENRE = re.compile(r"(实施|管理|暂行|发放|申领|认定|工作)?(办法|方案|细则|若干措施|措施|规定|通知|意见)$")
_CORE_MIN = 5


@lru_cache(maxsize=65_536)
def _title_core(title: str) -> str:
    """What a local document's title says it is about, without its place and its kind:
    "镇江市高技能人才生活补贴办法" → "高技能人才生活补贴". People name the document so, with
    its place ("镇江的高技能人才生活补贴"); the place must be named for the core to count.
    Empty when the title does not start with its place or the rest is too short to name it."""
    places = find_places(title)
    if not places or places[0].start != 0:
        return ""
    core = match_key(_GENRE.sub("", title[places[0].end :]))
    return core if len(core) >= _CORE_MIN else ""


class PlaceRoles(BaseModel):
    """The places a question names, by what they are to the asker."""

    topic: list[Jurisdiction] = Field(default_factory=list, description="Places asked about")
    asker: Jurisdiction | None = Field(None, description="Where the asker works or lives")
    origin: Jurisdiction | None = Field(None, description="Where the asker comes from")
    leaving_for: list[Jurisdiction] = Field(
        default_factory=list, description="Where the asker is going ('要去南宁工作了')"
    )


def place_roles(text: str) -> PlaceRoles:
    """Which named place is the asker's, which their origin, which the topic.

    "俺是河南来苏州打工的": 苏州 is where the asker works, so 苏州's (and 江苏's) policies
    cover them; 河南 is only where they come from, not a place they ask about.
    """
    roles = PlaceRoles()
    leaving_for: list[Jurisdiction] = []
    asker_end = -1  # where the place named as the asker's ends in the text
    for match in find_places(text):
        if (
            roles.asker is not None
            and match.start <= asker_end + 1
            and roles.asker.covers(match.jurisdiction)
        ):
            # "我是湖南岳阳平江县的": each place names the asker's more closely than the one before.
            roles.asker, asker_end = match.jurisdiction, match.end
            if match.jurisdiction not in roles.topic:
                roles.topic.append(match.jurisdiction)
            continue
        before, after = text[max(0, match.start - 8) : match.start], text[match.end : match.end + 10]
        if _received_there(before, after):
            continue  # where an earlier benefit was had: neither the asker's place nor asked about
        if _MOVING_BEFORE.search(before) and _MOVING_AFTER.search(after):
            leaving_for.append(match.jurisdiction)
            continue
        if _ORIGIN_BEFORE.search(before) or _ORIGIN_AFTER.search(after):
            roles.origin = roles.origin or match.jurisdiction
            continue
        if (_WORKS_AFTER.search(after) and (_WORKS_BEFORE.search(before) or _ASKER.search(before))) or (
            roles.asker is None and _ASKER.search(before)
        ):
            roles.asker, asker_end = match.jurisdiction, match.end
        if match.jurisdiction not in roles.topic:
            roles.topic.append(match.jurisdiction)
    roles.leaving_for = leaving_for
    if leaving_for and not roles.topic and roles.origin is not None and GOES_ON.search(text):
        # "我要从株洲搬去长沙工作了，津贴还发吗": whether 株洲's allowance goes on.
        roles.asker = roles.origin
        roles.topic.append(roles.origin)
    if not roles.topic and roles.asker is None:
        # "去武汉工作能领什么补贴" asks about 武汉; "我在黄冈拿津贴，要去武汉工作了，还发吗" asks
        # about 黄冈's rule for someone leaving, and 武汉 is only where they are going.
        roles.topic.extend(leaving_for)
    if roles.origin is not None and roles.asker is None and not roles.topic:
        roles.asker = roles.origin  # "我是河南人，…": no other place, so that is where they are
        roles.topic.append(roles.origin)
    return roles


# "我已经在南京领人才生活津贴了，还能领吗": 南京 is where an earlier benefit was had, not
# where the asker is or what is asked about.
_RECEIVED_AFTER = re.compile(r"^(已经|已|正)?在?(领|享受|拿)(了|过|着)?")
_EARLIER = re.compile(r"(已经|已|之前|以前|曾经?|正)在?$")


# "要去武汉工作了", "调到南京上班", "回老家河南了": where the asker is going.
_MOVING_BEFORE = re.compile(r"(去|到|调到|调往|搬到|前往|回|回到|回老家)$")
_MOVING_AFTER = re.compile(r"^(工作|上班|打工|发展|就业|了|[，,。？?]|$)")


def _received_there(before: str, after: str) -> bool:
    received = _RECEIVED_AFTER.search(after)
    return received is not None and bool(received.group(3) or received.group(1) or _EARLIER.search(before))


def asker_place(text: str) -> Jurisdiction | None:
    """The place in phrases like 我在无锡 / 我是宿迁的 / 来苏州打工."""
    return place_roles(text).asker


def understand(
    question: str,
    documents: list[DocumentMeta] | None = None,
    profile_region: Jurisdiction | None = None,
) -> QueryInfo:
    text = normalise_query(question)
    roles = place_roles(text)
    # "交了3年失业保险" is a condition the asker meets: searched for, it finds 失业保险's rules.
    searched = without_paying_in(text) or text
    return QueryInfo(
        text=question,
        normalised=expand(searched),
        places=roles.topic,
        asker_region=roles.asker or profile_region,
        origin=roles.origin,
        unplaced=unplaced_zones(text),
        groups=find_groups(text),
        skill_level=find_skill_level(text),
        years=sorted(set(years_in(text))),
        doc_ids=named_documents(question, documents or []),
    )
