//! Where an admin is in a guide, per tab, and what they asked the guide to do.
//!
//! The page decides the step (recognition); this adds what the page cannot
//! show: steps the admin said they have done another way ("I've done this"),
//! a step they went back to, pausing, and the furthest step reached. It is
//! not secret, and the background keeps it in session storage so a reload, a
//! navigation or a restarted service worker resumes at the same place.

use super::{Advice, Found, Guide, Recognition, Step};
use crate::page_report::PageReport;
use serde::{Deserialize, Serialize};

/// One tab's progress through a guide, stored between messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TabProgress {
    /// The step last shown in this tab.
    pub step: Option<String>,
    /// Highest step number reached.
    pub furthest: u8,
    /// Steps proven done by a page (their `done_when`) or marked done by hand.
    pub done: Vec<String>,
    /// The admin paused the guide in this tab: nothing is shown.
    pub paused: bool,
    /// Steps marked done by hand on `page`; forgotten when the page changes.
    pub skipped: Vec<String>,
    /// A step the admin went back to on `page`.
    pub back_to: Option<String>,
    /// The page (URL without fragment) that `skipped` and `back_to` apply to.
    pub page: String,
}

/// What the admin asked the guide to do, from the callout or the popup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuideAction {
    /// "I've done this": move past the shown step on this page.
    Done,
    /// Show the previous step's explanation.
    Back,
    /// Stop showing the guide in this tab.
    Pause,
    /// Show it again.
    Resume,
    /// Forget all progress in this tab.
    Restart,
}

/// What to show: a step, and whether its control was found on this page.
pub struct Decision<'g> {
    /// The step to show.
    pub step: &'g Step,
    /// What to do, in the words for this page's layout.
    pub instruction: &'static str,
    /// The report's id of the element to point at, if found.
    pub target: Option<u32>,
    /// Several controls could be meant: show the step without a spotlight
    /// at once, rather than wait for one.
    pub ambiguous: bool,
    /// Advice on the choices made so far.
    pub advice: Vec<Advice>,
    /// The page shows this step's screen, so a missing target may still render.
    pub on_screen: bool,
}

fn page_key(report: &PageReport) -> String {
    report.url.split('#').next().unwrap_or_default().to_string()
}

impl TabProgress {
    /// Decides what to show for `report`, and records it.
    pub fn decide<'g>(&mut self, guide: &'g Guide, report: &PageReport) -> Option<Decision<'g>> {
        let page = page_key(report);
        if page != self.page {
            self.page = page;
            self.skipped.clear();
            self.back_to = None;
        }
        let host = report.host();
        for step in guide.steps {
            if !self.done.iter().any(|id| id == step.id) && step.done_on(report, &host) {
                self.done.push(step.id.to_string());
            }
        }
        if self.paused {
            return None;
        }
        let skipped = &self.skipped;
        let recognised = guide.recognise_where(report, |s| !skipped.iter().any(|id| id == s.id));
        let decision = match (&self.back_to, recognised) {
            (Some(back), _) => guide.step(back).map(|step| show(step, report)),
            (None, Some(r)) => Some(r.into()),
            // Nothing on this page matches, but the admin said the last step
            // is done: show the next one, without a spotlight.
            (None, None) => self
                .step
                .as_deref()
                .filter(|last| self.skipped.iter().any(|s| s == last))
                .and_then(|last| guide.next_after(last))
                .map(|step| show(step, report)),
        }?;
        self.step = Some(decision.step.id.to_string());
        self.furthest = self.furthest.max(decision.step.number);
        Some(decision)
    }

    /// Records step `id` as done (once).
    pub fn mark_done(&mut self, id: &str) {
        if !self.done.iter().any(|d| d == id) {
            self.done.push(id.to_string());
        }
    }

    /// Carries out what the admin asked for.
    pub fn apply(&mut self, guide: &Guide, action: GuideAction) {
        match action {
            GuideAction::Done => {
                if let Some(step) = self.step.clone() {
                    self.back_to = None;
                    self.mark_done(&step);
                    if !self.skipped.contains(&step) {
                        self.skipped.push(step);
                    }
                }
            }
            GuideAction::Back => {
                let current = self.back_to.as_deref().or(self.step.as_deref());
                if let Some(prev) = current.and_then(|id| guide.previous_before(id)) {
                    self.back_to = Some(prev.id.to_string());
                }
            }
            GuideAction::Pause => self.paused = true,
            GuideAction::Resume => self.paused = false,
            GuideAction::Restart => *self = TabProgress::default(),
        }
    }
}

