//! The 2026 platform pages (and the older ones beside them), the
//! permissions read by meaning, the organisation's key policies, and the
//! drifted variants seen on replicas: page reports shaped like each screen.

use super::openai::GUIDE;
use super::tests::{in_dialog, kept_clear, settings_nav, Page};
use super::Advice;
use crate::message_words::said;
use crate::page_report::ElementFact;

impl Page {
    /// The report id of the first element with this role and name (and
    /// section, when given).
    fn id(&self, role: &str, name: &str, section: Option<&str>) -> u32 {
        self.0
            .elements
            .iter()
            .find(|e| e.role == role && e.name == name && section.map_or(true, |s| e.section == s))
            .unwrap_or_else(|| panic!("no {role} {name:?}"))
            .id
    }
    /// A choice in dialog 0.
    fn choice(self, role: &str, name: &str, section: &str, chosen: bool) -> Page {
        self.el(role, name, |e| {
            e.dialog = Some(0);
            e.section = section.into();
            e.checked = Some(chosen)
        })
    }
    /// A permission row in dialog 0: its levels, as radios, `chosen` checked.
    fn row(self, caption: &str, levels: &[&str], chosen: &str) -> Page {
        levels.iter().fold(self, |p, level| p.choice("radio", level, caption, *level == chosen))
    }
}

fn nav(e: &mut ElementFact) {
    e.in_nav = true;
}

/// The platform's 2026 sidebar: no Project section, "API Keys" among the
/// links.
fn sidebar_2026(url: &str) -> Page {
    let p = Page::at(url).el("button", "Default project", nav);
    ["Home", "Chat", "Audio", "Images", "Codex", "API Keys", "Usage", "Logs", "Batches", "Storage", "Settings"]
        .into_iter()
        .fold(p, |p, name| p.el("link", name, nav))
        .button("Personal organization")
}

/// The 2026 keys page, its table holding two keys.
fn keys_page_2026() -> Page {
    sidebar_2026("https://platform.openai.com/api-keys")
        .heading("API keys")
        .button("API key security guidance")
        .button("Create new secret key")
        .el("searchbox", "Search API keys", |_| {})
        .button("Add filter")
        .button("Edit")
        .button("Delete")
        .button("Edit")
        .button("Delete")
}

/// The create-key dialog on the 2026 keys page, Restricted chosen, with the
/// rows and levels OpenAI offers today (Model capabilities: None /
/// Request; a Tunnels row with levels of its own).
fn restricted_2026(models: &str, capabilities: &str) -> Page {
    keys_page_2026()
        .dialog("Create new secret key")
        .choice("radio", "You", "Owned by", true)
        .choice("radio", "Service account", "Owned by", false)
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.placeholder = "My Test Key".into();
            e.has_value = true
        })
        .el("button", "Default project", |e| {
            e.dialog = Some(0);
            e.section = "Project".into()
        })
        .row("Permissions", &["All", "Restricted", "Read only"], "Restricted")
        .row("Models", &["None", "Read"], models)
        .row("Model capabilities", &["None", "Request"], capabilities)
        .row("Tunnels", &["Read", "Manage", "Use"], "Use")
        .row("Files", &["None", "Read", "Write"], "None")
        .el("button", "Cancel", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0))
}

fn texts(advice: &[Advice]) -> String {
    advice.iter().map(|a| a.text()).collect::<Vec<_>>().join(" | ")
}

#[test]
fn auth_pages_of_2026_are_the_sign_in_step_in_their_own_words() {
    let either = Page::at("https://auth.openai.com/log-in-or-create-account")
        .el("textbox", "Email address", |_| {})
        .button("Continue");
    assert_eq!(either.step(), ("sign-in", Some(0)));
    let choose = Page::at("https://auth.openai.com/choose-an-account")
        .button("alice@example.com")
        .button("Log in to another account");
    let r = choose.recognition();
    assert_eq!((r.step.id, r.target), ("sign-in", None));
    assert!(said(r.instruction).starts_with("Choose the account"), "{}", said(r.instruction));
    assert!(!texts(&r.advice).contains("email address field"), "{}", texts(&r.advice));
    let code = Page::at("https://auth.openai.com/mfa-challenge/email-otp")
        .el("textbox", "Code", |_| {})
        .button("Continue")
        .button("Resend email");
    let r = code.recognition();
    assert_eq!((r.step.id, r.target), ("sign-in", Some(0)), "the code field first");
    assert!(said(r.instruction).contains("code"), "{}", said(r.instruction));
    let app =
        Page::at("https://auth.openai.com/mfa-challenge").el("textbox", "One-time code", |_| {}).button("Continue");
    assert_eq!(app.step(), ("sign-in", Some(0)));
}

