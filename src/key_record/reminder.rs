//! When to remind the admin of a key's expiry: the toolbar badge from
//! `reminder_days` before it, one system notification at each of
//! [`NOTICE_DAYS`] days before it, and the next moment anything changes,
//! for the background's alarm. Pure arithmetic on a clock passed in, so the
//! schedule is tested with any date.

use serde::Serialize;

const DAY_MS: f64 = 86_400_000.0;
/// Days before expiry with a system notification, most first.
pub const NOTICE_DAYS: [u8; 3] = [14, 7, 1];
/// The badge's lead time unless the organization's policy sets one.
pub const DEFAULT_REMINDER_DAYS: u8 = 14;

/// Where a key stands on its expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryState {
    /// No expiry is known.
    Unknown,
    /// More than the reminder window away.
    Later,
    /// Within the reminder window.
    Soon,
    /// Past.
    Expired,
}

/// The reminder for one key at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    /// Where the key stands.
    pub state: ExpiryState,
    /// Whole days left, rounded up (0 once expired); null without an expiry.
    pub days_left: Option<u32>,
    /// The toolbar badge's text ("" for none).
    pub badge: String,
    /// The notification due now (days before expiry, one of
    /// [`NOTICE_DAYS`]), unless one at that mark or a later one was shown.
    pub notice: Option<u32>,
    /// When to look again (the next change of the days left); null when
    /// nothing will change.
    pub next_ms: Option<f64>,
}

/// The reminder for a key expiring at `expires_ms`, at `now_ms`.
/// `last_notice` is the mark of the last notification shown for it (0 for
/// none): one notification per mark, and none for a mark already passed
/// when a later one is due.
pub fn remind(expires_ms: Option<f64>, now_ms: f64, reminder_days: u8, last_notice: u8) -> Reminder {
    let Some(expires) = expires_ms.filter(|e| e.is_finite()) else {
        return Reminder {
            state: ExpiryState::Unknown,
            days_left: None,
            badge: String::new(),
            notice: None,
            next_ms: None,
        };
    };
    let left = expires - now_ms;
    if left <= 0.0 {
        return Reminder {
            state: ExpiryState::Expired,
            days_left: Some(0),
            badge: "!".into(),
            notice: None,
            next_ms: None,
        };
    }
    // Whole days, rounded up; float formatting stays out of the core.
    let days = (left / DAY_MS).ceil().min(f64::from(u32::MAX)) as u32;
    let soon = days <= u32::from(reminder_days);
    let notice = NOTICE_DAYS
        .iter()
        .rev()
        .find(|&&mark| days <= u32::from(mark))
        .map(|&mark| u32::from(mark))
        .filter(|&mark| last_notice == 0 || mark < u32::from(last_notice));
    let mut badge = String::new();
    if soon {
        badge = format!("{days}d");
    }
    Reminder {
        state: if soon { ExpiryState::Soon } else { ExpiryState::Later },
        days_left: Some(days),
        badge,
        notice,
        // The days left drop by one at each whole day before expiry.
        next_ms: Some(expires - f64::from(days - 1) * DAY_MS),
    }
}
