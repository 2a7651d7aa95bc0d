"""Names for the figures of a report's sentences, as a person would write them: the phrase a
figure counts (受理法律援助案件, 省级民主法治示范村, 参训人数), not the characters that happen
to stand before it (共, 累, 对全区, 年以来).

A name is built from the words of its clause, segmented with their parts of speech by jieba
(segment.py): the clause before the figure without what only frames it (time words, 共/累计,
全市/我局, a leading prepositional phrase), and, for a measure word that counts the noun after
it (3个法治镇街, 130名党员), that noun. A clause with a verb but no noun borrows the object of
the figure before it in the same sentence when they are counted alike (收到行政复议申请34起、
受理26起 → 受理行政复议申请), else says what is counted (接待1300余人次 → 接待人次). Every name
is cut on word boundaries: jieba knows 政府 is one word, so 府法律顾问… cannot happen.

`fragment(name, context)` (words.py) states when a name is not one a person would write;
naming never returns such a name when it can find a better one, and the tests hold every
imported name of the five source reports to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.importing.words import (
    COUNTS_NOUN_AFTER,
    INNER_WORDS,
    LIGHT_VERBS,
    MAX_NAME,
    MEANS,
    MIN_NAME,
    bare_predicate,
    counted_noun,
    drop_lead,
    fragment,
    is_noun,
    is_verb,
    joined,
    nounish,
    object_of,
    opening_verb,
    shorten,
    strip_tail,
    trim_tail,
    unquoted,
    verbs_at_end,
    verbs_at_start,
    words_of,
)
from drafter.phrasing.segment import Token

_BEFORE = 30  # characters of the clause before a figure looked at


_AFTER = 24


_STOP = set("，,。；;：:！？!?\n（()）【】[]")


_SENTENCE_END = set("。；;！？!?\n")


_CLAUSE_END = set("，,。；;：:！？!?\n")


_FULL_STOP = set("。！？!?\n")


_NOT_COUNTS = frozenset(("%", "倍", "个百分点", "元", "万元", "亿元"))


# what a count of this unit is called when only a verb says what was done (接待 → 接待人次)
UNIT_NOUNS = {"人": "人数", "名": "人数", "位": "人数", "人次": "人次", "件": "件数",
              "起": "件数", "宗": "件数", "件次": "件次", "次": "次数", "场": "场次",
              "场次": "场次", "户": "户数", "户次": "户次", "家": "家数", "个": "个数",
              "项": "项数", "份": "份数", "条": "条数", "期": "期数", "批": "批次",
              "批次": "批次", "篇": "篇数", "元": "金额", "万元": "金额", "亿元": "金额",
              "%": "比例", "倍": "倍数", "个百分点": "百分点"}


PERSON_UNITS = frozenset({"人", "名", "位", "人次"})


_YEARS = re.compile(r"(?<!\d)(19|20)\d{2}\s*(年度|年)(上半年|下半年|全年|以来|来|底|初)?"
                    r"|第?\d+\s*(月份|月|日|号|期|批|届|季度)|[〔\[［]\d+[〕\]］]")


@dataclass(frozen=True)
class Span:
    """Where a figure stands in its paragraph (offsets into the width-folded text)."""

    start: int  # its first character (a qualifier such as 约 included)
    end: int  # after its unit
    unit: str


@dataclass(frozen=True)
class Naming:
    name: str
    words: str  # the words before the figure it came from, as written
    forms: tuple[str, ...]  # phrases to look up in the catalog, most specific first
    qualified: tuple[str, ...] = ()  # longer names that tell it from another of this name
    after: str = ""  # the words after the figure it used (the noun a measure word counts)


_SHARE = re.compile(r"(?:约|分别)?(?:占|占比|占比为|占到|占总数的|占全部的)")  # …1876件,占84.9%


def name_all(flat: str, spans: list[Span]) -> list[Naming]:
    """A name for each figure of one paragraph (`flat`: the paragraph, widths folded).
    Linear in the paragraph: each figure looks at its own clause and at most the figure
    named right before it."""
    out: list[Naming] = []
    begin = seen = 0  # where the current sentence begins; how far sentence ends were looked for
    first_in_sentence = 0  # index of the sentence's first figure
    floor = 0  # the words before a figure start after the previous figure (and its noun)
    recent: list[tuple[str, str]] = []  # (unit, name) of the last figures of this sentence
    for i, span in enumerate(spans):
        for k in range(seen, span.start):
            if flat[k] in _SENTENCE_END:
                begin, first_in_sentence = k + 1, i
            if flat[k] in _FULL_STOP:
                recent = []
        seen = max(seen, span.start)
        before, words = _before(flat, span, floor)
        nxt = spans[i + 1].start if i + 1 < len(spans) else len(flat)
        after = _after(flat, span.end, nxt)
        # 收到行政复议申请34起、受理26起; …申请2291件，是行政诉讼的2.3倍；办结2243件 (a
        # ratio between them does not count, another count does: 探视430余起，累计接待…人次)
        inherited = ""
        for unit, name in reversed(recent):
            if unit == span.unit:
                inherited = object_of(name)
            if unit == span.unit or unit not in _NOT_COUNTS:
                break
        naming = _name(before, after, span.unit, words, inherited)
        predicate = _predicate(flat, span.end + len(naming.after), nxt)
        if span.unit == "%" and _SHARE.fullmatch(words.strip()) and out and out[-1].name \
                and i > first_in_sentence:  # 其中“最多跑一次”事项1876件,占84.9%
            naming = replace(naming, name=out[-1].name + "占比")
        if not naming.name:  # no words of its own: what the clause after it says it did
            unit_noun = UNIT_NOUNS.get(span.unit, "数量")
            naming = replace(naming, name=(predicate + unit_noun) if predicate and not fragment(
                predicate + unit_noun) else "")
        qualified = []
        forms = list(naming.forms)
        subject = _subject(flat, begin, span.start, first_in_sentence < i)
        if subject and subject not in naming.name:
            qualified.append(subject + naming.name)
            forms.append(subject + naming.name)
        if predicate and predicate not in naming.name:
            qualified.append(f"{naming.name}（{predicate}）")
            forms += [predicate + naming.name, naming.name + predicate]  # 讲“微党课”党员
            noun = naming.after.lstrip("的")
            if noun and noun in naming.name:  # 5个项目入选…“最佳实践” → 入选…“最佳实践”的项目
                forms += [f"{predicate}的{noun}", predicate + noun]
        if i > first_in_sentence and out and out[-1].name and out[-1].name not in naming.name:
            qualified.append(f"{naming.name}（{out[-1].name}）")  # 减免金额（办理公证业务）
        out.append(replace(naming, qualified=tuple(qualified), forms=tuple(dict.fromkeys(forms))))
        floor = span.end + len(naming.after)
        recent = [*recent[-1:], (span.unit, naming.name)]
    return out


def _before(flat: str, span: Span, floor: int) -> tuple[str, str]:
    """The clause before a figure (years and dates taken out) and the words as written.
    A bracket right before it (重点任务(3727项)) means the words before the bracket."""
    k = span.start
    if k and flat[k - 1] in "（(":
        k -= 1
    start = k
    while start > floor and k - start < _BEFORE and flat[start - 1] not in _STOP:
        if flat[start - 1] in "”》":  # a quoted name may hold brackets: “示范村(社区)”
            opening = flat.rfind("“" if flat[start - 1] == "”" else "《", floor, start - 1)
            if opening >= 0 and k - opening <= _BEFORE:
                start = opening
                continue
        start -= 1
    words = flat[start:k]
    return _YEARS.sub("", words), words


def _after(flat: str, end: int, nxt: int) -> str:
    """The words after a figure, to the end of its clause (a bracket closing within reach
    belongs to them: 村(社区))."""
    j = end
    while j < min(nxt, end + _AFTER) and flat[j] not in _STOP and not flat[j].isdigit():
        j += 1
    if j < nxt and flat[j] in "（(":
        close = flat.find(")" if flat[j] == "(" else "）", j, min(nxt, end + _AFTER + 8))
        if close > 0:
            return flat[end:close + 1] + _after(flat, close + 1, nxt)
    return flat[end:j]


def _name(before: str, after: str, unit: str, words: str, inherited: str) -> Naming:
    """The name of one figure from the words around it; see the module's docstring."""
    toks = words_of(before)
    core = _core(toks)
    raw = joined(trim_tail(drop_lead(toks, keep_prepositions=True)))
    core_nouns = any(nounish(t) for t in core)
    counts_after = (unit in COUNTS_NOUN_AFTER or not core_nouns) and (
        unit != "%" or after.startswith("的") or not core_nouns)  # 有92%的行政争议
    noun = joined(counted_noun(after)) if counts_after and unit not in ("元", "万元", "亿元") \
        else ""
    used_after = after[:after.find(noun) + len(noun)] if noun else ""
    verb_after = opening_verb(after) if unit in PERSON_UNITS and not noun else ""
    if verb_after:
        used_after = after[:after.find(verb_after) + len(verb_after)]
    unit_noun = UNIT_NOUNS.get(unit, "数量")
    core_text = strip_tail(joined(core))
    has_noun = any(nounish(t) for t in core)
    has_verb = any(is_verb(t) for _, t in core)
    if unit == "%" and not noun and has_noun and not has_verb and not core_text.endswith(
            ("率", "比")):
        verb_after = opening_verb(after)  # 妇联主席100%培养为“法律明白人”
    quoted = _quoted_name(toks)
    candidates: list[str] = []
    if quoted:
        candidates.append(quoted)
    if noun and unit == "%":  # 有92%的行政争议实现案结事了
        rest = joined(trim_tail(words_of(after[len(used_after):])))
        candidates.append(shorten(words_of(noun + rest)) + "比例")
    if noun:
        lead = verbs_at_start(core)
        bare = bare_predicate(after[len(used_after):])
        if bare and not has_verb:
            candidates.append(bare + noun)  # 对全区7000余本案卷进行评查 → 评查…案卷
        if len(core_text + noun) <= MAX_NAME:
            candidates.append(core_text + noun)
        if lead:
            candidates.append(lead + noun)  # 确定了城西、桥东3个法治镇街 → 确定法治镇街
        candidates += [shorten(words_of(core_text + noun)), noun, noun + unit_noun]
    if verb_after:
        if unit == "%":  # 妇联主席100%培养为“法律明白人” → 妇联主席培养为“法律明白人”比例
            phrase = joined(trim_tail(words_of(after)))[:MAX_NAME - len(core_text)]
            candidates.append(core_text + phrase + ("" if phrase.endswith(("率", "比")) else "比例"))
        candidates.append((core_text if has_noun else "") + verb_after + unit_noun)
        candidates.append(verb_after + unit_noun)
    if core and not has_noun and has_verb:
        verb = shorten(core)
        if inherited and len(verb) <= 4:
            candidates.append(verb + inherited)
        candidates.append(verb + unit_noun)
    if core_text:
        candidates += [shorten(core), shorten(core) + unit_noun]
    forms = [f for f in (quoted, core_text + noun, raw, core_text, noun) if f]
    context = words + after
    for candidate in candidates:
        candidate = unquoted(strip_tail(candidate))
        if not fragment(candidate, context):
            return Naming(candidate, words, tuple(dict.fromkeys([*forms, candidate])),
                          after=used_after)
    fallback = next((c for c in candidates if c), "")
    return Naming(fallback, words, tuple(dict.fromkeys(forms)), after=used_after)


