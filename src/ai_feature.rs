//! Innoslate's AI features a key serves (Chat AI, Image AI) and the change
//! a feature's provider choice still needs. Shared by the transfer, which
//! finds them on the page, the Innoslate guide, which words them, and the
//! key's record, which keeps which were filled; so they belong to none of
//! the three.

use serde::Serialize;

/// What a candidate field is for, as far as the page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// In a Chat AI section or named so.
    ChatAi,
    /// In an Image AI section or named so.
    ImageAi,
    /// The page does not say.
    Unspecified,
}

/// What to do with one feature's provider choice.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Pick this option (a list or a radio group). `None`: the page's
    /// wording of the option is not fit to show.
    Choose(Option<String>),
    /// Turn this switch on (`true`) or off (`false`), named as the page
    /// names it when fit to show.
    Turn(bool, Option<String>),
}

/// A feature whose provider choice is not on OpenAI yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The feature.
    pub feature: Purpose,
    /// The element to point at: the list, the OpenAI radio, or the switch.
    pub target: u32,
    /// What to do there.
    pub change: Change,
}
