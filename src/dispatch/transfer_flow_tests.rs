//! The key's whole path through the core: captured on OpenAI's dialog, held,
//! offered to the recognised Innoslate page, released only there and only
//! for that offer, wiped after the fill.
//! Sender helpers (`own`, `tab`, `popup`) come from the parent test module;
//! `tab` is tab 1 with no document id (as Firefox reports it).

use super::*;
use crate::guide::progress::TabProgress;
use crate::guide::Advice;
use crate::key::Verdict;
use crate::live_check::{self, Policy as LivePolicy};
use crate::message_words::said;
use crate::page_report::{DialogFact, ElementFact, PageReport, Rect};
use crate::protocol::Overlay;
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
const NONCE: &str = "offer-1";
fn now(ms: f64) -> Context {
    Context { now_ms: ms, offer_nonce: NONCE.into(), ..Default::default() }
}
fn nonce(ms: f64, nonce: &str) -> Context {
    Context { now_ms: ms, offer_nonce: nonce.into(), ..Default::default() }
}
fn in_tab(url: &str, tab_id: i64, document: Option<&str>) -> SenderFacts {
    SenderFacts { tab_id: Some(tab_id), document_id: document.map(String::from), ..tab(url) }
}
fn release(offer: &str, fields: &[u32]) -> Request {
    Request::ReleaseKey { v: 1, offer: offer.into(), fields: fields.to_vec() }
}
fn fill_done(offer: &str, filled: u32) -> Request {
    Request::FillDone { v: 1, offer: offer.into(), filled }
}
fn code_of(out: &Answer) -> Option<ErrorCode> {
    match out.reply {
        Reply::Error { code, .. } => Some(code),
        _ => None,
    }
}
fn overlay_of(out: Answer) -> Overlay {
    match out.reply {
        Reply::Guide { ok: true, overlay: Some(o), paused: false } => o,
        other => panic!("{other:?}"),
    }
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
        form: Some(1),
        rect: Rect { x: 0.0, y: 0.0, width: 200.0, height: 24.0 },
        ..Default::default()
    }
}
fn button(id: u32, name: &str, form: Option<u32>) -> ElementFact {
    ElementFact {
        id,
        role: "button".into(),
        name: name.into(),
        form,
        submit: form.is_some(),
        rect: Rect { x: 0.0, y: 0.0, width: 60.0, height: 24.0 },
        ..Default::default()
    }
}
fn page_report(url: &str, headings: &[&str], mut elements: Vec<ElementFact>) -> Request {
    // A "Save" outside the form (someone's banner) comes first; the form's own last.
    elements.insert(0, button(98, "Save", None));
    elements.push(button(99, "Save", Some(1)));
    let headings = headings.iter().map(|h| h.to_string()).collect();
    Request::PageReport { v: 1, report: PageReport { url: url.into(), headings, elements, ..Default::default() } }
}
fn prefs_report(url: &str, fields: Vec<ElementFact>) -> Request {
    page_report(url, &["Organization Preferences", "Chat AI", "Image AI", "AskSage"], fields)
}
fn two_fields() -> Vec<ElementFact> {
    vec![
        field(1, "OpenAI API Key", "Chat AI"),
        field(2, "OpenAI API Key", "Image AI"),
        field(3, "AskSage API Key", "AskSage"),
    ]
}
fn go(t: &mut Transfer, request: Request, sender: &SenderFacts, ctx: Context) -> Answer {
    handle(Ok(request), sender, &own(), ctx, t)
}
fn captured() -> Transfer {
    let mut t = Transfer::default();
    let out = go(&mut t, capture(&format!("  \"{}\"\n", key()), false), &tab(SAVE_URL), at_step_11());
    assert!(matches!(out.reply, Reply::Captured { ok: true, .. }), "{:?}", out.reply);
    t
}
fn offer_and_release(t: &mut Transfer, url: &str, ctx: Context) -> Answer {
    go(t, prefs_report(url, two_fields()), &tab(url), now(ctx.now_ms));
    go(t, release(NONCE, &[1]), &tab(url), ctx)
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
    assert!(matches!(elsewhere.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
    let from_innoslate = go(&mut t, capture(&key(), false), &tab(PREFS), at_step_11());
    assert!(matches!(from_innoslate.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
    let from_frame =
        go(&mut t, capture(&key(), false), &SenderFacts { frame_id: Some(1), ..tab(SAVE_URL) }, at_step_11());
    assert!(matches!(from_frame.reply, Reply::Error { code: ErrorCode::NotTopFrame, .. }));
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
fn preferences_get_fill_buttons_and_nothing_is_filled_without_a_click() {
    let mut t = captured();
    let out = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0));
    assert!(out.effects.is_empty());
    let o = overlay_of(out);
    assert_eq!(o.step, "fill-key");
    // The callout keeps every field a Fill button fills in view, the one
    // pointed at aside.
    let mut in_view = o.keep_clear.clone();
    in_view.extend(o.target);
    in_view.sort_unstable();
    assert_eq!(in_view, vec![1, 2], "target {:?}, keep clear {:?}", o.target, o.keep_clear);
    let plan = o.fill.expect("a fill plan");
    assert_eq!((plan.offer.as_str(), plan.pick), (NONCE, false));
    let labels: Vec<_> = plan.choices.iter().map(|c| (said(c.label), c.fields.clone())).collect();
    assert_eq!(
        labels,
        [("Fill Chat AI", vec![1]), ("Fill Image AI", vec![2]), ("Fill Both", vec![1, 2])]
            .map(|(l, f)| (l.to_string(), f))
    );
    // One field is a choice too: never filled at once.
    let one = go(&mut t, prefs_report(PREFS, vec![field(5, "OpenAI API Key", "OpenAI")]), &tab(PREFS), now(T0));
    let plan = overlay_of(one).fill.expect("a fill plan");
    assert_eq!(
        plan.choices.iter().map(|c| (said(c.label), c.fields.clone())).collect::<Vec<_>>(),
        vec![("Fill the key field".to_string(), vec![5])]
    );
    // The key is still held: only a release_key gives it out.
    assert!(t.vault.info(T0).is_some());
}

#[test]
fn a_key_field_on_another_page_of_the_origin_gets_only_the_warning_and_pick() {
    let mut t = captured();
    let url = "https://cloud.innoslate.com/acme/p/7/discussions/42";
    let report = page_report(url, &["Discussion: AI rollout"], vec![field(1, "OpenAI API Key", "Chat AI")]);
    let o = overlay_of(go(&mut t, report, &tab(url), now(T0)));
    assert_eq!((o.step, o.target), ("fill-unrecognised", None));
    assert!(
        o.instruction.text().starts_with("This page does not look like Organization Preferences."),
        "{}",
        o.instruction
    );
    let plan = o.fill.expect("pick offered");
    assert!(plan.pick && plan.choices.is_empty());
    // The admin picks a field: one field, by their own click.
    assert_eq!(code_of(&go(&mut t, release(NONCE, &[1, 2]), &tab(url), now(T0))), Some(ErrorCode::FieldsNotOffered));
    assert!(matches!(go(&mut t, release(NONCE, &[1]), &tab(url), now(T0)).reply, Reply::Released { .. }));
}

#[test]
fn preferences_whose_key_field_cannot_be_told_say_so_and_offer_only_the_pick() {
    let mut t = captured();
    // Relabelled: "OpenAI secret" is no key field the core knows.
    let report = prefs_report(PREFS, vec![field(1, "OpenAI secret", "Chat AI"), field(2, "OpenAI secret", "Image AI")]);
    let o = overlay_of(go(&mut t, report, &tab(PREFS), now(T0)));
    assert_eq!((o.step, o.target), ("fill-field-not-found", None));
    let words = o.instruction.text();
    assert!(words.starts_with("This is Organization Preferences") && !words.contains("Admin Dashboard"), "{words}");
    let plan = o.fill.expect("pick offered");
    assert!(plan.pick && plan.choices.is_empty());
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
    let o = overlay_of(out);
    assert_eq!(
        (o.step, o.target, o.progress.text().as_str()),
        ("open-admin-dashboard", Some(0), "Innoslate step 1 of 4")
    );
    assert!(o.fill.is_none());
    // Nothing recognisable: explain, and let the admin click the field.
    let other = "https://cloud.innoslate.com/acme/admin/other";
    let o = overlay_of(go(&mut t, page_report(other, &["Projects"], vec![]), &tab(other), now(T0)));
    assert!(o.fill.unwrap().pick);
    // Preferences whose AI settings are not drawn yet: not recognised either.
    let early = page_report(PREFS, &["Organization Preferences"], vec![field(1, "OpenAI API Key", "")]);
    assert_eq!(overlay_of(go(&mut t, early, &tab(PREFS), now(T0))).step, "fill-unrecognised");
}

#[test]
fn no_nonce_no_offer() {
    let mut t = captured();
    let o = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), nonce(T0, "")));
    assert!(o.fill.is_none());
    assert_eq!(code_of(&go(&mut t, release("", &[1]), &tab(PREFS), now(T0))), Some(ErrorCode::NoFillOffered));
}

