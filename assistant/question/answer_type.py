"""What kind of answer a question (or one part of it) wants.

The type is read from the interrogative words a question uses: 谁 wants a person, 哪个部门
an organisation, 电话 a contact, 哪天 a date, 多少钱 an amount of money, 多少人 a number of
people, 哪些 a list, 能不能 a yes or no, 怎么申请 a procedure. Evidence selection then
prefers sentences that hold that kind of thing (answer/features.py), and abstention
knows what was asked for when the documents do not state it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from assistant.jurisdiction import without_places

AnswerType = Literal[
    "person",
    "organisation",
    "contact",
    "date",
    "period",
    "document",
    "basis",
    "money",
    "people",
    "percent",
    "count",
    "quantity",
    "procedure",
    "condition",
    "list",
    "yesno",
    "general",
]
FIGURE_TYPES: frozenset[AnswerType] = frozenset({"money", "people", "percent", "count", "quantity"})

# "若干措施", "若干规定": a title's word, not a count asked.
_ANY_NUMBER = r"(多少|(?<!哪)几(?!乎)|若干(?!措施|规定|意见|问题|政策))"
# Whether something exists, however asked: "有没有补贴", "有补贴吗", "考个证有钱拿不". The
# answer type and the 有 verdict (answer/compose.py) read it from here.
ASKS_EXISTS = r"有没有|有[^，。？?]{0,10}吗|有[^，。？?]{0,6}(不|没)[？?。！!]*$"
# One home for "is this about validity": words about a document being in force, and words
# about until when. The period answer type, the header boost (asks_metadata) and the validity
# answer (asks_validity) each add their own words to these.
# "合同到期" is a contract ending, not a document: only a document's 到期 counts.
_IN_FORCE = "有效期|过期|(?<!合同)到期|还有效|失效|还能用|还管用|还算数"
_UNTIL = "期限|到哪(一)?年|截止"
# 领 as the act of collecting, not the 领 of 领域, 领导 or 领先.
_COLLECT = "领(?!域|导|先|军|会|悟|衔)"
# What an amount is paid as: named before 多少 ("补贴有多少") or after it ("多少资助").
_MONEY_NOUNS = "奖金|奖励|补助|补贴|津贴|贷款|工资|费用|资助|经费|资金|培训券|券面|面额|面值"
_BENEFIT_NOUNS = "奖金|奖励|补助|补贴|津贴|资助"  # what a rule grants, not wages or costs
# What 多少/几 counts when it is not people: things, times and multiples ("职工能休多少天").
_NOT_PEOPLE = "个|家|项|所|场|年|天|日|周|星期|月|小时|倍|岁|次|钱|元|块"
# What is paid, asked by its verb: "能补多少", "奖多少", "报销多少", "能领多少" (not "补多少人";
# "拿多少" may be a share: "利润能拿多少出来分红").
_PAID = rf"(补|奖|报销|赔|领)(多少|几)(?!{_NOT_PEOPLE}|人|名|位)"
# The words between "培训" or "职工" and 多少 when people are counted: a money noun or 标准
# there says an amount is asked ("培训补贴标准是多少", "职工补贴多少").
_NOT_PAID_GAP = rf"(?:(?!{_MONEY_NOUNS}|标准|券)[^，。？?]){{0,6}}"
# A time or a multiple counted ("几个月", "多少天"): a figure, never a count of things.
_DURATION = r"(多少|(?<!哪)几)个?(天|日|周|星期|月|小时|倍|岁)"
# Checked in order: the first that matches is the part's main type. Shares, people and
# counts come before money: "每年培训多少人次" asks for people, not yuan.
_PATTERNS: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    (
        "contact",
        re.compile(
            r"(电话|联系方式|联系人|热线|打哪|找哪个单位咨询|咨询.{0,4}(哪|什么)|(找|问|向)谁(咨询|问|打听)|咨询谁|问谁)"
        ),
    ),
    (
        "organisation",
        re.compile(
            r"(哪个|哪些|什么|哪家|哪一个|哪几个)(部门|单位|机关|机构|处室|厅|局)|谁(发|印发|出台|制定|负责|牵头|主管|组织)|"
            r"牵头|责任(单位|部门)|负责部门|主管部门|发文机关|抄报|抄送|由谁(?!担任|任|当)|归谁管"
        ),
    ),
    ("person", re.compile(r"(是谁|分别是谁|哪位|什么人担任|谁担任|谁当|谁任)")),
    # What a document was made under: "依据的是什么规定", "根据哪份文件".
    ("basis", re.compile(r"(依据|根据|依照|按照|贯彻)(的)?(哪|什么|啥)|(依据|根据)是")),
    ("document", re.compile(r"(文号|什么文件|哪个文件|哪份文件|依照)")),
    (
        "date",
        re.compile(
            r"(哪天|哪一天|哪日|几月几[日号]|什么时候|啥时候|何时|日期|哪个月|几月份|哪年(印发|发布|出台))"
        ),
    ),
    (
        "period",
        re.compile(rf"({_IN_FORCE}|{_UNTIL}|截至|实施期|几年|多少年|多长时间|多久)"),
    ),
    # A share before people: "技能人才占就业人员比例的目标是多少" asks for a percentage.
    # "工资的多少": what share of a named amount.
    ("percent", re.compile(r"(比例|占比|百分之|%|几成|比重|匹配度|百分点|的多少[？?。]?$)")),
    (
        "people",
        re.compile(
            rf"((多少|几)(个)?(人|名|位)|人次|(培养|培训|新增|输送|招收|带){_NOT_PAID_GAP}(多少|几)(?!{_NOT_PEOPLE}|{_MONEY_NOUNS})|"
            rf"(人才|人员|职工|工人|学徒|毕业生|劳动者|人数|名额){_NOT_PAID_GAP}(多少|几)(?!{_NOT_PEOPLE}|{_MONEY_NOUNS}))"
        ),
    ),
    # "哪几个方面" asks for a list, not a count.
    (
        "count",
        re.compile(
            # "几个钱" is money said plainly, not a count.
            r"((?<!哪)几个(?!月|小时|星期|工作日|钱)|多少个(?!月|小时|星期|工作日|钱)|(?<!哪)几家|多少家|几场|多少场|(?<!哪)几项|多少项|几届|几所|多少所|(?<!哪)几条|多少条|"
            r"(?<!哪)几次|多少次)"
        ),
    ),
    (
        "money",
        re.compile(
            r"(多少钱|几块钱|几个钱|多少元|几元|几万块|金额|(补贴|资助|奖励|补助|津贴)标准|标准(是)?多少|"
            rf"({_MONEY_NOUNS})[^，,。？?]{{0,10}}(多少|(?<!哪)几|上限|最多|最高)(?!次|回|遍)|"
            # "安家补贴怎么算的", "津贴按什么标准发": how a benefit's amount is worked out is its
            # rule ("一天的工资是怎么算出来的" asks a method, answered by the article stating it).
            rf"({_BENEFIT_NOUNS})[，,]?[^，,。？?]{{0,6}}(怎么|如何|怎样|咋)(计算|算|核定)|"
            rf"({_BENEFIT_NOUNS})[^，,。？?]{{0,6}}按(什么|啥|哪个)(标准)?(计算|算|发)|"
            rf"(多少|几)(?!次|回|遍)[^，。？?]{{0,4}}(钱|费|{_MONEY_NOUNS})(?!性|培训)|"
            rf"{_PAID})"
        ),
    ),
    # "哪个目标更高", "差多少": a comparison of amounts reads figures.
    ("quantity", re.compile(_ANY_NUMBER + r"|更(多|少|高|低|大|小)|哪个(多|少|高|低|大)|差(多少|几)|相差")),
    (
        "procedure",
        re.compile(
            r"(怎么|如何|怎样|咋|去哪|在哪|到哪|向谁|找谁).{0,4}"
            rf"(申请|申报|办理|办|报名|领取|{_COLLECT}|认定|评价|考|参加|交|缴|买|参保|登记)|流程|程序|手续|渠道"
        ),
    ),
    ("condition", re.compile(r"(条件|要求|资格|门槛|符合|满足|够不够|够格)")),
    ("list", re.compile(r"(哪些|有什么|有啥|包括|包含|都有|哪几|什么样的)")),
    (
        "yesno",
        re.compile(
            rf"(能不能|可不可以|可以.{{0,12}}吗|{ASKS_EXISTS}|是否|能.{{0,12}}吗|会不会|会.{{0,12}}吗|算不算|给不给|"
            r"(能|可以)[^，。？?]{0,8}(不|没)[？?。！!]*$|"
            r"管不管|行不行|是不是|(行|对|合法|合理|正常|允许|违法)(吗|么|嘛|不)|"
            # "俺54了，还中不", "成不成": 中 and 成 said for 行, at the end of the question.
            r"(中|成)不(中|成)?[？?。！!]*$|"
            # "还发不发", "领不领得到": a verb asked as itself and its negation.
            r"(?P<verb>[发给领拿补算管要批退办])不(?P=verb)|"
            # "离职后还发吗": whether it goes on.
            r"(还|继续)(发|领|给|享受|拿)[^，。？?]{0,4}(吗|么|嘛)|"
            # "适用于社会组织吗", "包括个体户吗": whether a rule reaches someone.
            r"(适用|包括|包含|覆盖)[^，。？?]{0,12}(吗|么|嘛))"
        ),
    ),
)
_COMPARE = re.compile(
    r"(分别|各自|各是|各有|各多少|一样吗|一样不|一样么|相同|不同|区别|差别|差异|差多少|相差|对比|比较|相比|比起|"
    r"哪个(多|少|长|短|高|低|大|早|晚|更)|更(多|少|长|短|高|低|大|早|晚)|谁(多|少|高|低|早|晚))"
)
# A comparison asking which is more, or by how much ("哪个高", "差多少"): of amounts, only
# amounts, and their difference when each side states one.
HOW_MUCH_MORE = re.compile(r"哪个(多|少|高|低|大)|谁(多|少|高|低)|差多少|相差|更(多|少|高|低)")
# A question about the asker's own situation: "我是…", "俺在…", a profile.
_SELF = re.compile(r"(我|俺|本人|咱|我们|我家)")
_BENEFIT_ASK = re.compile(
    r"(能享受|可以享受|享受|能拿|能领|能得|能参加|可以参加|能报|可以报|有什么|有啥|有哪些|哪些|有没有|能不能|"
    r"可不可以|给不给|补贴|补助|奖励|待遇|政策|支持|优惠|福利|培训)"
)


class AnswerKind(BaseModel):
    """The answer types a question part wants, main type first."""

    types: list[AnswerType]

    @property
    def main(self) -> AnswerType:
        return self.types[0]

    @property
    def wants_figure(self) -> bool:
        return self.main in FIGURE_TYPES

    def wants(self, kind: AnswerType) -> bool:
        return kind in self.types


# A unit written right after 多少/几 says what is counted, whatever else the question names:
# "学徒制每人补贴多少元" asks for yuan.
_EXPLICIT_UNIT: tuple[tuple[AnswerType, re.Pattern[str]], ...] = (
    ("money", re.compile(rf"(多少|几)(块|个)?(钱|元|万元|块)|{_PAID}")),
    ("people", re.compile(r"(多少|几)(个)?(人次|人|名)")),
    ("percent", re.compile(r"(多少|几)(个)?(百分点|成)|百分之(多少|几)")),
    ("quantity", re.compile(_DURATION)),
    ("count", re.compile(r"(多少|(?<!哪)几)(个(?!月|小时|星期)|家|项|所|场|条|批|届)")),
)


# "缴费年限不够怎么办": what can be done about a situation, not how to apply for something
# ("社保卡怎么办" does ask how to get the card).
_REMEDY = re.compile(r"(?<![证卡])怎么办[呢啊呀？?。！!]*$")


def _procedure_words(text: str) -> str:
    """The text as the procedure patterns read it: a closing "怎么办" asks for a remedy."""
    return _REMEDY.sub("", text.strip())


# "好几个人都失业了", "干了十几年": several, told; not a number asked.
_SEVERAL = re.compile(r"好几|十几|几十(?![万元块])")


def answer_kind(text: str) -> AnswerKind:
    """Every type whose words the text uses, in the order of `_PATTERNS`; 'general' if none.
    An explicit unit after 多少/几 comes first; a question whose last clause asks only yes or
    no ("先拿几箱货抵工资，这样行吗") is a yes-or-no question whatever its story counts."""
    text = _SEVERAL.sub("多", text)
    found: list[AnswerType] = _types(text)
    explicit = next((kind for kind, pattern in _EXPLICIT_UNIT if pattern.search(text)), None)
    if explicit is not None:
        found = [explicit, *(k for k in found if k != explicit)]
    if found[:1] != ["yesno"] and (asks_judgement(text) or asks_obligation(text)):
        found = ["yesno", *(k for k in found if k != "yesno")]
    return AnswerKind(types=found or ["general"])


# Whether something done is allowed, asked of the whole story before it: "这样行吗", "合法吗".
_JUDGEMENT = re.compile(r"^.{0,6}(行|对|合法|合理|正常|允许|违法|可以)(吗|么|嘛|不)$")


def asks_judgement(text: str) -> bool:
    """ "这样行吗", "合法吗", "对不对": whether what the question tells is allowed."""
    return bool(_JUDGEMENT.search(_last_clause(text)))


# Whether the asker must do or pay something, asked at the end of a story: "要赔这么多吗",
# "需要提前通知吗", "得交押金吗". A duty asked about, not a benefit to list.
# "需要什么材料吗" asks what, not whether: no question word may follow.
_OBLIGATION = re.compile(
    r"^.{0,4}(要|需要|得|必须|应该|应当)(?![^，,。]*(什么|哪|多少|几|怎|谁))[^，,。]{0,12}(吗|么|嘛)$"
)


def asks_obligation(text: str) -> bool:
    return bool(_OBLIGATION.search(_last_clause(text)))


# What a "能…吗" question asks to get or do: "能领失业金吗" → 失业金, "可以参加电工培训吗" → 电工培训.
_ASKED_OBJECT = re.compile(
    r"(能|可以|能不能|可不可以|能否)(享受|领取|领到|领|申请|参加|拿到|拿|得到|获得|报名|报|办理|入住|住)"
    r"(?P<object>[^，,。？?！!吗呢么]{1,12})(吗|呢|么|[？?]|$)"
)


# What a "有…吗" question asks exists: "参加职业培训有补贴吗" → 补贴 (the training is context).
_EXISTS_OBJECT = re.compile(
    r"(有没有|有无)(?P<object>[^，,。？?！!吗呢么]{1,10})|有(?P<object2>[^，,。？?！!吗呢么]{1,10})(吗|么)"
)


# What a "能…吗 / 可以…吗" question asks to do, whatever its verb: "可以直接落户吗" → 直接落户.
# The last modal of the question governs it ("技能人才可以…": 技能's 能 is no modal, nor is
# 能力's). The 可以 verdict (answer/compose.py) reads the same one.
MODAL = re.compile(r"能不能|可不可以|能否|可以|能(?!力)")
_ACT_END = re.compile(r"^(?P<act>[^，,。？?！!吗呢么]{2,12})(吗|呢|么|[？?]|$)")


def negative_of(question: str) -> str:
    """The no a yes-or-no question takes: "没有。" for "有…吗" (whether something exists),
    "不能。" for "能…吗" (the 能 of 技能 aside) and any other."""
    exists = re.search(ASKS_EXISTS, question) or re.search(r"有[^，。？?]*吗", question)
    return "没有。" if exists and not MODAL.search(question.replace("技能", "")) else "不能。"


def asked_act(text: str) -> str | None:
    """What a "能…吗" question asks to be allowed to do; None when it asks which or how much."""
    text = text.strip()
    modals = list(MODAL.finditer(text))
    rest = text[modals[-1].end() :] if modals else ""
    match = _ACT_END.match(rest)
    if match is None or re.search(r"哪|什么|啥|多少|几|怎", rest):
        return None
    return match.group("act")


def asked_object(text: str) -> str | None:
    """The thing a yes-or-no question asks to get, take part in or exist; None when it names
    none."""
    exists = _EXISTS_OBJECT.search(text.strip())
    if exists is not None:
        found = (exists.group("object") or exists.group("object2") or "").strip("的了")
        return None if re.match(r"什|啥|哪", found) else found or None  # "有什么" asks which
    match = _ASKED_OBJECT.search(text.strip())
    if match is None or re.search(r"哪|什么|啥|多少|几", match.group("object")):
        return None  # "能参加哪些培训" asks which, not whether
    return match.group("object").strip("的了") or None


def _types(text: str) -> list[AnswerType]:
    return [
        kind
        for kind, pattern in _PATTERNS
        if pattern.search(_procedure_words(text) if kind == "procedure" else text)
    ]


def _last_clause(text: str) -> str:
    return re.split(r"[，,；;]", text.strip().rstrip("？?。！! "))[-1]


def asks_document_number(text: str) -> bool:
    """The question asks a document's 文号 ("文号是多少", "发文字号"), not one it gives."""
    return re.search(r"文号|字号", text) is not None and re.search(r"[〔\[(（]\d{4}[〕\])）]", text) is None


