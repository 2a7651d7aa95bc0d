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

`fragment(name, context)` states when a name is not one a person would write; naming never
returns such a name when it can find a better one, and the tests hold every imported name of
the five source reports to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.importing.segment import Token, tokens

MAX_NAME = 16  # characters: longer is a sentence, cut to its verb phrase
MIN_NAME = 3
_BEFORE = 30  # characters of the clause before a figure looked at
_AFTER = 24
_STOP = set("，,。；;：:！？!?\n（()）【】[]")
_SENTENCE_END = set("。；;！？!?\n")
_CLAUSE_END = set("，,。；;：:！？!?\n")
_FULL_STOP = set("。！？!?\n")
_NOT_COUNTS = frozenset(("%", "倍", "个百分点", "元", "万元", "亿元"))
# measure words that count the noun after them: 3个法治镇街, 74家律师事务所, 130名党员
COUNTS_NOUN_AFTER = frozenset("个名家所处位支座户类批块张间本")
# what a count of this unit is called when only a verb says what was done (接待 → 接待人次)
UNIT_NOUNS = {"人": "人数", "名": "人数", "位": "人数", "人次": "人次", "件": "件数",
              "起": "件数", "宗": "件数", "件次": "件次", "次": "次数", "场": "场次",
              "场次": "场次", "户": "户数", "户次": "户次", "家": "家数", "个": "个数",
              "项": "项数", "份": "份数", "条": "条数", "期": "期数", "批": "批次",
              "批次": "批次", "篇": "篇数", "元": "金额", "万元": "金额", "亿元": "金额",
              "%": "比例", "倍": "倍数", "个百分点": "百分点"}
PERSON_UNITS = frozenset({"人", "名", "位", "人次"})
# words that only frame a figure at the start of its clause
LEAD_WORDS = frozenset((
    "截至目前", "截止目前", "今年以来", "今年来", "今年", "上半年", "下半年", "全年", "年内",
    "年初", "年底", "目前", "当前", "以来", "其中", "此外", "同时", "另外", "另", "共计",
    "共有", "累计", "合计", "总计", "共", "全市", "全区", "全县", "全局", "全系统", "全省",
    "全市域", "我区", "我市", "我县", "我局", "我们", "本局", "现有", "并", "已", "还",
    "先后", "又", "均", "各", "各类", "分别", "达", "是", "含", "包括", "即",
    "前三季度", "季度", "今", "去年", "当年", "全", "至今为止", "至今", "截至", "截止"))
# words that only lead into the figure at the end of its clause
TAIL_WORDS = frozenset((
    "分别为", "分别达", "分别是", "分别", "达到", "达", "为", "是", "共", "共计", "计", "有",
    "至", "到", "超", "超过", "逾", "约", "近", "均", "均达", "仅", "占", "合计", "累计",
    "总计", "共有", "已", "了", "的", "等", "在", "增至", "降至", "提高到", "上升到", "突破",
    "高达", "约为", "共达", "累计达", "同比"))
# adverbs dropped anywhere in a name: 区医调委共受理医患纠纷 → 区医调委受理医患纠纷
INNER_WORDS = frozenset(("共", "共计", "累计", "均", "已", "还", "又", "先后", "分别", "也",
                         "都", "再", "仍", "了", "着", "过", "各", "全市", "全区", "全县",
                         "全省", "全局", "全系统", "我区", "我市", "我县", "我局"))
_FUNCTION_TAGS = ("u", "c", "p", "y", "e", "o", "x", "w")
_FRAME_TAGS = ("t", "m", "q", "r", "f")
_YEARS = re.compile(r"(?<!\d)(19|20)\d{2}\s*(年度|年)(上半年|下半年|全年|以来|来|底|初)?"
                    r"|第?\d+\s*(月份|月|日|号|期|批|届|季度)|[〔\[［]\d+[〕\]］]")
_PUNCT = set("“”‘’「」『』《》\"'、·—-")


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


def is_noun(tag: str) -> bool:
    return tag.startswith("n") or tag in ("vn", "an", "j", "l", "zg", "eng", "nz")


def _nounish(tok: Token) -> bool:
    """A noun, or a word naming a measure of something (调解率, 占比, 人数, 金额)."""
    return is_noun(tok[1]) or tok[0].endswith(("率", "占比", "人数", "件数", "次数", "金额"))


