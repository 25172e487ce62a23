"""所在地区 read with the national division table: the place recognised, or a plain word
that the text is not a place. Plain functions of plain values (no gradio)."""

from __future__ import annotations

import re

from pydantic import BaseModel

from assistant.jurisdiction import NATIONAL_WORDS, correct_place_names, every_place, find_places, place_named
from assistant.models import Jurisdiction

# What may surround place names in a region box: level words, separators, spaces.
_FILLER = re.compile(r"[\s,，、·/\\\-—>›()（）省市县区盟州自治]+")


class RegionReading(BaseModel):
    """What the 所在地区 box says: the text kept for the profile, and the place it names."""

    text: str = ""
    place: Jurisdiction | None = None
    problem: str = ""  # a sentence for the user when the text is not a place


def read_region(raw: str | None) -> RegionReading:
    """A region is a place name (无锡, 江苏省宿迁市, 全国) and nothing else; a sentence that
    merely mentions a place (a question typed in the wrong box) is not taken as the region."""
    text = (raw or "").strip()[:40]
    if not text:
        return RegionReading()
    rest = text
    for word in NATIONAL_WORDS[:1]:
        rest = rest.replace(word, "")
    for match in sorted(find_places(text), key=lambda m: -len(m.name)):  # longest first
        rest = rest.replace(match.name, "")
    matches = find_places(text)
    # 江苏省宿迁市: the city is the place; the province before it only confirms it.
    place = next((m.jurisdiction for m in matches if m.jurisdiction.city), None) or place_named(text)
    if place is None and not matches:
        # "蒲田" typed for 莆田: the box holds a place name and nothing else, so one sound-alike
        # of any province or city (and only one) is the place meant, read as its questions are.
        fixed, fixes = correct_place_names(text, every_place())
        if not fixes and not text.endswith(("市", "省")):
            # "株州" alone is a word to the segmenter; "株州市" is read as 株洲市.
            fixed, fixes = correct_place_names(f"{text}市", every_place())
        if fixes:
            return read_region(fixed)
    if place is None or _FILLER.sub("", rest):
        return RegionReading(
            text=text,
            problem=f"“{text}”不是地名，没有按它筛选。请只填写省或市，如：无锡、宿迁、宁夏、全国。",
        )
    return RegionReading(text=text, place=place)
