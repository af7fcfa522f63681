use super::*;
use crate::guide::progress::GuideAction;
use crate::guide::Advice;
use crate::page_report::{ElementFact, PageReport, Rect};
use crate::transfer::Transfer;

fn own() -> OwnIdentity {
    OwnIdentity { id: "ext".into(), origin: "chrome-extension://ext".into() }
}
fn tab(url: &str) -> SenderFacts {
    SenderFacts {
        id: "ext".into(),
        url: url.into(),
        frame_id: Some(0),
        in_tab: true,
        tab_id: Some(1),
        ..Default::default()
    }
}
fn popup() -> SenderFacts {
    SenderFacts { id: "ext".into(), url: "chrome-extension://ext/popup/popup.html".into(), ..Default::default() }
}
const KEYS: &str = "https://platform.openai.com/api-keys";
fn keys_report(url: &str) -> Request {
    let button = ElementFact {
        id: 7,
        role: "button".into(),
        name: "Create new secret key".into(),
        rect: Rect { x: 1.0, y: 1.0, width: 10.0, height: 10.0 },
        ..Default::default()
    };
    Request::PageReport { v: 1, report: PageReport { url: url.into(), elements: vec![button], ..Default::default() } }
}
fn run(request: Request, sender: &SenderFacts, ctx: Context) -> Answer {
    handle(Ok(request), sender, &own(), ctx, &mut Transfer::default())
}

#[test]
fn keys_page_report_gets_step_8_overlay_and_records_progress() {
    let out = run(keys_report(KEYS), &tab(KEYS), Context::default());
    match out.reply {
        Reply::Guide { ok: true, overlay: Some(o), paused: false } => {
            assert_eq!(
                (o.step, o.progress.text().as_str(), o.target, o.can_go_back),
                ("create-secret-key", "Step 8 of 11", Some(7), true)
            );
        }
        other => panic!("{other:?}"),
    }
    let progress = out.progress.expect("progress changed");
    assert_eq!((progress.step.as_deref(), progress.furthest), (Some("create-secret-key"), 8));
    // The same report again changes nothing, so nothing needs storing.
    assert!(run(keys_report(KEYS), &tab(KEYS), Context { progress, ..Default::default() }).progress.is_none());
}

#[test]
fn step_7s_title_names_the_project_only_where_the_page_has_a_project_section() {
    let link = |id, section: &str, in_nav| ElementFact {
        id,
        role: "link".into(),
        name: "API keys".into(),
        section: section.into(),
        in_nav,
        rect: Rect { x: 1.0, y: 1.0, width: 10.0, height: 10.0 },
        ..Default::default()
    };
    let title = |url: &str, elements| {
        let report = PageReport { url: url.into(), elements, ..Default::default() };
        match run(Request::PageReport { v: 1, report }, &tab(url), Context::default()).reply {
            Reply::Guide { overlay: Some(o), .. } => (o.step, crate::message_words::said(o.title).leak() as &str),
            other => panic!("{other:?}"),
        }
    };
    let home = "https://platform.openai.com/home";
    assert_eq!(title(home, vec![link(0, "", true)]), ("open-api-keys", "Open API keys"));
    let settings = "https://platform.openai.com/settings/organization/general";
    assert_eq!(
        title(settings, vec![link(0, "Organization", true), link(1, "Project", true)]),
        ("open-api-keys", "Open the project's API keys")
    );
}

#[test]
fn a_missing_target_comes_with_the_locators_to_spot_it_by() {
    let Request::PageReport { report: mut page, .. } = keys_report(KEYS) else { unreachable!() };
    page.elements.clear();
    let missing = Request::PageReport { v: 1, report: page };
    let overlay = match run(missing, &tab(KEYS), Context::default()).reply {
        Reply::Guide { overlay: Some(o), .. } => o,
        other => panic!("{other:?}"),
    };
    assert_eq!((overlay.target, overlay.target_expected), (None, true));
    let step = crate::guide::openai::GUIDE.step("create-secret-key").unwrap();
    assert_eq!(overlay.watch, step.target);
    // The shape the content script's spotter reads.
    let json = serde_json::to_value(&overlay).unwrap();
    let first = &json["watch"][0];
    assert_eq!(
        (first["role"].as_str(), first["by"].as_str(), first["mode"].as_str()),
        (Some("button"), Some("name"), Some("is"))
    );
    // The wording variants the step accepts, as a list.
    assert_eq!(first["text"][0], "Create new secret key");
    assert_eq!(first["text"].as_array().map(Vec::len), Some(3));
    assert_eq!((first["in_dialog"].as_bool(), first["section_mode"].is_null()), (Some(false), true));
    // Found: nothing to watch for, and the field is left out.
    let found = match run(keys_report(KEYS), &tab(KEYS), Context::default()).reply {
        Reply::Guide { overlay: Some(o), .. } => o,
        other => panic!("{other:?}"),
    };
    assert!(found.watch.is_empty());
    assert!(serde_json::to_value(&found).unwrap().get("watch").is_none());
}