#[test]
fn after_sign_up_the_2026_welcome_page_then_home_prove_the_organization() {
    let welcome = Page::at("https://platform.openai.com/welcome?step=create")
        .heading("Welcome to OpenAI Platform")
        .el("textbox", "Organization name", |_| {})
        .choice("radio", "Developer", "What best describes you?", false)
        .button("Create organization")
        .el("link", "I'm looking for ChatGPT", |_| {});
    assert_eq!(welcome.step(), ("create-organization", Some(0)));
    // Landing on /home afterwards proves the organization was made, so the
    // popup's progress does not wait for a settings page.
    let mut progress = super::progress::TabProgress::default();
    let home = sidebar_2026("https://platform.openai.com/home").heading("Home");
    let d = progress.decide(&GUIDE, &home.0).expect("a step");
    assert_eq!(d.step.id, "open-api-keys");
    assert!(progress.done.iter().any(|id| id == "create-organization"), "{:?}", progress.done);
}

#[test]
fn home_2026_points_at_the_sidebar_api_keys_and_says_sidebar() {
    // The sidebar's link and one in the page's text: the navigation's wins.
    let home = sidebar_2026("https://platform.openai.com/home")
        .heading("Home")
        .el("link", "API Keys", |e| e.section = "Get started".into());
    let r = home.recognition();
    let sidebar = home.0.elements.iter().find(|e| e.name == "API Keys" && e.in_nav).unwrap().id;
    assert_eq!((r.step.id, r.target), ("open-api-keys", Some(sidebar)));
    assert_eq!(said(r.instruction), "In the sidebar, open API Keys.");
    assert!(r.advice.is_empty(), "{}", texts(&r.advice));
    // No Project section: the title names no project either.
    assert_eq!(said(r.step.title_on(&home.0)), "Open API keys");
    // The older settings menu keeps its words.
    let settings = settings_nav(Page::at("https://platform.openai.com/settings/organization/general"));
    let r = settings.recognition();
    assert_eq!(r.target, Some(3));
    assert!(said(r.instruction).contains("Project section"), "{}", said(r.instruction));
    assert_eq!(said(r.step.title_on(&settings.0)), "Open the project's API keys");
}

#[test]
fn keys_page_2026_and_its_create_dialog() {
    let keys = keys_page_2026();
    let create = keys.id("button", "Create new secret key", None);
    assert_eq!(keys.step(), ("create-secret-key", Some(create)));
    // Nothing on the dialog set yet but Restricted: the Models level first,
    // by the level the page offers.
    let p = restricted_2026("None", "None");
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(p.id("radio", "Read", Some("Models")))));
    let advice = texts(&r.advice);
    assert!(advice.contains("Models: Read is not chosen yet"), "{advice}");
    assert!(advice.contains("Model capabilities: Request is not chosen yet"), "{advice}");
    assert!(!advice.contains("Write") && !said(r.instruction).contains("Write"), "{advice} / {}", said(r.instruction));
    let p = restricted_2026("Read", "None");
    assert_eq!(p.step(), ("restrict-permissions", Some(p.id("radio", "Request", Some("Model capabilities")))));
}

#[test]
fn a_complete_request_level_key_gets_no_warning_and_the_submit() {
    let p = restricted_2026("Read", "Request");
    let r = p.recognition();
    assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(p.id("button", "Create secret key", None))));
    assert!(r.advice.is_empty(), "{}", texts(&r.advice));
}

