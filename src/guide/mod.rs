//! Guides as data, and recognising where the admin is from a page report.
//!
//! A guide is a list of steps. Each step says how to recognise its screen
//! (host, path, what is on it), which control to point at (a ranked list of
//! locators, most redesign-proof first) and what to say. Recognition looks at
//! the live page only, never at a fixed order: accounts that finished
//! onboarding long ago start at the keys page, and sites reorder screens.

pub mod innoslate;
pub mod openai;
pub mod progress;
mod text;

pub use text::{normalise, Text};

use crate::page_report::{ElementFact, PageReport};

/// A guide: the steps of one task on one site, as data.
pub struct Guide {
    /// Stable name, stored with a tab's progress.
    pub id: &'static str,
    /// Every step, in the documented order.
    pub steps: &'static [Step],
}

/// One screen of a guide: how to recognise it, where to point, what to say.
pub struct Step {
    /// Stable name, stored in progress and sent to content scripts.
    pub id: &'static str,
    /// Position in the documented flow, 1-based; shown as "Step N of M".
    pub number: u8,
    /// The callout's heading.
    pub title: &'static str,
    /// What to do on this screen, in our own words.
    pub instruction: &'static str,
    /// Why it matters, shown under the instruction.
    pub why: &'static str,
    /// How to recognise the step's screen.
    pub screen: Screen,
    /// Ways to find the control to point at, best first.
    pub target: &'static [Locator],
    /// Advice computed from what the admin has chosen so far on this screen.
    pub advise: Option<fn(&PageReport) -> Vec<&'static str>>,
    /// Pages that prove the step is done (any one of them), typically the
    /// screen it leads to. Empty when something else proves it (the key
    /// capture, for the last step).
    pub done_when: &'static [Screen],
}

/// How to tell that the page shows a step's screen.
pub struct Screen {
    /// Empty for guides whose site the admin configures (Innoslate); the
    /// dispatcher then decides which origin the guide applies to.
    pub hosts: &'static [&'static str],
    /// At least one must match; empty means any path.
    pub paths: &'static [PathRule],
    /// None may match.
    pub not_paths: &'static [PathRule],
    /// All must be on the page.
    pub all_of: &'static [Signal],
    /// At least one must be on the page, when not empty.
    pub any_of: &'static [Signal],
    /// None may be on the page.
    pub none_of: &'static [Signal],
}

impl Screen {
    /// Any page on these hosts; narrowed with struct-update syntax.
    pub const fn on(hosts: &'static [&'static str]) -> Screen {
        Screen { hosts, paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] }
    }
}

/// A rule on the page's path (and query).
#[derive(Debug, Clone, Copy)]
pub enum PathRule {
    /// The path is exactly this.
    Exact(&'static str),
    /// The path starts with this.
    Prefix(&'static str),
    /// The path ends with this.
    Suffix(&'static str),
    /// The query has this parameter with this value.
    Query(&'static str, &'static str),
}

/// Something visible on the page that tells screens apart.
#[derive(Debug, Clone, Copy)]
pub enum Signal {
    /// A heading with this text.
    Heading(Text),
    /// An open dialog with this name.
    Dialog(Text),
    /// A control of this role with this accessible name.
    Control {
        /// ARIA role, as content scripts report it.
        role: &'static str,
        /// Accessible name.
        name: Text,
    },
    /// A radio, checkbox, tab or option with this name is checked or selected.
    Chosen {
        /// ARIA role, as content scripts report it.
        role: &'static str,
        /// Accessible name.
        name: Text,
    },
}

/// One way to find a control. Fields left `None` are not constrained.
/// Serialized for content scripts, which use a step's locators to spot its
/// control the moment it appears (the core then confirms it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Locator {
    /// The control's ARIA role, if it must have one.
    pub role: Option<&'static str>,
    /// What identifies it.
    pub by: By,
    /// Only while the field is still empty (then the next locator applies).
    pub when_empty: bool,
    /// Only while the option is not yet chosen (then the next locator applies).
    pub until_checked: bool,
    /// Only inside the topmost open dialog.
    pub in_dialog: bool,
    /// Only inside the page section (landmark or group) with this name.
    pub section: Option<Text>,
}

/// What a locator matches a control by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum By {
    /// Its accessible name.
    Name(Text),
    /// The text of its label.
    Label(Text),
    /// Its placeholder.
    Placeholder(Text),
    /// Its `data-testid` (least redesign-proof; last resort).
    TestId(&'static str),
    /// Any element of the role (with the other constraints).
    Role,
}

/// Flat, for the content script's spotter: `{role, by, mode, text,
/// in_dialog, when_empty, until_checked, section_mode, section_text}` with
/// `by` one of name, label, placeholder, test_id, role. Written by hand: a
/// derive on the nested enums costs the core a kilobyte.
impl serde::Serialize for Locator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (by, (mode, text)) = match self.by {
            By::Name(t) => ("name", t.parts()),
            By::Label(t) => ("label", t.parts()),
            By::Placeholder(t) => ("placeholder", t.parts()),
            By::TestId(id) => ("test_id", ("is", id)),
            By::Role => ("role", ("is", "")),
        };
        let section = self.section.map(|t| t.parts());
        let mut out = s.serialize_struct("Locator", 9)?;
        out.serialize_field("role", &self.role)?;
        out.serialize_field("by", by)?;
        out.serialize_field("mode", mode)?;
        out.serialize_field("text", text)?;
        out.serialize_field("in_dialog", &self.in_dialog)?;
        out.serialize_field("when_empty", &self.when_empty)?;
        out.serialize_field("until_checked", &self.until_checked)?;
        out.serialize_field("section_mode", &section.map(|p| p.0))?;
        out.serialize_field("section_text", &section.map(|p| p.1))?;
        out.end()
    }
}