def names_money(text: str) -> bool:
    """The text names something paid ("补贴", "奖金", "资助" …), whatever it asks of it."""
    return re.search(_MONEY_NOUNS, text) is not None


def asks_comparison(text: str) -> bool:
    return bool(_COMPARE.search(text))


def speaks_of_self(text: str) -> bool:
    return bool(_SELF.search(text))


def asks_benefits(text: str) -> bool:
    """What can this person get: a benefit, a treatment, a training."""
    return bool(_BENEFIT_ASK.search(text))


# A question about a document itself: its number, issuer, date or period. Retrieval puts the
# document's header clause first for these.
_METADATA_QUESTION = re.compile(
    r"(文号|发文|哪几?个(部门|单位|机关)|哪些(部门|单位|机关)(联合|共同)?(印发|发)|谁(发|印发|出台|制定)|哪(天|一天|年)(印发|发|出台|发布)?|"
    rf"什么时候(印发|发布|出台|发的)|印发(日期|时间)|什么文件|哪个文件|"
    rf"年份|管(几|哪几|多少)年|{_IN_FORCE}|{_UNTIL})"
)
# Whether a document is still in force, asked outright: answered from its metadata.
_VALIDITY_QUESTION = re.compile(
    rf"({_IN_FORCE}|有效吗|还在执行|还执行|现行|废止|实施期限|管到|"
    r"(什么时候|啥时候|何时|哪年|哪一年|几时)(结束|终止|停止|到头)|结束了(吗|没)|"
    r"(执行|实施|施行|有效)(到|至)(什么时候|啥时候|何时|哪年|哪一年|哪天|几时)|"
    # "这个政策到啥时候": a document's own end, not a deadline within it.
    r"(政策|文件|方案|通知|办法|规定|措施|意见|细则)[^，。？?]{0,4}(到|至)(什么时候|啥时候|何时|哪年|哪一年|几时)|"
    # A year put forward for when it took effect: "是2024年施行的吗".
    r"\d{4}年[^，。？?]{0,4}(开始)?(施行|生效)的?(吗|么|嘛|[？?])|"
    # When it took effect: "从哪天开始施行", "什么时候生效".
    r"(什么时候|啥时候|何时|哪天|哪一天|哪年|几号)(开始|起)?(施行|生效)|从[^，。？?]{0,4}(开始|起)(施行|生效))"
)


