//! Fixed-point arithmetic shared by every lending computation.
//!
//! The three functions below give exactly the results of `sp_arithmetic`'s
//! `multiply_by_rational_with_rounding`, `FixedU128::saturating_mul` and
//! `FixedU128::saturating_pow`, bit for bit (the tests compare them on random inputs). They
//! are faster because the common case, a product that fits in 128 bits, takes one native
//! division; `multiply_by_rational_with_rounding` always goes through its 256-bit long
//! division, which costs four 128-bit divisions even when the product is small. Interest
//! compounding runs ~40 of these products per market per call.

use modelchain_primitives::{Balance, Price};
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{One, Zero},
	FixedPointNumber, Rounding,
};

/// `a × b ÷ c`, rounded as asked, with 256-bit intermediate precision when the product
/// needs it. Saturates instead of overflowing, and `c = 0` gives 0.
pub fn mul_div(a: Balance, b: Balance, c: Balance, rounding: Rounding) -> Balance {
	if c.is_zero() {
		return 0;
	}
	let Some(product) = a.checked_mul(b) else {
		return multiply_by_rational_with_rounding(a, b, c, rounding).unwrap_or(Balance::MAX);
	};
	let quotient = product.checked_div(c).unwrap_or_default();
	let remainder = product.checked_rem(c).unwrap_or_default();
	let half_down = c >> 1;
	let round_up = match rounding {
		Rounding::Up => remainder > 0,
		Rounding::NearestPrefUp => remainder >= half_down.saturating_add(c & 1),
		Rounding::NearestPrefDown => remainder > half_down,
		Rounding::Down => false,
	};
	// `quotient = MAX` only when `c = 1`, and then the remainder is 0: no overflow.
	quotient.saturating_add(Balance::from(round_up))
}

/// `a × b` in fixed point, rounded down and saturating, exactly as
/// `FixedU128::saturating_mul`.
pub fn fixed_mul(a: Price, b: Price) -> Price {
	Price::from_inner(mul_div(a.into_inner(), b.into_inner(), Price::accuracy(), Rounding::Down))
}

/// `base^exponent` by repeated squaring, each product rounded by [`fixed_mul`]. Equal to
/// `FixedU128::saturating_pow` for every exponent up to `u32::MAX` (which silently
/// truncates larger exponents; this takes the whole `u64`), and it skips the final,
/// unused squaring.
pub fn fixed_pow(base: Price, exponent: u64) -> Price {
	let mut result = Price::one();
	let mut square = base;
	let mut remaining = exponent;
	while remaining > 0 {
		if remaining & 1 == 1 {
			result = fixed_mul(result, square);
		}
		remaining >>= 1;
		if remaining > 0 {
			square = fixed_mul(square, square);
		}
	}
	result
}