def is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def _function(tok: Token) -> bool:
    word, tag = tok
    return tag.startswith(_FUNCTION_TAGS) or all(ch in _PUNCT for ch in word)


def _text(toks: list[Token] | tuple[Token, ...]) -> str:
    return "".join(w for w, _ in toks)


# ---------------------------------------------------------------- what a fragment is


def fragment(name: str, context: str = "") -> str:
    """Why `name` is not a name a person would write (Chinese), or "" when it is one:

    - empty, a placeholder (数字) or with a digit in it (数字2, 集体2: numbered copies);
    - fewer than 3 characters (集体, 接待, 累, 参);
    - starting with a particle, conjunction, numeral, measure or time word, a pronoun or a
      one-character adverb (年以来, 共审查…, 其他…), or with a preposition and no verb after
      it (对全区);
    - ending with a particle, preposition, conjunction or one-character adverb (建档率均,
      信访接待等);
    - without a noun (受理, 调处成功 as an imported name);
    - holding a measure word whose number was cut away (派出机构即个乡镇, 方面个具体问题);
    - cut in the middle of a word of `context`, the words it came from (府法律顾问… of 政府).
    """
    if not name or name == "数字":
        return "没有名称"
    if re.search(r"[0-9０-９]$", name) or (re.search(r"[0-9０-９]", name) and (
            not context or not re.search(r"\d+", context) or
            any(d not in context for d in re.findall(r"\d+", name)))):
        return "名称中有编号或截留的数字"
    if len(name) < MIN_NAME:
        return f"少于 {MIN_NAME} 个字"
    toks = [t for t in tokens(name) if t[0].strip() and t[0] not in "“”《》"]
    if not toks:
        return "没有名称"
    first, last = toks[0], toks[-1]
    number_name = first[0].isdigit() and len(first[0]) >= 3 and len(toks) > 1  # 12348热线
    if (_function(first) and first[1] != "p") or (first[1].startswith(_FRAME_TAGS) and
                                                   first[0] not in _KEPT_PRONOUNS and
                                                   not number_name) or (
            first[1].startswith("d") and len(first[0]) == 1):
        return f"以虚词、数量词或时间词“{first[0]}”开头"
    if first[1] == "p" and not any(is_verb(t) for _, t in toks[1:]):
        return f"只是介词短语(“{first[0]}…”)"
    if (_function(last) and not last[0].endswith(("）", ")"))) or last[0] in TAIL_WORDS or (
            last[1].startswith("d") and len(last[0]) == 1):
        return f"以虚词“{last[0]}”结尾"
    if not any(_nounish(t) for t in toks):
        return "没有名词"
    if any(t in ("q", "m") and len(w) == 1 and w in COUNTS_NOUN_AFTER | {"件", "次", "人"}
           for w, t in toks):
        return "含有截去了数字的量词"
    if context and _cut_mid_word(name, context):
        return "从词的中间截断"
    return ""


def _cut_mid_word(name: str, context: str) -> bool:
    """Whether the part of `name` taken from `context` starts inside a word of it. The
    context is segmented piece by piece between its figures (a unit next to a word is no
    word: 余人参训 is not 人参)."""
    from drafter.importing.figures import FIGURE

    bounds = {0, len(context)}
    pos = 0
    for m in [*FIGURE.finditer(context), None]:
        end = m.start() if m else len(context)
        at = pos
        for word, _ in tokens(context[pos:end]):
            at += len(word)
            bounds.add(at)
        bounds.add(end)
        if m:
            pos = m.end()
            bounds.add(pos)
    for size in range(len(name), 1, -1):  # the longest head of the name found in the context
        at = context.find(name[:size])
        if at >= 0:
            return at not in bounds
    return False


# ---------------------------------------------------------------- naming a paragraph's figures


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
                inherited = _object(name)
            if unit == span.unit or unit not in _NOT_COUNTS:
                break
        naming = _name(before, after, span.unit, words, inherited)
        predicate = _predicate(flat, span.end + len(naming.after), nxt)
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


def _toks(text: str) -> list[Token]:
    """`text` as words, a quoted name (“法律七进”, 《建议书》) kept as one word."""
    out: list[Token] = []
    quote: list[Token] = []
    closing = ""
    for word, tag in tokens(text):
        if closing:
            quote.append((word, tag))
            if word == closing:
                out.append((_text(quote), "nz"))
                quote, closing = [], ""
            continue
        if word in ("“", "《"):
            closing = "”" if word == "“" else "》"
            quote = [(word, tag)]
            continue
        out.append((word, tag))
    return out + quote