# A thing other than a document that expires: "残疾人证的有效期", "资格证书过期了", "卡到期". Its
# validity is a rule in a document's body, not the document's own period.
_THING_EXPIRES = re.compile(r"(证书?|卡|券|资格|执照|许可|身份证明?)的?(有效期|过期|到期|失效)")


def thing_expiring(text: str) -> str | None:
    """The thing (not a document) whose validity a question asks: "残疾人证的有效期是几年" → 残疾人证."""
    match = _THING_EXPIRES.search(text)
    if match is None:
        return None
    before = re.split(r"[，,。？?、\s]", text[: match.start()])[-1]
    return (before + match.group(1))[-8:]


# Who pays a benefit out ("荆门工匠的奖励由谁发"): not who issued the document.
WHO_PAYS = re.compile(r"(奖励|补贴|补助|津贴|奖金|钱)[^，。？?]{0,4}(由)?谁(来)?(发|给|出|颁发|发放)")


def asks_metadata(text: str) -> bool:
    """A question about a document itself: its number, date, issuer or period."""
    if WHO_PAYS.search(text):
        return False
    return bool(_METADATA_QUESTION.search(_THING_EXPIRES.sub("", text))) or asks_issue_date(text)


def asks_validity(text: str) -> bool:
    """ "还有效吗", "过期了没有", "废止了吗": whether a document is still in force (not which
    one it repeals: "废止了哪个文件")."""
    if asks_what_it_repeals(text):
        return False
    return bool(_VALIDITY_QUESTION.search(_THING_EXPIRES.sub("", text)))


