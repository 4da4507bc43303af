import os as _os

# One BLAS thread per process (set before numpy loads): every web worker ranks matches with small
# matrix products, and OpenBLAS's own threads on top of the workers made each 10-30x slower on a
# busy machine (benchmarks/match_scale.py). A job that wants more sets the variable itself.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

# The job queue's application, loaded with Django so that @shared_task jobs bind to it.
from .celery import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
