"""The level a match gets: never for a fragment; confident drops to suggested for a short claim or
a much older fact-check (as Meedan Check does)."""
from datetime import date

from articles.models import ClaimMatch
from articles.services import matching

LONG = "The governor said the state cut its unemployment rate in half over the last four years"


def test_a_fragment_is_never_matched():
    assert matching.level_for(0.999, "Obama") == ""
    assert matching.level_for(0.999, "with Matthews about the winner") == ""


def test_a_confident_score_on_a_full_statement_is_confident():
    assert matching.level_for(0.95, LONG) == ClaimMatch.Level.CONFIDENT
    assert matching.level_for(0.6, LONG) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.2, LONG) == ""


def test_a_short_claim_is_at_most_suggested():
    assert matching.level_for(0.99, "Median wages have stagnated.") == ClaimMatch.Level.SUGGESTED


def test_a_much_older_fact_check_is_at_most_suggested():
    assert matching.level_for(0.99, LONG, said=date(2016, 1, 5), checked=date(2012, 3, 1)) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.99, LONG, said=date(2016, 1, 5), checked=date(2015, 3, 1)) == ClaimMatch.Level.CONFIDENT
    assert matching.level_for(0.99, LONG, said=None, checked=date(2001, 1, 1)) == ClaimMatch.Level.CONFIDENT


def test_a_check_about_other_people_is_at_most_suggested():
    """A subject conflict caps the level at suggested (on the training splits such top answers were
    still right 34 times in 38, so they are shown, never as confident)."""
    assert matching.level_for(0.99, LONG, subject_conflict=True) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.6, LONG, subject_conflict=True) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.3, LONG, subject_conflict=True) == ""
    assert matching.level_for(0.99, "Obama", subject_conflict=True) == ""


def test_thresholds_and_rules_follow_settings(settings):
    settings.CLAIMSDB_MATCH_SHORT_WORDS = 20
    assert matching.level_for(0.99, LONG) == ClaimMatch.Level.SUGGESTED
    settings.CLAIMSDB_MATCH_SHORT_WORDS = 8
    settings.CLAIMSDB_MATCH_OLD_DAYS = 100
    assert matching.level_for(0.99, LONG, said=date(2016, 1, 5), checked=date(2015, 3, 1)) == ClaimMatch.Level.SUGGESTED


# Check-worthiness (issue 26 item 3): an opinion or a pleasantry is a full sentence with a verb, but
# not a claim a fact-check reviews; under the gate chosen in training it is never matched.
OPINIONS = ["I think we should all be very proud of what this team has done together.",
            "Thank you all so much for being here tonight, it means a lot to me.",
            "I hope everybody will go out and vote next Tuesday."]


def test_an_opinion_is_never_matched_however_high_the_score():
    from articles.matching import text as mtext

    for opinion in OPINIONS:
        assert mtext.checkable(opinion)  # the verb test alone lets it through
        assert matching.level_for(0.99, opinion) == ""
    assert matching.level_for(0.99, LONG) == ClaimMatch.Level.CONFIDENT


def test_the_gate_comes_from_the_trained_model_and_a_setting_overrides_it(settings):
    from articles.matching import ranker

    gate = ranker.default_model().min_checkworthiness
    assert 0.0 < gate < 0.1  # chosen on training data: keeps the checked claims, drops opinions
    assert matching.min_checkworthiness() == gate
    assert matching.level_for(0.95, LONG, checkworthiness=gate / 2) == ""  # a stored score is used as given
    assert matching.level_for(0.95, LONG, checkworthiness=gate) == ClaimMatch.Level.CONFIDENT
    settings.CLAIMSDB_MATCH_MIN_CHECKWORTHINESS = 0.0
    assert matching.level_for(0.99, OPINIONS[0]) == ClaimMatch.Level.CONFIDENT
    settings.CLAIMSDB_MATCH_MIN_CHECKWORTHINESS = 0.999
    assert matching.level_for(0.99, LONG) == ""


def test_a_less_check_worthy_text_gets_a_lower_probability():
    import numpy as np

    from articles.matching import ranker

    model = ranker.default_model()
    raw = np.asarray([2.0, 0.5, -1.0])
    low, high = (model.probability(raw, True, 12, cw) for cw in (0.01, 0.9))
    assert (low < high).all() and low.argmax() == high.argmax() == 0


