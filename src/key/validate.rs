//! The checking pipeline: normalise, then look for the first thing that makes
//! the text unusable, in order of how useful the advice is.

use crate::substring::Substring;
use zeroize::Zeroizing;

use super::mask::mask;
use super::messages::{Finding, Where};
use super::normalise::{normalise, Notes};
use super::other_providers;
use super::problems::Problem;
use super::scan::{self, Hidden, Several};
use super::shapes::{self, Fit};
use super::{KeyKind, KeyReport, Verdict};

pub(crate) struct Checked {
    pub report: KeyReport,
    pub key: Zeroizing<String>,
}

pub(crate) fn check(input: &str) -> Checked {
    let normalised = normalise(input);
    let key: &str = &normalised.key;

    let analysis = analyse(key);
    let mut findings = analysis.findings;
    findings.extend(tidy_findings(&normalised.notes));

    // Errors first: they are what the admin must act on. A partition keeps
    // the order within each group without a general sort in the core.
    let (mut problems, warnings): (Vec<Problem>, Vec<Problem>) =
        findings.into_iter().map(Finding::into_problem).partition(Problem::is_error);
    // Messages are ids of ours with counts, positions and names of
    // characters that are never part of a key: none can carry the pasted text.
    problems.extend(warnings);

    let has_error = problems.iter().any(Problem::is_error);
    let verdict = match (has_error, analysis.kind) {
        (true, _) => Verdict::Invalid,
        (false, KeyKind::User | KeyKind::Project | KeyKind::ServiceAccount) => Verdict::Valid,
        (false, KeyKind::UnknownOpenai) => Verdict::Suspicious,
        (false, KeyKind::Admin | KeyKind::NotOpenai) => Verdict::Invalid,
    };
    let report = KeyReport { verdict, kind: analysis.kind, problems, masked: mask(key, analysis.shown_prefix) };
    Checked { report, key: normalised.key }
}

fn tidy_findings(notes: &Notes) -> Vec<Finding> {
    let mut out = Vec::new();
    if notes.surrounding_whitespace {
        out.push(Finding::SurroundingWhitespace);
    }
    if notes.invisible > 0 {
        out.push(Finding::InvisibleCharacters { count: notes.invisible });
    }
    if notes.quoted {
        out.push(Finding::Quoted);
    }
    if notes.bearer {
        out.push(Finding::BearerPrefix);
    }
    if notes.env {
        out.push(Finding::EnvAssignment);
    }
    out
}

struct Analysis {
    kind: KeyKind,
    findings: Vec<Finding>,
    /// The public prefix the masked form may show.
    shown_prefix: &'static str,
}

impl Analysis {
    fn new(kind: KeyKind, shown_prefix: &'static str, findings: Vec<Finding>) -> Self {
        Analysis { kind, findings, shown_prefix }
    }
}

/// The kind a text is meant to be, judged from its start.
fn kind_guess(s: &str) -> KeyKind {
    if other_providers::detect(s).is_some() {
        return KeyKind::NotOpenai;
    }
    shapes::family_of(s).map_or(KeyKind::NotOpenai, |f| f.kind)
}

/// The kind of a key found inside other text (`t` starts at the key).
fn embedded_kind(t: &str) -> KeyKind {
    let end = t.find(|c: char| !scan::is_key_char(c)).unwrap_or(t.len());
    shapes::exact_shape(t.until_byte(end)).map_or_else(|| kind_guess(t), |sh| sh.kind)
}

fn prefix_of(s: &str) -> &'static str {
    match other_providers::detect(s) {
        Some(d) => d.prefix,
        None => shapes::family_of(s).map_or("", |f| f.prefix),
    }
}