_REPEALS_WHAT = re.compile(r"废止(了|的是)?(哪|什么|啥)")


def asks_what_it_repeals(text: str) -> bool:
    """ "这个细则废止了哪个文件？": the document it repeals."""
    return _REPEALS_WHAT.search(text) is not None


# The aspects a follow-up asks of a subject already named ("那怎么申请？" after an award
# question). Each is answered from a sentence that states it, or said not to be stated;
# never by the earlier answer again. Amounts are the "money" type above.
Aspect = Literal[
    "procedure",
    "place",
    "materials",
    "deadline",
    "review",
    "payment",
    "times",
    "duration",
    "publicity",
    "conditions",
    "exclusions",
    "stops",
    "funding",
    "sanction",
    "recipient",
]
# A count of claims put forward: "一年能领4次吗", "一年能领两次职业培训券吗". The times aspect
# and the verdict against "每人每年最多享受3次" (answer/compose.py) read it.
COUNT_ASKED = re.compile(
    r"(领|享受|申请|申领|拿)[^，。？?\d]{0,3}(?P<n>\d{1,2}|[两二三四五六七八九十])(次|回)[^，。？?]{0,8}(吗|么|嘛|[？?]|$)"
)
_ASPECTS: tuple[tuple[Aspect, re.Pattern[str]], ...] = (
    # What befalls those who cheat: "骗补贴会怎么样", "冒领有什么后果" (before the deadline's
    # "几年内", which a sanction's answer states).
    (
        "sanction",
        re.compile(
            r"(骗|套取|冒领|虚报|伪造|造假|弄虚作假)[^，。？?]{0,8}"
            r"(怎么样|怎样|怎么办|后果|处罚|处理|惩罚|追究|查处|坐牢|罚)|"
            # "几年内不能再领？" after such a question: how long the ban lasts.
            r"(几|多少)年(内|之内|以内)?[^，。？?]{0,2}不(能|可以|得|让)再"
        ),
    ),
    # To whom the money goes, a person or the employer: "补贴发给谁", "发给企业还是个人" (not
    # "是给谁的", whom a benefit is for: its conditions).
    (
        "recipient",
        re.compile(
            r"(发|拨|拨付|打|钱)给谁|给谁发|"
            r"(发给|给|拨给|拨付给|打给)?(企业|单位|公司|厂里)还是(给)?(个人|职工|本人|工人|学徒)|"
            r"(发给|给|打给)?(个人|职工|本人|工人|学徒)还是(给)?(企业|单位|公司|厂里)"
        ),
    ),
    (
        "materials",
        re.compile(
            r"材料|证件|证明|带什么|带啥|准备什么|准备啥|(提)?交(什么|啥|哪些)(?!费)|提供(什么|啥|哪些)|需要什么"
        ),
    ),
    # Who pays a benefit out: "奖励由谁发", "这钱谁给" (not when it arrives: payment).
    ("funding", WHO_PAYS),
    # Who files, the asker or the employer, asked as such: "是个人自己去申报吗", "要单位统一报
    # 吗" (not "我自己写了申请说不休年假", which tells what the asker did).
    (
        "procedure",
        re.compile(
            r"(个人|自己|本人)(自己)?(去|来)?(申报|申请|报)(吗|么|嘛|不|还是)|"
            r"(单位|企业|公司)(统一)?(去|来)?(申报|申请|报)(吗|么|嘛|不|还是)|谁(来|去)?(申报|申请)"
        ),
    ),
    # Where results are posted: "复核结果在哪里公示".
    (
        "publicity",
        re.compile(
            r"(在哪|哪里|什么地方|哪儿|哪个网站)[^，。？?]{0,2}(公示|公布)|(公示|公布)在(哪|什么地方)|"
            # "结果在哪看？", "名单去哪查": where the results are posted.
            r"(结果|名单)[^，。？?]{0,2}(在哪|去哪|哪里|哪儿)[^，。？?]{0,2}(看|查|公布|公示)"
        ),
    ),
    # How long one must have worked: "要在单位干满多久".
    ("conditions", re.compile(r"(干|工作|上班|做)满?[^，。？?]{0,2}(多久|几年|多长时间)")),
    # When and where the money arrives ("多久能到账", "钱打到哪里", "多久能批下来"): a
    # step after applying, not a deadline for it.
    (
        "payment",
        re.compile(
            # "安家补贴最长发多久" asks how long it is paid: its duration.
            r"到账|打到|打款|发到|发放到|(钱|补贴|补助|津贴|奖励|奖金|资金)[^，。？?]{0,4}(打|发)(?!放?(对象|标准|范围|条件|多少|几))"
            r"(?![^，。？?]{0,2}(多久|多长时间|几年|几个月|多少个月|多少年))|发一次|多久发|几个月发|"
            r"(什么时候|啥时候|何时|几号)(开始)?(发|打)(?![的布])|(哪天|几号|哪一天)(能|会|才)?(到|发钱)|"
            r"(多久|多长时间|什么时候|啥时候|何时|几时)[^，。？?]{0,3}(发放|发钱|发下来|打|拨付)|"
            # In how many instalments: "分几次领", "是一次性发完吗".
            r"分几(次|期|批)|一次性(发|给|付|到账)|一次(发完|给完|付清)"
        ),
    ),
    # How long the review takes: "审核要多久", "多久能批下来".
    (
        "review",
        re.compile(
            r"(审核|审批|初审|复核)(要|需要|得)?(多久|多长时间|几天|几个工作日|多少天|多少个?工作日)|批下来|"
            r"(多久|多长时间|几天)[^，。？?]{0,3}(审核完|审批完|审完|批|审)"
        ),
    ),
    # How often one may have it: "一年能领几次", "能享受几回".
    # ... or a count put forward: "一年能领4次吗".
    (
        "times",
        re.compile(r"(领|享受|申请|申领|拿|补)[^，。？?]{0,3}(几|多少)(次|回)|" + COUNT_ASKED.pattern),
    ),
    # How long it is paid: "能领多长时间", "最多能领几年".
    (
        "duration",
        re.compile(r"(领|享受|发|补|拿)[^，。？?]{0,4}(多久|多长时间|几年|几个月|多少个月|多少年)"),
    ),
    # The public notice before payment: "公示几天".
    ("publicity", re.compile(r"公示[^，。？?]{0,3}(几天|多久|多长时间|期|时间|多少天|几个工作日)")),
    # When it stops being paid: "什么情况下停发", "什么时候停止发放".
    ("stops", re.compile(r"停发|停止(发放|享受|支付)|不再发|(什么|啥|哪些)情况[^，。？?]{0,4}(停|取消)")),
    # Where the money comes from: "补助资金从哪里出", "钱谁出".
    (
        "funding",
        re.compile(
            r"(资金|钱|经费|补贴|补助|奖励|津贴)[^，。？?]{0,6}(从哪|哪里来|哪儿来|来源|谁出|谁来出|哪出|从什么)|"
            r"(谁|哪里|哪个部门)(出钱|掏钱|买单)"
        ),
    ),
    # Whom it leaves out: "哪些人不能申请".
    (
        "exclusions",
        re.compile(
            r"(哪些|什么)人(不能|不可以|不得|不)(申请|领|享受)|谁不能(申请|领|享受)|不能(申请|领|享受)的(人|有)"
        ),
    ),
    # Whom it is for and on what conditions: "哪些人能申请", "要满足什么条件".
    (
        "conditions",
        re.compile(
            r"(什么|啥|哪些)条件|条件是什么|哪些人(能|可以)?(申请|领|享受)|"
            r"谁(能|可以)(申请|领|享受)|补贴对象|适用对象|是给谁的|给谁的|符合什么|"
            # "细则适用于哪些人", "适用范围是什么": whom a rule covers.
            r"适用(于)?(哪些|什么|啥)(人|对象|企业|单位|人员)|适用范围|"
            # "有年龄限制吗": a condition on age.
            r"(年龄|岁数)[^，。？?]{0,2}(限制|要求|条件|规定|上限)|多大(年纪|岁数)"
        ),
    ),
    # "多久" alone is how long something lasts ("最多能领多久"); "多久内" is until when.
    (
        "deadline",
        re.compile(
            # "今年才想起来申请，来得及吗": whether a deadline has passed.
            r"截止|截至|什么时候|啥时候|何时|哪天|几号|期限|时限|时间限制|逾期|来得及|来不及|"
            r"(多久|多长时间|(多少|几)个?(天|日|工作日|月|年))(内|之内|以内)"
        ),
    ),
    (
        "place",
        re.compile(
            r"(去|到|在|找)(哪里|哪儿|什么地方|何处|哪(?![几些个类一项方]))|哪个(窗口|地方|网站|平台)|地点|地址|"
            rf"(哪里|哪儿)(能|可以|可)?(报名|申请|申报|办理|办|{_COLLECT})"
        ),
    ),
    (
        "procedure",
        re.compile(
            rf"(怎么|如何|怎样|咋)(样)?.{{0,4}}(申请|申报|办理|办|报名|领取|{_COLLECT}|参加|评|认定)|流程|程序|手续|"
            # "由谁申报", "谁来办": who applies is how it is applied for; so is what to do when
            # the employer will not ("公司不给我办咋整").
            r"(由谁|谁来|谁去|谁给)(申请|申报|办理|办|报)|"
            r"(公司|单位|厂里|老板|企业)[^，。？?]{0,3}不(给|帮|替)我?(办|报|申请|申报)"
        ),
    ),
)
# Aspect names as the answer says them: "现有文件没有写明…的{申请办法}".
ASPECT_NAMES: dict[str, str] = {
    "procedure": "申请办法和流程",
    "place": "办理地点或报名渠道",
    "materials": "所需材料",
    "deadline": "截止时间",
    "review": "审核时限",
    "payment": "补贴发放的时间和方式",
    "times": "可以享受的次数",
    "duration": "可以享受的期限",
    "publicity": "公示期",
    "conditions": "申请条件和对象",
    "exclusions": "不能申请的人员",
    "stops": "停止发放的情形",
    "funding": "资金来源",
    "sanction": "违规骗取补贴的处理",
    "recipient": "资金发给谁（个人还是单位）",
}