#[test]
fn release_needs_the_offer_the_exact_page_and_offered_fields() {
    let mut t = captured();
    let chromium = in_tab(PREFS, 1, Some("doc-A"));
    go(&mut t, prefs_report(PREFS, two_fields()), &chromium, now(T0));
    let refused = |t: &mut Transfer, request: Request, sender: &SenderFacts| code_of(&go(t, request, sender, now(T0)));
    assert_eq!(refused(&mut t, release("guessed", &[1]), &chromium), Some(ErrorCode::StaleOffer));
    // The same tab after pushState / a hash change: another page.
    for moved in [format!("{PREFS}#chat"), format!("{PREFS}?tab=2"), "https://cloud.innoslate.com/acme/x".into()] {
        assert_eq!(
            refused(&mut t, release(NONCE, &[1]), &in_tab(&moved, 1, Some("doc-A"))),
            Some(ErrorCode::StaleOffer)
        );
    }
    // The same URL in another document (reloaded) or another tab.
    assert_eq!(refused(&mut t, release(NONCE, &[1]), &in_tab(PREFS, 1, Some("doc-B"))), Some(ErrorCode::StaleOffer));
    assert_eq!(refused(&mut t, release(NONCE, &[1]), &in_tab(PREFS, 2, Some("doc-A"))), Some(ErrorCode::NoFillOffered));
    // The AskSage field, or nothing at all, was never offered.
    assert_eq!(refused(&mut t, release(NONCE, &[3]), &chromium), Some(ErrorCode::FieldsNotOffered));
    assert_eq!(refused(&mut t, release(NONCE, &[]), &chromium), Some(ErrorCode::FieldsNotOffered));
    match go(&mut t, release(NONCE, &[1, 2]), &chromium, now(T0)).reply {
        Reply::Released { ok: true, key: k } => assert_eq!(serde_json::to_value(&k).unwrap(), serde_json::json!(key())),
        other => panic!("{other:?}"),
    }
    // Used once: the offer is gone.
    assert_eq!(refused(&mut t, release(NONCE, &[1]), &chromium), Some(ErrorCode::NoFillOffered));
}

