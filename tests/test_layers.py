import numpy as np
import pytest

from nbnp import LinearLayer, SigmoidLayer, check_gradients, check_network_gradients, or_gate, sigmoid_derivative


def weighted_sum(layer, X, G):
    """A scalar whose gradient with respect to the layer's output is G."""
    return lambda: float(np.sum(G * layer.forward(X)))


def test_linear_forward_computes_W_A_plus_b_and_returns_it(rng):
    layer = LinearLayer((3, 5), 2, rng=rng)
    layer.params["b"] = rng.normal(size=(2, 1))
    X = rng.normal(size=(3, 5))
    out = layer.forward(X)
    np.testing.assert_allclose(out, layer.params["W"] @ X + layer.params["b"])
    assert out is layer.Z
    np.testing.assert_array_equal(layer.A_prev, X)


def test_linear_placeholders_have_the_blogs_shapes():
    layer = LinearLayer(input_shape=(2, 4), n_out=3)
    assert layer.Z.shape == (3, 4)
    assert layer.params["W"].shape == (3, 2)
    assert layer.params["b"].shape == (3, 1)
    assert SigmoidLayer(layer.Z.shape).A.shape == (3, 4)


def test_linear_backward_matches_finite_differences(rng):
    layer = LinearLayer((3, 5), 4, ini_type="xavier", rng=rng)
    layer.params["b"] = rng.normal(size=(4, 1))
    X, G = rng.normal(size=(3, 5)), rng.normal(size=(4, 5))
    layer.forward(X)
    dA_prev = layer.backward(G)
    f = weighted_sum(layer, X, G)
    errors = check_gradients(
        f, {"W": layer.params["W"], "b": layer.params["b"], "X": X}, {"W": layer.dW, "b": layer.db, "X": dA_prev}
    )
    assert max(errors.values()) < 1e-7
    assert dA_prev is layer.dA_prev


def test_linear_bias_gradient_sums_over_examples_not_units(rng):
    layer = LinearLayer((2, 3), 3, rng=rng)
    layer.forward(rng.normal(size=(2, 3)))
    G = np.arange(9.0).reshape(3, 3)
    layer.backward(G)
    np.testing.assert_allclose(layer.db, [[3.0], [12.0], [21.0]])


def test_sigmoid_backward_matches_finite_differences(rng):
    layer = SigmoidLayer((3, 4))
    Z, G = rng.normal(size=(3, 4)) * 2, rng.normal(size=(3, 4))
    layer.forward(Z)
    dZ = layer.backward(G)
    check_gradients(weighted_sum(layer, Z, G), {"Z": Z}, {"Z": dZ})
    assert dZ is layer.dZ


def test_gradient_check_rejects_a_wrong_gradient(rng):
    """Negative control: sigma'(sigma(z)) instead of sigma'(z) must fail the check."""
    layer = SigmoidLayer((3, 4))
    Z, G = rng.normal(size=(3, 4)) * 2, rng.normal(size=(3, 4))
    A = layer.forward(Z)
    wrong = G * sigmoid_derivative(A)
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(weighted_sum(layer, Z, G), {"Z": Z}, {"Z": wrong})


def test_update_params_steps_against_the_gradient(rng):
    layer = LinearLayer((2, 4), 1, rng=rng)
    layer.forward(rng.normal(size=(2, 4)))
    layer.backward(rng.normal(size=(1, 4)))
    W, b = layer.params["W"].copy(), layer.params["b"].copy()
    layer.update_params(learning_rate=0.3)
    np.testing.assert_allclose(layer.params["W"], W - 0.3 * layer.dW)
    np.testing.assert_allclose(layer.params["b"], b - 0.3 * layer.db)


def test_update_params_default_learning_rate_is_the_blogs():
    layer = LinearLayer((1, 1), 1)
    layer.params["W"] = np.array([[0.0]])
    layer.forward(np.array([[1.0]]))
    layer.backward(np.array([[1.0]]))
    layer.update_params()
    np.testing.assert_allclose(layer.params["W"], [[-0.1]])
    np.testing.assert_allclose(layer.params["b"], [[-0.1]])


