"""The findings catalogue: every finding code with its default severity, its message templates,
and help (what the reviewer wants and an example of a good value), in Chinese and English.

Checks name a code and give the template's fields; they never write a message themselves, so
the words of every message live here once, and an English interface needs no other change.
A form kind may change a code's severity (`checks.severity` in its file) or switch it off.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from sys import intern
from typing import Any

from desktop.core.findings import Finding, Section, Severity
from desktop.core.messages import MESSAGES

LANGUAGES = ("zh", "en")
E, W = Severity.ERROR, Severity.WARNING

_Text = tuple[str, str]  # (Chinese, English)


@dataclass(frozen=True, slots=True)
class Entry:
    """One finding code: its default severity, message templates by variant, help, example."""

    code: str
    severity: Severity
    messages: Mapping[str, _Text]  # variant ("" is the usual one) -> template
    help: _Text  # what the reviewer wants
    example: _Text = ("", "")  # a good value, where one can be shown


def _entry(code: str, severity: Severity, message: _Text | Mapping[str, _Text], help: _Text,
           example: _Text = ("", "")) -> Entry:  # fmt: skip
    messages = {"": message} if isinstance(message, tuple) else dict(message)
    return Entry(code, severity, messages, help, example)


_ENTRIES = (
    # --- header, funds, tables ----------------------------------------------------------------
    _entry("field-empty", E,
           ("“{label}”未填写，请补充。", "“{label}” is not filled in; please add it."),
           ("表头中的必填栏目都要填写。", "Every required header field must be filled in."),
           ("项目名称：农村饮水安全巩固提升工程", "Project name: Rural drinking water upgrade")),
    _entry("funds-not-number", E,
           {"": ("“{label}”应填写数字金额（单位：{unit}），现为“{text}”。",
                 "“{label}” must be an amount in figures (unit: {unit}), not “{text}”."),
            "cell": ("“{label}”应填写数字（单位：{unit}），现为“{text}”。",
                     "“{label}” must be a number (unit: {unit}), not “{text}”.")},
           ("金额只填数字，单位已在表中注明，不写“万元”等字。",
            "Amounts are plain figures; the unit is printed on the form."),
           ("120.5", "120.5")),
    _entry("field-year", E,
           ("“{label}”应为四位年份，如 2026，现为“{text}”。",
            "“{label}” must be a four-digit year such as 2026, not “{text}”."),
           ("年度写四位数字。", "A year is written with four digits."), ("2026", "2026")),
    _entry("funds-sum", E,
           ("{total_label} {total} {unit} 不等于 {parts} = {summed} {unit}，请核对金额。",
            "{total_label} {total} {unit} is not {parts} = {summed} {unit}; please check."),
           ("合计数应等于各分项之和。", "A total must equal the sum of its parts."),
           ("合计 100 = 财政拨款 80 + 其他资金 20", "Total 100 = appropriation 80 + other 20")),
    # --- the indicator tree -------------------------------------------------------------------
    _entry("category-unknown", W,
           ("表样“{kind}”中没有“{level1} / {level2}”这一类，请核对分类名称。",
            "Form kind “{kind}” has no category “{level1} / {level2}”; please check the name."),
           ("指标分类应使用表样规定的名称。", "Categories use the names the form kind lists."),
           ("产出指标 / 数量指标", "产出指标 / 数量指标")),
    _entry("category-missing", E,
           {"": ("“{level2}”为必填项，请至少设置一项指标。",
                 "“{level2}” is required; please set at least one indicator."),
            "level1": ("一级指标“{level1}”下没有任何指标，请至少设置一项。",
                       "Level-1 category “{level1}” has no indicator; please set at least one.")},
           ("表样规定的必填类别都要设置指标。", "Every required category needs an indicator.")),
    _entry("indicator-blank", W,
           ("空白行：请填写指标，或删除这一行。", "Blank row: fill in an indicator or delete it."),
           ("不留空行。", "No blank rows.")),
    _entry("indicator-duplicate", E,
           ("“{level2}”中“{name}”出现了两次，请合并或删除重复的一项。",
            "“{name}” appears twice in “{level2}”; merge them or delete one."),
           ("同一类中指标名称不重复。", "Indicator names are unique within a category.")),
    _entry("indicator-repeated", W,
           ("“{name}”同时出现在“{first}”和“{level2}”中，同一事项请只在一类中设置指标。",
            "“{name}” appears in both “{first}” and “{level2}”; set it in one category only."),
           ("同一事项只在一类中考核。", "One matter is measured in one category.")),
    _entry("name-empty", E,
           ("指标名称未填写。", "The indicator name is not filled in."),
           ("每项指标都要有名称。", "Every indicator needs a name."),
           ("培训人次", "Training attendances")),
    _entry("indicator-placeholder", W,
           ("这一行只有“无”“0”之类的占位内容，请删除或填写实际指标。",
            "This row holds only a placeholder such as “无” or “0”; delete it or fill it in."),
           ("占位内容不是指标。", "A placeholder is not an indicator.")),
    _entry("category-placeholder", E,
           ("“{level2}”为必填项，但只填了“无”“0”之类的占位内容，请设置实际指标。",
            "“{level2}” is required but holds only placeholders such as “无” or “0”."),
           ("必填类别要有实际指标，不能只填“无”。",
            "A required category needs real indicators, not “无”.")),
    _entry("cost-vs-funds", E,
           ("成本指标中的金额合计 {cost} {unit}（{count} 项），与{label} {funds} {unit} 不一致，"
            "相差 {diff} {unit}。请使成本指标覆盖全部资金，或核对金额。",
            "The cost indicators add up to {cost} {unit} ({count} items), not {label} "
            "{funds} {unit}: {diff} {unit} apart. Cover all the funds, or check the amounts."),
           ("成本指标的金额合计应等于项目资金。",
            "The cost indicators should add up to the project's funds."),
           ("≤30万元", "≤30万元")),
    _entry("value-empty", E,
           ("“{label}”未填写，请填写目标值。", "“{label}” is not filled in; please add a target."),
           ("每项指标都要有目标值。", "Every indicator needs a target value."),
           ("≥10次", "≥10次")),
    _entry("value-unit-conflict", E,
           {"": ("“{text}”的单位有矛盾：{conflict}。", "The units of “{text}” conflict: {conflict}."),
            "cost": ("成本指标应以金额计（元、万元或元/人/天等），“{text}”的单位是“{unit}”。",
                     "A cost indicator is an amount of money (“元”, “万元”, “元/人/天” …); "
                     "“{text}” is in “{unit}”.")},
           ("一个数值只用一个单位；成本指标用金额单位。",
            "One number, one unit; cost indicators use money units."),
           ("≤3万元", "≤3万元")),
    _entry("value-not-quantified", E,
           ("“{level2}”必须量化，“{text}”没有可考核的数值或时间。{vague}"
            "请写成如“≥10次”“100%”“≤3万元”“11月前”。",
            "“{level2}” must be quantified; “{text}” has no measurable number or date. {vague}"
            "Write it like “≥10次”, “100%”, “≤3万元” or “11月前”."),
           ("必填量化的类别要写可考核的数值或时间。",
            "A must-quantify category needs a measurable number or date."),
           ("≥95%", "≥95%")),
    _entry("value-unit-missing", E,
           ("“{text}”缺少计量单位，请写明单位，如“次”“人”“%”“万元”。",
            "“{text}” has no unit; add one such as “次”, “人”, “%” or “万元”."),
           ("数值要写明计量单位。", "A number needs its unit."), ("≥10次", "≥10次")),
    _entry("value-percent-range", E,
           ("百分比“{text}”超出 {low}%–{high}% 的范围，请核对。",
            "The percentage “{text}” is outside {low}%–{high}%; please check."),
           ("百分比在 0% 到 100% 之间。", "A percentage lies between 0% and 100%."),
           ("≥95%", "≥95%")),
    _entry("quality-count", W,
           ("质量指标“{text}”是一个数量，质量通常用合格率、达标率等比例衡量。",
            "Quality indicator “{text}” is a count; quality is usually a rate such as a pass rate."),
           ("质量指标用比例衡量。", "Quality is measured as a rate."), ("合格率≥98%", "合格率≥98%")),
    _entry("timeliness-no-time", W,
           ("时效指标“{text}”没有日期、期限或及时率，请写成如“11月前”“100%”。",
            "Timeliness indicator “{text}” has no date, deadline or on-time rate; "
            "write it like “11月前” or “100%”."),
           ("时效指标写日期、期限或及时率。", "Timeliness is a date, a deadline or an on-time rate."),
           ("11月底前", "11月底前")),
    _entry("output-is-funds", W,
           ("这一项以资金或支出作为产出指标；花了多少钱应放在成本指标，产出指标应写做了什么、做得怎样。",
            "This output indicator measures money spent; spending belongs under cost, outputs say "
            "what was done and how well."),
           ("产出指标写做了什么，花了多少钱写在成本指标。",
            "Outputs say what was done; money goes under cost indicators."),
           ("培训≥200人次", "培训≥200人次")),
    _entry("form-kind-unknown", E,
           ("本程序没有表样“{kind}”，无法检查此表。请安装该表样定义文件。",
            "This program has no form kind “{kind}” and cannot check the form; install its file."),
           ("表样定义文件要放在表样文件夹中。", "The form kind's file belongs in the forms folder.")),
    # --- scoring a self-evaluation ------------------------------------------------------------
    _entry("weights-total", E,
           ("各项分值合计 {total} 分{of_which}，应为 {points} 分，请调整分值。",
            "The weights add up to {total}{of_which}, not {points}; please adjust them."),
           ("各项分值合计应为 100 分。", "The weights add up to 100.")),
    _entry("weight-missing", E,
           {"": ("分值未填写，请填写这一项的分值。", "No weight; please fill in this row's weight."),
            "execution": ("预算执行率的分值未填写。", "The budget execution rate has no weight.")},
           ("每项指标都要有分值。", "Every indicator needs a weight."), ("10", "10")),
    _entry("weight-invalid", E,
           {"": ("分值“{text}”不是数字。", "The weight “{text}” is not a number."),
            "execution": ("预算执行率的分值“{text}”不是数字。",
                          "The weight “{text}” of the budget execution rate is not a number.")},
           ("分值填数字。", "A weight is a number."), ("10", "10")),
    _entry("actual-missing", E,
           ("实际完成值未填写，无法计分。", "No actual value; the row cannot be scored."),
           ("自评要填写实际完成值。", "A self-evaluation states what was achieved."),
           ("12次", "12次")),
    _entry("actual-unit-mismatch", E,
           ("实际完成值“{actual}”的单位（{actual_unit}）与年度指标值“{target}”的单位"
            "（{target_unit}）不一致，无法计分；请用相同单位填写。",
            "The actual value “{actual}” (unit {actual_unit}) and the target “{target}” (unit "
            "{target_unit}) differ in unit and cannot be compared; use the same unit."),
           ("实际完成值与指标值用同一单位。", "Actual and target use the same unit."),
           ("12次", "12次")),
    _entry("actual-implausible", W,
           {"": ("实际完成值“{actual}”超过年度指标值“{target}”的 {times} 倍，请核对单位和位数"
                 "是否填错。",
                 "The actual value “{actual}” is more than {times} times the target “{target}”; "
                 "check the unit and the digits."),
            "doubled": ("实际完成值“{actual}”像是把“{half}”输入了两遍，请核对。",
                        "The actual value “{actual}” looks like “{half}” typed twice; please "
                        "check."),
            "percent": ("“{actual}”超过 100%，而这一项是比率，请核对。",
                        "“{actual}” is over 100 % for a rate; please check.")},
           ("实际完成值应与年度指标值在同一数量级，超额较多时说明原因。",
            "An actual value is of the target's order; explain a large over-achievement."),
           ("215人次", "215人次")),
    _entry("printed-differs", W,
           {"": ("纸面得分“{printed}”与按评分规则计算的 {computed} 不一致，以计算值为准；"
                 "请核对纸面上的计算。",
                 "The printed score “{printed}” is not the {computed} the scoring rule gives; "
                 "the computed one is right, please check the paper's arithmetic."),
            "execution": ("纸面上预算执行率得分“{printed}”与按规则计算的 {computed} 不一致，"
                          "以计算值为准。",
                          "The printed budget execution score “{printed}” is not the rule's "
                          "{computed}; the computed one is right."),
            "rate": ("纸面执行率“{printed}”与全年执行数 ÷ 全年预算数 = {computed} 不一致，"
                     "以计算值为准。",
                     "The printed execution rate “{printed}” is not executed ÷ budget = "
                     "{computed}; the computed one is right."),
            "total": ("纸面总分“{printed}”不等于各项得分之和 {computed}，以计算值为准。",
                      "The printed total “{printed}” is not the sum of the scores, {computed}; "
                      "the computed one is right.")},
           ("转录或导入的纸面得分应与按规则计算的得分一致。",
            "Scores transcribed from a paper should match the ones the rule gives.")),
    _entry("qualitative-band", E,
           {"": ("得分 {score} 不在“{band}”的范围内（{range}），请调整得分或档次。",
                 "The score {score} is outside “{band}” ({range}); adjust the score or the band."),
            "unknown": ("档次“{band}”无法识别，应为{bands}。",
                        "The band “{band}” is unknown; it should be {bands}.")},
           ("定性指标的得分要在所选档次的范围内。", "A judged score lies within its band.")),
    _entry("score-missing", E,
           {"": ("这一项无法按数值计分，请选择完成档次（{bands}）并在档次范围内填写得分。",
                 "This row cannot be scored from numbers; pick a band ({bands}) and a score "
                 "within it."),
            "not-number": ("得分“{text}”不是数字，请填写档次范围内的分数。",
                           "The score “{text}” is not a number; type a score within the band."),
            "in-band": ("已选择“{band}”，请在 {range}之间填写得分。",
                        "“{band}” is picked; type a score of {range}."),
            "suggested": ("实际完成值“{actual}”表明已达到年度指标，建议选择“{band}”档次并填写得分"
                          "（可一键接受建议）。",
                          "The actual value “{actual}” says the target was reached: the band "
                          "“{band}” is suggested (accept it with one key)."),
            "measurable": ("实际完成值“{actual}”不是可与年度指标值比较的数值：请填写实际数值"
                           "（与指标值同一单位），或选择完成档次（{bands}）并填写得分。",
                           "The actual value “{actual}” is not a number comparable with the "
                           "target: type the actual number (in the target's unit), or pick a "
                           "band ({bands}) and type a score.")},
           ("无法按数值计分的指标，选择档次并打分。",
            "Rows that numbers cannot score are judged: a band and a score.")),
    _entry("score-over-weight", E,
           ("得分 {score} 超过这一项的分值 {weight}。",
            "The score {score} is more than the row's weight {weight}."),
           ("得分不超过分值。", "A score is at most the weight.")),
    _entry("deviation-missing", W,
           ("得分 {score} 低于分值 {weight}，请说明偏差原因及改进措施。",
            "The score {score} is below the weight {weight}; explain why and what will change."),
           ("未得满分的指标要说明偏差原因。", "A row below full marks explains the shortfall."),
           ("受天气影响开工推迟，已调整施工计划。", "Start delayed by weather; schedule revised.")),
    _entry("exec-funds-missing", E,
           {"": ("“{label}”未填写，无法计算预算执行率。",
                 "“{label}” is not filled in; the execution rate cannot be computed."),
            "zero": ("“{label}”为 0，无法计算预算执行率。",
                     "“{label}” is 0; the execution rate cannot be computed.")},
           ("全年预算数和全年执行数都要填写。", "Both the budget and the amount spent are needed."),
           ("120.5", "120.5")),
    _entry("exec-rate-mismatch", E,
           ("表中执行率“{typed}”与 {executed_label} {executed} ÷ {budget_label} {budget} = "
            "{rate} 不一致。",
            "The typed rate “{typed}” is not {executed_label} {executed} ÷ {budget_label} "
            "{budget} = {rate}."),
           ("执行率 = 全年执行数 ÷ 全年预算数。", "Execution rate = spent ÷ budget.")),
    _entry("exec-rate-explain", W,
           ("预算执行率 {rate} 低于 {below}%，请在“{label}”中说明原因。",
            "The execution rate {rate} is below {below}%; explain why in “{label}”."),
           ("执行率偏低时要说明原因。", "A low execution rate is explained.")),
    # --- last year beside this year (desktop/core/lastyear.py) -------------------------------
    _entry("last-year-target-below-actual", W,
           ("目标值“{target}”低于上年实际完成值“{actual}”，目标应体现进步，请提高目标或说明理由。",
            "The target “{target}” is below last year's actual “{actual}”; a target should "
            "show progress: raise it or explain why."),
           ("目标不低于上年已经达到的水平。", "A target is not below what was achieved last year."),
           ("上年实际 326人次，今年 ≥330人次", "Last year 326 trainees, this year ≥330")),
    _entry("last-year-quantity-drop", W,
           {"": ("数量目标“{target}”低于上年目标“{last}”（下降 {drop}%），且没有说明原因。",
                 "The quantity target “{target}” is below last year's “{last}” (down {drop}%) "
                 "with no note saying why."),
            "zero": ("数量目标“{target}”低于上年目标“{last}”，且没有说明原因。",
                     "The quantity target “{target}” is below last year's “{last}” with no "
                     "note saying why.")},
           ("数量目标比上年减少时要说明原因（编辑 > 说明与上年相比的变化…）。",
            "A quantity target lower than last year's comes with a note (Edit > Explain the "
            "change from last year…)."),
           ("培训改为线上，人次按班次计", "Training moved online; counted per class")),
    # --- printing -----------------------------------------------------------------------------
    _entry("glyph-missing", W,
           ("“{chars}”在打印字体中没有字形，打印出来会是“{mark}”。如需打印，请改用常用字符。",
            "“{chars}” has no glyph in the print fonts and prints as “{mark}”; use common "
            "characters to print it."),
           ("打印的内容只用常用字符。", "Printed text uses common characters.")),
    # --- the finance bureau's review (desktop.core.review, desktop.core.review_checks) ------
    _entry("review-comment", W,
           ("审核意见{byline}：{text}", "Review comment{byline}: {text}"),
           ("按审核意见修改后，把意见标记为已解决。",
            "Change the form as the reviewer asks, then mark the comment resolved.")),
    _entry("review-verdict", W,
           {"": ("审核结论：{verdict}", "Review verdict: {verdict}"),
            "note": ("审核结论：{verdict}：{note}", "Review verdict: {verdict}: {note}")},
           ("按审核意见修改后重新报送。", "Change the form as asked and send it again.")),
    _entry("name-too-long", W,
           ("指标名称有 {length} 个字，网上填报系统最多 {limit} 个字；请精简为“做什么 + 衡量"
            "什么”，如“培训人次”，说明文字写入备注。",
            "The indicator name has {length} characters; the online system takes {limit}. "
            "Shorten it to what is measured, e.g. “培训人次”, and put explanations in the remark."),
           ("指标名称简短，网上系统能完整录入。", "Names fit the online system's limit."),
           ("培训人次", "培训人次")),
    _entry("value-too-long", W,
           ("指标值有 {length} 个字，网上填报系统最多 {limit} 个字；指标值只写数值和单位，如"
            "“≥300人次”，说明写入备注。",
            "The value has {length} characters; the online system takes {limit}. Write only "
            "the number and unit, e.g. “≥300人次”, and put explanations in the remark."),
           ("指标值只写数值和单位。", "A value is a number and its unit."), ("≥300人次", "≥300人次")),
    _entry("cost-at-least", W,
           ("成本指标“{text}”用了“≥”，意为花得越多越好；成本应控制在上限之内，请写成“{upper}”。",
            "The cost “{text}” uses “≥”, as if spending more were better; a cost is a ceiling: "
            "write “{upper}”."),
           ("成本指标写上限（≤）。", "A cost indicator is a ceiling (≤)."), ("≤30万元", "≤30万元")),
    _entry("percent-at-least-100", W,
           ("“{text}”无法考核：百分比不会超过 100%，“≥100%”等于要求全部完成。请写“100%”，"
            "或按实际写“≥95%”等可达到的目标。",
            "“{text}” cannot be assessed: a percentage cannot exceed 100%. Write “100%”, or a "
            "reachable target such as “≥95%”."),
           ("百分比目标写“100%”或可达到的下限。", "A percentage target is 100% or a reachable floor."),
           ("≥95%", "≥95%")),
    _entry("unit-cost-times-quantity", W,
           ("单位成本 {cost} × {quantity_name} {quantity} = {product}万元，与项目资金 {funds}万元"
            " 不符。请核对单价或数量，使“数量 × 单价”与资金一致，其余支出另设成本指标。",
            "Unit cost {cost} × {quantity_name} {quantity} = {product} × 10,000 yuan, which "
            "does not fit the funds of {funds} × 10,000 yuan. Check the price or the quantity; other spending gets "
            "cost indicators of its own."),
           ("数量 × 单价 = 资金。", "Quantity × unit cost = funds."),
           ("300人 × 1000元/人 = 30万元", "300人 × 1000元/人 = 30万元")),
    _entry("date-outside-period", W,
           ("时效指标“{text}”的时间不在项目期（{period}）内；请写项目期内的完成时间，如“{example}”。",
            "The time “{text}” is outside the project period ({period}); write a time within "
            "it, such as “{example}”."),
           ("完成时间在项目期内。", "Deadlines lie within the project period.")),
    _entry("benefit-restates-output", W,
           ("效益指标“{name}（{text}）”重复了产出指标“{other}（{other_text}）”。效益指标应写项目"
            "带来的变化或影响，如“群众办事平均等待时间缩短 ≥30%”。",
            "The benefit “{name} ({text})” repeats the output “{other} ({other_text})”. A "
            "benefit is the change the project brings, e.g. “群众办事平均等待时间缩短 ≥30%”."),
           ("效益写变化，不重复产出。", "Benefits are changes, not outputs again.")),
    _entry("objective-number-unmatched", W,
           ("{label}中写了“{numbers}”，绩效指标中没有对应的指标值。请增设相应指标（如“培训人数"
            " ≥300人”），或改正目标中的数字。",
            "“{label}” mentions “{numbers}”, which no indicator measures. Add indicators for "
            "them (e.g. “培训人数 ≥300人”) or correct the figures in the objective."),
           ("目标中的数字都有指标考核。", "Every figure in the objective has an indicator.")),
    _entry("weights-by-level1", W,
           ("一级指标分值与本地区规定不符：{details}。请按规定分配各一级指标的分值，再在其下分配到"
            "各项指标。",
            "The points per level-1 category differ from the region's rule: {details}. Split "
            "the points by category as required, then among the indicators."),
           ("一级指标分值按本地区规定分配。", "Points per category follow the region's rule.")),
    _entry("over-achievement-unexplained", W,
           ("实际完成“{actual}”远超目标“{target}”（{ratio}），请在偏差原因中说明超额完成的原因；"
            "若目标定得过低，下一年度应据实调整。",
            "The result “{actual}” is far beyond the target “{target}” ({ratio}); explain why "
            "in the deviation column, and set a realistic target next year."),
           ("超额完成要说明原因。", "Over-achievement is explained.")),
    _entry("score-inflated", W,
           ("得了满分 {score} 分，但实际完成情况写的是“{actual}”（{said}）。请按“部分达成”的"
            "档次打分，或补充说明已全部完成的证据。",
            "Full marks ({score}), but the result says “{actual}” ({said}). Score it as "
            "partly achieved, or give the evidence that it was fully achieved."),
           ("得分与完成情况相符。", "Scores match the evidence.")),
    _entry("budget-change-unexplained", W,
           ("年初预算 {initial} 调整为全年预算 {adjusted}（变动 {change}），但没有说明原因。"
            "请在“{label}”中写明预算调整的原因和依据。",
            "The budget changed from {initial} to {adjusted} ({change}) with no reason given; "
            "explain the change in “{label}”."),
           ("年中调整预算要说明原因。", "A mid-year budget change is explained.")),
)  # fmt: skip

CATALOGUE: dict[str, Entry] = {e.code: e for e in _ENTRIES}

# Words of places and message pieces that are not findings of their own.
_PHRASES: dict[str, _Text] = {
    "header": ("表头", "Header"),
    "cli-checked": ("{path}: {forms} 张表，{errors} 个错误，{warnings} 个提示",
                    "{path}: {forms} form(s), {errors} error(s), {warnings} warning(s)"),
    "cli-severity-error": ("错误", "error"),
    "cli-severity-warning": ("提示", "warning"),
    "cli-nothing-to-check": ("没有找到可检查的项目文件（.jixiao 或项目 .json）：",
                             "No project files (.jixiao or project .json) to check in: "),
    "row": ("第{n}行", "row {n}"),
    "signature-line": ("签字栏 / {line}", "Signature / {line}"),
    "item": ("第{n}项", "item {n}"),
    "cost-indicators": ("成本指标", "Cost indicators"),
    "weights": ("分值", "Weights"),
    "printed-total": ("纸面总分", "Total as printed"),
    "printed-score": ("纸面得分", "Score as printed"),
    "printed-rate": ("纸面执行率", "Rate as printed"),
    "form-kind": ("表样", "Form kind"),
    "vague": ("“明显”“有效”“进一步”等词无法考核，", "Words like “明显”, “有效”, “进一步” cannot be measured. "),
    "of-which": ("（含预算执行 {weight} 分）", " (budget execution {weight} included)"),
    "band-range": ("{low}–{high} 分", "{low}–{high} points"),
    "band-open": ("（不含 {high}）", " (excluding {high})"),
    "band-or": ("或", " or "),
    "unit-none": ("无", "none"),
    "conflict-two-money": ("一个数值后面跟了两个金额单位“{first}”和“{second}”",
                           "one number has two money units, “{first}” and “{second}”"),
    "conflict-money-percent": ("金额单位“{money}”和百分号“{percent}”不能用在同一个数值上",
                               "money unit “{money}” and percent “{percent}” on one number"),
    "conflict-joined": ("单位“{unit}”把“{first}”和“{second}”连在一起，意思自相矛盾",
                        "unit “{unit}” joins “{first}” and “{second}”, which contradict"),
    "conflict-rating": ("“{word}”是定性评价，后面不应再跟单位“{unit}”",
                        "“{word}” is a rating and takes no unit such as “{unit}”"),
}  # fmt: skip

_shared = set(_PHRASES) & set(MESSAGES)
if _shared:  # pragma: no cover - a packaging bug the tests catch
    raise ValueError(f"keys defined twice: {sorted(_shared)}")
_PHRASES.update(MESSAGES)  # one catalogue: places, message pieces and the program's messages

_language = 0
_listeners: list[Callable[[], None]] = []


def set_language(language: str) -> None:
    """Messages in `language` ("zh" or "en") from now on; caches of messages are dropped."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language = LANGUAGES.index(language)
    for listener in _listeners:
        listener()


