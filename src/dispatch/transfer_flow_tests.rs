//! The key's whole path through the core: captured on OpenAI's dialog, held,
//! offered to the Innoslate page, released only there, wiped after the fill.
//! Sender helpers (`own`, `tab`, `popup`) come from the parent test module.

use super::*;
use crate::guide::progress::TabProgress;
use crate::page_report::{DialogFact, ElementFact, PageReport, Rect};
use crate::transfer::Transfer;

const SAVE_URL: &str = "https://platform.openai.com/api-keys";
const PREFS: &str = "https://cloud.innoslate.com/acme/admin/preferences";
const T0: f64 = 1_000_000.0;

fn key() -> String {
    format!("sk-proj-{}T3BlbkFJ{}", "Ab3_".repeat(18) + "xy", "Zq9-".repeat(18) + "wv")
}
fn at_step_11() -> Context {
    Context {
        progress: TabProgress { step: Some("save-your-key".into()), ..Default::default() },
        now_ms: T0,
        ..Default::default()
    }
}
fn now(ms: f64) -> Context {
    Context { now_ms: ms, ..Default::default() }
}
fn capture(input: &str, confirm: bool) -> Request {
    Request::CaptureKey { v: 1, key: zeroize::Zeroizing::new(input.to_string()), confirm }
}
fn field(id: u32, label: &str, section: &str) -> ElementFact {
    ElementFact {
        id,
        role: "textbox".into(),
        name: label.into(),
        label: label.into(),
        section: section.into(),
        rect: Rect { x: 0.0, y: 0.0, width: 200.0, height: 24.0 },
        ..Default::default()
    }
}
fn prefs_report(url: &str, fields: Vec<ElementFact>) -> Request {
    let mut elements = fields;
    let save = ElementFact {
        id: 99,
        role: "button".into(),
        name: "Save".into(),
        rect: Rect { x: 0.0, y: 0.0, width: 60.0, height: 24.0 },
        ..Default::default()
    };
    elements.push(save);
    Request::PageReport {
        v: 1,
        report: PageReport {
            url: url.into(),
            headings: vec!["Organization Preferences".into()],
            elements,
            ..Default::default()
        },
    }
}
fn two_fields() -> Vec<ElementFact> {
    vec![
        field(1, "OpenAI API Key", "Chat AI"),
        field(2, "OpenAI API Key", "Image AI"),
        field(3, "AskSage API Key", "AskSage"),
    ]
}
fn go(t: &mut Transfer, request: Request, sender: &SenderFacts, ctx: Context) -> Outcome {
    handle(Ok(request), sender, &own(), ctx, t)
}
fn captured() -> Transfer {
    let mut t = Transfer::default();
    let out = go(&mut t, capture(&format!("  \"{}\"\n", key()), false), &tab(SAVE_URL), at_step_11());
    assert!(matches!(out.reply, Reply::Captured { ok: true, .. }), "{:?}", out.reply);
    t
}
fn offer_and_release(t: &mut Transfer, url: &str, ctx: Context) -> Outcome {
    go(t, prefs_report(url, two_fields()), &tab(url), now(ctx.now_ms));
    go(t, Request::ReleaseKey { v: 1 }, &tab(url), ctx)
}

