//! Internal findings and their wording for the admin.
//!
//! Messages (ids of extension/_locales/en/messages.json) are short, never
//! repeat the pasted text, and say what to do next. Only positions, counts
//! and names of characters that can never be part of a key are filled in.

use super::other_providers::{Detected, Other};
use super::problems::{Problem, ProblemCode};
use super::scan::describe;
use crate::guide::advice::Part;
use crate::guide::Advice;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Where {
    Before,
    After,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    Empty,
    Masked,
    CutByEllipsis,
    TooShort {
        missing: Option<usize>,
    },
    StartMissing,
    BadCharacter {
        first: char,
        position: usize,
        others: usize,
    },
    /// `-` or `_` in a key whose shape allows only letters and digits.
    WrongAlphabet {
        first: char,
        position: usize,
    },
    WhitespaceInside {
        first: char,
        position: usize,
    },
    ExtraText(Where),
    MissingMarker {
        maybe_other_service: bool,
    },
    TooLong {
        extra: usize,
    },
    Misplaced,
    AdminKey,
    OtherProvider(Detected),
    MultipleKeys {
        count: Option<usize>,
    },
    SurroundingWhitespace,
    InvisibleCharacters {
        count: usize,
    },
    Quoted,
    BearerPrefix,
    EnvAssignment,
    UnknownShape,
    NotAKey {
        capitalised: bool,
    },
}

/// A finding's count as shown.
fn count(n: &usize) -> String {
    n.to_string()
}

impl Finding {
    pub(crate) fn code(&self) -> ProblemCode {
        match self {
            Finding::Empty => ProblemCode::Empty,
            Finding::Masked => ProblemCode::Masked,
            Finding::CutByEllipsis | Finding::TooShort { .. } | Finding::StartMissing => ProblemCode::Truncated,
            Finding::BadCharacter { .. } | Finding::WrongAlphabet { .. } => ProblemCode::BadCharacter,
            Finding::WhitespaceInside { .. } => ProblemCode::WhitespaceInside,
            Finding::ExtraText(_) => ProblemCode::ExtraText,
            Finding::MissingMarker { .. } => ProblemCode::MissingMarker,
            Finding::TooLong { .. } | Finding::Misplaced => ProblemCode::WrongLength,
            Finding::AdminKey => ProblemCode::AdminKey,
            Finding::OtherProvider(_) => ProblemCode::OtherProvider,
            Finding::MultipleKeys { .. } => ProblemCode::MultipleKeys,
            Finding::SurroundingWhitespace => ProblemCode::SurroundingWhitespace,
            Finding::InvisibleCharacters { .. } => ProblemCode::InvisibleCharacters,
            Finding::Quoted => ProblemCode::Quoted,
            Finding::BearerPrefix => ProblemCode::BearerPrefix,
            Finding::EnvAssignment => ProblemCode::EnvAssignment,
            Finding::UnknownShape => ProblemCode::UnknownShape,
            Finding::NotAKey { .. } => ProblemCode::MissingPrefix,
        }
    }

    pub(crate) fn message(&self) -> Advice {
        let ours = Advice::ours;
        match self {
            Finding::Empty => ours("core_key_empty"),
            Finding::Masked => ours("core_key_masked"),
            Finding::CutByEllipsis => ours("core_key_cut_by_ellipsis"),
            Finding::TooShort { missing: Some(1) } => ours("core_key_too_short_1"),
            Finding::TooShort { missing: Some(n) } => {
                Advice::filled("core_key_too_short_by", &[Part::Shown(&count(n))])
            }
            Finding::TooShort { missing: None } => ours("core_key_too_short"),
            Finding::StartMissing => ours("core_key_start_missing"),
            Finding::BadCharacter { first, position, others } => {
                let id = match others {
                    0 => "core_key_bad_character",
                    1 => "core_key_bad_character_and_1",
                    _ => "core_key_bad_character_and_more",
                };
                let what = describe(*first);
                Advice::filled(id, &[Part::Said(&what), Part::Shown(&count(position)), Part::Shown(&count(others))])
            }
            Finding::WrongAlphabet { first, position } => Advice::filled(
                "core_key_wrong_alphabet",
                &[Part::Said(&describe(*first)), Part::Shown(&count(position))],
            ),
            Finding::WhitespaceInside { first, position } => Advice::filled(
                "core_key_whitespace_inside",
                &[Part::Said(&describe(*first)), Part::Shown(&count(position))],
            ),
            Finding::ExtraText(Where::Before) => ours("core_key_text_before"),
            Finding::ExtraText(Where::After) => ours("core_key_text_after"),
            Finding::MissingMarker { maybe_other_service: false } => ours("core_key_missing_marker"),
            Finding::MissingMarker { maybe_other_service: true } => ours("core_key_missing_marker_other"),
            Finding::TooLong { extra: 1 } => ours("core_key_too_long_1"),
            Finding::TooLong { extra } => Advice::filled("core_key_too_long", &[Part::Shown(&count(extra))]),
            Finding::Misplaced => ours("core_key_misplaced"),
            Finding::AdminKey => ours("core_key_admin"),
            Finding::OtherProvider(Detected { what, .. }) => match what {
                Other::Service(name) => Advice::filled("core_key_other_service", &[Part::Ours(name)]),
                Other::Azure => ours("core_key_azure"),
                Other::OpenaiId(name) => Advice::filled("core_key_openai_id", &[Part::Ours(name)]),
                Other::Session => ours("core_key_session"),
            },
            Finding::MultipleKeys { count: Some(n) } => Advice::filled("core_key_multiple", &[Part::Shown(&count(n))]),
            Finding::MultipleKeys { count: None } => ours("core_key_run_together"),
            Finding::SurroundingWhitespace => ours("core_key_surrounding_whitespace"),
            Finding::InvisibleCharacters { count: 1 } => ours("core_key_invisible_1"),
            Finding::InvisibleCharacters { count: n } => {
                Advice::filled("core_key_invisible", &[Part::Shown(&count(n))])
            }
            Finding::Quoted => ours("core_key_quoted"),
            Finding::BearerPrefix => ours("core_key_bearer"),
            Finding::EnvAssignment => ours("core_key_env_assignment"),
            Finding::UnknownShape => ours("core_key_unknown_shape"),
            Finding::NotAKey { capitalised: false } => ours("core_key_not_a_key"),
            Finding::NotAKey { capitalised: true } => ours("core_key_capitalised"),
        }
    }

    pub(crate) fn into_problem(self) -> Problem {
        Problem::new(self.code(), self.message())
    }
}
