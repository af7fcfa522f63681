//! The OpenAI key grammar: prefixes ("families"), known shapes, and how
//! closely a candidate fits them.
//!
//! Every current key is `prefix + left half + MARKER + right half`, with both
//! halves the same length. Callers must have rejected non-ASCII and other
//! characters outside `[A-Za-z0-9_-]` before calling [`fit`].

use super::KeyKind;
use crate::substring::Substring;

/// Base64 of "OpenAI"; present in every current OpenAI key.
pub const MARKER: &str = "T3BlbkFJ";

/// How many characters a half may be off and still count as a copy error of
/// a known shape rather than a new shape.
pub(crate) const TOLERANCE: usize = 4;

/// Halves shorter than this are never a plausible new shape.
pub(crate) const MIN_HALF: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alphabet {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[A-Za-z0-9_-]`
    UrlSafe,
}

impl Alphabet {
    fn allows(self, b: u8) -> bool {
        match self {
            Alphabet::Alnum => b.is_ascii_alphanumeric(),
            Alphabet::UrlSafe => b.is_ascii_alphanumeric() || b == b'-' || b == b'_',
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub prefix: &'static str,
    pub half: usize,
    pub alphabet: Alphabet,
    pub kind: KeyKind,
}

impl Shape {
    pub(crate) const fn total(&self) -> usize {
        self.prefix.len() + 2 * self.half + MARKER.len()
    }
}

const fn shape(prefix: &'static str, half: usize, alphabet: Alphabet, kind: KeyKind) -> Shape {
    Shape { prefix, half, alphabet, kind }
}

/// The known shapes (see the reference table in the module docs).
pub(crate) static SHAPES: [Shape; 8] = [
    shape("sk-", 20, Alphabet::Alnum, KeyKind::User),
    shape("sk-None-", 20, Alphabet::Alnum, KeyKind::User),
    shape("sk-proj-", 20, Alphabet::Alnum, KeyKind::Project),
    shape("sk-proj-", 74, Alphabet::UrlSafe, KeyKind::Project),
    shape("sk-proj-", 58, Alphabet::UrlSafe, KeyKind::Project),
    shape("sk-svcacct-", 74, Alphabet::UrlSafe, KeyKind::ServiceAccount),
    shape("sk-svcacct-", 58, Alphabet::UrlSafe, KeyKind::ServiceAccount),
    shape("sk-admin-", 58, Alphabet::UrlSafe, KeyKind::Admin),
];

/// A prefix and the kind a key with that prefix is meant to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Family {
    pub prefix: &'static str,
    pub kind: KeyKind,
}

/// Longest prefix first; plain `sk-` last.
static FAMILIES: [Family; 5] = [
    Family { prefix: "sk-svcacct-", kind: KeyKind::ServiceAccount },
    Family { prefix: "sk-admin-", kind: KeyKind::Admin },
    Family { prefix: "sk-proj-", kind: KeyKind::Project },
    Family { prefix: "sk-None-", kind: KeyKind::User },
    Family { prefix: "sk-", kind: KeyKind::UnknownOpenai },
];

/// The family whose prefix `s` starts with, if any.
pub(crate) fn family_of(s: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| s.starts_with(f.prefix))
}

fn shapes_of(family: &Family) -> impl Iterator<Item = &'static Shape> + Clone + '_ {
    SHAPES.iter().filter(move |sh| sh.prefix == family.prefix)
}

/// How a candidate relates to the known shapes of its family.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Exactly a known shape.
    Exact(&'static Shape),
    /// Right lengths, but a `-`/`_` where the shape allows only letters and
    /// digits. `position` is 1-based.
    WrongAlphabet { shape: &'static Shape, position: usize, byte: u8 },
    /// A known shape with characters missing.
    Short { shape: &'static Shape, missing: usize },
    /// A known shape with extra characters.
    Long { shape: &'static Shape, extra: usize },
    /// Right total length, but the marker is off-centre.
    Misplaced(&'static Shape),
    /// Marker present, plausible halves, but no known layout.
    Unfamiliar,
    /// Marker present but a half is too short to be any key.
    PartMissing,
    /// No marker at all; `too_short` when shorter than any shape of the family.
    NoMarker { too_short: bool },
}

/// Compare `s` (which starts with `family.prefix` and is all
/// `[A-Za-z0-9_-]`) with the family's shapes.
pub(crate) fn fit(s: &str, family: &Family) -> Fit {
    let body = s.after_byte(family.prefix.len()).as_bytes();
    let shapes = shapes_of(family);
    let Some(m) = s.after_byte(family.prefix.len()).find_text(MARKER) else {
        let min = shapes.clone().map(Shape::total).min().unwrap_or(0);
        return Fit::NoMarker { too_short: s.len() < min };
    };
    let left = m;
    let right = body.len() - m - MARKER.len();

    for sh in shapes.clone() {
        if left == sh.half && right == sh.half {
            return match first_outside(body, sh) {
                Some(i) => Fit::WrongAlphabet { shape: sh, position: family.prefix.len() + i + 1, byte: body[i] },
                None => Fit::Exact(sh),
            };
        }
    }
    // One half intact, the other cut or padded: a copy error. (For plain
    // `sk-`, a longer left part with an intact right half is left alone: it
    // may be a named prefix such as `sk-service-account-name-`.)
    let plain = family.prefix == "sk-";
    for sh in shapes.clone() {
        let left_intact = left == sh.half;
        let right_intact = right == sh.half && (left < sh.half || !plain);
        if left_intact || right_intact {
            return by_total(s.len(), sh);
        }
    }
    for sh in shapes {
        if left.abs_diff(sh.half) <= TOLERANCE && right.abs_diff(sh.half) <= TOLERANCE {
            return by_total(s.len(), sh);
        }
    }
    if left >= MIN_HALF && right >= MIN_HALF {
        Fit::Unfamiliar
    } else {
        Fit::PartMissing
    }
}

fn by_total(total: usize, sh: &'static Shape) -> Fit {
    use std::cmp::Ordering;
    match total.cmp(&sh.total()) {
        Ordering::Less => Fit::Short { shape: sh, missing: sh.total() - total },
        Ordering::Greater => Fit::Long { shape: sh, extra: total - sh.total() },
        Ordering::Equal => Fit::Misplaced(sh),
    }
}

/// Whether `len` is the total length of some known shape (a cheap filter
/// before [`exact_shape`]).
pub(crate) fn is_known_total(len: usize) -> bool {
    SHAPES.iter().any(|sh| sh.total() == len)
}

/// The exact known shape of `s`, if it is one.
pub(crate) fn exact_shape(s: &str) -> Option<&'static Shape> {
    if !is_known_total(s.len()) || !s.bytes().all(|b| Alphabet::UrlSafe.allows(b)) {
        return None;
    }
    match fit(s, family_of(s)?) {
        Fit::Exact(sh) => Some(sh),
        _ => None,
    }
}

fn first_outside(body: &[u8], sh: &Shape) -> Option<usize> {
    let marker = sh.half..sh.half + MARKER.len();
    body.iter().enumerate().find(|&(i, &b)| !marker.contains(&i) && !sh.alphabet.allows(b)).map(|(i, _)| i)
}

/// How many times the marker occurs in `s`.
pub(crate) fn marker_count(s: &str) -> usize {
    s.positions(MARKER).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_match_the_reference_table() {
        let totals: Vec<usize> = SHAPES.iter().map(Shape::total).collect();
        assert_eq!(totals, [51, 56, 56, 164, 132, 167, 135, 133]);
    }

    #[test]
    fn tolerance_windows_do_not_overlap_within_a_family() {
        for a in SHAPES.iter() {
            for b in SHAPES.iter() {
                if a != b && a.prefix == b.prefix {
                    assert!(a.half.abs_diff(b.half) > 2 * TOLERANCE);
                }
            }
        }
    }
}
