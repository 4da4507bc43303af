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


def test_thresholds_and_rules_follow_settings(settings):
    settings.CLAIMSDB_MATCH_SHORT_WORDS = 20
    assert matching.level_for(0.99, LONG) == ClaimMatch.Level.SUGGESTED
    settings.CLAIMSDB_MATCH_SHORT_WORDS = 8
    settings.CLAIMSDB_MATCH_OLD_DAYS = 100
    assert matching.level_for(0.99, LONG, said=date(2016, 1, 5), checked=date(2015, 3, 1)) == ClaimMatch.Level.SUGGESTED