#[test]
fn look_alikes_are_shown_at_once_without_a_spotlight_or_a_watch() {
    let Request::PageReport { report: mut page, .. } = keys_report(KEYS) else { unreachable!() };
    let twin = page.elements[0].clone();
    page.elements.push(ElementFact { id: 8, ..twin });
    let overlay = match run(Request::PageReport { v: 1, report: page }, &tab(KEYS), Context::default()).reply {
        Reply::Guide { overlay: Some(o), .. } => o,
        other => panic!("{other:?}"),
    };
    assert_eq!((overlay.step, overlay.target, overlay.target_expected), ("create-secret-key", None, false));
    assert!(overlay.watch.is_empty(), "the spotter must not pick one of the look-alikes either");
    assert_eq!(
        overlay.advice,
        [crate::guide::CANNOT_TELL, crate::guide::openai::GUIDE.step("create-secret-key").unwrap().look_for]
            .map(Advice::ours)
    );
}

#[test]
fn guide_off_or_paused_shows_nothing() {
    let off = run(keys_report(KEYS), &tab(KEYS), Context { guide_off: true, ..Default::default() });
    assert!(matches!(off.reply, Reply::Guide { ok: true, overlay: None, paused: false }));
    let paused = Context { progress: TabProgress { paused: true, ..Default::default() }, ..Default::default() };
    assert!(matches!(
        run(keys_report(KEYS), &tab(KEYS), paused).reply,
        Reply::Guide { ok: true, overlay: None, paused: true }
    ));
}

#[test]
fn paused_is_told_only_where_the_guide_would_show_a_callout() {
    let paused = || Context { progress: TabProgress { paused: true, ..Default::default() }, ..Default::default() };
    let elsewhere = "https://platform.openai.com/docs/overview";
    let docs = Request::PageReport { v: 1, report: PageReport { url: elsewhere.into(), ..Default::default() } };
    let out = run(docs, &tab(elsewhere), paused());
    assert!(matches!(out.reply, Reply::Guide { ok: true, overlay: None, paused: false }), "{:?}", out.reply);
    // Resumed, the same page that said "paused" shows its callout.
    let asked = run(keys_report(KEYS), &tab(KEYS), paused());
    assert!(matches!(asked.reply, Reply::Guide { paused: true, .. }));
    let progress = TabProgress { paused: false, ..asked.progress.unwrap_or(paused().progress) };
    let resumed = run(keys_report(KEYS), &tab(KEYS), Context { progress, ..Default::default() });
    assert!(matches!(resumed.reply, Reply::Guide { overlay: Some(_), paused: false, .. }));
}

#[test]
fn paused_a_page_still_proves_its_steps_done_but_is_not_recorded_as_shown() {
    let paused = Context { progress: TabProgress { paused: true, ..Default::default() }, ..Default::default() };
    let out = run(keys_report(KEYS), &tab(KEYS), paused);
    // Nothing was shown, so the shown step and the furthest stay as they were.
    let p = out.progress.unwrap_or_else(|| TabProgress { paused: true, ..Default::default() });
    assert_eq!((p.step, p.furthest, p.paused), (None, 0, true));
}

