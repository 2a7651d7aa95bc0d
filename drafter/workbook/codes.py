"""The finding codes of reading a workbook: cells, sheets, facts, outline, rules, districts.

Every code this stage raises is declared here, once, and listed in CODES; call sites use the
constants, never the code string. docs/findings.md is generated from these lists
(drafter/docs_findings.py); tests/test_home_codes.py holds the rule.
"""

from __future__ import annotations

from drafter.model.findings import Code, Severity
from drafter.workbook.limits import MAX_LINE, MAX_PARAGRAPH, MAX_SHORT

# -- raised by workbook/districts.py
ROLLUP_MISMATCH = Code(
    "rollup-mismatch",
    Severity.WARNING,
    "全市数与区县数据不符",
    "全市数据表(drafter rollup 生成)中,某项可相加指标的全市数不等于“区县数据”表中各区县之和,"
    "多半是汇总后又改了某个数。请核对后重新汇总,或改正其中一处。",
    "指标!E95:调处矛盾纠纷 34334 ≠ 区县数据之和 34234(区县数据!F95:I95)",
)
DISTRICT_NOT_A_NUMBER = Code(
    "district-not-a-number",
    Severity.WARNING,
    "区县数据不是数字",
    "“区县数据”表中某个区县的数字无法读取,附表中这一格留空。",
    "区县数据!G12:“一百”不是数字",
)

# -- raised by workbook/facts.py
BAD_FACT = Code(
    "bad-fact",
    Severity.ERROR,
    "日期或年份无法识别",
    "“基本信息”中作日期用的项目(如成文日期)应写成 2025年1月16日、2025-01-16 或 Excel 日期;"
    "作年份用的项目(如年度)应写四位数年份,如 2024。无法识别的内容不写进报告。",
    "基本信息!B7:成文日期“七月上旬”无法识别,请写成 2025-01-16 或 2025年1月16日",
)
FACT_NORMALIZED = Code(
    "fact-normalized",
    Severity.INFO,
    "日期或年份已规范化",
    "“基本信息”中的日期填成了 Excel 的日期序号(如 45483,单元格格式为文本或数字时会这样),"
    "或年份带了“年”字、全角数字:按日期或年份读取。核对读法无误即可。",
    "基本信息!B7:成文日期填的是 Excel 日期序号 45483,按 2024年7月10日 读取",
)

# -- raised by workbook/origin.py
OFFICE_NOT_MATCHING = Code(
    "office-not-matching",
    Severity.WARNING,
    "单位文件夹与生成数据表时不同",
    "数据表由某个单位文件夹生成(基本信息“单位文件夹”),本次检查或生成没有加 --office 该文件夹,"
    "或加的是另一个文件夹:单位自己的模板、指标和规则没有用上,生成的报告与单位的写法不同。",
    "基本信息!B3:此数据表由单位文件夹“黄石市司法局”生成,本次未加 --office;"
    "请加 --office 黄石市司法局",
)
CATALOG_CHANGED = Code(
    "catalog-changed",
    Severity.WARNING,
    "指标目录已变化",
    "数据表生成之后,所用模板包或单位文件夹的指标目录有了变化(目录指纹不同):指标表可能少了新增的指标,"
    "或多出已删去的指标。可用 drafter init 生成新表对照补齐。",
    "基本信息!B4:数据表生成时的指标目录(指纹 3f2a9c01d4e5)与现在的(指纹 77b0e1c2a9f3)不同",
)