def test_composed_network_passes_gradient_check(rng):
    X, Y = or_gate()
    layers = [
        LinearLayer(X.shape, 3, "xavier", rng=rng),
        SigmoidLayer((3, 4)),
        LinearLayer((3, 4), 1, "xavier", rng=rng),
        SigmoidLayer((1, 4)),
    ]
    errors = check_network_gradients(layers, X, Y)
    assert max(errors.values()) < 1e-7


def test_forward_accepts_another_batch_size(rng):
    layer = LinearLayer((2, 4), 3, rng=rng)
    assert layer.forward(np.zeros((2, 10))).shape == (3, 10)


def test_wrong_number_of_input_rows_says_what_was_expected():
    layer = LinearLayer((2, 4), 3)
    with pytest.raises(
        ValueError, match=r"A_prev must have 2 rows \(one per input feature, examples as columns\); got shape \(4, 2\)"
    ):
        layer.forward(np.zeros((4, 2)))


def test_one_dimensional_input_raises():
    with pytest.raises(ValueError, match=r"A_prev must be 2-D .* got 1-D array of shape \(2,\)"):
        LinearLayer((2, 4), 3).forward(np.zeros(2))


def test_non_finite_input_raises():
    with pytest.raises(ValueError, match="A_prev must contain only finite values; got 2 NaN"):
        LinearLayer((2, 2), 1).forward(np.array([[np.nan, 1.0], [np.inf, 0.0]]))


def test_upstream_gradient_of_wrong_shape_raises():
    layer = LinearLayer((2, 4), 3)
    layer.forward(np.zeros((2, 4)))
    with pytest.raises(
        ValueError,
        match=r"^upstream_grad must have shape \(3, 4\) \(like the output Z\); got shape \(4, 3\): "
        r"did you pass upstream_grad\.T\?$",
    ):
        layer.backward(np.zeros((4, 3)))
    sig = SigmoidLayer((3, 4))
    sig.forward(np.zeros((3, 4)))
    with pytest.raises(
        ValueError, match=r"^upstream_grad must have shape \(3, 4\) \(like the output A\); got shape \(1, 4\)$"
    ):
        sig.backward(np.zeros((1, 4)))


def test_sigmoid_layer_rejects_wrong_number_of_units():
    with pytest.raises(ValueError, match=r"Z must have 3 rows .* got shape \(2, 4\)"):
        SigmoidLayer((3, 4)).forward(np.zeros((2, 4)))


@pytest.mark.parametrize("n_out, error", [(0, ValueError), (-1, ValueError), (1.5, TypeError)])
def test_bad_n_out_raises(n_out, error):
    with pytest.raises(error, match="n_out must be a positive integer"):
        LinearLayer((2, 4), n_out)


@pytest.mark.parametrize("shape", [(2,), (2, 4, 1), 5])
def test_bad_input_shape_raises(shape):
    with pytest.raises((ValueError, TypeError), match="input_shape must be a"):
        LinearLayer(shape, 1)


def test_unknown_ini_type_raises_from_the_layer():
    with pytest.raises(ValueError, match="ini_type must be one of"):
        LinearLayer((2, 4), 1, ini_type="Xavier")


def test_linear_layer_draws_its_weights_from_the_given_generator():
    np.random.seed(0)
    global_state = np.random.get_state()[1].copy()
    layer = LinearLayer((2, 4), 3, "xavier", rng=np.random.default_rng(7))
    expected = np.random.default_rng(7).standard_normal((3, 2)) / np.sqrt(2)
    np.testing.assert_allclose(layer.params["W"], expected)
    np.testing.assert_array_equal(np.random.get_state()[1], global_state)


