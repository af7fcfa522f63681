//! Replacing the recorded key: the old key as the popup's "Replace this
//! key" named it, the rows of OpenAI's keys table, and the step that points
//! at the old key's row action and then at the confirmation of OpenAI's
//! dialog. The extension presses neither: it sees the old row gone.
//!
//! A row is told by its cells (`ElementFact::row`): OpenAI's masked form
//! (`sk-...` and four characters) in one cell, the key's name in the first.
//! The old key's row is the one whose masked form equals the record's and,
//! when the record knows the name, whose name does too. Two such rows, or
//! none: nothing is pointed at, and the callout says which row to look for.
//! A row of another key is never pointed at, whatever its name.

use super::clean;
use crate::guide::advice::{is_masked_key as is_masked, is_plain, key_char, Part};
use crate::guide::{normalise, Advice, PlainName};
use crate::page_report::{ElementFact, PageReport};
use crate::substring::Substring;
use serde::Deserialize;

/// The recorded key a replacement started from, passed in by the background
/// while the replacement is under way.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Replacing {
    /// The Innoslate origin the old key was filled into.
    pub origin: String,
    /// The old key's record id.
    pub id: String,
    /// The old key's name, as its record has it ("" when not known).
    pub name: String,
    /// The old key's masked form, as its record has it.
    pub masked: String,
    /// The new key was saved in Innoslate: the old one is to be revoked.
    pub revoke: bool,
}

impl Replacing {
    /// The same, checked: a masked form of OpenAI's shape and a cleaned
    /// name, or nothing (whoever wrote it, nothing else is pointed at).
    pub fn checked(mut self) -> Option<Replacing> {
        self.name = clean(&self.name);
        (is_masked(&self.masked) && !self.id.is_empty()).then_some(self)
    }

    /// Our message `template` naming the old key as `$1`: its name when
    /// plain, and its masked form.
    fn described(&self, template: &'static str) -> Advice {
        let key = PlainName::key(PlainName::from_page(&self.name).as_ref(), &self.masked);
        Advice::filled(template, &[key.as_ref().map_or(Part::Shown(""), Part::Name)])
    }

    /// The line shown on OpenAI's pages while the new key is being made;
    /// once it is saved, away from the keys page, where to revoke the old one.
    pub fn banner(&self) -> Advice {
        self.described(if self.revoke { "core_replacing_revoke" } else { "core_replacing" })
    }
}

/// Every masked form in a text, as whole words.
fn masked_forms(text: &str) -> impl Iterator<Item = &str> {
    text.positions("sk-...").filter_map(move |i| {
        let form = text.get(i..i + 10).filter(|f| is_masked(f))?;
        let before = text.until_byte(i).bytes().last().is_some_and(key_char);
        let after = text.after_byte(i + 10).bytes().next().is_some_and(key_char);
        (!before && !after).then_some(form)
    })
}

/// A table row's key: its name cell (cleaned) and its masked form, when
/// one cell is exactly a masked form.
fn row_key(e: &ElementFact) -> Option<(String, &str)> {
    let masked = e.row.iter().map(|c| c.trim()).find(|c| is_masked(c))?;
    let name = e.row.first().map(|c| c.trim()).filter(|c| *c != masked).map(clean).unwrap_or_default();
    Some((name, masked))
}

/// The rows' controls outside dialogs, with their row's key.
fn row_controls(report: &PageReport) -> impl Iterator<Item = (&ElementFact, String, &str)> {
    report.elements.iter().filter(|e| e.dialog.is_none()).filter_map(|e| row_key(e).map(|(n, m)| (e, n, m)))
}

/// The name OpenAI's keys table shows for the key with this masked form,
/// when exactly one name does and it is plain (a record keeps nothing else).
pub fn name_in_table(report: &PageReport, masked: &str) -> Option<String> {
    let mut found: Option<String> = None;
    for (_, name, m) in row_controls(report) {
        if m != masked {
            continue;
        }
        match &found {
            Some(other) if *other != name => return None,
            _ => found = Some(name),
        }
    }
    found.filter(|n| is_plain(n, 40, 6, b"-_.()'"))
}