# -- raised by workbook/outline_sheet.py
BAD_OUTLINE_LEVEL = Code(
    "bad-outline-level",
    Severity.ERROR,
    "大纲层级无法识别",
    "“大纲”表的“层级”应从下拉列表中选:一级标题、二级标题、三级标题、四级标题、要点、段落"
    "(也可写 1–4、一、（一）、1.、（1）)。无法识别的行不写进报告。",
    "大纲!A9:层级“小标题”无法识别,请从下拉列表中选择(一级标题…四级标题、要点、段落)",
)
EMPTY_HEADING = Code(
    "empty-heading",
    Severity.ERROR,
    "标题没有文字",
    "“大纲”表中层级为标题的行,“标题”列是空的:这一行不写进报告。请填写标题,或把层级改为“段落”。",
    "大纲!B12:层级为二级标题,但“标题”是空的",
)
OUTLINE_LEVEL_SKIPPED = Code(
    "outline-level-skipped",
    Severity.WARNING,
    "标题跳级",
    "标题的层级应逐级展开:一级标题之下是二级标题,不能从一级直接到三级。报告照写,但编号"
    "会显得缺了一级,请检查“层级”。",
    "大纲!A14:三级标题直接跟在一级标题之后,中间缺少二级标题",
)
HEADING_NUMBER_REMOVED = Code(
    "heading-number-removed",
    Severity.INFO,
    "去掉了手写的序号",
    "标题和要点的序号(一、（一）1.（1）、一是)由程序按层级自动编排,删去或调换一行后自动"
    "重排。单元格里手写的序号已去掉,以免重复。",
    "大纲!B5:标题前手写的序号“一、”已去掉,序号由程序编排",
)
PARAGRAPH_TITLE_IGNORED = Code(
    "paragraph-title-ignored",
    Severity.WARNING,
    "段落行的“标题”未使用",
    "层级为“段落”的行只写“内容”;“标题”列的文字不会写进报告。要写成标题,请把层级改为标题;"
    "要写成“一是……”,请改为“要点”。",
    "大纲!B20:段落行的“标题”“加强队伍建设”不会写进报告",
)

# -- raised by workbook/own.py
OWN_INDICATOR_INCOMPLETE = Code(
    "own-indicator-incomplete",
    Severity.ERROR,
    "自定义指标缺少名称或类型",
    "在“指标”表中新增的指标,要填“编号”“指标”(名称)和“类型”(计数、金额、比率、数值、文字)。"
    "缺了名称或类型写错的行不能使用。",
    "指标!C40:新增指标“调解.专职调解员”没有填写“指标”(名称)",
)
CATALOG_KIND_IGNORED = Code(
    "catalog-kind-ignored",
    Severity.WARNING,
    "目录中指标的类型不能改",
    "“指标”表中目录里的指标,“类型”一栏由 drafter init 按指标目录填写(灰色)。改写它不会改变"
    "指标的类型,这一行仍按目录读取。要新增一项类型不同的指标,请在表末空行用新的编号填写。",
    "指标!E12:“受理法律援助案件”是指标目录中的计数类指标,“类型”改写为“比率”不起作用,仍按计数读取",
)

