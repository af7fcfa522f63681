//! What a key must be allowed to do, by meaning, and how a restricted-key
//! screen grants it.
//!
//! A need says what Innoslate needs ("call models"), which rows grant it and
//! which levels of those rows do, best first. The levels a row offers are
//! read from the page (its choices), so a renamed level ("Write" became
//! "Request") is a data change, and rows the guide does not know (Tunnels,
//! whatever comes next) are never looked at.

use super::advice::{Advice, Part, PlainName};
use super::{is_chosen, role_fits, Scope, Text, CHOICE};
use crate::page_report::{ElementFact, PageReport};

/// One thing the key must be allowed to do.
#[derive(Debug)]
pub struct Need {
    /// What the key may do, in our words, after "may": "list models".
    pub may: &'static str,
    /// What Innoslate could not do without it, after "Innoslate could not".
    pub without: &'static str,
    /// The rows (captions of the row's section) that grant it, best first.
    pub rows: &'static [Text],
    /// The levels that grant it, best first: the first one a row offers is
    /// the one to choose.
    pub levels: &'static [Text],
    /// Rows inside the group that, set alone, do not grant it (per-endpoint
    /// rows of an expandable group).
    pub parts: &'static [Text],
    /// The scope OpenAI names when a call lacks this need.
    pub scope: &'static str,
}

/// How a screen stands with one need.
#[derive(Debug, PartialEq)]
pub enum Standing<'p> {
    /// A granting level is chosen.
    Met,
    /// Not yet: `level` is the offered granting level to choose.
    Unmet {
        /// The row's caption on the page.
        row: &'p str,
        /// The choice to make.
        level: &'p ElementFact,
    },
    /// The group is set per row ("Mixed", or only its parts are set), which
    /// does not grant the need: the group's own control is `control`.
    Mixed {
        /// The row's caption on the page.
        row: &'p str,
        /// The group's own control: its granting level when offered, else
        /// the control that shows Mixed.
        control: Option<&'p ElementFact>,
        /// Whether `control` is the granting level itself.
        is_level: bool,
    },
    /// The row is there but offers no level known to grant the need (or
    /// its levels cannot be read: a drop-down shows only its choice).
    UnknownLevel {
        /// The row's caption on the page.
        row: &'p str,
        /// The row's control, when it has a single one (a drop-down).
        control: Option<&'p ElementFact>,
    },
    /// No row that grants it is on the screen.
    NoRow,
}

/// Where a need points the spotlight.
#[derive(Debug, PartialEq)]
pub enum Pointer<'p> {
    /// Nowhere: the need is met.
    Met,
    /// At the control that meets it.
    At(&'p ElementFact),
    /// Nowhere, though it is unmet: nothing on the page can be told to meet
    /// it, and nothing after it may stand in.
    Nowhere,
}

/// Whether a level's control reads as "Mixed".
const MIXED: Text = Text::Is("Mixed");
/// The level that grants nothing; a part set to it is not "set".
const NONE: Text = Text::Is("None");

