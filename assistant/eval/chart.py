"""eval/reports/by_kind.png: recall@5 and key-fact accuracy by kind, project vs baseline."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # CI has no display; must be chosen before pyplot is imported.

import matplotlib.pyplot as plt
from matplotlib import font_manager

from assistant.eval.gate import GateResult
from assistant.eval.metrics import SystemReport
from assistant.eval.models import KINDS
from assistant.eval.report import KIND_LABELS_ZH

CJK_FONT_HINTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han Sans", "WenQuanYi")
# Fixed colours, so the project keeps its colour in a report where the baseline is skipped.
PROJECT_COLOR, BASELINE_COLOR = "tab:blue", "tab:gray"
PANELS = (("recall_at_5", "recall@5"), ("key_fact_accuracy", "key-fact accuracy"))


def cjk_font() -> str | None:
    """The name of an installed font that can draw Chinese, if any."""
    names = sorted({font.name for font in font_manager.fontManager.ttflist})
    for hint in CJK_FONT_HINTS:
        for name in names:
            if name.startswith(hint):
                return name
    return None


def _values(report: SystemReport | None, metric: str) -> list[float]:
    # NaN leaves a gap: out_of_scope has no recall or key facts to plot.
    values = []
    for kind in KINDS:
        metrics = report.by_kind.get(kind) if report else None
        value = getattr(metrics, metric) if metrics else None
        values.append(float("nan") if value is None else value)
    return values


def _series(result: GateResult) -> list[tuple[float, SystemReport | None, str]]:
    return [(-0.2, result.project, PROJECT_COLOR), (0.2, result.baseline, BASELINE_COLOR)]


def write_chart(result: GateResult, path: Path) -> None:
    """Two bar panels, one bar per system per kind."""
    font = cjk_font()
    labels = [f"{KIND_LABELS_ZH[k]}\n{k}" if font else k for k in KINDS]
    rc = {"font.family": [font, "sans-serif"]} if font else {}
    positions = range(len(KINDS))
    with plt.rc_context(rc):
        fig, axes = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
        for axis, (metric, title) in zip(axes, PANELS, strict=True):
            for offset, report, color in _series(result):
                if report is not None:
                    xs = [p + offset for p in positions]
                    axis.bar(xs, _values(report, metric), 0.4, label=report.name, color=color)
            axis.set_ylim(0, 1.05)
            axis.set_title(title)
            if axis.get_legend_handles_labels()[0]:
                axis.legend(loc="lower right")
        axes[-1].set_xticks(list(positions), labels)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=110)
        plt.close(fig)
