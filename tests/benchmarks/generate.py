"""A big, realistic project for benchmarks: N forms of the 2024 declaration, M indicators each.

Values vary the way real files do: numbers differ from form to form, common phrases repeat.
"""

from __future__ import annotations

import random

from desktop.core.kinds import default_registry
from desktop.core.model import Indicator, Project
from desktop.core.operations import blank_form

_QUALITATIVE = ["有效提升", "长期", "明显改善", "持续稳定", "达成", "合格"]


def _value(rng: random.Random, level2: str) -> str:
    if level2 == "数量指标":
        return f"≥{rng.randint(1, 900)}{rng.choice('次人台个套本')}"
    if level2 == "质量指标":
        return f"≥{rng.randint(80, 100)}%"
    if level2 == "时效指标":
        return rng.choice([f"{rng.randint(1, 12)}月前", "全年", "每月", f"≤{rng.randint(1, 30)}天"])
    if level2 == "成本指标":
        return f"≤{rng.randint(1, 99)}.{rng.randint(0, 9)}万元"
    if level2 == "服务对象满意度指标":
        return f"≥{rng.randint(85, 99)}%"
    return rng.choice(_QUALITATIVE)


def big_project(forms: int = 300, indicators: int = 30, seed: int = 1) -> Project:
    rng = random.Random(seed)
    kind = default_registry()["project-declaration-2024"]
    project = Project(title="基准测试项目")
    for i in range(forms):
        form = blank_form(kind, f"f{i + 1}", year=2024)
        form.header.update(
            {
                "project_name": f"项目{i + 1}",
                "department_code": "某局 001",
                "implementing_unit": "某局",
                "project_type": "一年期项目",
                "project_period": "2024年",
                "objective": "完成年度工作任务。" * 5,
            }
        )
        form.funds = {
            "total": {"amount": "100"},
            "appropriation": {"amount": "100"},
            "other": {"amount": "0"},
        }
        level2s = [(l1, l2) for l1 in form.indicators for l2 in l1.children]
        for j in range(indicators):
            _, l2 = level2s[j % len(level2s)]
            l2.indicators.append(
                Indicator(name=f"{l2.name[:2]}指标{i + 1}-{j + 1}", target=_value(rng, l2.name))
            )
        project.forms.append(form)
    return project
