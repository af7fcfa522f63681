//! An organisation's key policies as the create-key dialog shows them: an
//! expiration to choose (perhaps required), and keys that may only be
//! owned by a service account. Recognised by meaning, because the dialog's
//! wording for them is not known yet and will change. Pure functions of a
//! page report, for the guide and for whatever records a key's details.

use super::{is_chosen, normalise, role_fits, Text, CHOICE};
use crate::page_report::{ElementFact, PageReport};
use crate::substring::Substring;

/// Whether a text names a key's lifetime ("Expiration", "Expires in",
/// "Key expiry", "Maximum lifetime").
fn names_expiry(text: &str) -> bool {
    let text = normalise(text);
    text.has("expir") || text.has("lifetime")
}

/// Whether `e` is (part of) an expiration control: a drop-down, date or
/// number field, radio group or menu named by meaning. A choice counts by
/// its group's caption too ("Expiration": 30 days / 90 days / Never); a
/// button only by its own name, so the dialog's other buttons never do.
pub fn is_expiration_control(e: &ElementFact) -> bool {
    let own = names_expiry(&e.name) || names_expiry(&e.label);
    match e.role.as_str() {
        "combobox" | "listbox" | "textbox" | "spinbutton" => own || names_expiry(&e.section),
        "button" if e.checked.is_none() => own,
        _ => role_fits(CHOICE, e) && (own || names_expiry(&e.section)),
    }
}

/// Where the dialog stands on a key's expiration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expiration<'p> {
    /// No expiration control.
    Absent,
    /// One is chosen (a choice is checked, a field holds a date, a list
    /// shows an option that is no prompt).
    Chosen,
    /// None is chosen yet: `0` is the control to choose with.
    Unchosen(&'p ElementFact),
    /// A drop-down that shows no choice by name (a custom one whose text
    /// is not reported).
    Unknown(&'p ElementFact),
}

/// Whether a list's shown option asks for a choice rather than being one
/// ("Select an expiration", "Choose…", "-- Select --", an empty option).
pub fn is_prompt(shown: &str) -> bool {
    let shown = normalise(shown);
    !shown.bytes().any(|b| b.is_ascii_alphanumeric())
        || ["select", "choose", "pick"].iter().any(|w| shown.starts_with(w))
}

/// The expiration control among the visible elements `in_scope` accepts.
pub fn expiration<'p>(page: &'p PageReport, in_scope: &dyn Fn(&ElementFact) -> bool) -> Expiration<'p> {
    let (mut field, mut choice, mut chosen) = (None, None, false);
    for e in page.elements.iter().filter(|e| e.is_visible() && in_scope(e) && is_expiration_control(e)) {
        if role_fits(CHOICE, e) {
            chosen |= is_chosen(e);
            if !e.disabled {
                choice = choice.or(Some(e));
            }
        } else if field.map_or(true, |f: &ElementFact| f.disabled) {
            // An available control is kept over a disabled one found earlier.
            field = Some(e);
        }
    }
    match (chosen, choice, field) {
        (true, _, _) => Expiration::Chosen,
        (_, Some(choice), _) => Expiration::Unchosen(choice),
        (_, None, Some(f)) if matches!(f.role.as_str(), "textbox" | "spinbutton") => {
            if f.has_value {
                Expiration::Chosen
            } else {
                Expiration::Unchosen(f)
            }
        }
        (_, None, Some(f)) if f.value_text.is_empty() && f.options.is_empty() => Expiration::Unknown(f),
        (_, None, Some(f)) if is_prompt(&f.value_text) => Expiration::Unchosen(f),
        (_, None, Some(_)) => Expiration::Chosen,
        (_, None, None) => Expiration::Absent,
    }
}

const YOU: Text = Text::Is("You");
const SERVICE_ACCOUNT: Text = Text::Is("Service account");
const PERMISSION_LEVELS: Text = Text::OneOf(&["All", "Restricted", "Read only"]);

