"""A claim said in a debate speaks of people it does not name ("you", "he", "I"): its context says
who they are, the claim is searched for again with their names, and the training's
cross-validation keeps each debate on one side of a fold."""
import numpy as np

from articles.matching import ranker, train

TAXES = [
    ranker.Entry(1, "Mitt Romney raised taxes and fees on businesses as governor of Massachusetts.",
                 "Did Romney raise fees in Massachusetts?", claimant="Barack Obama"),
    ranker.Entry(2, "Barack Obama raised taxes on the middle class.", "Obama and middle-class taxes",
                 claimant="Mitt Romney"),
    ranker.Entry(3, "The governor of Oregon raised gas taxes twice.", "Oregon gas taxes"),
    ranker.Entry(4, "Penguins can fly short distances under water.", "Flying penguins"),
]


def test_pronouns_stand_for_the_speaker_or_the_other_side_of_the_dialogue():
    debate = ranker.Context(speaker="Barack Obama", addressee="Mitt Romney")
    assert debate.subject_names("you raised taxes on businesses") == {"mitt", "romney"}
    assert debate.subject_names("he raised taxes on businesses") == {"mitt", "romney"}
    assert debate.subject_names("I cut taxes for working families") == {"barack", "obama"}
    assert debate.subject_names("taxes went up in Ohio") == frozenset()
    # reported speech (no addressee): "he" and "his" are the speaker's, as a news quote's are
    quote = ranker.Context(speaker="Ted Cruz")
    assert quote.subject_names("his mother was born in Delaware") == {"ted", "cruz"}


def test_the_rewritten_claim_adds_only_the_names_it_lacks():
    debate = ranker.Context(speaker="Barack Obama", addressee="Mitt Romney")
    assert debate.rewritten("you raised taxes") == "you raised taxes Mitt Romney"
    assert debate.rewritten("and Romney raised taxes, you know") == "and Romney raised taxes, you know Mitt"
    assert debate.rewritten("taxes went up") == "taxes went up"
    assert ranker.Context().rewritten("he raised taxes") == "he raised taxes"


def test_the_rewritten_claim_finds_the_check_of_whom_it_speaks_of():
    lib = ranker.Library(TAXES)
    col = {f: ranker.FEATURES.index(f) for f in ("rewritten_bm25_rel", "bm25_both_rel")}
    claim = "you raised taxes on businesses"
    c, x = lib.features(claim, 1, context=ranker.Context(speaker="Barack Obama", addressee="Mitt Romney"))
    row = {int(lib.ids[i]): x[n] for n, i in enumerate(c)}
    assert 1 in row and row[1][col["rewritten_bm25_rel"]] == 1.0
    assert row[1][col["rewritten_bm25_rel"]] > row[2][col["rewritten_bm25_rel"]]
    # without a context the rewritten columns are the claim's own
    c, x = lib.features(claim, 1)
    assert np.array_equal(x[:, col["rewritten_bm25_rel"]], x[:, col["bm25_both_rel"]])


def test_a_transcript_label_is_a_name_and_the_addressee_is_the_other_side():
    assert train.speaker_name("MR. ROMNEY") == "Romney"
    assert train.speaker_name("SEN. BERNIE SANDERS, I-VT") == "Bernie Sanders"
    assert train.speaker_name("Donald Trump") == "Donald Trump"
    assert train.speaker_name("SYSTEM") == "" and train.speaker_name("QUESTION") == ""
    lines = [("1", "SCHIEFFER"), ("2", "PRESIDENT OBAMA"), ("3", "PRESIDENT OBAMA"), ("4", "PRESIDENT OBAMA"),
             ("5", "SYSTEM"), ("6", "SCHIEFFER"), ("7", "MR. ROMNEY"), ("8", "PRESIDENT OBAMA")]
    assert train.addressee_of(lines, 8, "MR. ROMNEY") == "Obama"  # the other side, not the moderator
    assert train.addressee_of(lines, 7, "PRESIDENT OBAMA") == "Schieffer"
    assert train.addressee_of([("1", "CRUZ"), ("2", "RUBIO")], 3, "TRUMP") == "Rubio"  # the latest of a tie
    assert train.addressee_of([("1", "TRUMP"), ("2", "SYSTEM")], 3, "TRUMP") == ""  # a speech


def test_cross_validation_keeps_each_debate_in_one_fold():
    qids = [f"2016_debate_{n:04d}" for n in range(9)] + [f"2017_rally_{n:04d}" for n in range(5)] \
        + [f"2018_interview_{n:04d}" for n in range(3)] + ["412", "413"]
    fold = train.fold_of_groups(qids, 3)
    by_group: dict[str, set[int]] = {}
    for q, f in zip(qids, fold, strict=True):
        by_group.setdefault(train.group_of(q), set()).add(f)
    assert all(len(f) == 1 for f in by_group.values())
    assert train.group_of("412") == "412" and train.group_of("2016_debate_0003") == "2016_debate"
    assert sorted(np.bincount(fold, minlength=3)) == [5, 5, 9]  # the largest debate alone, the rest balanced
    assert fold == train.fold_of_groups(qids, 3)  # deterministic


def test_the_lists_a_context_adds_reach_deeper_than_the_claims_own():
    fillers = [ranker.Entry(10 + n, f"The mayor of town {n} raised taxes on businesses in {1990 + n}.",
                            f"Town {n} business taxes") for n in range(12)]
    lib = ranker.Library(TAXES + fillers)
    claim = "you raised taxes on businesses"
    plain, _ = lib.features(claim, 1)
    debate, _ = lib.features(claim, 1, context=ranker.Context(speaker="Barack Obama", addressee="Mitt Romney"))
    # the claim's four lists give their top two; the rewritten claim's lists their top CONTEXT_CANDIDATES
    assert len(plain) < len(lib) - 4
    assert ranker.CONTEXT_CANDIDATES >= len(lib) - 1 and len(debate) == len(lib)
    # a context that names no one adds no list: the claim's own depth
    said, _ = lib.features(claim, 1, context=ranker.Context(text="and so on"))
    assert sorted(said.tolist()) == sorted(plain.tolist())
