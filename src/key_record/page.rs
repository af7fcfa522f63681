//! What the OpenAI platform shows about a key while it is made, read from
//! page reports (roles, names, labels, sections, checked state, a list's
//! chosen option; never a field's value): the create dialog's owner kind,
//! project, permissions and expiry choice, and the organisation button or
//! switcher.
//!
//! Not the key's name: it is typed into a field, and field values are never
//! reported; the keys table's row shows it later (see `replace`).

use super::clean;
use crate::guide::normalise;
use crate::guide::policies::{is_expiration_control, is_prompt};
use crate::page_report::{ElementFact, PageReport};

const DAY_MS: f64 = 86_400_000.0;

/// The platform's facts about the key being made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFacts {
    /// "Owned by": the chosen option.
    pub owner: String,
    /// The project the dialog shows.
    pub project: String,
    /// "Permissions": the chosen option.
    pub permissions: String,
    /// The expiry choice, as worded: a lifetime, "never" or a date (see
    /// [`reads_as_expiry`]).
    pub expiry: String,
    /// The organisation button or switcher.
    pub organization: String,
}

/// The platform's organisation button or switcher: named by its label or
/// caption (never a link: the settings menu's "Organization" group holds
/// links to its pages), or showing the personal organisation's name.
fn organization_control(e: &ElementFact) -> bool {
    // The role first: every element outside dialogs comes through here.
    matches!(e.role.as_str(), "button" | "combobox")
        && ([&e.section, &e.label].iter().any(|t| matches!(normalise(t).as_str(), "organization" | "organisation"))
            || normalise(&e.name) == "personal")
}

/// Whether a caption or label names this kind of control; a list that
/// shows its choice apart is named by its name too.
fn says(e: &ElementFact, words: &[&str]) -> bool {
    let name = if e.value_text.is_empty() { "" } else { &e.name };
    [&e.section, &e.label, name].iter().any(|t| {
        let t = normalise(t);
        words.iter().any(|w| t.starts_with(w))
    })
}

/// The chosen option of a group (a checked radio), a list's chosen option
/// (never a prompt such as "Select…"), or a control that shows its choice
/// as its name (a button or combobox whose name is not its label).
fn choice(e: &ElementFact) -> Option<String> {
    let text = if e.value_text.is_empty() { &e.name } else { &e.value_text };
    let shown = match e.role.as_str() {
        "radio" | "menuitemradio" | "option" => e.checked == Some(true) || e.selected == Some(true),
        "button" | "combobox" | "listbox" => normalise(text) != normalise(&e.label) && !is_prompt(text),
        _ => false,
    };
    Some(clean(text)).filter(|n| shown && !n.is_empty())
}

impl PageFacts {
    /// Takes in a page report of the platform. While the create dialog is
    /// open (an "Owned by" choice in a dialog), its choices replace the
    /// earlier ones; the organisation is kept from wherever it shows.
    pub fn observe(&mut self, report: &PageReport) {
        if report.host() != "platform.openai.com" {
            return;
        }
        let mut dialog = PageFacts { organization: std::mem::take(&mut self.organization), ..PageFacts::default() };
        let mut in_create_dialog = false;
        for e in &report.elements {
            if e.dialog.is_none() {
                if organization_control(e) {
                    let name = choice(e).unwrap_or_else(|| clean(&e.name));
                    if !name.is_empty() {
                        dialog.organization = name;
                    }
                }
                continue;
            }
            let slot = if says(e, &["owned by"]) {
                in_create_dialog = true;
                &mut dialog.owner
            } else if says(e, &["permissions"]) {
                &mut dialog.permissions
            } else if says(e, &["project"]) {
                &mut dialog.project
            } else if is_expiration_control(e) {
                // Only what reads as a key's lifetime: never a hint or a "Custom" option.
                if let Some(c) = choice(e).filter(|c| reads_as_expiry(c)) {
                    dialog.expiry = c;
                }
                continue;
            } else {
                continue;
            };
            if let Some(c) = choice(e) {
                *slot = c;
            }
        }
        if in_create_dialog {
            *self = dialog;
        } else {
            self.organization = dialog.organization;
        }
    }
}

/// A personal organisation: the page's organisation is "Personal" (the name
/// a new account's organisation gets), or the API's organisation is a
/// `user-…` one (inferred: personal organisations carry the user's id).
pub fn is_personal(page: &str, api: &str) -> bool {
    normalise(page) == "personal" || api.starts_with("user-")
}

/// The days in a normalised "N days", "N weeks", "N months" (30 days each)
/// or "N year(s)".
fn lifetime_days(text: &str) -> Option<f64> {
    let (n, unit) = text.split_once(' ')?;
    let n: f64 = crate::number::parse_u16(n)?.into();
    Some(match unit.trim_end_matches('s') {
        "day" => n,
        "week" => n * 7.0,
        "month" => n * 30.0,
        "year" => n * 365.0,
        _ => return None,
    })
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Whether a dialog's expiry choice reads as one: a lifetime ("30 days",
/// "1 year"), no expiry ("Never", "No expiration") or a date ("2027-01-31",
/// "Jan 31, 2027": three parts, each digits or a month's name).
pub fn reads_as_expiry(choice: &str) -> bool {
    let text = normalise(choice);
    let mut parts = 0;
    let date = text.split([' ', '-', '/', '.', ',']).filter(|w| !w.is_empty()).all(|w| {
        parts += 1;
        w.bytes().all(|b| b.is_ascii_digit()) || (w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)))
    }) && parts == 3;
    date || lifetime_days(&text).is_some()
        || matches!(text.as_str(), "never" | "no expiration" | "no expiry" | "does not expire")
}

/// When a key made at `created_ms` expires, from the dialog's choice (see
/// [`lifetime_days`]). "Never", a date (its wording is not known yet),
/// anything else, or no choice: unknown, and the admin may set it in the
/// popup.
pub fn expiry_ms(choice: &str, created_ms: f64) -> Option<f64> {
    Some(created_ms + lifetime_days(&normalise(choice))? * DAY_MS)
}
