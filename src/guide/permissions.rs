//! What a key must be allowed to do, by meaning, and how a restricted-key
//! screen grants it.
//!
//! A need says what Innoslate needs ("call models"), which rows grant it and
//! which levels of those rows do, best first. The levels a row offers are
//! read from the page (its choices), so a renamed level ("Write" became
//! "Request") is a data change, and rows the guide does not know (Tunnels,
//! whatever comes next) are never looked at.

use super::advice::{Advice, Part, PlainName};
use super::{is_chosen, role_fits, Fit, Scope, Text, CHOICE};
use crate::page_report::{ElementFact, PageReport};

/// One thing the key must be allowed to do.
#[derive(Debug)]
pub struct Need {
    /// What the key may do, in our words, after "may": "list models".
    pub may: &'static str,
    /// What Innoslate could not do without it, after "Innoslate could not".
    pub without: &'static str,
    /// A granting level in our words, for when the page's name for it is
    /// not plain: "the level that lets the key list models".
    pub granting: &'static str,
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
    /// Not yet: the row's drop-down offers `level`, a granting one.
    Pick {
        /// The row's caption on the page.
        row: &'p str,
        /// The drop-down.
        control: &'p ElementFact,
        /// The option to choose, as the page names it.
        level: &'p str,
    },
    /// The group is set per row ("Mixed", a partly checked control, or only
    /// its parts are set), which does not grant the need: the group's own
    /// control is `control`.
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

/// Whether a level (its rank in a need's `levels`, how well it fits) beats
/// the best so far: the best rank first, the exact wording within it.
fn beats((rank, fit): (usize, Fit), best: Option<(usize, Fit)>) -> bool {
    best.map_or(true, |(r, f)| (rank, std::cmp::Reverse(fit)) < (r, std::cmp::Reverse(f)))
}

/// Whether a level's control reads as "Mixed".
const MIXED: Text = Text::Is("Mixed");
/// The level that grants nothing; a part set to it is not "set".
const NONE: Text = Text::Is("None");

impl Need {
    /// How well `e`'s section caption names one of the need's rows.
    fn row_fit(&self, e: &ElementFact) -> Option<Fit> {
        self.rows.iter().filter_map(|r| r.fit(&e.section)).max()
    }

    /// Whether `e` sits in one of the need's rows, however loosely named.
    fn in_row(&self, e: &ElementFact) -> bool {
        self.row_fit(e).is_some()
    }

    /// The granting level `name` reads as: its rank in `levels` (the
    /// first that fits), and how well it fits.
    fn level_of(&self, name: &str) -> Option<(usize, Fit)> {
        self.levels.iter().enumerate().find_map(|(i, l)| l.fit(name).map(|fit| (i, fit)))
    }

