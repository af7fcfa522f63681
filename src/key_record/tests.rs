use super::page::{expiry_ms, PageFacts};
use super::reminder::{remind, ExpiryState, NOTICE_DAYS};
use super::*;
use crate::key::accept_key;
use crate::page_report::{ElementFact, PageReport, Rect};

const DAY: f64 = 86_400_000.0;
/// 2026-12-06 00:00 UTC.
const T0: f64 = 1_796_515_200_000.0;

fn project_key() -> String {
    format!("sk-proj-{}AbT3BlbkFJ{}QwXyZ", "Ab3".repeat(24), "Qr7".repeat(23))
}

fn element(role: &str, name: &str, section: &str) -> ElementFact {
    ElementFact {
        role: role.into(),
        name: name.into(),
        section: section.into(),
        rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 },
        ..Default::default()
    }
}

fn radio(name: &str, section: &str, checked: bool) -> ElementFact {
    ElementFact { checked: Some(checked), dialog: Some(0), ..element("radio", name, section) }
}

fn in_dialog(mut e: ElementFact) -> ElementFact {
    e.dialog = Some(0);
    e
}

/// The create dialog as the platform shows it, with an organisation button.
fn create_dialog(org: &str, expiry: Option<ElementFact>) -> PageReport {
    let mut project = in_dialog(element("button", "Innoslate integration", ""));
    project.label = "Project".into();
    let mut org_button = element("button", org, "");
    org_button.label = "Organization".into();
    let mut elements = vec![
        org_button,
        radio("You", "Owned by", false),
        radio("Service account", "Owned by", true),
        in_dialog(element("textbox", "Name", "")),
        project,
        radio("All", "Permissions", false),
        radio("Restricted", "Permissions", true),
    ];
    elements.extend(expiry);
    PageReport { url: "https://platform.openai.com/api-keys".into(), elements, ..Default::default() }
}

fn observed(report: &PageReport) -> PageFacts {
    let mut facts = PageFacts::default();
    facts.observe(report);
    facts
}

/// A tracker that saw the dialog, held a key and filled both fields.
fn filled_record(report: &PageReport, origin: &str, id: &str) -> (KeyRecord, Tracker) {
    let mut t = Tracker::default();
    t.observe(report);
    t.hold(true, T0, "sk-...wXyZ".into());
    let (_, secret) = accept_key(&project_key()).unwrap();
    let page = PageKey { tab: 3, document: Some("doc".into()), url: format!("{origin}/acme/admin/preferences") };
    let record = t.filled(&secret, id, "", origin.into(), vec![Purpose::ChatAi, Purpose::ImageAi], page, Some(7));
    (record, t)
}

#[test]
fn the_record_holds_no_secret_only_openai_s_masked_form() {
    let (record, _) = filled_record(&create_dialog("Acme Research", None), "https://cloud.innoslate.com", "r1");
    let key = project_key();
    assert_eq!(record.masked, "sk-...wXyZ");
    let json = serde_json::to_string(&record).unwrap();
    assert!(!json.contains(&key));
    // No run of the key's secret part longer than OpenAI's own last four.
    let secret_part = &key["sk-proj-".len()..key.len() - 4];
    for window in secret_part.as_bytes().windows(5) {
        let piece = std::str::from_utf8(window).unwrap();
        assert!(!json.contains(piece), "{piece} of the key is in {json}");
    }
    assert!(!format!("{record:?}").contains(secret_part));
}

#[test]
fn the_record_keeps_what_the_dialog_showed() {
    let (record, _) = filled_record(&create_dialog("Acme Research", None), "https://cloud.innoslate.com", "r1");
    assert_eq!(record.owner, "Service account");
    assert_eq!(record.permissions, "Restricted");
    assert_eq!(record.project, "Innoslate integration");
    assert_eq!(record.organization, "Acme Research");
    assert_eq!(record.origin, "https://cloud.innoslate.com");
    assert_eq!(record.fields, vec![Purpose::ChatAi, Purpose::ImageAi]);
    assert_eq!(record.created_ms, T0);
    assert_eq!(record.expires_ms, None);
    assert!(!record.saved && !record.personal);
    // Field values are never reported: the name is unknown rather than guessed.
    assert_eq!(record.name, "");
}