def language() -> str:
    return LANGUAGES[_language]


def on_language_changed(listener: Callable[[], None]) -> None:
    """Call `listener` after the language changes (caches holding messages clear themselves)."""
    _listeners.append(listener)


def entry(code: str) -> Entry:
    """The catalogue entry of a code; KeyError for a code that is not in the catalogue."""
    return CATALOGUE[code]


def message(code: str, variant: str = "", **fields: Any) -> str:
    """The message of `code` (in its `variant`) with the fields filled in."""
    return CATALOGUE[code].messages[variant][_language].format(**fields)


def phrase(key: str, **fields: Any) -> str:
    """A place word or a message piece (表头, 第3行 …) in the current language."""
    return _PHRASES[key][_language].format(**fields)


def help_text(code: str) -> str:
    """What the reviewer wants, and an example of a good value when there is one ("" for a
    code the catalogue does not know)."""
    e = CATALOGUE.get(code)
    if e is None:
        return ""
    text, example = e.help[_language], e.example[_language]
    if not example:
        return text
    return f"{text}例如：{example}" if _language == 0 else f"{text} For example: {example}"


def severity(code: str, overrides: Mapping[str, str] | None = None) -> Severity | None:
    """The severity of `code` on a form kind that overrides some (None: switched off)."""
    level = overrides.get(code) if overrides else None
    if level is None:
        return CATALOGUE[code].severity
    return None if level == "off" else Severity(level)


def finding(
    code: str,
    form_id: str,
    section: Section,
    where: str,
    *,
    variant: str = "",
    key: str = "",
    uids: tuple[str, ...] = (),
    level: Severity | None = None,
    **fields: Any,
) -> Finding:
    """A finding of `code` at a place: `uids` are the ids of the place from the level-1
    category down (the last one is the finding's `uid`); `level` overrides the severity."""
    return Finding(
        code,
        level or CATALOGUE[code].severity,
        form_id,
        section,
        intern(message(code, variant, **fields)),
        intern(where),
        key,
        uids[-1] if uids else "",
        uids,
    )
