"""The cross-validation's figures per year of the transcripts (train.by_year)."""
from articles.matching import train


def test_each_year_of_transcripts_gets_its_own_figure_plain_and_with_context():
    qids = ["20160926_1pres_0064", "20161010_2pres_0035", "20170111_Trump_press_0041"]
    # each sentence twice: plain first, then with its context, in the same order
    ap = [1.0, 0.5, 0.0, 1.0, 1.0, 0.5]
    out = train.by_year("speech", qids + qids, ap, plain_n=3)
    assert out == {"speech_2016": 0.75, "speech_context_2016": 1.0,
                   "speech_2017": 0.0, "speech_context_2017": 0.5}


def test_queries_without_a_dated_transcript_give_no_year():
    assert train.by_year("tweets", ["1234", "5678"], [1.0, 0.0], plain_n=2) == {}