def test_sigmoid_layer_rejects_a_bad_shape_by_name():
    with pytest.raises(ValueError, match=r"^shape\[1\] must be a positive integer; got 0$"):
        SigmoidLayer((3, 0))


def test_sigmoid_layer_says_what_its_rows_are():
    with pytest.raises(
        ValueError, match=r"^Z must have 3 rows \(one per unit of the layer below\); got shape \(2, 4\)$"
    ):
        SigmoidLayer((3, 4)).forward(np.zeros((2, 4)))


def test_linear_backward_without_input_grad_sets_the_same_parameter_gradients(rng):
    layer = LinearLayer((3, 5), 2, rng=rng)
    X, G = rng.normal(size=(3, 5)), rng.normal(size=(2, 5))
    layer.forward(X)
    layer.backward(G)
    dW, db = layer.dW, layer.db
    assert layer.backward(G, input_grad=False) is None
    assert layer.dA_prev is None
    np.testing.assert_allclose(layer.dW, dW, rtol=1e-15)
    np.testing.assert_allclose(layer.db, db, rtol=1e-15)


def test_sigmoid_backward_without_input_grad_has_nothing_to_compute(rng):
    layer = SigmoidLayer((3, 4))
    layer.forward(rng.normal(size=(3, 4)))
    assert layer.backward(rng.normal(size=(3, 4)), input_grad=False) is None
    assert layer.dZ is None


def test_update_params_rejects_a_learning_rate_that_would_not_descend():
    layer = LinearLayer((1, 1), 1)
    layer.forward(np.array([[1.0]]))
    layer.backward(np.array([[1.0]]))
    with pytest.raises(ValueError, match="^learning_rate must be a finite number above 0; got -0.1$"):
        layer.update_params(learning_rate=-0.1)


# --- Every mistake a learner makes with a layer raises the error nbnp.validation's rule says. ---


def _linear(**params):
    layer = LinearLayer((2, 4), 1)
    layer.params.update(params)
    return layer


X4 = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])


@pytest.mark.parametrize(
    "params, error, message",
    [
        (
            {"W": np.array([0.1, 0.6])},
            ValueError,
            r'^params\["W"\] must be 2-D with shape \(n_out, n_in\); got 1-D array of shape \(2,\)$',
        ),
        ({"W": "0.1 0.6"}, TypeError, r'^params\["W"\] must be a 2-D numeric array; got str$'),
        ({"W": np.array([[np.nan, 0.6]])}, ValueError, r'^params\["W"\] must contain only finite values; got 1 NaN'),
        (
            {"b": np.zeros((4, 1))},
            ValueError,
            r'^params\["b"\] must have shape \(1, 1\) \(a column, one bias per row of W\); got shape \(4, 1\)$',
        ),
        ({"b": np.zeros(1)}, ValueError, r'^params\["b"\] must be 2-D with shape \(n_out, 1\); got 1-D array'),
        ({"b": 0.5}, ValueError, r'^params\["b"\] must be 2-D with shape \(n_out, 1\); got 0-D array'),
        (
            {"W": np.ones((2, 1)), "b": np.zeros((1, 1))},
            ValueError,
            r'^params\["W"\] must have shape \(1, 2\) \(n_out by n_in, one row per entry of b\); got shape \(2, 1\): '
            r'did you pass params\["W"\]\.T\?$',
        ),
    ],
)
def test_linear_forward_names_a_parameter_set_wrong_by_hand(params, error, message):
    with pytest.raises(error, match=message):
        _linear(**params).forward(X4)


def test_parameters_set_by_hand_as_lists_or_integers_are_used_as_floats():
    layer = _linear(W=[[1, 2]], b=np.array([[True]]))
    np.testing.assert_allclose(layer.forward(X4), [[1.0, 3.0, 2.0, 4.0]], rtol=0, atol=0)
    assert layer.params["W"].dtype == np.float64 and layer.params["b"].dtype == np.float64
    layer.backward(np.ones((1, 4)))
    layer.update_params(0.5)
    np.testing.assert_allclose(layer.params["W"], [[0.0, 1.0]], rtol=0, atol=1e-15)