fn show<'g>(step: &'g Step, report: &PageReport) -> Decision<'g> {
    let on_screen = step.screen_matches(report);
    // Off its screen (shown after "I've done this" or "Back"), the page
    // looks different from what the step expects: say what to look for.
    let found = if on_screen { step.find_target(report) } else { Found::Missing };
    let (instruction, look_for) = step.wording(report);
    let advice = found.advice(look_for);
    Decision { step, instruction, target: found.id(), ambiguous: found == Found::Ambiguous, advice, on_screen }
}

impl<'g> From<Recognition<'g>> for Decision<'g> {
    fn from(r: Recognition<'g>) -> Self {
        Decision {
            step: r.step,
            instruction: r.instruction,
            target: r.target,
            ambiguous: r.ambiguous,
            advice: r.advice,
            on_screen: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::openai::GUIDE;
    use crate::page_report::{ElementFact, Rect};

    fn keys_page(with_button: bool) -> PageReport {
        let mut r = PageReport { url: "https://platform.openai.com/api-keys".into(), ..Default::default() };
        if with_button {
            r.elements.push(ElementFact {
                id: 0,
                role: "button".into(),
                name: "Create new secret key".into(),
                rect: Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 },
                ..Default::default()
            });
        }
        r
    }

    #[test]
    fn done_moves_to_the_next_step_without_spotlight() {
        let mut p = TabProgress::default();
        let d = p.decide(&GUIDE, &keys_page(false)).unwrap();
        assert_eq!((d.step.id, d.target), ("create-secret-key", None));
        p.apply(&GUIDE, GuideAction::Done);
        let d = p.decide(&GUIDE, &keys_page(false)).unwrap();
        assert_eq!((d.step.id, d.target, d.on_screen), ("configure-key", None, false));
        assert_eq!(p.furthest, 9);
        // The page does not look like the step it expects: the callout says
        // so, and what to look for.
        assert_eq!(d.advice, [crate::guide::LOOKS_DIFFERENT, d.step.look_for].map(crate::guide::Advice::ours));
    }

    #[test]
    fn skips_are_forgotten_when_the_page_changes() {
        let mut p = TabProgress::default();
        p.decide(&GUIDE, &keys_page(true));
        p.apply(&GUIDE, GuideAction::Done);
        let mut other = keys_page(true);
        other.url = "https://platform.openai.com/settings/proj_x/api-keys".into();
        assert_eq!(p.decide(&GUIDE, &other).unwrap().step.id, "create-secret-key");
        assert!(p.skipped.is_empty());
    }

    #[test]
    fn back_shows_the_previous_step_until_the_page_changes() {
        let mut p = TabProgress::default();
        p.decide(&GUIDE, &keys_page(true));
        p.apply(&GUIDE, GuideAction::Back);
        let d = p.decide(&GUIDE, &keys_page(true)).unwrap();
        assert_eq!((d.step.id, d.target), ("open-api-keys", None));
        p.apply(&GUIDE, GuideAction::Back);
        assert_eq!(p.decide(&GUIDE, &keys_page(true)).unwrap().step.id, "create-organization");
        p.apply(&GUIDE, GuideAction::Done);
        let d = p.decide(&GUIDE, &keys_page(true)).unwrap();
        assert_eq!((d.step.id, d.target), ("create-secret-key", Some(0)));
    }

    #[test]
    fn pause_resume_restart() {
        let mut p = TabProgress::default();
        p.decide(&GUIDE, &keys_page(true));
        p.apply(&GUIDE, GuideAction::Pause);
        assert!(p.decide(&GUIDE, &keys_page(true)).is_none());
        p.apply(&GUIDE, GuideAction::Resume);
        assert!(p.decide(&GUIDE, &keys_page(true)).is_some());
        p.apply(&GUIDE, GuideAction::Restart);
        assert_eq!(p, TabProgress::default());
    }

    #[test]
    fn pages_prove_steps_done() {
        let mut p = TabProgress::default();
        p.decide(&GUIDE, &keys_page(true));
        // Being on a keys page proves sign-in, organization set-up and the tab.
        let mut done = p.done.clone();
        done.sort();
        assert_eq!(done, vec!["create-organization", "open-api-keys", "sign-in"]);
        let mut dialog = keys_page(true);
        dialog.dialogs.push(crate::page_report::DialogFact {
            name: "Save your key".into(),
            modal: true,
            ..Default::default()
        });
        p.decide(&GUIDE, &dialog);
        for id in ["create-secret-key", "configure-key", "restrict-permissions"] {
            assert!(p.done.iter().any(|d| d == id), "{id} in {:?}", p.done);
        }
        assert!(!p.done.iter().any(|d| d == "save-your-key"), "only the capture proves the last step");
    }

    #[test]
    fn back_from_the_first_step_stays_there() {
        let mut p = TabProgress { step: Some("sign-in".into()), ..Default::default() };
        p.apply(&GUIDE, GuideAction::Back);
        assert_eq!(p.back_to, None);
    }
}
