"""Who held the offices news most often names by role alone ("the Prime Minister said").

Used only to resolve such a role to a person the article itself names; it never creates a person.
The database adds to it: editors' and earlier articles' affiliations arrive as KnownPerson records.
"""
from __future__ import annotations

from datetime import date

# (role, holder, from, to): to is exclusive; None means still in office.
OFFICES: list[tuple[str, str, date, date | None]] = [
    ("prime minister", "Tony Blair", date(1997, 5, 2), date(2007, 6, 27)),
    ("prime minister", "Gordon Brown", date(2007, 6, 27), date(2010, 5, 11)),
    ("prime minister", "David Cameron", date(2010, 5, 11), date(2016, 7, 13)),
    ("prime minister", "Theresa May", date(2016, 7, 13), date(2019, 7, 24)),
    ("prime minister", "Boris Johnson", date(2019, 7, 24), date(2022, 9, 6)),
    ("prime minister", "Liz Truss", date(2022, 9, 6), date(2022, 10, 25)),
    ("prime minister", "Rishi Sunak", date(2022, 10, 25), date(2024, 7, 5)),
    ("prime minister", "Keir Starmer", date(2024, 7, 5), None),
    ("president", "George W. Bush", date(2001, 1, 20), date(2009, 1, 20)),
    ("president", "Barack Obama", date(2009, 1, 20), date(2017, 1, 20)),
    ("president", "Donald Trump", date(2017, 1, 20), date(2021, 1, 20)),
    ("president", "Joe Biden", date(2021, 1, 20), date(2025, 1, 20)),
    ("president", "Donald Trump", date(2025, 1, 20), None),
    ("president-elect", "Barack Obama", date(2008, 11, 4), date(2009, 1, 20)),
    ("president-elect", "Donald Trump", date(2016, 11, 9), date(2017, 1, 20)),
    ("president-elect", "Joe Biden", date(2020, 11, 7), date(2021, 1, 20)),
    ("president-elect", "Donald Trump", date(2024, 11, 6), date(2025, 1, 20)),
    ("vice president", "Joe Biden", date(2009, 1, 20), date(2017, 1, 20)),
    ("vice president", "Mike Pence", date(2017, 1, 20), date(2021, 1, 20)),
    ("secretary of state", "John Kerry", date(2013, 2, 1), date(2017, 1, 20)),
    ("foreign secretary", "Philip Hammond", date(2014, 7, 15), date(2016, 7, 13)),
    ("foreign secretary", "Boris Johnson", date(2016, 7, 13), date(2018, 7, 9)),
    ("defence secretary", "Michael Fallon", date(2014, 7, 15), date(2017, 11, 1)),
    ("chancellor", "George Osborne", date(2010, 5, 11), date(2016, 7, 13)),
    ("chancellor", "Philip Hammond", date(2016, 7, 13), date(2019, 7, 24)),
    ("chancellor", "Angela Merkel", date(2005, 11, 22), date(2021, 12, 8)),
]


def holders(role: str, on: date | None) -> list[str]:
    """Names of those who held ``role`` on the date (all holders when the date is unknown)."""
    role = role.lower().replace(" elect", "-elect")
    return [name for r, name, start, end in OFFICES
            if r == role and (on is None or (start <= on and (end is None or on < end)))]


ROLE_NAMES = sorted({r for r, *_ in OFFICES}, key=len, reverse=True)
