import threading

import numpy as np
import pytest

from nbnp.validation import (check_choice, check_learning_rate, check_matrix, check_positive_int, check_shape,
                             skip_array_checks)

NAN = np.full((1, 1), np.nan)


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


@pytest.mark.parametrize("value", [1, 0.5, np.float64(2.0), np.int64(3)])
def test_check_learning_rate_accepts_positive_numbers(value):
    assert check_learning_rate(value) == value


@pytest.mark.parametrize("value, error, message", [
    (0, ValueError, "learning_rate must be a finite number above 0; got 0"),
    (-0.5, ValueError, "learning_rate must be a finite number above 0; got -0.5"),
    (float("nan"), ValueError, "learning_rate must be a finite number above 0; got nan"),
    (float("inf"), ValueError, "learning_rate must be a finite number above 0; got inf"),
    ("0.1", TypeError, "learning_rate must be a number; got '0.1' of type str"),
    (True, TypeError, "learning_rate must be a number; got True of type bool"),
])
def test_check_learning_rate_names_what_it_received(value, error, message):
    with pytest.raises(error, match=f"^{message}$"):
        check_learning_rate(value)


def test_skip_array_checks_returns_arguments_unchecked_inside_the_block_only():
    bad = np.full((1, 2, 3), np.nan)
    with skip_array_checks():
        assert check_matrix("A", bad) is bad
        assert check_learning_rate(-1.0) == -1.0
    with pytest.raises(ValueError, match="^A must be 2-D"):
        check_matrix("A", bad)
    with pytest.raises(ValueError, match="^learning_rate must be"):
        check_learning_rate(-1.0)


def test_checks_are_back_on_after_a_block_that_raised():
    with pytest.raises(RuntimeError):
        with skip_array_checks():
            raise RuntimeError("a failure inside the block")
    with pytest.raises(ValueError, match="^A must contain only finite values"):
        check_matrix("A", NAN)


def test_skip_array_checks_leaves_other_threads_checked():
    outcome = []

    def other_thread():
        try:
            check_matrix("A", NAN)
            outcome.append("unchecked")
        except ValueError:
            outcome.append("checked")

    with skip_array_checks():
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert outcome == ["checked"]
