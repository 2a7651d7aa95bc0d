"""Chinese words (jieba), the one home of the segmenter: with their parts of speech for naming
imported figures (drafter.importing), plain words for breaking a table's header cells only
between words (drafter.word.columns).

jieba is loaded on the first call, never at import time of this module: only `drafter import`
(and the page's 导入上年报告) and a table whose header must wrap segment text, and loading
costs about a second (importing
jieba.posseg reads its tag table, ~0.4 s; building the prefix dictionary, ~0.7 s — measured in
benchmarks/import_scale.py). Nothing is written to disk: jieba would cache its dictionary
as marshal data in the shared temporary folder (/tmp/jieba.cache) and load whatever file it
finds there, so the dictionary is built here in memory instead and no cache file is read or
written. jieba's own log lines (“Building prefix dict…”) are silenced; drafter says what it
did itself.

Tags are jieba's (ICTCLAS): n… nouns, v verbs, vn verbal nouns, a adjectives, d adverbs,
p prepositions, c conjunctions, u… particles, r pronouns, m numerals, q measure words,
t time words, f locality words, x punctuation.
"""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from typing import Any

Token = tuple[str, str]  # (word, tag)

# Words of 司法行政 reports jieba's general dictionary splits or tags wrongly (法律援助 as a
# person's name, 名刑释人员 as one word): added with the tag they have in these reports.
DOMAIN_WORDS: tuple[tuple[str, str], ...] = (
    ("法律援助", "n"), ("法援", "n"), ("法律顾问", "n"), ("矛盾纠纷", "n"), ("人民调解", "n"),
    ("调解员", "n"), ("调委会", "n"), ("医调委", "n"), ("社区矫正", "n"), ("矫正对象", "n"),
    ("安置帮教", "n"), ("帮教对象", "n"), ("刑释人员", "n"), ("刑满释放人员", "n"),
    ("行政复议", "n"), ("行政诉讼", "n"), ("行政执法", "n"), ("执法案卷", "n"),
    ("合法性审查", "vn"), ("备案审查", "vn"), ("法律明白人", "n"), ("示范村", "n"),
    ("民主法治示范村", "n"), ("司法所", "n"), ("律师事务所", "n"), ("律所", "n"),
    ("公证处", "n"), ("法治体检", "n"), ("法治宣传", "vn"), ("普法", "vn"), ("法治督察", "vn"),
    ("规范性文件", "n"), ("重大行政决策", "n"), ("受援人", "n"), ("受援", "v"), ("办结", "v"),
    ("结转", "v"), ("调处", "v"), ("摸排", "v"), ("评查", "vn"), ("参训", "v"),
    ("服务团", "n"), ("工作站", "n"), ("说事点", "n"), ("观测点", "n"), ("联系点", "n"),
    ("示范点", "n"), ("办理", "v"), ("指派", "v"), ("部署", "v"), ("谋划", "v"), ("落实", "v"),
    ("含", "v"), ("占比", "n"), ("全系统", "r"), ("全市域", "r"), ("一把手", "n"),
    ("万人成讼率", "n"), ("万人比", "n"), ("法律服务所", "n"), ("基层法律服务所", "n"),
    ("基层法律工作者", "n"), ("立法联系点", "n"), ("牵头单位", "n"), ("我区", "r"), ("我市", "r"),
    ("我县", "r"), ("我局", "r"), ("至今为止", "t"), ("法援案件", "n"), ("新收", "v"),
)

_lock = threading.Lock()
_pos: Any = None


def _tokenizer() -> Any:
    """jieba.posseg's tokenizer, its dictionary built in memory (no cache file)."""
    global _pos
    with _lock:
        if _pos is None:
            with warnings.catch_warnings():  # jieba imports pkg_resources, deprecated upstream
                warnings.simplefilter("ignore")
                import jieba
                import jieba.posseg
            jieba.setLogLevel(logging.CRITICAL)
            dt = jieba.dt
            with dt.lock:
                if not dt.initialized:
                    dt.FREQ, dt.total = dt.gen_pfdict(dt.get_dict_file())
                    dt.initialized = True
            for word, tag in DOMAIN_WORDS:
                dt.add_word(word, None, tag)
            _pos = jieba.posseg.dt
    return _pos


@functools.lru_cache(maxsize=65536)  # clauses repeat (共办理…件) and are short: cheap to keep
def tokens(text: str) -> tuple[Token, ...]:
    """`text` as (word, tag) pairs; the words joined give `text` back."""
    if not text:
        return ()
    return tuple((p.word, p.flag) for p in _tokenizer().cut(text))


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """`text` as words, without guessing unknown words (HMM off): for line breaks."""
    if not text:
        return ()
    _tokenizer()
    import jieba

    return tuple(jieba.dt.cut(text, HMM=False))


def loaded() -> bool:
    """Whether jieba has been loaded in this process (for tests of who loads it)."""
    return _pos is not None
