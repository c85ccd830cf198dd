import threading

import numpy as np
import pytest

from nbnp.validation import (
    UNIT_INTERVAL,
    check_array,
    check_callable,
    check_choice,
    check_classes,
    check_flag,
    check_learning_rate,
    check_matrix,
    check_number,
    check_positive_int,
    check_positive_number,
    check_shape,
    check_within,
    checking,
    first_pass_checked,
    skip_array_checks,
)

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


@pytest.mark.parametrize(
    "value, error, message",
    [
        (0, ValueError, "learning_rate must be a finite number above 0; got 0"),
        (-0.5, ValueError, "learning_rate must be a finite number above 0; got -0.5"),
        (float("nan"), ValueError, "learning_rate must be a finite number above 0; got nan"),
        (float("inf"), ValueError, "learning_rate must be a finite number above 0; got inf"),
        ("0.1", TypeError, "learning_rate must be a number; got '0.1' of type str"),
        (True, TypeError, "learning_rate must be a number; got True of type bool"),
    ],
)
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


@pytest.mark.parametrize(
    "value, shape, message",
    [
        (np.zeros((3, 2)), (2, 3), r"^A must have shape \(2, 3\); got shape \(3, 2\): did you pass A\.T\?$"),
        (np.zeros((2, 2)), (2, 3), r"^A must have shape \(2, 3\); got shape \(2, 2\)$"),
        (np.zeros((3, 3)), (3, 3), None),
    ],
)
def test_a_transposed_shape_is_named_only_when_the_transpose_would_fit(value, shape, message):
    if message is None:
        assert check_matrix("A", value, shape=shape) is value
        return
    with pytest.raises(ValueError, match=message):
        check_matrix("A", value, shape=shape)


def test_rows_hint_and_the_singular_row():
    with pytest.raises(
        ValueError,
        match=r"^A must have 1 row \(one per input feature, examples as columns\); "
        r"got shape \(3, 1\): did you pass A\.T\?$",
    ):
        check_matrix("A", np.zeros((3, 1)), rows=1)
    with pytest.raises(ValueError, match=r"^A must have 3 rows \(units\); got shape \(2, 2\)$"):
        check_matrix("A", np.zeros((2, 2)), rows=3, what="units")
    with pytest.raises(ValueError, match=r"^A must have 2 rows \(.*\); got shape \(3, 3\)$"):
        check_matrix("A", np.zeros((3, 3)), rows=2)
    with pytest.raises(ValueError, match=r"^A must have shape \(1, 2\) \(why\); got shape \(1, 3\)$"):
        check_matrix("A", np.zeros((1, 3)), shape=(1, 2), what="why")
    with pytest.raises(ValueError, match=r"^W must be 2-D with shape \(n_out, n_in\); got 1-D array"):
        check_matrix("W", np.zeros(2), layout="(n_out, n_in)")


@pytest.mark.parametrize(
    "value, error, message",
    [
        (
            np.zeros((2, 2)) + 1j,
            TypeError,
            r"^A must hold real numbers; got dtype complex128: pass A\.real if the "
            r"imaginary parts are 0$",
        ),
        ([[1, 2], [3]], ValueError, "^A must be a 2-D numeric array; got a ragged list whose rows differ in length$"),
        (np.zeros((0, 3)), ValueError, r"^A must hold at least one example; got shape \(0, 3\)"),
        (np.array([[1, None]]), TypeError, "^A must be a 2-D numeric array; got dtype object$"),
    ],
)
def test_complex_ragged_empty_and_object_arrays_raise(value, error, message):
    with pytest.raises(error, match=message):
        check_matrix("A", value)


def test_check_matrix_accepts_integers_and_booleans_as_floats():
    out = check_matrix("A", np.array([[True, False]]))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [[1.0, 0.0]])


def test_check_array_takes_any_shape_and_numbers():
    assert check_array("z", 2).dtype == np.float64 and check_array("z", 2).shape == ()
    a = np.zeros((2, 3, 4))
    assert check_array("z", a) is a
    with pytest.raises(ValueError, match="^z must contain only finite values; got 1 NaN"):
        check_array("z", [0.0, np.inf])
    with pytest.raises(TypeError, match="^z must be a number or an array of numbers; got NoneType$"):
        check_array("z", None)
    with skip_array_checks():
        assert check_array("z", "anything") == "anything"


