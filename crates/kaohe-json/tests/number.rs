//! `parse_f64` and `f64_to_string` against core's `str::parse::<f64>` and `f64`'s `Display`, which
//! they replace in the wasm modules: the same result, bit for bit and byte for byte, over seeded
//! random inputs (every kind of double, decimal strings of every shape and length, the exact
//! midpoints between neighbouring doubles and their neighbours) and the edge cases.

use kaohe_json::{f64_to_string, parse_f64};

mod common;
use common::Rng;

/// `n` random decimal digits.
fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

/// A double of any kind: random bits, a short decimal, an integer, near a power of two.
fn double(rng: &mut Rng) -> f64 {
    match rng.below(5) {
        0 => f64::from_bits(rng.next()),
        1 => (rng.below(2_000_001) as f64 - 1_000_000.0) / 10f64.powi(rng.below(7) as i32),
        2 => rng.next() as f64 / (1u64 << rng.below(64)) as f64,
        3 => f64::from_bits(rng.below(1 << 53)),
        _ => 2f64.powi(rng.below(2000) as i32 - 1000) * (1.0 + rng.below(4) as f64 * f64::EPSILON),
    }
}

fn same(text: &str) {
    let expected = text.parse::<f64>().ok();
    let got = parse_f64(text);
    match (expected, got) {
        (None, None) => {}
        (Some(e), Some(g)) if e.is_nan() && g.is_nan() => {
            assert_eq!(e.is_sign_negative(), g.is_sign_negative(), "{text:?}");
        }
        (Some(e), Some(g)) => assert_eq!(e.to_bits(), g.to_bits(), "{text:?}: {e:e} vs {g:e}"),
        _ => panic!("{text:?}: core {expected:?}, parse_f64 {got:?}"),
    }
}

/// The exact decimal expansion of `mantissa × 2^exponent` (a double, or a midpoint between two
/// when `mantissa` is odd and one bit longer), with its decimal exponent.
fn exact_decimal(mantissa: u64, exponent: i32) -> (String, i32) {
    // Little-endian base-10^9 digits.
    let mut limbs = vec![
        mantissa % 1_000_000_000,
        mantissa / 1_000_000_000 % 1_000_000_000,
        mantissa / 1_000_000_000_000_000_000,
    ];
    let mul = |limbs: &mut Vec<u64>, factor: u64| {
        let mut carry = 0;
        for limb in limbs.iter_mut() {
            let v = *limb * factor + carry;
            *limb = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    };
    let decimal_exponent = if exponent >= 0 {
        for _ in 0..exponent {
            mul(&mut limbs, 2);
        }
        0
    } else {
        // m × 2^-k = m × 5^k × 10^-k
        for _ in 0..-exponent {
            mul(&mut limbs, 5);
        }
        exponent
    };
    let mut text = String::new();
    for (i, limb) in limbs.iter().rev().enumerate() {
        if i == 0 {
            text.push_str(&limb.to_string());
        } else {
            text.push_str(&format!("{limb:09}"));
        }
    }
    let trimmed = text.trim_start_matches('0');
    (
        if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        },
        decimal_exponent,
    )
}

#[test]
fn edge_cases_parse_as_core_does() {
    for text in [
        "", "+", "-", ".", "e", "e5", ".e5", "1e", "1e+", "1e-", "1.", ".5", "+.5", "-.5", "1.e5", "0", "-0", "+0",
        "00", "0.0", "-0.0e10", "0e999999999", "1e999999999", "1e-999999999", "1e308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "5e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "2.47e-324", "1e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "inf", "-inf", "+inf", "INF", "Infinity", "-infinity", "infinit", "nan", "NaN",
        "-nan", "+NAN", "nan1", "1nan", "1_0", " 1", "1 ", "1e5.5", "1.2.3", "--1", "+-1", "1e+-5", "1E5", "1e05",
        "0.1", "0.2", "0.3", "123456789012345678901234567890", "9007199254740993", "9007199254740992.5",
        "9007199254740993.0000000000000000000000000001", "1e22", "1e23", "123456789012345e-22", "1234567890123456e22",
        "0.000000000000000000000000000000000000000000001e45", "30", "３０", "1,000", "e-5", "1e-5", "12e", "0x10",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
    ] {
        same(text);
    }
    // Exponents near and past where core stops reading digits (0x10000).
    for e in [
        "65535",
        "65536",
        "65537",
        "655359",
        "6553600",
        "99999999999999999999",
    ] {
        for m in ["1", "0.0000001", "1000000"] {
            same(&format!("{m}e{e}"));
            same(&format!("{m}e-{e}"));
        }
    }
    // Long runs of zeros against a large exponent.
    let zeros = "0".repeat(70_000);
    same(&format!("1{zeros}e-70000"));
    same(&format!("0.{zeros}1e70001"));
    same(&format!("0.{zeros}1e700001"));
}