#[test]
fn capture_holds_the_key_and_opens_innoslate() {
    let mut t = Transfer::default();
    let out = go(&mut t, capture(&key(), false), &tab(SAVE_URL), at_step_11());
    match &out.reply {
        Reply::Captured { ok: true, vault } => {
            assert_eq!(vault.destination, "https://cloud.innoslate.com");
            assert!(vault.masked.starts_with("sk-proj-") && vault.masked.ends_with("-wv"));
            assert_eq!(vault.expires_at_ms, T0 + 600_000.0);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        out.effects,
        vec![Effect::PersistVault, Effect::OpenDestination { url: "https://cloud.innoslate.com/".into() }]
    );
    assert!(!format!("{:?}", out.reply).contains(&key()));
    assert!(
        out.progress.expect("progress changed").done.contains(&"save-your-key".to_string()),
        "the capture proves the last step"
    );
}

#[test]
fn capture_only_from_the_save_dialog_on_openai() {
    let mut t = Transfer::default();
    let elsewhere = go(&mut t, capture(&key(), false), &tab(SAVE_URL), now(T0));
    assert!(matches!(elsewhere.reply, Reply::Error { code: "not_allowed", .. }));
    let from_innoslate = go(&mut t, capture(&key(), false), &tab(PREFS), at_step_11());
    assert!(matches!(from_innoslate.reply, Reply::Error { code: "not_allowed", .. }));
    let from_frame =
        go(&mut t, capture(&key(), false), &SenderFacts { frame_id: Some(1), ..tab(SAVE_URL) }, at_step_11());
    assert!(matches!(from_frame.reply, Reply::Error { code: "not_top_frame", .. }));
    assert!(t.vault.info(T0).is_none());
}

#[test]
fn bad_or_unfamiliar_keys_are_explained_not_held() {
    let mut t = Transfer::default();
    let masked = go(&mut t, capture("sk-...abcd", false), &tab(SAVE_URL), at_step_11());
    match masked.reply {
        Reply::KeyCheck { ok: false, needs_confirmation: false, report } => {
            assert_eq!(report.verdict, Verdict::Invalid)
        }
        other => panic!("{other:?}"),
    }
    let odd = format!("sk-svcacct-{}T3BlbkFJ{}", "a".repeat(46), "b".repeat(46));
    let asked = go(&mut t, capture(&odd, false), &tab(SAVE_URL), at_step_11());
    assert!(matches!(asked.reply, Reply::KeyCheck { ok: false, needs_confirmation: true, .. }));
    assert!(t.vault.info(T0).is_none());
    let confirmed = go(&mut t, capture(&odd, true), &tab(SAVE_URL), at_step_11());
    assert!(matches!(confirmed.reply, Reply::Captured { ok: true, .. }));
}

#[test]
fn innoslate_page_gets_a_choice_between_chat_and_image_fields() {
    let mut t = captured();
    let out = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0));
    let Reply::Guide { ok: true, overlay: Some(o) } = out.reply else { panic!("{:?}", out.reply) };
    let plan = o.fill.expect("a fill plan");
    assert!(plan.auto.is_empty());
    let labels: Vec<_> = plan.choices.iter().map(|c| (c.label, c.fields.clone())).collect();
    assert_eq!(labels, vec![("Chat AI", vec![1]), ("Image AI", vec![2]), ("Both", vec![1, 2])]);
    let one = go(&mut t, prefs_report(PREFS, vec![field(5, "OpenAI API Key", "Chat AI")]), &tab(PREFS), now(T0));
    let Reply::Guide { overlay: Some(o), .. } = one.reply else { panic!() };
    assert_eq!(o.fill.unwrap().auto, vec![5]);
}

#[test]
fn without_a_key_field_the_guide_leads_to_preferences() {
    let mut t = captured();
    let home = PageReport {
        url: "https://cloud.innoslate.com/".into(),
        elements: vec![ElementFact {
            id: 0,
            role: "link".into(),
            name: "Admin Dashboard".into(),
            rect: Rect { x: 0.0, y: 0.0, width: 9.0, height: 9.0 },
            ..Default::default()
        }],
        ..Default::default()
    };
    let out = go(&mut t, Request::PageReport { v: 1, report: home }, &tab("https://cloud.innoslate.com/"), now(T0));
    let Reply::Guide { overlay: Some(o), .. } = out.reply else { panic!() };
    assert_eq!((o.step, o.target, o.progress.as_str()), ("open-admin-dashboard", Some(0), "Innoslate step 1 of 4"));
    // Nothing recognisable: explain, and let the admin click the field.
    let other = go(
        &mut t,
        prefs_report("https://cloud.innoslate.com/acme/admin/other", vec![]),
        &tab("https://cloud.innoslate.com/acme/admin/other"),
        now(T0),
    );
    let Reply::Guide { overlay: Some(o), .. } = other.reply else { panic!() };
    assert!(o.fill.unwrap().pick);
}

