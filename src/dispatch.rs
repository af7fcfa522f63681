//! The core's front door: checks who is asking, then answers the request.
//!
//! Kept free of browser types so every rule here is tested natively; the wasm
//! binding only converts values in and out.

use crate::guide::openai::GUIDE;
use crate::protocol::{Overlay, Reply, Request, PROTOCOL_VERSION};
use crate::sender_check::{identify, OwnIdentity, Sender, SenderFacts};

/// Sites whose pages the guide content script may report on.
const GUIDE_SITES: &[&str] = &["https://platform.openai.com", "https://auth.openai.com"];

pub fn handle(request: Result<Request, ()>, sender: &SenderFacts, own: &OwnIdentity) -> Reply {
    let sender = match identify(sender, own) {
        Ok(s) => s,
        Err(refusal) => return Reply::error(refusal.code(), "This message did not come from Innoslate Key Assistant itself."),
    };
    let Ok(request) = request else {
        return Reply::error("bad_message", "The message could not be understood.");
    };
    if request.version() != PROTOCOL_VERSION {
        return Reply::error("bad_version", "Parts of the extension are out of date. Reload the extension.");
    }
    match request {
        Request::PageReport { report, .. } => {
            let from_guide_site = matches!(&sender, Sender::TopFrame { origin } if GUIDE_SITES.contains(&origin.to_string().as_str()));
            // The report's own URL must be the sender's page: a content script
            // cannot claim to describe a page it is not on.
            let same_page = crate::origin::Origin::parse(&report.url).ok().is_some_and(|o| matches!(&sender, Sender::TopFrame { origin } if *origin == o));
            if !from_guide_site || !same_page {
                return Reply::error("wrong_site", "Page reports are only accepted from the OpenAI platform.");
            }
            let overlay = GUIDE.recognise(&report).map(|r| Overlay {
                guide: GUIDE.id,
                step: r.step.id,
                number: r.step.number,
                total: GUIDE.total(),
                progress: format!("Step {} of {}", r.step.number, GUIDE.total()),
                title: r.step.title,
                instruction: r.step.instruction,
                why: r.step.why,
                advice: r.advice,
                target: r.target,
            });
            Reply::Guide { ok: true, overlay }
        }
        Request::GuideStatus { .. } => {
            if sender != Sender::ExtensionPage {
                return Reply::error("not_allowed", "Only the extension's own pages may ask for this.");
            }
            Reply::Status { ok: true, version: env!("CARGO_PKG_VERSION"), guide_steps: GUIDE.total() }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page_report::{ElementFact, PageReport, Rect};

    fn own() -> OwnIdentity {
        OwnIdentity { id: "ext".into(), origin: "chrome-extension://ext".into() }
    }
    fn tab(url: &str) -> SenderFacts {
        SenderFacts { id: "ext".into(), url: url.into(), origin: None, frame_id: Some(0), in_tab: true }
    }
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

    #[test]
    fn keys_page_report_gets_step_8_overlay() {
        let url = "https://platform.openai.com/api-keys";
        match handle(Ok(keys_report(url)), &tab(url), &own()) {
            Reply::Guide { ok: true, overlay: Some(o) } => {
                assert_eq!((o.step, o.progress.as_str(), o.target), ("create-secret-key", "Step 8 of 11", Some(7)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_reports_from_elsewhere_or_about_elsewhere() {
        let url = "https://platform.openai.com/api-keys";
        let from_innoslate = handle(Ok(keys_report(url)), &tab("https://cloud.innoslate.com/x"), &own());
        assert!(matches!(from_innoslate, Reply::Error { code: "wrong_site", .. }));
        let frame = SenderFacts { frame_id: Some(2), ..tab(url) };
        assert!(matches!(handle(Ok(keys_report(url)), &frame, &own()), Reply::Error { code: "not_top_frame", .. }));
        let stranger = SenderFacts { id: "other".into(), ..tab(url) };
        assert!(matches!(handle(Ok(keys_report(url)), &stranger, &own()), Reply::Error { code: "foreign_sender", .. }));
        let about_other = handle(Ok(keys_report("https://auth.openai.com/log-in")), &tab(url), &own());
        assert!(matches!(about_other, Reply::Error { code: "wrong_site", .. }));
    }

    #[test]
    fn bad_messages_get_errors() {
        let page = SenderFacts { id: "ext".into(), url: "chrome-extension://ext/popup/popup.html".into(), ..Default::default() };
        assert!(matches!(handle(Err(()), &page, &own()), Reply::Error { code: "bad_message", .. }));
        assert!(matches!(handle(Ok(Request::GuideStatus { v: 9 }), &page, &own()), Reply::Error { code: "bad_version", .. }));
        assert!(matches!(handle(Ok(Request::GuideStatus { v: 1 }), &page, &own()), Reply::Status { ok: true, .. }));
        let content = tab("https://platform.openai.com/");
        assert!(matches!(handle(Ok(Request::GuideStatus { v: 1 }), &content, &own()), Reply::Error { code: "not_allowed", .. }));
    }
}
