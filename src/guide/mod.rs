//! Guides as data, and recognising where the admin is from a page report.
//!
//! A guide is a list of steps. Each step says how to recognise its screen
//! (host, path, what is on it), which control to point at (a ranked list of
//! locators, most redesign-proof first) and what to say. Recognition looks at
//! the live page only, never at a fixed order: accounts that finished
//! onboarding long ago start at the keys page, and sites reorder screens.

pub mod advice;
pub mod innoslate;
pub mod openai;
pub mod permissions;
pub mod policies;
pub mod progress;
mod text;

pub use advice::{Advice, PlainName, SentValue};
pub use permissions::Need;
pub use text::{normalise, Fit, Text, Wordings};

use crate::page_report::{ElementFact, PageReport};

/// A guide: the steps of one task on one site, as data.
pub struct Guide {
    /// Stable name, stored with a tab's progress.
    pub id: &'static str,
    /// Every step, in the documented order.
    pub steps: &'static [Step],
}

/// One screen of a guide: how to recognise it, where to point, what to say.
/// Its texts are message ids of extension/_locales/en/messages.json.
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
    /// What to look for, in plain words, when the control cannot be pointed
    /// at (the page looks different, or several controls could be meant).
    pub look_for: &'static str,
    /// Other words for layouts that differ from the one `instruction` and
    /// `look_for` describe, chosen by what the page shows: the first that
    /// fits wins, so no text names a part of the page it does not have.
    pub wordings: &'static [Wording],
    /// What the key being made must be allowed to do (the restricted
    /// permissions step): pointed at before `target`, each in turn.
    pub needs: &'static [&'static Need],
    /// Ways to find the control to point at, best first.
    pub target: &'static [Locator],
    /// The other controls the instruction names (the next choices, a link
    /// it mentions): the callout must not cover them.
    pub keep_clear: &'static [Locator],
    /// Advice computed from what the admin has chosen so far on this screen.
    pub advise: Option<fn(&PageReport) -> Vec<Advice>>,
    /// Pages that prove the step is done (any one of them), typically the
    /// screen it leads to. Empty when something else proves it (the key
    /// capture, for the last step).
    pub done_when: &'static [Screen],
}

/// A step's words (message ids) for one layout of its screen.
pub struct Wording {
    /// The layout: these words apply when the page is this screen (hosts
    /// left empty: the step's own screen already matched).
    pub when: Screen,
    /// The step's title, for this layout, when it differs from the step's.
    pub title: Option<&'static str>,
    /// What to do, for this layout.
    pub instruction: &'static str,
    /// What to look for, for this layout.
    pub look_for: &'static str,
    /// Where to point, for this layout, when it differs from the step's.
    pub target: Option<&'static [Locator]>,
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
    /// One of the open dialogs is this dialog (by title or by content).
    Dialog(&'static DialogKind),
    /// A group (fieldset, captioned list, section) with this caption holds a
    /// visible control.
    Group(Text),
    /// A read-only field that holds a value (a key shown once, say).
    ReadOnlyValue,
    /// A control of this role with this accessible name.
    Control {
        /// ARIA role, as content scripts report it.
        role: &'static str,
        /// Accessible name.
        name: Text,
    },
    /// A radio, checkbox, tab or option with this name is checked or selected.
    Chosen {
        /// ARIA role, as content scripts report it, or [`CHOICE`].
        role: &'static str,
        /// Accessible name.
        name: Text,
    },
    /// The locator finds an available control (not disabled).
    Finds(Locator),
    /// The locator finds exactly one available control.
    FindsOne(Locator),
    /// A fact of the page that locators cannot express (a policy of the
    /// organisation, say).
    Holds(fn(&PageReport) -> bool),
}

/// A pseudo-role for locators and signals: any control chosen by pressing
/// it (radio, toggle button, switch, checkbox, option, tab), so radios
/// redrawn as toggle buttons keep their meaning.
pub const CHOICE: &str = "choice";

/// Whether `e` has the role `want` asks for ([`CHOICE`] included). A
/// choice is a radio, or any control that reports a checked (aria-pressed
/// included) or selected state.
pub(crate) fn role_fits(want: &str, e: &ElementFact) -> bool {
    if want == CHOICE {
        e.role == "radio" || e.checked.is_some() || e.selected.is_some()
    } else {
        want == e.role
    }
}

/// Whether a choice is checked or selected.
pub(crate) fn is_chosen(e: &ElementFact) -> bool {
    e.checked == Some(true) || e.selected == Some(true)
}

/// A dialog the guide knows, recognised by its title or by what it holds,
/// so a reworded title alone does not lose it.
#[derive(Debug)]
pub struct DialogKind {
    /// The titles it is known by, wording variants included.
    pub titles: &'static [Text],
    /// What it holds, each signal checked inside the dialog only.
    pub content: &'static [Signal],
    /// Titles of other dialogs that hold the same things (editing a key
    /// shows its permissions too): a dialog titled so is never this one.
    pub not_titles: &'static [Text],
}

/// Where a step's control may be: a dialog step's control only in its
/// dialog, any other step's only outside dialogs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Scope {
    Page,
    Dialog(u32),
    OutsideDialogs,
}