#[test]
fn an_in_page_navigation_voids_the_offer_until_the_page_is_recognised_again() {
    let mut t = captured();
    let first = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert_eq!(first.fill.unwrap().offer, NONCE);
    // The same page reported again keeps its offer.
    let again = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), nonce(T0, "offer-2")));
    assert_eq!(again.fill.unwrap().offer, NONCE);
    // pushState to a discussion: the old offer is void, the new page is not preferences.
    let moved = "https://cloud.innoslate.com/acme/p/7/discussions/42";
    let report = page_report(moved, &["Discussion"], vec![field(1, "OpenAI API Key", "Chat AI")]);
    let o = overlay_of(go(&mut t, report, &tab(moved), nonce(T0, "offer-3")));
    assert_eq!((o.step, o.fill.as_ref().unwrap().offer.as_str()), ("fill-unrecognised", "offer-3"));
    assert_eq!(code_of(&go(&mut t, release(NONCE, &[1]), &tab(moved), now(T0))), Some(ErrorCode::StaleOffer));
    // Back on preferences: recognised again, with a new offer.
    let back = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), nonce(T0, "offer-4")));
    assert_eq!(back.fill.unwrap().offer, "offer-4");
    assert_eq!(code_of(&go(&mut t, release("offer-3", &[1]), &tab(PREFS), now(T0))), Some(ErrorCode::StaleOffer));
    assert!(matches!(go(&mut t, release("offer-4", &[1]), &tab(PREFS), now(T0)).reply, Reply::Released { .. }));
}

#[test]
fn release_only_on_the_exact_origin_in_the_top_frame() {
    let mut t = captured();
    for url in [
        "https://cloud.innoslate.com.example.net/acme/admin/preferences",
        "https://cloud-innoslate.com/acme/admin/preferences",
        "http://cloud.innoslate.com/acme/admin/preferences",
    ] {
        let out = offer_and_release(&mut t, url, now(T0));
        assert_eq!(code_of(&out), Some(ErrorCode::NotAllowed), "{url}");
    }
    let framed = go(&mut t, release(NONCE, &[1]), &SenderFacts { frame_id: Some(4), ..tab(PREFS) }, now(T0));
    assert_eq!(code_of(&framed), Some(ErrorCode::NotTopFrame));
    // Right origin, but a page that never was offered a fill.
    let other = go(&mut t, release(NONCE, &[1]), &tab("https://cloud.innoslate.com/acme/admin/other"), now(T0));
    assert_eq!(code_of(&other), Some(ErrorCode::NoFillOffered));
    assert_eq!(code_of(&go(&mut t, release(NONCE, &[1]), &popup(), now(T0))), Some(ErrorCode::NotAllowed));
    assert!(matches!(offer_and_release(&mut t, PREFS, now(T0)).reply, Reply::Released { .. }));
}

#[test]
fn fill_done_only_from_the_page_the_key_went_to_then_save_in_the_same_form() {
    let mut t = captured();
    offer_and_release(&mut t, PREFS, now(T0));
    assert_eq!(
        code_of(&go(&mut t, fill_done(NONCE, 1), &in_tab(PREFS, 2, None), now(T0))),
        Some(ErrorCode::NotReleasedHere)
    );
    assert_eq!(code_of(&go(&mut t, fill_done("other", 1), &tab(PREFS), now(T0))), Some(ErrorCode::NotReleasedHere));
    let moved = go(&mut t, fill_done(NONCE, 1), &tab(&format!("{PREFS}#x")), now(T0));
    assert_eq!(code_of(&moved), Some(ErrorCode::NotReleasedHere));
    assert!(t.vault.info(T0).is_some(), "a refused fill_done wipes nothing");
    let done = go(&mut t, fill_done(NONCE, 1), &tab(PREFS), now(T0));
    // The key is wiped, and its record (never the key) is kept.
    assert_eq!(done.effects[0], Effect::ClearVault);
    assert!(
        matches!(&done.effects[1..], [Effect::SaveKeyRecord { record }] if record.origin == "https://cloud.innoslate.com")
    );
    assert!(t.vault.info(T0).is_none());
    let again = offer_and_release(&mut t, PREFS, now(T0));
    assert!(matches!(again.reply, Reply::Error { .. }), "the key is gone: {:?}", again.reply);
    // The Save of the filled field's form (99), never the "Save" outside it (98).
    let o = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0 + 1000.0)));
    assert_eq!((o.step, o.target), ("press-save", Some(99)));
    go(&mut t, Request::GuideAction { v: 1, action: GuideAction::Done, tab_id: None }, &tab(PREFS), now(T0));
    assert!(matches!(
        go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)).reply,
        Reply::Guide { overlay: None, paused: false, .. }
    ));
}

/// The preferences with a provider list for Chat AI (10) and radios for
/// Image AI (11-13), each on the named option.
fn with_providers(chat: &str, image: &str) -> Vec<ElementFact> {
    const OPTIONS: [&str; 3] = ["SPEC Innovations (default)", "OpenAI", "AskSage"];
    let mut fields = two_fields();
    let list = ElementFact {
        role: "combobox".into(),
        value_text: chat.into(),
        options: OPTIONS.iter().map(|o| o.to_string()).collect(),
        ..field(10, "Provider", "Chat AI")
    };
    fields.push(list);
    for (i, name) in OPTIONS.into_iter().enumerate() {
        let checked = Some(name == image);
        fields.push(ElementFact { role: "radio".into(), checked, ..field(11 + i as u32, name, "Image AI provider") });
    }
    fields
}