def _name(before: str, after: str, unit: str, words: str, inherited: str) -> Naming:
    """The name of one figure from the words around it; see the module's docstring."""
    toks = _toks(before)
    core = _core(toks)
    raw = _text(_trim_tail(_drop_lead(toks, keep_prepositions=True)))
    core_nouns = any(_nounish(t) for t in core)
    counts_after = (unit in COUNTS_NOUN_AFTER or not core_nouns) and (
        unit != "%" or after.startswith("的") or not core_nouns)  # 有92%的行政争议
    noun = _text(_noun_after(after)) if counts_after and unit not in ("元", "万元", "亿元") \
        else ""
    used_after = after[:after.find(noun) + len(noun)] if noun else ""
    verb_after = _verb_after(after) if unit in PERSON_UNITS and not noun else ""
    if verb_after:
        used_after = after[:after.find(verb_after) + len(verb_after)]
    unit_noun = UNIT_NOUNS.get(unit, "数量")
    core_text = _strip_tail(_text(core))
    has_noun = any(_nounish(t) for t in core)
    has_verb = any(is_verb(t) for _, t in core)
    if unit == "%" and not noun and has_noun and not has_verb and not core_text.endswith(
            ("率", "比")):
        verb_after = _verb_after(after)  # 妇联主席100%培养为“法律明白人”
    quoted = _quoted_name(toks)
    candidates: list[str] = []
    if quoted:
        candidates.append(quoted)
    if noun and unit == "%":  # 有92%的行政争议实现案结事了
        rest = _text(_trim_tail(_toks(after[len(used_after):])))
        candidates.append(_shorten(_toks(noun + rest)) + "比例")
    if noun:
        lead = _verbs_at_start(core)
        bare = _bare_predicate(after[len(used_after):])
        if bare and not has_verb:
            candidates.append(bare + noun)  # 对全区7000余本案卷进行评查 → 评查…案卷
        if len(core_text + noun) <= MAX_NAME:
            candidates.append(core_text + noun)
        if lead:
            candidates.append(lead + noun)  # 确定了城西、桥东3个法治镇街 → 确定法治镇街
        candidates += [_shorten(_toks(core_text + noun)), noun, noun + unit_noun]
    if verb_after:
        if unit == "%":  # 妇联主席100%培养为“法律明白人” → 妇联主席培养为“法律明白人”比例
            phrase = _text(_trim_tail(_toks(after)))[:MAX_NAME - len(core_text)]
            candidates.append(core_text + phrase + ("" if phrase.endswith(("率", "比")) else "比例"))
        candidates.append((core_text if has_noun else "") + verb_after + unit_noun)
        candidates.append(verb_after + unit_noun)
    if core and not has_noun and has_verb:
        verb = _shorten(core)
        if inherited and len(verb) <= 4:
            candidates.append(verb + inherited)
        candidates.append(verb + unit_noun)
    if core_text:
        candidates += [_shorten(core), _shorten(core) + unit_noun]
    forms = [f for f in (quoted, core_text + noun, raw, core_text, noun) if f]
    context = words + after
    for candidate in candidates:
        candidate = _unquoted(_strip_tail(candidate))
        if not fragment(candidate, context):
            return Naming(candidate, words, tuple(dict.fromkeys([*forms, candidate])),
                          after=used_after)
    fallback = next((c for c in candidates if c), "")
    return Naming(fallback, words, tuple(dict.fromkeys(forms)), after=used_after)


def _unquoted(name: str) -> str:
    """“督查考评+领导约谈” → 督查考评+领导约谈: a name that is one quoted phrase."""
    if len(name) > 2 and name[0] in "“《" and name[-1] == ("”" if name[0] == "“" else "》") \
            and name.count(name[0]) == 1:
        return name[1:-1]
    return name


def _quoted_name(toks: list[Token]) -> str:
    """Quoted words right before a figure (其中“家事类”697件, 开展“法治体检”360余次): the
    name, with the verb before them."""
    if not toks or toks[-1][1] != "nz" or toks[-1][0][:1] not in "“《":
        return ""
    quoted = toks[-1][0]
    verbs = _verbs_at_end(toks[:-1])
    inner = quoted[1:-1]
    return verbs + quoted if verbs else inner


