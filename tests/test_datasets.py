import numpy as np
import pytest

from nbnp import add_feature_cross, and_gate, or_gate, xor_gate


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