#[test]
fn after_fill_both_each_provider_is_pointed_at_chat_ai_first_then_save() {
    let mut t = captured();
    go(
        &mut t,
        prefs_report(PREFS, with_providers("SPEC Innovations (default)", "SPEC Innovations (default)")),
        &tab(PREFS),
        now(T0),
    );
    assert!(matches!(go(&mut t, release(NONCE, &[1, 2]), &tab(PREFS), now(T0)).reply, Reply::Released { .. }));
    go(&mut t, fill_done(NONCE, 2), &tab(PREFS), now(T0));
    let mut shown = |chat: &str, image: &str| {
        overlay_of(go(&mut t, prefs_report(PREFS, with_providers(chat, image)), &tab(PREFS), now(T0 + 1000.0)))
    };
    let o = shown("SPEC Innovations (default)", "SPEC Innovations (default)");
    assert_eq!((o.step, o.target), ("choose-chat-provider", Some(10)));
    assert!(o.instruction.text().contains("Choose \u{201c}OpenAI\u{201d}"), "{}", o.instruction);
    assert!(o.fill.is_none() && o.target_expected);
    let o = shown("OpenAI", "SPEC Innovations (default)");
    assert_eq!((o.step, o.target), ("choose-image-provider", Some(12)), "the OpenAI radio");
    let o = shown("OpenAI", "OpenAI");
    assert_eq!((o.step, o.target), ("press-save", Some(99)));
    assert!(o.instruction.text().contains("Chat AI and Image AI use it"), "{}", o.instruction);
    // Set back to AskSage before saving: pointed at again.
    assert_eq!(shown("AskSage", "OpenAI").step, "choose-chat-provider");
    // Another tab of the origin sees only the general reminder.
    let elsewhere =
        go(&mut t, prefs_report(PREFS, with_providers("AskSage", "OpenAI")), &in_tab(PREFS, 2, None), now(T0));
    let o = overlay_of(elsewhere);
    assert_eq!((o.step, o.target), ("press-save", None));
}

#[test]
fn after_a_fill_with_no_provider_choice_to_tell_save_comes_with_one_line_to_check() {
    let mut t = captured();
    offer_and_release(&mut t, PREFS, now(T0));
    go(&mut t, fill_done(NONCE, 1), &tab(PREFS), now(T0));
    let o = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0 + 1000.0)));
    assert_eq!((o.step, o.target), ("press-save", Some(99)));
    assert!(o.instruction.text().starts_with("The key is in place. Check that Chat AI is set"), "{}", o.instruction);
}

#[test]
fn pause_on_innoslate_hides_the_reminder_until_resumed() {
    let mut t = captured();
    offer_and_release(&mut t, PREFS, now(T0));
    go(&mut t, fill_done(NONCE, 1), &tab(PREFS), now(T0));
    let action = |action| Request::GuideAction { v: 1, action, tab_id: None };
    let pause = go(&mut t, action(GuideAction::Pause), &tab(PREFS), now(T0));
    let progress = pause.progress.expect("the tab's guide is paused");
    assert!(progress.paused);
    let paused = Context { progress: progress.clone(), ..now(T0 + 1000.0) };
    let hidden = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), paused);
    assert!(matches!(hidden.reply, Reply::Guide { overlay: None, paused: true, .. }), "{:?}", hidden.reply);
    let resume = go(&mut t, action(GuideAction::Resume), &tab(PREFS), Context { progress, ..now(T0) });
    let progress = resume.progress.expect("resumed");
    let back = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), Context { progress, ..now(T0 + 2000.0) });
    assert_eq!(overlay_of(back).step, "press-save", "the reminder was kept for \u{201c}Show guide\u{201d}");
}

#[test]
fn a_page_without_the_form_save_gets_no_save_pointer() {
    let mut t = captured();
    let url = "https://cloud.innoslate.com/acme/notes";
    let mut loose = field(1, "OpenAI API Key", "");
    loose.form = None;
    let report = |f: ElementFact| page_report(url, &["Notes"], vec![f]);
    go(&mut t, report(loose.clone()), &tab(url), now(T0));
    assert!(matches!(go(&mut t, release(NONCE, &[1]), &tab(url), now(T0)).reply, Reply::Released { .. }));
    go(&mut t, fill_done(NONCE, 1), &tab(url), now(T0));
    let o = overlay_of(go(&mut t, report(loose), &tab(url), now(T0)));
    assert_eq!((o.step, o.target), ("press-save", None), "the outside Save (98) is never pointed at");
}