fn analyse(s: &str) -> Analysis {
    let prefix = prefix_of(s);
    let guess = |findings| Analysis::new(kind_guess(s), prefix, findings);

    if s.is_empty() {
        return guess(vec![Finding::Empty]);
    }
    if let Some(several) = scan::several_keys(s) {
        let count = match several {
            Several::Separate(n) => Some(n),
            Several::Joined => None,
        };
        return guess(vec![Finding::MultipleKeys { count }]);
    }
    if let Some(detected) = other_providers::detect(s) {
        return guess(vec![Finding::OtherProvider(detected)]);
    }
    match scan::hidden_form(s) {
        Some(Hidden::Masked) => return guess(vec![Finding::Masked]),
        Some(Hidden::CutByEllipsis) => return guess(vec![Finding::CutByEllipsis]),
        None => {}
    }
    if let Some(found) = extra_text_or_whitespace(s) {
        return found;
    }
    if let Some(start) = scan::glued_key(s) {
        let kind = embedded_kind(s.after_byte(start));
        return Analysis::new(kind, prefix, vec![Finding::ExtraText(Where::Before)]);
    }
    if !s.starts_with("sk-") {
        return not_prefixed(s);
    }

    // From here on: a single `sk-` candidate without white space.
    let family = shapes::family_of(s).expect("starts with sk-");
    let mut findings = Vec::new();
    let admin = family.kind == KeyKind::Admin;
    if admin {
        findings.push(Finding::AdminKey);
    }
    if let Some(bad) = scan::bad_chars(s) {
        findings.push(Finding::BadCharacter { first: bad.first, position: bad.position, others: bad.others });
        return Analysis::new(family.kind, family.prefix, findings);
    }
    let kind = match shapes::fit(s, family) {
        Fit::Exact(shape) => shape.kind,
        Fit::WrongAlphabet { shape, position, byte } => {
            findings.push(Finding::WrongAlphabet { first: char::from(byte), position });
            shape.kind
        }
        Fit::Short { shape, missing } => {
            findings.push(Finding::TooShort { missing: Some(missing) });
            shape.kind
        }
        Fit::Long { shape, extra } => {
            findings.push(Finding::TooLong { extra });
            shape.kind
        }
        Fit::Misplaced(shape) => {
            findings.push(Finding::Misplaced);
            shape.kind
        }
        Fit::Unfamiliar => {
            if !admin {
                findings.push(Finding::UnknownShape);
                KeyKind::UnknownOpenai
            } else {
                KeyKind::Admin
            }
        }
        Fit::PartMissing | Fit::NoMarker { too_short: true } => {
            findings.push(Finding::TooShort { missing: None });
            family.kind
        }
        Fit::NoMarker { too_short: false } => {
            let plain = family.prefix == "sk-";
            findings.push(Finding::MissingMarker { maybe_other_service: plain });
            if plain {
                KeyKind::NotOpenai
            } else {
                family.kind
            }
        }
    };
    Analysis::new(kind, family.prefix, findings)
}

/// White space inside, or a key with other text around it.
fn extra_text_or_whitespace(s: &str) -> Option<Analysis> {
    let prefix = prefix_of(s);
    if s.starts_with("sk-") {
        let (position, first) = scan::first_whitespace(s)?;
        let head_end = s.find(first).unwrap_or(s.len());
        let finding = if shapes::exact_shape(s.until_byte(head_end)).is_some() {
            Finding::ExtraText(Where::After)
        } else {
            Finding::WhitespaceInside { first, position }
        };
        return Some(Analysis::new(kind_guess(s), prefix, vec![finding]));
    }
    let start = scan::embedded_key(s)?;
    Some(Analysis::new(embedded_kind(s.after_byte(start)), prefix, vec![Finding::ExtraText(Where::Before)]))
}

/// Text that does not start with `sk-` and holds no key.
fn not_prefixed(s: &str) -> Analysis {
    let capitalised = s.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("sk-"));
    if capitalised {
        return Analysis::new(KeyKind::UnknownOpenai, "", vec![Finding::NotAKey { capitalised }]);
    }
    if s.has(shapes::MARKER) {
        return Analysis::new(KeyKind::UnknownOpenai, "", vec![Finding::StartMissing]);
    }
    Analysis::new(KeyKind::NotOpenai, "", vec![Finding::NotAKey { capitalised }])
}