def _quoted_name(toks: list[Token]) -> str:
    """Quoted words right before a figure (其中“家事类”697件, 开展“法治体检”360余次): the
    name, with the verb before them."""
    if not toks or toks[-1][1] != "nz" or toks[-1][0][:1] not in "“《":
        return ""
    quoted = toks[-1][0]
    verbs = verbs_at_end(toks[:-1])
    inner = quoted[1:-1]
    return verbs + quoted if verbs else inner


def _core(toks: list[Token]) -> list[Token]:
    """The clause without its frame and adverbs; “通过走访、座谈等方式进行法治体检” keeps
    what follows the means (进行法治体检)."""
    means = [k for k, (w, _) in enumerate(toks) if w in MEANS and any(
        is_verb(t) for _, t in toks[k + 1:])]
    if means:
        toks = toks[means[-1] + 1:]
    toks = trim_tail(drop_lead(toks, keep_prepositions=False))
    toks = [t for t in toks if t[0] not in INNER_WORDS and not (
        t[0].startswith("各") and len(t[0]) > 1 and t[1] == "l")]
    return trim_tail(drop_lead(toks, keep_prepositions=False))


def _subject(flat: str, begin: int, start: int, after_first: bool) -> str:
    """The noun phrase the sentence opens with (我区现有“百姓评理说事点”76个，…化解矛盾纠纷388件
    → 百姓评理说事点), to tell this figure from another of the same name."""
    if begin >= start:
        return ""
    head = flat[begin:min(start, begin + _BEFORE)]
    quoted = re.search(r"“([^”]{2,12})”", head)
    if quoted and after_first:
        return quoted.group(1)
    clause = re.split(r"[，,：:；;、]", head)[0]
    toks = drop_lead(words_of(_YEARS.sub("", clause)), keep_prepositions=False)
    nouns: list[Token] = []
    for tok in toks:
        if not is_noun(tok[1]):
            break
        nouns.append(tok)
    text = joined(nouns)
    return text if MIN_NAME <= len(text) <= 8 else ""


def _predicate(flat: str, end: int, nxt: int) -> str:
    """What the clause after a figure says it did (5个项目入选全省“一地创新”项目 → 入选全省
    “一地创新”项目; …52名党员围绕主题讲“微党课” → 讲“微党课”), to tell this figure from
    another of the same name: the first verb phrase when short, else the last."""
    j = end
    while j < min(nxt, end + 2 * _BEFORE) and flat[j] not in _CLAUSE_END and not flat[j].isdigit():
        j += 1
    toks = words_of(flat[end:j])
    starts = [k for k in range(len(toks))
              if is_verb(toks[k][1]) and (k == 0 or not is_verb(toks[k - 1][1]))]
    for k in (starts[:1] + starts[-1:]) if starts else []:
        rest = toks[k:]
        while rest and rest[0][0] in LIGHT_VERBS and len(rest) > 1:
            rest = rest[1:]
        text = joined(trim_tail(rest))
        if 2 <= len(text) <= MAX_NAME + 8:
            return text
    return ""


__all__ = ["Naming", "Span", "fragment", "name_all"]
