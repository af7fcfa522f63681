//! The short guide on the Innoslate side: from wherever the admin lands to
//! the Organization Preferences page where the key field is. It applies only
//! on the Innoslate origin the admin configured, and only while a key is
//! waiting to be delivered; the dispatcher enforces both.

use super::{Guide, Locator, Screen, Signal, Step, Text};

/// The Innoslate guide: to Organization Preferences, fill, save.
pub static GUIDE: Guide = Guide { id: "innoslate-transfer", steps: STEPS };

/// Where the fill happens; its screen is decided by the key-field finder,
/// not by signals, so it has none of its own.
pub static FILL_STEP: Step = Step {
    id: "fill-key",
    number: 3,
    title: "Put the key into Innoslate",
    instruction: "The assistant fills the OpenAI API key field for you. Nothing is saved until you press Save.",
    why: "The key goes from OpenAI to this field directly, never through the clipboard.",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "Look for the OpenAI API Key field.",
    target: &[],
    advise: None,
    done_when: &[],
};

/// After the fill: the admin checks and presses Save themselves.
pub static SAVE_STEP: Step = Step {
    id: "press-save",
    number: 4,
    title: "Check and save",
    instruction: "The key is in place. Check the provider settings, then press Save to store it in Innoslate.",
    why: "Innoslate only keeps the key once you save; the assistant never presses Save for you.",
    screen: Screen { hosts: &[], paths: &[], not_paths: &[], all_of: &[], any_of: &[], none_of: &[] },
    look_for: "Look for the Save button at the end of the form.",
    target: &[],
    advise: None,
    done_when: &[],
};

/// The number of steps shown on the Innoslate side ("Step N of 4").
pub const TOTAL: u8 = 4;

static STEPS: &[Step] = &[
    Step {
        id: "open-admin-dashboard",
        number: 1,
        title: "Open the Admin Dashboard",
        instruction: "Your new key is ready to go into Innoslate. Open the Admin Dashboard first.",
        why: "Organization-wide AI settings live under the Admin Dashboard.",
        screen: Screen {
            hosts: &[],
            paths: &[],
            not_paths: &[],
            all_of: &[],
            any_of: &[
                Signal::Control { role: "link", name: Text::Has("Admin Dashboard") },
                Signal::Control { role: "button", name: Text::Has("Admin Dashboard") },
            ],
            none_of: &[Signal::Control { role: "link", name: Text::Has("Organization Preferences") }],
        },
        look_for: "Look for a link or button named Admin Dashboard.",
        target: &[
            Locator::role_name("link", Text::Has("Admin Dashboard")),
            Locator::role_name("button", Text::Has("Admin Dashboard")),
        ],
        advise: None,
        done_when: &[],
    },
    Step {
        id: "open-preferences",
        number: 2,
        title: "Open Organization Preferences",
        instruction: "Open Organization Preferences, where Innoslate keeps the Chat AI and Image AI keys.",
        why: "The OpenAI API key belongs to the whole organization, so it is set in the organization's preferences.",
        screen: Screen {
            hosts: &[],
            paths: &[],
            not_paths: &[],
            all_of: &[],
            any_of: &[
                Signal::Control { role: "link", name: Text::Has("Organization Preferences") },
                Signal::Control { role: "button", name: Text::Has("Organization Preferences") },
                Signal::Control { role: "link", name: Text::Is("Preferences") },
            ],
            none_of: &[],
        },
        look_for: "Look for a link named Organization Preferences on the Admin Dashboard.",
        target: &[
            Locator::role_name("link", Text::Has("Organization Preferences")),
            Locator::role_name("button", Text::Has("Organization Preferences")),
            Locator::role_name("link", Text::Is("Preferences")),
        ],
        advise: None,
        done_when: &[],
    },
];