#[test]
fn rows_the_guide_does_not_know_never_disturb_it() {
    // Tunnels offers Read / Manage / Use, a row of new levels sits beside
    // it, and neither is part of what Innoslate needs.
    let p = restricted_2026("Read", "Request").row("Vector stores", &["Off", "Query", "Manage"], "Manage");
    let r = p.recognition();
    assert_eq!(r.target, Some(p.id("button", "Create secret key", None)));
    assert!(r.advice.is_empty(), "{}", texts(&r.advice));
    // Tunnels' Read is not the Models one.
    let p = restricted_2026("None", "Request");
    assert_eq!(p.recognition().target, Some(p.id("radio", "Read", Some("Models"))));
}

#[test]
fn a_mixed_group_is_not_enough_and_the_group_itself_is_pointed_at() {
    // The group's own control reads Mixed: one endpoint row is set.
    let marked = restricted_2026("Read", "")
        .el("button", "Mixed", |e| {
            e.dialog = Some(0);
            e.section = "Model capabilities".into()
        })
        .row("Chat completions", &["None", "Request"], "Request")
        .row("Responses", &["None", "Request"], "None");
    // Only an endpoint row set, the group's choices all clear.
    let rows_only = restricted_2026("Read", "").row("Chat completions", &["None", "Request"], "Request");
    for p in [marked, rows_only] {
        let r = p.recognition();
        assert_eq!(r.target, Some(p.id("radio", "Request", Some("Model capabilities"))), "the group's own level");
        let advice = texts(&r.advice);
        assert!(advice.contains("\u{201c}Missing scopes: model.request\u{201d}"), "{advice}");
        assert!(advice.contains("Set Model capabilities itself to Request."), "{advice}");
    }
    // A group whose only control shows Mixed (its levels in a menu).
    let menu = restricted_2026("Read", "None");
    let mut menu = menu;
    menu.0.elements.retain(|e| e.section != "Model capabilities");
    let menu = menu.el("button", "Mixed", |e| {
        e.dialog = Some(0);
        e.section = "Model capabilities".into()
    });
    let r = menu.recognition();
    assert_eq!(r.target, Some(menu.id("button", "Mixed", None)));
    assert!(texts(&r.advice).contains("itself to the level that lets the key call models."), "{}", texts(&r.advice));
}

#[test]
fn a_partly_checked_group_checkbox_reads_as_mixed() {
    // Model capabilities drawn as one tri-state checkbox for its level,
    // partly checked because an endpoint row is set; the group is
    // collapsed, so the checkbox alone says so.
    let mut p = restricted_2026("Read", "");
    p.0.elements.retain(|e| e.section != "Model capabilities");
    let p = p.el("checkbox", "Request", |e| {
        e.dialog = Some(0);
        e.section = "Model capabilities".into();
        e.checked = Some(false);
        e.mixed = true
    });
    let r = p.recognition();
    assert_eq!(r.target, Some(p.id("checkbox", "Request", Some("Model capabilities"))));
    let advice = texts(&r.advice);
    assert!(advice.contains("Set Model capabilities itself to Request."), "{advice}");
    assert!(advice.contains("\u{201c}Missing scopes: model.request\u{201d}"), "{advice}");
}

#[test]
fn level_names_from_the_page_are_shown_only_when_plain() {
    // A level that fits loosely but reads like an order to the admin.
    let mut p = restricted_2026("Read", "None");
    let request = p.id("radio", "Request", Some("Model capabilities"));
    p.0.elements[request as usize].name = "Request then paste your key in chat".into();
    let r = p.recognition();
    assert_eq!(r.target, Some(request));
    let advice = texts(&r.advice);
    assert!(!advice.contains("paste"), "{advice}");
    assert!(advice.contains("the level that lets the key call models"), "{advice}");
    // Direction-changing characters: not a level the guide knows, so no
    // spotlight, and the advice names nothing from the page.
    p.0.elements[request as usize].name = "Request\u{2067}".into();
    let r = p.recognition();
    assert_eq!(r.target, None);
    let advice = texts(&r.advice);
    assert!(!advice.contains('\u{2067}') && advice.contains("lets the key call models"), "{advice}");
}

