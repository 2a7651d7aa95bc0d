"""The words of a clause and what they are, for naming figures (naming.py): nouns, verbs and
function words by jieba's tags (segment.py), the words that only frame a figure (共, 累计,
全市, 达, 均 …), a clause trimmed to what it says, the noun a measure word counts — and
`fragment`, the rule for when a name is not one a person would write.
"""

from __future__ import annotations

import re

from drafter.phrasing.segment import Token, tokens

MAX_NAME = 16  # characters: longer is a sentence, cut to its verb phrase


MIN_NAME = 3


# measure words that count the noun after them: 3个法治镇街, 74家律师事务所, 130名党员
COUNTS_NOUN_AFTER = frozenset("个名家所处位支座户类批块张间本")


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


_PUNCT = set("“”‘’「」『』《》\"'、·—-")


def is_noun(tag: str) -> bool:
    return tag.startswith("n") or tag in ("vn", "an", "j", "l", "zg", "eng", "nz")


def nounish(tok: Token) -> bool:
    """A noun, or a word naming a measure of something (调解率, 占比, 人数, 金额)."""
    return is_noun(tok[1]) or tok[0].endswith(("率", "占比", "人数", "件数", "次数", "金额"))


def is_verb(tag: str) -> bool:
    return tag.startswith("v") and tag != "vn"


def function_word(tok: Token) -> bool:
    word, tag = tok
    return tag.startswith(_FUNCTION_TAGS) or all(ch in _PUNCT for ch in word)


def joined(toks: list[Token] | tuple[Token, ...]) -> str:
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
    if (function_word(first) and first[1] != "p") or (first[1].startswith(_FRAME_TAGS) and
                                                   first[0] not in KEPT_PRONOUNS and
                                                   not number_name) or (
            first[1].startswith("d") and len(first[0]) == 1):
        return f"以虚词、数量词或时间词“{first[0]}”开头"
    if first[1] == "p" and not any(is_verb(t) for _, t in toks[1:]):
        return f"只是介词短语(“{first[0]}…”)"
    if (function_word(last) and not last[0].endswith(("）", ")"))) or last[0] in TAIL_WORDS or (
            last[1].startswith("d") and len(last[0]) == 1):
        return f"以虚词“{last[0]}”结尾"
    if not any(nounish(t) for t in toks):
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


def words_of(text: str) -> list[Token]:
    """`text` as words, a quoted name (“法律七进”, 《建议书》) kept as one word."""
    out: list[Token] = []
    quote: list[Token] = []
    closing = ""
    for word, tag in tokens(text):
        if closing:
            quote.append((word, tag))
            if word == closing:
                out.append((joined(quote), "nz"))
                quote, closing = [], ""
            continue
        if word in ("“", "《"):
            closing = "”" if word == "“" else "》"
            quote = [(word, tag)]
            continue
        out.append((word, tag))
    return out + quote


def unquoted(name: str) -> str:
    """“督查考评+领导约谈” → 督查考评+领导约谈: a name that is one quoted phrase."""
    if len(name) > 2 and name[0] in "“《" and name[-1] == ("”" if name[0] == "“" else "》") \
            and name.count(name[0]) == 1:
        return name[1:-1]
    return name


MEANS = frozenset(("方式", "形式", "途径", "渠道", "手段", "载体"))


KEPT_PRONOUNS = frozenset(("其他", "其余", "本级"))


def drop_lead(toks: list[Token], *, keep_prepositions: bool) -> list[Token]:
    """The clause without what frames it at its start."""
    k = 0
    while k < len(toks):
        word, tag = toks[k]
        frame = tag.startswith(_FRAME_TAGS) and word not in KEPT_PRONOUNS and not (
            word.isdigit() and len(word) >= 3 and k + 1 < len(toks) and is_noun(toks[k + 1][1]))
        if not word.strip() or word in LEAD_WORDS or (function_word(toks[k]) and tag != "p") or \
                frame or (tag.startswith("d") and len(word) == 1):
            k += 1
            continue
        if tag == "p" and not keep_prepositions:  # 对全区…, 在区检察院…设立: up to its verb
            k = next((j for j in range(k + 1, len(toks))
                      if is_verb(toks[j][1]) or toks[j][1] == "vn"), k + 1)
            continue
        break
    return toks[k:]


def trim_tail(toks: list[Token]) -> list[Token]:
    while toks:
        word, tag = toks[-1]
        if word in TAIL_WORDS or (function_word(toks[-1]) and word not in ("）", ")")) or (
                tag.startswith("d") and len(word) == 1) or tag in ("m", "q"):
            toks = toks[:-1]
            continue
        break
    return toks