#[test]
fn an_expired_key_is_gone() {
    let mut t = captured();
    let report = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0 + 600_000.0));
    assert_eq!(report.effects, vec![Effect::ClearVault], "the mirrored copy goes too");
    assert!(matches!(report.reply, Reply::Guide { overlay: None, .. }), "no fill offered once expired");
    let late = go(&mut t, release(NONCE, &[1]), &tab(PREFS), now(T0 + 600_000.0));
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
    assert!(matches!(content.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
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
    let dest = Context { destination: Some("https://innoslate.example.test".into()), ..now(T0) };
    let cloud_report = go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), dest.clone());
    assert!(matches!(cloud_report.reply, Reply::Error { code: ErrorCode::WrongSite, .. }));
    let cloud = go(&mut t, release(NONCE, &[1]), &tab(PREFS), dest.clone());
    assert!(matches!(cloud.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
    go(&mut t, prefs_report(own_url, two_fields()), &tab(own_url), dest.clone());
    assert!(matches!(go(&mut t, release(NONCE, &[1]), &tab(own_url), dest).reply, Reply::Released { .. }));
    let insecure = Context { destination: Some("http://innoslate.example.test".into()), ..at_step_11() };
    assert!(matches!(
        go(&mut Transfer::default(), capture(&key(), false), &tab(SAVE_URL), insecure).reply,
        Reply::Error { code: ErrorCode::BadDestination, .. }
    ));
}

#[test]
fn the_save_dialog_overlay_offers_capture_from_the_key_field() {
    let mut t = Transfer::default();
    let report = PageReport {
        url: SAVE_URL.into(),
        dialogs: vec![DialogFact { name: "Save your key".into(), modal: true, ..Default::default() }],
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
    assert_eq!((c.from, crate::message_words::said(c.label).as_str()), (4, "Send key to Innoslate"));
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
    assert!(matches!(out.reply, Reply::Error { code: ErrorCode::BadDestination, .. }), "{:?}", out.reply);
    assert!(t.vault.info(T0).is_none());
}

#[test]
fn only_our_own_pages_may_send_a_pasted_key() {
    for sender in [tab(SAVE_URL), tab(PREFS)] {
        let mut t = Transfer::default();
        let out = go(&mut t, send_pasted(&key(), false), &sender, now(T0));
        assert!(matches!(out.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }), "{:?}", out.reply);
        assert!(t.vault.info(T0).is_none());
    }
}

#[test]
fn a_report_about_another_url_from_the_same_document_voids_the_offer() {
    // Chromium keeps the document's first URL as the sender URL after
    // pushState; the report's own URL shows the move.
    let mut t = captured();
    go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0));
    let moved = "https://cloud.innoslate.com/acme/p/7/discussions/44";
    let report = page_report(moved, &["Discussion"], vec![field(1, "OpenAI API Key", "Chat AI")]);
    let o = overlay_of(go(&mut t, report, &tab(PREFS), nonce(T0, "offer-2")));
    assert_eq!(o.step, "fill-unrecognised");
    assert_eq!(code_of(&go(&mut t, release(NONCE, &[1]), &tab(PREFS), now(T0))), Some(ErrorCode::StaleOffer));
}

// ---- The live key check of the held key ----

fn live_report(works: bool) -> live_check::LiveReport {
    use live_check::replies::{ApiBody, ApiError, ListedModel, Outcome as Answer};
    use live_check::{ProbeId, ProbeResult};
    let models = ["gpt-4o", "dall-e-3"].map(|id| ListedModel { id: id.into() }).to_vec();
    let listed = Answer::Reply { status: 200, body: Some(ApiBody { error: None, data: Some(models) }) };
    let refusal = ApiError { message: Some("Missing scopes: model.request.".into()), kind: None, code: None };
    let moderation = if works {
        Answer::Reply { status: 200, body: Some(ApiBody::default()) }
    } else {
        Answer::Reply { status: 401, body: Some(ApiBody { error: Some(refusal), data: None }) }
    };
    let results = [
        ProbeResult { id: ProbeId::Models, outcome: listed },
        ProbeResult { id: ProbeId::Moderation, outcome: moderation },
    ];
    live_check::report(&results, false)
}
fn with_policy(ms: f64, policy: LivePolicy) -> Context {
    Context { live_check: policy, ..now(ms) }
}
fn live_check_request(credit: bool) -> Request {
    Request::LiveCheck { v: 1, credit }
}

#[test]
fn only_our_own_pages_start_a_test_and_only_of_a_held_key() {
    let mut t = Transfer::default();
    let none = go(&mut t, live_check_request(false), &popup(), now(T0));
    assert_eq!(code_of(&none), Some(ErrorCode::NoKeyPending));
    let mut t = captured();
    for page in [tab(PREFS), tab(SAVE_URL)] {
        let refused = go(&mut t, live_check_request(false), &page, now(T0));
        assert_eq!(code_of(&refused), Some(ErrorCode::NotAllowed), "{page:?}");
        assert!(refused.effects.is_empty());
    }
    let off = go(&mut t, live_check_request(false), &popup(), with_policy(T0, LivePolicy::Off));
    assert_eq!(code_of(&off), Some(ErrorCode::NotAllowed));
    let asked = go(&mut t, live_check_request(true), &popup(), now(T0));
    assert!(matches!(asked.reply, Reply::Done { ok: true }));
    assert_eq!(asked.effects, vec![Effect::LiveCheck { probes: live_check::plan(true), credit: true }]);
}

#[test]
fn the_report_stays_with_its_key_and_shows_in_the_popup_and_the_callout() {
    let mut t = captured();
    // Untested: the callout offers the test and still offers the fill.
    let untested = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert_eq!(untested.advice, vec![Advice::ours(live_check::TEST_OFFER)]);
    assert!(untested.fill.is_some());

    let failing = live_report(false);
    t.record_live_report(failing.clone(), T0);
    let status = go(&mut t, Request::VaultStatus { v: 1 }, &popup(), now(T0));
    let Reply::Vault { live_report: Some(shown), .. } = status.reply else { panic!("{:?}", status.reply) };
    assert_eq!(shown, failing);
    let callout = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert_eq!(callout.advice, failing.advice().into_iter().map(Advice::ours).collect::<Vec<_>>());
    assert!(callout.advice.iter().any(|a| a.text().contains("set Model capabilities itself")), "{:?}", callout.advice);
    // The test is advice: under "ask" a failing key may still be filled.
    assert!(callout.fill.is_some());

    // Another key drops the report; so does clearing.
    let again = go(&mut t, capture(&key(), false), &tab(SAVE_URL), at_step_11());
    assert!(matches!(again.reply, Reply::Captured { .. }));
    assert_eq!(t.live_report(), None);
    t.record_live_report(live_report(true), T0);
    go(&mut t, Request::ClearVault { v: 1 }, &popup(), now(T0));
    assert_eq!(t.live_report(), None);
    t.record_live_report(live_report(true), T0);
    assert_eq!(t.live_report(), None, "no report is kept without a key");
}

