"""Names of imported figures: the phrase a figure counts, as a person would write it, and the
rule that says when a name is a fragment (naming.fragment)."""

from __future__ import annotations

import pytest

from drafter.importing import figures, naming


def names(text: str) -> list[str]:
    return [f.name for f in figures.find(text)[0]]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年上半年，共开展集中学习10次。", ["开展集中学习"]),
    ("回访满意率达到99.5%。", ["回访满意率"]),
    ("上半年共受理法援案件236件。", ["受理法援案件"]),
    ("区医调委共受理医患纠纷20宗。", ["区医调委受理医患纠纷"]),
    ("全市各人民调解组织受理矛盾纠纷9477件。", ["人民调解组织受理矛盾纠纷"]),
    ("法考通过人数占比仅0.14%。", ["法考通过人数占比"]),  # 仅 is not part of a name
    ("社区矫正案件单轨制办结率为100%。", ["社区矫正案件单轨制办结率"]),
    ("排查1963件，其中“家事类”697件，运用《建议书》94份。", ["排查件数", "家事类", "建议书"]),
    ("为企业开展“法治体检”360余次。", ["开展“法治体检”"]),
    ("全年12348热线呼入量1.8余人次。", ["12348热线呼入量"]),  # a name may hold a number
])
def test_the_words_before_a_figure_without_what_frames_them(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("确定了城西、桥东、意溪3个法治镇街创建示范点。", ["确定法治镇街创建示范点"]),
    ("全市488所中小学校配备专门法治课教师750人。", ["中小学校", "配备专门法治课教师"]),
    ("对全区7000余本行政处罚、行政强制案卷进行评查。", ["评查行政处罚、行政强制案卷"]),
    ("对2023年以来的6240件社区矫正案件进行全面评查。", ["社区矫正案件"]),
    ("全市1016个村(社区)已培养上岗2384名。", ["村(社区)", "培养上岗"]),
    ("创建“全国民主法治示范村(社区)”11个。", ["创建“全国民主法治示范村(社区)”"]),
    ("争取创成550个省级以上民主法治村(社区)。", ["争取创成省级以上民主法治村(社区)"]),
])
def test_a_measure_word_counts_the_noun_after_it(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a bare verb borrows the object of the figure before it, counted alike
    ("收到行政复议申请34起、受理26起、办结23起(含2023年结转9起)。",
     ["收到行政复议申请", "受理行政复议申请", "办结行政复议申请", "结转行政复议申请"]),
    ("受理行政复议案件1362件，审结1193件。", ["受理行政复议案件", "审结行政复议案件"]),
    # else it says what is counted
    ("为服刑人员家属安排探视430余起，累计接待1300余人次。", ["安排探视件数", "接待人次"]),
    ("举办测试两场次，累计730余人参与。", ["参与人数"]),
    ("全区各街道、各执法单位共计270余人参训。", ["执法单位参训人数"]),
    ("受众达26万余人次。", ["受众人次"]),
    ("共有130名党员参加研讨。", ["参加研讨党员"]),
    ("共有130名党员。", ["党员人数"]),
])
def test_a_clause_without_a_noun_says_what_it_counts(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_figures_of_one_name_are_told_apart_by_their_sentence() -> None:
    found, _ = figures.find("化解矛盾纠纷1963件。我区现有“百姓评理说事点”76个，上半年收集上报信息"
                            "401条，化解矛盾纠纷388件。")
    assert [f.name for f in found] == ["化解矛盾纠纷", "百姓评理说事点", "收集上报信息",
                                       "化解矛盾纠纷"]
    assert found[3].qualified[0] == "百姓评理说事点化解矛盾纠纷"
    found, _ = figures.find("共有130名党员围绕学习进行交流研讨，52名党员围绕主题讲“微党课”。")
    assert found[1].qualified and "讲“微党课”" in found[1].qualified[0]


@pytest.mark.parametrize(("name", "context", "why"), [
    ("数字", "", "没有名称"),
    ("数字2", "", "编号"),
    ("集体2", "", "编号"),
    ("个人2", "", "编号"),
    ("集体", "", "少于 3 个字"),
    ("累", "", "少于 3 个字"),
    ("参", "", "少于 3 个字"),
    ("接待", "", "少于 3 个字"),
    ("对全区", "", "介词"),
    ("年以来", "", "开头"),
    ("共审查重大行政决策", "", "开头"),
    ("建档率均", "", "结尾"),
    ("信访接待等", "", "结尾"),
    ("调处成功", "", "没有名词"),
    ("派出机构即个乡镇", "", "量词"),
    ("方面个具体问题", "", "量词"),
    ("府法律顾问共审查重大行政决策", "政府法律顾问共审查重大行政决策12件", "截断"),
])
def test_what_a_fragment_is(name: str, context: str, why: str) -> None:
    assert why in naming.fragment(name, context)


@pytest.mark.parametrize("name", [
    "受理法律援助案件", "省级民主法治示范村", "受援残疾人", "开展法治宣传活动", "其他重大事项",
    "12348热线呼入量", "村(社区)", "参训人数", "行政执法人员40岁以上的占比",
])
def test_names_a_person_would_write(name: str) -> None:
    assert naming.fragment(name, name) == ""


def test_jieba_is_loaded_only_when_a_report_is_named() -> None:
    """Importing drafter.importing (or any other command's modules) does not load jieba."""
    import subprocess
    import sys

    code = ("import sys, drafter.cli, drafter.importing.build, drafter.importing.naming;"
            "print('jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_jieba_reads_and_writes_no_cache_file_and_says_nothing() -> None:
    """jieba would keep its dictionary as marshal data in the shared /tmp/jieba.cache and load
    whatever it finds there: the dictionary is built in memory, no cache file is opened, and
    jieba's log lines do not reach the terminal."""
    import subprocess
    import sys

    code = ("import sys; seen = []\n"
            "sys.addaudithook(lambda e, a: seen.append(str(a[0])) if e == 'open' else None)\n"
            "from drafter.phrasing import segment\n"
            "assert segment.tokens('共受理法援案件236件')\n"
            "print([s for s in seen if s.endswith('.cache')])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert done.stderr == ""
