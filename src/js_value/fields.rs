//! Reading one property of a plain value by the reader's conventions
//! ([`super::read`]): `null` and `undefined` are absent, a whole number is
//! taken where an integer is expected, and any other mismatch refuses.
//! For the readers written by hand; kept out of line so that each is one
//! copy however many fields use it.

use super::source::Source;
use super::Unfit;

pub type Read<T> = Result<T, Unfit>;

pub fn record<S: Source>(value: &S) -> Read<()> {
    value.is_record().then_some(()).ok_or(Unfit)
}

/// Property `name`; `None` when absent.
#[inline(never)]
pub fn present<S: Source>(object: &S, name: &str) -> Read<Option<S>> {
    let value = object.field(name)?;
    Ok((!value.is_absent()).then_some(value))
}

#[inline(never)]
pub fn text_at<S: Source>(object: &S, name: &str) -> Read<String> {
    present(object, name)?.map_or(Ok(String::new()), |v| text(&v))
}

#[inline(never)]
pub fn texts_at<S: Source>(object: &S, name: &str) -> Read<Vec<String>> {
    present(object, name)?.map_or(Ok(Vec::new()), |v| list(&v, text))
}

#[inline(never)]
pub fn flag_at<S: Source>(object: &S, name: &str) -> Read<Option<bool>> {
    present(object, name)?.map(|v| v.boolean().ok_or(Unfit)).transpose()
}

#[inline(never)]
pub fn whole_at<S: Source>(object: &S, name: &str) -> Read<Option<u32>> {
    present(object, name)?.map(|v| whole(&v)).transpose()
}

pub fn list<S: Source, T>(value: &S, read: fn(&S) -> Read<T>) -> Read<Vec<T>> {
    let len = value.list_len().ok_or(Unfit)?;
    let mut items = Vec::new();
    for i in 0..len {
        items.push(read(&value.item(i))?);
    }
    Ok(items)
}

pub fn text<S: Source>(value: &S) -> Read<String> {
    value.text().ok_or(Unfit)
}

/// A whole number that fits a `u32`, as the serde reader takes it.
pub fn whole<S: Source>(value: &S) -> Read<u32> {
    let n = value.number().ok_or(Unfit)?;
    if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        Ok(n as u32)
    } else {
        Err(Unfit)
    }
}

/// Any number. Adding zero turns -0 into 0, as the serde reader (which
/// reads -0 as the whole number 0) does.
pub fn coordinate<S: Source>(value: &S) -> Read<f64> {
    value.number().map(|n| n + 0.0).ok_or(Unfit)
}

#[inline(never)]
pub fn maybe_text_at<S: Source>(object: &S, name: &str) -> Read<Option<String>> {
    present(object, name)?.map(|v| text(&v)).transpose()
}

/// A whole number a JS number holds exactly (within ±(2^53 − 1)), as the
/// serde reader takes an `i64`.
#[inline(never)]
pub fn integer_at<S: Source>(object: &S, name: &str) -> Read<Option<i64>> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    let Some(value) = present(object, name)? else {
        return Ok(None);
    };
    match value.number() {
        Some(n) if n.fract() == 0.0 && (-MAX_SAFE..=MAX_SAFE).contains(&n) => Ok(Some(n as i64)),
        _ => Err(Unfit),
    }
}

/// One of `names` given as a string (a unit variant, as the serde reader
/// takes one: anything but its name is refused).
pub fn one_of<S: Source, T: Copy>(value: &S, names: &[(&str, T)]) -> Read<T> {
    let name = value.text().ok_or(Unfit)?;
    names.iter().find(|(n, _)| *n == name).map(|&(_, v)| v).ok_or(Unfit)
}
