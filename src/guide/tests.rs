//! Recognition tests: page reports shaped like the OpenAI screens.

use super::openai::GUIDE;
use crate::message_words::said;
use crate::page_report::{DialogFact, ElementFact, PageReport, Rect};

pub(super) struct Page(pub(super) PageReport);

const BOX: Rect = Rect { x: 10.0, y: 10.0, width: 100.0, height: 30.0 };

impl Page {
    pub(super) fn at(url: &str) -> Page {
        Page(PageReport { url: url.into(), ..Default::default() })
    }
    pub(super) fn heading(mut self, text: &str) -> Page {
        self.0.headings.push(text.into());
        self
    }
    pub(super) fn dialog(mut self, name: &str) -> Page {
        self.0.dialogs.push(DialogFact { name: name.into(), modal: true, ..Default::default() });
        self
    }
    pub(super) fn el(mut self, role: &str, name: &str, f: impl FnOnce(&mut ElementFact)) -> Page {
        let mut e = ElementFact {
            id: self.0.elements.len() as u32,
            role: role.into(),
            name: name.into(),
            rect: BOX,
            ..Default::default()
        };
        f(&mut e);
        self.0.elements.push(e);
        self
    }
    pub(super) fn button(self, name: &str) -> Page {
        self.el("button", name, |_| {})
    }
    pub(super) fn step(&self) -> (&'static str, Option<u32>) {
        let r = GUIDE.recognise(&self.0).expect("a step");
        (r.step.id, r.target)
    }
}

pub(super) fn in_dialog(i: u32) -> impl FnOnce(&mut ElementFact) {
    move |e| e.dialog = Some(i)
}

pub(super) fn settings_nav(p: Page) -> Page {
    p.el("link", "General", |e| e.section = "Organization".into())
        .el("link", "API keys", |e| e.section = "Organization".into())
        .el("link", "General", |e| e.section = "Project".into())
        .el("link", "API keys", |e| e.section = "Project".into())
}

#[test]
fn keys_page_points_at_create_button() {
    let p = settings_nav(Page::at("https://platform.openai.com/api-keys"))
        .heading("API keys")
        .button("+ Create new secret key");
    assert_eq!(p.step(), ("create-secret-key", Some(4)));
}

#[test]
fn keys_page_without_button_yet_still_knows_the_step() {
    let p = settings_nav(Page::at("https://platform.openai.com/settings/proj_abc/api-keys/"));
    assert_eq!(p.step(), ("create-secret-key", None));
}

#[test]
fn settings_page_points_at_project_api_keys_link() {
    let p = settings_nav(Page::at("https://platform.openai.com/settings/organization/general")).heading("General");
    assert_eq!(p.step(), ("open-api-keys", Some(3)));
}

#[test]
fn onboarding_screens_by_content_in_any_order() {
    let home = Page::at("https://platform.openai.com/").heading("Get your API keys").button("Start building");
    assert_eq!(home.step(), ("start-building", Some(0)));
    let invite = Page::at("https://platform.openai.com/welcome?step=invite")
        .button("Send invites")
        .button("I\u{2019}ll invite my team later");
    assert_eq!(invite.step(), ("invite-team", Some(1)));
    let try_it = Page::at("https://platform.openai.com/welcome?step=try")
        .heading("Make your first API call")
        .el("textbox", "API key name", |_| {})
        .el("textbox", "Project name", |e| e.has_value = true)
        .button("Generate API Key");
    assert_eq!(try_it.step(), ("name-key-and-project", Some(0)));
    let shown = Page::at("https://platform.openai.com/welcome?step=try")
        .heading("Make your first API call")
        .el("textbox", "Your API key", |e| e.has_value = true)
        .button("Copy")
        .button("Continue");
    assert_eq!(shown.step(), ("test-key-shown", Some(2)));
    let org = Page::at("https://platform.openai.com/welcome?step=create")
        .el("textbox", "Organization name", |e| e.has_value = true)
        .button("Create organization");
    assert_eq!(org.step(), ("create-organization", Some(1)));
    let login = Page::at("https://auth.openai.com/log-in").el("textbox", "Email address", |_| {}).button("Continue");
    assert_eq!(login.step(), ("sign-in", Some(0)));
}