# -- raised by workbook/reader.py (stacked-qualifiers, qualifiers-merged by checks/typed_numbers.py too)
VALUE_NORMALIZED = Code(
    "value-normalized",
    Severity.INFO,
    "数值已规范化",
    "单元格的写法被规范为数字:全角数字、千分位逗号、单位、约数修饰词(余、约、超)、万/亿、"
    "小数形式的比率。报告仍按填写的写法措辞。核对读法无误即可。",
    "指标!E5:“２３６”按“236”读取(全角或空格已转换)",
)
NOT_A_NUMBER = Code(
    "not-a-number",
    Severity.ERROR,
    "不是数字",
    "数字列中的文字无法读成数字。请改成数字,或写成“130余”“约300”“1.42万”等可识别的形式。",
    "指标!E7:“一百三十”不是数字",
)
FORMULA_NO_VALUE = Code(
    "formula-no-value",
    Severity.ERROR,
    "公式没有计算结果",
    "单元格是公式,但文件里没有保存计算结果(常见于由程序生成、从未在 Excel 中打开保存过的文件)。"
    "请用 Excel 或 WPS 打开并保存一次,或把公式改为数值。",
    "指标!E9:公式“=SUM(E10:E14)”没有保存计算结果",
)
UNKNOWN_ROW = Code(
    "unknown-row",
    Severity.ERROR,
    "编号不在指标目录中",
    "“指标”表中有行的编号不属于本类报告的指标目录,这些行不会用于报告。最常见的原因是数据表由单位文件夹"
    "生成,检查或生成时没有加 --office;若是新增的指标,请在单位文件夹的 indicators.toml 中添加。",
    "指标!A40:编号“法律援助.新指标”不在指标目录中,这一行不会用于报告;"
    "可能是数据表由单位文件夹生成而没有加 --office",
)
DUPLICATE_ROW = Code(
    "duplicate-row",
    Severity.ERROR,
    "编号重复",
    "同一编号出现在两行,只读取第一行。请删除或合并重复的行。",
    "指标!A41:编号“人民调解.排查纠纷”与第 12 行重复",
)
ROW_MISSING = Code(
    "row-missing",
    Severity.WARNING,
    "缺少指标行",
    "指标目录中的指标在“指标”表里找不到对应的行(可能被删除)。可用 drafter init 重新生成空表对照补上。",
    "指标:没有“法律援助.受理案件”(受理法律援助案件)这一行",
)
MISSING_SHEET = Code(
    "missing-sheet",
    Severity.WARNING,
    "缺少工作表",
    "工作簿中没有“基本信息”或“要点”表,相应内容按空白处理。",
    "要点:工作簿中没有“要点”表,报告不含文字要点",
)
UNKNOWN_SECTION = Code(
    "unknown-section",
    Severity.ERROR,
    "板块无法识别",
    "“要点”表中某行的板块不在本类报告的板块列表中,这一行不会出现在报告里。请改成列表中的板块;"
    "若数据表由单位文件夹生成,检查或生成时请加 --office。",
    "要点!B9:板块“其他工作”无法识别,这一行不会写入报告",
)
STACKED_QUALIFIERS = Code(
    "stacked-qualifiers",
    Severity.ERROR,
    "约数修饰词相互矛盾",
    "一个数同时用了意思相反的修饰词,如“近3万余”:“近”是不到,“余”是超过。请只保留一个,写成“近3万”或“3万余”。"
    "“指标”表的单元格和叙述文字(大纲的内容、导语等)中同样检查。",
    "指标!E20:“近3万余”同时用了“近”(不到)和“余”(超过),请只保留一个:写成“近3万”或“3万余”",
)
UNIT_MISMATCH = Code(
    "unit-mismatch",
    Severity.ERROR,
    "单位与本行的不同",
    "数字后面写的单位不是本行“单位”一栏的单位,也不是与它同义的单位(人／名、件／宗、场次／场／次),"
    "如在单位为“件”的行里填“1963人次”:这个数不采用。请核对后只填按本行单位计的数字;单位确实"
    "不同的,在表末空行新增一项指标。",
    "指标!F89:排查矛盾纠纷:“1963人次”的单位“人次”与本行的单位“件”不同,读到的数是 1963;"
    "请只填按“件”计的数字",
)
QUALIFIERS_MERGED = Code(
    "qualifiers-merged",
    Severity.WARNING,
    "约数修饰词叠用",
    "一个数用了两个意思相近的修饰词,如“约130余”“超5万余”:公文中一个数只用一个修饰词。"
    "“指标”表的单元格中,drafter 只保留一个(写在数后的余、多优先),报告中按保留的写出;叙述文字"
    "(大纲的内容、导语等)照原样写出。请改成想要的写法。意思相反的(“近3万余”)是错误 "
    "stacked-qualifiers。",
    "指标!F11:“法律七进”等普法活动:“约130余”叠用了修饰词“约”“余”,一个数只用一个;"
    "按“130余”读取,报告中写作“130余场次”",
)
UNKNOWN_POINT_SLOT = Code(
    "unknown-point-slot",
    Severity.WARNING,
    "要点编号不在目录中",
    "“要点”表某行的“编号”不是本类报告的要点编号:这一行按所在板块的其他要点写入,位置可能与预想的不同。"
    "新增的要点“编号”可以空着;若数据表由单位文件夹生成,检查或生成时请加 --office。",
    "要点!A20:编号“法律援助.新要点”不是本类报告的要点编号,按“法律援助”板块的其他要点写入",
)

