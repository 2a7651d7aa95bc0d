"""The finding codes the checks raise: rules, narrative, typed numbers, the outline, 版头/版记.

Every code this stage raises is declared here, once, and listed in CODES; call sites use the
constants, never the code string. docs/findings.md is generated from these lists
(drafter/docs_findings.py); tests/test_home_codes.py holds the rule.
"""

from __future__ import annotations

from drafter.model.findings import Code, Severity

# -- raised by checks/rules.py and checks/params.py
SUM_MISMATCH = Code(
    "sum-mismatch",
    Severity.ERROR,
    "合计与分项之和不符",
    "`sum` 规则的合计不等于各分项之和(本期或上年同期)。核对合计与各分项,改正填错的一项。",
    "律师所提供法律服务 2446 ≠ 接访咨询 1689 + 出具意见 65 + 法制宣传 473 + 参与调解 20 "
    "+ 法律援助 1 = 2248,相差 198。",
)
SUM_PARTS_EXCEED = Code(
    "sum-parts-exceed",
    Severity.ERROR,
    "其中各项超过合计",
    "`sum` 规则标为 partial(“其中……”不必列全),但所列各项之和已超过合计。",
    "受理行政复议 26 < 其中:撤回 7 + 调解 25 = 32,多出 6。",
)
RATE_MISMATCH = Code(
    "rate-mismatch",
    Severity.ERROR,
    "比率与分子分母不符",
    "所填比率不等于 分子 ÷ 分母 × 100 按所填的小数位数四舍五入(逢五进一)的结果。"
    "例如 9368 ÷ 9477 × 100 = 98.849…,填 98.8% 正确,填 98.9% 有误。",
    "调处成功率 97.6% ≠ 调处成功 33467 ÷ 调处纠纷 34334 × 100 = 97.4748…%,"
    "按 1 位小数四舍五入应为 97.5%。",
)
RATE_COMPUTED = Code(
    "rate-computed",
    Severity.INFO,
    "比率已按分子分母算出",
    "比率未填,分子分母均已填写:按 `rate` 规则算出,报告中使用算出的值。",
    "调解率未填,按 撤回 7 ÷ 办结 23 × 100 算得 30.43%。",
)
RATE_ZERO_DENOMINATOR = Code(
    "rate-zero-denominator",
    Severity.WARNING,
    "比率的分母为 0",
    "`rate` 规则的分母为 0,比率无从计算或核对;请核实分母,或在报告中不写该比率。",
    "调解率的分母为 0(撤回 0 ÷ 办结 0 × 100),比率无法计算或核对。",
)
SUBSET_EXCEEDED = Code(
    "subset-exceeded",
    Severity.ERROR,
    "部分大于整体",
    "`subset` 规则的部分(如办结)大于整体(如受理 + 上年结转)。",
    "办结 30 > 受理 26 + 上年结转 3 = 29,多出 1。",
)
OUT_OF_RANGE = Code(
    "out-of-range",
    Severity.ERROR,
    "数值超出范围",
    "数值超出允许范围:计数与金额不能为负,比率应在 0–100 之间,或超出 `range` 规则的界限。",
    "受理法律援助案件 -3 小于下限 0。",
)
NOT_INTEGER = Code(
    "not-integer",
    Severity.ERROR,
    "计数不是整数",
    "计数类指标(件、人次、场次……)应为整数;`range` 规则 integer = true 的指标同理。",
    "受理法律援助案件 236.5 不是整数。",
)
MISSING_REQUIRED = Code(
    "missing-required",
    Severity.ERROR,
    "必填项未填写",
    "指标目录或 `required` 规则要求填写的指标、基本信息未填写。",
    "必填指标“受理法律援助案件”未填写。",
)
YOY_SWING = Code(
    "yoy-swing",
    Severity.WARNING,
    "同比变化过大",
    "与上年同期相比变化超过提示线(默认 50%;比率按百分点计),可能填错了单位或期间,请核实。",
    "受理法律援助案件 本期 520,上年同期 236,同比增长 120.3%,超过 50% 的提示线。",
)
UNKNOWN_INDICATOR = Code(
    "unknown-indicator",
    Severity.ERROR,
    "规则引用了未知指标",
    "模板包或单位目录中的规则引用了指标目录里没有的指标编号,属于模板作者的错误;规则被跳过。",
    "规则 sum(来自 templates/年度工作总结/indicators.toml)的 parts 引用了未知指标“人民调解.其他”。",
)
BAD_RULE = Code(
    "bad-rule",
    Severity.ERROR,
    "规则写法有误",
    "规则的参数与指标对不上(如 rate 参数不是比率类指标、对文字类指标做加减),属于模板作者的"
    "错误;规则被跳过。参数缺少、类型不对或无法识别在读入 indicators.toml 时就会指出(文件、"
    "行号、参数名,退出码 2)。",
    "规则 rate(来自 indicators.toml)缺少参数 denominator。",
)

