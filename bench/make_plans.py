"""Make N provinces' plans implementing one central conclusion, for `compare`.

    python bench/make_plans.py N OUT_DIR [--seed 1]

Every plan is written the way a provincial Party committee writes one: its
own header (TỈNH ỦY <province>, its number and date), the standard parts,
and a selection of task items drawn from the two seed plans (Kết luận
02-KL/TW on fire safety), re-ordered, partly re-worded, some left out, some
added, wrapped at varied widths. Province names come from underthesea's list
of the 63 provinces before the 2025 merger.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
sys.path.insert(0, str(ROOT / "src"))

from kehoach import parse  # noqa: E402
from kehoach.diff import numbered  # noqa: E402

REWORDS = [
    ("Tăng cường", "Đẩy mạnh"),
    ("tăng cường", "đẩy mạnh"),
    ("Nâng cao", "Không ngừng nâng cao"),
    ("triển khai", "tổ chức thực hiện"),
    ("kịp thời", "nhanh chóng"),
    ("Nhân dân", "người dân"),
    ("hiệu quả", "kết quả"),
    ("phòng cháy, chữa cháy", "PCCC"),
    ("cứu nạn, cứu hộ", "CNCH"),
]
EXTRA = [
    "Tăng cường kiểm tra an toàn phòng cháy, chữa cháy tại chợ, trung tâm thương mại, nhà cao tầng và cơ sở có nguy "
    "cơ cháy, nổ cao.",
    "Xây dựng phong trào toàn dân tham gia phòng cháy, chữa cháy; nhân rộng mô hình tổ liên gia an toàn phòng cháy, "
    "chữa cháy.",
    "Bố trí kinh phí mua sắm phương tiện chữa cháy cho lực lượng dân phòng và phòng cháy, chữa cháy cơ sở.",
    "Ứng dụng công nghệ thông tin trong quản lý cơ sở thuộc diện quản lý về phòng cháy, chữa cháy.",
]


def _text(section) -> str:
    lines = [section.heading] if section.heading else []
    if section.text:
        lines.append(section.text)
    for child in section.children:
        lines.append(("- " if child.label in ("-", "+") else f"{child.label}) ") + _text(child))
    return "\n".join(lines)


def item_pool() -> tuple[list[str], list[str], list[str]]:
    """(purpose items, task items, implementation items) of the seeds, as text."""
    purpose, tasks, implementation = [], [], []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = parse(str(path))
        for part in doc.sections:
            target = {"purpose": purpose, "tasks": tasks, "implementation": implementation}.get(part.kind or "")
            if target is not None:
                target.extend(_text(item) for item in numbered(part))
    return purpose, tasks, implementation


def provinces() -> list[str]:
    from kehoach._libs import province_table

    table = province_table()
    if table is None:
        return [f"Tỉnh {i}" for i in range(1, 64)]
    return sorted(info["short"] for info in table["old_province_names"].values())


def plan(province: str, number: int, pools, rng: random.Random) -> str:
    purpose, tasks, implementation = pools
    chosen = rng.sample(tasks, k=max(2, int(len(tasks) * rng.uniform(0.5, 0.9))))
    if rng.random() < 0.6:
        chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(EXTRA))
    lines = [
        f"TỈNH ỦY {province.upper()}                ĐẢNG CỘNG SẢN VIỆT NAM",
        f"Số {number}-KH/TU",
        f"{province}, ngày {rng.randint(1, 28):02d} tháng {rng.randint(6, 12)} năm 2021",
        "",
        "KẾ HOẠCH",
        "thực hiện Kết luận số 02-KL/TW, ngày 18/5/2021 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 47-CT/TW",
        "về tăng cường sự lãnh đạo của Đảng đối với công tác phòng cháy, chữa cháy",
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    for k, item in enumerate(rng.sample(purpose, k=min(len(purpose), rng.randint(2, 3))), 1):
        lines.append(f"{k}. {item}")
    lines.append("II. NHIỆM VỤ, GIẢI PHÁP")
    for k, item in enumerate(chosen, 1):
        lines.append(f"{k}. {item}")
    lines.append("III. TỔ CHỨC THỰC HIỆN")
    for k, item in enumerate(rng.sample(implementation, k=min(len(implementation), rng.randint(3, 5))), 1):
        lines.append(f"{k}. {item}")
    lines += [
        "",
        "Nơi nhận:",
        "- Ban Bí thư (báo cáo),",
        "- Lưu Văn phòng Tỉnh ủy.",
        "",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "",
        "Nguyễn Văn An",
    ]
    text = "\n".join(lines)
    for old, new in REWORDS:
        if rng.random() < 0.3:
            text = text.replace(old, new)
    width = rng.randint(70, 110)
    return (
        "\n".join(
            "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)) or line
            for line in text.split("\n")
        )
        + "\n"
    )


def make(n: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pools = item_pool()
    names = rng.sample(provinces(), k=min(n, 63))
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name = names[i % len(names)]
        path = out / f"{i + 1:02d}-{name.replace(' ', '-')}.txt"
        path.write_text(plan(name, rng.randint(20, 400), pools, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    made = make(args.n, args.out, args.seed)
    print(f"{len(made)} plans in {args.out}")