def test_stored_claims_under_the_gate_are_not_matched(db):
    from articles.models import Article, Claim, FactCheck

    art = Article.objects.create(title="Speech", body="x", source_file="speech.txt", published=date(2020, 1, 1))
    opinion, claim = (Claim.objects.create(article=art, text=t, key=f"k{i}", start=0, end=len(t), kind="quote")
                      for i, t in enumerate([OPINIONS[0], LONG]))
    for c in (opinion, claim):  # a library holding each claim's own words
        FactCheck.objects.create(url=f"https://checks.example/{c.pk}", claim_reviewed=c.text, title=c.text,
                                 rating="False", publisher="Checks")
    matching.match_claims([opinion, claim])
    assert not ClaimMatch.objects.filter(claim=opinion).exists()
    assert ClaimMatch.objects.get(claim=claim, factcheck__url=f"https://checks.example/{claim.pk}").level
    # a stored score from the current model is used as it is: an editor-facing number, not recomputed
    from articles.services import checkworthiness

    claim.checkworthiness, claim.checkworthiness_version = 0.0, checkworthiness.current_version()
    claim.save()
    matching.match_claims([claim])
    assert not ClaimMatch.objects.filter(claim=claim).exists()


CRUZ = "His mother was born in Wilmington, Delaware, so he is a natural-born citizen of this country."


def test_a_claim_about_cruz_is_not_confidently_matched_to_a_check_about_obama(db, monkeypatch):
    """Issue 23: the Cruz eligibility claim (speaker Cruz, "his mother") against a library with an
    Obama natural-born check and a Cruz eligibility check: the Obama check never reaches confident
    (and, the claim being from news, is not stored at all); the Cruz check's level is the one its
    score gives."""
    from articles.matching import ranker
    from articles.models import Article, Claim, FactCheck, Person

    obama = FactCheck.objects.create(url="https://checks.example/obama", rating="False", publisher="Checks",
                                     claim_reviewed="Barack Obama's mother was born in Kansas, so Obama is a "
                                                    "natural-born citizen of this country.")
    cruz = FactCheck.objects.create(url="https://checks.example/cruz", rating="True", publisher="Checks",
                                    claim_reviewed="Ted Cruz is a natural-born citizen: his mother was born in Delaware.")
    lib = ranker.Library([ranker.Entry(f.pk, f.claim_reviewed) for f in (obama, cruz)])
    monkeypatch.setattr(matching, "library", lambda: lib)
    ctx = ranker.Context(speaker="Ted Cruz", names=("Cruz",))
    found = {m.factcheck: m for m in matching.match_text(CRUZ, 2, context=ctx)}
    assert found[obama].level != ClaimMatch.Level.CONFIDENT
    assert found[cruz].level == matching.level_for(found[cruz].score, CRUZ)
    # the same at import: the claim's speaker comes from the database
    art = Article.objects.create(title="Debate", body=CRUZ, source_file="debate.txt", published=date(2016, 1, 5))
    claim = Claim.objects.create(article=art, text=CRUZ, key="k", start=0, end=len(CRUZ), kind="quote",
                                 speaker=Person.objects.create(name="Ted Cruz"))
    matching.match_claims([claim])
    stored = {m.factcheck: m for m in ClaimMatch.objects.filter(claim=claim)}
    # a news claim: the check about other people is not shown at all (matching.news_gate)
    assert obama not in stored
    score = {m.factcheck: m.score for m in matching.match_text(CRUZ, 2, context=ctx)}[cruz]
    expected = matching.level_for(score, CRUZ, said=art.published, news=True)
    assert (stored[cruz].level if cruz in stored else "") == expected


# News claims (issue 23): stricter rules, chosen on judged top matches of training articles.
def test_a_news_claim_needs_the_news_threshold():
    cut = matching.NEWS_SUGGESTED
    assert matching.thresholds()["suggested"] < cut < matching.thresholds()["confident"]
    assert matching.level_for(cut - 0.01, LONG) == ClaimMatch.Level.SUGGESTED  # a tweet, an API text
    assert matching.level_for(cut - 0.01, LONG, news=True) == ""
    assert matching.level_for(cut, LONG, news=True) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.95, LONG, news=True) == ClaimMatch.Level.CONFIDENT
    assert matching.news_gate(cut - 0.01) == "under the news threshold"