# -- raised by checks/formal.py
FORMAL_NORMALISED = Code(
    "formal-normalised",
    Severity.WARNING,
    "版头、版记的写法已规范",
    "发文字号按 GB/T 9704 写作“机关代字〔年份〕序号号”(六角括号,序号不编虚位、不加“第”)。"
    "填写的写法不同时,报告中按规范写出,并在此说明。",
    "发文字号“镜司[2024]第012号”在报告中写作“镜司〔2024〕12号”。",
)
FORMAL_UNREADABLE = Code(
    "formal-unreadable",
    Severity.WARNING,
    "版头、版记的写法无法识别",
    "发文字号或印发日期无法识别,报告中照原样印出。请核对。",
    "发文字号“2024年12号”不是“机关代字〔年份〕序号号”的形式,照原样印出。",
)
SIGNATURE_UNDATED = Code(
    "signature-undated",
    Severity.WARNING,
    "有署名而没有成文日期",
    "“基本信息”填了署名,成文日期却空着:报告的落款只有署名,没有日期。公文的落款要写成文日期"
    "(GB/T 9704 7.3.5),请填上(如 2025年1月16日);不落款的,署名也空着。",
    "基本信息!B9:署名“湘桥区司法局”有而成文日期空着,落款中没有日期",
)

# -- raised by checks/narrative.py
UNKNOWN_REFERENCE = Code(
    "unknown-reference",
    Severity.ERROR,
    "引用的指标不存在",
    "叙述文字中的【…】引用找不到对应的指标编号或名称(或名称对应多个指标)。按提示改成正确的编号;"
    "若只是想写出方括号本身,请写成【【…】】。",
    "要点!D7:引用【法律援助.受案】找不到编号或名称为“法律援助.受案”的指标;"
    "是否要写:【法律援助.受理案件】(受理法律援助案件)",
)
BAD_REFERENCE_OPTION = Code(
    "bad-reference-option",
    Severity.ERROR,
    "引用的写法选项有误",
    "【编号|选项】中的选项无法识别、相互冲突,或不适用于该指标(如文字类指标、非整数写成中文数字)。",
    "要点!D7:引用【法律援助.受理案件|千】:无法识别的选项“千”",
)
UNCLOSED_BRACKET = Code(
    "unclosed-bracket",
    Severity.WARNING,
    "方括号没有配对",
    "叙述文字中有“【”却没有配对的“】”,按原文写出。若要引用指标,请补上“】”;"
    "若要写出方括号本身,请写成“【【”。",
    "要点!D9:“【”没有配对的“】”,按原文写出",
)
PLACEHOLDER_TYPED = Code(
    "placeholder-typed",
    Severity.WARNING,
    "单元格里写着【待补充】",
    "叙述文字、标题或要点短语里写着【待补充：……】(方括号单写双写都一样,"
    "报告中印成【待补充：……】,正文和标题中标成待补充的样式),多半是这部分内容还没有写(如示例 001:它的源报告没有写必报的“第一责任人履职情况”)。"
    "检查照样通过,报告照样生成,但不能就这样印发:请写好这部分内容,替换掉这几个字。"
    "模板因某项没有填写而写出的【待补充】,由生成报告时的 `placeholder-left` 指出。",
    "大纲!C31:写着【待补充：第一责任人履职情况】,报告中会原样印出;请写好这部分内容替换它",
)
SENTENCE_END_SUPPLIED = Code(
    "sentence-end-supplied",
    Severity.INFO,
    "已补句号",
    "“内容”末尾没有句末标点,报告中补上“。”,以免与下一句连在一起。",
    "要点!D7:内容末尾没有标点,报告中补上“。”",
)
YOY_NOT_WRITTEN = Code(
    "yoy-not-written",
    Severity.INFO,
    "上年同期为零，不写同比",
    "引用加了“同比”,但上年同期是 0(或负数),无从计算增减,报告中这一处不写,"
    "它前后的标点随之合并(“236件，；办结”不会出现,写成“236件；办结”)。"
    "若上年同期确实为 0,不必处理;若是漏填,请补上。",
    "大纲!C12:引用【法律援助.受理案件|同比】的上年同期 指标!G34 是 0,无从计算同比,报告中不写",
)
REFERENCE_IN_LEAD = Code(
    "reference-in-lead",
    Severity.WARNING,
    "要点短语中的引用不会换成数字",
    "标题和“要点”列(短语)照原样写出,其中的【…】不会换成数字。请把引用写到“内容”列;"
    "若只是写出方括号,请写成【【…】】(印成【…】)。",
    "要点!C7:要点短语中的【法律援助.受理案件】不会换成数字,请写到“内容”列",
)
YEAR_BEFORE_PERIOD = Code(
    "year-before-period",
    Severity.WARNING,
    "叙述中的年份早于年度",
    "叙述文字里直接写的年份比基本信息“年度”早一两年:多半是照抄去年的句子(年度已是今年,句子还写着去年)。"
    "写的是今年,请改为【年度】;确指上一年,请写【年度-1】,以后每年自动顺延。引号、书名号内的名称"
    "和“2021—2023年”这样的起止年份不在此列。",
    "大纲!C5:写的是“2024年上半年”,早于年度 2025;如指今年,请改为【年度】年;确指上一年,请写【年度-1】年",
)
POINT_LEFT_OUT = Code(
    "point-left-out",
    Severity.INFO,
    "要点只有默认短语",
    "要点行只有 drafter init 预填的要点短语、没有内容:模板没有为它写出数字时,报告略去这一要点。"
    "要写进报告,请填写“内容”,或改写“要点”。",
    "要点!C9、要点!C10只有预填的要点、没有内容;模板没有为它写出数字时,报告略去这些要点",
)

