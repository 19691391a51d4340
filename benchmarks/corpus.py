"""The benchmark texts: the five seed articles and a larger corpus generated from them.

The generated corpus is deterministic (a seeded ``random.Random``): documents made of
sentences of the seed articles interleaved with rendered sentences that hold dates in
the many ways Vietnamese writes them (numeric, words, ranges, quarters, decades, relative
and deictic words) and the numbers that look like dates but are not (decree numbers,
ratios, scores, counts, percentages). The same seed gives the same corpus on every
machine and every run.

>>> docs = corpus(chars=5_000, seed=1)
>>> docs == corpus(chars=5_000, seed=1) and sum(map(len, docs)) >= 5_000
True
"""

from __future__ import annotations

import random
import re
from pathlib import Path

__all__ = ["SEED_DIR", "corpus", "rendered_sentence", "seed_sentences", "seeds"]

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"

_ROMAN = ("I", "II", "III", "IV")
_WORD_DAYS = ("mười lăm", "hai mươi", "hai mươi mốt", "ba mươi", "mười", "năm")
_MONTH_WORDS = ("Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Chạp")

_SUBJECTS = (
    "Ủy ban nhân dân thành phố",
    "đoàn công tác của Bộ Ngoại giao",
    "các doanh nghiệp trong khu công nghiệp",
    "Sở Giáo dục và Đào tạo",
    "đội tuyển bóng đá quốc gia",
    "ban tổ chức lễ hội",
    "người dân các xã ven biển",
    "Hội đồng nhân dân tỉnh",
)
_PREDICATES = (
    "đã tổ chức hội nghị tổng kết công tác",
    "sẽ khai mạc triển lãm thương mại quốc tế",
    "đã ký kết biên bản ghi nhớ hợp tác",
    "tiếp tục triển khai kế hoạch phát triển kinh tế",
    "công bố kết quả tuyển sinh",
    "thi đấu trận giao hữu trên sân nhà",
    "đón hơn 2.000 lượt khách tham quan",
    "họp bàn phương án phòng chống bão",
)
_DISTRACTORS = (
    "theo Nghị định {n}/{y}/NĐ-CP",
    "với tỷ lệ {a}/{b} số hộ",
    "và thắng với tỉ số {a}-{b}",
    "với {big} người tham dự",
    "tăng {a},{b}% so với cùng kỳ",
    "tại số {n} phố Hàng Bài",
    "với tổng vốn {a}.{b}00 tỷ đồng",
)


def seeds() -> list[str]:
    """The five seed articles, in file-name order."""
    return [path.read_text(encoding="utf-8") for path in sorted(SEED_DIR.glob("*.txt"))]


def seed_sentences() -> list[str]:
    """The sentences of the seed articles (split on sentence ends), for filler text."""
    sentences: list[str] = []
    for text in seeds():
        for line in text.splitlines():
            sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return sentences


def _date(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1975, 2035)
    form = rng.randrange(22)
    return (
        f"ngày {d}/{m}/{y}",
        f"ngày {d:02d}-{m:02d}-{y}",
        f"ngày {d} tháng {m} năm {y}",
        f"ngày {rng.choice(_WORD_DAYS)} tháng {rng.choice(_MONTH_WORDS)}",
        f"tháng {m}/{y}",
        f"tháng {m} năm {y}",
        f"năm {y}",
        f"từ ngày {d} đến {d + 2}-{m}",
        f"từ {d}/{m} đến {d}/{m % 12 + 1}/{y}",
        f"quý {rng.choice(_ROMAN)} năm {y}",
        f"6 tháng đầu năm {y}",
        f"những năm {y // 10 * 10}",
        f"cuối tháng {m}",
        f"đầu năm {y}",
        rng.choice(("hôm nay", "hôm qua", "ngày mai", "hiện nay", "thời gian qua")),
        rng.choice(("tuần tới", "tháng trước", "năm ngoái", "năm sau", "quý tới")),
        f"giai đoạn {y}-{y + 5}",
        f"sáng {d}/{m}",
        f"hôm {d}-{m}",
        f"tháng {m} tới",
        f"cùng kỳ năm {y}",
        f"T{m}/{y}",
    )[form]


def _distractor(rng: random.Random) -> str:
    template = rng.choice(_DISTRACTORS)
    return template.format(
        n=rng.randint(1, 300),
        y=rng.randint(2000, 2030),
        a=rng.randint(1, 9),
        b=rng.randint(1, 9),
        big=rng.randint(1000, 2100),
    )


def rendered_sentence(rng: random.Random) -> str:
    """One sentence with a date expression and, half the time, a look-alike number."""
    date = _date(rng)
    subject, predicate = rng.choice(_SUBJECTS), rng.choice(_PREDICATES)
    extra = f" {_distractor(rng)}" if rng.random() < 0.5 else ""
    if rng.random() < 0.5:
        return f"{date[0].upper()}{date[1:]}, {subject} {predicate}{extra}."
    return f"{subject[0].upper()}{subject[1:]} {predicate} {date}{extra}."


def corpus(chars: int = 250_000, seed: int = 20241020) -> list[str]:
    """Documents of 1 000 to 8 000 characters, at least ``chars`` characters in all:
    paragraphs of seed sentences mixed with rendered date sentences (one in three)."""
    rng = random.Random(seed)
    filler = seed_sentences()
    documents: list[str] = []
    total = 0
    while total < chars:
        size = rng.randint(1_000, 8_000)
        paragraphs: list[str] = []
        length = 0
        while length < size:
            sentences = [
                rendered_sentence(rng) if rng.random() < 1 / 3 else rng.choice(filler)
                for _ in range(rng.randint(2, 6))
            ]
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        document = "\n\n".join(paragraphs)
        documents.append(document)
        total += len(document)
    return documents
