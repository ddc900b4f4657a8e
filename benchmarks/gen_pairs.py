"""Generate realistic EN→ZH pairs for the benchmark: templates, places, numbers, the seed pages.

Each pair joins one to three sentences. Sentences come from a bank of parallel templates
(with Chinese places, years, counts, percentages and dates filled in) and from the aligned
paragraphs of ``corpora/jhcga-shanxi-2016.txt``; about one pair in ten carries an error a
reviewer would mark (a homophone place name, half-width commas, a changed number, a
missing translation), so the checks do real work rather than run on clean text only.
Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLACES = [
    ("Shanxi", "山西"), ("Shaanxi", "陕西"), ("Taiyuan", "太原"), ("Jincheng", "晋城"),
    ("Ningxia", "宁夏"), ("Xinzhou", "忻州"), ("Beijing", "北京"), ("Shanghai", "上海"),
    ("Shenzhen", "深圳"), ("Yinchuan", "银川"), ("Datong", "大同"), ("Xi'an", "西安"),
]
HOMOPHONE = {"山西": "陕西", "晋城": "金城", "陕西": "山西"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

TEMPLATES = [
    ("The delegation travelled to {p} on {m} {d}, {y}.", "代表团于{y}年{mi}月{d}日前往{pz}。"),
    ("{p} produced {n} tonnes of coal last year.", "{pz}去年生产了{n}吨煤炭。"),
    ("Emissions in {p} fell by {pc}% between {y} and {y2}.", "{y}年至{y2}年间，{pz}的排放量下降了{pc}%。"),
    ("More than {n} people attended the conference in {p}.", "超过{n}人参加了在{pz}举行的会议。"),
    ("The wind farm near {p} has {k} turbines.", "{pz}附近的风电场有{k}台风机。"),
    ("Energy efficiency is a priority for {p}.", "能源效率是{pz}的优先事项。"),
    ("The memorandum was signed in {p} in {m} {y}.", "谅解备忘录于{y}年{mi}月在{pz}签署。"),
    ("What will {p} do about air pollution?", "{pz}将如何应对空气污染？"),
    ("The project in {p} will cost {n} million yuan.", "{pz}的项目将耗资{n}百万元。"),
    ("Visit https://example.org/{k} for the full report.", "完整报告见 https://example.org/{k} 。"),
    ("The partnership between {p} and Wyoming began in {y}.", "{pz}与怀俄明州的合作始于{y}年。"),
    ("Officials from {p} met the visitors on Tuesday.", "{pz}的官员于星期二会见了来访者。"),
    ("Coal accounts for {pc}% of the energy used in {p}.", "煤炭占{pz}能源消耗的{pc}%。"),
    ("The museum in {p} receives {n} visitors a year.", "{pz}的博物馆每年接待{n}名游客。"),
    ("Contact the office at info@example.org.", "请通过 info@example.org 联系办公室。"),
]


def _aligned_page_pairs() -> list[tuple[str, str]]:
    """The two-sided pairs of the Shanxi seed page, as the page reader aligns them."""
    from transreview.formats.page import page_pairs

    text = (ROOT / "corpora" / "jhcga-shanxi-2016.txt").read_text(encoding="utf-8")
    return [(p.source, p.target) for p in page_pairs(text, doc="seed") if p.source and p.target]


def _fill(rng: random.Random) -> tuple[str, str]:
    en, zh = rng.choice(TEMPLATES)
    p, pz = rng.choice(PLACES)
    y = rng.randint(1998, 2024)
    mi = rng.randint(1, 12)
    v = {
        "p": p, "pz": pz, "y": y, "y2": y + rng.randint(1, 6), "m": MONTHS[mi - 1], "mi": mi,
        "d": rng.randint(1, 28), "n": rng.randint(2, 9000), "k": rng.randint(2, 300),
        "pc": rng.randint(1, 95),
    }
    return en.format(**v), zh.format(**v)


def _spoil(en: str, zh: str, rng: random.Random) -> tuple[str, str]:
    """One error of the kinds the checks look for."""
    kind = rng.randrange(4)
    if kind == 0:
        for right, wrong in HOMOPHONE.items():
            if right in zh:
                return en, zh.replace(right, wrong, 1)
    if kind == 1:
        return en, zh.replace("，", ",")
    if kind == 2:
        for ch in "123456789":
            if ch in zh:
                return en, zh.replace(ch, str((int(ch) + 1) % 10), 1)
    return en, ""


def generate(n: int, seed: int = 1, error_rate: float = 0.1) -> Iterator[tuple[str, str, str]]:
    """``n`` pairs as (id, source, target)."""
    rng = random.Random(seed)
    page = _aligned_page_pairs()
    for i in range(n):
        if page and rng.random() < 0.05:
            en, zh = rng.choice(page)
        else:
            parts = [_fill(rng) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
            en = " ".join(e for e, _ in parts)
            zh = "".join(z for _, z in parts)
        if rng.random() < error_rate:
            en, zh = _spoil(en, zh, rng)
        yield f"g{i + 1}", en, zh


def write_tsv(path: Path, n: int, seed: int = 1, ids: bool = True) -> Path:
    """Write ``n`` generated pairs to a TSV with an id/source/target header.

    ``ids=False`` leaves out the id column (pairs are then numbered by row): the TSV
    reader keeps every id it has seen to refuse duplicates, about 40 bytes a pair, and
    the memory benchmark can take that apart from the pipeline's own memory.
    """
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "source", "target"] if ids else ["source", "target"])
        for row in generate(n, seed):
            w.writerow(row if ids else row[1:])
    return path


if __name__ == "__main__":  # pragma: no cover
    import sys

    write_tsv(Path(sys.argv[2] if len(sys.argv) > 2 else "pairs.tsv"), int(sys.argv[1]))
