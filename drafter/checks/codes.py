"""The codes of the rule checks (docs/findings.md is generated from these definitions)."""

from __future__ import annotations

from drafter.model.findings import Severity, define

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# fmt: off
define("sum-mismatch", _E, "合计与分项之和不符",
       "`sum` 规则的合计不等于各分项之和(本期或上年同期)。核对合计与各分项,改正填错的一项。",
       "律师所提供法律服务 2446 ≠ 接访咨询 1689 + 出具意见 65 + 法制宣传 473 + 参与调解 20 "
       "+ 法律援助 1 = 2248,相差 198。")
define("sum-parts-exceed", _E, "其中各项超过合计",
       "`sum` 规则标为 partial(“其中……”不必列全),但所列各项之和已超过合计。",
       "受理行政复议 26 < 其中:撤回 7 + 调解 25 = 32,多出 6。")
define("rate-mismatch", _E, "比率与分子分母不符",
       "所填比率不等于 分子 ÷ 分母 × 100 按所填的小数位数四舍五入(逢五进一)的结果。"
       "例如 9368 ÷ 9477 × 100 = 98.849…,填 98.8% 正确,填 98.9% 有误。",
       "调处成功率 97.6% ≠ 调处成功 33467 ÷ 调处纠纷 34334 × 100 = 97.4748…%,"
       "按 1 位小数四舍五入应为 97.5%。")
define("rate-computed", _I, "比率已按分子分母算出",
       "比率未填,分子分母均已填写:按 `rate` 规则算出,报告中使用算出的值。",
       "调解率未填,按 撤回 7 ÷ 办结 23 × 100 算得 30.43%。")
define("rate-zero-denominator", _W, "比率的分母为 0",
       "`rate` 规则的分母为 0,比率无从计算或核对;请核实分母,或在报告中不写该比率。",
       "调解率的分母为 0(撤回 0 ÷ 办结 0 × 100),比率无法计算或核对。")
define("subset-exceeded", _E, "部分大于整体",
       "`subset` 规则的部分(如办结)大于整体(如受理 + 上年结转)。",
       "办结 30 > 受理 26 + 上年结转 3 = 29,多出 1。")
define("out-of-range", _E, "数值超出范围",
       "数值超出允许范围:计数与金额不能为负,比率应在 0–100 之间,或超出 `range` 规则的界限。",
       "受理法律援助案件 -3 小于下限 0。")
define("not-integer", _E, "计数不是整数",
       "计数类指标(件、人次、场次……)应为整数;`range` 规则 integer = true 的指标同理。",
       "受理法律援助案件 236.5 不是整数。")
define("missing-required", _E, "必填项未填写",
       "指标目录或 `required` 规则要求填写的指标、基本信息未填写。",
       "必填指标“受理法律援助案件”未填写。")
define("yoy-swing", _W, "同比变化过大",
       "与上年同期相比变化超过提示线(默认 50%;比率按百分点计),可能填错了单位或期间,请核实。",
       "受理法律援助案件 本期 520,上年同期 236,同比增长 120.3%,超过 50% 的提示线。")
define("unknown-indicator", _E, "规则引用了未知指标",
       "模板包或单位目录中的规则引用了指标目录里没有的指标编号,属于模板作者的错误;规则被跳过。",
       "规则 sum(来自 templates/年度工作总结/indicators.toml)的 parts 引用了未知指标“人民调解.其他”。")
define("bad-rule", _E, "规则写法有误",
       "规则的参数与指标对不上(如 rate 参数不是比率类指标、对文字类指标做加减),属于模板作者的"
       "错误;规则被跳过。参数缺少、类型不对或无法识别在读入 indicators.toml 时就会指出(文件、"
       "行号、参数名,退出码 2)。",
       "规则 rate(来自 indicators.toml)缺少参数 denominator。")
# fmt: on