def test_a_news_claim_about_other_people_than_the_check_is_not_matched():
    assert matching.level_for(0.99, LONG, subject_conflict=True, news=True) == ""
    assert matching.news_gate(0.99, subject_conflict=True) == "subject conflict"
    assert matching.level_for(0.99, LONG, subject_conflict=False, news=True) == ClaimMatch.Level.CONFIDENT


def test_a_check_far_in_time_from_a_news_claim_is_not_shown_before_or_after():
    said = date(2016, 5, 1)
    for checked in (date(2014, 4, 1), date(2019, 1, 10)):
        assert matching.level_for(0.95, LONG, said=said, checked=checked, news=True) == ""
        assert matching.news_gate(0.95, said, checked) == "check far in time"
    for checked in (date(2016, 2, 1), date(2016, 8, 1)):  # within months: the same statement
        assert matching.level_for(0.95, LONG, said=said, checked=checked, news=True) == ClaimMatch.Level.CONFIDENT
    assert matching.level_for(0.95, LONG, said=None, checked=date(2001, 1, 1), news=True) == ClaimMatch.Level.CONFIDENT


def test_a_check_restating_a_news_claim_needs_only_the_models_threshold():
    """The very words of a claim scored 0.67 in a library of one: a restatement is shown from the
    model's "suggested" on; a paraphrase or a neighbour needs the news threshold."""
    from articles.matching import ranker

    lib = ranker.Library([ranker.Entry(1, LONG),
                          ranker.Entry(2, "A photograph shows the remarkably clear water of a lake in Montana.")])
    top = lib.match(LONG, 2)
    assert top[0].id == 1 and top[0].restates and not any(r.restates for r in top[1:])
    assert not lib.match("The governor's record on jobs was attacked in the debate last night.", 1)[0].restates
    assert matching.level_for(0.6, LONG, news=True, restates=True) == ClaimMatch.Level.SUGGESTED
    assert matching.level_for(0.6, LONG, news=True) == ""
    assert matching.level_for(0.4, LONG, news=True, restates=True) == ""
    assert matching.level_for(0.6, LONG, news=True, restates=True, subject_conflict=True) == ""


def test_the_news_rules_follow_settings(settings):
    settings.CLAIMSDB_MATCH_NEWS_SUGGESTED = 0.6
    assert matching.level_for(0.65, LONG, news=True) == ClaimMatch.Level.SUGGESTED
    settings.CLAIMSDB_MATCH_NEWS_MAX_DAYS = 3000
    assert matching.level_for(0.95, LONG, said=date(2016, 5, 1), checked=date(2012, 1, 1), news=True) \
        == ClaimMatch.Level.SUGGESTED  # shown; older than two years: at most suggested


def test_the_time_rule_reads_when_the_reviewed_statement_was_made(db):
    """A fact-check published years after a news claim but reviewing a statement made the same
    week (ClaimReview's itemReviewed.datePublished) is shown; one reviewing a statement of years
    later is not."""
    from articles.models import Article, Claim, FactCheck

    art = Article.objects.create(title="Speech", body=LONG, source_file="s.txt", published=date(2016, 5, 1))
    claim = Claim.objects.create(article=art, text=LONG, key="k", start=0, end=len(LONG), kind="quote")
    for n, item in enumerate(["2016-04-28", "2019-06-01"]):
        FactCheck.objects.create(url=f"https://checks.example/{n}", claim_reviewed=LONG, rating="False",
                                 date_published=date(2019, 6, 3), raw={"itemReviewed": {"datePublished": item}})
    assert matching.reviewed_dates(FactCheck.objects.values_list("id", flat=True)) == {
        FactCheck.objects.get(url=f"https://checks.example/{n}").pk: d
        for n, d in enumerate([date(2016, 4, 28), date(2019, 6, 1)])}
    matching.match_claims([claim])
    shown = set(ClaimMatch.objects.filter(claim=claim).values_list("factcheck__url", flat=True))
    assert shown == {"https://checks.example/0"}
