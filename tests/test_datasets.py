import numpy as np
import pytest

from nbnp import add_feature_cross, and_gate, load_iris, or_gate, xor_gate


@pytest.mark.parametrize(
    "gate, truth",
    [(or_gate, lambda a, b: a or b), (and_gate, lambda a, b: a and b), (xor_gate, lambda a, b: a != b)],
)
def test_gate_labels_follow_the_truth_table(gate, truth):
    X, Y = gate()
    assert X.shape == (2, 4) and Y.shape == (1, 4)
    expected = [float(truth(bool(a), bool(b))) for a, b in X.T]
    np.testing.assert_array_equal(Y[0], expected)


def test_gates_return_fresh_arrays():
    X, _ = or_gate()
    X[0, 0] = 9
    assert or_gate()[0][0, 0] == 0


def test_feature_cross_appends_the_product():
    X, _ = xor_gate()
    X3 = add_feature_cross(X)
    np.testing.assert_array_equal(X3[:2], X)
    np.testing.assert_array_equal(X3[2], [0, 0, 0, 1])


def test_feature_cross_needs_two_features():
    with pytest.raises(ValueError, match=r"X must have 2 rows \(the features x1 and x2\); got shape \(3, 4\)"):
        add_feature_cross(np.zeros((3, 4)))


def test_feature_cross_needs_exactly_the_two_features():
    with pytest.raises(ValueError, match=r"^X must have 2 rows \(the features x1 and x2\); got shape \(3, 4\)$"):
        add_feature_cross(np.zeros((3, 4)))


def test_iris_equals_scikit_learns_exactly():
    from sklearn.datasets import load_iris as sklearn_load_iris

    reference = sklearn_load_iris()
    iris = load_iris()
    assert iris.X.dtype == np.float64 and iris.X.shape == (4, 150)
    np.testing.assert_array_equal(iris.X, reference.data.T)
    assert iris.species.shape == (1, 150) and np.issubdtype(iris.species.dtype, np.integer)
    np.testing.assert_array_equal(iris.species[0], reference.target)
    assert iris.feature_names == tuple(reference.feature_names)
    assert iris.species_names == tuple(reference.target_names)


def test_iris_has_fishers_rows_35_and_38_not_ucis():
    X = load_iris().X
    np.testing.assert_array_equal(X[:, 34], [4.9, 3.1, 1.5, 0.2])
    np.testing.assert_array_equal(X[:, 37], [4.9, 3.6, 1.4, 0.1])


def test_iris_unpacks_and_returns_fresh_arrays():
    X, species, feature_names, species_names = load_iris()
    X[0, 0], species[0, 0] = -1.0, 7
    again = load_iris()
    assert again.X[0, 0] == 5.1 and again.species[0, 0] == 0
    assert np.bincount(again.species[0]).tolist() == [50, 50, 50]
    assert feature_names[2] == "petal length (cm)" and species_names == ("setosa", "versicolor", "virginica")


def test_iris_is_shipped_in_the_package_with_its_source_and_licence():
    import importlib.resources
    import tomllib
    from pathlib import Path

    text = importlib.resources.files("nbnp").joinpath("data", "iris.csv").read_text(encoding="utf-8")
    header = " ".join(line for line in text.splitlines() if line.startswith("#"))
    for fact in ("R. A. Fisher (1936)", "Edgar Anderson", "Licence", "CC BY 4.0", "scikit-learn"):
        assert fact in header
    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    setuptools = pyproject["tool"]["setuptools"]
    assert "nbnp.data" in setuptools["packages"] and "iris.csv" in setuptools["package-data"]["nbnp.data"]