# -- raised by workbook/rule_sheet.py
BAD_RULE_ROW = Code(
    "bad-rule-row",
    Severity.ERROR,
    "规则写法有误",
    "“规则”表每行一条规则:类型选 合计、比率、包含、不超过;“指标”写一个指标的编号或名称"
    "(包含、不超过可写几项之和);“组成”写组成它的指标:合计用 ＋ 连接、要减去的用 －,比率写 "
    "分子／分母,包含用 、 分开各项(用 ＋ 连起来的几项按其和比较);“小数位”只用于比率;"
    "“级别”选 错误 或 警告。无法读懂的规则不做检查。",
    "规则!C4:找不到编号或名称为“调解成功”的指标(最接近:【人民调解.调解成功】)",
)
RULE_EXAMPLE_FILLED = Code(
    "rule-example-filled",
    Severity.WARNING,
    "示例行不做检查",
    "“规则”表开头类型写作“示例：……”的行是 drafter init 写的示例,检查时跳过。改写过的示例行"
    "也不核对:要核对这条规则,请把“类型”改为 合计、比率、包含 或 不超过。",
    "规则!A2:类型为“示例：合计”的行是示例,检查时跳过;要核对这条规则,请把类型改为“合计”",
)
RULE_DUPLICATE = Code(
    "rule-duplicate",
    Severity.INFO,
    "规则与模板包的规则相同",
    "“规则”表的这条规则模板包(或单位文件夹)的指标目录里已经有了,或与本表前面的一行相同:"
    "只核对一次。两条的级别不同时为警告:按先有的一条的级别核对。",
    "规则!A5:这条规则与模板包的规则相同(来自 半年工作总结/indicators.toml),只核对一次",
)

# -- raised by workbook/structure.py
MERGED_CELLS = Code(
    "merged-cells",
    Severity.WARNING,
    "合并单元格盖住了数据",
    "合并单元格只保留左上角一格的内容,被盖住的格子按空白读取:盖住数字,报告中相应的句子就会略去。"
    "请取消合并,逐格填写。",
    "指标!E12:E13:合并单元格盖住了“本期”列的 E13,只读取左上角 E12 的内容,E13 按空白处理",
)
HIDDEN_CELLS = Code(
    "hidden-cells",
    Severity.INFO,
    "隐藏的行或列照常读取",
    "工作表中有隐藏的行或列,其中填写的内容和其他格子一样读取、写进报告。核对隐藏处的内容是否要用。",
    "指标:第 12、15 行是隐藏行,其中的内容照常读取",
)

# -- raised by workbook/text.py
TEXT_NORMALIZED = Code(
    "text-normalized",
    Severity.INFO,
    "文字已整理",
    "单元格文字中有换行、制表符、改变文字方向的控制字符(如 U+202E,会使文字倒序显示)、零宽字符"
    "(如 U+200B,看不见却使名称不同)或其他不可见字符:换行合并为一行(中文之间直接相连,其余加"
    "一个空格),控制字符和零宽字符去掉。核对报告中的写法即可;要分段,请把第二段写在“要点”表的"
    "新一行。",
    "要点!D5:单元格内的换行或制表符已合并为一行(中文之间直接相连,其余加一个空格)",
)
TEXT_TOO_LONG = Code(
    "text-too-long",
    Severity.ERROR,
    "文字过长",
    f"单元格文字超过上限:单位名称、署名、年度等进入标题和落款的内容 {MAX_SHORT} 字,标题、要点、"
    f"编号等 {MAX_LINE} 字,正文段落 {MAX_PARAGRAPH} 字。多半是粘贴时带进了别的内容。请精简;"
    "检查和报告只取上限以内的部分。",
    f"基本信息!B2:有 1,000 字,超过此处 {MAX_SHORT} 字的上限,请精简;检查和报告只取前 {MAX_SHORT} 字",
)

CODES = (
    ROLLUP_MISMATCH,
    DISTRICT_NOT_A_NUMBER,
    BAD_FACT,
    FACT_NORMALIZED,
    OFFICE_NOT_MATCHING,
    CATALOG_CHANGED,
    BAD_OUTLINE_LEVEL,
    EMPTY_HEADING,
    OUTLINE_LEVEL_SKIPPED,
    HEADING_NUMBER_REMOVED,
    PARAGRAPH_TITLE_IGNORED,
    OWN_INDICATOR_INCOMPLETE,
    CATALOG_KIND_IGNORED,
    VALUE_NORMALIZED,
    NOT_A_NUMBER,
    FORMULA_NO_VALUE,
    UNKNOWN_ROW,
    DUPLICATE_ROW,
    ROW_MISSING,
    MISSING_SHEET,
    UNKNOWN_SECTION,
    STACKED_QUALIFIERS,
    UNIT_MISMATCH,
    QUALIFIERS_MERGED,
    UNKNOWN_POINT_SLOT,
    BAD_RULE_ROW,
    RULE_EXAMPLE_FILLED,
    RULE_DUPLICATE,
    MERGED_CELLS,
    HIDDEN_CELLS,
    TEXT_NORMALIZED,
    TEXT_TOO_LONG,
)