#[test]
fn create_dialog_walks_fields_then_permissions() {
    let base = || {
        settings_nav(Page::at("https://platform.openai.com/api-keys"))
            .button("Create new secret key")
            .dialog("Create new secret key")
    };
    let fresh = base()
        .el("radio", "You", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.placeholder = "My Test Key".into()
        })
        .el("radio", "All", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("radio", "Restricted", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0));
    assert_eq!(fresh.step(), ("configure-key", Some(6)));
    let advice = GUIDE.recognise(&fresh.0).unwrap().advice;
    assert!(advice.iter().any(|a| a.text().contains("Restricted is safer")), "{advice:?}");

    let named = base()
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.placeholder = "My Test Key".into();
            e.has_value = true
        })
        .el("radio", "Restricted", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0));
    assert_eq!(named.step(), ("configure-key", Some(6)), "name filled: point at Restricted");

    let restricted = base()
        .el("radio", "Restricted", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("radio", "Read", |e| {
            e.dialog = Some(0);
            e.section = "Models".into();
            e.checked = Some(true)
        })
        .el("radio", "None", |e| {
            e.dialog = Some(0);
            e.section = "Model capabilities".into();
            e.checked = Some(true)
        })
        .el("radio", "Write", |e| {
            e.dialog = Some(0);
            e.section = "Model capabilities".into();
            e.checked = Some(false)
        })
        .el("button", "Create secret key", in_dialog(0));
    // Models is on Read already, so the spotlight moves to Model capabilities: Write.
    assert_eq!(restricted.step(), ("restrict-permissions", Some(8)));
    let advice = GUIDE.recognise(&restricted.0).unwrap().advice;
    assert_eq!(advice.len(), 1, "{advice:?}");
    assert!(advice[0].text().contains("Model capabilities: Write is not chosen yet"), "{advice:?}");
    let mut all_set = restricted;
    all_set.0.elements[7].checked = Some(false);
    all_set.0.elements[8].checked = Some(true);
    assert_eq!(all_set.step(), ("restrict-permissions", Some(9)), "both set: point at Create secret key");
    assert!(GUIDE.recognise(&all_set.0).unwrap().advice.is_empty());
}

#[test]
fn save_dialog_points_at_the_key_field() {
    let p = settings_nav(Page::at("https://platform.openai.com/api-keys"))
        .button("Create new secret key")
        .dialog("Save your key")
        .el("textbox", "", |e| {
            e.dialog = Some(0);
            e.has_value = true;
            e.read_only = true
        })
        .el("button", "Copy", in_dialog(0))
        .el("button", "Done", in_dialog(0));
    assert_eq!(p.step(), ("save-your-key", Some(5)));
}

#[test]
fn hidden_targets_and_foreign_sites_are_ignored() {
    let hidden = Page::at("https://platform.openai.com/api-keys")
        .el("button", "Create new secret key", |e| e.rect = Rect::default());
    assert_eq!(hidden.step(), ("create-secret-key", None));
    assert!(GUIDE
        .recognise(&Page::at("https://platform.openai.com.evil.example/api-keys").button("Create new secret key").0)
        .is_none());
    assert!(GUIDE.recognise(&Page::at("https://cloud.innoslate.com/acme/admin").0).is_none());
}

impl Page {
    pub(super) fn dialog_with(mut self, name: &str, modal: bool) -> Page {
        self.0.dialogs.push(DialogFact { name: name.into(), modal, ..Default::default() });
        self
    }
    pub(super) fn recognition(&self) -> super::Recognition<'static> {
        GUIDE.recognise(&self.0).expect("a step")
    }
}

fn nav_with_sections(p: Page, organization: &str, project: &str) -> Page {
    p.el("link", "General", |e| e.section = organization.into())
        .el("link", "API keys", |e| e.section = organization.into())
        .el("link", "General", |e| e.section = project.into())
        .el("link", "API keys", |e| e.section = project.into())
}