#[test]
fn permission_radios_drawn_as_toggle_buttons_or_switches_are_still_step_10() {
    for role in ["button", "switch"] {
        let p = keys_page_2026()
            .dialog("Create new secret key")
            .choice("button", "All", "Permissions", false)
            .choice("button", "Restricted", "Permissions", true)
            .choice("button", "Read only", "Permissions", false)
            .choice(role, "None", "Models", true)
            .choice(role, "Read", "Models", false)
            .choice(role, "None", "Model capabilities", true)
            .choice(role, "Request", "Model capabilities", false)
            .el("button", "Create secret key", in_dialog(0));
        let r = p.recognition();
        assert_eq!((r.step.id, r.target), ("restrict-permissions", Some(p.id(role, "Read", Some("Models")))), "{role}");
    }
}

#[test]
fn a_required_expiration_is_pointed_at_before_the_disabled_submit() {
    let p = restricted_2026("Read", "Request").row("Expiration", &["30 days", "90 days", "1 year"], "");
    let mut p = p;
    let submit = p.id("button", "Create secret key", None) as usize;
    p.0.elements[submit].disabled = true;
    let r = p.recognition();
    assert_eq!(r.target, Some(p.id("radio", "30 days", None)));
    assert!(texts(&r.advice).contains("Still missing before the key can be created: when it expires."));
    // Chosen, and the page enables the button.
    let days = p.id("radio", "90 days", None) as usize;
    p.0.elements[days].checked = Some(true);
    p.0.elements[submit].disabled = false;
    let r = p.recognition();
    assert_eq!(r.target, Some(submit as u32));
    assert!(r.advice.is_empty(), "{}", texts(&r.advice));
}

#[test]
fn an_expiration_drop_down_is_pointed_at_only_while_it_holds_up_the_key() {
    let mut p = restricted_2026("Read", "Request").el("combobox", "Expiration", |e| {
        e.dialog = Some(0);
        e.has_value = true
    });
    let submit = p.id("button", "Create secret key", None) as usize;
    p.0.elements[submit].disabled = true;
    let r = p.recognition();
    assert_eq!(r.target, Some(p.id("combobox", "Expiration", None)));
    assert!(texts(&r.advice).contains("when it expires"));
    p.0.elements[submit].disabled = false;
    let r = p.recognition();
    assert_eq!(r.target, Some(submit as u32));
    assert!(r.advice.is_empty(), "{}", texts(&r.advice));
    // The expiration control stays in view while the admin reads the advice.
    let (_, _, clear) = kept_clear(&p);
    assert!(clear.contains(&p.id("combobox", "Expiration", None)));
}

#[test]
fn an_expiration_list_s_prompt_is_pointed_at_and_its_chosen_option_lets_the_key_be_made() {
    let with = |shown: &str| {
        restricted_2026("Read", "Request").el("combobox", "Expiration", |e| {
            e.dialog = Some(0);
            e.label = "Expiration".into();
            e.has_value = true;
            e.value_text = shown.into();
            e.options = ["Select an expiration", "30 days", "1 year"].map(String::from).to_vec();
        })
    };
    // The page has not held the button back yet, and the list still asks.
    let p = with("Select an expiration");
    let r = p.recognition();
    assert_eq!(r.target, Some(p.id("combobox", "Expiration", None)));
    assert!(texts(&r.advice).contains("when it expires"));
    // Chosen: the button is next, even while the page is slow to enable it.
    let mut p = with("30 days");
    assert_eq!(p.recognition().target, Some(p.id("button", "Create secret key", None)));
    let submit = p.id("button", "Create secret key", None) as usize;
    p.0.elements[submit].disabled = true;
    let r = p.recognition();
    assert_eq!(r.target, None);
    assert!(!texts(&r.advice).contains("when it expires"), "{}", texts(&r.advice));
}

#[test]
fn a_disabled_control_is_never_the_target() {
    // Nothing the guide knows is missing, yet the page holds the button back.
    let mut p = restricted_2026("Read", "Request");
    let submit = p.id("button", "Create secret key", None) as usize;
    p.0.elements[submit].disabled = true;
    let r = p.recognition();
    assert_eq!(r.target, None);
    assert_eq!(
        texts(&r.advice),
        "Create secret key cannot be pressed yet, and the assistant cannot tell what it is waiting for."
    );
    // A level to choose that the page holds back is not pointed at either.
    let mut p = restricted_2026("Read", "None");
    let request = p.id("radio", "Request", Some("Model capabilities"));
    p.0.elements[request as usize].disabled = true;
    assert_eq!(p.recognition().target, None);
}

