#!/usr/bin/env python3
"""Regenerate docs/screenshots/: the desk, the claims list, a claim page, the publish step, a
person's page with its mentions, the balance view and a public fact-check page, at 1400 px and at
phone width (390 px), plus the merge and "Not a person…" pages at 1400 px.

The pictures are taken by the browser tests that walk through those pages (Debian's Chromium through
Playwright, the seed article imported into a throwaway test database, a live server on a free
port): this script runs those tests, then copies their pictures from test-artifacts/. Run it from
the repository root with the project's virtualenv:

    .venv/bin/python scripts/screenshots.py            # every picture
    .venv/bin/python scripts/screenshots.py balance    # the pictures whose names start so

It exits non-zero, copying nothing, if a test fails or a picture is missing."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
TARGET = ROOT / "docs" / "screenshots"
DESK = "tests/admin/test_browser_desk.py"
PEOPLE = "tests/admin/test_browser_people_balance.py"

# picture (without -1400/-phone and .png) -> (the test that takes it, widths)
BOTH = ("1400", "phone")
SHOTS = {
    "desk": (f"{DESK}::test_desk_and_my_queue", BOTH),
    "claims-list": (f"{DESK}::test_desk_and_my_queue", BOTH),
    "merge-page": (f"{DESK}::test_merge_default_and_undo", ("1400",)),
    "publish-step": (f"{DESK}::test_publish_a_check_and_open_its_public_page", BOTH),
    "claim-page": (f"{DESK}::test_publish_a_check_and_open_its_public_page", BOTH),
    "public-factcheck": (f"{DESK}::test_publish_a_check_and_open_its_public_page", BOTH),
    "person-page": (f"{PEOPLE}::test_a_persons_page_shows_where_they_are_mentioned", BOTH),
    "not-a-person": (f"{PEOPLE}::test_not_a_person_for_several_selected_records", ("1400",)),
    "balance": (f"{PEOPLE}::test_the_balance_view_from_the_desk_and_its_csv", BOTH),
}


def files(names: list[str]) -> list[str]:
    return [f"{name}-{width}.png" for name in names for width in SHOTS[name][1]]


def main(argv: list[str]) -> int:
    names = [n for n in SHOTS if not argv or any(n.startswith(a) for a in argv)]
    if not names:
        print(f"No picture starts with {' or '.join(argv)}; known: {', '.join(SHOTS)}", file=sys.stderr)
        return 2
    wanted = files(names)
    for f in wanted:  # no stale picture from an earlier run is copied
        (ARTIFACTS / f).unlink(missing_ok=True)
    tests = list(dict.fromkeys(SHOTS[n][0] for n in names))
    run = subprocess.run([sys.executable, "-m", "pytest", "-m", "browser", "-q", "-p", "no:cacheprovider", *tests],
                         cwd=ROOT, check=False)
    if run.returncode:
        print("A browser test failed: docs/screenshots/ left as it was.", file=sys.stderr)
        return run.returncode
    missing = [f for f in wanted if not (ARTIFACTS / f).exists()]
    if missing:
        print(f"Not taken: {', '.join(missing)}; docs/screenshots/ left as it was.", file=sys.stderr)
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for f in wanted:
        shutil.copyfile(ARTIFACTS / f, TARGET / f)
    print(f"{len(wanted)} screenshots written to {TARGET.relative_to(ROOT)}/: {', '.join(wanted)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
