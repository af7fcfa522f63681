//! Drifted variants of the platform's pages, as seen on replicas: each must
//! end with the right control or honestly with none.

use super::tests::{in_dialog, Page};
use crate::message_words::said;

#[test]
fn a_recased_start_building_never_sends_the_admin_to_the_longer_button() {
    // Recased beyond ASCII case folding, beside a longer name that holds
    // the wording: the longer one must not win.
    let p = Page::at("https://platform.openai.com/")
        .heading("Get your API keys")
        .button("START BU\u{130}LD\u{130}NG")
        .button("Start building with Assistants");
    let r = p.recognition();
    assert_eq!((r.step.id, r.target, r.ambiguous), ("start-building", None, true));
    // Recased in ASCII: that is the wording itself, and it wins.
    let p = Page::at("https://platform.openai.com/")
        .heading("Get your API keys")
        .button("Start building with Assistants")
        .button("START BUILDING");
    assert_eq!(p.step(), ("start-building", Some(1)));
    // Recased as a link: still the wording, in a role the step does not
    // expect, so the longer button is not pointed at either.
    let p = Page::at("https://platform.openai.com/")
        .heading("Get your API keys")
        .el("link", "Start Building", |_| {})
        .button("Start building with Assistants");
    assert_eq!(p.recognition().target, None);
    // The wording nowhere and one longer name: that one is meant.
    let p = Page::at("https://platform.openai.com/").heading("Get your API keys").button("Start building now");
    assert_eq!(p.step(), ("start-building", Some(0)));
}

#[test]
fn changed_navigation_captions_point_at_neither_api_keys_link_and_say_so_plainly() {
    let mut p = Page::at("https://platform.openai.com/settings/organization/general");
    for section in ["Company", "Workspace"] {
        for name in ["General", "API keys"] {
            p = p.el("link", name, |e| {
                e.section = section.into();
                e.in_nav = true
            });
        }
    }
    let r = p.recognition();
    assert_eq!((r.step.id, r.target, r.ambiguous), ("open-api-keys", None, true));
    // Neither the instruction nor what to look for names a Project section
    // or a sidebar link this page does not single out.
    for text in std::iter::once(said(r.instruction)).chain(r.advice.iter().map(|a| a.text())) {
        assert!(!text.contains("Project") && !text.contains("sidebar"), "{text}");
    }
    assert!(r.advice.iter().any(|a| a.text().contains("not the one for the whole organization")), "{:?}", r.advice);
}

#[test]
fn permission_toggle_buttons_are_not_read_as_the_configure_step() {
    // The permission radios rendered as toggle buttons (aria-pressed):
    // Restricted is chosen, so this is step 10, and Models comes first.
    let p = Page::at("https://platform.openai.com/api-keys")
        .dialog("Create new secret key")
        .el("button", "All", |e| {
            e.dialog = Some(0);
            e.checked = Some(false)
        })
        .el("button", "Restricted", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("button", "None", |e| {
            e.dialog = Some(0);
            e.section = "Models".into();
            e.checked = Some(true)
        })
        .el("button", "Read", |e| {
            e.dialog = Some(0);
            e.section = "Models".into();
            e.checked = Some(false)
        })
        .el("button", "Create secret key", in_dialog(0));
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(3)));
    // Before Restricted is pressed, it is what step 9 points at, not the
    // submit button.
    let mut before = p;
    before.0.elements[1].checked = Some(false);
    before.0.elements[0].checked = Some(true);
    assert_eq!(before.step(), ("configure-key", Some(1)));
}

#[test]
fn save_your_key_points_only_at_the_read_only_field_that_shows_the_key() {
    let save = |key_field: bool| {
        let mut p = Page::at("https://platform.openai.com/api-keys").dialog("Save your key");
        // A field the admin may edit, with a value: the key's name.
        p = p.el("textbox", "Key name", |e| {
            e.dialog = Some(0);
            e.has_value = true
        });
        if key_field {
            p = p.el("textbox", "", |e| {
                e.dialog = Some(0);
                e.has_value = true;
                e.read_only = true
            });
        }
        p.el("button", "Copy", in_dialog(0)).el("button", "Done", in_dialog(0))
    };
    assert_eq!(save(true).step(), ("save-your-key", Some(1)));
    // The key shown as text (a code element, not a field): neither the
    // name field nor Copy stands in, as Send key would read nothing there.
    let r = save(false).recognition();
    assert_eq!((r.step.id, r.target), ("save-your-key", None));
}

/// The create dialog with Restricted chosen, and then `rows`: each a row's
/// caption and its levels (name, chosen), as radios.
fn restricted_with_rows(rows: &[(&str, &[(&str, bool)])]) -> Page {
    let mut p = Page::at("https://platform.openai.com/api-keys").dialog("Create new secret key").el(
        "radio",
        "Restricted",
        |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        },
    );
    for (row, levels) in rows {
        for (level, chosen) in *levels {
            p = p.el("radio", level, |e| {
                e.dialog = Some(0);
                e.section = (*row).into();
                e.checked = Some(*chosen)
            });
        }
    }
    p.el("button", "Create secret key", in_dialog(0))
}

