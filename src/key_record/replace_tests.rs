//! The revoke step on both layouts of OpenAI's keys table, the new key's
//! name from the table, and the replaced key's row seen gone.

use super::replace::{name_in_table, revoke_step, Replacing};
use super::Tracker;
use crate::page_report::{DialogFact, ElementFact, PageReport, Rect};

const KEYS: &str = "https://platform.openai.com/api-keys";

fn old(name: &str, masked: &str) -> Replacing {
    Replacing {
        origin: "https://cloud.innoslate.com".into(),
        id: "rec-a".into(),
        name: name.into(),
        masked: masked.into(),
        revoke: true,
    }
    .checked()
    .unwrap()
}

fn button(id: u32, name: &str, row: &[&str]) -> ElementFact {
    ElementFact {
        id,
        role: "button".into(),
        name: name.into(),
        row: row.iter().map(|c| c.to_string()).collect(),
        rect: Rect { x: 0.0, y: 0.0, width: 40.0, height: 20.0 },
        ..Default::default()
    }
}

/// The 2026 table: Edit and Delete in each row; cells as page-facts.js reports them.
fn row_2026(first_id: u32, name: &str, masked: &str) -> [ElementFact; 2] {
    let cells = [
        name,
        "Active",
        "key_7fGhR2mNc8Lq0ZbT",
        masked,
        "Mar 3, 2026",
        "Never",
        "Practice Admin",
        "All",
        "$0.00",
        "Edit Delete",
    ];
    [button(first_id, "Edit", &cells), button(first_id + 1, "Delete", &cells)]
}

/// The 2025 table: one trash icon per row, named "Revoke secret key".
fn row_2025(id: u32, name: &str, masked: &str) -> ElementFact {
    button(
        id,
        "Revoke secret key",
        &[name, masked, "Mar 3, 2026", "Never", "Default project", "Practice Admin", "All", ""],
    )
}

fn page(elements: Vec<ElementFact>) -> PageReport {
    PageReport { url: KEYS.into(), elements, ..Default::default() }
}

/// The 2026 practice table: the old key among earlier keys with alike names.
fn table_2026(with_old: bool) -> PageReport {
    let mut e = Vec::new();
    e.extend(row_2026(0, "Practice key", "sk-...Qx4Z"));
    e.extend(row_2026(2, "Innoslate", "sk-...7fGh"));
    e.extend(row_2026(4, "Innoslate (old)", "sk-...a9K2"));
    if with_old {
        e.extend(row_2026(6, "Innoslate", "sk-...Ab12"));
    }
    e.extend(row_2026(8, "Innoslate test", "sk-...p0Lm"));
    e.extend(row_2026(10, "Innoslate 2027", "sk-...New9"));
    page(e)
}

#[test]
fn one_matching_row_gets_its_delete_on_the_2026_table() {
    let step = revoke_step(&table_2026(true), &old("Innoslate", "sk-...Ab12"));
    assert_eq!(step.target, Some(7), "Delete of the row with sk-...Ab12, not Edit, not the other Innoslate");
    assert!(step.listed && !step.gone && !step.confirming);
    assert!(step.advice.is_empty());
}

#[test]
fn one_matching_row_gets_its_trash_icon_on_the_2025_table() {
    let report = page(vec![
        row_2025(0, "Practice key", "sk-...Qx4Z"),
        row_2025(1, "Innoslate", "sk-...7fGh"),
        row_2025(2, "Innoslate", "sk-...Ab12"),
        row_2025(3, "Innoslate (old)", "sk-...a9K2"),
    ]);
    assert_eq!(revoke_step(&report, &old("Innoslate", "sk-...Ab12")).target, Some(2));
    // A record made before names were learned: the masked form alone.
    assert_eq!(revoke_step(&report, &old("", "sk-...Ab12")).target, Some(2));
}

#[test]
fn a_row_with_the_same_name_and_another_masked_form_is_never_pointed_at() {
    // The old key is not listed; two other "Innoslate" keys are.
    let step = revoke_step(&table_2026(false), &old("Innoslate", "sk-...Ab12"));
    assert_eq!(step.target, None);
    assert_eq!(step.advice, vec!["Look for the row of the key Innoslate (sk-...Ab12)."]);
    // The same masked form under another name is not the old key's row either.
    let renamed = revoke_step(&table_2026(true), &old("Innoslate prod", "sk-...Ab12"));
    assert_eq!(renamed.target, None);
    assert!(renamed.listed, "its masked form is listed, so it is not taken for revoked");
}

#[test]
fn two_matching_rows_get_no_pointer_and_the_row_to_look_for() {
    let mut report = table_2026(true);
    report.elements.extend(row_2026(20, "Innoslate", "sk-...Ab12"));
    let step = revoke_step(&report, &old("Innoslate", "sk-...Ab12"));
    assert_eq!(step.target, None);
    assert_eq!(step.advice, vec!["Look for the row of the key Innoslate (sk-...Ab12)."]);
    // A name that is not plain is left out of the callout; the masked form is enough.
    let step = revoke_step(&report, &old("Innoslate (prod)", "sk-...Ab12"));
    assert_eq!(step.advice, vec!["Look for the row of the key sk-...Ab12."]);
}

fn confirm_dialog(description: &str) -> PageReport {
    let mut report = page(vec![
        ElementFact { dialog: Some(0), ..button(40, "Cancel", &[]) },
        ElementFact { dialog: Some(0), ..button(41, "Delete key", &[]) },
    ]);
    report.dialogs =
        vec![DialogFact { name: "Delete secret key".into(), modal: true, description: description.into() }];
    report
}

