//! The public problem vocabulary: stable codes, their severity and the
//! [`Problem`] record that carries a user-facing message.

use crate::guide::Advice;
use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The key cannot be used as pasted.
    Error,
    /// Something was fixed or is unusual; the key can still be used.
    Warning,
}

/// Stable, machine-readable problem codes.
///
/// The serialized names (`"empty"`, `"bad_character"`, …) are part of the
/// extension's contract with its UI: never rename one, only add new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// Nothing was pasted.
    Empty,
    /// The shortened form from the keys list (`sk-...abcd`) or a bulleted field.
    Masked,
    /// Part of the key is missing (cut by an ellipsis, too short, start lost).
    Truncated,
    /// A character that never occurs in a key.
    BadCharacter,
    /// A space, tab or line break inside the key.
    WhitespaceInside,
    /// The `T3BlbkFJ` part every current OpenAI key contains is missing.
    MissingMarker,
    /// Too long, or the parts of the key are out of place.
    WrongLength,
    /// An admin key: it manages an organization but cannot call models.
    AdminKey,
    /// A key or identifier from another service (or a non-secret OpenAI id).
    OtherProvider,
    /// More than one key in the text.
    MultipleKeys,
    /// White space around the key was removed (warning).
    SurroundingWhitespace,
    /// Zero-width or other invisible characters were removed (warning).
    InvisibleCharacters,
    /// Quotes around the key were removed (warning).
    Quoted,
    /// A leading `Bearer` (or `Authorization: Bearer`) was removed (warning).
    BearerPrefix,
    /// A leading `OPENAI_API_KEY=` style assignment or label was removed (warning).
    EnvAssignment,
    /// Added: an OpenAI-looking key whose layout is not a known one (warning,
    /// verdict `suspicious`).
    UnknownShape,
    /// Added: the text is not an OpenAI key at all (it does not start with `sk-`).
    MissingPrefix,
    /// Added: the key is there, but with other text before or after it.
    ExtraText,
}

impl ProblemCode {
    /// Every code, in declaration order.
    pub const ALL: [ProblemCode; 18] = [
        ProblemCode::Empty,
        ProblemCode::Masked,
        ProblemCode::Truncated,
        ProblemCode::BadCharacter,
        ProblemCode::WhitespaceInside,
        ProblemCode::MissingMarker,
        ProblemCode::WrongLength,
        ProblemCode::AdminKey,
        ProblemCode::OtherProvider,
        ProblemCode::MultipleKeys,
        ProblemCode::SurroundingWhitespace,
        ProblemCode::InvisibleCharacters,
        ProblemCode::Quoted,
        ProblemCode::BearerPrefix,
        ProblemCode::EnvAssignment,
        ProblemCode::UnknownShape,
        ProblemCode::MissingPrefix,
        ProblemCode::ExtraText,
    ];

    /// The stable code string, identical to its serde form.
    pub const fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Empty => "empty",
            ProblemCode::Masked => "masked",
            ProblemCode::Truncated => "truncated",
            ProblemCode::BadCharacter => "bad_character",
            ProblemCode::WhitespaceInside => "whitespace_inside",
            ProblemCode::MissingMarker => "missing_marker",
            ProblemCode::WrongLength => "wrong_length",
            ProblemCode::AdminKey => "admin_key",
            ProblemCode::OtherProvider => "other_provider",
            ProblemCode::MultipleKeys => "multiple_keys",
            ProblemCode::SurroundingWhitespace => "surrounding_whitespace",
            ProblemCode::InvisibleCharacters => "invisible_characters",
            ProblemCode::Quoted => "quoted",
            ProblemCode::BearerPrefix => "bearer_prefix",
            ProblemCode::EnvAssignment => "env_assignment",
            ProblemCode::UnknownShape => "unknown_shape",
            ProblemCode::MissingPrefix => "missing_prefix",
            ProblemCode::ExtraText => "extra_text",
        }
    }

    /// Each code always has the same severity.
    pub const fn severity(self) -> Severity {
        match self {
            ProblemCode::SurroundingWhitespace
            | ProblemCode::InvisibleCharacters
            | ProblemCode::Quoted
            | ProblemCode::BearerPrefix
            | ProblemCode::EnvAssignment
            | ProblemCode::UnknownShape => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One finding about the pasted text, worded for the admin.
///
/// `message` never repeats the pasted text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable code, for tests and the callout's logic.
    pub code: ProblemCode,
    /// Whether it stops the key from being used.
    pub severity: Severity,
    /// What is wrong and what to do: our message and the values it names.
    pub message: Advice,
}

impl Problem {
    pub(crate) fn new(code: ProblemCode, message: Advice) -> Self {
        Problem { code, severity: code.severity(), message }
    }

    /// Whether this finding stops the key from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
