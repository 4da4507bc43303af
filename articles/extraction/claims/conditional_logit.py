"""The conditional logit both learned rankers of this package fit (the source resolver's claims, the
antecedent ranker's pronouns): per group a softmax over its candidates, trained to put the probability
on the right ones, with an L2 penalty. L-BFGS from zeros to convergence: deterministic. scipy is a
training-only dependency (it comes with scikit-learn, the ``train`` extra)."""
from __future__ import annotations

import numpy as np


def fit(X: np.ndarray, y: np.ndarray, sizes: np.ndarray, l2: float) -> np.ndarray:
    """Weights for the rows ``X`` (groups of ``sizes`` consecutive rows, ``y`` 1 on a group's right
    candidates; every group has at least one)."""
    from scipy.optimize import minimize

    off = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    g = np.repeat(np.arange(len(sizes)), sizes)
    q = y / np.add.reduceat(y, off)[g]
    n = len(sizes)

    def loss_grad(w):
        s = X @ w
        top = np.maximum.reduceat(s, off)
        e = np.exp(s - top[g])
        z = np.add.reduceat(e, off)
        p = e / z[g]
        loss = -(q * (s - top[g] - np.log(z)[g])).sum() / n + l2 / 2 * w @ w
        return loss, X.T @ (p - q) / n + l2 * w

    return minimize(loss_grad, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