# When a document was issued ("什么时候印发的", "啥时候出台的") is its date, not a deadline.
# "什么时候发的" asks when it was issued; "每季度什么时候发？" when the money is paid.
_ISSUED = re.compile(
    r"(什么时候|啥时候|何时|哪天|哪一天|哪年|几号|哪个?月)(印发|发布|出台|下发|发(?=的))|"
    # "是2023年发的吗": a year put forward for the date to confirm.
    r"\d{4}年[^，。？?]{0,4}(印发|发布|出台|下发|发)的?(吗|吧|么|嘛|[？?])"
)


def asks_issue_date(text: str) -> bool:
    """ "哪天发的", "什么时候印发的": the date a document was issued, not its period."""
    return bool(_ISSUED.search(text))


# What a question asking only an aspect is made of besides the aspect ("在哪里能报名？",
# "要怎么申请呢"): the acts applied for, modal and filler words.
_ASPECT_ONLY = re.compile(
    r"[在去到找要能可以该应呢吗啊呀？?。！!，,\s]|哪里|哪儿|哪|什么|怎么|如何|怎样|咋|地方|"
    r"报名|申请|申报|办理|办|领取|领|参加|手续|流程|程序|材料|带|准备|需要|提交|截止|时间|时候|多久|内|地点|地址|"
    r"到账|打到|发到|钱|发|打|批下来|审核|给谁"
)