def test_a_layer_with_a_transposed_weight_of_a_square_shape_is_not_called_transposed():
    layer = LinearLayer((2, 4), 2)
    layer.params["b"] = np.zeros((3, 1))
    with pytest.raises(ValueError, match=r'^params\["b"\] must have shape \(2, 1\) .*; got shape \(3, 1\)$'):
        layer.forward(X4)


@pytest.mark.parametrize("layer", [LinearLayer((2, 4), 1), SigmoidLayer((1, 4))], ids=type)
def test_backward_before_forward_says_to_call_forward(layer):
    name = type(layer).__name__
    with pytest.raises(
        RuntimeError,
        match=rf"^call forward\(\) before backward\(\): this {name} has not "
        r"received an input yet$",
    ):
        layer.backward(np.zeros((1, 4)))


def test_sigmoid_backward_after_forward_is_not_zero():
    """Negative control of the check above: after forward, the same call computes dZ = dA * A (1 - A)."""
    layer = SigmoidLayer((1, 4))
    layer.forward(np.zeros((1, 4)))
    np.testing.assert_allclose(layer.backward(np.ones((1, 4))), np.full((1, 4), 0.25), rtol=0, atol=0)


def test_update_before_backward_says_to_call_backward():
    layer = LinearLayer((2, 4), 1)
    layer.forward(X4)
    with pytest.raises(
        RuntimeError,
        match=r"^call backward\(\) before update_params\(\): this LinearLayer has no "
        r"gradients yet$",
    ):
        layer.update_params(1.0)


def test_a_second_update_on_the_same_gradients_raises_until_backward_runs_again():
    layer = LinearLayer((2, 4), 1)
    layer.forward(X4)
    layer.backward(np.ones((1, 4)))
    layer.update_params(1.0)
    W = layer.params["W"]
    with pytest.raises(
        RuntimeError,
        match=r"^update_params\(\) has already used these gradients: call forward\(\) "
        r"and backward\(\) again for new ones$",
    ):
        layer.update_params(1.0)
    assert layer.params["W"] is W
    layer.forward(X4)
    layer.backward(np.ones((1, 4)))
    layer.update_params(1.0)
    np.testing.assert_allclose(layer.params["W"], W - layer.dW, rtol=0, atol=0)


def test_update_after_w_was_replaced_by_another_shape_raises():
    layer = LinearLayer((2, 4), 1)
    layer.forward(X4)
    layer.backward(np.ones((1, 4)))
    layer.params["W"], layer.params["b"] = np.ones((3, 2)), np.zeros((3, 1))
    with pytest.raises(
        RuntimeError,
        match=r"^the gradient dW has shape \(1, 2\) but W has \(3, 2\): run forward\(\) "
        r"and backward\(\) again$",
    ):
        layer.update_params(1.0)


@pytest.mark.parametrize("layer", [LinearLayer((2, 4), 1), SigmoidLayer((1, 4))], ids=type)
@pytest.mark.parametrize("flag", [None, "no", 0])
def test_input_grad_must_be_a_bool(layer, flag):
    layer.forward(X4 if isinstance(layer, LinearLayer) else np.zeros((1, 4)))
    with pytest.raises(
        TypeError,
        match=rf"^input_grad must be True or False; got {flag!r} of type "
        rf"{type(flag).__name__}$",
    ):
        layer.backward(np.ones((1, 4)), input_grad=flag)
    expected = (2, 4) if isinstance(layer, LinearLayer) else (1, 4)
    assert layer.backward(np.ones((1, 4)), input_grad=np.bool_(True)).shape == expected


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (
            X4 + 1j,
            TypeError,
            r"^A_prev must hold real numbers; got dtype complex128: pass A_prev\.real if the imaginary "
            r"parts are 0$",
        ),
        (
            np.zeros((2, 0)),
            ValueError,
            r"^A_prev must hold at least one example; got shape \(2, 0\) \(an empty batch "
            r"has no cost to average\)$",
        ),
        (
            [[1, 2], [3]],
            ValueError,
            r"^A_prev must be a 2-D numeric array; got a ragged list whose rows differ in length$",
        ),
        (
            X4.T,
            ValueError,
            r"^A_prev must have 2 rows \(one per input feature, examples as columns\); got shape "
            r"\(4, 2\): did you pass A_prev\.T\?$",
        ),
    ],
)
def test_linear_forward_refuses_complex_empty_ragged_and_transposed_input(bad, error, message):
    with pytest.raises(error, match=message):
        LinearLayer((2, 4), 1).forward(bad)


