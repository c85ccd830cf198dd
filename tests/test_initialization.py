import numpy as np
import pytest

from nbnp import initialize_parameters


def test_blog_seed_48_gives_the_blogs_xavier_weights():
    np.random.seed(48)
    W1 = initialize_parameters(2, 3, "xavier")["W"]
    W2 = initialize_parameters(3, 1, "xavier")["W"]
    np.testing.assert_allclose(W1, [[-0.703, -0.752], [-0.451, 0.751], [-0.111, 0.773]], atol=5e-4)
    np.testing.assert_allclose(W2, [[-1.198, 0.405, 0.967]], atol=5e-4)


@pytest.mark.parametrize(
    "ini_type, scale",
    [("plain", lambda n: 0.01), ("xavier", lambda n: 1 / np.sqrt(n)), ("he", lambda n: np.sqrt(2 / n))],
)
def test_scaling_of_standard_normal_draws(ini_type, scale):
    n_in, n_out = 7, 5
    draws = np.random.default_rng(3).standard_normal((n_out, n_in))
    params = initialize_parameters(n_in, n_out, ini_type, rng=np.random.default_rng(3))
    np.testing.assert_allclose(params["W"], draws * scale(n_in), rtol=1e-15)
    np.testing.assert_array_equal(params["b"], np.zeros((n_out, 1)))


@pytest.mark.parametrize("ini_type, variance", [("xavier", lambda n: 1 / n), ("he", lambda n: 2 / n)])
def test_variance_on_a_large_layer(ini_type, variance):
    n_in = 400
    W = initialize_parameters(n_in, 500, ini_type, rng=np.random.default_rng(0))["W"]
    np.testing.assert_allclose(W.var(), variance(n_in), rtol=0.02)


def test_explicit_generator_leaves_global_state_alone():
    np.random.seed(1)
    expected = np.random.randn(2, 2)
    np.random.seed(1)
    initialize_parameters(2, 2, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(np.random.randn(2, 2), expected)


def test_default_draws_from_global_generator_like_randn():
    np.random.seed(5)
    expected = np.random.randn(3, 2) * 0.01
    np.random.seed(5)
    np.testing.assert_array_equal(initialize_parameters(2, 3)["W"], expected)


def test_legacy_random_state_is_accepted():
    a = initialize_parameters(2, 3, "he", rng=np.random.RandomState(9))["W"]
    b = initialize_parameters(2, 3, "he", rng=np.random.RandomState(9))["W"]
    np.testing.assert_array_equal(a, b)


def test_unknown_ini_type_names_the_choices():
    with pytest.raises(ValueError, match=r"ini_type must be one of 'plain', 'xavier', 'he'; got 'glorot'"):
        initialize_parameters(2, 3, "glorot")


@pytest.mark.parametrize("n_out", [0, -3])
def test_non_positive_n_out_raises(n_out):
    with pytest.raises(ValueError, match=rf"n_out must be a positive integer; got {n_out}"):
        initialize_parameters(2, n_out)


@pytest.mark.parametrize("n_in", [2.5, "2", None, True])
def test_non_integer_n_in_raises(n_in):
    with pytest.raises(TypeError, match="n_in must be a positive integer"):
        initialize_parameters(n_in, 3)


def test_not_a_generator_raises():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        initialize_parameters(2, 3, rng=42)


def test_a_seed_instead_of_a_generator_is_rejected_by_type():
    with pytest.raises(TypeError, match=r"Generator or RandomState; got int$"):
        initialize_parameters(2, 3, rng=42)
