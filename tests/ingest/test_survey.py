"""The whole-folder survey: every file read or refused with a reason, every sentence placed."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.cli import main
from assistant.ingest.corpus import NO_POLICY_TEXT
from assistant.ingest.survey import survey_folder

_LAW = (
    "# 某省就业促进条例\n\n2016年3月30日 某省第十二届人民代表大会常务委员会第二十次会议通过\n\n"
    "<!-- INFO END -->\n\n## 第一章\t总则\n\n第一条 为了促进就业，制定本条例。\n\n"
    "第二条 县级以上人民政府应当把扩大就业放在经济社会发展的突出位置。本条例自2016年5月1日起施行。\n"
)


def _folder(tmp_path: Path) -> Path:
    root = tmp_path / "laws"
    (root / "地方" / "某省").mkdir(parents=True)
    (root / "地方" / "某省" / "就业促进条例.md").write_text(_LAW, "utf-8")
    # A file that is only a title and its history has no text to cite.
    (root / "地方" / "只有标题.md").write_text(
        "# 某条例\n\n2012年9月27日 某市人民代表大会常务委员会第三十六次会议修订\n", "utf-8"
    )
    (root / "说明.xlsx").write_bytes(b"not a policy")  # not a supported type: not counted
    return root


def test_every_file_is_read_or_refused_and_every_sentence_placed(tmp_path: Path) -> None:
    report = survey_folder(_folder(tmp_path))
    assert (report.files, report.documents) == (2, 1)
    assert [(r.file, r.reason) for r in report.refusals] == [("地方/只有标题.md", NO_POLICY_TEXT)]
    # 第一条, and 第二条's two sentences; the title, history line and heading are placed too.
    assert report.sentences == 6
    assert report.lost_sentences == {} and report.doubled_sentences == {}
    assert report.clauses >= 3 and report.peak_memory_mb > 0


def test_a_list_limits_the_survey_and_the_cli_reports_in_chinese(tmp_path: Path, capsys) -> None:
    root = _folder(tmp_path)
    listing = tmp_path / "list.txt"
    listing.write_text("地方/某省/就业促进条例.md\n", "utf-8")
    assert main(["survey", str(root), "--list", str(listing)]) == 0
    out = capsys.readouterr().out
    assert "文件 1 个：读入 1 个，拒收 0 个" in out
    assert main(["survey", str(root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["refusals"] == [{"file": "地方/只有标题.md", "reason": NO_POLICY_TEXT}]
    assert main(["survey", str(tmp_path / "nowhere")]) == 2