impl Scope {
    fn holds(self, e: &ElementFact) -> bool {
        match self {
            Scope::Page => true,
            Scope::Dialog(i) => e.dialog == Some(i),
            Scope::OutsideDialogs => e.dialog.is_none(),
        }
    }
}

impl DialogKind {
    /// How well open dialog `index` fits: a title counts 2, each content
    /// signal 1. Below 2 it is not this dialog.
    fn score(&self, page: &PageReport, index: u32) -> u32 {
        let name = &page.dialogs[index as usize].name;
        if self.not_titles.iter().any(|t| t.fit(name).is_some()) {
            return 0;
        }
        let title = if self.titles.iter().any(|t| t.fit(name).is_some()) { 2 } else { 0 };
        title + self.content.iter().filter(|s| s.present_in(page, Scope::Dialog(index))).count() as u32
    }

    /// Which open dialog this is: the best fit among the modal dialogs when
    /// one is open (nothing behind a modal is in reach), else among all; the
    /// later one on a tie. Never simply the last dialog in page order.
    pub fn find(&self, page: &PageReport) -> Option<u32> {
        let any_modal = page.dialogs.iter().any(|d| d.modal);
        (0..page.dialogs.len() as u32)
            .filter(|&i| !any_modal || page.dialogs[i as usize].modal)
            .map(|i| (self.score(page, i), i))
            .filter(|(score, _)| *score >= 2)
            .max()
            .map(|(_, i)| i)
    }
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
    /// Only inside the page's navigation (a nav landmark).
    pub in_nav: bool,
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
    /// An expiration control not yet chosen (see
    /// [`policies::expiration`]); content scripts do not spot it.
    Expiration,
    /// A field that shows a value nobody may edit (natively or by
    /// `aria-readonly`): what holds a key shown once, never a field the
    /// admin fills in; content scripts do not spot it.
    ReadOnly,
}

/// Flat, for the content script's spotter: `{role, by, mode, text,
/// in_dialog, when_empty, until_checked, section_mode, section_text,
/// in_nav}` with `by` one of name, label, placeholder, test_id, role,
/// expiration, read_only. Written by hand: a
/// derive on the nested enums costs the core a kilobyte.
impl serde::Serialize for Locator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (by, (mode, text)) = match self.by {
            By::Name(t) => ("name", t.parts()),
            By::Label(t) => ("label", t.parts()),
            By::Placeholder(t) => ("placeholder", t.parts()),
            By::TestId(id) => ("test_id", ("is", Wordings::One(id))),
            By::Role => ("role", ("is", Wordings::One(""))),
            By::Expiration => ("expiration", ("is", Wordings::One(""))),
            By::ReadOnly => ("read_only", ("is", Wordings::One(""))),
        };
        let section = self.section.map(|t| t.parts());
        let mut out = s.serialize_struct("Locator", 10)?;
        out.serialize_field("role", &self.role)?;
        out.serialize_field("by", by)?;
        out.serialize_field("mode", mode)?;
        out.serialize_field("text", &text)?;
        out.serialize_field("in_dialog", &self.in_dialog)?;
        out.serialize_field("when_empty", &self.when_empty)?;
        out.serialize_field("until_checked", &self.until_checked)?;
        out.serialize_field("section_mode", &section.map(|p| p.0))?;
        out.serialize_field("section_text", &section.map(|p| p.1))?;
        out.serialize_field("in_nav", &self.in_nav)?;
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
            in_nav: false,
        }
    }
    /// Any control of this role (or [`CHOICE`]), by the other constraints.
    pub const fn any(role: &'static str) -> Locator {
        Locator { by: By::Role, ..Locator::role_name(role, Text::Is("")) }
    }
    /// An expiration control still to be chosen.
    pub const EXPIRATION: Locator =
        Locator { role: None, by: By::Expiration, ..Locator::role_name("", Text::Is("")).in_dialog() };
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
    /// The same, only inside the page's navigation.
    pub const fn in_nav(self) -> Locator {
        Locator { in_nav: true, ..self }
    }
}