#[test]
fn two_api_keys_links_without_a_project_caption_get_no_spotlight() {
    // Both links report the nav's label: the unqualified locator must not
    // take the first (the Organization's) one.
    let p = nav_with_sections(
        Page::at("https://platform.openai.com/settings/organization/general"),
        "Settings",
        "Settings",
    );
    let r = p.recognition();
    assert_eq!((r.step.id, r.target, r.ambiguous), ("open-api-keys", None, true));
    assert!(r.advice.contains(&super::Advice::ours(super::CANNOT_TELL)), "{:?}", r.advice);
    // No Project caption on this page: the words do not name one.
    assert!(r.advice.iter().any(|a| a.text().contains("API keys link of a project")), "{:?}", r.advice);
    assert!(
        !r.advice.iter().chain([&r.instruction.into()]).any(|a: &super::Advice| a.text().contains("Project")),
        "{:?}",
        r.advice
    );
}

#[test]
fn project_caption_picks_the_project_link_and_a_single_link_needs_no_caption() {
    let p = nav_with_sections(
        Page::at("https://platform.openai.com/settings/organization/general"),
        "ORGANIZATION",
        "PROJECT",
    );
    assert_eq!(p.step(), ("open-api-keys", Some(3)));
    let only = Page::at("https://platform.openai.com/settings/proj_x/general").el("link", "API Keys", |_| {});
    assert_eq!(only.step(), ("open-api-keys", Some(0)));
}

#[test]
fn badges_and_extra_words_count_only_while_unique() {
    let badge = nav_with_sections(
        Page::at("https://platform.openai.com/settings/organization/general"),
        "Organization",
        "Project",
    );
    let mut badge = badge;
    badge.0.elements[3].name = "API keys New".into();
    assert_eq!(badge.step(), ("open-api-keys", Some(3)));
    // An exact name beats a longer one; two equally long ones are a tie.
    let exact = Page::at("https://platform.openai.com/api-keys")
        .button("Create new secret key (legacy)")
        .button("+ Create new secret key");
    assert_eq!(exact.step(), ("create-secret-key", Some(1)));
    let tie = Page::at("https://platform.openai.com/api-keys")
        .button("Create new secret key")
        .button("Create new secret key");
    let r = tie.recognition();
    assert_eq!((r.target, r.ambiguous), (None, true));
    let loose_tie = Page::at("https://platform.openai.com/api-keys")
        .button("Create secret key New")
        .button("Create secret key Beta");
    assert_eq!(loose_tie.recognition().target, None);
}

#[test]
fn reworded_keys_page_button_and_similar_names() {
    let p = Page::at("https://platform.openai.com/api-keys").button("Create new project").button("Create secret key →");
    assert_eq!(p.step(), ("create-secret-key", Some(1)));
    let decoy_only = Page::at("https://platform.openai.com/api-keys").button("Create new project");
    let r = decoy_only.recognition();
    assert_eq!((r.target, r.ambiguous), (None, false));
    assert!(r.advice.contains(&super::Advice::ours(super::LOOKS_DIFFERENT)), "{:?}", r.advice);
}

fn create_dialog_content(p: Page, dialog: u32) -> Page {
    p.el("radio", "You", |e| {
        e.dialog = Some(dialog);
        e.checked = Some(true)
    })
    .el("textbox", "Name", |e| {
        e.dialog = Some(dialog);
        e.placeholder = "My Test Key".into()
    })
    .el("radio", "All", |e| {
        e.dialog = Some(dialog);
        e.section = "Permissions".into();
        e.checked = Some(true)
    })
    .el("radio", "Restricted", |e| {
        e.dialog = Some(dialog);
        e.section = "Permissions".into()
    })
    .el("button", "Create secret key", in_dialog(dialog))
}

#[test]
fn reworded_or_untitled_create_dialog_is_known_by_its_content() {
    for title in ["Create secret key", "New key", ""] {
        let p = Page::at("https://platform.openai.com/api-keys").button("+ Create new secret key").dialog(title);
        let p = create_dialog_content(p, 0);
        assert_eq!(p.step(), ("configure-key", Some(2)), "title {title:?}");
    }
}