impl Locator {
    /// A control of this role with this accessible name, anywhere.
    pub const fn role_name(role: &'static str, name: Text) -> Locator {
        Locator {
            role: Some(role),
            by: By::Name(name),
            when_empty: false,
            until_checked: false,
            in_dialog: false,
            section: None,
        }
    }
    /// The same, only inside the topmost open dialog.
    pub const fn in_dialog(self) -> Locator {
        Locator { in_dialog: true, ..self }
    }
    /// The same, only while the field is empty.
    pub const fn when_empty(self) -> Locator {
        Locator { when_empty: true, ..self }
    }
    /// The same, only until the option is chosen.
    pub const fn until_checked(self) -> Locator {
        Locator { until_checked: true, ..self }
    }
    /// The same, only inside the named section.
    pub const fn in_section(self, section: Text) -> Locator {
        Locator { section: Some(section), ..self }
    }
}

/// The recognised step and, if found, the element to point at.
#[derive(Debug)]
pub struct Recognition<'g> {
    /// The step whose screen the page shows.
    pub step: &'g Step,
    /// The report's id of the element to point at, if it was found.
    pub target: Option<u32>,
    /// Advice on the choices made so far (the create-key dialog).
    pub advice: Vec<&'static str>,
}

impl std::fmt::Debug for Step {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Step").field("id", &self.id).field("number", &self.number).finish()
    }
}

impl Guide {
    /// The number of the last step ("of M").
    pub fn total(&self) -> u8 {
        self.steps.iter().map(|s| s.number).max().unwrap_or(0)
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The step whose screen the page shows, with the most specific match
    /// winning (more signals matched; a later step on a tie).
    pub fn recognise(&self, page: &PageReport) -> Option<Recognition<'_>> {
        self.recognise_where(page, |_| true)
    }

    /// Like `recognise`, among the steps that `eligible` accepts.
    pub fn recognise_where(&self, page: &PageReport, eligible: impl Fn(&Step) -> bool) -> Option<Recognition<'_>> {
        let host = page.host();
        let step = self
            .steps
            .iter()
            .filter(|step| eligible(step))
            .filter_map(|step| step.screen.score(page, &host).map(|score| (score, step)))
            .max_by_key(|(score, step)| (*score, step.number))?
            .1;
        Some(Recognition {
            step,
            target: step.locate_target(page).map(|e| e.id),
            advice: step.advise.map(|advise| advise(page)).unwrap_or_default(),
        })
    }
}

