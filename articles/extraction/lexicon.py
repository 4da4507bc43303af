"""Word lists the rules use. General English and news-style resources, not any article's names."""
from __future__ import annotations


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
_CUE_FORMS = """
say says said saying
tell tells told telling
add adds added adding
warn warns warned warning
admit admits admitted admitting
suggest suggests suggested suggesting
agree agrees agreed agreeing
emphasise emphasises emphasised emphasising emphasize emphasizes emphasized emphasizing
accuse accuses accused accusing
urge urges urged urging
praise praises praised praising
claim claims claimed claiming
argue argues argued arguing
note notes noted noting
write writes wrote writing
explain explains explained explaining
insist insists insisted insisting
state states stated stating
declare declares declared declaring
announce announces announced announcing
ask asks asked asking
reply replies replied replying
respond responds responded responding
continue continues continued continuing
acknowledge acknowledges acknowledged acknowledging
concede concedes conceded conceding
complain complains complained complaining
predict predicts predicted predicting
promise promises promised promising
pledge pledges pledged pledging
vow vows vowed vowing
believe believes believed believing
indicate indicates indicated indicating
reveal reveals revealed revealing
confirm confirms confirmed confirming
deny denies denied denying
maintain maintains maintained maintaining
recall recalls recalled recalling
stress stresses stressed stressing
report reports reported reporting
tweet tweets tweeted tweeting
post posts posted posting
criticise criticises criticised criticising criticize criticizes criticized criticizing
signal signals signalled signaled signalling signaling
hope hopes hoped hoping
estimate estimates estimated estimating
allege alleges alleged alleging
assert asserts asserted asserting
contend contends contended contending
charge charges charged charging
joke jokes joked joking
boast boasts boasted boasting
observe observes observed observing
point points pointed pointing
mention mentions mentioned mentioning
remark remarks remarked remarking
tout touts touted touting
fear fears feared fearing
think thinks thought thinking
demand demands demanded demanding
call calls called calling
blame blames blamed blaming
condemn condemns condemned condemning
describe describes described describing
dismiss dismisses dismissed dismissing
question questions questioned questioning
counter counters countered countering
caution cautions cautioned cautioning
shout shouts shouted shouting
testify testifies testified testifying
proclaim proclaims proclaimed proclaiming
quip quips quipped quipping
cite cites cited citing
show shows showed shown showing
find finds found finding
conclude concludes concluded concluding
understand understands understood
exhort exhorts exhorted exhorting
encourage encourages encouraged encouraging
implore implores implored imploring
challenge challenges challenged challenging
invite invites invited inviting
thank thanks thanked thanking
applaud applauds applauded applauding
slam slams slammed slamming
attack attacks attacked attacking
blast blasts blasted blasting
rule rules ruled ruling
scold scolds scolded scolding
lament laments lamented lamenting
emphasize emphasizes emphasized emphasizing
mock mocks mocked mocking
press presses pressed pressing
laud lauds lauded lauding
commend commends commended commending
yell yells yelled yelling
scream screams screamed screaming
exclaim exclaims exclaimed exclaiming
comment comments commented commenting
whisper whispers whispered whispering
chant chants chanted chanting
label labels labeled labelled labeling labelling
brand brands branded branding
dub dubs dubbed dubbing
muse muses mused musing
retort retorts retorted retorting
reiterate reiterates reiterated reiterating
clarify clarifies clarified clarifying
affirm affirms affirmed affirming
advise advises advised advising
recommend recommends recommended recommending
speculate speculates speculated speculating
surmise surmises surmised surmising
learn learns learned learnt
"""
CUE_LEMMA: dict[str, str] = {}
for _line in _CUE_FORMS.strip().splitlines():
    _forms = _line.split()
    for _f in _forms:
        CUE_LEMMA.setdefault(_f, _forms[0])