#[test]
fn a_required_test_must_pass_before_anything_is_filled() {
    let required = |ms| with_policy(ms, LivePolicy::Required);
    let mut t = captured();
    let blocked = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), required(T0)));
    assert!(blocked.fill.is_none());
    assert_eq!(blocked.instruction, Advice::ours(live_check::TEST_FIRST));
    let refused = go(&mut t, release(NONCE, &[1]), &tab(PREFS), required(T0));
    assert_eq!(code_of(&refused), Some(ErrorCode::NotAllowed));

    t.record_live_report(live_report(false), T0);
    let still = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), required(T0)));
    assert!(still.fill.is_none(), "a failing test does not count");

    t.record_live_report(live_report(true), T0);
    let open = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), required(T0)));
    assert!(open.fill.is_some());
    assert_eq!(open.advice[0], "Tested with OpenAI: this key works for Chat AI and Image AI.");
    assert!(matches!(go(&mut t, release(NONCE, &[1]), &tab(PREFS), required(T0)).reply, Reply::Released { .. }));
}

#[test]
fn without_a_policy_an_untested_key_is_filled_as_before() {
    let mut t = captured();
    let out = offer_and_release(&mut t, PREFS, now(T0));
    assert!(matches!(out.reply, Reply::Released { .. }), "{:?}", out.reply);
}

fn test_held_key(offer: &str) -> Request {
    Request::TestHeldKey { v: 1, offer: offer.into() }
}

#[test]
fn the_callout_offers_the_test_on_the_recognised_page_unless_policy_is_off() {
    let mut t = captured();
    let offered = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert_eq!(offered.live_test.as_deref(), Some(NONCE));
    // A required test hides the fill, not the test that opens it.
    let required =
        overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), with_policy(T0, LivePolicy::Required)));
    assert!(required.fill.is_none());
    assert_eq!(required.live_test.as_deref(), Some(NONCE));
    let off = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), with_policy(T0, LivePolicy::Off)));
    assert!(off.fill.is_some());
    assert_eq!(off.live_test, None);
    // Elsewhere on the origin the admin picks a field; no test is offered there.
    let url = "https://cloud.innoslate.com/acme/p/7/discussions/42";
    let report = page_report(url, &["Discussion: AI rollout"], vec![field(1, "OpenAI API Key", "Chat AI")]);
    let pick = overlay_of(go(&mut t, report, &tab(url), now(T0)));
    assert!(pick.fill.is_some());
    assert_eq!(pick.live_test, None);
}

#[test]
fn the_callout_s_test_runs_the_popup_s_check_for_the_page_that_holds_the_offer() {
    let mut t = captured();
    go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0));
    let asked = go(&mut t, test_held_key(NONCE), &tab(PREFS), now(T0));
    assert!(matches!(asked.reply, Reply::Done { ok: true }), "{:?}", asked.reply);
    // The same free requests as the popup's test; never the billed one.
    assert_eq!(asked.effects, vec![Effect::LiveCheck { probes: live_check::plan(false), credit: false }]);
    // The offer is not used up: the fill still works after the test.
    assert!(matches!(go(&mut t, release(NONCE, &[1]), &tab(PREFS), now(T0)).reply, Reply::Released { .. }));
}

#[test]
fn the_callout_s_test_is_refused_without_the_live_offer_or_elsewhere() {
    let mut t = captured();
    // No offer yet for this page.
    let early = go(&mut t, test_held_key(NONCE), &tab(PREFS), now(T0));
    assert_eq!(code_of(&early), Some(ErrorCode::NoFillOffered));
    go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0));
    let refusals = [
        ("a guessed offer", test_held_key("offer-guess"), tab(PREFS), now(T0), ErrorCode::StaleOffer),
        ("another tab", test_held_key(NONCE), in_tab(PREFS, 2, None), now(T0), ErrorCode::NoFillOffered),
        ("OpenAI's page", test_held_key(NONCE), tab(SAVE_URL), now(T0), ErrorCode::NotAllowed),
        (
            "a lookalike",
            test_held_key(NONCE),
            tab("https://cloud.innoslate.com.example.net/acme/admin/preferences"),
            now(T0),
            ErrorCode::NotAllowed,
        ),
        ("the popup", test_held_key(NONCE), popup(), now(T0), ErrorCode::NotAllowed),
        ("policy off", test_held_key(NONCE), tab(PREFS), with_policy(T0, LivePolicy::Off), ErrorCode::NotAllowed),
    ];
    for (what, request, sender, ctx, code) in refusals {
        let out = go(&mut t, request, &sender, ctx);
        assert_eq!(code_of(&out), Some(code), "{what}");
        assert!(out.effects.is_empty(), "{what}");
    }
    // The key gone: nothing to test.
    go(&mut t, Request::ClearVault { v: 1 }, &popup(), now(T0));
    assert_eq!(code_of(&go(&mut t, test_held_key(NONCE), &tab(PREFS), now(T0))), Some(ErrorCode::NoKeyPending));
}

/// The create dialog's choices in a report of the platform (organisation
/// button outside it).
fn create_dialog_report(organization: &str) -> Request {
    let radio = |id: u32, name: &str, section: &str, checked: bool| ElementFact {
        id,
        role: "radio".into(),
        name: name.into(),
        section: section.into(),
        dialog: Some(0),
        checked: Some(checked),
        rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 },
        ..Default::default()
    };
    let mut org = button(1, organization, None);
    org.label = "Organization".into();
    let elements = vec![
        org,
        radio(2, "You", "Owned by", true),
        radio(3, "Restricted", "Permissions", true),
        radio(4, "30 days", "Expiration", true),
    ];
    let dialogs = vec![DialogFact { name: "Create new secret key".into(), modal: true, ..Default::default() }];
    Request::PageReport { v: 1, report: PageReport { url: SAVE_URL.into(), dialogs, elements, ..Default::default() } }
}