def bare_aspect(text: str) -> Aspect | None:
    """The aspect a question asks when it asks nothing else ("在哪里能报名？" once its place is
    taken out): it asks the aspect of whatever the documents offer, and a sentence that only
    shares its verb ("按学历报名参加招聘") is not the answer. None for "技能培训去哪报名"."""
    asked = asks_aspect(text)
    return asked if asked is not None and not _ASPECT_ONLY.sub("", text) else None


# What a yes-or-no question is made of when it names nothing it asks about ("能参加吗？",
# "我可以申请吗"): modal and filler words, the acts applied for, the asker.
_NOTHING_NAMED = re.compile(
    r"[在去到找要能会可以该应呢吗嘛么啊呀吧有没不行是我俺？?。！!，,\s]|这个|那个|"
    r"报名|申请|申报|办理|办|领取|享受|领|拿|参加|参与"
)


def asks_nothing(text: str) -> bool:
    """A first question that asks whether, but names no training, benefit or rule: what it
    asks about is for the asker to say, not for the documents to guess."""
    return bool(text.strip()) and not _NOTHING_NAMED.sub("", text) and asks_aspect(text) is None


# The headings under which notices state each aspect ("三、申请程序 › （一）申请方式").
_ASPECT_HEADINGS: dict[str, re.Pattern[str]] = {
    # "发放方式" is how the money is paid (payment), not how one applies.
    "procedure": re.compile(r"(申请|申领|申报|办理|经办)(程序|方式|办法|流程)|操作流程|办理指南"),
    "place": re.compile(r"(申请|申领|申报|办理|受理)(方式|地点|渠道|窗口)"),
    "materials": re.compile(r"(申请|申领|申报|所需|提交|报送)(材料|资料)"),
    "deadline": re.compile(r"(申请|申领|申报|办理|受理)(时限|时间|期限)|截止(时间|日期)"),
    "payment": re.compile(r"(审核|资金|补贴)(发放|拨付)|发放(方式|时间|程序)"),
    "times": re.compile(r"享受次数|申领次数"),
    "review": re.compile(r"审核|审批|复核"),
    "duration": re.compile(r"(享受|发放|补贴)期限"),
    "publicity": re.compile(r"公示"),
    "funding": re.compile(r"资金(来源|保障|渠道|筹集)|经费(来源|保障)"),
    "conditions": re.compile(
        r"(补贴|补助|支持|资助|发放|申领|申请|适用)(对象|范围|条件)|享受条件|申请人条件"
    ),
    "exclusions": re.compile(r"不予(补贴|受理)的(人员|情形)"),
    "stops": re.compile(r"停止(发放|享受)|停发"),
    "sanction": re.compile(r"监督管理|法律责任|违规处理|纪律要求"),
    "recipient": re.compile(r"发放对象|拨付对象"),
}


