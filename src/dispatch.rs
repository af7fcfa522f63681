//! The core's front door: checks who is asking, then answers the request.
//!
//! Kept free of browser types so every rule here is tested natively; the wasm
//! binding only converts values in and out. State that must outlive the
//! service worker (guide progress per tab) comes in with each call and goes
//! back out when it changed; the background loader stores it.

use crate::guide::openai::GUIDE;
use crate::guide::progress::TabProgress;
use crate::origin::Origin;
use crate::protocol::{GuideState, Overlay, Reply, Request, PROTOCOL_VERSION};
use crate::sender_check::{identify, OwnIdentity, Sender, SenderFacts};
use serde::Deserialize;

/// Sites whose pages the guide content script may report on.
const GUIDE_SITES: &[&str] = &["https://platform.openai.com", "https://auth.openai.com"];

/// Stored, non-secret state the loader passes in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Context {
    /// Progress in the tab the request concerns.
    pub progress: TabProgress,
    /// The admin turned the guide off (popup switch).
    pub guide_off: bool,
}

#[derive(Debug)]
pub struct Outcome {
    pub reply: Reply,
    /// New progress for the tab, when it changed.
    pub progress: Option<TabProgress>,
}

fn reply(reply: Reply) -> Outcome {
    Outcome { reply, progress: None }
}

pub fn handle(request: Result<Request, ()>, sender: &SenderFacts, own: &OwnIdentity, ctx: Context) -> Outcome {
    let sender = match identify(sender, own) {
        Ok(s) => s,
        Err(refusal) => return reply(Reply::error(refusal.code(), "This message did not come from Innoslate Key Assistant itself.")),
    };
    let Ok(request) = request else {
        return reply(Reply::error("bad_message", "The message could not be understood."));
    };
    if request.version() != PROTOCOL_VERSION {
        return reply(Reply::error("bad_version", "Parts of the extension are out of date. Reload the extension."));
    }
    let Context { mut progress, guide_off } = ctx;
    let before = progress.clone();
    let answer = match request {
        Request::PageReport { report, .. } => {
            let from_guide_site = matches!(&sender, Sender::TopFrame { origin } if GUIDE_SITES.contains(&origin.to_string().as_str()));
            // The report's own URL must be the sender's page: a content script
            // cannot claim to describe a page it is not on.
            let same_page = Origin::parse(&report.url).ok().is_some_and(|o| matches!(&sender, Sender::TopFrame { origin } if *origin == o));
            if !from_guide_site || !same_page {
                return reply(Reply::error("wrong_site", "Page reports are only accepted from the OpenAI platform."));
            }
            let overlay = if guide_off { None } else { progress.decide(&GUIDE, &report) }.map(|d| Overlay {
                guide: GUIDE.id,
                step: d.step.id,
                number: d.step.number,
                total: GUIDE.total(),
                progress: format!("Step {} of {}", d.step.number, GUIDE.total()),
                title: d.step.title,
                instruction: d.step.instruction,
                why: d.step.why,
                advice: d.advice,
                target: d.target,
                target_expected: d.on_screen,
                can_go_back: d.step.number > 1,
            });
            Reply::Guide { ok: true, overlay }
        }
        Request::GuideAction { action, tab_id, .. } => {
            // A content script acts on its own tab only; naming another tab
            // is reserved for our own pages.
            if tab_id.is_some() && sender != Sender::ExtensionPage {
                return reply(Reply::error("not_allowed", "Only the extension's own pages may act on another tab."));
            }
            progress.apply(&GUIDE, action);
            Reply::Done { ok: true }
        }
        Request::GuideStatus { .. } => {
            if sender != Sender::ExtensionPage {
                return reply(Reply::error("not_allowed", "Only the extension's own pages may ask for this."));
            }
            let step = progress.step.as_deref().and_then(|id| GUIDE.step(id));
            Reply::Status {
                ok: true,
                version: env!("CARGO_PKG_VERSION"),
                guide: GuideState {
                    step: step.map(|s| s.id),
                    title: step.map(|s| s.title),
                    number: step.map_or(0, |s| s.number),
                    total: GUIDE.total(),
                    furthest: progress.furthest,
                    paused: progress.paused,
                    guide_off,
                },
            }
        }
    };
    let changed = progress != before;
    Outcome { reply: answer, progress: changed.then_some(progress) }
}

#[cfg(test)]
mod tests;