#[test]
fn random_decimal_strings_parse_as_core_does() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..40_000 {
        let int = rng.below(30) as usize;
        let frac = rng.below(30) as usize;
        let mut text = String::new();
        text.push_str(rng.pick(&["", "", "-", "+"]));
        text.push_str(&"0".repeat(rng.below(3) as usize));
        text.push_str(&digits(&mut rng, int));
        if frac > 0 || rng.below(4) == 0 {
            text.push('.');
            text.push_str(&digits(&mut rng, frac));
        }
        if rng.below(2) == 0 {
            text.push_str(rng.pick(&["e", "E", "e-", "e+", "E-"]));
            text.push_str(&(rng.below(700) as i64 - 200).unsigned_abs().to_string());
        }
        // Now and then a character core refuses, at any position.
        if rng.below(20) == 0 && !text.is_empty() {
            let at = rng.below(text.len() as u64 + 1) as usize;
            text.insert_str(at, rng.pick(&[".", "e", "-", "+", "x", " ", "0"]));
        }
        same(&text);
    }
}

#[test]
fn doubles_written_every_way_read_back_as_core_does() {
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    for _ in 0..20_000 {
        let x = double(&mut rng);
        for text in [
            format!("{x}"),
            format!("{x:e}"),
            format!("{x:?}"),
            format!("{x:.3}"),
            format!("{x:.20e}"),
        ] {
            same(&text);
        }
    }
}

#[test]
fn midpoints_between_doubles_round_to_even_as_core_does() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for i in 0..3_000 {
        // A double's mantissa and exponent, made one bit longer and odd: the exact midpoint to
        // its upper neighbour (normal and subnormal, large and small).
        let bits = match i % 3 {
            0 => rng.next() & 0x7FEF_FFFF_FFFF_FFFF,
            1 => rng.below(1 << 53),
            _ => (rng.below(120) + 960) << 52 | rng.below(1 << 52),
        };
        let biased = (bits >> 52) as i32;
        let (mantissa, exponent) = if biased == 0 {
            (bits & ((1 << 52) - 1), -1074)
        } else {
            ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075)
        };
        let (digits, decimal_exponent) = exact_decimal(mantissa * 2 + 1, exponent - 1);
        same(&format!("{digits}e{decimal_exponent}"));
        // Just above and below the midpoint, and the midpoint cut short.
        same(&format!("{digits}1e{}", decimal_exponent - 1));
        let below = digits.trim_end_matches('0');
        same(&format!(
            "{}e{}",
            &below[..below.len() - 1],
            decimal_exponent + (digits.len() - below.len()) as i32 + 1
        ));
        same(&format!(
            "{}4999999999999999999999e{}",
            &below[..below.len() - 1],
            decimal_exponent + (digits.len() - below.len()) as i32 + 1 - 22
        ));
        // The double itself, written out in full.
        let (exact, e) = exact_decimal(mantissa, exponent);
        same(&format!("{exact}e{e}"));
    }
}

#[test]
fn display_is_core_s() {
    let mut rng = Rng(0x5151_5151_0000_0001);
    let check = |x: f64| assert_eq!(f64_to_string(x), format!("{x}"), "{:#x}", x.to_bits());
    for x in [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.5,
        1.5,
        10.0,
        100.0,
        1e15,
        1e16,
        1e17,
        1e21,
        1e22,
        1e-5,
        1e-7,
        1.5e-7,
        123.456,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        5e-324,
        -5e-324,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        0.30000000000000004,
        2f64.powi(53),
        2f64.powi(64),
        9007199254740993.0,
        60.0,
        95.5,
        33.333333333333336,
    ] {
        check(x);
    }
    for _ in 0..200_000 {
        check(double(&mut rng));
    }
    // Doubles whose exact value ends in a 5 just past the shortest digits (ties between two
    // shortest candidates): large numbers with a fraction of halves, quarters, eighths.
    for _ in 0..50_000 {
        let whole = (rng.below(1 << 52) + (1 << 52)) as f64;
        check(whole / (1u64 << rng.below(4)) as f64);
        check(-(whole * (1u64 << rng.below(12)) as f64));
    }
}