fn record_of(out: &Answer) -> Option<&crate::key_record::KeyRecord> {
    out.effects.iter().find_map(|e| match e {
        Effect::SaveKeyRecord { record } => Some(&**record),
        _ => None,
    })
}

#[test]
fn the_filled_key_s_record_keeps_what_the_platform_showed_and_never_the_key() {
    let mut t = Transfer::default();
    go(&mut t, create_dialog_report("Acme Research"), &tab(SAVE_URL), now(T0));
    go(&mut t, capture(&key(), false), &tab(SAVE_URL), at_step_11());
    offer_and_release(&mut t, PREFS, now(T0));
    let done = go(&mut t, fill_done(NONCE, 1), &tab(PREFS), nonce(T0 + 5.0, "record-7"));
    let record = record_of(&done).expect("a record").clone();
    assert_eq!(record.id, "record-7");
    assert_eq!(record.masked, format!("sk-...{}", &key()[key().len() - 4..]));
    assert_eq!((record.owner.as_str(), record.permissions.as_str()), ("You", "Restricted"));
    assert_eq!((record.organization.as_str(), record.expiry.as_str()), ("Acme Research", "30 days"));
    assert_eq!(record.created_ms, T0);
    assert_eq!(record.expires_ms, Some(T0 + 30.0 * 86_400_000.0));
    assert_eq!(record.fields, vec![crate::ai_feature::Purpose::ChatAi]);
    assert!(!record.saved);
    let effects = format!("{:?}", done.effects);
    assert!(!effects.contains(&key()[8..40]));

    // The admin's Save of that form is seen; any other form or page is not.
    let submitted = |form| Request::FormSubmitted { v: 1, form };
    assert!(record_of(&go(&mut t, submitted(2), &tab(PREFS), now(T0))).is_none());
    assert!(record_of(&go(&mut t, submitted(1), &in_tab(PREFS, 2, None), now(T0))).is_none());
    let from_openai = go(&mut t, submitted(1), &tab(SAVE_URL), now(T0));
    assert_eq!(code_of(&from_openai), Some(ErrorCode::WrongSite));
    let saved = go(&mut t, submitted(1), &tab(PREFS), now(T0));
    let saved = record_of(&saved).expect("the record again, saved");
    assert_eq!((saved.id.as_str(), saved.saved), ("record-7", true));
}

#[test]
fn a_personal_organization_is_said_before_the_fill() {
    let mut t = Transfer::default();
    go(&mut t, create_dialog_report("Personal"), &tab(SAVE_URL), now(T0));
    go(&mut t, capture(&key(), false), &tab(SAVE_URL), at_step_11());
    let o = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert!(o.fill.is_some());
    assert_eq!(o.advice.first(), Some(&Advice::ours(PERSONAL_ORGANIZATION)));
    let vault = go(&mut t, Request::VaultStatus { v: 1 }, &popup(), now(T0));
    assert!(matches!(vault.reply, Reply::Vault { personal: true, .. }));
    // Another organisation: no such advice.
    let mut t = Transfer::default();
    go(&mut t, create_dialog_report("Acme Research"), &tab(SAVE_URL), now(T0));
    go(&mut t, capture(&key(), false), &tab(SAVE_URL), at_step_11());
    let o = overlay_of(go(&mut t, prefs_report(PREFS, two_fields()), &tab(PREFS), now(T0)));
    assert!(!o.advice.contains(&Advice::ours(PERSONAL_ORGANIZATION)));
}

fn replacing(revoke: bool) -> Option<crate::key_record::replace::Replacing> {
    Some(crate::key_record::replace::Replacing {
        origin: "https://cloud.innoslate.com".into(),
        id: "rec-a".into(),
        name: "Innoslate".into(),
        masked: "sk-...Ab12".into(),
        revoke,
    })
}

fn keys_table(rows: &[(&str, &str)]) -> Request {
    let elements = rows
        .iter()
        .enumerate()
        .map(|(i, (name, masked))| ElementFact {
            row: vec![name.to_string(), masked.to_string(), "Edit Delete".into()],
            ..button(i as u32, "Delete", None)
        })
        .collect();
    Request::PageReport { v: 1, report: PageReport { url: SAVE_URL.into(), elements, ..Default::default() } }
}