/// The recognised step and, if found, the element to point at.
#[derive(Debug)]
pub struct Recognition<'g> {
    /// The step whose screen the page shows.
    pub step: &'g Step,
    /// What to do, in the words for this page's layout.
    pub instruction: &'static str,
    /// The report's id of the element to point at, if it was found.
    pub target: Option<u32>,
    /// Several controls fit equally well (or a dialog nobody recognises
    /// covers the page): no spotlight, and no point waiting for one.
    pub ambiguous: bool,
    /// Advice on the choices made so far (the create-key dialog).
    pub advice: Vec<Advice>,
}

/// What looking for a step's control found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Found<'p> {
    /// Exactly one element fits best.
    Element(&'p ElementFact),
    /// More than one fits equally well, or the control is out of reach
    /// behind a dialog: pointing at any of them could be wrong.
    Ambiguous,
    /// The control to press next is there but disabled: pointing at it
    /// would ask for what cannot be done.
    Unavailable(&'p ElementFact),
    /// Nothing fits (yet).
    Missing,
}

/// The most controls a callout is asked to keep clear.
pub const KEEP_CLEAR_LIMIT: usize = 16;

/// Shown, before the step's `look_for`, when its control was not found.
pub const LOOKS_DIFFERENT: &str = "core_looks_different";
/// Shown, before the step's `look_for`, when several controls could be meant.
pub const CANNOT_TELL: &str = "core_cannot_tell";

impl Found<'_> {
    /// The element's id, if exactly one was found.
    pub fn id(&self) -> Option<u32> {
        match self {
            Found::Element(e) => Some(e.id),
            _ => None,
        }
    }

    /// What the callout adds when nothing is highlighted: why, and what to
    /// look for in plain words (`look_for`, for this page's layout); for a
    /// disabled control, that it cannot be pressed yet.
    pub fn advice(&self, look_for: &'static str) -> Vec<Advice> {
        use advice::Part;
        match self {
            Found::Element(_) => Vec::new(),
            Found::Ambiguous => vec![Advice::ours(CANNOT_TELL), Advice::ours(look_for)],
            Found::Missing => vec![Advice::ours(LOOKS_DIFFERENT), Advice::ours(look_for)],
            Found::Unavailable(e) => {
                let name = PlainName::from_page(&e.name);
                vec![Advice::filled("core_unavailable", &[Part::or_ours(name.as_ref(), "core_unavailable_control")])]
            }
        }
    }
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
        let (instruction, look_for) = step.wording(page);
        let found = step.find_target(page);
        let mut advice = step.advise.map(|advise| advise(page)).unwrap_or_default();
        step.needs_advice(page, &mut advice);
        advice.extend(found.advice(look_for));
        Some(Recognition { step, instruction, target: found.id(), ambiguous: found == Found::Ambiguous, advice })
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

    /// The wording for the page's layout, if it is not the step's own.
    fn layout(&self, page: &PageReport) -> Option<&Wording> {
        self.wordings.iter().find(|w| w.when.score(page, "").is_some())
    }

    /// The step's title in the words for the page's layout.
    pub fn title_on(&self, page: &PageReport) -> &'static str {
        self.layout(page).and_then(|w| w.title).unwrap_or(self.title)
    }

    /// `(instruction, look_for)` in the words for the page's layout.
    pub fn wording(&self, page: &PageReport) -> (&'static str, &'static str) {
        self.layout(page).map_or((self.instruction, self.look_for), |w| (w.instruction, w.look_for))
    }

    /// The locators for the page's layout, best first.
    pub fn targets(&self, page: &PageReport) -> &'static [Locator] {
        self.layout(page).and_then(|w| w.target).unwrap_or(self.target)
    }

    /// The step's control, only when it can be told apart: first what a
    /// need still asks for, then each locator in turn (best first) takes
    /// the element that fits it best, exact wording over extra words; two
    /// equally good fits stop the search, so a weaker locator never points
    /// at one of several look-alikes, and extra words win only when nothing
    /// in reach has the wording itself. Disabled controls are never the
    /// target. A dialog step looks only inside its dialog; other steps look
    /// outside dialogs, and nowhere while a modal dialog covers the page.
    pub fn find_target<'p>(&self, page: &'p PageReport) -> Found<'p> {
        let scope = self.scope(page);
        let Some(scope) = scope else { return Found::Ambiguous };
        for need in self.needs {
            match need.pointer(&need.standing(page, scope)) {
                permissions::Pointer::Met => {}
                permissions::Pointer::At(e) => return Found::Element(e),
                permissions::Pointer::Nowhere => return Found::Missing,
            }
        }
        let mut unavailable = None;
        let targets = self.targets(page);
        for (i, locator) in targets.iter().enumerate() {
            if locator.by == By::Expiration {
                match policies::expiration(page, &|e| scope.holds(e)) {
                    policies::Expiration::Unchosen(e) => return Found::Element(e),
                    // A drop-down that shows no choice by name: point at it
                    // only while it holds up what comes next.
                    policies::Expiration::Unknown(e) if blocked(&targets[i + 1..], page, scope) => {
                        return Found::Element(e)
                    }
                    _ => continue,
                }
            }
            let mut best: Option<(Fit, &ElementFact)> = None;
            let mut tied = false;
            for e in page.elements.iter().filter(|e| e.is_visible() && scope.holds(e)) {
                let Some(fit) = locator.fit(e) else { continue };
                if e.disabled {
                    unavailable = Some(e);
                    continue;
                }
                match best {
                    Some((b, _)) if b > fit => {}
                    Some((b, _)) if b == fit => tied = true,
                    _ => {
                        best = Some((fit, e));
                        tied = false;
                    }
                }
            }
            match best {
                Some(_) if tied => return Found::Ambiguous,
                // Extra words around the wording, while something in reach
                // has (or, recased, resembles) the wording itself: that
                // one is probably meant, in a form not recognised.
                Some((Fit::Loose, e)) if self.wording_elsewhere(page, scope, locator, e) => return Found::Ambiguous,
                Some((_, e)) => return Found::Element(e),
                // A choice still to make whose control is not there at all
                // (not merely made already): the screen is not what the
                // step knows, and the next locator (a submit button, say)
                // must not stand in for it.
                None if locator.until_checked && !self.control_exists(page, scope, locator) => return Found::Missing,
                None => {}
            }
        }
        unavailable.map_or(Found::Missing, Found::Unavailable)
    }
}