def test_a_transposed_square_input_gets_no_transposition_hint():
    with pytest.raises(ValueError, match=r"^A_prev must have 2 rows \(.*\); got shape \(3, 3\)$"):
        LinearLayer((2, 4), 1).forward(np.zeros((3, 3)))


def test_legitimate_inputs_keep_working():
    layer = LinearLayer((2, 4), 1)
    layer.params["W"] = np.array([[1.0, 2.0]])
    for X in (X4.tolist(), X4.astype(int), X4.astype(bool)):
        np.testing.assert_allclose(layer.forward(X), [[0.0, 2.0, 1.0, 3.0]], rtol=0, atol=0)
    assert layer.forward(np.ones((2, 9))).shape == (1, 9)
    sig = SigmoidLayer((1, 4))
    assert sig.forward(np.zeros((1, 9), dtype=int)).shape == (1, 9)
    assert sig.backward(np.ones((1, 9))).shape == (1, 9)


def test_an_array_passed_for_its_shape_says_to_pass_the_shape():
    X = np.zeros((2, 4))
    with pytest.raises(
        TypeError,
        match=r"^input_shape must be a shape \(rows, columns\), such as X\.shape; got an "
        r"array of shape \(2, 4\): pass its \.shape$",
    ):
        LinearLayer(X, 3)
    with pytest.raises(TypeError, match=r"^shape must be a shape \(rows, columns\), such as X\.shape; got an array"):
        SigmoidLayer(X)
    assert LinearLayer(np.array(X.shape), 3).Z.shape == (3, 4)


def test_gradients_set_by_hand_are_new_gradients():
    layer = LinearLayer((2, 4), 1)
    layer.params["W"] = np.array([[1.0, 1.0]])
    layer.dW, layer.db = np.array([[1.0, 2.0]]), np.array([[3.0]])
    layer.update_params(0.5)
    np.testing.assert_allclose(layer.params["W"], [[0.5, 0.0]], rtol=0, atol=0)
    np.testing.assert_allclose(layer.params["b"], [[-1.5]], rtol=0, atol=0)
    with pytest.raises(RuntimeError, match=r"^update_params\(\) has already used these gradients"):
        layer.update_params(0.5)


def test_an_update_with_the_checks_off_still_counts_as_using_the_gradients():
    from nbnp.validation import skip_array_checks

    layer = LinearLayer((2, 4), 1)
    layer.forward(X4)
    layer.backward(np.ones((1, 4)))
    with skip_array_checks():
        layer.update_params(1.0)
    with pytest.raises(RuntimeError, match=r"^update_params\(\) has already used these gradients"):
        layer.update_params(1.0)


def test_a_bias_with_as_many_rows_as_w_has_columns_is_blamed_not_w():
    layer = LinearLayer((3, 4), 1)
    layer.params["b"] = np.zeros((3, 1))
    with pytest.raises(
        ValueError,
        match=r'^params\["b"\] must have shape \(1, 1\) \(a column, one bias per row of '
        r"W\); got shape \(3, 1\)$",
    ):
        layer.forward(np.zeros((3, 4)))
