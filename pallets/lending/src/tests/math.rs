//! Tests: fixed-point arithmetic.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

/// A random `u128` of a random bit length (0 to 128 bits), so small, mid-sized and
/// overflowing products all occur.
fn random_magnitude(rng: &mut Rng) -> u128 {
	let bits = rng.below(129) as u32;
	let full = (u128::from(rng.next()) << 64) | u128::from(rng.next());
	if bits == 0 {
		0
	} else {
		full >> (128 - bits)
	}
}

#[test]
fn mul_div_is_multiply_by_rational_bit_for_bit() {
	use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
	let mut rng = Rng(0x0DD_BA11);
	let roundings =
		[Rounding::Up, Rounding::Down, Rounding::NearestPrefUp, Rounding::NearestPrefDown];
	let mut fast = 0u32;
	for _ in 0..200_000 {
		let (a, b, c) =
			(random_magnitude(&mut rng), random_magnitude(&mut rng), random_magnitude(&mut rng));
		let rounding = rng.pick(&roundings);
		let expected = if c == 0 {
			0
		} else {
			multiply_by_rational_with_rounding(a, b, c, rounding).unwrap_or(u128::MAX)
		};
		assert_eq!(
			crate::math::mul_div(a, b, c, rounding),
			expected,
			"{a} × {b} ÷ {c} {rounding:?}"
		);
		fast += u32::from(a.checked_mul(b).is_some());
	}
	// Both the 128-bit and the 256-bit paths were exercised.
	assert!(fast > 50_000 && fast < 150_000, "{fast}");
	// Rounding ties: 5 ÷ 2 = 2.5.
	assert_eq!(crate::math::mul_div(5, 1, 2, Rounding::NearestPrefDown), 2);
	assert_eq!(crate::math::mul_div(5, 1, 2, Rounding::NearestPrefUp), 3);
	assert_eq!(crate::math::mul_div(7, 1, 3, Rounding::Up), 3);
	assert_eq!(crate::math::mul_div(u128::MAX, u128::MAX, 1, Rounding::Down), u128::MAX);
}

#[test]
fn fixed_mul_and_fixed_pow_are_saturating_mul_and_saturating_pow_bit_for_bit() {
	use sp_arithmetic::traits::{Bounded, Saturating};
	let mut rng = Rng(0xC0FF_EE00);
	for _ in 0..100_000 {
		let (a, b) = (
			Price::from_inner(random_magnitude(&mut rng)),
			Price::from_inner(random_magnitude(&mut rng)),
		);
		assert_eq!(crate::math::fixed_mul(a, b), a.saturating_mul(b), "{a:?} × {b:?}");
	}
	// Interest bases: one plus a per-second rate up to the 1,000 % cap, over up to 136
	// years; and arbitrary bases, which overflow and saturate.
	let cap_per_second = 10 * Price::accuracy() / u128::from(SECONDS_PER_YEAR);
	for round in 0..4_000 {
		let base = if round % 2 == 0 {
			Price::from_inner(Price::accuracy() + u128::from(rng.next()) % (cap_per_second + 1))
		} else {
			Price::from_inner(random_magnitude(&mut rng) >> rng.below(64))
		};
		let exponent = match round % 4 {
			0 | 1 => rng.below(u64::from(u32::MAX) + 1),
			2 => rng.below(2 * SECONDS_PER_YEAR),
			_ => rng.below(64),
		};
		assert_eq!(
			crate::math::fixed_pow(base, exponent),
			base.saturating_pow(exponent as usize),
			"{base:?} ^ {exponent}"
		);
	}
	// (1 + 10⁻⁶)^1,000,000 = e − e/(2·10⁶) + … = 2.718280469…
	let e_ish = crate::math::fixed_pow(Price::from_inner(1_000_001_000_000_000_000), 1_000_000);
	assert_eq!(e_ish.into_inner() / 1_000_000_000, 2_718_280_469);
	assert_eq!(crate::math::fixed_pow(price(3, 2), 0), Price::one());
	assert_eq!(crate::math::fixed_pow(price(3, 2), 3), price(3_375, 1_000));
	assert_eq!(
		crate::math::fixed_pow(Price::saturating_from_integer(2u32), 200),
		Price::max_value()
	);
	// Past u32::MAX the exponent is kept whole (saturating_pow would truncate it to 0).
	assert_eq!(
		crate::math::fixed_pow(Price::saturating_from_integer(2u32), 1 << 32),
		Price::max_value()
	);
}