#[test]
fn a_pasted_key_takes_nothing_the_platform_showed() {
    let mut t = Tracker::default();
    t.observe(&create_dialog("Personal", None));
    t.hold(false, T0, "sk-...wXyZ".into());
    assert!(!t.personal());
    let (_, secret) = accept_key(&project_key()).unwrap();
    let page = PageKey { tab: 3, document: None, url: "https://cloud.innoslate.com/p".into() };
    let r = t.filled(&secret, "r2", "", "https://cloud.innoslate.com".into(), vec![Purpose::Unspecified], page, None);
    assert_eq!((r.owner.as_str(), r.organization.as_str(), r.masked.as_str()), ("", "", "sk-...wXyZ"));
}

#[test]
fn the_dialog_s_expiry_choice_becomes_a_date() {
    let mut choice = in_dialog(element("combobox", "90 days", ""));
    choice.label = "Expiration".into();
    let (record, _) = filled_record(&create_dialog("Acme", Some(choice)), "https://cloud.innoslate.com", "r1");
    assert_eq!(record.expiry, "90 days");
    assert_eq!(record.expires_ms, Some(T0 + 90.0 * DAY));
    // A radio group of choices counts by its checked option.
    let facts = observed(&create_dialog("Acme", Some(radio("1 year", "Expiration", true))));
    assert_eq!(facts.expiry, "1 year");
    // Recognised by meaning, as the guide recognises the control: a
    // "Key lifetime" caption is one, though it does not start "expir".
    let facts = observed(&create_dialog("Acme", Some(radio("90 days", "Key lifetime", true))));
    assert_eq!(facts.expiry, "90 days");
    let mut list = in_dialog(element("combobox", "Key expires", ""));
    list.value_text = "30 days".into();
    assert_eq!(observed(&create_dialog("Acme", Some(list))).expiry, "30 days");
    for (text, expected) in [
        ("30 days", Some(T0 + 30.0 * DAY)),
        ("1 week", Some(T0 + 7.0 * DAY)),
        ("3 months", Some(T0 + 90.0 * DAY)),
        ("2027-01-31", None),
        ("Jan 31, 2027", None),
        ("Never", None),
        ("No expiration", None),
        ("", None),
        ("2027-13-01", None),
    ] {
        assert_eq!(expiry_ms(text, T0), expected, "{text}");
    }
}

/// The 2026 practice dialog's Expiration list as page-facts.js reports it
/// (tests/fixtures/expiration-select.json; tests/unit checks that report).
#[test]
fn the_expiration_list_s_chosen_option_is_the_record_s_expiry_and_a_prompt_is_no_choice() {
    use crate::guide::policies::{expiration, Expiration};
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/fixtures/expiration-select.json")).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let state = case["state"].as_str().unwrap();
        let mut list: ElementFact = serde_json::from_value(case["reported"].clone()).unwrap();
        list.dialog = Some(0);
        list.rect = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
        let report = create_dialog("Acme", Some(list));
        let standing = expiration(&report, &|e| e.dialog == Some(0));
        match case["chosen"].as_bool().unwrap() {
            true => assert_eq!(standing, Expiration::Chosen, "{state}"),
            false => {
                assert!(matches!(standing, Expiration::Unchosen(e) if e.role == "combobox"), "{state}: {standing:?}")
            }
        }
        let (record, _) = filled_record(&report, "https://cloud.innoslate.com", "r1");
        assert_eq!(record.expiry, case["expiry"].as_str().unwrap(), "{state}");
        assert_eq!(record.expires_ms, case["days"].as_f64().map(|d| T0 + d * DAY), "{state}");
    }
}

#[test]
fn only_a_lifetime_never_or_a_date_is_kept_as_the_expiry() {
    let list = |shown: &str| {
        let mut e = in_dialog(element("combobox", "Expiration", ""));
        e.label = "Expiration".into();
        e.value_text = shown.into();
        e.options = vec!["Select an expiration".into(), shown.into()];
        observed(&create_dialog("Acme", Some(e))).expiry
    };
    for kept in [
        "30 days",
        "2 weeks",
        "6 months",
        "1 year",
        "Never",
        "No expiration",
        "2027-01-31",
        "Jan 31, 2027",
        "31/01/2027",
    ] {
        assert_eq!(list(kept), kept);
    }
    for dropped in
        ["Select an expiration", "Custom", "Custom date", "Choose\u{2026}", "Keys expire after 90 days", "7", "Soon"]
    {
        assert_eq!(list(dropped), "", "{dropped}");
    }
    // A list named by aria-labelledby (no label element) is found by its name.
    let mut custom = in_dialog(element("combobox", "Expires in", ""));
    custom.value_text = "90 days".into();
    assert_eq!(observed(&create_dialog("Acme", Some(custom))).expiry, "90 days");
}