#[test]
fn an_unknown_modal_dialog_keeps_the_spotlight_off_the_page_behind_it() {
    let p = Page::at("https://platform.openai.com/api-keys")
        .button("+ Create new secret key")
        .dialog("Something new")
        .el("button", "Create secret key", in_dialog(0));
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("create-secret-key", None), "never the button behind the modal");
    // Not modal (a cookie notice): the page stays in reach.
    let cookie = Page::at("https://platform.openai.com/api-keys")
        .button("+ Create new secret key")
        .dialog_with("Cookies", false)
        .el("button", "Accept all", in_dialog(0));
    assert_eq!(cookie.step(), ("create-secret-key", Some(0)));
}

#[test]
fn the_top_dialog_is_the_modal_or_matching_one_not_the_last() {
    // A non-modal "What's new" card after the real dialog.
    let p = create_dialog_content(
        Page::at("https://platform.openai.com/api-keys")
            .button("+ Create new secret key")
            .dialog("Create new secret key"),
        0,
    )
    .dialog_with("What's new", false)
    .el("textbox", "Name", |e| {
        e.dialog = Some(1);
        e.placeholder = "My Test Key".into()
    });
    assert_eq!(p.step(), ("configure-key", Some(2)));
    // Two modal dialogs: the one whose content fits the step.
    let p = create_dialog_content(
        Page::at("https://platform.openai.com/api-keys")
            .button("+ Create new secret key")
            .dialog("Create new secret key"),
        0,
    )
    .dialog("What's new")
    .el("button", "Got it", in_dialog(1));
    assert_eq!(p.step(), ("configure-key", Some(2)));
}

#[test]
fn save_dialog_by_other_wordings_and_by_content() {
    for (title, copy) in [("Save your API key", "Copy"), ("Your new key", "Copy key"), ("", "Copy")] {
        let p = Page::at("https://platform.openai.com/api-keys")
            .button("Create new secret key")
            .dialog(title)
            .el("textbox", "", |e| {
                e.dialog = Some(0);
                e.has_value = true;
                e.read_only = true
            })
            .el("button", copy, in_dialog(0));
        assert_eq!(p.step(), ("save-your-key", Some(1)), "{title:?} / {copy:?}");
    }
}

#[test]
fn test_key_screen_survives_copy_key() {
    let shown = Page::at("https://platform.openai.com/welcome?step=try")
        .heading("Make your first API call")
        .el("textbox", "Your API key", |e| e.has_value = true)
        .button("Copy key")
        .button("Continue →");
    assert_eq!(shown.step(), ("test-key-shown", Some(2)));
}

#[test]
fn permission_rows_without_names_never_send_the_admin_to_create() {
    // The rows lost their captions: which Read is the Models one cannot be
    // told, so the spotlight must not skip ahead to "Create secret key".
    let p = Page::at("https://platform.openai.com/api-keys")
        .dialog("Create new secret key")
        .el("radio", "Restricted", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("radio", "Read", in_dialog(0))
        .el("radio", "Write", in_dialog(0))
        .el("radio", "Read", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0));
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", None));
}

/// The ids a step asks the callout to keep clear on `p`, with its target.
pub(super) fn kept_clear(p: &Page) -> (&'static str, Option<u32>, Vec<u32>) {
    let r = GUIDE.recognise(&p.0).expect("a step");
    (r.step.id, r.target, r.step.keep_clear(&p.0, r.target))
}

#[test]
fn sign_in_keeps_the_sign_up_link_and_continue_clear() {
    let p = Page::at("https://auth.openai.com/log-in")
        .el("textbox", "Email address", |_| {})
        .button("Continue")
        .el("link", "Sign up", |_| {})
        .el("link", "Privacy policy", |_| {});
    assert_eq!(kept_clear(&p), ("sign-in", Some(0), vec![2, 1]));
}

