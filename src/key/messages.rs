//! Internal findings and their wording for the admin.
//!
//! Messages are short, never repeat the pasted text, and say what to do
//! next. Only positions, counts and names of characters that can never be
//! part of a key are filled in.

use super::other_providers::{Detected, Other};
use super::problems::{Problem, ProblemCode};
use super::scan::describe;

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

const MAKE_NEW: &str = "Create a key on OpenAI's API keys page and paste it here.";

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
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

    pub(crate) fn message(&self) -> String {
        match self {
            Finding::Empty => "Nothing to check yet. Paste your OpenAI API key here.".into(),
            Finding::Masked => "This is the shortened form from OpenAI's key list, not the key \
                itself. OpenAI shows a key in full only once: create a new secret key and copy \
                it right away."
                .into(),
            Finding::CutByEllipsis => "The key ends in an ellipsis, so only part of it was \
                copied. Use the Copy button next to the key and paste again."
                .into(),
            Finding::TooShort { missing: Some(n) } => format!(
                "The key is {} short; part of it was lost while copying. Copy the whole key again.",
                plural(*n, "character", "characters")
            ),
            Finding::TooShort { missing: None } => "The key is too short; part of it was lost \
                while copying. Copy the whole key again."
                .into(),
            Finding::StartMissing => "The start of the key is missing (OpenAI keys begin with \
                \"sk-\"). Copy the whole key again."
                .into(),
            Finding::BadCharacter { first, position, others } => {
                let more = if *others > 0 {
                    format!(" (and {} more)", plural(*others, "such character", "such characters"))
                } else {
                    String::new()
                };
                format!(
                    "The key has {} at character {position}{more}, which OpenAI keys never \
                     contain. Copy the key again.",
                    describe(*first)
                )
            }
            Finding::WrongAlphabet { first, position } => format!(
                "The key has {} at character {position}, which this kind of key never \
                 contains. Copy the key again.",
                describe(*first)
            ),
            Finding::WhitespaceInside { first, position } => {
                format!("The key has {} at character {position}. Copy the key again in one piece.", describe(*first))
            }
            Finding::ExtraText(Where::Before) => {
                "There is other text before the key. Paste only the key itself.".into()
            }
            Finding::ExtraText(Where::After) => "There is other text after the key. Paste only the key itself.".into(),
            Finding::MissingMarker { maybe_other_service: false } => {
                "This key lacks a part that every OpenAI key contains, so it was damaged \
                while copying. Copy the key again."
                    .into()
            }
            Finding::MissingMarker { maybe_other_service: true } => format!(
                "This lacks a part that every OpenAI key contains; it may be another \
                 service's key. {MAKE_NEW}"
            ),
            Finding::TooLong { extra } => format!(
                "The key has {} too many. Copy it again, and check nothing was typed into it.",
                plural(*extra, "character", "characters")
            ),
            Finding::Misplaced => "The key has the right length but its parts are out of \
                place. Copy the key again."
                .into(),
            Finding::AdminKey => "This is an admin key: it manages the organization but cannot \
                call models. Create a project API key instead and paste that."
                .into(),
            Finding::OtherProvider(Detected { what, .. }) => match what {
                Other::Service(name) => {
                    format!("This looks like {name}, not an OpenAI API key. {MAKE_NEW}")
                }
                Other::Azure => format!(
                    "This looks like an Azure OpenAI key, which works only with its Azure \
                     resource. {MAKE_NEW}"
                ),
                Other::OpenaiId(name) => {
                    format!("This is an OpenAI {name}, not a secret key. {MAKE_NEW}")
                }
                Other::Session => format!("This is an OpenAI sign-in session token, not an API key. {MAKE_NEW}"),
            },
            Finding::MultipleKeys { count: Some(n) } => {
                format!("The text holds {n} keys. Paste just one.")
            }
            Finding::MultipleKeys { count: None } => {
                "The text holds more than one key run together. Paste just one.".into()
            }
            Finding::SurroundingWhitespace => {
                "Removed spaces or line breaks around the key. Nothing else to do.".into()
            }
            Finding::InvisibleCharacters { count } => format!(
                "Removed {} that came with the copy. Nothing else to do.",
                plural(*count, "invisible character", "invisible characters")
            ),
            Finding::Quoted => "Removed the quotation marks around the key. Nothing else to do.".into(),
            Finding::BearerPrefix => "Removed the word Bearer in front of the key. Nothing else to do.".into(),
            Finding::EnvAssignment => "Removed the variable name or label (such as \
                OPENAI_API_KEY=) in front of the key. Nothing else to do."
                .into(),
            Finding::UnknownShape => "This key's layout is new to this check. OpenAI changes \
                key formats from time to time, so you can continue; if the key is refused, \
                copy it again."
                .into(),
            Finding::NotAKey { capitalised: false } => {
                format!("This is not an OpenAI API key; those begin with \"sk-\". {MAKE_NEW}")
            }
            Finding::NotAKey { capitalised: true } => "OpenAI keys begin with a lower-case \
                \"sk-\"; this one starts with capitals, perhaps from autocorrect. Copy the key again."
                .into(),
        }
    }

    pub(crate) fn into_problem(self) -> Problem {
        Problem::new(self.code(), self.message())
    }
}

/// A neutral message used if a specific one would happen to contain the
/// pasted text (only possible when someone pastes our own wording).
pub(crate) fn fallback(code: ProblemCode) -> &'static str {
    if code.severity() == super::Severity::Warning {
        "The pasted text was tidied up. Nothing else to do."
    } else {
        "This text cannot be used as an OpenAI API key. Copy the key again."
    }
}