def test_check_within_names_the_range_and_the_values_found():
    np.testing.assert_array_equal(check_within("Y", [[0, 0.5, 1]]), [[0.0, 0.5, 1.0]])
    with pytest.raises(ValueError, match=r"^Y must hold values in \[0, 1\] \(labels\); got values from -1 to 1$"):
        check_within("Y", [[-1, 1]], why="labels")
    with pytest.raises(ValueError, match=r"^Y must hold values in \[0, 1\]; got values from 0 to 1\.5$"):
        check_within("Y", [[0, 1.5]], UNIT_INTERVAL)
    with pytest.raises(ValueError, match=r"^Y must hold values in \[-2, 2\]; got values from -3 to 0$"):
        check_within("Y", [[-3, 0]], bounds=(-2, 2))
    with pytest.raises(ValueError, match=r"^Y must have shape \(1, 3\)"):
        check_within("Y", [[0, 1]], shape=(1, 3))
    with skip_array_checks():
        assert check_within("Y", 7) == 7


def test_check_classes_accepts_only_0_and_1():
    np.testing.assert_array_equal(check_classes("Y", [[True, False]]), [[1.0, 0.0]])
    with pytest.raises(ValueError, match=r"^Y must hold only the classes 0 and 1; got 1 other values, such as 0\.5$"):
        check_classes("Y", [[0, 0.5, 1]])
    with pytest.raises(ValueError, match=r"^Y must hold only the classes 0 and 1; got 2 other values, such as -1$"):
        check_classes("Y", [[-1, 2]])


@pytest.mark.parametrize(
    "kwargs, value, message",
    [
        ({}, np.inf, "^t must be a finite number; got inf$"),
        ({"low": 0}, 0, "^t must be a finite number > 0; got 0.0$"),
        ({"low": 0, "closed": True}, -1, "^t must be a finite number >= 0; got -1.0$"),
        ({"low": 0, "high": 1}, 1, r"^t must be a finite number in \(0, 1\); got 1.0$"),
        ({"low": 0, "high": 1, "closed": True}, 2, r"^t must be a finite number in \[0, 1\]; got 2.0$"),
    ],
)
def test_check_number_says_the_range(kwargs, value, message):
    with pytest.raises(ValueError, match=message):
        check_number("t", value, **kwargs)


def test_check_number_accepts_the_bounds_when_closed_and_numpy_numbers():
    assert check_number("t", 0, low=0, high=1, closed=True) == 0.0
    assert check_number("t", 1, low=0, high=1, closed=True) == 1.0
    assert check_number("t", np.float32(0.5), low=0, high=1) == 0.5
    assert type(check_number("t", np.int64(3))) is float
    for bad in (True, "1", None, 1j):
        with pytest.raises(TypeError, match="^t must be a number; got "):
            check_number("t", bad)


def test_check_positive_number_and_the_learning_rate_of_0():
    assert check_positive_number("eps", 1e-300) == 1e-300
    with pytest.raises(ValueError, match="^eps must be a finite number above 0; got 0$"):
        check_positive_number("eps", 0)
    with pytest.raises(TypeError, match="^eps must be a number; got False of type bool$"):
        check_positive_number("eps", False)


def test_check_flag_and_check_callable():
    assert check_flag("f", np.bool_(False)) is False
    assert check_flag("f", True) is True
    with pytest.raises(TypeError, match="^f must be True or False; got 1 of type int$"):
        check_flag("f", 1)
    assert check_callable("g", len, "a number") is len
    with pytest.raises(TypeError, match="^g must be a function returning a number; got str$"):
        check_callable("g", "len", "a number")


def test_first_pass_checked_checks_only_the_first_pass_and_restores_the_checks():
    with first_pass_checked("abc") as passes:
        seen = [(item, checking()) for item in passes]
    assert seen == [("a", True), ("b", False), ("c", False)] and checking()
    with pytest.raises(KeyError):
        with first_pass_checked(range(3)) as passes:
            for item in passes:
                if item == 2:
                    raise KeyError(item)
    assert checking()
    with first_pass_checked([]) as passes:
        assert list(passes) == []
    assert checking()
