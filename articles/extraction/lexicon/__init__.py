"""Word lists the rules use. General English and news-style resources, not any article's names."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).with_name("data")


def _data(name: str) -> str:
    """A word list from data/<name>.txt: the lists are data, edited without touching the code."""
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


def _words(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.split() if w.strip())


def _lines(text: str) -> frozenset[str]:
    return frozenset(w.strip() for w in text.strip().splitlines() if w.strip())


# Titles that precede a name and are not part of it. Lower case, dots removed. Value: gender hint.
HONORIFICS: dict[str, str] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "sen": "", "senator": "", "rep": "",
    "representative": "", "gov": "", "governor": "", "mrs": "f", "ms": "f", "miss": "f", "lady": "f",
    "dame": "f", "dr": "", "doctor": "", "prof": "", "professor": "", "president": "", "rev": "",
    "reverend": "", "judge": "", "justice": "", "gen": "", "general": "", "col": "", "colonel": "",
    "capt": "", "captain": "", "lt": "", "sgt": "", "adm": "", "admiral": "", "mayor": "", "chancellor": "",
    "minister": "", "secretary": "", "speaker": "", "king": "m", "queen": "f", "prince": "m",
    "princess": "f", "pope": "m", "rabbi": "", "imam": "", "father": "m", "sheikh": "m", "ayatollah": "m",
    "chairman": "", "chairwoman": "f", "commissioner": "", "ambassador": "", "detective": "",
    "officer": "", "attorney": "", "candidate": "", "nominee": "", "congressman": "m",
    "congresswoman": "f", "councilman": "m", "councilwoman": "f", "vice": "", "former": "",
    "president-elect": "", "premier": "", "prime": "", "sheriff": "", "coach": "", "pastor": "",
}
# Honorifics that are part of the name's spoken form only (Mr X), never a role in their own right.
PURE_HONORIFICS = _words("mr mrs ms miss sir dame lord lady dr prof mister rev")

# Verbs of saying and their forms. Value: lemma.
_CUE_FORMS = _data("cue_forms")
CUE_LEMMA: dict[str, str] = {}
for _line in _CUE_FORMS.strip().splitlines():
    _forms = _line.split()
    for _f in _forms:
        CUE_LEMMA.setdefault(_f, _forms[0])

# Verbs that never introduce a clause of speech on their own: naming, finding and believing verbs, and
# verbs whose content follows an object ("exhorted Republicans to ...", see OBJECT_CUES).
NOT_CLAUSE_LEMMAS = _words(_data("not_clause_lemmas"))
# Cues that introduce a clause of speech (X <cue> that ...; X <cue>: "...").
SPEECH_CUES = frozenset(f for f, lemma in CUE_LEMMA.items() if lemma not in NOT_CLAUSE_LEMMAS)

# Cues strong enough to attribute a direct quote in "QUOTE," X <cue> / X <cue>: "QUOTE".
QUOTE_CUES = frozenset(f for f, lemma in CUE_LEMMA.items() if lemma in _words("""
say tell add warn admit suggest agree emphasise accuse urge claim argue note write explain insist state
declare announce ask reply respond continue acknowledge concede complain predict promise pledge vow
reveal confirm deny maintain recall stress report tweet post criticise joke boast observe remark
caution counter shout testify proclaim quip conclude charge allege assert contend point
yell scream exclaim comment whisper chant muse retort reiterate clarify affirm speculate demand
"""))
# Verbs of belief/intent that attribute a clause only with "that" directly after them.
THAT_ONLY_CUES = frozenset(f for f, lemma in CUE_LEMMA.items() if lemma in _words(
    "believe think hope fear understand learn show find estimate signal indicate demand"))
# Verb + object + preposition patterns: X accused Y of ..., X urged Y to ..., X praised Y for ...
OBJECT_CUES: dict[str, str] = {
    "accuse": "of", "urge": "to", "praise": "for", "criticise": "for", "blame": "for", "ask": "to",
    "warn": "of", "condemn": "for", "exhort": "to", "encourage": "to", "implore": "to",
    "challenge": "to", "invite": "to", "thank": "for", "applaud": "for", "slam": "for", "attack": "for",
    "blast": "for", "scold": "for", "mock": "for", "press": "to", "laud": "for",
    "commend": "for",
}

# A speaker noun that is not a name: "the official said", "Another Foreign Office source said".
SOURCE_NOUNS = _words(_data("source_nouns"))

PRONOUNS = {"he": "m", "she": "f", "they": "", "it": "", "i": "", "we": "", "who": ""}
OBJECT_PRONOUNS = _words("him her them it us me")

# Words that, capitalised at the start of a sentence, are not names.
CAP_STOPWORDS = _words(_data("cap_stopwords"))

# Lower-case words that may sit inside a capitalised name ("Bank of England", "Marine Le Pen").
NAME_CONNECTORS = _words("of for and the de del della di da dos das du van von der den le la al bin ibn y")
PERSON_PARTICLES = _words("de del della di da dos das du van von der den le la al bin ibn")

# Last words that make a capitalised phrase an organisation.
ORG_HEADS: dict[str, str] = {}
for _kind, _heads in {
    "legislature": "Parliament Congress Senate Commons Assembly Caucus Legislature",
    "court": "Court Courts Tribunal",
    "government": """Office Department Ministry Government Administration Treasury Cabinet Council Agency
        Bureau Service Services Commission Committee Police Army Navy Force Forces Guard Command Authority
        Board Executive Secretariat Embassy Consulate Directorate Inspectorate Coalition Corps""",
    "poll": "Polling Pollsters",
    "party": "Party Front Movement League Alliance Democrats Republicans Conservatives Tories",
    "news": """News Journal Post Times Press Telegraph Guardian Herald Tribune Gazette Chronicle Observer
        Mail Mirror Sun Express Independent Standard Examiner Inquirer Globe Register Review Reporter
        Magazine Radio Television TV Broadcasting Network Networks Newspaper Newspapers Wire Insider Beast
        Politico Atlantic Economist Bulletin Dispatch Courier Star Daily Weekly Monitor Sentinel Enquirer
        Caller Hill Axios Vox Slate Reuters Bloomberg""",
    "international": "Nations Organisation Organization Union Bank Fund Alliance Treaty Community",
    "education": "University College School Academy Institute Institution",
    "company": """Inc Corp Corporation Company Co Ltd LLC PLC Plc Group Holdings Industries Airlines Airways
        Motors Technologies Systems Partners Capital Associates Foundation Enterprises Media Productions
        Studios Entertainment Aerospace Robotics Pharmaceuticals Laboratories Labs Securities Equities
        Investments Ventures Brewing Brewery Foods Insurance Telecom Logistics""",
    "ngo": """Foundation Association Society Institute Center Centre Council Trust Fund Project Network
        Federation Watch International Initiative Coalition Union Unions Church""",
}.items():
    for _h in _heads.split():
        ORG_HEADS.setdefault(_h, _kind)

# Well-known organisations, acronyms and their variant names: canonical -> (kind, aliases).
KNOWN_ORGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Nato": ("international", ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation")),
    "European Union": ("international", ("EU",)),
    "United Nations": ("international", ("UN", "U.N.")),
    "Isil": ("armed_group", ("ISIS", "Isis", "ISIL", "Islamic State", "IS", "Daesh", "Islamic State of Iraq and the Levant")),
    "Taliban": ("armed_group", ()),
    "al-Qaeda": ("armed_group", ("al Qaeda", "al-Qaida", "Al Qaeda", "Al-Qaeda")),
    "Hezbollah": ("armed_group", ()),
    "Hamas": ("armed_group", ()),
    "Boko Haram": ("armed_group", ()),
    "Ukip": ("party", ("UKIP", "UK Independence Party")),
    "Labour": ("party", ("Labour Party",)),
    "SNP": ("party", ("Scottish National Party",)),
    "GOP": ("party", ()),
    "Front National": ("party", ("National Front",)),
    "BBC": ("news", ("British Broadcasting Corporation",)),
    "CNN": ("news", ()),
    "MSNBC": ("news", ()),
    "NBC": ("news", ("NBC News",)),
    "CBS": ("news", ("CBS News",)),
    "ABC": ("news", ("ABC News",)),
    "NPR": ("news", ()),
    "PBS": ("news", ()),
    "Fox News": ("news", ("Fox",)),
    "The Associated Press": ("news", ("Associated Press", "AP")),
    "Reuters": ("news", ()),
    "Agence France-Presse": ("news", ("AFP",)),
    "Bloomberg": ("news", ()),
    "Politifact": ("news", ("PolitiFact",)),
    "Breitbart": ("news", ("Breitbart News",)),
    "Politico": ("news", ()),
    "FBI": ("government", ("Federal Bureau of Investigation",)),
    "CIA": ("government", ("Central Intelligence Agency",)),
    "NSA": ("government", ("National Security Agency",)),
    "Pentagon": ("government", ()),
    "Kremlin": ("government", ()),
    "White House": ("government", ()),
    "Downing Street": ("government", ("No 10", "Number 10")),
    "Whitehall": ("government", ()),
    "State Department": ("government", ()),
    "Foreign Office": ("government", ("FCO",)),
    "Home Office": ("government", ()),
    "IMF": ("international", ("International Monetary Fund",)),
    "WHO": ("international", ("World Health Organization",)),
    "OPEC": ("international", ()),
    "G20": ("international", ()),
    "Twitter": ("company", ()),
    "Facebook": ("company", ()),
    "Google": ("company", ()),
    # Think tanks and pollsters, whose names do not say what they are.
    "Brookings Institution": ("think_tank", ("Brookings",)),
    "Heritage Foundation": ("think_tank", ()),
    "Cato Institute": ("think_tank", ()),
    "American Enterprise Institute": ("think_tank", ("AEI",)),
    "Urban Institute": ("think_tank", ()),
    "Tax Foundation": ("think_tank", ()),
    "Tax Policy Center": ("think_tank", ()),
    "Center for American Progress": ("think_tank", ()),
    "Chatham House": ("think_tank", ()),
    "Institute for Fiscal Studies": ("think_tank", ("IFS",)),
    "Resolution Foundation": ("think_tank", ()),
    "Gallup": ("poll", ()),
    "Pew Research Center": ("poll", ("Pew",)),
    "Rasmussen Reports": ("poll", ("Rasmussen",)),
    "YouGov": ("poll", ()),
    "Ipsos": ("poll", ("Ipsos MORI",)),
    "Quinnipiac University": ("poll", ("Quinnipiac",)),
    "Supreme Court": ("court", ()),
}
# Media whose name ends in a common word and would otherwise be missed.
AMBIGUOUS_SINGLE_ORGS = _words("Twitter Facebook Google Fox AP IS WHO Labour")

# Heads that make a capitalised phrase a place, building, event or programme: not a person nor an org.
NEUTRAL_HEADS = _words(_data("neutral_heads"))
# Words in capitals that name no organisation: titles ("CEO"), things ("TV", "GDP"), conditions ("HIV"),
# abbreviated ordinary words ("FAQ"), substances ("PCP", "THC"). Read as an organisation's only where
# the name tagger says so.
NOT_ACRONYMS = _words(_data("not_acronyms"))
# Writings that appear in a publication: "a report in The Daily Example" names the outlet.
PUBLISHED_IN_NOUNS = _words(_data("published_in_nouns"))
# Papers a name before them does not make: "FEC filings" are a campaign's, "court records" a case's.
NOT_MADE_BY_NOUNS = _words(_data("not_made_by_nouns"))

# Countries, regions, cities, demonyms: neutral names. Lower case.
PLACES = _lines(_data("places"))

# The US states as a town's region after it: postal codes ("Berea, OH"), the AP's abbreviations
# ("Berea, Ky.") and the names ("Ames, Iowa").
STATE_CODES = frozenset("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY "
                        "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
AP_STATES = frozenset("Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. "
                      "Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Vt. Va. Wash. W.Va. "
                      "Wis. Wyo. D.C.".split())
STATE_NAMES = frozenset("""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
    Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi
    Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington
    Wisconsin Wyoming""".split()) | {"New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
                                     "North Dakota", "Rhode Island", "South Carolina", "South Dakota", "West Virginia"}
DEMONYMS = _words(_data("demonyms"))

# Common given names by gender: used to tell a person from an organisation and to resolve pronouns.
MALE_NAMES = _words(_data("male_names")) - {"Hillary", "Kellyanne"}
FEMALE_NAMES = _words(_data("female_names"))

# Number words for statistics.
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
SCALE_WORDS: dict[str, int] = {
    "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
    "m": 1_000_000, "bn": 1_000_000_000, "k": 1_000, "tn": 1_000_000_000_000,
}
CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY", "US$": "USD"}
CURRENCY_WORDS = {"pounds": "GBP", "pound": "GBP", "dollars": "USD", "dollar": "USD", "euros": "EUR",
                  "euro": "EUR", "roubles": "RUB", "rubles": "RUB", "yen": "JPY", "yuan": "CNY"}
# Nouns after a number that make it a duration, an age or a date, not a statistic.
TIME_NOUNS = _words(_data("time_nouns"))
MONTH_NAMES = _words(_data("month_names"))
DAY_NAMES = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Verbs that attribute a quotation ending in ? or ! without ending its sentence ('"Who knows?" he asked').
# Finite forms that, after a quotation closing on "?" or "!", show the sentence goes on
# ('"Why not?" Vitter demanded.'): every quote cue but its -ing form, and "wondered".
ATTRIBUTION_VERBS = frozenset(f for f in QUOTE_CUES if not f.endswith("ing")) | _words("""said says asked asks
added adds told tells wrote writes shouted replied continued recalled declared exclaimed yelled wondered""")