#[test]
fn permissions_step_keeps_both_rows_and_the_submit_button_clear() {
    let p = settings_nav(Page::at("https://platform.openai.com/api-keys"))
        .button("Create new secret key")
        .dialog("Create new secret key")
        .el("radio", "Restricted", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("radio", "None", |e| {
            e.dialog = Some(0);
            e.section = "Models".into();
            e.checked = Some(true)
        })
        .el("radio", "Read", |e| {
            e.dialog = Some(0);
            e.section = "Models".into()
        })
        .el("radio", "None", |e| {
            e.dialog = Some(0);
            e.section = "Model capabilities".into();
            e.checked = Some(true)
        })
        .el("radio", "Write", |e| {
            e.dialog = Some(0);
            e.section = "Model capabilities".into()
        })
        .el("radio", "Read", |e| {
            e.dialog = Some(0);
            e.section = "Files".into()
        })
        .el("button", "Create secret key", in_dialog(0));
    // The target (Models: Read) is left out; the Files row is none of the
    // instruction's business, and the keys page's own button is behind the
    // dialog.
    assert_eq!(kept_clear(&p), ("restrict-permissions", Some(7), vec![6, 8, 9, 11]));
}

#[test]
fn configure_step_keeps_owner_name_project_and_permissions_clear() {
    let p = settings_nav(Page::at("https://platform.openai.com/api-keys"))
        .button("Create new secret key")
        .dialog("Create new secret key")
        .el("radio", "You", |e| {
            e.dialog = Some(0);
            e.checked = Some(true)
        })
        .el("radio", "Service account", in_dialog(0))
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.placeholder = "My Test Key".into()
        })
        .el("combobox", "Project", in_dialog(0))
        .el("radio", "Restricted", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0));
    assert_eq!(kept_clear(&p), ("configure-key", Some(7), vec![5, 8, 9]));
}

#[test]
fn nothing_is_kept_clear_by_guessing() {
    // A step whose instruction names no other control.
    let keys = settings_nav(Page::at("https://platform.openai.com/api-keys")).button("Create new secret key");
    assert_eq!(kept_clear(&keys), ("create-secret-key", Some(4), vec![]));
    // The sign-in step's controls are not looked for behind a modal dialog
    // the guide does not know.
    let covered = Page::at("https://auth.openai.com/log-in")
        .el("textbox", "Email address", |_| {})
        .el("link", "Sign up", |_| {})
        .dialog("Cookies");
    let step = GUIDE.step("sign-in").unwrap();
    assert!(step.keep_clear(&covered.0, None).is_empty());
}

#[test]
fn keep_clear_is_bounded() {
    let mut p = Page::at("https://auth.openai.com/log-in").el("textbox", "Email address", |_| {});
    for _ in 0..40 {
        p = p.el("link", "Sign up", |_| {});
    }
    assert_eq!(kept_clear(&p).2.len(), super::KEEP_CLEAR_LIMIT);
}

#[test]
fn advice_never_repeats_the_instruction() {
    // Any four words in a row that advice shares with its step's
    // instruction are a repeat.
    let words = |s: &str| super::normalise(s).split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let restricted = |models: bool, capabilities: bool| {
        settings_nav(Page::at("https://platform.openai.com/api-keys"))
            .dialog("Create new secret key")
            .el("radio", "Restricted", |e| {
                e.dialog = Some(0);
                e.checked = Some(true)
            })
            .el("radio", "Read", |e| {
                e.dialog = Some(0);
                e.section = "Models".into();
                e.checked = Some(models)
            })
            .el("radio", "Write", |e| {
                e.dialog = Some(0);
                e.section = "Model capabilities".into();
                e.checked = Some(capabilities)
            })
            .el("radio", "All", in_dialog(0))
            .el("button", "Create secret key", in_dialog(0))
    };
    let mut seen = 0;
    for p in [restricted(false, false), restricted(true, false), restricted(false, true)] {
        let r = GUIDE.recognise(&p.0).unwrap();
        let instruction = words(&said(r.step.instruction));
        let phrases: Vec<&[String]> = instruction.windows(4).collect();
        for advice in &r.advice {
            seen += 1;
            for phrase in words(&advice.text()).windows(4) {
                assert!(!phrases.contains(&phrase), "{advice:?} repeats {phrase:?} of {:?}", r.step.instruction);
            }
        }
    }
    assert_eq!(seen, 4, "every unset permission gets its advice");
}
