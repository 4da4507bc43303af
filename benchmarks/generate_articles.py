"""Write N synthetic seed-format articles (varied names, quotes, cues and numbers) for scale runs.

    python benchmarks/generate_articles.py OUT_DIR N [--seed S]

Deterministic for a given seed. Names come from small pools, so people recur across articles the way
real coverage repeats its cast.
"""
import argparse
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Alice", "Brian", "Carla", "David", "Elena", "Frank", "Grace", "Hassan", "Irene", "James", "Karen", "Liam",
         "Maria", "Nigel", "Olivia", "Peter", "Rachel", "Samuel", "Teresa", "Victor", "Wendy", "Yusuf"]
LAST = ["Abbott", "Barker", "Castillo", "Dawson", "Ellison", "Fischer", "Garner", "Holloway", "Ibrahim", "Jensen",
        "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Sandoval", "Thornton"]
ROLES = ["the Health Secretary", "the Mayor", "the party leader", "a senior economist", "the union leader",
         "the Chief Executive", "the opposition spokesman", "the Finance Minister"]
ORGS = ["Ministry of Transport", "Green Party", "National Health Service", "Central Bank", "Workers Union",
        "Planning Department", "Daily Courier", "Institute for Fiscal Studies"]
PUBLISHERS = ["The Daily Courier", "The Evening Standard", "The Morning Herald", "The Weekly Examiner"]
TOPICS = ["housing", "rail fares", "hospital waiting lists", "interest rates", "school funding", "flood defences",
          "energy prices", "border checks", "police numbers", "bus routes"]
CUES = ["said", "warned", "argued", "claimed", "insisted", "added", "told reporters"]
NUMBERS = ["{n} per cent", "{n}%", "£{n}m", "${n} million", "{n},000 people", "{w} families", "{n} percent"]
WORDS = ["three", "four", "five", "six", "seven", "eight", "twelve", "twenty"]


def person(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


def number(r):
    return r.choice(NUMBERS).format(n=r.randint(2, 95), w=r.choice(WORDS))


def article(r, i):
    d = date(2016, 1, 1) + timedelta(days=r.randint(0, 1500))
    topic = r.choice(TOPICS)
    cast = [person(r) for _ in range(4)]
    org = r.choice(ORGS)
    paras = [f"A row over {topic} deepened on {d:%A} as {cast[0]}, {r.choice(ROLES)}, faced questions from "
             f"the {org}."]
    for _k in range(r.randint(6, 14)):
        who = r.choice(cast)
        surname = who.split()[1]
        form = r.randrange(6)
        if form == 0:
            paras.append(f"“The figures on {topic} show {number(r)} more than last year,” {who} {r.choice(CUES)}.")
        elif form == 1:
            paras.append(f"{who} {r.choice(CUES)} that {topic} had cost {number(r)} since {2010 + r.randint(0, 6)}.")
        elif form == 2:
            paras.append(f"Mr {surname} told the {org}: \"We will not accept a plan that leaves {number(r)} "
                         f"worse off. Nobody voted for this.\"")
        elif form == 3:
            paras.append(f"{who} accused the {org} of ignoring {topic} and urged ministers to act within "
                         f"{r.choice(WORDS)} weeks.")
        elif form == 4:
            paras.append(f"According to the {org}, spending on {topic} has fallen from {r.randint(2, 9)}.{r.randint(0, 9)} "
                         f"per cent to {r.randint(1, 5)}.{r.randint(0, 9)} per cent.")
        else:
            paras.append(f"A spokesman for the {org} said the claims were “wholly without foundation” and that "
                         f"{number(r)} had been set aside.")
    text = f"{topic.capitalize()} row: {cast[0]} under pressure ({i})\n\n{d.day} {d:%B %Y}\n\n" + "\n\n".join(paras)
    return text + f"\n\n- {r.choice(PUBLISHERS)}\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    r = random.Random(a.seed)
    for i in range(a.n):
        (a.out / f"gen_{i:06d}.txt").write_text(article(r, i), encoding="utf-8")
    print(f"wrote {a.n} articles to {a.out}")


if __name__ == "__main__":
    main()