/// Whether the control of one of `locators` is there but disabled (with
/// none of its kind available).
fn blocked(locators: &[Locator], page: &PageReport, scope: Scope) -> bool {
    locators.iter().any(|locator| {
        let fits = page.elements.iter().filter(|e| e.is_visible() && scope.holds(e) && locator.fit(e).is_some());
        let (mut disabled, mut enabled) = (false, false);
        for e in fits {
            disabled |= e.disabled;
            enabled |= !e.disabled;
        }
        disabled && !enabled
    })
}

impl Step {
    /// Whether another element in reach, of any role, in the locator's
    /// section, has its wording itself (or a recased look-alike of it).
    fn wording_elsewhere(&self, page: &PageReport, scope: Scope, locator: &Locator, chosen: &ElementFact) -> bool {
        let (By::Name(text) | By::Label(text)) = locator.by else { return false };
        page.elements.iter().any(|e| {
            e.id != chosen.id
                && e.is_visible()
                && scope.holds(e)
                && locator.place_fits(e)
                && (text.matches(&e.name) || text.resembles(&e.name))
        })
    }

    /// Advice on the needs this step's screen does not meet yet, added to
    /// `advice`.
    pub fn needs_advice(&self, page: &PageReport, advice: &mut Vec<Advice>) {
        let Some(scope) = self.scope(page) else { return };
        for need in self.needs {
            advice.extend(need.advice(&need.standing(page, scope)));
        }
    }