/// Whether the dialog among `in_scope`'s elements allows only
/// service-account keys: "Service account" is offered (or shown by a
/// drop-down that does not offer "You") or "You" is there but unavailable,
/// no "You" can be chosen, and there are no permission controls (a
/// service-account key gets its project's access).
pub fn only_service_accounts(page: &PageReport, in_scope: &dyn Fn(&ElementFact) -> bool) -> bool {
    let (mut you_usable, mut other_owner, mut permissions) = (false, false, false);
    for e in page.elements.iter().filter(|e| e.is_visible() && in_scope(e)) {
        // The owner as a drop-down (often disabled) showing Service account.
        if SERVICE_ACCOUNT.matches(&e.value_text) && !e.options.iter().any(|o| YOU.matches(o)) {
            other_owner = true;
        }
        if !role_fits(CHOICE, e) {
            continue;
        }
        let you = YOU.matches(&e.name);
        you_usable |= you && !e.disabled;
        other_owner |= (you && e.disabled) || SERVICE_ACCOUNT.matches(&e.name);
        permissions |= PERMISSION_LEVELS.matches(&e.name);
    }
    !you_usable && other_owner && !permissions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(role: &str, name: &str, section: &str) -> ElementFact {
        ElementFact {
            role: role.into(),
            name: name.into(),
            section: section.into(),
            rect: crate::page_report::Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 },
            ..Default::default()
        }
    }

    #[test]
    fn expiration_controls_by_meaning() {
        for e in [
            el("combobox", "Expiration", ""),
            el("combobox", "Key expires", ""),
            el("textbox", "Expiry date", ""),
            el("radio", "30 days", "Expiration"),
            el("button", "Maximum lifetime", ""),
            el("combobox", "", "Expires"),
        ] {
            assert!(is_expiration_control(&e), "{e:?}");
        }
        for e in [
            el("button", "Create secret key", "Expiration"),
            el("combobox", "Project", ""),
            el("radio", "Read", "Models"),
            el("link", "Expiration policy", ""),
        ] {
            assert!(!is_expiration_control(&e), "{e:?}");
        }
    }

    #[test]
    fn expiration_state_from_choices_fields_and_drop_downs() {
        let page = |elements: Vec<ElementFact>| PageReport { elements, ..Default::default() };
        let any = &|_: &ElementFact| true;
        assert_eq!(expiration(&page(vec![el("button", "Create secret key", "")]), any), Expiration::Absent);
        let mut chosen = el("radio", "90 days", "Expiration");
        chosen.checked = Some(true);
        assert_eq!(expiration(&page(vec![el("radio", "30 days", "Expiration"), chosen]), any), Expiration::Chosen);
        let unchosen = page(vec![el("radio", "30 days", "Expiration"), el("radio", "90 days", "Expiration")]);
        assert!(matches!(expiration(&unchosen, any), Expiration::Unchosen(e) if e.name == "30 days"));
        let mut date = el("textbox", "Expiration date", "");
        assert!(matches!(expiration(&page(vec![date.clone()]), any), Expiration::Unchosen(_)));
        date.has_value = true;
        assert_eq!(expiration(&page(vec![date]), any), Expiration::Chosen);
        assert!(matches!(expiration(&page(vec![el("combobox", "Expiration", "")]), any), Expiration::Unknown(_)));
    }

    #[test]
    fn a_list_s_shown_option_tells_a_choice_from_a_prompt() {
        let page = |elements: Vec<ElementFact>| PageReport { elements, ..Default::default() };
        let any = &|_: &ElementFact| true;
        let list = |shown: &str, options: &[&str]| {
            let mut e = el("combobox", "Expiration", "");
            e.value_text = shown.into();
            e.options = options.iter().map(|o| o.to_string()).collect();
            page(vec![e])
        };
        for shown in ["Select an expiration", "Select\u{2026}", "Choose one", "-- Select --", "\u{2014}", ""] {
            let p = list(shown, &[shown, "30 days", "1 year"]);
            assert!(matches!(expiration(&p, any), Expiration::Unchosen(e) if e.name == "Expiration"), "{shown:?}");
        }
        for shown in ["30 days", "No expiration", "Never", "1 year", "2027-01-31"] {
            assert_eq!(expiration(&list(shown, &["Select an expiration", shown]), any), Expiration::Chosen, "{shown}");
        }
        // A custom drop-down whose text is reported shows its choice too.
        assert_eq!(expiration(&list("90 days", &[]), any), Expiration::Chosen);
        assert!(matches!(expiration(&list("Select", &[]), any), Expiration::Unchosen(_)));
    }

    #[test]
    fn service_account_only_when_you_cannot_be_chosen_and_no_permissions_show() {
        let page = |elements: Vec<ElementFact>| PageReport { elements, ..Default::default() };
        let any = &|_: &ElementFact| true;
        let mut you = el("radio", "You", "Owned by");
        you.disabled = true;
        let service = el("radio", "Service account", "Owned by");
        assert!(only_service_accounts(&page(vec![you.clone(), service.clone()]), any));
        assert!(only_service_accounts(&page(vec![service.clone()]), any));
        assert!(!only_service_accounts(&page(vec![el("radio", "You", "Owned by"), service.clone()]), any));
        assert!(!only_service_accounts(&page(vec![you, service, el("radio", "Restricted", "Permissions")]), any));
        assert!(!only_service_accounts(&page(vec![el("textbox", "Name", "")]), any));
        // The owner as a disabled drop-down showing Service account; one
        // that also offers You leaves the choice open.
        let mut owner = el("combobox", "Owned by", "");
        owner.disabled = true;
        owner.value_text = "Service account".into();
        assert!(only_service_accounts(&page(vec![owner.clone(), el("textbox", "Name", "")]), any));
        owner.disabled = false;
        owner.options = vec!["You".into(), "Service account".into()];
        assert!(!only_service_accounts(&page(vec![owner]), any));
    }
}