    /// The best granting level among a drop-down's `options`, by name.
    fn best_option<'n>(&self, options: &'n [String]) -> Option<&'n str> {
        let mut best: Option<(usize, Fit, &str)> = None;
        for option in options {
            if let Some((rank, fit)) = self.level_of(option) {
                if beats((rank, fit), best.map(|(r, f, _)| (r, f))) {
                    best = Some((rank, fit, option));
                }
            }
        }
        best.map(|(_, _, option)| option)
    }

    /// How the screen stands with this need, from one pass over the page.
    pub(crate) fn standing<'p>(&self, page: &'p PageReport, scope: Scope) -> Standing<'p> {
        let mut caption = None;
        let mut met = false;
        let mut parts_set = false;
        // The offered granting level: (its rank in `levels`, how well it fits).
        let mut offered: Option<(usize, Fit, &ElementFact)> = None;
        let mut shows_mixed = None;
        let (mut single, mut others) = (None, 0);
        // A drop-down of the row that offers a granting level, and that level.
        let mut picker: Option<(&ElementFact, &str)> = None;
        let in_reach = || page.elements.iter().filter(|e| e.is_visible() && scope.holds(e));
        // Only the rows named as well as any: a "Custom models" row, or a
        // row described as "Train custom models", holds the word "Models"
        // too, and must not stand for the Models row when that is there.
        let best_row = in_reach().filter_map(|e| self.row_fit(e)).max();
        for e in in_reach() {
            let choice = role_fits(CHOICE, e);
            if best_row.is_none() || self.row_fit(e) != best_row {
                parts_set |= choice
                    && is_chosen(e)
                    && NONE.fit(&e.name).is_none()
                    && self.parts.iter().any(|p| p.matches(&e.section));
                continue;
            }
            caption.get_or_insert(e.section.as_str());
            let mixed_shown = [&e.name, &e.label, &e.value_text].into_iter().any(|t| MIXED.fit(t).is_some());
            if shows_mixed.is_none() && (e.mixed || mixed_shown) {
                shows_mixed = Some(e);
            }
            if !choice {
                // A drop-down names the level it shows, and a native one
                // its options: a granting level shown is chosen.
                met |= self.levels.iter().any(|l| l.matches(&e.value_text));
                if !e.disabled && picker.is_none() {
                    picker = self.best_option(&e.options).map(|level| (e, level));
                }
                if !e.disabled {
                    single = Some(e);
                    others += 1;
                }
                continue;
            }
            let Some((rank, fit)) = self.level_of(&e.name) else { continue };
            met |= is_chosen(e);
            if !e.disabled && beats((rank, fit), offered.map(|(r, f, _)| (r, f))) {
                offered = Some((rank, fit, e));
            }
        }
        let Some(row) = caption else { return Standing::NoRow };
        let level = offered.map(|(_, _, e)| e);
        match (level, shows_mixed) {
            _ if met => Standing::Met,
            (level, Some(mixed)) => Standing::Mixed { row, control: level.or(Some(mixed)), is_level: level.is_some() },
            (Some(level), None) if parts_set => Standing::Mixed { row, control: Some(level), is_level: true },
            (Some(level), None) => Standing::Unmet { row, level },
            (None, None) => match picker {
                Some((control, level)) => Standing::Pick { row, control, level },
                None => Standing::UnknownLevel { row, control: single.filter(|_| others == 1) },
            },
        }
    }

    /// What the callout says about this need, if it is not met.
    pub fn advice(&self, standing: &Standing<'_>) -> Option<Advice> {
        let (row, level, template) = match standing {
            Standing::Met => return None,
            Standing::Unmet { row, level } => (*row, Some(level.name.as_str()), "core_need_unmet"),
            Standing::Pick { row, level, .. } => (*row, Some(*level), "core_need_unmet"),
            Standing::Mixed { row, control, is_level } => {
                (*row, control.filter(|_| *is_level).map(|e| e.name.as_str()), "core_need_mixed")
            }
            Standing::UnknownLevel { row, .. } => (*row, None, "core_need_unknown_level"),
            Standing::NoRow => ("", None, "core_need_no_row"),
        };
        let row = PlainName::from_page(row);
        let level = level.and_then(PlainName::from_page);
        let template = match (standing, &level) {
            // "Models: <no name>" reads badly: the whole line in our words.
            (Standing::Unmet { .. } | Standing::Pick { .. }, None) => "core_need_unmet_unnamed",
            _ => template,
        };
        Some(Advice::filled(
            template,
            &[
                // The row's caption as the page has shown it: a control name, not ours to translate.
                row.as_ref().map_or(Part::Shown(self.our_row()), Part::Name),
                Part::or_ours(level.as_ref(), self.granting),
                Part::Ours(self.may),
                Part::Ours(self.without),
                Part::Shown(self.scope),
            ],
        ))
    }

    /// The row's name in our words (its first known caption).
    fn our_row(&self) -> &'static str {
        self.rows.first().map_or("", |t| t.parts().1.each().next().unwrap_or(""))
    }

    /// Where to point for this need.
    pub fn pointer<'p>(&self, standing: &Standing<'p>) -> Pointer<'p> {
        match *standing {
            Standing::Met => Pointer::Met,
            Standing::Unmet { level, .. } => Pointer::At(level),
            Standing::Pick { control, .. } => Pointer::At(control),
            Standing::Mixed { control: Some(e), .. } | Standing::UnknownLevel { control: Some(e), .. } => {
                Pointer::At(e)
            }
            _ => Pointer::Nowhere,
        }
    }

    /// Whether the callout keeps `e` clear for this need: every control in
    /// its rows (so the levels stay in view), and any control named after a
    /// row (the group's own toggle or drop-down).
    pub(crate) fn keeps_clear(&self, e: &ElementFact) -> bool {
        self.in_row(e) || self.rows.iter().any(|r| r.matches(&e.name) || r.matches(&e.label))
    }
}