# -- raised by checks/body_rows.py
OUTLINE_MISSING = Code(
    "outline-missing",
    Severity.WARNING,
    "数据表没有“大纲”表",
    "数据表是旧版 drafter 生成的,没有“大纲”表:报告正文按模板包的默认大纲写出,“要点”表中"
    "写的要点不会写进报告。用 drafter init --from 旧表.xlsx 生成新版数据表,即可在“大纲”表中"
    "增删、调整标题和要点。",
    "数据.xlsx:没有“大纲”表,正文按模板包的默认大纲写出",
)
DEFAULT_SENTENCE_LEFT_OUT = Code(
    "default-sentence-left-out",
    Severity.INFO,
    "预填的句子因缺数略去",
    "“大纲”中 drafter init 预填、没有改动过的句子,引用的指标没有填写时,报告略去这一句"
    "(预填的要点没有一句可写时整条略去)。要写进报告,请填写这些指标;不需要的行可以删除。"
    "自己写或改动过的句子不会略去:缺数时是错误。",
    "大纲!C12 等 3 处:预填的句子引用的指标未填写,报告中略去",
)
HEADING_LEFT_OUT = Code(
    "heading-left-out",
    Severity.INFO,
    "预填的标题下没有内容,略去",
    "“大纲”中 drafter init 预填、没有改动过的标题,下面的句子都因缺数略去(或本来就没有内容)时,"
    "报告不写这个标题,其后的标题重新编号。要写进报告,请填写其下句子引用的指标,或在标题下写内容;"
    "不报这一部分,可以删去这一行。",
    "大纲!B20“其他需要报告的情况”:标题下没有内容,报告中略去这个标题",
)
EMPTY_SECTION = Code(
    "empty-section",
    Severity.WARNING,
    "标题下没有内容,略去",
    "“大纲”中自己写或改动过的标题,下面没有任何内容(没有内容、要点、段落,也没有有内容的下级标题):"
    "报告不写这个标题,其后的标题重新编号。请在标题下写内容,或删去这一行。",
    "大纲!B31“强化队伍建设”:标题下没有内容,报告中略去这个标题",
)
LONE_SUBHEADING = Code(
    "lone-subheading",
    Severity.WARNING,
    "下级标题只有一个",
    "一个标题下只有一个下级标题(其余的因没有内容略去了,或本来就只写了一个):报告中有“(一)”"
    "而没有“(二)”,审核时会被指出。可把这一个下级标题的内容直接写在上级标题下(删去这一行),"
    "或补写其他部分的内容。",
    "大纲!B16 二级标题“防范化解矛盾风险，维护社会和谐稳定”:一级标题“推进法治政府建设的主要举措和成效”"
    "下只剩这一个二级标题,报告中有“（一）”而没有“（二）”",
)
BAD_RUN_IN = Code(
    "bad-run-in",
    Severity.ERROR,
    "接排层级无法识别",
    "“基本信息”的“接排层级”写要与正文接排(标题后直接接正文,同一段)的标题层级:如“二级”,"
    "多个用顿号分开“二级、三级”,都不接排写“无”;空着按模板包的设置。",
    "基本信息!B9:接排层级“小标题”无法识别,请写 一级、二级、三级、四级 或 无",
)
REQUIRED_PART_MISSING = Code(
    "required-part-missing",
    Severity.WARNING,
    "缺少必须写明的部分",
    "有的报告类型必须写明某些部分,如法治政府建设年度报告,《法治政府建设与责任落实督察工作规定》"
    "要求写明五部分:主要举措和成效、存在的不足和原因、党政主要负责人履行推进法治建设第一责任人"
    "职责情况、下一年度主要安排、其他需要报告的情况。“大纲”的一级标题里找不到某一部分(按关键词,"
    "标题可以改写),或找到的标题下没有内容(空着,或预填的句子引用的指标都没有填:报告中略去"
    "这个标题,这一部分也就没有了)时给出警告。"
    "是警告而不是错误:标题的写法各地不同,按关键词找不到不等于一定没写,"
    "初稿仍可生成,由写作者确认后补上这一部分。",
    "大纲:没有“党政主要负责人履行推进法治建设第一责任人职责情况”这一部分(一级标题中没有"
    "“第一责任人”“主要负责人”);《法治政府建设与责任落实督察工作规定》要求写明,请补上",
)
PREAMBLE_LEFT_OUT = Code(
    "preamble-left-out",
    Severity.INFO,
    "导语略去",
    "“基本信息”的导语(或“大纲”开头、第一个标题之前的段落)写的是“无”“（无）”“略”或“不写”:"
    "报告不写导语,也不用模板的默认导语。要用默认的写法,把它空着。",
    "基本信息!B9:导语写“无”,报告不写导语",
)