/// A key page's path: OpenAI's keys table lives at `…/api-keys`.
pub fn is_keys_page(report: &PageReport) -> bool {
    report.host() == "platform.openai.com" && report.path().trim_end_matches('/').ends_with("/api-keys")
}

/// A row's button that removes its key: "Delete" (2026) or the trash icon
/// "Revoke secret key" (2025), by name.
fn removes(e: &ElementFact, confirming: bool) -> bool {
    e.role == "button"
        && !e.disabled
        && (confirming || !e.row.is_empty())
        && matches!(
            normalise(&e.name).as_str(),
            "delete" | "delete key" | "delete secret key" | "revoke" | "revoke key" | "revoke secret key"
        )
}

/// What the revoke step shows on a keys page.
#[derive(Debug, PartialEq)]
pub struct RevokeStep {
    /// OpenAI's removal dialog is open: its confirmation is the step.
    pub confirming: bool,
    /// The control to point at: the old row's action, or the dialog's
    /// confirmation when the dialog names the old key and only it.
    pub target: Option<u32>,
    /// What to look for, or check, in our words.
    pub advice: Vec<Advice>,
    /// The old key's row is in the table.
    pub listed: bool,
    /// The table is shown, unfiltered, without the old key's row.
    pub gone: bool,
    /// Another modal dialog (such as "Save your key") is over the table,
    /// so no row can be pressed until it is closed.
    pub behind_dialog: bool,
}

/// The revoke step for `report`, a keys page, and the old key `old`.
pub fn revoke_step(report: &PageReport, old: &Replacing) -> RevokeStep {
    let dialog = report.dialogs.iter().position(|d| {
        let title = normalise(&d.name);
        d.modal && (title.starts_with("delete") || title.starts_with("revoke"))
    });
    if let Some(i) = dialog {
        let d = &report.dialogs[i];
        let mut named = masked_forms(&d.description).chain(masked_forms(&d.name)).peekable();
        let names_old = named.peek().is_some() && named.all(|m| m == old.masked);
        let mut confirms = report.elements.iter().filter(|e| e.dialog == Some(i as u32) && removes(e, true));
        let only = confirms.next().filter(|_| confirms.next().is_none());
        let advice = if names_old {
            Advice::ours("core_revoke_dialog_names_old")
        } else {
            old.described("core_revoke_confirm_if")
        };
        let target = if names_old { only.map(|e| e.id) } else { None };
        return RevokeStep {
            confirming: true,
            target,
            advice: vec![advice],
            listed: false,
            gone: false,
            behind_dialog: false,
        };
    }
    // Rows under another modal dialog cannot be pressed, and a table it
    // hides proves nothing about the old key's row.
    if report.dialogs.iter().any(|d| d.modal) {
        return RevokeStep {
            confirming: false,
            target: None,
            advice: Vec::new(),
            listed: false,
            gone: false,
            behind_dialog: true,
        };
    }
    let fits = |name: &str, masked: &str| masked == old.masked && (old.name.is_empty() || name == old.name);
    let (mut table, mut listed, mut actions) = (false, false, Vec::new());
    for (e, name, masked) in row_controls(report) {
        table = true;
        listed |= masked == old.masked;
        if fits(&name, masked) && removes(e, false) {
            actions.push(e.id);
        }
    }
    // A search that filters the table hides rows without removing them.
    let filtered = report.elements.iter().any(|e| e.role == "searchbox" && e.has_value);
    let target = if let [one] = actions[..] { Some(one) } else { None };
    let mut advice = Vec::new();
    if target.is_none() {
        advice.push(old.described("core_revoke_find_row"));
    }
    RevokeStep { confirming: false, target, advice, listed, gone: table && !listed && !filtered, behind_dialog: false }
}
