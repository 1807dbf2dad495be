"""What each simulated student types: their own texts, drawn from seeded pools.

A class does not type one sentence thirty times. Every page the load benchmark types on
has a pool built from small word lists (thousands of combinations), and `ClassTexts`
deals each student texts of their own from it, without repeats across the class, so no
cache serves one student's text to another. The same `seed` deals the same texts.

    texts = ClassTexts(students=30, per_page=3, seed=0)
    texts.for_student(7, "generate")   # three Chinese prompts no other student gets
"""

from __future__ import annotations

import itertools
import random

# ---- Sentiment (the English model is the page's default in an English session) -------------
_OPENERS = ("", "Honestly, ", "To be fair, ", "Well, ", "In short, ", "Overall ", "I think ", "Sadly, ")
_SUBJECTS = ("the film", "the hotel room", "our waiter", "this phone", "the concert", "the book", "the flight",
             "the new update", "the pizza", "my teacher", "the museum", "the ending", "the service", "the app",
             "the coffee", "the match")
_VERDICTS = ("was wonderful", "was really boring", "was fine, nothing special", "was a complete waste of time",
             "made my day", "was not good at all", "was better than I expected", "was slow and terrible",
             "was lovely", "left me disappointed", "was pretty average", "was absolutely brilliant")
_ENDINGS = ("", ", I would go again", ", never again", " and the price was fair", " but the staff were rude",
            ", thanks!", " :(", " and I loved it")

# ---- Text generation: prompts for the Chinese character model (People's Daily) ----------------
_WHEN = ("今天", "今年", "去年", "近日", "昨天", "上午", "明年", "最近", "")
_WHO = ("我国", "北京市", "人民群众", "各地政府", "青年学生", "科技工作者", "农民", "这座城市", "全国人民", "企业",
        "中国经济", "老师们")
_DOING = ("正在", "积极", "决定", "开始", "继续", "加快", "认真", "努力", "已经", "要")

# ---- Gates: inputs for the bracket counter (its default model) -----------------------------
_BRACKET_ALPHABET = "(((())))abcxy"


def _sentences(rng: random.Random, count: int) -> list[str]:
    product = list(itertools.product(_OPENERS, _SUBJECTS, _VERDICTS, _ENDINGS))
    return [f"{o}{s} {v}{e}" for o, s, v, e in rng.sample(product, count)]


def _prompts(rng: random.Random, count: int) -> list[str]:
    product = list(itertools.product(_WHEN, _WHO, _DOING))
    return ["".join(parts) for parts in rng.sample(product, count)]


def _brackets(rng: random.Random, count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault("".join(rng.choice(_BRACKET_ALPHABET) for _ in range(rng.randint(6, 18))))
    return list(seen)


POOLS = {"sentiment": _sentences, "generate": _prompts, "gates": _brackets}


def pool_size(page: str) -> int:
    """How many different texts the page's pool can give (enough for 350 students x 3)."""
    if page == "sentiment":
        return len(_OPENERS) * len(_SUBJECTS) * len(_VERDICTS) * len(_ENDINGS)
    if page == "generate":
        return len(_WHEN) * len(_WHO) * len(_DOING)
    return len(set(_BRACKET_ALPHABET)) ** 6  # strings of 6 characters alone; up to 18 give far more


class ClassTexts:
    """Each student's texts per page: all different across the class, the same for a seed."""

    def __init__(self, students: int, per_page: int, seed: int = 0):
        self.per_page = per_page
        self._dealt = {}
        for page, make in POOLS.items():
            count = students * per_page
            if count > pool_size(page):
                raise ValueError(f"{students} students x {per_page} texts exceed the {page} pool ({pool_size(page)})")
            self._dealt[page] = make(random.Random(f"{seed}-{page}"), count)

    def for_student(self, number: int, page: str) -> tuple[str, ...]:
        start = number * self.per_page
        return tuple(self._dealt[page][start : start + self.per_page])
