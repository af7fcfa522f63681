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
