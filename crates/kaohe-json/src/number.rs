//! `str::parse::<f64>` and `f64`'s `Display`, exactly, without core's float parser and printer.
//!
//! The candidate module (what every exam page loads) parses numeric answers typed as text and
//! words error messages with numbers in them. core's parser carries Eisel-Lemire's table of
//! powers of five and a decimal slow path, its printer Grisu and Dragon4 with their tables: 15 KB
//! and 7 KB of gzip, a sixth of the module, for a few numbers per exam. Here the parser is exact
//! big-integer arithmetic (slow, but an answer is a few digits) and the printer lays out zmij's
//! shortest digits, which the JSON writer has in the module anyway. Both give the same results as
//! core's, bit for bit and byte for byte (tests/number.rs compares them over seeded random and
//! edge-case inputs).

/// `s.parse::<f64>().ok()`: the same grammar (`[+-]`, then `inf`, `infinity` or `nan` in any
/// case, or digits with an optional `.` and an optional exponent `e`/`E` `[+-]` digits) and the
/// same correctly rounded value, ties to even.
pub fn parse_f64(s: &str) -> Option<f64> {
    let bytes = s.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let value = special(rest).or_else(|| decimal(rest))?;
    Some(if negative { -value } else { value })
}

/// `inf`, `infinity` and `nan`, case-insensitive, as the whole rest of the text.
fn special(s: &[u8]) -> Option<f64> {
    if s.eq_ignore_ascii_case(b"inf") || s.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if s.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// The magnitude of a decimal number: `digits[.digits][(e|E)[+-]digits]`, at least one digit
/// before the exponent.
fn decimal(s: &[u8]) -> Option<f64> {
    let int_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (int, mut rest) = s.split_at(int_len);
    let mut frac: &[u8] = &[];
    if let Some((b'.', after)) = rest.split_first() {
        let len = after.iter().take_while(|b| b.is_ascii_digit()).count();
        (frac, rest) = after.split_at(len);
    }
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut exponent = 0i64;
    if let Some((b'e' | b'E', after)) = rest.split_first() {
        let (negative, digits) = match after.split_first() {
            Some((b'-', d)) => (true, d),
            Some((b'+', d)) => (false, d),
            _ => (false, after),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // core saturates the exponent the same way (it stops adding digits past 0x10000).
        for d in digits {
            if exponent < 0x10000 {
                exponent = 10 * exponent + i64::from(d - b'0');
            }
        }
        if negative {
            exponent = -exponent;
        }
    } else if !rest.is_empty() {
        return None;
    }
    // value = digits × 10^exponent, the digits without leading or trailing zeros.
    let frac_len = i64::try_from(frac.len()).ok()?;
    exponent -= frac_len;
    let all = int.iter().chain(frac).copied();
    let mut digits: Vec<u8> = all.skip_while(|&d| d == b'0').map(|d| d - b'0').collect();
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    let count = i64::try_from(digits.len()).ok()?;
    // The value is in [10^(magnitude-1), 10^magnitude): beyond these it is infinite or zero.
    let magnitude = count + exponent;
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -325 {
        return Some(0.0);
    }
    // A double or a midpoint between two has at most 767 significant digits, so digits past the
    // 800th only matter as "more than nothing": keep 800 and a trailing 1.
    if digits.len() > MAX_DIGITS {
        exponent += i64::try_from(digits.len() - MAX_DIGITS).ok()? - 1;
        digits.truncate(MAX_DIGITS);
        digits.push(1);
    }
    Some(round(&digits, exponent))
}

const MAX_DIGITS: usize = 800;

/// The double nearest to `digits × 10^exponent` (ties to even). `digits` is 1 to 801 decimal
/// digits, the first non-zero; the magnitude is bounded by the caller.
fn round(digits: &[u8], exponent: i64) -> f64 {
    // Exactly representable: one correctly rounded multiplication or division, as core does.
    if digits.len() <= 15 && (-22..=22).contains(&exponent) {
        let mantissa = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let mut scale = 1.0;
        for _ in 0..exponent.unsigned_abs() {
            scale *= 10.0;
        }
        return if exponent < 0 {
            mantissa / scale
        } else {
            mantissa * scale
        };
    }
    // num / den = the value, as big integers.
    let mut num = Big::from_digits(digits);
    let mut den = Big::one();
    if exponent >= 0 {
        num.mul_pow10(exponent.unsigned_abs());
    } else {
        den.mul_pow10(exponent.unsigned_abs());
    }
    // Scaled by 2^shift so that the quotient has 64 or 65 bits.
    let shift = 64 - (i64::from(num.bits()) - i64::from(den.bits()));
    if shift >= 0 {
        num.shl(shift.unsigned_abs());
    } else {
        den.shl(shift.unsigned_abs());
    }
    let (quotient, inexact) = num.div_small_quotient(&den);
    let bits = i64::from(128 - quotient.leading_zeros());
    // The value is in [2^top, 2^(top+1)).
    let top = bits - 1 - shift;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Significant bits kept: 53, fewer for a subnormal.
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    if keep < 0 {
        return 0.0;
    }
    let drop = (bits - keep).unsigned_abs() as u32;
    let mut mantissa = quotient >> drop;
    let rest = quotient & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (inexact || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    // mantissa × 2^(top + 1 - keep), exact: the power is a double, the product representable.
    let power = top + 1 - keep;
    let scale = if power >= -1022 {
        f64::from_bits(((power + 1023).unsigned_abs()) << 52)
    } else {
        f64::from_bits(1u64 << (power + 1074).unsigned_abs())
    };
    mantissa as f64 * scale
}

/// A non-negative big integer, 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let mut value = 0u32;
            for &d in chunk {
                value = value * 10 + u32::from(d);
            }
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self = self × factor + add.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u64) {
        while n > 0 {
            let step = n.min(9);
            self.mul_add(10u32.pow(step as u32), 0);
            n -= step;
        }
    }

    fn bits(&self) -> u32 {
        match self.0.last() {
            Some(&top) => (self.0.len() as u32 - 1) * 32 + (32 - top.leading_zeros()),
            None => 0,
        }
    }

    fn shl(&mut self, n: u64) {
        let words = (n / 32) as usize;
        let bits = (n % 32) as u32;
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if words > 0 && !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    /// `self >= other × 2^shift`, and if so subtracts it.
    fn sub_shifted(&mut self, other: &Big, shift: u32) -> bool {
        let mut shifted = Big(other.0.clone());
        shifted.shl(u64::from(shift));
        if self.cmp(&shifted) == std::cmp::Ordering::Less {
            return false;
        }
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let sub = i64::from(shifted.0.get(i).copied().unwrap_or(0)) + borrow;
            let diff = i64::from(*limb) - sub;
            borrow = i64::from(diff < 0);
            *limb = (diff + (borrow << 32)) as u32;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        true
    }

    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// `self / den` when the quotient is below 2^65, and whether a remainder is left.
    fn div_small_quotient(mut self, den: &Big) -> (u128, bool) {
        let mut quotient = 0u128;
        for bit in (0..65).rev() {
            if self.sub_shifted(den, bit) {
                quotient |= 1 << bit;
            }
        }
        (quotient, !self.0.is_empty())
    }
}

/// `value.to_string()` for an `f64`: the shortest digits that read back as the same number,
/// positional (no exponent), `-` for negative numbers and negative zero, `NaN`, `inf`, `-inf`.
pub fn f64_to_string(value: f64) -> String {
    if !value.is_finite() {
        return zmij::Buffer::new().format(value).to_string();
    }
    // zmij writes the same shortest digits, sometimes with an exponent: "1e21", "1.5e-7".
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(value);
    let (negative, text) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // value = 0.digits × 10^point
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let leading = all.iter().take_while(|&&d| d == b'0').count();
    let digits = &all[leading..];
    let digits = &digits[..digits.len() - digits.iter().rev().take_while(|&&d| d == b'0').count()];
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
        return out;
    }
    let point = int.len() as i32 - leading as i32 + exponent;
    let len = digits.len() as i32;
    let mut digits = digits.to_vec();
    // Of two shortest candidates equally close, zmij takes the even one and core the upper one.
    let even = digits.last().is_some_and(|d| d % 2 == 0);
    if even && is_midpoint(value.abs(), &digits, point - len) {
        if let Some(last) = digits.last_mut() {
            *last += 1;
        }
    }
    let digits = std::str::from_utf8(&digits).unwrap_or("");
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(digits);
    } else if point < len {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    }
    out
}

/// Whether `value` (finite, positive) is exactly `digits` followed by a 5, the 5 at `10^(at-1)`:
/// the midpoint between `digits` and the next number of as many digits.
fn is_midpoint(value: f64, digits: &[u8], at: i32) -> bool {
    let bits = value.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // value = mantissa × 2^exponent
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    let values: Vec<u8> = digits.iter().map(|d| d - b'0').chain([5]).collect();
    let mut midpoint = Big::from_digits(&values);
    let mut double = Big::from_digits(&[]);
    double.mul_add(1 << 26, (mantissa >> 26) as u32);
    double.mul_add(1 << 26, (mantissa & ((1 << 26) - 1)) as u32);
    // midpoint × 10^(at-1) == double × 2^exponent, as integers.
    let scale10 = i64::from(at) - 1;
    if scale10 >= 0 {
        midpoint.mul_pow10(scale10.unsigned_abs());
    } else {
        double.mul_pow10(scale10.unsigned_abs());
    }
    if exponent >= 0 {
        double.shl(exponent.unsigned_abs().into());
    } else {
        midpoint.shl(exponent.unsigned_abs().into());
    }
    midpoint.cmp(&double) == std::cmp::Ordering::Equal
}