#[test]
fn the_confirmation_is_pointed_at_only_when_the_dialog_names_the_old_key_alone() {
    let a = old("Innoslate", "sk-...Ab12");
    let step = revoke_step(&confirm_dialog("Delete \"Innoslate\" (sk-...Ab12)? Apps that use it stop working."), &a);
    assert_eq!((step.confirming, step.target), (true, Some(41)));
    for other in [
        "Delete \"Innoslate\" (sk-...7fGh)? Apps that use it stop working.",
        "Delete sk-...Ab12 and sk-...7fGh?",
        "Apps that use it stop working at once.",
        "",
    ] {
        let step = revoke_step(&confirm_dialog(other), &a);
        assert_eq!(step.target, None, "{other:?}");
        assert_eq!(
            step.advice,
            vec!["Confirm only if the dialog is about the key Innoslate (sk-...Ab12). If it names another key, press Cancel."]
        );
    }
}

#[test]
fn the_old_key_is_revoked_when_its_row_was_listed_and_then_is_gone() {
    let a = old("Innoslate", "sk-...Ab12");
    let mut t = Tracker::default();
    // A table that never listed it proves nothing (still loading, another page).
    let gone = revoke_step(&table_2026(false), &a);
    assert!(gone.gone);
    assert!(!t.old_row(&a.id, gone.listed, gone.gone));
    let listed = revoke_step(&table_2026(true), &a);
    assert!(!t.old_row(&a.id, listed.listed, listed.gone));
    // The confirmation dialog hides the table: nothing is concluded.
    let dialog = revoke_step(&confirm_dialog("Delete \"Innoslate\" (sk-...Ab12)?"), &a);
    assert!(!t.old_row(&a.id, dialog.listed, dialog.gone));
    // A search that filters the table hides rows without removing them.
    let mut filtered = table_2026(false);
    filtered.elements.push(ElementFact {
        role: "searchbox".into(),
        has_value: true,
        ..button(50, "Search API keys", &[])
    });
    let hidden = revoke_step(&filtered, &a);
    assert!(!hidden.gone && !t.old_row(&a.id, hidden.listed, hidden.gone));
    assert!(t.old_row(&a.id, gone.listed, gone.gone), "listed, then the table without it");
    assert!(!t.old_row(&a.id, gone.listed, gone.gone), "once");
    // An empty page (no table at all) is not a table without the row.
    assert!(!revoke_step(&page(vec![]), &a).gone);
}

#[test]
fn a_replacement_needs_a_masked_form_of_openai_s_shape() {
    let base = Replacing { id: "r".into(), masked: "sk-...Ab12".into(), ..Default::default() };
    assert!(base.clone().checked().is_some());
    // A key's tail may hold `-` and `_`, and OpenAI's table shows them.
    assert!(Replacing { masked: "sk-...9-w_".into(), ..base.clone() }.checked().is_some());
    for bad in ["", "sk-...Ab1", "sk-...Ab12x", "sk-proj-Ab12", "sk-...Ab 2", "sk-...Ab.2", "sk-...Ab1\u{e9}"] {
        assert!(Replacing { masked: bad.into(), ..base.clone() }.checked().is_none(), "{bad:?}");
    }
    assert!(Replacing { id: String::new(), ..base }.checked().is_none());
}

#[test]
fn the_new_key_s_name_comes_from_the_row_with_its_masked_form() {
    let report = table_2026(true);
    assert_eq!(name_in_table(&report, "sk-...New9").as_deref(), Some("Innoslate 2027"));
    assert_eq!(name_in_table(&report, "sk-...a9K2").as_deref(), Some("Innoslate (old)"));
    assert_eq!(name_in_table(&report, "sk-...zzzz"), None);
    // Two names for one masked form: neither.
    let mut twice = table_2026(true);
    twice.elements.extend(row_2026(30, "Other", "sk-...New9"));
    assert_eq!(name_in_table(&twice, "sk-...New9"), None);
    // A name that is not plain is not kept.
    let odd = page(row_2026(0, "Innoslate: prod/eu", "sk-...New9").to_vec());
    assert_eq!(name_in_table(&odd, "sk-...New9"), None);
    // The row's buttons in a dialog are not the table's.
    let mut in_dialog = table_2026(true);
    in_dialog.elements.iter_mut().for_each(|e| e.dialog = Some(0));
    assert_eq!(name_in_table(&in_dialog, "sk-...New9"), None);
}

#[test]
fn rows_under_another_open_dialog_are_neither_pointed_at_nor_taken_for_gone() {
    // "Save your key" still open over the table: the rows cannot be pressed.
    let mut report = table_2026(true);
    report.dialogs = vec![DialogFact { name: "Save your key".into(), modal: true, description: String::new() }];
    let step = revoke_step(&report, &old("Innoslate", "sk-...Ab12"));
    assert!(step.behind_dialog && !step.confirming);
    assert_eq!(step.target, None);
    assert!(!step.gone && !step.listed);
    // The same table without the dialog: the row's Delete, as before.
    report.dialogs.clear();
    let step = revoke_step(&report, &old("Innoslate", "sk-...Ab12"));
    assert!(!step.behind_dialog);
    assert_eq!(step.target, Some(7));
    // A table hidden behind the dialog without the old row is not proof it is gone.
    let mut hidden = table_2026(false);
    hidden.dialogs = vec![DialogFact { name: "Save your key".into(), modal: true, description: String::new() }];
    assert!(!revoke_step(&hidden, &old("Innoslate", "sk-...Ab12")).gone);
}