#[test]
fn a_closed_dialog_keeps_its_choices_and_a_new_one_replaces_them() {
    let mut facts = observed(&create_dialog("Acme", None));
    let keys_page = PageReport { url: "https://platform.openai.com/api-keys".into(), ..Default::default() };
    facts.observe(&keys_page);
    assert_eq!(facts.owner, "Service account");
    let mut again = create_dialog("Acme", None);
    again.elements.retain(|e| e.section != "Permissions");
    facts.observe(&again);
    assert_eq!((facts.owner.as_str(), facts.permissions.as_str()), ("Service account", ""));
    // Another site's report changes nothing.
    let other = PageReport { url: "https://cloud.innoslate.com/".into(), ..create_dialog("Personal", None) };
    facts.observe(&other);
    assert_eq!(facts.organization, "Acme");
}

#[test]
fn a_personal_organization_is_told_from_the_page_or_the_api() {
    let mut t = Tracker::default();
    t.observe(&create_dialog("Personal", None));
    t.hold(true, T0, "sk-...wXyZ".into());
    assert!(t.personal());
    let mut t = Tracker::default();
    t.observe(&create_dialog("Acme", None));
    t.hold(true, T0, "sk-...wXyZ".into());
    assert!(!t.personal());
    t.checked(LiveVerdict::Works, "user-abc123", T0 + 1.0);
    assert!(t.personal());
    let (_, secret) = accept_key(&project_key()).unwrap();
    let page = PageKey { tab: 1, document: None, url: "https://cloud.innoslate.com/p".into() };
    let r = t.filled(&secret, "r3", "", "https://cloud.innoslate.com".into(), vec![], page, None);
    assert!(r.personal);
    assert_eq!(r.api_organization, "user-abc123");
    assert_eq!((r.live, r.live_ms), (Some(LiveVerdict::Works), Some(T0 + 1.0)));
    // A button named "Personal" in the platform's switcher counts too.
    let switcher = PageReport {
        url: "https://platform.openai.com/api-keys".into(),
        elements: vec![element("button", "Personal", "")],
        ..Default::default()
    };
    assert_eq!(observed(&switcher).organization, "Personal");
    assert!(!page::is_personal("Acme", "org-practice"));
}

#[test]
fn page_texts_are_cleaned_and_bounded() {
    assert_eq!(clean("  Acme \u{201c}R&D\u{201d}\n team <b>  "), "Acme R&D team b");
    assert_eq!(clean("Caf\u{e9} M\u{fc}ller"), "Caf\u{e9} M\u{fc}ller");
    assert_eq!(clean("\u{1f511} Keys\u{200b}!"), "Keys");
    assert_eq!(clean(&"x".repeat(500)).chars().count(), MAX_TEXT);
    // Text that may hold a secret is left out whole.
    assert_eq!(clean(&format!("name {}", project_key())), "");
    let mut facts = observed(&create_dialog(&format!("Org {}", "y".repeat(200)), None));
    assert_eq!(facts.organization.chars().count(), MAX_TEXT);
    facts.observe(&create_dialog("<script>alert(1)</script>", None));
    assert_eq!(facts.organization, "scriptalert(1)/script");
}

#[test]
fn the_save_counts_only_for_the_filled_page_and_form() {
    let (record, mut t) = filled_record(&create_dialog("Acme", None), "https://cloud.innoslate.com", "r1");
    let other_tab = PageKey {
        tab: 4,
        document: Some("doc".into()),
        url: "https://cloud.innoslate.com/acme/admin/preferences".into(),
    };
    assert_eq!(t.submitted(&other_tab, 7), None);
    let page = PageKey { tab: 3, ..other_tab };
    assert_eq!(t.submitted(&page, 8), None);
    let saved = t.submitted(&page, 7).expect("the filled form's Save");
    assert!(saved.saved);
    assert_eq!(saved.id, record.id);
    assert_eq!(t.submitted(&page, 7), None, "once");
}

#[test]
fn records_name_their_origin() {
    let (a, _) = filled_record(&create_dialog("Acme", None), "https://cloud.innoslate.com", "a");
    let (b, _) = filled_record(&create_dialog("Acme", None), "https://innoslate.example.test", "b");
    assert_eq!(a.origin, "https://cloud.innoslate.com");
    assert_eq!(b.origin, "https://innoslate.example.test");
}