/// The replacement through the dispatcher: the banner while the new key is
/// made, the new record naming the key it replaces, then the revoke step on
/// the keys page and the old key's row seen gone.
#[test]
fn a_replacement_names_the_old_key_then_points_at_its_row_and_sees_it_gone() {
    let making = Context { replacing: replacing(false), ..now(T0) };
    let keys = overlay_of(go(&mut Transfer::default(), keys_table(&[]), &tab(SAVE_URL), making.clone()));
    assert_eq!(keys.advice[0].text(), "Replacing the key Innoslate (sk-...Ab12): make the new key and send it to Innoslate as usual; after Innoslate's Save, this guide helps you revoke the old one.");
    // The new key's record names the record it replaces.
    let mut t = captured();
    offer_and_release(&mut t, PREFS, making.clone());
    let done = go(&mut t, fill_done(NONCE, 1), &tab(PREFS), making);
    assert_eq!(record_of(&done).unwrap().replaces, "rec-a");
    // Saved: on the keys page, the revoke step points at the old key's row only.
    let revoke = || Context { replacing: replacing(true), ..now(T0) };
    let rows = [("Innoslate", "sk-...7fGh"), ("Innoslate", "sk-...Ab12"), ("Innoslate 2027", "sk-...wv9Z")];
    let out = go(&mut t, keys_table(&rows), &tab(SAVE_URL), revoke());
    assert!(out.effects.is_empty());
    let step = overlay_of(out);
    assert_eq!((step.guide, step.step, step.target), ("revoke", "revoke-old-key", Some(1)));
    // Its row gone from the shown table: the record is marked revoked, once.
    let gone = go(&mut t, keys_table(&[rows[0], rows[2]]), &tab(SAVE_URL), revoke());
    assert_eq!(
        gone.effects,
        vec![Effect::KeyRevoked { origin: "https://cloud.innoslate.com".into(), id: "rec-a".into() }]
    );
    assert_eq!(overlay_of(gone).step, "old-key-revoked");
    // A replacement of another Innoslate's key, or with a masked form of
    // another shape, is not this one's: the guide is the usual one.
    for other in [
        crate::key_record::replace::Replacing { origin: "https://other.example".into(), ..replacing(true).unwrap() },
        crate::key_record::replace::Replacing { masked: "sk-proj-Ab12".into(), ..replacing(true).unwrap() },
    ] {
        let ctx = Context { replacing: Some(other), ..now(T0) };
        let step = overlay_of(go(&mut Transfer::default(), keys_table(&rows), &tab(SAVE_URL), ctx));
        assert_ne!(step.guide, "revoke");
    }
}

/// "I've done this" on the revoke step puts it aside on that page; the old
/// key's row seen gone still marks it revoked.
#[test]
fn the_revoke_step_can_be_put_aside_and_the_row_gone_still_counts() {
    let mut t = Transfer::default();
    let ctx = |progress: TabProgress| Context { replacing: replacing(true), progress, ..now(T0) };
    let rows = [("Innoslate", "sk-...7fGh"), ("Innoslate", "sk-...Ab12")];
    let shown = go(&mut t, keys_table(&rows), &tab(SAVE_URL), ctx(TabProgress::default()));
    let progress = shown.progress.clone().unwrap();
    assert_eq!(overlay_of(shown).step, "revoke-old-key");
    let done = Request::GuideAction { v: 1, action: GuideAction::Done, tab_id: None };
    let aside = go(&mut t, done, &tab(SAVE_URL), ctx(progress)).progress.unwrap();
    let again = go(&mut t, keys_table(&rows), &tab(SAVE_URL), ctx(aside.clone()));
    assert!(matches!(again.reply, Reply::Guide { overlay: None, .. }), "{:?}", again.reply);
    let gone = go(&mut t, keys_table(&rows[..1]), &tab(SAVE_URL), ctx(aside));
    assert_eq!(
        gone.effects,
        vec![Effect::KeyRevoked { origin: "https://cloud.innoslate.com".into(), id: "rec-a".into() }]
    );
}

/// Back on the keys page after Innoslate's Save, with "Save your key" still
/// open over the table: the revoke step (its row out of reach) keeps the
/// dialog's Copy and Done clear, as that step does, so the admin can close it.
#[test]
fn the_revoke_step_keeps_clear_what_a_dialog_still_open_asks_for() {
    let in_dialog = |e: ElementFact| ElementFact { dialog: Some(0), ..e };
    let key_field = ElementFact {
        id: 4,
        role: "textbox".into(),
        has_value: true,
        read_only: true,
        rect: Rect { x: 0.0, y: 0.0, width: 300.0, height: 30.0 },
        ..Default::default()
    };
    let report = PageReport {
        url: SAVE_URL.into(),
        dialogs: vec![DialogFact { name: "Save your key".into(), modal: true, ..Default::default() }],
        elements: vec![in_dialog(key_field), in_dialog(button(5, "Copy", None)), in_dialog(button(6, "Done", None))],
        ..Default::default()
    };
    let ctx = Context { replacing: replacing(true), ..now(T0) };
    let o = overlay_of(go(&mut Transfer::default(), Request::PageReport { v: 1, report }, &tab(SAVE_URL), ctx));
    assert_eq!((o.guide, o.step, o.target), ("revoke", "revoke-old-key", None));
    assert_eq!(o.keep_clear, vec![5, 6]);
    // The row is behind the dialog: the callout asks to close it first
    // rather than to press a row nobody can reach.
    assert!(o.instruction.text().contains("Close the dialog that is open first"), "{}", o.instruction);
    // With the dialog closed, nothing of it is kept clear.
    let rows = [("Innoslate", "sk-...Ab12")];
    let ctx = Context { replacing: replacing(true), ..now(T0) };
    let o = overlay_of(go(&mut Transfer::default(), keys_table(&rows), &tab(SAVE_URL), ctx));
    assert_eq!((o.step, o.target, o.keep_clear), ("revoke-old-key", Some(0), Vec::new()));
    // The row action by the name this page gives it, and no other.
    assert!(o.instruction.text().contains("press \u{201c}Delete\u{201d} in the old key's row"), "{}", o.instruction);
    assert!(
        !o.instruction.text().contains("Revoke secret key") && !o.instruction.text().contains("trash"),
        "{}",
        o.instruction
    );
    // Two rows fit: nothing pointed at, and the words name no control.
    let rows = [("Innoslate", "sk-...Ab12"), ("Innoslate", "sk-...Ab12")];
    let ctx = Context { replacing: replacing(true), ..now(T0) };
    let o = overlay_of(go(&mut Transfer::default(), keys_table(&rows), &tab(SAVE_URL), ctx));
    assert_eq!(o.target, None);
    assert!(o.instruction.text().contains("the button that deletes or revokes a key"), "{}", o.instruction);
    assert!(!o.instruction.text().contains("Delete"), "{}", o.instruction);
}