    /// The report's ids of the controls the callout must keep clear: what
    /// the step's needs ask the admin to read and set, then every visible
    /// element, in the step's own scope, that fits one of `keep_clear` as
    /// well as any other does (look-alikes included: keeping them all in
    /// view points at none of them), the target left out. At most
    /// [`KEEP_CLEAR_LIMIT`], so a page full of look-alikes cannot leave the
    /// callout nowhere to go.
    pub fn keep_clear(&self, page: &PageReport, target: Option<u32>) -> Vec<u32> {
        let scope = self.scope(page);
        let Some(scope) = scope else { return Vec::new() };
        let mut ids = Vec::new();
        let in_reach = |e: &&ElementFact| e.is_visible() && scope.holds(e) && Some(e.id) != target;
        for e in page.elements.iter().filter(in_reach) {
            if ids.len() < KEEP_CLEAR_LIMIT && self.needs.iter().any(|need| need.keeps_clear(e)) {
                ids.push(e.id);
            }
        }
        for locator in self.keep_clear {
            let fits: Vec<(Fit, u32)> =
                page.elements.iter().filter(in_reach).filter_map(|e| locator.fit(e).map(|fit| (fit, e.id))).collect();
            let Some(best) = fits.iter().map(|(fit, _)| *fit).max() else { continue };
            for (_, id) in fits.into_iter().filter(|(fit, _)| *fit == best) {
                if !ids.contains(&id) && ids.len() < KEEP_CLEAR_LIMIT {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// Whether `locator` finds anything when the choice it waits for is
    /// ignored.
    fn control_exists(&self, page: &PageReport, scope: Scope, locator: &Locator) -> bool {
        let any_state = Locator { until_checked: false, ..*locator };
        page.elements.iter().any(|e| e.is_visible() && scope.holds(e) && any_state.fit(e).is_some())
    }

    /// Where the step's controls may be: in its dialog, or outside dialogs;
    /// nowhere (None) when its dialog is not open, or for a page step while
    /// a modal dialog covers the page.
    pub(crate) fn scope(&self, page: &PageReport) -> Option<Scope> {
        match self.dialog_kind() {
            Some(kind) => kind.find(page).map(Scope::Dialog),
            None if page.dialogs.iter().any(|d| d.modal) => None,
            None => Some(Scope::OutsideDialogs),
        }
    }

    /// The dialog this step happens in, if any.
    fn dialog_kind(&self) -> Option<&'static DialogKind> {
        self.screen.all_of.iter().find_map(|s| match s {
            Signal::Dialog(kind) => Some(*kind),
            _ => None,
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
        self.present_in(page, Scope::Page)
    }

    /// Whether the signal shows among the elements `scope` holds. Names fit
    /// loosely here: a signal is evidence for a screen, never a pointer.
    fn present_in(&self, page: &PageReport, scope: Scope) -> bool {
        let mut visible = page.elements.iter().filter(|e| e.is_visible() && scope.holds(e));
        match self {
            Signal::Heading(t) => page.headings.iter().any(|h| t.fit(h).is_some()),
            Signal::Dialog(kind) => kind.find(page).is_some(),
            Signal::Group(t) => visible.any(|e| t.fit(&e.section).is_some()),
            Signal::ReadOnlyValue => visible.any(|e| e.read_only && e.has_value),
            Signal::Control { role, name } => visible.any(|e| role_fits(role, e) && name.fit(&e.name).is_some()),
            // A choice made, or a drop-down showing it (a choice's role only).
            Signal::Chosen { role, name } => page.elements.iter().any(|e| {
                scope.holds(e)
                    && ((role_fits(role, e) && name.fit(&e.name).is_some() && is_chosen(e))
                        || (*role == CHOICE && name.matches(&e.value_text)))
            }),
            Signal::Finds(locator) => visible.any(|e| !e.disabled && locator.fit(e).is_some()),
            Signal::FindsOne(locator) => visible.filter(|e| !e.disabled && locator.fit(e).is_some()).count() == 1,
            Signal::Holds(fact) => fact(page),
        }
    }
}

impl Locator {
    /// Whether `e` is where the locator looks (dialog, navigation, section),
    /// whatever its role, name and state.
    fn place_fits(&self, e: &ElementFact) -> bool {
        (!self.in_dialog || e.dialog.is_some())
            && (!self.in_nav || e.in_nav)
            && self.section.map_or(true, |s| s.fit(&e.section).is_some())
    }

    /// How well element `e` fits, if at all.
    fn fit(&self, e: &ElementFact) -> Option<Fit> {
        let unchosen = !is_chosen(e);
        if self.role.is_some_and(|r| !role_fits(r, e))
            || (self.in_dialog && e.dialog.is_none())
            || (self.in_nav && !e.in_nav)
            || (self.when_empty && e.has_value)
            || (self.until_checked && !unchosen)
            || self.section.is_some_and(|s| s.fit(&e.section).is_none())
        {
            return None;
        }
        match self.by {
            By::Name(t) => t.fit(&e.name),
            By::Label(t) => t.fit(&e.label).max(t.fit(&e.name)),
            By::Placeholder(t) => t.fit(&e.placeholder),
            By::TestId(id) => (e.test_id == id).then_some(Fit::Exact),
            By::Role => Some(Fit::Exact),
            By::Expiration => policies::is_expiration_control(e).then_some(Fit::Exact),
            By::ReadOnly => e.read_only.then_some(Fit::Exact),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_2026;
#[cfg(test)]
mod tests_drift;
