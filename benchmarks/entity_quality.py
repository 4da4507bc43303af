"""Quality of the people and organisations tables after importing a folder of articles (default:
the PolNeAR development articles) into a fresh SQLite database: suspicious names and duplicates.

    python benchmarks/entity_quality.py [--articles DIR] [--database-url URL]
"""
import argparse
import re
from collections import defaultdict
from pathlib import Path

import devdb

POSSESSIVE = re.compile(r"\w[’']s\b|s[’']$")
COORDINATION = re.compile(r"\s(?:and|&)\s")


def coordination(name: str) -> bool:
    """"FBI and Justice Department", "Anderson Cooper and Fox News": two names joined; not a name
    that holds "and" ("Securities and Exchange Commission")."""
    from articles.extraction.entities import _complete_name

    parts = COORDINATION.split(name, maxsplit=1)
    return len(parts) == 2 and _complete_name(parts[0].split())


def report(kind: str, names: list[tuple[str, int]]) -> None:
    print(f"\n{kind}: {len(names)} records")
    checks = {
        "possessive": [n for n, _ in names if POSSESSIVE.search(n)],
        # A lower-case particle that is part of the name ("al-Qaeda", "de Blasio") is no leading word.
        "starts lower-case": [n for n, _ in names if n[:1].islower() and not re.match(r"(?:al|el|de|da|di|van|von|bin|ibn)[- ]", n)],
        "coordination": [n for n, _ in names if coordination(n)],
    }
    for label, hits in checks.items():
        print(f"  {label}: {len(hits)}" + (f"  e.g. {hits[:6]}" if hits else ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=Path, default=devdb.default_articles())
    ap.add_argument("--database-url", default=None, help="default: a new SQLite file")
    a = ap.parse_args()
    devdb.imported(a.articles, a.database_url, DEBUG="1")
    from django.db.models import Count

    from articles.models import Organisation, Person

    people = list(Person.objects.annotate(n=Count("claims")).values_list("name", "n"))
    orgs = list(Organisation.objects.annotate(n=Count("claims")).values_list("name", "n"))
    report("people", people)
    full = defaultdict(list)
    for name, _ in people:
        words = name.split()
        if len(words) >= 2:
            full[words[-1].lower()].append(name)
    from articles.models import PersonLink

    surname_dupes = [n for n, _ in people if len(n.split()) == 1 and n.lower() in full]
    waiting = set(PersonLink.objects.filter(status="suggested", person__isnull=False)
                  .values_list("person__name", flat=True))
    print(f"  surname-only records sharing a surname with a full-name record: {len(surname_dupes)}, of which "
          f"{len(waiting & set(surname_dupes))} await an editor in the link suggestions"
          + (f"  e.g. {[(n, full[n.lower()][:2]) for n in surname_dupes[:5]]}" if surname_dupes else ""))
    print("  link suggestions: " + "; ".join(str(x) for x in PersonLink.objects.select_related("candidate")[:8]))
    stripped = defaultdict(list)
    for name, _ in people:
        key = " ".join(w for w in name.split() if not re.fullmatch(r"[A-Z]\.?", w)).lower()
        stripped[key].append(name)
    initial_dupes = [v for v in stripped.values() if len(v) > 1]
    print(f"  full-name records differing only by a middle initial: {len(initial_dupes)}"
          + (f"  e.g. {initial_dupes[:4]}" if initial_dupes else ""))
    print("  most quoted: " + ", ".join(f"{n} ({c})" for n, c in sorted(people, key=lambda x: -x[1])[:10]))
    report("organisations", orgs)
    print("  most quoted: " + ", ".join(f"{n} ({c})" for n, c in sorted(orgs, key=lambda x: -x[1])[:10]))


if __name__ == "__main__":
    main()
