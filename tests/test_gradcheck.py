import numpy as np
import pytest

from nbnp import check_gradients, check_network_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_a_quadratic(rng):
    A = rng.normal(size=(3, 3))
    x = rng.normal(size=(3, 1))
    grad = numerical_gradient(lambda: (x.T @ A @ x).item(), x)
    np.testing.assert_allclose(grad, (A + A.T) @ x, rtol=1e-7)


def test_numerical_gradient_restores_the_array(rng):
    x = rng.normal(size=(2, 3))
    before = x.copy()
    numerical_gradient(lambda: float(np.sum(x**3)), x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_needs_a_float_array():
    with pytest.raises(TypeError, match="float64 NumPy array"):
        numerical_gradient(lambda: 0.0, np.zeros((2, 2), dtype=int))


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    np.testing.assert_allclose(relative_error(np.array([1.0]), np.array([3.0])), 0.5)
    with pytest.raises(ValueError, match=r"same shape; got \(2,\) and \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


def test_check_passes_a_right_gradient_and_fails_a_wrong_one(rng):
    W = rng.normal(size=(2, 2))
    f = lambda: float(np.sum(np.sin(W)))  # noqa: E731
    errors = check_gradients(f, {"W": W}, {"W": np.cos(W)})
    assert errors["W"] < 1e-8
    with pytest.raises(AssertionError, match=r"gradient check failed \(relative error above 1e-07\): W: "):
        check_gradients(f, {"W": W}, {"W": np.cos(W) * 1.001})


def test_check_names_the_mismatched_keys():
    with pytest.raises(ValueError, match=r"same keys; got \['W'\] and \['b'\]"):
        check_gradients(lambda: 0.0, {"W": np.zeros((1, 1))}, {"b": np.zeros((1, 1))})


def test_check_rejects_a_gradient_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"grads\['W'\] must have shape \(2, 1\); got shape \(1, 2\)"):
        check_gradients(lambda: 0.0, {"W": np.zeros((2, 1))}, {"W": np.zeros((1, 2))})


def test_numerical_gradient_names_the_type_it_received():
    with pytest.raises(TypeError, match="perturbed in place; got list"):
        numerical_gradient(lambda: 0.0, [1.0, 2.0])


def test_check_uses_the_given_step(rng):
    """With eps = 0.1 the central difference of w^3 is 3w^2 + eps^2, far from 3w^2: the check must fail."""
    W = rng.normal(size=(2, 2))
    f = lambda: float(np.sum(W**3))  # noqa: E731
    assert check_gradients(f, {"W": W}, {"W": 3 * W**2})["W"] < 1e-8
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_gradients(f, {"W": W}, {"W": 3 * W**2}, eps=0.1)


def test_an_error_equal_to_the_tolerance_passes():
    """f = w at w = 0: the central difference is exactly 1, and -1 against it is a relative error of exactly 1."""
    W = np.zeros((1, 1))
    assert check_gradients(lambda: float(W[0, 0]), {"W": W}, {"W": np.array([[-1.0]])}, tol=1.0) == {"W": 1.0}


def test_a_failed_check_lists_every_failing_gradient():
    W, b = np.zeros((1, 1)), np.zeros((1, 1))
    f = lambda: float(W[0, 0] + b[0, 0])  # noqa: E731
    with pytest.raises(AssertionError, match=r"above 1e-07\): W: 1\.00e\+00, b: 1\.00e\+00$"):
        check_gradients(f, {"W": W, "b": b}, {"W": -np.ones((1, 1)), "b": -np.ones((1, 1))})


def _xor_network(rng):
    from nbnp import LinearLayer, SigmoidLayer, xor_gate

    X, Y = xor_gate()
    layers = [
        LinearLayer(X.shape, 3, "xavier", rng=rng),
        SigmoidLayer((3, 4)),
        LinearLayer((3, 4), 1, "xavier", rng=rng),
        SigmoidLayer((1, 4)),
    ]
    return layers, X, Y


def test_network_check_names_every_parameter_and_leaves_the_layers_unperturbed(rng):
    from nbnp import check_network_gradients, compute_cost, forward_pass

    layers, X, Y = _xor_network(rng)
    W0 = layers[0].params["W"].copy()
    errors = check_network_gradients(layers, X, Y)
    assert sorted(errors) == ["W0", "W2", "b0", "b2"]
    assert max(errors.values()) < 1e-7
    np.testing.assert_array_equal(layers[0].params["W"], W0)
    np.testing.assert_array_equal(layers[3].A, forward_pass(layers, X))
    _, dY_hat = compute_cost(Y, layers[3].A)
    np.testing.assert_allclose(layers[2].dW, (dY_hat * layers[3].A * (1 - layers[3].A)) @ layers[1].A.T)


def test_network_check_fails_a_wrong_backward_pass(rng, monkeypatch):
    """Negative control: a sigmoid layer that forgets the 1 - A factor must fail the check."""
    from nbnp import SigmoidLayer, check_network_gradients

    layers, X, Y = _xor_network(rng)

    def wrong_backward(self, upstream_grad):
        self.dZ = upstream_grad * self.A
        return self.dZ

    monkeypatch.setattr(SigmoidLayer, "backward", wrong_backward)
    with pytest.raises(AssertionError, match="gradient check failed"):
        check_network_gradients(layers, X, Y)


def test_network_check_needs_a_layer_with_parameters():
    from nbnp import SigmoidLayer, check_network_gradients

    with pytest.raises(ValueError, match="^layers has no layer with parameters to check$"):
        check_network_gradients([SigmoidLayer((1, 4))], np.zeros((1, 4)), np.zeros((1, 4)))


def test_network_check_uses_the_step_and_the_tolerance_it_is_given(rng):
    """A correct backward pass has relative errors near 1e-9: below the default tolerance, not below 1e-13;
    and a step of 0.5 is far too coarse for central differences to match it."""
    from nbnp import check_network_gradients

    layers, X, Y = _xor_network(rng)
    assert 1e-13 < max(check_network_gradients(layers, X, Y).values()) < 1e-7
    with pytest.raises(AssertionError, match=r"^gradient check failed \(relative error above 1e-13\)"):
        check_network_gradients(layers, X, Y, tol=1e-13)
    with pytest.raises(AssertionError, match=r"^gradient check failed \(relative error above 1e-07\)"):
        check_network_gradients(layers, X, Y, eps=0.5)


# --- A gradient check that cannot fail is refused: NaN, bad steps and tolerances raise. ---


def _zeros():
    return {"W": np.zeros((1, 1))}


@pytest.mark.parametrize(
    "f, error, message",
    [
        (lambda: float("nan"), ValueError, r"^f\(\) must return a finite cost; got nan$"),
        (lambda: np.inf, ValueError, r"^f\(\) must return a finite cost; got inf$"),
        (
            lambda: (0.0, np.zeros((1, 1))),
            TypeError,
            r"^f\(\) must return the cost as one number; got tuple: "
            r"compute_cost returns \(cost, dY_hat\), take \[0\]$",
        ),
        (lambda: np.zeros((1, 1)), TypeError, r"^f\(\) must return the cost as one number; got ndarray$"),
        (0.0, TypeError, r"^f must be a function returning the cost, one number; got float$"),
    ],
)
def test_check_gradients_refuses_a_cost_that_is_not_a_finite_number(f, error, message):
    with pytest.raises(error, match=message):
        check_gradients(f, _zeros(), _zeros())


def test_a_cost_that_is_nan_only_at_a_perturbed_point_fails_the_check():
    params = _zeros()
    with pytest.raises(ValueError, match=r"^f\(\) must return a finite cost; got nan$"):
        check_gradients(lambda: float("nan") if params["W"][0, 0] else 0.0, params, _zeros())
    assert params["W"][0, 0] == 0.0


@pytest.mark.parametrize(
    "name, value, error, message",
    [
        ("eps", 0, ValueError, "^eps must be a finite number above 0; got 0$"),
        ("eps", -1e-6, ValueError, r"^eps must be a finite number above 0; got -1e-06$"),
        ("eps", "1e-6", TypeError, "^eps must be a number; got '1e-6' of type str$"),
        ("tol", np.nan, ValueError, "^tol must be a finite number above 0; got nan$"),
        ("tol", None, TypeError, "^tol must be a number; got None of type NoneType$"),
    ],
)
def test_check_gradients_names_a_bad_step_or_tolerance(name, value, error, message):
    with pytest.raises(error, match=message):
        check_gradients(lambda: 0.0, _zeros(), _zeros(), **{name: value})


def test_check_gradients_refuses_a_nan_gradient_and_params_that_are_not_arrays():
    with pytest.raises(ValueError, match=r"^grads\['W'\] must contain only finite values; got 1 NaN"):
        check_gradients(lambda: 0.0, _zeros(), {"W": np.full((1, 1), np.nan)})
    with pytest.raises(TypeError, match=r"^params must be a dict of name -> array; got list$"):
        check_gradients(lambda: 0.0, [np.zeros((1, 1))], _zeros())
    with pytest.raises(TypeError, match=r"^grads must be a dict of name -> array; got tuple$"):
        check_gradients(lambda: 0.0, _zeros(), (np.zeros((1, 1)),))
    with pytest.raises(TypeError, match=r"^params\['W'\] must be the NumPy array f reads; got list$"):
        check_gradients(lambda: 0.0, {"W": [[0.0]]}, _zeros())


def test_a_relative_error_of_nan_fails_instead_of_passing(monkeypatch):
    import nbnp.gradcheck

    monkeypatch.setattr(nbnp.gradcheck, "relative_error", lambda a, n: float("nan"))
    with pytest.raises(AssertionError, match=r"^gradient check failed \(relative error above 1e-07\): W: nan$"):
        check_gradients(lambda: 0.0, _zeros(), _zeros())


def test_numerical_gradient_names_a_bad_step_a_bad_function_and_the_dtype():
    with pytest.raises(ValueError, match="^eps must be a finite number above 0; got nan$"):
        numerical_gradient(lambda: 0.0, np.zeros(2), eps=np.nan)
    with pytest.raises(TypeError, match="^f must be a function returning the cost, one number; got int$"):
        numerical_gradient(3, np.zeros(2))
    with pytest.raises(
        TypeError,
        match=r"^x must be a float64 NumPy array perturbed in place; got ndarray of dtype "
        r"int64$",
    ):
        numerical_gradient(lambda: 0.0, np.zeros(2, dtype=np.int64))
    with pytest.raises(TypeError, match=r"^x must be a float64 NumPy array perturbed in place; got list$"):
        numerical_gradient(lambda: 0.0, [0.0])
    with pytest.raises(TypeError, match=r"^f\(\) must return the cost as one number; got bool$"):
        numerical_gradient(lambda: True, np.zeros(1))
    np.testing.assert_allclose(numerical_gradient(lambda: np.float32(1.0), np.zeros(1)), [0.0], rtol=0, atol=0)


def test_relative_error_refuses_nan_and_names_the_side():
    with pytest.raises(ValueError, match="^analytic must contain only finite values; got 1 NaN"):
        relative_error([np.nan], [1.0])
    with pytest.raises(ValueError, match="^numerical must contain only finite values; got 1 NaN"):
        relative_error([1.0], [np.inf])
    with pytest.raises(TypeError, match="^analytic must be a number or an array of numbers; got str$"):
        relative_error("1", [1.0])
    np.testing.assert_allclose(relative_error([1, 0], [0, 0]), 1.0, rtol=0, atol=0)


def test_network_check_refuses_a_repeated_layer_and_transposed_labels():
    from nbnp import LinearLayer, SigmoidLayer, xor_gate

    X, Y = xor_gate()
    with pytest.raises(ValueError, match=r"^layer 1 \(LinearLayer\) is the same object as layer 0"):
        check_network_gradients([LinearLayer((2, 4), 2)] * 2, X, Y)
    layers = [LinearLayer((2, 4), 1, rng=np.random.default_rng(0)), SigmoidLayer((1, 4))]
    with pytest.raises(ValueError, match=r"^Y and Y_hat must have the same shape .*: did you pass Y\.T\?$"):
        check_network_gradients(layers, X, Y.T)
    with pytest.raises(ValueError, match=r"^eps must be a finite number above 0; got -1$"):
        check_network_gradients(layers, X, Y, eps=-1)


@pytest.mark.parametrize("cost_name", ["compute_bce_cost", "compute_stable_bce_cost", "compute_keras_like_bce_cost"])
def test_network_check_with_a_cross_entropy_cost(rng, cost_name):
    import nbnp

    layers, X, Y = _xor_network(rng)
    errors = nbnp.check_network_gradients(layers, X, Y, cost=getattr(nbnp, cost_name))
    assert sorted(errors) == ["W0", "W2", "b0", "b2"] and max(errors.values()) < 1e-7


def test_network_check_fails_a_logits_gradient_sent_through_the_last_sigmoid(rng):
    """Negative control: dC/dZ declared as dC/dP_hat is multiplied by sigma'(Z) twice and must fail."""
    import nbnp

    def stable_declared_wrong(Y, Z):
        return nbnp.compute_stable_bce_cost(Y, Z)

    stable_declared_wrong.takes, stable_declared_wrong.grad_wrt = "logits", "output"
    layers, X, Y = _xor_network(rng)
    with pytest.raises(AssertionError, match="gradient check failed"):
        nbnp.check_network_gradients(layers, X, Y, cost=stable_declared_wrong)