_MEANS = frozenset(("方式", "形式", "途径", "渠道", "手段", "载体"))


def _core(toks: list[Token]) -> list[Token]:
    """The clause without its frame and adverbs; “通过走访、座谈等方式进行法治体检” keeps
    what follows the means (进行法治体检)."""
    means = [k for k, (w, _) in enumerate(toks) if w in _MEANS and any(
        is_verb(t) for _, t in toks[k + 1:])]
    if means:
        toks = toks[means[-1] + 1:]
    toks = _trim_tail(_drop_lead(toks, keep_prepositions=False))
    toks = [t for t in toks if t[0] not in INNER_WORDS and not (
        t[0].startswith("各") and len(t[0]) > 1 and t[1] == "l")]
    return _trim_tail(_drop_lead(toks, keep_prepositions=False))


_KEPT_PRONOUNS = frozenset(("其他", "其余", "本级"))


def _drop_lead(toks: list[Token], *, keep_prepositions: bool) -> list[Token]:
    """The clause without what frames it at its start."""
    k = 0
    while k < len(toks):
        word, tag = toks[k]
        frame = tag.startswith(_FRAME_TAGS) and word not in _KEPT_PRONOUNS and not (
            word.isdigit() and len(word) >= 3 and k + 1 < len(toks) and is_noun(toks[k + 1][1]))
        if not word.strip() or word in LEAD_WORDS or (_function(toks[k]) and tag != "p") or \
                frame or (tag.startswith("d") and len(word) == 1):
            k += 1
            continue
        if tag == "p" and not keep_prepositions:  # 对全区…, 在区检察院…设立: up to its verb
            k = next((j for j in range(k + 1, len(toks))
                      if is_verb(toks[j][1]) or toks[j][1] == "vn"), k + 1)
            continue
        break
    return toks[k:]


def _trim_tail(toks: list[Token]) -> list[Token]:
    while toks:
        word, tag = toks[-1]
        if word in TAIL_WORDS or (_function(toks[-1]) and word not in ("）", ")")) or (
                tag.startswith("d") and len(word) == 1) or tag in ("m", "q"):
            toks = toks[:-1]
            continue
        break
    return toks


_TAIL = re.compile(r"(?<=[率比数量额])(为|达|达到|均为|均达|均|仅|约|约为|已达)$")


def _strip_tail(name: str) -> str:
    """调解率为 → 调解率, 占比仅 → 占比: a word jieba joined with the 率 before it."""
    return _TAIL.sub("", name)


_NOUN_BREAK = frozenset(("总体", "全部", "整体", "基本"))


def _strict_noun(tok: Token) -> bool:
    return (tok[1].startswith("n") or tok[1] in ("nz", "j", "l", "zg", "eng", "b")) \
        and tok[1] != "vn"


def _noun_after(after: str) -> list[Token]:
    """The noun a measure word counts: 名党员围绕… → 党员; 个“法助共富”示范项目 → “法助共富”
    示范项目; 本行政处罚、行政强制案卷进行评查 → 行政处罚、行政强制案卷. Nouns, then at most
    one verb with the few nouns that end the phrase (法治镇街创建示范点)."""
    run: list[Token] = []
    for tok in _toks(after.lstrip("的")):
        word, tag = tok
        if word in _LIGHT_VERBS or (_function(tok) and word not in "、()（）") or (
                tag.startswith(("p", "d", "m", "q", "u", "c", "t", "f", "r"))
                and word not in ("以上", "以下")):  # 省级以上民主法治村
            break
        run.append(tok)
    out: list[Token] = []
    k = 0
    while k < len(run):
        word, _ = run[k]
        nxt = run[k + 1] if k + 1 < len(run) else ("", "x")
        if word in _NOUN_BREAK:
            break
        if _strict_noun(run[k]) or word in "()（）" or (word == "、" and out and _strict_noun(nxt)) \
                or (run[k][1] in ("a", "an") and _strict_noun(nxt)) or (
                    word in ("以上", "以下") and out and _strict_noun(nxt)):
            out.append(run[k])
            k += 1
            continue
        break
    rest = run[k:]
    words = [t for t in rest if t[0] not in "()（）"]
    if rest and (is_verb(rest[0][1]) or rest[0][1] == "vn") and _strict_noun(words[-1]) and \
            all(_strict_noun(t) or is_verb(t[1]) or t[1] == "vn" for t in words) and \
            sum(not _strict_noun(t) for t in words) <= 2 and len(_text(words)) <= 8:
        out += rest  # 法治镇街创建示范点, 法治政府建设示范市县, 法治示范乡镇(街道)
    while out and not (_strict_noun(out[-1]) or out[-1][0] in ")）"):
        out.pop()
    return out if any(_nounish(t) for t in out) else []