#[test]
fn actions_from_callout_and_popup() {
    let shown = run(keys_report(KEYS), &tab(KEYS), Context::default()).progress.unwrap();
    let done = run(
        Request::GuideAction { v: 1, action: GuideAction::Pause, tab_id: None },
        &tab(KEYS),
        Context { progress: shown.clone(), ..Default::default() },
    );
    assert!(matches!(done.reply, Reply::Done { ok: true }));
    assert!(done.progress.unwrap().paused);
    let from_popup = run(
        Request::GuideAction { v: 1, action: GuideAction::Restart, tab_id: Some(4) },
        &popup(),
        Context { progress: shown.clone(), ..Default::default() },
    );
    assert_eq!(from_popup.progress, Some(TabProgress::default()));
    let forged = run(
        Request::GuideAction { v: 1, action: GuideAction::Restart, tab_id: Some(4) },
        &tab(KEYS),
        Context { progress: shown, ..Default::default() },
    );
    assert!(matches!(forged.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
    assert!(forged.progress.is_none());
}

#[test]
fn status_describes_the_tab_for_our_pages_only() {
    let progress = run(keys_report(KEYS), &tab(KEYS), Context::default()).progress.unwrap();
    let out = run(Request::GuideStatus { v: 1, tab_id: Some(3) }, &popup(), Context { progress, ..Default::default() });
    match out.reply {
        Reply::Status { ok: true, guide, .. } => {
            assert_eq!(
                (guide.step, guide.number, guide.total, guide.paused),
                (Some("create-secret-key"), 8, 11, false)
            );
        }
        other => panic!("{other:?}"),
    }
    let content = run(Request::GuideStatus { v: 1, tab_id: None }, &tab(KEYS), Context::default());
    assert!(matches!(content.reply, Reply::Error { code: ErrorCode::NotAllowed, .. }));
}

#[test]
fn refuses_reports_from_elsewhere_or_about_elsewhere() {
    let from_innoslate = run(keys_report(KEYS), &tab("https://cloud.innoslate.com/x"), Context::default());
    assert!(matches!(from_innoslate.reply, Reply::Error { code: ErrorCode::WrongSite, .. }));
    let frame = SenderFacts { frame_id: Some(2), ..tab(KEYS) };
    assert!(matches!(
        run(keys_report(KEYS), &frame, Context::default()).reply,
        Reply::Error { code: ErrorCode::NotTopFrame, .. }
    ));
    let stranger = SenderFacts { id: "other".into(), ..tab(KEYS) };
    assert!(matches!(
        run(keys_report(KEYS), &stranger, Context::default()).reply,
        Reply::Error { code: ErrorCode::ForeignSender, .. }
    ));
    let about_other = run(keys_report("https://auth.openai.com/log-in"), &tab(KEYS), Context::default());
    assert!(matches!(about_other.reply, Reply::Error { code: ErrorCode::WrongSite, .. }));
    let from_popup = run(keys_report(KEYS), &popup(), Context::default());
    assert!(matches!(from_popup.reply, Reply::Error { code: ErrorCode::WrongSite, .. }));
}

#[test]
fn bad_messages_get_errors() {
    let mut transfer = Transfer::default();
    assert!(matches!(
        handle(Err(()), &popup(), &own(), Context::default(), &mut transfer).reply,
        Reply::Error { code: ErrorCode::BadMessage, .. }
    ));
    let old = run(Request::GuideStatus { v: 9, tab_id: None }, &popup(), Context::default());
    assert!(matches!(old.reply, Reply::Error { code: ErrorCode::BadVersion, .. }));
}

#[path = "transfer_flow_tests.rs"]
mod transfer_flow;

#[test]
fn an_oversized_report_is_refused() {
    let Request::PageReport { report: mut page, .. } = keys_report(KEYS) else { unreachable!() };
    page.elements = vec![page.elements[0].clone(); crate::page_report::MAX_ELEMENTS + 1];
    let out = run(Request::PageReport { v: 1, report: page }, &tab(KEYS), Context::default());
    assert!(matches!(out.reply, Reply::Error { code: ErrorCode::BadMessage, .. }), "{:?}", out.reply);
    let Request::PageReport { report: mut page, .. } = keys_report(KEYS) else { unreachable!() };
    page.headings = vec!["x".repeat(1 << 20)];
    let out = run(Request::PageReport { v: 1, report: page }, &tab(KEYS), Context::default());
    assert!(matches!(out.reply, Reply::Error { code: ErrorCode::BadMessage, .. }));
}