# Verbs that never introduce a clause of speech on their own: naming, finding and believing verbs, and
# verbs whose content follows an object ("exhorted Republicans to ...", see OBJECT_CUES).
NOT_CLAUSE_LEMMAS = _words("""
call show find describe cite think fear hope believe understand learn demand
exhort encourage implore challenge invite thank applaud slam attack blast scold mock press
""")
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
SOURCE_NOUNS = _words("""
official officials source sources spokesman spokeswoman spokesperson spokesmen aide aides adviser advisers
advisor advisors insider insiders diplomat diplomats officer officers representative representatives
staffer staffers analyst analysts expert experts critic critics supporter supporters observer observers
lawmaker lawmakers minister ministers strategist strategists operative operatives ally allies
statement report reports poll polls survey study data figures researchers research documents
campaign leader leaders executive executives economist economists people person voters voter
residents witnesses witness investigators prosecutors police authorities officials member members
republicans democrats conservatives liberals activists organizers organisers team lawyer lawyers
attorney attorneys director chairman chief secretary president governor senator candidate nominee
scientist scientists doctor doctors academics historians campaigners protesters diplomats judges
""")

PRONOUNS = {"he": "m", "she": "f", "they": "", "it": "", "i": "", "we": "", "who": ""}
OBJECT_PRONOUNS = _words("him her them it us me")

# Words that, capitalised at the start of a sentence, are not names.
CAP_STOPWORDS = _words("""
The A An And But Or Nor For So Yet In On At By Of To From With Without Into Onto Over Under After Before
During Since Until While When Where Whether Which Who Whom Whose What Why How This That These Those
It Its He She They We You I His Her Their Our Your My Him Them Us There Here Then Now Today Yesterday
Tomorrow However Meanwhile Also Although Though Because If Unless As Even Still Instead Indeed Moreover
Furthermore Nevertheless Nonetheless Thus Therefore Otherwise Besides Finally First Second Third Last
Next Another Other Others Some Many Most More Much Few Several All Both Each Every Any No Not None
One Two Three Four Five Six Seven Eight Nine Ten Only Just Not Asked Speaking According Despite Amid
Among Against Across Around Like Unlike Following Including Earlier Later Recently Already Once
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
August September October November December Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep
Sept Oct Nov Dec Yes Well Oh Please Thank Thanks Let Do Does Did Is Are Was Were Be Been Has Have Had
Will Would Can Could Should Shall Might Must May Sure Okay OK Hey Dear Mrs Mr Ms Sir Dr Lord Lady Dame
Miss Prof Sen Rep Gov St Mt Ft Gen Lt Col Sgt Capt Adm Democrat Democrats Republican Republicans
Democratic Republican Conservative Conservatives Labour Liberal Liberals Independent Independents
God Christmas Easter Election Day Trumpism Everything Nothing Something Anything Everyone Everybody
Nobody Someone Somebody Anyone Perhaps Maybe Sometimes Often Never Always Ever Almost Nearly Rather
Far Soon Again Together Such Whatever Whoever Wherever Whenever Neither Either Unlike Within Upon
""")

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
        Board Executive Secretariat Embassy Consulate Directorate Inspectorate Coalition""",
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
        Motors Technologies Systems Partners Capital Associates Foundation Enterprises Media""",
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
NEUTRAL_HEADS = _words("""
Tower Towers House Hall Palace Castle Airfield Airport Base Street Avenue Road Square Bridge Park Garden
Gardens Stadium Arena Center Centre Channel Sea Ocean River Lake Mountain Mountains Valley Island Islands
Coast Bay Gulf Strait Canal Peninsula Desert Show Programme Program Act Bill Plan Care Day Week Month Year
Summit Conference Convention Festival Games Cup Olympics War Revolution Debate Debates Initiative Awards
Prize Building Memorial Zero Hospital Prison Station Hotel Church Cathedral Mosque Temple Village City
County State States Province Region District Republic Kingdom Empire Amendment Clause Agreement Deal
Doctrine Rule Law Street Way Drive Lane Boulevard Trail Highway Route Road Field Fields Hill Hills
Heights Beach Springs Falls Forest Range Quarter Market Mall Club Book Report Index Era Party Speech
Address Rally Poll Polls Survey Doctrine Scandal Hearing Hearings Trial Case Award Campaign Tour""")