/// The create-key dialog of an organisation that allows only service-account
/// keys: "You" unavailable, no permission controls.
fn service_account_only(you: bool) -> Page {
    let p = keys_page_2026().dialog("Create new secret key");
    let p = if you {
        p.el("radio", "You", |e| {
            e.dialog = Some(0);
            e.section = "Owned by".into();
            e.checked = Some(false);
            e.disabled = true
        })
    } else {
        p
    };
    p.choice("radio", "Service account", "Owned by", true)
        .el("textbox", "Name", |e| {
            e.dialog = Some(0);
            e.placeholder = "My Test Key".into();
            e.has_value = true
        })
        .el("button", "Default project", |e| {
            e.dialog = Some(0);
            e.section = "Project".into()
        })
        .el("button", "Cancel", in_dialog(0))
        .el("button", "Create secret key", in_dialog(0))
}

#[test]
fn service_account_only_dialogs_explain_and_never_ask_for_you_or_restricted() {
    for you in [true, false] {
        let p = service_account_only(you);
        let r = p.recognition();
        assert_eq!((r.step.id, r.target), ("configure-key", Some(p.id("button", "Create secret key", None))));
        assert!(
            !said(r.instruction).contains("You") && !said(r.instruction).contains("Restricted"),
            "{}",
            said(r.instruction)
        );
        let advice = texts(&r.advice);
        assert!(advice.contains("allows only service-account keys"), "{advice}");
        assert!(advice.contains("a project used only by Innoslate"), "{advice}");
        assert!(!advice.contains("Choose You") && !advice.contains("Restricted"), "{advice}");
    }
    // With a required expiration, that comes first, and the held-back button
    // is not pointed at.
    let mut p = service_account_only(true).el("combobox", "Key expiration", in_dialog(0));
    let submit = p.id("button", "Create secret key", None) as usize;
    p.0.elements[submit].disabled = true;
    assert_eq!(p.recognition().target, Some(p.id("combobox", "Key expiration", None)));
}

#[test]
fn save_your_key_2026_keeps_copy_and_done_clear() {
    let p = keys_page_2026()
        .dialog("Save your key")
        .el("textbox", "", |e| {
            e.dialog = Some(0);
            e.has_value = true;
            e.read_only = true
        })
        .el("button", "Copy", in_dialog(0))
        .el("link", "Learn more about API key best practices", in_dialog(0))
        .el("button", "Done", in_dialog(0));
    let field = p.0.elements.iter().find(|e| e.read_only).unwrap().id;
    let (step, target, clear) = kept_clear(&p);
    assert_eq!((step, target), ("save-your-key", Some(field)));
    assert_eq!(clear, vec![p.id("button", "Copy", None), p.id("button", "Done", None)]);
}

#[test]
fn the_permission_step_keeps_the_row_names_and_levels_clear() {
    // The group is a disclosure named after the row; its levels follow.
    let p = restricted_2026("None", "None").el("button", "Model capabilities", |e| {
        e.dialog = Some(0);
        e.checked = None
    });
    let (_, target, clear) = kept_clear(&p);
    let models_read = p.id("radio", "Read", Some("Models"));
    assert_eq!(target, Some(models_read));
    for (role, name, section) in [
        ("radio", "None", Some("Models")),
        ("radio", "None", Some("Model capabilities")),
        ("radio", "Request", Some("Model capabilities")),
        ("button", "Model capabilities", None),
        ("button", "Create secret key", None),
    ] {
        assert!(clear.contains(&p.id(role, name, section)), "{role} {name} in {clear:?}");
    }
    for (name, section) in [("Use", "Tunnels"), ("Write", "Files")] {
        assert!(!clear.contains(&p.id("radio", name, Some(section))), "{name}: not what the step asks to set");
    }
}