#[test]
fn release_only_to_the_offered_page_on_the_exact_origin() {
    let mut t = captured();
    for url in [
        "https://cloud.innoslate.com.example.net/acme/admin/preferences",
        "https://cloud-innoslate.com/acme/admin/preferences",
        "http://cloud.innoslate.com/acme/admin/preferences",
    ] {
        let out = offer_and_release(&mut t, url, now(T0));
        assert!(matches!(out.reply, Reply::Error { code: "not_allowed", .. }), "{url}: {:?}", out.reply);
    }
    let framed = go(&mut t, Request::ReleaseKey { v: 1 }, &SenderFacts { frame_id: Some(4), ..tab(PREFS) }, now(T0));
    assert!(matches!(framed.reply, Reply::Error { code: "not_top_frame", .. }));
    // Right origin, but a page that never showed a key field.
    let other = go(&mut t, Request::ReleaseKey { v: 1 }, &tab("https://cloud.innoslate.com/acme/admin/other"), now(T0));
    assert!(matches!(other.reply, Reply::Error { code: "no_fill_offered", .. }));
    let from_popup = go(&mut t, Request::ReleaseKey { v: 1 }, &popup(), now(T0));
    assert!(matches!(from_popup.reply, Reply::Error { code: "not_allowed", .. }));

    let out = offer_and_release(&mut t, PREFS, now(T0));
    match out.reply {
        Reply::Released { ok: true, key: k } => assert_eq!(serde_json::to_value(&k).unwrap(), serde_json::json!(key())),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fill_done_wipes_the_key_and_reminds_to_save() {
    let mut t = captured();
    offer_and_release(&mut t, PREFS, now(T0));
    let done = go(&mut t, Request::FillDone { v: 1, filled: 1 }, &tab(PREFS), now(T0));
    assert_eq!(done.effects, vec![Effect::ClearVault]);
    assert!(t.vault.info(T0).is_none());
    let again = offer_and_release(&mut t, PREFS, now(T0));
    assert!(matches!(again.reply, Reply::Error { .. }), "the key is gone: {:?}", again.reply);
    let report = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0 + 1000.0));
    let Reply::Guide { overlay: Some(o), .. } = report.reply else { panic!() };
    assert_eq!((o.step, o.target), ("press-save", Some(99)));
    go(&mut t, Request::GuideAction { v: 1, action: GuideAction::Done, tab_id: None }, &tab(PREFS), now(T0));
    assert!(matches!(
        go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)).reply,
        Reply::Guide { overlay: None, .. }
    ));
}

#[test]
fn an_expired_key_is_gone() {
    let mut t = captured();
    let report = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0 + 600_000.0));
    assert_eq!(report.effects, vec![Effect::ClearVault], "the mirrored copy goes too");
    assert!(matches!(report.reply, Reply::Guide { overlay: None, .. }), "no fill offered once expired");
    let late = go(&mut t, Request::ReleaseKey { v: 1 }, &tab(PREFS), now(T0 + 600_000.0));
    assert!(matches!(late.reply, Reply::Error { .. }), "{:?}", late.reply);
    let status = go(&mut t, Request::VaultStatus { v: 1 }, &popup(), now(T0 + 600_000.0));
    assert!(matches!(status.reply, Reply::Vault { vault: None, .. }));
}

#[test]
fn popup_sees_masked_status_and_can_clear() {
    let mut t = captured();
    let status = go(&mut t, Request::VaultStatus { v: 1 }, &popup(), now(T0 + 1.0));
    let Reply::Vault { vault: Some(v), destination, .. } = status.reply else { panic!() };
    assert_eq!((destination.as_str(), v.kind), ("https://cloud.innoslate.com", crate::key::KeyKind::Project));
    let content = go(&mut t, Request::VaultStatus { v: 1 }, &tab(PREFS), now(T0));
    assert!(matches!(content.reply, Reply::Error { code: "not_allowed", .. }));
    let cleared = go(&mut t, Request::ClearVault { v: 1 }, &popup(), now(T0));
    assert_eq!(cleared.effects, vec![Effect::ClearVault]);
    assert!(t.vault.info(T0).is_none());
}

#[test]
fn a_self_hosted_destination_replaces_the_cloud() {
    let mut t = Transfer::default();
    let ctx = Context { destination: Some("https://innoslate.example.test".into()), ..at_step_11() };
    let out = go(&mut t, capture(&key(), false), &tab(SAVE_URL), ctx);
    assert_eq!(out.effects[1], Effect::OpenDestination { url: "https://innoslate.example.test/".into() });
    let own_url = "https://innoslate.example.test/acme/admin/preferences";
    let dest = Context { destination: Some("https://innoslate.example.test".into()), now_ms: T0, ..Default::default() };
    let cloud_report = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), dest.clone());
    assert!(matches!(cloud_report.reply, Reply::Error { code: "wrong_site", .. }));
    let cloud = go(&mut t, Request::ReleaseKey { v: 1 }, &tab(PREFS), dest.clone());
    assert!(matches!(cloud.reply, Reply::Error { code: "not_allowed", .. }));
    go(&mut t, prefs_report(own_url, two_fields()), &tab(own_url), dest.clone());
    assert!(matches!(go(&mut t, Request::ReleaseKey { v: 1 }, &tab(own_url), dest).reply, Reply::Released { .. }));
    let insecure = Context { destination: Some("http://innoslate.example.test".into()), ..at_step_11() };
    assert!(matches!(
        go(&mut Transfer::default(), capture(&key(), false), &tab(SAVE_URL), insecure).reply,
        Reply::Error { code: "bad_destination", .. }
    ));
}