def _verb_after(after: str) -> str:
    toks = list(tokens(after))
    if toks and is_verb(toks[0][1]) and len(toks[0][0]) >= 2:
        return toks[0][0]
    return ""


_LIGHT_VERBS = frozenset(("进行", "开展", "实施", "予以", "给予", "加以"))


def _bare_predicate(rest: str) -> str:
    """进行评查 → 评查: what the clause after a counted noun does, when it has no object."""
    toks = [t for t in _toks(rest) if t[0].strip()]
    toks = _trim_tail(toks)
    if toks and toks[0][0] in _LIGHT_VERBS:
        toks = toks[1:]
    if toks and all(is_verb(t) or t == "vn" for _, t in toks) and len(_text(toks)) <= 4:
        return _text(toks)
    return ""


def _verbs_at_start(toks: list[Token]) -> str:
    out = []
    for word, tag in toks:
        if not is_verb(tag):
            break
        out.append(word)
    return "".join(out)


def _verbs_at_end(toks: list[Token]) -> str:
    out: list[str] = []
    for word, tag in reversed(toks):
        if not is_verb(tag):
            break
        out.insert(0, word)
    return "".join(out)


def _shorten(toks: list[Token]) -> str:
    """A clause longer than a name: from its last verb phrase (the verbs before its object)
    that still holds a noun; else its last words, whole."""
    text = _text(toks)
    if len(text) <= MAX_NAME:
        return text
    for k in range(len(toks) - 1, -1, -1):
        if (is_verb(toks[k][1]) or toks[k][1] == "vn") and (k == 0 or not is_verb(toks[k - 1][1])):
            rest = toks[k:]
            if any(_nounish(t) for t in rest[1:]) and MIN_NAME <= len(_text(rest)) <= MAX_NAME:
                return _text(rest)
    out: list[Token] = []
    for tok in reversed(toks):
        if len(_text(out)) + len(tok[0]) > MAX_NAME:
            break
        out.insert(0, tok)
    return _text(_drop_lead(out, keep_prepositions=False)) or text[-MAX_NAME:]


def _object(name: str) -> str:
    """代表区政府收到行政复议申请 → 行政复议申请: what the name's last verb with a noun after it
    acts on."""
    toks = _toks(name)
    for k in range(len(toks) - 2, -1, -1):
        if is_verb(toks[k][1]) and _nounish(toks[k + 1]):
            return _text(toks[k + 1:])
    return ""


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
    toks = _drop_lead(_toks(_YEARS.sub("", clause)), keep_prepositions=False)
    nouns: list[Token] = []
    for tok in toks:
        if not is_noun(tok[1]):
            break
        nouns.append(tok)
    text = _text(nouns)
    return text if MIN_NAME <= len(text) <= 8 else ""


def _predicate(flat: str, end: int, nxt: int) -> str:
    """What the clause after a figure says it did (5个项目入选全省“一地创新”项目 → 入选全省
    “一地创新”项目; …52名党员围绕主题讲“微党课” → 讲“微党课”), to tell this figure from
    another of the same name: the first verb phrase when short, else the last."""
    j = end
    while j < min(nxt, end + 2 * _BEFORE) and flat[j] not in _CLAUSE_END and not flat[j].isdigit():
        j += 1
    toks = _toks(flat[end:j])
    starts = [k for k in range(len(toks))
              if is_verb(toks[k][1]) and (k == 0 or not is_verb(toks[k - 1][1]))]
    for k in (starts[:1] + starts[-1:]) if starts else []:
        rest = toks[k:]
        while rest and rest[0][0] in _LIGHT_VERBS and len(rest) > 1:
            rest = rest[1:]
        text = _text(_trim_tail(rest))
        if 2 <= len(text) <= MAX_NAME + 8:
            return text
    return ""