impl Guide {
    /// The step numbered one higher than `id`'s.
    pub fn next_after(&self, id: &str) -> Option<&Step> {
        let n = self.step(id)?.number;
        self.steps.iter().find(|s| s.number == n + 1)
    }

    /// The step numbered one lower than `id`'s.
    pub fn previous_before(&self, id: &str) -> Option<&Step> {
        let n = self.step(id)?.number;
        self.steps.iter().find(|s| s.number + 1 == n)
    }
}

impl Step {
    /// Whether the page shows this step's screen.
    pub fn screen_matches(&self, page: &PageReport) -> bool {
        self.screen.score(page, &page.host()).is_some()
    }

    /// Whether the page (on `host`, from `page.host()`) proves this step done.
    pub fn done_on(&self, page: &PageReport, host: &str) -> bool {
        self.done_when.iter().any(|screen| screen.score(page, host).is_some())
    }

    /// The element to point at: the first visible match of the best locator
    /// that matches anything.
    pub fn locate_target<'p>(&self, page: &'p PageReport) -> Option<&'p ElementFact> {
        let top_dialog = page.dialogs.len().checked_sub(1).map(|i| i as u32);
        self.target.iter().find_map(|locator| {
            page.elements.iter().filter(|e| e.is_visible()).find(|e| locator.matches(e, top_dialog))
        })
    }
}

impl Screen {
    /// `None` when the page is not this screen, else how specific the match is.
    fn score(&self, page: &PageReport, host: &str) -> Option<u32> {
        if !self.hosts.is_empty() && !self.hosts.contains(&host) {
            return None;
        }
        if !self.paths.is_empty() && !self.paths.iter().any(|p| p.matches(page)) {
            return None;
        }
        if self.not_paths.iter().any(|p| p.matches(page)) {
            return None;
        }
        if !self.all_of.iter().all(|s| s.present(page)) || self.none_of.iter().any(|s| s.present(page)) {
            return None;
        }
        let any_matched = self.any_of.iter().filter(|s| s.present(page)).count() as u32;
        if !self.any_of.is_empty() && any_matched == 0 {
            return None;
        }
        let weight = |s: &Signal| if matches!(s, Signal::Dialog(_)) { 4 } else { 2 };
        Some(1 + self.paths.len().min(1) as u32 + self.all_of.iter().map(weight).sum::<u32>() + any_matched)
    }
}

impl PathRule {
    fn matches(&self, page: &PageReport) -> bool {
        let path = page.path();
        match *self {
            PathRule::Exact(p) => path == p,
            PathRule::Prefix(p) => path.starts_with(p),
            PathRule::Suffix(p) => path.trim_end_matches('/').ends_with(p),
            PathRule::Query(k, v) => page.query_param(k) == Some(v),
        }
    }
}

impl Signal {
    fn present(&self, page: &PageReport) -> bool {
        match self {
            Signal::Heading(t) => page.headings.iter().any(|h| t.matches(h)),
            Signal::Dialog(t) => page.dialogs.iter().any(|d| t.matches(&d.name)),
            Signal::Control { role, name } => {
                page.elements.iter().any(|e| e.is_visible() && e.role == *role && name.matches(&e.name))
            }
            Signal::Chosen { role, name } => page.elements.iter().any(|e| {
                e.role == *role && name.matches(&e.name) && (e.checked == Some(true) || e.selected == Some(true))
            }),
        }
    }
}

impl Locator {
    fn matches(&self, e: &ElementFact, top_dialog: Option<u32>) -> bool {
        if self.role.is_some_and(|r| r != e.role) {
            return false;
        }
        if self.in_dialog && (top_dialog.is_none() || e.dialog != top_dialog) {
            return false;
        }
        if self.when_empty && e.has_value {
            return false;
        }
        if self.until_checked && (e.checked == Some(true) || e.selected == Some(true)) {
            return false;
        }
        if self.section.is_some_and(|s| !s.matches(&e.section)) {
            return false;
        }
        match self.by {
            By::Name(t) => t.matches(&e.name),
            By::Label(t) => t.matches(&e.label) || t.matches(&e.name),
            By::Placeholder(t) => t.matches(&e.placeholder),
            By::TestId(id) => e.test_id == id,
            By::Role => true,
        }
    }
}

#[cfg(test)]
mod tests;