#[test]
fn the_save_dialog_overlay_offers_capture_from_the_key_field() {
    let mut t = Transfer::default();
    let report = PageReport {
        url: SAVE_URL.into(),
        dialogs: vec![DialogFact { name: "Save your key".into(), modal: true }],
        elements: vec![ElementFact {
            id: 4,
            role: "textbox".into(),
            dialog: Some(0),
            has_value: true,
            read_only: true,
            rect: Rect { x: 0.0, y: 0.0, width: 300.0, height: 30.0 },
            ..Default::default()
        }],
        ..Default::default()
    };
    let out = go(&mut t, Request::PageReport { v: 1, report }, &tab(SAVE_URL), now(T0));
    let Reply::Guide { overlay: Some(o), .. } = out.reply else { panic!() };
    let c = o.capture.expect("capture offered");
    assert_eq!((c.from, c.label), (4, "Send key to Innoslate"));
}

fn send_pasted(input: &str, confirm: bool) -> Request {
    Request::SendKey { v: 1, key: zeroize::Zeroizing::new(input.to_string()), confirm }
}

#[test]
fn a_key_pasted_in_the_popup_takes_the_captured_key_s_way() {
    let mut t = Transfer::default();
    let out = go(&mut t, send_pasted(&key(), false), &popup(), now(T0));
    let Reply::Captured { ok: true, vault } = &out.reply else { panic!("{:?}", out.reply) };
    assert_eq!(vault.destination, "https://cloud.innoslate.com");
    assert_eq!(
        out.effects,
        vec![Effect::PersistVault, Effect::OpenDestination { url: "https://cloud.innoslate.com/".into() }]
    );
    // ...and is released only to the Innoslate page that was offered a fill.
    let released = offer_and_release(&mut t, PREFS, now(T0 + 1.0));
    assert!(matches!(released.reply, Reply::Released { ok: true, .. }), "{:?}", released.reply);
}

#[test]
fn a_pasted_key_gets_the_same_refusals() {
    let mut t = Transfer::default();
    // Not usable: nothing is held.
    let out = go(&mut t, send_pasted("sk-...abcd", false), &popup(), now(T0));
    assert!(matches!(out.reply, Reply::KeyCheck { ok: false, needs_confirmation: false, .. }));
    assert!(t.vault.info(T0).is_none());
    // An unfamiliar shape waits for the admin's confirmation.
    let odd = format!("sk-proj-{}T3BlbkFJ{}", "a1".repeat(20), "b2".repeat(20));
    let out = go(&mut t, send_pasted(&odd, false), &popup(), now(T0));
    assert!(matches!(out.reply, Reply::KeyCheck { needs_confirmation: true, .. }), "{:?}", out.reply);
    assert!(t.vault.info(T0).is_none());
    let out = go(&mut t, send_pasted(&odd, true), &popup(), now(T0));
    assert!(matches!(out.reply, Reply::Captured { ok: true, .. }), "{:?}", out.reply);
    // A plain-http destination is refused here as for a captured key.
    let mut t = Transfer::default();
    let ctx = Context { destination: Some("http://cloud.innoslate.com".into()), ..now(T0) };
    let out = go(&mut t, send_pasted(&key(), false), &popup(), ctx);
    assert!(matches!(out.reply, Reply::Error { code: "bad_destination", .. }), "{:?}", out.reply);
    assert!(t.vault.info(T0).is_none());
}

#[test]
fn only_our_own_pages_may_send_a_pasted_key() {
    for sender in [tab(SAVE_URL), tab(PREFS)] {
        let mut t = Transfer::default();
        let out = go(&mut t, send_pasted(&key(), false), &sender, now(T0));
        assert!(matches!(out.reply, Reply::Error { code: "not_allowed", .. }), "{:?}", out.reply);
        assert!(t.vault.info(T0).is_none());
    }
}
