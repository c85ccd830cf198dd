import numpy as np
import pytest

from nbnp.validation import check_choice, check_matrix, check_positive_int, check_shape


def test_check_matrix_returns_floats():
    out = check_matrix("X", [[1, 2], [3, 4]])
    assert out.dtype == np.float64 and out.shape == (2, 2)


@pytest.mark.parametrize("value", [None, "abc", b"x"])
def test_check_matrix_rejects_non_arrays(value):
    with pytest.raises(TypeError, match="X must be a 2-D numeric array"):
        check_matrix("X", value)


def test_check_matrix_rejects_three_dimensions():
    with pytest.raises(ValueError, match=r"got 3-D array of shape \(1, 2, 3\)"):
        check_matrix("X", np.zeros((1, 2, 3)))


def test_check_positive_int_accepts_numpy_integers():
    assert check_positive_int("n", np.int64(3)) == 3


def test_check_shape():
    assert check_shape("s", [2, 3]) == (2, 3)
    with pytest.raises(ValueError, match=r"s\[1\] must be a positive integer; got 0"):
        check_shape("s", (2, 0))


def test_check_choice():
    assert check_choice("c", "a", ("a", "b")) == "a"
    with pytest.raises(ValueError, match="c must be one of 'a', 'b'; got 'z'"):
        check_choice("c", "z", ("a", "b"))


def test_check_matrix_does_not_copy_a_float_array():
    a = np.zeros((2, 3))
    assert check_matrix("X", a) is a


def test_check_matrix_rejects_an_array_of_strings():
    with pytest.raises(TypeError, match=r"^X must be a 2-D numeric array; got dtype <U1$"):
        check_matrix("X", np.array([["a", "b"]]))


def test_check_positive_int_names_the_type_it_received():
    with pytest.raises(TypeError, match=r"^n must be a positive integer; got 1\.5 of type float$"):
        check_positive_int("n", 1.5)