#[test]
fn a_row_that_merely_mentions_models_never_stands_for_the_models_row() {
    // "Custom models" (and a row described as "Train custom models") come
    // first and hold the word; the Models row itself is the one meant.
    let p = restricted_with_rows(&[
        ("Custom models", &[("None", true), ("Read", false), ("Write", false)]),
        ("Train custom models", &[("None", false), ("Read", true)]),
        ("Models", &[("None", true), ("Read", false)]),
        ("Model capabilities", &[("None", false), ("Request", true)]),
    ]);
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(7)));
    assert!(r.advice.iter().any(|a| a.text().starts_with("Models: Read")), "{:?}", r.advice);
    // With Models: Read chosen too, the key is ready: the submit is next.
    let mut done = p;
    done.0.elements[6].checked = Some(false);
    done.0.elements[7].checked = Some(true);
    assert_eq!(done.step(), ("restrict-permissions", Some(10)));
}

#[test]
fn permission_levels_as_drop_downs_are_read_from_what_they_show() {
    let row = |p: Page, caption: &str, shows: &str, options: &[&str]| {
        p.el("combobox", caption, |e| {
            e.dialog = Some(0);
            e.section = caption.into();
            e.value_text = shows.into();
            e.options = options.iter().map(|o| o.to_string()).collect();
        })
    };
    let page = |models: &str, calls: &str| {
        let p = restricted_with_rows(&[]);
        let submit = p.0.elements.len() as u32 - 1;
        let p = row(p, "Models", models, &["None", "Read"]);
        (row(p, "Model capabilities", calls, &["None", "Request"]), submit)
    };
    // Both at None: the Models drop-down, whose option Read grants it.
    let (p, _) = page("None", "None");
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(2)));
    assert!(r.advice.iter().any(|a| a.text().starts_with("Models: Read is not chosen yet")), "{:?}", r.advice);
    assert!(r.advice.iter().any(|a| a.text().starts_with("Model capabilities: Request")), "{:?}", r.advice);
    // Both set: met, so the spotlight moves on to the submit button.
    let (p, submit) = page("Read", "Request");
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(submit)));
    assert!(r.advice.is_empty(), "{:?}", r.advice);
}

#[test]
fn permission_levels_without_restricted_are_never_asked_for_and_the_submit_never_stands_in() {
    let create = |levels: &[(&str, bool)]| {
        let mut p = Page::at("https://platform.openai.com/api-keys").dialog("Create new secret key").el(
            "textbox",
            "Name",
            |e| {
                e.dialog = Some(0);
                e.has_value = true
            },
        );
        for (level, chosen) in levels {
            p = p.el("radio", level, |e| {
                e.dialog = Some(0);
                e.section = "Permissions".into();
                e.checked = Some(*chosen)
            });
        }
        p.el("button", "Create secret key", in_dialog(0))
    };
    let r = create(&[("Full access", true), ("Custom", false), ("Read only", false)]).recognition();
    assert_eq!((r.step.id, r.target), ("configure-key", None));
    let words = said(r.instruction);
    assert!(words.contains("does not offer Restricted") && !words.contains("set Permissions to Restricted"), "{words}");
    // Where Restricted is offered, it is what the step points at.
    let r = create(&[("All", true), ("Restricted", false), ("Read only", false)]).recognition();
    assert_eq!((r.step.id, r.target, said(r.instruction).contains("to Restricted")), ("configure-key", Some(2), true));
}

#[test]
fn permissions_as_a_drop_down_are_read_from_what_it_shows_and_offers() {
    let create = |shows: &str| {
        Page::at("https://platform.openai.com/api-keys")
            .dialog("Create new secret key")
            .el("textbox", "Name", |e| {
                e.dialog = Some(0);
                e.has_value = true
            })
            .el("combobox", "Permissions", |e| {
                e.dialog = Some(0);
                e.value_text = shows.into();
                e.options = ["All", "Restricted", "Read only"].map(String::from).to_vec();
            })
            .el("button", "Create secret key", in_dialog(0))
    };
    // Showing All: the drop-down, which offers Restricted, not the submit.
    assert_eq!(create("All").step(), ("configure-key", Some(1)));
    // Showing Restricted: chosen, so the rows come next (step 10).
    assert_eq!(create("Restricted").step().0, "restrict-permissions");
}

#[test]
fn an_existing_keys_edit_dialog_with_permissions_is_not_the_create_dialog() {
    let p = Page::at("https://platform.openai.com/api-keys")
        .button("Create new secret key")
        .dialog("Edit secret key")
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.has_value = true
        })
        .el("radio", "All", |e| {
            e.dialog = Some(0);
            e.section = "Permissions".into();
            e.checked = Some(true)
        })
        .el("radio", "Restricted", |e| {
            e.dialog = Some(0);
            e.section = "Permissions".into();
            e.checked = Some(false)
        })
        .el("button", "Save", in_dialog(0));
    let r = p.recognition();
    assert!(!matches!(r.step.id, "configure-key" | "restrict-permissions"), "{}", r.step.id);
    assert!(r.target.map_or(true, |t| t == 0), "{:?}", r.target);
}

#[test]
fn a_key_shown_as_plain_text_gets_words_that_do_not_offer_send_key() {
    for title in ["Save your key", "Secret key created"] {
        let p = Page::at("https://platform.openai.com/api-keys").dialog(title).el("button", "Copy", in_dialog(0)).el(
            "button",
            "Done",
            in_dialog(0),
        );
        let r = p.recognition();
        assert_eq!((r.step.id, r.target), ("save-your-key", None), "{title}");
    }
    let r = Page::at("https://platform.openai.com/api-keys").dialog("Save your key").recognition();
    assert!(said(r.instruction).contains("plain text") && !said(r.instruction).contains("choose Send key"));
}