# What a sentence leaving people out of a scheme says: "下列人员不属于本次补贴范围：…",
# "机关事业单位工作人员不适用本办法", "已在其他城市享受…的，不再享受…". One home: the exclusion
# verdict, the aspect "哪些人不能申请" and the benefit catalogue read it.
LEAVES_OUT = re.compile(
    r"不属于[^。；]{0,12}(对象|范围)|不在[^。；]{0,12}范围|不(列入|纳入)[^。；]{0,12}(对象|范围)|"
    r"不包括|不得(申请|享受|申领|领取)|不予(补贴|享受)|"
    r"不适用(于)?本(办法|通知|细则|规定|政策|方案)|不(再|重复)享受|不享受本"
)
# What befalls those who cheat: "…骗取套取补贴资金的，应追回补贴资金并依法查处". It grants no
# one anything (ingest/benefits.py) and answers only "骗补贴会怎么样".
SANCTION = re.compile(r"追回|查处|骗取|套取|依法追究|取消[^。；]{0,10}(资格|资质)|黑名单")
# A rule ending a payment for those it names: "…有下列情形之一的，自次月起停止发放：…". Like a
# rule leaving people out, it is a 不能 for someone in that situation and grants nothing.
STOPS = re.compile(r"(停止|暂停|中止)(发放|享受|支付|审核)|停发|不予(发放|支付|拨付)")
# What a sentence that states each aspect says. The words are those notices and 申报指南
# use, not those of any one document.
_STATES: dict[str, re.Pattern[str]] = {
    "procedure": re.compile(
        # 向 / 到 / 由 as "to whom", not inside 双向, 面向, 达到, 理由.
        # "由本人向工作所在地县（市、区）人力资源和社会保障部门申请": a body's full name is long.
        r"((?<![双导面转走指意倾方])向|(?<![达得受])到|经|(?<![自理缘])由)[^，。；]{1,30}"
        r"(申请|申报|提出|审核|审批|备案|登记|认定)|"
        r"(申请|申报|报名)(流程|程序|方式|办法)[：:如]|(提交|填写|填报)[^，。；]{0,12}(申请|材料|表)|"
        r"(按|按照)[^，。；]{0,12}程序|先[^，。；]{1,12}(再|后)|网上(申请|申报|办理)|审核(通过)?后"
    ),
    "place": re.compile(
        r"(向|到|在|通过)[^，。；]{0,16}(人力资源和?社会保障|人社|部门|窗口|服务中心|服务大厅|"
        r"服务站|办事大厅|机构|平台|网站|小程序|公众号|APP|App|公共服务|经办)[^，。；]{0,8}(申请|申报|报名|办理|登记|领取|咨询)|"
        # "申请人登录…网上办事服务大厅或“洛阳人社”微信公众号，在线填写…"
        r"登录[^。；]{0,40}(网上办事|服务大厅|平台|网站|小程序|公众号|APP|App|系统)"
    ),
    "materials": re.compile(
        # "材料" said as what to hand in, not "自收到申请材料之日起10个工作日内" (a review time).
        r"材料[：:（(]|(提交|提供|携带|准备|上传|报送)[^，。；]{0,12}材料|材料(包括|清单)|"
        r"身份证|复印件|证明(材料)?|证书原件|申请表|登记表|营业执照|银行(账户|卡)|"
        r"(提交|提供|出具|携带|上传)[^，。；]{0,12}(证|表|书|件|合同)"
    ),
    "deadline": re.compile(
        r"(\d{4}年)?\d{1,2}月\d{1,2}日(前|之前|以前|截止|止)|截止(日期|时间)?|(之日起|起|后)\d+(个)?(日|月|工作日)内|"
        # "每季度首月10日前，向…报送": a day each period.
        r"每(月|季度|季|年|半年)[^。；，]{0,4}\d{1,2}日(前|之前|以前)|"
        r"每年\d{1,2}月|[\d一二三四五六七八九十两]+个?(年|月|工作日)(时间)?(内|之内|以内)|"
        r"用[\d一二三四五六七八九十两]+个?(年|月)(的)?时间|"
        # A window: "申报时间为2026年4月1日至5月15日", "逾期不予受理".
        r"\d{1,2}月\d{1,2}日(起)?(至|到|—|－|-)(\d{4}年)?\d{1,2}月\d{1,2}日|逾期不(再|予)?(受理|办理)"
    ),
    "payment": re.compile(
        r"分(\d+|[一二两三四五六七八九十])(次|期|批)(发放|拨付|支付|发)|一次性(发放|拨付|支付)|"
        r"发放(至|到|给)|拨付|到账|打入|按(月|季度?|半年度?|年度?)发放|(次月|当月)起(发放|计发)|"
        r"(\d+|[一二三四五六七八九十]+)个?工作日内[^。；]{0,20}(发放|拨付|审核)"
    ),
    "times": re.compile(
        r"(最多|限|只能|仅|可|不超过|不得超过)[^。；，]{0,8}[一二两三四五六七八九十\d]+次|[一二两三四五\d]+次为限|不得重复(享受|申领)"
    ),
    "duration": re.compile(
        r"(最长|累计不超过|不超过|最多)[^。；]{0,8}[\d一二三四五六七八九十两]+个?(月|年)|(享受|发放)期限"
    ),
    "publicity": re.compile(r"公示\s*[\d一二三四五六七八九十]+个?(工作日|日|天)|公示期"),
    "funding": re.compile(
        # "由市总工会给予一次性奖励2万元": who gives it.
        r"由[^，。；]{1,20}(给予|发放|颁发)|"
        r"列支|(资金|经费)来源|(从|由|在)[^。；]{0,20}(基金|资金|经费|预算)中?(列支|支出|安排|解决|承担)|"
        r"(资金|经费)由[^。；]{1,20}(承担|负担|分担|安排|保障|解决)|列入[^。；]{0,10}预算|"
        # "技能大师工作室建设补助由市级财政全额承担": who pays a benefit, named by it.
        r"(补贴|补助|津贴|奖励|奖金|贴息|资助)由[^。；]{0,12}(财政|基金|单位|企业)[^。；]{0,6}(承担|负担|分担|列支|支出)|"
        # "市财政局负责资金保障", "由市财政局按程序拨付资金": the body that pays it out.
        r"负责[^。；，]{0,6}(资金|经费)(保障|筹集|安排|拨付)|由[^，。；]{1,20}(拨付|支付)(资金|经费|补贴|奖励)"
    ),
    "conditions": re.compile(
        r"本(办法|通知|细则|规定)适用于|(同时)?(符合|满足|具备)(下列|以下)条件|申请条件|"
        # A bound on age: "申请时未达到法定退休年龄", "年龄不超过45周岁".
        r"(未|不)(达到|超过)[^。；，]{0,6}(年龄|周岁)|年龄(不超过|不满|在)|\d{2}周岁(以下|以上|以内)"
    ),
    "review": re.compile(r"[\d一二三四五六七八九十]+个?(工作日|日|天)内[^。；]{0,8}(审核|审批|初审|复核)"),
    "exclusions": LEAVES_OUT,
    "stops": STOPS,
    "sanction": SANCTION,
    # "补贴资金拨付给企业", "不得发放给个人", "给予企业奖励", "发放至本人社会保障卡".
    "recipient": re.compile(
        r"(拨付|发放|支付|发|拨|兑付|结算)(给|至|到)[^，。；]{0,12}(企业|单位|个人|本人|账户|社会保障卡|银行卡|机构)|"
        r"给予(用人)?(企业|单位)[^，。；]{0,4}(奖励|补贴|补助)"
    ),
}


