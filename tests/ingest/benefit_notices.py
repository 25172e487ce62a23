"""Four small notices of our own for the benefit catalogue and eligibility answers: a
province (浙江), one of its cities (杭州), a national one (人社部) and an expired one (广东,
2019—2021). None is a source of the project or quotes one."""

from __future__ import annotations

from assistant.ingest.corpus import build_document
from assistant.models import Document

ZHEJIANG = """浙江省人力资源和社会保障厅关于实施技能提升三年行动的通知
浙人社发〔2025〕9号
各市人力资源社会保障局：
一、工作目标
到2027年，全省开展补贴性职业技能培训30万人次。
二、支持措施
（一）退役军人技能培训。对参加职业技能培训并取得职业技能等级证书的退役军人，给予每人2000元培训补贴。
（二）残疾人培训。面向有就业意愿的残疾人，免费开展盲人按摩、电子商务等技能培训。
（三）高校毕业生见习。离校两年内未就业高校毕业生参加就业见习的，按规定给予见习补贴。
（四）其他支持。对退役军人的其他支持政策，由各市结合实际研究制定。
三、组织保障
责任单位：省退役军人事务厅、省人力资源社会保障厅。
本通知自印发之日起施行，有效期至2027年12月31日。
浙江省人力资源和社会保障厅
2025年3月1日
"""

HANGZHOU = """杭州市人力资源和社会保障局关于支持退役军人创业就业的通知
杭人社发〔2025〕3号
一、创业扶持
自主创业的退役军人，可申请创业担保贷款，最高30万元，并按规定给予贴息。
二、就业服务
取得高级工以上职业资格的退役军人，优先推荐到重点企业就业。
本通知自印发之日起施行，有效期三年。
杭州市人力资源和社会保障局
2025年5月10日
"""

NATIONAL = """人力资源社会保障部关于开展残疾人职业技能提升行动的通知
人社部发〔2024〕20号
各省、自治区、直辖市人力资源社会保障厅（局）：
一、技能提升补贴
对取得技师职业资格的残疾人，给予一次性技能提升补贴3000元。
二、岗位培训
企业职工参加岗位技能培训的，按规定给予职业培训补贴。
三、退役军人学历教育
退役军人参加学历教育的，按规定享受学费资助。
人力资源社会保障部
2024年6月1日
"""

GUANGDONG_OLD = """广东省人力资源和社会保障厅关于退役军人职业培训的通知
粤人社发〔2019〕5号
一、培训补贴
退役军人参加职业技能培训的，给予每人1500元培训补贴。
本通知有效期至2021年12月31日。
广东省人力资源和社会保障厅
2019年2月1日
"""


def notices() -> dict[str, Document]:
    """The four notices ingested, by short name (zj, hz, rsb, gd; also their doc_ids)."""
    texts = {"zj": ZHEJIANG, "hz": HANGZHOU, "rsb": NATIONAL, "gd": GUANGDONG_OLD}
    return {name: build_document(f"{name}.txt", text, None) for name, text in texts.items()}