impl Need {
    /// The row's name in our words (its first known caption).
    fn our_row(&self) -> &'static str {
        self.rows.first().map_or("", |t| t.parts().1.each().next().unwrap_or(""))
    }

    /// Whether a section caption is one of the need's rows: exactly when any
    /// caption on the page is, else with extra words.
    fn row_elements<'p>(&self, page: &'p PageReport, scope: Scope) -> Vec<&'p ElementFact> {
        let shown = || page.elements.iter().filter(move |e| e.is_visible() && scope.holds(e));
        for exact in [true, false] {
            let fits = |e: &&ElementFact| {
                self.rows.iter().any(|r| if exact { r.matches(&e.section) } else { r.fit(&e.section).is_some() })
            };
            let found: Vec<_> = shown().filter(fits).collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// How the screen stands with this need.
    pub(crate) fn standing<'p>(&self, page: &'p PageReport, scope: Scope) -> Standing<'p> {
        let row = self.row_elements(page, scope);
        let Some(first) = row.first() else { return Standing::NoRow };
        let caption = first.section.as_str();
        let choices: Vec<&ElementFact> = row.iter().copied().filter(|e| role_fits(CHOICE, e)).collect();
        let grants = |e: &ElementFact| self.levels.iter().any(|l| l.fit(&e.name).is_some());
        if choices.iter().any(|e| is_chosen(e) && grants(e)) {
            return Standing::Met;
        }
        // The first granting level the row offers, exact wording first.
        let offered = self.levels.iter().find_map(|level| {
            let fits = |want| choices.iter().copied().find(|e| level.fit(&e.name) == Some(want) && !e.disabled);
            fits(super::Fit::Exact).or_else(|| fits(super::Fit::Loose))
        });
        let shows_mixed = row.iter().copied().find(|e| MIXED.fit(&e.name).is_some() || MIXED.fit(&e.label).is_some());
        let parts_set = page.elements.iter().any(|e| {
            scope.holds(e)
                && role_fits(CHOICE, e)
                && is_chosen(e)
                && NONE.fit(&e.name).is_none()
                && self.parts.iter().any(|p| p.matches(&e.section))
        });
        // A single control for the row (a drop-down or a button that opens
        // one), when its levels are not shown as choices.
        let single = || {
            let mut others = row.iter().copied().filter(|e| !role_fits(CHOICE, e) && !e.disabled);
            others.next().filter(|_| others.next().is_none())
        };
        match (offered, shows_mixed) {
            (level, Some(mixed)) => {
                Standing::Mixed { row: caption, control: level.or(Some(mixed)), is_level: level.is_some() }
            }
            (Some(level), None) if parts_set => Standing::Mixed { row: caption, control: Some(level), is_level: true },
            (Some(level), None) => Standing::Unmet { row: caption, level },
            (None, None) => Standing::UnknownLevel { row: caption, control: single() },
        }
    }

    /// What the callout says about this need, if it is not met.
    pub fn advice(&self, standing: &Standing<'_>) -> Option<Advice> {
        let row_name = |caption: &str| PlainName::from_page(caption);
        let ours = self.our_row();
        Some(match standing {
            Standing::Met => return None,
            Standing::Unmet { row, level } => {
                let row = row_name(row);
                let row = row.as_ref().map_or(Part::Ours(ours), Part::Name);
                match PlainName::from_page(&level.name) {
                    Some(name) => Advice::composed(&[
                        row,
                        Part::Ours(": "),
                        Part::Name(&name),
                        Part::Ours(" is not chosen yet, so Innoslate could not "),
                        Part::Ours(self.without),
                        Part::Ours("."),
                    ]),
                    None => Advice::composed(&[
                        row,
                        Part::Ours(" is not yet at the level that lets the key "),
                        Part::Ours(self.may),
                        Part::Ours(", so Innoslate could not "),
                        Part::Ours(self.without),
                        Part::Ours("."),
                    ]),
                }
            }
            Standing::Mixed { row, control, is_level } => {
                let row = row_name(row);
                let row = row.as_ref().map_or(Part::Ours(ours), Part::Name);
                let level = control.filter(|_| *is_level).and_then(|c| PlainName::from_page(&c.name));
                let mut parts = vec![
                    row,
                    Part::Ours(" is set row by row (Mixed), which is not enough: calls would fail with \u{201c}Missing scopes: "),
                    Part::Ours(self.scope),
                    Part::Ours("\u{201d}. Set "),
                    row,
                    Part::Ours(" itself to "),
                ];
                match &level {
                    Some(level) => parts.push(Part::Name(level)),
                    None => parts.extend([Part::Ours("the level that lets the key "), Part::Ours(self.may)]),
                }
                parts.push(Part::Ours("."));
                Advice::composed(&parts)
            }
            Standing::UnknownLevel { row, .. } => {
                let row = row_name(row);
                Advice::composed(&[
                    Part::Ours("Choose the level of "),
                    row.as_ref().map_or(Part::Ours(ours), Part::Name),
                    Part::Ours(" that lets the key "),
                    Part::Ours(self.may),
                    Part::Ours(": the assistant does not know the levels this page offers."),
                ])
            }
            Standing::NoRow => Advice::composed(&[
                Part::Ours("The key must also be allowed to "),
                Part::Ours(self.may),
                Part::Ours(", and the assistant cannot tell which setting here allows it."),
            ]),
        })
    }

    /// Where to point for this need.
    pub fn pointer<'p>(&self, standing: &Standing<'p>) -> Pointer<'p> {
        match *standing {
            Standing::Met => Pointer::Met,
            Standing::Unmet { level, .. } => Pointer::At(level),
            Standing::Mixed { control: Some(e), .. } | Standing::UnknownLevel { control: Some(e), .. } => {
                Pointer::At(e)
            }
            _ => Pointer::Nowhere,
        }
    }

    /// The ids of what the admin reads and sets for this need: every
    /// control in its rows (so the levels stay in view), and any control
    /// named after a row (the group's own toggle or drop-down).
    pub(crate) fn keep_clear(&self, page: &PageReport, scope: Scope) -> Vec<u32> {
        let mut ids: Vec<u32> = self.row_elements(page, scope).iter().map(|e| e.id).collect();
        for e in page.elements.iter().filter(|e| e.is_visible() && scope.holds(e)) {
            let named = self.rows.iter().any(|r| r.matches(&e.name) || r.matches(&e.label));
            if named && !ids.contains(&e.id) {
                ids.push(e.id);
            }
        }
        ids
    }
}