def states(sentence: str, aspect: Aspect) -> bool:
    """The sentence states this aspect (how, where, what to bring, until when)."""
    if aspect == "materials" and _NOT_MATERIALS.search(sentence):
        return False
    return bool(_STATES[aspect].search(sentence))


# Sentences naming documents that are no list of what to bring: a sanction ("伪造证明材料骗取
# 津贴的") and a payment ("发放至本人社会保障卡银行账户").
_NOT_MATERIALS = re.compile(r"骗取|伪造|追回|(发放|拨付|打)(至|到|入)")


# Of the sentences stating an aspect, those that say it outright: where and by when the money
# arrives ("于次月15日前…发放至本人社会保障卡"), not only how often ("按月发放").
_STATES_OUTRIGHT: dict[str, re.Pattern[str]] = {
    "payment": re.compile(r"(发放|拨付|打|存)(至|到|入)|到账|\d+日前"),
}


def states_outright(sentence: str, aspect: Aspect) -> bool:
    pattern = _STATES_OUTRIGHT.get(aspect)
    return pattern is None or bool(pattern.search(sentence))


def titles_aspect(label: str, headings: list[str], aspect: Aspect) -> bool:
    """A clause is titled for the aspect: by its own run-in title ("（二）申请材料。…", in its
    label) or by the heading just above it ("一、补贴对象" over its items). The label's
    document title is not the clause's ("《…津贴发放办法》第七条" is not titled 发放办法)."""
    return heads_aspect([re.sub(r"^《[^》]*》", "", label), *headings[-1:]], aspect)


def heads_aspect(headings: list[str], aspect: Aspect) -> bool:
    """One of the clause's headings names where the notice states this aspect."""
    return any(_ASPECT_HEADINGS[aspect].search(h) for h in headings if h)


# "…，离职后还发吗", "搬去长沙工作了，津贴还发吗": whether what the asker has goes on after a
# change.
GOES_ON = re.compile(
    r"(还|继续)(能|可以|会)?(发|领|有|享受|给)[^，。？?]{0,3}(吗|么|不|？|\?|$)|(发|领)不(发|领)"
)


def aspect_asked(piece: str) -> Aspect | None:
    """The aspect a question asks of a benefit: alone ("怎么申请？"), or of a benefit it names
    ("安家补贴要什么材料？", "补助资金从哪里出"). "领导小组多久开一次会" and "创业大学什么时候
    挂牌" ask facts of their own, not when or how something is applied for or paid."""
    asked = asks_aspect(piece)
    if asked is None:
        return None
    return asked if bare_aspect(without_places(piece)) or names_money(piece) else None


# Who issued a document: "是谁发的", "哪个部门印发的" (not a payment's "谁发钱").
_ISSUER = re.compile(
    r"(谁|哪几?个(部门|单位|机关)|哪些(部门|单位|机关))(联合|共同)?(印发|发布|出台|下发|制定|发(?=的))"
)


# Whether there is a requirement on something: "有户籍要求吗", "对学历有要求吗", "年龄有限制
# 吗". "对工资涨幅有什么要求" asks what a rule requires, a question of its own.
_NOT_ASKING = r"(?:(?![有对的要需没什么啥哪些吗])[\u4e00-\u9fff])"
_REQUIREMENT = re.compile(
    rf"(?P<x>{_NOT_ASKING}{{2,4}}?)(方面)?(有没有|有|的)?(特别的?)?(限制|要求|门槛)(吗|么|不|没有|[？?]|$)"
)
# Words that name what is applied for or asking itself, not what a requirement is on.
_NO_REQUIREMENT = frozenset(
    (
        *("申请", "申领", "条件", "其他", "其它", "具体", "特别", "补贴", "补助", "津贴", "奖励"),
        *("报名", "培训", "政策", "这个", "那个"),
        *("企业", "单位", "个人", "职工", "人员"),  # who is held to it, not what it is on
    )
)


def asked_requirement(text: str) -> str | None:
    """What a question asks a requirement on ("有户籍要求吗" → 户籍), None when it asks none
    or only the requirements in general ("申请有什么要求")."""
    for match in _REQUIREMENT.finditer(text):
        named = match.group("x")
        if named not in _NO_REQUIREMENT and not any(named.endswith(w) for w in _NO_REQUIREMENT):
            return named
    return None


def asks_aspect(text: str) -> Aspect | None:
    """The aspect a (follow-up) question asks: how to apply, where, what materials, until
    when; None when it asks none of them, or asks about the document itself ("什么时候印发的"
    is its date, not a deadline)."""
    if _ISSUED.search(text) or _ISSUER.search(text) or asks_validity(text):
        return None  # the document's own date, issuer or period: answered from its metadata
    named = next(
        (
            aspect
            for aspect, pattern in _ASPECTS
            if pattern.search(_procedure_words(text) if aspect == "procedure" else text)
        ),
        None,
    )
    return named or ("conditions" if asked_requirement(text) else None)