# Countries, regions, cities, demonyms: neutral names. Lower case.
PLACES = _lines("""
afghanistan
albania
algeria
america
americas
argentina
armenia
australia
austria
azerbaijan
bahrain
bangladesh
belarus
belgium
bolivia
bosnia
brazil
britain
great britain
bulgaria
cambodia
canada
chile
china
colombia
congo
croatia
cuba
cyprus
czech republic
denmark
egypt
england
estonia
ethiopia
europe
finland
france
georgia
germany
ghana
greece
guatemala
haiti
honduras
hong kong
hungary
iceland
india
indonesia
iran
iraq
ireland
northern ireland
israel
italy
jamaica
japan
jordan
kazakhstan
kenya
korea
north korea
south korea
kosovo
kuwait
latvia
lebanon
libya
lithuania
luxembourg
malaysia
mali
malta
mexico
moldova
mongolia
montenegro
morocco
myanmar
nepal
netherlands
new zealand
nigeria
norway
oman
pakistan
palestine
panama
peru
philippines
poland
portugal
qatar
romania
russia
rwanda
saudi arabia
scotland
serbia
singapore
slovakia
slovenia
somalia
south africa
spain
sri lanka
sudan
south sudan
sweden
switzerland
syria
taiwan
tanzania
thailand
tunisia
turkey
uganda
ukraine
united arab emirates
uae
united kingdom
uk
u.k.
united states
united states of america
us
u.s.
usa
u.s.a.
uruguay
uzbekistan
venezuela
vietnam
wales
yemen
zambia
zimbabwe
crimea
gaza
west bank
middle east
africa
asia
latin america
south america
north america
central america
eastern europe
western europe
the west
west
east
north
south
midwest
balkans
baltic
baltics
caribbean
scandinavia
arctic
antarctica
mediterranean
pacific
atlantic
english channel
alabama
alaska
arizona
arkansas
california
colorado
connecticut
delaware
florida
hawaii
idaho
illinois
indiana
iowa
kansas
kentucky
louisiana
maine
maryland
massachusetts
michigan
minnesota
mississippi
missouri
montana
nebraska
nevada
new hampshire
new jersey
new mexico
new york
north carolina
north dakota
ohio
oklahoma
oregon
pennsylvania
rhode island
south carolina
south dakota
tennessee
texas
utah
vermont
virginia
washington
west virginia
wisconsin
wyoming
district of columbia
d.c.
dc
puerto rico
london
paris
berlin
moscow
beijing
tokyo
brussels
rome
madrid
kabul
baghdad
damascus
aleppo
tehran
jerusalem
tel aviv
cairo
istanbul
ankara
kiev
kyiv
warsaw
vienna
geneva
amsterdam
dublin
edinburgh
glasgow
manchester
birmingham
liverpool
leeds
cardiff
belfast
oxford
cambridge
chicago
los angeles
san francisco
boston
philadelphia
houston
dallas
miami
atlanta
detroit
seattle
denver
phoenix
las vegas
cleveland
pittsburgh
baltimore
orlando
charlotte
milwaukee
new orleans
st louis
manhattan
brooklyn
queens
bronx
harlem
silicon valley
wall street
hollywood
capitol hill
mosul
raqqa
benghazi
tripoli
islamabad
delhi
new delhi
mumbai
sydney
toronto
ottawa
montreal
mexico city
havana
caracas
pyongyang
seoul
hanoi
kabul
norway
sochi
""")
DEMONYMS = _words("""
American Americans British Briton Britons English Scottish Welsh Irish French German Germans Russian
Russians Chinese Japanese Syrian Syrians Iranian Iranians Iraqi Iraqis Afghan Afghans Polish Pole Poles
Italian Italians Spanish Mexican Mexicans Canadian Canadians European Europeans Ukrainian Ukrainians
Turkish Israeli Israelis Palestinian Palestinians Saudi Saudis Egyptian Indian Indians Pakistani
Australian Australians African Africans Asian Asians Arab Arabs Muslim Muslims Christian Christians
Jewish Jew Jews Catholic Catholics Protestant Evangelical Evangelicals Hispanic Hispanics Latino Latinos
Latina Black White Western Eastern Northern Southern Korean Koreans Cuban Cubans Greek Dutch Belgian
Swedish Norwegian Danish Finnish Czech Hungarian Austrian Swiss Portuguese Brazilian Venezuelan Libyan
Kurdish Kurds Sunni Shia Shiite Yemeni Qatari Emirati Lebanese Jordanian Nigerian Kenyan Somali
""")