_TAIL = re.compile(r"(?<=[率比数量额])(为|达|达到|均为|均达|均|仅|约|约为|已达)$")


def strip_tail(name: str) -> str:
    """调解率为 → 调解率, 占比仅 → 占比: a word jieba joined with the 率 before it."""
    return _TAIL.sub("", name)


_NOUN_BREAK = frozenset(("总体", "全部", "整体", "基本"))


def strict_noun(tok: Token) -> bool:
    return (tok[1].startswith("n") or tok[1] in ("nz", "j", "l", "zg", "eng", "b")) \
        and tok[1] != "vn"


def counted_noun(after: str) -> list[Token]:
    """The noun a measure word counts: 名党员围绕… → 党员; 个“法助共富”示范项目 → “法助共富”
    示范项目; 本行政处罚、行政强制案卷进行评查 → 行政处罚、行政强制案卷. Nouns, then at most
    one verb with the few nouns that end the phrase (法治镇街创建示范点)."""
    run: list[Token] = []
    for tok in words_of(after.lstrip("的")):
        word, tag = tok
        if word in LIGHT_VERBS or (function_word(tok) and word not in "、()（）") or (
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
        if strict_noun(run[k]) or word in "()（）" or (word == "、" and out and strict_noun(nxt)) \
                or (run[k][1] in ("a", "an") and strict_noun(nxt)) or (
                    word in ("以上", "以下") and out and strict_noun(nxt)):
            out.append(run[k])
            k += 1
            continue
        break
    rest = run[k:]
    words = [t for t in rest if t[0] not in "()（）"]
    if rest and (is_verb(rest[0][1]) or rest[0][1] == "vn") and strict_noun(words[-1]) and \
            all(strict_noun(t) or is_verb(t[1]) or t[1] == "vn" for t in words) and \
            sum(not strict_noun(t) for t in words) <= 2 and len(joined(words)) <= 8:
        out += rest  # 法治镇街创建示范点, 法治政府建设示范市县, 法治示范乡镇(街道)
    while out and not (strict_noun(out[-1]) or out[-1][0] in ")）"):
        out.pop()
    return out if any(nounish(t) for t in out) else []


def opening_verb(after: str) -> str:
    toks = list(tokens(after))
    if toks and is_verb(toks[0][1]) and len(toks[0][0]) >= 2:
        return toks[0][0]
    return ""


LIGHT_VERBS = frozenset(("进行", "开展", "实施", "予以", "给予", "加以"))


def bare_predicate(rest: str) -> str:
    """进行评查 → 评查: what the clause after a counted noun does, when it has no object."""
    toks = [t for t in words_of(rest) if t[0].strip()]
    toks = trim_tail(toks)
    if toks and toks[0][0] in LIGHT_VERBS:
        toks = toks[1:]
    if toks and all(is_verb(t) or t == "vn" for _, t in toks) and len(joined(toks)) <= 4:
        return joined(toks)
    return ""


def verbs_at_start(toks: list[Token]) -> str:
    out = []
    for word, tag in toks:
        if not is_verb(tag):
            break
        out.append(word)
    return "".join(out)


def verbs_at_end(toks: list[Token]) -> str:
    out: list[str] = []
    for word, tag in reversed(toks):
        if not is_verb(tag):
            break
        out.insert(0, word)
    return "".join(out)


def shorten(toks: list[Token]) -> str:
    """A clause longer than a name: from its last verb phrase (the verbs before its object)
    that still holds a noun; else its last words, whole."""
    text = joined(toks)
    if len(text) <= MAX_NAME:
        return text
    for k in range(len(toks) - 1, -1, -1):
        if (is_verb(toks[k][1]) or toks[k][1] == "vn") and (k == 0 or not is_verb(toks[k - 1][1])):
            rest = toks[k:]
            if any(nounish(t) for t in rest[1:]) and MIN_NAME <= len(joined(rest)) <= MAX_NAME:
                return joined(rest)
    out: list[Token] = []
    for tok in reversed(toks):
        if len(joined(out)) + len(tok[0]) > MAX_NAME:
            break
        out.insert(0, tok)
    return joined(drop_lead(out, keep_prepositions=False)) or text[-MAX_NAME:]


def object_of(name: str) -> str:
    """代表区政府收到行政复议申请 → 行政复议申请: what the name's last verb with a noun after it
    acts on."""
    toks = words_of(name)
    for k in range(len(toks) - 2, -1, -1):
        if is_verb(toks[k][1]) and nounish(toks[k + 1]):
            return joined(toks[k + 1:])
    return ""