#[test]
fn reminders_follow_the_clock() {
    let expires = T0 + 20.0 * DAY;
    let at = |days_before: f64, last: u8| remind(Some(expires), expires - days_before * DAY, 14, last);
    // Outside the window: nothing shown, look again when a day passes.
    let far = at(20.0, 0);
    assert_eq!((far.state, far.days_left, far.badge.as_str(), far.notice), (ExpiryState::Later, Some(20), "", None));
    assert_eq!(far.next_ms, Some(expires - 19.0 * DAY));
    // 14 days before: the badge and the first notification.
    let first = at(14.0, 0);
    assert_eq!((first.state, first.badge.as_str(), first.notice), (ExpiryState::Soon, "14d", Some(14)));
    // Shown once: not again the same day or the next.
    assert_eq!(at(13.5, 14).notice, None);
    assert_eq!(at(8.0, 14).notice, None);
    assert_eq!(at(7.0, 14).notice, Some(7));
    assert_eq!(at(1.0, 7).notice, Some(1));
    assert_eq!(at(0.5, 1).notice, None);
    assert_eq!(at(0.5, 1).badge, "1d");
    // A browser closed through the 14 and 7 marks gets one notification, the latest.
    assert_eq!(at(3.0, 0).notice, Some(7));
    // Expired: shown as such, nothing more to schedule.
    let past = at(-2.0, 1);
    assert_eq!(
        (past.state, past.days_left, past.badge.as_str(), past.notice, past.next_ms),
        (ExpiryState::Expired, Some(0), "!", None, None)
    );
    // The organization's reminder window moves the badge, not the notifications.
    let short = remind(Some(expires), expires - 10.0 * DAY, 5, 0);
    assert_eq!((short.state, short.badge.as_str(), short.notice), (ExpiryState::Later, "", Some(14)));
    // No expiry: nothing runs.
    let unknown = remind(None, T0, 14, 0);
    assert_eq!(
        (unknown.state, unknown.days_left, unknown.notice, unknown.next_ms),
        (ExpiryState::Unknown, None, None, None)
    );
    assert_eq!(NOTICE_DAYS, [14, 7, 1]);
}

#[test]
fn the_settings_menu_s_organization_links_are_not_the_organization() {
    let mut limits = element("link", "Limits", "Organization");
    limits.role = "link".into();
    let menu = PageReport {
        url: "https://platform.openai.com/settings/organization/general".into(),
        elements: vec![element("link", "General", "Organization"), limits],
        ..Default::default()
    };
    assert_eq!(observed(&menu).organization, "");
    let mut switcher = element("combobox", "Acme Research", "");
    switcher.label = "Organization".into();
    let with_switcher = PageReport { elements: vec![switcher], ..menu };
    assert_eq!(observed(&with_switcher).organization, "Acme Research");
}

/// The keys table's row with the key's masked form names the key: the
/// held one before the fill, or the recorded one after it, which comes
/// back to be kept again.
#[test]
fn the_keys_table_names_the_key_by_its_masked_form() {
    let row = |name: &str, masked: &str| ElementFact {
        row: vec![name.into(), masked.into(), "Dec 6, 2026".into()],
        ..element("button", "Revoke secret key", "")
    };
    let table = |rows: Vec<ElementFact>| PageReport {
        url: "https://platform.openai.com/api-keys".into(),
        elements: rows,
        ..Default::default()
    };
    let (_, secret) = accept_key(&project_key()).unwrap();
    let page = PageKey { tab: 3, document: None, url: "https://cloud.innoslate.com/p".into() };
    // Before the fill.
    let mut t = Tracker::default();
    t.hold(true, T0, openai_masked(&secret));
    assert_eq!(t.observe(&table(vec![row("Innoslate", "sk-...7fGh"), row("Innoslate 2027", "sk-...wXyZ")])), None);
    let r = t.filled(&secret, "r4", "rec-a", "https://cloud.innoslate.com".into(), vec![], page.clone(), None);
    assert_eq!((r.name.as_str(), r.replaces.as_str()), ("Innoslate 2027", "rec-a"));
    // After it: the record comes back once, named.
    let mut t = Tracker::default();
    t.hold(false, T0, openai_masked(&secret));
    let r = t.filled(&secret, "r5", "", "https://cloud.innoslate.com".into(), vec![], page, None);
    assert_eq!(r.name, "");
    assert_eq!(t.observe(&table(vec![row("Innoslate", "sk-...7fGh")])), None, "not listed yet");
    let named = t.observe(&table(vec![row("Innoslate", "sk-...7fGh"), row("Chat key", "sk-...wXyZ")])).unwrap();
    assert_eq!((named.id.as_str(), named.name.as_str()), ("r5", "Chat key"));
    assert_eq!(t.observe(&table(vec![row("Chat key", "sk-...wXyZ")])), None, "named already");
}
