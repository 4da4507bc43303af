"""MAP@5 on 2020 dev and 2B dev through the store (no database), the encoder's vectors scored by brute
force against their approximate index forced on every segment; and the recall of the search's top 10
against brute force. Run from the repository root:

    python benchmarks/match_dense_ann.py      # ../shared; the vectors cached in /tmp/m-scale-dcache
"""
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import match_scale  # noqa: E402
import numpy as np  # noqa: E402

from articles.matching import encoder, index_build, ranker, store, text, train  # noqa: E402

for name in ("checkthat-2020-task2", "checkthat-2021-task2b"):
    revs, dv, docids, q, rel = match_scale.dev_library(name)
    res = {}
    libs = {}
    for mode, amin in (("exact", 10**9), ("ann", 0)):
        index_build.DENSE_ANN_MIN = amin
        root = Path(tempfile.mkdtemp(prefix=f"match-dense-ann-{mode}-"))
        def rows(revs=revs, dv=dv):
            return [[store.Row(i + 1, r.claim_reviewed, r.title, None, 0, claimant=r.claimant,
                               published=r.date_published, dense=dv[i]) for i, r in enumerate(revs)]]
        t = time.perf_counter()
        m = store.build_generation(root, 1, rows)
        bt = time.perf_counter() - t
        lib = store.open_generation(root, m)
        libs[mode] = lib
        model = ranker.default_model().for_library(lib)
        aps = []
        t = time.process_time()
        for qid, qq in q:
            got = [docids[r.id - 1] for r in lib.match(qq, 5, model)]
            aps.append(train.ap_at_5(got, rel.get(qid, set())))
        res[mode] = (np.mean(aps), (time.process_time() - t) * 1000 / len(q), bt, model.version,
                     lib.dense["claim"].approximate)
        print(name, mode, "MAP@5 {:.4f}  cpu ms/query {:.1f}  build s {:.1f}  model {} approximate {}".format(*res[mode]),
              flush=True)
    # recall of the search's top 10 (each view) against brute force
    rec = []
    for _, qq in q:
        v = encoder.encode([text.clean_query(qq)])[0]
        for view in ("claim", "title"):
            e = libs["exact"].dense[view] @ v
            a = libs["ann"].dense[view] @ v
            top_e, top_a = set(np.argsort(-e)[:10].tolist()), set(np.argsort(-a)[:10].tolist())
            rec.append(len(top_e & top_a) / 10)
    print(name, f"recall@10 of the approximate search vs brute force: {np.mean(rec):.4f} over {len(rec)} query-views",
          flush=True)
