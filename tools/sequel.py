"""The five trainings of the blog's sequel, run through nbnp's public API, and their spread.

The sequel ("Understanding & Creating Binary Classification Neural Networks
with Computational Graphs from Scratch", RafayAK/NothingButNumPy) trains five
networks in five notebooks; ``tests/sequel_published.json`` holds what they
printed. :func:`run` repeats one of them as its notebook does: NumPy's legacy
generator seeded with 48 before the layers are built (and, for Iris, before
``np.random.permutation(150)`` of the flowers), examples as columns, virginica
labelled 1.

The two deeper Iris runs pass through a cost spike where a difference in the
last bit of a weight grows by a factor of about 1.4 to 1.9 per epoch, so no
machine reproduces another's final digits. ``python -m tools.sequel`` measures
how far their final cost and accuracy move when every initial weight is nudged
by 1e-12 relative (one nudge per seed), the spread the tests allow. Not a test:
pytest does not collect this file.
"""

import argparse
import json
from pathlib import Path

import numpy as np

import nbnp
from nbnp import LinearLayer, SigmoidLayer

PUBLISHED = json.loads((Path(__file__).resolve().parent.parent / "tests" / "sequel_published.json").read_text())

#: For each run: network widths, initialisation, cost, learning rate, epochs, and the
#: epoch of its last printed cost.
RUNS = {
    "and_mse": ([1], "plain", nbnp.compute_mse_cost, 1, 5000, 4999),
    "iris_petals": ([1], "plain", nbnp.compute_stable_bce_cost, 1, 5000, 4999),
    "xor_keras_like": ([3, 1], "plain", nbnp.compute_keras_like_bce_cost, 5, 5000, 4900),
    "iris_all_features": ([3, 1], "xavier", nbnp.compute_stable_bce_cost, 0.3, 5000, 4900),
    "iris_sepals": ([5, 3, 1], "xavier", nbnp.compute_stable_bce_cost, 1, 10000, 9999),
}
#: The measurements (rows of load_iris().X) each Iris run uses.
IRIS_ROWS = {"iris_petals": slice(2, 4), "iris_all_features": slice(0, 4), "iris_sepals": slice(0, 2)}


def data(name):
    """Return the run's ``(X, Y)``: a gate, or the flowers shuffled with seed 48, virginica = 1."""
    if name == "and_mse":
        return nbnp.and_gate()
    if name == "xor_keras_like":
        return nbnp.xor_gate()
    X, species, _, _ = nbnp.load_iris()
    np.random.seed(48)
    order = np.random.permutation(X.shape[1])
    return X[IRIS_ROWS[name]][:, order], (species[:, order] == 2).astype(float)


def network(name, X):
    """Build the run's layers after ``np.random.seed(48)``, as its notebook does."""
    widths, ini_type = RUNS[name][:2]
    np.random.seed(48)
    layers, shape = [], X.shape
    for n_out in widths:
        linear = LinearLayer(shape, n_out, ini_type)
        layers += [linear, SigmoidLayer(linear.Z.shape)]
        shape = linear.Z.shape
    if name == "and_mse":
        layers[0].params["W"] = np.array([[-10.0, 60.0]])  # the notebook's saturated start
    return layers


def run(name, nudge_seed=None):
    """Train run ``name``; return ``(costs, number of correct predictions, m)``.

    With ``nudge_seed``, every initial weight w becomes w (1 + 1e-12 g) first,
    g standard normal from ``np.random.default_rng(nudge_seed)``.
    """
    _, _, cost, learning_rate, epochs, _ = RUNS[name]
    X, Y = data(name)
    layers = network(name, X)
    if nudge_seed is not None:
        rng = np.random.default_rng(nudge_seed)
        for layer in layers[::2]:
            W = layer.params["W"]
            layer.params["W"] = W * (1 + 1e-12 * rng.standard_normal(W.shape))
    costs = nbnp.train(layers, X, Y, epochs=epochs, learning_rate=learning_rate, cost=cost)
    correct = int(np.sum(nbnp.predict(layers, X) == Y))
    return costs, correct, Y.shape[1]


def spread(name, seeds):
    """The perturbation experiment: the unperturbed run and one nudged run per seed.

    Returns a dict with the final (last printed) cost and the correct count of
    the unperturbed run, the largest distance of a nudged run's from them, and
    the published values.
    """
    final = RUNS[name][5]
    costs, correct, m = run(name)
    nudged = [run(name, seed) for seed in seeds]
    published = PUBLISHED[name]
    return {
        "final_epoch": final,
        "cost": costs[final],
        "correct": correct,
        "m": m,
        "cost_spread": max(abs(c[final] - costs[final]) for c, _, _ in nudged),
        "correct_spread": max(abs(k - correct) for _, k, _ in nudged),
        "nudged_costs": [float(c[final]) for c, _, _ in nudged],
        "nudged_correct": [k for _, k, _ in nudged],
        "published_cost": published["printed_costs"][str(final)],
        "published_correct": round(published["printed_accuracy_percent"] * m / 100),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="number of nudged runs per network")
    args = parser.parse_args()
    for name in ("iris_all_features", "iris_sepals"):
        s = spread(name, range(args.seeds))
        print(
            f"{name}: epoch {s['final_epoch']} cost {s['cost']:.10g} (published {s['published_cost']:.10g}, "
            f"off by {abs(s['cost'] - s['published_cost']):.2e}); nudged runs within {s['cost_spread']:.2e} "
            f"(range {min(s['nudged_costs']):.10g} to {max(s['nudged_costs']):.10g})"
        )
        print(
            f"  correct {s['correct']}/{s['m']} (published {s['published_correct']}); nudged runs within "
            f"{s['correct_spread']} (range {min(s['nudged_correct'])} to {max(s['nudged_correct'])})"
        )


if __name__ == "__main__":
    main()