# Common given names by gender: used to tell a person from an organisation and to resolve pronouns.
MALE_NAMES = _words("""
Aaron Adam Adrian Alan Albert Alex Alexander Alexei Alfred Ali Allen Andrew Andy Angus Anthony Antonio
Arnold Arthur Barack Barry Ben Benjamin Bernie Bill Billy Bob Bobby Boris Brad Bradley Brandon Brian Bruce
Bryan Carl Carlos Chad Charles Charlie Chris Christian Christopher Chuck Clint Colin Craig Dan Daniel
Danny Darren Dave David Dean Dennis Derek Dick Dmitry Dominic Don Donald Doug Douglas Duncan Dylan Ed
Eddie Edward Eric Ernest Evan Frank Frankie Fred Frederick Gary Gavin Gene George Gerald Gordon Graham
Greg Gregory Harold Harry Hassan Henry Howard Hugh Ian Isaac Ivan Jack Jacob Jake James Jamie Jason
Jeb Jeff Jeffrey Jeremy Jerry Jesse Jim Jimmy Joe Joel John Johnny Jon Jonathan Jose Joseph Josh Joshua
Juan Justin Keith Ken Kenneth Kevin Kim Kyle Larry Lee Leon Leonard Liam Lindsey Louis Luke Lyndon Marco
Marcus Mark Martin Matt Matthew Max Michael Mike Mitch Mitt Mohammed Muhammad Nathan Neil Newt Nicholas
Nick Nigel Noah Oliver Omar Oscar Owen Patrick Paul Pete Peter Philip Phil Ralph Rand Randy Ray Raymond
Reince Richard Rick Rob Robert Robin Rod Roger Ron Ronald Ross Roy Rudy Rupert Russell Ryan Sam Samuel
Scott Sean Sergei Sergey Seth Simon Stephen Steve Steven Stuart Ted Terry Theodore Thomas Tim Timothy
Todd Tom Tommy Tony Trevor Troy Vernon Victor Vince Vincent Vladimir Walter Wayne William Willie Yuri
Zach Abdullah Ahmed Bashar Recep Francois Emmanuel Angelo Giuseppe Hans Jean Jacques Karl Klaus Manuel
Mario Miguel Nicolas Pablo Pierre Rafael Ricardo Sergio Viktor Wolfgang Xi Jeremiah Elijah Corey Kirk
Jared Kellyanne Corey Chris Franklin Hillary
""") - {"Hillary", "Kellyanne"}
FEMALE_NAMES = _words("""
Abigail Alice Alison Amanda Amber Amy Andrea Angela Angelina Ann Anna Anne Annie Ashley Barbara Betsy
Betty Beverly Brenda Caitlin Carly Carol Caroline Carolyn Catherine Cathy Charlotte Cheryl Chelsea
Christina Christine Claire Clare Condoleezza Cynthia Dana Daniela Deborah Debbie Denise Diana Diane Donna
Doris Dorothy Elaine Eleanor Elizabeth Ellen Emily Emma Erica Erin Eva Evelyn Fiona Frances Gennifer
Gillian Gloria Grace Hannah Harriet Heather Heidi Helen Hillary Hilary Holly Huma Ivanka Jackie Jane
Janet Janice Jean Jennifer Jessica Jill Joan Joanna Jodi Josephine Joy Joyce Judith Judy Julia Julie
June Karen Kate Katherine Kathleen Kathy Katie Kayleigh Kellyanne Kelly Kim Kimberly Kirsten Laura Lauren
Leslie Linda Lisa Liz Lois Loretta Lori Louise Lucy Lynn Madeleine Marcia Margaret Maria Marie Marine
Marion Marsha Martha Mary Megan Megyn Melania Melissa Meryl Michele Michelle Monica Nancy Natalie Nicola
Nicole Nikki Olivia Pamela Patricia Patty Paula Peggy Penny Rachel Rebecca Robin Rosa Rose Ruth Sally
Samantha Sandra Sara Sarah Sharon Sheila Shirley Sophie Stephanie Sue Susan Suzanne Sylvia Tammy Teresa
Theresa Tiffany Tina Tracy Valerie Victoria Virginia Wendy Yvette Zoe Angela Nicola Arlene Ruth Amber
Priti Andrea Justine Hope Omarosa Debbie Rosie Mika Katrina Dana Tulsi Jacqueline Jeanne Ségolène Ursula
""")

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
TIME_NOUNS = _words("""
second seconds minute minutes hour hours day days week weeks month months year years decade decades
century centuries term terms session sessions times time am pm a.m. p.m. o'clock
""")
MONTH_NAMES = _words("""
january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec
""")