# -- raised by checks/typed_numbers.py
TYPED_NUMBER = Code(
    "typed-number",
    Severity.INFO,
    "叙述中直接写了数字",
    "叙述文字(要点内容、导语等)中直接写的数字不会随指标表更新。若它是指标表中的数,"
    "建议改为【编号】引用。年份、日期、文号、热线号码等不在此列。",
    "要点!D7:“892件”是直接写的数字,可改为【法律援助.受理案件】",
)
TYPED_NUMBER_MISMATCH = Code(
    "typed-number-mismatch",
    Severity.ERROR,
    "叙述中的数字与指标不符",
    "叙述文字中直接写的数字,前面的文字指明了某项指标,但与指标表中该指标的数值不一致。"
    "改正其中一处,或把文字中的数字改为【编号】引用。",
    "要点!D7 写“受理法律援助案件1件”,与 指标!E12 受理法律援助案件 892件 不符;"
    "可改为【法律援助.受理案件】",
)

CODES = (
    SUM_MISMATCH,
    SUM_PARTS_EXCEED,
    RATE_MISMATCH,
    RATE_COMPUTED,
    RATE_ZERO_DENOMINATOR,
    SUBSET_EXCEEDED,
    OUT_OF_RANGE,
    NOT_INTEGER,
    MISSING_REQUIRED,
    YOY_SWING,
    UNKNOWN_INDICATOR,
    BAD_RULE,
    FORMAL_NORMALISED,
    FORMAL_UNREADABLE,
    SIGNATURE_UNDATED,
    UNKNOWN_REFERENCE,
    BAD_REFERENCE_OPTION,
    UNCLOSED_BRACKET,
    PLACEHOLDER_TYPED,
    SENTENCE_END_SUPPLIED,
    YOY_NOT_WRITTEN,
    REFERENCE_IN_LEAD,
    YEAR_BEFORE_PERIOD,
    POINT_LEFT_OUT,
    OUTLINE_MISSING,
    DEFAULT_SENTENCE_LEFT_OUT,
    HEADING_LEFT_OUT,
    EMPTY_SECTION,
    LONE_SUBHEADING,
    BAD_RUN_IN,
    REQUIRED_PART_MISSING,
    PREAMBLE_LEFT_OUT,
    TYPED_NUMBER,
    TYPED_NUMBER_MISMATCH,
)
